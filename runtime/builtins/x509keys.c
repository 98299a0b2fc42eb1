/*
 * Private key values for the crypto builtins, built from OpenSSL key
 * parameters.
 */
#include "runtime/builtins/x509keys.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <string.h>

#include "runtime/builtins/b64.h"
#include "runtime/builtins/x509json.h"

static void put(rg_builder *b, rg_arena *arena, const char *key,
                const rg_value *v)
{
    rg_builder_put(b, rg_cstring(arena, key), v);
}

static const rg_value *param_num(rg_arena *arena, EVP_PKEY *key,
                                 const char *name)
{
    BIGNUM *bn = NULL;
    if (!EVP_PKEY_get_bn_param(key, name, &bn))
        return rg_null();
    const rg_value *v = rg_x509json_bignum(arena, bn);
    BN_free(bn);
    return v;
}

/* A parameter as unpadded base64url of its big-endian bytes, padded to
 * width bytes when width is not 0. */
static const rg_value *param_b64(rg_arena *arena, EVP_PKEY *key,
                                 const char *name, int width)
{
    BIGNUM *bn = NULL;
    if (!EVP_PKEY_get_bn_param(key, name, &bn))
        return rg_null();
    int n = BN_num_bytes(bn);
    if (width < n)
        width = n;
    unsigned char *buf = rg_arena_alloc(arena, (size_t)width + 1);
    BN_bn2binpad(bn, buf, width);
    BN_free(bn);
    return rg_cstring(arena, rg_b64_encode(arena, RG_B64_RAW_URL, buf,
                                           (size_t)width));
}

static const rg_value *go_rsa(rg_arena *arena, EVP_PKEY *key)
{
    rg_builder *b = rg_object_builder(arena, 5);
    put(b, arena, "N", param_num(arena, key, OSSL_PKEY_PARAM_RSA_N));
    put(b, arena, "E", param_num(arena, key, OSSL_PKEY_PARAM_RSA_E));
    put(b, arena, "D", param_num(arena, key, OSSL_PKEY_PARAM_RSA_D));
    const rg_value *primes[2] = {
        param_num(arena, key, OSSL_PKEY_PARAM_RSA_FACTOR1),
        param_num(arena, key, OSSL_PKEY_PARAM_RSA_FACTOR2),
    };
    put(b, arena, "Primes", rg_array(arena, primes, 2));
    rg_builder *pre = rg_object_builder(arena, 4);
    put(pre, arena, "Dp", param_num(arena, key, OSSL_PKEY_PARAM_RSA_EXPONENT1));
    put(pre, arena, "Dq", param_num(arena, key, OSSL_PKEY_PARAM_RSA_EXPONENT2));
    put(pre, arena, "Qinv",
        param_num(arena, key, OSSL_PKEY_PARAM_RSA_COEFFICIENT1));
    put(pre, arena, "CRTValues", rg_array(arena, NULL, 0));
    put(b, arena, "Precomputed", rg_builder_finish(pre));
    return rg_builder_finish(b);
}

const rg_value *rg_x509keys_go(rg_arena *arena, EVP_PKEY *key)
{
    switch (rg_x509json_key_algorithm(key)) {
    case 1:
        return go_rsa(arena, key);
    case 3: {
        rg_builder *b = rg_object_builder(arena, 4);
        put(b, arena, "Curve", rg_builder_finish(rg_object_builder(arena, 0)));
        put(b, arena, "X", param_num(arena, key, OSSL_PKEY_PARAM_EC_PUB_X));
        put(b, arena, "Y", param_num(arena, key, OSSL_PKEY_PARAM_EC_PUB_Y));
        put(b, arena, "D", param_num(arena, key, OSSL_PKEY_PARAM_PRIV_KEY));
        return rg_builder_finish(b);
    }
    case 4: {
        unsigned char raw[64];
        size_t n = 32, m = 32;
        if (!EVP_PKEY_get_raw_private_key(key, raw, &n) ||
            !EVP_PKEY_get_raw_public_key(key, raw + 32, &m))
            return rg_null();
        return rg_cstring(arena, rg_b64_encode(arena, RG_B64_STD, raw, 64));
    }
    default:
        return rg_null();
    }
}

static const char *curve_name(EVP_PKEY *key, int *bytes)
{
    char group[64];
    size_t n;
    if (!EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME,
                                        group, sizeof group, &n))
        return NULL;
    if (strcmp(group, "prime256v1") == 0 || strcmp(group, "P-256") == 0) {
        *bytes = 32;
        return "P-256";
    }
    if (strcmp(group, "secp384r1") == 0 || strcmp(group, "P-384") == 0) {
        *bytes = 48;
        return "P-384";
    }
    if (strcmp(group, "secp521r1") == 0 || strcmp(group, "P-521") == 0) {
        *bytes = 66;
        return "P-521";
    }
    return NULL;
}

const rg_value *rg_x509keys_jwk(rg_arena *arena, EVP_PKEY *key)
{
    rg_builder *b = rg_object_builder(arena, 9);
    int alg = rg_x509json_key_algorithm(key);
    if (alg == 1) {
        put(b, arena, "kty", rg_cstring(arena, "RSA"));
        put(b, arena, "n", param_b64(arena, key, OSSL_PKEY_PARAM_RSA_N, 0));
        put(b, arena, "e", param_b64(arena, key, OSSL_PKEY_PARAM_RSA_E, 0));
        put(b, arena, "d", param_b64(arena, key, OSSL_PKEY_PARAM_RSA_D, 0));
        put(b, arena, "p",
            param_b64(arena, key, OSSL_PKEY_PARAM_RSA_FACTOR1, 0));
        put(b, arena, "q",
            param_b64(arena, key, OSSL_PKEY_PARAM_RSA_FACTOR2, 0));
        put(b, arena, "dp",
            param_b64(arena, key, OSSL_PKEY_PARAM_RSA_EXPONENT1, 0));
        put(b, arena, "dq",
            param_b64(arena, key, OSSL_PKEY_PARAM_RSA_EXPONENT2, 0));
        put(b, arena, "qi",
            param_b64(arena, key, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, 0));
        return rg_builder_finish(b);
    }
    int width = 0;
    const char *crv = alg == 3 ? curve_name(key, &width) : NULL;
    if (!crv)
        return rg_null();
    put(b, arena, "kty", rg_cstring(arena, "EC"));
    put(b, arena, "crv", rg_cstring(arena, crv));
    put(b, arena, "x", param_b64(arena, key, OSSL_PKEY_PARAM_EC_PUB_X, width));
    put(b, arena, "y", param_b64(arena, key, OSSL_PKEY_PARAM_EC_PUB_Y, width));
    put(b, arena, "d", param_b64(arena, key, OSSL_PKEY_PARAM_PRIV_KEY, width));
    return rg_builder_finish(b);
}
