/*
 * The builtin-function interface between the VM and the builtin library.
 *
 * A builtin receives its operands as values and returns one value, or
 * reports that it is undefined, or fails with an error.  The VM owns the
 * call context: the arena results are built in, whether strict errors are
 * on, per-query state (the time "now", memoized random values) and the
 * shared caches.  The VM adds the source position to an error and decides,
 * from the strict flag, whether it stops the query or makes the call
 * undefined, so builtins never look at the flag for that.
 *
 * A relation (a builtin that yields several results, such as walk)
 * returns an array of its results and the VM iterates it.
 *
 * Errors follow OPA's texts:
 *   eval_type_error:    "NAME: operand 1 must be string but got number"
 *   eval_builtin_error: "NAME: <what went wrong>"
 * rg_bctx_type_error and rg_bctx_error add the "NAME: " prefix.
 */
#ifndef RG_BUILTIN_H
#define RG_BUILTIN_H

#include "runtime/value.h"

typedef struct rg_bctx rg_bctx;

typedef enum rg_bstatus {
    RG_BUILTIN_OK,          /* *out is the result */
    RG_BUILTIN_UNDEFINED,   /* no result, no error */
    RG_BUILTIN_ERROR        /* error recorded in the context */
} rg_bstatus;

typedef rg_bstatus (*rg_builtin_fn)(rg_bctx *ctx,
                                    const rg_value *const *args,
                                    size_t nargs, const rg_value **out);

typedef struct rg_builtin_def {
    const char *name;       /* "count", "io.jwt.decode" */
    int arity;              /* operands, not counting the output */
    rg_builtin_fn fn;
    bool relation;          /* returns an array of results to iterate */
    bool nondeterministic;  /* may differ between calls (http.send...) */
} rg_builtin_def;

/* ---- Call context, implemented by the VM ------------------------------ */

/* Arena where the result and any scratch memory go. */
rg_arena *rg_bctx_arena(rg_bctx *ctx);
/* The builtin being called. */
const rg_builtin_def *rg_bctx_builtin(rg_bctx *ctx);
/* Nanoseconds since the Unix epoch, fixed for the whole query. */
int64_t rg_bctx_now_ns(rg_bctx *ctx);

/* Record "NAME: operand N must be WANT but got GOT" as eval_type_error
 * and return RG_BUILTIN_ERROR.  operand is 1-based. */
rg_bstatus rg_bctx_type_error(rg_bctx *ctx, int operand, const char *want,
                              const rg_value *got);
/* Record "NAME: message" under code ("eval_type_error" or
 * "eval_builtin_error") and return RG_BUILTIN_ERROR. */
rg_bstatus rg_bctx_error(rg_bctx *ctx, const char *code,
                         const char *fmt, ...) RG_PRINTF(3, 4);

/* Per-query memo for nondeterministic builtins, so rand.intn("x", 10)
 * and uuid.rfc4122("k") return one value for the whole query: the value
 * stored under key, or NULL.  rg_bctx_memo_put stores it. */
const rg_value *rg_bctx_memo_get(rg_bctx *ctx, const rg_value *key);
void rg_bctx_memo_put(rg_bctx *ctx, const rg_value *key,
                      const rg_value *value);

/* Print output of print(): the VM sends it to its configured sink. */
void rg_bctx_print(rg_bctx *ctx, const char *text, size_t len);

/* Record an error that stops the query whether or not strict errors
 * are on, as OPA's halting errors do (eval_internal_error,
 * eval_conflict_error); the message gets no "NAME: " prefix.  Returns
 * RG_BUILTIN_ERROR. */
rg_bstatus rg_bctx_halt(rg_bctx *ctx, const char *code,
                        const char *fmt, ...) RG_PRINTF(3, 4);

/* Send a trace event to the engine's trace hook (rg_options.trace);
 * kind is an rg_trace_kind of include/regolith.h, text is borrowed.
 * Without a hook the event is dropped. */
void rg_bctx_trace(rg_bctx *ctx, int kind, const char *text);

/* ---- Registry ----------------------------------------------------------- */

/* The builtin named name with the given arity, or NULL. */
const rg_builtin_def *rg_builtin_find(const char *name);
/* Every builtin of the library, for capabilities output. */
const rg_builtin_def *const *rg_builtin_all(size_t *count);

#endif
