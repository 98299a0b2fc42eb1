/*
 * Free variables of lowered terms and expressions: the variables a
 * term reads or binds at its own level, which decide when the planner
 * may schedule it.  Variables declared by a nested body (comprehension,
 * "every") are left out: they are that body's business.
 */
#include "engine/plan.h"

/* mark[v]: 0 unseen, 1 free, 2 declared by a nested body. */
static void mark_term(const rg_xterm *t, uint8_t *mark);
static void mark_body(const rg_xbody *b, uint8_t *mark);

static void mark_terms(rg_xterm **ts, uint32_t n, uint8_t *mark)
{
    for (uint32_t i = 0; ts && i < n; i++)
        if (ts[i])
            mark_term(ts[i], mark);
}

static void mark_term(const rg_xterm *t, uint8_t *mark)
{
    switch (t->kind) {
    case XK_VAR:
        if (mark[t->var] == 0)
            mark[t->var] = 1;
        break;
    case XK_REF:
    case XK_ARRAY:
    case XK_SET:
    case XK_CALL:
    case XK_TEMPLATE:
        mark_terms(t->items, t->n, mark);
        break;
    case XK_OBJECT:
        mark_terms(t->items, t->n, mark);
        mark_terms(t->vals, t->n, mark);
        break;
    case XK_ARRAY_COMP:
    case XK_SET_COMP:
    case XK_OBJECT_COMP:
        for (uint32_t i = 0; i < t->body->nlocals; i++)
            mark[t->body->locals[i]] = 2;
        mark_body(t->body, mark);
        mark_terms(t->items, t->n, mark);
        mark_terms(t->vals, t->n, mark);
        break;
    default:
        break;
    }
}

static void mark_expr(const rg_xexpr *e, uint8_t *mark)
{
    for (uint32_t i = 0; i < e->nwith; i++)
        mark_term(e->withs[i].value, mark);
    if (e->kind == XE_LOGIC) {
        const rg_xbody *bs[2] = {e->body, e->body2};
        for (int k = 0; k < 2; k++) {
            if (bs[k] == NULL)
                continue;
            for (uint32_t i = 0; i < bs[k]->nlocals; i++)
                mark[bs[k]->locals[i]] = 2;
            mark_body(bs[k], mark);
        }
        return;
    }
    if (e->kind == XE_EVERY) {
        for (uint32_t i = 0; i < e->body->nlocals; i++)
            mark[e->body->locals[i]] = 2;
        mark_term(e->domain, mark);
        mark_body(e->body, mark);
        return;
    }
    if (e->term)
        mark_term(e->term, mark);
    if (e->key)
        mark_term(e->key, mark);
    if (e->value)
        mark_term(e->value, mark);
    if (e->domain)
        mark_term(e->domain, mark);
}

static void mark_body(const rg_xbody *b, uint8_t *mark)
{
    for (uint32_t i = 0; i < b->n; i++)
        mark_expr(b->exprs[i], mark);
}

void rg_plan_free_vars_term(const planner *P, const rg_xterm *t,
                            uint8_t *mark)
{
    RG_UNUSED(P);
    mark_term(t, mark);
}

void rg_plan_free_vars_expr(const planner *P, const rg_xexpr *e,
                            uint8_t *mark)
{
    RG_UNUSED(P);
    mark_expr(e, mark);
}
