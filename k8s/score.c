/*
 * Control statuses, summaries and Kubescape's scores (rg_results_finish;
 * see k8s/result.h).
 *
 * Compliance score: a passed control scores 100, any other control
 * 100 x passed resources / all its resources (0 with none); a framework
 * and the whole scan take the plain average of their controls.
 *
 * Risk score: a control's unnormalized score is baseScore x the weight
 * of its failed resources, its weighted total baseScore x the weight of
 * all its resources, and its score 100 x the ratio (0 with no
 * resources).  A framework and the whole scan take 100 x the sum of
 * unnormalized scores / the sum of weighted totals; with a zero total
 * the score is 100 when every control is irrelevant, else 0.
 */
#include "k8s/result.h"

#include <string.h>

static const char *SUB_EXCEPTIONS = "w/exceptions";

static bool is_review(const char *action)
{
    return action && (strcmp(action, "requires review") == 0 ||
                      strcmp(action, "manual review") == 0);
}

/* A resource's control status: the most severe rule status, adjusted by
 * the control's actionRequired. */
static void verdict_status(rg_verdict *v, const rg_control_summary *cs)
{
    rg_status st = RG_STATUS_PASSED;
    bool excepted = false;
    for (size_t i = 0; i < v->rule_count; i++) {
        if (v->rules[i].status > st)
            st = v->rules[i].status;
        if (v->rules[i].exception != NULL)
            excepted = true;
    }
    v->status = st;
    v->sub_status = NULL;
    const char *action = cs->control->action_required;
    if (st == RG_STATUS_FAILED && is_review(action)) {
        v->status = RG_STATUS_SKIPPED;
        v->sub_status = action;
    } else if (action && strcmp(action, "configuration") == 0 &&
               cs->config_empty) {
        v->status = RG_STATUS_SKIPPED;
        v->sub_status = "configuration";
    } else if (st == RG_STATUS_PASSED && excepted) {
        v->sub_status = SUB_EXCEPTIONS;
    }
}

static void count_verdict(rg_control_summary *cs, const rg_verdict *v,
                          double weight)
{
    double base = cs->control->base_score;
    if (v->status == RG_STATUS_FAILED) {
        cs->failed++;
        cs->unnormalized += base * weight;
    } else if (v->status == RG_STATUS_SKIPPED) {
        cs->skipped++;
    } else {
        cs->passed++;
        if (v->sub_status == SUB_EXCEPTIONS)
            cs->excepted++;
    }
    cs->weighted += base * weight;
}

static void control_status(rg_control_summary *cs)
{
    size_t all = cs->passed + cs->failed + cs->skipped;
    if (cs->failed > 0) {
        cs->status = RG_STATUS_FAILED;
        cs->sub_status = NULL;
    } else if (cs->skipped > 0) {
        cs->status = RG_STATUS_SKIPPED;
    } else if (cs->sub_status == NULL || all > 0) {
        /* No preset status (a manual-review control keeps its own). */
        cs->status = RG_STATUS_PASSED;
        if (all == 0)
            cs->sub_status = "irrelevant";
        else if (cs->excepted > 0)
            cs->sub_status = SUB_EXCEPTIONS;
    }
    if (cs->status == RG_STATUS_PASSED)
        cs->compliance_score = 100;
    else
        cs->compliance_score = all ? 100.0 * cs->passed / all : 0;
    cs->score = cs->weighted > 0 ? 100 * cs->unnormalized / cs->weighted
                                 : 0;
}

/* 100 x sum unnormalized / sum weighted over the controls in idx. */
static double risk(const rg_results *r, const uint32_t *idx, size_t n)
{
    double unnorm = 0, total = 0;
    bool all_irrelevant = true;
    for (size_t i = 0; i < n; i++) {
        const rg_control_summary *cs = &r->controls[idx[i]];
        unnorm += cs->unnormalized;
        total += cs->weighted;
        if (cs->passed + cs->failed + cs->skipped > 0)
            all_irrelevant = false;
    }
    if (total > 0)
        return 100 * unnorm / total;
    return all_irrelevant ? 100 : 0;
}

static double average(const rg_results *r, const uint32_t *idx, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += r->controls[idx[i]].compliance_score;
    return n ? sum / n : 0;
}

static int find_control(const rg_results *r, const char *id)
{
    size_t lo = 0, hi = r->control_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(r->controls[mid].control->id, id);
        if (c == 0)
            return (int)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static void framework_summary(rg_results *r, rg_framework_summary *fs,
                              uint32_t *idx)
{
    size_t n = 0;
    const rg_strlist *ids = &fs->framework->control_ids;
    for (size_t i = 0; i < ids->count; i++) {
        int at = find_control(r, ids->items[i]);
        if (at >= 0)
            idx[n++] = (uint32_t)at;
    }
    fs->status = RG_STATUS_PASSED;
    for (size_t i = 0; i < n; i++) {
        const rg_control_summary *cs = &r->controls[idx[i]];
        if (cs->status > fs->status)
            fs->status = cs->status;
        fs->passed += cs->passed;
        fs->failed += cs->failed;
        fs->skipped += cs->skipped;
    }
    fs->compliance_score = average(r, idx, n);
    fs->score = risk(r, idx, n);
}

void rg_results_finish(rg_results *results, rg_weight_fn weight,
                       void *user)
{
    rg_results *r = results;
    for (size_t i = 0; i < r->count; i++) {
        rg_verdict *v = r->verdicts[i];
        rg_control_summary *cs = &r->controls[v->control];
        verdict_status(v, cs);
        double w = weight ? weight(user, v->resource_id) : 1.0;
        count_verdict(cs, v, w);
        if (v->status == RG_STATUS_FAILED)
            r->severity_failed[rg_results_severity_index(
                cs->control->base_score)]++;
    }
    uint32_t *idx = rg_arena_alloc(r->arena,
                                   (r->control_count + 1) * sizeof *idx);
    for (size_t i = 0; i < r->control_count; i++) {
        control_status(&r->controls[i]);
        if (r->controls[i].status == RG_STATUS_FAILED)
            r->controls_failed_by_severity[rg_results_severity_index(
                r->controls[i].control->base_score)]++;
        idx[i] = (uint32_t)i;
    }
    r->compliance_score = average(r, idx, r->control_count);
    r->score = risk(r, idx, r->control_count);
    for (size_t i = 0; i < r->framework_count; i++)
        framework_summary(r, &r->frameworks[i], idx);
}
