/*
 * Operand checks shared by the extended builtins (time, json, net,
 * crypto, jwt...): each returns RG_BUILTIN_OK and fills its output, or
 * records OPA's error text in the context and returns RG_BUILTIN_ERROR.
 */
#ifndef RG_EXTARGS_H
#define RG_EXTARGS_H

#include "runtime/builtin.h"

/* Code strings of the errors builtins report. */
#define RG_EXTARGS_TYPE_ERROR "eval_type_error"
#define RG_EXTARGS_BUILTIN_ERROR "eval_builtin_error"

/* Operand pos (1-based) as a string: *s borrows v's bytes. */
rg_bstatus rg_extargs_string(rg_bctx *ctx, const rg_value *v, int pos,
                             const char **s, size_t *len);

/* Operand pos as an int64 integer, as OPA's IntOperand checks it:
 * "must be number" for other kinds, "must be integer number but got
 * floating-point number" for fractions. */
rg_bstatus rg_extargs_int(rg_bctx *ctx, const rg_value *v, int pos,
                          int64_t *out);

/* Operand pos of the given kind; want is the kind name for the error. */
rg_bstatus rg_extargs_kind(rg_bctx *ctx, const rg_value *v, int pos,
                           rg_kind kind);

/* Record "NAME: operand POS <message>" as eval_type_error. */
rg_bstatus rg_extargs_operand_error(rg_bctx *ctx, int pos, const char *fmt,
                                    ...) RG_PRINTF(3, 4);

/* Record "NAME: <message>" as eval_builtin_error. */
rg_bstatus rg_extargs_fail(rg_bctx *ctx, const char *message);

/* A NUL-terminated copy of a string value in the call's arena (for C
 * APIs that need one; embedded NULs cut it short). */
char *rg_extargs_cstr(rg_bctx *ctx, const rg_value *v);

/* Shorthand for a string result built in the call's arena. */
const rg_value *rg_extargs_str(rg_bctx *ctx, const char *s, size_t len);

#endif
