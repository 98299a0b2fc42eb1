/*
 * regex.globs_match: whether two simple patterns have a string in
 * common.  A pattern is a sequence of tokens, each optionally followed
 * by + (one or more) or * (zero or more): a character, an escaped
 * character (\c), . for any character, or a set [abc] / [a-z] (no
 * negation).  Each pattern becomes a small automaton and the product of
 * the two is searched for a common accepted string.
 *
 * Bad patterns fail as the reference library reports them:
 * "input:pqrs], pos:5, set-close ']' with no preceding '[': the input
 * provided is invalid".
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/runes.h"

/* Maximum pattern length in code points, because the product search
 * takes time and memory quadratic in the pattern lengths. */
#define GLOBS_MAX_TOKENS 1024

typedef enum globs_flag { GLOBS_ONE, GLOBS_PLUS, GLOBS_STAR } globs_flag;

typedef struct globs_tok {
    bool any;               /* . */
    int32_t *runes;         /* characters of a set or the one character */
    size_t nrunes;
    globs_flag flag;
} globs_tok;

typedef struct globs_pat {
    globs_tok *toks;
    size_t n;
} globs_pat;

typedef struct globs_lex {
    int32_t *in;
    size_t len;
    size_t i;
    const char *text;       /* the pattern, for messages */
    rg_arena *arena;
    const char *err;
} globs_lex;

static bool globs_fail(globs_lex *l, size_t pos, const char *what)
{
    l->err = rg_arena_printf(l->arena, "input:%s, pos:%zu, %s: the input "
                             "provided is invalid", l->text, pos, what);
    return false;
}

/* Next code point, unescaping; false at the end or on a lone \. */
static bool globs_rune(globs_lex *l, int32_t *r, bool *escaped)
{
    if (l->i >= l->len)
        return false;
    *escaped = l->in[l->i] == '\\';
    if (*escaped && l->i + 1 >= l->len)
        return globs_fail(l, l->i, "input ends with a \\ (escape) "
                                   "character");
    *r = l->in[l->i + *escaped];
    l->i += 1 + *escaped;
    return true;
}

static bool globs_set(globs_lex *l, globs_tok *t)
{
    t->runes = rg_arena_alloc(l->arena, (l->len + 1) * sizeof *t->runes);
    int32_t r, prev = 0;
    bool escaped, have_prev = false;
    while (!l->err && globs_rune(l, &r, &escaped)) {
        if (!escaped && r == ']')
            return true;
        if (escaped || r != '-') {
            t->runes[t->nrunes++] = prev = r;
            have_prev = true;
            continue;
        }
        if (!have_prev)
            return globs_fail(l, l->i, "range character '-' must be "
                                       "preceded by a Unicode character");
        if (!globs_rune(l, &r, &escaped) || (!escaped && (r == ']' ||
                                                          r == '-')))
            return l->err ? false
                          : globs_fail(l, l->i, "range character '-' "
                                       "cannot be followed by a special "
                                       "symbol");
        if (r < prev)
            return globs_fail(l, l->i, "range is out of order");
        t->runes[t->nrunes - 1] = -prev - 1;    /* range start marker */
        t->runes[t->nrunes++] = r;
        have_prev = false;
    }
    return l->err ? false : globs_fail(l, l->i, "found [ without matching"
                                                " ]");
}

static bool globs_token(globs_lex *l, globs_tok *t)
{
    int32_t r;
    bool escaped;
    memset(t, 0, sizeof *t);
    if (!globs_rune(l, &r, &escaped))
        return false;
    if (!escaped && (r == '+' || r == '*'))
        return globs_fail(l, l->i, r == '+'
                          ? "flag '+' must be preceded by a non-flag"
                          : "flag '*' must be preceded by a non-flag");
    if (!escaped && r == ']')
        return globs_fail(l, l->i, "set-close ']' with no preceding '['");
    if (!escaped && r == '[') {
        if (!globs_set(l, t))
            return false;
    } else if (!escaped && r == '.') {
        t->any = true;
    } else {
        t->runes = rg_arena_alloc(l->arena, sizeof *t->runes);
        t->runes[0] = r;
        t->nrunes = 1;
    }
    if (l->i < l->len && (l->in[l->i] == '+' || l->in[l->i] == '*'))
        t->flag = l->in[l->i++] == '+' ? GLOBS_PLUS : GLOBS_STAR;
    return true;
}

static bool globs_parse(rg_arena *arena, const rg_value *s, globs_pat *p,
                        const char **err)
{
    globs_lex l = { .arena = arena, .text = rg_string_bytes(s) };
    l.in = rg_runes_array(rg_string_bytes(s), rg_string_len(s), &l.len);
    p->toks = rg_arena_alloc(arena, (l.len + 1) * sizeof *p->toks);
    p->n = 0;
    while (l.len <= GLOBS_MAX_TOKENS && globs_token(&l, &p->toks[p->n]))
        p->n++;
    free(l.in);
    if (!l.err && l.len > GLOBS_MAX_TOKENS)
        l.err = "pattern too long";
    *err = l.err;
    return l.err == NULL;
}

/* Item k of a set as an interval [*lo, *hi]; returns the next index. */
static size_t globs_item(const globs_tok *t, size_t k, int32_t *lo,
                         int32_t *hi)
{
    if (t->runes[k] < 0) {
        *lo = -t->runes[k] - 1;
        *hi = t->runes[k + 1];
        return k + 2;
    }
    *lo = *hi = t->runes[k];
    return k + 1;
}

/* Whether one character can match both tokens. */
static bool globs_overlap(const globs_tok *a, const globs_tok *b)
{
    if (a->any || b->any)
        return (a->any || a->nrunes) && (b->any || b->nrunes);
    for (size_t i = 0; i < a->nrunes;) {
        int32_t alo, ahi;
        i = globs_item(a, i, &alo, &ahi);
        for (size_t j = 0; j < b->nrunes;) {
            int32_t blo, bhi;
            j = globs_item(b, j, &blo, &bhi);
            if (alo <= bhi && blo <= ahi)
                return true;
        }
    }
    return false;
}

/* Rewrite t+ as t t* so every token is either exactly one or a star. */
static globs_pat globs_expand(rg_arena *arena, const globs_pat *p)
{
    globs_pat e = { rg_arena_alloc(arena, (2 * p->n + 1) * sizeof *e.toks),
                    0 };
    for (size_t i = 0; i < p->n; i++) {
        globs_tok t = p->toks[i];
        if (t.flag == GLOBS_PLUS) {
            t.flag = GLOBS_ONE;
            e.toks[e.n++] = t;
            t.flag = GLOBS_STAR;
        }
        e.toks[e.n++] = t;
    }
    return e;
}

/* Search the product automaton for the accepting pair. */
static bool globs_intersect(rg_arena *arena, const globs_pat *a,
                            const globs_pat *b)
{
    size_t w = b->n + 1, total = (a->n + 1) * w;
    bool *seen = rg_arena_calloc(arena, total, sizeof *seen);
    size_t *stack = rg_arena_alloc(arena, total * sizeof *stack);
    size_t top = 0;
    seen[0] = true;
    stack[top++] = 0;
    while (top) {
        size_t s = stack[--top], i = s / w, j = s % w;
        if (i == a->n && j == b->n)
            return true;
        size_t next[3];
        size_t nn = 0;
        bool sa = i < a->n && a->toks[i].flag == GLOBS_STAR;
        bool sb = j < b->n && b->toks[j].flag == GLOBS_STAR;
        if (sa)
            next[nn++] = (i + 1) * w + j;
        if (sb)
            next[nn++] = i * w + j + 1;
        if (i < a->n && j < b->n && globs_overlap(&a->toks[i], &b->toks[j]))
            next[nn++] = (sa ? i : i + 1) * w + (sb ? j : j + 1);
        for (size_t k = 0; k < nn; k++)
            if (!seen[next[k]]) {
                seen[next[k]] = true;
                stack[top++] = next[k];
            }
    }
    return false;
}

static rg_bstatus globs_match(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_STRING));
    rg_arena *arena = rg_bctx_arena(ctx);
    globs_pat a, b;
    const char *err;
    if (!globs_parse(arena, args[0], &a, &err) ||
        !globs_parse(arena, args[1], &b, &err))
        return rg_bctx_error(ctx, "eval_builtin_error", "%s", err);
    globs_pat ea = globs_expand(arena, &a), eb = globs_expand(arena, &b);
    *out = rg_bool(globs_intersect(arena, &ea, &eb));
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_globs[] = {
    { "regex.globs_match", 2, globs_match, false, false },
    { NULL, 0, NULL, false, false }
};
