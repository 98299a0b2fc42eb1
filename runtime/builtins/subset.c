/*
 * object.subset: whether sub is contained in super.
 *
 * Objects: every key of sub is in super with an equal value, or, where
 * both values are objects, sets or arrays, a value that is itself a
 * subset.  Sets: every element of sub is in super (no recursion).
 * Arrays: sub occurs contiguously in super.  An array super and a set
 * sub: every element of the set occurs in the array, counted as OPA
 * counts them (each matching array item ticks one off).
 */
#include "runtime/builtin.h"

static bool subset_of(const rg_value *super, const rg_value *sub);

static bool subset_sets(const rg_value *super, const rg_value *sub)
{
    for (size_t i = 0; i < rg_len(sub); i++)
        if (!rg_set_contains(super, rg_set_at(sub, i)))
            return false;
    return true;
}

static bool subset_arrays(const rg_value *super, const rg_value *sub)
{
    size_t n = rg_len(super), m = rg_len(sub);
    if (m > n)
        return false;
    for (size_t start = 0; start + m <= n; start++) {
        size_t j = 0;
        while (j < m && rg_value_equal(rg_array_at(super, start + j),
                                       rg_array_at(sub, j)))
            j++;
        if (j == m)
            return true;
    }
    return false;
}

static bool subset_array_set(const rg_value *super, const rg_value *sub)
{
    size_t unmatched = rg_len(sub);
    for (size_t i = 0; i < rg_len(super); i++) {
        if (rg_set_contains(sub, rg_array_at(super, i)))
            unmatched--;
        if (unmatched == 0)
            return true;
    }
    return false;
}

static bool subset_objects(const rg_value *super, const rg_value *sub)
{
    for (size_t i = 0; i < rg_len(sub); i++) {
        const rg_value *sv = rg_object_value_at(sub, i);
        const rg_value *pv = rg_object_get(super, rg_object_key_at(sub, i));
        if (!pv)
            return false;
        if (rg_value_equal(sv, pv))
            continue;
        rg_kind k = rg_value_kind(sv);
        if (k != rg_value_kind(pv) ||
            (k != RG_OBJECT && k != RG_SET && k != RG_ARRAY))
            return false;
        if (!subset_of(pv, sv))
            return false;
    }
    return true;
}

/* The subset test for a pair of the same kind (object, set, array) or
 * array and set; false for other pairs. */
static bool subset_of(const rg_value *super, const rg_value *sub)
{
    rg_kind a = rg_value_kind(super), b = rg_value_kind(sub);
    if (a == RG_OBJECT && b == RG_OBJECT)
        return subset_objects(super, sub);
    if (a == RG_SET && b == RG_SET)
        return subset_sets(super, sub);
    if (a == RG_ARRAY && b == RG_ARRAY)
        return subset_arrays(super, sub);
    if (a == RG_ARRAY && b == RG_SET)
        return subset_array_set(super, sub);
    return false;
}

static rg_bstatus subset_builtin(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_kind a = rg_value_kind(args[0]), b = rg_value_kind(args[1]);
    bool ok = (a == b && (a == RG_OBJECT || a == RG_SET || a == RG_ARRAY)) ||
              (a == RG_ARRAY && b == RG_SET);
    if (!ok)
        return rg_bctx_error(ctx, "eval_type_error",
                             "both arguments object.subset must be of the "
                             "same type or array and set");
    *out = rg_bool(subset_of(args[0], args[1]));
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_subset[] = {
    { "object.subset", 2, subset_builtin, false, false },
    { NULL, 0, NULL, false, false }
};
