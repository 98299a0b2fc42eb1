/*
 * rg_engine_compile: build the rule tree from the modules, then compile
 * every rule body (each link of each else chain) to a proc, through the
 * compile cache when the engine has one.
 */
#include "engine/cache.h"
#include "engine/xform.h"

#include <stdlib.h>
#include <string.h>

typedef struct job {
    rg_engine *engine;
    const rg_node *node;
    rg_module *module;
    rg_rule *link;
    rg_rule *first;
} job;

/* Bytes of a compacted proc's first arena block beyond its tables:
 * room for the constants of a typical rule, so most procs take one
 * block. */
#define PROC_ARENA_SLACK 256

/* Copy n elements of size bytes from src into arena a. */
static void *dup_table(rg_arena *a, const void *src, size_t n, size_t size)
{
    void *p = rg_arena_alloc(a, (n + 1) * size);
    if (n)
        memcpy(p, src, n * size);
    return p;
}

/* Move proc p out of its build arena, which also contains the lowered
 * form and the planner's scratch, into an arena holding only what the
 * VM reads; frees the build arena.  Returns the new proc. */
static rg_proc *compact_proc(const rg_proc *p)
{
    size_t tables = sizeof *p + p->ncode * (sizeof *p->code +
                                            sizeof *p->locs) +
                    (p->nconsts + p->nvars) * sizeof(void *) +
                    p->nwiths * sizeof *p->withs;
    rg_arena *a = rg_arena_new(tables + PROC_ARENA_SLACK);
    rg_proc *q = rg_arena_alloc(a, sizeof *q);
    *q = *p;
    q->arena = a;
    q->code = dup_table(a, p->code, p->ncode, sizeof *p->code);
    q->locs = dup_table(a, p->locs, p->ncode, sizeof *p->locs);
    q->varnames = rg_arena_alloc(a, (p->nvars + 1) * sizeof *q->varnames);
    for (uint32_t i = 0; i < p->nvars; i++)
        q->varnames[i] = rg_arena_strdup(a, p->varnames[i]);
    q->consts = rg_arena_alloc(a, (p->nconsts + 1) * sizeof *q->consts);
    for (uint32_t i = 0; i < p->nconsts; i++)
        q->consts[i] = rg_value_copy(a, p->consts[i]);
    q->withs = dup_table(a, p->withs, p->nwiths, sizeof *p->withs);
    for (uint32_t i = 0; i < p->nwiths; i++)
        if (p->withs[i].path)
            q->withs[i].path = rg_value_copy(a, p->withs[i].path);
    q->expr_regs = p->expr_regs ?
        dup_table(a, p->expr_regs, p->nexprs, sizeof(uint32_t)) : NULL;
    q->bind_vars = p->bind_vars ?
        dup_table(a, p->bind_vars, p->nbind, sizeof(uint32_t)) : NULL;
    rg_arena_free(p->arena);
    return q;
}

static rg_proc *compile_link(void *ctx, rg_errors *errs)
{
    job *j = ctx;
    rg_arena *arena = rg_arena_new(0);
    rg_xproc *xp = rg_lower_rule(j->engine, j->module, j->link, j->first,
                                 j->node, arena, errs);
    rg_proc *p = xp ? rg_plan(j->engine, xp, arena, errs) : NULL;
    if (p == NULL) {
        rg_arena_free(arena);
        return NULL;
    }
    return compact_proc(p);
}

static void text_add(char **buf, size_t *len, size_t *cap, const char *s,
                     size_t n)
{
    rg_grow((void **)buf, cap, *len + n + 1, 1);
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
}

static void text_loc(char **buf, size_t *len, size_t *cap,
                     const rg_modentry *m, rg_loc loc)
{
    if (loc.offset + (size_t)loc.length <= m->len && loc.length)
        text_add(buf, len, cap, m->src + loc.offset, loc.length);
    else
        text_add(buf, len, cap, m->src, m->len);
    text_add(buf, len, cap, "\n", 1);
}

static const rg_modentry *entry_of(const rg_engine *e, const rg_module *m)
{
    for (size_t i = 0; i < e->nmodules; i++)
        if (e->modules[i].module == m)
            return &e->modules[i];
    return NULL;
}

/* The cache key of engine/cache.h; returns owned text. */
static char *cache_key(rg_engine *e, const rg_node *n, const job *j,
                       uint32_t index, size_t *keylen)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    char head[128];
    const rg_modentry *m = entry_of(e, j->module);
    for (size_t i = 0; i < rg_len(n->path); i++) {
        const rg_value *k = rg_array_at(n->path, i);
        text_add(&buf, &len, &cap, rg_string_bytes(k), rg_string_len(k));
        text_add(&buf, &len, &cap, "/", 1);
    }
    int hn = snprintf(head, sizeof head, "\n%d %s %u\n",
                      (int)j->module->version, e->tree_digest, index);
    text_add(&buf, &len, &cap, head, (size_t)hn);
    for (size_t i = 0; i < e->ncustom; i++) {
        text_add(&buf, &len, &cap, e->custom[i]->name,
                 strlen(e->custom[i]->name));
        text_add(&buf, &len, &cap, ",", 1);
    }
    text_loc(&buf, &len, &cap, m, j->module->package_loc);
    for (uint32_t i = 0; i < j->module->import_count; i++)
        text_loc(&buf, &len, &cap, m, j->module->imports[i]->loc);
    text_loc(&buf, &len, &cap, m, j->first->loc);
    if (j->link != j->first)
        text_loc(&buf, &len, &cap, m, j->link->loc);
    *keylen = len;
    return buf;
}

static void own_proc(rg_engine *e, rg_proc *p)
{
    rg_grow((void **)&e->owned, &e->capowned, e->nowned + 1,
            sizeof *e->owned);
    e->owned[e->nowned++] = p;
}

static rg_proc *compile_one(rg_engine *e, const rg_node *n, job *j,
                            uint32_t index, rg_errors *errs)
{
    uint64_t t0 = rg_engine_clock_ns();
    rg_proc *p;
    if (e->opts.cache) {
        size_t keylen;
        char *key = cache_key(e, n, j, index, &keylen);
        bool hit = false;
        p = rg_cache_lookup(e->opts.cache, key, keylen, compile_link, j,
                            &hit, errs);
        free(key);
        if (hit)
            e->stats.cache_hits++;
        else
            e->stats.cache_misses++;
    } else {
        p = compile_link(j, errs);
        if (p)
            own_proc(e, p);
    }
    if (p)
        e->stats.rules_compiled++;
    e->stats.compile_ns += rg_engine_clock_ns() - t0;
    return p;
}

static int compile_def(rg_engine *e, const rg_node *n, rg_ruledef *d,
                       rg_errors *errs)
{
    uint32_t len = 0;
    for (rg_rule *r = d->rule; r; r = r->else_rule)
        len++;
    d->chain = rg_arena_calloc(e->tree_arena, len + 1, sizeof *d->chain);
    d->chain_len = 0;
    uint32_t i = 0;
    int rc = 0;
    for (rg_rule *r = d->rule; r; r = r->else_rule, i++) {
        job j = {e, n, d->module, r, d->rule};
        rg_proc *p = compile_one(e, n, &j, i, errs);
        if (p == NULL) {
            rc = -1;
            continue;
        }
        d->chain[d->chain_len++] = p;
    }
    return rc;
}

static void release_owned(rg_engine *e)
{
    for (size_t i = 0; i < e->nowned; i++)
        rg_arena_free(e->owned[i]->arena);
    e->nowned = 0;
}

int rg_engine_compile(rg_engine *e, rg_errors *errs)
{
    if (e->compiled)
        return 0;
    release_owned(e);
    e->generation++;
    if (rg_tree_build(e, errs) < 0)
        return -1;
    int rc = 0;
    for (uint32_t i = 0; i < e->nnodes; i++) {
        rg_node *n = e->nodes[i];
        for (uint32_t k = 0; k < n->ndefs; k++)
            if (compile_def(e, n, n->defs[k], errs) < 0)
                rc = -1;
        if (n->default_def && compile_def(e, n, n->default_def, errs) < 0)
            rc = -1;
    }
    if (rc == 0)
        rc = rg_recursion_check(e, errs);
    if (rc == 0)
        e->compiled = true;
    return rc;
}

void rg_engine_release_procs(rg_engine *e)
{
    release_owned(e);
    free(e->owned);
    e->owned = NULL;
    e->capowned = 0;
}
