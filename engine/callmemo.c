/*
 * The per-query memo of function calls, keyed by the function's node
 * and the identity of its argument values.  Values are immutable, so
 * the same pointers always mean the same arguments; hashing pointers
 * costs the same for a whole Kubernetes object as for a number, where
 * hashing the values would walk them.  Equal arguments built separately
 * miss the memo and are computed again, which is correct, only slower.
 */
#include "engine/callmemo.h"

#include <string.h>

/* Slots of a new table; it doubles when half full. */
#define CALLMEMO_MIN_SLOTS 64

static uint64_t key_hash(uint32_t node, const rg_value *const *args,
                         uint32_t n)
{
    uint64_t h = 1469598103934665603ULL ^ node;
    for (uint32_t i = 0; i < n; i++) {
        h ^= (uint64_t)(uintptr_t)args[i];
        h *= 1099511628211ULL;
        h ^= h >> 29;
    }
    return h;
}

static bool same_key(const rg_callmemo_entry *e, uint32_t node,
                     const rg_value *const *args, uint32_t n)
{
    return e->args && e->node == node && e->nargs == n &&
           memcmp(e->args, args, n * sizeof *args) == 0;
}

static rg_callmemo_entry *slot_for(rg_callmemo *m, uint64_t h,
                                   uint32_t node,
                                   const rg_value *const *args, uint32_t n)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask)
        if (m->slots[i].args == NULL || same_key(&m->slots[i], node, args,
                                                 n))
            return &m->slots[i];
}

bool rg_callmemo_get(const rg_callmemo *m, uint32_t node,
                     const rg_value *const *args, uint32_t n,
                     const rg_value **out)
{
    if (m->cap == 0)
        return false;
    rg_callmemo_entry *e = slot_for((rg_callmemo *)m,
                                    key_hash(node, args, n), node, args, n);
    if (e->args == NULL)
        return false;
    *out = e->result;
    return true;
}

static void grow(rg_callmemo *m, rg_arena *arena)
{
    rg_callmemo old = *m;
    m->cap = old.cap ? old.cap * 2 : CALLMEMO_MIN_SLOTS;
    m->slots = rg_arena_calloc(arena, m->cap, sizeof *m->slots);
    m->count = 0;
    for (size_t i = 0; i < old.cap; i++) {
        rg_callmemo_entry *e = &old.slots[i];
        if (e->args == NULL)
            continue;
        *slot_for(m, key_hash(e->node, e->args, e->nargs), e->node, e->args,
                  e->nargs) = *e;
        m->count++;
    }
}

void rg_callmemo_put(rg_callmemo *m, rg_arena *arena, uint32_t node,
                     const rg_value *const *args, uint32_t n,
                     const rg_value *result)
{
    if (2 * (m->count + 1) > m->cap)
        grow(m, arena);
    rg_callmemo_entry *e = slot_for(m, key_hash(node, args, n), node, args,
                                    n);
    if (e->args == NULL) {
        const rg_value **copy = rg_arena_alloc(arena, (n + 1) *
                                               sizeof *copy);
        memcpy(copy, args, n * sizeof *args);
        e->args = copy;
        e->node = node;
        e->nargs = n;
        m->count++;
    }
    e->result = result;
}
