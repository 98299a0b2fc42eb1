/*
 * Decimal text of computed numbers in the forms Go prints them (see
 * rg_float_style in runtime/value_impl.h): big.Float and strconv
 * shortest %f and %g for arithmetic results, encoding/json's float64
 * form for numbers that went through float64 (YAML floats).
 */
#include "runtime/value_impl.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Go's shortest %g uses the exponent form for exponents below -4 or at
 * least this. */
#define GO_G_EXP_LIMIT 6

/* encoding/json writes a float64 in exponent form below 1e-6 and from
 * 1e21 on: decimal point positions (0.D * 10^dp) of those bounds. */
#define JSON_DP_SMALL (-6)
#define JSON_DP_LARGE 22

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

/* Go's %e with every digit: d.ddde±XX, with at least min_exp_digits
 * exponent digits. */
static void format_exp(text *t, const char *d, size_t nd, int64_t dp,
                       int min_exp_digits)
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
    int n = snprintf(num, sizeof num, "%0*lld", min_exp_digits,
                     (long long)(e < 0 ? -e : e));
    for (int i = 0; i < n; i++)
        put(t, num[i]);
}

static bool use_exponent(size_t nd, int64_t dp, rg_float_style style)
{
    if (nd == 0 || style == RG_FLOAT_FIXED)
        return false;
    if (style == RG_FLOAT_JSON)
        return dp <= JSON_DP_SMALL || dp >= JSON_DP_LARGE;
    return dp - 1 < -4 || dp - 1 >= GO_G_EXP_LIMIT;
}

const rg_value *rg_number_from_digits(rg_arena *arena, const char *digits,
                                      size_t nd, int64_t dp, bool neg,
                                      rg_float_style style)
{
    if (nd == 0)
        dp = 0;
    if (dp > RG_NUMBER_MAX_DIGITS || dp < -RG_NUMBER_MAX_DIGITS)
        return NULL;
    size_t size = nd + (size_t)(dp < 0 ? -dp : dp) + 32;
    text t = { rg_xmalloc(size), 0 };
    if (neg)
        put(&t, '-');
    if (use_exponent(nd, dp, style)) {
        format_exp(&t, digits, nd, dp, style == RG_FLOAT_JSON ? 1 : 2);
    } else {
        int64_t prec = style == RG_FLOAT_FIXED ? 0 : (int64_t)nd - dp;
        format_fixed(&t, digits, nd, dp, prec);
    }
    assert(t.len < size);
    const rg_value *v = rg_number_parse(arena, t.buf, t.len);
    free(t.buf);
    return v;
}
