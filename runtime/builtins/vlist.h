/*
 * A growable list of value pointers in an arena, for builtins that
 * collect an unknown number of results before building an array.
 */
#ifndef RG_VLIST_H
#define RG_VLIST_H

#include "runtime/value.h"

typedef struct rg_vlist {
    rg_arena *arena;
    const rg_value **items;
    size_t len;
    size_t cap;
} rg_vlist;

/* Start an empty list in arena. */
void rg_vlist_init(rg_vlist *l, rg_arena *arena);
/* Append v (borrowed: it must outlive the list's use). */
void rg_vlist_push(rg_vlist *l, const rg_value *v);
/* An array value of the items, in arena. */
const rg_value *rg_vlist_array(const rg_vlist *l);

#endif
