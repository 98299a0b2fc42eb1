/*
 * Unit tests for sprintf: Go fmt verbs, flags, width and precision, the
 * operand conversion OPA applies, and Go's mismatch notations.
 */
#include <check.h>

#include "tests/unit/bcall.h"

/* sprintf(fmt, [arg]) as a quoted result string. */
static const char *fmt1(const char *fmt, const rg_value *arg)
{
    return call("sprintf", 2, S(fmt), ARR(1, arg));
}

START_TEST(sprintf_should_format_integers)
{
    ck_assert_str_eq(fmt1("%d", I(5)), "\"5\"");
    ck_assert_str_eq(call("sprintf", 2, S("%5d|%-5d|%05d"),
                          ARR(3, I(42), I(42), I(42))),
                     "\"   42|42   |00042\"");
    ck_assert_str_eq(fmt1("%+d", I(5)), "\"+5\"");
    ck_assert_str_eq(fmt1("%x", I(255)), "\"ff\"");
    ck_assert_str_eq(fmt1("%#x", I(255)), "\"0xff\"");
    ck_assert_str_eq(fmt1("%X", I(-255)), "\"-FF\"");
    ck_assert_str_eq(fmt1("%#o", I(8)), "\"010\"");
    ck_assert_str_eq(fmt1("%O", I(8)), "\"0o10\"");
    ck_assert_str_eq(fmt1("%b", I(5)), "\"101\"");
    ck_assert_str_eq(fmt1("%c", I(65)), "\"A\"");
    ck_assert_str_eq(fmt1("%q", I(65)), "\"'A'\"");
    ck_assert_str_eq(fmt1("%U", I(65)), "\"U+0041\"");
    ck_assert_str_eq(fmt1("%#U", I(65)), "\"U+0041 'A'\"");
    ck_assert_str_eq(fmt1("%.3d", I(7)), "\"007\"");
    ck_assert_str_eq(fmt1("%v", N("18446744073709551617")),
                     "\"18446744073709551617\"");
    ck_assert_str_eq(fmt1("%x", N("18446744073709551617")),
                     "\"10000000000000001\"");
}
END_TEST

START_TEST(sprintf_should_format_floats)
{
    ck_assert_str_eq(fmt1("%v", N("1.5")), "\"1.5\"");
    ck_assert_str_eq(fmt1("%f", N("1.5")), "\"1.500000\"");
    ck_assert_str_eq(fmt1("%.2f", N("3.14159")), "\"3.14\"");
    ck_assert_str_eq(fmt1("%e", N("1234.5678")), "\"1.234568e+03\"");
    ck_assert_str_eq(fmt1("%g", N("1e6")), "\"1e+06\"");
    ck_assert_str_eq(fmt1("%v", N("100000.0")), "\"100000\"");
    ck_assert_str_eq(fmt1("%v", N("0.000012")), "\"1.2e-05\"");
    ck_assert_str_eq(fmt1("%v", N("0.1")), "\"0.1\"");
    ck_assert_str_eq(fmt1("%08.3f", N("-3.14159")), "\"-003.142\"");
    ck_assert_str_eq(fmt1("%+.1e", N("12345.0")), "\"+1.2e+04\"");
    ck_assert_str_eq(fmt1("%d", N("1.5")), "\"%!d(float64=1.5)\"");
}
END_TEST

START_TEST(sprintf_should_format_strings_and_values)
{
    ck_assert_str_eq(fmt1("%s", S("foo")), "\"foo\"");
    ck_assert_str_eq(fmt1("%q", S("a\"b")), "\"\\\"a\\\\\\\"b\\\"\"");
    ck_assert_str_eq(fmt1("%#v", S("a")), "\"\\\"a\\\"\"");
    ck_assert_str_eq(fmt1("%6s|", S("foo")), "\"   foo|\"");
    ck_assert_str_eq(fmt1("%-5s|", S("ab")), "\"ab   |\"");
    ck_assert_str_eq(fmt1("%.2s", S("héllo")), "\"hé\"");
    ck_assert_str_eq(fmt1("%x", S("hi")), "\"6869\"");
    ck_assert_str_eq(fmt1("% x", S("hi")), "\"68 69\"");
    ck_assert_str_eq(fmt1("%v", SET(2, I(2), I(1))), "\"{1, 2}\"");
    ck_assert_str_eq(fmt1("%v", ARR(1, S("a"))), "\"[\\\"a\\\"]\"");
    ck_assert_str_eq(fmt1("%v", OBJ(1, S("a"), I(1))),
                     "\"{\\\"a\\\": 1}\"");
    ck_assert_str_eq(fmt1("%v", B(true)), "\"true\"");
    ck_assert_str_eq(fmt1("%t", B(true)), "\"%!t(string=true)\"");
    ck_assert_str_eq(fmt1("%v", SET(0)), "\"set()\"");
}
END_TEST

START_TEST(sprintf_should_report_mismatches_like_go)
{
    ck_assert_str_eq(fmt1("%d", S("foo")), "\"%!d(string=foo)\"");
    ck_assert_str_eq(fmt1("%s", I(5)), "\"%!s(int=5)\"");
    ck_assert_str_eq(fmt1("%é", I(5)), "\"%!é(int=5)\"");
    ck_assert_str_eq(call("sprintf", 2, S("%d %d"), ARR(1, I(1))),
                     "\"1 %!d(MISSING)\"");
    ck_assert_str_eq(call("sprintf", 2, S("%d"), ARR(2, I(1), S("x"))),
                     "\"1%!(EXTRA string=x)\"");
    ck_assert_str_eq(call("sprintf", 2, S("100%"), ARR(0)),
                     "\"100%!(NOVERB)\"");
    ck_assert_str_eq(call("sprintf", 2, S("100%%"), ARR(0)), "\"100%\"");
    ck_assert_str_eq(call("sprintf", 2, S("%*d"), ARR(2, I(4), I(7))),
                     "\"   7\"");
    ck_assert_str_eq(call("sprintf", 2, S("%[2]d %[1]s"),
                          ARR(2, S("a"), I(7))), "\"7 a\"");
    ck_assert_str_eq(call("sprintf", 2, S("%[3]d"), ARR(1, I(1))),
                     "\"%!d(BADINDEX)\"");
    ck_assert_str_eq(call("sprintf", 2, S("%d"), S("x")),
                     "error: sprintf: operand 2 must be array but got "
                     "string");
}
END_TEST

/* The largest width pads with zeros like any other; a larger one is
 * Go's BADWIDTH, and a written number Go overflows on also consumes
 * the rest of the format. */
START_TEST(sprintf_should_bound_width_and_precision)
{
    const char *s = fmt1("%01000000d", I(1));
    size_t n = strlen(s);
    ck_assert_uint_eq(n, 1000000 + 2);
    ck_assert_int_eq(s[1], '0');
    ck_assert_int_eq(s[n - 3], '0');
    ck_assert_int_eq(s[n - 2], '1');
    s = fmt1("%0999999d", I(-1));
    ck_assert_uint_eq(strlen(s), 999999 + 2);
    ck_assert_int_eq(s[1], '-');
    ck_assert_int_eq(s[2], '0');
    ck_assert_str_eq(fmt1("%01000001d", I(1)), "\"%!(BADWIDTH)1\"");
    ck_assert_str_eq(fmt1("%.1000001d", I(1)), "\"%!(BADPREC)1\"");
    ck_assert_str_eq(fmt1("%0100000000d|", I(1)),
                     "\"%!(BADWIDTH)%!(NOVERB)%!(EXTRA int=1)\"");
    ck_assert_str_eq(fmt1("%.100000000d|", I(1)),
                     "\"%!(NOVERB)%!(EXTRA int=1)\"");
    ck_assert_str_eq(fmt1("%00d", I(-5)), "\"-5\"");
}
END_TEST

static Suite *sprintf_suite(void)
{
    Suite *s = suite_create("builtins_sprintf");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, bcall_setup, bcall_teardown);
    tcase_add_test(tc, sprintf_should_format_integers);
    tcase_add_test(tc, sprintf_should_format_floats);
    tcase_add_test(tc, sprintf_should_format_strings_and_values);
    tcase_add_test(tc, sprintf_should_report_mismatches_like_go);
    tcase_add_test(tc, sprintf_should_bound_width_and_precision);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES sprintf_suite
#include "tests/unit/check_main.h"
