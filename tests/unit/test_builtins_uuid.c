/*
 * Unit tests for uuid.rfc4122 (per-query memo, version 4 layout) and
 * uuid.parse (accepted forms and decoded fields).
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
    if (st == RG_BUILTIN_UNDEFINED)
        return "undefined";
    return st == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

START_TEST(rfc4122_should_memoize_per_key)
{
    const char *a = call1("uuid.rfc4122", S("key"));
    const char *b = call1("uuid.rfc4122", S("key"));
    const char *c = call1("uuid.rfc4122", S("other"));
    ck_assert_str_eq(a, b);
    ck_assert_str_ne(a, c);
    ck_assert_uint_eq(strlen(a), 38);
    ck_assert_int_eq(a[15], '4');
    ck_assert_ptr_nonnull(strchr("89ab", a[20]));
}
END_TEST

START_TEST(parse_should_accept_go_forms)
{
    const char *v4 = "{\"variant\": \"RFC4122\", \"version\": 4}";
    ck_assert_str_eq(call1("uuid.parse",
                           S("00000000-0000-4000-8000-000000000000")), v4);
    ck_assert_str_eq(call1("uuid.parse",
                           S("{00000000-0000-4000-8000-000000000000}")), v4);
    ck_assert_str_eq(call1("uuid.parse",
                           S("(00000000-0000-4000-8000-000000000000)")), v4);
    ck_assert_str_eq(call1("uuid.parse",
                           S("6bea8ef2d3d33cd184e09bab06a52ece")),
                     "{\"variant\": \"RFC4122\", \"version\": 3}");
    ck_assert_str_eq(call1("uuid.parse", S("not-a-uuid")), "undefined");
    ck_assert_str_eq(call1("uuid.parse",
                           S("00000000+0000-4000-8000-000000000000")),
                     "undefined");
}
END_TEST

START_TEST(parse_should_decode_version_2_fields)
{
    ck_assert_str_eq(call1("uuid.parse",
                           S("URN:UUID:000003e8-48b9-21ee-b200-325096b39f47")),
                     "{\"clocksequence\": 12800, \"domain\": \"Person\", "
                     "\"id\": 1000, \"macvariables\": \"local:unicast\", "
                     "\"nodeid\": \"32-50-96-b3-9f-47\", \"time\": "
                     "1693566990121469600, \"variant\": \"RFC4122\", "
                     "\"version\": 2}");
}
END_TEST

static Suite *uuid_suite(void)
{
    Suite *s = suite_create("uuid");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, rfc4122_should_memoize_per_key);
    tcase_add_test(tc, parse_should_accept_go_forms);
    tcase_add_test(tc, parse_should_decode_version_2_fields);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES uuid_suite
#include "tests/unit/check_main.h"
