/*
 * Unit tests for the crypto builtins: digests, HMACs, certificate,
 * chain, request, key pair and private key parsing.  The certificates
 * and keys under tests/unit/fixtures/x509 were made with the openssl
 * command for these tests (valid for 100 years).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/b64.h"
#include "tests/unit/bctx_double.h"
#include "tests/unit/bvalues.h"

#define FIXTURES "tests/unit/fixtures/x509/"

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

static rg_bstatus call(const char *name, const rg_value **out, size_t n, ...)
{
    const rg_value *args[4];
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        args[i] = va_arg(ap, const rg_value *);
    va_end(ap);
    return bctx_double_call(&ctx, name, args, n, out);
}

static const char *text1(const char *name, const rg_value *a)
{
    const rg_value *out;
    return call(name, &out, 1, a) == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

static const char *text2(const char *name, const rg_value *a,
                         const rg_value *b)
{
    const rg_value *out;
    return call(name, &out, 2, a, b) == RG_BUILTIN_OK ? TEXT(out)
                                                      : ctx.error;
}

static const rg_value *field(const rg_value *obj, const char *key)
{
    const rg_value *v = rg_object_get_str(obj, key, strlen(key));
    ck_assert_msg(v != NULL, "no field %s", key);
    return v;
}

START_TEST(digests_should_be_lowercase_hex)
{
    ck_assert_str_eq(text1("crypto.md5", S("hello")),
                     "\"5d41402abc4b2a76b9719d911017c592\"");
    ck_assert_str_eq(text1("crypto.sha1", S("hello")),
                     "\"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d\"");
    ck_assert_str_eq(text1("crypto.sha256", S("hello")),
                     "\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e730"
                     "43362938b9824\"");
    ck_assert_str_eq(text1("crypto.md5", I(1)),
                     "crypto.md5: operand 1 must be string but got number");
}
END_TEST

START_TEST(hmacs_should_match_openssl)
{
    ck_assert_str_eq(text2("crypto.hmac.md5", S("msg"), S("key")),
                     "\"18e3548c59ad40dd03907b7aeee71d67\"");
    ck_assert_str_eq(text2("crypto.hmac.sha1", S("msg"), S("key")),
                     "\"102900b72b7bf1031eec76b4804b66052376896b\"");
    ck_assert_str_eq(text2("crypto.hmac.sha256", S("msg"), S("key")),
                     "\"2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954e"
                     "a5221bb1b8c628\"");
    ck_assert(strncmp(text2("crypto.hmac.sha512", S("msg"), S("key")),
                      "\"1e4b55b925ccc28ed90d9d1", 24) == 0);
    ck_assert_str_eq(text2("crypto.hmac.sha256", S("msg"), I(2)),
                     "crypto.hmac.sha256: operand 2 must be string but got "
                     "number");
    ck_assert_str_eq(text2("crypto.hmac.equal", S("abc"), S("abc")), "true");
    ck_assert_str_eq(text2("crypto.hmac.equal", S("abc"), S("abd")), "false");
    ck_assert_str_eq(text2("crypto.hmac.equal", S("abc"), S("ab")), "false");
}
END_TEST

START_TEST(parse_certificates_should_read_pem_and_base64)
{
    const rg_value *out;
    const char *chain = rg_arena_printf(ctx.arena, "%s%s%s",
                                        fixture("leaf.pem"),
                                        fixture("inter.pem"),
                                        fixture("root.pem"));
    ck_assert_int_eq(call("crypto.x509.parse_certificates", &out, 1,
                          S(chain)), RG_BUILTIN_OK);
    ck_assert_uint_eq(rg_len(out), 3);
    const rg_value *leaf = rg_array_at(out, 0);
    ck_assert_str_eq(TEXT(field(field(leaf, "Subject"), "CommonName")),
                     "\"leaf.regolith.test\"");
    ck_assert_str_eq(TEXT(field(field(leaf, "Subject"), "Country")),
                     "[\"US\"]");
    ck_assert_str_eq(TEXT(field(leaf, "DNSNames")),
                     "[\"leaf.regolith.test\"]");
    ck_assert_str_eq(TEXT(field(leaf, "URIStrings")),
                     "[\"spiffe://regolith.test/leaf\"]");
    ck_assert_str_eq(TEXT(field(leaf, "IPAddresses")), "[\"127.0.0.1\"]");
    ck_assert_str_eq(TEXT(field(leaf, "ExtKeyUsage")), "[1]");
    ck_assert_str_eq(TEXT(field(leaf, "KeyUsage")), "5");
    ck_assert_str_eq(TEXT(field(leaf, "PublicKeyAlgorithm")), "1");
    ck_assert_str_eq(TEXT(field(field(leaf, "PublicKey"), "E")), "65537");
    ck_assert_str_eq(TEXT(field(leaf, "Version")), "3");
    ck_assert_int_eq(rg_value_kind(field(leaf, "Raw")), RG_STRING);
    ck_assert_int_eq(rg_value_kind(field(leaf, "RawSubject")), RG_STRING);
    const rg_value *root = rg_array_at(out, 2);
    ck_assert_str_eq(TEXT(field(root, "IsCA")), "true");
    ck_assert_str_eq(TEXT(field(root, "URIStrings")), "null");
    ck_assert_str_eq(TEXT(field(root, "PublicKeyAlgorithm")), "3");
    /* The base64 of the PEM text parses the same way. */
    const char *b64 = rg_b64_encode(ctx.arena, RG_B64_STD,
                                    (const unsigned char *)chain,
                                    strlen(chain));
    ck_assert_int_eq(call("crypto.x509.parse_certificates", &out, 1, S(b64)),
                     RG_BUILTIN_OK);
    ck_assert_uint_eq(rg_len(out), 3);
}
END_TEST

START_TEST(parse_certificates_should_report_go_errors)
{
    ck_assert_str_eq(text1("crypto.x509.parse_certificates", S("foobar")),
                     "crypto.x509.parse_certificates: illegal base64 data at "
                     "input byte 4");
    ck_assert_str_eq(ctx.error_code, "eval_builtin_error");
    ck_assert_str_eq(text1("crypto.x509.parse_certificates",
                           S("YmFkc3RyaW5n")),
                     "crypto.x509.parse_certificates: x509: malformed "
                     "certificate");
    ck_assert_str_eq(text1("crypto.x509.parse_certificates",
                           S(fixture("leaf.csr"))),
                     "crypto.x509.parse_certificates: PEM block type is "
                     "'CERTIFICATE REQUEST', expected CERTIFICATE");
}
END_TEST

static const char *chain_text(bool with_root)
{
    return rg_arena_printf(ctx.arena, "%s%s%s",
                           with_root ? fixture("root.pem") : "",
                           fixture("inter.pem"), fixture("leaf.pem"));
}

START_TEST(verify_should_accept_a_complete_chain)
{
    const rg_value *out;
    ck_assert_int_eq(call("crypto.x509.parse_and_verify_certificates", &out,
                          1, S(chain_text(true))), RG_BUILTIN_OK);
    ck_assert_str_eq(TEXT(rg_array_at(out, 0)), "true");
    const rg_value *certs = rg_array_at(out, 1);
    ck_assert_uint_eq(rg_len(certs), 3);
    ck_assert_str_eq(TEXT(field(field(rg_array_at(certs, 0), "Subject"),
                                "CommonName")), "\"leaf.regolith.test\"");
    ck_assert_str_eq(TEXT(field(field(rg_array_at(certs, 2), "Subject"),
                                "CommonName")), "\"Regolith Test Root\"");
    ck_assert_str_eq(text1("crypto.x509.parse_and_verify_certificates",
                           S(chain_text(false))), "[false, []]");
    ck_assert_str_eq(text1("crypto.x509.parse_and_verify_certificates",
                           S("foobar")), "[false, []]");
}
END_TEST

START_TEST(verify_should_apply_options)
{
    const char *name = "crypto.x509.parse_and_verify_certificates_with_options";
    const rg_value *chain = S(chain_text(true));
    const rg_value *out;
    ck_assert_int_eq(call(name, &out, 2, chain,
                          OBJ(1, S("DNSName"), S("leaf.regolith.test"))),
                     RG_BUILTIN_OK);
    ck_assert_str_eq(TEXT(rg_array_at(out, 0)), "true");
    ck_assert_str_eq(text2(name, chain, OBJ(1, S("DNSName"),
                                            S("other.test"))),
                     "[false, []]");
    ck_assert_str_eq(text2(name, chain, OBJ(1, S("KeyUsages"),
                                            ARR(1, S("KeyUsageCodeSigning")))),
                     "[false, []]");
    /* 1990 is before the certificates' validity. */
    ck_assert_str_eq(text2(name, chain, OBJ(1, S("CurrentTime"),
                                            I(631152000000000000LL))),
                     "[false, []]");
    ck_assert_str_eq(text2(name, chain, OBJ(1, S("Bogus"), I(1))),
                     "crypto.x509.parse_and_verify_certificates_with_options: "
                     "invalid key option");
    ck_assert_str_eq(text2(name, chain, OBJ(1, S("KeyUsages"),
                                            ARR(1, S("Nope")))),
                     "crypto.x509.parse_and_verify_certificates_with_options: "
                     "invalid entries for 'KeyUsages' found: [Nope]");
}
END_TEST

START_TEST(parse_certificate_request_should_read_subject)
{
    const rg_value *out;
    ck_assert_int_eq(call("crypto.x509.parse_certificate_request", &out, 1,
                          S(fixture("leaf.csr"))), RG_BUILTIN_OK);
    ck_assert_str_eq(TEXT(field(field(out, "Subject"), "CommonName")),
                     "\"leaf.regolith.test\"");
    ck_assert_str_eq(TEXT(field(out, "DNSNames")),
                     "[\"leaf.regolith.test\"]");
    ck_assert_str_eq(text1("crypto.x509.parse_certificate_request",
                           S("YmFkc3RyaW5n")),
                     "crypto.x509.parse_certificate_request: asn1: "
                     "structure error: tags don't match");
}
END_TEST

START_TEST(private_keys_should_parse_as_go_and_jwk)
{
    const rg_value *out;
    ck_assert_int_eq(call("crypto.parse_private_keys", &out, 1,
                          S(fixture("leaf_rsa.key"))), RG_BUILTIN_OK);
    ck_assert_uint_eq(rg_len(out), 1);
    ck_assert_str_eq(TEXT(field(rg_array_at(out, 0), "E")), "65537");
    ck_assert_str_eq(text1("crypto.parse_private_keys", S("nope")), "[]");
    ck_assert_str_eq(text1("crypto.parse_private_keys", S("")), "null");
    ck_assert_int_eq(call("crypto.x509.parse_rsa_private_key", &out, 1,
                          S(fixture("leaf.key"))), RG_BUILTIN_OK);
    ck_assert_str_eq(TEXT(field(out, "kty")), "\"RSA\"");
    ck_assert_str_eq(TEXT(field(out, "e")), "\"AQAB\"");
    ck_assert_str_eq(text1("crypto.x509.parse_rsa_private_key",
                           S("invalid")),
                     "crypto.x509.parse_rsa_private_key: illegal base64 "
                     "data at input byte 4");
}
END_TEST

START_TEST(parse_keypair_should_match_key_and_certificate)
{
    const rg_value *out;
    ck_assert_int_eq(call("crypto.x509.parse_keypair", &out, 2,
                          S(fixture("leaf.pem")), S(fixture("leaf.key"))),
                     RG_BUILTIN_OK);
    ck_assert_uint_eq(rg_len(field(out, "Certificate")), 1);
    ck_assert_str_eq(TEXT(field(field(field(out, "Leaf"), "Subject"),
                                "CommonName")), "\"leaf.regolith.test\"");
    ck_assert_str_eq(text2("crypto.x509.parse_keypair",
                           S(fixture("root.pem")), S(fixture("leaf.key"))),
                     "crypto.x509.parse_keypair: tls: private key does not "
                     "match public key");
}
END_TEST

static Suite *crypto_suite(void)
{
    Suite *s = suite_create("crypto");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, digests_should_be_lowercase_hex);
    tcase_add_test(tc, hmacs_should_match_openssl);
    tcase_add_test(tc, parse_certificates_should_read_pem_and_base64);
    tcase_add_test(tc, parse_certificates_should_report_go_errors);
    tcase_add_test(tc, verify_should_accept_a_complete_chain);
    tcase_add_test(tc, verify_should_apply_options);
    tcase_add_test(tc, parse_certificate_request_should_read_subject);
    tcase_add_test(tc, private_keys_should_parse_as_go_and_jwk);
    tcase_add_test(tc, parse_keypair_should_match_key_and_certificate);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES crypto_suite
#include "tests/unit/check_main.h"
