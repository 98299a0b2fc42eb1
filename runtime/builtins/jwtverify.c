/*
 * io.jwt.decode_verify.  The signature is verified with the "cert" or
 * "secret" constraint.  Then the "alg", "iss" and "aud" constraints and
 * the "exp" and "nbf" claims are checked against "time" (nanoseconds,
 * the query's time by default).  A failed check gives [false, {}, {}],
 * while malformed tokens and constraints are errors.
 */
#include <string.h>

#include "runtime/builtins/extargs.h"
#include "runtime/builtins/jws.h"
#include "runtime/builtins/jwtcommon.h"

/* Most nested tokens ("cty": "JWT") unwrapped before giving up. */
#define JWT_NEST_MAX 32

typedef struct constraints {
    const char *secret, *alg, *iss, *aud;
    size_t secret_len;
    rg_jwk_set keys;
    bool has_keys;
    double time_ns;         /* < 0 until set */
} constraints;

static rg_bstatus string_constraint(rg_bctx *ctx, const char *name,
                                    const rg_value *v, const char **out,
                                    size_t *len)
{
    if (rg_value_kind(v) != RG_STRING)
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "%s constraint: must be a string", name);
    *out = rg_string_bytes(v);
    if (len)
        *len = rg_string_len(v);
    return RG_BUILTIN_OK;
}

static rg_bstatus time_constraint(rg_bctx *ctx, const rg_value *v,
                                  double *out)
{
    if (rg_value_kind(v) != RG_NUMBER)
        return rg_extargs_fail(ctx, "token time constraint: must be a "
                                    "number");
    *out = rg_number_double(v);
    if (*out < 0)
        return rg_extargs_fail(ctx, "token time constraint: must not be "
                                    "negative");
    return RG_BUILTIN_OK;
}

static rg_bstatus one_constraint(rg_bctx *ctx, const char *name,
                                 const rg_value *v, constraints *c)
{
    if (strcmp(name, "cert") == 0) {
        if (rg_value_kind(v) != RG_STRING)
            return rg_extargs_fail(ctx, "cert constraint: must be a string");
        rg_jwk_set_free(&c->keys);
        c->has_keys = true;
        return rg_jwtcommon_keys(ctx, rg_string_bytes(v), rg_string_len(v),
                                 &c->keys);
    }
    if (strcmp(name, "secret") == 0)
        return string_constraint(ctx, name, v, &c->secret, &c->secret_len);
    if (strcmp(name, "alg") == 0)
        return string_constraint(ctx, name, v, &c->alg, NULL);
    if (strcmp(name, "iss") == 0)
        return string_constraint(ctx, name, v, &c->iss, NULL);
    if (strcmp(name, "aud") == 0)
        return string_constraint(ctx, name, v, &c->aud, NULL);
    if (strcmp(name, "time") == 0)
        return time_constraint(ctx, v, &c->time_ns);
    return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                         "unknown token validation constraint: %s", name);
}

static rg_bstatus parse_constraints(rg_bctx *ctx, const rg_value *obj,
                                    constraints *c)
{
    memset(c, 0, sizeof *c);
    c->secret = c->alg = c->iss = c->aud = "";
    c->time_ns = -1;
    for (size_t i = 0; i < rg_len(obj); i++) {
        const rg_value *k = rg_object_key_at(obj, i);
        const char *name = rg_value_kind(k) == RG_STRING ? rg_string_bytes(k)
                                                         : "";
        if (one_constraint(ctx, name, rg_object_value_at(obj, i), c) !=
            RG_BUILTIN_OK)
            return RG_BUILTIN_ERROR;
    }
    if (c->time_ns < 0)
        c->time_ns = (double)rg_bctx_now_ns(ctx);
    int n = (c->has_keys ? 1 : 0) + (c->secret[0] ? 1 : 0);
    if (n > 1)
        return rg_extargs_fail(ctx, "duplicate key constraints");
    if (n < 1)
        return rg_extargs_fail(ctx, "no key constraint");
    return RG_BUILTIN_OK;
}

static bool verify_signature(const constraints *c, const char *alg,
                             const char *kid, const rg_jwt_parts *p,
                             const unsigned char *sig, size_t sig_len)
{
    const unsigned char *msg = (const unsigned char *)p->header;
    size_t len = p->header_len + 1 + p->payload_len;
    if (!c->has_keys) {
        rg_jwk key = { NULL, (unsigned char *)c->secret, c->secret_len, "",
                       "" };
        return rg_jws_known(alg) &&
               rg_jws_verify(&key, alg, msg, len, sig, sig_len);
    }
    if (!rg_jws_known(alg))
        return false;
    if (kid[0]) {
        for (size_t i = 0; i < c->keys.count; i++)
            if (strcmp(c->keys.keys[i].kid, kid) == 0)
                return rg_jws_verify(&c->keys.keys[i], alg, msg, len, sig,
                                     sig_len);
    }
    for (size_t i = 0; i < c->keys.count; i++) {
        const rg_jwk *k = &c->keys.keys[i];
        if (k->alg[0] && strcmp(k->alg, alg) != 0)
            continue;
        if (rg_jws_verify(k, alg, msg, len, sig, sig_len))
            return true;
    }
    return false;
}

/* The verified header and claims of token, or *ok false when the
 * signature or the header does not check out. */
static rg_bstatus verified_token(rg_bctx *ctx, const constraints *c,
                                 const rg_value *token, bool *ok,
                                 const rg_value **header,
                                 const rg_value **claims)
{
    rg_arena *arena = rg_bctx_arena(ctx);
    for (int depth = 0;; depth++) {
        rg_jwt_parts parts;
        const char *alg, *kid, *cty, *err;
        bool valid;
        unsigned char *sig, *payload;
        size_t sig_len, payload_len;
        if (rg_jwtcommon_split(ctx, token, &parts) != RG_BUILTIN_OK ||
            rg_jwtcommon_decode_header(ctx, &parts) != RG_BUILTIN_OK ||
            rg_jwtcommon_header_fields(ctx, parts.decoded_header, &alg, &kid,
                                       &cty, &valid) != RG_BUILTIN_OK)
            return RG_BUILTIN_ERROR;
        *ok = valid && (!c->alg[0] || strcmp(c->alg, alg) == 0);
        if (!*ok)
            return RG_BUILTIN_OK;
        if (rg_jwtcommon_signature(ctx, &parts, &sig, &sig_len) !=
            RG_BUILTIN_OK)
            return RG_BUILTIN_ERROR;
        *ok = verify_signature(c, alg, kid, &parts, sig, sig_len);
        if (!*ok)
            return RG_BUILTIN_OK;
        if (!rg_jwtcommon_b64url(arena, parts.payload, parts.payload_len,
                                 &payload, &payload_len, &err))
            return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                                 "JWT payload had invalid encoding: %s", err);
        if (strcasecmp(cty, "JWT") == 0 && depth < JWT_NEST_MAX) {
            token = rg_extargs_str(ctx, (const char *)payload, payload_len);
            continue;
        }
        *header = parts.decoded_header;
        return rg_jwtcommon_json_object(ctx, (const char *)payload,
                                        payload_len, claims);
    }
}

static bool audience_ok(const constraints *c, const rg_value *aud)
{
    if (rg_value_kind(aud) == RG_STRING)
        return strcmp(rg_string_bytes(aud), c->aud) == 0;
    if (rg_value_kind(aud) != RG_ARRAY)
        return false;
    for (size_t i = 0; i < rg_len(aud); i++) {
        const rg_value *e = rg_array_at(aud, i);
        if (rg_value_kind(e) == RG_STRING &&
            strcmp(rg_string_bytes(e), c->aud) == 0)
            return true;
    }
    return false;
}

/* Check iss, aud, exp and nbf; *ok false when a claim fails. */
static rg_bstatus check_claims(rg_bctx *ctx, const constraints *c,
                               const rg_value *claims, bool *ok)
{
    const rg_value *iss = rg_object_get_str(claims, "iss", 3);
    const rg_value *aud = rg_object_get_str(claims, "aud", 3);
    const rg_value *exp = rg_object_get_str(claims, "exp", 3);
    const rg_value *nbf = rg_object_get_str(claims, "nbf", 3);
    double now = c->time_ns / 1e9;
    *ok = true;
    if (c->iss[0] && (!iss || rg_value_kind(iss) != RG_STRING ||
                      strcmp(rg_string_bytes(iss), c->iss) != 0))
        *ok = false;
    if (aud ? !audience_ok(c, aud) : c->aud[0] != '\0')
        *ok = false;
    if (exp && rg_value_kind(exp) != RG_NUMBER)
        return rg_extargs_fail(ctx, "exp value must be a number");
    if (exp && now >= rg_number_double(exp))
        *ok = false;
    if (nbf && rg_value_kind(nbf) != RG_NUMBER)
        return rg_extargs_fail(ctx, "nbf value must be a number");
    if (nbf && now < rg_number_double(nbf))
        *ok = false;
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_decode_verify(rg_bctx *ctx, const rg_value *const *args,
                                   size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    constraints c;
    if (rg_extargs_kind(ctx, args[1], 2, RG_OBJECT) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_bstatus st = parse_constraints(ctx, args[1], &c);
    bool ok = false;
    const rg_value *header = NULL, *claims = NULL;
    if (st == RG_BUILTIN_OK)
        st = verified_token(ctx, &c, args[0], &ok, &header, &claims);
    if (st == RG_BUILTIN_OK && ok)
        st = check_claims(ctx, &c, claims, &ok);
    rg_jwk_set_free(&c.keys);
    if (st != RG_BUILTIN_OK)
        return st;
    rg_arena *arena = rg_bctx_arena(ctx);
    const rg_value *empty = rg_builder_finish(rg_object_builder(arena, 0));
    const rg_value *items[3] = { rg_bool(ok), ok ? header : empty,
                                 ok ? claims : empty };
    *out = rg_array(arena, items, 3);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_jwtverify[] = {
    { "io.jwt.decode_verify", 2, bi_decode_verify, false, false },
    { NULL, 0, NULL, false, false },
};
