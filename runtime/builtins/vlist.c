/*
 * Arena-backed list of value pointers (see vlist.h).
 */
#include <string.h>

#include "runtime/builtins/vlist.h"

/* First capacity: most result lists are short. */
#define VLIST_MIN 8

void rg_vlist_init(rg_vlist *l, rg_arena *arena)
{
    l->arena = arena;
    l->items = NULL;
    l->len = 0;
    l->cap = 0;
}

void rg_vlist_push(rg_vlist *l, const rg_value *v)
{
    if (l->len == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : VLIST_MIN;
        const rg_value **items = rg_arena_alloc(l->arena,
                                                cap * sizeof *items);
        if (l->len)
            memcpy(items, l->items, l->len * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->len++] = v;
}

const rg_value *rg_vlist_array(const rg_vlist *l)
{
    return rg_array(l->arena, l->items, l->len);
}
