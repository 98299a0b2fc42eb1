/*
 * io.jwt.encode_sign and io.jwt.encode_sign_raw: a compact JWS from a
 * header, a payload and the first key of a JWK (set).  encode_sign
 * serialises its objects as Go's json.Marshal does (sorted keys, sets as
 * arrays, HTML characters escaped).
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/b64.h"
#include "runtime/builtins/extargs.h"
#include "runtime/builtins/jws.h"
#include "runtime/builtins/jwtcommon.h"
#include "runtime/json.h"

static const char *json_of(rg_bctx *ctx, const rg_value *v, size_t *len)
{
    char *text = rg_json_text(v, 0, RG_JSON_ESCAPE_HTML);
    *len = strlen(text);
    char *copy = rg_arena_strndup(rg_bctx_arena(ctx), text, *len);
    free(text);
    return copy;
}

/* The "alg" of the header text, with the error texts of the JWS library
 * OPA uses. */
static rg_bstatus header_alg(rg_bctx *ctx, const char *h, size_t len,
                             const char **alg, const char **typ)
{
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *obj = len ? rg_json_parse(rg_bctx_arena(ctx), h, len,
                                              NULL, NULL, &errs)
                              : NULL;
    rg_errors_free(&errs);
    const char *prefix = "missing or invalid 'alg' header";
    if (len == 0)
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "%s: cannot parse JSON: cannot parse empty "
                             "string", prefix);
    /* The JWS library OPA uses reports a syntax error only for text that
     * starts as an object; other text has no "alg". */
    size_t lead = strspn(h, " \t\r\n");
    if (!obj && lead < len && h[lead] == '{')
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "%s: cannot parse JSON", prefix);
    const rg_value *a = obj && rg_value_kind(obj) == RG_OBJECT
                            ? rg_object_get_str(obj, "alg", 3)
                            : NULL;
    if (!a || rg_value_kind(a) != RG_STRING)
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "%s: jwsbb: header \"alg\" not found", prefix);
    const rg_value *t = rg_object_get_str(obj, "typ", 3);
    *alg = rg_string_bytes(a);
    *typ = t && rg_value_kind(t) == RG_STRING ? rg_string_bytes(t) : NULL;
    return RG_BUILTIN_OK;
}

static bool json_valid(rg_bctx *ctx, const char *text, size_t len)
{
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *v = rg_json_parse(rg_bctx_arena(ctx), text, len, NULL,
                                      NULL, &errs);
    rg_errors_free(&errs);
    return v != NULL;
}

static rg_bstatus sign(rg_bctx *ctx, const char *header, size_t header_len,
                       const char *payload, size_t payload_len,
                       const char *jwk_text, size_t jwk_len,
                       const rg_value **out)
{
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_jwk_set keys;
    const char *err, *alg = "", *typ = NULL;
    if (!rg_jwk_parse(arena, jwk_text, jwk_len, &keys, &err))
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "failed to parse JWK: %s", err);
    rg_bstatus st = RG_BUILTIN_OK;
    if (keys.count == 0)
        st = rg_extargs_fail(ctx, "no keys found in JWK set");
    if (st == RG_BUILTIN_OK)
        st = header_alg(ctx, header, header_len, &alg, &typ);
    if (st == RG_BUILTIN_OK && !rg_jws_known(alg))
        st = rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                           "unknown JWS algorithm: %s", alg);
    if (st == RG_BUILTIN_OK && (!typ || strcmp(typ, "JWT") == 0) &&
        !json_valid(ctx, payload, payload_len))
        st = rg_extargs_fail(ctx, "type is JWT but payload is not JSON");
    if (st == RG_BUILTIN_OK) {
        char *input = rg_arena_printf(
            arena, "%s.%s",
            rg_b64_encode(arena, RG_B64_RAW_URL,
                          (const unsigned char *)header, header_len),
            rg_b64_encode(arena, RG_B64_RAW_URL,
                          (const unsigned char *)payload, payload_len));
        size_t sig_len;
        unsigned char *sig = rg_jws_sign(arena, &keys.keys[0], alg,
                                         (const unsigned char *)input,
                                         strlen(input), &sig_len, &err);
        if (!sig)
            st = rg_extargs_fail(ctx, err);
        else
            *out = rg_cstring(arena, rg_arena_printf(
                arena, "%s.%s", input,
                rg_b64_encode(arena, RG_B64_RAW_URL, sig, sig_len)));
    }
    rg_jwk_set_free(&keys);
    return st;
}

static rg_bstatus bi_encode_sign(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    size_t hl, pl, kl;
    const char *h = json_of(ctx, args[0], &hl);
    const char *p = json_of(ctx, args[1], &pl);
    const char *k = json_of(ctx, args[2], &kl);
    return sign(ctx, h, hl, p, pl, k, kl, out);
}

static rg_bstatus bi_encode_sign_raw(rg_bctx *ctx,
                                     const rg_value *const *args,
                                     size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *h, *p, *k;
    size_t hl, pl, kl;
    if (rg_extargs_string(ctx, args[2], 3, &k, &kl) != RG_BUILTIN_OK ||
        rg_extargs_string(ctx, args[0], 1, &h, &hl) != RG_BUILTIN_OK ||
        rg_extargs_string(ctx, args[1], 2, &p, &pl) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    return sign(ctx, h, hl, p, pl, k, kl, out);
}

const rg_builtin_def rg_builtins_jwtsign[] = {
    { "io.jwt.encode_sign", 3, bi_encode_sign, false, false },
    { "io.jwt.encode_sign_raw", 3, bi_encode_sign_raw, false, false },
    { NULL, 0, NULL, false, false },
};
