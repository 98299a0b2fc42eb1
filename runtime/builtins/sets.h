/*
 * Set operations other builtin files reuse (minus on sets).
 */
#ifndef RG_SETS_H
#define RG_SETS_H

#include "runtime/value.h"

/* The elements of set a not in set b, built in arena. */
const rg_value *rg_sets_diff(rg_arena *arena, const rg_value *a,
                             const rg_value *b);

#endif
