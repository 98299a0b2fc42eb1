/*
 * Arithmetic on numbers with OPA's semantics (see runtime/number.h):
 * machine integers, then exact GMP integers, then MPFR floats with the
 * 64-bit mantissa of Go's default big.Float.
 */
#include "runtime/value_impl.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpfr.h>

/* mpz_get_si and mpz_set_si carry int64_t values through long. */
_Static_assert(sizeof(long) == sizeof(int64_t), "long must be 64 bits");

/* Mantissa bits of a big.Float parsed from text in Go (its default). */
#define GO_FLOAT_PREC 64

/* OPA's small-integer window: int32, so a product fits int64_t. */
#define SMALL_MIN (-2147483648LL)
#define SMALL_MAX 2147483647LL

typedef enum op { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_REM } op;

const char *rg_number_status_text(rg_number_status status)
{
    switch (status) {
    case RG_NUMBER_DIVIDE_BY_ZERO:
        return "divide by zero";
    case RG_NUMBER_MODULO_BY_ZERO:
        return "modulo by zero";
    case RG_NUMBER_MODULO_ON_FLOAT:
        return "modulo on floating-point number";
    case RG_NUMBER_OUT_OF_RANGE:
        return "number out of range";
    default:
        return "";
    }
}

int rg_number_sign(const rg_value *v)
{
    assert(v->kind == RG_NUMBER);
    int64_t i;
    if (rg_number_i64_fast(v, &i))
        return i < 0 ? -1 : i > 0;
    const rg_num_value *n = RG_AS_NUM(v);
    if (n->ndigits == 0)
        return 0;
    return (n->h.flags & RG_NUMF_NEG) ? -1 : 1;
}

/* ---- Conversions --------------------------------------------------------- */

bool rg_number_to_mpz(const rg_value *v, mpz_t z)
{
    assert(v->kind == RG_NUMBER);
    int64_t i;
    if (rg_number_i64_fast(v, &i)) {
        mpz_set_si(z, (long)i);
        return true;
    }
    const rg_num_value *n = RG_AS_NUM(v);
    if (!rg_number_is_integer(v) || n->exp > RG_NUMBER_MAX_DIGITS)
        return false;
    size_t len = (size_t)n->exp;
    char *buf = rg_xmalloc(len + 1);
    memcpy(buf, n->digits, n->ndigits);
    memset(buf + n->ndigits, '0', len - n->ndigits);
    buf[len] = '\0';
    mpz_set_str(z, buf, 10);
    free(buf);
    if (n->h.flags & RG_NUMF_NEG)
        mpz_neg(z, z);
    return true;
}

const rg_value *rg_number_from_mpz(rg_arena *arena, const mpz_t z)
{
    if (mpz_fits_slong_p(z))
        return rg_int(arena, (int64_t)mpz_get_si(z));
    if (mpz_sizeinbase(z, 10) > RG_NUMBER_MAX_DIGITS + 1)
        return NULL;
    char *s = mpz_get_str(NULL, 10, z);
    const rg_value *v = rg_number_parse(arena, s, strlen(s));
    void (*gmp_free)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &gmp_free);
    gmp_free(s, strlen(s) + 1);
    if (v && rg_number_sign(v) != 0 && RG_AS_NUM(v)->exp >
        RG_NUMBER_MAX_DIGITS)
        return NULL;
    return v;
}

/* Set f (initialized with GO_FLOAT_PREC) as Go's big.Float SetString
 * sets it from v's text: rounded to nearest even. */
static void to_mpfr(const rg_value *v, mpfr_t f)
{
    if (v->form == RG_NUM_INT)
        mpfr_set_si(f, (long)RG_AS_INT(v)->i, MPFR_RNDN);
    else
        mpfr_set_str(f, RG_AS_NUM(v)->text, 10, MPFR_RNDN);
}

/* Whether digit string s (mpfr_get_str output, 0.s * 10^e) reads back
 * as exactly f at f's precision. */
static bool reads_back(const char *s, mpfr_exp_t e, const mpfr_t f)
{
    size_t n = strlen(s) - (s[0] == '-');
    char *buf = rg_xmalloc(strlen(s) + 32);
    snprintf(buf, strlen(s) + 32, "%se%ld", s, (long)e - (long)n);
    mpfr_t back;
    mpfr_init2(back, mpfr_get_prec(f));
    mpfr_set_str(back, buf, 10, MPFR_RNDN);
    bool same = mpfr_equal_p(back, f);
    mpfr_clear(back);
    free(buf);
    return same;
}

/* The number OPA's FloatToNumber makes of f: the shortest decimal that
 * reads back as f at f's precision, in %f form for integers and %g
 * form otherwise.  NULL when too large. */
static const rg_value *from_mpfr(rg_arena *arena, const mpfr_t f)
{
    bool neg = mpfr_signbit(f) != 0;
    if (mpfr_zero_p(f))
        return rg_number_from_digits(arena, "", 0, 0, neg, RG_FLOAT_FIXED);
    size_t max = (size_t)((double)mpfr_get_prec(f) * 0.30103) + 3;
    char *s = NULL;
    mpfr_exp_t e = 0;
    for (size_t n = 1; n <= max; n++) {
        if (s)
            mpfr_free_str(s);
        s = mpfr_get_str(NULL, &e, 10, n, f, MPFR_RNDN);
        if (reads_back(s, e, f))
            break;
    }
    const char *d = s + neg;
    size_t nd = strlen(d);
    while (nd > 0 && d[nd - 1] == '0')
        nd--;
    rg_float_style style = mpfr_integer_p(f) ? RG_FLOAT_FIXED : RG_FLOAT_G;
    const rg_value *v = rg_number_from_digits(arena, d, nd, e, neg, style);
    mpfr_free_str(s);
    return v;
}

/* ---- Binary operations --------------------------------------------------- */

static bool small_int(const rg_value *v, int64_t *out)
{
    if (v->form != RG_NUM_INT)
        return false;
    *out = RG_AS_INT(v)->i;
    return *out >= SMALL_MIN && *out <= SMALL_MAX;
}

/* Machine-integer fast path on int64 operands.  Returns true with *out
 * set when it decided the result; false to go on to wider forms. */
static bool int_op(rg_arena *arena, op o, int64_t x, int64_t y,
                   const rg_value **out, rg_number_status *st)
{
    int64_t r;
    *st = RG_NUMBER_OK;
    switch (o) {
    case OP_ADD:
        if (__builtin_add_overflow(x, y, &r))
            return false;
        break;
    case OP_SUB:
        if (__builtin_sub_overflow(x, y, &r))
            return false;
        break;
    case OP_MUL:
        if (__builtin_mul_overflow(x, y, &r))
            return false;
        break;
    case OP_DIV:
        if (y == 0) {
            *st = RG_NUMBER_DIVIDE_BY_ZERO;
            return true;
        }
        if (x == 0 || y == -1 || x % y != 0)
            return false;
        r = x / y;
        break;
    default:
        if (y == 0) {
            *st = RG_NUMBER_MODULO_BY_ZERO;
            return true;
        }
        r = y == -1 ? 0 : x % y;
        break;
    }
    *out = rg_int(arena, r);
    return true;
}

static rg_number_status exact_op(rg_arena *arena, op o, mpz_t x, mpz_t y,
                                 const rg_value **out)
{
    if (o == OP_REM && mpz_sgn(y) == 0)
        return RG_NUMBER_MODULO_BY_ZERO;
    if (o == OP_ADD)
        mpz_add(x, x, y);
    else if (o == OP_SUB)
        mpz_sub(x, x, y);
    else if (o == OP_MUL)
        mpz_mul(x, x, y);
    else
        mpz_tdiv_r(x, x, y);
    const rg_value *v = rg_number_from_mpz(arena, x);
    if (v == NULL)
        return RG_NUMBER_OUT_OF_RANGE;
    *out = v;
    return RG_NUMBER_OK;
}

/* Exact integer path: RG_NUMBER_OK or an error when taken, or -1 when an
 * operand is not an integer of bounded size. */
static int try_exact(rg_arena *arena, op o, const rg_value *a,
                     const rg_value *b, const rg_value **out)
{
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    int st = -1;
    if (rg_number_to_mpz(a, x) && rg_number_to_mpz(b, y))
        st = (int)exact_op(arena, o, x, y, out);
    mpz_clears(x, y, NULL);
    return st;
}

static void set_exponent_range(void)
{
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
}

static rg_number_status float_op(rg_arena *arena, op o, const rg_value *a,
                                 const rg_value *b, const rg_value **out)
{
    if (o == OP_DIV && rg_number_sign(b) == 0)
        return RG_NUMBER_DIVIDE_BY_ZERO;
    set_exponent_range();
    mpfr_t x, y;
    mpfr_inits2(GO_FLOAT_PREC, x, y, (mpfr_ptr)NULL);
    to_mpfr(a, x);
    to_mpfr(b, y);
    if (o == OP_ADD)
        mpfr_add(x, x, y, MPFR_RNDN);
    else if (o == OP_SUB)
        mpfr_sub(x, x, y, MPFR_RNDN);
    else if (o == OP_MUL)
        mpfr_mul(x, x, y, MPFR_RNDN);
    else
        mpfr_div(x, x, y, MPFR_RNDN);
    const rg_value *v = from_mpfr(arena, x);
    mpfr_clears(x, y, (mpfr_ptr)NULL);
    if (v == NULL)
        return RG_NUMBER_OUT_OF_RANGE;
    *out = v;
    return RG_NUMBER_OK;
}

static rg_number_status binary(rg_arena *arena, op o, const rg_value *a,
                               const rg_value *b, const rg_value **out)
{
    assert(a->kind == RG_NUMBER);
    assert(b->kind == RG_NUMBER);
    int64_t x, y;
    rg_number_status st;
    if (o == OP_DIV ? small_int(a, &x) && small_int(b, &y)
                    : rg_number_i64_fast(a, &x) && rg_number_i64_fast(b, &y)) {
        if (int_op(arena, o, x, y, out, &st))
            return st;
    }
    if (o != OP_DIV) {
        int exact = try_exact(arena, o, a, b, out);
        if (exact >= 0)
            return (rg_number_status)exact;
    }
    if (o == OP_REM)
        return RG_NUMBER_MODULO_ON_FLOAT;
    return float_op(arena, o, a, b, out);
}

rg_number_status rg_number_add(rg_arena *arena, const rg_value *a,
                               const rg_value *b, const rg_value **out)
{
    return binary(arena, OP_ADD, a, b, out);
}

rg_number_status rg_number_sub(rg_arena *arena, const rg_value *a,
                               const rg_value *b, const rg_value **out)
{
    return binary(arena, OP_SUB, a, b, out);
}

rg_number_status rg_number_mul(rg_arena *arena, const rg_value *a,
                               const rg_value *b, const rg_value **out)
{
    return binary(arena, OP_MUL, a, b, out);
}

rg_number_status rg_number_div(rg_arena *arena, const rg_value *a,
                               const rg_value *b, const rg_value **out)
{
    return binary(arena, OP_DIV, a, b, out);
}

rg_number_status rg_number_rem(rg_arena *arena, const rg_value *a,
                               const rg_value *b, const rg_value **out)
{
    return binary(arena, OP_REM, a, b, out);
}

/* ---- Unary operations ---------------------------------------------------- */

typedef enum unary_op { U_ABS, U_ROUND, U_CEIL, U_FLOOR } unary_op;

/* Integer result of round, ceil or floor on f (OPA's big.Float steps). */
static void integer_step(unary_op u, const mpfr_t f, mpz_t z)
{
    if (u == U_ROUND) {
        mpfr_t t;
        mpfr_init2(t, GO_FLOAT_PREC);
        if (mpfr_signbit(f))
            mpfr_sub_d(t, f, 0.5, MPFR_RNDN);
        else
            mpfr_add_d(t, f, 0.5, MPFR_RNDN);
        mpfr_get_z(z, t, MPFR_RNDZ);
        mpfr_clear(t);
        return;
    }
    mpfr_get_z(z, f, MPFR_RNDZ);
    bool exact = mpfr_cmp_z(f, z) == 0;
    if (u == U_CEIL && mpz_sgn(z) >= 0 && !exact)
        mpz_add_ui(z, z, 1);
    if (u == U_FLOOR && mpz_sgn(z) < 0 && !exact)
        mpz_sub_ui(z, z, 1);
}

static const rg_value *float_unary(rg_arena *arena, unary_op u,
                                   const rg_value *v)
{
    set_exponent_range();
    mpfr_t f;
    mpfr_init2(f, GO_FLOAT_PREC);
    to_mpfr(v, f);
    const rg_value *r = NULL;
    if (u == U_ABS) {
        mpfr_abs(f, f, MPFR_RNDN);
        r = from_mpfr(arena, f);
    } else if (mpfr_get_exp(f) <= RG_NUMBER_MAX_DIGITS * 4) {
        mpz_t z;
        mpz_init(z);
        integer_step(u, f, z);
        r = rg_number_from_mpz(arena, z);
        mpz_clear(z);
    }
    mpfr_clear(f);
    return r;
}

static const rg_value *unary(rg_arena *arena, unary_op u,
                             const rg_value *v)
{
    assert(v->kind == RG_NUMBER);
    int64_t x;
    if (small_int(v, &x))
        return u == U_ABS && x < 0 ? rg_int(arena, -x) : v;
    return float_unary(arena, u, v);
}

const rg_value *rg_number_abs(rg_arena *arena, const rg_value *v)
{
    return unary(arena, U_ABS, v);
}

const rg_value *rg_number_round(rg_arena *arena, const rg_value *v)
{
    return unary(arena, U_ROUND, v);
}

const rg_value *rg_number_ceil(rg_arena *arena, const rg_value *v)
{
    return unary(arena, U_CEIL, v);
}

const rg_value *rg_number_floor(rg_arena *arena, const rg_value *v)
{
    return unary(arena, U_FLOOR, v);
}

const rg_value *rg_number_neg(rg_arena *arena, const rg_value *v)
{
    assert(v->kind == RG_NUMBER);
    if (v->form == RG_NUM_INT && RG_AS_INT(v)->i != INT64_MIN)
        return rg_int(arena, -RG_AS_INT(v)->i);
    if (v->form == RG_NUM_INT)
        return rg_number_parse(arena, "9223372036854775808", 19);
    const rg_num_value *n = RG_AS_NUM(v);
    if (n->text[0] == '-')
        return rg_number_parse(arena, n->text + 1, n->text_len - 1);
    char *buf = rg_xmalloc((size_t)n->text_len + 2);
    buf[0] = '-';
    memcpy(buf + 1, n->text, (size_t)n->text_len + 1);
    const rg_value *r = rg_number_parse(arena, buf, (size_t)n->text_len + 1);
    free(buf);
    return r;
}
