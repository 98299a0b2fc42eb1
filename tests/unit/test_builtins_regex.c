/*
 * Unit tests for the regex builtins: Go RE2 syntax on PCRE2, Go's
 * repeated-match rules, the compile cache and the backtracking limits.
 */
#include <check.h>
#include <string.h>
#include <time.h>

#include "runtime/builtins/regex_cache.h"
#include "tests/unit/bcall.h"

static void regex_teardown(void)
{
    bcall_teardown();
    rg_regex_cache_clear();
}

START_TEST(regex_should_match_with_go_syntax)
{
    ck_assert_str_eq(call("regex.match", 2, S("^[a-z]+\\[[0-9]+\\]$"),
                          S("foo[1]")), "true");
    ck_assert_str_eq(call("regex.match", 2, S("^$"), S("")), "true");
    ck_assert_str_eq(call("regex.match", 2, S("a$"), S("a\n")), "false");
    ck_assert_str_eq(call("regex.match", 2, S("(?i)ABC"), S("xabcx")),
                     "true");
    ck_assert_str_eq(call("re_match", 2, S("^\\d+$"), S("123")), "true");
    ck_assert_str_eq(call("regex.match", 2, S("(?P<x>a)b"), S("ab")),
                     "true");
    ck_assert_str_eq(call("regex.match", 2, S("\\s"), S("\v")), "false");
}
END_TEST

START_TEST(regex_should_reject_what_re2_rejects)
{
    const char *bad[] = { "(a)\\1", "a(?=b)", "a(?!b)", "(?<=a)b",
                          "a*+", "a++", "(?>a)", "\\Z", "a{1001}",
                          "$^[[[", "(", "\\C", "(*FAIL)" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(strcmp(call("regex.is_valid", 1, S(bad[i])),
                             "false") == 0, "%s accepted", bad[i]);
    }
    ck_assert_str_eq(call("regex.is_valid", 1, S("a{2,5}?\\x{41}\\123")),
                     "true");
    ck_assert_str_eq(call("regex.is_valid", 1, I(1)), "false");
    ck_assert_str_eq(call("regex.match", 2, S("(a)\\1"), S("aa")),
                     "error: regex.match: error parsing regexp: invalid "
                     "escape sequence: `\\1`");
    ck_assert_str_eq(call("regex.match", 2, S("a(?=b)"), S("ab")),
                     "error: regex.match: error parsing regexp: invalid "
                     "or unsupported Perl syntax: `(?=`");
}
END_TEST

START_TEST(regex_should_find_like_go)
{
    ck_assert_str_eq(call("regex.find_n", 3, S("a."), S("paranormal"),
                          I(-1)), "[\"ar\", \"an\", \"al\"]");
    ck_assert_str_eq(call("regex.find_n", 3, S("a."), S("paranormal"),
                          I(2)), "[\"ar\", \"an\"]");
    ck_assert_str_eq(call("regex.find_n", 3, S("a."), S("paranormal"),
                          I(0)), "[]");
    ck_assert_str_eq(call("regex.find_n", 3, S("x*"), S("axxb"), I(-1)),
                     "[\"\", \"xx\", \"\"]");
    ck_assert_str_eq(call("regex.find_all_string_submatch_n", 3,
                          S("a(x*)b"), S("-axxb-ab-"), I(-1)),
                     "[[\"axxb\", \"xx\"], [\"ab\", \"\"]]");
    ck_assert_str_eq(call("regex.find_all_string_submatch_n", 3,
                          S("[^aouiye]([aouiye])([^aouiye])?"),
                          S("somestri"), I(1)),
                     "[[\"som\", \"o\", \"m\"]]");
}
END_TEST

START_TEST(regex_should_split_and_replace_like_go)
{
    ck_assert_str_eq(call("regex.split", 2, S("z+"), S("pizza")),
                     "[\"pi\", \"a\"]");
    ck_assert_str_eq(call("regex.split", 2, S("^[a-z]+"), S("foobar baz")),
                     "[\"\", \" baz\"]");
    ck_assert_str_eq(call("regex.split", 2, S("a"), S("")), "[\"\"]");
    ck_assert_str_eq(call("regex.replace", 3, S("foo"), S("^[a-z]"),
                          S("F")), "\"Foo\"");
    ck_assert_str_eq(call("regex.replace", 3, S("-wy-wxxy-"), S("w(x*)y"),
                          S("0")), "\"-0-0-\"");
    ck_assert_str_eq(call("regex.replace", 3, S("foo"), S("(foo)"),
                          S("$1$1")), "\"foofoo\"");
    ck_assert_str_eq(call("regex.replace", 3, S("ab"), S("(?P<n>a)"),
                          S("[${n}$$]")), "\"[a$]b\"");
    ck_assert_str_eq(call("regex.replace", 3, S("abc"), S("x*"), S("-")),
                     "\"-a-b-c-\"");
    ck_assert_str_eq(call("regex.template_match", 4,
                          S("urn:foo:{.*}"), S("urn:foo:bar:baz"), S("{"),
                          S("}")), "true");
    ck_assert_str_eq(call("regex.template_match", 4,
                          S("urn:foo.bar:<[a-z]+>"), S("urn:fooXbar:baz"),
                          S("<"), S(">")), "false");
    ck_assert_str_eq(call("regex.template_match", 4, S("a{b"), S("ab"),
                          S("{"), S("}")),
                     "error: regex.template_match: unbalanced braces in "
                     "\"a{b\"");
}
END_TEST

START_TEST(regex_should_stop_catastrophic_backtracking)
{
    size_t n = 50 * 1024;
    char *text = rg_arena_alloc(bcall_ctx.arena, n + 2);
    memset(text, 'a', n);
    text[n] = '!';
    text[n + 1] = '\0';
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const char *r = call("regex.match", 2, S("^(a|aa)+$"), S(text));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) +
                  (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    ck_assert_msg(secs < 1.0, "took %.2fs", secs);
    ck_assert_str_eq(r, "false");
    text[n] = '\0';
    ck_assert_str_eq(call("regex.match", 2, S("^(a|b)+$"), S(text)),
                     "true");
}
END_TEST

/* regex.match and regex.template_match only need a yes or no, so a
 * pattern that exhausts backtracking still gets RE2's answer. */
START_TEST(regex_should_answer_past_backtracking_limit)
{
    char text[80];
    memset(text, 'a', 64);
    strcpy(text + 64, "b");
    ck_assert_str_eq(call("regex.match", 2, S("^(a|a)*$"), S(text)),
                     "false");
    ck_assert_str_eq(call("regex.match", 2, S("(a|a)*b$"), S(text)),
                     "true");
    ck_assert_str_eq(call("regex.match", 2, S("^(?:a|a)*(?:c|b)$"),
                          S(text)), "true");
    ck_assert_str_eq(call("regex.template_match", 4, S("x:{(a|a)*}"),
                          S(rg_arena_printf(bcall_ctx.arena, "x:%s", text)),
                          S("{"), S("}")), "false");
    text[64] = '\0';
    ck_assert_str_eq(call("regex.match", 2, S("^(a|a)*$"), S(text)),
                     "true");
}
END_TEST

START_TEST(regex_should_reuse_and_evict_cache_entries)
{
    char pat[32];
    for (int i = 0; i < RG_REGEX_CACHE_MAX * 2; i++) {
        snprintf(pat, sizeof pat, "^x%d$", i);
        ck_assert_str_eq(call("regex.match", 2, S(pat), S("x1")),
                         i == 1 ? "true" : "false");
    }
    ck_assert_str_eq(call("regex.match", 2, S("^x1$"), S("x1")), "true");
}
END_TEST

static Suite *regex_suite(void)
{
    Suite *s = suite_create("builtins_regex");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, bcall_setup, regex_teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, regex_should_match_with_go_syntax);
    tcase_add_test(tc, regex_should_reject_what_re2_rejects);
    tcase_add_test(tc, regex_should_find_like_go);
    tcase_add_test(tc, regex_should_split_and_replace_like_go);
    tcase_add_test(tc, regex_should_stop_catastrophic_backtracking);
    tcase_add_test(tc, regex_should_answer_past_backtracking_limit);
    tcase_add_test(tc, regex_should_reuse_and_evict_cache_entries);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES regex_suite
#include "tests/unit/check_main.h"
