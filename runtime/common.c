/*
 * Checked allocation: the one place where the out-of-memory policy of
 * runtime/common.h is carried out.
 */
#include "runtime/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rg_oom(size_t size)
{
    fprintf(stderr, "regolith: out of memory (%zu bytes)\n", size);
    abort();
}

void *rg_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (RG_UNLIKELY(p == NULL))
        rg_oom(size);
    return p;
}

void *rg_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (RG_UNLIKELY(p == NULL))
        rg_oom(count * size);
    return p;
}

void *rg_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (RG_UNLIKELY(p == NULL))
        rg_oom(size);
    return p;
}

char *rg_xstrdup(const char *s)
{
    return rg_xstrndup(s, strlen(s));
}

char *rg_xstrndup(const char *s, size_t n)
{
    char *p = rg_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void rg_grow(void **items, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap)
        return;
    size_t n = *cap ? *cap : 8;
    while (n < need)
        n *= 2;
    if (n > SIZE_MAX / elem_size)
        rg_oom(SIZE_MAX);
    *items = rg_xrealloc(*items, n * elem_size);
    *cap = n;
}
