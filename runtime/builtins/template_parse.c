/*
 * Parser for the text/template subset of strings.render_template (see
 * template.h): splits the text at {{ and }}, tokenizes each action and
 * builds the node tree with a stack of open blocks.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/template.h"

typedef enum tok_kind {
    TOK_FIELD, TOK_VAR, TOK_IDENT, TOK_STRING, TOK_NUMBER, TOK_LPAREN,
    TOK_RPAREN, TOK_PIPE, TOK_DECLARE, TOK_ASSIGN, TOK_COMMA
} tok_kind;

typedef struct tok {
    tok_kind kind;
    const char *text;
    size_t len;
} tok;

typedef struct tparser {
    rg_arena *arena;
    const char *err;
    int line;
    tok *toks;
    size_t ntoks;
    size_t pos;
    int depth;
} tparser;

static bool tp_fail(tparser *p, const char *msg)
{
    if (!p->err)
        p->err = rg_arena_printf(p->arena, "template: template:%d: %s",
                                 p->line, msg);
    return false;
}

/* ---- Tokens --------------------------------------------------------- */

static bool tp_ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

static size_t tp_quoted_len(const char *s, size_t len)
{
    char q = s[0];
    for (size_t i = 1; i < len; i++) {
        if (s[i] == '\\' && q == '"')
            i++;
        else if (s[i] == q)
            return i + 1;
    }
    return 0;
}

/* Length and kind of the token at s, 0 when none fits. */
static size_t tp_token(const char *s, size_t len, tok_kind *kind)
{
    size_t i = 1;
    switch (s[0]) {
    case '(': *kind = TOK_LPAREN; return 1;
    case ')': *kind = TOK_RPAREN; return 1;
    case '|': *kind = TOK_PIPE; return 1;
    case ',': *kind = TOK_COMMA; return 1;
    case '=': *kind = TOK_ASSIGN; return 1;
    case ':':
        *kind = TOK_DECLARE;
        return len > 1 && s[1] == '=' ? 2 : 0;
    case '"':
    case '`':
        *kind = TOK_STRING;
        return tp_quoted_len(s, len);
    default:
        break;
    }
    if (s[0] == '.' || s[0] == '$') {
        *kind = s[0] == '.' ? TOK_FIELD : TOK_VAR;
        while (i < len && (tp_ident_char(s[i]) || s[i] == '.'))
            i++;
        return i;
    }
    if (isdigit((unsigned char)s[0]) || s[0] == '-' || s[0] == '+') {
        *kind = TOK_NUMBER;
        while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '.' ||
                           ((s[i] == '-' || s[i] == '+') &&
                            tolower((unsigned char)s[i - 1]) == 'e')))
            i++;
        return i;
    }
    *kind = TOK_IDENT;
    if (!isalpha((unsigned char)s[0]) && s[0] != '_')
        return 0;
    while (i < len && tp_ident_char(s[i]))
        i++;
    return i;
}

static bool tp_tokenize(tparser *p, const char *s, size_t len)
{
    p->toks = rg_arena_alloc(p->arena, (len + 1) * sizeof *p->toks);
    p->ntoks = 0;
    p->pos = 0;
    for (size_t i = 0; i < len;) {
        if (isspace((unsigned char)s[i])) {
            i++;
            continue;
        }
        tok_kind kind;
        size_t n = tp_token(s + i, len - i, &kind);
        if (n == 0)
            return tp_fail(p, rg_arena_printf(p->arena, "unexpected %.1s in"
                                              " command", s + i));
        p->toks[p->ntoks++] = (tok){ kind, s + i, n };
        i += n;
    }
    return true;
}

static bool tp_is(const tparser *p, tok_kind kind)
{
    return p->pos < p->ntoks && p->toks[p->pos].kind == kind;
}

static bool tp_word(const tparser *p, const char *word)
{
    return tp_is(p, TOK_IDENT) && p->toks[p->pos].len == strlen(word) &&
           memcmp(p->toks[p->pos].text, word, strlen(word)) == 0;
}

/* ---- Operands and pipelines ----------------------------------------- */

static const rg_value *tp_unquote(tparser *p, const tok *t)
{
    if (t->text[0] == '`')
        return rg_string(p->arena, t->text + 1, t->len - 2);
    rg_strbuf b;
    rg_strbuf_init(&b, p->arena);
    for (size_t i = 1; i + 1 < t->len; i++) {
        char c = t->text[i];
        if (c != '\\') {
            rg_strbuf_addc(&b, c);
            continue;
        }
        c = t->text[++i];
        const char *from = "ntr\\\"'abfv0", *to = "\n\t\r\\\"'\a\b\f\v";
        const char *at = strchr(from, c);
        if (at && c != '0' && c)
            rg_strbuf_addc(&b, to[at - from]);
        else if ((c == 'x' || c == 'u') && i + 1 < t->len) {
            size_t n = c == 'x' ? 2 : 4;
            char hex[5] = { 0 };
            memcpy(hex, t->text + i + 1, n <= t->len - i - 2 ? n : 0);
            rg_strbuf_rune(&b, (int32_t)strtol(hex, NULL, 16));
            i += n;
        }
    }
    return rg_string(p->arena, b.data, b.len);
}

/* Split ".a.b" or "$x.a" into the variable and the field names. */
static void tp_field(tparser *p, const tok *t, rg_tpl_arg *a)
{
    a->kind = RG_TPL_ARG_FIELD;
    size_t i = 0;
    if (t->text[0] == '$') {
        i = 1;
        while (i < t->len && t->text[i] != '.')
            i++;
        a->var = rg_arena_strndup(p->arena, t->text, i);
    }
    a->fields = rg_arena_alloc(p->arena, (t->len + 1) * sizeof *a->fields);
    while (i < t->len) {
        size_t start = ++i;
        while (i < t->len && t->text[i] != '.')
            i++;
        if (i > start)
            a->fields[a->nfields++] = rg_arena_strndup(p->arena,
                                                       t->text + start,
                                                       i - start);
    }
}

static rg_tpl_pipe *tp_pipe(tparser *p, bool inner);

static bool tp_operand(tparser *p, rg_tpl_arg *a)
{
    const tok *t = &p->toks[p->pos++];
    memset(a, 0, sizeof *a);
    switch (t->kind) {
    case TOK_FIELD:
    case TOK_VAR:
        tp_field(p, t, a);
        return true;
    case TOK_STRING:
        a->kind = RG_TPL_ARG_LITERAL;
        a->literal = tp_unquote(p, t);
        return true;
    case TOK_NUMBER:
        a->kind = RG_TPL_ARG_LITERAL;
        a->literal = rg_number_parse(p->arena, t->text + (t->text[0] == '+'),
                                     t->len - (t->text[0] == '+'));
        return a->literal ? true : tp_fail(p, "bad number syntax");
    case TOK_LPAREN:
        if (++p->depth > RG_TEMPLATE_MAX_DEPTH)
            return tp_fail(p, "expression nests too deeply");
        a->kind = RG_TPL_ARG_PIPE;
        a->pipe = tp_pipe(p, true);
        p->depth--;
        if (!a->pipe || !tp_is(p, TOK_RPAREN))
            return tp_fail(p, "unclosed left paren");
        p->pos++;
        return true;
    case TOK_IDENT:
        break;
    default:
        return tp_fail(p, rg_arena_printf(p->arena, "unexpected %.*s in "
                                          "operand", (int)t->len, t->text));
    }
    char *word = rg_arena_strndup(p->arena, t->text, t->len);
    a->kind = RG_TPL_ARG_LITERAL;
    if (strcmp(word, "true") == 0 || strcmp(word, "false") == 0)
        a->literal = rg_bool(word[0] == 't');
    else if (strcmp(word, "nil") == 0)
        a->literal = rg_null();
    else {
        a->kind = RG_TPL_ARG_FUNC;
        a->func = word;
    }
    return true;
}

static bool tp_command(tparser *p, rg_tpl_cmd *c, bool inner)
{
    c->args = rg_arena_alloc(p->arena, (p->ntoks + 1) * sizeof *c->args);
    c->nargs = 0;
    while (p->pos < p->ntoks && !tp_is(p, TOK_PIPE) &&
           !(inner && tp_is(p, TOK_RPAREN)))
        if (!tp_operand(p, &c->args[c->nargs++]))
            return false;
    return c->nargs > 0 ? true : tp_fail(p, "missing value for command");
}

/* Leading "$a :=", "$a =" or "$a, $b :=" of a pipeline. */
static void tp_decl(tparser *p, rg_tpl_pipe *pipe)
{
    size_t save = p->pos;
    while (tp_is(p, TOK_VAR) && pipe->ndecl < 2) {
        const tok *t = &p->toks[p->pos++];
        pipe->decl[pipe->ndecl++] = rg_arena_strndup(p->arena, t->text,
                                                     t->len);
        if (tp_is(p, TOK_DECLARE) || tp_is(p, TOK_ASSIGN)) {
            pipe->assign = tp_is(p, TOK_ASSIGN);
            p->pos++;
            return;
        }
        if (!tp_is(p, TOK_COMMA))
            break;
        p->pos++;
    }
    p->pos = save;
    pipe->ndecl = 0;
}

static rg_tpl_pipe *tp_pipe(tparser *p, bool inner)
{
    rg_tpl_pipe *pipe = rg_arena_calloc(p->arena, 1, sizeof *pipe);
    tp_decl(p, pipe);
    pipe->cmds = rg_arena_alloc(p->arena, (p->ntoks + 1) *
                                sizeof *pipe->cmds);
    for (;;) {
        if (!tp_command(p, &pipe->cmds[pipe->ncmds++], inner))
            return NULL;
        if (!tp_is(p, TOK_PIPE))
            break;
        p->pos++;
    }
    if (!inner && p->pos < p->ntoks) {
        tp_fail(p, "unexpected token in pipeline");
        return NULL;
    }
    return pipe;
}

/* ---- Blocks ------------------------------------------------------------ */

typedef struct tframe {
    rg_tpl_node *block;
    rg_tpl_node **tail;     /* where the next node of this list goes */
    bool in_else;
    bool chained;           /* opened by "else if": closes with its parent */
} tframe;

typedef struct tstack {
    tframe frames[RG_TEMPLATE_MAX_DEPTH + 1];
    size_t n;
} tstack;

static rg_tpl_node *tp_node(tparser *p, rg_tpl_kind kind)
{
    rg_tpl_node *n = rg_arena_calloc(p->arena, 1, sizeof *n);
    n->kind = kind;
    return n;
}

static void tp_append(tstack *st, rg_tpl_node *n)
{
    tframe *f = &st->frames[st->n - 1];
    *f->tail = n;
    f->tail = &n->next;
}

static bool tp_open(tparser *p, tstack *st, rg_tpl_kind kind, bool chained)
{
    if (st->n > RG_TEMPLATE_MAX_DEPTH)
        return tp_fail(p, "blocks nest too deeply");
    rg_tpl_node *n = tp_node(p, kind);
    p->pos++;
    n->pipe = tp_pipe(p, false);
    if (!n->pipe)
        return false;
    tp_append(st, n);
    st->frames[st->n++] = (tframe){ n, &n->body, false, chained };
    return true;
}

static bool tp_else(tparser *p, tstack *st)
{
    tframe *f = &st->frames[st->n - 1];
    if (st->n == 1 || f->in_else)
        return tp_fail(p, "unexpected {{else}}");
    f->in_else = true;
    f->tail = &f->block->alt;
    p->pos++;
    if (tp_word(p, "if"))
        return tp_open(p, st, RG_TPL_IF, true);
    return p->pos == p->ntoks ? true : tp_fail(p, "unexpected token after "
                                                  "else");
}

static bool tp_end(tparser *p, tstack *st)
{
    if (st->n == 1 || p->ntoks != 1)
        return tp_fail(p, "unexpected {{end}}");
    while (st->frames[--st->n].chained)
        ;
    return true;
}

static bool tp_action(tparser *p, tstack *st, const char *s, size_t len)
{
    if (len >= 4 && strncmp(s, "/*", 2) == 0)
        return strncmp(s + len - 2, "*/", 2) == 0
                   ? true : tp_fail(p, "unclosed comment");
    if (!tp_tokenize(p, s, len))
        return false;
    if (p->ntoks == 0)
        return tp_fail(p, "missing value for command");
    if (tp_word(p, "if"))
        return tp_open(p, st, RG_TPL_IF, false);
    if (tp_word(p, "range"))
        return tp_open(p, st, RG_TPL_RANGE, false);
    if (tp_word(p, "with"))
        return tp_open(p, st, RG_TPL_WITH, false);
    if (tp_word(p, "else"))
        return tp_else(p, st);
    if (tp_word(p, "end"))
        return tp_end(p, st);
    rg_tpl_node *n = tp_node(p, RG_TPL_PRINT);
    n->pipe = tp_pipe(p, false);
    if (!n->pipe)
        return false;
    tp_append(st, n);
    return true;
}

static void tp_text(tparser *p, tstack *st, const char *s, size_t len)
{
    if (len == 0)
        return;
    rg_tpl_node *n = tp_node(p, RG_TPL_TEXT);
    n->text = s;
    n->text_len = len;
    tp_append(st, n);
    for (size_t i = 0; i < len; i++)
        p->line += s[i] == '\n';
}

/* Bounds of the action starting at open ("{{"): content [*cs, *ce),
 * whole action ends at *after; trim flags for both sides. */
static bool tp_delims(tparser *p, const char *tpl, size_t len, size_t open,
                      size_t *cs, size_t *ce, size_t *after, bool *trim_r)
{
    size_t i = open + 2;
    if (i + 1 < len && tpl[i] == '-' && isspace((unsigned char)tpl[i + 1]))
        i += 2;
    const char *close = NULL;
    for (size_t j = i; j + 1 < len && !close; j++) {
        if (tpl[j] == '"' || tpl[j] == '`') {
            size_t q = tp_quoted_len(tpl + j, len - j);
            j += q ? q - 1 : 0;
        } else if (tpl[j] == '}' && tpl[j + 1] == '}') {
            close = tpl + j;
        }
    }
    if (!close)
        return tp_fail(p, "unclosed action");
    size_t c = (size_t)(close - tpl);
    *trim_r = c >= 2 && tpl[c - 1] == '-' && isspace((unsigned char)tpl[c - 2]);
    *cs = i;
    *ce = *trim_r ? c - 2 : c;
    *after = c + 2;
    return true;
}

bool rg_template_parse(rg_arena *arena, const char *tpl, size_t len,
                       rg_tpl_node **root, const char **err)
{
    tparser p = { .arena = arena, .line = 1 };
    tstack *st = rg_arena_calloc(arena, 1, sizeof *st);
    *root = NULL;
    st->frames[st->n++] = (tframe){ NULL, root, false, false };
    size_t i = 0;
    bool trim_next = false;
    while (i <= len) {
        const char *open = NULL;
        for (size_t j = i; j + 1 < len && !open; j++)
            if (tpl[j] == '{' && tpl[j + 1] == '{')
                open = tpl + j;
        size_t stop = open ? (size_t)(open - tpl) : len;
        size_t from = i, to = stop;
        while (trim_next && from < to && isspace((unsigned char)tpl[from]))
            from++;
        bool trim_left = open && stop + 3 < len && tpl[stop + 2] == '-' &&
                         isspace((unsigned char)tpl[stop + 3]);
        while (trim_left && to > from && isspace((unsigned char)tpl[to - 1]))
            to--;
        tp_text(&p, st, tpl + from, to - from);
        if (!open)
            break;
        size_t cs, ce, after;
        if (!tp_delims(&p, tpl, len, stop, &cs, &ce, &after, &trim_next) ||
            !tp_action(&p, st, tpl + cs, ce - cs)) {
            *err = p.err;
            return false;
        }
        i = after;
    }
    if (st->n != 1) {
        tp_fail(&p, "unexpected EOF");
        *err = p.err;
        return false;
    }
    return true;
}
