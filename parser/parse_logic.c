/*
 * Negated groups and the experimental "and" / "or" expression operators.
 * "import future.keywords.not" allows "not { body }" and "not (expr)";
 * future.keywords.and and future.keywords.or (allowed only with the
 * experimental option) add the operators.
 *
 * Grammar, loosest first:
 *
 *   literal := or [with ...]
 *   or      := and ("or" and)*
 *   and     := unary ("and" unary)*
 *   unary   := "not" primary | primary
 *   primary := "{" body "}" | "(" literal ")" | some | every | expr
 *
 * A braced or parenthesised group counts as a group only when an operand
 * ends right after it: and, or, with, a separator or a closing bracket.
 * Otherwise the text is read again as an ordinary term, so "{1, 2} == s"
 * and "(1 + 2) * 3 == x" keep their usual meaning.  The with modifiers
 * after a whole and/or expression apply to all of it.
 */
#include "parser/parse_internal.h"

static rg_expr *parse_or(rg_parser *p);

static bool operand_ends(const rg_parser *p)
{
    switch (rg_pstate_tok(p)) {
    case RG_TOK_AND: case RG_TOK_OR: case RG_TOK_WITH:
    case RG_TOK_SEMICOLON: case RG_TOK_RBRACE: case RG_TOK_RBRACK:
    case RG_TOK_RPAREN: case RG_TOK_EOF:
        return true;
    default:
        return p->lx.tok.nl_before;
    }
}

/* A "{ body }" or "( or )" group, or NULL after restoring the state. */
static rg_expr *try_group(rg_parser *p)
{
    rg_pstate s;
    rg_pstate_save(p, &s);
    rg_loc loc = rg_pstate_loc(p);
    bool brace = rg_pstate_tok(p) == RG_TOK_LBRACE;
    rg_expr *e = NULL;
    rg_pstate_next(p);
    if (brace) {
        rg_body body;
        if (rg_parse_expr_body(p, RG_TOK_RBRACE, &body)) {
            e = rg_ast_expr(p, RG_EXPR_GROUP, loc);
            e->u.group = body;
        }
    } else {
        e = rg_parse_logic_literal(p);
        if (e && rg_pstate_tok(p) != RG_TOK_RPAREN)
            e = NULL;
    }
    if (e) {
        rg_pstate_next(p);
        if (operand_ends(p)) {
            if (brace)
                rg_pstate_close(p, &e->loc);
            return e;
        }
    }
    rg_pstate_restore(p, &s);
    return NULL;
}

static rg_expr *parse_primary(rg_parser *p)
{
    rg_tok k = rg_pstate_tok(p);
    if (k == RG_TOK_LBRACE || k == RG_TOK_LPAREN) {
        rg_expr *e = try_group(p);
        if (e)
            return e;
    }
    return rg_parse_expr_simple(p, false);
}

static rg_expr *parse_unary(rg_parser *p)
{
    if (rg_pstate_tok(p) != RG_TOK_NOT || rg_parse_term_keyword_ref(p))
        return parse_primary(p);
    rg_loc loc = rg_pstate_loc(p);
    rg_pstate_next(p);
    rg_expr *e = parse_primary(p);
    if (e == NULL)
        return NULL;
    if (e->kind == RG_EXPR_SOME || e->kind == RG_EXPR_SOME_IN ||
        e->kind == RG_EXPR_EVERY) {
        rg_pstate_error_at(p, e->loc.line, e->loc.col,
                           "illegal negation of '%s'",
                           e->kind == RG_EXPR_EVERY ? "every" : "some");
        return NULL;
    }
    if (e->negated) {
        /* "not not x": negate a group holding the inner negation. */
        rg_expr *g = rg_ast_expr(p, RG_EXPR_GROUP, loc);
        g->u.group.exprs = rg_arena_alloc(p->arena, sizeof(rg_expr *));
        g->u.group.exprs[0] = e;
        g->u.group.count = 1;
        e = g;
    }
    e->negated = true;
    e->loc.line = loc.line;
    e->loc.col = loc.col;
    e->loc.offset = loc.offset;
    rg_pstate_close(p, &e->loc);
    return e;
}

static rg_expr *binary(rg_parser *p, rg_expr_kind kind, rg_expr *lhs,
                       rg_expr *rhs)
{
    rg_expr *e = rg_ast_expr(p, kind, lhs->loc);
    e->u.logic.lhs = lhs;
    e->u.logic.rhs = rhs;
    rg_pstate_close(p, &e->loc);
    return e;
}

/* A chain of operands joined by op; each operator nests the tree one
 * level deeper and counts against RG_PARSE_MAX_DEPTH. */
static rg_expr *parse_chain(rg_parser *p, rg_tok op, rg_expr_kind kind,
                            rg_expr *(*operand)(rg_parser *))
{
    int depth = p->depth;
    rg_expr *lhs = operand(p);
    while (lhs && rg_pstate_tok(p) == op) {
        if (!rg_pstate_enter(p)) {
            lhs = NULL;
            break;
        }
        rg_pstate_next(p);
        rg_expr *rhs = operand(p);
        lhs = rhs ? binary(p, kind, lhs, rhs) : NULL;
    }
    p->depth = depth;
    return lhs;
}

static rg_expr *parse_and(rg_parser *p)
{
    return parse_chain(p, RG_TOK_AND, RG_EXPR_AND, parse_unary);
}

static rg_expr *parse_or(rg_parser *p)
{
    if (!rg_pstate_enter(p))
        return NULL;
    rg_expr *e = parse_chain(p, RG_TOK_OR, RG_EXPR_OR, parse_and);
    rg_pstate_leave(p);
    return e;
}

rg_expr *rg_parse_logic_literal(rg_parser *p)
{
    rg_expr *e = parse_or(p);
    if (e && rg_pstate_tok(p) == RG_TOK_WITH && !rg_parse_expr_withs(p, e))
        return NULL;
    return e;
}
