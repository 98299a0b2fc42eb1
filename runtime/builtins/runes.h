/*
 * Code points of UTF-8 strings with Go's rules, for builtins that work on
 * Unicode code points (substring, indexof, reverse, sprintf %c...).
 *
 * An invalid or truncated sequence decodes as U+FFFD and consumes one
 * byte, as Go's utf8.DecodeRuneInString does; surrogates and values
 * above U+10FFFF are invalid.
 */
#ifndef RG_RUNES_H
#define RG_RUNES_H

#include "runtime/common.h"

/* The replacement character Go substitutes for invalid input. */
#define RG_RUNES_ERROR 0xFFFD

/* Decode the code point at s[*pos] (pos < len) and advance *pos. */
int32_t rg_runes_decode(const char *s, size_t len, size_t *pos);

/* Encode r into buf (4 bytes), returning the byte count.  An invalid r
 * is encoded as U+FFFD. */
size_t rg_runes_encode(int32_t r, char *buf);

/* Number of code points in s[0..len). */
size_t rg_runes_count(const char *s, size_t len);

/* Byte offset of code point index cp in s (len when cp is past the
 * end). */
size_t rg_runes_offset(const char *s, size_t len, size_t cp);

/* Decode s into an array of code points in arena-free heap memory the
 * caller releases with free(); *count receives the length. */
int32_t *rg_runes_array(const char *s, size_t len, size_t *count);

#endif
