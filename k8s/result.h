/*
 * Scan results in Kubescape's model: for each control and resource a
 * verdict, made of one verdict per rule of the control with its status
 * (passed, skipped, failed), sub-status and posture paths; then the
 * control summaries, the compliance and risk scores.
 *
 * A result set is separate from the store: resources are named by their
 * resource ID, which also covers objects the scanner synthesizes (the
 * subjects of RBAC aggregation).  Merging follows Kubescape's rules:
 * failed beats skipped, skipped beats passed, and paths and related IDs
 * are combined as sets.
 */
#ifndef RG_K8S_RESULT_H
#define RG_K8S_RESULT_H

#include "k8s/policy.h"
#include "k8s/strmap.h"

/* Ordered by severity, so the most severe of two is the larger. */
typedef enum rg_status {
    RG_STATUS_PASSED,
    RG_STATUS_SKIPPED,
    RG_STATUS_FAILED
} rg_status;

/* "passed", "skipped" or "failed". */
const char *rg_status_name(rg_status status);

typedef enum rg_path_kind {
    RG_PATH_FAILED,
    RG_PATH_REVIEW,
    RG_PATH_DELETE,
    RG_PATH_FIX,
    RG_PATH_COMMAND
} rg_path_kind;

/* One posture path: what to look at or change in which resource. */
typedef struct rg_posture_path {
    rg_path_kind kind;
    const char *resource_id;
    const char *path;           /* the command for RG_PATH_COMMAND */
    const char *value;          /* RG_PATH_FIX only, else NULL */
} rg_posture_path;

typedef struct rg_rule_verdict {
    const char *rule;
    rg_status status;
    const char *sub_status;     /* "w/exceptions", ... or NULL */
    const char *message;        /* first alertMessage, or NULL */
    const char *exception;      /* name of the exception applied, or NULL */
    rg_posture_path *paths;
    size_t path_count, path_cap;
    const char **related;       /* related resource IDs */
    size_t related_count, related_cap;
} rg_rule_verdict;

typedef struct rg_verdict {
    uint32_t control;           /* index in rg_results.controls */
    const char *resource_id;
    rg_status status;           /* set by rg_results_finish */
    const char *sub_status;
    rg_rule_verdict *rules;
    size_t rule_count, rule_cap;
} rg_verdict;

typedef struct rg_control_summary {
    const rg_policy_control *control;
    rg_status status;
    const char *sub_status;     /* "irrelevant", "manual review", ... */
    const char *info;
    bool config_empty;          /* set by the caller: every rule's
                                   control configuration is empty */
    size_t passed, failed, skipped, excepted;
    double compliance_score;    /* 0..100 */
    double score;               /* risk score, 0..100 */
    double unnormalized;        /* baseScore x weight of failed */
    double weighted;            /* baseScore x weight of all */
} rg_control_summary;

typedef struct rg_framework_summary {
    const rg_policy_framework *framework;
    rg_status status;
    size_t passed, failed, skipped;
    double compliance_score;
    double score;
} rg_framework_summary;

/* Weight of a resource in the risk score, from its ID. */
typedef double (*rg_weight_fn)(void *user, const char *resource_id);

typedef struct rg_results {
    rg_arena *arena;
    rg_control_summary *controls;   /* in control ID order */
    size_t control_count;
    rg_framework_summary *frameworks;
    size_t framework_count;
    rg_verdict **verdicts;
    size_t count, cap;
    rg_strmap index;            /* "controlIndex/resourceID" -> verdict */
    rg_strmap strings;          /* every string kept, stored once */
    double compliance_score;
    double score;
    size_t severity_failed[5];  /* failed resources by severity: */
                                /* critical, high, medium, low, unknown */
    size_t controls_failed_by_severity[5];
} rg_results;

/* Start results for controls (borrowed, sorted by ID, count of them) and
 * the frameworks that named them (may be 0).  expected is the number of
 * resources, to size the index.  Returns owned. */
rg_results *rg_results_new(const rg_policy_control *const *controls,
                           size_t count,
                           const rg_policy_framework *const *frameworks,
                           size_t framework_count, size_t expected);
void rg_results_free(rg_results *results);

/* The verdict of rule in control for resource_id, created passed when
 * new.  Lives in results; strings are copied once (see rg_results_keep).
 */
rg_rule_verdict *rg_results_rule(rg_results *results, uint32_t control,
                                 const char *resource_id, const char *rule);

/* The copy of s kept in results, shared by every equal string, so the
 * resource IDs and paths repeated across verdicts take memory once. */
const char *rg_results_keep(rg_results *results, const char *s);

/* Raise the rule verdict's status to status when more severe. */
void rg_results_raise(rg_rule_verdict *rv, rg_status status);

/* Add a posture path (strings copied into results; value may be NULL),
 * unless the same path is already there. */
void rg_results_add_path(rg_results *results, rg_rule_verdict *rv,
                         rg_path_kind kind, const char *resource_id,
                         const char *path, const char *value);

/* Add a related resource ID unless present. */
void rg_results_add_related(rg_results *results, rg_rule_verdict *rv,
                            const char *resource_id);

/* Compute every verdict's control status, the control and framework
 * summaries and the scores.  weight gives each resource's weight (NULL:
 * every resource weighs 1). */
void rg_results_finish(rg_results *results, rg_weight_fn weight,
                       void *user);

/* Severity index of a base score: 0 critical .. 4 unknown. */
int rg_results_severity_index(double base_score);

#endif
