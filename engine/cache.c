/*
 * The compile cache: compiled bodies keyed by the text described in
 * engine/cache.h, in a chained hash table behind one mutex.  An entry
 * being compiled is marked busy; other threads asking for it wait on
 * the condition variable, so each key is compiled once.
 */
#include "engine/cache.h"

#include <stdlib.h>
#include <string.h>

/* Buckets of a new table; it doubles when it contains more than two
 * entries per bucket, so chains stay short for any number of rules. */
#define CACHE_BUCKETS 4096

typedef struct entry entry;
struct entry {
    entry *next;
    uint64_t hash;
    char *key;
    size_t keylen;
    rg_proc *proc;      /* NULL while busy */
    bool busy;
};

struct rg_cache {
    pthread_mutex_t lock;
    pthread_cond_t done;
    entry **buckets;
    size_t nbuckets;    /* a power of two */
    size_t linked;      /* entries in the table, busy ones included */
    uint64_t hits, misses, entries;
};

rg_cache *rg_cache_new(void)
{
    rg_cache *c = rg_xcalloc(1, sizeof *c);
    c->nbuckets = CACHE_BUCKETS;
    c->buckets = rg_xcalloc(c->nbuckets, sizeof *c->buckets);
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->done, NULL);
    return c;
}

void rg_cache_free(rg_cache *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->nbuckets; i++)
        for (entry *e = c->buckets[i], *next; e; e = next) {
            next = e->next;
            if (e->proc)
                rg_arena_free(e->proc->arena);
            free(e->key);
            free(e);
        }
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->done);
    free(c->buckets);
    free(c);
}

void rg_cache_stats_get(const rg_cache *c, rg_cache_stats *out)
{
    pthread_mutex_lock((pthread_mutex_t *)&c->lock);
    out->hits = c->hits;
    out->misses = c->misses;
    out->entries = c->entries;
    pthread_mutex_unlock((pthread_mutex_t *)&c->lock);
}

static uint64_t hash_key(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static entry *find(rg_cache *c, uint64_t h, const char *key, size_t len)
{
    for (entry *e = c->buckets[h & (c->nbuckets - 1)]; e; e = e->next)
        if (e->hash == h && e->keylen == len && memcmp(e->key, key, len) == 0)
            return e;
    return NULL;
}

static void unlink_entry(rg_cache *c, entry *gone)
{
    entry **p = &c->buckets[gone->hash & (c->nbuckets - 1)];
    while (*p != gone)
        p = &(*p)->next;
    *p = gone->next;
    c->linked--;
    free(gone->key);
    free(gone);
}

/* Double the bucket array and relink every entry; lock held. */
static void grow(rg_cache *c)
{
    size_t n = c->nbuckets * 2;
    entry **b = rg_xcalloc(n, sizeof *b);
    for (size_t i = 0; i < c->nbuckets; i++)
        for (entry *e = c->buckets[i], *next; e; e = next) {
            next = e->next;
            e->next = b[e->hash & (n - 1)];
            b[e->hash & (n - 1)] = e;
        }
    free(c->buckets);
    c->buckets = b;
    c->nbuckets = n;
}

rg_proc *rg_cache_lookup(rg_cache *c, const char *key, size_t keylen,
                         rg_cache_compile_fn fn, void *ctx, bool *hit,
                         rg_errors *errs)
{
    uint64_t h = hash_key(key, keylen);
    pthread_mutex_lock(&c->lock);
    entry *e;
    while ((e = find(c, h, key, keylen)) != NULL && e->busy)
        pthread_cond_wait(&c->done, &c->lock);
    *hit = e != NULL;
    if (e) {
        c->hits++;
        pthread_mutex_unlock(&c->lock);
        return e->proc;
    }
    e = rg_xcalloc(1, sizeof *e);
    e->hash = h;
    e->key = rg_xstrndup(key, keylen);
    e->keylen = keylen;
    e->busy = true;
    e->next = c->buckets[h & (c->nbuckets - 1)];
    c->buckets[h & (c->nbuckets - 1)] = e;
    if (++c->linked > 2 * c->nbuckets)
        grow(c);
    c->misses++;
    pthread_mutex_unlock(&c->lock);

    rg_proc *p = fn(ctx, errs);

    pthread_mutex_lock(&c->lock);
    if (p) {
        e->proc = p;
        e->busy = false;
        c->entries++;
    } else {
        unlink_entry(c, e);
    }
    pthread_cond_broadcast(&c->done);
    pthread_mutex_unlock(&c->lock);
    return p;
}
