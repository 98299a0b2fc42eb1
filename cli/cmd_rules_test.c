/*
 * regolith rules-test DIR: runs the test cases of every rule of the
 * policy library in DIR (DIR/<rule>/test/<case>/) and judges them as
 * Kubescape's regolibrary test runner does (see k8s/ruletest.h).  The
 * last line is "rules-test: N passed, N failed"; the exit status is 1
 * when any case failed, 2 for a usage error.
 */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "k8s/ruletest.h"
#include "k8s/scan_eval.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: regolith rules-test [-v] [--rule NAME] DIR\n\n"
            "Runs the test cases of the policy library in DIR.\n"
            "  -v           print every case, not only failures\n"
            "  --rule NAME  only the cases of rule NAME\n");
}

int rg_cmd_rules_test(int argc, char **argv)
{
    const char *dir = NULL, *only = NULL;
    bool verbose = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = true;
        else if (strcmp(argv[i], "--rule") == 0 && i + 1 < argc)
            only = argv[++i];
        else if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] != '-' && dir == NULL)
            dir = argv[i];
        else {
            usage(stderr);
            return 2;
        }
    }
    if (dir == NULL) {
        usage(stderr);
        return 2;
    }
    rg_errors errs;
    rg_errors_init(&errs);
    rg_policy *policy = rg_policy_load_dir(dir, &errs);
    rg_errors_print(&errs, stderr);
    rg_errors_free(&errs);
    if (policy == NULL)
        return 2;
    rg_scan_options opts;
    memset(&opts, 0, sizeof opts);
    rg_scan_eval_setup(&opts);
    rg_ruletest_counts counts = {0, 0};
    rg_ruletest_run(dir, policy, only, opts.eval, opts.eval_user, verbose,
                    stdout, &counts);
    rg_scan_eval_teardown(&opts);
    rg_policy_free(policy);
    printf("rules-test: %zu passed, %zu failed\n", counts.passed,
           counts.failed);
    return counts.failed ? 1 : 0;
}
