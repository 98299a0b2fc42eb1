/*
 * A test double of the builtin call context, for unit tests that call
 * builtins directly, without the VM.
 *
 * It defines the rg_bctx_* functions of runtime/builtin.h (so a test
 * program includes it exactly once) and records what a builtin reports:
 * the last error's code and full message ("NAME: ..."), the number of
 * errors, the memo entries and the printed text.  Tests read the fields
 * of struct rg_bctx directly.
 *
 *     rg_bctx ctx;
 *     bctx_double_init(&ctx);
 *     const rg_value *out;
 *     rg_bstatus st = bctx_double_call(&ctx, "count", args, 1, &out);
 *     ck_assert_str_eq(ctx.error, "count: operand 1 must be ...");
 *     bctx_double_free(&ctx);
 */
#ifndef RG_BCTX_DOUBLE_H
#define RG_BCTX_DOUBLE_H

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtin.h"

/* Room for one recorded error message; longer ones are cut. */
#define BCTX_DOUBLE_ERROR_MAX 2048
/* Memo entries the double keeps; tests use a handful. */
#define BCTX_DOUBLE_MEMO_MAX 64

struct rg_bctx {
    rg_arena *arena;                 /* owned: results and scratch */
    const rg_builtin_def *def;       /* builtin being called */
    int64_t now_ns;                  /* returned by rg_bctx_now_ns */
    const char *error_code;          /* static; NULL when no error */
    char error[BCTX_DOUBLE_ERROR_MAX];
    int errors;                      /* errors recorded since init */
    const rg_value *memo_keys[BCTX_DOUBLE_MEMO_MAX];
    const rg_value *memo_values[BCTX_DOUBLE_MEMO_MAX];
    size_t memo_count;
    char *printed;                   /* owned, NUL-terminated */
    size_t printed_len;
};

rg_arena *rg_bctx_arena(rg_bctx *ctx)
{
    return ctx->arena;
}

const rg_builtin_def *rg_bctx_builtin(rg_bctx *ctx)
{
    return ctx->def;
}

int64_t rg_bctx_now_ns(rg_bctx *ctx)
{
    return ctx->now_ns;
}

static const char *bctx_double_name(rg_bctx *ctx)
{
    return ctx->def ? ctx->def->name : "?";
}

rg_bstatus rg_bctx_type_error(rg_bctx *ctx, int operand, const char *want,
                              const rg_value *got)
{
    ctx->error_code = "eval_type_error";
    snprintf(ctx->error, sizeof ctx->error,
             "%s: operand %d must be %s but got %s", bctx_double_name(ctx),
             operand, want, rg_kind_name(rg_value_kind(got)));
    ctx->errors++;
    return RG_BUILTIN_ERROR;
}

rg_bstatus rg_bctx_error(rg_bctx *ctx, const char *code, const char *fmt,
                         ...)
{
    ctx->error_code = code;
    int n = snprintf(ctx->error, sizeof ctx->error, "%s: ",
                     bctx_double_name(ctx));
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->error + n, sizeof ctx->error - (size_t)n, fmt, ap);
    va_end(ap);
    ctx->errors++;
    return RG_BUILTIN_ERROR;
}

const rg_value *rg_bctx_memo_get(rg_bctx *ctx, const rg_value *key)
{
    for (size_t i = 0; i < ctx->memo_count; i++)
        if (rg_value_equal(ctx->memo_keys[i], key))
            return ctx->memo_values[i];
    return NULL;
}

void rg_bctx_memo_put(rg_bctx *ctx, const rg_value *key,
                      const rg_value *value)
{
    ck_assert_uint_lt(ctx->memo_count, BCTX_DOUBLE_MEMO_MAX);
    ctx->memo_keys[ctx->memo_count] = key;
    ctx->memo_values[ctx->memo_count] = value;
    ctx->memo_count++;
}

void rg_bctx_print(rg_bctx *ctx, const char *text, size_t len)
{
    ctx->printed = rg_xrealloc(ctx->printed, ctx->printed_len + len + 1);
    memcpy(ctx->printed + ctx->printed_len, text, len);
    ctx->printed_len += len;
    ctx->printed[ctx->printed_len] = '\0';
}

/* Set up ctx with a fresh arena and no error.  "now" is a fixed instant,
 * 2024-01-02T03:04:05Z. */
static inline void bctx_double_init(rg_bctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->arena = rg_arena_new(0);
    ctx->now_ns = INT64_C(1704164645) * INT64_C(1000000000);
}

/* Release the arena and the printed text. */
static inline void bctx_double_free(rg_bctx *ctx)
{
    rg_arena_free(ctx->arena);
    free(ctx->printed);
    memset(ctx, 0, sizeof *ctx);
}

/* Look up the builtin called name (the test fails when it is missing or
 * nargs is not its arity), clear the last error and call it. */
static inline rg_bstatus bctx_double_call(rg_bctx *ctx, const char *name,
                                          const rg_value *const *args,
                                          size_t nargs,
                                          const rg_value **out)
{
    const rg_builtin_def *def = rg_builtin_find(name);
    ck_assert_msg(def != NULL, "no builtin named %s", name);
    ck_assert_int_eq(def->arity, (int)nargs);
    ctx->def = def;
    ctx->error_code = NULL;
    ctx->error[0] = '\0';
    *out = NULL;
    return def->fn(ctx, args, nargs, out);
}

#endif
