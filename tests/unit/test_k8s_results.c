/*
 * Unit tests for rule responses to verdicts (k8s/verdict.c), statuses
 * and scores (k8s/score.c) and posture exceptions (k8s/exceptions.c).
 */
#include <check.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "k8s/docparse.h"
#include "k8s/exceptions.h"
#include "k8s/manifest.h"
#include "k8s/verdict.h"

static const rg_value *json(rg_arena *a, const char *text)
{
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *v = rg_docparse_json(a, "t.json", text, strlen(text),
                                         &errs);
    ck_assert_msg(v != NULL, "bad test JSON: %s", text);
    rg_errors_free(&errs);
    return v;
}

static const char POD_A[] =
    "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", "
    "\"metadata\": {\"name\": \"a\", \"namespace\": \"ns\"}}";
static const char POD_B[] =
    "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", "
    "\"metadata\": {\"name\": \"b\", \"namespace\": \"other\"}}";

static rg_policy_control control(const char *id, double score)
{
    rg_policy_control c;
    memset(&c, 0, sizeof c);
    c.id = id;
    c.name = id;
    c.base_score = score;
    return c;
}

static rg_rule_verdict *find(rg_results *r, const char *id)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->verdicts[i]->resource_id, id) == 0)
            return &r->verdicts[i]->rules[0];
    return NULL;
}

START_TEST(verdict_should_fail_named_and_pass_rest)
{
    rg_arena *a = rg_arena_new(0);
    rg_policy_control c = control("C-1", 7);
    const rg_policy_control *cs[] = {&c};
    rg_results *r = rg_results_new(cs, 1, NULL, 0, 4);
    char doc[1024];
    snprintf(doc, sizeof doc,
             "{\"deny\": [{\"alertMessage\": \"bad\", \"failedPaths\": "
             "[\"spec.x\"], \"fixPaths\": [{\"path\": \"spec.y\", \"value\":"
             " \"1\"}], \"relatedObjects\": [{\"object\": %s, "
             "\"reviewPaths\": [\"spec.z\"]}], \"alertObject\": "
             "{\"k8sApiObjects\": [%s]}}]}", POD_B, POD_A);
    char tested[512];
    snprintf(tested, sizeof tested, "[%s, %s]", POD_A, POD_B);
    rg_rule_run run = {r, 0, "rule", NULL, json(a, tested), NULL, NULL};
    ck_assert_int_eq(rg_verdict_apply(&run, json(a, doc), NULL), 0);
    rg_rule_verdict *va = find(r, "/v1/ns/Pod/a");
    rg_rule_verdict *vb = find(r, "/v1/other/Pod/b");
    ck_assert_int_eq(va->status, RG_STATUS_FAILED);
    ck_assert_int_eq(vb->status, RG_STATUS_PASSED);
    ck_assert_str_eq(va->message, "bad");
    ck_assert_uint_eq(va->path_count, 3);
    ck_assert_int_eq(va->paths[1].kind, RG_PATH_FIX);
    ck_assert_str_eq(va->paths[1].value, "1");
    ck_assert_str_eq(va->paths[2].resource_id, "/v1/other/Pod/b");
    ck_assert_uint_eq(va->related_count, 1);
    rg_results_free(r);
    rg_arena_free(a);
}
END_TEST

/* The input array of the resources of store, as a rule sees it. */
static const rg_value *store_input(rg_arena *a, const rg_store *s)
{
    const rg_value *items[8];
    size_t n = rg_store_count(s);
    ck_assert_uint_le(n, 8);
    for (size_t i = 0; i < n; i++)
        items[i] = rg_store_at(s, i)->object;
    return rg_array(a, items, n);
}

START_TEST(verdict_should_fail_every_file_copy)
{
    rg_arena *a = rg_arena_new(0);
    rg_store *s = rg_store_new(3);
    rg_manifest_summary sum;
    rg_manifest_summary_init(&sum);
    rg_manifest_load_text(s, &sum, "a.json", "a.json", POD_A,
                          strlen(POD_A));
    rg_manifest_load_text(s, &sum, "b.json", "b.json", POD_A,
                          strlen(POD_A));
    rg_manifest_load_text(s, &sum, "c.json", "c.json", POD_B,
                          strlen(POD_B));
    rg_store_index(s);
    rg_policy_control c = control("C-1", 7);
    const rg_policy_control *cs[] = {&c};
    rg_results *r = rg_results_new(cs, 1, NULL, 0, 4);
    rg_rule_run run = {r, 0, "rule", NULL, store_input(a, s), NULL, s};
    /* The response contains a copy of pod a, as a rule's output may. */
    char doc[512];
    snprintf(doc, sizeof doc, "{\"deny\": [{\"alertObject\": "
             "{\"k8sApiObjects\": [%s]}}]}", POD_A);
    ck_assert_int_eq(rg_verdict_apply(&run, json(a, doc), NULL), 0);
    const char *ids[] = {rg_store_at(s, 0)->id, rg_store_at(s, 1)->id,
                         rg_store_at(s, 2)->id};
    ck_assert_str_eq(ids[0], "path=3734351488/api=/v1/ns/Pod/a");
    ck_assert_int_eq(find(r, ids[0])->status, RG_STATUS_FAILED);
    ck_assert_int_eq(find(r, ids[1])->status, RG_STATUS_FAILED);
    ck_assert_int_eq(find(r, ids[2])->status, RG_STATUS_PASSED);
    ck_assert_ptr_null(find(r, "/v1/ns/Pod/a"));
    rg_results_free(r);
    rg_manifest_summary_free(&sum);
    rg_store_free(s);
    rg_arena_free(a);
}
END_TEST

START_TEST(verdict_should_skip_undecodable_results)
{
    rg_arena *a = rg_arena_new(0);
    rg_policy_control c = control("C-1", 7);
    const rg_policy_control *cs[] = {&c};
    rg_results *r = rg_results_new(cs, 1, NULL, 0, 4);
    char tested[512];
    snprintf(tested, sizeof tested, "[%s]", POD_A);
    rg_rule_run run = {r, 0, "rule", NULL, json(a, tested), NULL, NULL};
    const char *error = NULL;
    const char *doc = "{\"deny\": [{\"fixPaths\": [{\"path\": \"x\", "
                      "\"value\": 1}]}]}";
    ck_assert_int_eq(rg_verdict_apply(&run, json(a, doc), &error), -1);
    ck_assert_ptr_nonnull(error);
    ck_assert_int_eq(find(r, "/v1/ns/Pod/a")->status, RG_STATUS_SKIPPED);
    rg_results_free(r);
    rg_arena_free(a);
}
END_TEST

START_TEST(verdict_should_drop_filtered_namespaces)
{
    rg_arena *a = rg_arena_new(0);
    rg_policy_control c = control("C-1", 7);
    const rg_policy_control *cs[] = {&c};
    rg_results *r = rg_results_new(cs, 1, NULL, 0, 4);
    const char *ex[] = {"other"};
    rg_ns_filter filter = {{NULL, 0}, {ex, 1}};
    char tested[512];
    snprintf(tested, sizeof tested, "[%s, %s]", POD_A, POD_B);
    rg_rule_run run = {r, 0, "rule", &filter, json(a, tested), NULL,
                       NULL};
    ck_assert_int_eq(rg_verdict_apply(&run, json(a, "{}"), NULL), 0);
    ck_assert_uint_eq(r->count, 1);
    ck_assert(rg_verdict_ns_skipped(&filter, "other"));
    ck_assert(!rg_verdict_ns_skipped(&filter, ""));
    rg_results_free(r);
    rg_arena_free(a);
}
END_TEST

START_TEST(verdict_should_id_aggregated_subjects)
{
    rg_arena *a = rg_arena_new(0);
    const char *subject =
        "{\"kind\": \"User\", \"name\": \"bob\", \"apiGroup\": \"x\", "
        "\"relatedObjects\": [{\"apiVersion\": \"rbac.authorization.k8s.io"
        "/v1\", \"kind\": \"Role\", \"metadata\": {\"name\": \"r\", "
        "\"namespace\": \"n\"}}]}";
    ck_assert_str_eq(rg_verdict_object_id(a, NULL, json(a, subject)),
                     "//User/bob/rbac.authorization.k8s.io/v1/n/Role/r");
    rg_arena_free(a);
}
END_TEST

static double weigh(void *user, const char *id)
{
    (void)user;
    return strcmp(id, "heavy") == 0 ? 3.3 : 1.0;
}

START_TEST(score_should_follow_kubescape_formulas)
{
    rg_policy_control c1 = control("C-1", 8), c2 = control("C-2", 4);
    rg_policy_control c3 = control("C-3", 5);
    c3.action_required = "manual review";
    const rg_policy_control *cs[] = {&c1, &c2, &c3};
    rg_results *r = rg_results_new(cs, 3, NULL, 0, 8);
    const char *ids[] = {"heavy", "b", "c", "d"};
    for (int i = 0; i < 4; i++)
        rg_results_raise(rg_results_rule(r, 0, ids[i], "rule"),
                         i == 0 ? RG_STATUS_FAILED : RG_STATUS_PASSED);
    r->controls[2].status = RG_STATUS_SKIPPED;
    r->controls[2].sub_status = "manual review";
    rg_results_finish(r, weigh, NULL);
    ck_assert_int_eq(r->controls[0].status, RG_STATUS_FAILED);
    ck_assert_double_eq_tol(r->controls[0].compliance_score, 75, 1e-9);
    ck_assert_double_eq_tol(r->controls[0].score, 100 * 3.3 / 6.3, 1e-9);
    ck_assert_int_eq(r->controls[1].status, RG_STATUS_PASSED);
    ck_assert_str_eq(r->controls[1].sub_status, "irrelevant");
    ck_assert_double_eq_tol(r->controls[1].compliance_score, 100, 1e-9);
    ck_assert_int_eq(r->controls[2].status, RG_STATUS_SKIPPED);
    ck_assert_double_eq_tol(r->controls[2].compliance_score, 0, 1e-9);
    ck_assert_double_eq_tol(r->compliance_score, 175.0 / 3, 1e-9);
    ck_assert_double_eq_tol(r->score, 100 * 3.3 / 6.3, 1e-9);
    ck_assert_uint_eq(r->severity_failed[1], 1);
    rg_results_free(r);
}
END_TEST

START_TEST(score_should_turn_review_failures_skipped)
{
    rg_policy_control c = control("C-1", 5);
    c.action_required = "requires review";
    const rg_policy_control *cs[] = {&c};
    rg_results *r = rg_results_new(cs, 1, NULL, 0, 2);
    rg_results_raise(rg_results_rule(r, 0, "x", "rule"), RG_STATUS_FAILED);
    rg_results_finish(r, NULL, NULL);
    ck_assert_int_eq(r->verdicts[0]->status, RG_STATUS_SKIPPED);
    ck_assert_str_eq(r->verdicts[0]->sub_status, "requires review");
    ck_assert_int_eq(r->controls[0].status, RG_STATUS_SKIPPED);
    rg_results_free(r);
}
END_TEST

static const char POLICIES[] =
    "[{\"name\": \"by-regex\", \"resources\": [{\"designatorType\": "
    "\"Attributes\", \"attributes\": {\"kind\": \"Pod\", \"namespace\": "
    "\"kube-.*\", \"team\": \"ops\"}}], \"posturePolicies\": "
    "[{\"controlID\": \"c-00.*\"}]},"
    " {\"name\": \"old\", \"expirationDate\": \"2001-01-01T00:00:00Z\","
    "  \"resources\": [{\"attributes\": {\"name\": \"p\"}}]},"
    " {\"name\": \"empty\", \"resources\": [{\"attributes\": {}}]}]";

START_TEST(exceptions_should_match_designators)
{
    rg_arena *a = rg_arena_new(0);
    rg_errors errs;
    rg_errors_init(&errs);
    rg_exceptions *ex = rg_exceptions_load(json(a, POLICIES), "e.json",
                                           time(NULL), &errs);
    ck_assert_ptr_nonnull(ex);
    ck_assert_uint_eq(rg_exceptions_count(ex), 2);
    const rg_value *pod = json(a, "{\"kind\": \"Pod\", \"metadata\": "
                                  "{\"name\": \"p\", \"namespace\": "
                                  "\"kube-system\", \"labels\": "
                                  "{\"team\": \"ops\"}}}");
    rg_exception_target t = {"C-0017", "rule", "/v1/kube-system/Pod/p",
                             pod, NULL};
    ck_assert_str_eq(rg_exceptions_match(ex, &t), "by-regex");
    t.control_id = "C-1017";
    ck_assert_ptr_null(rg_exceptions_match(ex, &t));
    t.control_id = "C-0017";
    t.object = json(a, "{\"kind\": \"Pod\", \"metadata\": {\"name\": "
                       "\"p\", \"namespace\": \"kube-system\"}}");
    ck_assert_ptr_null(rg_exceptions_match(ex, &t));
    rg_exceptions_free(ex);
    rg_errors_free(&errs);
    rg_arena_free(a);
}
END_TEST

START_TEST(exceptions_should_read_inline_annotations)
{
    rg_arena *a = rg_arena_new(0);
    const rg_value *pod = json(a, "{\"metadata\": {\"annotations\": "
                                  "{\"kubescape.io/skip-controls\": "
                                  "\"C-0001, c-0017 ,C-0020\"}}}");
    ck_assert(rg_exceptions_inline(pod, "C-0017", time(NULL)));
    ck_assert(rg_exceptions_inline(pod, "C-0001", time(NULL)));
    ck_assert(!rg_exceptions_inline(pod, "C-001", time(NULL)));
    const rg_value *old = json(a, "{\"metadata\": {\"annotations\": "
                                  "{\"kubescape.io/skip-controls\": "
                                  "\"C-0017\", \"kubescape.io/skip-expiry\":"
                                  " \"2001-01-01T00:00:00Z\"}}}");
    ck_assert(!rg_exceptions_inline(old, "C-0017", time(NULL)));
    ck_assert(!rg_exceptions_inline(json(a, "{}"), "C-0017", time(NULL)));
    rg_arena_free(a);
}
END_TEST

static Suite *results_suite(void)
{
    Suite *s = suite_create("results");
    TCase *tc = tcase_create("results");
    tcase_add_test(tc, verdict_should_fail_named_and_pass_rest);
    tcase_add_test(tc, verdict_should_skip_undecodable_results);
    tcase_add_test(tc, verdict_should_fail_every_file_copy);
    tcase_add_test(tc, verdict_should_drop_filtered_namespaces);
    tcase_add_test(tc, verdict_should_id_aggregated_subjects);
    tcase_add_test(tc, score_should_follow_kubescape_formulas);
    tcase_add_test(tc, score_should_turn_review_failures_skipped);
    tcase_add_test(tc, exceptions_should_match_designators);
    tcase_add_test(tc, exceptions_should_read_inline_annotations);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES results_suite
#include "tests/unit/check_main.h"
