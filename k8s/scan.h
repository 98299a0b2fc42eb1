/*
 * A posture scan: loads the manifests, selects the controls, evaluates
 * each rule once on its input and collects the results.
 *
 * The scan reaches the Rego engine only through the evaluator callback
 * (k8s/evaluate.h provides the one built on include/regolith.h), so the
 * steps before and after evaluation are independent of the engine.
 * Stages stay separate: the store (k8s/store.h), the per-match inputs
 * (k8s/match.h) and the results (k8s/result.h).
 */
#ifndef RG_K8S_SCAN_H
#define RG_K8S_SCAN_H

#include <stdio.h>

#include "k8s/manifest.h"
#include "k8s/match.h"
#include "k8s/policy.h"
#include "k8s/result.h"
#include "k8s/store.h"
#include "k8s/verdict.h"
#include "k8s/walk.h"

/* Evaluate query "data.armo_builtins" for rule (its raw.rego, or its
 * filter.rego when filter is true) with input and data.  On success
 * returns 0 with *doc the package document (NULL when undefined) living
 * in arena; on failure -1 with *error an owned message (free). */
typedef int (*rg_scan_eval_fn)(void *user, const rg_policy *policy,
                               const rg_policy_rule *rule, bool filter,
                               const rg_value *input, const rg_value *data,
                               rg_arena *arena, const rg_value **doc,
                               char **error);

/* Called after each control: done of total. */
typedef void (*rg_scan_progress_fn)(void *user, size_t done, size_t total);

typedef struct rg_scan_options {
    const char *const *paths;   /* files, folders or "-" */
    size_t path_count;
    rg_strlist frameworks;      /* names, or "all"; empty: all controls */
    rg_strlist controls;        /* IDs or names; used when no frameworks */
    rg_ns_filter namespaces;
    const char *policy_dir;     /* NULL: the embedded library */
    const char *exceptions_file;/* NULL: none */
    const char *controls_config;/* control inputs replacing the
                                   library's defaults; NULL: none */
    rg_scan_eval_fn eval;       /* NULL: rules are not evaluated */
    void *eval_user;
    rg_scan_progress_fn progress;
    void *progress_user;
    size_t large_cluster_size;  /* above this many resources rules run
                                   per namespace; 0: never */
} rg_scan_options;

/* Kubescape's large-cluster threshold, for callers that want its
 * behaviour: with more resources than this, Kubescape evaluates each rule
 * per namespace (with the cluster-scoped resources added) instead of on
 * the whole input at once.  Regolith does so only when asked, because
 * splitting repeats every namespace-less object in each namespace's input
 * and can change verdicts of rules that join across namespaces. */
#define RG_SCAN_LARGE_CLUSTER_SIZE 2500

/* An object the scan made that is not in the store (an RBAC subject
 * aggregated from bindings and roles), reported as a resource. */
typedef struct rg_scan_extra {
    const char *id;
    const rg_value *object;
} rg_scan_extra;

typedef struct rg_scan_stats {
    size_t rules_evaluated;
    size_t rules_failed;        /* evaluation or decoding errors */
    size_t rules_empty_input;   /* not evaluated: no matching resource */
    uint64_t load_ns, eval_ns, total_ns;
    size_t match_hits, match_misses;
    uint64_t *rule_ns;          /* evaluation time per policy rule, in
                                   the order of policy->rules; owned */
} rg_scan_stats;

typedef struct rg_scan {
    rg_policy *policy;
    rg_store *store;
    rg_walk_list walk;
    rg_manifest_summary inputs;
    rg_match_cache match;
    rg_results *results;
    rg_arena *scratch;          /* rule data, aggregated objects */
    rg_scan_extra *extras;
    size_t extra_count, extra_cap;
    rg_strmap extra_ids;        /* extra ID -> index, to add each once */
    rg_errors errors;           /* usage, policy and evaluation errors */
    rg_scan_stats stats;
    size_t exceptions_applied;
} rg_scan;

/* Run a scan.  Returns owned (release with rg_scan_free), or NULL when it
 * could not start (unknown framework or control, unreadable policy or
 * exceptions); the reasons are printed to err.  Problems with single
 * inputs are recorded in the scan and do not stop it. */
rg_scan *rg_scan_run(const rg_scan_options *opts, FILE *err);
void rg_scan_free(rg_scan *scan);

/* Weight of a resource in the risk score: 1, or replicas x 1.1 for a
 * workload with more than one replica (a DaemonSet also multiplied by
 * status.desiredNumberScheduled when positive).  user is the scan. */
double rg_scan_weight(void *user, const char *resource_id);

#endif
