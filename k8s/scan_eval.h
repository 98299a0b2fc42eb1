/*
 * The evaluator a scan uses for its rules, built on the embedding API
 * (include/regolith.h): each rule is compiled once, with the library's
 * shared modules, into a query "data.armo_builtins" through a compile
 * cache shared by every rule.
 */
#ifndef RG_K8S_SCAN_EVAL_H
#define RG_K8S_SCAN_EVAL_H

#include <stdio.h>

#include "k8s/scan.h"

/* Set opts->eval and opts->eval_user to the engine-backed evaluator. */
void rg_scan_eval_setup(rg_scan_options *opts);
/* Release what setup created. */
void rg_scan_eval_teardown(rg_scan_options *opts);
/* Print the evaluator's counters (compilations, cache hits) to out. */
void rg_scan_eval_stats(const rg_scan_options *opts, FILE *out);

#endif
