/*
 * Scan results: verdicts per control and resource, merged as Kubescape
 * merges them; see k8s/result.h.  Summaries and scores are in
 * k8s/score.c.
 */
#include "k8s/result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rg_status_name(rg_status status)
{
    switch (status) {
    case RG_STATUS_PASSED:
        return "passed";
    case RG_STATUS_SKIPPED:
        return "skipped";
    case RG_STATUS_FAILED:
        return "failed";
    }
    return "unknown";
}

/* Grow *items to hold need elements, starting from first: verdicts hold
 * one rule and a few paths, and rg_grow's first size of 8 would make
 * them several times larger than their contents. */
static void grow(void **items, size_t *cap, size_t need, size_t elem_size,
                 size_t first)
{
    if (need <= *cap)
        return;
    size_t n = *cap ? *cap * 2 : first;
    while (n < need)
        n *= 2;
    *items = rg_xrealloc(*items, n * elem_size);
    *cap = n;
}

rg_results *rg_results_new(const rg_policy_control *const *controls,
                           size_t count,
                           const rg_policy_framework *const *frameworks,
                           size_t framework_count, size_t expected)
{
    rg_results *r = rg_xcalloc(1, sizeof *r);
    r->arena = rg_arena_new(0);
    r->controls = rg_arena_calloc(r->arena, count + 1, sizeof *r->controls);
    r->control_count = count;
    for (size_t i = 0; i < count; i++)
        r->controls[i].control = controls[i];
    r->frameworks = rg_arena_calloc(r->arena, framework_count + 1,
                                    sizeof *r->frameworks);
    r->framework_count = framework_count;
    for (size_t i = 0; i < framework_count; i++)
        r->frameworks[i].framework = frameworks[i];
    rg_strmap_init(&r->index, expected);
    rg_strmap_init(&r->strings, expected);
    return r;
}

void rg_results_free(rg_results *results)
{
    if (results == NULL)
        return;
    for (size_t i = 0; i < results->count; i++) {
        rg_verdict *v = results->verdicts[i];
        for (size_t j = 0; j < v->rule_count; j++) {
            free(v->rules[j].paths);
            free(v->rules[j].related);
        }
        free(v->rules);
    }
    free(results->verdicts);
    rg_strmap_free(&results->index);
    rg_strmap_free(&results->strings);
    rg_arena_free(results->arena);
    free(results);
}

const char *rg_results_keep(rg_results *results, const char *s)
{
    size_t len = strlen(s);
    const char *kept = rg_strmap_key(&results->strings, s, len);
    if (kept != NULL)
        return kept;
    char *copy = rg_arena_strndup(results->arena, s, len);
    rg_strmap_put(&results->strings, copy, len, 0, NULL);
    return copy;
}

/* The lookup key of a verdict: the control index and the address of
 * the kept resource ID, as bytes. */
typedef struct verdict_key {
    uint32_t control;
    const char *id;
} verdict_key;

static rg_verdict *verdict_for(rg_results *r, uint32_t control,
                               const char *resource_id)
{
    const char *id = rg_results_keep(r, resource_id);
    verdict_key probe;
    memset(&probe, 0, sizeof probe);
    probe.control = control;
    probe.id = id;
    uint32_t at;
    if (rg_strmap_get(&r->index, (const char *)&probe, sizeof probe, &at))
        return r->verdicts[at];
    verdict_key *key = rg_arena_alloc(r->arena, sizeof *key);
    *key = probe;
    rg_verdict *v = rg_arena_calloc(r->arena, 1, sizeof *v);
    v->control = control;
    v->resource_id = id;
    rg_grow((void **)&r->verdicts, &r->cap, r->count + 1,
            sizeof *r->verdicts);
    rg_strmap_put(&r->index, (const char *)key, sizeof *key,
                  (uint32_t)r->count, NULL);
    r->verdicts[r->count++] = v;
    return v;
}

rg_rule_verdict *rg_results_rule(rg_results *results, uint32_t control,
                                 const char *resource_id, const char *rule)
{
    rg_verdict *v = verdict_for(results, control, resource_id);
    for (size_t i = 0; i < v->rule_count; i++)
        if (strcmp(v->rules[i].rule, rule) == 0)
            return &v->rules[i];
    grow((void **)&v->rules, &v->rule_cap, v->rule_count + 1,
         sizeof *v->rules, 1);
    rg_rule_verdict *rv = &v->rules[v->rule_count++];
    memset(rv, 0, sizeof *rv);
    rv->rule = rg_results_keep(results, rule);
    rv->status = RG_STATUS_PASSED;
    return rv;
}

void rg_results_raise(rg_rule_verdict *rv, rg_status status)
{
    if (status > rv->status)
        rv->status = status;
}

static bool same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

void rg_results_add_path(rg_results *results, rg_rule_verdict *rv,
                         rg_path_kind kind, const char *resource_id,
                         const char *path, const char *value)
{
    for (size_t i = 0; i < rv->path_count; i++) {
        const rg_posture_path *p = &rv->paths[i];
        if (p->kind == kind && same(p->resource_id, resource_id) &&
            same(p->path, path) && same(p->value, value))
            return;
    }
    grow((void **)&rv->paths, &rv->path_cap, rv->path_count + 1,
         sizeof *rv->paths, 2);
    rg_posture_path *p = &rv->paths[rv->path_count++];
    p->kind = kind;
    p->resource_id = rg_results_keep(results, resource_id);
    p->path = rg_results_keep(results, path ? path : "");
    p->value = value ? rg_results_keep(results, value) : NULL;
}

void rg_results_add_related(rg_results *results, rg_rule_verdict *rv,
                            const char *resource_id)
{
    for (size_t i = 0; i < rv->related_count; i++)
        if (strcmp(rv->related[i], resource_id) == 0)
            return;
    grow((void **)&rv->related, &rv->related_cap, rv->related_count + 1,
         sizeof *rv->related, 2);
    rv->related[rv->related_count++] = rg_results_keep(results,
                                                       resource_id);
}

int rg_results_severity_index(double base_score)
{
    if (base_score >= 9)
        return 0;
    if (base_score >= 7)
        return 1;
    if (base_score >= 4)
        return 2;
    if (base_score >= 1)
        return 3;
    return 4;
}
