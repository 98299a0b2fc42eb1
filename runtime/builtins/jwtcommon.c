/*
 * Token splitting, decoding and key loading for the io.jwt builtins,
 * with OPA's error texts.
 */
#include "runtime/builtins/jwtcommon.h"

#include <openssl/err.h>
#include <openssl/x509.h>
#include <string.h>

#include "runtime/builtins/b64.h"
#include "runtime/builtins/extargs.h"
#include "runtime/builtins/jws.h"
#include "runtime/builtins/pem.h"
#include "runtime/json.h"

rg_bstatus rg_jwtcommon_split(rg_bctx *ctx, const rg_value *token,
                              rg_jwt_parts *parts)
{
    const char *s;
    size_t len;
    if (rg_extargs_string(ctx, token, 1, &s, &len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    const char *dot1 = memchr(s, '.', len);
    if (!dot1)
        return rg_extargs_fail(ctx, "encoded JWT had no period separators");
    size_t sections = 1;
    for (size_t i = 0; i < len; i++)
        sections += s[i] == '.';
    if (sections != 3)
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "encoded JWT must have 3 sections, found %zu",
                             sections);
    const char *dot2 = memchr(dot1 + 1, '.', len - (size_t)(dot1 + 1 - s));
    memset(parts, 0, sizeof *parts);
    parts->header = s;
    parts->header_len = (size_t)(dot1 - s);
    parts->payload = dot1 + 1;
    parts->payload_len = (size_t)(dot2 - dot1 - 1);
    parts->signature = dot2 + 1;
    parts->signature_len = len - (size_t)(dot2 + 1 - s);
    return RG_BUILTIN_OK;
}

bool rg_jwtcommon_b64url(rg_arena *arena, const char *s, size_t len,
                         unsigned char **out, size_t *out_len,
                         const char **err)
{
    char *padded = rg_arena_alloc(arena, len + 3);
    memcpy(padded, s, len);
    size_t n = len;
    if (len == 0 || s[len - 1] != '=') {
        if (len % 4 == 2) {
            padded[n++] = '=';
            padded[n++] = '=';
        } else if (len % 4 == 3) {
            padded[n++] = '=';
        } else if (len % 4 == 1) {
            *err = rg_arena_printf(arena, "illegal base64url string: %.*s",
                                   (int)len, s);
            return false;
        }
    }
    size_t pos;
    if (!rg_b64_decode(arena, RG_B64_URL, padded, n, out, out_len, &pos)) {
        *err = rg_arena_printf(arena, "illegal base64 data at input byte %zu",
                               pos);
        return false;
    }
    return true;
}

rg_bstatus rg_jwtcommon_json_object(rg_bctx *ctx, const char *text,
                                    size_t len, const rg_value **out)
{
    rg_errors errs;
    rg_errors_init(&errs);
    *out = rg_json_parse(rg_bctx_arena(ctx), text, len, NULL, NULL, &errs);
    if (!*out) {
        rg_bstatus st = rg_bctx_error(
            ctx, RG_EXTARGS_BUILTIN_ERROR, "invalid JSON: %s",
            errs.count ? errs.items[0].message : "malformed JSON");
        rg_errors_free(&errs);
        return st;
    }
    rg_errors_free(&errs);
    if (rg_value_kind(*out) != RG_OBJECT)
        return rg_extargs_fail(ctx, "decoded JSON type was not an Object");
    return RG_BUILTIN_OK;
}

rg_bstatus rg_jwtcommon_decode_header(rg_bctx *ctx, rg_jwt_parts *parts)
{
    rg_arena *arena = rg_bctx_arena(ctx);
    unsigned char *raw;
    size_t raw_len;
    const char *err;
    if (!rg_jwtcommon_b64url(arena, parts->header, parts->header_len, &raw,
                             &raw_len, &err))
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "JWT header had invalid encoding: %s", err);
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *h = rg_json_parse(arena, (const char *)raw, raw_len,
                                      NULL, NULL, &errs);
    if (!h || rg_value_kind(h) != RG_OBJECT) {
        rg_bstatus st = rg_bctx_error(
            ctx, RG_EXTARGS_BUILTIN_ERROR, "bad JWT header: %s",
            !h ? rg_arena_printf(arena, "invalid JSON: %s",
                                 errs.count ? errs.items[0].message : "")
               : "decoded JSON type was not an Object");
        rg_errors_free(&errs);
        return st;
    }
    rg_errors_free(&errs);
    if (rg_object_get_str(h, "enc", 3))
        return rg_extargs_fail(ctx, "JWT is a JWE object, which is not "
                                    "supported");
    parts->decoded_header = h;
    return RG_BUILTIN_OK;
}

rg_bstatus rg_jwtcommon_signature(rg_bctx *ctx, const rg_jwt_parts *parts,
                                  unsigned char **sig, size_t *sig_len)
{
    const char *err;
    if (!rg_jwtcommon_b64url(rg_bctx_arena(ctx), parts->signature,
                             parts->signature_len, sig, sig_len, &err))
        return rg_extargs_fail(ctx, err);
    return RG_BUILTIN_OK;
}

/* ---- Keys -------------------------------------------------------------- */

static rg_bstatus pem_keys(rg_bctx *ctx, const rg_pem_block *b,
                           rg_jwk_set *keys)
{
    const unsigned char *p = b->der;
    EVP_PKEY *key = NULL;
    if (strcmp(b->type, "CERTIFICATE") == 0) {
        X509 *cert = d2i_X509(NULL, &p, (long)b->der_len);
        if (!cert)
            return rg_extargs_fail(ctx, "failed to parse a PEM certificate: "
                                        "x509: malformed certificate");
        key = X509_get_pubkey(cert);
        X509_free(cert);
    } else if (strcmp(b->type, "PUBLIC KEY") == 0) {
        key = d2i_PUBKEY(NULL, &p, (long)b->der_len);
        if (!key)
            return rg_extargs_fail(ctx, "failed to parse a PEM public key: "
                                        "asn1: structure error");
    } else {
        return rg_extargs_fail(ctx, "failed to extract a Key from the PEM "
                                    "certificate");
    }
    rg_jwk_set_add(keys, key);
    return RG_BUILTIN_OK;
}

/* Drop keys whose "alg" is set but unknown, as OPA does. */
static void drop_unknown_algs(rg_jwk_set *keys)
{
    size_t k = 0;
    for (size_t i = 0; i < keys->count; i++) {
        if (keys->keys[i].alg[0] && !rg_jws_known(keys->keys[i].alg)) {
            EVP_PKEY_free(keys->keys[i].pkey);
            continue;
        }
        keys->keys[k++] = keys->keys[i];
    }
    keys->count = k;
}

rg_bstatus rg_jwtcommon_keys(rg_bctx *ctx, const char *text, size_t len,
                             rg_jwk_set *keys)
{
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_pem_block b;
    size_t rest;
    keys->keys = NULL;
    keys->count = 0;
    if (rg_pem_next(arena, text, len, &b, &rest)) {
        if (rest < len)
            return rg_extargs_fail(ctx, "extra data after a PEM certificate "
                                        "block");
        rg_bstatus st = pem_keys(ctx, &b, keys);
        ERR_clear_error();
        return st;
    }
    const char *err;
    if (!rg_jwk_parse(arena, text, len, keys, &err)) {
        ERR_clear_error();
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "failed to parse a JWK key (set): %s", err);
    }
    drop_unknown_algs(keys);
    return RG_BUILTIN_OK;
}

/* ---- Header fields ----------------------------------------------------- */

static rg_bstatus string_field(rg_bctx *ctx, const char *name,
                               const rg_value *v, const char **out)
{
    if (rg_value_kind(v) != RG_STRING)
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "%s: must be a string", name);
    *out = rg_string_bytes(v);
    return RG_BUILTIN_OK;
}

static rg_bstatus crit_field(rg_bctx *ctx, const rg_value *v,
                             const rg_value **crit)
{
    if (rg_value_kind(v) != RG_ARRAY)
        return rg_extargs_fail(ctx, "crit: must be a list");
    if (rg_len(v) == 0)
        return rg_extargs_fail(ctx, "crit: must be a nonempty list");
    *crit = v;
    return RG_BUILTIN_OK;
}

static bool listed(const rg_value *crit, const rg_value *key)
{
    for (size_t i = 0; crit && i < rg_len(crit); i++)
        if (rg_value_equal(rg_array_at(crit, i), key))
            return true;
    return false;
}

rg_bstatus rg_jwtcommon_header_fields(rg_bctx *ctx, const rg_value *header,
                                      const char **alg, const char **kid,
                                      const char **cty, bool *valid)
{
    static const char *const known[] = { "alg", "kid", "typ", "cty",
                                         "crit" };
    const char *typ = "";
    const char **slots[] = { alg, kid, &typ, cty };
    const rg_value *crit = NULL;
    *alg = *kid = *cty = "";
    for (size_t i = 0; i < rg_len(header); i++) {
        const rg_value *k = rg_object_key_at(header, i);
        const rg_value *v = rg_object_value_at(header, i);
        const char *name = rg_string_bytes(k);
        for (size_t j = 0; j < RG_ARRAY_LEN(known); j++) {
            if (strcmp(name, known[j]) != 0)
                continue;
            rg_bstatus st = j == 4 ? crit_field(ctx, v, &crit)
                                   : string_field(ctx, name, v, slots[j]);
            if (st != RG_BUILTIN_OK)
                return st;
        }
    }
    *valid = (*alg)[0] != '\0';
    for (size_t i = 0; *valid && i < rg_len(header); i++) {
        const rg_value *k = rg_object_key_at(header, i);
        bool is_known = false;
        for (size_t j = 0; j < RG_ARRAY_LEN(known); j++)
            is_known = is_known || strcmp(rg_string_bytes(k), known[j]) == 0;
        if (!is_known && listed(crit, k))
            *valid = false;
    }
    return RG_BUILTIN_OK;
}
