/*
 * Unit tests for the string builtins: strings.c, trim.c and split.c.
 */
#include <check.h>

#include "tests/unit/bcall.h"

START_TEST(strings_should_concat_arrays_and_sets)
{
    ck_assert_str_eq(call("concat", 2, S(","), ARR(3, S("a"), S("b"),
                                                   S("c"))), "\"a,b,c\"");
    ck_assert_str_eq(call("concat", 2, S("-"), SET(2, S("y"), S("x"))),
                     "\"x-y\"");
    ck_assert_str_eq(call("concat", 2, S(","), ARR(0)), "\"\"");
    ck_assert_str_eq(call("concat", 2, S(","), ARR(2, S("a"), I(1))),
                     "error: concat: operand 2 must be array of strings "
                     "but got array containing number");
    ck_assert_str_eq(call("concat", 2, S(","), I(1)),
                     "error: concat: operand 2 must be one of {set, array}"
                     " but got number");
    ck_assert_str_eq(bcall_ctx.error_code, "eval_type_error");
}
END_TEST

START_TEST(strings_should_index_by_code_points)
{
    ck_assert_str_eq(call("indexof", 2, S("μx"), S("x")), "1");
    ck_assert_str_eq(call("indexof", 2, S("μ"), S("μμ")), "-1");
    ck_assert_str_eq(call("indexof", 2, S("skön var våren"), S("vår")),
                     "9");
    ck_assert_str_eq(call("indexof_n", 2, S("aXbXX"), S("X")),
                     "[1, 3, 4]");
    ck_assert_str_eq(call("indexof_n", 2, S("ééaéé"), S("éé")),
                     "[0, 3]");
    ck_assert_str_eq(call("indexof_n", 2, S("aaa"), S("aa")), "[0, 1]");
    ck_assert_str_eq(call("indexof", 2, S("a\xff"), S("\xfe")), "1");
    ck_assert_str_eq(call("indexof", 2, S("abc"), S("")),
                     "error: indexof: empty search character");
    ck_assert_str_eq(bcall_ctx.error_code, "eval_builtin_error");
}
END_TEST

START_TEST(strings_should_take_substrings)
{
    ck_assert_str_eq(call("substring", 3, S("abcdef"), I(1), I(3)),
                     "\"bcd\"");
    ck_assert_str_eq(call("substring", 3, S("abcdef"), I(2), I(-1)),
                     "\"cdef\"");
    ck_assert_str_eq(call("substring", 3, S("héllo"), I(1), I(2)),
                     "\"él\"");
    ck_assert_str_eq(call("substring", 3, S("abc"), I(9), I(2)), "\"\"");
    ck_assert_str_eq(call("substring", 3, S("abc"), I(-1), I(2)),
                     "error: substring: negative offset");
    ck_assert_str_eq(call("substring", 3, S("abc"), N("1.5"), I(2)),
                     "error: substring: operand 2 must be integer number "
                     "but got floating-point number");
    ck_assert_str_eq(call("substring", 3, S("abc"), N("1.0"), I(2)),
                     "error: substring: operand 2 must be integer number "
                     "but got floating-point number");
    ck_assert_str_eq(call("substring", 3, S("abc"), N("1e0"), I(2)),
                     "error: substring: operand 2 must be integer number "
                     "but got floating-point number");
}
END_TEST

START_TEST(strings_should_change_case_and_reverse)
{
    ck_assert_str_eq(call("upper", 1, S("aBc")), "\"ABC\"");
    ck_assert_str_eq(call("lower", 1, S("ÄBC")), "\"äbc\"");
    ck_assert_str_eq(call("strings.reverse", 1, S("héllo")), "\"olléh\"");
    ck_assert_str_eq(call("strings.reverse", 1, I(1)),
                     "error: strings.reverse: operand 1 must be string but "
                     "got number");
    ck_assert_str_eq(call("strings.count", 2, S("cheese"), S("e")), "3");
    ck_assert_str_eq(call("strings.count", 2, S("five"), S("")), "5");
}
END_TEST

START_TEST(strings_should_match_any_prefix_or_suffix)
{
    ck_assert_str_eq(call("strings.any_prefix_match", 2, S("foobar"),
                          ARR(2, S("x"), S("foo"))), "true");
    ck_assert_str_eq(call("strings.any_suffix_match", 2,
                          SET(2, S("a.com"), S("b.org")), S(".org")),
                     "true");
    ck_assert_str_eq(call("strings.any_prefix_match", 2, S("a"), ARR(0)),
                     "false");
    ck_assert_str_eq(call("strings.any_prefix_match", 2, I(1), S("a")),
                     "error: strings.any_prefix_match: operand 1 must be "
                     "one of {string, set, array} but got number");
    ck_assert_str_eq(call("strings.any_suffix_match", 2, S("a"),
                          ARR(1, I(1))),
                     "error: strings.any_suffix_match: operand 2 must be "
                     "array of strings but got array containing number");
}
END_TEST

START_TEST(trim_should_follow_go_semantics)
{
    ck_assert_str_eq(call("trim", 2, S("xxhixyx"), S("xy")), "\"hi\"");
    ck_assert_str_eq(call("trim_left", 2, S("xxhix"), S("x")), "\"hix\"");
    ck_assert_str_eq(call("trim_right", 2, S("xxhix"), S("x")), "\"xxhi\"");
    ck_assert_str_eq(call("trim_prefix", 2, S("prefix"), S("pre")),
                     "\"fix\"");
    ck_assert_str_eq(call("trim_suffix", 2, S("a.rego"), S(".rego")),
                     "\"a\"");
    ck_assert_str_eq(call("trim_space", 1, S(" \t\u00a0hi\n")), "\"hi\"");
    ck_assert_str_eq(call("trim", 2, S("ééaé"), S("é")), "\"a\"");
}
END_TEST

START_TEST(split_should_split_and_replace)
{
    ck_assert_str_eq(call("split", 2, S("a.b.c"), S(".")),
                     "[\"a\", \"b\", \"c\"]");
    ck_assert_str_eq(call("split", 2, S("abc"), S(",")), "[\"abc\"]");
    ck_assert_str_eq(call("split", 2, S("hé"), S("")), "[\"h\", \"é\"]");
    ck_assert_str_eq(call("strings.split_n", 3, S("a.b.c.d"), S("."),
                          I(2)), "[\"a\", \"b\"]");
    ck_assert_str_eq(call("strings.split_n", 3, S("a.b.c.d"), S("."),
                          I(-2)), "[\"c\", \"d\"]");
    ck_assert_str_eq(call("strings.split_n", 3, S("a.b"), S("."), I(0)),
                     "[]");
    ck_assert_str_eq(call("strings.split_n", 3, S("a"), S("."), N("1.5")),
                     "error: strings.split_n: operand 3 must be integer "
                     "number but got floating-point number");
    ck_assert_str_eq(call("replace", 3, S("aaa"), S("a"), S("bb")),
                     "\"bbbbbb\"");
    ck_assert_str_eq(call("replace", 3, S("abc"), S(""), S("-")),
                     "\"-a-b-c-\"");
    ck_assert_str_eq(call("strings.replace_n", 2,
                          OBJ(2, S("a"), S("1"), S("ab"), S("2")),
                          S("abab")), "\"1b1b\"");
    ck_assert_str_eq(call("strings.replace_n", 2, OBJ(1, S("a"), I(1)),
                          S("abab")),
                     "error: strings.replace_n: operand 1 non-string value"
                     " found in pattern object");
}
END_TEST

static Suite *strings_suite(void)
{
    Suite *s = suite_create("builtins_strings");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, bcall_setup, bcall_teardown);
    tcase_add_test(tc, strings_should_concat_arrays_and_sets);
    tcase_add_test(tc, strings_should_index_by_code_points);
    tcase_add_test(tc, strings_should_take_substrings);
    tcase_add_test(tc, strings_should_change_case_and_reverse);
    tcase_add_test(tc, strings_should_match_any_prefix_or_suffix);
    tcase_add_test(tc, trim_should_follow_go_semantics);
    tcase_add_test(tc, split_should_split_and_replace);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES strings_suite
#include "tests/unit/check_main.h"
