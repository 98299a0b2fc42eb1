/*
 * Scalar and array values: the null and boolean singletons, strings,
 * arrays, and the accessors of runtime/value.h that work on every kind.
 * Numbers are in number.c, objects and sets in object.c, order and
 * hashing in compare.c.
 */
#include "runtime/value_impl.h"

#include <assert.h>
#include <string.h>

static const rg_value null_value = { RG_NULL, 0, 0 };
static const rg_bool_value false_value = { { RG_BOOLEAN, 0, 0 }, false };
static const rg_bool_value true_value = { { RG_BOOLEAN, 0, 0 }, true };
static const rg_array_value empty_array = { { RG_ARRAY, 0, 0 }, 0 };

const char *rg_kind_name(rg_kind kind)
{
    static const char *const names[] = {
        "null", "boolean", "number", "string", "array", "object", "set"
    };
    assert((size_t)kind < RG_ARRAY_LEN(names));
    return names[kind];
}

rg_kind rg_value_kind(const rg_value *v)
{
    return (rg_kind)v->kind;
}

const rg_value *rg_null(void)
{
    return &null_value;
}

const rg_value *rg_bool(bool b)
{
    return b ? &true_value.h : &false_value.h;
}

bool rg_bool_get(const rg_value *v)
{
    assert(v->kind == RG_BOOLEAN);
    return ((const rg_bool_value *)v)->b;
}

/* ---- Strings ------------------------------------------------------------ */

const rg_value *rg_string(rg_arena *arena, const char *bytes, size_t len)
{
    rg_string_value *s = rg_arena_alloc(arena, sizeof *s + len + 1);
    s->h.kind = RG_STRING;
    s->h.form = 0;
    s->h.flags = 0;
    s->len = len;
    if (len)
        memcpy(s->bytes, bytes, len);
    s->bytes[len] = '\0';
    s->hash = rg_hash_bytes(s->bytes, len);
    return &s->h;
}

const rg_value *rg_cstring(rg_arena *arena, const char *s)
{
    return rg_string(arena, s, strlen(s));
}

const char *rg_string_bytes(const rg_value *v)
{
    assert(v->kind == RG_STRING);
    return RG_AS_STR(v)->bytes;
}

size_t rg_string_len(const rg_value *v)
{
    assert(v->kind == RG_STRING);
    return RG_AS_STR(v)->len;
}

/* ---- Arrays ------------------------------------------------------------- */

const rg_value *rg_array(rg_arena *arena, const rg_value *const *items,
                         size_t count)
{
    if (count == 0)
        return &empty_array.h;
    if (count > (SIZE_MAX - sizeof(rg_array_value)) / sizeof(items[0]))
        rg_oom(SIZE_MAX);
    rg_array_value *a = rg_arena_alloc(arena, sizeof *a +
                                       count * sizeof(items[0]));
    a->h.kind = RG_ARRAY;
    a->h.form = 0;
    a->h.flags = 0;
    a->len = count;
    for (size_t i = 0; i < count; i++) {
        assert(items[i] != NULL);
        a->items[i] = items[i];
    }
    return &a->h;
}

size_t rg_len(const rg_value *v)
{
    switch (v->kind) {
    case RG_STRING:
        return RG_AS_STR(v)->len;
    case RG_ARRAY:
        return RG_AS_ARR(v)->len;
    case RG_OBJECT:
    case RG_SET:
        return RG_AS_COLL(v)->len;
    default:
        return 0;
    }
}

const rg_value *rg_array_at(const rg_value *v, size_t i)
{
    assert(v->kind == RG_ARRAY);
    assert(i < RG_AS_ARR(v)->len);
    return RG_AS_ARR(v)->items[i];
}
