/*
 * Escaping of text written to a terminal; see k8s/termsafe.h.
 */
#include "k8s/termsafe.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/buf.h"

/* Length of the unsafe sequence at p (1 to 3 bytes), or 0 when safe. */
static size_t unsafe_at(const unsigned char *p)
{
    if (*p < 0x20 || *p == 0x7f)
        return 1;
    if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
        return 2;
    if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
        return 3;
    return 0;
}

static bool needs_escape(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (unsafe_at(p))
            return true;
    return false;
}

/* Append the escape of the n-byte unsafe sequence at p. */
static void escape_one(rg_buf *b, const unsigned char *p, size_t n)
{
    char tmp[8];
    if (n == 1)
        snprintf(tmp, sizeof tmp, "\\x%02x", p[0]);
    else if (n == 2)
        snprintf(tmp, sizeof tmp, "\\u%04x", p[1]);
    else
        snprintf(tmp, sizeof tmp, "\\u%04x", p[2] == 0xa8 ? 0x2028
                                                          : 0x2029);
    rg_buf_puts(b, tmp);
}

/* The escaped copy of s, owned by the caller. */
static char *escaped(const char *s)
{
    rg_buf b;
    rg_buf_init(&b);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = unsafe_at(p);
        if (n == 0) {
            rg_buf_putc(&b, (char)*p++);
            continue;
        }
        escape_one(&b, p, n);
        p += n;
    }
    return rg_buf_take(&b);
}

const char *rg_termsafe(rg_arena *arena, const char *s)
{
    if (s == NULL || !needs_escape(s))
        return s;
    char *e = escaped(s);
    const char *copy = rg_arena_strdup(arena, e);
    free(e);
    return copy;
}

void rg_termsafe_errors(const rg_errors *errs, FILE *out)
{
    for (size_t i = 0; i < errs->count; i++) {
        char *s = rg_error_format(&errs->items[i]);
        char *e = escaped(s);
        fprintf(out, "%s\n", e);
        free(e);
        free(s);
    }
    if (errs->dropped)
        fprintf(out, "too many errors: %zu more not shown\n", errs->dropped);
}
