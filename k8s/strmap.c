/*
 * Hashed string map with open addressing; see k8s/strmap.h.
 */
#include "k8s/strmap.h"

#include <stdlib.h>
#include <string.h>

/* Smallest table: small enough for a one-file scan. */
#define STRMAP_MIN_CAP 16

uint64_t rg_strmap_hash(const char *key, size_t len)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static size_t capacity_for(size_t expected)
{
    size_t cap = STRMAP_MIN_CAP;
    while (cap / 4 * 3 < expected)
        cap *= 2;
    return cap;
}

void rg_strmap_init(rg_strmap *map, size_t expected)
{
    memset(map, 0, sizeof *map);
    map->cap = capacity_for(expected);
    map->slots = rg_xcalloc(map->cap, sizeof *map->slots);
}

void rg_strmap_free(rg_strmap *map)
{
    free(map->slots);
    memset(map, 0, sizeof *map);
}

static rg_strmap_slot *probe(rg_strmap_slot *slots, size_t cap,
                             const char *key, size_t len, uint64_t hash)
{
    size_t mask = cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        rg_strmap_slot *s = &slots[i];
        if (s->key == NULL)
            return s;
        if (s->hash == hash && s->len == len &&
            memcmp(s->key, key, len) == 0)
            return s;
    }
}

static void grow(rg_strmap *map)
{
    size_t cap = map->cap * 2;
    rg_strmap_slot *slots = rg_xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < map->cap; i++) {
        rg_strmap_slot *old = &map->slots[i];
        if (old->key != NULL)
            *probe(slots, cap, old->key, old->len, old->hash) = *old;
    }
    free(map->slots);
    map->slots = slots;
    map->cap = cap;
    map->growths++;
}

bool rg_strmap_get(const rg_strmap *map, const char *key, size_t len,
                   uint32_t *value)
{
    uint64_t hash = rg_strmap_hash(key, len);
    rg_strmap_slot *s = probe(map->slots, map->cap, key, len, hash);
    if (s->key == NULL)
        return false;
    if (value)
        *value = s->value;
    return true;
}

bool rg_strmap_put(rg_strmap *map, const char *key, size_t len,
                   uint32_t value, uint32_t *existing)
{
    uint64_t hash = rg_strmap_hash(key, len);
    rg_strmap_slot *s = probe(map->slots, map->cap, key, len, hash);
    if (s->key != NULL) {
        if (existing)
            *existing = s->value;
        return false;
    }
    s->key = key;
    s->len = len;
    s->hash = hash;
    s->value = value;
    if (++map->count > map->cap / 4 * 3)
        grow(map);
    return true;
}

void rg_strmap_set(rg_strmap *map, const char *key, size_t len,
                   uint32_t value)
{
    uint64_t hash = rg_strmap_hash(key, len);
    rg_strmap_slot *s = probe(map->slots, map->cap, key, len, hash);
    if (s->key != NULL) {
        s->value = value;
        return;
    }
    rg_strmap_put(map, key, len, value, NULL);
}

const char *rg_strmap_key(const rg_strmap *map, const char *key,
                          size_t len)
{
    uint64_t hash = rg_strmap_hash(key, len);
    return probe(map->slots, map->cap, key, len, hash)->key;
}
