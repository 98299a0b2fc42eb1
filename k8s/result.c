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
    rg_arena_free(results->arena);
    free(results);
}

static rg_verdict *verdict_for(rg_results *r, uint32_t control,
                               const char *resource_id)
{
    char *key = rg_arena_printf(r->arena, "%u/%s", control, resource_id);
    uint32_t at;
    if (rg_strmap_get(&r->index, key, strlen(key), &at))
        return r->verdicts[at];
    rg_verdict *v = rg_arena_calloc(r->arena, 1, sizeof *v);
    v->control = control;
    v->resource_id = rg_arena_strdup(r->arena, resource_id);
    rg_grow((void **)&r->verdicts, &r->cap, r->count + 1,
            sizeof *r->verdicts);
    rg_strmap_put(&r->index, key, strlen(key), (uint32_t)r->count, NULL);
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
    rg_grow((void **)&v->rules, &v->rule_cap, v->rule_count + 1,
            sizeof *v->rules);
    rg_rule_verdict *rv = &v->rules[v->rule_count++];
    memset(rv, 0, sizeof *rv);
    rv->rule = rg_arena_strdup(results->arena, rule);
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
    rg_grow((void **)&rv->paths, &rv->path_cap, rv->path_count + 1,
            sizeof *rv->paths);
    rg_posture_path *p = &rv->paths[rv->path_count++];
    p->kind = kind;
    p->resource_id = rg_arena_strdup(results->arena, resource_id);
    p->path = rg_arena_strdup(results->arena, path ? path : "");
    p->value = value ? rg_arena_strdup(results->arena, value) : NULL;
}

void rg_results_add_related(rg_results *results, rg_rule_verdict *rv,
                            const char *resource_id)
{
    for (size_t i = 0; i < rv->related_count; i++)
        if (strcmp(rv->related[i], resource_id) == 0)
            return;
    rg_grow((void **)&rv->related, &rv->related_cap, rv->related_count + 1,
            sizeof *rv->related);
    rv->related[rv->related_count++] = rg_arena_strdup(results->arena,
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
