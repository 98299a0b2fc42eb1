/*
 * Rules: heads (names, general refs, function arguments, contains, = and
 * :=), default rules, bodies with or without "if", else chains, and v0's
 * chained bodies "p { a } { b }".  Follows OPA's parseRules so the same
 * text yields the same rules and errors.
 */
#include "parser/parse_internal.h"

#include <string.h>

typedef struct head_info {
    bool multi_value;       /* contains, or v0 "p[x]" with no value */
} head_info;

static rg_rule *new_rule(rg_parser *p, rg_loc loc)
{
    rg_rule *r = rg_arena_calloc(p->arena, 1, sizeof *r);
    r->loc = loc;
    return r;
}

static uint32_t ref_len(const rg_head *h)
{
    return h->ref->kind == RG_TERM_REF ? h->ref->u.ref.count : 1;
}

static rg_term *ref_part(const rg_head *h, uint32_t i)
{
    return h->ref->u.ref.parts[i];
}

/* Make the head's name a ref: "p" becomes the one-part ref p. */
static rg_term *as_ref(rg_parser *p, rg_term *t)
{
    if (t->kind == RG_TERM_REF)
        return t;
    return rg_ast_ref(p, &t, 1, t->loc);
}

static bool is_head_operator(rg_tok k)
{
    switch (k) {
    case RG_TOK_PLUS: case RG_TOK_MINUS: case RG_TOK_STAR: case RG_TOK_SLASH:
    case RG_TOK_PERCENT: case RG_TOK_AMP: case RG_TOK_BAR:
    case RG_TOK_EQUAL: case RG_TOK_NEQ: case RG_TOK_GT: case RG_TOK_GTE:
    case RG_TOK_LT: case RG_TOK_LTE:
        return true;
    default:
        return false;
    }
}

/* The head's name: a var, a ref, or a call for a function. */
static rg_term *parse_head_name(rg_parser *p)
{
    rg_term *t = rg_parse_term_var(p);
    rg_tok k = rg_pstate_tok(p);
    if (!p->lx.tok.ws_before && is_head_operator(k))
        rg_pstate_illegal_token(p);
    if (k == RG_TOK_LPAREN || k == RG_TOK_DOT || k == RG_TOK_LBRACK)
        return rg_parse_term_ref(p, t, true);
    if (strcmp(t->u.var.name, "data") == 0 ||
        strcmp(t->u.var.name, "input") == 0)
        return as_ref(p, t);
    return t;
}

static bool set_head_name(rg_parser *p, rg_head *h, rg_term *name)
{
    if (name->kind != RG_TERM_CALL) {
        h->ref = as_ref(p, name);
        return true;
    }
    rg_term *op = name->u.call.args[0];
    if (op->kind == RG_TERM_REF && op->u.ref.parts[0]->kind != RG_TERM_VAR) {
        rg_pstate_illegal(p, "rule head ref %s invalid",
                          rg_ast_term_string(p, op));
        return false;
    }
    h->ref = as_ref(p, op);
    h->args = name->u.call.args + 1;
    h->arg_count = name->u.call.count - 1;
    return true;
}

static bool parse_head_contains(rg_parser *p, rg_head *h, const char *name)
{
    if (h->arg_count > 0)
        rg_pstate_illegal(p, "the contains keyword can only be used with "
                          "multi-value rule definitions (e.g., %s contains "
                          "<VALUE> { ... })", name);
    rg_pstate_next(p);
    h->key = rg_parse_term_infix(p, true);
    h->contains = true;
    if (h->key == NULL) {
        rg_pstate_illegal(p, "expected rule key term (e.g., %s contains "
                          "<VALUE> { ... })", name);
        return false;
    }
    return true;
}

static void missing_value(rg_parser *p, const rg_head *h, const char *name,
                          bool is_default)
{
    if (!h->assign)
        rg_pstate_illegal(p, "expected rule value term (e.g., %s = <VALUE> "
                          "{ ... })", name);
    else if (h->arg_count > 0)
        rg_pstate_illegal(p, "expected function value term (e.g., %s(...) "
                          ":= <VALUE> { ... })", name);
    else if (h->key)
        rg_pstate_illegal(p, "expected partial rule value term (e.g., "
                          "%s[...] := <VALUE> { ... })", name);
    else if (is_default)
        rg_pstate_illegal(p, "expected default rule value term (e.g., "
                          "default %s := <VALUE>)", name);
    else
        rg_pstate_illegal(p, "expected rule value term (e.g., %s := "
                          "<VALUE> { ... })", name);
}

/* The head; the current token is its first identifier. */
static bool parse_head(rg_parser *p, rg_head *h, head_info *info,
                       bool is_default)
{
    h->loc = rg_pstate_loc(p);
    rg_term *name_term = parse_head_name(p);
    if (name_term == NULL) {
        rg_pstate_illegal(p, "expected rule head name");
        return false;
    }
    if (!set_head_name(p, h, name_term))
        return false;
    const char *name = rg_ast_term_string(p, h->ref);
    rg_tok k = rg_pstate_tok(p);
    if (k == RG_TOK_CONTAINS) {
        info->multi_value = true;
        bool ok = parse_head_contains(p, h, name);
        rg_pstate_close(p, &h->loc);
        return ok;
    }
    if (k == RG_TOK_UNIFY || k == RG_TOK_ASSIGN) {
        h->assign = k == RG_TOK_ASSIGN;
        rg_pstate_next(p);
        h->value = rg_parse_term_infix(p, true);
        if (h->value == NULL) {
            missing_value(p, h, name, is_default);
            return false;
        }
    }
    rg_pstate_close(p, &h->loc);
    return true;
}

/* ---- default rules ---------------------------------------------------- */

/* The first var, ref or call in t outside comprehensions, or NULL. */
static const rg_term *find_non_constant(const rg_term *t)
{
    switch (t->kind) {
    case RG_TERM_VAR: case RG_TERM_REF: case RG_TERM_CALL:
        return t;
    case RG_TERM_ARRAY: case RG_TERM_SET:
        for (uint32_t i = 0; i < t->u.collection.count; i++) {
            const rg_term *f = find_non_constant(t->u.collection.items[i]);
            if (f)
                return f;
        }
        return NULL;
    case RG_TERM_OBJECT:
        for (uint32_t i = 0; i < t->u.object.count; i++) {
            const rg_term *f = find_non_constant(t->u.object.keys[i]);
            if (f == NULL)
                f = find_non_constant(t->u.object.values[i]);
            if (f)
                return f;
        }
        return NULL;
    default:
        return NULL;
    }
}

static bool check_default_args(rg_parser *p, const rg_rule *r)
{
    const rg_head *h = &r->head;
    for (uint32_t i = 0; i < h->arg_count; i++) {
        const rg_term *a = h->args[i];
        if (a->kind != RG_TERM_VAR) {
            rg_pstate_error_at(p, r->loc.line, r->loc.col,
                               "illegal default rule (arguments cannot "
                               "contain %s)", rg_ast_value_name(a));
            return false;
        }
        for (uint32_t j = 0; j < i; j++) {
            if (h->args[j]->kind == RG_TERM_VAR &&
                strcmp(h->args[j]->u.var.name, a->u.var.name) == 0) {
                rg_pstate_error_at(p, r->loc.line, r->loc.col,
                                   "illegal default rule (arguments cannot "
                                   "be repeated %s)", a->u.var.name);
                return false;
            }
        }
    }
    return true;
}

static bool check_default(rg_parser *p, rg_rule *r)
{
    const rg_head *h = &r->head;
    if (h->value == NULL && (ref_len(h) == 2 && h->arg_count == 0)) {
        rg_pstate_error_at(p, r->loc.line, r->loc.col,
                           "illegal default rule (must have a value)");
        return false;
    }
    const rg_term *bad = h->value ? find_non_constant(h->value) : NULL;
    if (bad) {
        rg_pstate_error_at(p, r->loc.line, r->loc.col,
                           "illegal default rule (value cannot contain %s)",
                           rg_ast_value_name(bad));
        return false;
    }
    return check_default_args(p, r);
}

/* ---- bodies ------------------------------------------------------------- */

static bool is_set_literal(const rg_expr *e)
{
    return e->kind == RG_EXPR_TERM && !e->negated && e->with_count == 0 &&
           e->u.term->kind == RG_TERM_SET;
}

/* "{ body }"; the current token is "{". */
static bool parse_brace_body(rg_parser *p, rg_body *body)
{
    rg_pstate_next(p);
    if (!rg_parse_expr_body(p, RG_TOK_RBRACE, body))
        return false;
    rg_pstate_next(p);
    return true;
}

/* true when the current token could continue a literal that began with
 * a braced term, so "if { ... }" must be read as OPA reads it. */
static bool continues_literal(const rg_parser *p)
{
    rg_tok k = rg_pstate_tok(p);
    if (!p->lx.tok.ws_before &&
        (k == RG_TOK_DOT || k == RG_TOK_LBRACK || k == RG_TOK_LPAREN))
        return true;
    switch (k) {
    case RG_TOK_EQUAL: case RG_TOK_NEQ: case RG_TOK_LT: case RG_TOK_GT:
    case RG_TOK_LTE: case RG_TOK_GTE: case RG_TOK_BAR: case RG_TOK_AMP:
    case RG_TOK_PLUS: case RG_TOK_MINUS: case RG_TOK_STAR:
    case RG_TOK_SLASH: case RG_TOK_PERCENT: case RG_TOK_UNIFY:
    case RG_TOK_ASSIGN: case RG_TOK_IN: case RG_TOK_COMMA: case RG_TOK_WITH:
    case RG_TOK_AND: case RG_TOK_OR:
        return true;
    default:
        return false;
    }
}

/* true when the braces after "if" start a set comprehension "{x | ...}",
 * which OPA reads as a one-term body. */
static bool starts_comprehension(rg_parser *p)
{
    rg_pstate s;
    rg_pstate_save(p, &s);
    rg_pstate_next(p);
    bool comp = rg_parse_term_atom(p) && rg_pstate_tok(p) == RG_TOK_BAR;
    rg_pstate_restore(p, &s);
    return comp;
}

/* The body after "if": OPA first tries a single literal and takes a
 * braced body when that fails or is a set.  Reading the braced body
 * first gives the same result whenever nothing continues the literal
 * after the closing brace, and saves parsing most bodies twice. */
static bool parse_if_body(rg_parser *p, rg_body *body)
{
    rg_pstate s;
    rg_pstate_save(p, &s);
    if (rg_pstate_tok(p) == RG_TOK_LBRACE && !starts_comprehension(p)) {
        if (parse_brace_body(p, body) && !continues_literal(p))
            return true;
        rg_pstate_restore(p, &s);
    }
    bool brace = rg_pstate_tok(p) == RG_TOK_LBRACE;
    rg_expr *e = rg_parse_expr_literal(p);
    if (e && !is_set_literal(e)) {
        body->exprs = rg_arena_alloc(p->arena, sizeof(rg_expr *));
        body->exprs[0] = e;
        body->count = 1;
        return true;
    }
    if (!brace) {
        /* The literal's errors stand; "p if set()" gets one of its own. */
        if (e) {
            rg_pstate_restore(p, &s);
            rg_pstate_illegal(p, "expected rule body");
        }
        return false;
    }
    rg_pstate_restore(p, &s);
    return parse_brace_body(p, body);
}

/* ---- else chains ------------------------------------------------------ */

/* A copy of head for an else branch or a chained body: wildcard
 * arguments get fresh names. */
static rg_head copy_head(rg_parser *p, const rg_head *h)
{
    rg_head c = *h;
    if (h->arg_count == 0)
        return c;
    c.args = rg_arena_alloc(p->arena, h->arg_count * sizeof(rg_term *));
    for (uint32_t i = 0; i < h->arg_count; i++) {
        rg_term *a = h->args[i];
        c.args[i] = (a->kind == RG_TERM_VAR && a->u.var.wildcard)
                        ? rg_ast_wildcard(p, a->loc) : a;
    }
    return c;
}

static rg_rule *parse_else(rg_parser *p, const rg_head *head);

static bool parse_else_body(rg_parser *p, rg_rule *r, const rg_head *head)
{
    bool has_if = rg_pstate_tok(p) == RG_TOK_IF;
    if (!has_if && rg_pstate_tok(p) != RG_TOK_LBRACE) {
        r->body = rg_ast_true_body(p, r->loc);
        return true;
    }
    r->if_written = has_if;
    r->body_written = true;
    if (has_if)
        rg_pstate_next(p);
    if (rg_pstate_tok(p) == RG_TOK_LBRACE) {
        if (!parse_brace_body(p, &r->body))
            return false;
    } else if (rg_pstate_tok(p) != RG_TOK_EOF) {
        rg_expr *e = rg_parse_expr_literal(p);
        if (e == NULL)
            return false;
        r->body.exprs = rg_arena_alloc(p->arena, sizeof(rg_expr *));
        r->body.exprs[0] = e;
        r->body.count = 1;
    } else {
        rg_pstate_illegal(p, "rule body expected");
        return false;
    }
    if (rg_pstate_tok(p) == RG_TOK_ELSE && !rg_parse_term_keyword_ref(p)) {
        r->else_rule = parse_else(p, head);
        return r->else_rule != NULL;
    }
    return true;
}

/* "else [= value] [if] [body]"; the current token is "else". */
static rg_rule *parse_else(rg_parser *p, const rg_head *head)
{
    if (!rg_pstate_enter(p))
        return NULL;
    rg_rule *r = new_rule(p, rg_pstate_loc(p));
    r->head = copy_head(p, head);
    r->head.loc = r->loc;
    r->head.value = NULL;
    r->head.assign = false;
    r->kind = RG_RULE_COMPLETE;
    rg_pstate_next(p);
    rg_tok k = rg_pstate_tok(p);
    bool ok = true;
    if (k == RG_TOK_ASSIGN || k == RG_TOK_UNIFY) {
        r->head.assign = k == RG_TOK_ASSIGN;
        rg_pstate_next(p);
        r->head.value = rg_parse_term_infix(p, true);
        ok = r->head.value != NULL;
    } else if (k != RG_TOK_LBRACE && k != RG_TOK_IF) {
        rg_pstate_illegal(p, "expected else value term or rule body");
        ok = false;
    }
    ok = ok && parse_else_body(p, r, head);
    rg_pstate_close(p, &r->loc);
    rg_pstate_leave(p);
    return ok ? r : NULL;
}

/* ---- rules ------------------------------------------------------------- */

/* OPA's rewriting of "p[x]" heads with and without "if". */
static bool shape_head(rg_rule *r, head_info *info, bool has_if)
{
    rg_head *h = &r->head;
    if (info->multi_value || ref_len(h) != 2)
        return true;
    rg_term *last = ref_part(h, 1);
    if (has_if) {
        if ((!rg_term_is_ground(last) || last->kind == RG_TERM_REF) &&
            h->arg_count == 0)
            h->key = last;
        return true;
    }
    if (h->arg_count > 0)
        return true;
    if (ref_part(h, 0)->kind != RG_TERM_VAR)
        return false;
    h->key = last;
    if (h->value == NULL) {
        h->ref->u.ref.count = 1;
        info->multi_value = true;
    }
    return true;
}

static bool check_else_allowed(rg_parser *p, const rg_rule *r)
{
    const rg_head *h = &r->head;
    if (ref_len(h) > 1 && !rg_term_is_ground(h->ref)) {
        rg_pstate_error_at(p, p->lx.tok.line, p->lx.tok.col,
                           "else keyword cannot be used on rules with "
                           "variables in head");
        return false;
    }
    if (h->key) {
        rg_pstate_error_at(p, p->lx.tok.line, p->lx.tok.col,
                           "else keyword cannot be used on multi-value "
                           "rules");
        return false;
    }
    return true;
}

/* Further "{ body }" blocks after a rule: each is a rule of its own with
 * the same head. */
static bool parse_chained(rg_parser *p, rg_rule *first, head_info *info)
{
    while (rg_pstate_tok(p) == RG_TOK_LBRACE) {
        if (first->else_rule) {
            rg_pstate_error_at(p, p->lx.tok.line, p->lx.tok.col,
                               "expected else keyword");
            return false;
        }
        rg_rule *r = new_rule(p, rg_pstate_loc(p));
        if (!parse_brace_body(p, &r->body))
            return false;
        r->head = copy_head(p, &first->head);
        r->head.loc = r->loc;
        r->body_written = true;
        r->if_written = first->if_written;
        rg_parse_rule_kind(r, info->multi_value);
        rg_pstate_close(p, &r->loc);
        rg_pstate_push(p, r);
    }
    return true;
}

/* The part after the head: body, else chain and chained bodies. */
static uint32_t parse_rule_rest(rg_parser *p, rg_rule *r, head_info *info)
{
    bool has_if = rg_pstate_tok(p) == RG_TOK_IF;
    if (!shape_head(r, info, has_if))
        return 0;
    if (has_if) {
        rg_pstate_next(p);
        if (!parse_if_body(p, &r->body))
            return 0;
        r->if_written = true;
    } else if (rg_pstate_tok(p) == RG_TOK_LBRACE) {
        if (!parse_brace_body(p, &r->body))
            return 0;
    } else if (info->multi_value && r->head.contains) {
        r->body = rg_ast_true_body(p, r->loc);
        rg_parse_rule_kind(r, true);
        rg_pstate_push(p, r);
        return 1;
    } else {
        return 0;
    }
    r->body_written = true;
    if (rg_pstate_tok(p) == RG_TOK_ELSE && !rg_parse_term_keyword_ref(p)) {
        if (!check_else_allowed(p, r))
            return 0;
        r->else_rule = parse_else(p, &r->head);
        if (r->else_rule == NULL)
            return 0;
    }
    rg_parse_rule_kind(r, info->multi_value);
    rg_pstate_close(p, &r->loc);
    size_t base = p->top;
    rg_pstate_push(p, r);
    if (!parse_chained(p, r, info))
        return 0;
    return (uint32_t)(p->top - base);
}

uint32_t rg_parse_rule_statement(rg_parser *p)
{
    rg_rule *r = new_rule(p, rg_pstate_loc(p));
    rg_parse_term_keyword_ref(p);
    if (rg_pstate_tok(p) == RG_TOK_DEFAULT) {
        rg_pstate_next(p);
        r->is_default = true;
        rg_parse_term_keyword_ref(p);
    }
    if (rg_pstate_tok(p) != RG_TOK_IDENT)
        return 0;
    head_info info = {false};
    if (!parse_head(p, &r->head, &info, r->is_default))
        return 0;
    if (r->is_default) {
        if (!check_default(p, r))
            return 0;
        r->body = rg_ast_true_body(p, r->loc);
        rg_parse_rule_kind(r, false);
        rg_pstate_close(p, &r->loc);
        rg_pstate_push(p, r);
        return 1;
    }
    return parse_rule_rest(p, r, &info);
}

void rg_parse_rule_kind(rg_rule *r, bool multi_value)
{
    const rg_head *h = &r->head;
    if (h->arg_count > 0)
        r->kind = RG_RULE_FUNCTION;
    else if (multi_value)
        r->kind = ref_len(h) == 1 ? RG_RULE_PARTIAL_SET
                                  : RG_RULE_MULTI_VALUE;
    else if (ref_len(h) > 1 && !rg_term_is_ground(h->ref))
        r->kind = RG_RULE_PARTIAL_OBJECT;
    else
        r->kind = RG_RULE_COMPLETE;
    for (rg_rule *e = r->else_rule; e; e = e->else_rule)
        e->kind = r->kind;
}
