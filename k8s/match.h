/*
 * The input of each rule: the stored resources its match selects, as
 * Kubescape builds it (for every match entry, API group, version and
 * resource, every index key in sorted order; a group matches "*", itself,
 * or "" when the rule names "core"; a version matches "*" or itself; a
 * resource matches "*", the plural name or the kind, ignoring case; each
 * object once).
 *
 * Rules with equal match lists share one input: the cache computes it
 * once per distinct match key and every later rule with that key reuses
 * it.  The cache reads a sealed store and owns only the inputs, so it is
 * separate from both the store and the results.
 */
#ifndef RG_K8S_MATCH_H
#define RG_K8S_MATCH_H

#include "k8s/policy.h"
#include "k8s/store.h"
#include "k8s/strmap.h"

typedef struct rg_match_input {
    uint32_t *items;            /* resource indices in input order */
    size_t count;
    const rg_value *value;      /* the input array, built on first use */
    const char *aggregator;     /* the aggregator applied last, or NULL */
    const rg_value *aggregated; /* its output, shared by the next rules
                                   with the same match and aggregator */
} rg_match_input;

typedef struct rg_match_cache {
    const rg_store *store;
    rg_arena *arena;            /* inputs and their values live here */
    rg_strmap keys;             /* match key -> input index */
    rg_match_input **inputs;    /* each in arena, so pointers stay */
    size_t count, cap;
    uint8_t *seen;              /* one flag per resource, while matching */
    uint64_t hits, misses;
} rg_match_cache;

/* Start a cache over store (borrowed; indexed with rg_store_index). */
void rg_match_init(rg_match_cache *cache, const rg_store *store);
void rg_match_free(rg_match_cache *cache);

/* The input of rule: its matched resources.  Lives in cache. */
rg_match_input *rg_match_select(rg_match_cache *cache,
                                const rg_policy_rule *rule);

/* The input as an array value of the objects.  Lives in cache. */
const rg_value *rg_match_value(rg_match_cache *cache,
                               rg_match_input *input);

#endif
