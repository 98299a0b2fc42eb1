/*
 * Unit tests for providers.aws.sign_req: SigV4 signatures at a fixed
 * time (values from AWS's documented algorithm, as OPA computes them) and
 * the operand errors.
 */
#include <check.h>
#include <string.h>

#include "tests/unit/bctx_double.h"
#include "tests/unit/bvalues.h"

#define SIGN_TIME 1451311705000000000LL     /* 2015-12-28T14:08:25Z */

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

static const rg_value *config(bool token)
{
    const rg_value *base = OBJ(4, S("aws_access_key"),
                               S("MYAWSACCESSKEYGOESHERE"),
                               S("aws_secret_access_key"),
                               S("MYAWSSECRETACCESSKEYGOESHERE"),
                               S("aws_service"), S("s3"),
                               S("aws_region"), S("us-east-1"));
    if (!token)
        return base;
    return OBJ(5, S("aws_access_key"), S("MYAWSACCESSKEYGOESHERE"),
               S("aws_secret_access_key"), S("MYAWSSECRETACCESSKEYGOESHERE"),
               S("aws_service"), S("s3"), S("aws_region"), S("us-east-1"),
               S("aws_session_token"), S("MYAWSSECURITYTOKENGOESHERE"));
}

static const char *sign(const rg_value *req, const rg_value *cfg,
                        const rg_value *t)
{
    const rg_value *out;
    const rg_value *args[3] = { req, cfg, t };
    rg_bstatus st = bctx_double_call(&ctx, "providers.aws.sign_req", args, 3,
                                     &out);
    return st == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

START_TEST(sign_req_should_produce_sigv4_headers)
{
    const rg_value *req = OBJ(2, S("method"), S("get"),
                              S("url"), S("http://example.com"));
    const char *got = sign(req, config(true), I(SIGN_TIME));
    ck_assert_msg(strstr(got, "SignedHeaders=host;x-amz-content-sha256;"
                              "x-amz-date;x-amz-security-token,Signature="
                              "23c31bda8a74630c0a94f6b82a3511e7e74728df98e6f5"
                              "4ed0840488dbbdc8d1") != NULL, "%s", got);
    ck_assert_ptr_nonnull(strstr(got, "\"x-amz-date\": \"20151228T140825Z\""));
    const rg_value *with_body = OBJ(3, S("method"), S("get"),
                                    S("url"), S("http://example.com"),
                                    S("body"), OBJ(1, S("example"),
                                                   SET(4, I(1), I(2), I(3),
                                                       I(4))));
    got = sign(with_body, config(false), I(SIGN_TIME));
    ck_assert_ptr_nonnull(strstr(got, "Signature=5fb06ab1cfd74c8fcb3af95b8cc"
                                      "e696708cf6155d971dac10f254d79799c6e88"));
}
END_TEST

START_TEST(sign_req_should_report_operand_errors)
{
    const rg_value *req = OBJ(2, S("method"), S("get"),
                              S("url"), S("http://example.com"));
    ck_assert_str_eq(sign(OBJ(0), config(false), I(SIGN_TIME)),
                     "providers.aws.sign_req: operand 1 missing required "
                     "request parameters(s): {\"method\", \"url\"}");
    ck_assert_str_eq(sign(req, OBJ(1, S("example"), S("x")), I(SIGN_TIME)),
                     "providers.aws.sign_req: operand 2 missing required AWS "
                     "config parameters(s): {\"aws_access_key\", "
                     "\"aws_region\", \"aws_secret_access_key\", "
                     "\"aws_service\"}");
    ck_assert_str_eq(sign(req, config(false), N("-1e9")),
                     "providers.aws.sign_req: operand 3 could not convert "
                     "time_ns value into a unix timestamp");
    ck_assert_str_eq(sign(OBJ(3, S("method"), S("get"), S("url"), S("x"),
                              S("bad_key"), I(1)),
                          config(false), I(SIGN_TIME)),
                     "providers.aws.sign_req: operand 1 invalid request "
                     "parameters(s): {\"bad_key\"}");
    ck_assert_str_eq(ctx.error_code, "eval_type_error");
}
END_TEST

static Suite *aws_suite(void)
{
    Suite *s = suite_create("aws");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, sign_req_should_produce_sigv4_headers);
    tcase_add_test(tc, sign_req_should_report_operand_errors);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES aws_suite
#include "tests/unit/check_main.h"
