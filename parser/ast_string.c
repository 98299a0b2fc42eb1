/*
 * Rego text for terms, as OPA prints them in parse errors: "p", "a.b[x]",
 * "data.x[\"a b\"]", "[1, 2]".  Used only for messages.
 */
#include "parser/parse_internal.h"

#include <stdio.h>
#include <string.h>

/* Longest text kept for a message; longer terms are cut with "...". */
#define TERM_STRING_MAX 200

typedef struct sbuf {
    char data[TERM_STRING_MAX + 4];
    size_t len;
} sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
    size_t room = TERM_STRING_MAX - b->len;
    if (n > room) {
        memcpy(b->data + b->len, s, room);
        b->len = TERM_STRING_MAX;
        memcpy(b->data + b->len, "...", 3);
        b->len += 3;
        return;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

static void puts_(sbuf *b, const char *s)
{
    if (b->len < TERM_STRING_MAX)
        put(b, s, strlen(s));
}

static void write_term(sbuf *b, const rg_term *t);

static bool is_identifier(const char *s, uint32_t n)
{
    if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') ||
                    (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
        return false;
    for (uint32_t i = 1; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

static void write_list(sbuf *b, rg_term *const *items, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            puts_(b, ", ");
        write_term(b, items[i]);
    }
}

static void write_ref(sbuf *b, const rg_term *t)
{
    write_term(b, t->u.ref.parts[0]);
    for (uint32_t i = 1; i < t->u.ref.count; i++) {
        const rg_term *part = t->u.ref.parts[i];
        if (part->kind == RG_TERM_STRING &&
            is_identifier(part->u.string.bytes, part->u.string.len)) {
            puts_(b, ".");
            put(b, part->u.string.bytes, part->u.string.len);
        } else {
            puts_(b, "[");
            write_term(b, part);
            puts_(b, "]");
        }
    }
}

static void write_object(sbuf *b, const rg_term *t)
{
    puts_(b, "{");
    for (uint32_t i = 0; i < t->u.object.count; i++) {
        if (i)
            puts_(b, ", ");
        write_term(b, t->u.object.keys[i]);
        puts_(b, ": ");
        write_term(b, t->u.object.values[i]);
    }
    puts_(b, "}");
}

static void write_term(sbuf *b, const rg_term *t)
{
    switch (t->kind) {
    case RG_TERM_NULL: puts_(b, "null"); break;
    case RG_TERM_BOOLEAN: puts_(b, t->u.boolean ? "true" : "false"); break;
    case RG_TERM_NUMBER: put(b, t->u.number.text, t->u.number.len); break;
    case RG_TERM_STRING:
        puts_(b, "\"");
        put(b, t->u.string.bytes, t->u.string.len);
        puts_(b, "\"");
        break;
    case RG_TERM_VAR: put(b, t->u.var.name, t->u.var.len); break;
    case RG_TERM_REF: write_ref(b, t); break;
    case RG_TERM_ARRAY:
        puts_(b, "[");
        write_list(b, t->u.collection.items, t->u.collection.count);
        puts_(b, "]");
        break;
    case RG_TERM_SET:
        if (t->u.collection.count == 0) {
            puts_(b, "set()");
            break;
        }
        puts_(b, "{");
        write_list(b, t->u.collection.items, t->u.collection.count);
        puts_(b, "}");
        break;
    case RG_TERM_OBJECT: write_object(b, t); break;
    case RG_TERM_CALL:
        write_term(b, t->u.call.args[0]);
        puts_(b, "(");
        write_list(b, t->u.call.args + 1, t->u.call.count - 1);
        puts_(b, ")");
        break;
    default:
        puts_(b, "<");
        puts_(b, rg_ast_value_name(t));
        puts_(b, ">");
        break;
    }
}

const char *rg_ast_term_string(rg_parser *p, const rg_term *t)
{
    sbuf b;
    b.len = 0;
    write_term(&b, t);
    return rg_arena_strndup(p->arena, b.data, b.len);
}
