/*
 * Shared main() for the Check unit-test programs.  A test file defines
 * its suites, lists their constructors in RG_SUITES, then includes this
 * header.  The program prints Check's summary and a closing line
 * "NAME: N passed, N failed" that tests/run.sh adds up.
 */
#ifndef RG_CHECK_MAIN_H
#define RG_CHECK_MAIN_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef RG_SUITES
#error "define RG_SUITES as a list of suite constructors before including"
#endif

typedef Suite *(*rg_suite_fn)(void);

int main(int argc, char **argv)
{
    static const rg_suite_fn suites[] = { RG_SUITES };
    size_t n = sizeof suites / sizeof suites[0];
    SRunner *runner = srunner_create(suites[0]());
    for (size_t i = 1; i < n; i++)
        srunner_add_suite(runner, suites[i]());
    srunner_run_all(runner, CK_NORMAL);
    int run = srunner_ntests_run(runner);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    const char *name = argc > 0 ? argv[0] : "unit";
    const char *slash = name;
    for (const char *p = name; *p; p++)
        if (*p == '/')
            slash = p + 1;
    printf("%s: %d passed, %d failed\n", slash, run - failed, failed);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
