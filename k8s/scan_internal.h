/*
 * Stages of a scan shared between k8s/scan*.c; not for other callers.
 */
#ifndef RG_K8S_SCAN_INTERNAL_H
#define RG_K8S_SCAN_INTERNAL_H

#include "k8s/scan.h"

/* Expand the paths and read every manifest into a new store. */
void rg_scan_load(rg_scan *scan, const rg_scan_options *opts);

/* The controls to run, sorted by ID, and the frameworks to report.
 * Returns -1 after printing the reason to err. */
int rg_scan_select(const rg_policy *policy, const rg_scan_options *opts,
                   const rg_policy_control ***controls, size_t *count,
                   const rg_policy_framework ***frameworks,
                   size_t *framework_count, FILE *err);

/* Evaluate rule j of control index c and record its verdicts. */
void rg_scan_rule(rg_scan *scan, const rg_scan_options *opts, uint32_t c,
                  const rg_policy_rule *rule);

/* The input of rule after its resource aggregator, if any.  Lives in
 * the scan's scratch arena. */
const rg_value *rg_scan_aggregate(rg_scan *scan, const rg_policy_rule *rule,
                                  const rg_value *input);

/* Apply the exceptions written on the resources themselves (the
 * kubescape.io/skip-controls annotation) to the results. */
void rg_scan_inline_exceptions(rg_scan *scan);

/* Read and apply the exception policies of file, and the inline ones,
 * to the results.
 * Returns -1 after printing the reason to err. */
int rg_scan_exceptions(rg_scan *scan, const char *file, FILE *err);

#endif
