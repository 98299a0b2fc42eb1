/*
 * Definitions every Regolith source file shares: the project prefix,
 * checked allocation and the out-of-memory policy.
 *
 * Out-of-memory policy.  Regolith never returns NULL for a failed
 * allocation.  Every allocation goes through rg_xmalloc, rg_xcalloc,
 * rg_xrealloc or an arena; when the C library fails, rg_oom() prints one
 * line to standard error and aborts.  So no caller checks for NULL.  A
 * memory budget, where an embedder sets one, is a separate and softer
 * limit: arenas count their bytes and the engine compares the count with
 * the budget between evaluation steps, failing the evaluation with an
 * error instead of aborting.
 */
#ifndef RG_COMMON_H
#define RG_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RG_UNUSED(x) ((void)(x))
#define RG_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define RG_NORETURN __attribute__((noreturn))
#define RG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define RG_LIKELY(x) __builtin_expect(!!(x), 1)
#define RG_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define RG_NORETURN
#define RG_PRINTF(f, a)
#define RG_LIKELY(x) (x)
#define RG_UNLIKELY(x) (x)
#endif

/* Print "regolith: out of memory (N bytes)" and abort. */
RG_NORETURN void rg_oom(size_t size);

/* Allocate with the C library; never return NULL (see rg_oom). */
void *rg_xmalloc(size_t size);
void *rg_xcalloc(size_t count, size_t size);
void *rg_xrealloc(void *ptr, size_t size);
char *rg_xstrdup(const char *s);
char *rg_xstrndup(const char *s, size_t n);

/* Grow *items (of *cap elements of elem_size bytes) to hold at least
 * need elements, doubling.  May move the array: use the updated pointer. */
void rg_grow(void **items, size_t *cap, size_t need, size_t elem_size);

#endif
