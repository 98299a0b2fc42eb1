/*
 * OPA's total order over values, equality and hashing.
 *
 * Kinds order as null < boolean < number < string < array < object <
 * set.  Arrays compare element by element, then by length.  Objects
 * compare their sorted keys pairwise, and for equal keys their values,
 * then by size.  Sets compare like arrays of their sorted elements.
 * Because objects and sets are stored sorted, no comparison sorts.
 *
 * Equal values hash alike: numbers hash by exact value, collections by
 * their items in canonical order.
 */
#include "runtime/value_impl.h"

#include <string.h>

static int compare_strings(const rg_value *a, const rg_value *b)
{
    const rg_string_value *x = RG_AS_STR(a), *y = RG_AS_STR(b);
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->bytes, y->bytes, n);
    if (c != 0)
        return c < 0 ? -1 : 1;
    return x->len < y->len ? -1 : x->len > y->len;
}

static int compare_lengths(size_t a, size_t b)
{
    return a < b ? -1 : a > b;
}

static int compare_arrays(const rg_value *a, const rg_value *b)
{
    const rg_array_value *x = RG_AS_ARR(a), *y = RG_AS_ARR(b);
    size_t n = x->len < y->len ? x->len : y->len;
    for (size_t i = 0; i < n; i++) {
        int c = rg_value_compare(x->items[i], y->items[i]);
        if (c != 0)
            return c;
    }
    return compare_lengths(x->len, y->len);
}

static int compare_colls(const rg_value *a, const rg_value *b)
{
    const rg_coll_value *x = RG_AS_COLL(a), *y = RG_AS_COLL(b);
    uint32_t n = x->len < y->len ? x->len : y->len;
    for (uint32_t i = 0; i < n; i++) {
        int c = rg_value_compare(x->keys[i], y->keys[i]);
        if (c != 0)
            return c;
        if (x->vals) {
            c = rg_value_compare(x->vals[i], y->vals[i]);
            if (c != 0)
                return c;
        }
    }
    return compare_lengths(x->len, y->len);
}

int rg_value_compare(const rg_value *a, const rg_value *b)
{
    if (a == b)
        return 0;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    switch (a->kind) {
    case RG_NULL:
        return 0;
    case RG_BOOLEAN:
        return (int)rg_bool_get(a) - (int)rg_bool_get(b);
    case RG_NUMBER:
        return rg_number_compare(a, b);
    case RG_STRING:
        return compare_strings(a, b);
    case RG_ARRAY:
        return compare_arrays(a, b);
    default:
        return compare_colls(a, b);
    }
}

static bool equal_strings(const rg_value *a, const rg_value *b)
{
    const rg_string_value *x = RG_AS_STR(a), *y = RG_AS_STR(b);
    return x->len == y->len && x->hash == y->hash &&
           memcmp(x->bytes, y->bytes, x->len) == 0;
}

static bool equal_arrays(const rg_value *a, const rg_value *b)
{
    const rg_array_value *x = RG_AS_ARR(a), *y = RG_AS_ARR(b);
    if (x->len != y->len)
        return false;
    for (size_t i = 0; i < x->len; i++) {
        if (!rg_value_equal(x->items[i], y->items[i]))
            return false;
    }
    return true;
}

/* Sorted storage makes equal collections equal position by position. */
static bool equal_colls(const rg_value *a, const rg_value *b)
{
    const rg_coll_value *x = RG_AS_COLL(a), *y = RG_AS_COLL(b);
    if (x->len != y->len)
        return false;
    for (uint32_t i = 0; i < x->len; i++) {
        if (!rg_value_equal(x->keys[i], y->keys[i]))
            return false;
        if (x->vals && !rg_value_equal(x->vals[i], y->vals[i]))
            return false;
    }
    return true;
}

bool rg_value_equal(const rg_value *a, const rg_value *b)
{
    if (a == b)
        return true;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case RG_NULL:
        return true;
    case RG_BOOLEAN:
        return rg_bool_get(a) == rg_bool_get(b);
    case RG_NUMBER:
        return rg_number_compare(a, b) == 0;
    case RG_STRING:
        return equal_strings(a, b);
    case RG_ARRAY:
        return equal_arrays(a, b);
    default:
        return equal_colls(a, b);
    }
}

/* Per-kind seeds keep [] , {} and set() apart. */
#define SEED_ARRAY 0x41ULL
#define SEED_OBJECT 0x4fULL
#define SEED_SET 0x53ULL

static uint64_t hash_combine(uint64_t h, uint64_t item)
{
    return rg_hash_mix(h * 31 + item);
}

static uint64_t hash_array(const rg_value *v)
{
    const rg_array_value *a = RG_AS_ARR(v);
    uint64_t h = SEED_ARRAY ^ a->len;
    for (size_t i = 0; i < a->len; i++)
        h = hash_combine(h, rg_value_hash(a->items[i]));
    return h;
}

static uint64_t hash_coll(const rg_value *v)
{
    const rg_coll_value *c = RG_AS_COLL(v);
    bool is_object = c->h.kind == RG_OBJECT;
    uint64_t h = (is_object ? SEED_OBJECT : SEED_SET) ^ c->len;
    for (uint32_t i = 0; i < c->len; i++) {
        h = hash_combine(h, rg_value_hash(c->keys[i]));
        if (is_object)
            h = hash_combine(h, rg_value_hash(c->vals[i]));
    }
    return h;
}

uint64_t rg_value_hash(const rg_value *v)
{
    switch (v->kind) {
    case RG_NULL:
        return 0x6e756c6cULL;
    case RG_BOOLEAN:
        return rg_bool_get(v) ? 0x74727565ULL : 0x66616c73ULL;
    case RG_NUMBER:
        return rg_number_hash(v);
    case RG_STRING:
        return RG_AS_STR(v)->hash;
    case RG_ARRAY:
        return hash_array(v);
    default:
        return hash_coll(v);
    }
}
