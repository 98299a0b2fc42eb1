/*
 * Unit tests for escaping text written to a terminal (k8s/termsafe.c).
 */
#include <check.h>
#include <string.h>

#include "k8s/termsafe.h"

START_TEST(termsafe_should_keep_plain_text)
{
    rg_arena *a = rg_arena_new(0);
    const char *s = "nginx-\xc3\xa9t\xc3\xa9 \t";
    const char *plain = "nginx-\xc3\xa9t\xc3\xa9";
    ck_assert_ptr_eq(rg_termsafe(a, plain), plain);
    ck_assert_str_eq(rg_termsafe(a, s), "nginx-\xc3\xa9t\xc3\xa9 \\x09");
    ck_assert_ptr_null(rg_termsafe(a, NULL));
    rg_arena_free(a);
}
END_TEST

START_TEST(termsafe_should_escape_controls)
{
    rg_arena *a = rg_arena_new(0);
    ck_assert_str_eq(rg_termsafe(a, "a\x1b[31mb\x01\x7f"),
                     "a\\x1b[31mb\\x01\\x7f");
    ck_assert_str_eq(rg_termsafe(a, "c1:\xc2\x9b"), "c1:\\u009b");
    ck_assert_str_eq(rg_termsafe(a, "ls\xe2\x80\xa8ps\xe2\x80\xa9"),
                     "ls\\u2028ps\\u2029");
    rg_arena_free(a);
}
END_TEST

static Suite *termsafe_suite(void)
{
    Suite *s = suite_create("termsafe");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, termsafe_should_keep_plain_text);
    tcase_add_test(tc, termsafe_should_escape_controls);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES termsafe_suite
#include "tests/unit/check_main.h"
