/*
 * Unit tests for number arithmetic with OPA's semantics: the int fast
 * path, exact big integers, 64-bit big.Float emulation and the text of
 * the results.
 */
#include <check.h>
#include <string.h>

#include "runtime/number.h"

static rg_arena *arena;

static void setup(void)
{
    arena = rg_arena_new(0);
}

static void teardown(void)
{
    rg_arena_free(arena);
}

static const rg_value *num(const char *text)
{
    const rg_value *v = rg_number_parse(arena, text, strlen(text));
    ck_assert_msg(v != NULL, "number %s did not parse", text);
    return v;
}

typedef struct arith_case {
    char op;
    const char *a;
    const char *b;
    const char *want;   /* result text, or the error message */
} arith_case;

static const char *apply(char op, const char *a, const char *b)
{
    const rg_value *out = NULL;
    rg_number_status st;
    switch (op) {
    case '+':
        st = rg_number_add(arena, num(a), num(b), &out);
        break;
    case '-':
        st = rg_number_sub(arena, num(a), num(b), &out);
        break;
    case '*':
        st = rg_number_mul(arena, num(a), num(b), &out);
        break;
    case '/':
        st = rg_number_div(arena, num(a), num(b), &out);
        break;
    default:
        st = rg_number_rem(arena, num(a), num(b), &out);
        break;
    }
    if (st != RG_NUMBER_OK)
        return rg_number_status_text(st);
    return rg_number_text(arena, out);
}

static const arith_case cases[] = {
    { '+', "2", "3", "5" },
    { '-', "1", "4", "-3" },
    { '*', "3", "4", "12" },
    { '+', "9223372036854775807", "1", "9223372036854775808" },
    { '-', "-9223372036854775808", "1", "-9223372036854775809" },
    { '+', "18446744073709551617", "1", "18446744073709551618" },
    { '-', "18446744073709551617", "1", "18446744073709551616" },
    { '*', "18446744073709551617", "2", "36893488147419103234" },
    { '+', "123456789012345678901234567890", "1",
      "123456789012345678901234567891" },
    { '-', "-18446744073709551617", "1", "-18446744073709551618" },
    { '+', "1.5", "2.5", "4" },
    { '+', "1", "2.5", "3.5" },
    { '*', "2.5", "2", "5" },
    { '+', "2.0", "1", "3" },
    { '+', "0.1", "0.2", "0.3" },
    { '-', "0.3", "0.1", "0.20000000000000000002" },
    { '*', "1.1", "1.1", "1.21" },
    { '*', "1000000", "1.5", "1500000" },
    { '/', "10", "4", "2.5" },
    { '/', "8", "4", "2" },
    { '/', "1", "3", "0.33333333333333333334" },
    { '/', "2", "3", "0.6666666666666666667" },
    { '/', "1", "1e7", "1e-07" },
    { '/', "3000000", "2", "1500000" },
    { '/', "1e21", "0.5", "2000000000000000000000" },
    { '/', "0", "5", "0" },
    { '/', "0", "-5", "-0" },
    { '/', "1", "0", "divide by zero" },
    { '/', "1", "0.0", "divide by zero" },
    { '/', "1.5", "0e3", "divide by zero" },
    { '%', "7", "4", "3" },
    { '%', "-7", "4", "-3" },
    { '%', "7", "-4", "3" },
    { '%', "7", "0", "modulo by zero" },
    { '%', "1.1", "1", "modulo on floating-point number" },
    { '%', "5", "0.0", "modulo by zero" },
    { '%', "4.0", "3", "1" },
    { '%', "-9223372036854775808", "-1", "0" },
    { '%', "10", "18446744073709551616", "10" },
    { '%', "5", "55340232221128654848", "5" },
    { '%', "7", "340282366920938463463374607431768211456", "7" },
    { '%', "100", "-18446744073709551616", "100" },
    { '%', "18446744073709551617", "18446744073709551616", "1" },
    { '+', "49649733057", "1", "49649733058" },
};

START_TEST(arith_should_match_opa)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const arith_case *c = &cases[i];
        const char *got = apply(c->op, c->a, c->b);
        ck_assert_msg(strcmp(got, c->want) == 0, "%s %c %s = %s, want %s",
                      c->a, c->op, c->b, got, c->want);
    }
}
END_TEST

START_TEST(arith_should_cap_result_size)
{
    const rg_value *big = num("1e60000");
    const rg_value *out = NULL;
    ck_assert_int_eq(rg_number_mul(arena, big, big, &out),
                     RG_NUMBER_OUT_OF_RANGE);
    ck_assert_ptr_null(out);
    ck_assert_str_eq(rg_number_status_text(RG_NUMBER_OUT_OF_RANGE),
                     "number out of range");
    const rg_value *huge = num("1.5e500000000");
    ck_assert_int_eq(rg_number_mul(arena, huge, huge, &out),
                     RG_NUMBER_OUT_OF_RANGE);
    ck_assert_ptr_null(rg_number_round(arena, huge));
}
END_TEST

static const char *unary_text(const rg_value *(*fn)(rg_arena *,
                                                    const rg_value *),
                              const char *a)
{
    const rg_value *v = fn(arena, num(a));
    ck_assert_ptr_nonnull(v);
    return rg_number_text(arena, v);
}

START_TEST(unary_should_match_opa)
{
    ck_assert_str_eq(unary_text(rg_number_abs, "-4"), "4");
    ck_assert_str_eq(unary_text(rg_number_abs, "-1.5"), "1.5");
    ck_assert_str_eq(unary_text(rg_number_abs, "-3000000000"), "3000000000");
    ck_assert_str_eq(unary_text(rg_number_round, "2.5"), "3");
    ck_assert_str_eq(unary_text(rg_number_round, "-2.5"), "-3");
    ck_assert_str_eq(unary_text(rg_number_round, "-0.2"), "0");
    ck_assert_str_eq(unary_text(rg_number_round, "7"), "7");
    ck_assert_str_eq(unary_text(rg_number_ceil, "1.01"), "2");
    ck_assert_str_eq(unary_text(rg_number_ceil, "2222.2222222222"), "2223");
    ck_assert_str_eq(unary_text(rg_number_ceil, "-1.99999"), "-1");
    ck_assert_str_eq(unary_text(rg_number_ceil, "-0.5"), "1");
    ck_assert_str_eq(unary_text(rg_number_floor, "1.5"), "1");
    ck_assert_str_eq(unary_text(rg_number_floor, "99.99999"), "99");
    ck_assert_str_eq(unary_text(rg_number_floor, "-1.001"), "-2");
    ck_assert_str_eq(unary_text(rg_number_floor, "-0.5"), "0");
    ck_assert_str_eq(unary_text(rg_number_floor, "1e400"),
                     rg_number_text(arena, rg_number_floor(arena,
                                                           num("1e400"))));
}
END_TEST

START_TEST(neg_should_keep_digits)
{
    ck_assert_str_eq(unary_text(rg_number_neg, "1.50"), "-1.50");
    ck_assert_str_eq(unary_text(rg_number_neg, "-1.50"), "1.50");
    ck_assert_str_eq(unary_text(rg_number_neg, "5"), "-5");
    ck_assert_str_eq(unary_text(rg_number_neg, "-9223372036854775808"),
                     "9223372036854775808");
    ck_assert_str_eq(unary_text(rg_number_neg, "18446744073709551616"),
                     "-18446744073709551616");
}
END_TEST

START_TEST(mpz_should_round_trip)
{
    mpz_t z;
    mpz_init(z);
    ck_assert(rg_number_to_mpz(num("1e30"), z));
    const rg_value *v = rg_number_from_mpz(arena, z);
    ck_assert_str_eq(rg_number_text(arena, v),
                     "1000000000000000000000000000000");
    ck_assert(rg_value_equal(v, num("1e30")));
    ck_assert(rg_number_to_mpz(num("-42"), z));
    ck_assert_int_eq(mpz_get_si(z), -42);
    ck_assert(rg_number_to_mpz(num("-2.50e1"), z));
    ck_assert_int_eq(mpz_get_si(z), -25);
    ck_assert(!rg_number_to_mpz(num("2.5"), z));
    ck_assert(!rg_number_to_mpz(num("1e200000"), z));
    mpz_clear(z);
}
END_TEST

START_TEST(sign_should_follow_value)
{
    ck_assert_int_eq(rg_number_sign(num("-0.0")), 0);
    ck_assert_int_eq(rg_number_sign(num("-0")), 0);
    ck_assert_int_eq(rg_number_sign(num("-1e-400")), -1);
    ck_assert_int_eq(rg_number_sign(num("3")), 1);
    ck_assert_str_eq(rg_number_text(arena, num("-0")), "-0");
    ck_assert(rg_value_equal(num("-0"), num("0")));
}
END_TEST

START_TEST(double_should_use_go_format)
{
    ck_assert_str_eq(rg_number_text(arena, rg_double(arena, 0.1)), "0.1");
    ck_assert_str_eq(rg_number_text(arena, rg_double(arena, 1e21)),
                     "1e+21");
    ck_assert_str_eq(rg_number_text(arena, rg_double(arena, 1.5e-7)),
                     "1.5e-07");
    ck_assert_str_eq(rg_number_text(arena, rg_double(arena, 123456.5)),
                     "123456.5");
    ck_assert_str_eq(rg_number_text(arena, rg_double(arena, 1234567.5)),
                     "1.2345675e+06");
    ck_assert_str_eq(rg_number_text(arena, rg_double(arena, -2.0)), "-2");
}
END_TEST

static Suite *number_suite(void)
{
    Suite *s = suite_create("number");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, arith_should_match_opa);
    tcase_add_test(tc, arith_should_cap_result_size);
    tcase_add_test(tc, unary_should_match_opa);
    tcase_add_test(tc, neg_should_keep_digits);
    tcase_add_test(tc, mpz_should_round_trip);
    tcase_add_test(tc, sign_should_follow_value);
    tcase_add_test(tc, double_should_use_go_format);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES number_suite
#include "tests/unit/check_main.h"
