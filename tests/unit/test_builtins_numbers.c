/*
 * Unit tests for the number builtins: numbers.c, bits.c and range.c.
 */
#include <check.h>

#include "tests/unit/bcall.h"

START_TEST(numbers_should_compute_like_opa)
{
    ck_assert_str_eq(call("plus", 2, I(1), N("2.5")), "3.5");
    ck_assert_str_eq(call("plus", 2, N("9223372036854775807"), I(1)),
                     "9223372036854775808");
    ck_assert_str_eq(call("div", 2, I(1), I(0)),
                     "error: div: divide by zero");
    ck_assert_str_eq(call("rem", 2, N("1.5"), I(1)),
                     "error: rem: modulo on floating-point number");
    ck_assert_str_eq(call("rem", 2, I(-7), I(2)), "-1");
    ck_assert_str_eq(call("minus", 2, SET(2, I(1), I(2)), SET(1, I(2))),
                     "{1}");
    ck_assert_str_eq(call("minus", 2, I(1), SET(0)),
                     "error: minus: operand 2 must be number but got set");
    ck_assert_str_eq(call("minus", 2, SET(0), I(1)),
                     "error: minus: operand 2 must be set but got number");
    ck_assert_str_eq(call("minus", 2, S("a"), I(1)),
                     "error: minus: operand 1 must be one of {number, set} "
                     "but got string");
    ck_assert_str_eq(call("plus", 2, S("a"), I(1)),
                     "error: plus: operand 1 must be number but got "
                     "string");
    ck_assert_str_eq(call("round", 1, N("-2.5")), "-3");
    ck_assert_str_eq(call("abs", 1, I(-4)), "4");
}
END_TEST

START_TEST(numbers_should_sum_and_multiply)
{
    ck_assert_str_eq(call("sum", 1, ARR(2, N("18446744073709551617"),
                                        I(1))), "18446744073709551618");
    ck_assert_str_eq(call("sum", 1, ARR(2, N("1.5"), N("2.5"))), "4");
    ck_assert_str_eq(call("sum", 1, ARR(0)), "0");
    ck_assert_str_eq(call("product", 1, SET(3, I(2), I(3), I(4))), "24");
    ck_assert_str_eq(call("sum", 1, ARR(2, I(1), S("a"))),
                     "error: sum: operand 1 must be array of numbers but "
                     "got array containing string");
}
END_TEST

START_TEST(bits_should_handle_big_integers)
{
    ck_assert_str_eq(call("bits.and", 2, I(12), I(10)), "8");
    ck_assert_str_eq(call("bits.or", 2, I(12), I(10)), "14");
    ck_assert_str_eq(call("bits.xor", 2, I(12), I(10)), "6");
    ck_assert_str_eq(call("bits.negate", 1, I(5)), "-6");
    ck_assert_str_eq(call("bits.lsh", 2, I(1), I(70)),
                     "1180591620717411303424");
    ck_assert_str_eq(call("bits.rsh", 2, I(-5), I(1)), "-3");
    ck_assert_str_eq(call("bits.rsh", 2, I(5), I(-1)),
                     "error: bits.rsh: operand 2 must be an unsigned "
                     "integer number but got a negative integer");
    ck_assert_str_eq(call("bits.xor", 2, N("1.5"), I(1)),
                     "error: bits.xor: operand 1 must be integer number "
                     "but got floating-point number");
    ck_assert_str_eq(call("format_int", 2, N("18446744073709551617"),
                          I(16)), "\"10000000000000001\"");
    ck_assert_str_eq(call("format_int", 2, N("-15.9"), I(16)), "\"-f\"");
    ck_assert_str_eq(call("format_int", 2, I(5), I(3)),
                     "error: format_int: operand 2 must be one of {2, 8, "
                     "10, 16}");
}
END_TEST

START_TEST(range_should_count_both_ways)
{
    ck_assert_str_eq(call("numbers.range", 2, I(1), I(3)), "[1, 2, 3]");
    ck_assert_str_eq(call("numbers.range", 2, I(2), I(0)), "[2, 1, 0]");
    ck_assert_str_eq(call("numbers.range_step", 3, I(0), I(7), I(3)),
                     "[0, 3, 6]");
    ck_assert_str_eq(call("numbers.range_step", 3, I(0), I(7), I(0)),
                     "error: numbers.range_step: step must be a positive "
                     "integer");
    ck_assert_str_eq(call("numbers.range", 2, N("1.5"), I(3)),
                     "error: numbers.range: operand 1 must be integer "
                     "number but got floating-point number");
    ck_assert_str_eq(call("numbers.range", 2, I(0), N("1e12")),
                     "error: numbers.range: range has more than 10000000 "
                     "elements");
}
END_TEST

START_TEST(rand_should_memoize_per_query)
{
    const char *first = call("rand.intn", 2, S("k"), I(1000000));
    ck_assert_str_eq(call("rand.intn", 2, S("k"), I(1000000)), first);
    ck_assert_str_eq(call("rand.intn", 2, S("k"), I(0)), "0");
    const char *small = call("rand.intn", 2, S("z"), I(-1));
    ck_assert_str_eq(small, "0");
}
END_TEST

static Suite *numbers_suite(void)
{
    Suite *s = suite_create("builtins_numbers");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, bcall_setup, bcall_teardown);
    tcase_add_test(tc, numbers_should_compute_like_opa);
    tcase_add_test(tc, numbers_should_sum_and_multiply);
    tcase_add_test(tc, bits_should_handle_big_integers);
    tcase_add_test(tc, range_should_count_both_ways);
    tcase_add_test(tc, rand_should_memoize_per_query);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES numbers_suite
#include "tests/unit/check_main.h"
