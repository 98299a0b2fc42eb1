/*
 * Hash functions for values: a byte-string hash for strings and a word
 * mixer for numbers and for combining the hashes of collection items.
 * Hashes only need to be stable within one process.
 */
#include "runtime/value_impl.h"

#include <string.h>

/* Odd constants with well-spread bits (from the golden ratio and from
 * splitmix64's finalizer). */
#define HASH_K1 0x9e3779b97f4a7c15ULL
#define HASH_K2 0xbf58476d1ce4e5b9ULL
#define HASH_K3 0x94d049bb133111ebULL

uint64_t rg_hash_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= HASH_K2;
    x ^= x >> 27;
    x *= HASH_K3;
    x ^= x >> 31;
    return x;
}

static uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

uint64_t rg_hash_bytes(const void *bytes, size_t len)
{
    const unsigned char *p = bytes;
    uint64_t h = HASH_K1 ^ (len * HASH_K3);
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = rotl(h ^ (w * HASH_K2), 29) * HASH_K1;
        p += 8;
        len -= 8;
    }
    uint64_t tail = 0;
    if (len)
        memcpy(&tail, p, len);
    h ^= tail * HASH_K3;
    return rg_hash_mix(h);
}
