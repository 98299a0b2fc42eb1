/*
 * One rule of one control in a scan: its input (the shared match input,
 * then its aggregator), its data (the control inputs it reads), its
 * resource enumerator (filter.rego), its evaluation and its verdicts.
 */
#include "k8s/scan_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* data: {"postureControlInputs": the keys the rule names, from the
 * library's defaults; "dataControlInputs": {"cloudProvider": ""}}. */
static const rg_value *rule_data(rg_arena *arena, const rg_policy *policy,
                                 const rg_policy_rule *rule)
{
    rg_builder *inputs = rg_object_builder(arena, rule->config_keys.count);
    for (size_t i = 0; i < rule->config_keys.count; i++) {
        const char *key = rule->config_keys.items[i];
        const rg_value *v = policy->default_inputs
            ? rg_object_get_str(policy->default_inputs, key, strlen(key))
            : NULL;
        rg_builder_put(inputs, rg_cstring(arena, key),
                       v ? v : rg_array(arena, NULL, 0));
    }
    rg_builder *dci = rg_object_builder(arena, 1);
    rg_builder_put(dci, rg_cstring(arena, "cloudProvider"),
                   rg_cstring(arena, ""));
    rg_builder *data = rg_object_builder(arena, 2);
    rg_builder_put(data, rg_cstring(arena, "postureControlInputs"),
                   rg_builder_finish(inputs));
    rg_builder_put(data, rg_cstring(arena, "dataControlInputs"),
                   rg_builder_finish(dci));
    return rg_builder_finish(data);
}

static void record_error(rg_scan *scan, const rg_policy_rule *rule,
                         const char *message)
{
    scan->stats.rules_failed++;
    rg_errors_add(&scan->errors, "eval_error", rule->rego_file, 0, 0,
                  "rule %s: %s", rule->name, message);
}

/* Evaluate and return the package document, or NULL with the error
 * recorded and *failed set. */
static const rg_value *evaluate(rg_scan *scan, const rg_scan_options *opts,
                                const rg_policy_rule *rule, bool filter,
                                const rg_value *input, const rg_value *data,
                                rg_arena *arena, bool *failed)
{
    const rg_value *doc = NULL;
    char *error = NULL;
    uint64_t start = now_ns();
    int rc = opts->eval(opts->eval_user, scan->policy, rule, filter, input,
                        data, arena, &doc, &error);
    uint64_t spent = now_ns() - start;
    scan->stats.eval_ns += spent;
    scan->stats.rule_ns[rule - scan->policy->rules] += spent;
    *failed = rc != 0;
    if (rc != 0) {
        record_error(scan, rule, error ? error : "evaluation failed");
        free(error);
        return NULL;
    }
    return doc;
}

/* Evaluate rule on input and record the verdicts.  The documents and
 * data live in arena, which the caller frees after: verdicts copy what
 * they keep. */
static void run_rule(rg_scan *scan, const rg_scan_options *opts,
                     rg_rule_run *run, const rg_policy_rule *rule,
                     const rg_value *input, rg_arena *arena)
{
    const rg_value *data = rule_data(arena, scan->policy, rule);
    bool failed = false;
    if (rule->filter != NULL) {
        const rg_value *doc = evaluate(scan, opts, rule, true, input, data,
                                       arena, &failed);
        const rg_value *listed = failed ? NULL
            : rg_verdict_failed_objects(arena, doc);
        if (listed == NULL) {
            rg_verdict_skip_all(run, "the resource enumerator failed");
            return;
        }
        run->tested = listed;
    }
    scan->stats.rules_evaluated++;
    const rg_value *doc = evaluate(scan, opts, rule, false, input, data,
                                   arena, &failed);
    const char *error = NULL;
    if (failed)
        rg_verdict_skip_all(run, "evaluation failed");
    else if (rg_verdict_apply(run, doc, &error) != 0)
        record_error(scan, rule, error);
}

/* Aggregate input (a cached aggregation when mi is given), then
 * evaluate the rule on it and record the verdicts. */
static void evaluate_input(rg_scan *scan, const rg_scan_options *opts,
                           uint32_t c, const rg_policy_rule *rule,
                           rg_match_input *mi, const rg_value *input)
{
    if (rule->aggregator != NULL && mi != NULL) {
        if (mi->aggregator == NULL ||
            strcmp(mi->aggregator, rule->aggregator) != 0) {
            mi->aggregator = rule->aggregator;
            mi->aggregated = rg_scan_aggregate(scan, rule, input);
        }
        input = mi->aggregated;
    } else if (rule->aggregator != NULL) {
        input = rg_scan_aggregate(scan, rule, input);
    }
    if (rg_len(input) == 0) {
        scan->stats.rules_empty_input++;
        return;
    }
    rg_rule_run run = {scan->results, c, rule->name, &opts->namespaces,
                       input, NULL, scan->store};
    if (opts->eval == NULL) {
        rg_verdict_skip_all(&run, "no Rego engine in this build");
        return;
    }
    rg_arena *arena = rg_arena_new(0);
    run.scratch = arena;
    run_rule(scan, opts, &run, rule, input, arena);
    rg_arena_free(arena);
}

/* The namespace a resource belongs to when a cluster is split: its own,
 * or for a Namespace object its name; "" for cluster-scoped ones. */
static const char *scope_of(const rg_k8s_resource *r)
{
    if (strcmp(r->kind, "Namespace") == 0 && r->group[0] == '\0')
        return r->name;
    return r->namespace_;
}

typedef struct scoped {
    const char *scope;
    uint32_t index;
} scoped;

static int cmp_scoped(const void *a, const void *b)
{
    const scoped *x = a, *y = b;
    int c = strcmp(x->scope, y->scope);
    return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

/* Evaluate the rule once on the cluster-scoped resources, then once per
 * namespace on that namespace's resources and the cluster-scoped ones,
 * as Kubescape does above its large-cluster threshold. */
static void evaluate_scopes(rg_scan *scan, const rg_scan_options *opts,
                            uint32_t c, const rg_policy_rule *rule,
                            const rg_match_input *mi)
{
    scoped *items = rg_xmalloc((mi->count + 1) * sizeof *items);
    for (size_t i = 0; i < mi->count; i++) {
        items[i].index = mi->items[i];
        items[i].scope = scope_of(rg_store_at(scan->store, mi->items[i]));
    }
    if (mi->count > 1)
        qsort(items, mi->count, sizeof *items, cmp_scoped);
    size_t resident = 0;
    while (resident < mi->count && items[resident].scope[0] == '\0')
        resident++;
    const rg_value **objs = rg_xmalloc((mi->count + 1) * sizeof *objs);
    rg_arena *arrays = rg_arena_new(0);
    for (size_t i = 0; i < resident; i++)
        objs[i] = rg_store_at(scan->store, items[i].index)->object;
    if (resident > 0)
        evaluate_input(scan, opts, c, rule, NULL,
                       rg_array(arrays, objs, resident));
    for (size_t i = resident; i < mi->count;) {
        size_t n = resident, j = i;
        for (; j < mi->count && strcmp(items[j].scope, items[i].scope) == 0;
             j++)
            objs[n++] = rg_store_at(scan->store, items[j].index)->object;
        evaluate_input(scan, opts, c, rule, NULL,
                       rg_array(arrays, objs, n));
        i = j;
    }
    rg_arena_free(arrays);
    free(objs);
    free(items);
}

void rg_scan_rule(rg_scan *scan, const rg_scan_options *opts, uint32_t c,
                  const rg_policy_rule *rule)
{
    rg_match_input *mi = rg_match_select(&scan->match, rule);
    size_t limit = opts->large_cluster_size;
    bool whole = scan->results->controls[c].control->whole_cluster;
    if (limit > 0 && rg_store_count(scan->store) > limit && !whole)
        evaluate_scopes(scan, opts, c, rule, mi);
    else
        evaluate_input(scan, opts, c, rule, mi,
                       rg_match_value(&scan->match, mi));
}
