/*
 * A posture scan from paths to results; see k8s/scan.h.
 */
#include "k8s/scan_internal.h"

#include "k8s/docparse.h"
#include "k8s/policy_parse.h"
#include "k8s/readfile.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static rg_scan *scan_new(void)
{
    rg_scan *scan = rg_xcalloc(1, sizeof *scan);
    rg_walk_init(&scan->walk);
    rg_manifest_summary_init(&scan->inputs);
    rg_errors_init(&scan->errors);
    scan->errors.limit = 0;
    scan->scratch = rg_arena_new(0);
    rg_strmap_init(&scan->extra_ids, 64);
    return scan;
}

void rg_scan_free(rg_scan *scan)
{
    if (scan == NULL)
        return;
    if (scan->store != NULL)
        rg_match_free(&scan->match);
    rg_results_free(scan->results);
    rg_store_free(scan->store);
    rg_policy_free(scan->policy);
    rg_walk_free(&scan->walk);
    rg_manifest_summary_free(&scan->inputs);
    rg_errors_free(&scan->errors);
    rg_strmap_free(&scan->extra_ids);
    free(scan->extras);
    rg_arena_free(scan->scratch);
    free(scan->stats.rule_ns);
    free(scan);
}

/* Replace the library's default control inputs with those of file (in
 * the shape of default-config-inputs.json).  Returns -1 with errors. */
static int load_controls_config(rg_policy *p, const char *file,
                                rg_errors *errs)
{
    size_t len;
    char *text = rg_readfile(file, &len, errs);
    if (text == NULL)
        return -1;
    const rg_value *json = rg_docparse_json(p->arena, file, text, len,
                                            errs);
    free(text);
    const rg_value *inputs = json ? rg_policy_parse_inputs(json, file, errs)
                                  : NULL;
    if (inputs == NULL)
        return -1;
    p->default_inputs = inputs;
    return 0;
}

static rg_policy *load_policy(const rg_scan_options *opts, FILE *err)
{
    rg_errors errs;
    rg_errors_init(&errs);
    rg_policy *p = opts->policy_dir ? rg_policy_load_dir(opts->policy_dir,
                                                         &errs)
                                    : rg_policy_load_bundle(&errs);
    if (p != NULL && opts->controls_config != NULL &&
        load_controls_config(p, opts->controls_config, &errs) != 0) {
        rg_policy_free(p);
        p = NULL;
    }
    rg_errors_print(&errs, err);
    rg_errors_free(&errs);
    return p;
}

/* true when every rule's control configuration values are empty. */
static bool config_empty(const rg_policy *policy,
                         const rg_policy_control *c)
{
    for (size_t i = 0; i < c->rule_names.count; i++) {
        const rg_policy_rule *r = c->rules[i];
        for (size_t k = 0; r && k < r->config_keys.count; k++) {
            const char *key = r->config_keys.items[k];
            const rg_value *v = policy->default_inputs
                ? rg_object_get_str(policy->default_inputs, key,
                                    strlen(key))
                : NULL;
            if (v && rg_value_kind(v) == RG_ARRAY && rg_len(v) > 0)
                return false;
        }
    }
    return true;
}

static void run_control(rg_scan *scan, const rg_scan_options *opts,
                        uint32_t ci)
{
    rg_control_summary *cs = &scan->results->controls[ci];
    const rg_policy_control *c = cs->control;
    cs->config_empty = config_empty(scan->policy, c);
    bool any_rule = false;
    for (size_t j = 0; j < c->rule_names.count; j++) {
        if (c->rules[j] == NULL)
            continue;
        any_rule = true;
        rg_scan_rule(scan, opts, ci, c->rules[j]);
    }
    if (!any_rule && c->action_required &&
        strcmp(c->action_required, "manual review") == 0) {
        cs->status = RG_STATUS_SKIPPED;
        cs->sub_status = "manual review";
    }
}

static int evaluate_all(rg_scan *scan, const rg_scan_options *opts,
                        FILE *err)
{
    const rg_policy_control **controls;
    const rg_policy_framework **fws;
    size_t count, nfw;
    int rc = rg_scan_select(scan->policy, opts, &controls, &count, &fws,
                            &nfw, err);
    if (rc == 0)
        scan->results = rg_results_new(controls, count, fws, nfw,
                                       rg_store_count(scan->store) * 4);
    free(controls);
    free(fws);
    if (rc != 0)
        return -1;
    for (uint32_t i = 0; i < scan->results->control_count; i++) {
        run_control(scan, opts, i);
        if (opts->progress)
            opts->progress(opts->progress_user, i + 1,
                           scan->results->control_count);
    }
    return 0;
}

rg_scan *rg_scan_run(const rg_scan_options *opts, FILE *err)
{
    uint64_t start = now_ns();
    rg_scan *scan = scan_new();
    scan->policy = load_policy(opts, err);
    if (scan->policy == NULL) {
        rg_scan_free(scan);
        return NULL;
    }
    scan->stats.rule_ns = rg_xcalloc(scan->policy->rule_count + 1,
                                     sizeof *scan->stats.rule_ns);
    rg_scan_load(scan, opts);
    scan->stats.load_ns = now_ns() - start;
    if (evaluate_all(scan, opts, err) != 0 ||
        (opts->exceptions_file &&
         rg_scan_exceptions(scan, opts->exceptions_file, err) != 0)) {
        rg_scan_free(scan);
        return NULL;
    }
    if (opts->exceptions_file == NULL)
        rg_scan_inline_exceptions(scan);
    rg_results_finish(scan->results, rg_scan_weight, scan);
    scan->stats.match_hits = scan->match.hits;
    scan->stats.match_misses = scan->match.misses;
    scan->stats.total_ns = now_ns() - start;
    return scan;
}

static double number_at(const rg_value *obj, const char *key)
{
    const rg_value *v = obj && rg_value_kind(obj) == RG_OBJECT
        ? rg_object_get_str(obj, key, strlen(key)) : NULL;
    return v && rg_value_kind(v) == RG_NUMBER ? rg_number_double(v) : 0;
}

double rg_scan_weight(void *user, const char *resource_id)
{
    const rg_scan *scan = user;
    const rg_k8s_resource *r = rg_store_find(scan->store, resource_id);
    if (r == NULL)
        return 1.0;
    const rg_value *spec = rg_object_get_str(r->object, "spec", 4);
    double replicas = number_at(spec, "replicas");
    double w = replicas > 1 ? replicas * 1.1 : 1.0;
    if (strcmp(r->kind, "DaemonSet") == 0) {
        const rg_value *st = rg_object_get_str(r->object, "status", 6);
        double desired = number_at(st, "desiredNumberScheduled");
        if (desired > 0)
            w *= desired;
    }
    return w;
}
