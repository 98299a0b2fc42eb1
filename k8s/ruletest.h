/*
 * The rule test runner, judging each test case the way Kubescape's
 * regolibrary test runner does:
 *
 * - input: every file of the case's input/ folder in name order, each
 *   read as YAML or JSON, first document only; no match filtering; the
 *   rule's resource aggregator applied;
 * - data: every default postureControlInput of the library, overridden
 *   key by key by the case's data.json, which also gives
 *   dataControlInputs;
 * - the responses (each rule value of the package document, decoded as a
 *   list of rule responses) with each alertObject.k8sApiObjects entry
 *   trimmed to apiVersion, kind, metadata.name and metadata.labels;
 * - expected.json decoded the same way (one object counts as a list of
 *   one); both lists normalized to the response fields (unknown keys
 *   dropped, keys matched ignoring case, a missing list equal to null but
 *   not to []), sorted by their JSON text and compared.
 *
 * expected-filter.json, when present, checks filter.rego the same way.
 */
#ifndef RG_K8S_RULETEST_H
#define RG_K8S_RULETEST_H

#include <stdio.h>

#include "k8s/policy.h"
#include "k8s/scan.h"

typedef struct rg_ruletest_counts {
    size_t passed;
    size_t failed;
} rg_ruletest_counts;

/* Run the cases of every rule of policy found under dir (the library
 * root, dir/<rule folder>/test/<case>/), or only of rule only when not
 * NULL.  Prints one line per failed case (every case with verbose) to
 * out and adds to *counts. */
void rg_ruletest_run(const char *dir, const rg_policy *policy,
                     const char *only, rg_scan_eval_fn eval, void *user,
                     bool verbose, FILE *out, rg_ruletest_counts *counts);

/* Normalize a list of rule responses (a set, an array or one object) to
 * the canonical form compared by the runner: an array, sorted.  trim
 * reduces k8sApiObjects as the runner does for actual results.  Returns
 * NULL with *error set when v cannot be decoded as responses.  Lives in
 * arena. */
const rg_value *rg_ruletest_normalize(rg_arena *arena, const rg_value *v,
                                      bool trim, const char **error);

#endif
