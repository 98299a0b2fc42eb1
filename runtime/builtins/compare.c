/*
 * Comparison and membership as callable builtins: eq, equal, neq, lt,
 * gt, lte, gte, internal.member_2 and internal.member_3.
 *
 * The VM compiles the infix operators (=, ==, !=, <, >, <=, >=, in) to
 * bytecode; these entries serve calls written as functions, such as
 * `equal(1, 1, x)`.  Each returns a boolean in OPA's total order over
 * all values, so comparing values of different kinds is never an error.
 */
#include "runtime/builtin.h"

static rg_bstatus compare_result(const rg_value **out, bool b)
{
    *out = rg_bool(b);
    return RG_BUILTIN_OK;
}

static rg_bstatus compare_equal(rg_bctx *ctx, const rg_value *const *args,
                                size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    return compare_result(out, rg_value_equal(args[0], args[1]));
}

static rg_bstatus compare_neq(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    return compare_result(out, !rg_value_equal(args[0], args[1]));
}

static rg_bstatus compare_lt(rg_bctx *ctx, const rg_value *const *args,
                             size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    return compare_result(out, rg_value_compare(args[0], args[1]) < 0);
}

static rg_bstatus compare_gt(rg_bctx *ctx, const rg_value *const *args,
                             size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    return compare_result(out, rg_value_compare(args[0], args[1]) > 0);
}

static rg_bstatus compare_lte(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    return compare_result(out, rg_value_compare(args[0], args[1]) <= 0);
}

static rg_bstatus compare_gte(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    return compare_result(out, rg_value_compare(args[0], args[1]) >= 0);
}

/* True when elem equals an array item, a set element or an object
 * value; false for any other collection operand. */
static bool compare_member(const rg_value *elem, const rg_value *coll)
{
    switch (rg_value_kind(coll)) {
    case RG_SET:
        return rg_set_contains(coll, elem);
    case RG_ARRAY:
        for (size_t i = 0; i < rg_len(coll); i++)
            if (rg_value_equal(rg_array_at(coll, i), elem))
                return true;
        return false;
    case RG_OBJECT:
        for (size_t i = 0; i < rg_len(coll); i++)
            if (rg_value_equal(rg_object_value_at(coll, i), elem))
                return true;
        return false;
    default:
        return false;
    }
}

static rg_bstatus compare_member_2(rg_bctx *ctx,
                                   const rg_value *const *args,
                                   size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    return compare_result(out, compare_member(args[0], args[1]));
}

/* The item of coll under key: an object's value, an array's item at an
 * integer index, or for a set the key itself when it is an element;
 * NULL when absent. */
static const rg_value *compare_lookup(const rg_value *coll,
                                      const rg_value *key)
{
    int64_t i;
    switch (rg_value_kind(coll)) {
    case RG_OBJECT:
        return rg_object_get(coll, key);
    case RG_SET:
        return rg_set_contains(coll, key) ? key : NULL;
    case RG_ARRAY:
        if (rg_value_kind(key) != RG_NUMBER || !rg_number_int64(key, &i))
            return NULL;
        if (i < 0 || (uint64_t)i >= rg_len(coll))
            return NULL;
        return rg_array_at(coll, (size_t)i);
    default:
        return NULL;
    }
}

static rg_bstatus compare_member_3(rg_bctx *ctx,
                                   const rg_value *const *args,
                                   size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    const rg_value *found = compare_lookup(args[2], args[0]);
    return compare_result(out, found && rg_value_equal(found, args[1]));
}

const rg_builtin_def rg_builtins_compare[] = {
    { "eq", 2, compare_equal, false, false },
    { "equal", 2, compare_equal, false, false },
    { "neq", 2, compare_neq, false, false },
    { "lt", 2, compare_lt, false, false },
    { "gt", 2, compare_gt, false, false },
    { "lte", 2, compare_lte, false, false },
    { "gte", 2, compare_gte, false, false },
    { "internal.member_2", 2, compare_member_2, false, false },
    { "internal.member_3", 3, compare_member_3, false, false },
    { NULL, 0, NULL, false, false }
};
