/*
 * Operand checks and error helpers shared by the extended builtins.
 */
#include "runtime/builtins/extargs.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

rg_bstatus rg_extargs_string(rg_bctx *ctx, const rg_value *v, int pos,
                             const char **s, size_t *len)
{
    if (rg_value_kind(v) != RG_STRING)
        return rg_bctx_type_error(ctx, pos, "string", v);
    *s = rg_string_bytes(v);
    if (len)
        *len = rg_string_len(v);
    return RG_BUILTIN_OK;
}

rg_bstatus rg_extargs_int(rg_bctx *ctx, const rg_value *v, int pos,
                          int64_t *out)
{
    if (rg_value_kind(v) != RG_NUMBER)
        return rg_bctx_type_error(ctx, pos, "number", v);
    if (rg_number_int64(v, out))
        return RG_BUILTIN_OK;
    if (rg_number_is_integer(v)) {
        double d = rg_number_double(v);
        if (fabs(d) < 9.2e18) {
            *out = (int64_t)d;
            return RG_BUILTIN_OK;
        }
    }
    return rg_extargs_operand_error(
        ctx, pos, "must be integer number but got floating-point number");
}

rg_bstatus rg_extargs_kind(rg_bctx *ctx, const rg_value *v, int pos,
                           rg_kind kind)
{
    if (rg_value_kind(v) != kind)
        return rg_bctx_type_error(ctx, pos, rg_kind_name(kind), v);
    return RG_BUILTIN_OK;
}

rg_bstatus rg_extargs_operand_error(rg_bctx *ctx, int pos, const char *fmt,
                                    ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return rg_bctx_error(ctx, RG_EXTARGS_TYPE_ERROR, "operand %d %s", pos,
                         buf);
}

rg_bstatus rg_extargs_fail(rg_bctx *ctx, const char *message)
{
    return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR, "%s", message);
}

char *rg_extargs_cstr(rg_bctx *ctx, const rg_value *v)
{
    return rg_arena_strndup(rg_bctx_arena(ctx), rg_string_bytes(v),
                            rg_string_len(v));
}

const rg_value *rg_extargs_str(rg_bctx *ctx, const char *s, size_t len)
{
    return rg_string(rg_bctx_arena(ctx), s, len);
}
