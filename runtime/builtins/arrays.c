/*
 * Array builtins: array.concat, array.flatten (one level deep),
 * array.reverse and array.slice.  array.slice clamps its bounds into
 * the array, as OPA does, instead of failing.
 */
#include "runtime/builtins/args.h"
#include "runtime/builtins/vlist.h"

static rg_bstatus arrays_concat(rg_bctx *ctx, const rg_value *const *args,
                                size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_ARRAY));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_ARRAY));
    rg_vlist l;
    rg_vlist_init(&l, rg_bctx_arena(ctx));
    for (int a = 0; a < 2; a++)
        for (size_t i = 0; i < rg_len(args[a]); i++)
            rg_vlist_push(&l, rg_array_at(args[a], i));
    *out = rg_vlist_array(&l);
    return RG_BUILTIN_OK;
}

/* Append the items of arr, splicing in the items of nested arrays one
 * level deep (deeper arrays stay whole, as in OPA). */
static void arrays_flatten_into(rg_vlist *l, const rg_value *arr)
{
    for (size_t i = 0; i < rg_len(arr); i++) {
        const rg_value *v = rg_array_at(arr, i);
        if (rg_value_kind(v) != RG_ARRAY) {
            rg_vlist_push(l, v);
            continue;
        }
        for (size_t j = 0; j < rg_len(v); j++)
            rg_vlist_push(l, rg_array_at(v, j));
    }
}

static rg_bstatus arrays_flatten(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_ARRAY));
    rg_vlist l;
    rg_vlist_init(&l, rg_bctx_arena(ctx));
    arrays_flatten_into(&l, args[0]);
    *out = rg_vlist_array(&l);
    return RG_BUILTIN_OK;
}

static rg_bstatus arrays_reverse(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_ARRAY));
    rg_vlist l;
    rg_vlist_init(&l, rg_bctx_arena(ctx));
    for (size_t i = rg_len(args[0]); i-- > 0;)
        rg_vlist_push(&l, rg_array_at(args[0], i));
    *out = rg_vlist_array(&l);
    return RG_BUILTIN_OK;
}

static rg_bstatus arrays_slice(rg_bctx *ctx, const rg_value *const *args,
                               size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    int64_t start, stop;
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_ARRAY));
    RG_ARGS_TRY(rg_args_int(ctx, 2, args[1], &start));
    RG_ARGS_TRY(rg_args_int(ctx, 3, args[2], &stop));
    int64_t len = (int64_t)rg_len(args[0]);
    if (stop < 0)
        stop = 0;
    else if (stop > len)
        stop = len;
    if (start < 0)
        start = 0;
    else if (start > stop)
        start = stop;
    rg_vlist l;
    rg_vlist_init(&l, rg_bctx_arena(ctx));
    for (int64_t i = start; i < stop; i++)
        rg_vlist_push(&l, rg_array_at(args[0], (size_t)i));
    *out = rg_vlist_array(&l);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_arrays[] = {
    { "array.concat", 2, arrays_concat, false, false },
    { "array.flatten", 1, arrays_flatten, false, false },
    { "array.reverse", 1, arrays_reverse, false, false },
    { "array.slice", 3, arrays_slice, false, false },
    { NULL, 0, NULL, false, false }
};
