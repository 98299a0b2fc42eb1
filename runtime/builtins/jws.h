/*
 * JWS signatures (RFC 7515/7518) by algorithm name: HS, RS, PS and ES
 * with SHA-256/384/512, and EdDSA (Ed25519).
 */
#ifndef RG_JWS_H
#define RG_JWS_H

#include "runtime/builtins/jwk.h"

/* True when alg is one OPA knows ("RS256" ... "EdDSA"). */
bool rg_jws_known(const char *alg);

/* Verify sig over msg with key for alg.  ECDSA signatures are r || s
 * split in the middle. */
bool rg_jws_verify(const rg_jwk *key, const char *alg,
                   const unsigned char *msg, size_t len,
                   const unsigned char *sig, size_t sig_len);

/* Sign msg with key for alg; returns the signature in arena (ECDSA as
 * fixed-width r || s), or NULL with a message at *err. */
unsigned char *rg_jws_sign(rg_arena *arena, const rg_jwk *key,
                           const char *alg, const unsigned char *msg,
                           size_t len, size_t *sig_len, const char **err);

#endif
