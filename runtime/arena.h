/*
 * Arenas: memory tied to a lifetime instead of freed object by object.
 *
 * Everything built during one phase (a parsed module, one evaluation, a
 * batch of loaded resources) is allocated from one arena and released at
 * once by rg_arena_clear or rg_arena_free.  Allocation is a pointer bump
 * in the current block; a request that does not fit starts a new block of
 * at least twice the previous size.  An arena counts the bytes it holds,
 * which is what a memory budget is checked against.
 *
 * Clear keeps the first block for reuse; free returns every block.
 * Cleanups registered with rg_arena_on_clear run, newest first, at clear
 * and at free: they release what the arena's memory points to but does
 * not own (a GMP integer, a compiled regular expression).
 *
 * Arenas are not thread-safe: one thread uses an arena at a time.
 * Out of memory aborts (see runtime/common.h).
 */
#ifndef RG_ARENA_H
#define RG_ARENA_H

#include "runtime/common.h"

typedef struct rg_arena rg_arena;

/* Create an arena whose first block holds size_hint bytes (0 for the
 * default).  Returns owned; release with rg_arena_free. */
rg_arena *rg_arena_new(size_t size_hint);

/* Release every block and run the cleanups.  Accepts NULL. */
void rg_arena_free(rg_arena *arena);

/* Run the cleanups and forget every allocation, keeping the first block
 * for reuse.  Pointers into the arena are dead afterwards. */
void rg_arena_clear(rg_arena *arena);

/* Allocate size bytes aligned for any type.  The memory lives in arena
 * and is not zeroed. */
void *rg_arena_alloc(rg_arena *arena, size_t size);

/* Allocate count * size zeroed bytes. */
void *rg_arena_calloc(rg_arena *arena, size_t count, size_t size);

/* Copy n bytes of s into the arena and add a terminating NUL. */
char *rg_arena_strndup(rg_arena *arena, const char *s, size_t n);
char *rg_arena_strdup(rg_arena *arena, const char *s);

/* Format like sprintf into the arena. */
char *rg_arena_printf(rg_arena *arena, const char *fmt, ...) RG_PRINTF(2, 3);

/* Register fn(data) to run when the arena is cleared or freed. */
void rg_arena_on_clear(rg_arena *arena, void (*fn)(void *), void *data);

/* Return whether p points into memory the arena has handed out (the
 * used part of any block).  Borrows both.  Costs one test per block. */
bool rg_arena_contains(const rg_arena *arena, const void *p);

/* Bytes of the blocks the arena holds now (its footprint, not the sum of
 * requests). */
size_t rg_arena_bytes(const rg_arena *arena);

#endif
