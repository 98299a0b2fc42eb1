/*
 * Loads every manifest of the shared Kubernetes corpus (942 YAML and JSON
 * files) with positions and interned keys: nothing may fail and every
 * non-empty document must be a mapping.
 */
/* nftw is an X/Open function. */
#define _XOPEN_SOURCE 700

#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "runtime/yaml.h"

/* Open file descriptors nftw may use while walking. */
#define WALK_FDS 16

typedef struct corpus_stats {
    int files;
    int docs;
    int empty;
    int non_mappings;
    int failed_files;
} corpus_stats;

static corpus_stats stats;
static rg_intern *keys;

static const char *find_shared(void)
{
    static char path[4096];
    const char *env = getenv("SHARED");
    const char *candidates[] = { env, "../shared", "/work/shared" };
    struct stat st;
    for (size_t i = 0; i < 3; i++) {
        if (candidates[i] == NULL)
            continue;
        snprintf(path, sizeof path, "%s/manifests", candidates[i]);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            return path;
    }
    return NULL;
}

static bool count_doc(void *user, const rg_yaml_doc *doc)
{
    (void)user;
    stats.docs++;
    if (doc->value == NULL)
        stats.empty++;
    else if (rg_value_kind(doc->value) != RG_OBJECT)
        stats.non_mappings++;
    return true;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    fclose(f);
    return buf;
}

static bool is_manifest(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0 ||
                   strcmp(dot, ".json") == 0);
}

static int visit(const char *path, const struct stat *st, int type,
                 struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (type != FTW_F || !is_manifest(path))
        return 0;
    size_t len;
    char *text = read_file(path, &len);
    if (text == NULL)
        return 0;
    stats.files++;
    rg_arena *arena = rg_arena_new(0);
    rg_errors errs;
    rg_errors_init(&errs);
    rg_yaml_options opts = { path, keys, true, NULL, NULL };
    if (rg_yaml_stream(arena, text, len, &opts, count_doc, NULL, &errs)) {
        stats.failed_files++;
        rg_errors_print(&errs, stderr);
    }
    rg_errors_free(&errs);
    rg_arena_free(arena);
    free(text);
    return 0;
}

START_TEST(corpus_should_load_every_manifest)
{
    const char *dir = find_shared();
    ck_assert_msg(dir != NULL, "shared/manifests not found: set SHARED");
    keys = rg_intern_new();
    memset(&stats, 0, sizeof stats);
    ck_assert_int_eq(nftw(dir, visit, WALK_FDS, FTW_PHYS), 0);
    rg_intern_free(keys);
    ck_assert_int_ge(stats.files, 900);
    ck_assert_int_eq(stats.failed_files, 0);
    ck_assert_int_ge(stats.docs - stats.empty, 2400);
    ck_assert_int_ge(stats.empty, 30);
    ck_assert_int_eq(stats.non_mappings, 0);
}
END_TEST

static Suite *corpus_suite(void)
{
    Suite *s = suite_create("yaml_corpus");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, corpus_should_load_every_manifest);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES corpus_suite
#include "tests/unit/check_main.h"
