/*
 * Certificate and key loading for the crypto builtins, with OPA's input
 * rules (PEM, or base64 of PEM or DER) and Go's error texts.
 */
#include "runtime/builtins/x509load.h"

#include <openssl/pem.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/b64.h"
#include "runtime/builtins/pem.h"

const char *rg_x509load_b64_error(rg_arena *arena, size_t pos)
{
    return rg_arena_printf(arena, "illegal base64 data at input byte %zu",
                           pos);
}

static bool has_begin(const char *s, size_t len)
{
    return len >= 10 && memcmp(s, "-----BEGIN", 10) == 0;
}

static STACK_OF(X509) *parse_der(const unsigned char *der, size_t len,
                                 const char **err)
{
    STACK_OF(X509) *certs = sk_X509_new_null();
    const unsigned char *p = der, *end = der + len;
    while (p < end) {
        X509 *c = d2i_X509(NULL, &p, (long)(end - p));
        if (!c) {
            sk_X509_pop_free(certs, X509_free);
            *err = "x509: malformed certificate";
            return NULL;
        }
        sk_X509_push(certs, c);
    }
    return certs;
}

static STACK_OF(X509) *parse_pem(rg_arena *arena, const char *text,
                                 size_t len, const char **err)
{
    size_t total = 0, cap = 4096, off = 0;
    unsigned char *all = rg_arena_alloc(arena, cap);
    rg_pem_block b;
    size_t rest;
    while (off < len && rg_pem_next(arena, text + off, len - off, &b, &rest)) {
        if (strcmp(b.type, "CERTIFICATE") != 0) {
            *err = rg_arena_printf(arena, "PEM block type is '%s', "
                                   "expected CERTIFICATE", b.type);
            return NULL;
        }
        if (total + b.der_len > cap) {
            cap = (total + b.der_len) * 2;
            unsigned char *grown = rg_arena_alloc(arena, cap);
            memcpy(grown, all, total);
            all = grown;
        }
        memcpy(all + total, b.der, b.der_len);
        total += b.der_len;
        off += rest;
    }
    return parse_der(all, total, err);
}

STACK_OF(X509) *rg_x509load_certs(rg_arena *arena, const char *text,
                                  size_t len, const char **err)
{
    if (has_begin(text, len))
        return parse_pem(arena, text, len, err);
    unsigned char *raw;
    size_t raw_len, pos;
    if (!rg_b64_decode(arena, RG_B64_STD, text, len, &raw, &raw_len, &pos)) {
        *err = rg_x509load_b64_error(arena, pos);
        return NULL;
    }
    if (has_begin((const char *)raw, raw_len))
        return parse_pem(arena, (const char *)raw, raw_len, err);
    return parse_der(raw, raw_len, err);
}

static EVP_PKEY *decode_key(const rg_pem_block *b, const char **err)
{
    const unsigned char *p = b->der;
    long n = (long)b->der_len;
    EVP_PKEY *key = NULL;
    if (strcmp(b->type, "RSA PRIVATE KEY") == 0) {
        key = d2i_PrivateKey(EVP_PKEY_RSA, NULL, &p, n);
        if (!key)
            *err = "x509: failed to parse private key (use ParsePKCS8"
                   "PrivateKey instead for this key format)";
    } else if (strcmp(b->type, "EC PRIVATE KEY") == 0) {
        key = d2i_PrivateKey(EVP_PKEY_EC, NULL, &p, n);
        if (!key)
            *err = "x509: failed to parse EC private key";
    } else {
        PKCS8_PRIV_KEY_INFO *info = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, n);
        key = info ? EVP_PKCS82PKEY(info) : NULL;
        PKCS8_PRIV_KEY_INFO_free(info);
        if (!key)
            *err = "x509: failed to parse private key";
    }
    return key;
}

static bool is_key_block(const char *type)
{
    return strcmp(type, "RSA PRIVATE KEY") == 0 ||
           strcmp(type, "PRIVATE KEY") == 0 ||
           strcmp(type, "EC PRIVATE KEY") == 0;
}

void rg_x509load_free_keys(EVP_PKEY **keys, size_t count)
{
    for (size_t i = 0; i < count; i++)
        EVP_PKEY_free(keys[i]);
    free(keys);
}

bool rg_x509load_private_keys(rg_arena *arena, const char *text,
                              size_t len, EVP_PKEY ***keys, size_t *count,
                              const char **err)
{
    unsigned char *raw;
    size_t raw_len, pos, cap = 0;
    if (rg_b64_decode(arena, RG_B64_STD, text, len, &raw, &raw_len, &pos)) {
        text = (const char *)raw;
        len = raw_len;
    }
    *keys = NULL;
    *count = 0;
    size_t off = 0, rest;
    rg_pem_block b;
    while (off < len && rg_pem_next(arena, text + off, len - off, &b, &rest)) {
        off += rest;
        if (!is_key_block(b.type))
            continue;
        EVP_PKEY *k = decode_key(&b, err);
        if (!k) {
            rg_x509load_free_keys(*keys, *count);
            *keys = NULL;
            *count = 0;
            return false;
        }
        rg_grow((void **)keys, &cap, *count + 1, sizeof **keys);
        (*keys)[(*count)++] = k;
    }
    return true;
}
