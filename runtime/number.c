/*
 * Number values: construction from int64_t, double and literal text, and
 * exact comparison and hashing across the three number forms described in
 * runtime/value_impl.h.  Comparison never goes through double: it
 * compares the normalized sign, exponent and significant digits, so
 * 1 == 1.0 == 1e0 == 10e-1 and 2^53 + 1 differs from 2^53.
 */
#include "runtime/value_impl.h"

#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest decimal exponent accepted in a literal.  Go's big.Float, which
 * OPA computes with, has a binary exponent range of about 2^31, that is
 * about 6.4e8 decimal; larger exponents are rejected as invalid. */
#define NUMBER_MAX_EXP 600000000LL

/* Integers in [SMALL_INT_MIN, SMALL_INT_MIN + 512) are static values,
 * so counters, indexes and small constants allocate nothing. */
#define SMALL_INT_MIN (-256)
#define SI(n) { { RG_NUMBER, RG_NUM_INT, 0 }, (n) + SMALL_INT_MIN }
#define SI4(n) SI(n), SI((n) + 1), SI((n) + 2), SI((n) + 3)
#define SI16(n) SI4(n), SI4((n) + 4), SI4((n) + 8), SI4((n) + 12)
#define SI64(n) SI16(n), SI16((n) + 16), SI16((n) + 32), SI16((n) + 48)
#define SI256(n) SI64(n), SI64((n) + 64), SI64((n) + 128), SI64((n) + 192)
static const rg_int_value small_ints[512] = { SI256(0), SI256(256) };

const rg_value *rg_int(rg_arena *arena, int64_t i)
{
    if (i >= SMALL_INT_MIN && i < SMALL_INT_MIN + 512)
        return &small_ints[i - SMALL_INT_MIN].h;
    rg_int_value *v = rg_arena_alloc(arena, sizeof *v);
    v->h.kind = RG_NUMBER;
    v->h.form = RG_NUM_INT;
    v->h.flags = 0;
    v->i = i;
    return &v->h;
}

/* ---- Parsing ------------------------------------------------------------ */

/* The parts of a JSON number literal. */
typedef struct literal {
    bool neg;
    const char *int_start;
    size_t int_len;
    const char *frac_start;     /* NULL without a fraction */
    size_t frac_len;
    int64_t exp;                /* the written exponent */
    bool has_exp;
} literal;

static size_t scan_digits(const char *s, size_t i, size_t len)
{
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

/* Parse the exponent digits of s[i..len); false when out of range. */
static bool scan_exponent(const char *s, size_t *i, size_t len, int64_t *e)
{
    bool neg = false;
    if (*i < len && (s[*i] == '+' || s[*i] == '-'))
        neg = s[(*i)++] == '-';
    size_t start = *i;
    *i = scan_digits(s, *i, len);
    if (*i == start)
        return false;
    int64_t v = 0;
    for (size_t k = start; k < *i; k++) {
        v = v * 10 + (s[k] - '0');
        if (v > NUMBER_MAX_EXP)
            return false;
    }
    *e = neg ? -v : v;
    return true;
}

/* Split a JSON number literal; false when s is not one. */
static bool split_literal(const char *s, size_t len, literal *lit)
{
    memset(lit, 0, sizeof *lit);
    size_t i = 0;
    if (i < len && s[i] == '-') {
        lit->neg = true;
        i++;
    }
    lit->int_start = s + i;
    size_t end = scan_digits(s, i, len);
    if (end == i || (s[i] == '0' && end - i > 1))
        return false;
    lit->int_len = end - i;
    i = end;
    if (i < len && s[i] == '.') {
        end = scan_digits(s, ++i, len);
        if (end == i)
            return false;
        lit->frac_start = s + i;
        lit->frac_len = end - i;
        i = end;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        lit->has_exp = true;
        if (!scan_exponent(s, &i, len, &lit->exp))
            return false;
    }
    return i == len;
}

/* Accumulate decimal digits into *out; false on uint64_t overflow. */
static bool digits_u64(const char *d, size_t n, size_t zeros, uint64_t *out)
{
    uint64_t v = 0;
    for (size_t k = 0; k < n + zeros; k++) {
        unsigned digit = k < n ? (unsigned)(d[k] - '0') : 0;
        if (v > (UINT64_MAX - digit) / 10)
            return false;
        v = v * 10 + digit;
    }
    *out = v;
    return true;
}

/* Magnitude to int64_t with sign; false when out of range. */
static bool signed_fits(uint64_t mag, bool neg, int64_t *out)
{
    if (neg) {
        if (mag > (uint64_t)INT64_MAX + 1)
            return false;
        *out = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
        return true;
    }
    if (mag > (uint64_t)INT64_MAX)
        return false;
    *out = (int64_t)mag;
    return true;
}

/* Set RG_NUMF_I64 and i when the normalized value is an int64_t. */
static void set_i64(rg_num_value *v)
{
    if (v->ndigits == 0) {
        v->i = 0;
        v->h.flags |= RG_NUMF_I64;
        return;
    }
    if (v->exp < (int64_t)v->ndigits || v->exp > 19)
        return;
    uint64_t mag;
    if (!digits_u64(v->digits, v->ndigits, (size_t)(v->exp - v->ndigits),
                    &mag))
        return;
    if (signed_fits(mag, v->h.flags & RG_NUMF_NEG, &v->i))
        v->h.flags |= RG_NUMF_I64;
}

static rg_num_value *num_new(rg_arena *arena, int form, bool neg,
                             const char *text, size_t len)
{
    rg_num_value *v = rg_arena_alloc(arena, sizeof *v);
    v->h.kind = RG_NUMBER;
    v->h.form = (uint8_t)form;
    v->h.flags = neg ? RG_NUMF_NEG : 0;
    v->i = 0;
    v->text = rg_arena_strndup(arena, text, len);
    v->text_len = (uint32_t)len;
    return v;
}

/* Normalize digit string d[0..n) with exponent e (value 0.d * 10^e):
 * drop leading zeros (lowering e) and trailing zeros. */
static void normalize(rg_num_value *v, const char *d, size_t n, int64_t e)
{
    while (n > 0 && d[0] == '0') {
        d++;
        n--;
        e--;
    }
    while (n > 0 && d[n - 1] == '0')
        n--;
    v->digits = d;
    v->ndigits = (uint32_t)n;
    v->exp = n == 0 ? 0 : e;
}

static const rg_value *make_decimal(rg_arena *arena, const literal *lit,
                                    const char *text, size_t len)
{
    rg_num_value *v = num_new(arena, RG_NUM_DEC, lit->neg, text, len);
    size_t n = lit->int_len + lit->frac_len;
    char *d = rg_arena_alloc(arena, n ? n : 1);
    memcpy(d, lit->int_start, lit->int_len);
    if (lit->frac_len)
        memcpy(d + lit->int_len, lit->frac_start, lit->frac_len);
    normalize(v, d, n, (int64_t)lit->int_len + lit->exp);
    if (v->ndigits == 0)
        v->h.flags &= (uint8_t)~RG_NUMF_NEG;
    set_i64(v);
    return &v->h;
}

static const rg_value *make_integer(rg_arena *arena, const literal *lit,
                                    const char *text, size_t len)
{
    uint64_t mag;
    int64_t i;
    bool fits = digits_u64(lit->int_start, lit->int_len, 0, &mag) &&
                signed_fits(mag, lit->neg, &i);
    if (fits && lit->neg && mag == 0)
        return make_decimal(arena, lit, text, len);
    if (fits)
        return rg_int(arena, i);
    rg_num_value *v = num_new(arena, RG_NUM_BIG, lit->neg, text, len);
    const char *d = v->text + (lit->neg ? 1 : 0);
    normalize(v, d, lit->int_len, (int64_t)lit->int_len);
    return &v->h;
}

const rg_value *rg_number_parse(rg_arena *arena, const char *text,
                                size_t len)
{
    literal lit;
    if (len > UINT32_MAX || !split_literal(text, len, &lit))
        return NULL;
    if (!lit.frac_start && !lit.has_exp)
        return make_integer(arena, &lit, text, len);
    return make_decimal(arena, &lit, text, len);
}

size_t rg_number_double_digits(double d, bool single, char buf[40],
                               int64_t *dp)
{
    char tmp[40];
    int max_prec = single ? 9 : 17;
    for (int prec = 0; prec < max_prec; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec, d);
        double back = strtod(tmp, NULL);
        if (single ? (float)back == (float)d : back == d)
            break;
    }
    const char *p = tmp + (tmp[0] == '-');
    size_t n = 0;
    for (; *p != 'e'; p++) {
        if (*p != '.')
            buf[n++] = *p;
    }
    *dp = strtoll(p + 1, NULL, 10) + 1;
    while (n > 0 && buf[n - 1] == '0')
        n--;
    return n;
}

const rg_value *rg_double(rg_arena *arena, double d)
{
    assert(isfinite(d));
    if (d == trunc(d) && fabs(d) < 9.2e18)
        return rg_int(arena, (int64_t)d);
    char digits[40];
    int64_t dp;
    size_t n = rg_number_double_digits(d, false, digits, &dp);
    const rg_value *v = rg_number_from_digits(arena, digits, n, dp, d < 0,
                                              RG_FLOAT_G);
    assert(v != NULL);
    return v;
}

/* ---- Inspection --------------------------------------------------------- */

bool rg_number_int64(const rg_value *v, int64_t *out)
{
    assert(v->kind == RG_NUMBER);
    return rg_number_i64_fast(v, out);
}

double rg_number_double(const rg_value *v)
{
    assert(v->kind == RG_NUMBER);
    if (v->form == RG_NUM_INT)
        return (double)RG_AS_INT(v)->i;
    return strtod(RG_AS_NUM(v)->text, NULL);
}

bool rg_number_is_integer(const rg_value *v)
{
    assert(v->kind == RG_NUMBER);
    if (v->form != RG_NUM_DEC)
        return true;
    const rg_num_value *n = RG_AS_NUM(v);
    return n->ndigits == 0 || n->exp >= (int64_t)n->ndigits;
}

const char *rg_number_text(rg_arena *arena, const rg_value *v)
{
    assert(v->kind == RG_NUMBER);
    if (v->form == RG_NUM_INT)
        return rg_arena_printf(arena, "%" PRId64, RG_AS_INT(v)->i);
    return RG_AS_NUM(v)->text;
}

void rg_number_write(rg_buf *out, const rg_value *v)
{
    assert(v->kind == RG_NUMBER);
    if (v->form == RG_NUM_INT) {
        char buf[24];
        int n = snprintf(buf, sizeof buf, "%" PRId64, RG_AS_INT(v)->i);
        rg_buf_append(out, buf, (size_t)n);
        return;
    }
    rg_buf_append(out, RG_AS_NUM(v)->text, RG_AS_NUM(v)->text_len);
}

/* ---- Exact order and hashing -------------------------------------------- */

void rg_number_norm(const rg_value *v, rg_norm *n, char buf[RG_NORM_BUF])
{
    if (v->form != RG_NUM_INT) {
        const rg_num_value *num = RG_AS_NUM(v);
        n->neg = num->h.flags & RG_NUMF_NEG;
        n->ndigits = num->ndigits;
        n->exp = num->exp;
        n->digits = num->digits;
        return;
    }
    int64_t i = RG_AS_INT(v)->i;
    uint64_t mag = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
    char *end = buf + RG_NORM_BUF;
    char *p = end;
    while (mag) {
        *--p = (char)('0' + mag % 10);
        mag /= 10;
    }
    n->neg = i < 0;
    n->exp = end - p;
    while (end > p && end[-1] == '0')
        end--;
    n->digits = p;
    n->ndigits = (uint32_t)(end - p);
}

static int sign_of(const rg_norm *n)
{
    if (n->ndigits == 0)
        return 0;
    return n->neg ? -1 : 1;
}

static int compare_magnitude(const rg_norm *a, const rg_norm *b)
{
    if (a->exp != b->exp)
        return a->exp < b->exp ? -1 : 1;
    uint32_t n = a->ndigits < b->ndigits ? a->ndigits : b->ndigits;
    int c = memcmp(a->digits, b->digits, n);
    if (c != 0)
        return c < 0 ? -1 : 1;
    return a->ndigits < b->ndigits ? -1 : a->ndigits > b->ndigits;
}

int rg_number_compare(const rg_value *a, const rg_value *b)
{
    int64_t x, y;
    if (rg_number_i64_fast(a, &x) && rg_number_i64_fast(b, &y))
        return x < y ? -1 : x > y;
    char abuf[RG_NORM_BUF], bbuf[RG_NORM_BUF];
    rg_norm na, nb;
    rg_number_norm(a, &na, abuf);
    rg_number_norm(b, &nb, bbuf);
    int sa = sign_of(&na), sb = sign_of(&nb);
    if (sa != sb)
        return sa < sb ? -1 : 1;
    return sa * compare_magnitude(&na, &nb);
}

uint64_t rg_number_hash(const rg_value *v)
{
    int64_t i;
    if (rg_number_i64_fast(v, &i))
        return rg_hash_mix((uint64_t)i);
    const rg_num_value *n = RG_AS_NUM(v);
    uint64_t h = rg_hash_bytes(n->digits, n->ndigits);
    h ^= rg_hash_mix((uint64_t)n->exp * 2 + (n->h.flags & RG_NUMF_NEG));
    return h;
}
