/*
 * Aggregates over collections: count, max, min, sort, all and any.
 * (sum and product live with the arithmetic in numbers.c.)
 *
 * max and min of an empty collection are undefined; order is OPA's
 * total order over all values.
 */
#include <stdlib.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/runes.h"
#include "runtime/builtins/vlist.h"

static rg_bstatus aggregates_count(rg_bctx *ctx, const rg_value *const *args,
                                   size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const rg_value *v = args[0];
    RG_ARGS_TRY(rg_args_one_of(ctx, 1, v, "array, object, set, string"));
    size_t n = rg_value_kind(v) == RG_STRING
                   ? rg_runes_count(rg_string_bytes(v), rg_string_len(v))
                   : rg_len(v);
    *out = rg_int(rg_bctx_arena(ctx), (int64_t)n);
    return RG_BUILTIN_OK;
}

/* The greatest (sign 1) or least (sign -1) element, or undefined. */
static rg_bstatus aggregates_extreme(rg_bctx *ctx, const rg_value *v,
                                     int sign, const rg_value **out)
{
    RG_ARGS_TRY(rg_args_one_of(ctx, 1, v, "set, array"));
    if (rg_len(v) == 0)
        return RG_BUILTIN_UNDEFINED;
    const rg_value *best = rg_args_elem_at(v, 0);
    for (size_t i = 1; i < rg_len(v); i++) {
        const rg_value *e = rg_args_elem_at(v, i);
        if (sign * rg_value_compare(e, best) > 0)
            best = e;
    }
    *out = best;
    return RG_BUILTIN_OK;
}

static rg_bstatus aggregates_max(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return aggregates_extreme(ctx, args[0], 1, out);
}

static rg_bstatus aggregates_min(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return aggregates_extreme(ctx, args[0], -1, out);
}

static int aggregates_cmp(const void *a, const void *b)
{
    return rg_value_compare(*(const rg_value *const *)a,
                            *(const rg_value *const *)b);
}

static rg_bstatus aggregates_sort(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const rg_value *v = args[0];
    RG_ARGS_TRY(rg_args_one_of(ctx, 1, v, "set, array"));
    rg_vlist l;
    rg_vlist_init(&l, rg_bctx_arena(ctx));
    for (size_t i = 0; i < rg_len(v); i++)
        rg_vlist_push(&l, rg_args_elem_at(v, i));
    if (rg_value_kind(v) == RG_ARRAY && l.len > 1)
        qsort(l.items, l.len, sizeof *l.items, aggregates_cmp);
    *out = rg_vlist_array(&l);
    return RG_BUILTIN_OK;
}

/* all: every element is true; any: some element is true. */
static rg_bstatus aggregates_truth(rg_bctx *ctx, const rg_value *v,
                                   bool every, const rg_value **out)
{
    RG_ARGS_TRY(rg_args_one_of(ctx, 1, v, "array, set"));
    const rg_value *t = rg_bool(true);
    for (size_t i = 0; i < rg_len(v); i++) {
        bool is_true = rg_value_equal(rg_args_elem_at(v, i), t);
        if (is_true != every) {
            *out = rg_bool(!every);
            return RG_BUILTIN_OK;
        }
    }
    *out = rg_bool(every);
    return RG_BUILTIN_OK;
}

static rg_bstatus aggregates_all(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return aggregates_truth(ctx, args[0], true, out);
}

static rg_bstatus aggregates_any(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return aggregates_truth(ctx, args[0], false, out);
}

const rg_builtin_def rg_builtins_aggregates[] = {
    { "count", 1, aggregates_count, false, false },
    { "max", 1, aggregates_max, false, false },
    { "min", 1, aggregates_min, false, false },
    { "sort", 1, aggregates_sort, false, false },
    { "all", 1, aggregates_all, false, false },
    { "any", 1, aggregates_any, false, false },
    { NULL, 0, NULL, false, false }
};
