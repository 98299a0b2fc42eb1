/*
 * json.filter and json.remove: keep, or drop, the parts of an object
 * that a set or array of JSON paths selects.  Array elements are
 * selected by their index written as a string ("a/0/b"), set elements by
 * the element itself.
 */
#include <stdio.h>

#include "runtime/builtins/extargs.h"
#include "runtime/builtins/jsonpath.h"

static rg_bstatus paths_of(rg_bctx *ctx, const rg_value *v,
                           rg_jsonpath_tree **out)
{
    rg_kind k = rg_value_kind(v);
    if (k != RG_ARRAY && k != RG_SET)
        return rg_bctx_type_error(ctx, 2, "one of {set, array}", v);
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_jsonpath_tree *t = rg_jsonpath_tree_new(arena);
    size_t n = rg_len(v);
    for (size_t i = 0; i < n; i++) {
        const rg_value *p = k == RG_ARRAY ? rg_array_at(v, i)
                                          : rg_set_at(v, i);
        rg_jsonpath path;
        if (!rg_jsonpath_parse(arena, p, &path))
            return rg_extargs_operand_error(
                ctx, 2, "must be one of {set, array} containing string "
                "paths or array of path segments but got %s",
                rg_kind_name(rg_value_kind(p)));
        rg_jsonpath_tree_add(arena, t, &path);
    }
    *out = t;
    return RG_BUILTIN_OK;
}

static const rg_value *index_key(rg_arena *arena, size_t i)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%zu", i);
    return rg_string(arena, buf, (size_t)n);
}

/* ---- json.filter ------------------------------------------------------- */

static const rg_value *filter(rg_arena *arena, const rg_value *v,
                              const rg_jsonpath_tree *t)
{
    if (rg_jsonpath_tree_leaf(t))
        return v;
    size_t n = rg_len(v);
    switch (rg_value_kind(v)) {
    case RG_ARRAY: {
        const rg_value **items = rg_arena_alloc(arena, (n + 1) * sizeof *items);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            const rg_jsonpath_tree *c =
                rg_jsonpath_tree_child(t, index_key(arena, i));
            if (c)
                items[k++] = filter(arena, rg_array_at(v, i), c);
        }
        return rg_array(arena, items, k);
    }
    case RG_SET: {
        rg_builder *b = rg_set_builder(arena, n);
        for (size_t i = 0; i < n; i++) {
            const rg_jsonpath_tree *c = rg_jsonpath_tree_child(t,
                                                               rg_set_at(v, i));
            if (c)
                rg_builder_add(b, filter(arena, rg_set_at(v, i), c));
        }
        return rg_builder_finish(b);
    }
    case RG_OBJECT: {
        rg_builder *b = rg_object_builder(arena, n);
        for (size_t i = 0; i < n; i++) {
            const rg_value *key = rg_object_key_at(v, i);
            const rg_jsonpath_tree *c = rg_jsonpath_tree_child(t, key);
            if (c)
                rg_builder_put(b, key,
                               filter(arena, rg_object_value_at(v, i), c));
        }
        return rg_builder_finish(b);
    }
    default:
        return v;
    }
}

static rg_bstatus bi_filter(rg_bctx *ctx, const rg_value *const *args,
                            size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_jsonpath_tree *t;
    if (rg_extargs_kind(ctx, args[0], 1, RG_OBJECT) != RG_BUILTIN_OK ||
        paths_of(ctx, args[1], &t) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    *out = filter(rg_bctx_arena(ctx), args[0], t);
    return RG_BUILTIN_OK;
}

/* ---- json.remove ------------------------------------------------------- */

/* v without the parts t selects, or NULL when t selects all of v. */
static const rg_value *remove_paths(rg_arena *arena, const rg_value *v,
                                    const rg_jsonpath_tree *t)
{
    if (!t)
        return v;
    if (rg_jsonpath_tree_leaf(t))
        return NULL;
    size_t n = rg_len(v);
    switch (rg_value_kind(v)) {
    case RG_ARRAY: {
        const rg_value **items = rg_arena_alloc(arena, (n + 1) * sizeof *items);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            const rg_value *r = remove_paths(
                arena, rg_array_at(v, i),
                rg_jsonpath_tree_child(t, index_key(arena, i)));
            if (r)
                items[k++] = r;
        }
        return rg_array(arena, items, k);
    }
    case RG_SET: {
        rg_builder *b = rg_set_builder(arena, n);
        for (size_t i = 0; i < n; i++) {
            const rg_value *e = rg_set_at(v, i);
            const rg_value *r = remove_paths(arena, e,
                                             rg_jsonpath_tree_child(t, e));
            if (r)
                rg_builder_add(b, r);
        }
        return rg_builder_finish(b);
    }
    case RG_OBJECT: {
        rg_builder *b = rg_object_builder(arena, n);
        for (size_t i = 0; i < n; i++) {
            const rg_value *key = rg_object_key_at(v, i);
            const rg_value *r = remove_paths(
                arena, rg_object_value_at(v, i),
                rg_jsonpath_tree_child(t, key));
            if (r)
                rg_builder_put(b, key, r);
        }
        return rg_builder_finish(b);
    }
    default:
        return v;
    }
}

static rg_bstatus bi_remove(rg_bctx *ctx, const rg_value *const *args,
                            size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_jsonpath_tree *t;
    if (rg_extargs_kind(ctx, args[0], 1, RG_OBJECT) != RG_BUILTIN_OK ||
        paths_of(ctx, args[1], &t) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    *out = remove_paths(rg_bctx_arena(ctx), args[0], t);
    return *out ? RG_BUILTIN_OK : RG_BUILTIN_UNDEFINED;
}

const rg_builtin_def rg_builtins_jsonfilter[] = {
    { "json.filter", 2, bi_filter, false, false },
    { "json.remove", 2, bi_remove, false, false },
    { NULL, 0, NULL, false, false },
};
