/*
 * Base64 decoding and encoding following Go's encoding/base64, including
 * where it reports an error: an invalid byte at its offset, missing
 * padding at the end of the input, trailing data after padding.
 */
#include "runtime/builtins/b64.h"

#include <string.h>

static int value_of(char c, bool url)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == (url ? '-' : '+'))
        return 62;
    if (c == (url ? '_' : '/'))
        return 63;
    return -1;
}

static bool is_newline(char c)
{
    return c == '\n' || c == '\r';
}

typedef struct b64_state {
    const char *in;
    size_t len, si;
    bool url, padded;
} b64_state;

static size_t skip_newlines(const b64_state *st, size_t si)
{
    while (si < st->len && is_newline(st->in[si]))
        si++;
    return si;
}

/* After a '=' at quantum position j: check the rest of the padding.
 * Returns the error offset or (size_t)-1 when the padding is valid. */
static size_t check_padding(b64_state *st, int j)
{
    if (j < 2)
        return st->si - 1;
    if (j == 2) {
        st->si = skip_newlines(st, st->si);
        if (st->si == st->len)
            return st->len;
        if (st->in[st->si] != '=')
            return st->si - 1;
        st->si++;
    }
    st->si = skip_newlines(st, st->si);
    if (st->si < st->len)
        return st->si;
    return (size_t)-1;
}

/* Decode one quantum into dst; returns bytes written, or -1 with *err. */
static int quantum(b64_state *st, unsigned char *dst, size_t *err,
                   bool *done)
{
    int v[4] = { 0, 0, 0, 0 };
    int j = 0;
    for (; j < 4; j++) {
        st->si = skip_newlines(st, st->si);
        if (st->si == st->len) {
            if (j == 0 || (j == 1 || st->padded)) {
                if (j == 0) {
                    *done = true;
                    return 0;
                }
                *err = st->si - (size_t)j;
                return -1;
            }
            *done = true;
            break;
        }
        char c = st->in[st->si++];
        v[j] = value_of(c, st->url);
        if (v[j] >= 0)
            continue;
        v[j] = 0;
        if (c != '=' || !st->padded) {
            *err = st->si - 1;
            return -1;
        }
        size_t e = check_padding(st, j);
        if (e != (size_t)-1) {
            *err = e;
            return -1;
        }
        *done = true;
        break;
    }
    unsigned val = (unsigned)(v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3]);
    dst[0] = (unsigned char)(val >> 16);
    dst[1] = (unsigned char)(val >> 8);
    dst[2] = (unsigned char)val;
    return j == 4 ? 3 : j - 1;
}

bool rg_b64_decode(rg_arena *arena, rg_b64_kind kind, const char *in,
                   size_t len, unsigned char **out, size_t *out_len,
                   size_t *err_pos)
{
    b64_state st = { in, len, 0, kind == RG_B64_URL || kind == RG_B64_RAW_URL,
                     kind == RG_B64_STD || kind == RG_B64_URL };
    unsigned char *buf = rg_arena_alloc(arena, len / 4 * 3 + 4);
    size_t n = 0;
    bool done = false;
    while (!done) {
        int k = quantum(&st, buf + n, err_pos, &done);
        if (k < 0)
            return false;
        n += (size_t)k;
    }
    buf[n] = '\0';
    *out = buf;
    *out_len = n;
    return true;
}

char *rg_b64_encode(rg_arena *arena, rg_b64_kind kind,
                    const unsigned char *in, size_t len)
{
    const char *alpha = kind == RG_B64_URL || kind == RG_B64_RAW_URL
        ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    bool pad = kind == RG_B64_STD || kind == RG_B64_URL;
    char *out = rg_arena_alloc(arena, (len + 2) / 3 * 4 + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned)in[i] << 16;
        size_t left = len - i;
        if (left > 1)
            v |= (unsigned)in[i + 1] << 8;
        if (left > 2)
            v |= in[i + 2];
        out[n++] = alpha[v >> 18 & 63];
        out[n++] = alpha[v >> 12 & 63];
        if (left > 1)
            out[n++] = alpha[v >> 6 & 63];
        else if (pad)
            out[n++] = '=';
        if (left > 2)
            out[n++] = alpha[v & 63];
        else if (pad)
            out[n++] = '=';
    }
    out[n] = '\0';
    return out;
}
