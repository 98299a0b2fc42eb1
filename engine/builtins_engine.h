/*
 * Builtins the engine implements itself, because they belong to the
 * language rather than the library ("x in xs") or need the parser or
 * compiler.
 */
#ifndef RG_ENGINE_BUILTINS_ENGINE_H
#define RG_ENGINE_BUILTINS_ENGINE_H

#include "runtime/builtin.h"

/* The engine's builtins; *count receives their number.  Static. */
const rg_builtin_def *rg_engine_builtins(size_t *count);

/* Names of every builtin a query can call in any engine: the library's
 * (runtime/builtins/), the engine's own above, and the calls the
 * compiler turns into VM operations or constants (assign, print,
 * rego.metadata.rule...).  Builtins registered on one engine are not
 * included.  Sorted by strcmp, each name once; the array lives in arena,
 * the names are static; *count receives the number. */
const char **rg_engine_builtin_names(rg_arena *arena, size_t *count);

#endif
