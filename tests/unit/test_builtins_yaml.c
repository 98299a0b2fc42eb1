/*
 * Unit tests for yaml.marshal, yaml.unmarshal and yaml.is_valid.
 */
#include <check.h>
#include <string.h>

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
}

static const char *call1(const char *name, const rg_value *a)
{
    const rg_value *out;
    const rg_value *args[1] = { a };
    rg_bstatus st = bctx_double_call(&ctx, name, args, 1, &out);
    return st == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

START_TEST(yaml_should_round_trip_values)
{
    ck_assert_str_eq(call1("yaml.marshal",
                           OBJ(2, S("b"), ARR(2, I(1), S("yes")),
                               S("a"), B(true))),
                     "\"a: true\\nb:\\n- 1\\n- \\\"yes\\\"\\n\"");
    ck_assert_str_eq(call1("yaml.unmarshal", S("a: 1\nb: [x, yes]\n")),
                     "{\"a\": 1, \"b\": [\"x\", true]}");
    ck_assert_str_eq(call1("yaml.unmarshal", S("")), "null");
}
END_TEST

START_TEST(yaml_should_report_syntax_errors)
{
    const char *e = call1("yaml.unmarshal", S("[1,2,3"));
    ck_assert_msg(strstr(e, "yaml.unmarshal: ") == e, "%s", e);
    ck_assert_ptr_nonnull(strstr(e, "yaml: line 1: did not find"));
    ck_assert_str_eq(call1("yaml.is_valid", S("[1,2,3")), "false");
    ck_assert_str_eq(call1("yaml.is_valid", S("a: b")), "true");
    ck_assert_str_eq(call1("yaml.is_valid", I(1)), "false");
}
END_TEST

static Suite *yaml_suite(void)
{
    Suite *s = suite_create("yaml");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, yaml_should_round_trip_values);
    tcase_add_test(tc, yaml_should_report_syntax_errors);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES yaml_suite
#include "tests/unit/check_main.h"
