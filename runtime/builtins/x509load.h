/*
 * Loading certificates, requests and private keys from the text forms
 * OPA's crypto builtins accept: PEM, base64 of PEM, or base64 of DER.
 */
#ifndef RG_X509LOAD_H
#define RG_X509LOAD_H

#include <openssl/x509.h>

#include "runtime/arena.h"

/* Decode certificates from text.  Returns a stack the caller frees with
 * sk_X509_pop_free(..., X509_free), or NULL with Go's error message in
 * arena at *err. */
STACK_OF(X509) *rg_x509load_certs(rg_arena *arena, const char *text,
                                  size_t len, const char **err);

/* Private keys of the PEM blocks "RSA PRIVATE KEY", "PRIVATE KEY" and
 * "EC PRIVATE KEY" in text (or in its base64 decoding); other blocks are
 * skipped.  Returns true with *keys (owned: release with
 * rg_x509load_free_keys) and *count, or false with an error message at
 * *err. */
bool rg_x509load_private_keys(rg_arena *arena, const char *text,
                              size_t len, EVP_PKEY ***keys, size_t *count,
                              const char **err);

/* Free keys returned by rg_x509load_private_keys. */
void rg_x509load_free_keys(EVP_PKEY **keys, size_t count);

/* The "illegal base64 data at input byte N" text. */
const char *rg_x509load_b64_error(rg_arena *arena, size_t pos);

#endif
