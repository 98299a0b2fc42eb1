/*
 * Expressions and bodies: literals ("[not] expr [with ...]"), some
 * declarations, every, assignment and unification, bodies separated by
 * ";" or newlines, and queries.  The experimental and/or operators are
 * in parser/parse_logic.c.
 */
#include "parser/parse_internal.h"

#include <string.h>

bool rg_parse_expr_withs(rg_parser *p, rg_expr *e)
{
    size_t base = p->top;
    do {
        rg_with *w = rg_arena_calloc(p->arena, 1, sizeof *w);
        w->loc = rg_pstate_loc(p);
        rg_pstate_next(p);
        if (rg_pstate_tok(p) != RG_TOK_IDENT) {
            rg_pstate_illegal(p, "expected ident");
            goto fail;
        }
        w->target = rg_parse_term_atom(p);
        if (w->target == NULL)
            goto fail;
        if (w->target->kind != RG_TERM_REF && w->target->kind != RG_TERM_VAR)
            rg_pstate_illegal(p, "expected with target path");
        if (rg_pstate_tok(p) != RG_TOK_AS) {
            rg_pstate_illegal(p, "expected as keyword");
            goto fail;
        }
        rg_pstate_next(p);
        w->value = rg_parse_term_infix(p, true);
        if (w->value == NULL)
            goto fail;
        rg_pstate_close(p, &w->loc);
        rg_pstate_push(p, w);
    } while (rg_pstate_tok(p) == RG_TOK_WITH);
    e->withs = (rg_with **)rg_pstate_pop(p, base, &e->with_count);
    return true;
fail:
    p->top = base;
    return false;
}

static rg_expr *call_expr(rg_parser *p, rg_term **terms, uint32_t count,
                          rg_loc loc)
{
    rg_expr *e = rg_ast_expr(p, RG_EXPR_CALL, loc);
    e->u.call.terms = terms;
    e->u.call.count = count;
    return e;
}

/* "lhs", "lhs := rhs" or "lhs = rhs"; a top-level call term becomes a
 * call expression. */
static rg_expr *parse_plain_expr(rg_parser *p, rg_loc loc)
{
    rg_term *lhs = rg_parse_term_infix(p, true);
    if (lhs == NULL)
        return NULL;
    rg_tok k = rg_pstate_tok(p);
    if (k == RG_TOK_ASSIGN || k == RG_TOK_UNIFY) {
        rg_term *op = rg_ast_op(p, rg_tok_name(k), rg_pstate_loc(p));
        rg_pstate_next(p);
        rg_term *rhs = rg_parse_term_infix(p, true);
        if (rhs == NULL)
            return NULL;
        rg_term **terms = rg_arena_alloc(p->arena, 3 * sizeof(rg_term *));
        terms[0] = op;
        terms[1] = lhs;
        terms[2] = rhs;
        return call_expr(p, terms, 3, loc);
    }
    if (lhs->kind == RG_TERM_CALL)
        return call_expr(p, lhs->u.call.args, lhs->u.call.count, loc);
    return rg_ast_term_expr(p, lhs, loc);
}

static bool is_member_call(const rg_term *t, const char *name)
{
    if (t->kind != RG_TERM_CALL)
        return false;
    const rg_term *op = t->u.call.args[0];
    return op->kind == RG_TERM_REF && op->u.ref.count == 2 &&
           op->u.ref.parts[1]->kind == RG_TERM_STRING &&
           strcmp(op->u.ref.parts[1]->u.string.bytes, name) == 0 &&
           strcmp(op->u.ref.parts[0]->u.var.name, "internal") == 0;
}

/* Split a member call into key (or NULL), value and domain; false and
 * an "illegal domain" error when the call has the wrong arity. */
static bool split_member(rg_parser *p, const rg_term *call, rg_term **key,
                         rg_term **value, rg_term **domain)
{
    bool with_key = is_member_call(call, "member_3");
    uint32_t want = with_key ? 4 : 3;
    if (call->u.call.count != want) {
        rg_pstate_illegal(p, "illegal domain");
        return false;
    }
    rg_term **a = call->u.call.args;
    *key = with_key ? a[1] : NULL;
    *value = a[with_key ? 2 : 1];
    *domain = a[with_key ? 3 : 2];
    return true;
}

static bool is_member(const rg_term *t)
{
    return is_member_call(t, "member_2") || is_member_call(t, "member_3");
}

/* In v0 without the "in" keyword, note a hint when the text reads
 * "some x in ...", as OPA does. */
static void hint_future_in(rg_parser *p)
{
    if ((p->lx.keywords & RG_KW_IN) || p->version != RG_REGO_V0)
        return;
    rg_pstate s;
    rg_pstate_save(p, &s);
    rg_pstate_next(p);
    bool var = rg_pstate_tok(p) == RG_TOK_IDENT;
    rg_pstate_next(p);
    bool in = var && rg_pstate_tok(p) == RG_TOK_IDENT &&
              rg_pstate_text_is(p, "in");
    rg_pstate_restore(p, &s);
    if (in)
        p->hint = "`import future.keywords.in` for `some x in xs` "
                  "expressions";
}

/* In v0 without the "every" keyword, note a hint when an expression
 * "every" is followed by a name on the same line, as OPA does. */
static void hint_future_every(rg_parser *p, const rg_expr *e)
{
    if ((p->lx.keywords & RG_KW_EVERY) || p->version != RG_REGO_V0 ||
        e->kind != RG_EXPR_TERM || e->u.term->kind != RG_TERM_VAR ||
        strcmp(e->u.term->u.var.name, "every") != 0)
        return;
    if (rg_pstate_tok(p) == RG_TOK_IDENT && !p->lx.tok.nl_before)
        p->hint = "`import future.keywords.every` for `every x in xs "
                  "{ ... }` expressions";
}

static rg_expr *parse_some_vars(rg_parser *p, rg_loc loc)
{
    size_t base = p->top;
    do {
        rg_pstate_next(p);
        if (rg_pstate_tok(p) != RG_TOK_IDENT) {
            rg_pstate_illegal(p, "expected var");
            p->top = base;
            return NULL;
        }
        rg_pstate_push(p, rg_parse_term_var(p));
    } while (rg_pstate_tok(p) == RG_TOK_COMMA);
    rg_expr *e = rg_ast_expr(p, RG_EXPR_SOME, loc);
    e->u.some.vars = (rg_term **)rg_pstate_pop(p, base, &e->u.some.count);
    return e;
}

static rg_expr *parse_some(rg_parser *p, rg_loc loc)
{
    rg_pstate s;
    rg_pstate_save(p, &s);
    rg_pstate_next(p);
    rg_term *t = rg_parse_term_infix(p, true);
    if (t && t->kind == RG_TERM_CALL) {
        if (!is_member(t)) {
            rg_pstate_illegal(p, "expected `x in xs` or `x, y in xs` "
                              "expression");
            return NULL;
        }
        rg_expr *e = rg_ast_expr(p, RG_EXPR_SOME_IN, loc);
        if (!split_member(p, t, &e->u.some_in.key, &e->u.some_in.value,
                          &e->u.some_in.domain))
            return NULL;
        if (rg_pstate_tok(p) == RG_TOK_WITH && !rg_parse_expr_withs(p, e))
            return NULL;
        return e;
    }
    rg_pstate_restore(p, &s);
    hint_future_in(p);
    return parse_some_vars(p, loc);
}

static rg_expr *parse_every(rg_parser *p, rg_loc loc)
{
    rg_pstate_next(p);
    rg_term *t = rg_parse_term_infix(p, true);
    if (t == NULL)
        return NULL;
    if (!is_member(t)) {
        rg_pstate_illegal(p, "expected `x[, y] in xs { ... }` expression");
        return NULL;
    }
    rg_expr *e = rg_ast_expr(p, RG_EXPR_EVERY, loc);
    if (!split_member(p, t, &e->u.every.key, &e->u.every.value,
                      &e->u.every.domain))
        return NULL;
    if (e->u.every.key && e->u.every.key->kind != RG_TERM_VAR) {
        rg_pstate_illegal(p, "expected key to be a variable");
        return NULL;
    }
    if (e->u.every.value->kind != RG_TERM_VAR) {
        rg_pstate_illegal(p, "expected value to be a variable");
        return NULL;
    }
    if (rg_pstate_tok(p) != RG_TOK_LBRACE) {
        rg_pstate_illegal(p, "missing body");
        return NULL;
    }
    rg_pstate_next(p);
    if (!rg_parse_expr_body(p, RG_TOK_RBRACE, &e->u.every.body))
        return NULL;
    rg_pstate_next(p);
    if (rg_pstate_tok(p) == RG_TOK_WITH && !rg_parse_expr_withs(p, e))
        return NULL;
    return e;
}

rg_expr *rg_parse_expr_simple(rg_parser *p, bool allow_with)
{
    rg_loc loc = rg_pstate_loc(p);
    bool negated = false;
    if (!rg_parse_term_keyword_ref(p) && rg_pstate_tok(p) == RG_TOK_NOT) {
        rg_pstate_next(p);
        negated = true;
    }
    rg_expr *e;
    rg_tok k = rg_pstate_tok(p);
    if (k == RG_TOK_SOME || k == RG_TOK_EVERY) {
        if (negated) {
            rg_pstate_illegal(p, "illegal negation of '%s'", rg_tok_name(k));
            return NULL;
        }
        e = k == RG_TOK_SOME ? parse_some(p, loc) : parse_every(p, loc);
    } else {
        e = parse_plain_expr(p, loc);
        if (e == NULL)
            return NULL;
        hint_future_every(p, e);
        e->negated = negated;
        if (allow_with && rg_pstate_tok(p) == RG_TOK_WITH &&
            !rg_parse_expr_withs(p, e))
            return NULL;
    }
    if (e)
        rg_pstate_close(p, &e->loc);
    return e;
}

rg_expr *rg_parse_expr_literal(rg_parser *p)
{
    if (p->lx.keywords & (RG_KW_AND | RG_KW_OR | RG_KW_NOT))
        return rg_parse_logic_literal(p);
    return rg_parse_expr_simple(p, true);
}

static bool parse_expr_list(rg_parser *p, rg_tok end, bool require_semi,
                            rg_body *out)
{
    size_t base = p->top;
    for (;;) {
        rg_expr *e = rg_parse_expr_literal(p);
        if (e == NULL)
            goto fail;
        e->index = (uint32_t)(p->top - base);
        rg_pstate_push(p, e);
        if (rg_pstate_tok(p) == RG_TOK_SEMICOLON) {
            rg_pstate_next(p);
            continue;
        }
        if (rg_pstate_tok(p) == end)
            break;
        if (require_semi || !p->lx.tok.nl_before) {
            if (p->nerr == 0)
                rg_pstate_illegal(p, "expected \\n or ; or %s",
                                  rg_tok_name(end));
            goto fail;
        }
    }
    out->exprs = (rg_expr **)rg_pstate_pop(p, base, &out->count);
    return true;
fail:
    p->top = base;
    return false;
}

bool rg_parse_expr_body(rg_parser *p, rg_tok end, rg_body *out)
{
    if (rg_pstate_tok(p) == end) {
        rg_pstate_error_at(p, p->lx.tok.line, p->lx.tok.col,
                           "found empty body");
        return false;
    }
    if (!rg_pstate_enter(p))
        return false;
    bool ok = parse_expr_list(p, end, false, out);
    rg_pstate_leave(p);
    return ok;
}

bool rg_parse_expr_query(rg_parser *p, rg_body *out)
{
    if (rg_pstate_tok(p) == RG_TOK_EOF) {
        rg_pstate_error_at(p, p->lx.tok.line, p->lx.tok.col, "empty query");
        return false;
    }
    return parse_expr_list(p, RG_TOK_EOF, false, out);
}
