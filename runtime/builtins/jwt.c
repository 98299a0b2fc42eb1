/*
 * io.jwt.decode and the io.jwt.verify_* builtins.  Verification with a
 * key set first tries the key whose "kid" matches the token's, then
 * every key whose "alg" is absent or equal to the token's.
 */
#include <string.h>

#include "runtime/builtins/extargs.h"
#include "runtime/builtins/jws.h"
#include "runtime/builtins/jwtcommon.h"

/* Most tokens nested through "cty": "JWT" that io.jwt.decode unwraps;
 * deeper nesting is rejected instead of recursing without bound. */
#define JWT_NEST_MAX 32

static const rg_value *hex_value(rg_bctx *ctx, const unsigned char *b,
                                 size_t n)
{
    static const char digits[] = "0123456789abcdef";
    char *out = rg_arena_alloc(rg_bctx_arena(ctx), 2 * n + 1);
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    return rg_extargs_str(ctx, out, 2 * n);
}

/* A payload nested as a quoted token loses its quotes before decoding. */
static const rg_value *trim_quotes(rg_bctx *ctx, const unsigned char *p,
                                   size_t n)
{
    size_t a = 0;
    while (a < n && (p[a] == '"' || p[a] == '\''))
        a++;
    while (n > a && (p[n - 1] == '"' || p[n - 1] == '\''))
        n--;
    return rg_extargs_str(ctx, (const char *)p + a, n - a);
}

static rg_bstatus decode(rg_bctx *ctx, const rg_value *token, int depth,
                         const rg_value **out)
{
    rg_jwt_parts parts;
    if (rg_jwtcommon_split(ctx, token, &parts) != RG_BUILTIN_OK ||
        rg_jwtcommon_decode_header(ctx, &parts) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_arena *arena = rg_bctx_arena(ctx);
    unsigned char *payload, *sig;
    size_t payload_len, sig_len;
    const char *err;
    if (!rg_jwtcommon_b64url(arena, parts.payload, parts.payload_len,
                             &payload, &payload_len, &err))
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "JWT payload had invalid encoding: %s", err);
    const rg_value *cty = rg_object_get_str(parts.decoded_header, "cty", 3);
    if (cty && rg_value_kind(cty) == RG_STRING &&
        strcmp(rg_string_bytes(cty), "JWT") == 0) {
        if (depth >= JWT_NEST_MAX)
            return rg_extargs_fail(ctx, "JWT nested too deeply");
        return decode(ctx, trim_quotes(ctx, payload, payload_len), depth + 1,
                      out);
    }
    const rg_value *claims;
    if (rg_jwtcommon_json_object(ctx, (const char *)payload, payload_len,
                                 &claims) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    if (!rg_jwtcommon_b64url(arena, parts.signature, parts.signature_len,
                             &sig, &sig_len, &err))
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "JWT signature had invalid encoding: %s", err);
    const rg_value *items[3] = { parts.decoded_header, claims,
                                 hex_value(ctx, sig, sig_len) };
    *out = rg_array(arena, items, 3);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_decode(rg_bctx *ctx, const rg_value *const *args,
                            size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return decode(ctx, args[0], 0, out);
}

/* ---- Signature verification with a public key --------------------------- */

static bool try_keys(const rg_jwk_set *keys, const char *alg,
                     const char *kid, const char *verify_alg,
                     const rg_jwt_parts *parts, const unsigned char *sig,
                     size_t sig_len)
{
    size_t len = parts->header_len + 1 + parts->payload_len;
    const unsigned char *msg = (const unsigned char *)parts->header;
    if (kid[0]) {
        for (size_t i = 0; i < keys->count; i++)
            if (strcmp(keys->keys[i].kid, kid) == 0)
                return rg_jws_verify(&keys->keys[i], verify_alg, msg, len,
                                     sig, sig_len);
    }
    for (size_t i = 0; i < keys->count; i++) {
        const rg_jwk *k = &keys->keys[i];
        if (k->alg[0] && strcmp(k->alg, alg) != 0)
            continue;
        if (rg_jws_verify(k, verify_alg, msg, len, sig, sig_len))
            return true;
    }
    return false;
}

/* io.jwt.verify_XX for an asymmetric algorithm. */
static rg_bstatus verify_public(rg_bctx *ctx, const rg_value *const *args,
                                const char *verify_alg, const rg_value **out)
{
    rg_jwt_parts parts;
    const char *key_text;
    size_t key_len;
    if (rg_jwtcommon_split(ctx, args[0], &parts) != RG_BUILTIN_OK ||
        rg_extargs_string(ctx, args[1], 2, &key_text, &key_len) !=
            RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_jwk_set keys;
    if (rg_jwtcommon_keys(ctx, key_text, key_len, &keys) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    unsigned char *sig;
    size_t sig_len;
    const char *alg, *kid, *cty;
    bool valid;
    rg_bstatus st = rg_jwtcommon_signature(ctx, &parts, &sig, &sig_len);
    if (st == RG_BUILTIN_OK)
        st = rg_jwtcommon_decode_header(ctx, &parts);
    if (st == RG_BUILTIN_OK)
        st = rg_jwtcommon_header_fields(ctx, parts.decoded_header, &alg,
                                        &kid, &cty, &valid);
    if (st == RG_BUILTIN_OK)
        *out = rg_bool(try_keys(&keys, alg, kid, verify_alg, &parts, sig,
                                sig_len));
    rg_jwk_set_free(&keys);
    return st;
}

static rg_bstatus verify_hmac(rg_bctx *ctx, const rg_value *const *args,
                              const char *alg, const rg_value **out)
{
    const char *secret;
    size_t secret_len;
    rg_jwt_parts parts;
    if (rg_extargs_string(ctx, args[0], 1, &secret, NULL) != RG_BUILTIN_OK ||
        rg_extargs_string(ctx, args[1], 2, &secret, &secret_len) !=
            RG_BUILTIN_OK ||
        rg_jwtcommon_split(ctx, args[0], &parts) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    unsigned char *sig;
    size_t sig_len;
    if (rg_jwtcommon_signature(ctx, &parts, &sig, &sig_len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_jwk key = { NULL, (unsigned char *)secret, secret_len, "", "" };
    *out = rg_bool(rg_jws_verify(&key, alg,
                                 (const unsigned char *)parts.header,
                                 parts.header_len + 1 + parts.payload_len,
                                 sig, sig_len));
    return RG_BUILTIN_OK;
}

#define VERIFY_FN(NAME, ALG, HOW)                                        \
    static rg_bstatus NAME(rg_bctx *ctx, const rg_value *const *args,   \
                           size_t nargs, const rg_value **out)          \
    {                                                                    \
        RG_UNUSED(nargs);                                                \
        return HOW(ctx, args, ALG, out);                                 \
    }

VERIFY_FN(bi_rs256, "RS256", verify_public)
VERIFY_FN(bi_rs384, "RS384", verify_public)
VERIFY_FN(bi_rs512, "RS512", verify_public)
VERIFY_FN(bi_ps256, "PS256", verify_public)
VERIFY_FN(bi_ps384, "PS384", verify_public)
VERIFY_FN(bi_ps512, "PS512", verify_public)
VERIFY_FN(bi_es256, "ES256", verify_public)
VERIFY_FN(bi_es384, "ES384", verify_public)
VERIFY_FN(bi_es512, "ES512", verify_public)
VERIFY_FN(bi_eddsa, "EdDSA", verify_public)
VERIFY_FN(bi_hs256, "HS256", verify_hmac)
VERIFY_FN(bi_hs384, "HS384", verify_hmac)
VERIFY_FN(bi_hs512, "HS512", verify_hmac)

const rg_builtin_def rg_builtins_jwt[] = {
    { "io.jwt.decode", 1, bi_decode, false, false },
    { "io.jwt.verify_rs256", 2, bi_rs256, false, false },
    { "io.jwt.verify_rs384", 2, bi_rs384, false, false },
    { "io.jwt.verify_rs512", 2, bi_rs512, false, false },
    { "io.jwt.verify_ps256", 2, bi_ps256, false, false },
    { "io.jwt.verify_ps384", 2, bi_ps384, false, false },
    { "io.jwt.verify_ps512", 2, bi_ps512, false, false },
    { "io.jwt.verify_es256", 2, bi_es256, false, false },
    { "io.jwt.verify_es384", 2, bi_es384, false, false },
    { "io.jwt.verify_es512", 2, bi_es512, false, false },
    { "io.jwt.verify_eddsa", 2, bi_eddsa, false, false },
    { "io.jwt.verify_hs256", 2, bi_hs256, false, false },
    { "io.jwt.verify_hs384", 2, bi_hs384, false, false },
    { "io.jwt.verify_hs512", 2, bi_hs512, false, false },
    { NULL, 0, NULL, false, false },
};
