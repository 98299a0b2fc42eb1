/*
 * X.509 certificates and requests as values shaped like Go's JSON
 * encoding of crypto/x509's Certificate and CertificateRequest, which is
 * what OPA's crypto.x509.* builtins return.
 */
#ifndef RG_X509JSON_H
#define RG_X509JSON_H

#include <openssl/x509.h>

#include "runtime/value.h"

/* The certificate as an object in arena (Raw, Subject, DNSNames,
 * URIStrings, ...). */
const rg_value *rg_x509json_cert(rg_arena *arena, X509 *cert);

/* The certificate request as an object in arena. */
const rg_value *rg_x509json_csr(rg_arena *arena, X509_REQ *req);

/* A public key as Go marshals it: RSA {"E", "N"}, ECDSA {"Curve", "X",
 * "Y"}, Ed25519 base64 bytes; null for others. */
const rg_value *rg_x509json_pubkey(rg_arena *arena, EVP_PKEY *key);

/* Go's PublicKeyAlgorithm number of key (1 RSA, 2 DSA, 3 ECDSA,
 * 4 Ed25519, 0 other). */
int rg_x509json_key_algorithm(EVP_PKEY *key);

/* An OpenSSL big number as an exact number value. */
const rg_value *rg_x509json_bignum(rg_arena *arena, const BIGNUM *bn);

#endif
