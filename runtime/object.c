/*
 * Objects and sets: the builders that collect entries and the finished,
 * sorted collections with hashed lookup.
 *
 * A builder appends entries.  While they arrive in ascending key order
 * (the common case when copying or transforming a collection that is
 * already sorted) it needs no index: a new key above the last one cannot
 * be a duplicate and lookups binary-search.  Once the order breaks and
 * the builder holds more than RG_INDEX_MIN entries it keeps an open
 * addressing index.  Finishing sorts the entries if needed and, for more
 * than RG_INDEX_MIN entries, builds the final index.  All memory comes
 * from the builder's arena; the finished value reuses the entry arrays.
 */
#include "runtime/value_impl.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Smallest index table: small enough to stay cheap, large enough that a
 * table is never nearly full. */
#define INDEX_MIN_SLOTS 16

/* The largest collection: positions are stored as uint32_t slot numbers
 * (position + 1). */
#define COLL_MAX_LEN (UINT32_MAX - 1)

static const rg_coll_value empty_object = { { RG_OBJECT, 0, 0 }, 0, 0,
                                            NULL, NULL, NULL };
static const rg_coll_value empty_set = { { RG_SET, 0, 0 }, 0, 0,
                                         NULL, NULL, NULL };

struct rg_builder {
    rg_arena *arena;
    bool is_set;
    bool sorted;            /* keys so far strictly ascending */
    uint32_t count;
    uint32_t cap;
    const rg_value **keys;
    const rg_value **vals;  /* NULL for a set */
    uint64_t *hashes;       /* key hashes, kept once index exists */
    uint32_t *index;        /* NULL until needed */
    uint32_t mask;
};

/* ---- Index tables -------------------------------------------------------- */

static uint32_t slots_for(uint32_t count)
{
    uint32_t slots = INDEX_MIN_SLOTS;
    while (slots < (uint64_t)count * 2)
        slots *= 2;
    return slots;
}

static void index_insert(uint32_t *index, uint32_t mask, uint64_t hash,
                         uint32_t pos)
{
    uint32_t j = (uint32_t)hash & mask;
    while (index[j])
        j = (j + 1) & mask;
    index[j] = pos + 1;
}

static int64_t index_find(const uint32_t *index, uint32_t mask,
                          const rg_value *const *keys, const rg_value *key,
                          uint64_t hash)
{
    uint32_t j = (uint32_t)hash & mask;
    for (uint32_t slot; (slot = index[j]) != 0; j = (j + 1) & mask) {
        if (rg_value_equal(keys[slot - 1], key))
            return slot - 1;
    }
    return -1;
}

static int64_t linear_find(const rg_value *const *keys, uint32_t count,
                           const rg_value *key)
{
    for (uint32_t i = 0; i < count; i++) {
        if (rg_value_equal(keys[i], key))
            return i;
    }
    return -1;
}

/* Binary search in sorted keys: position of key or -1. */
static int64_t sorted_find(const rg_value *const *keys, uint32_t count,
                           const rg_value *key)
{
    uint32_t lo = 0, hi = count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = rg_value_compare(keys[mid], key);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int64_t rg_coll_find(const rg_coll_value *c, const rg_value *key,
                     uint64_t hash)
{
    if (c->index)
        return index_find(c->index, c->mask, c->keys, key, hash);
    return linear_find(c->keys, c->len, key);
}

/* ---- Builders ------------------------------------------------------------ */

static rg_builder *builder_new(rg_arena *arena, size_t size_hint,
                               bool is_set)
{
    rg_builder *b = rg_arena_calloc(arena, 1, sizeof *b);
    b->arena = arena;
    b->is_set = is_set;
    b->sorted = true;
    if (size_hint > COLL_MAX_LEN)
        size_hint = COLL_MAX_LEN;
    b->cap = (uint32_t)size_hint;
    if (b->cap) {
        b->keys = rg_arena_alloc(arena, b->cap * sizeof *b->keys);
        if (!is_set)
            b->vals = rg_arena_alloc(arena, b->cap * sizeof *b->vals);
    }
    return b;
}

rg_builder *rg_object_builder(rg_arena *arena, size_t size_hint)
{
    return builder_new(arena, size_hint, false);
}

rg_builder *rg_set_builder(rg_arena *arena, size_t size_hint)
{
    return builder_new(arena, size_hint, true);
}

static void *grow_copy(rg_arena *arena, const void *old, size_t used,
                       size_t size)
{
    void *p = rg_arena_alloc(arena, size);
    if (used)
        memcpy(p, old, used);
    return p;
}

static void builder_grow(rg_builder *b)
{
    if (b->count >= COLL_MAX_LEN)
        rg_oom(SIZE_MAX);
    uint32_t cap = b->cap ? b->cap : 4;
    while (cap <= b->count)
        cap = cap > COLL_MAX_LEN / 2 ? COLL_MAX_LEN : cap * 2;
    size_t n = b->count;
    b->keys = grow_copy(b->arena, b->keys, n * sizeof *b->keys,
                        cap * sizeof *b->keys);
    if (!b->is_set)
        b->vals = grow_copy(b->arena, b->vals, n * sizeof *b->vals,
                            cap * sizeof *b->vals);
    if (b->hashes)
        b->hashes = grow_copy(b->arena, b->hashes, n * sizeof *b->hashes,
                              cap * sizeof *b->hashes);
    b->cap = cap;
}

/* Build or rebuild the builder's index over its current entries. */
static void builder_index(rg_builder *b)
{
    if (!b->hashes) {
        b->hashes = rg_arena_alloc(b->arena, b->cap * sizeof *b->hashes);
        for (uint32_t i = 0; i < b->count; i++)
            b->hashes[i] = rg_value_hash(b->keys[i]);
    }
    uint32_t slots = slots_for(b->count + 1);
    b->index = rg_arena_calloc(b->arena, slots, sizeof *b->index);
    b->mask = slots - 1;
    for (uint32_t i = 0; i < b->count; i++)
        index_insert(b->index, b->mask, b->hashes[i], i);
}

static int64_t builder_find(const rg_builder *b, const rg_value *key,
                            uint64_t *hash)
{
    if (b->sorted)
        return sorted_find(b->keys, b->count, key);
    if (b->index) {
        *hash = rg_value_hash(key);
        return index_find(b->index, b->mask, b->keys, key, *hash);
    }
    return linear_find(b->keys, b->count, key);
}

static void builder_append(rg_builder *b, const rg_value *key,
                           const rg_value *value, uint64_t hash)
{
    if (b->count == b->cap)
        builder_grow(b);
    uint32_t pos = b->count++;
    b->keys[pos] = key;
    if (!b->is_set)
        b->vals[pos] = value;
    if (b->index) {
        b->hashes[pos] = hash;
        if ((uint64_t)b->count * 2 > (uint64_t)b->mask + 1)
            builder_index(b);
        else
            index_insert(b->index, b->mask, hash, pos);
    } else if (!b->sorted && b->count > RG_INDEX_MIN) {
        builder_index(b);
    }
}

/* Position of an existing equal key, or -1 after appending the entry. */
static int64_t builder_insert(rg_builder *b, const rg_value *key,
                              const rg_value *value)
{
    assert(key != NULL);
    if (b->sorted && b->count > 0) {
        int c = rg_value_compare(b->keys[b->count - 1], key);
        if (c == 0)
            return b->count - 1;
        if (c < 0) {
            builder_append(b, key, value, 0);
            return -1;
        }
        b->sorted = false;
        if (b->count > RG_INDEX_MIN)
            builder_index(b);
    }
    uint64_t hash = 0;
    int64_t pos = builder_find(b, key, &hash);
    if (pos >= 0)
        return pos;
    if (b->index && hash == 0)
        hash = rg_value_hash(key);
    builder_append(b, key, value, hash);
    return -1;
}

bool rg_builder_put(rg_builder *b, const rg_value *key,
                    const rg_value *value)
{
    assert(!b->is_set);
    assert(value != NULL);
    int64_t pos = builder_insert(b, key, value);
    return pos < 0 || rg_value_equal(b->vals[pos], value);
}

void rg_builder_set(rg_builder *b, const rg_value *key,
                    const rg_value *value)
{
    assert(!b->is_set);
    assert(value != NULL);
    int64_t pos = builder_insert(b, key, value);
    if (pos >= 0)
        b->vals[pos] = value;
}

void rg_builder_add(rg_builder *b, const rg_value *elem)
{
    assert(b->is_set);
    builder_insert(b, elem, NULL);
}

const rg_value *rg_builder_get(const rg_builder *b, const rg_value *key)
{
    uint64_t hash;
    int64_t pos = builder_find(b, key, &hash);
    if (pos < 0)
        return NULL;
    return b->is_set ? b->keys[pos] : b->vals[pos];
}

size_t rg_builder_count(const rg_builder *b)
{
    return b->count;
}

/* ---- Finishing ----------------------------------------------------------- */

typedef struct entry {
    const rg_value *key;
    const rg_value *val;
} entry;

static int entry_compare(const void *x, const void *y)
{
    return rg_value_compare(((const entry *)x)->key,
                            ((const entry *)y)->key);
}

static void builder_sort(rg_builder *b)
{
    entry *tmp = rg_xmalloc(b->count * sizeof *tmp);
    for (uint32_t i = 0; i < b->count; i++) {
        tmp[i].key = b->keys[i];
        tmp[i].val = b->vals ? b->vals[i] : NULL;
    }
    qsort(tmp, b->count, sizeof *tmp, entry_compare);
    for (uint32_t i = 0; i < b->count; i++) {
        b->keys[i] = tmp[i].key;
        if (b->vals)
            b->vals[i] = tmp[i].val;
    }
    free(tmp);
}

static void coll_index(rg_arena *arena, rg_coll_value *c)
{
    uint32_t slots = slots_for(c->len);
    c->index = rg_arena_calloc(arena, slots, sizeof *c->index);
    c->mask = slots - 1;
    for (uint32_t i = 0; i < c->len; i++)
        index_insert(c->index, c->mask, rg_value_hash(c->keys[i]), i);
}

const rg_value *rg_builder_finish(rg_builder *b)
{
    if (b->count == 0)
        return b->is_set ? &empty_set.h : &empty_object.h;
    if (!b->sorted)
        builder_sort(b);
    rg_coll_value *c = rg_arena_alloc(b->arena, sizeof *c);
    c->h.kind = b->is_set ? RG_SET : RG_OBJECT;
    c->h.form = 0;
    c->h.flags = 0;
    c->len = b->count;
    c->keys = b->keys;
    c->vals = b->vals;
    c->index = NULL;
    c->mask = 0;
    if (c->len > RG_INDEX_MIN)
        coll_index(b->arena, c);
    memset(b, 0, sizeof *b);
    return &c->h;
}

/* ---- Access -------------------------------------------------------------- */

const rg_value *rg_object_key_at(const rg_value *obj, size_t i)
{
    assert(obj->kind == RG_OBJECT);
    assert(i < RG_AS_COLL(obj)->len);
    return RG_AS_COLL(obj)->keys[i];
}

const rg_value *rg_object_value_at(const rg_value *obj, size_t i)
{
    assert(obj->kind == RG_OBJECT);
    assert(i < RG_AS_COLL(obj)->len);
    return RG_AS_COLL(obj)->vals[i];
}

const rg_value *rg_object_get(const rg_value *obj, const rg_value *key)
{
    assert(obj->kind == RG_OBJECT);
    const rg_coll_value *c = RG_AS_COLL(obj);
    if (c->len == 0)
        return NULL;
    uint64_t hash = c->index ? rg_value_hash(key) : 0;
    int64_t pos = rg_coll_find(c, key, hash);
    return pos < 0 ? NULL : c->vals[pos];
}

static bool string_key_is(const rg_value *k, const char *key, size_t len,
                          uint64_t hash)
{
    if (k->kind != RG_STRING)
        return false;
    const rg_string_value *s = RG_AS_STR(k);
    return s->hash == hash && s->len == len &&
           memcmp(s->bytes, key, len) == 0;
}

const rg_value *rg_object_get_str(const rg_value *obj, const char *key,
                                  size_t len)
{
    assert(obj->kind == RG_OBJECT);
    const rg_coll_value *c = RG_AS_COLL(obj);
    uint64_t hash = rg_hash_bytes(key, len);
    if (!c->index) {
        for (uint32_t i = 0; i < c->len; i++) {
            if (string_key_is(c->keys[i], key, len, hash))
                return c->vals[i];
        }
        return NULL;
    }
    uint32_t j = (uint32_t)hash & c->mask;
    for (uint32_t slot; (slot = c->index[j]) != 0; j = (j + 1) & c->mask) {
        if (string_key_is(c->keys[slot - 1], key, len, hash))
            return c->vals[slot - 1];
    }
    return NULL;
}

static int64_t coll_position(const rg_value *coll, const rg_value *key)
{
    const rg_coll_value *c = RG_AS_COLL(coll);
    if (c->len == 0)
        return -1;
    return rg_coll_find(c, key, c->index ? rg_value_hash(key) : 0);
}

int64_t rg_object_index(const rg_value *obj, const rg_value *key)
{
    assert(obj->kind == RG_OBJECT);
    return coll_position(obj, key);
}

int64_t rg_set_index(const rg_value *set, const rg_value *elem)
{
    assert(set->kind == RG_SET);
    return coll_position(set, elem);
}

const rg_value *rg_set_at(const rg_value *set, size_t i)
{
    assert(set->kind == RG_SET);
    assert(i < RG_AS_COLL(set)->len);
    return RG_AS_COLL(set)->keys[i];
}

bool rg_set_contains(const rg_value *set, const rg_value *elem)
{
    assert(set->kind == RG_SET);
    const rg_coll_value *c = RG_AS_COLL(set);
    if (c->len == 0)
        return false;
    uint64_t hash = c->index ? rg_value_hash(elem) : 0;
    return rg_coll_find(c, elem, hash) >= 0;
}
