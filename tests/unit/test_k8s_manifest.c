/*
 * Unit tests for manifest loading (k8s/manifest.c), field positions
 * (k8s/yamlpos.c) and the store.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "k8s/manifest.h"
#include "k8s/rid.h"
#include "k8s/yamlpos.h"

static const rg_value *get(const rg_value *obj, const char *key)
{
    return rg_object_get_str(obj, key, strlen(key));
}

START_TEST(manifest_should_apply_yaml_1_1)
{
    const char *text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
                       "spec:\n  volumes:\n  - secret: {defaultMode: 0400}\n"
                       "  containers:\n  - securityContext: {privileged: yes}\n"
                       "    name: \"on\"\n";
    rg_store *s = rg_store_new(1);
    rg_manifest_summary sum;
    rg_manifest_summary_init(&sum);
    ck_assert_int_eq(rg_manifest_load_text(s, &sum, "p.yaml", NULL, text,
                                           strlen(text)), 0);
    const rg_value *spec = get(rg_store_at(s, 0)->object, "spec");
    const rg_value *vol = rg_array_at(get(spec, "volumes"), 0);
    int64_t mode = 0;
    ck_assert(rg_number_int64(get(get(vol, "secret"), "defaultMode"),
                              &mode));
    ck_assert_int_eq(mode, 256);
    const rg_value *c = rg_array_at(get(spec, "containers"), 0);
    ck_assert(get(get(c, "securityContext"), "privileged") ==
              rg_bool(true));
    ck_assert_str_eq(rg_string_bytes(get(c, "name")), "on");
    rg_manifest_summary_free(&sum);
    rg_store_free(s);
}
END_TEST

START_TEST(manifest_should_warn_duplicate_keys)
{
    const char *text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                       "  name: first\n  name: last\n";
    rg_store *s = rg_store_new(1);
    rg_manifest_summary sum;
    rg_manifest_summary_init(&sum);
    rg_manifest_load_text(s, &sum, "d.yaml", NULL, text, strlen(text));
    ck_assert_str_eq(rg_store_at(s, 0)->name, "last");
    ck_assert_uint_eq(sum.warnings.count, 1);
    ck_assert_str_eq(sum.warnings.items[0].file, "d.yaml");
    ck_assert_int_eq(sum.warnings.items[0].line, 5);
    rg_manifest_summary_free(&sum);
    rg_store_free(s);
}
END_TEST

START_TEST(yamlpos_should_locate_fields)
{
    const char *text = "a: 1\n---\napiVersion: v1\nkind: Pod\nspec:\n"
                       "  containers:\n  - name: a\n  - name: b\n"
                       "    securityContext:\n      privileged: true\n";
    int line = 0, col = 0;
    int n = rg_yamlpos_locate(text, strlen(text), 1,
                              "spec.containers[1].securityContext."
                              "privileged", &line, &col);
    ck_assert_int_eq(n, 5);
    ck_assert_int_eq(line, 10);
    ck_assert_int_eq(col, 7);
    n = rg_yamlpos_locate(text, strlen(text), 1, "spec.missing", &line,
                          &col);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(line, 5);
    ck_assert_int_eq(rg_yamlpos_locate(text, strlen(text), 5, "", &line,
                                       &col), -1);
}
END_TEST

START_TEST(yamlpos_should_skip_to_content)
{
    const char *text = "# c\n---\n\n# x\nkind: A\n--- {a: 1}\n";
    ck_assert_int_eq(rg_yamlpos_content_line(text, strlen(text), 1), 5);
    ck_assert_int_eq(rg_yamlpos_content_line(text, strlen(text), 2), 5);
    ck_assert_int_eq(rg_yamlpos_content_line(text, strlen(text), 6), 6);
    ck_assert_int_eq(rg_yamlpos_content_line(text, strlen(text), 9), 9);
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
    ck_assert_int_eq(rg_manifest_load_text(s, &sum, "m.yaml", "m.yaml", MIXED,
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
    ck_assert_int_eq(sum.skips[1].line, 6);
    ck_assert(sum.skips[1].duplicate);
    ck_assert_ptr_nonnull(strstr(sum.skips[1].reason, "m.yaml:23"));
    ck_assert_uint_eq(rg_store_count(s), 3);
    /* 1967763649 is the FNV-1a-32 hash of "m.yaml". */
    const rg_k8s_resource *c2 =
        rg_store_find(s, "path=1967763649/api=/v1//ConfigMap/c2");
    ck_assert_ptr_nonnull(c2);
    ck_assert_int_eq(c2->line, 18);
    ck_assert_str_eq(c2->plain_id, "/v1//ConfigMap/c2");
    const rg_k8s_resource *p =
        rg_store_find(s, "path=1967763649/api=/v1/ns/Pod/p");
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(p->line, 23);
    ck_assert_uint_eq(p->index, 0);
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
    ck_assert_int_eq(rg_manifest_load_text(s, &sum, "bad.yaml", NULL, text,
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
    rg_manifest_load_text(s, &sum, "g.yaml", NULL, text, strlen(text));
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

START_TEST(rid_should_hash_like_kubescape)
{
    /* The values Kubescape's own tests expect for these paths. */
    ck_assert_uint_eq(rg_rid_path_hash("/path/file"), 1336429864u);
    ck_assert_uint_eq(rg_rid_path_hash(""), 2166136261u);
    rg_arena *a = rg_arena_new(0);
    ck_assert_str_eq(rg_rid_file_format(a, 1336429864u, "///b/"),
                     "path=1336429864/api=///b/");
    ck_assert_str_eq(rg_rid_plain("path=1/api=apps/v1/x/Deployment/d"),
                     "apps/v1/x/Deployment/d");
    ck_assert_str_eq(rg_rid_plain("/v1/x/Pod/p"), "/v1/x/Pod/p");
    rg_arena_free(a);
}
END_TEST

START_TEST(store_should_keep_one_object_per_file)
{
    const char *text = "apiVersion: v1\nkind: Pod\n"
                       "metadata: {name: p, namespace: ns}\n";
    rg_store *s = rg_store_new(2);
    rg_manifest_summary sum;
    rg_manifest_summary_init(&sum);
    rg_manifest_load_text(s, &sum, "x/a.yaml", "a.yaml", text,
                          strlen(text));
    rg_manifest_load_text(s, &sum, "y/b.yaml", "b.yaml", text,
                          strlen(text));
    rg_store_index(s);
    ck_assert_uint_eq(rg_store_count(s), 2);
    ck_assert_uint_eq(sum.duplicates, 0);
    const rg_k8s_resource *a = rg_store_at(s, 0), *b = rg_store_at(s, 1);
    ck_assert_str_ne(a->id, b->id);
    ck_assert_str_eq(a->plain_id, b->plain_id);
    ck_assert_ptr_eq(rg_store_resolve(s, a->object, a->plain_id), a);
    ck_assert_ptr_eq(rg_store_resolve(s, b->object, b->plain_id), b);
    ck_assert_ptr_eq(rg_store_find_plain(s, "/v1/ns/Pod/p"), a);
    ck_assert_ptr_eq(rg_store_next_same_plain(s, a), b);
    ck_assert_ptr_null(rg_store_next_same_plain(s, b));
    ck_assert_ptr_null(rg_store_resolve(s, rg_null(), "/v1/ns/Pod/q"));
    rg_manifest_summary_free(&sum);
    rg_store_free(s);
}
END_TEST

static Suite *yaml_suite(void)
{
    Suite *s = suite_create("yaml");
    TCase *tc = tcase_create("yaml");
    tcase_add_test(tc, manifest_should_apply_yaml_1_1);
    tcase_add_test(tc, manifest_should_warn_duplicate_keys);
    tcase_add_test(tc, yamlpos_should_locate_fields);
    tcase_add_test(tc, yamlpos_should_skip_to_content);
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
    tcase_add_test(tc, rid_should_hash_like_kubescape);
    tcase_add_test(tc, store_should_keep_one_object_per_file);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES yaml_suite, manifest_suite
#include "tests/unit/check_main.h"
