/*
 * The resource store; see k8s/store.h.
 */
#include "k8s/store.h"

#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "k8s/rid.h"
#include "runtime/intern.h"
#include "k8s/strmap.h"

/* Distinct (group, version, kind) triples a store is first sized for; a
 * large cluster has about a hundred. */
#define STORE_GROUPS_HINT 128

/* Bytes of arena per expected resource: a typical workload object is a
 * few kilobytes of values. */
#define STORE_BYTES_PER_RESOURCE 4096

struct rg_store {
    rg_arena *arena;
    rg_intern *keys;
    rg_k8s_resource *items;
    size_t count, cap;
    char **sources;
    size_t source_count, source_cap;
    rg_strmap ids;              /* id -> resource index */
    rg_strmap group_keys;       /* "group/version/kind" -> group index */
    rg_store_group *groups;
    uint32_t *group_of;         /* resource index -> group index */
    size_t group_count, group_cap;
    uint32_t *group_items;      /* every group's slice, after indexing */
    size_t estimate;
    size_t growths;
    bool indexed;
};

rg_store *rg_store_new(size_t expected)
{
    rg_store *s = rg_xcalloc(1, sizeof *s);
    size_t cap = expected ? expected : 1;
    s->arena = rg_arena_new(cap * STORE_BYTES_PER_RESOURCE / 4);
    s->keys = rg_intern_new();
    s->estimate = expected;
    s->cap = cap;
    s->items = rg_xmalloc(cap * sizeof *s->items);
    s->group_of = rg_xmalloc(cap * sizeof *s->group_of);
    rg_strmap_init(&s->ids, cap);
    rg_strmap_init(&s->group_keys, STORE_GROUPS_HINT);
    s->group_cap = STORE_GROUPS_HINT;
    s->groups = rg_xmalloc(s->group_cap * sizeof *s->groups);
    return s;
}

void rg_store_free(rg_store *store)
{
    if (store == NULL)
        return;
    for (size_t i = 0; i < store->source_count; i++)
        free(store->sources[i]);
    free(store->sources);
    free(store->items);
    free(store->group_of);
    free(store->groups);
    free(store->group_items);
    rg_strmap_free(&store->ids);
    rg_strmap_free(&store->group_keys);
    rg_arena_free(store->arena);
    rg_intern_free(store->keys);
    free(store);
}

rg_arena *rg_store_arena(rg_store *store)
{
    return store->arena;
}

struct rg_intern *rg_store_keys(rg_store *store)
{
    return store->keys;
}

uint32_t rg_store_add_source(rg_store *store, const char *path)
{
    rg_grow((void **)&store->sources, &store->source_cap,
            store->source_count + 1, sizeof *store->sources);
    store->sources[store->source_count] = rg_xstrdup(path);
    return (uint32_t)store->source_count++;
}

const char *rg_store_source(const rg_store *store, uint32_t i)
{
    assert(i < store->source_count);
    return store->sources[i];
}

size_t rg_store_source_count(const rg_store *store)
{
    return store->source_count;
}

const char *rg_store_str(const rg_value *obj, const char *key)
{
    if (obj == NULL || rg_value_kind(obj) != RG_OBJECT)
        return NULL;
    const rg_value *v = rg_object_get_str(obj, key, strlen(key));
    if (v == NULL || rg_value_kind(v) != RG_STRING)
        return NULL;
    return rg_string_bytes(v);
}

/* The plural resource name Kubernetes would give kind: lower case, with
 * "y" -> "ies" and "s" -> "ses".  Only the sort order of the index uses
 * it. */
static const char *plural(rg_arena *arena, const char *kind)
{
    size_t n = strlen(kind);
    char *out = rg_arena_alloc(arena, n + 3);
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)kind[i]);
    if (n > 0 && out[n - 1] == 'y')
        strcpy(out + n - 1, "ies");
    else if (n > 0 && out[n - 1] == 's')
        strcpy(out + n, "es");
    else
        strcpy(out + n, "s");
    return out;
}

static uint32_t group_for(rg_store *s, const rg_k8s_resource *r)
{
    const char *key = rg_arena_printf(s->arena, "%s/%s/%s", r->group,
                                      r->version, r->kind);
    uint32_t gi;
    if (rg_strmap_get(&s->group_keys, key, strlen(key), &gi))
        return gi;
    if (s->group_count == s->group_cap)
        s->growths++;
    rg_grow((void **)&s->groups, &s->group_cap, s->group_count + 1,
            sizeof *s->groups);
    gi = (uint32_t)s->group_count++;
    rg_store_group *g = &s->groups[gi];
    g->group = r->group;
    g->version = r->version;
    g->kind = r->kind;
    g->key = rg_arena_printf(s->arena, "%s/%s/%s", r->group, r->version,
                             plural(s->arena, r->kind));
    g->items = NULL;
    g->count = 0;
    rg_strmap_put(&s->group_keys, key, strlen(key), gi, NULL);
    return gi;
}

static void reserve(rg_store *s)
{
    if (s->count < s->cap)
        return;
    s->growths++;
    size_t cap = s->cap;
    rg_grow((void **)&s->items, &cap, s->count + 1, sizeof *s->items);
    s->group_of = rg_xrealloc(s->group_of, cap * sizeof *s->group_of);
    s->cap = cap;
}

static void fill_metadata(rg_store *s, rg_k8s_resource *r,
                          const rg_value *object)
{
    const rg_value *meta = rg_object_get_str(object, "metadata", 8);
    const char *name = rg_store_str(meta, "name");
    const char *ns = rg_store_str(meta, "namespace");
    r->api_version = rg_store_str(object, "apiVersion");
    r->kind = rg_store_str(object, "kind");
    assert(r->api_version != NULL && r->kind != NULL);
    r->name = name ? name : "";
    r->namespace_ = ns ? ns : "";
    rg_rid_split_api_version(s->arena, r->api_version, &r->group,
                             &r->version);
    r->id = rg_arena_printf(s->arena, "%s/%s/%s/%s/%s", r->group,
                            r->version, r->namespace_, r->kind, r->name);
    r->object = object;
}

const rg_k8s_resource *rg_store_add(rg_store *store, const rg_value *object,
                                    const rg_store_origin *origin,
                                    const rg_k8s_resource **existing)
{
    assert(!store->indexed);
    reserve(store);
    rg_k8s_resource *r = &store->items[store->count];
    fill_metadata(store, r, object);
    uint32_t prior;
    size_t ids_growths = store->ids.growths;
    if (!rg_strmap_put(&store->ids, r->id, strlen(r->id),
                       (uint32_t)store->count, &prior)) {
        if (existing)
            *existing = &store->items[prior];
        return NULL;
    }
    store->growths += store->ids.growths - ids_growths;
    r->index = (uint32_t)store->count;
    r->source = origin->source;
    r->doc = origin->doc;
    r->line = origin->line;
    r->col = origin->col;
    r->prefix = origin->prefix ? rg_arena_strdup(store->arena, origin->prefix)
                               : "";
    store->group_of[store->count] = group_for(store, r);
    store->groups[store->group_of[store->count]].count++;
    store->count++;
    return r;
}

size_t rg_store_count(const rg_store *store)
{
    return store->count;
}

const rg_k8s_resource *rg_store_at(const rg_store *store, size_t i)
{
    assert(i < store->count);
    return &store->items[i];
}

const rg_k8s_resource *rg_store_find(const rg_store *store, const char *id)
{
    uint32_t i;
    if (!rg_strmap_get(&store->ids, id, strlen(id), &i))
        return NULL;
    return &store->items[i];
}

static int cmp_groups(const void *a, const void *b)
{
    const rg_store_group *x = a, *y = b;
    return strcmp(x->key, y->key);
}

void rg_store_index(rg_store *store)
{
    assert(!store->indexed);
    store->indexed = true;
    store->group_items = rg_xmalloc((store->count + 1) * sizeof(uint32_t));
    size_t *next = rg_xcalloc(store->group_count + 1, sizeof *next);
    size_t offset = 0;
    for (size_t g = 0; g < store->group_count; g++) {
        next[g] = offset;
        store->groups[g].items = store->group_items + offset;
        offset += store->groups[g].count;
    }
    for (size_t i = 0; i < store->count; i++)
        store->group_items[next[store->group_of[i]]++] = (uint32_t)i;
    free(next);
    if (store->group_count > 1)
        qsort(store->groups, store->group_count, sizeof *store->groups,
              cmp_groups);
}

size_t rg_store_group_count(const rg_store *store)
{
    return store->group_count;
}

const rg_store_group *rg_store_group_at(const rg_store *store, size_t i)
{
    assert(store->indexed && i < store->group_count);
    return &store->groups[i];
}

void rg_store_stats_get(const rg_store *store, rg_store_stats *out)
{
    out->resources = store->count;
    out->estimate = store->estimate;
    out->growths = store->growths;
    out->arena_bytes = rg_arena_bytes(store->arena);
}
