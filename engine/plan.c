/*
 * The planner: orders the expressions of a lowered body so that every
 * variable is bound before it is read (Rego's safety rule), and emits
 * the bytecode of engine/opcodes.h.
 *
 * Ordering: repeatedly take the first remaining expression whose inputs
 * are bound; none left means the body is unsafe, reported as
 * "var x is unsafe".  Whether a variable is bound is known statically at
 * every instruction, so unification compiles to plain moves, lookups
 * and comparisons: an unbound variable in a pattern is assigned (MOVE),
 * a bound one compared (EQUAL), and a ref key that is an unbound
 * variable becomes an iteration (ITER).
 */
#include "engine/plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- Emission helpers --------------------------------------------------- */

uint32_t rg_plan_emit(planner *P, rg_opcode op, uint32_t a, uint32_t b,
                      uint32_t c, uint32_t d)
{
    if (P->ncode == P->capcode) {
        size_t cap = P->capcode;
        rg_grow((void **)&P->code, &cap, P->ncode + 1, sizeof *P->code);
        P->locs = rg_xrealloc(P->locs, cap * sizeof *P->locs);
        P->capcode = (uint32_t)cap;
    }
    rg_insn *in = &P->code[P->ncode];
    in->op = (uint8_t)op;
    in->a = a;
    in->b = b;
    in->c = c;
    in->d = d;
    P->locs[P->ncode] = P->loc;
    return P->ncode++;
}

uint32_t rg_plan_tmp(planner *P)
{
    return P->nregs++;
}

uint32_t rg_plan_const(planner *P, const rg_value *v)
{
    if (P->nconsts == P->capconsts) {
        size_t cap = P->capconsts;
        rg_grow((void **)&P->consts, &cap, P->nconsts + 1,
                sizeof *P->consts);
        P->capconsts = (uint32_t)cap;
    }
    P->consts[P->nconsts] = v;
    return P->nconsts++;
}

uint32_t rg_plan_load(planner *P, const rg_value *v)
{
    uint32_t r = rg_plan_tmp(P);
    rg_plan_emit(P, RG_OP_CONST, r, rg_plan_const(P, v), 0, 0);
    return r;
}

void rg_plan_error(planner *P, const char *code, rg_loc loc,
                   const char *fmt, ...)
{
    if (P->failed && strcmp(code, "rego_unsafe_var_error") == 0)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rg_errors_add(P->errs, code, loc.file, (int)loc.line, (int)loc.col,
                  "%s", msg);
    P->failed = true;
}

/* ---- Readiness ---------------------------------------------------------- */

static bool is_wildcard(const planner *P, uint32_t var)
{
    return P->varnames[var][0] == '$';
}

static bool all_evaluable(const planner *P, rg_xterm **ts, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (ts[i] && !rg_plan_evaluable(P, ts[i]))
            return false;
    return true;
}

/* A pattern can bind unbound variables: a variable, or an array or
 * object of patterns, or anything evaluable. */
bool rg_plan_pattern_ok(const planner *P, const rg_xterm *t)
{
    if (t->kind == XK_VAR)
        return true;
    if (t->kind == XK_ARRAY) {
        for (uint32_t i = 0; i < t->n; i++)
            if (!rg_plan_pattern_ok(P, t->items[i]))
                return false;
        return true;
    }
    if (t->kind == XK_OBJECT) {
        for (uint32_t i = 0; i < t->n; i++)
            if (!rg_plan_evaluable(P, t->items[i]) ||
                !rg_plan_pattern_ok(P, t->vals[i]))
                return false;
        return true;
    }
    return rg_plan_evaluable(P, t);
}

static bool closure_ready(const planner *P, const rg_xterm *t)
{
    uint8_t *mark = rg_xcalloc(P->nvars + 1, 1);
    rg_plan_free_vars_term(P, t, mark);
    bool ok = true;
    for (uint32_t v = 0; v < P->nvars && ok; v++)
        if (mark[v] == 1 && !P->bound[v])
            ok = false;
    free(mark);
    return ok;
}

bool rg_plan_evaluable(const planner *P, const rg_xterm *t)
{
    switch (t->kind) {
    case XK_CONST:
    case XK_INPUT:
    case XK_DATA:
        return true;
    case XK_VAR:
        return P->bound[t->var];
    case XK_REF:
        if (!rg_plan_evaluable(P, t->items[0]))
            return false;
        for (uint32_t i = 1; i < t->n; i++)
            if (!rg_plan_pattern_ok(P, t->items[i]))
                return false;
        return true;
    case XK_ARRAY:
    case XK_SET:
    case XK_CALL:
    case XK_TEMPLATE:
        return all_evaluable(P, t->items, t->n);
    case XK_OBJECT:
        return all_evaluable(P, t->items, t->n) &&
               all_evaluable(P, t->vals, t->n);
    case XK_ARRAY_COMP:
    case XK_SET_COMP:
    case XK_OBJECT_COMP:
        return closure_ready(P, t);
    }
    return false;
}

static bool unify_ready(const planner *P, const rg_xterm *a,
                        const rg_xterm *b)
{
    if (rg_plan_evaluable(P, a) && rg_plan_pattern_ok(P, b))
        return true;
    if (rg_plan_evaluable(P, b) && rg_plan_pattern_ok(P, a))
        return true;
    if (a->kind == XK_ARRAY && b->kind == XK_ARRAY && a->n == b->n) {
        for (uint32_t i = 0; i < a->n; i++)
            if (!unify_ready(P, a->items[i], b->items[i]))
                return false;
        return true;
    }
    if (a->kind == XK_OBJECT && b->kind == XK_OBJECT && a->n == b->n) {
        /* Keys must be constants; values pair up by key. */
        for (uint32_t i = 0; i < a->n; i++) {
            uint32_t j = 0;
            if (a->items[i]->kind != XK_CONST)
                return false;
            while (j < b->n && !(b->items[j]->kind == XK_CONST &&
                                 rg_value_equal(a->items[i]->value,
                                                b->items[j]->value)))
                j++;
            if (j == b->n || !unify_ready(P, a->vals[i], b->vals[j]))
                return false;
        }
        return true;
    }
    return false;
}

/* Mark every variable of t bound in bound[] (t will be evaluated). */
static void bind_all(const planner *P, const rg_xterm *t, bool *bound)
{
    uint8_t *mark = rg_xcalloc(P->nvars + 1, 1);
    rg_plan_free_vars_term(P, t, mark);
    for (uint32_t v = 0; v < P->nvars; v++)
        if (mark[v] == 1)
            bound[v] = true;
    free(mark);
}

bool rg_plan_args_ready(planner *P, rg_xterm **ts, uint32_t n)
{
    /* Operands are evaluated in whatever order makes each evaluable:
     * a ref operand binds its key variables for the operands after it
     * ("foo == input.foos[foo]"). */
    bool *saved = rg_xmalloc(P->nvars + 1);
    memcpy(saved, P->bound, P->nvars * sizeof *P->bound);
    bool *done = rg_xcalloc(n + 1, sizeof *done);
    uint32_t left = n;
    bool progress = true;
    while (left > 0 && progress) {
        progress = false;
        for (uint32_t i = 0; i < n; i++)
            if (!done[i] && rg_plan_evaluable(P, ts[i])) {
                bind_all(P, ts[i], P->bound);
                done[i] = true;
                left--;
                progress = true;
            }
    }
    memcpy(P->bound, saved, P->nvars * sizeof *P->bound);
    free(saved);
    free(done);
    return left == 0;
}

static bool call_ready(planner *P, const rg_xterm *c)
{
    switch (c->op) {
    case XOP_EQ:
    case XOP_ASSIGN:
        return c->n == 2 && unify_ready(P, c->items[0], c->items[1]);
    case XOP_COMPARE:
    case XOP_BUILTIN:
    case XOP_FUNC:
        if (c->arity >= 0 && c->n == (uint32_t)c->arity + 1)
            return rg_plan_args_ready(P, c->items, c->n - 1) &&
                   rg_plan_pattern_ok(P, c->items[c->n - 1]);
        return rg_plan_args_ready(P, c->items, c->n);
    default:
        return rg_plan_args_ready(P, c->items, c->n);
    }
}

static bool negation_ready(const planner *P, const rg_xexpr *e)
{
    uint8_t *mark = rg_xcalloc(P->nvars + 1, 1);
    rg_plan_free_vars_expr(P, e, mark);
    bool ok = true;
    for (uint32_t v = 0; v < P->nvars && ok; v++)
        if (mark[v] == 1 && !P->bound[v] && !is_wildcard(P, v))
            ok = false;
    free(mark);
    return ok;
}

static bool expr_ready(planner *P, const rg_xexpr *e)
{
    for (uint32_t i = 0; i < e->nwith; i++)
        if (!rg_plan_evaluable(P, e->withs[i].value) &&
            e->withs[i].def.func_node < 0 &&
            e->withs[i].def.func_builtin < 0)
            return false;
    if (e->negated)
        return negation_ready(P, e);
    switch (e->kind) {
    case XE_NOP:
        return true;
    case XE_LOGIC:
        return negation_ready(P, e);
    case XE_TERM:
        return rg_plan_evaluable(P, e->term);
    case XE_CALL:
        return call_ready(P, e->term);
    case XE_SOME_IN:
        return rg_plan_evaluable(P, e->domain);
    case XE_EVERY: {
        if (!rg_plan_evaluable(P, e->domain))
            return false;
        return negation_ready(P, e);
    }
    }
    return false;
}

/* ---- Bodies ------------------------------------------------------------- */

static void report_unsafe(planner *P, rg_xexpr **rest, uint32_t n)
{
    uint8_t *mark = rg_xcalloc(P->nvars + 1, 1);
    for (uint32_t i = 0; i < n; i++)
        rg_plan_free_vars_expr(P, rest[i], mark);
    for (uint32_t v = 0; v < P->nvars; v++)
        if (mark[v] == 1 && !P->bound[v]) {
            const char *name = P->varnames[v];
            rg_loc loc = rest[0]->loc;
            for (uint32_t i = 0; i < n; i++) {
                uint8_t *m2 = rg_xcalloc(P->nvars + 1, 1);
                rg_plan_free_vars_expr(P, rest[i], m2);
                bool has = m2[v] == 1;
                free(m2);
                if (has) {
                    loc = rest[i]->loc;
                    break;
                }
            }
            rg_plan_error(P, "rego_unsafe_var_error", loc,
                          "var %s is unsafe",
                          name[0] == '$' ? "_" : name);
            break;
        }
    free(mark);
    if (!P->failed)
        rg_plan_error(P, "rego_unsafe_var_error", rest[0]->loc, "%s",
                      "expression is unsafe");
}

void rg_plan_body(planner *P, const rg_xbody *b)
{
    rg_xexpr **rest = rg_xmalloc((b->n + 1) * sizeof *rest);
    memcpy(rest, b->exprs, b->n * sizeof *rest);
    uint32_t n = b->n;
    while (n > 0 && !P->failed) {
        uint32_t i = 0;
        while (i < n && !expr_ready(P, rest[i]))
            i++;
        if (i == n) {
            report_unsafe(P, rest, n);
            break;
        }
        rg_xexpr *e = rest[i];
        memmove(rest + i, rest + i + 1, (n - i - 1) * sizeof *rest);
        n--;
        P->cur_expr = UINT32_MAX;
        for (uint32_t j = 0; b == P->xp->body && j < b->n; j++)
            if (b->exprs[j] == e)
                P->cur_expr = j;
        rg_plan_expr(P, e);
    }
    free(rest);
}

/* ---- Whole procedures --------------------------------------------------- */

static void planner_init(planner *P, rg_engine *engine,
                         const rg_xproc *xp, rg_errors *errs)
{
    memset(P, 0, sizeof *P);
    P->engine = engine;
    P->errs = errs;
    P->varnames = xp->varnames;
    P->nvars = xp->nvars;
    P->nregs = xp->nvars;
    P->bound = rg_xcalloc(xp->nvars + 1, sizeof *P->bound);
    P->xp = xp;
}

static void plan_rule_tail(planner *P, const rg_xproc *xp)
{
    uint32_t block = P->nregs;
    P->nregs += xp->nsuffix;
    for (uint32_t i = 0; i < xp->nsuffix; i++) {
        P->loc = xp->suffix[i]->loc;
        uint32_t r = rg_plan_term(P, xp->suffix[i]);
        rg_plan_emit(P, RG_OP_MOVE, block + i, r, 0, 0);
    }
    P->loc = xp->value->loc;
    uint32_t v = rg_plan_term(P, xp->value);
    rg_plan_emit(P, RG_OP_OUT, v, block, xp->nsuffix, xp->mode);
}

static void check_head_safe(planner *P, const rg_xproc *xp)
{
    for (uint32_t i = 0; i < xp->nsuffix; i++)
        if (!rg_plan_evaluable(P, xp->suffix[i])) {
            rg_xexpr fake = {.kind = XE_TERM, .term = xp->suffix[i],
                             .loc = xp->suffix[i]->loc};
            rg_xexpr *one = &fake;
            report_unsafe(P, &one, 1);
            return;
        }
    if (xp->value && !rg_plan_evaluable(P, xp->value)) {
        rg_xexpr fake = {.kind = XE_TERM, .term = xp->value,
                         .loc = xp->value->loc};
        rg_xexpr *one = &fake;
        report_unsafe(P, &one, 1);
    }
}

static void plan_query_tail(planner *P, const rg_xproc *xp)
{
    const rg_xbody *b = xp->body;
    P->nbind = 0;
    P->bind_vars = rg_xmalloc((b->nlocals + 1) * sizeof *P->bind_vars);
    for (uint32_t i = 0; i < b->nlocals; i++) {
        uint32_t v = b->locals[i];
        if (P->bound[v] && P->varnames[v][0] != '$')
            P->bind_vars[P->nbind++] = v;
    }
    rg_plan_emit(P, RG_OP_ROW, 0, 0, 0, 0);
}

static void plan_proc_body(planner *P, const rg_xproc *xp)
{
    if (xp->is_query) {
        P->expr_regs = rg_xmalloc((xp->body->n + 1) *
                                  sizeof *P->expr_regs);
        for (uint32_t i = 0; i < xp->body->n; i++)
            P->expr_regs[i] = RG_REG_TRUE;
    }
    /* Parameters are variables 0..nargs-1 (see rg_lower_rule). */
    P->argbase = 0;
    for (uint32_t i = 0; i < xp->nargs; i++)
        P->bound[i] = true;
    rg_plan_body(P, xp->body);
    if (P->failed)
        return;
    if (xp->is_query) {
        plan_query_tail(P, xp);
        return;
    }
    check_head_safe(P, xp);
    if (!P->failed)
        plan_rule_tail(P, xp);
}

static rg_proc *planner_finish(planner *P, const rg_xproc *xp,
                               rg_arena *a)
{
    rg_proc *p = rg_arena_calloc(a, 1, sizeof *p);
    p->arena = a;
    p->ncode = P->ncode;
    p->code = rg_arena_alloc(a, (P->ncode + 1) * sizeof *p->code);
    memcpy(p->code, P->code, P->ncode * sizeof *p->code);
    p->locs = rg_arena_alloc(a, (P->ncode + 1) * sizeof *p->locs);
    memcpy(p->locs, P->locs, P->ncode * sizeof *p->locs);
    p->nregs = P->nregs;
    p->nslots = P->nslots;
    p->nargs = xp->nargs;
    p->argbase = P->argbase;
    p->nvars = P->nvars;
    p->varnames = rg_arena_alloc(a, (P->nvars + 1) * sizeof *p->varnames);
    for (uint32_t i = 0; i < P->nvars; i++)
        p->varnames[i] = rg_arena_strdup(a, P->varnames[i]);
    rg_plan_copy_tables(P, p);
    return p;
}

rg_proc *rg_plan(rg_engine *engine, const rg_xproc *xp, rg_arena *arena,
                 rg_errors *errs)
{
    planner P;
    planner_init(&P, engine, xp, errs);
    P.arena = arena;
    plan_proc_body(&P, xp);
    rg_proc *p = P.failed ? NULL : planner_finish(&P, xp, arena);
    free(P.code);
    free(P.locs);
    free(P.consts);
    free(P.withs);
    free(P.bound);
    free(P.expr_regs);
    free(P.bind_vars);
    return p;
}
