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

#endif
