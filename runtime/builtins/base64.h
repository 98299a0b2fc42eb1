/*
 * Base64 with Go's encoding/base64 rules: the standard and URL-safe
 * alphabets, with or without padding.  Decoding skips \r and \n and
 * reports the offset of the first invalid byte as Go does ("illegal
 * base64 data at input byte N").
 */
#ifndef RG_BASE64_H
#define RG_BASE64_H

#include "runtime/builtins/strbuf.h"

typedef enum rg_base64_alphabet {
    RG_BASE64_STD,
    RG_BASE64_URL
} rg_base64_alphabet;

/* Append the encoding of s[0..len) to out, padded when pad. */
void rg_base64_encode(rg_strbuf *out, const char *s, size_t len,
                      rg_base64_alphabet alpha, bool pad);

/* Append the decoding of s[0..len) to out.  Returns true, or false with
 * *bad set to the offset of the offending byte. */
bool rg_base64_decode(rg_strbuf *out, const char *s, size_t len,
                      rg_base64_alphabet alpha, bool pad, size_t *bad);

#endif
