/*
 * Operand checks with OPA's type-error texts (see args.h).
 */
#include <string.h>

#include "runtime/builtins/args.h"

rg_bstatus rg_args_kind(rg_bctx *ctx, int operand, const rg_value *v,
                        rg_kind kind)
{
    if (rg_value_kind(v) == kind)
        return RG_BUILTIN_OK;
    return rg_bctx_type_error(ctx, operand, rg_kind_name(kind), v);
}

/* True when word appears in names as a whole comma-separated item. */
static bool args_listed(const char *names, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = names; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, ",");
        if (len == n && strncmp(p, word, n) == 0)
            return true;
        p += len;
    }
    return false;
}

rg_bstatus rg_args_one_of(rg_bctx *ctx, int operand, const rg_value *v,
                          const char *names)
{
    if (args_listed(names, rg_kind_name(rg_value_kind(v))))
        return RG_BUILTIN_OK;
    rg_arena *arena = rg_bctx_arena(ctx);
    return rg_bctx_type_error(ctx, operand,
                              rg_arena_printf(arena, "one of {%s}", names),
                              v);
}

/* True when text is written as an integer: an optional minus sign and
 * digits, with no fraction or exponent. */
static bool args_integer_text(const char *text)
{
    const char *p = text + (*text == '-');
    if (!*p)
        return false;
    for (; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

rg_bstatus rg_args_int(rg_bctx *ctx, int operand, const rg_value *v,
                       int64_t *out)
{
    RG_ARGS_TRY(rg_args_kind(ctx, operand, v, RG_NUMBER));
    const char *text = rg_number_text(rg_bctx_arena(ctx), v);
    if (args_integer_text(text) && rg_number_int64(v, out))
        return RG_BUILTIN_OK;
    return rg_bctx_error(ctx, "eval_type_error",
                         "operand %d must be integer number but got "
                         "floating-point number", operand);
}

rg_bstatus rg_args_elem_error(rg_bctx *ctx, int operand,
                              const rg_value *composite,
                              const rg_value *elem, const char *elem_want)
{
    const char *c = rg_kind_name(rg_value_kind(composite));
    return rg_bctx_error(ctx, "eval_type_error",
                         "operand %d must be %s of %ss but got %s "
                         "containing %s", operand, c, elem_want, c,
                         rg_kind_name(rg_value_kind(elem)));
}

rg_bstatus rg_args_strings(rg_bctx *ctx, int operand, const rg_value *v)
{
    RG_ARGS_TRY(rg_args_one_of(ctx, operand, v, "array, set"));
    for (size_t i = 0; i < rg_len(v); i++) {
        const rg_value *e = rg_args_elem_at(v, i);
        if (rg_value_kind(e) != RG_STRING)
            return rg_args_elem_error(ctx, operand, v, e, "string");
    }
    return RG_BUILTIN_OK;
}

size_t rg_args_elem_count(const rg_value *v)
{
    rg_kind k = rg_value_kind(v);
    return k == RG_ARRAY || k == RG_SET ? rg_len(v) : 0;
}

const rg_value *rg_args_elem_at(const rg_value *v, size_t i)
{
    return rg_value_kind(v) == RG_SET ? rg_set_at(v, i) : rg_array_at(v, i);
}
