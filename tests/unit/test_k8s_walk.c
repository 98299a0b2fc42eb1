/*
 * Unit tests for the scanner's input discovery (k8s/walk.c) and resource
 * identifiers (k8s/rid.c).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "k8s/rid.h"
#include "k8s/strmap.h"
#include "k8s/walk.h"

static char tree[64];

static void write_file(const char *rel, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tree, rel);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void make_dir(const char *rel)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tree, rel);
    ck_assert_int_eq(mkdir(path, 0755), 0);
}

static void make_link(const char *target, const char *rel)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tree, rel);
    ck_assert_int_eq(symlink(target, path), 0);
}

static void setup_tree(void)
{
    strcpy(tree, "/tmp/rg_walk_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tree));
    make_dir("b");
    make_dir("a");
    write_file("b/z.yaml", "kind: A\n");
    write_file("b/y.yml", "kind: B\n");
    write_file("a/x.json", "{}\n");
    write_file("a/readme.md", "# not a manifest\n");
    write_file("a/yaml", "no extension\n");
    make_link("../b/z.yaml", "a/inside.yaml");
    make_link("/etc/hostname", "a/outside.yaml");
    make_link("missing.yaml", "a/broken.yaml");
}

static void teardown_tree(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tree);
    ck_assert_int_eq(system(cmd), 0);
}

static const char *note_for(const rg_walk_list *list, const char *suffix)
{
    for (size_t i = 0; i < list->note_count; i++) {
        const char *p = list->notes[i].path;
        size_t lp = strlen(p), ls = strlen(suffix);
        if (lp >= ls && strcmp(p + lp - ls, suffix) == 0)
            return list->notes[i].reason;
    }
    return NULL;
}

START_TEST(walk_should_list_manifests_sorted)
{
    rg_walk_list list;
    rg_errors errs;
    rg_walk_init(&list);
    rg_errors_init(&errs);
    ck_assert_int_eq(rg_walk_add(&list, tree, &errs), 0);
    ck_assert_uint_eq(list.count, 3);
    ck_assert_ptr_nonnull(strstr(list.files[0].path, "/a/x.json"));
    ck_assert_ptr_nonnull(strstr(list.files[1].path, "/b/y.yml"));
    ck_assert_ptr_nonnull(strstr(list.files[2].path, "/b/z.yaml"));
    ck_assert_uint_eq(errs.count, 0);
    rg_walk_free(&list);
    rg_errors_free(&errs);
}
END_TEST

START_TEST(walk_should_note_symlinks_without_following)
{
    rg_walk_list list;
    rg_errors errs;
    rg_walk_init(&list);
    rg_errors_init(&errs);
    rg_walk_add(&list, tree, &errs);
    ck_assert_uint_eq(list.note_count, 3);
    ck_assert_ptr_nonnull(strstr(note_for(&list, "a/inside.yaml"),
                                 "inside the scanned tree"));
    ck_assert_ptr_nonnull(strstr(note_for(&list, "a/outside.yaml"),
                                 "out of the scanned tree"));
    ck_assert_ptr_nonnull(strstr(note_for(&list, "a/broken.yaml"),
                                 "broken"));
    rg_walk_free(&list);
    rg_errors_free(&errs);
}
END_TEST

START_TEST(walk_should_take_named_files_and_stdin)
{
    rg_walk_list list;
    rg_errors errs;
    char path[256];
    rg_walk_init(&list);
    rg_errors_init(&errs);
    snprintf(path, sizeof path, "%s/a/readme.md", tree);
    ck_assert_int_eq(rg_walk_add(&list, path, &errs), 0);
    ck_assert_int_eq(rg_walk_add(&list, "-", &errs), 0);
    ck_assert_uint_eq(list.count, 2);
    ck_assert_str_eq(list.files[1].path, "-");
    rg_walk_free(&list);
    rg_errors_free(&errs);
}
END_TEST

START_TEST(walk_should_report_missing_path)
{
    rg_walk_list list;
    rg_errors errs;
    rg_walk_init(&list);
    rg_errors_init(&errs);
    ck_assert_int_eq(rg_walk_add(&list, "/nonexistent/rg", &errs), -1);
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_str_eq(errs.items[0].file, "/nonexistent/rg");
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, "No such file"));
    rg_walk_free(&list);
    rg_errors_free(&errs);
}
END_TEST

START_TEST(rid_should_format_core_and_cluster_scoped)
{
    rg_arena *a = rg_arena_new(0);
    ck_assert_str_eq(rg_rid_format(a, "v1", "default", "Pod", "nginx"),
                     "/v1/default/Pod/nginx");
    ck_assert_str_eq(rg_rid_format(a, "apps/v1", "ns", "Deployment", "d"),
                     "apps/v1/ns/Deployment/d");
    ck_assert_str_eq(rg_rid_format(a, "rbac.authorization.k8s.io/v1",
                                   NULL, "ClusterRole", "admin"),
                     "rbac.authorization.k8s.io/v1//ClusterRole/admin");
    rg_arena_free(a);
}
END_TEST

START_TEST(strmap_should_find_keys_after_growth)
{
    rg_strmap map;
    char keys[200][16];
    rg_strmap_init(&map, 4);
    for (uint32_t i = 0; i < 200; i++) {
        snprintf(keys[i], sizeof keys[i], "key-%u", i);
        ck_assert(rg_strmap_put(&map, keys[i], strlen(keys[i]), i, NULL));
    }
    ck_assert_uint_gt(map.growths, 0);
    for (uint32_t i = 0; i < 200; i++) {
        uint32_t v = 9999;
        ck_assert(rg_strmap_get(&map, keys[i], strlen(keys[i]), &v));
        ck_assert_uint_eq(v, i);
    }
    ck_assert(!rg_strmap_get(&map, "key-200", 7, NULL));
    rg_strmap_free(&map);
}
END_TEST

START_TEST(strmap_should_keep_first_value)
{
    rg_strmap map;
    uint32_t prior = 0;
    rg_strmap_init(&map, 1000);
    ck_assert(rg_strmap_put(&map, "a", 1, 7, NULL));
    ck_assert(!rg_strmap_put(&map, "a", 1, 8, &prior));
    ck_assert_uint_eq(prior, 7);
    ck_assert_uint_eq(map.count, 1);
    ck_assert_uint_eq(map.growths, 0);
    rg_strmap_free(&map);
}
END_TEST

static Suite *walk_suite(void)
{
    Suite *s = suite_create("walk");
    TCase *tc = tcase_create("walk");
    tcase_add_checked_fixture(tc, setup_tree, teardown_tree);
    tcase_add_test(tc, walk_should_list_manifests_sorted);
    tcase_add_test(tc, walk_should_note_symlinks_without_following);
    tcase_add_test(tc, walk_should_take_named_files_and_stdin);
    tcase_add_test(tc, walk_should_report_missing_path);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *rid_suite(void)
{
    Suite *s = suite_create("rid and strmap");
    TCase *tc = tcase_create("rid");
    tcase_add_test(tc, rid_should_format_core_and_cluster_scoped);
    tcase_add_test(tc, strmap_should_find_keys_after_growth);
    tcase_add_test(tc, strmap_should_keep_first_value);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES walk_suite, rid_suite
#include "tests/unit/check_main.h"
