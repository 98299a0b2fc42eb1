/*
 * Private keys as values: Go's JSON encoding of crypto private keys (for
 * crypto.parse_private_keys) and JSON Web Keys (for
 * crypto.x509.parse_rsa_private_key).
 */
#ifndef RG_X509KEYS_H
#define RG_X509KEYS_H

#include <openssl/evp.h>

#include "runtime/value.h"

/* RSA {"N","E","D","Primes","Precomputed"}, ECDSA {"Curve","X","Y","D"},
 * Ed25519 base64 bytes; null for other kinds.  Lives in arena. */
const rg_value *rg_x509keys_go(rg_arena *arena, EVP_PKEY *key);

/* The key as a JWK object ("kty", "n", "e", "d", ...); null for kinds
 * other than RSA and EC.  Lives in arena. */
const rg_value *rg_x509keys_jwk(rg_arena *arena, EVP_PKEY *key);

#endif
