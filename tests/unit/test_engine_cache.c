/*
 * Unit tests for the compile cache: hits for identical rules, misses
 * for changed bodies, one compilation per rule under concurrent use.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "include/regolith.h"

/* Threads compiling the same modules at once. */
#define CACHE_TEST_THREADS 8

static const char *const policy =
    "package cache.test\n"
    "a := 1\n"
    "b contains x if { some x in [1, 2, 3] }\n"
    "c[k] := v if { some k, v in {\"x\": 1} }\n"
    "f(x) := x + 1\n";

static rg_engine *engine_with(rg_cache *cache, const char *src)
{
    rg_options opts;
    rg_options_init(&opts);
    opts.cache = cache;
    rg_engine *e = rg_engine_new(&opts);
    rg_errors errs;
    rg_errors_init(&errs);
    ck_assert_int_eq(rg_engine_add_module(e, "p.rego", src, strlen(src),
                                          &errs), 0);
    ck_assert_int_eq(rg_engine_compile(e, &errs), 0);
    rg_errors_free(&errs);
    return e;
}

START_TEST(cache_should_hit_for_identical_rules)
{
    rg_cache *cache = rg_cache_new();
    rg_engine *first = engine_with(cache, policy);
    rg_stats s1, s2;
    rg_engine_stats(first, &s1);
    ck_assert_uint_eq(s1.cache_hits, 0);
    ck_assert_uint_eq(s1.cache_misses, 4);
    rg_engine *second = engine_with(cache, policy);
    rg_engine_stats(second, &s2);
    ck_assert_uint_eq(s2.cache_hits, 4);
    ck_assert_uint_eq(s2.cache_misses, 0);
    rg_cache_stats cs;
    rg_cache_stats_get(cache, &cs);
    ck_assert_uint_eq(cs.entries, 4);
    rg_engine_free(first);
    rg_engine_free(second);
    rg_cache_free(cache);
}
END_TEST

START_TEST(cache_should_miss_for_changed_body)
{
    rg_cache *cache = rg_cache_new();
    rg_engine *first = engine_with(cache, policy);
    char changed[512];
    snprintf(changed, sizeof changed, "%s", policy);
    char *at = strstr(changed, "x + 1");
    ck_assert_ptr_nonnull(at);
    at[4] = '2';    /* f(x) := x + 2 */
    rg_engine *second = engine_with(cache, changed);
    rg_stats s;
    rg_engine_stats(second, &s);
    ck_assert_uint_eq(s.cache_misses, 1);
    ck_assert_uint_eq(s.cache_hits, 3);
    rg_errors errs;
    rg_errors_init(&errs);
    rg_arena *a = rg_arena_new(0);
    const rg_value *v = NULL;
    ck_assert_int_eq(rg_engine_eval_ref(second, "data.cache.test.f(1)",
                                        NULL, a, &v, &errs), 0);
    ck_assert_ptr_nonnull(v);
    int64_t n = 0;
    ck_assert(rg_number_int64(v, &n));
    ck_assert_int_eq(n, 3);
    rg_arena_free(a);
    rg_errors_free(&errs);
    rg_engine_free(first);
    rg_engine_free(second);
    rg_cache_free(cache);
}
END_TEST

START_TEST(cache_should_be_off_without_cache)
{
    rg_engine *e = engine_with(NULL, policy);
    rg_stats s;
    rg_engine_stats(e, &s);
    ck_assert_uint_eq(s.cache_hits, 0);
    ck_assert_uint_eq(s.cache_misses, 0);
    ck_assert_uint_eq(s.rules_compiled, 4);
    rg_engine_free(e);
}
END_TEST

static void *compile_in_thread(void *arg)
{
    rg_engine *e = engine_with(arg, policy);
    rg_errors errs;
    rg_errors_init(&errs);
    rg_arena *a = rg_arena_new(0);
    const rg_value *v = NULL;
    int rc = rg_engine_eval_ref(e, "count(data.cache.test.b)", NULL, a, &v,
                                &errs);
    int64_t n = 0;
    bool ok = rc == 0 && v && rg_number_int64(v, &n) && n == 3;
    rg_arena_free(a);
    rg_errors_free(&errs);
    rg_engine_free(e);
    return ok ? arg : NULL;
}

START_TEST(cache_should_compile_once_under_threads)
{
    rg_cache *cache = rg_cache_new();
    pthread_t threads[CACHE_TEST_THREADS];
    for (int i = 0; i < CACHE_TEST_THREADS; i++)
        ck_assert_int_eq(pthread_create(&threads[i], NULL,
                                        compile_in_thread, cache), 0);
    for (int i = 0; i < CACHE_TEST_THREADS; i++) {
        void *ret = NULL;
        pthread_join(threads[i], &ret);
        ck_assert_ptr_eq(ret, cache);
    }
    rg_cache_stats cs;
    rg_cache_stats_get(cache, &cs);
    ck_assert_uint_eq(cs.misses, 4);
    ck_assert_uint_eq(cs.entries, 4);
    ck_assert_uint_eq(cs.hits, 4 * (CACHE_TEST_THREADS - 1));
    rg_cache_free(cache);
}
END_TEST

static Suite *cache_suite(void)
{
    Suite *s = suite_create("engine_cache");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, cache_should_hit_for_identical_rules);
    tcase_add_test(tc, cache_should_miss_for_changed_body);
    tcase_add_test(tc, cache_should_be_off_without_cache);
    tcase_add_test(tc, cache_should_compile_once_under_threads);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES cache_suite
#include "tests/unit/check_main.h"
