/*
 * Calling builtins by name in unit tests: a fixture owning the context
 * double and the value arena, and call(), which returns the result's
 * term text, "undefined", or "error: MESSAGE".
 */
#ifndef RG_BCALL_H
#define RG_BCALL_H

#include <check.h>
#include <stdarg.h>

#include "tests/unit/bctx_double.h"
#include "tests/unit/bvalues.h"

/* Most operands any builtin takes. */
#define BCALL_MAX_ARGS 8

static rg_bctx bcall_ctx;

static inline void bcall_setup(void)
{
    bctx_double_init(&bcall_ctx);
    bv_use(bcall_ctx.arena);
}

static inline void bcall_teardown(void)
{
    bctx_double_free(&bcall_ctx);
}

/* Call name with n operands; the result's text lives in the arena. */
static inline const char *call(const char *name, size_t n, ...)
{
    const rg_value *args[BCALL_MAX_ARGS];
    ck_assert_uint_le(n, BCALL_MAX_ARGS);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        args[i] = va_arg(ap, const rg_value *);
    va_end(ap);
    const rg_value *out;
    rg_bstatus st = bctx_double_call(&bcall_ctx, name, args, n, &out);
    if (st == RG_BUILTIN_ERROR)
        return rg_arena_printf(bcall_ctx.arena, "error: %s",
                               bcall_ctx.error);
    if (st == RG_BUILTIN_UNDEFINED)
        return "undefined";
    return TEXT(out);
}

#endif
