/*
 * Memo of function calls for one query: (function node, argument
 * pointers) -> result or undefined (engine/callmemo.c).
 */
#ifndef RG_ENGINE_CALLMEMO_H
#define RG_ENGINE_CALLMEMO_H

#include "runtime/value.h"

typedef struct rg_callmemo_entry {
    const rg_value **args;      /* NULL: empty slot */
    const rg_value *result;     /* NULL: the call was undefined */
    uint32_t node;
    uint32_t nargs;
} rg_callmemo_entry;

typedef struct rg_callmemo {
    rg_callmemo_entry *slots;   /* cap slots, cap a power of two */
    size_t cap;
    size_t count;
} rg_callmemo;

/* true and *out set (NULL when undefined) when the call is memoized. */
bool rg_callmemo_get(const rg_callmemo *memo, uint32_t node,
                     const rg_value *const *args, uint32_t n,
                     const rg_value **out);
/* Record a call's result; memory comes from arena. */
void rg_callmemo_put(rg_callmemo *memo, rg_arena *arena, uint32_t node,
                     const rg_value *const *args, uint32_t n,
                     const rg_value *result);

#endif
