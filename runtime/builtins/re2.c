/*
 * Go RE2 syntax checked and rewritten for PCRE2 (see re2.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/re2.h"

typedef struct re2_scan {
    const char *pat;
    size_t len;
    size_t i;
    rg_strbuf *out;
    const char **err;
    int quant;          /* 0: last token not a quantifier, 1: it was,
                           2: it was a lazy quantifier */
} re2_scan;

static bool re2_fail(re2_scan *s, const char *what, size_t from,
                     size_t to)
{
    *s->err = rg_arena_printf(s->out->arena, "%s: `%.*s`", what,
                              (int)(to - from), s->pat + from);
    return false;
}

static bool re2_is_octal(char c)
{
    return c >= '0' && c <= '7';
}

/* An octal escape starting at s->i (the backslash). */
static bool re2_octal(re2_scan *s)
{
    size_t j = s->i + 1, start = j;
    char first = s->pat[j];
    if (first != '0' && (j + 1 >= s->len || !re2_is_octal(s->pat[j + 1])))
        return re2_fail(s, "invalid escape sequence", s->i, j + 1);
    while (j < s->len && j - start < 3 && re2_is_octal(s->pat[j]))
        j++;
    rg_strbuf_printf(s->out, "\\o{%.*s}", (int)(j - start), s->pat + start);
    s->i = j;
    return true;
}

/* \Q...\E: copied as is, PCRE2 treats it the same way. */
static void re2_quoted(re2_scan *s)
{
    const char *end = NULL;
    for (size_t j = s->i + 2; j + 1 < s->len && !end; j++)
        if (s->pat[j] == '\\' && s->pat[j + 1] == 'E')
            end = s->pat + j;
    size_t stop = end ? (size_t)(end - s->pat) + 2 : s->len;
    rg_strbuf_add(s->out, s->pat + s->i, stop - s->i);
    if (!end)
        rg_strbuf_adds(s->out, "\\E");
    s->i = stop;
}

/* One escape sequence at s->i, inside a class when in_class. */
static bool re2_escape(re2_scan *s, bool in_class)
{
    if (s->i + 1 >= s->len) {
        *s->err = "trailing backslash at end of expression: ``";
        return false;
    }
    unsigned char c = (unsigned char)s->pat[s->i + 1];
    if (c >= '0' && c <= '9')
        return c <= '7' ? re2_octal(s) :
               re2_fail(s, "invalid escape sequence", s->i, s->i + 2);
    if (c == 'Q') {
        re2_quoted(s);
        return true;
    }
    const char *rewrite = NULL;
    if (c == 'v')
        rewrite = "\\x0b";
    else if (c == 's')
        rewrite = in_class ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]";
    else if (c == 'S' && !in_class)
        rewrite = "[^\\t\\n\\f\\r ]";
    if (rewrite) {
        rg_strbuf_adds(s->out, rewrite);
        s->i += 2;
        return true;
    }
    if (isalnum(c) && !strchr("dDwWbBAzpPftnraxS", c))
        return re2_fail(s, "invalid escape sequence", s->i, s->i + 2);
    if (c >= 0x80)
        return re2_fail(s, "invalid escape sequence", s->i, s->i + 2);
    rg_strbuf_add(s->out, s->pat + s->i, 2);
    s->i += 2;
    return true;
}

/* A character class from '[' to its closing ']'. */
static bool re2_class(re2_scan *s)
{
    size_t start = s->i;
    rg_strbuf_addc(s->out, '[');
    s->i++;
    if (s->i < s->len && s->pat[s->i] == '^')
        rg_strbuf_addc(s->out, s->pat[s->i++]);
    if (s->i < s->len && s->pat[s->i] == ']')
        rg_strbuf_adds(s->out, "\\]"), s->i++;
    while (s->i < s->len && s->pat[s->i] != ']') {
        if (s->pat[s->i] == '\\') {
            if (!re2_escape(s, true))
                return false;
        } else if (s->pat[s->i] == '[' && s->i + 1 < s->len &&
                   s->pat[s->i + 1] == ':') {
            const char *close = strstr(s->pat + s->i, ":]");
            size_t stop = close ? (size_t)(close - s->pat) + 2 : s->len;
            rg_strbuf_add(s->out, s->pat + s->i, stop - s->i);
            s->i = stop;
        } else {
            if (s->pat[s->i] == '[')
                rg_strbuf_addc(s->out, '\\');
            rg_strbuf_addc(s->out, s->pat[s->i++]);
        }
    }
    if (s->i >= s->len)
        return re2_fail(s, "missing closing ]", start, s->len);
    rg_strbuf_addc(s->out, ']');
    s->i++;
    return true;
}

/* After "(?": flags, a non-capturing or a named group. */
static bool re2_group(re2_scan *s)
{
    size_t j = s->i + 2;
    const char *p = s->pat;
    if (j < s->len && p[j] == 'P' && j + 1 < s->len && p[j + 1] == '<')
        j += 2;
    else if (j < s->len && p[j] == '<' && j + 1 < s->len &&
             (isalnum((unsigned char)p[j + 1]) || p[j + 1] == '_'))
        j += 1;
    else {
        while (j < s->len && strchr("imsU-", p[j]) && p[j] != '\0')
            j++;
        if (j >= s->len || (p[j] != ':' && p[j] != ')'))
            return re2_fail(s, "invalid or unsupported Perl syntax", s->i,
                            j < s->len ? j + 1 : s->len);
        rg_strbuf_add(s->out, p + s->i, j + 1 - s->i);
        s->i = j + 1;
        return true;
    }
    size_t name = j;
    while (j < s->len && (isalnum((unsigned char)p[j]) || p[j] == '_'))
        j++;
    if (j >= s->len || p[j] != '>' || j == name)
        return re2_fail(s, "invalid named capture", s->i,
                        j < s->len ? j + 1 : s->len);
    rg_strbuf_printf(s->out, "(?<%.*s>", (int)(j - name), p + name);
    s->i = j + 1;
    return true;
}

/* Parse {n}, {n,} or {n,m} at s->i; false (consuming nothing) when the
 * brace does not start a repeat.  *bad is set for a count over the
 * limit. */
static bool re2_braces(re2_scan *s, size_t *end, bool *bad)
{
    const char *p = s->pat;
    size_t j = s->i + 1;
    long lo = -1, hi = -1;
    if (j >= s->len || !isdigit((unsigned char)p[j]))
        return false;
    lo = strtol(p + j, NULL, 10);
    while (j < s->len && isdigit((unsigned char)p[j]))
        j++;
    if (j < s->len && p[j] == ',') {
        j++;
        if (j < s->len && isdigit((unsigned char)p[j])) {
            hi = strtol(p + j, NULL, 10);
            while (j < s->len && isdigit((unsigned char)p[j]))
                j++;
        }
    }
    if (j >= s->len || p[j] != '}')
        return false;
    *end = j + 1;
    *bad = lo > RG_RE2_MAX_REPEAT || hi > RG_RE2_MAX_REPEAT ||
           (hi >= 0 && hi < lo);
    return true;
}

/* A quantifier at s->i (*, +, ? or a brace repeat). */
static bool re2_quantifier(re2_scan *s, size_t end)
{
    if (s->quant == 1 && end == s->i + 1 && s->pat[s->i] == '?') {
        s->quant = 2;
        rg_strbuf_addc(s->out, '?');
        s->i = end;
        return true;
    }
    if (s->quant)
        return re2_fail(s, "invalid nested repetition operator",
                        s->i - 1, end);
    rg_strbuf_add(s->out, s->pat + s->i, end - s->i);
    s->i = end;
    s->quant = 1;
    return true;
}

static bool re2_token(re2_scan *s)
{
    char c = s->pat[s->i];
    size_t end;
    bool bad;
    if (c == '*' || c == '+' || c == '?')
        return re2_quantifier(s, s->i + 1);
    if (c == '{' && re2_braces(s, &end, &bad)) {
        if (bad)
            return re2_fail(s, "invalid repeat count", s->i, end);
        return re2_quantifier(s, end);
    }
    s->quant = 0;
    if (c == '\\')
        return re2_escape(s, false);
    if (c == '[')
        return re2_class(s);
    if (c == '(' && s->i + 1 < s->len && s->pat[s->i + 1] == '?')
        return re2_group(s);
    if (c == '(' && s->i + 1 < s->len && s->pat[s->i + 1] == '*')
        return re2_fail(s, "missing argument to repetition operator",
                        s->i + 1, s->i + 2);
    if (c == '{' || c == '}')
        rg_strbuf_addc(s->out, '\\');
    rg_strbuf_addc(s->out, c);
    s->i++;
    return true;
}

bool rg_re2_translate(const char *pat, size_t len, rg_strbuf *out,
                      const char **err)
{
    re2_scan s = { pat, len, 0, out, err, 0 };
    while (s.i < len)
        if (!re2_token(&s))
            return false;
    return true;
}
