/*
 * Operand checks shared by the builtin categories, producing OPA's
 * type-error texts:
 *
 *   "NAME: operand 1 must be string but got number"
 *   "NAME: operand 2 must be one of {set, array} but got object"
 *   "NAME: operand 1 must be integer number but got floating-point number"
 *   "NAME: operand 1 must be array of strings but got array containing
 *    number"
 *
 * Each check returns RG_BUILTIN_OK or records the error in the context
 * and returns RG_BUILTIN_ERROR; RG_ARGS_TRY returns early on failure.
 * Operands are numbered from 1, as in the messages.
 */
#ifndef RG_ARGS_H
#define RG_ARGS_H

#include "runtime/builtin.h"

/* Evaluate a check and return its status from the caller unless OK. */
#define RG_ARGS_TRY(expr)                                                \
    do {                                                                 \
        rg_bstatus rg_args_st_ = (expr);                                 \
        if (rg_args_st_ != RG_BUILTIN_OK)                                \
            return rg_args_st_;                                          \
    } while (0)

/* v must be of kind; else "operand N must be KIND but got K". */
rg_bstatus rg_args_kind(rg_bctx *ctx, int operand, const rg_value *v,
                        rg_kind kind);

/* v's kind name must be one of names, a comma-separated list in the
 * order the message prints it ("object, set, array"); else
 * "operand N must be one of {object, set, array} but got K". */
rg_bstatus rg_args_one_of(rg_bctx *ctx, int operand, const rg_value *v,
                          const char *names);

/* v must be a number written as an integer (no fraction or exponent,
 * so 1.0 and 1e2 are rejected as OPA rejects them) that fits int64_t,
 * stored in *out; else "operand N must be integer number but got
 * floating-point number" (or "... must be number but got K" for a
 * non-number). */
rg_bstatus rg_args_int(rg_bctx *ctx, int operand, const rg_value *v,
                       int64_t *out);

/* "operand N must be C of Ts but got C containing K" as eval_type_error,
 * where C is the kind of composite, T is elem_want and K the kind of
 * elem.  Returns RG_BUILTIN_ERROR. */
rg_bstatus rg_args_elem_error(rg_bctx *ctx, int operand,
                              const rg_value *composite,
                              const rg_value *elem, const char *elem_want);

/* v must be an array or a set ("one of {array, set}") whose elements are
 * all strings (else an element error). */
rg_bstatus rg_args_strings(rg_bctx *ctx, int operand, const rg_value *v);

/* Elements of an array or set: count and item i (NULL-safe for other
 * kinds, which have no elements here). */
size_t rg_args_elem_count(const rg_value *v);
const rg_value *rg_args_elem_at(const rg_value *v, size_t i);

#endif
