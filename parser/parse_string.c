/*
 * Literal decoding: quoted strings (JSON escapes, \uXXXX with surrogate
 * pairs), raw strings, template-string parts, and the checks OPA makes on
 * number literals.
 */
#include "parser/parse_internal.h"

#include <string.h>

/* Numbers whose binary exponent passes this bound are rejected, as OPA
 * does to keep big-number formatting from taking unbounded time.  It is
 * about 1e30103. */
#define NUMBER_MAX_BINARY_EXPONENT 100000

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Read four hex digits at s (n bytes left); -1 when invalid. */
static long read_hex4(const char *s, size_t n)
{
    if (n < 4)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value((unsigned char)s[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static char *put_utf8(char *w, unsigned long cp)
{
    if (cp < 0x80) {
        *w++ = (char)cp;
    } else if (cp < 0x800) {
        *w++ = (char)(0xC0 | (cp >> 6));
        *w++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *w++ = (char)(0xE0 | (cp >> 12));
        *w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *w++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *w++ = (char)(0xF0 | (cp >> 18));
        *w++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *w++ = (char)(0x80 | (cp & 0x3F));
    }
    return w;
}

/* Decode a \u escape at s[i] == 'u'; advances *i past it.  A lone
 * surrogate becomes U+FFFD, as Go's JSON decoder does. */
static char *decode_unicode(const char *s, size_t n, size_t *i, char *w,
                            bool *ok)
{
    long cp = read_hex4(s + *i + 1, n - *i - 1);
    if (cp < 0) {
        *ok = false;
        return w;
    }
    *i += 5;
    if (cp >= 0xD800 && cp < 0xDC00 && *i + 1 < n && s[*i] == '\\' &&
        s[*i + 1] == 'u') {
        long lo = read_hex4(s + *i + 2, n - *i - 2);
        if (lo >= 0xDC00 && lo < 0xE000) {
            *i += 6;
            return put_utf8(w, 0x10000 + (((unsigned long)cp - 0xD800) << 10)
                                   + ((unsigned long)lo - 0xDC00));
        }
    }
    if (cp >= 0xD800 && cp < 0xE000)
        cp = 0xFFFD;
    return put_utf8(w, (unsigned long)cp);
}

static char simple_escape(char c)
{
    switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return 0;
    }
}

/* Decode JSON string content s[0..n) into the arena.  With brace_escape,
 * "\{" stands for "{" (template strings).  false when invalid: a bad
 * escape or, as JSON requires, a raw control character. */
static bool decode_escaped(rg_parser *p, const char *s, size_t n,
                           bool brace_escape, const char **out,
                           uint32_t *len)
{
    char *buf = rg_arena_alloc(p->arena, n + 1);
    char *w = buf;
    bool ok = true;
    for (size_t i = 0; i < n && ok;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20)
            return false;
        if (c != '\\') {
            *w++ = (char)c;
            i++;
            continue;
        }
        if (i + 1 >= n)
            return false;
        char e = s[i + 1];
        if (e == 'u') {
            i++;
            w = decode_unicode(s, n, &i, w, &ok);
        } else if (e == '{' && brace_escape) {
            *w++ = '{';
            i += 2;
        } else if (simple_escape(e)) {
            *w++ = simple_escape(e);
            i += 2;
        } else {
            return false;
        }
    }
    if (!ok)
        return false;
    *w = '\0';
    *out = buf;
    *len = (uint32_t)(w - buf);
    return true;
}

bool rg_parse_string_token(rg_parser *p, const char **out, uint32_t *len)
{
    const rg_token *t = &p->lx.tok;
    const char *s = p->lx.src + t->start + 1;
    size_t n = t->end - t->start - 2;
    if (t->raw || memchr(s, '\\', n) == NULL) {
        *out = rg_arena_strndup(p->arena, s, n);
        *len = (uint32_t)n;
        return true;
    }
    if (decode_escaped(p, s, n, false, out, len))
        return true;
    rg_pstate_error_at(p, t->line, t->col, "illegal string literal: %.*s",
                       (int)(n + 2), s - 1);
    return false;
}

/* Copy raw template text, turning "\{" into "{". */
static void copy_raw_template(rg_parser *p, const char *s, size_t n,
                              const char **out, uint32_t *len)
{
    char *buf = rg_arena_alloc(p->arena, n + 1);
    char *w = buf;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && s[i + 1] == '{')
            i++;
        *w++ = s[i];
    }
    *w = '\0';
    *out = buf;
    *len = (uint32_t)(w - buf);
}

bool rg_parse_string_template(rg_parser *p, const char **out,
                              uint32_t *len)
{
    const rg_token *t = &p->lx.tok;
    const char *text = p->lx.src + t->start;
    size_t skip = text[0] == '$' ? 2 : 1;
    const char *s = text + skip;
    size_t n = t->end - t->start - skip - 1;
    if (t->raw) {
        copy_raw_template(p, s, n, out, len);
        return true;
    }
    if (decode_escaped(p, s, n, true, out, len))
        return true;
    rg_pstate_error_at(p, t->line, t->col,
                       "illegal template-string part: %.*s",
                       (int)(t->end - t->start), text);
    return false;
}

/* An estimate of the number's binary exponent, saturating, from its
 * decimal digits and exponent. */
static long binary_exponent(const char *s, uint32_t n)
{
    uint32_t i = 0;
    long digits = 0;        /* decimal digits before the point */
    long lead_frac = 0;     /* zeros after the point before a digit */
    bool nonzero = false;
    while (i < n && s[i] == '0')
        i++;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
        nonzero = true;
    if (i < n && s[i] == '.') {
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            if (s[i] != '0' && !nonzero)
                nonzero = true;
            else if (!nonzero)
                lead_frac++;
        }
    }
    long exp = 0;
    if (i < n && (s[i] | 0x20) == 'e') {
        bool neg = s[++i] == '-';
        if (s[i] == '+' || s[i] == '-')
            i++;
        for (; i < n && exp < 10000000; i++)
            exp = exp * 10 + (s[i] - '0');
        exp = neg ? -exp : exp;
    }
    if (!nonzero)
        return 0;
    long dec = (digits > 0 ? digits : -lead_frac) + exp;
    return dec * 3322 / 1000;
}

bool rg_parse_string_number(rg_parser *p, const char *text, uint32_t len)
{
    const rg_token *t = &p->lx.tok;
    const char *lit = p->lx.src + t->start;
    uint32_t n = t->end - t->start;
    bool after_point = len > n && text[len - n - 1] == '.';
    if (!after_point && n > 1 && lit[0] == '0' && lit[1] != '.' &&
        !(n > 2 && (lit[1] | 0x20) == 'e')) {
        rg_pstate_illegal(p, "expected number without leading zero");
        return false;
    }
    long e = binary_exponent(text + (text[0] == '-'), len - (text[0] == '-'));
    if (e > NUMBER_MAX_BINARY_EXPONENT || e < -NUMBER_MAX_BINARY_EXPONENT) {
        rg_pstate_error_at(p, t->line, t->col, "number too big");
        return false;
    }
    return true;
}
