/*
 * UTF-8 decoding and encoding with Go's rules, for builtins that work on
 * Unicode code points (substring, indexof, reverse, sprintf %c...).
 *
 * An invalid or truncated sequence decodes as U+FFFD and consumes one
 * byte, as Go's utf8.DecodeRuneInString does; surrogates and values
 * above U+10FFFF are invalid.
 */
#ifndef RG_UTF8_H
#define RG_UTF8_H

#include "runtime/common.h"

/* The replacement character Go substitutes for invalid input. */
#define RG_UTF8_ERROR 0xFFFD

/* Decode the code point at s[*pos] (pos < len) and advance *pos. */
int32_t rg_utf8_decode(const char *s, size_t len, size_t *pos);

/* Encode r into buf (4 bytes), returning the byte count.  An invalid r
 * is encoded as U+FFFD. */
size_t rg_utf8_encode(int32_t r, char *buf);

/* Number of code points in s[0..len). */
size_t rg_utf8_count(const char *s, size_t len);

/* Byte offset of code point index cp in s (len when cp is past the
 * end). */
size_t rg_utf8_offset(const char *s, size_t len, size_t cp);

/* Decode s into an array of code points in arena-free heap memory the
 * caller releases with free(); *count receives the length. */
int32_t *rg_utf8_runes(const char *s, size_t len, size_t *count);

#endif
