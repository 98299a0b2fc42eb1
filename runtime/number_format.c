/*
 * Decimal text of computed numbers in the forms OPA prints: Go's
 * shortest %f for integers ("4", "-0", "1000000000000000000000") and
 * Go's shortest %g otherwise ("3.5", "1.5e+20", "1e-07": exponent form
 * when the decimal exponent is below -4 or at least 6, with at least two
 * exponent digits).
 */
#include "runtime/value_impl.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exponent limit of the %g form, as Go uses for shortest formatting. */
#define GO_G_EXP_LIMIT 6

typedef struct text {
    char *buf;
    size_t len;
} text;

static void put(text *t, char c)
{
    t->buf[t->len++] = c;
}

/* Go's %f: integer digits (zero-padded), then prec fraction digits. */
static void format_fixed(text *t, const char *d, size_t nd, int64_t dp,
                         int64_t prec)
{
    if (dp > 0) {
        for (int64_t i = 0; i < dp; i++)
            put(t, (size_t)i < nd ? d[i] : '0');
    } else {
        put(t, '0');
    }
    if (prec <= 0)
        return;
    put(t, '.');
    for (int64_t i = 0; i < prec; i++) {
        int64_t at = dp + i;
        put(t, at >= 0 && (size_t)at < nd ? d[at] : '0');
    }
}

/* Go's %e with every digit: d.ddde±XX. */
static void format_exp(text *t, const char *d, size_t nd, int64_t dp)
{
    put(t, nd ? d[0] : '0');
    if (nd > 1) {
        put(t, '.');
        for (size_t i = 1; i < nd; i++)
            put(t, d[i]);
    }
    int64_t e = nd ? dp - 1 : 0;
    put(t, 'e');
    put(t, e < 0 ? '-' : '+');
    char num[24];
    int n = snprintf(num, sizeof num, "%02lld",
                     (long long)(e < 0 ? -e : e));
    for (int i = 0; i < n; i++)
        put(t, num[i]);
}

const rg_value *rg_number_from_digits(rg_arena *arena, const char *digits,
                                      size_t nd, int64_t dp, bool neg,
                                      bool fixed)
{
    if (nd == 0)
        dp = 0;
    if (dp > RG_NUMBER_MAX_DIGITS || dp < -RG_NUMBER_MAX_DIGITS)
        return NULL;
    int64_t e = dp - 1;
    bool use_exp = !fixed && nd && (e < -4 || e >= GO_G_EXP_LIMIT);
    size_t size = nd + (size_t)(dp < 0 ? -dp : dp) + 32;
    text t = { rg_xmalloc(size), 0 };
    if (neg)
        put(&t, '-');
    if (use_exp) {
        format_exp(&t, digits, nd, dp);
    } else {
        int64_t prec = (int64_t)nd - dp;
        format_fixed(&t, digits, nd, dp, fixed ? 0 : prec);
    }
    assert(t.len < size);
    const rg_value *v = rg_number_parse(arena, t.buf, t.len);
    free(t.buf);
    return v;
}
