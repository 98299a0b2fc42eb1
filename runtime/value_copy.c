/*
 * Deep copies of values into another arena, for data that must outlive
 * the arena it was built in (loaded data copied into an engine, results
 * kept after an evaluation).  Sorted collections keep their order and
 * index, so copying never re-sorts or re-hashes.
 */
#include "runtime/value_impl.h"

#include <string.h>

static const rg_value *copy_number(rg_arena *arena, const rg_value *v)
{
    if (v->form == RG_NUM_INT)
        return rg_int(arena, RG_AS_INT(v)->i);
    const rg_num_value *n = RG_AS_NUM(v);
    return rg_number_parse(arena, n->text, n->text_len);
}

static const rg_value *copy_array(rg_arena *arena, const rg_value *v)
{
    const rg_array_value *a = RG_AS_ARR(v);
    if (a->len == 0)
        return v;
    rg_array_value *c = rg_arena_alloc(arena, sizeof *c +
                                       a->len * sizeof(a->items[0]));
    c->h = a->h;
    c->len = a->len;
    for (size_t i = 0; i < a->len; i++)
        c->items[i] = rg_value_copy(arena, a->items[i]);
    return &c->h;
}

static const rg_value **copy_items(rg_arena *arena,
                                   const rg_value *const *items, size_t n)
{
    const rg_value **out = rg_arena_alloc(arena, n * sizeof *out);
    for (size_t i = 0; i < n; i++)
        out[i] = rg_value_copy(arena, items[i]);
    return out;
}

static const rg_value *copy_coll(rg_arena *arena, const rg_value *v)
{
    const rg_coll_value *src = RG_AS_COLL(v);
    if (src->len == 0)
        return v;
    rg_coll_value *c = rg_arena_alloc(arena, sizeof *c);
    *c = *src;
    c->keys = copy_items(arena, src->keys, src->len);
    c->vals = src->vals ? copy_items(arena, src->vals, src->len) : NULL;
    if (src->index) {
        size_t slots = (size_t)src->mask + 1;
        uint32_t *index = rg_arena_alloc(arena, slots * sizeof *index);
        memcpy(index, src->index, slots * sizeof *index);
        c->index = index;
    }
    return &c->h;
}

const rg_value *rg_value_copy(rg_arena *arena, const rg_value *v)
{
    switch (v->kind) {
    case RG_NULL:
    case RG_BOOLEAN:
        return v;
    case RG_NUMBER:
        return copy_number(arena, v);
    case RG_STRING:
        return rg_string(arena, RG_AS_STR(v)->bytes, RG_AS_STR(v)->len);
    case RG_ARRAY:
        return copy_array(arena, v);
    default:
        return copy_coll(arena, v);
    }
}
