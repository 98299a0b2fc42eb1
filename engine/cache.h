/*
 * The compile cache's internal interface (the public one is rg_cache_*
 * in include/regolith.h).
 *
 * Key.  A compiled body is stored under a text that holds everything
 * that decides its bytecode: the rule's node path, the dialect, a
 * SHA-256 digest of the whole rule tree (every node's path in id order
 * and every rule's node and kind, which fix node ids and which names are
 * rules), the names of the engine's registered builtins, the module's
 * package and imports, the position of the body in its else chain and
 * the rule's source text.  Lookups hash that text and compare it byte
 * for byte, so apart from a SHA-256 collision of two rule trees, a hit
 * is exact.  An identical rule in an identical rule tree is a hit; any
 * change to its body is a miss.
 */
#ifndef RG_ENGINE_CACHE_H
#define RG_ENGINE_CACHE_H

#include "engine/internal.h"

typedef rg_proc *(*rg_cache_compile_fn)(void *ctx, rg_errors *errs);

/* The proc stored under key, compiling it with fn(ctx) on a miss.
 * Concurrent requests for one key wait for a single compilation.
 * *hit is set to true when the proc came from the cache.
 * Returns the proc, owned by the cache, or NULL with errors (failures
 * are not stored). */
rg_proc *rg_cache_lookup(rg_cache *cache, const char *key, size_t keylen,
                         rg_cache_compile_fn fn, void *ctx, bool *hit,
                         rg_errors *errs);

#endif
