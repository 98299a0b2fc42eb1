/*
 * The scan's evaluator; see k8s/scan_eval.h.
 */
#include "k8s/scan_eval.h"

/* TODO: the engine does not implement include/regolith.h yet; until it
 * does, a scan evaluates no rule and reports every tested resource as
 * skipped with the reason. */
void rg_scan_eval_setup(rg_scan_options *opts)
{
    opts->eval = NULL;
    opts->eval_user = NULL;
}

void rg_scan_eval_teardown(rg_scan_options *opts)
{
    opts->eval = NULL;
}

void rg_scan_eval_stats(const rg_scan_options *opts, FILE *out)
{
    if (opts->eval == NULL)
        fprintf(out, "stats: no Rego engine in this build\n");
}
