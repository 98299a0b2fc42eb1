/*
 * JSON Web Keys (RFC 7517) for the io.jwt builtins: a single key or a
 * {"keys": [...]} set, of type RSA, EC (P-256, P-384, P-521), OKP
 * (Ed25519) or oct (a shared secret).
 */
#ifndef RG_JWK_H
#define RG_JWK_H

#include <openssl/evp.h>

#include "runtime/arena.h"

typedef struct rg_jwk {
    EVP_PKEY *pkey;             /* owned; NULL for oct keys */
    unsigned char *secret;      /* oct key bytes, in the arena */
    size_t secret_len;
    const char *alg;            /* "" when absent */
    const char *kid;            /* "" when absent */
} rg_jwk;

typedef struct rg_jwk_set {
    rg_jwk *keys;               /* owned */
    size_t count;
} rg_jwk_set;

/* Parse text as a JWK or JWK set.  Returns true and fills set (release
 * with rg_jwk_set_free), or false with a message in arena at *err. */
bool rg_jwk_parse(rg_arena *arena, const char *text, size_t len,
                  rg_jwk_set *set, const char **err);

/* Add a key that is not from a JWK (a certificate's public key); takes
 * pkey. */
void rg_jwk_set_add(rg_jwk_set *set, EVP_PKEY *pkey);

void rg_jwk_set_free(rg_jwk_set *set);

#endif
