/*
 * Emission of expressions and terms: refs into lookups and iterations,
 * unification into moves and comparisons, calls, comprehensions,
 * negation, "every", "some ... in" and with-modifiers.
 */
#include "engine/plan.h"
#include "engine/builtin_types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t plan_call_value(planner *P, const rg_xterm *c);
static uint32_t plan_block(planner *P, rg_xterm **ts, uint32_t n);
static uint32_t *push_withs(planner *P, const rg_xwith *withs, uint32_t n);
static void pop_withs(planner *P, uint32_t *ws, uint32_t n);

/* ---- Blocks ------------------------------------------------------------- */

typedef struct saved_bound {
    bool *bound;
} saved_bound;

static saved_bound bound_save(const planner *P)
{
    saved_bound s;
    s.bound = rg_xmalloc(P->nvars + 1);
    memcpy(s.bound, P->bound, P->nvars * sizeof *P->bound);
    return s;
}

static void bound_restore(planner *P, saved_bound s)
{
    memcpy(P->bound, s.bound, P->nvars * sizeof *P->bound);
    free(s.bound);
}

/* Patch the length operand of the block opener at pos. */
static void close_block(planner *P, uint32_t pos, uint32_t *field)
{
    *field = P->ncode - pos - 1;
}

/* ---- Refs --------------------------------------------------------------- */

static bool const_string(const rg_xterm *t)
{
    return t->kind == XK_CONST && rg_value_kind(t->value) == RG_STRING;
}

/* The node a data ref reaches by its constant string keys, stopping
 * at a node whose rules produce keys below it (their output must be
 * merged, so the node's document is needed); *next is the first key
 * not consumed. */
static rg_node *walk_nodes(planner *P, const rg_xterm *t, uint32_t *next)
{
    rg_node *n = P->engine->root;
    uint32_t i = 1;
    while (i < t->n && const_string(t->items[i]) && !n->has_suffix_defs) {
        const rg_value *k = t->items[i]->value;
        rg_node *c = rg_tree_child(n, rg_string_bytes(k), rg_string_len(k));
        if (c == NULL)
            break;
        n = c;
        i++;
    }
    *next = i;
    return n;
}

/* Emit the lookup of a data ref's node part; *next is the first key
 * not consumed. */
static uint32_t plan_data_head(planner *P, const rg_xterm *t,
                               uint32_t *next)
{
    uint32_t i;
    rg_node *n = walk_nodes(P, t, &i);
    uint32_t r = rg_plan_tmp(P);
    bool rules_here = n->ndefs > 0 || n->default_def != NULL;
    if (!rules_here && i < t->n && t->items[i]->kind == XK_CONST) {
        /* Keys below a node that no rule defines: base data only. */
        uint32_t j = i;
        while (j < t->n && t->items[j]->kind == XK_CONST)
            j++;
        const rg_value **keys = rg_xmalloc((j - i) * sizeof *keys);
        for (uint32_t k = i; k < j; k++)
            keys[k - i] = t->items[k]->value;
        const rg_value *path = rg_array(P->arena, keys, j - i);
        free(keys);
        rg_plan_emit(P, RG_OP_DATA, r, n->id, rg_plan_const(P, path), 0);
        *next = j;
        return r;
    }
    if (!rules_here && n->nchildren > 0 && i < t->n &&
        t->items[i]->kind != XK_CONST &&
        rg_plan_evaluable(P, t->items[i])) {
        /* Bound keys below a package: find the node at run time, so
         * that only the rules on the path are evaluated. */
        uint32_t j = i;
        while (j < t->n && rg_plan_evaluable(P, t->items[j]))
            j++;
        uint32_t block = plan_block(P, t->items + i, j - i);
        rg_plan_emit(P, RG_OP_NODE_PATH, r, n->id, block, j - i);
        *next = j;
        return r;
    }
    rg_plan_emit(P, RG_OP_NODE, r, n->id, 0, 0);
    *next = i;
    return r;
}

static uint32_t plan_ref(planner *P, const rg_xterm *t)
{
    uint32_t r, i = 1;
    const rg_xterm *head = t->items[0];
    if (head->kind == XK_DATA)
        r = plan_data_head(P, t, &i);
    else
        r = rg_plan_term(P, head);
    for (; i < t->n; i++) {
        const rg_xterm *k = t->items[i];
        uint32_t out = rg_plan_tmp(P);
        if (rg_plan_evaluable(P, k)) {
            uint32_t kr = rg_plan_term(P, k);
            rg_plan_emit(P, RG_OP_GET, out, r, kr, 0);
        } else {
            uint32_t kr = rg_plan_tmp(P);
            rg_plan_emit(P, RG_OP_ITER, r, kr, out, 0);
            rg_plan_destructure(P, k, kr);
        }
        r = out;
    }
    return r;
}

/* ---- Composite terms ---------------------------------------------------- */

/* Emit ts into registers regs[i], evaluable operands first, so their
 * ref keys bind variables that later operands read. */
static void plan_operands(planner *P, rg_xterm **ts, uint32_t n,
                          uint32_t *regs)
{
    bool *done = rg_xcalloc(n + 1, sizeof *done);
    for (uint32_t left = n; left > 0;) {
        uint32_t before = left;
        for (uint32_t i = 0; i < n; i++)
            if (!done[i] && rg_plan_evaluable(P, ts[i])) {
                regs[i] = rg_plan_term(P, ts[i]);
                done[i] = true;
                left--;
            }
        if (left == before) {
            for (uint32_t i = 0; i < n; i++)
                if (!done[i])
                    regs[i] = rg_plan_term(P, ts[i]);
            break;
        }
    }
    free(done);
}

static uint32_t plan_block(planner *P, rg_xterm **ts, uint32_t n)
{
    uint32_t *regs = rg_xmalloc((n + 1) * sizeof *regs);
    plan_operands(P, ts, n, regs);
    uint32_t block = P->nregs;
    P->nregs += n;
    for (uint32_t i = 0; i < n; i++)
        rg_plan_emit(P, RG_OP_MOVE, block + i, regs[i], 0, 0);
    free(regs);
    return block;
}

static uint32_t plan_object(planner *P, const rg_xterm *t)
{
    rg_xterm **pairs = rg_xmalloc((2 * t->n + 1) * sizeof *pairs);
    for (uint32_t i = 0; i < t->n; i++) {
        pairs[2 * i] = t->items[i];
        pairs[2 * i + 1] = t->vals[i];
    }
    uint32_t block = plan_block(P, pairs, 2 * t->n);
    free(pairs);
    uint32_t r = rg_plan_tmp(P);
    rg_plan_emit(P, RG_OP_MAKE_OBJECT, r, block, t->n, 0);
    return r;
}

static uint32_t plan_collection(planner *P, const rg_xterm *t,
                                rg_opcode op)
{
    uint32_t block = plan_block(P, t->items, t->n);
    uint32_t r = rg_plan_tmp(P);
    rg_plan_emit(P, op, r, block, t->n, 0);
    return r;
}

static uint32_t plan_comp(planner *P, const rg_xterm *t)
{
    static const rg_compkind kinds[] = {
        [XK_ARRAY_COMP] = RG_COMP_ARRAY,
        [XK_SET_COMP] = RG_COMP_SET,
        [XK_OBJECT_COMP] = RG_COMP_OBJECT,
    };
    uint32_t dst = rg_plan_tmp(P);
    uint32_t slot = P->nslots++;
    uint32_t pos = rg_plan_emit(P, RG_OP_COMP_BEGIN, dst, kinds[t->kind],
                                0, slot);
    saved_bound saved = bound_save(P);
    rg_plan_body(P, t->body);
    uint32_t kr = 0;
    if (t->kind == XK_OBJECT_COMP)
        kr = rg_plan_term(P, t->items[0]);
    uint32_t vr = rg_plan_term(P, t->vals[0]);
    rg_plan_emit(P, RG_OP_COMP_ADD, slot, vr, kr, kinds[t->kind]);
    bound_restore(P, saved);
    close_block(P, pos, &P->code[pos].c);
    return dst;
}

static uint32_t plan_template(planner *P, const rg_xterm *t)
{
    /* Each part is collected as a set so that an undefined part is seen
     * as empty rather than failing the whole string. */
    uint32_t block = P->nregs;
    P->nregs += t->n;
    for (uint32_t i = 0; i < t->n; i++) {
        const rg_xterm *part = t->items[i];
        if (part->text) {
            rg_plan_emit(P, RG_OP_CONST, block + i,
                         rg_plan_const(P, part->value), 0, 0);
            continue;
        }
        uint32_t slot = P->nslots++;
        uint32_t pos = rg_plan_emit(P, RG_OP_COMP_BEGIN, block + i,
                                    RG_COMP_SET, 0, slot);
        saved_bound saved = bound_save(P);
        uint32_t *ws = push_withs(P, part->withs, part->nwith);
        uint32_t vr = rg_plan_term(P, part);
        pop_withs(P, ws, part->nwith);
        rg_plan_emit(P, RG_OP_COMP_ADD, slot, vr, 0, RG_COMP_SET);
        bound_restore(P, saved);
        close_block(P, pos, &P->code[pos].c);
    }
    uint32_t r = rg_plan_tmp(P);
    rg_plan_emit(P, RG_OP_TEMPLATE, r, block, t->n, 0);
    return r;
}

uint32_t rg_plan_term(planner *P, const rg_xterm *t)
{
    uint32_t r;
    switch (t->kind) {
    case XK_CONST:
        return rg_plan_load(P, t->value);
    case XK_VAR:
        if (!P->bound[t->var])
            rg_plan_error(P, "rego_unsafe_var_error", t->loc,
                          "var %s is unsafe", P->varnames[t->var]);
        return t->var;
    case XK_INPUT:
        r = rg_plan_tmp(P);
        rg_plan_emit(P, RG_OP_INPUT, r, 0, 0, 0);
        return r;
    case XK_DATA:
        r = rg_plan_tmp(P);
        rg_plan_emit(P, RG_OP_NODE, r, P->engine->root->id, 0, 0);
        return r;
    case XK_REF:
        return plan_ref(P, t);
    case XK_ARRAY:
        return plan_collection(P, t, RG_OP_MAKE_ARRAY);
    case XK_SET:
        return plan_collection(P, t, RG_OP_MAKE_SET);
    case XK_OBJECT:
        return plan_object(P, t);
    case XK_ARRAY_COMP:
    case XK_SET_COMP:
    case XK_OBJECT_COMP:
        return plan_comp(P, t);
    case XK_CALL:
        return plan_call_value(P, t);
    case XK_TEMPLATE:
        return plan_template(P, t);
    }
    return rg_plan_load(P, rg_null());
}

/* ---- Unification -------------------------------------------------------- */

void rg_plan_destructure(planner *P, const rg_xterm *t, uint32_t r)
{
    if (t->kind == XK_VAR && !P->bound[t->var]) {
        rg_plan_emit(P, RG_OP_MOVE, t->var, r, 0, 0);
        P->bound[t->var] = true;
        return;
    }
    if (rg_plan_evaluable(P, t)) {
        uint32_t tr = rg_plan_term(P, t);
        rg_plan_emit(P, RG_OP_EQUAL, tr, r, 0, 0);
        return;
    }
    if (t->kind == XK_ARRAY) {
        rg_plan_emit(P, RG_OP_IS_ARRAY, r, t->n, 0, 0);
        for (uint32_t i = 0; i < t->n; i++) {
            uint32_t item = rg_plan_tmp(P);
            rg_plan_emit(P, RG_OP_INDEX, item, r, i, 0);
            rg_plan_destructure(P, t->items[i], item);
        }
        return;
    }
    if (t->kind == XK_OBJECT) {
        rg_plan_emit(P, RG_OP_IS_OBJECT, r, t->n, 0, 0);
        for (uint32_t i = 0; i < t->n; i++) {
            uint32_t kr = rg_plan_term(P, t->items[i]);
            uint32_t item = rg_plan_tmp(P);
            rg_plan_emit(P, RG_OP_GET, item, r, kr, 0);
            rg_plan_destructure(P, t->vals[i], item);
        }
        return;
    }
    rg_plan_error(P, "rego_unsafe_var_error", t->loc, "%s",
                  "expression is unsafe");
}

/* Objects written on both sides with the same constant keys unify
 * value by value; *order receives b's index for each key of a. */
static bool same_keys(const rg_xterm *a, const rg_xterm *b,
                      uint32_t *order)
{
    if (a->kind != XK_OBJECT || b->kind != XK_OBJECT || a->n != b->n)
        return false;
    for (uint32_t i = 0; i < a->n; i++) {
        if (a->items[i]->kind != XK_CONST)
            return false;
        uint32_t j = 0;
        while (j < b->n && !(b->items[j]->kind == XK_CONST &&
                             rg_value_equal(a->items[i]->value,
                                            b->items[j]->value)))
            j++;
        if (j == b->n)
            return false;
        order[i] = j;
    }
    return true;
}

static void plan_unify_pairs(planner *P, rg_xterm **xs, rg_xterm **ys,
                             uint32_t n, rg_loc loc);

static void plan_unify(planner *P, const rg_xterm *a, const rg_xterm *b)
{
    if (a->kind == XK_OBJECT && b->kind == XK_OBJECT &&
        !(rg_plan_evaluable(P, a) && rg_plan_evaluable(P, b))) {
        uint32_t *order = rg_xmalloc((a->n + 1) * sizeof *order);
        if (same_keys(a, b, order)) {
            rg_xterm **ys = rg_xmalloc((a->n + 1) * sizeof *ys);
            for (uint32_t i = 0; i < a->n; i++)
                ys[i] = b->vals[order[i]];
            plan_unify_pairs(P, a->vals, ys, a->n, a->loc);
            free(ys);
            free(order);
            return;
        }
        free(order);
    }
    if (a->kind == XK_ARRAY && b->kind == XK_ARRAY &&
        !(rg_plan_evaluable(P, a) && rg_plan_evaluable(P, b))) {
        if (a->n != b->n) {
            rg_plan_emit(P, RG_OP_FAIL, 0, 0, 0, 0);
            return;
        }
        plan_unify_pairs(P, a->items, b->items, a->n, a->loc);
        return;
    }
    if (rg_plan_evaluable(P, a) &&
        !(a->kind == XK_VAR && !P->bound[a->var])) {
        uint32_t ra = rg_plan_term(P, a);
        rg_plan_destructure(P, b, ra);
    } else {
        uint32_t rb = rg_plan_term(P, b);
        rg_plan_destructure(P, a, rb);
    }
}

/* Unify xs[i] with ys[i] for each i, each pair once its inputs are
 * bound. */
static void plan_unify_pairs(planner *P, rg_xterm **xs, rg_xterm **ys,
                             uint32_t n, rg_loc loc)
{
    bool *done = rg_xcalloc(n + 1, sizeof *done);
    uint32_t left = n;
    while (left > 0 && !P->failed) {
        uint32_t before = left;
        for (uint32_t i = 0; i < n; i++) {
            if (done[i])
                continue;
            const rg_xterm *x = xs[i], *y = ys[i];
            bool composite = (x->kind == XK_ARRAY && y->kind == XK_ARRAY) ||
                             (x->kind == XK_OBJECT && y->kind == XK_OBJECT);
            if ((rg_plan_evaluable(P, x) && rg_plan_pattern_ok(P, y)) ||
                (rg_plan_evaluable(P, y) && rg_plan_pattern_ok(P, x)) ||
                composite) {
                plan_unify(P, x, y);
                done[i] = true;
                left--;
            }
        }
        if (left == before)
            rg_plan_error(P, "rego_unsafe_var_error", loc, "%s",
                          "unification is unsafe");
    }
    free(done);
}

/* ---- Calls -------------------------------------------------------------- */

/* Reject a call with more or fewer operands than its callee takes,
 * worded as OPA's type checker words it. */
static void check_arity(planner *P, const rg_xterm *c, uint32_t given)
{
    if (c->arity < 0 || given == (uint32_t)c->arity)
        return;
    rg_plan_error(P, "rego_type_error", c->loc, "%s: %s", c->name,
                  given > (uint32_t)c->arity ? "too many arguments" :
                  "too few arguments");
}

static int types_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const rg_builtin_types *)elem)->name);
}

/* The kind of t when known at compile time, or -1. */
static int known_kind(const rg_xterm *t)
{
    switch (t->kind) {
    case XK_CONST:
        return (int)rg_value_kind(t->value);
    case XK_ARRAY:
    case XK_ARRAY_COMP:
        return RG_ARRAY;
    case XK_OBJECT:
    case XK_OBJECT_COMP:
        return RG_OBJECT;
    case XK_SET:
    case XK_SET_COMP:
        return RG_SET;
    case XK_TEMPLATE:
        return RG_STRING;
    default:
        return -1;
    }
}

static void kinds_text(char *buf, size_t cap, uint8_t mask)
{
    size_t at = 0;
    buf[0] = '\0';
    if (mask == 0x7f) {
        snprintf(buf, cap, "any");
        return;
    }
    for (int k = 0; k <= RG_SET && at < cap; k++)
        if (mask & (1u << k))
            at += (size_t)snprintf(buf + at, cap - at, "%s%s",
                                   at ? "|" : "", rg_kind_name((rg_kind)k));
}

/* Reject operands whose kind is known and not declared for builtin c,
 * as OPA's type checker does ("count(1)"). */
static void check_types(planner *P, const rg_xterm *c, uint32_t nin)
{
    size_t n;
    const rg_builtin_types *all = rg_builtin_types_all(&n);
    const rg_builtin_types *t = c->op == XOP_BUILTIN ?
        bsearch(c->name, all, n, sizeof *all, types_cmp) : NULL;
    if (t == NULL || (uint32_t)t->nargs != nin)
        return;
    bool bad = false;
    for (uint32_t i = 0; i < nin; i++) {
        int k = known_kind(c->items[i]);
        if (k >= 0 && !(t->masks[i] & (1u << k)))
            bad = true;
    }
    if (!bad)
        return;
    char have[256] = "", want[256] = "", one[96];
    size_t ha = 0, wa = 0;
    for (uint32_t i = 0; i < nin; i++) {
        int k = known_kind(c->items[i]);
        ha += (size_t)snprintf(have + ha, sizeof have - ha, "%s%s",
                               i ? ", " : "",
                               k >= 0 ? rg_kind_name((rg_kind)k) : "any");
        kinds_text(one, sizeof one, t->masks[i]);
        wa += (size_t)snprintf(want + wa, sizeof want - wa, "%s%s",
                               i ? ", " : "", one);
    }
    rg_plan_error(P, "rego_type_error", c->loc,
                  "%s: invalid argument(s)\n\thave: (%s)\n\twant: (%s)",
                  c->name, have, want);
}

/* Emit the call of c with its first nin operands; returns the result
 * register.  relation: iterate results. */
static uint32_t emit_call(planner *P, const rg_xterm *c, uint32_t nin)
{
    check_arity(P, c, nin);
    check_types(P, c, nin);
    uint32_t block = plan_block(P, c->items, nin);
    uint32_t r = rg_plan_tmp(P);
    if (c->op == XOP_FUNC) {
        rg_plan_emit(P, RG_OP_FUNC, r, c->node, block, nin);
    } else if (c->op == XOP_COMPARE) {
        rg_plan_emit(P, RG_OP_COMPARE, r, block, block + 1, c->cmp);
    } else {
        const rg_builtin_def *d = rg_engine_builtin_at(P->engine,
                                                        c->builtin);
        rg_plan_emit(P, d->relation ? RG_OP_CALL_ITER : RG_OP_CALL, r,
                     (uint32_t)c->builtin, block, nin);
    }
    return r;
}

static uint32_t plan_call_value(planner *P, const rg_xterm *c)
{
    P->loc = c->loc;
    switch (c->op) {
    case XOP_FUNC:
    case XOP_BUILTIN:
    case XOP_COMPARE:
        return emit_call(P, c, c->n);
    default:
        rg_plan_error(P, "rego_type_error", c->loc,
                      "%s cannot be used as a value", c->name);
        return rg_plan_load(P, rg_null());
    }
}

static void plan_print(planner *P, const rg_xterm *c)
{
    uint32_t block = P->nregs;
    P->nregs += c->n;
    for (uint32_t i = 0; i < c->n; i++) {
        uint32_t slot = P->nslots++;
        uint32_t pos = rg_plan_emit(P, RG_OP_COMP_BEGIN, block + i,
                                    RG_COMP_SET, 0, slot);
        saved_bound saved = bound_save(P);
        uint32_t vr = rg_plan_term(P, c->items[i]);
        rg_plan_emit(P, RG_OP_COMP_ADD, slot, vr, 0, RG_COMP_SET);
        bound_restore(P, saved);
        close_block(P, pos, &P->code[pos].c);
    }
    rg_plan_emit(P, RG_OP_PRINT, block, c->n, 0, 0);
}

/* true when expression idx of a query reports its value, even false,
 * instead of failing on false (rg_options.capture_expressions). */
static bool capturing(const planner *P, uint32_t idx)
{
    return P->expr_regs && idx != UINT32_MAX &&
           P->engine->opts.capture_expressions;
}

static void plan_call_stmt(planner *P, const rg_xterm *c)
{
    switch (c->op) {
    case XOP_EQ:
    case XOP_ASSIGN:
        plan_unify(P, c->items[0], c->items[1]);
        return;
    case XOP_PRINT:
        plan_print(P, c);
        return;
    default:
        break;
    }
    if (c->arity >= 0 && c->n == (uint32_t)c->arity + 1) {
        uint32_t r = emit_call(P, c, c->n - 1);
        rg_plan_destructure(P, c->items[c->n - 1], r);
        return;
    }
    uint32_t idx = P->cur_expr;
    bool capture = capturing(P, idx);
    if (c->op == XOP_COMPARE && c->n == 2 && !capture) {
        uint32_t regs[2];
        plan_operands(P, c->items, 2, regs);
        rg_plan_emit(P, RG_OP_TEST, regs[0], regs[1], c->cmp, 0);
        return;
    }
    uint32_t r = emit_call(P, c, c->n);
    if (!capture)
        rg_plan_emit(P, RG_OP_TRUTHY, r, 0, 0, 0);
    /* A query's call expression shows the call's result. */
    if (P->expr_regs && idx != UINT32_MAX &&
        (capture || c->op != XOP_COMPARE))
        P->expr_regs[idx] = r;
}

/* ---- Expressions -------------------------------------------------------- */

static void plan_some_in(planner *P, const rg_xexpr *e)
{
    uint32_t dr = rg_plan_term(P, e->domain);
    uint32_t kr = rg_plan_tmp(P), vr = rg_plan_tmp(P);
    rg_plan_emit(P, RG_OP_ITER, dr, kr, vr, 0);
    if (e->key)
        rg_plan_destructure(P, e->key, kr);
    rg_plan_destructure(P, e->value, vr);
}

static void plan_every(planner *P, const rg_xexpr *e)
{
    /* every k, v in d { b }  ==  d defined; not (some k, v in d; not b) */
    uint32_t dr = rg_plan_term(P, e->domain);
    uint32_t outer = rg_plan_emit(P, RG_OP_NOT, 0, 0, 0, 0);
    saved_bound saved = bound_save(P);
    for (uint32_t i = 0; i < e->body->nlocals; i++)
        P->bound[e->body->locals[i]] = false;
    uint32_t kr = rg_plan_tmp(P), vr = rg_plan_tmp(P);
    rg_plan_emit(P, RG_OP_ITER, dr, kr, vr, 0);
    if (e->key)
        rg_plan_destructure(P, e->key, kr);
    rg_plan_destructure(P, e->value, vr);
    uint32_t inner = rg_plan_emit(P, RG_OP_NOT, 0, 0, 0, 0);
    rg_xbody body = *e->body;
    body.nlocals = 0;   /* key and value are bound by now */
    rg_plan_body(P, &body);
    rg_plan_emit(P, RG_OP_SUCCEED, 0, 0, 0, 0);
    close_block(P, inner, &P->code[inner].a);
    rg_plan_emit(P, RG_OP_SUCCEED, 0, 0, 0, 0);
    close_block(P, outer, &P->code[outer].a);
    bound_restore(P, saved);
}

/* Emit NOT { body; SUCCEED }: succeeds when body has no solution. */
static void emit_not_body(planner *P, const rg_xbody *b)
{
    uint32_t pos = rg_plan_emit(P, RG_OP_NOT, 0, 0, 0, 0);
    saved_bound saved = bound_save(P);
    rg_plan_body(P, b);
    rg_plan_emit(P, RG_OP_SUCCEED, 0, 0, 0, 0);
    bound_restore(P, saved);
    close_block(P, pos, &P->code[pos].a);
}

/* "a and b" / "{ body }": not not body.  "a or b": not (not a; not b).
 * Either way the expression succeeds at most once. */
static void plan_logic_expr(planner *P, const rg_xexpr *e)
{
    uint32_t outer = rg_plan_emit(P, RG_OP_NOT, 0, 0, 0, 0);
    emit_not_body(P, e->body);
    if (e->body2)
        emit_not_body(P, e->body2);
    rg_plan_emit(P, RG_OP_SUCCEED, 0, 0, 0, 0);
    close_block(P, outer, &P->code[outer].a);
}

/* Negated "a and b" / "a or b": the inner block alone decides. */
static void plan_logic_negated(planner *P, const rg_xexpr *e)
{
    uint32_t outer = rg_plan_emit(P, RG_OP_NOT, 0, 0, 0, 0);
    saved_bound saved = bound_save(P);
    rg_plan_body(P, e->body);
    rg_plan_emit(P, RG_OP_SUCCEED, 0, 0, 0, 0);
    bound_restore(P, saved);
    close_block(P, outer, &P->code[outer].a);
    if (e->body2)
        emit_not_body(P, e->body2);
}

static void plan_positive(planner *P, const rg_xexpr *e)
{
    switch (e->kind) {
    case XE_NOP:
        break;
    case XE_TERM: {
        uint32_t idx = P->cur_expr;
        uint32_t r = rg_plan_term(P, e->term);
        if (e->negated || !capturing(P, idx))
            rg_plan_emit(P, RG_OP_TRUTHY, r, 0, 0, 0);
        if (P->expr_regs && !e->negated && idx != UINT32_MAX)
            P->expr_regs[idx] = r;
        break;
    }
    case XE_CALL:
        if (e->negated)
            P->cur_expr = UINT32_MAX;
        plan_call_stmt(P, e->term);
        break;
    case XE_SOME_IN:
        plan_some_in(P, e);
        break;
    case XE_EVERY:
        plan_every(P, e);
        break;
    case XE_LOGIC:
        plan_logic_expr(P, e);
        break;
    }
}

static uint32_t add_with(planner *P, const rg_withdef *def)
{
    if (P->nwiths == P->capwiths) {
        size_t cap = P->capwiths;
        rg_grow((void **)&P->withs, &cap, P->nwiths + 1, sizeof *P->withs);
        P->capwiths = (uint32_t)cap;
    }
    P->withs[P->nwiths] = *def;
    return P->nwiths++;
}

static void plan_negated(planner *P, const rg_xexpr *e)
{
    if (e->kind == XE_LOGIC) {
        plan_logic_negated(P, e);
        return;
    }
    uint32_t pos = rg_plan_emit(P, RG_OP_NOT, 0, 0, 0, 0);
    saved_bound saved = bound_save(P);
    plan_positive(P, e);
    rg_plan_emit(P, RG_OP_SUCCEED, 0, 0, 0, 0);
    bound_restore(P, saved);
    close_block(P, pos, &P->code[pos].a);
}

static uint32_t *push_withs(planner *P, const rg_xwith *withs, uint32_t n)
{
    uint32_t *ws = rg_xmalloc((n + 1) * sizeof *ws);
    for (uint32_t i = 0; i < n; i++) {
        const rg_xwith *w = &withs[i];
        uint32_t vr = 0;
        if (w->def.func_node < 0 && w->def.func_builtin < 0)
            vr = rg_plan_term(P, w->value);
        ws[i] = add_with(P, &w->def);
        P->loc = w->loc;
        rg_plan_emit(P, RG_OP_WITH_PUSH, ws[i], vr, 0, 0);
    }
    return ws;
}

static void pop_withs(planner *P, uint32_t *ws, uint32_t n)
{
    for (uint32_t i = n; i-- > 0;)
        rg_plan_emit(P, RG_OP_WITH_POP, ws[i], 0, 0, 0);
    free(ws);
}

void rg_plan_expr(planner *P, const rg_xexpr *e)
{
    P->loc = e->loc;
    uint32_t *ws = push_withs(P, e->withs, e->nwith);
    P->loc = e->loc;
    if (e->negated)
        plan_negated(P, e);
    else
        plan_positive(P, e);
    pop_withs(P, ws, e->nwith);
}

void rg_plan_copy_tables(planner *P, rg_proc *p)
{
    rg_arena *a = p->arena;
    p->nconsts = P->nconsts;
    p->consts = rg_arena_alloc(a, (P->nconsts + 1) * sizeof *p->consts);
    if (P->nconsts)
        memcpy(p->consts, P->consts, P->nconsts * sizeof *p->consts);
    p->nwiths = P->nwiths;
    p->withs = rg_arena_alloc(a, (P->nwiths + 1) * sizeof *p->withs);
    if (P->nwiths)
        memcpy(p->withs, P->withs, P->nwiths * sizeof *p->withs);
    if (P->expr_regs) {
        p->nexprs = P->xp->body->n;
        p->expr_regs = rg_arena_alloc(a, (p->nexprs + 1) * sizeof(uint32_t));
        memcpy(p->expr_regs, P->expr_regs, p->nexprs * sizeof(uint32_t));
        p->nbind = P->nbind;
        p->bind_vars = rg_arena_alloc(a, (P->nbind + 1) * sizeof(uint32_t));
        if (P->nbind)
            memcpy(p->bind_vars, P->bind_vars, P->nbind * sizeof(uint32_t));
    }
}
