/*
 * Unit tests for the io.jwt builtins: decoding, error texts, signing with
 * HMAC, RSA (PKCS #1 and PSS), ECDSA and Ed25519 JWKs, verification with
 * certificates and JWKs, and decode_verify's constraints.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "runtime/json.h"
#include "tests/unit/bctx_double.h"
#include "tests/unit/bvalues.h"

#define FIXTURES "tests/unit/fixtures/x509/"

/* The HMAC key of RFC 7515 appendix A.1, as a JWK. */
#define HS_KEY "{\"kty\": \"oct\", \"k\": \"AyM1SysPpbyDfgZld3umj1qzKObwVMk" \
               "oqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}"

/* An Ed25519 key pair as a JWK (from OPA's conformance cases). */
#define ED_KEY "{\"kty\": \"OKP\", \"alg\": \"EdDSA\", \"crv\": \"Ed25519\", " \
               "\"x\": \"wEZFfoAj1rFKTLOOmjJjVZlCHwksuvMb2I5y_hg70E8\", " \
               "\"d\": \"9XI34uQzYUJfWhDZf_0nYsLMBRVu8a6dFsy60P8uugk\"}"

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

static const char *fixture(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, FIXTURES "%s", name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "missing fixture %s", path);
    char *buf = rg_arena_alloc(ctx.arena, 16384);
    size_t n = fread(buf, 1, 16383, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static const char *run(const char *name, size_t n, const rg_value *a,
                       const rg_value *b, const rg_value *c)
{
    const rg_value *out;
    const rg_value *args[3] = { a, b, c };
    rg_bstatus st = bctx_double_call(&ctx, name, args, n, &out);
    return st == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

/* The string result of a call, for chaining. */
static const rg_value *value_of(const char *name, size_t n, const rg_value *a,
                                const rg_value *b, const rg_value *c)
{
    const rg_value *out;
    const rg_value *args[3] = { a, b, c };
    rg_bstatus st = bctx_double_call(&ctx, name, args, n, &out);
    ck_assert_msg(st == RG_BUILTIN_OK, "%s failed: %s", name, ctx.error);
    return out;
}

static const rg_value *json_value(const char *text)
{
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *out = rg_json_parse(ctx.arena, text, strlen(text), NULL,
                                        NULL, &errs);
    rg_errors_free(&errs);
    ck_assert_ptr_nonnull(out);
    return out;
}

START_TEST(decode_should_split_and_decode)
{
    const char *tok = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwIiwia"
                      "XNzIjoib3BhIn0.XmVoLoHI3pxMtMO_WRONMSJzGUDP9pDjy8Jp0_td"
                      "RXY";
    ck_assert_str_eq(run("io.jwt.decode", 1, S(tok), NULL, NULL),
                     "[{\"alg\": \"HS256\", \"typ\": \"JWT\"}, {\"iss\": "
                     "\"opa\", \"sub\": \"0\"}, \"5e65682e81c8de9c4cb4c3bf59"
                     "138d3122731940cff690e3cbc269d3fb5d4576\"]");
    const char *nested =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6IkpXVCJ9.ImV5SmhiR2NpT2"
        "lKSVV6STFOaUlzSW5SNWNDSTZJa3BYVkNKOS5leUp6ZFdJaU9pSXdJaXdpYVhOeklqb"
        "2liM0JoSW4wLlhtVm9Mb0hJM3B4TXRNT19XUk9OTVNKekdVRFA5cERqeThKcDBfdGRS"
        "WFki.8W0qx4mLxslmZl7wEMUWBxH7tST3XsEuWXxesXqFnRI";
    ck_assert(strstr(run("io.jwt.decode", 1, S(nested), NULL, NULL),
                     "{\"iss\": \"opa\", \"sub\": \"0\"}") != NULL);
}
END_TEST

START_TEST(decode_should_report_opa_errors)
{
    ck_assert_str_eq(run("io.jwt.decode", 1, S("abc"), NULL, NULL),
                     "io.jwt.decode: encoded JWT had no period separators");
    ck_assert_str_eq(run("io.jwt.decode", 1, S("a.b"), NULL, NULL),
                     "io.jwt.decode: encoded JWT must have 3 sections, "
                     "found 2");
    ck_assert_str_eq(run("io.jwt.decode", 1,
                         S("eyJhbGciOiJIU^%zI1NiI+sInR5cCI6IkpXVCJ9.eyJzdWIi"
                           "OiIwIiwiaXNzIjoib3BhIn0.XmVo"), NULL, NULL),
                     "io.jwt.decode: JWT header had invalid encoding: "
                     "illegal base64 data at input byte 13");
    ck_assert_str_eq(run("io.jwt.decode", 1,
                         S("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIw"
                           "Iiwia/XNzIjoib3BhIn0.XmVo"), NULL, NULL),
                     "io.jwt.decode: JWT payload had invalid encoding: "
                     "illegal base64 data at input byte 17");
    ck_assert_str_eq(run("io.jwt.decode", 1,
                         S("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImVuYyI6ImJsY"
                           "WgifQ.e30.McGU"), NULL, NULL),
                     "io.jwt.decode: JWT is a JWE object, which is not "
                     "supported");
    ck_assert_str_eq(run("io.jwt.decode", 1, I(1), NULL, NULL),
                     "io.jwt.decode: operand 1 must be string but got "
                     "number");
}
END_TEST

START_TEST(encode_sign_should_match_known_tokens)
{
    ck_assert_str_eq(run("io.jwt.encode_sign", 3,
                         OBJ(2, S("alg"), S("HS256"), S("typ"), S("JWT")),
                         OBJ(0), json_value(HS_KEY)),
                     "\"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.6cvao8lnOu"
                     "6FAdK68jQFcDMXOmaWNwWiYhCgijd-AD8\"");
    const rg_value *claims = OBJ(2, S("aud"), SET(2, S("bob"), S("saul")),
                                 S("iss"), S("joe"));
    const rg_value *tok = value_of("io.jwt.encode_sign", 3,
                                   OBJ(1, S("alg"), S("EdDSA")), claims,
                                   json_value(ED_KEY));
    ck_assert_str_eq(run("io.jwt.verify_eddsa", 2, tok, S(ED_KEY), NULL),
                     "true");
    const rg_value *rfc_claims = json_value(
        "{\"aud\": [\"bob\", \"saul\"], \"exp\": 1300819380, "
        "\"http://example.com/is_root\": true, \"iss\": \"joe\", "
        "\"privateParams\": {\"private_one\": \"one\", "
        "\"private_two\": \"two\"}}");
    ck_assert_str_eq(run("io.jwt.encode_sign", 3,
                         OBJ(2, S("alg"), S("EdDSA"), S("typ"), S("JWT")),
                         rfc_claims, json_value(ED_KEY)),
                     "\"eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJhdWQiOlsiYm9i"
                     "Iiwic2F1bCJdLCJleHAiOjEzMDA4MTkzODAsImh0dHA6Ly9leGFtcGxl"
                     "LmNvbS9pc19yb290Ijp0cnVlLCJpc3MiOiJqb2UiLCJwcml2YXRlUGFy"
                     "YW1zIjp7InByaXZhdGVfb25lIjoib25lIiwicHJpdmF0ZV90d28iOiJ0"
                     "d28ifX0.T_X7SzKEehTnRdgYrDobpKO-EqZ0LW3Y-idx16wNHXCL5aiR"
                     "24h2Ei0pWRHG2X2BYomwbvNwyxPcasgHqs_eBA\"");
    ck_assert_str_eq(run("io.jwt.encode_sign_raw", 3, S(""), S("{}"),
                         S(HS_KEY)),
                     "io.jwt.encode_sign_raw: missing or invalid 'alg' "
                     "header: cannot parse JSON: cannot parse empty string");
    ck_assert_str_eq(run("io.jwt.encode_sign_raw", 3, S("{\"typ\": \"JWT\"}"),
                         S("{}"), S(HS_KEY)),
                     "io.jwt.encode_sign_raw: missing or invalid 'alg' "
                     "header: jwsbb: header \"alg\" not found");
    ck_assert_str_eq(run("io.jwt.encode_sign_raw", 3,
                         S("{\"alg\": \"HS256\"}"), S("nope"), S(HS_KEY)),
                     "io.jwt.encode_sign_raw: type is JWT but payload is "
                     "not JSON");
}
END_TEST

START_TEST(rsa_tokens_should_verify_with_certificates)
{
    const rg_value *jwk = value_of("crypto.x509.parse_rsa_private_key", 1,
                                   S(fixture("leaf.key")), NULL, NULL);
    const rg_value *claims = OBJ(2, S("iss"), S("regolith"),
                                 S("exp"), I(4102444800LL));
    const char *algs[] = { "RS256", "RS384", "RS512", "PS256", "PS384",
                           "PS512" };
    const char *fns[] = { "io.jwt.verify_rs256", "io.jwt.verify_rs384",
                          "io.jwt.verify_rs512", "io.jwt.verify_ps256",
                          "io.jwt.verify_ps384", "io.jwt.verify_ps512" };
    const rg_value *cert = S(fixture("leaf.pem"));
    for (size_t i = 0; i < 6; i++) {
        const rg_value *tok = value_of("io.jwt.encode_sign", 3,
                                       OBJ(1, S("alg"), S(algs[i])), claims,
                                       jwk);
        ck_assert_str_eq(run(fns[i], 2, tok, cert, NULL), "true");
        ck_assert_str_eq(run(fns[i], 2, tok, S(fixture("root.pem")), NULL),
                         "false");
    }
    const rg_value *tok = value_of("io.jwt.encode_sign", 3,
                                   OBJ(1, S("alg"), S("RS256")), claims, jwk);
    ck_assert_str_eq(run("io.jwt.decode_verify", 2, tok,
                         OBJ(2, S("cert"), cert, S("iss"), S("regolith")),
                         NULL),
                     "[true, {\"alg\": \"RS256\"}, {\"exp\": 4102444800, "
                     "\"iss\": \"regolith\"}]");
    ck_assert_str_eq(run("io.jwt.decode_verify", 2, tok,
                         OBJ(2, S("cert"), cert, S("iss"), S("other")), NULL),
                     "[false, {}, {}]");
    /* 2100-01-01 is after the token's exp. */
    ck_assert_str_eq(run("io.jwt.decode_verify", 2, tok,
                         OBJ(2, S("cert"), cert, S("time"),
                             N("4102444800000000000")), NULL),
                     "[false, {}, {}]");
}
END_TEST

START_TEST(decode_verify_should_check_constraints)
{
    const rg_value *hs = value_of("io.jwt.encode_sign", 3,
                                  OBJ(1, S("alg"), S("HS256")),
                                  OBJ(2, S("aud"), S("me"), S("nbf"),
                                      I(1000)),
                                  OBJ(2, S("kty"), S("oct"), S("k"),
                                      S("c2VjcmV0")));
    ck_assert_str_eq(run("io.jwt.verify_hs256", 2, hs, S("secret"), NULL),
                     "true");
    ck_assert_str_eq(run("io.jwt.verify_hs256", 2, hs, S("wrong"), NULL),
                     "false");
    ck_assert_str_eq(run("io.jwt.decode_verify", 2, hs,
                         OBJ(2, S("secret"), S("secret"), S("aud"), S("me")),
                         NULL),
                     "[true, {\"alg\": \"HS256\"}, {\"aud\": \"me\", "
                     "\"nbf\": 1000}]");
    ck_assert_str_eq(run("io.jwt.decode_verify", 2, hs,
                         OBJ(1, S("secret"), S("secret")), NULL),
                     "[false, {}, {}]");
    ck_assert_str_eq(run("io.jwt.decode_verify", 2, hs,
                         OBJ(3, S("secret"), S("secret"), S("aud"), S("me"),
                             S("time"), I(10)), NULL),
                     "[false, {}, {}]");
    ck_assert_str_eq(run("io.jwt.decode_verify", 2, hs, OBJ(0), NULL),
                     "io.jwt.decode_verify: no key constraint");
    ck_assert_str_eq(run("io.jwt.decode_verify", 2, hs,
                         OBJ(1, S("bogus"), I(1)), NULL),
                     "io.jwt.decode_verify: unknown token validation "
                     "constraint: bogus");
    ck_assert_str_eq(run("io.jwt.decode_verify", 2, hs,
                         OBJ(1, S("cert"), S("{")), NULL),
                     "io.jwt.decode_verify: failed to parse a JWK key (set): "
                     "failed to unmarshal JSON into key set");
    const rg_value *bad_exp = value_of("io.jwt.encode_sign", 3,
                                       OBJ(1, S("alg"), S("HS256")),
                                       OBJ(1, S("exp"), S("soon")),
                                       OBJ(2, S("kty"), S("oct"), S("k"),
                                           S("c2VjcmV0")));
    ck_assert_str_eq(run("io.jwt.decode_verify", 2, bad_exp,
                         OBJ(1, S("secret"), S("secret")), NULL),
                     "io.jwt.decode_verify: exp value must be a number");
}
END_TEST

START_TEST(verify_should_reject_bad_key_text)
{
    const char *tok = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
    ck_assert_str_eq(run("io.jwt.verify_rs256", 2, S(tok),
                         S(rg_arena_printf(ctx.arena, "%sextra",
                                           fixture("leaf.pem"))), NULL),
                     "io.jwt.verify_rs256: extra data after a PEM "
                     "certificate block");
    ck_assert_str_eq(run("io.jwt.verify_rs256", 2, S(tok),
                         S(fixture("leaf.csr")), NULL),
                     "io.jwt.verify_rs256: failed to extract a Key from the "
                     "PEM certificate");
}
END_TEST

static Suite *jwt_suite(void)
{
    Suite *s = suite_create("jwt");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, decode_should_split_and_decode);
    tcase_add_test(tc, decode_should_report_opa_errors);
    tcase_add_test(tc, encode_sign_should_match_known_tokens);
    tcase_add_test(tc, rsa_tokens_should_verify_with_certificates);
    tcase_add_test(tc, decode_verify_should_check_constraints);
    tcase_add_test(tc, verify_should_reject_bad_key_text);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES jwt_suite
#include "tests/unit/check_main.h"
