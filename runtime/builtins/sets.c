/*
 * Set builtins: and (the & operator, intersection of two sets), or (the
 * | operator, union of two sets), intersection and union of a set of
 * sets, and the deprecated set_diff.
 */
#include "runtime/builtins/args.h"
#include "runtime/builtins/sets.h"

const rg_value *rg_sets_diff(rg_arena *arena, const rg_value *a,
                             const rg_value *b)
{
    rg_builder *out = rg_set_builder(arena, rg_len(a));
    for (size_t i = 0; i < rg_len(a); i++)
        if (!rg_set_contains(b, rg_set_at(a, i)))
            rg_builder_add(out, rg_set_at(a, i));
    return rg_builder_finish(out);
}

static const rg_value *sets_and(rg_arena *arena, const rg_value *a,
                                const rg_value *b)
{
    rg_builder *out = rg_set_builder(arena, 0);
    for (size_t i = 0; i < rg_len(a); i++)
        if (rg_set_contains(b, rg_set_at(a, i)))
            rg_builder_add(out, rg_set_at(a, i));
    return rg_builder_finish(out);
}

static void sets_add_all(rg_builder *b, const rg_value *set)
{
    for (size_t i = 0; i < rg_len(set); i++)
        rg_builder_add(b, rg_set_at(set, i));
}

static rg_bstatus sets_two(rg_bctx *ctx, const rg_value *const *args)
{
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_SET));
    return rg_args_kind(ctx, 2, args[1], RG_SET);
}

static rg_bstatus sets_intersect2(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(sets_two(ctx, args));
    *out = sets_and(rg_bctx_arena(ctx), args[0], args[1]);
    return RG_BUILTIN_OK;
}

static rg_bstatus sets_union2(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(sets_two(ctx, args));
    rg_builder *b = rg_set_builder(rg_bctx_arena(ctx), 0);
    sets_add_all(b, args[0]);
    sets_add_all(b, args[1]);
    *out = rg_builder_finish(b);
    return RG_BUILTIN_OK;
}

static rg_bstatus sets_diff(rg_bctx *ctx, const rg_value *const *args,
                            size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(sets_two(ctx, args));
    *out = rg_sets_diff(rg_bctx_arena(ctx), args[0], args[1]);
    return RG_BUILTIN_OK;
}

/* Every element of the set of sets must itself be a set. */
static rg_bstatus sets_of_sets(rg_bctx *ctx, const rg_value *v)
{
    RG_ARGS_TRY(rg_args_kind(ctx, 1, v, RG_SET));
    for (size_t i = 0; i < rg_len(v); i++)
        RG_ARGS_TRY(rg_args_kind(ctx, 1, rg_set_at(v, i), RG_SET));
    return RG_BUILTIN_OK;
}

static rg_bstatus sets_intersection(rg_bctx *ctx,
                                    const rg_value *const *args,
                                    size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(sets_of_sets(ctx, args[0]));
    rg_arena *arena = rg_bctx_arena(ctx);
    if (rg_len(args[0]) == 0) {
        *out = rg_builder_finish(rg_set_builder(arena, 0));
        return RG_BUILTIN_OK;
    }
    const rg_value *acc = rg_set_at(args[0], 0);
    for (size_t i = 1; i < rg_len(args[0]); i++)
        acc = sets_and(arena, acc, rg_set_at(args[0], i));
    *out = acc;
    return RG_BUILTIN_OK;
}

static rg_bstatus sets_union(rg_bctx *ctx, const rg_value *const *args,
                             size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(sets_of_sets(ctx, args[0]));
    rg_builder *b = rg_set_builder(rg_bctx_arena(ctx), 0);
    for (size_t i = 0; i < rg_len(args[0]); i++)
        sets_add_all(b, rg_set_at(args[0], i));
    *out = rg_builder_finish(b);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_sets[] = {
    { "and", 2, sets_intersect2, false, false },
    { "or", 2, sets_union2, false, false },
    { "intersection", 1, sets_intersection, false, false },
    { "union", 1, sets_union, false, false },
    { "set_diff", 2, sets_diff, false, false },
    { NULL, 0, NULL, false, false }
};
