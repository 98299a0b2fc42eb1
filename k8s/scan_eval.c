/*
 * The scan's evaluator on the embedding API; see k8s/scan_eval.h.
 *
 * Each rule gets its own engine holding the library's shared modules
 * and the rule's raw.rego (or filter.rego), compiled once with a compile
 * cache shared by every rule, and parsed as Rego v1 with a fallback to
 * v0 as Kubescape does.  Each evaluation sets data and evaluates
 * "data.armo_builtins" with the input.  Builtin errors stay non-strict
 * (undefined), as in Kubescape.
 */
#include "k8s/scan_eval.h"

#include <stdlib.h>
#include <string.h>

#include "k8s/strmap.h"
#include "regolith.h"

/* One compiled rule: its engine, or the error that kept it from
 * compiling. */
typedef struct compiled {
    rg_engine *engine;
    char *error;
} compiled;

typedef struct evaluator {
    rg_cache *cache;
    rg_strmap index;            /* "rule" or "rule#filter" -> entry */
    compiled *entries;
    char **keys;
    size_t count, cap, key_cap;
    uint64_t evaluations;
} evaluator;

static char *first_error(const rg_errors *errs, const char *fallback)
{
    if (errs->count == 0)
        return rg_xstrdup(fallback);
    return rg_error_format(&errs->items[0]);
}

static compiled build(const rg_policy *policy, const rg_policy_rule *rule,
                      bool filter, rg_cache *cache)
{
    rg_options opts;
    rg_options_init(&opts);
    opts.dialect = RG_DIALECT_AUTO;
    opts.cache = cache;
    compiled c = {rg_engine_new(&opts), NULL};
    rg_errors errs;
    rg_errors_init(&errs);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < policy->module_count; i++)
        rc = rg_engine_add_module(c.engine, policy->modules[i].path,
                                  policy->modules[i].text,
                                  policy->modules[i].len, &errs);
    if (rc == 0)
        rc = filter ? rg_engine_add_module(c.engine, rule->filter_file,
                                           rule->filter, rule->filter_len,
                                           &errs)
                    : rg_engine_add_module(c.engine, rule->rego_file,
                                           rule->rego, rule->rego_len,
                                           &errs);
    if (rc == 0)
        rc = rg_engine_compile(c.engine, &errs);
    if (rc != 0) {
        c.error = first_error(&errs, "compilation failed");
        rg_engine_free(c.engine);
        c.engine = NULL;
    }
    rg_errors_free(&errs);
    return c;
}

static compiled *lookup(evaluator *ev, const rg_policy *policy,
                        const rg_policy_rule *rule, bool filter)
{
    char *key = rg_xmalloc(strlen(rule->name) + 8);
    sprintf(key, "%s%s", rule->name, filter ? "#filter" : "");
    uint32_t at;
    if (rg_strmap_get(&ev->index, key, strlen(key), &at)) {
        free(key);
        return &ev->entries[at];
    }
    size_t key_cap = ev->key_cap;
    rg_grow((void **)&ev->entries, &ev->cap, ev->count + 1,
            sizeof *ev->entries);
    rg_grow((void **)&ev->keys, &key_cap, ev->count + 1, sizeof *ev->keys);
    ev->key_cap = key_cap;
    ev->keys[ev->count] = key;
    ev->entries[ev->count] = build(policy, rule, filter, ev->cache);
    rg_strmap_put(&ev->index, key, strlen(key), (uint32_t)ev->count, NULL);
    return &ev->entries[ev->count++];
}

static int evaluate(void *user, const rg_policy *policy,
                    const rg_policy_rule *rule, bool filter,
                    const rg_value *input, const rg_value *data,
                    rg_arena *arena, const rg_value **doc, char **error)
{
    evaluator *ev = user;
    compiled *c = lookup(ev, policy, rule, filter);
    *doc = NULL;
    if (c->engine == NULL) {
        *error = rg_xstrdup(c->error);
        return -1;
    }
    rg_errors errs;
    rg_errors_init(&errs);
    int rc = rg_engine_set_data(c->engine, "", data, &errs);
    if (rc == 0)
        rc = rg_engine_eval_ref(c->engine, "data.armo_builtins", input,
                                arena, doc, &errs);
    ev->evaluations++;
    if (rc != 0)
        *error = first_error(&errs, "evaluation failed");
    rg_errors_free(&errs);
    return rc;
}

void rg_scan_eval_setup(rg_scan_options *opts)
{
    evaluator *ev = rg_xcalloc(1, sizeof *ev);
    ev->cache = rg_cache_new();
    rg_strmap_init(&ev->index, 256);
    opts->eval = evaluate;
    opts->eval_user = ev;
}

void rg_scan_eval_teardown(rg_scan_options *opts)
{
    evaluator *ev = opts->eval_user;
    if (ev == NULL)
        return;
    for (size_t i = 0; i < ev->count; i++) {
        rg_engine_free(ev->entries[i].engine);
        free(ev->entries[i].error);
        free(ev->keys[i]);
    }
    free(ev->entries);
    free(ev->keys);
    rg_strmap_free(&ev->index);
    rg_cache_free(ev->cache);
    free(ev);
    opts->eval = NULL;
    opts->eval_user = NULL;
}

void rg_scan_eval_stats(const rg_scan_options *opts, FILE *out)
{
    const evaluator *ev = opts->eval_user;
    if (ev == NULL)
        return;
    rg_cache_stats cs;
    rg_cache_stats_get(ev->cache, &cs);
    fprintf(out, "stats: engines %zu, evaluations %llu, compile cache "
            "%llu hits, %llu misses\n", ev->count,
            (unsigned long long)ev->evaluations,
            (unsigned long long)cs.hits, (unsigned long long)cs.misses);
}
