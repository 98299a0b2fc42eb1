/*
 * The memo of parsed composite terms; see rg_pcache_get in
 * parser/parse_internal.h.  An open-addressing hash table keyed by byte
 * offset, kept on the heap for one parse.
 */
#include "parser/parse_internal.h"

#include <stdlib.h>
#include <string.h>

/* Slots of the first table; it doubles when half full. */
#define PCACHE_INITIAL_SLOTS 256

typedef struct rg_pcache_entry {
    uint32_t start;         /* offset + 1, so 0 marks an empty slot */
    uint32_t ncomments;
    uint32_t wildcards;
    uint32_t last_end;
    rg_term *term;          /* NULL when the parse failed */
    rg_perr *errs;          /* errors the parse recorded, in the arena */
    uint32_t nerrs;
    rg_lexer lx;            /* the lexer after the term */
} rg_pcache_entry;

static uint32_t slot_of(uint32_t start, uint32_t cap)
{
    return (start * 2654435761u) & (cap - 1);
}

static rg_pcache_entry *find(rg_parser *p, uint32_t key)
{
    uint32_t mask = p->cache_cap - 1;
    for (uint32_t i = slot_of(key, p->cache_cap);; i = (i + 1) & mask) {
        rg_pcache_entry *e = &p->cache[i];
        if (e->start == key || e->start == 0)
            return e;
    }
}

static void grow(rg_parser *p)
{
    rg_pcache_entry *old = p->cache;
    uint32_t old_cap = p->cache_cap;
    p->cache_cap = old_cap ? old_cap * 2 : PCACHE_INITIAL_SLOTS;
    p->cache = rg_xcalloc(p->cache_cap, sizeof(rg_pcache_entry));
    for (uint32_t i = 0; i < old_cap; i++)
        if (old[i].start)
            *find(p, old[i].start) = old[i];
    free(old);
}

bool rg_pcache_get(rg_parser *p, rg_term **term)
{
    if (p->cache_count == 0)
        return false;
    rg_pcache_entry *e = find(p, p->lx.tok.start + 1);
    if (e->start == 0 || e->lx.keywords != p->lx.keywords)
        return false;
    p->lx = e->lx;
    p->ncomments = e->ncomments;
    p->wildcards = e->wildcards;
    p->last_end = e->last_end;
    for (uint32_t i = 0; i < e->nerrs; i++)
        rg_pstate_error_at(p, e->errs[i].line, e->errs[i].col, "%s",
                           e->errs[i].msg);
    *term = e->term;
    return true;
}

void rg_pcache_put(rg_parser *p, uint32_t start, rg_term *term,
                   uint32_t nerr_before)
{
    if (2 * (p->cache_count + 1) > p->cache_cap)
        grow(p);
    rg_pcache_entry *e = find(p, start + 1);
    if (e->start == 0)
        p->cache_count++;
    e->start = start + 1;
    e->ncomments = p->ncomments;
    e->wildcards = p->wildcards;
    e->last_end = p->last_end;
    e->term = term;
    e->nerrs = p->nerr > nerr_before ? p->nerr - nerr_before : 0;
    e->errs = NULL;
    if (e->nerrs) {
        e->errs = rg_arena_alloc(p->arena, e->nerrs * sizeof(rg_perr));
        memcpy(e->errs, p->errs + nerr_before, e->nerrs * sizeof(rg_perr));
    }
    e->lx = p->lx;
}
