/*
 * Validates the scanner's JSON report against docs/scan-results.schema
 * .json and its SARIF report against the SARIF 2.1.0 schema, on scans of
 * the fixture library and manifests.  Run from the repository root.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "k8s/docparse.h"
#include "k8s/readfile.h"
#include "k8s/report.h"
#include "k8s/scan_eval.h"
#include "tests/unit/schema_check.h"

static const rg_value *load_json(rg_arena *a, const char *path)
{
    rg_errors errs;
    rg_errors_init(&errs);
    size_t len;
    char *text = rg_readfile(path, &len, &errs);
    ck_assert_msg(text != NULL, "cannot read %s", path);
    const rg_value *v = rg_docparse_json(a, path, text, len, &errs);
    ck_assert_msg(v != NULL, "invalid JSON in %s", path);
    free(text);
    rg_errors_free(&errs);
    return v;
}

/* The SARIF 2.1.0 schema under $SHARED or ../shared, else under the
 * fallback /work/shared. */
static const char *sarif_schema_path(void)
{
    static char path[4096];
    const char *shared = getenv("SHARED");
    snprintf(path, sizeof path, "%s/schemas/sarif-schema-2.1.0.json",
             shared ? shared : "../shared");
    if (access(path, R_OK) != 0)
        snprintf(path, sizeof path,
                 "/work/shared/schemas/sarif-schema-2.1.0.json");
    return path;
}

typedef void (*report_fn)(FILE *, const rg_scan *,
                          const rg_report_options *);

/* Scan paths with the fixture library and return report's output parsed
 * as JSON, living in a. */
static const rg_value *scan_report(rg_arena *a, const char *const *paths,
                                   size_t n, report_fn report)
{
    rg_scan_options opts;
    memset(&opts, 0, sizeof opts);
    opts.paths = paths;
    opts.path_count = n;
    opts.policy_dir = "tests/fixtures/policy";
    static const char *fixture[] = {"fixture"};
    opts.frameworks.items = fixture;
    opts.frameworks.count = 1;
    rg_scan_eval_setup(&opts);
    FILE *devnull = fopen("/dev/null", "w");
    rg_scan *scan = rg_scan_run(&opts, devnull);
    fclose(devnull);
    ck_assert_ptr_nonnull(scan);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    rg_report_options ro = {true, false, "test", paths, n};
    report(out, scan, &ro);
    fclose(out);
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *v = rg_docparse_json(a, "report", buf, len, &errs);
    ck_assert_msg(v != NULL, "report is not JSON");
    rg_errors_free(&errs);
    free(buf);
    rg_scan_free(scan);
    rg_scan_eval_teardown(&opts);
    return v;
}

START_TEST(schema_should_reject_bad_instances)
{
    rg_arena *a = rg_arena_new(0);
    const char *text = "{\"type\": \"object\", \"required\": [\"n\"],"
                       " \"properties\": {\"n\": {\"type\": \"integer\","
                       " \"minimum\": 1}, \"s\": {\"enum\": [\"a\"]}},"
                       " \"additionalProperties\": false}";
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *schema = rg_docparse_json(a, "s", text, strlen(text),
                                              &errs);
    const char *good = "{\"n\": 2, \"s\": \"a\"}";
    const char *bad = "{\"n\": 0.5, \"s\": \"b\", \"x\": 1}";
    ck_assert_int_eq(schema_check(schema, rg_docparse_json(
                         a, "g", good, strlen(good), &errs)), 0);
    ck_assert_int_eq(schema_check(schema, rg_docparse_json(
                         a, "b", bad, strlen(bad), &errs)), 3);
    rg_errors_free(&errs);
    rg_arena_free(a);
}
END_TEST

START_TEST(json_report_should_match_schema)
{
    rg_arena *a = rg_arena_new(0);
    const char *paths[] = {"tests/fixtures/scan"};
    const rg_value *schema = load_json(a, "docs/scan-results.schema.json");
    const rg_value *report = scan_report(a, paths, 1, rg_report_json);
    ck_assert_int_eq(schema_check(schema, report), 0);
    const rg_value *results = rg_object_get_str(report, "results", 7);
    ck_assert_uint_gt(rg_len(results), 0);
    rg_arena_free(a);
}
END_TEST

START_TEST(json_report_should_match_schema_with_bad_input)
{
    rg_arena *a = rg_arena_new(0);
    const char *paths[] = {"tests/fixtures/scan/app.yaml",
                           "/nonexistent/file.yaml",
                           "tests/fixtures/exceptions.json"};
    const rg_value *schema = load_json(a, "docs/scan-results.schema.json");
    const rg_value *report = scan_report(a, paths, 3, rg_report_json);
    ck_assert_int_eq(schema_check(schema, report), 0);
    rg_arena_free(a);
}
END_TEST

START_TEST(sarif_report_should_match_schema)
{
    rg_arena *a = rg_arena_new(0);
    const char *paths[] = {"tests/fixtures/scan"};
    const rg_value *schema = load_json(a, sarif_schema_path());
    const rg_value *report = scan_report(a, paths, 1, rg_report_sarif);
    ck_assert_int_eq(schema_check(schema, report), 0);
    const rg_value *runs = rg_object_get_str(report, "runs", 4);
    const rg_value *results = rg_object_get_str(rg_array_at(runs, 0),
                                                "results", 7);
    ck_assert_uint_eq(rg_len(results), 3);
    rg_arena_free(a);
}
END_TEST

static Suite *schema_suite(void)
{
    Suite *s = suite_create("report schemas");
    TCase *tc = tcase_create("schemas");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, schema_should_reject_bad_instances);
    tcase_add_test(tc, json_report_should_match_schema);
    tcase_add_test(tc, json_report_should_match_schema_with_bad_input);
    tcase_add_test(tc, sarif_report_should_match_schema);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES schema_suite
#include "tests/unit/check_main.h"
