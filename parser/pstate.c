/*
 * Parser state: token stepping, errors, save and restore, the nesting
 * guard and the scratch stack.  See parser/parse_internal.h.
 */
#include "parser/parse_internal.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PARSE_ERROR_CODE "rego_parse_error"

/* Scratch-stack slots allocated up front: enough for the lists of most
 * modules, so a parse usually grows it never. */
#define PARSE_STACK_INITIAL 256

/* Most errors kept per parse; later ones only cost memory.  The caller's
 * rg_errors list applies its own (smaller) limit. */
#define PARSE_MAX_ERRORS 1000

static void record_comment(void *ctx, const rg_token *tok)
{
    rg_parser *p = ctx;
    if (p->ncomments == p->capcomments) {
        size_t cap = p->capcomments;
        rg_grow((void **)&p->comments, &cap, p->ncomments + 1,
                sizeof(rg_comment));
        p->capcomments = (uint32_t)cap;
    }
    rg_comment *c = &p->comments[p->ncomments++];
    c->text = p->lx.src + tok->start + 1;
    c->len = tok->end - tok->start - 1;
    c->loc.file = p->file;
    c->loc.line = tok->line;
    c->loc.col = tok->col;
    c->loc.offset = tok->start;
    c->loc.length = tok->end - tok->start;
}

void rg_pstate_init(rg_parser *p, rg_arena *arena, const char *file,
                    const char *src, size_t len, uint32_t keywords)
{
    memset(p, 0, sizeof *p);
    p->arena = arena;
    p->file = rg_arena_strdup(arena, file ? file : "");
    rg_lexer_init(&p->lx, src, len, keywords);
    p->lx.on_comment = record_comment;
    p->lx.comment_ctx = p;
    rg_grow((void **)&p->stk, &p->capstk, PARSE_STACK_INITIAL,
            sizeof(void *));
    rg_pstate_next(p);
}

void rg_pstate_finish(rg_parser *p, rg_errors *errs)
{
    for (uint32_t i = 0; errs && i < p->nerr; i++)
        rg_errors_add(errs, PARSE_ERROR_CODE, p->file, (int)p->errs[i].line,
                      (int)p->errs[i].col, "%s", p->errs[i].msg);
    free(p->errs);
    free(p->comments);
    free(p->stk);
    free(p->cache);
    p->cache = NULL;
    p->errs = NULL;
    p->comments = NULL;
    p->stk = NULL;
}

void rg_pstate_save(const rg_parser *p, rg_pstate *s)
{
    s->lx = p->lx;
    s->nerr = p->nerr;
    s->ncomments = p->ncomments;
    s->wildcards = p->wildcards;
    s->last_end = p->last_end;
    s->top = p->top;
    s->hint = p->hint;
}

void rg_pstate_restore(rg_parser *p, const rg_pstate *s)
{
    p->lx = s->lx;
    p->nerr = s->nerr;
    p->ncomments = s->ncomments;
    p->wildcards = s->wildcards;
    p->last_end = s->last_end;
    p->top = s->top;
    p->hint = s->hint;
}

static void lexical_error(rg_parser *p, const rg_token *t);

void rg_pstate_next(rg_parser *p)
{
    p->last_end = p->lx.tok.end;
    rg_lexer_next(&p->lx);
    const rg_token *t = &p->lx.tok;
    if (RG_UNLIKELY(t->kind == RG_TOK_ILLEGAL) && t->error)
        lexical_error(p, t);
}

static void add_error(rg_parser *p, uint32_t line, uint32_t col,
                      const char *msg)
{
    /* Errors after a bad token are left out: they only follow from it. */
    if (p->nerr >= PARSE_MAX_ERRORS ||
        (p->nerr > 0 && p->errs[p->nerr - 1].lexical))
        return;
    if (p->nerr == p->caperr) {
        size_t cap = p->caperr;
        rg_grow((void **)&p->errs, &cap, p->nerr + 1, sizeof(rg_perr));
        p->caperr = (uint32_t)cap;
    }
    if (p->hint) {
        msg = rg_arena_printf(p->arena, "%s (hint: %s)", msg, p->hint);
        p->hint = NULL;
    }
    p->errs[p->nerr].line = line;
    p->errs[p->nerr].col = col;
    p->errs[p->nerr].msg = msg;
    p->errs[p->nerr].lexical = false;
    p->nerr++;
}

static char *vformat(rg_arena *arena, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return rg_arena_strdup(arena, "");
    char *s = rg_arena_alloc(arena, (size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

void rg_pstate_error_at(rg_parser *p, uint32_t line, uint32_t col,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(p->arena, fmt, ap);
    va_end(ap);
    add_error(p, line, col, msg);
}

/* Most bytes of a bad token quoted in its error message. */
#define PARSE_TOKEN_QUOTE_MAX 16

/* Report the lexer's error for the bad token t, and stop reporting. */
static void lexical_error(rg_parser *p, const rg_token *t)
{
    uint32_t n = p->nerr;
    rg_pstate_error_at(p, t->line, t->col, "%s", t->error);
    if (p->nerr > n)
        p->errs[p->nerr - 1].lexical = true;
}

/* The text of bad token t, quoted, control bytes escaped. */
static char *quote_token(rg_parser *p, const rg_token *t)
{
    char buf[4 * PARSE_TOKEN_QUOTE_MAX + 8];
    size_t n = 0;
    buf[n++] = '\'';
    for (uint32_t i = t->start; i < t->end; i++) {
        unsigned char c = (unsigned char)p->lx.src[i];
        if (i - t->start == PARSE_TOKEN_QUOTE_MAX) {
            n += (size_t)snprintf(buf + n, sizeof buf - n, "...");
            break;
        }
        if (c < 0x20 || c == 0x7f)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "\\x%02x", c);
        else
            buf[n++] = (char)c;
    }
    buf[n++] = '\'';
    buf[n] = '\0';
    return rg_arena_strdup(p->arena, buf);
}

static void illegal(rg_parser *p, const char *note)
{
    const rg_token *t = &p->lx.tok;
    if (t->kind == RG_TOK_ILLEGAL) {
        /* A token with a lexer error was reported when it was read. */
        if (t->error == NULL)
            rg_pstate_error_at(p, t->line, t->col, "illegal token %s",
                               quote_token(p, t));
        return;
    }
    const char *type = rg_tok_is_keyword(t->kind) ? "keyword" : "token";
    if (note)
        rg_pstate_error_at(p, t->line, t->col, "unexpected %s %s: %s",
                           rg_tok_name(t->kind), type, note);
    else
        rg_pstate_error_at(p, t->line, t->col, "unexpected %s %s",
                           rg_tok_name(t->kind), type);
}

void rg_pstate_illegal(rg_parser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *note = vformat(p->arena, fmt, ap);
    va_end(ap);
    illegal(p, note);
}

void rg_pstate_illegal_token(rg_parser *p)
{
    illegal(p, NULL);
}

bool rg_pstate_enter(rg_parser *p)
{
    if (RG_UNLIKELY(p->depth >= RG_PARSE_MAX_DEPTH)) {
        const rg_token *t = &p->lx.tok;
        rg_pstate_error_at(p, t->line, t->col,
                           "max parsing recursion depth exceeded");
        return false;
    }
    p->depth++;
    return true;
}

rg_loc rg_pstate_loc(const rg_parser *p)
{
    const rg_token *t = &p->lx.tok;
    rg_loc loc = {p->file, t->line, t->col, t->start, t->end - t->start};
    return loc;
}

void rg_pstate_close(const rg_parser *p, rg_loc *loc)
{
    if (p->last_end > loc->offset)
        loc->length = p->last_end - loc->offset;
}

void rg_pstate_push(rg_parser *p, void *item)
{
    if (RG_UNLIKELY(p->top == p->capstk))
        rg_grow((void **)&p->stk, &p->capstk, p->top + 1, sizeof(void *));
    p->stk[p->top++] = item;
}

void **rg_pstate_pop(rg_parser *p, size_t base, uint32_t *count)
{
    assert(base <= p->top);
    size_t n = p->top - base;
    *count = (uint32_t)n;
    p->top = base;
    if (n == 0)
        return NULL;
    void **items = rg_arena_alloc(p->arena, n * sizeof(void *));
    memcpy(items, p->stk + base, n * sizeof(void *));
    return items;
}

char *rg_pstate_text(rg_parser *p)
{
    const rg_token *t = &p->lx.tok;
    return rg_arena_strndup(p->arena, p->lx.src + t->start,
                            t->end - t->start);
}

bool rg_pstate_text_is(const rg_parser *p, const char *word)
{
    const rg_token *t = &p->lx.tok;
    size_t n = strlen(word);
    return t->end - t->start == n &&
           memcmp(p->lx.src + t->start, word, n) == 0;
}

void rg_pstate_template_next(rg_parser *p, bool raw)
{
    p->last_end = p->lx.tok.end;
    rg_lexer_template_next(&p->lx, raw);
    const rg_token *t = &p->lx.tok;
    if (t->kind == RG_TOK_ILLEGAL && t->error)
        lexical_error(p, t);
}
