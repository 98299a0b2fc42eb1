/*
 * Object builtins: object.get, object.keys, object.remove,
 * object.filter, object.union, object.union_n.
 *
 * object.union merges recursively: where both sides hold an object under
 * one key the two are merged, otherwise the right side wins.  union_n
 * folds union over its array from left to right.
 */
#include "runtime/builtins/args.h"

static rg_bstatus objects_ok(const rg_value **out, const rg_value *v)
{
    *out = v;
    return RG_BUILTIN_OK;
}

/* One step of a path: an object's value, an array's item at an integer
 * index, or a set's element equal to key; NULL when absent. */
static const rg_value *objects_step(const rg_value *v, const rg_value *key)
{
    int64_t i;
    switch (rg_value_kind(v)) {
    case RG_OBJECT:
        return rg_object_get(v, key);
    case RG_ARRAY:
        if (rg_value_kind(key) != RG_NUMBER || !rg_number_int64(key, &i) ||
            i < 0 || (uint64_t)i >= rg_len(v))
            return NULL;
        return rg_array_at(v, (size_t)i);
    case RG_SET:
        return rg_set_contains(v, key) ? key : NULL;
    default:
        return NULL;
    }
}

static rg_bstatus objects_get(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_OBJECT));
    const rg_value *path = args[1];
    if (rg_value_kind(path) != RG_ARRAY) {
        const rg_value *v = rg_object_get(args[0], path);
        return objects_ok(out, v ? v : args[2]);
    }
    const rg_value *v = args[0];
    for (size_t i = 0; v && i < rg_len(path); i++)
        v = objects_step(v, rg_array_at(path, i));
    return objects_ok(out, v ? v : args[2]);
}

static rg_bstatus objects_keys(rg_bctx *ctx, const rg_value *const *args,
                               size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_OBJECT));
    rg_builder *b = rg_set_builder(rg_bctx_arena(ctx), rg_len(args[0]));
    for (size_t i = 0; i < rg_len(args[0]); i++)
        rg_builder_add(b, rg_object_key_at(args[0], i));
    return objects_ok(out, rg_builder_finish(b));
}

/* The keys operand of remove and filter as a set. */
static rg_bstatus objects_key_set(rg_bctx *ctx, const rg_value *v,
                                  const rg_value **keys)
{
    RG_ARGS_TRY(rg_args_one_of(ctx, 2, v, "object, set, array"));
    if (rg_value_kind(v) == RG_SET)
        return objects_ok(keys, v);
    rg_builder *b = rg_set_builder(rg_bctx_arena(ctx), rg_len(v));
    for (size_t i = 0; i < rg_len(v); i++)
        rg_builder_add(b, rg_value_kind(v) == RG_OBJECT
                              ? rg_object_key_at(v, i)
                              : rg_array_at(v, i));
    return objects_ok(keys, rg_builder_finish(b));
}

/* The entries of obj whose key is (keep) or is not (!keep) in keys. */
static rg_bstatus objects_select(rg_bctx *ctx, const rg_value *const *args,
                                 const rg_value **out, bool keep)
{
    const rg_value *keys;
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_OBJECT));
    RG_ARGS_TRY(objects_key_set(ctx, args[1], &keys));
    rg_builder *b = rg_object_builder(rg_bctx_arena(ctx), 0);
    for (size_t i = 0; i < rg_len(args[0]); i++) {
        const rg_value *k = rg_object_key_at(args[0], i);
        if (rg_set_contains(keys, k) == keep)
            rg_builder_put(b, k, rg_object_value_at(args[0], i));
    }
    return objects_ok(out, rg_builder_finish(b));
}

static rg_bstatus objects_remove(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return objects_select(ctx, args, out, false);
}

static rg_bstatus objects_filter(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return objects_select(ctx, args, out, true);
}

/* a merged with b: b's entries win except where both are objects. */
static const rg_value *objects_merge(rg_arena *arena, const rg_value *a,
                                     const rg_value *b)
{
    rg_builder *m = rg_object_builder(arena, rg_len(a) + rg_len(b));
    for (size_t i = 0; i < rg_len(a); i++) {
        const rg_value *k = rg_object_key_at(a, i);
        const rg_value *va = rg_object_value_at(a, i);
        const rg_value *vb = rg_object_get(b, k);
        if (vb && rg_value_kind(va) == RG_OBJECT &&
            rg_value_kind(vb) == RG_OBJECT)
            rg_builder_put(m, k, objects_merge(arena, va, vb));
        else
            rg_builder_put(m, k, vb ? vb : va);
    }
    for (size_t i = 0; i < rg_len(b); i++) {
        const rg_value *k = rg_object_key_at(b, i);
        if (!rg_object_get(a, k))
            rg_builder_put(m, k, rg_object_value_at(b, i));
    }
    return rg_builder_finish(m);
}

static rg_bstatus objects_union(rg_bctx *ctx, const rg_value *const *args,
                                size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_OBJECT));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_OBJECT));
    if (rg_value_equal(args[0], args[1]))
        return objects_ok(out, args[0]);
    return objects_ok(out, objects_merge(rg_bctx_arena(ctx), args[0],
                                         args[1]));
}

static rg_bstatus objects_union_n(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const rg_value *arr = args[0];
    RG_ARGS_TRY(rg_args_kind(ctx, 1, arr, RG_ARRAY));
    for (size_t i = rg_len(arr); i-- > 0;)
        if (rg_value_kind(rg_array_at(arr, i)) != RG_OBJECT)
            return rg_args_elem_error(ctx, 1, arr, rg_array_at(arr, i),
                                      "object");
    rg_arena *arena = rg_bctx_arena(ctx);
    const rg_value *acc = rg_builder_finish(rg_object_builder(arena, 0));
    for (size_t i = 0; i < rg_len(arr); i++)
        acc = objects_merge(arena, acc, rg_array_at(arr, i));
    return objects_ok(out, acc);
}

const rg_builtin_def rg_builtins_objects[] = {
    { "object.get", 3, objects_get, false, false },
    { "object.keys", 1, objects_keys, false, false },
    { "object.remove", 2, objects_remove, false, false },
    { "object.filter", 2, objects_filter, false, false },
    { "object.union", 2, objects_union, false, false },
    { "object.union_n", 1, objects_union_n, false, false },
    { NULL, 0, NULL, false, false }
};
