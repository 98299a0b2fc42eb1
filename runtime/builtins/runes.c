/*
 * UTF-8 decoding and encoding with Go's rules (see runes.h).
 */
#include <stdlib.h>

#include "runtime/builtins/runes.h"

/* Length of the sequence a lead byte starts, 0 for an invalid lead. */
static size_t runes_seq_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF)
        return 3;
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    return 0;
}

/* Allowed range of the second byte, which rules out overlong forms,
 * surrogates and values above U+10FFFF. */
static bool runes_second_ok(unsigned char lead, unsigned char c)
{
    unsigned char lo = 0x80, hi = 0xBF;
    if (lead == 0xE0)
        lo = 0xA0;
    else if (lead == 0xED)
        hi = 0x9F;
    else if (lead == 0xF0)
        lo = 0x90;
    else if (lead == 0xF4)
        hi = 0x8F;
    return c >= lo && c <= hi;
}

int32_t rg_runes_decode(const char *s, size_t len, size_t *pos)
{
    const unsigned char *p = (const unsigned char *)s + *pos;
    size_t avail = len - *pos;
    size_t n = runes_seq_len(p[0]);
    if (n == 1) {
        *pos += 1;
        return p[0];
    }
    if (n == 0 || n > avail || !runes_second_ok(p[0], p[1])) {
        *pos += 1;
        return RG_RUNES_ERROR;
    }
    int32_t r = p[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *pos += 1;
            return RG_RUNES_ERROR;
        }
        r = (r << 6) | (p[i] & 0x3F);
    }
    *pos += n;
    return r;
}

size_t rg_runes_encode(int32_t r, char *buf)
{
    unsigned char *b = (unsigned char *)buf;
    if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
        r = RG_RUNES_ERROR;
    if (r < 0x80) {
        b[0] = (unsigned char)r;
        return 1;
    }
    if (r < 0x800) {
        b[0] = (unsigned char)(0xC0 | (r >> 6));
        b[1] = (unsigned char)(0x80 | (r & 0x3F));
        return 2;
    }
    if (r < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (r >> 12));
        b[1] = (unsigned char)(0x80 | ((r >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (r & 0x3F));
        return 3;
    }
    b[0] = (unsigned char)(0xF0 | (r >> 18));
    b[1] = (unsigned char)(0x80 | ((r >> 12) & 0x3F));
    b[2] = (unsigned char)(0x80 | ((r >> 6) & 0x3F));
    b[3] = (unsigned char)(0x80 | (r & 0x3F));
    return 4;
}

size_t rg_runes_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t pos = 0; pos < len; n++)
        rg_runes_decode(s, len, &pos);
    return n;
}

size_t rg_runes_offset(const char *s, size_t len, size_t cp)
{
    size_t pos = 0;
    for (size_t i = 0; i < cp && pos < len; i++)
        rg_runes_decode(s, len, &pos);
    return pos;
}

int32_t *rg_runes_array(const char *s, size_t len, size_t *count)
{
    int32_t *out = rg_xmalloc((len + 1) * sizeof *out);
    size_t n = 0;
    for (size_t pos = 0; pos < len;)
        out[n++] = rg_runes_decode(s, len, &pos);
    *count = n;
    return out;
}
