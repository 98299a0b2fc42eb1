/*
 * Unit tests for the time.* builtins: Go layout parsing and formatting,
 * durations, zones from the system zoneinfo, and OPA's range errors.
 */
#include <check.h>
#include <string.h>

#include "runtime/builtins/timezone.h"
#include "tests/unit/bctx_double.h"
#include "tests/unit/bvalues.h"

static rg_bctx ctx;

static void setup(void)
{
    bctx_double_init(&ctx);
    bv_use(ctx.arena);
}

static void teardown(void)
{
    bctx_double_free(&ctx);
    rg_timezone_cleanup();
}

static const char *call1(const char *name, const rg_value *a)
{
    const rg_value *out;
    const rg_value *args[1] = { a };
    rg_bstatus st = bctx_double_call(&ctx, name, args, 1, &out);
    return st == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

static const char *call2(const char *name, const rg_value *a,
                         const rg_value *b)
{
    const rg_value *out;
    const rg_value *args[2] = { a, b };
    rg_bstatus st = bctx_double_call(&ctx, name, args, 2, &out);
    return st == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

static const char *parse_ns(const char *layout, const char *value)
{
    return call2("time.parse_ns", S(layout), S(value));
}

START_TEST(time_should_parse_go_layouts)
{
    const char *rfc = "2006-01-02T15:04:05Z07:00";
    ck_assert_str_eq(parse_ns(rfc, "2017-06-02T19:00:00-07:00"),
                     "1496455200000000000");
    ck_assert_str_eq(parse_ns(rfc, "1677-09-21T00:12:43.145224192-00:00"),
                     "-9223372036854775808");
    ck_assert_str_eq(parse_ns(rfc, "2262-04-11T23:47:16.854775807-00:00"),
                     "9223372036854775807");
    ck_assert_str_eq(parse_ns("01/02 03:04:05PM '06 -0700",
                              "06/02 07:00:00PM '17 -0700"),
                     "1496455200000000000");
    ck_assert_str_eq(parse_ns("02 Jan 06 15:04 -0700",
                              "02 Jun 17 19:00 -0700"),
                     "1496455200000000000");
    ck_assert_str_eq(parse_ns("RFC822Z", "02 Jun 17 19:00 -0700"),
                     "1496455200000000000");
    ck_assert_str_eq(parse_ns("2006-01-02", "2020-02-29"),
                     "1582934400000000000");
    ck_assert_str_eq(parse_ns("Mon Jan _2 15:04:05 MST 2006",
                              "Tue Feb  4 10:00:00 UTC 2020"),
                     "1580810400000000000");
}
END_TEST

START_TEST(time_should_report_parse_errors_as_go)
{
    const char *rfc = "2006-01-02T15:04:05Z07:00";
    ck_assert_str_eq(parse_ns(rfc, "1677-09-21T00:12:43.145224191-00:00"),
                     "time.parse_ns: time outside of valid range");
    ck_assert_str_eq(ctx.error_code, "eval_builtin_error");
    ck_assert_str_eq(parse_ns(rfc, "2262-04-11T23:47:16.854775808-00:00"),
                     "time.parse_ns: time outside of valid range");
    ck_assert_str_eq(parse_ns("2006-01-02", "2020-13-01"),
                     "time.parse_ns: parsing time \"2020-13-01\": "
                     "month out of range");
    ck_assert_str_eq(parse_ns("2006-01-02", "2021-02-29"),
                     "time.parse_ns: parsing time \"2021-02-29\": "
                     "day out of range");
    ck_assert_str_eq(parse_ns("2006-01-02", "2020/01/01"),
                     "time.parse_ns: parsing time \"2020/01/01\" as "
                     "\"2006-01-02\": cannot parse \"/01/01\" as \"-\"");
    ck_assert_str_eq(parse_ns("2006-01-02", "2020-01-01x"),
                     "time.parse_ns: parsing time \"2020-01-01x\": "
                     "extra text: \"x\"");
    ck_assert_str_eq(parse_ns("2006", "abcd"),
                     "time.parse_ns: parsing time \"abcd\" as \"2006\": "
                     "cannot parse \"abcd\" as \"2006\"");
    ck_assert_str_eq(call2("time.parse_ns", S("2006"), I(1)),
                     "time.parse_ns: operand 2 must be string but got "
                     "number");
    ck_assert_str_eq(ctx.error_code, "eval_type_error");
}
END_TEST

START_TEST(time_should_parse_rfc3339)
{
    const char *name = "time.parse_rfc3339_ns";
    ck_assert_str_eq(call1(name, S("1970-01-01T00:00:00-00:00")), "0");
    ck_assert_str_eq(call1(name, S("2017-06-02T19:00:00-07:00")),
                     "1496455200000000000");
    ck_assert_str_eq(call1(name, S("2017-06-02T19:00:00.5Z")),
                     "1496430000500000000");
    ck_assert_str_eq(call1(name, S("2262-04-11T23:47:16.854775808-00:00")),
                     "time.parse_rfc3339_ns: time outside of valid range");
}
END_TEST

START_TEST(time_should_parse_durations)
{
    const char *name = "time.parse_duration_ns";
    ck_assert_str_eq(call1(name, S("100ms")), "100000000");
    ck_assert_str_eq(call1(name, S("1h30m")), "5400000000000");
    ck_assert_str_eq(call1(name, S("-1.5s")), "-1500000000");
    ck_assert_str_eq(call1(name, S("1\xc2\xb5s")), "1000");
    ck_assert_str_eq(call1(name, S("0")), "0");
    ck_assert_str_eq(call1(name, S("1")),
                     "time.parse_duration_ns: time: missing unit in "
                     "duration \"1\"");
    ck_assert_str_eq(call1(name, S("1d2h")), "93600000000000");
    ck_assert_str_eq(call1(name, S("1y")), "31536000000000000");
    ck_assert_str_eq(call1(name, S("1x")),
                     "time.parse_duration_ns: time: unknown unit \"x\" in "
                     "duration \"1x\"");
    ck_assert_str_eq(call1(name, S("")),
                     "time.parse_duration_ns: time: invalid duration \"\"");
    ck_assert_str_eq(call1(name, S("9223372036854775808ns")),
                     "time.parse_duration_ns: time: invalid duration "
                     "\"9223372036854775808ns\"");
    ck_assert_str_eq(call1(name, S("-9223372036854775808ns")),
                     "-9223372036854775808");
}
END_TEST

START_TEST(time_should_format_with_zones)
{
    const rg_value *ns = I(1670006453141828752);
    ck_assert_str_eq(call1("time.format", ns),
                     "\"2022-12-02T18:40:53.141828752Z\"");
    ck_assert_str_eq(call1("time.format", ARR(2, ns, S("Asia/Kolkata"))),
                     "\"2022-12-03T00:10:53.141828752+05:30\"");
    ck_assert_str_eq(call1("time.format",
                           ARR(3, ns, S("Asia/Kolkata"),
                               S("Mon Jan 02 15:04:05 -0700 2006"))),
                     "\"Sat Dec 03 00:10:53 +0530 2022\"");
    ck_assert_str_eq(call1("time.format",
                           ARR(3, ns, S("Asia/Kolkata"), S("RFC1123Z"))),
                     "\"Sat, 03 Dec 2022 00:10:53 +0530\"");
    ck_assert_str_eq(call1("time.format",
                           ARR(3, ns, S("America/New_York"),
                               S("Monday January 2 3:04PM MST .000"))),
                     "\"Friday December 2 1:40PM EST .141\"");
    /* After 2037 the zone's POSIX rule decides daylight time. */
    ck_assert_str_eq(call1("time.format",
                           ARR(3, I(2162000000LL * 1000000000LL),
                               S("America/New_York"), S("2006-01-02 MST"))),
                     "\"2038-07-05 EDT\"");
    ck_assert_str_eq(call1("time.format", N("1.582977600e22")),
                     "time.format: timestamp too big");
    ck_assert_str_eq(call1("time.format", ARR(2, ns, S("Nowhere/City"))),
                     "time.format: unknown time zone Nowhere/City");
    ck_assert_str_eq(call1("time.format", S("x")),
                     "time.format: operand 1 must be either number (ns) or "
                     "[number (ns), string (tz)] but got string");
}
END_TEST

START_TEST(time_should_split_date_and_clock)
{
    const rg_value *t = I(1517814000LL * 1000000000LL);
    ck_assert_str_eq(call1("time.date", t), "[2018, 2, 5]");
    ck_assert_str_eq(call1("time.date", ARR(2, t, S("America/Los_Angeles"))),
                     "[2018, 2, 4]");
    ck_assert_str_eq(call1("time.date", I(1582977600LL * 1000000000LL)),
                     "[2020, 2, 29]");
    const rg_value *noon = I(1517832000LL * 1000000000LL);
    ck_assert_str_eq(call1("time.clock", noon), "[12, 0, 0]");
    ck_assert_str_eq(call1("time.clock", ARR(2, noon, S("America/New_York"))),
                     "[7, 0, 0]");
    ck_assert_str_eq(call1("time.clock", ARR(2, noon, S(""))), "[12, 0, 0]");
    ck_assert_str_eq(call1("time.weekday", I(1518004800000000000LL)),
                     "\"Wednesday\"");
    ck_assert_str_eq(call1("time.weekday", I(1518350400000000000LL)),
                     "\"Sunday\"");
    ck_assert_str_eq(call1("time.date", I(-1)), "[1969, 12, 31]");
    ck_assert_str_eq(call1("time.weekday", N("1.5")),
                     "time.weekday: timestamp too big");
}
END_TEST

static const char *add_date(const rg_value *t, int64_t y, int64_t m,
                            int64_t d)
{
    const rg_value *out;
    const rg_value *args[4] = { t, I(y), I(m), I(d) };
    rg_bstatus st = bctx_double_call(&ctx, "time.add_date", args, 4, &out);
    return st == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

START_TEST(time_should_add_dates)
{
    ck_assert_str_eq(add_date(I(1585852421593912000LL), 3, 9, 12),
                     "1705257221593912000");
    ck_assert_str_eq(add_date(I(1585852421593912000LL), -1, -1, -1),
                     "1551465221593912000");
    ck_assert_str_eq(add_date(I(0), 2262, 1, 1),
                     "time.add_date: time outside of valid range");
    ck_assert_str_eq(add_date(I(INT64_MIN), 0, 0, -1),
                     "time.add_date: time outside of valid range");
    const rg_value *out;
    const rg_value *args[4] = { I(0), N("1.5"), I(0), I(0) };
    bctx_double_call(&ctx, "time.add_date", args, 4, &out);
    ck_assert_str_eq(ctx.error, "time.add_date: operand 2 must be integer "
                                "number but got floating-point number");
}
END_TEST

START_TEST(time_should_diff_calendars)
{
    const rg_value *a = I(1580601600LL * 1000000000LL);   /* 2020-02-02 */
    const rg_value *b = I(1583020800LL * 1000000000LL);   /* 2020-03-01 */
    ck_assert_str_eq(call2("time.diff", a, b), "[0, 0, 28, 0, 0, 0]");
    ck_assert_str_eq(call2("time.diff", b, a), "[0, 0, 28, 0, 0, 0]");
    const rg_value *c = I(1078012800LL * 1000000000LL);   /* 2004-02-29 */
    const rg_value *d = I(1109635200LL * 1000000000LL);   /* 2005-03-01 */
    ck_assert_str_eq(call2("time.diff", c, d), "[1, 0, 1, 0, 0, 0]");
    const rg_value *now = I(1700000000LL * 1000000000LL);
    const rg_value *later = I(1700000060LL * 1000000000LL);
    ck_assert_str_eq(call2("time.diff", ARR(2, later, S("UTC")),
                           ARR(2, now, S("Asia/Shanghai"))),
                     "[0, 0, 0, 0, 1, 0]");
}
END_TEST

START_TEST(time_should_return_query_now)
{
    const rg_value *out;
    bctx_double_call(&ctx, "time.now_ns", NULL, 0, &out);
    ck_assert_str_eq(TEXT(out), "1704164645000000000");
}
END_TEST

static Suite *time_suite(void)
{
    Suite *s = suite_create("time");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, time_should_parse_go_layouts);
    tcase_add_test(tc, time_should_report_parse_errors_as_go);
    tcase_add_test(tc, time_should_parse_rfc3339);
    tcase_add_test(tc, time_should_parse_durations);
    tcase_add_test(tc, time_should_format_with_zones);
    tcase_add_test(tc, time_should_split_date_and_clock);
    tcase_add_test(tc, time_should_add_dates);
    tcase_add_test(tc, time_should_diff_calendars);
    tcase_add_test(tc, time_should_return_query_now);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES time_suite
#include "tests/unit/check_main.h"
