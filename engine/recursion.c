/*
 * Recursion check after compilation: a rule whose evaluation reaches
 * itself through rule references and function calls is an error,
 * "rego_recursion_error: rule data.a.p is recursive: data.a.p ->
 * data.a.q -> data.a.p".
 *
 * Edges come from the NODE and FUNC instructions of each rule's bodies
 * that name a node holding rules.  References resolved only at run time
 * (NODE_PATH, whole packages) add no edge here.  The VM reports a cycle
 * through them when it re-enters a node being computed.
 */
#include "engine/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct walker {
    rg_engine *engine;
    uint8_t *state;         /* per node: 0 new, 1 on the stack, 2 done */
    uint32_t *stack;
    uint32_t depth;
    rg_errors *errs;
    bool found;
} walker;

static void node_name(const rg_node *n, char *buf, size_t cap)
{
    size_t at = (size_t)snprintf(buf, cap, "data");
    for (size_t i = 0; i < rg_len(n->path) && at < cap; i++)
        at += (size_t)snprintf(buf + at, cap - at, ".%s",
                               rg_string_bytes(rg_array_at(n->path, i)));
}

static void report(walker *w, uint32_t from)
{
    char chain[1024], name[256];
    size_t at = 0;
    uint32_t start = 0;
    while (w->stack[start] != from)
        start++;
    for (uint32_t i = start; i <= w->depth && at < sizeof chain; i++) {
        uint32_t id = i < w->depth ? w->stack[i] : from;
        node_name(w->engine->nodes[id], name, sizeof name);
        at += (size_t)snprintf(chain + at, sizeof chain - at, "%s%s",
                               i > start ? " -> " : "", name);
    }
    const rg_node *n = w->engine->nodes[from];
    const rg_rule *r = n->ndefs ? n->defs[0]->rule : n->default_def->rule;
    node_name(n, name, sizeof name);
    rg_errors_add(w->errs, "rego_recursion_error", r->loc.file,
                  (int)r->loc.line, (int)r->loc.col,
                  "rule %s is recursive: %s", name, chain);
    w->found = true;
}

static void visit(walker *w, uint32_t id);

static void visit_proc(walker *w, const rg_proc *p)
{
    for (uint32_t i = 0; i < p->ncode && !w->found; i++) {
        const rg_insn *in = &p->code[i];
        if (in->op != RG_OP_NODE && in->op != RG_OP_FUNC)
            continue;
        const rg_node *t = w->engine->nodes[in->b];
        if (t->ndefs || t->default_def)
            visit(w, in->b);
    }
}

static void visit_def(walker *w, const rg_ruledef *d)
{
    for (uint32_t i = 0; d && i < d->chain_len && !w->found; i++)
        visit_proc(w, d->chain[i]);
}

static void visit(walker *w, uint32_t id)
{
    if (w->state[id] == 2 || w->found)
        return;
    if (w->state[id] == 1) {
        report(w, id);
        return;
    }
    w->state[id] = 1;
    w->stack[w->depth++] = id;
    const rg_node *n = w->engine->nodes[id];
    for (uint32_t i = 0; i < n->ndefs && !w->found; i++)
        visit_def(w, n->defs[i]);
    visit_def(w, n->default_def);
    w->depth--;
    w->state[id] = 2;
}

int rg_recursion_check(rg_engine *e, rg_errors *errs)
{
    walker w = {e, rg_xcalloc(e->nnodes + 1, 1),
                rg_xcalloc(e->nnodes + 1, sizeof(uint32_t)), 0, errs, false};
    for (uint32_t id = 0; id < e->nnodes && !w.found; id++)
        visit(&w, id);
    free(w.state);
    free(w.stack);
    return w.found ? -1 : 0;
}
