/*
 * Unit tests for the YAML reader (k8s/yamldoc.c, k8s/yamlscalar.c,
 * k8s/yamlpos.c), manifest loading (k8s/manifest.c) and the store.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "k8s/manifest.h"
#include "k8s/yamldoc.h"
#include "k8s/yamlscalar.h"

static const rg_value *get(const rg_value *obj, const char *key)
{
    return rg_object_get_str(obj, key, strlen(key));
}

/* The only document of text, read into arena; fails the test on error. */
static const rg_value *one_doc(rg_arena *a, const char *text,
                               rg_errors *warnings)
{
    rg_errors errs;
    rg_errors_init(&errs);
    rg_yamldoc_reader *r = rg_yamldoc_open("t.yaml", text, strlen(text), a,
                                           warnings);
    rg_yamldoc doc;
    ck_assert_int_eq(rg_yamldoc_next(r, &doc, &errs), 1);
    ck_assert_uint_eq(errs.count, 0);
    rg_yamldoc_close(r);
    rg_errors_free(&errs);
    return doc.root;
}

START_TEST(scalar_should_follow_yaml_1_1)
{
    rg_arena *a = rg_arena_new(0);
    int64_t i;
    ck_assert(rg_yamlscalar_resolve(a, "yes", 3) == rg_bool(true));
    ck_assert(rg_yamlscalar_resolve(a, "Off", 3) == rg_bool(false));
    ck_assert(rg_yamlscalar_resolve(a, "n", 1) == rg_bool(false));
    ck_assert(rg_yamlscalar_resolve(a, "~", 1) == rg_null());
    ck_assert(rg_number_int64(rg_yamlscalar_resolve(a, "0400", 4), &i));
    ck_assert_int_eq(i, 256);
    ck_assert(rg_number_int64(rg_yamlscalar_resolve(a, "0x1f", 4), &i));
    ck_assert_int_eq(i, 31);
    ck_assert(rg_number_int64(rg_yamlscalar_resolve(a, "0b101", 5), &i));
    ck_assert_int_eq(i, 5);
    ck_assert(rg_number_int64(rg_yamlscalar_resolve(a, "1:20", 4), &i));
    ck_assert_int_eq(i, 80);
    ck_assert(rg_number_int64(rg_yamlscalar_resolve(a, "-1_000", 6), &i));
    ck_assert_int_eq(i, -1000);
    ck_assert(rg_number_int64(rg_yamlscalar_resolve(a, "08", 2), &i));
    ck_assert_int_eq(i, 8);
    ck_assert_double_eq(rg_number_double(rg_yamlscalar_resolve(a, "0.5",
                                                               3)), 0.5);
    ck_assert_double_eq(rg_number_double(rg_yamlscalar_resolve(a, ".5",
                                                               2)), 0.5);
    ck_assert_int_eq(rg_value_kind(rg_yamlscalar_resolve(a, "=", 1)),
                     RG_STRING);
    ck_assert_int_eq(rg_value_kind(rg_yamlscalar_resolve(a, ".inf", 4)),
                     RG_STRING);
    ck_assert_int_eq(rg_value_kind(rg_yamlscalar_resolve(a, "1.2.3", 5)),
                     RG_STRING);
    rg_arena_free(a);
}
END_TEST

START_TEST(yaml_should_keep_quoted_strings)
{
    rg_arena *a = rg_arena_new(0);
    rg_errors w;
    rg_errors_init(&w);
    const rg_value *v = one_doc(a, "a: \"yes\"\nb: '0400'\nc: !!str on\n"
                                   "d: yes\n", &w);
    ck_assert_str_eq(rg_string_bytes(get(v, "a")), "yes");
    ck_assert_str_eq(rg_string_bytes(get(v, "b")), "0400");
    ck_assert_str_eq(rg_string_bytes(get(v, "c")), "on");
    ck_assert(get(v, "d") == rg_bool(true));
    rg_errors_free(&w);
    rg_arena_free(a);
}
END_TEST

START_TEST(yaml_should_warn_duplicate_keys_last_wins)
{
    rg_arena *a = rg_arena_new(0);
    rg_errors w;
    rg_errors_init(&w);
    const rg_value *v = one_doc(a, "kind: A\ntype: first\nname: n\ntype: last\n",
                                &w);
    ck_assert_str_eq(rg_string_bytes(get(v, "type")), "last");
    ck_assert_uint_eq(w.count, 1);
    ck_assert_int_eq(w.items[0].line, 4);
    ck_assert_int_eq(w.items[0].col, 1);
    ck_assert_ptr_nonnull(strstr(w.items[0].message, "\"type\""));
    rg_errors_free(&w);
    rg_arena_free(a);
}
END_TEST

START_TEST(yaml_should_expand_aliases_and_merge_keys)
{
    rg_arena *a = rg_arena_new(0);
    rg_errors w;
    rg_errors_init(&w);
    const rg_value *v = one_doc(a, "base: &b {x: 1, y: 2}\n"
                                   "cmd: &c [sh, -c]\n"
                                   "use: *c\n"
                                   "m:\n  <<: *b\n  y: 3\n", &w);
    ck_assert(rg_value_equal(get(v, "use"), get(v, "cmd")));
    const rg_value *m = get(v, "m");
    int64_t i;
    ck_assert(rg_number_int64(get(m, "x"), &i));
    ck_assert_int_eq(i, 1);
    ck_assert(rg_number_int64(get(m, "y"), &i));
    ck_assert_int_eq(i, 3);
    rg_errors_free(&w);
    rg_arena_free(a);
}
END_TEST

START_TEST(yaml_should_stop_alias_bombs)
{
    const char *bomb =
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
    rg_arena *a = rg_arena_new(0);
    rg_errors w, errs;
    rg_errors_init(&w);
    rg_errors_init(&errs);
    rg_yamldoc_reader *r = rg_yamldoc_open("bomb.yaml", bomb, strlen(bomb),
                                           a, &w);
    rg_yamldoc doc;
    ck_assert_int_eq(rg_yamldoc_next(r, &doc, &errs), -1);
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, "too many"));
    rg_yamldoc_close(r);
    rg_errors_free(&w);
    rg_errors_free(&errs);
    rg_arena_free(a);
}
END_TEST

START_TEST(yaml_should_read_crlf_and_tabbed_json)
{
    rg_arena *a = rg_arena_new(0);
    rg_errors w;
    rg_errors_init(&w);
    const rg_value *v = one_doc(a, "kind: Pod\r\nname: web\r\n", &w);
    ck_assert_str_eq(rg_string_bytes(get(v, "name")), "web");
    v = one_doc(a, "{\n\t\"kind\": \"Pod\",\n\t\"n\": [1,\t2]\n}\n", &w);
    ck_assert_str_eq(rg_string_bytes(get(v, "kind")), "Pod");
    ck_assert_uint_eq(rg_len(get(v, "n")), 2);
    rg_errors_free(&w);
    rg_arena_free(a);
}
END_TEST

START_TEST(yaml_should_locate_fields)
{
    const char *text = "a: 1\n---\napiVersion: v1\nkind: Pod\nspec:\n"
                       "  containers:\n  - name: a\n  - name: b\n"
                       "    securityContext:\n      privileged: true\n";
    int line = 0, col = 0;
    int n = rg_yamldoc_locate(text, strlen(text), 1,
                              "spec.containers[1].securityContext."
                              "privileged", &line, &col);
    ck_assert_int_eq(n, 5);
    ck_assert_int_eq(line, 10);
    ck_assert_int_eq(col, 7);
    n = rg_yamldoc_locate(text, strlen(text), 1, "spec.missing", &line,
                          &col);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(line, 5);
    ck_assert_int_eq(rg_yamldoc_locate(text, strlen(text), 5, "", &line,
                                       &col), -1);
}
END_TEST

static const char MIXED[] =
    "# banner\n---\n---\n# only a comment\n---\n"
    "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ns}\n"
    "---\nfoo: bar\n"
    "---\napiVersion: v1\nkind: ConfigMapList\nitems:\n"
    "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c1}\n"
    "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c2}\n"
    "...\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ns}\n";

START_TEST(manifest_should_account_for_every_document)
{
    rg_store *s = rg_store_new(rg_manifest_estimate(MIXED, strlen(MIXED)));
    rg_manifest_summary sum;
    rg_manifest_summary_init(&sum);
    ck_assert_int_eq(rg_manifest_load_text(s, &sum, "m.yaml", MIXED,
                                           strlen(MIXED)), 0);
    ck_assert_uint_eq(sum.documents, 6);
    ck_assert_uint_eq(sum.empty, 2);
    ck_assert_uint_eq(sum.resources, 3);
    ck_assert_uint_eq(sum.list_items, 2);
    ck_assert_uint_eq(sum.lists, 1);
    ck_assert_uint_eq(sum.not_kubernetes, 1);
    ck_assert_uint_eq(sum.duplicates, 1);
    ck_assert_uint_eq(sum.skip_count, 2);
    ck_assert_int_eq(sum.skips[0].line, 10);
    ck_assert_ptr_nonnull(strstr(sum.skips[1].reason, "m.yaml:6"));
    ck_assert_uint_eq(rg_store_count(s), 3);
    const rg_k8s_resource *c2 = rg_store_find(s, "/v1//ConfigMap/c2");
    ck_assert_ptr_nonnull(c2);
    ck_assert_int_eq(c2->line, 18);
    ck_assert_int_eq(rg_store_find(s, "/v1/ns/Pod/p")->line, 6);
    rg_store_stats st;
    rg_store_stats_get(s, &st);
    ck_assert_uint_eq(st.growths, 0);
    rg_manifest_summary_free(&sum);
    rg_store_free(s);
}
END_TEST

START_TEST(manifest_should_keep_documents_before_error)
{
    const char *text = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n"
                       "---\napiVersion: v1\nkind: [unclosed\n";
    rg_store *s = rg_store_new(2);
    rg_manifest_summary sum;
    rg_manifest_summary_init(&sum);
    ck_assert_int_eq(rg_manifest_load_text(s, &sum, "bad.yaml", text,
                                           strlen(text)), -1);
    ck_assert_uint_eq(rg_store_count(s), 1);
    ck_assert_uint_eq(sum.errors.count, 1);
    ck_assert_str_eq(sum.errors.items[0].file, "bad.yaml");
    ck_assert_int_gt(sum.errors.items[0].line, 5);
    ck_assert_int_gt(sum.errors.items[0].col, 0);
    ck_assert_uint_eq(sum.unreadable, 1);
    rg_manifest_summary_free(&sum);
    rg_store_free(s);
}
END_TEST

START_TEST(store_should_index_by_group_sorted)
{
    const char *text =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: e}\n";
    rg_store *s = rg_store_new(1);
    rg_manifest_summary sum;
    rg_manifest_summary_init(&sum);
    rg_manifest_load_text(s, &sum, "g.yaml", text, strlen(text));
    rg_store_index(s);
    ck_assert_uint_eq(rg_store_group_count(s), 2);
    const rg_store_group *g0 = rg_store_group_at(s, 0);
    ck_assert_str_eq(g0->key, "/v1/pods");
    const rg_store_group *g1 = rg_store_group_at(s, 1);
    ck_assert_str_eq(g1->key, "apps/v1/deployments");
    ck_assert_uint_eq(g1->count, 2);
    ck_assert_str_eq(rg_store_at(s, g1->items[1])->name, "e");
    rg_store_stats st;
    rg_store_stats_get(s, &st);
    ck_assert_uint_gt(st.growths, 0);
    rg_manifest_summary_free(&sum);
    rg_store_free(s);
}
END_TEST

static Suite *yaml_suite(void)
{
    Suite *s = suite_create("yaml");
    TCase *tc = tcase_create("yaml");
    tcase_add_test(tc, scalar_should_follow_yaml_1_1);
    tcase_add_test(tc, yaml_should_keep_quoted_strings);
    tcase_add_test(tc, yaml_should_warn_duplicate_keys_last_wins);
    tcase_add_test(tc, yaml_should_expand_aliases_and_merge_keys);
    tcase_add_test(tc, yaml_should_stop_alias_bombs);
    tcase_add_test(tc, yaml_should_read_crlf_and_tabbed_json);
    tcase_add_test(tc, yaml_should_locate_fields);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *manifest_suite(void)
{
    Suite *s = suite_create("manifest");
    TCase *tc = tcase_create("manifest");
    tcase_add_test(tc, manifest_should_account_for_every_document);
    tcase_add_test(tc, manifest_should_keep_documents_before_error);
    tcase_add_test(tc, store_should_index_by_group_sorted);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES yaml_suite, manifest_suite
#include "tests/unit/check_main.h"
