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

/* A source file and how its resources' IDs are formed. */
typedef struct store_source {
    char *path;
    char *id_path;              /* NULL for plain IDs */
    bool qualified;             /* file-scan IDs, with path_hash */
    uint32_t path_hash;
} store_source;

struct rg_store {
    rg_arena *arena;
    rg_intern *keys;
    rg_k8s_resource *items;
    size_t count, cap;
    store_source *sources;
    size_t source_count, source_cap;
    rg_strmap ids;              /* id -> resource index */
    rg_strmap objects;          /* object pointer bytes -> resource index,
                                   after indexing */
    rg_strmap plain_ids;        /* plain ID -> first resource index,
                                   after indexing */
    uint32_t *next_plain;       /* resource index -> next one with the
                                   same plain ID, or UINT32_MAX */
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
    for (size_t i = 0; i < store->source_count; i++) {
        free(store->sources[i].path);
        free(store->sources[i].id_path);
    }
    free(store->sources);
    free(store->next_plain);
    rg_strmap_free(&store->objects);
    rg_strmap_free(&store->plain_ids);
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

uint32_t rg_store_add_source(rg_store *store, const char *path,
                             const char *id_path)
{
    rg_grow((void **)&store->sources, &store->source_cap,
            store->source_count + 1, sizeof *store->sources);
    store_source *src = &store->sources[store->source_count];
    src->path = rg_xstrdup(path);
    src->id_path = id_path ? rg_xstrdup(id_path) : NULL;
    src->qualified = id_path != NULL;
    src->path_hash = id_path ? rg_rid_path_hash(id_path) : 0;
    return (uint32_t)store->source_count++;
}

const char *rg_store_source(const rg_store *store, uint32_t i)
{
    assert(i < store->source_count);
    return store->sources[i].path;
}

const char *rg_store_source_id_path(const rg_store *store, uint32_t i)
{
    assert(i < store->source_count);
    const store_source *src = &store->sources[i];
    return src->id_path ? src->id_path : src->path;
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
                          const rg_value *object, uint32_t source)
{
    const rg_value *meta = rg_object_get_str(object, "metadata", 8);
    const char *name = rg_store_str(meta, "name");
    const char *ns = rg_store_str(meta, "namespace");
    r->api_version = rg_store_str(object, "apiVersion");
    r->kind = rg_store_str(object, "kind");
    assert(r->api_version != NULL);
    assert(r->kind != NULL);
    r->name = name ? name : "";
    r->namespace_ = ns ? ns : "";
    rg_rid_split_api_version(s->arena, r->api_version, &r->group,
                             &r->version);
    r->plain_id = rg_arena_printf(s->arena, "%s/%s/%s/%s/%s", r->group,
                                  r->version, r->namespace_, r->kind,
                                  r->name);
    assert(source < s->source_count);
    const store_source *src = &s->sources[source];
    r->id = src->qualified ? rg_rid_file_format(s->arena, src->path_hash,
                                                r->plain_id)
                           : r->plain_id;
    r->object = object;
}

static void set_origin(rg_store *s, rg_k8s_resource *r,
                       const rg_store_origin *origin)
{
    r->source = origin->source;
    r->doc = origin->doc;
    r->line = origin->line;
    r->col = origin->col;
    r->prefix = origin->prefix ? rg_arena_strdup(s->arena, origin->prefix)
                               : "";
}

const rg_k8s_resource *rg_store_add(rg_store *store, const rg_value *object,
                                    const rg_store_origin *origin,
                                    const rg_k8s_resource **existing)
{
    assert(!store->indexed);
    reserve(store);
    rg_k8s_resource *r = &store->items[store->count];
    fill_metadata(store, r, object, origin->source);
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
    set_origin(store, r, origin);
    store->group_of[store->count] = group_for(store, r);
    store->groups[store->group_of[store->count]].count++;
    store->count++;
    return r;
}

void rg_store_replace(rg_store *store, const rg_k8s_resource *r,
                      const rg_value *object, const rg_store_origin *origin)
{
    assert(!store->indexed);
    assert(r->index < store->count);
    rg_k8s_resource *w = &store->items[r->index];
    assert(w == r);
    const char *id = w->id;
    uint32_t index = w->index;
    fill_metadata(store, w, object, origin->source);
    assert(strcmp(id, w->id) == 0);
    w->id = id;
    w->index = index;
    set_origin(store, w, origin);
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

/* Fill the maps rg_store_resolve reads.  The object map's keys are the
 * bytes of each item's object pointer, which stay put once indexed. */
static void index_objects(rg_store *s)
{
    rg_strmap_init(&s->objects, s->count);
    rg_strmap_init(&s->plain_ids, s->count);
    s->next_plain = rg_xmalloc((s->count + 1) * sizeof *s->next_plain);
    uint32_t *last = rg_xmalloc((s->count + 1) * sizeof *last);
    for (size_t i = 0; i < s->count; i++) {
        const rg_k8s_resource *r = &s->items[i];
        s->next_plain[i] = UINT32_MAX;
        rg_strmap_put(&s->objects, (const char *)&r->object,
                      sizeof r->object, (uint32_t)i, NULL);
        uint32_t first;
        if (rg_strmap_put(&s->plain_ids, r->plain_id, strlen(r->plain_id),
                          (uint32_t)i, &first)) {
            last[i] = (uint32_t)i;
            continue;
        }
        s->next_plain[last[first]] = (uint32_t)i;
        last[first] = (uint32_t)i;
    }
    free(last);
}

const rg_k8s_resource *rg_store_resolve(const rg_store *store,
                                        const rg_value *obj,
                                        const char *plain_id)
{
    assert(store->indexed);
    uint32_t i;
    if (rg_strmap_get(&store->objects, (const char *)&obj, sizeof obj, &i))
        return &store->items[i];
    if (!rg_strmap_get(&store->plain_ids, plain_id, strlen(plain_id), &i))
        return NULL;
    if (store->next_plain[i] == UINT32_MAX)
        return &store->items[i];
    for (uint32_t j = i; j != UINT32_MAX; j = store->next_plain[j])
        if (rg_value_equal(store->items[j].object, obj))
            return &store->items[j];
    /* NOTE: a changed copy of one of several same-named objects from
     * different files is credited to the first of them. */
    return &store->items[i];
}

const rg_k8s_resource *rg_store_find_plain(const rg_store *store,
                                           const char *plain_id)
{
    assert(store->indexed);
    uint32_t i;
    if (!rg_strmap_get(&store->plain_ids, plain_id, strlen(plain_id), &i))
        return NULL;
    return &store->items[i];
}

const rg_k8s_resource *rg_store_next_same_plain(const rg_store *store,
                                                const rg_k8s_resource *r)
{
    assert(store->indexed);
    assert(r->index < store->count);
    uint32_t next = store->next_plain[r->index];
    return next == UINT32_MAX ? NULL : &store->items[next];
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
    index_objects(store);
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
    assert(store->indexed);
    assert(i < store->group_count);
    return &store->groups[i];
}

void rg_store_stats_get(const rg_store *store, rg_store_stats *out)
{
    out->resources = store->count;
    out->estimate = store->estimate;
    out->growths = store->growths;
    out->arena_bytes = rg_arena_bytes(store->arena);
}
