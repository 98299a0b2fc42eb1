/*
 * JWS signing and verification with OpenSSL.  ECDSA signatures travel
 * as the fixed-width concatenation r || s in JWS and as DER in OpenSSL,
 * so this file converts between the two.
 */
#include "runtime/builtins/jws.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>
#include <string.h>

static const char *const known_algs[] = {
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
    "ES384", "ES512", "HS256", "HS384", "HS512", "EdDSA",
};

bool rg_jws_known(const char *alg)
{
    for (size_t i = 0; i < RG_ARRAY_LEN(known_algs); i++)
        if (strcmp(known_algs[i], alg) == 0)
            return true;
    return false;
}

static const EVP_MD *digest_of(const char *alg)
{
    size_t n = strlen(alg);
    if (n != 5)
        return NULL;
    if (strcmp(alg + 2, "256") == 0)
        return EVP_sha256();
    if (strcmp(alg + 2, "384") == 0)
        return EVP_sha384();
    if (strcmp(alg + 2, "512") == 0)
        return EVP_sha512();
    return NULL;
}

static int key_type_for(const char *alg)
{
    if (strncmp(alg, "RS", 2) == 0 || strncmp(alg, "PS", 2) == 0)
        return EVP_PKEY_RSA;
    if (strncmp(alg, "ES", 2) == 0)
        return EVP_PKEY_EC;
    if (strcmp(alg, "EdDSA") == 0)
        return EVP_PKEY_ED25519;
    return EVP_PKEY_NONE;
}

static bool hmac_verify(const rg_jwk *key, const EVP_MD *md,
                        const unsigned char *msg, size_t len,
                        const unsigned char *sig, size_t sig_len)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    const unsigned char *k = key->secret ? key->secret
                                         : (const unsigned char *)"";
    HMAC(md, k, (int)key->secret_len, msg, len, mac, &n);
    return n == sig_len && CRYPTO_memcmp(mac, sig, n) == 0;
}

/* r || s to DER; NULL when the halves do not form a signature. */
static unsigned char *ecdsa_der(const unsigned char *sig, size_t sig_len,
                                int *der_len)
{
    size_t half = sig_len / 2;
    ECDSA_SIG *es = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(sig, (int)half, NULL);
    BIGNUM *s = BN_bin2bn(sig + half, (int)(sig_len - half), NULL);
    ECDSA_SIG_set0(es, r, s);
    unsigned char *der = NULL;
    *der_len = i2d_ECDSA_SIG(es, &der);
    ECDSA_SIG_free(es);
    return *der_len > 0 ? der : NULL;
}

static bool pkey_verify(const rg_jwk *key, const char *alg,
                        const EVP_MD *md, const unsigned char *msg,
                        size_t len, const unsigned char *sig, size_t sig_len)
{
    EVP_MD_CTX *mctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    bool ok = EVP_DigestVerifyInit(mctx, &pctx, md, NULL, key->pkey) == 1;
    if (ok && alg[0] == 'P') {
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_AUTO);
    }
    unsigned char *der = NULL;
    int der_len = 0;
    if (ok && alg[0] == 'E' && alg[1] == 'S') {
        der = ecdsa_der(sig, sig_len, &der_len);
        sig = der;
        sig_len = (size_t)der_len;
        ok = der != NULL;
    }
    ok = ok && EVP_DigestVerify(mctx, sig, sig_len, msg, len) == 1;
    OPENSSL_free(der);
    EVP_MD_CTX_free(mctx);
    return ok;
}

bool rg_jws_verify(const rg_jwk *key, const char *alg,
                   const unsigned char *msg, size_t len,
                   const unsigned char *sig, size_t sig_len)
{
    const EVP_MD *md = digest_of(alg);
    if (strncmp(alg, "HS", 2) == 0)
        return md && key->secret && hmac_verify(key, md, msg, len, sig,
                                                sig_len);
    int type = key_type_for(alg);
    if (!key->pkey || type == EVP_PKEY_NONE ||
        EVP_PKEY_get_base_id(key->pkey) != type)
        return false;
    if (type == EVP_PKEY_ED25519)
        md = NULL;
    else if (!md)
        return false;
    return pkey_verify(key, alg, md, msg, len, sig, sig_len);
}

/* DER ECDSA signature to fixed-width r || s of the key's field size. */
static unsigned char *ecdsa_raw(rg_arena *arena, EVP_PKEY *pkey,
                                const unsigned char *der, size_t der_len,
                                size_t *out_len)
{
    int bits = EVP_PKEY_get_bits(pkey);
    size_t width = (size_t)(bits + 7) / 8;
    const unsigned char *p = der;
    ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &p, (long)der_len);
    if (!es)
        return NULL;
    unsigned char *out = rg_arena_alloc(arena, 2 * width);
    BN_bn2binpad(ECDSA_SIG_get0_r(es), out, (int)width);
    BN_bn2binpad(ECDSA_SIG_get0_s(es), out + width, (int)width);
    ECDSA_SIG_free(es);
    *out_len = 2 * width;
    return out;
}

static unsigned char *pkey_sign(rg_arena *arena, const rg_jwk *key,
                                const char *alg, const EVP_MD *md,
                                const unsigned char *msg, size_t len,
                                size_t *sig_len)
{
    EVP_MD_CTX *mctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    unsigned char *sig = NULL;
    size_t n = 0;
    bool ok = EVP_DigestSignInit(mctx, &pctx, md, NULL, key->pkey) == 1;
    if (ok && alg[0] == 'P') {
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
    }
    ok = ok && EVP_DigestSign(mctx, NULL, &n, msg, len) == 1;
    if (ok) {
        sig = rg_arena_alloc(arena, n);
        ok = EVP_DigestSign(mctx, sig, &n, msg, len) == 1;
    }
    EVP_MD_CTX_free(mctx);
    if (!ok)
        return NULL;
    if (alg[0] == 'E' && alg[1] == 'S')
        return ecdsa_raw(arena, key->pkey, sig, n, sig_len);
    *sig_len = n;
    return sig;
}

unsigned char *rg_jws_sign(rg_arena *arena, const rg_jwk *key,
                           const char *alg, const unsigned char *msg,
                           size_t len, size_t *sig_len, const char **err)
{
    const EVP_MD *md = digest_of(alg);
    if (strncmp(alg, "HS", 2) == 0) {
        if (!key->secret) {
            *err = "invalid key for HMAC signing";
            return NULL;
        }
        unsigned char *mac = rg_arena_alloc(arena, EVP_MAX_MD_SIZE);
        unsigned n = 0;
        HMAC(md, key->secret, (int)key->secret_len, msg, len, mac, &n);
        *sig_len = n;
        return mac;
    }
    int type = key_type_for(alg);
    if (!key->pkey || EVP_PKEY_get_base_id(key->pkey) != type) {
        *err = rg_arena_printf(arena, "invalid key for %s signing", alg);
        return NULL;
    }
    unsigned char *sig = pkey_sign(arena, key, alg,
                                   type == EVP_PKEY_ED25519 ? NULL : md,
                                   msg, len, sig_len);
    if (!sig)
        *err = rg_arena_printf(arena, "failed to sign with %s", alg);
    return sig;
}
