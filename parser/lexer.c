/*
 * The Rego lexer; see parser/lexer.h.  Scanning follows OPA's scanner:
 * the same token set, number and string shapes and the same scanner
 * messages ("non-terminated string", "illegal escape sequence",
 * "expected fraction", ...).
 */
#include "parser/lexer.h"

#include <string.h>

static const char *const tok_names[RG_TOK_COUNT_] = {
    [RG_TOK_EOF] = "eof",
    [RG_TOK_ILLEGAL] = "illegal",
    [RG_TOK_IDENT] = "identifier",
    [RG_TOK_NUMBER] = "number",
    [RG_TOK_STRING] = "string",
    [RG_TOK_TEMPLATE_PART] = "template-string-part",
    [RG_TOK_TEMPLATE_END] = "template-string-end",
    [RG_TOK_LBRACK] = "[",
    [RG_TOK_RBRACK] = "]",
    [RG_TOK_LBRACE] = "{",
    [RG_TOK_RBRACE] = "}",
    [RG_TOK_LPAREN] = "(",
    [RG_TOK_RPAREN] = ")",
    [RG_TOK_COMMA] = ",",
    [RG_TOK_COLON] = ":",
    [RG_TOK_SEMICOLON] = ";",
    [RG_TOK_DOT] = ".",
    [RG_TOK_PLUS] = "plus",
    [RG_TOK_MINUS] = "minus",
    [RG_TOK_STAR] = "mul",
    [RG_TOK_SLASH] = "div",
    [RG_TOK_PERCENT] = "rem",
    [RG_TOK_AMP] = "and",
    [RG_TOK_BAR] = "or",
    [RG_TOK_UNIFY] = "eq",
    [RG_TOK_EQUAL] = "equal",
    [RG_TOK_ASSIGN] = "assign",
    [RG_TOK_NEQ] = "neq",
    [RG_TOK_LT] = "lt",
    [RG_TOK_GT] = "gt",
    [RG_TOK_LTE] = "lte",
    [RG_TOK_GTE] = "gte",
    [RG_TOK_PACKAGE] = "package",
    [RG_TOK_IMPORT] = "import",
    [RG_TOK_AS] = "as",
    [RG_TOK_DEFAULT] = "default",
    [RG_TOK_ELSE] = "else",
    [RG_TOK_NOT] = "not",
    [RG_TOK_SOME] = "some",
    [RG_TOK_WITH] = "with",
    [RG_TOK_NULL] = "null",
    [RG_TOK_TRUE] = "true",
    [RG_TOK_FALSE] = "false",
    [RG_TOK_IN] = "in",
    [RG_TOK_EVERY] = "every",
    [RG_TOK_CONTAINS] = "contains",
    [RG_TOK_IF] = "if",
    [RG_TOK_AND] = "and",
    [RG_TOK_OR] = "or",
};

const char *rg_tok_name(rg_tok kind)
{
    return kind < RG_TOK_COUNT_ ? tok_names[kind] : "unknown";
}

bool rg_tok_is_keyword(rg_tok kind)
{
    return kind >= RG_TOK_PACKAGE && kind < RG_TOK_COUNT_;
}

typedef struct keyword {
    const char *word;
    rg_tok tok;
    uint32_t bit;       /* 0: always a keyword */
} keyword;

static const keyword keywords[] = {
    {"package", RG_TOK_PACKAGE, 0},   {"import", RG_TOK_IMPORT, 0},
    {"as", RG_TOK_AS, 0},             {"default", RG_TOK_DEFAULT, 0},
    {"else", RG_TOK_ELSE, 0},         {"not", RG_TOK_NOT, 0},
    {"some", RG_TOK_SOME, 0},         {"with", RG_TOK_WITH, 0},
    {"null", RG_TOK_NULL, 0},         {"true", RG_TOK_TRUE, 0},
    {"false", RG_TOK_FALSE, 0},       {"in", RG_TOK_IN, RG_KW_IN},
    {"every", RG_TOK_EVERY, RG_KW_EVERY},
    {"contains", RG_TOK_CONTAINS, RG_KW_CONTAINS},
    {"if", RG_TOK_IF, RG_KW_IF},      {"and", RG_TOK_AND, RG_KW_AND},
    {"or", RG_TOK_OR, RG_KW_OR},
};

rg_tok rg_lexer_keyword(const char *word, size_t len, uint32_t bits)
{
    if (len < 2 || len > 8)
        return RG_TOK_IDENT;
    for (size_t i = 0; i < RG_ARRAY_LEN(keywords); i++) {
        const keyword *k = &keywords[i];
        if (k->word[0] == word[0] && strncmp(k->word, word, len) == 0 &&
            k->word[len] == '\0')
            return (k->bit == 0 || (bits & k->bit)) ? k->tok : RG_TOK_IDENT;
    }
    return RG_TOK_IDENT;
}

void rg_lexer_init(rg_lexer *lx, const char *src, size_t len,
                   uint32_t bits)
{
    memset(lx, 0, sizeof *lx);
    lx->src = src;
    lx->len = (uint32_t)len;
    lx->line = 1;
    lx->keywords = bits;
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {
        lx->pos = 3;
        lx->line_start = 3;
    }
}

static bool is_letter(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int peek(const rg_lexer *lx, uint32_t ahead)
{
    uint32_t i = lx->pos + ahead;
    return i < lx->len ? (unsigned char)lx->src[i] : -1;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static uint32_t utf8_seq_len(const unsigned char *s, uint32_t n)
{
    unsigned c = s[0];
    uint32_t need;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    unsigned cp = c & (0x7F >> need);
    for (uint32_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return need;
}

/* true for printable ASCII and tab: bytes that need no checking inside
 * strings and comments. */
static bool is_plain_ascii(char c)
{
    return (c >= 0x20 && c < 0x7f) || c == '\t';
}

/* Step over one character of string or comment content, checking
 * UTF-8, NUL and newlines.  Sets *error on a bad character. */
static void advance_char(rg_lexer *lx, const char **error)
{
    unsigned char c = (unsigned char)lx->src[lx->pos];
    if (c == '\n') {
        lx->pos++;
        lx->line++;
        lx->line_start = lx->pos;
        lx->cont_bytes = 0;
        return;
    }
    if (c == 0 && !*error)
        *error = "illegal null character";
    if (c < 0x80) {
        lx->pos++;
        return;
    }
    uint32_t n = utf8_seq_len((const unsigned char *)lx->src + lx->pos,
                              lx->len - lx->pos);
    if (n == 0) {
        if (!*error)
            *error = "illegal utf-8 character";
        n = 1;
    } else if (n == 3 && memcmp(lx->src + lx->pos, "\xEF\xBB\xBF", 3) == 0
               && !*error) {
        *error = "illegal byte-order mark";
    }
    lx->pos += n;
    lx->cont_bytes += n - 1;
}

static void skip_comment(rg_lexer *lx, rg_token *t)
{
    t->kind = RG_TOK_ILLEGAL;
    t->start = lx->pos;
    t->line = lx->line;
    t->col = lx->pos - lx->line_start - lx->cont_bytes + 1;
    t->error = NULL;
    while (lx->pos < lx->len && lx->src[lx->pos] != '\n') {
        if (is_plain_ascii(lx->src[lx->pos]))
            lx->pos++;
        else
            advance_char(lx, &t->error);
    }
    t->end = lx->pos;
    if (t->end > t->start && lx->src[t->end - 1] == '\r')
        t->end--;
    if (lx->on_comment)
        lx->on_comment(lx->comment_ctx, t);
}

/* Skip whitespace and comments, noting what was skipped.  Returns false
 * when a comment contains a bad byte, and t is then that illegal
 * comment. */
static bool skip_space(rg_lexer *lx, rg_token *t)
{
    bool ws = false;
    bool nl = false;
    while (lx->pos < lx->len) {
        char c = lx->src[lx->pos];
        if (c == ' ' || c == '\t' || c == '\r') {
            lx->pos++;
        } else if (c == '\n') {
            lx->pos++;
            lx->line++;
            lx->line_start = lx->pos;
            lx->cont_bytes = 0;
            nl = true;
        } else if (c == '#') {
            skip_comment(lx, t);
            if (t->error) {
                t->ws_before = ws;
                t->nl_before = nl;
                return false;
            }
        } else {
            break;
        }
        ws = true;
    }
    t->ws_before = ws;
    t->nl_before = nl;
    return true;
}

static void scan_number(rg_lexer *lx, rg_token *t)
{
    while (is_digit(peek(lx, 0)))
        lx->pos++;
    if (peek(lx, 0) == '.') {
        lx->pos++;
        if (!is_digit(peek(lx, 0)))
            t->error = "expected fraction";
        while (is_digit(peek(lx, 0)))
            lx->pos++;
    }
    if ((peek(lx, 0) | 0x20) == 'e') {
        lx->pos++;
        if (peek(lx, 0) == '+' || peek(lx, 0) == '-')
            lx->pos++;
        if (!is_digit(peek(lx, 0)) && !t->error)
            t->error = "expected exponent";
        while (is_digit(peek(lx, 0)))
            lx->pos++;
    }
    if (is_letter(peek(lx, 0))) {
        if (!t->error)
            t->error = "illegal number format";
        while (is_letter(peek(lx, 0)) || is_digit(peek(lx, 0)))
            lx->pos++;
    }
    t->kind = t->error ? RG_TOK_ILLEGAL : RG_TOK_NUMBER;
}

/* Check the character after a backslash in a quoted string.  A "\{" is
 * accepted only in template strings. */
static void scan_escape(rg_lexer *lx, rg_token *t, bool template_str)
{
    int c = peek(lx, 0);
    switch (c) {
    case '\\': case '"': case '/': case 'b': case 'f': case 'n': case 'r':
    case 't':
        lx->pos++;
        return;
    case 'u':
        /* The four characters are checked when the string is decoded. */
        for (int i = 0; i < 4 && lx->pos < lx->len &&
                        lx->src[lx->pos] != '\n'; i++)
            advance_char(lx, &t->error);
        return;
    case '{':
        if (template_str) {
            lx->pos++;
            return;
        }
        break;
    default:
        break;
    }
    if (!t->error)
        t->error = "illegal escape sequence";
}

/* Scan a quoted string or template part up to the closing quote (or,
 * for a template, an unescaped "{").  lx->pos is after the opening
 * quote or "}". */
static void scan_quoted(rg_lexer *lx, rg_token *t, bool template_str)
{
    for (;;) {
        int c = peek(lx, 0);
        if (c == '\n' || c < 0) {
            if (!t->error)
                t->error = "non-terminated string";
            break;
        }
        if (c == '"') {
            lx->pos++;
            t->kind = template_str ? RG_TOK_TEMPLATE_END : RG_TOK_STRING;
            break;
        }
        if (c == '{' && template_str) {
            lx->pos++;
            t->kind = RG_TOK_TEMPLATE_PART;
            break;
        }
        if (c == '\\') {
            lx->pos++;
            scan_escape(lx, t, template_str);
            continue;
        }
        if (is_plain_ascii((char)c))
            lx->pos++;
        else
            advance_char(lx, &t->error);
    }
    if (t->error)
        t->kind = RG_TOK_ILLEGAL;
}

/* Scan a raw string or raw template part: any bytes up to the closing
 * backquote (or, for a template, an unescaped "{"). */
static void scan_raw(rg_lexer *lx, rg_token *t, bool template_str)
{
    t->raw = true;
    for (;;) {
        int c = peek(lx, 0);
        if (c < 0) {
            if (!t->error)
                t->error = "non-terminated string";
            break;
        }
        if (c == '`') {
            lx->pos++;
            t->kind = template_str ? RG_TOK_TEMPLATE_END : RG_TOK_STRING;
            break;
        }
        if (template_str && c == '{') {
            lx->pos++;
            t->kind = RG_TOK_TEMPLATE_PART;
            break;
        }
        if (template_str && c == '\\' && peek(lx, 1) == '{') {
            lx->pos += 2;
            continue;
        }
        advance_char(lx, &t->error);
    }
    if (t->error)
        t->kind = RG_TOK_ILLEGAL;
}

static rg_tok two_char(rg_lexer *lx, int second, rg_tok yes, rg_tok no)
{
    if (peek(lx, 0) == second) {
        lx->pos++;
        return yes;
    }
    return no;
}

static rg_tok scan_punct(rg_lexer *lx, rg_token *t, int c)
{
    switch (c) {
    case '[': return RG_TOK_LBRACK;
    case ']': return RG_TOK_RBRACK;
    case '{': return RG_TOK_LBRACE;
    case '}': return RG_TOK_RBRACE;
    case '(': return RG_TOK_LPAREN;
    case ')': return RG_TOK_RPAREN;
    case ',': return RG_TOK_COMMA;
    case ';': return RG_TOK_SEMICOLON;
    case '.': return RG_TOK_DOT;
    case '+': return RG_TOK_PLUS;
    case '-': return RG_TOK_MINUS;
    case '*': return RG_TOK_STAR;
    case '/': return RG_TOK_SLASH;
    case '%': return RG_TOK_PERCENT;
    case '&': return RG_TOK_AMP;
    case '|': return RG_TOK_BAR;
    case ':': return two_char(lx, '=', RG_TOK_ASSIGN, RG_TOK_COLON);
    case '=': return two_char(lx, '=', RG_TOK_EQUAL, RG_TOK_UNIFY);
    case '>': return two_char(lx, '=', RG_TOK_GTE, RG_TOK_GT);
    case '<': return two_char(lx, '=', RG_TOK_LTE, RG_TOK_LT);
    case '!':
        if (peek(lx, 0) == '=') {
            lx->pos++;
            return RG_TOK_NEQ;
        }
        t->error = "illegal ! character";
        return RG_TOK_ILLEGAL;
    default:
        return RG_TOK_ILLEGAL;
    }
}

/* Scan a token that starts with a byte other than a letter or digit. */
static void scan_other(rg_lexer *lx, rg_token *t)
{
    int c = peek(lx, 0);
    if (c == '"') {
        lx->pos++;
        scan_quoted(lx, t, false);
    } else if (c == '`') {
        lx->pos++;
        scan_raw(lx, t, false);
    } else if (c == '$' && peek(lx, 1) == '"') {
        lx->pos += 2;
        scan_quoted(lx, t, true);
    } else if (c == '$' && peek(lx, 1) == '`') {
        lx->pos += 2;
        scan_raw(lx, t, true);
    } else if (c == '$') {
        lx->pos++;
        t->error = "illegal $ character";
    } else if (c == 0) {
        lx->pos++;
        t->error = "illegal null character";
    } else if (c >= 0x80) {
        const char *error = NULL;
        advance_char(lx, &error);
        t->error = error;
    } else {
        lx->pos++;
        t->kind = scan_punct(lx, t, c);
    }
}

static void begin_token(rg_lexer *lx, rg_token *t)
{
    t->kind = RG_TOK_ILLEGAL;
    t->start = lx->pos;
    t->line = lx->line;
    t->col = lx->pos - lx->line_start - lx->cont_bytes + 1;
    t->raw = false;
    t->error = NULL;
}

void rg_lexer_next(rg_lexer *lx)
{
    rg_token *t = &lx->tok;
    if (!skip_space(lx, t))
        return;
    begin_token(lx, t);
    if (lx->pos >= lx->len) {
        t->kind = RG_TOK_EOF;
        t->end = lx->pos;
        return;
    }
    int c = (unsigned char)lx->src[lx->pos];
    if (is_letter(c)) {
        uint32_t s = lx->pos;
        while (is_letter(peek(lx, 0)) || is_digit(peek(lx, 0)))
            lx->pos++;
        t->kind = rg_lexer_keyword(lx->src + s, lx->pos - s, lx->keywords);
    } else if (is_digit(c)) {
        scan_number(lx, t);
    } else {
        scan_other(lx, t);
    }
    t->end = lx->pos;
}

void rg_lexer_template_next(rg_lexer *lx, bool raw)
{
    rg_token *t = &lx->tok;
    t->ws_before = false;
    t->nl_before = false;
    begin_token(lx, t);
    /* The part's text starts at the "}" that closed the expression. */
    t->start--;
    t->col--;
    if (raw)
        scan_raw(lx, t, true);
    else
        scan_quoted(lx, t, true);
    t->end = lx->pos;
}
