/*
 * Declared operand kinds of the library's builtins (engine/
 * builtin_types.c, generated), used to reject constant operands of the
 * wrong kind at compile time as OPA's type checker does.
 */
#ifndef RG_ENGINE_BUILTIN_TYPES_H
#define RG_ENGINE_BUILTIN_TYPES_H

#include "runtime/value.h"

/* Most operands a checked builtin has. */
#define RG_BUILTIN_TYPES_MAX_ARGS 4

typedef struct rg_builtin_types {
    const char *name;
    int nargs;
    uint8_t masks[RG_BUILTIN_TYPES_MAX_ARGS];  /* bit rg_kind per kind */
} rg_builtin_types;

/* The table, sorted by name; *count receives its length.  Static. */
const rg_builtin_types *rg_builtin_types_all(size_t *count);

#endif
