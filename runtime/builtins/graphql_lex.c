/*
 * The GraphQL lexer.  Whitespace, commas, comments and a leading byte
 * order mark are skipped.  String escapes are decoded; block strings get
 * the specification's common-indent removal and blank-line trimming.
 */
#include "runtime/builtins/graphql_lex.h"

#include <stdio.h>
#include <string.h>

#include "runtime/builtins/strbuf.h"

static const char *const kind_names[] = {
    "<Invalid>", "<EOF>", "!", "$", "&", "(", ")", "...", ":", "=", "@",
    "[", "]", "{", "|", "}", "Name", "Int", "Float", "String", "BlockString",
};

const char *rg_graphql_lex_kind_name(rg_gql_tok kind)
{
    return kind_names[kind];
}

const char *rg_graphql_lex_describe(rg_arena *arena, const rg_gql_token *t)
{
    if (t->kind < RG_GQL_NAME || !t->value[0])
        return kind_names[t->kind];
    rg_strbuf b;
    rg_strbuf_init(&b, arena);
    rg_strbuf_printf(&b, "%s \"", kind_names[t->kind]);
    for (const char *p = t->value; *p; p++) {
        if (*p == '"' || *p == '\\')
            rg_strbuf_addc(&b, '\\');
        if (*p == '\n')
            rg_strbuf_adds(&b, "\\n");
        else
            rg_strbuf_addc(&b, *p);
    }
    rg_strbuf_addc(&b, '"');
    return b.data;
}

void rg_graphql_lex_init(rg_gql_lexer *lx, rg_arena *arena, const char *src,
                         size_t len)
{
    lx->arena = arena;
    lx->src = src;
    lx->len = len;
    lx->pos = 0;
    lx->line = 1;
    lx->line_start = 0;
    if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0)
        lx->pos = 3;
}

/* Column in characters (UTF-8 lead bytes) of byte offset pos. */
static int column_of(const rg_gql_lexer *lx, size_t pos)
{
    int col = 1;
    for (size_t i = lx->line_start; i < pos; i++)
        col += ((unsigned char)lx->src[i] & 0xc0) != 0x80;
    return col;
}

static void newline(rg_gql_lexer *lx, size_t next)
{
    lx->line++;
    lx->line_start = next;
}

static void skip_ignored(rg_gql_lexer *lx)
{
    while (lx->pos < lx->len) {
        char c = lx->src[lx->pos];
        if (c == ' ' || c == '\t' || c == ',') {
            lx->pos++;
        } else if (c == '\n') {
            newline(lx, ++lx->pos);
        } else if (c == '\r') {
            lx->pos++;
            if (lx->pos < lx->len && lx->src[lx->pos] == '\n')
                lx->pos++;
            newline(lx, lx->pos);
        } else if (c == '#') {
            while (lx->pos < lx->len && lx->src[lx->pos] != '\n' &&
                   lx->src[lx->pos] != '\r')
                lx->pos++;
        } else {
            break;
        }
    }
}

static rg_gql_token make(rg_gql_lexer *lx, rg_gql_tok kind, size_t start,
                         const char *value)
{
    rg_gql_token t = { kind, value ? value : "", lx->line,
                       column_of(lx, start) };
    return t;
}

/* An invalid token at byte offset at (its line must be current). */
static rg_gql_token invalid(rg_gql_lexer *lx, size_t at)
{
    return make(lx, RG_GQL_INVALID, at, NULL);
}

static bool is_name_start(char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static rg_gql_token read_name(rg_gql_lexer *lx)
{
    size_t start = lx->pos;
    while (lx->pos < lx->len &&
           (is_name_start(lx->src[lx->pos]) || is_digit(lx->src[lx->pos])))
        lx->pos++;
    return make(lx, RG_GQL_NAME, start,
                rg_arena_strndup(lx->arena, lx->src + start,
                                 lx->pos - start));
}

static bool read_digits(rg_gql_lexer *lx)
{
    if (lx->pos >= lx->len || !is_digit(lx->src[lx->pos]))
        return false;
    while (lx->pos < lx->len && is_digit(lx->src[lx->pos]))
        lx->pos++;
    return true;
}

static rg_gql_token read_number(rg_gql_lexer *lx)
{
    size_t start = lx->pos;
    bool is_float = false;
    if (lx->src[lx->pos] == '-')
        lx->pos++;
    if (lx->pos < lx->len && lx->src[lx->pos] == '0') {
        lx->pos++;
        if (lx->pos < lx->len && is_digit(lx->src[lx->pos]))
            return invalid(lx, lx->pos);
    } else if (!read_digits(lx)) {
        return invalid(lx, lx->pos);
    }
    if (lx->pos < lx->len && lx->src[lx->pos] == '.') {
        is_float = true;
        lx->pos++;
        if (!read_digits(lx))
            return invalid(lx, lx->pos);
    }
    if (lx->pos < lx->len && (lx->src[lx->pos] == 'e' ||
                              lx->src[lx->pos] == 'E')) {
        is_float = true;
        lx->pos++;
        if (lx->pos < lx->len && (lx->src[lx->pos] == '+' ||
                                  lx->src[lx->pos] == '-'))
            lx->pos++;
        if (!read_digits(lx))
            return invalid(lx, lx->pos);
    }
    if (lx->pos < lx->len && (is_name_start(lx->src[lx->pos]) ||
                              lx->src[lx->pos] == '.'))
        return invalid(lx, lx->pos);
    return make(lx, is_float ? RG_GQL_FLOAT : RG_GQL_INT, start,
                rg_arena_strndup(lx->arena, lx->src + start,
                                 lx->pos - start));
}

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

static bool read_escape(rg_gql_lexer *lx, rg_strbuf *b)
{
    char e = lx->pos < lx->len ? lx->src[lx->pos++] : '\0';
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *m = e ? strchr(from, e) : NULL;
    if (m) {
        rg_strbuf_addc(b, to[m - from]);
        return true;
    }
    if (e != 'u' || lx->pos + 4 > lx->len)
        return false;
    int cp = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value(lx->src[lx->pos + (size_t)i]);
        if (h < 0)
            return false;
        cp = cp * 16 + h;
    }
    lx->pos += 4;
    rg_strbuf_rune(b, cp);
    return true;
}

static rg_gql_token read_string(rg_gql_lexer *lx)
{
    size_t start = lx->pos++;
    rg_strbuf b;
    rg_strbuf_init(&b, lx->arena);
    while (lx->pos < lx->len) {
        char c = lx->src[lx->pos];
        if (c == '"') {
            lx->pos++;
            /* gqlparser places string tokens after the opening quote. */
            rg_gql_token t = make(lx, RG_GQL_STRING, start + 1,
                                  b.data ? b.data : "");
            return t;
        }
        if (c == '\n' || c == '\r')
            break;
        lx->pos++;
        if (c == '\\') {
            if (!read_escape(lx, &b))
                return invalid(lx, lx->pos - 1);
            continue;
        }
        rg_strbuf_addc(&b, c);
    }
    return invalid(lx, lx->pos);
}

static bool blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

/* The specification's BlockStringValue: drop the common indentation of
 * all lines but the first, then the leading and trailing blank lines. */
static const char *block_value(rg_arena *arena, const char *raw, size_t len)
{
    size_t max_lines = 1;
    for (size_t i = 0; i < len; i++)
        max_lines += raw[i] == '\n' || raw[i] == '\r';
    const char **lines = rg_arena_alloc(arena, max_lines * sizeof *lines);
    size_t *lens = rg_arena_alloc(arena, max_lines * sizeof *lens);
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= len && n < max_lines; i++) {
        if (i == len || raw[i] == '\n' || raw[i] == '\r') {
            lines[n] = raw + start;
            lens[n++] = i - start;
            if (i < len && raw[i] == '\r' && i + 1 < len && raw[i + 1] == '\n')
                i++;
            start = i + 1;
        }
    }
    size_t common = (size_t)-1;
    for (size_t i = 1; i < n; i++) {
        size_t ind = 0;
        while (ind < lens[i] && (lines[i][ind] == ' ' || lines[i][ind] == '\t'))
            ind++;
        if (ind < lens[i] && ind < common)
            common = ind;
    }
    size_t first = 0, last = n;
    while (first < n && blank_line(lines[first], lens[first]))
        first++;
    while (last > first && blank_line(lines[last - 1], lens[last - 1]))
        last--;
    rg_strbuf b;
    rg_strbuf_init(&b, arena);
    rg_strbuf_add(&b, "", 0);
    for (size_t i = first; i < last; i++) {
        size_t cut = (i > 0 && common != (size_t)-1)
                         ? (common < lens[i] ? common : lens[i]) : 0;
        if (i > first)
            rg_strbuf_addc(&b, '\n');
        rg_strbuf_add(&b, lines[i] + cut, lens[i] - cut);
    }
    return b.data;
}

static rg_gql_token read_block_string(rg_gql_lexer *lx)
{
    size_t start = lx->pos;
    /* Block string tokens start after the opening quotes, as in
     * gqlparser. */
    int line = lx->line, col = column_of(lx, start + 3);
    lx->pos += 3;
    rg_strbuf raw;
    rg_strbuf_init(&raw, lx->arena);
    rg_strbuf_add(&raw, "", 0);
    while (lx->pos < lx->len) {
        const char *p = lx->src + lx->pos;
        if (lx->len - lx->pos >= 3 && memcmp(p, "\"\"\"", 3) == 0) {
            lx->pos += 3;
            rg_gql_token t = { RG_GQL_BLOCK_STRING,
                               block_value(lx->arena, raw.data, raw.len),
                               line, col };
            return t;
        }
        if (lx->len - lx->pos >= 4 && memcmp(p, "\\\"\"\"", 4) == 0) {
            rg_strbuf_adds(&raw, "\"\"\"");
            lx->pos += 4;
            continue;
        }
        rg_strbuf_addc(&raw, *p);
        lx->pos++;
        if (*p == '\n' || (*p == '\r' && (lx->pos >= lx->len ||
                                          lx->src[lx->pos] != '\n')))
            newline(lx, lx->pos);
    }
    return invalid(lx, lx->pos);
}

static rg_gql_tok punctuator(char c)
{
    switch (c) {
    case '!': return RG_GQL_BANG;
    case '$': return RG_GQL_DOLLAR;
    case '&': return RG_GQL_AMP;
    case '(': return RG_GQL_PAREN_L;
    case ')': return RG_GQL_PAREN_R;
    case ':': return RG_GQL_COLON;
    case '=': return RG_GQL_EQUALS;
    case '@': return RG_GQL_AT;
    case '[': return RG_GQL_BRACKET_L;
    case ']': return RG_GQL_BRACKET_R;
    case '{': return RG_GQL_BRACE_L;
    case '|': return RG_GQL_PIPE;
    case '}': return RG_GQL_BRACE_R;
    default: return RG_GQL_INVALID;
    }
}

rg_gql_token rg_graphql_lex_next(rg_gql_lexer *lx)
{
    skip_ignored(lx);
    if (lx->pos >= lx->len)
        return make(lx, RG_GQL_EOF, lx->pos, NULL);
    const char *p = lx->src + lx->pos;
    char c = *p;
    rg_gql_tok k = punctuator(c);
    if (k != RG_GQL_INVALID) {
        rg_gql_token t = make(lx, k, lx->pos, NULL);
        lx->pos++;
        return t;
    }
    if (c == '.') {
        if (lx->len - lx->pos >= 3 && memcmp(p, "...", 3) == 0) {
            rg_gql_token t = make(lx, RG_GQL_SPREAD, lx->pos, NULL);
            lx->pos += 3;
            return t;
        }
        return invalid(lx, lx->pos);
    }
    if (is_name_start(c))
        return read_name(lx);
    if (c == '-' || is_digit(c))
        return read_number(lx);
    if (c == '"')
        return lx->len - lx->pos >= 3 && memcmp(p, "\"\"\"", 3) == 0
                   ? read_block_string(lx)
                   : read_string(lx);
    return invalid(lx, lx->pos);
}
