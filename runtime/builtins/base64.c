/*
 * Base64 with Go's encoding/base64 rules (see base64.h).
 */
#include <string.h>

#include "runtime/builtins/base64.h"

static const char base64_std[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char base64_url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void rg_base64_encode(rg_strbuf *out, const char *s, size_t len,
                      rg_base64_alphabet alpha, bool pad)
{
    const char *a = alpha == RG_BASE64_URL ? base64_url : base64_std;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len; i += 3) {
        size_t n = len - i < 3 ? len - i : 3;
        uint32_t v = (uint32_t)p[i] << 16;
        if (n > 1)
            v |= (uint32_t)p[i + 1] << 8;
        if (n > 2)
            v |= p[i + 2];
        for (size_t k = 0; k < 4; k++) {
            if (k <= n)
                rg_strbuf_addc(out, a[(v >> (18 - 6 * k)) & 63]);
            else if (pad)
                rg_strbuf_addc(out, '=');
        }
    }
}

/* Value of c in the alphabet, or -1. */
static int base64_value(const char *a, char c)
{
    const char *at = c ? strchr(a, c) : NULL;
    return at ? (int)(at - a) : -1;
}

static size_t base64_skip_newlines(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == '\r' || s[i] == '\n'))
        i++;
    return i;
}

/* Check the padding that starts at s[*i - 1] when j characters of the
 * quantum were read. */
static bool base64_padding(const char *s, size_t len, size_t *i, size_t j,
                           size_t *bad)
{
    if (j < 2) {
        *bad = *i - 1;
        return false;
    }
    if (j == 2) {
        *i = base64_skip_newlines(s, len, *i);
        if (*i >= len) {
            *bad = len;
            return false;
        }
        if (s[*i] != '=') {
            *bad = *i - 1;
            return false;
        }
        (*i)++;
    }
    *i = base64_skip_newlines(s, len, *i);
    if (*i < len) {
        *bad = *i;
        return false;
    }
    return true;
}

static void base64_emit(rg_strbuf *out, uint32_t v, size_t chars)
{
    for (size_t k = 0; k + 1 < chars; k++)
        rg_strbuf_addc(out, (char)((v >> (16 - 8 * k)) & 0xFF));
}

bool rg_base64_decode(rg_strbuf *out, const char *s, size_t len,
                      rg_base64_alphabet alpha, bool pad, size_t *bad)
{
    const char *a = alpha == RG_BASE64_URL ? base64_url : base64_std;
    size_t i = 0;
    while (i < len) {
        uint32_t v = 0;
        size_t j = 0;
        bool padded = false;
        for (; j < 4 && !padded; j++) {
            i = base64_skip_newlines(s, len, i);
            if (i == len)
                break;
            char c = s[i++];
            int d = base64_value(a, c);
            if (d >= 0) {
                v |= (uint32_t)d << (18 - 6 * j);
                continue;
            }
            if (c != '=' || !pad) {
                *bad = i - 1;
                return false;
            }
            if (!base64_padding(s, len, &i, j, bad))
                return false;
            padded = true;
            j--;
        }
        if (!padded && j > 0 && j < 4 && (j == 1 || pad)) {
            *bad = len - j;
            return false;
        }
        base64_emit(out, v, j);
    }
    return true;
}
