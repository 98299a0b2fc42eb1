/*
 * crypto.x509.parse_keypair: a certificate chain and its private key, as
 * Go's tls.X509KeyPair loads them, returned in the shape of Go's JSON
 * encoding of tls.Certificate (Certificate, PrivateKey, Leaf...).
 */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <string.h>

#include "runtime/builtins/b64.h"
#include "runtime/builtins/extargs.h"
#include "runtime/builtins/pem.h"
#include "runtime/builtins/x509json.h"
#include "runtime/builtins/x509keys.h"
#include "runtime/builtins/x509load.h"

static bool is_pem(const char *s, size_t len)
{
    return len >= 11 && memcmp(s, "-----BEGIN ", 11) == 0;
}

/* Base64-decode text unless it is PEM already; NULL on bad base64. */
static const char *pem_or_decoded(rg_bctx *ctx, const char *s, size_t *len,
                                  bool *der)
{
    *der = false;
    if (is_pem(s, *len))
        return s;
    unsigned char *raw;
    size_t pos;
    if (!rg_b64_decode(rg_bctx_arena(ctx), RG_B64_STD, s, *len, &raw, len,
                       &pos)) {
        rg_extargs_fail(ctx, rg_x509load_b64_error(rg_bctx_arena(ctx), pos));
        return NULL;
    }
    *der = !is_pem((const char *)raw, *len);
    return (const char *)raw;
}

/* The DER blocks of the CERTIFICATE blocks, as base64 values. */
static const rg_value *cert_blocks(rg_arena *arena, const char *s,
                                   size_t len, X509 **leaf)
{
    const rg_value **items = NULL;
    size_t n = 0, cap = 0, off = 0, rest;
    rg_pem_block b;
    *leaf = NULL;
    while (off < len && rg_pem_next(arena, s + off, len - off, &b, &rest)) {
        off += rest;
        if (strcmp(b.type, "CERTIFICATE") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 4;
            const rg_value **grown = rg_arena_alloc(arena,
                                                    cap * sizeof *grown);
            if (n)
                memcpy(grown, items, n * sizeof *grown);
            items = grown;
        }
        items[n++] = rg_cstring(arena, rg_b64_encode(arena, RG_B64_STD,
                                                     b.der, b.der_len));
        if (!*leaf) {
            const unsigned char *p = b.der;
            *leaf = d2i_X509(NULL, &p, (long)b.der_len);
        }
    }
    return n ? rg_array(arena, items, n) : NULL;
}

static EVP_PKEY *pair_key(rg_arena *arena, const char *s, size_t len,
                          bool der, const char **err)
{
    if (der) {
        const unsigned char *p = (const unsigned char *)s;
        EVP_PKEY *k = d2i_AutoPrivateKey(NULL, &p, (long)len);
        if (!k)
            *err = "tls: failed to parse private key";
        return k;
    }
    EVP_PKEY **keys;
    size_t count;
    if (!rg_x509load_private_keys(arena, s, len, &keys, &count, err))
        return NULL;
    if (count == 0) {
        *err = "tls: failed to find any PEM data in key input";
        return NULL;
    }
    EVP_PKEY *k = keys[0];
    keys[0] = NULL;
    rg_x509load_free_keys(keys, count);
    return k;
}

static const rg_value *pair_value(rg_arena *arena, const rg_value *certs,
                                  EVP_PKEY *key, X509 *leaf)
{
    rg_builder *b = rg_object_builder(arena, 6);
    rg_builder_put(b, rg_cstring(arena, "Certificate"), certs);
    rg_builder_put(b, rg_cstring(arena, "PrivateKey"),
                   rg_x509keys_go(arena, key));
    rg_builder_put(b, rg_cstring(arena, "SupportedSignatureAlgorithms"),
                   rg_null());
    rg_builder_put(b, rg_cstring(arena, "OCSPStaple"), rg_null());
    rg_builder_put(b, rg_cstring(arena, "SignedCertificateTimestamps"),
                   rg_null());
    rg_builder_put(b, rg_cstring(arena, "Leaf"), rg_x509json_cert(arena, leaf));
    return rg_builder_finish(b);
}

static rg_bstatus bi_parse_keypair(rg_bctx *ctx, const rg_value *const *args,
                                   size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *cs, *ks, *err = NULL;
    size_t clen, klen;
    bool cder, kder;
    if (rg_extargs_string(ctx, args[0], 1, &cs, &clen) != RG_BUILTIN_OK ||
        rg_extargs_string(ctx, args[1], 1, &ks, &klen) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    if (!(cs = pem_or_decoded(ctx, cs, &clen, &cder)) ||
        !(ks = pem_or_decoded(ctx, ks, &klen, &kder)))
        return RG_BUILTIN_ERROR;
    rg_arena *arena = rg_bctx_arena(ctx);
    X509 *leaf = NULL;
    const rg_value *certs;
    if (cder) {
        const unsigned char *p = (const unsigned char *)cs;
        leaf = d2i_X509(NULL, &p, (long)clen);
        const rg_value *one = rg_cstring(arena, rg_b64_encode(
            arena, RG_B64_STD, (const unsigned char *)cs, clen));
        certs = rg_array(arena, &one, 1);
    } else {
        certs = cert_blocks(arena, cs, clen, &leaf);
    }
    if (!certs)
        err = "tls: failed to find any PEM data in certificate input";
    EVP_PKEY *key = err ? NULL : pair_key(arena, ks, klen, kder, &err);
    if (!err && !leaf)
        err = "x509: malformed certificate";
    if (!err && EVP_PKEY_eq(X509_get0_pubkey(leaf), key) != 1)
        err = "tls: private key does not match public key";
    if (!err)
        *out = pair_value(arena, certs, key, leaf);
    EVP_PKEY_free(key);
    X509_free(leaf);
    ERR_clear_error();
    return err ? rg_extargs_fail(ctx, err) : RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_x509pair[] = {
    { "crypto.x509.parse_keypair", 2, bi_parse_keypair, false, false },
    { NULL, 0, NULL, false, false },
};
