/*
 * The resource store: every Kubernetes object of a scan, with its
 * resource ID, source file and line, and an index by API group, version
 * and kind.
 *
 * A store owns one arena.  The loader builds each object's value in that
 * arena (rg_store_arena) and adds it; the store keeps only pointers.  The
 * tables are pre-sized from the caller's estimate of the resource count,
 * and each time one has to grow anyway is counted (rg_store_stats), so a
 * wrong estimate shows in `regolith scan --stats`.
 *
 * The store is separate from the per-rule inputs (k8s/match.h) and from
 * the results (k8s/result.h): a later streaming scan can fill a store
 * with one batch, evaluate it and clear it, and parallel workers can read
 * one sealed store at once.  A store is filled by one thread; once
 * sealed with rg_store_index it is only read.
 */
#ifndef RG_K8S_STORE_H
#define RG_K8S_STORE_H

#include "runtime/arena.h"
#include "runtime/value.h"

typedef struct rg_k8s_resource {
    const char *id;             /* "path=<hash>/api=" + plain_id for a
                                   resource read from a file, else
                                   plain_id (k8s/rid.h) */
    const char *plain_id;       /* group/version/namespace/kind/name */
    const char *api_version;
    const char *group;          /* "" for the core group */
    const char *version;
    const char *kind;
    const char *name;           /* "" when missing */
    const char *namespace_;     /* "" when missing or cluster-scoped */
    const rg_value *object;     /* the whole object */
    uint32_t index;             /* position in the store */
    uint32_t source;            /* rg_store_source index */
    uint32_t doc;               /* 0-based document number in the file */
    int line;                   /* where the object starts; 0 if unknown */
    int col;
    const char *prefix;         /* path of the object in its document,
                                   "items[3]." for a list item, else "" */
} rg_k8s_resource;

/* Where an object was read. */
typedef struct rg_store_origin {
    uint32_t source;
    uint32_t doc;
    int line;
    int col;
    const char *prefix;         /* NULL for "" */
} rg_store_origin;

/* The resources of one API group, version and kind, in the order they
 * were added. */
typedef struct rg_store_group {
    const char *group;
    const char *version;
    const char *kind;
    const char *key;            /* "group/version/plural", the sort key */
    const uint32_t *items;      /* resource indices, after indexing */
    size_t count;
} rg_store_group;

typedef struct rg_store_stats {
    size_t resources;
    size_t estimate;            /* what the store was sized for */
    size_t growths;             /* table growths after creation */
    size_t arena_bytes;
} rg_store_stats;

typedef struct rg_store rg_store;

/* Create a store sized for about expected resources.  Returns owned;
 * release with rg_store_free. */
rg_store *rg_store_new(size_t expected);
void rg_store_free(rg_store *store);

/* The arena objects of this store are built in.  Lives in store. */
rg_arena *rg_store_arena(rg_store *store);

/* The table that interns the object keys of this store's objects, so
 * each distinct key is stored once.  Lives in store. */
struct rg_intern *rg_store_keys(rg_store *store);

/* Record a source file name (copied).  Its resources get file-scan IDs
 * hashing id_path (k8s/rid.h), or plain IDs when id_path is NULL.
 * Returns its index. */
uint32_t rg_store_add_source(rg_store *store, const char *path,
                             const char *id_path);
/* The name of source file i.  Lives in store. */
const char *rg_store_source(const rg_store *store, uint32_t i);
/* The path source file i's resource IDs hash (Kubescape's sourcePath),
 * or its name when it has plain IDs.  Lives in store. */
const char *rg_store_source_id_path(const rg_store *store, uint32_t i);
size_t rg_store_source_count(const rg_store *store);

/* Add object (an object value with string apiVersion and kind, living in
 * the store's arena or longer).  Returns the new resource, or NULL when a
 * resource with the same ID is already stored, with *existing set to it
 * (existing may be NULL). */
const rg_k8s_resource *rg_store_add(rg_store *store, const rg_value *object,
                                    const rg_store_origin *origin,
                                    const rg_k8s_resource **existing);

/* Replace the object and origin of resource r (returned by rg_store_add
 * as existing) with object, which has the same ID, keeping r's position.
 * Call before rg_store_index. */
void rg_store_replace(rg_store *store, const rg_k8s_resource *r,
                      const rg_value *object, const rg_store_origin *origin);

size_t rg_store_count(const rg_store *store);
const rg_k8s_resource *rg_store_at(const rg_store *store, size_t i);
/* The resource with ID id, or NULL. */
const rg_k8s_resource *rg_store_find(const rg_store *store, const char *id);

/* Sort the group index by key; call once after the last rg_store_add,
 * before the group accessors. */
void rg_store_index(rg_store *store);
size_t rg_store_group_count(const rg_store *store);
const rg_store_group *rg_store_group_at(const rg_store *store, size_t i);

/* The stored resource that obj (an object in a rule's input or output)
 * stands for, or NULL: the resource whose object is obj itself, else one
 * whose plain ID is plain_id, preferring one equal to obj.  Rules see
 * objects without their file, so this is how a result finds its file-scan
 * ID.  Call after rg_store_index. */
const rg_k8s_resource *rg_store_resolve(const rg_store *store,
                                        const rg_value *obj,
                                        const char *plain_id);

/* The first resource with plain ID plain_id, in the order added, or
 * NULL.  Call after rg_store_index. */
const rg_k8s_resource *rg_store_find_plain(const rg_store *store,
                                           const char *plain_id);

/* The resource after r with the same plain ID (the same object in
 * another file), or NULL.  Call after rg_store_index. */
const rg_k8s_resource *rg_store_next_same_plain(const rg_store *store,
                                                const rg_k8s_resource *r);

void rg_store_stats_get(const rg_store *store, rg_store_stats *out);

/* The string at key of object obj, or NULL when absent or not a string.
 * Lives where obj lives. */
const char *rg_store_str(const rg_value *obj, const char *key);

#endif
