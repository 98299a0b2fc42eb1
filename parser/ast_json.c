/*
 * The AST as JSON, for "regolith parse" and for tests.  The schema is
 * documented in docs/ast.md: terms are {"type", "value"} objects as in
 * OPA's JSON AST, with rule kinds and flags spelled out.
 */
#include "parser/parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct jw {
    FILE *out;
    bool locations;
} jw;

static void write_expr(jw *w, const rg_expr *e);
static void write_term(jw *w, const rg_term *t);
static void write_body(jw *w, const rg_body *b);

static void write_string(jw *w, const char *s, size_t n)
{
    FILE *out = w->out;
    putc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            putc('\\', out);
            putc(c, out);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c == '\r') {
            fputs("\\r", out);
        } else if (c < 0x20) {
            fprintf(out, "\\u%04x", c);
        } else {
            putc(c, out);
        }
    }
    putc('"', out);
}

static void write_cstr(jw *w, const char *s)
{
    write_string(w, s, strlen(s));
}

static void key(jw *w, const char *name)
{
    fprintf(w->out, ",\"%s\":", name);
}

static void write_loc(jw *w, const rg_loc *loc)
{
    if (!w->locations)
        return;
    fprintf(w->out, ",\"location\":{\"file\":");
    write_cstr(w, loc->file ? loc->file : "");
    fprintf(w->out, ",\"row\":%u,\"col\":%u,\"offset\":%u,\"length\":%u}",
            loc->line, loc->col, loc->offset, loc->length);
}

static void write_terms(jw *w, rg_term *const *terms, uint32_t n)
{
    putc('[', w->out);
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            putc(',', w->out);
        write_term(w, terms[i]);
    }
    putc(']', w->out);
}

/* Numbers as JSON numbers: ".5" is written 0.5, the digits unchanged. */
static void write_number(jw *w, const char *text, uint32_t len)
{
    if (text[0] == '-') {
        putc('-', w->out);
        text++;
        len--;
    }
    if (text[0] == '.')
        putc('0', w->out);
    fwrite(text, 1, len, w->out);
}

static void write_object_value(jw *w, const rg_term *t)
{
    putc('[', w->out);
    for (uint32_t i = 0; i < t->u.object.count; i++) {
        if (i)
            putc(',', w->out);
        putc('[', w->out);
        write_term(w, t->u.object.keys[i]);
        putc(',', w->out);
        write_term(w, t->u.object.values[i]);
        putc(']', w->out);
    }
    putc(']', w->out);
}

static void write_comprehension(jw *w, const rg_term *t)
{
    putc('{', w->out);
    if (t->u.comp.key) {
        fputs("\"key\":", w->out);
        write_term(w, t->u.comp.key);
        putc(',', w->out);
    }
    fputs("\"term\":", w->out);
    write_term(w, t->u.comp.value);
    key(w, "body");
    write_body(w, &t->u.comp.body);
    putc('}', w->out);
}

static void write_template(jw *w, const rg_term *t)
{
    fprintf(w->out, "{\"multiline\":%s,\"parts\":[",
            t->u.template.multiline ? "true" : "false");
    for (uint32_t i = 0; i < t->u.template.count; i++) {
        const rg_template_part *part = &t->u.template.parts[i];
        fputs(i ? ",{" : "{", w->out);
        if (part->expr) {
            fputs("\"expr\":", w->out);
            write_expr(w, part->expr);
        } else {
            fputs("\"text\":", w->out);
            write_string(w, part->text, part->len);
        }
        putc('}', w->out);
    }
    fputs("]}", w->out);
}

static const char *const term_types[] = {
    [RG_TERM_NULL] = "null",
    [RG_TERM_BOOLEAN] = "boolean",
    [RG_TERM_NUMBER] = "number",
    [RG_TERM_STRING] = "string",
    [RG_TERM_VAR] = "var",
    [RG_TERM_REF] = "ref",
    [RG_TERM_ARRAY] = "array",
    [RG_TERM_OBJECT] = "object",
    [RG_TERM_SET] = "set",
    [RG_TERM_ARRAY_COMP] = "arraycomprehension",
    [RG_TERM_SET_COMP] = "setcomprehension",
    [RG_TERM_OBJECT_COMP] = "objectcomprehension",
    [RG_TERM_CALL] = "call",
    [RG_TERM_TEMPLATE] = "templatestring",
};

static void write_term_value(jw *w, const rg_term *t)
{
    switch (t->kind) {
    case RG_TERM_NULL: fputs("null", w->out); break;
    case RG_TERM_BOOLEAN: fputs(t->u.boolean ? "true" : "false", w->out);
        break;
    case RG_TERM_NUMBER: write_number(w, t->u.number.text, t->u.number.len);
        break;
    case RG_TERM_STRING: write_string(w, t->u.string.bytes, t->u.string.len);
        break;
    case RG_TERM_VAR: write_string(w, t->u.var.name, t->u.var.len); break;
    case RG_TERM_REF: write_terms(w, t->u.ref.parts, t->u.ref.count); break;
    case RG_TERM_ARRAY: case RG_TERM_SET:
        write_terms(w, t->u.collection.items, t->u.collection.count);
        break;
    case RG_TERM_OBJECT: write_object_value(w, t); break;
    case RG_TERM_ARRAY_COMP: case RG_TERM_SET_COMP: case RG_TERM_OBJECT_COMP:
        write_comprehension(w, t);
        break;
    case RG_TERM_CALL: write_terms(w, t->u.call.args, t->u.call.count);
        break;
    case RG_TERM_TEMPLATE: write_template(w, t); break;
    }
}

static bool is_binary_call(const rg_term *t)
{
    return t->kind == RG_TERM_CALL && t->u.call.count == 3;
}

/* A left-deep chain of binary calls ("1 + 2 + ... + n") written with a
 * loop: a chain may be longer than the stack allows recursion. */
static void write_call_chain(jw *w, const rg_term *t)
{
    const rg_term **chain = NULL;
    size_t n = 0, cap = 0;
    for (; is_binary_call(t); t = t->u.call.args[1]) {
        rg_grow((void **)&chain, &cap, n + 1, sizeof *chain);
        chain[n++] = t;
    }
    for (size_t i = 0; i < n; i++) {
        fputs("{\"type\":\"call\",\"value\":[", w->out);
        write_term(w, chain[i]->u.call.args[0]);
        putc(',', w->out);
    }
    write_term(w, t);
    while (n-- > 0) {
        putc(',', w->out);
        write_term(w, chain[n]->u.call.args[2]);
        putc(']', w->out);
        write_loc(w, &chain[n]->loc);
        putc('}', w->out);
    }
    free(chain);
}

static void write_term(jw *w, const rg_term *t)
{
    if (is_binary_call(t) && is_binary_call(t->u.call.args[1])) {
        write_call_chain(w, t);
        return;
    }
    fprintf(w->out, "{\"type\":\"%s\",\"value\":", term_types[t->kind]);
    write_term_value(w, t);
    if (t->kind == RG_TERM_STRING && t->u.string.raw)
        fputs(",\"raw\":true", w->out);
    if (t->kind == RG_TERM_VAR && t->u.var.wildcard)
        fputs(",\"wildcard\":true", w->out);
    write_loc(w, &t->loc);
    putc('}', w->out);
}

static void write_opt_term(jw *w, const char *name, const rg_term *t)
{
    if (t == NULL)
        return;
    key(w, name);
    write_term(w, t);
}

static void write_withs(jw *w, const rg_expr *e)
{
    key(w, "with");
    putc('[', w->out);
    for (uint32_t i = 0; i < e->with_count; i++) {
        fputs(i ? ",{\"target\":" : "{\"target\":", w->out);
        write_term(w, e->withs[i]->target);
        key(w, "value");
        write_term(w, e->withs[i]->value);
        write_loc(w, &e->withs[i]->loc);
        putc('}', w->out);
    }
    putc(']', w->out);
}

static void write_in(jw *w, const char *name, const rg_term *k,
                     const rg_term *v, const rg_term *domain)
{
    key(w, name);
    putc('{', w->out);
    fputs("\"value\":", w->out);
    write_term(w, v);
    write_opt_term(w, "key", k);
    write_opt_term(w, "domain", domain);
}

static void write_expr_terms(jw *w, const rg_expr *e)
{
    switch (e->kind) {
    case RG_EXPR_TERM:
        key(w, "terms");
        write_term(w, e->u.term);
        break;
    case RG_EXPR_CALL:
        key(w, "terms");
        write_terms(w, e->u.call.terms, e->u.call.count);
        break;
    case RG_EXPR_SOME:
        key(w, "some");
        write_terms(w, e->u.some.vars, e->u.some.count);
        break;
    case RG_EXPR_SOME_IN:
        write_in(w, "some_in", e->u.some_in.key, e->u.some_in.value,
                 e->u.some_in.domain);
        putc('}', w->out);
        break;
    case RG_EXPR_EVERY:
        write_in(w, "every", e->u.every.key, e->u.every.value,
                 e->u.every.domain);
        key(w, "body");
        write_body(w, &e->u.every.body);
        putc('}', w->out);
        break;
    case RG_EXPR_AND: case RG_EXPR_OR:
        key(w, e->kind == RG_EXPR_AND ? "and" : "or");
        putc('[', w->out);
        write_expr(w, e->u.logic.lhs);
        putc(',', w->out);
        write_expr(w, e->u.logic.rhs);
        putc(']', w->out);
        break;
    case RG_EXPR_GROUP:
        key(w, "group");
        write_body(w, &e->u.group);
        break;
    }
}

static void write_expr(jw *w, const rg_expr *e)
{
    fprintf(w->out, "{\"index\":%u", e->index);
    if (e->negated)
        fputs(",\"negated\":true", w->out);
    write_expr_terms(w, e);
    if (e->with_count)
        write_withs(w, e);
    write_loc(w, &e->loc);
    putc('}', w->out);
}

static void write_body(jw *w, const rg_body *b)
{
    putc('[', w->out);
    for (uint32_t i = 0; i < b->count; i++) {
        if (i)
            putc(',', w->out);
        write_expr(w, b->exprs[i]);
    }
    putc(']', w->out);
}

const char *rg_rule_kind_name(rg_rule_kind kind)
{
    switch (kind) {
    case RG_RULE_COMPLETE: return "complete";
    case RG_RULE_PARTIAL_SET: return "partial_set";
    case RG_RULE_PARTIAL_OBJECT: return "partial_object";
    case RG_RULE_FUNCTION: return "function";
    case RG_RULE_MULTI_VALUE: return "multi_value";
    }
    return "unknown";
}

static void write_head(jw *w, const rg_head *h)
{
    fputs("{\"ref\":", w->out);
    write_term(w, h->ref);
    if (h->arg_count) {
        key(w, "args");
        write_terms(w, h->args, h->arg_count);
    }
    write_opt_term(w, "key", h->key);
    write_opt_term(w, "value", h->value);
    if (h->assign)
        fputs(",\"assign\":true", w->out);
    if (h->contains)
        fputs(",\"contains\":true", w->out);
    write_loc(w, &h->loc);
    putc('}', w->out);
}

static void write_annotation(jw *w, const rg_annotation *a)
{
    fputs("{\"scope\":", w->out);
    write_cstr(w, a->scope ? a->scope : "");
    key(w, "yaml");
    write_string(w, a->yaml, a->len);
    write_loc(w, &a->loc);
    putc('}', w->out);
}

static void write_rule(jw *w, const rg_rule *r)
{
    fprintf(w->out, "{\"kind\":\"%s\"", rg_rule_kind_name(r->kind));
    if (r->is_default)
        fputs(",\"default\":true", w->out);
    key(w, "head");
    write_head(w, &r->head);
    key(w, "body");
    write_body(w, &r->body);
    if (!r->body_written)
        fputs(",\"body_generated\":true", w->out);
    if (r->if_written)
        fputs(",\"if\":true", w->out);
    if (r->annotation_count) {
        key(w, "annotations");
        putc('[', w->out);
        for (uint32_t i = 0; i < r->annotation_count; i++) {
            if (i)
                putc(',', w->out);
            write_annotation(w, r->annotations[i]);
        }
        putc(']', w->out);
    }
    if (r->else_rule) {
        key(w, "else");
        write_rule(w, r->else_rule);
    }
    write_loc(w, &r->loc);
    putc('}', w->out);
}

static void write_imports(jw *w, const rg_module *m)
{
    key(w, "imports");
    putc('[', w->out);
    for (uint32_t i = 0; i < m->import_count; i++) {
        const rg_import *imp = m->imports[i];
        fputs(i ? ",{\"path\":" : "{\"path\":", w->out);
        write_term(w, imp->path);
        if (imp->alias) {
            key(w, "alias");
            write_cstr(w, imp->alias);
        }
        write_loc(w, &imp->loc);
        putc('}', w->out);
    }
    putc(']', w->out);
}

static void write_module_tail(jw *w, const rg_module *m)
{
    key(w, "rules");
    putc('[', w->out);
    for (uint32_t i = 0; i < m->rule_count; i++) {
        if (i)
            putc(',', w->out);
        write_rule(w, m->rules[i]);
    }
    putc(']', w->out);
    key(w, "annotations");
    putc('[', w->out);
    for (uint32_t i = 0; i < m->annotation_count; i++) {
        if (i)
            putc(',', w->out);
        write_annotation(w, m->annotations[i]);
    }
    putc(']', w->out);
    key(w, "comments");
    putc('[', w->out);
    for (uint32_t i = 0; i < m->comment_count; i++) {
        fputs(i ? ",{\"text\":" : "{\"text\":", w->out);
        write_string(w, m->comments[i].text, m->comments[i].len);
        write_loc(w, &m->comments[i].loc);
        putc('}', w->out);
    }
    putc(']', w->out);
}

void rg_ast_write_module_json(FILE *out, const rg_module *m, bool locations)
{
    jw w = {out, locations};
    fputs("{\"file\":", out);
    write_cstr(&w, m->file);
    fprintf(out, ",\"version\":\"v%d\"", m->version == RG_REGO_V1 ? 1 : 0);
    if (m->v1_compatible)
        fputs(",\"v1_compatible\":true", out);
    fputs(",\"package\":{\"path\":", out);
    write_term(&w, m->package);
    write_loc(&w, &m->package_loc);
    putc('}', out);
    write_imports(&w, m);
    write_module_tail(&w, m);
    fputs("}\n", out);
}

void rg_ast_write_body_json(FILE *out, const rg_body *body, bool locations)
{
    jw w = {out, locations};
    write_body(&w, body);
}

void rg_ast_write_term_json(FILE *out, const rg_term *term, bool locations)
{
    jw w = {out, locations};
    write_term(&w, term);
}
