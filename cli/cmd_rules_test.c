/*
 * regolith rules-test DIR: runs the test cases of every rule of the
 * policy library in DIR (DIR/<rule>/test/<case>/) and judges them as
 * Kubescape's regolibrary test runner does (see k8s/ruletest.h).  The
 * last line is "rules-test: N passed, N failed"; the exit status is 1
 * when any case failed, 2 for a usage error, a library without rules or
 * the rule asked for, no test cases, or a failed write.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "runtime/common.h"
#include "k8s/ruletest.h"
#include "k8s/scan_eval.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: regolith rules-test [-v] [--rule NAME] DIR\n\n"
            "Runs the test cases of the policy library in DIR.\n"
            "  -v           print every case, not only failures\n"
            "  --rule NAME  only the cases of rule NAME\n");
}

typedef struct rules_test_args {
    const char *dir;
    const char *only;
    bool verbose;
} rules_test_args;

/* Print a usage error with its reason, then the usage.  Returns 2. */
static int usage_error(const char *fmt, ...) RG_PRINTF(1, 2);

static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "regolith rules-test: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    usage(stderr);
    return 2;
}

/* Parse the arguments: 0, 1 for --help, or 2 after a usage error. */
static int parse_args(rules_test_args *a, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) {
            a->verbose = true;
        } else if (strcmp(argv[i], "--rule") == 0) {
            if (i + 1 >= argc)
                return usage_error("%s needs a value", argv[i]);
            a->only = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0 ||
                   strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 1;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return usage_error("unknown option '%s'", argv[i]);
        } else if (a->dir != NULL) {
            return usage_error("unexpected argument '%s' (one folder "
                               "only)", argv[i]);
        } else {
            a->dir = argv[i];
        }
    }
    if (a->dir == NULL)
        return usage_error("no policy folder given");
    return 0;
}

/* 0 when the library has the rules asked for, else 2 after saying why. */
static int check_rules(const rules_test_args *a, const rg_policy *policy)
{
    if (policy->rule_count == 0) {
        fprintf(stderr, "regolith rules-test: no rules found in %s "
                "(expected <rule>/rule.metadata.json)\n", a->dir);
        return 2;
    }
    for (size_t i = 0; a->only != NULL && i < policy->rule_count; i++)
        if (strcmp(policy->rules[i].name, a->only) == 0)
            return 0;
    if (a->only == NULL)
        return 0;
    fprintf(stderr, "regolith rules-test: no rule named %s in %s\n",
            a->only, a->dir);
    return 2;
}

/* Run the cases and print the summary line.  Returns the exit status. */
static int run(const rules_test_args *a, const rg_policy *policy)
{
    rg_scan_options opts;
    memset(&opts, 0, sizeof opts);
    rg_scan_eval_setup(&opts);
    rg_ruletest_counts counts = {0, 0};
    rg_ruletest_run(a->dir, policy, a->only, opts.eval, opts.eval_user,
                    a->verbose, stdout, &counts);
    rg_scan_eval_teardown(&opts);
    printf("rules-test: %zu passed, %zu failed\n", counts.passed,
           counts.failed);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "regolith rules-test: cannot write to standard "
                "output: %s\n", strerror(errno));
        return 2;
    }
    if (counts.passed + counts.failed == 0) {
        fprintf(stderr, "regolith rules-test: no test cases found (expected "
                "<rule>/test/<case>/ folders)\n");
        return 2;
    }
    return counts.failed ? 1 : 0;
}

int rg_cmd_rules_test(int argc, char **argv)
{
    rules_test_args a = {NULL, NULL, false};
    int rc = parse_args(&a, argc, argv);
    if (rc != 0)
        return rc == 1 ? 0 : rc;
    rg_errors errs;
    rg_errors_init(&errs);
    rg_policy *policy = rg_policy_load_dir(a.dir, &errs);
    rg_errors_print(&errs, stderr);
    rg_errors_free(&errs);
    if (policy == NULL)
        return 2;
    rc = check_rules(&a, policy);
    if (rc == 0)
        rc = run(&a, policy);
    rg_policy_free(policy);
    return rc;
}
