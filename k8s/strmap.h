/*
 * Hashed map from strings to 32-bit values, used by the scanner for
 * resource IDs, API-group index keys, match keys and image names, so no
 * lookup is a linear scan.  Open addressing with linear probing; the
 * table doubles when it is more than 3/4 full, and the map counts each
 * doubling so a scan can report whether its estimate was right.
 *
 * Keys are borrowed: they must outlive the map (the scanner's keys live
 * in the store's arena).
 */
#ifndef RG_K8S_STRMAP_H
#define RG_K8S_STRMAP_H

#include "runtime/common.h"

typedef struct rg_strmap_slot {
    const char *key;        /* NULL when empty */
    size_t len;
    uint64_t hash;
    uint32_t value;
} rg_strmap_slot;

typedef struct rg_strmap {
    rg_strmap_slot *slots;
    size_t cap;             /* power of two */
    size_t count;
    size_t growths;         /* times the table doubled after creation */
} rg_strmap;

/* Hash len bytes (FNV-1a, 64 bits). */
uint64_t rg_strmap_hash(const char *key, size_t len);

/* Size the table for expected keys without growing. */
void rg_strmap_init(rg_strmap *map, size_t expected);
void rg_strmap_free(rg_strmap *map);

/* The value under key, or false when absent. */
bool rg_strmap_get(const rg_strmap *map, const char *key, size_t len,
                   uint32_t *value);

/* The stored key equal to key, or NULL when absent: lets a map of keys
 * to nothing serve as a set of shared strings. */
const char *rg_strmap_key(const rg_strmap *map, const char *key,
                          size_t len);

/* Insert key with value unless present.  Returns true when inserted;
 * false when key was already there, with *existing set to its value
 * (existing may be NULL). */
bool rg_strmap_put(rg_strmap *map, const char *key, size_t len,
                   uint32_t value, uint32_t *existing);

/* Insert key with value, replacing the value when key is present. */
void rg_strmap_set(rg_strmap *map, const char *key, size_t len,
                   uint32_t value);

#endif
