/*
 * units.parse and units.parse_bytes: amounts with SI (k, M, G, ...) and
 * binary (Ki, Mi, Gi, ...) suffixes, as OPA parses Kubernetes quantities.
 *
 * units.parse keeps case for the first letter of the unit ("m" is milli,
 * "M" mega) and computes exactly with rationals.  It prints a fraction
 * with ten decimals, and takes milli as the double nearest 0.001, as OPA
 * does.
 * units.parse_bytes ignores case, multiplies in a 64-bit-mantissa float
 * as Go's big.Float does, and truncates to an integer.  Double quotes
 * are removed first; spaces are an error.
 */
#include <ctype.h>
#include <mpfr.h>
#include <string.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/strbuf.h"
#include "runtime/number.h"

/* Maximum digits of an exponent, as in OPA, because bigger exponents
 * would build numbers too large to hold. */
#define UNITS_MAX_EXPONENT_DIGITS 6

/* Mantissa bits of Go's big.Float default precision for parsed text. */
#define UNITS_FLOAT_BITS 64

/* Decimals units.parse prints for a non-integral result. */
#define UNITS_DECIMALS 10

typedef struct units_unit {
    const char *name;
    uint64_t factor;
} units_unit;

/* Split s into the number and the unit as OPA does; false when an
 * exponent has too many digits. */
static bool units_split(const char *s, size_t len, size_t *num_len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!isdigit((unsigned char)c) && c != '.' && c != 'e' &&
            c != 'E' && c != '+' && c != '-') {
            *num_len = i;
            return true;
        }
        if (c != 'e' && c != 'E')
            continue;
        if (i + 1 == len || (!isdigit((unsigned char)s[i + 1]) &&
                             s[i + 1] != '+' && s[i + 1] != '-')) {
            *num_len = i;
            return true;
        }
        if (s[i + 1] == '+' || s[i + 1] == '-')
            i++;
        size_t d = i + 1;
        while (d < len && isdigit((unsigned char)s[d]))
            d++;
        if (d - (i + 1) > UNITS_MAX_EXPONENT_DIGITS)
            return false;
    }
    *num_len = len;
    return true;
}

/* The operand with quotes removed (lowercased when lower), after the
 * checks both builtins share. */
static rg_bstatus units_prepare(rg_bctx *ctx, const rg_value *v, bool lower,
                                rg_strbuf *s, size_t *num_len)
{
    RG_ARGS_TRY(rg_args_kind(ctx, 1, v, RG_STRING));
    rg_strbuf_init(s, rg_bctx_arena(ctx));
    for (size_t i = 0; i < rg_string_len(v); i++) {
        char c = rg_string_bytes(v)[i];
        if (c != '"')
            rg_strbuf_addc(s, lower ? (char)tolower((unsigned char)c) : c);
    }
    if (memchr(s->data, ' ', s->len))
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "spaces not allowed in resource strings");
    if (!units_split(s->data, s->len, num_len))
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "exponent too large");
    if (*num_len == 0)
        return rg_bctx_error(ctx, "eval_builtin_error", "no %samount "
                             "provided", lower ? "byte " : "");
    return RG_BUILTIN_OK;
}

/* Read the digits of s from *i (with at most one '.') into num; returns
 * the digit count and sets *scale to the digits after the point. */
static long units_mantissa(const char *s, size_t len, size_t *i, mpz_t num,
                           long *scale)
{
    long digits = 0;
    bool dot = false;
    *scale = 0;
    for (; *i < len && (isdigit((unsigned char)s[*i]) || s[*i] == '.');
         (*i)++) {
        if (s[*i] == '.') {
            if (dot)
                break;
            dot = true;
            continue;
        }
        mpz_mul_ui(num, num, 10);
        mpz_add_ui(num, num, (unsigned long)(s[*i] - '0'));
        digits++;
        *scale += dot;
    }
    return digits;
}

/* Read an optional e[sign]digits exponent from *i into *exp; false
 * when the e has no digits. */
static bool units_exponent(const char *s, size_t len, size_t *i, long *exp)
{
    *exp = 0;
    if (*i >= len || (s[*i] != 'e' && s[*i] != 'E'))
        return true;
    (*i)++;
    bool neg = *i < len && (s[*i] == '-' || s[*i] == '+') &&
               s[(*i)++] == '-';
    size_t start = *i;
    for (; *i < len && isdigit((unsigned char)s[*i]); (*i)++)
        *exp = *exp * 10 + (s[*i] - '0');
    if (neg)
        *exp = -*exp;
    return *i > start;
}

/* Parse a decimal [sign]digits[.digits][e[sign]digits] exactly. */
static bool units_rational(const char *s, size_t len, mpq_t q)
{
    size_t i = 0;
    bool neg = len > 0 && (s[0] == '-' || s[0] == '+') && s[i++] == '-';
    mpz_t num, p;
    mpz_inits(num, p, NULL);
    long scale, exp;
    long digits = units_mantissa(s, len, &i, num, &scale);
    bool ok = units_exponent(s, len, &i, &exp) && digits > 0 && i == len;
    exp -= scale;
    mpz_ui_pow_ui(p, 10, (unsigned long)(exp < 0 ? -exp : exp));
    mpq_set_z(q, num);
    if (exp < 0)
        mpz_set(mpq_denref(q), p);
    else
        mpz_mul(mpq_numref(q), num, p);
    mpq_canonicalize(q);
    if (neg)
        mpq_neg(q, q);
    mpz_clears(num, p, NULL);
    return ok;
}

static const units_unit units_si[] = {
    { "", 1 }, { "k", 1000 }, { "K", 1000 }, { "ki", 1024 },
    { "Ki", 1024 }, { "M", 1000000 }, { "mi", 1 << 20 },
    { "Mi", 1 << 20 }, { "g", 1000000000 }, { "G", 1000000000 },
    { "gi", 1 << 30 }, { "Gi", 1 << 30 }, { "t", 1000000000000 },
    { "T", 1000000000000 }, { "ti", 1ull << 40 }, { "Ti", 1ull << 40 },
    { "p", 1000000000000000 }, { "P", 1000000000000000 },
    { "pi", 1ull << 50 }, { "Pi", 1ull << 50 },
    { "e", 1000000000000000000 }, { "E", 1000000000000000000 },
    { "ei", 1ull << 60 }, { "Ei", 1ull << 60 }, { NULL, 0 }
};

/* Factor of unit in table, 0 when unknown. */
static uint64_t units_factor(const units_unit *table, const char *unit)
{
    for (const units_unit *u = table; u->name; u++)
        if (strcmp(u->name, unit) == 0)
            return u->factor;
    return 0;
}

/* q as OPA prints it: integer digits, or ten rounded decimals. */
static const rg_value *units_rational_value(rg_arena *arena, mpq_t q)
{
    if (mpz_cmp_ui(mpq_denref(q), 1) == 0)
        return rg_number_from_mpz(arena, mpq_numref(q));
    mpz_t scaled, rem, p;
    mpz_inits(scaled, rem, p, NULL);
    mpz_ui_pow_ui(p, 10, UNITS_DECIMALS);
    mpz_abs(scaled, mpq_numref(q));
    mpz_mul(scaled, scaled, p);
    mpz_tdiv_qr(scaled, rem, scaled, mpq_denref(q));
    mpz_mul_ui(rem, rem, 2);
    if (mpz_cmp(rem, mpq_denref(q)) >= 0)
        mpz_add_ui(scaled, scaled, 1);
    char *digits = mpz_get_str(NULL, 10, scaled);
    size_t n = strlen(digits);
    rg_strbuf b;
    rg_strbuf_init(&b, arena);
    if (mpq_sgn(q) < 0)
        rg_strbuf_addc(&b, '-');
    if (n <= UNITS_DECIMALS)
        rg_strbuf_adds(&b, "0");
    else
        rg_strbuf_add(&b, digits, n - UNITS_DECIMALS);
    rg_strbuf_addc(&b, '.');
    if (n < UNITS_DECIMALS)
        rg_strbuf_pad(&b, '0', UNITS_DECIMALS - n);
    rg_strbuf_adds(&b, n < UNITS_DECIMALS ? digits
                                          : digits + n - UNITS_DECIMALS);
    mpz_clears(scaled, rem, p, NULL);
    void (*release)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &release);
    release(digits, n + 1);
    return rg_number_parse(arena, b.data, b.len);
}

static rg_bstatus units_parse(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_strbuf s;
    size_t nlen;
    RG_ARGS_TRY(units_prepare(ctx, args[0], false, &s, &nlen));
    char *unit = s.data + nlen;
    for (size_t i = 1; unit[0] && unit[i]; i++)
        unit[i] = (char)tolower((unsigned char)unit[i]);
    mpq_t q, f;
    mpq_inits(q, f, NULL);
    uint64_t factor = units_factor(units_si, unit);
    if (strcmp(unit, "m") == 0)
        mpq_set_d(f, 0.001);
    else
        mpz_import(mpq_numref(f), 1, 1, sizeof factor, 0, 0, &factor);
    rg_bstatus st = RG_BUILTIN_OK;
    if (factor == 0 && strcmp(unit, "m") != 0)
        st = rg_bctx_error(ctx, "eval_builtin_error",
                           "unit %s not recognized", unit);
    else if (!units_rational(s.data, nlen, q))
        st = rg_bctx_error(ctx, "eval_builtin_error",
                           "could not parse amount to a number");
    if (st == RG_BUILTIN_OK) {
        mpq_mul(q, q, f);
        *out = units_rational_value(rg_bctx_arena(ctx), q);
        if (!*out)
            st = rg_bctx_error(ctx, "eval_builtin_error", "%s",
                               rg_number_status_text(
                                   RG_NUMBER_OUT_OF_RANGE));
    }
    mpq_clears(q, f, NULL);
    return st;
}

static const units_unit units_bytes[] = {
    { "", 1 }, { "kb", 1000 }, { "k", 1000 }, { "kib", 1024 },
    { "ki", 1024 }, { "mb", 1000000 }, { "m", 1000000 },
    { "mib", 1 << 20 }, { "mi", 1 << 20 }, { "gb", 1000000000 },
    { "g", 1000000000 }, { "gib", 1 << 30 }, { "gi", 1 << 30 },
    { "tb", 1000000000000 }, { "t", 1000000000000 },
    { "tib", 1ull << 40 }, { "ti", 1ull << 40 },
    { "pb", 1000000000000000 }, { "p", 1000000000000000 },
    { "pib", 1ull << 50 }, { "pi", 1ull << 50 },
    { "eb", 1000000000000000000 }, { "e", 1000000000000000000 },
    { "eib", 1ull << 60 }, { "ei", 1ull << 60 }, { NULL, 0 }
};

/* number * factor in a 64-bit-mantissa float, truncated, into z; false
 * when number is not a valid decimal. */
static bool units_bytes_total(const char *number, uint64_t factor, mpz_t z)
{
    mpfr_t f;
    mpfr_init2(f, UNITS_FLOAT_BITS);
    bool ok = mpfr_set_str(f, number, 10, MPFR_RNDN) == 0;
    if (ok) {
        mpz_t m;
        mpz_init(m);
        mpz_import(m, 1, 1, sizeof factor, 0, 0, &factor);
        mpfr_mul_z(f, f, m, MPFR_RNDN);
        mpfr_get_z(z, f, MPFR_RNDZ);
        mpz_clear(m);
    }
    mpfr_clear(f);
    return ok;
}

static rg_bstatus units_parse_bytes(rg_bctx *ctx, const rg_value *const *args,
                                    size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_strbuf s;
    size_t nlen;
    RG_ARGS_TRY(units_prepare(ctx, args[0], true, &s, &nlen));
    const char *unit = s.data + nlen;
    uint64_t factor = units_factor(units_bytes, unit);
    if (factor == 0)
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "byte unit %s not recognized", unit);
    char *number = rg_arena_strndup(rg_bctx_arena(ctx), s.data, nlen);
    mpz_t z;
    mpz_init(z);
    rg_bstatus st = RG_BUILTIN_OK;
    if (!units_bytes_total(number, factor, z))
        st = rg_bctx_error(ctx, "eval_builtin_error",
                           "could not parse byte amount to a number");
    else if (!(*out = rg_number_from_mpz(rg_bctx_arena(ctx), z)))
        st = rg_bctx_error(ctx, "eval_builtin_error", "%s",
                           rg_number_status_text(RG_NUMBER_OUT_OF_RANGE));
    mpz_clear(z);
    return st;
}

const rg_builtin_def rg_builtins_units[] = {
    { "units.parse", 1, units_parse, false, false },
    { "units.parse_bytes", 1, units_parse_bytes, false, false },
    { NULL, 0, NULL, false, false }
};
