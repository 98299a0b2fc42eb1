/*
 * Rules from module-level expressions and the Rego v1 rule checks.
 *
 * A statement that does not parse as a rule is parsed as a query; OPA
 * then reads v0 shorthand from it: "p[x]" (a set element), "p = 1",
 * "p.q.r" (true), "f(x) = y" and "f(x)".  Anything else is an error
 * naming what cannot be a rule head.
 */
#include "parser/parse_internal.h"
#include "runtime/builtin.h"

#include <string.h>

/* Operators the parser itself produces.  A statement calling one of
 * these, or any builtin of the registry, cannot name a rule. */
static const char *const operator_names[] = {
    "equal", "neq", "lt", "gt", "lte", "gte", "plus", "minus", "mul",
    "div", "rem", "and", "or", "internal.member_2", "internal.member_3",
};

static bool is_builtin(rg_parser *p, const rg_term *op)
{
    const char *name = rg_ast_ref_name(p, op);
    if (name == NULL)
        return false;
    for (size_t i = 0; i < RG_ARRAY_LEN(operator_names); i++)
        if (strcmp(name, operator_names[i]) == 0)
            return true;
    return rg_builtin_find(name) != NULL;
}

static rg_rule *stmt_rule(rg_parser *p, rg_term *ref, rg_loc loc)
{
    rg_rule *r = rg_arena_calloc(p->arena, 1, sizeof *r);
    r->loc = loc;
    r->head.loc = loc;
    r->head.ref = ref;
    r->body = rg_ast_true_body(p, loc);
    return r;
}

static rg_term *one_part_ref(rg_parser *p, rg_term *t)
{
    return t->kind == RG_TERM_REF ? t : rg_ast_ref(p, &t, 1, t->loc);
}

static bool var_headed(const rg_term *ref)
{
    return ref->u.ref.parts[0]->kind == RG_TERM_VAR;
}

static rg_rule *error_rule(rg_parser *p, rg_loc loc, const char *msg,
                           const rg_term *t)
{
    if (t)
        rg_pstate_error_at(p, loc.line, loc.col, "%s%s", msg,
                           rg_ast_term_string(p, t));
    else
        rg_pstate_error_at(p, loc.line, loc.col, "%s", msg);
    return NULL;
}

/* "p[x]", "p.q.r": a set element, or a ref with value true. */
static rg_rule *rule_from_term(rg_parser *p, rg_term *t, rg_loc loc)
{
    if (t->kind != RG_TERM_REF) {
        rg_pstate_error_at(p, loc.line, loc.col, "%s cannot be used for "
                           "rule name", rg_ast_value_name(t));
        return NULL;
    }
    if (t->u.ref.count == 1)
        return error_rule(p, loc, "refs cannot be used for rule head", NULL);
    if (!var_headed(t))
        return error_rule(p, loc, "invalid rule head: ", t);
    if (t->u.ref.count > 2) {
        rg_rule *r = stmt_rule(p, t, loc);
        rg_parse_rule_kind(r, false);
        return r;
    }
    rg_term *key = t->u.ref.parts[1];
    rg_rule *r = stmt_rule(p, rg_ast_ref(p, t->u.ref.parts, 1, t->loc), loc);
    r->head.key = key;
    rg_parse_rule_kind(r, true);
    return r;
}

/* "f(x) = y", "p[k] = v", "p = v" (and := forms). */
static rg_rule *rule_from_eq(rg_parser *p, rg_term *lhs, rg_term *rhs,
                             bool assign, rg_loc loc)
{
    rg_rule *r = NULL;
    if (lhs->kind == RG_TERM_CALL) {
        rg_term *op = lhs->u.call.args[0];
        if (op->kind == RG_TERM_REF && var_headed(op)) {
            r = stmt_rule(p, op, loc);
            r->head.args = lhs->u.call.args + 1;
            r->head.arg_count = lhs->u.call.count - 1;
        }
    } else if (lhs->kind == RG_TERM_REF && var_headed(lhs)) {
        r = stmt_rule(p, lhs, loc);
        if (lhs->u.ref.count == 2)
            r->head.key = lhs->u.ref.parts[1];
    } else if (lhs->kind == RG_TERM_VAR) {
        r = stmt_rule(p, one_part_ref(p, lhs), loc);
    } else if (lhs->kind == RG_TERM_REF) {
        return error_rule(p, loc, "invalid rule head: ", lhs);
    } else {
        rg_pstate_error_at(p, loc.line, loc.col, "%s cannot be used for "
                           "rule name", rg_ast_value_name(lhs));
        return NULL;
    }
    if (r == NULL)
        return error_rule(p, loc, "invalid rule head: ", lhs);
    r->head.value = rhs;
    r->head.assign = assign;
    rg_parse_rule_kind(r, false);
    return r;
}

/* "f(x)": a function returning true. */
static rg_rule *rule_from_call(rg_parser *p, rg_term **terms,
                               uint32_t count, rg_loc loc)
{
    if (count <= 1)
        return error_rule(p, loc, "rule argument list must take at least "
                          "one argument", NULL);
    rg_term *op = terms[0];
    if (!var_headed(op))
        return error_rule(p, loc, "invalid rule head: ", op);
    rg_rule *r = stmt_rule(p, op, loc);
    r->head.args = terms + 1;
    r->head.arg_count = count - 1;
    r->head.value = rg_ast_bool(p, true, loc);
    rg_parse_rule_kind(r, false);
    return r;
}

static bool op_is(rg_parser *p, const rg_term *op, const char *name)
{
    const char *n = rg_ast_ref_name(p, op);
    return n && strcmp(n, name) == 0;
}

static rg_rule *rule_from_expr(rg_parser *p, rg_expr *e)
{
    rg_loc loc = e->loc;
    if (e->with_count > 0)
        return error_rule(p, loc, "expressions using with keyword cannot "
                          "be used for rule head", NULL);
    if (e->negated)
        return error_rule(p, loc, "negated expressions cannot be used for "
                          "rule head", NULL);
    if (e->kind == RG_EXPR_SOME || e->kind == RG_EXPR_SOME_IN)
        return error_rule(p, loc, "'some' declarations cannot be used for "
                          "rule head", NULL);
    if (e->kind == RG_EXPR_TERM)
        return rule_from_term(p, e->u.term, loc);
    if (e->kind != RG_EXPR_CALL)
        return error_rule(p, loc, "expression cannot be used for rule head",
                          NULL);
    rg_term **terms = e->u.call.terms;
    if (op_is(p, terms[0], "eq") && e->u.call.count == 3)
        return rule_from_eq(p, terms[1], terms[2], false, loc);
    if (op_is(p, terms[0], "assign") && e->u.call.count == 3)
        return rule_from_eq(p, terms[1], terms[2], true, loc);
    if (is_builtin(p, terms[0]))
        return error_rule(p, loc, "rule name conflicts with built-in "
                          "function", NULL);
    return rule_from_call(p, terms, e->u.call.count, loc);
}

rg_rule *rg_parse_rule_from_body(rg_parser *p, const rg_body *body)
{
    if (body->count != 1) {
        rg_loc loc = body->exprs[0]->loc;
        return error_rule(p, loc, "multiple expressions cannot be used for "
                          "rule head", NULL);
    }
    return rule_from_expr(p, body->exprs[0]);
}

static bool is_v1_keyword(const char *name)
{
    static const char *const words[] = {
        "package", "import", "as", "default", "else", "not", "some",
        "with", "null", "true", "false", "in", "every", "contains", "if",
    };
    for (size_t i = 0; i < RG_ARRAY_LEN(words); i++)
        if (strcmp(name, words[i]) == 0)
            return true;
    return false;
}

static void check_one(rg_parser *p, const rg_rule *r)
{
    const char *rule_type = r->kind == RG_RULE_FUNCTION ? "function" : "rule";
    const rg_head *h = &r->head;
    uint32_t line = r->loc.line;
    uint32_t col = r->loc.col;
    const rg_term *first = h->ref->u.ref.parts[0];
    if (h->ref->u.ref.count < 2 && first->kind == RG_TERM_VAR &&
        is_v1_keyword(first->u.var.name))
        rg_pstate_error_at(p, line, col, "%s keyword cannot be used for "
                           "rule name", first->u.var.name);
    if (!r->body_written && !r->is_default && h->value == NULL &&
        h->key == NULL)
        rg_pstate_error_at(p, line, col, "%s must have value assignment "
                           "and/or body declaration", rule_type);
    if (r->body_written && !r->if_written && !r->is_default)
        rg_pstate_error_at(p, line, col, "`if` keyword is required before "
                           "%s body", rule_type);
    if ((r->kind == RG_RULE_PARTIAL_SET || r->kind == RG_RULE_MULTI_VALUE)
        && !h->contains)
        rg_pstate_error_at(p, line, col, "`contains` keyword is required "
                           "for partial set rules");
}

void rg_parse_rule_check_v1(rg_parser *p, const rg_rule *rule)
{
    for (const rg_rule *r = rule; r; r = r->else_rule)
        check_one(p, r);
}
