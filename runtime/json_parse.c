/*
 * JSON parser producing exact values; see runtime/json.h.
 */
#include "runtime/json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/utf8.h"

typedef struct parser {
    const char *s;
    size_t len;
    size_t pos;
    rg_arena *arena;
    rg_intern *keys;
    const char *file;
    rg_errors *errs;
    int depth;
    bool failed;
    rg_buf scratch;             /* decoded string bytes */
    const rg_value **stack;     /* items of open arrays and objects */
    size_t top;
    size_t cap;
} parser;

static const rg_value *parse_value(parser *p);

/* ---- Errors -------------------------------------------------------------- */

static void position(const parser *p, size_t at, int *line, int *col)
{
    int l = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < at && i < p->len; i++) {
        if (p->s[i] == '\n') {
            l++;
            line_start = i + 1;
        }
    }
    *line = l;
    *col = (int)(at - line_start) + 1;
}

/* Describe the input at offset at for "found X". */
static void describe(const parser *p, size_t at, char *out, size_t size)
{
    if (at >= p->len) {
        snprintf(out, size, "end of input");
        return;
    }
    unsigned char c = (unsigned char)p->s[at];
    if (c >= 0x20 && c < 0x7f)
        snprintf(out, size, "'%c'", c);
    else
        snprintf(out, size, "byte 0x%02x", c);
}

static const rg_value *fail(parser *p, size_t at, const char *fmt, ...)
    RG_PRINTF(3, 4);

static const rg_value *fail(parser *p, size_t at, const char *fmt, ...)
{
    if (p->failed)
        return NULL;
    p->failed = true;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line, col;
    position(p, at, &line, &col);
    rg_errors_add(p->errs, RG_JSON_ERROR, p->file, line, col, "%s", msg);
    return NULL;
}

static const rg_value *expected(parser *p, const char *wanted)
{
    char found[32];
    describe(p, p->pos, found, sizeof found);
    return fail(p, p->pos, "invalid JSON: expected %s, found %s", wanted,
                found);
}

/* ---- Lexical helpers ----------------------------------------------------- */

static void skip_ws(parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

static bool peek_is(parser *p, char c)
{
    return p->pos < p->len && p->s[p->pos] == c;
}

static void push(parser *p, const rg_value *v)
{
    rg_grow((void **)&p->stack, &p->cap, p->top + 1, sizeof *p->stack);
    p->stack[p->top++] = v;
}

static const rg_value *parse_literal(parser *p, const char *word,
                                     const rg_value *v)
{
    size_t n = strlen(word);
    if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
        return expected(p, "a JSON value");
    p->pos += n;
    return v;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static const rg_value *parse_number(parser *p)
{
    size_t start = p->pos;
    size_t i = p->pos;
    while (i < p->len && (is_digit(p->s[i]) || p->s[i] == '-' ||
                          p->s[i] == '+' || p->s[i] == '.' ||
                          p->s[i] == 'e' || p->s[i] == 'E'))
        i++;
    const rg_value *v = rg_number_parse(p->arena, p->s + start, i - start);
    if (v == NULL)
        return fail(p, start, "invalid JSON: expected a number, found "
                    "'%.*s'", (int)(i - start > 40 ? 40 : i - start),
                    p->s + start);
    p->pos = i;
    return v;
}

/* ---- Strings ------------------------------------------------------------- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Read 4 hex digits at p->pos + 2 (after "\u"); -1 when invalid. */
static int32_t read_u4(parser *p, size_t at)
{
    if (p->len - at < 6 || p->s[at] != '\\' || p->s[at + 1] != 'u')
        return -1;
    int32_t v = 0;
    for (size_t i = at + 2; i < at + 6; i++) {
        int h = hex_value(p->s[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Decode a \u escape (and its low surrogate) at p->pos. */
static bool unicode_escape(parser *p)
{
    int32_t cp = read_u4(p, p->pos);
    if (cp < 0) {
        fail(p, p->pos, "invalid JSON: expected 4 hex digits after \\u");
        return false;
    }
    p->pos += 6;
    if (cp >= 0xD800 && cp < 0xDC00) {
        int32_t lo = read_u4(p, p->pos);
        if (lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            p->pos += 6;
        } else {
            cp = 0xFFFD;
        }
    } else if (cp >= 0xDC00 && cp < 0xE000) {
        cp = 0xFFFD;
    }
    char out[4];
    rg_buf_append(&p->scratch, out, rg_utf8_encode((uint32_t)cp, out));
    return true;
}

static bool simple_escape(parser *p)
{
    static const char from[] = "\"\\/bfnrt";
    static const char to[] = "\"\\/\b\f\n\r\t";
    char c = p->pos + 1 < p->len ? p->s[p->pos + 1] : '\0';
    const char *hit = c ? strchr(from, c) : NULL;
    if (hit == NULL) {
        p->pos++;
        expected(p, "an escape character (\" \\ / b f n r t u)");
        return false;
    }
    rg_buf_putc(&p->scratch, to[hit - from]);
    p->pos += 2;
    return true;
}

/* Copy one raw (unescaped) character, validating UTF-8. */
static bool raw_char(parser *p)
{
    unsigned char c = (unsigned char)p->s[p->pos];
    if (c < 0x20) {
        expected(p, "a string character (control characters must be "
                    "escaped)");
        return false;
    }
    uint32_t cp;
    size_t n = rg_utf8_decode((const unsigned char *)p->s + p->pos,
                              p->len - p->pos, &cp);
    if (n == 0) {
        expected(p, "valid UTF-8");
        return false;
    }
    rg_buf_append(&p->scratch, p->s + p->pos, n);
    p->pos += n;
    return true;
}

/* Parse the string at p->pos (on its quote) into p->scratch. */
static bool parse_string_bytes(parser *p)
{
    rg_buf_clear(&p->scratch);
    p->pos++;
    for (;;) {
        size_t run = p->pos;
        while (run < p->len && p->s[run] != '"' && p->s[run] != '\\' &&
               (unsigned char)p->s[run] >= 0x20 &&
               (unsigned char)p->s[run] < 0x80)
            run++;
        rg_buf_append(&p->scratch, p->s + p->pos, run - p->pos);
        p->pos = run;
        if (p->pos >= p->len) {
            expected(p, "'\"' to close the string");
            return false;
        }
        char c = p->s[p->pos];
        if (c == '"') {
            p->pos++;
            return true;
        }
        bool ok = c != '\\' ? raw_char(p)
                  : p->pos + 1 < p->len && p->s[p->pos + 1] == 'u'
                      ? unicode_escape(p)
                      : simple_escape(p);
        if (!ok)
            return false;
    }
}

static const rg_value *parse_string(parser *p, bool key)
{
    if (!parse_string_bytes(p))
        return NULL;
    if (key && p->keys)
        return rg_intern_string(p->keys, p->scratch.data ? p->scratch.data
                                                         : "",
                                p->scratch.len);
    return rg_string(p->arena, p->scratch.data, p->scratch.len);
}

/* ---- Arrays and objects -------------------------------------------------- */

static bool enter(parser *p)
{
    if (++p->depth > RG_JSON_MAX_DEPTH) {
        fail(p, p->pos, "invalid JSON: nesting deeper than %d levels",
             RG_JSON_MAX_DEPTH);
        return false;
    }
    p->pos++;
    skip_ws(p);
    return true;
}

static const rg_value *parse_array(parser *p)
{
    if (!enter(p))
        return NULL;
    size_t base = p->top;
    if (peek_is(p, ']')) {
        p->pos++;
    } else {
        for (;;) {
            const rg_value *item = parse_value(p);
            if (item == NULL)
                return NULL;
            push(p, item);
            skip_ws(p);
            if (peek_is(p, ']')) {
                p->pos++;
                break;
            }
            if (!peek_is(p, ','))
                return expected(p, "',' or ']' after an array item");
            p->pos++;
        }
    }
    p->depth--;
    const rg_value *v = rg_array(p->arena, p->stack + base, p->top - base);
    p->top = base;
    return v;
}

/* Parse "key": value at p->pos and push both. */
static bool parse_member(parser *p)
{
    skip_ws(p);
    if (!peek_is(p, '"')) {
        expected(p, "'\"' to start an object key");
        return false;
    }
    const rg_value *key = parse_string(p, true);
    if (key == NULL)
        return false;
    skip_ws(p);
    if (!peek_is(p, ':')) {
        expected(p, "':' after an object key");
        return false;
    }
    p->pos++;
    const rg_value *val = parse_value(p);
    if (val == NULL)
        return false;
    push(p, key);
    push(p, val);
    return true;
}

static const rg_value *finish_object(parser *p, size_t base)
{
    size_t n = (p->top - base) / 2;
    rg_builder *b = rg_object_builder(p->arena, n);
    for (size_t i = base; i < p->top; i += 2)
        rg_builder_set(b, p->stack[i], p->stack[i + 1]);
    p->top = base;
    return rg_builder_finish(b);
}

static const rg_value *parse_object(parser *p)
{
    if (!enter(p))
        return NULL;
    size_t base = p->top;
    if (peek_is(p, '}')) {
        p->pos++;
    } else {
        for (;;) {
            if (!parse_member(p))
                return NULL;
            skip_ws(p);
            if (peek_is(p, '}')) {
                p->pos++;
                break;
            }
            if (!peek_is(p, ','))
                return expected(p, "',' or '}' after an object member");
            p->pos++;
        }
    }
    p->depth--;
    return finish_object(p, base);
}

static const rg_value *parse_value(parser *p)
{
    skip_ws(p);
    if (p->pos >= p->len)
        return expected(p, "a JSON value");
    char c = p->s[p->pos];
    switch (c) {
    case '{':
        return parse_object(p);
    case '[':
        return parse_array(p);
    case '"':
        return parse_string(p, false);
    case 't':
        return parse_literal(p, "true", rg_bool(true));
    case 'f':
        return parse_literal(p, "false", rg_bool(false));
    case 'n':
        return parse_literal(p, "null", rg_null());
    default:
        if (c == '-' || is_digit(c))
            return parse_number(p);
        return expected(p, "a JSON value");
    }
}

const rg_value *rg_json_parse(rg_arena *arena, const char *text, size_t len,
                              const char *file, rg_intern *keys,
                              rg_errors *errs)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.s = text;
    p.len = len;
    p.arena = arena;
    p.keys = keys;
    p.file = file;
    p.errs = errs;
    rg_buf_init(&p.scratch);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        p.pos = 3;
    const rg_value *v = parse_value(&p);
    if (v) {
        skip_ws(&p);
        if (p.pos < p.len)
            v = expected(&p, "end of input after the JSON value");
    }
    rg_buf_free(&p.scratch);
    free(p.stack);
    return v;
}
