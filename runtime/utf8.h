/*
 * UTF-8 decoding and encoding with strict validation: no overlong forms,
 * no encoded surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
 */
#ifndef RG_UTF8_H
#define RG_UTF8_H

#include "runtime/common.h"

/* Decode the code point at s[0..len): store it in *cp and return its
 * length in bytes (1 to 4), or return 0 when the bytes there are not
 * valid UTF-8 (len == 0 included). */
size_t rg_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* Encode code point cp (at most U+10FFFF) into out; returns 1 to 4. */
size_t rg_utf8_encode(uint32_t cp, char out[4]);
/* true when all of s[0..len) is valid UTF-8. */
bool rg_utf8_valid(const char *s, size_t len);

#endif
