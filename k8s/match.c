/*
 * Rule inputs selected by match, shared between equal matches; see
 * k8s/match.h.
 */
#include "k8s/match.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Distinct match lists expected: the library has a few dozen. */
#define MATCH_KEYS_HINT 128

void rg_match_init(rg_match_cache *cache, const rg_store *store)
{
    memset(cache, 0, sizeof *cache);
    cache->store = store;
    cache->arena = rg_arena_new(0);
    rg_strmap_init(&cache->keys, MATCH_KEYS_HINT);
    cache->seen = rg_xcalloc(rg_store_count(store) + 1, 1);
}

void rg_match_free(rg_match_cache *cache)
{
    for (size_t i = 0; i < cache->count; i++)
        free(cache->inputs[i]->items);
    free(cache->inputs);
    free(cache->seen);
    rg_strmap_free(&cache->keys);
    rg_arena_free(cache->arena);
    memset(cache, 0, sizeof *cache);
}

static bool group_matches(const char *want, const char *have)
{
    return strcmp(want, "*") == 0 || strcmp(want, have) == 0 ||
           (strcmp(want, "core") == 0 && have[0] == '\0');
}

static bool version_matches(const char *want, const char *have)
{
    return strcmp(want, "*") == 0 || strcmp(want, have) == 0;
}

/* The plural name is the last segment of the index key. */
static bool resource_matches(const char *want, const rg_store_group *g)
{
    const char *plural = strrchr(g->key, '/');
    plural = plural ? plural + 1 : g->key;
    return strcmp(want, "*") == 0 || strcasecmp(want, plural) == 0 ||
           strcasecmp(want, g->kind) == 0;
}

typedef struct builder {
    uint32_t *items;
    size_t count, cap;
} builder;

static void take_group(rg_match_cache *cache, builder *b,
                       const rg_store_group *g)
{
    for (size_t i = 0; i < g->count; i++) {
        uint32_t r = g->items[i];
        if (cache->seen[r])
            continue;
        cache->seen[r] = 1;
        rg_grow((void **)&b->items, &b->cap, b->count + 1,
                sizeof *b->items);
        b->items[b->count++] = r;
    }
}

static void match_entry(rg_match_cache *cache, builder *b,
                        const rg_rule_match *m)
{
    size_t groups = rg_store_group_count(cache->store);
    for (size_t gi = 0; gi < m->groups.count; gi++)
        for (size_t vi = 0; vi < m->versions.count; vi++)
            for (size_t ri = 0; ri < m->resources.count; ri++)
                for (size_t k = 0; k < groups; k++) {
                    const rg_store_group *g =
                        rg_store_group_at(cache->store, k);
                    if (group_matches(m->groups.items[gi], g->group) &&
                        version_matches(m->versions.items[vi],
                                        g->version) &&
                        resource_matches(m->resources.items[ri], g))
                        take_group(cache, b, g);
                }
}

static rg_match_input compute(rg_match_cache *cache,
                              const rg_policy_rule *rule)
{
    builder b = {0};
    for (size_t i = 0; i < rule->match_count; i++)
        match_entry(cache, &b, &rule->match[i]);
    for (size_t i = 0; i < b.count; i++)
        cache->seen[b.items[i]] = 0;
    rg_match_input in = {b.items, b.count, NULL, NULL, NULL};
    return in;
}

rg_match_input *rg_match_select(rg_match_cache *cache,
                                const rg_policy_rule *rule)
{
    const char *key = rule->match_key ? rule->match_key : "";
    uint32_t at;
    if (rg_strmap_get(&cache->keys, key, strlen(key), &at)) {
        cache->hits++;
        return cache->inputs[at];
    }
    cache->misses++;
    rg_grow((void **)&cache->inputs, &cache->cap, cache->count + 1,
            sizeof *cache->inputs);
    at = (uint32_t)cache->count;
    rg_match_input *in = rg_arena_alloc(cache->arena, sizeof *in);
    *in = compute(cache, rule);
    cache->inputs[cache->count++] = in;
    const char *owned = rg_arena_strdup(cache->arena, key);
    rg_strmap_put(&cache->keys, owned, strlen(owned), at, NULL);
    return in;
}

const rg_value *rg_match_value(rg_match_cache *cache,
                               rg_match_input *input)
{
    if (input->value != NULL)
        return input->value;
    const rg_value **objs = rg_xmalloc((input->count + 1) * sizeof *objs);
    for (size_t i = 0; i < input->count; i++)
        objs[i] = rg_store_at(cache->store, input->items[i])->object;
    input->value = rg_array(cache->arena, objs, input->count);
    free(objs);
    return input->value;
}
