/*
 * Shared steps of the io.jwt builtins: splitting a compact JWS, OPA's
 * lenient base64url decoding, JSON object extraction, and the keys of a
 * certificate, PEM public key, JWK or JWK set.  Each step records OPA's
 * error text in the context on failure and returns RG_BUILTIN_ERROR.
 */
#ifndef RG_JWTCOMMON_H
#define RG_JWTCOMMON_H

#include "runtime/builtin.h"
#include "runtime/builtins/jwk.h"

typedef struct rg_jwt_parts {
    const char *header, *payload, *signature;   /* in the arena */
    size_t header_len, payload_len, signature_len;
    const rg_value *decoded_header;             /* after decode_header */
} rg_jwt_parts;

/* Split token (operand 1) at its periods. */
rg_bstatus rg_jwtcommon_split(rg_bctx *ctx, const rg_value *token,
                              rg_jwt_parts *parts);

/* OPA's base64url.decode: padding added when missing.  On failure
 * returns false with the error text at *err. */
bool rg_jwtcommon_b64url(rg_arena *arena, const char *s, size_t len,
                         unsigned char **out, size_t *out_len,
                         const char **err);

/* Decode and check the header ("JWT header had invalid encoding",
 * "bad JWT header", JWE rejection) into parts->decoded_header. */
rg_bstatus rg_jwtcommon_decode_header(rg_bctx *ctx, rg_jwt_parts *parts);

/* Decode the signature bytes. */
rg_bstatus rg_jwtcommon_signature(rg_bctx *ctx, const rg_jwt_parts *parts,
                                  unsigned char **sig, size_t *sig_len);

/* Parse text as a JSON object ("invalid JSON: ...", "decoded JSON type
 * was not an Object"); *out lives in the call's arena. */
rg_bstatus rg_jwtcommon_json_object(rg_bctx *ctx, const char *text,
                                    size_t len, const rg_value **out);

/* The verification keys of a PEM certificate, PEM public key, JWK or
 * JWK set (keys with unknown algorithms skipped).  Release with
 * rg_jwk_set_free. */
rg_bstatus rg_jwtcommon_keys(rg_bctx *ctx, const char *text, size_t len,
                             rg_jwk_set *keys);

/* Read the header's "alg", "kid" and "cty" strings ("" when absent).
 * A non-string gives OPA's error ("alg: must be a string").  *valid is
 * RFC 7515's rule: alg present and no unknown critical parameter. */
rg_bstatus rg_jwtcommon_header_fields(rg_bctx *ctx, const rg_value *header,
                                      const char **alg, const char **kid,
                                      const char **cty, bool *valid);

#endif
