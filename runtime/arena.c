/*
 * Arena allocator: a list of blocks with a bump pointer in the newest.
 * See runtime/arena.h for the contract.
 */
#include "runtime/arena.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Default size of the first block: big enough for a small module or a
 * short evaluation without a second block. */
#define ARENA_DEFAULT_BLOCK 4096

/* Requests larger than this get a block of their own, so one big array
 * does not waste the rest of a doubled block. */
#define ARENA_BIG_REQUEST (64 * 1024)

#define ARENA_ALIGN _Alignof(max_align_t)

typedef struct block {
    struct block *next;
    size_t size;
    size_t used;
    max_align_t data[];
} block;

typedef struct cleanup {
    struct cleanup *next;
    void (*fn)(void *);
    void *data;
} cleanup;

struct rg_arena {
    block *head;        /* newest block, where allocation happens */
    block *first;       /* oldest block, kept by rg_arena_clear */
    cleanup *cleanups;  /* newest first */
    size_t bytes;       /* total size of all blocks */
    size_t next_size;   /* size of the next block to create */
};

static block *block_new(size_t size)
{
    block *b = rg_xmalloc(sizeof(block) + size);
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

rg_arena *rg_arena_new(size_t size_hint)
{
    rg_arena *a = rg_xcalloc(1, sizeof *a);
    size_t size = size_hint ? size_hint : ARENA_DEFAULT_BLOCK;
    a->first = a->head = block_new(size);
    a->bytes = size;
    a->next_size = size * 2;
    return a;
}

static void run_cleanups(rg_arena *a)
{
    while (a->cleanups) {
        cleanup *c = a->cleanups;
        a->cleanups = c->next;
        c->fn(c->data);
    }
}

void rg_arena_free(rg_arena *a)
{
    if (a == NULL)
        return;
    run_cleanups(a);
    block *b = a->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void rg_arena_clear(rg_arena *a)
{
    run_cleanups(a);
    block *b = a->head;
    while (b) {
        block *next = b->next;
        if (b != a->first)
            free(b);
        b = next;
    }
    a->first->next = NULL;
    a->first->used = 0;
    a->head = a->first;
    a->bytes = a->first->size;
    a->next_size = a->first->size * 2;
}

static size_t align_up(size_t n)
{
    return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

/* Add a block that fits size; a big request gets a block of its own
 * behind the head so the head keeps its free space. */
static void *alloc_slow(rg_arena *a, size_t size)
{
    if (size >= ARENA_BIG_REQUEST) {
        block *b = block_new(size);
        b->used = size;
        b->next = a->head->next;
        a->head->next = b;
        a->bytes += size;
        return b->data;
    }
    size_t bsize = a->next_size;
    while (bsize < size)
        bsize *= 2;
    block *b = block_new(bsize);
    b->next = a->head;
    a->head = b;
    a->bytes += bsize;
    a->next_size = bsize * 2;
    b->used = size;
    return b->data;
}

void *rg_arena_alloc(rg_arena *a, size_t size)
{
    assert(a != NULL);
    if (size > SIZE_MAX / 2)
        rg_oom(size);
    size = align_up(size ? size : 1);
    block *b = a->head;
    if (RG_LIKELY(b->size - b->used >= size)) {
        void *p = (char *)b->data + b->used;
        b->used += size;
        return p;
    }
    return alloc_slow(a, size);
}

void *rg_arena_calloc(rg_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        rg_oom(SIZE_MAX);
    void *p = rg_arena_alloc(a, count * size);
    memset(p, 0, count * size);
    return p;
}

char *rg_arena_strndup(rg_arena *a, const char *s, size_t n)
{
    char *p = rg_arena_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *rg_arena_strdup(rg_arena *a, const char *s)
{
    return rg_arena_strndup(a, s, strlen(s));
}

char *rg_arena_printf(rg_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return rg_arena_strdup(a, "");
    char *p = rg_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void rg_arena_on_clear(rg_arena *a, void (*fn)(void *), void *data)
{
    cleanup *c = rg_arena_alloc(a, sizeof *c);
    c->fn = fn;
    c->data = data;
    c->next = a->cleanups;
    a->cleanups = c;
}

bool rg_arena_contains(const rg_arena *a, const void *p)
{
    uintptr_t at = (uintptr_t)p;
    for (const block *b = a->head; b; b = b->next) {
        uintptr_t start = (uintptr_t)b->data;
        if (at >= start && at < start + b->used)
            return true;
    }
    return false;
}

size_t rg_arena_bytes(const rg_arena *a)
{
    return a->bytes;
}
