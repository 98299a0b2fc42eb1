/*
 * Unit tests for the arena allocator and error lists.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/arena.h"
#include "runtime/error.h"

static int cleanup_runs;

static void count_cleanup(void *data)
{
    (void)data;
    cleanup_runs++;
}

START_TEST(arena_should_align_allocations)
{
    rg_arena *a = rg_arena_new(64);
    for (int i = 0; i < 100; i++) {
        void *p = rg_arena_alloc(a, (size_t)i + 1);
        ck_assert_uint_eq((uintptr_t)p % _Alignof(max_align_t), 0);
        memset(p, 0xab, (size_t)i + 1);
    }
    rg_arena_free(a);
}
END_TEST

START_TEST(arena_should_serve_big_requests)
{
    rg_arena *a = rg_arena_new(0);
    char *big = rg_arena_alloc(a, 1 << 20);
    memset(big, 1, 1 << 20);
    char *small = rg_arena_strdup(a, "after");
    ck_assert_str_eq(small, "after");
    ck_assert_uint_ge(rg_arena_bytes(a), (size_t)1 << 20);
    rg_arena_clear(a);
    ck_assert_uint_lt(rg_arena_bytes(a), (size_t)1 << 20);
    rg_arena_free(a);
}
END_TEST

START_TEST(arena_should_run_cleanups_once)
{
    cleanup_runs = 0;
    rg_arena *a = rg_arena_new(0);
    rg_arena_on_clear(a, count_cleanup, NULL);
    rg_arena_on_clear(a, count_cleanup, NULL);
    rg_arena_clear(a);
    ck_assert_int_eq(cleanup_runs, 2);
    rg_arena_on_clear(a, count_cleanup, NULL);
    rg_arena_free(a);
    ck_assert_int_eq(cleanup_runs, 3);
}
END_TEST

START_TEST(arena_should_format_strings)
{
    rg_arena *a = rg_arena_new(0);
    ck_assert_str_eq(rg_arena_printf(a, "%s:%d", "x", 42), "x:42");
    ck_assert_str_eq(rg_arena_strndup(a, "abcdef", 3), "abc");
    rg_arena_free(a);
}
END_TEST

START_TEST(errors_should_format_positions)
{
    rg_errors errs;
    rg_errors_init(&errs);
    rg_errors_add(&errs, "rego_parse_error", "a.rego", 3, 7,
                  "unexpected %s", "}");
    rg_errors_add(&errs, "eval_type_error", NULL, 0, 0, "bad");
    char *first = rg_error_format(&errs.items[0]);
    char *second = rg_error_format(&errs.items[1]);
    ck_assert_str_eq(first, "a.rego:3:7: rego_parse_error: unexpected }");
    ck_assert_str_eq(second, "eval_type_error: bad");
    free(first);
    free(second);
    rg_errors_free(&errs);
}
END_TEST

START_TEST(errors_should_stop_at_limit)
{
    rg_errors errs;
    rg_errors_init(&errs);
    errs.limit = 2;
    for (int i = 0; i < 5; i++)
        rg_errors_add(&errs, "rego_parse_error", "f", i + 1, 1, "e%d", i);
    ck_assert_uint_eq(errs.count, 2);
    ck_assert_uint_eq(errs.dropped, 3);
    rg_errors_free(&errs);
}
END_TEST

static Suite *arena_suite(void)
{
    Suite *s = suite_create("arena");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, arena_should_align_allocations);
    tcase_add_test(tc, arena_should_serve_big_requests);
    tcase_add_test(tc, arena_should_run_cleanups_once);
    tcase_add_test(tc, arena_should_format_strings);
    tcase_add_test(tc, errors_should_format_positions);
    tcase_add_test(tc, errors_should_stop_at_limit);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES arena_suite
#include "tests/unit/check_main.h"
