/*
 * The crypto.x509.* builtins and crypto.parse_private_keys: certificate,
 * chain, request, key pair and private key parsing with OPA's results
 * and error texts.  Chains are verified with OpenSSL: the first
 * certificate is the root, the last the leaf, the others intermediates.
 */
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <string.h>

#include "runtime/builtins/b64.h"
#include "runtime/builtins/extargs.h"
#include "runtime/builtins/pem.h"
#include "runtime/builtins/x509json.h"
#include "runtime/builtins/x509keys.h"
#include "runtime/builtins/x509load.h"

static const rg_value *certs_value(rg_arena *arena, STACK_OF(X509) *certs)
{
    int n = sk_X509_num(certs);
    const rg_value **items = rg_arena_alloc(arena, ((size_t)n + 1) *
                                                   sizeof *items);
    for (int i = 0; i < n; i++)
        items[i] = rg_x509json_cert(arena, sk_X509_value(certs, i));
    return rg_array(arena, items, (size_t)n);
}

static rg_bstatus bi_parse_certificates(rg_bctx *ctx,
                                        const rg_value *const *args,
                                        size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *s, *err;
    size_t len;
    if (rg_extargs_string(ctx, args[0], 1, &s, &len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_arena *arena = rg_bctx_arena(ctx);
    STACK_OF(X509) *certs = rg_x509load_certs(arena, s, len, &err);
    if (!certs)
        return rg_extargs_fail(ctx, err);
    *out = certs_value(arena, certs);
    sk_X509_pop_free(certs, X509_free);
    return RG_BUILTIN_OK;
}

/* ---- Chain verification ------------------------------------------------ */

/* Go's ExtKeyUsage names accepted in KeyUsages, by Go's number. */
static const char *const usage_names[] = {
    "KeyUsageAny", "KeyUsageServerAuth", "KeyUsageClientAuth",
    "KeyUsageCodeSigning", "KeyUsageEmailProtection",
    "KeyUsageIPSECEndSystem", "KeyUsageIPSECTunnel", "KeyUsageIPSECUser",
    "KeyUsageTimeStamping", "KeyUsageOCSPSigning",
    "KeyUsageMicrosoftServerGatedCrypto",
    "KeyUsageNetscapeServerGatedCrypto",
    "KeyUsageMicrosoftCommercialCodeSigning",
    "KeyUsageMicrosoftKernelCodeSigning",
};

static const int usage_nids[] = {
    NID_anyExtendedKeyUsage, NID_server_auth, NID_client_auth,
    NID_code_sign, NID_email_protect, NID_ipsecEndSystem, NID_ipsecTunnel,
    NID_ipsecUser, NID_time_stamp, NID_OCSP_sign, NID_ms_sgc, NID_ns_sgc,
    NID_ms_code_com, NID_ms_code_ind,
};

typedef struct verify_opts {
    const char *dns_name;
    bool has_time;
    int64_t time_ns;
    int usages[RG_ARRAY_LEN(usage_nids)];
    size_t usage_count;
} verify_opts;

/* Whether cert's extended key usages allow one of the wanted ones; a
 * certificate without the extension allows all, as in Go. */
static bool usage_ok(X509 *cert, const verify_opts *o)
{
    EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i(cert, NID_ext_key_usage,
                                               NULL, NULL);
    if (!eku)
        return true;
    bool ok = false;
    for (int i = 0; i < sk_ASN1_OBJECT_num(eku) && !ok; i++) {
        int nid = OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, i));
        if (nid == NID_anyExtendedKeyUsage)
            ok = true;
        for (size_t k = 0; k < o->usage_count && !ok; k++)
            ok = o->usages[k] == 0 || usage_nids[o->usages[k]] == nid;
    }
    EXTENDED_KEY_USAGE_free(eku);
    return ok;
}

/* Verify certs (root first, leaf last); returns the chain leaf first,
 * or NULL. */
static STACK_OF(X509) *verify_chain(STACK_OF(X509) *certs,
                                    const verify_opts *o)
{
    int n = sk_X509_num(certs);
    if (n < 2)
        return NULL;
    X509_STORE *store = X509_STORE_new();
    X509_STORE_add_cert(store, sk_X509_value(certs, 0));
    STACK_OF(X509) *inter = sk_X509_new_null();
    for (int i = 1; i < n - 1; i++)
        sk_X509_push(inter, sk_X509_value(certs, i));
    X509_STORE_CTX *vctx = X509_STORE_CTX_new();
    STACK_OF(X509) *chain = NULL;
    if (X509_STORE_CTX_init(vctx, store, sk_X509_value(certs, n - 1), inter)) {
        X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(vctx);
        if (o->dns_name)
            X509_VERIFY_PARAM_set1_host(param, o->dns_name, 0);
        if (o->has_time)
            X509_VERIFY_PARAM_set_time(param,
                                       (time_t)(o->time_ns / 1000000000));
        if (X509_verify_cert(vctx) == 1)
            chain = X509_STORE_CTX_get1_chain(vctx);
    }
    for (int i = 0; chain && i < sk_X509_num(chain); i++)
        if (!usage_ok(sk_X509_value(chain, i), o)) {
            sk_X509_pop_free(chain, X509_free);
            chain = NULL;
        }
    X509_STORE_CTX_free(vctx);
    sk_X509_free(inter);
    X509_STORE_free(store);
    ERR_clear_error();
    return chain;
}

static const rg_value *verify_result(rg_arena *arena, STACK_OF(X509) *chain)
{
    const rg_value *pair[2] = { rg_bool(chain != NULL),
                                chain ? certs_value(arena, chain)
                                      : rg_array(arena, NULL, 0) };
    return rg_array(arena, pair, 2);
}

static rg_bstatus run_verify(rg_bctx *ctx, const rg_value *text,
                             const verify_opts *o, const rg_value **out)
{
    const char *s, *err;
    size_t len;
    if (rg_extargs_string(ctx, text, 1, &s, &len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_arena *arena = rg_bctx_arena(ctx);
    STACK_OF(X509) *certs = rg_x509load_certs(arena, s, len, &err);
    STACK_OF(X509) *chain = certs ? verify_chain(certs, o) : NULL;
    *out = verify_result(arena, chain);
    sk_X509_pop_free(chain, X509_free);
    sk_X509_pop_free(certs, X509_free);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_parse_and_verify(rg_bctx *ctx,
                                      const rg_value *const *args,
                                      size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    verify_opts o = { .usage_count = 1, .usages = { 1 } };
    return run_verify(ctx, args[0], &o, out);
}

static rg_bstatus usage_option(rg_bctx *ctx, const rg_value *v,
                               verify_opts *o)
{
    rg_kind k = rg_value_kind(v);
    if (k != RG_ARRAY && k != RG_SET)
        return rg_extargs_fail(ctx, "'KeyUsages' should be an Array or Set");
    rg_arena *arena = rg_bctx_arena(ctx);
    char *invalid = NULL;
    for (size_t i = 0; i < rg_len(v); i++) {
        const rg_value *e = k == RG_ARRAY ? rg_array_at(v, i)
                                          : rg_set_at(v, i);
        if (rg_value_kind(e) != RG_STRING)
            continue;
        size_t u = 0;
        while (u < RG_ARRAY_LEN(usage_names) &&
               strcmp(usage_names[u], rg_string_bytes(e)) != 0)
            u++;
        if (u == RG_ARRAY_LEN(usage_names))
            invalid = invalid ? rg_arena_printf(arena, "%s %s", invalid,
                                                rg_string_bytes(e))
                              : rg_arena_strdup(arena, rg_string_bytes(e));
        else if (o->usage_count < RG_ARRAY_LEN(o->usages))
            o->usages[o->usage_count++] = (int)u;
    }
    if (invalid)
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "invalid entries for 'KeyUsages' found: [%s]",
                             invalid);
    return RG_BUILTIN_OK;
}

static rg_bstatus one_option(rg_bctx *ctx, const char *key,
                             const rg_value *v, verify_opts *o)
{
    if (strcmp(key, "DNSName") == 0) {
        if (rg_value_kind(v) != RG_STRING)
            return rg_extargs_fail(ctx, "'DNSName' should be a string");
        o->dns_name = rg_string_bytes(v);
    } else if (strcmp(key, "CurrentTime") == 0) {
        if (rg_value_kind(v) != RG_NUMBER)
            return rg_extargs_fail(ctx, "'CurrentTime' should be a number");
        if (!rg_number_int64(v, &o->time_ns))
            return rg_extargs_fail(ctx, "'CurrentTime' should be a valid "
                                        "int64 number");
        o->has_time = true;
    } else if (strcmp(key, "MaxConstraintComparisons") == 0) {
        int64_t ignored;
        if (rg_value_kind(v) != RG_NUMBER)
            return rg_extargs_fail(ctx, "'MaxConstraintComparisons' should "
                                        "be a number");
        if (!rg_number_int64(v, &ignored))
            return rg_extargs_fail(ctx, "'MaxConstraintComparisons' should "
                                        "be a valid number");
    } else if (strcmp(key, "KeyUsages") == 0) {
        return usage_option(ctx, v, o);
    } else {
        return rg_extargs_fail(ctx, "invalid key option");
    }
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_parse_and_verify_opts(rg_bctx *ctx,
                                           const rg_value *const *args,
                                           size_t nargs,
                                           const rg_value **out)
{
    RG_UNUSED(nargs);
    verify_opts o = { 0 };
    if (rg_extargs_kind(ctx, args[0], 1, RG_STRING) != RG_BUILTIN_OK ||
        rg_extargs_kind(ctx, args[1], 2, RG_OBJECT) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    const rg_value *opts = args[1];
    for (size_t i = 0; i < rg_len(opts); i++) {
        const rg_value *k = rg_object_key_at(opts, i);
        if (rg_value_kind(k) != RG_STRING)
            continue;
        if (one_option(ctx, rg_string_bytes(k), rg_object_value_at(opts, i),
                       &o) != RG_BUILTIN_OK)
            return RG_BUILTIN_ERROR;
    }
    if (o.usage_count == 0) {
        o.usages[0] = 1;
        o.usage_count = 1;
    }
    return run_verify(ctx, args[0], &o, out);
}

/* ---- Requests, key pairs and private keys ------------------------------ */

static rg_bstatus bi_parse_csr(rg_bctx *ctx, const rg_value *const *args,
                               size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *s;
    size_t len, pos;
    if (rg_extargs_string(ctx, args[0], 1, &s, &len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_arena *arena = rg_bctx_arena(ctx);
    unsigned char *der = (unsigned char *)s;
    size_t der_len = len;
    const char *prefix = "-----BEGIN CERTIFICATE REQUEST-----";
    if (strncmp(s, prefix, strlen(prefix)) != 0 &&
        !rg_b64_decode(arena, RG_B64_STD, s, len, &der, &der_len, &pos))
        return rg_extargs_fail(ctx, rg_x509load_b64_error(arena, pos));
    rg_pem_block b;
    size_t rest;
    if (rg_pem_next(arena, (const char *)der, der_len, &b, &rest)) {
        if (strcmp(b.type, "CERTIFICATE REQUEST") != 0)
            return rg_extargs_fail(ctx, "invalid PEM-encoded certificate "
                                        "signing request");
        der = b.der;
        der_len = b.der_len;
    }
    const unsigned char *p = der;
    X509_REQ *req = d2i_X509_REQ(NULL, &p, (long)der_len);
    ERR_clear_error();
    if (!req)
        return rg_extargs_fail(ctx, "asn1: structure error: tags don't "
                                    "match");
    *out = rg_x509json_csr(arena, req);
    X509_REQ_free(req);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_parse_private_keys(rg_bctx *ctx,
                                        const rg_value *const *args,
                                        size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *s, *err;
    size_t len, count;
    EVP_PKEY **keys;
    if (rg_extargs_string(ctx, args[0], 1, &s, &len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    if (len == 0) {
        *out = rg_null();
        return RG_BUILTIN_OK;
    }
    rg_arena *arena = rg_bctx_arena(ctx);
    if (!rg_x509load_private_keys(arena, s, len, &keys, &count, &err))
        return rg_extargs_fail(ctx, err);
    const rg_value **items = rg_arena_alloc(arena, (count + 1) *
                                                   sizeof *items);
    for (size_t i = 0; i < count; i++)
        items[i] = rg_x509keys_go(arena, keys[i]);
    rg_x509load_free_keys(keys, count);
    *out = rg_array(arena, items, count);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_parse_rsa_private_key(rg_bctx *ctx,
                                           const rg_value *const *args,
                                           size_t nargs,
                                           const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *s, *err;
    size_t len, count, pos;
    EVP_PKEY **keys;
    if (rg_extargs_string(ctx, args[0], 1, &s, &len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    if (len == 0)
        return rg_extargs_fail(ctx, "input PEM data was empty");
    rg_arena *arena = rg_bctx_arena(ctx);
    if (strncmp(s, "-----BEGIN", 10) != 0) {
        unsigned char *raw;
        if (!rg_b64_decode(arena, RG_B64_STD, s, len, &raw, &len, &pos))
            return rg_extargs_fail(ctx, rg_x509load_b64_error(arena, pos));
        s = (const char *)raw;
    }
    if (!rg_x509load_private_keys(arena, s, len, &keys, &count, &err))
        return rg_extargs_fail(ctx, err);
    *out = count ? rg_x509keys_jwk(arena, keys[0]) : rg_null();
    rg_x509load_free_keys(keys, count);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_x509[] = {
    { "crypto.x509.parse_certificates", 1, bi_parse_certificates, false,
      false },
    { "crypto.x509.parse_and_verify_certificates", 1, bi_parse_and_verify,
      false, false },
    { "crypto.x509.parse_and_verify_certificates_with_options", 2,
      bi_parse_and_verify_opts, false, false },
    { "crypto.x509.parse_certificate_request", 1, bi_parse_csr, false,
      false },
    { "crypto.x509.parse_rsa_private_key", 1, bi_parse_rsa_private_key,
      false, false },
    { "crypto.parse_private_keys", 1, bi_parse_private_keys, false, false },
    { NULL, 0, NULL, false, false },
};
