/*
 * Template strings: $"text {expr} text" and the raw form $`...`.  The
 * text parts are decoded like strings ("\{" writes a brace); each
 * embedded expression is a single literal that may not be negated,
 * unify, assign, or be a some or every expression, as in OPA.
 */
#include "parser/parse_internal.h"

#include <string.h>

static bool is_call_named(const rg_expr *e, const char *name)
{
    if (e->kind != RG_EXPR_CALL)
        return false;
    const rg_term *op = e->u.call.terms[0];
    return op->kind == RG_TERM_REF && op->u.ref.count == 1 &&
           op->u.ref.parts[0]->kind == RG_TERM_VAR &&
           strcmp(op->u.ref.parts[0]->u.var.name, name) == 0;
}

/* The reason expression e may not appear in a template, or NULL. */
static const char *forbidden_expr(const rg_expr *e)
{
    if (e->negated)
        return "unexpected negation ('not') in template-string expression";
    if (is_call_named(e, "eq"))
        return "unexpected unification ('=') in template-string expression";
    if (is_call_named(e, "assign"))
        return "unexpected assignment (':=') in template-string expression";
    if (e->kind == RG_EXPR_EVERY)
        return "unexpected 'every' in template-string expression";
    if (e->kind == RG_EXPR_SOME || e->kind == RG_EXPR_SOME_IN)
        return "unexpected 'some' in template-string expression";
    return NULL;
}

static bool push_text_part(rg_parser *p)
{
    const char *text;
    uint32_t len;
    rg_tok k = rg_pstate_tok(p);
    if (k != RG_TOK_TEMPLATE_PART && k != RG_TOK_TEMPLATE_END) {
        rg_pstate_error_at(p, p->lx.tok.line, p->lx.tok.col,
                           "expected template-string part");
        return false;
    }
    if (!rg_parse_string_template(p, &text, &len))
        return false;
    if (len > 0) {
        rg_template_part *part = rg_arena_calloc(p->arena, 1, sizeof *part);
        part->text = text;
        part->len = len;
        rg_pstate_push(p, part);
    }
    return true;
}

/* The "{expr}" after a part; the current token is the part. */
static bool push_expr_part(rg_parser *p, bool raw)
{
    rg_pstate_next(p);
    rg_expr *e = rg_parse_expr_literal(p);
    if (e == NULL) {
        rg_pstate_error_at(p, p->lx.tok.line, p->lx.tok.col,
                           "invalid template-string expression");
        return false;
    }
    const char *why = forbidden_expr(e);
    if (why) {
        rg_pstate_error_at(p, e->loc.line, e->loc.col, "%s", why);
        return false;
    }
    if (rg_pstate_tok(p) != RG_TOK_RBRACE) {
        rg_pstate_error_at(p, p->lx.tok.line, p->lx.tok.col,
                           "expected } to end template string expression");
        return false;
    }
    rg_template_part *part = rg_arena_calloc(p->arena, 1, sizeof *part);
    part->expr = e;
    rg_pstate_push(p, part);
    rg_pstate_template_next(p, raw);
    return true;
}

rg_term *rg_parse_template(rg_parser *p)
{
    rg_loc loc = rg_pstate_loc(p);
    bool raw = p->lx.tok.raw;
    size_t base = p->top;
    for (;;) {
        if (!push_text_part(p))
            goto fail;
        if (rg_pstate_tok(p) == RG_TOK_TEMPLATE_END)
            break;
        if (!push_expr_part(p, raw))
            goto fail;
    }
    rg_pstate_next(p);
    uint32_t count;
    void **items = rg_pstate_pop(p, base, &count);
    rg_term *t = rg_ast_term(p, RG_TERM_TEMPLATE, loc);
    t->u.template.parts = rg_arena_alloc(p->arena,
                                         count * sizeof(rg_template_part));
    for (uint32_t i = 0; i < count; i++)
        t->u.template.parts[i] = *(rg_template_part *)items[i];
    t->u.template.count = count;
    t->u.template.multiline = raw;
    rg_pstate_close(p, &t->loc);
    return t;
fail:
    p->top = base;
    return NULL;
}
