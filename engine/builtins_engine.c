/*
 * Builtins implemented by the engine: membership ("in") and
 * opa.runtime.
 */
#include "engine/builtins_engine.h"

static bool array_has(const rg_value *xs, const rg_value *x)
{
    for (size_t i = 0; i < rg_len(xs); i++)
        if (rg_value_equal(rg_array_at(xs, i), x))
            return true;
    return false;
}

static bool object_has_value(const rg_value *xs, const rg_value *x)
{
    for (size_t i = 0; i < rg_len(xs); i++)
        if (rg_value_equal(rg_object_value_at(xs, i), x))
            return true;
    return false;
}

/* internal.member_2(x, xs): x is an element (array, set) or a value
 * (object) of xs; false for any other xs. */
static rg_bstatus member_2(rg_bctx *ctx, const rg_value *const *args,
                           size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    const rg_value *x = args[0], *xs = args[1];
    bool has = false;
    switch (rg_value_kind(xs)) {
    case RG_ARRAY:
        has = array_has(xs, x);
        break;
    case RG_SET:
        has = rg_set_contains(xs, x);
        break;
    case RG_OBJECT:
        has = object_has_value(xs, x);
        break;
    default:
        break;
    }
    *out = rg_bool(has);
    return RG_BUILTIN_OK;
}

/* internal.member_3(k, v, xs): xs[k] is v. */
static rg_bstatus member_3(rg_bctx *ctx, const rg_value *const *args,
                           size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    const rg_value *k = args[0], *v = args[1], *xs = args[2];
    const rg_value *got = NULL;
    int64_t i;
    switch (rg_value_kind(xs)) {
    case RG_ARRAY:
        if (rg_value_kind(k) == RG_NUMBER && rg_number_is_integer(k) &&
            rg_number_int64(k, &i) && i >= 0 && (size_t)i < rg_len(xs))
            got = rg_array_at(xs, (size_t)i);
        break;
    case RG_OBJECT:
        got = rg_object_get(xs, k);
        break;
    case RG_SET:
        got = rg_set_contains(xs, k) ? k : NULL;
        break;
    default:
        break;
    }
    *out = rg_bool(got != NULL && rg_value_equal(got, v));
    return RG_BUILTIN_OK;
}

/* opa.runtime(): the runtime's configuration and environment.  An
 * embedded engine has none to report, so the object is empty. */
static rg_bstatus opa_runtime(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(args);
    RG_UNUSED(nargs);
    *out = rg_builder_finish(rg_object_builder(rg_bctx_arena(ctx), 0));
    return RG_BUILTIN_OK;
}

static const rg_builtin_def engine_builtins[] = {
    {"internal.member_2", 2, member_2, false, false},
    {"internal.member_3", 3, member_3, false, false},
    {"opa.runtime", 0, opa_runtime, false, false},
};

const rg_builtin_def *rg_engine_builtins(size_t *count)
{
    *count = RG_ARRAY_LEN(engine_builtins);
    return engine_builtins;
}
