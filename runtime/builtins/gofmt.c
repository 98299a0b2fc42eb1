/*
 * A subset of Go's fmt.Sprintf (see gofmt.h).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/format.h"
#include "runtime/builtins/gofmt.h"
#include "runtime/builtins/runes.h"

/* Maximum width or precision, which bounds the output size; it is also
 * the bound of Go's overflow check.  A larger value prints
 * "%!(BADWIDTH)" or "%!(BADPREC)" as Go does on overflow.  NOTE: Go
 * accepts written numbers up to about 10^7 (it checks the bound before
 * each digit), so "%01000001d" and "%.1000001d" pad in Go but are
 * BADWIDTH and BADPREC here. */
#define GOFMT_MAX_WIDTH 1000000

typedef struct gofmt_spec {
    bool plus, minus, sharp, zero, space;
    bool has_width, has_prec;
    int width, prec;
    char verb;          /* ASCII verb, or '?' for any other */
    int32_t verb_rune;  /* the verb as written, for error text */
} gofmt_spec;

typedef struct gofmt_state {
    rg_strbuf *out;
    const rg_gofmt_arg *args;
    size_t nargs;
    size_t next;        /* next operand to use */
    bool reordered;     /* an explicit [n] index was used */
    bool bad_index;     /* the last [n] index was invalid */
    bool overflow;      /* a written number overflowed as in Go */
} gofmt_state;

/* Append text (len bytes, runes code points), padded to the width. */
static void gofmt_pad(rg_strbuf *out, const gofmt_spec *sp,
                      const char *text, size_t len, bool zero_ok)
{
    size_t runes = rg_runes_count(text, len);
    size_t pad = sp->has_width && (size_t)sp->width > runes
                     ? (size_t)sp->width - runes : 0;
    if (!sp->minus)
        rg_strbuf_pad(out, sp->zero && zero_ok ? '0' : ' ', pad);
    rg_strbuf_add(out, text, len);
    if (sp->minus)
        rg_strbuf_pad(out, ' ', pad);
}

static const char *gofmt_type(const rg_gofmt_arg *a)
{
    switch (a->kind) {
    case RG_GOFMT_INT: return "int";
    case RG_GOFMT_BIG: return "big.Int";
    case RG_GOFMT_FLOAT: return "float64";
    default: return "string";
    }
}

static void gofmt_value(rg_strbuf *out, const rg_gofmt_arg *a);

/* The sign character Go prints before a number: '-', '+' with the plus
 * flag, ' ' with the space flag, or 0 for none. */
static char gofmt_sign(const gofmt_spec *sp, bool neg)
{
    if (neg)
        return '-';
    if (sp->plus)
        return '+';
    return sp->space ? ' ' : 0;
}

/* "%!v(type=value)" for a verb the operand does not support. */
static void gofmt_bad_verb(rg_strbuf *out, int32_t verb,
                           const rg_gofmt_arg *a)
{
    rg_strbuf_adds(out, "%!");
    rg_strbuf_rune(out, verb);
    rg_strbuf_printf(out, "(%s=", gofmt_type(a));
    gofmt_value(out, a);
    rg_strbuf_addc(out, ')');
}

/* Sign, base prefix and digits of an integer, zero-padded as Go's
 * fmtInteger does, then space-padded to the width. */
static void gofmt_integer(rg_strbuf *out, const gofmt_spec *sp, mpz_t v,
                          int base, bool upper)
{
    rg_strbuf num;
    rg_strbuf_init(&num, out->arena);
    bool neg = mpz_sgn(v) < 0;
    mpz_abs(v, v);
    char *digits = rg_arena_alloc(out->arena, mpz_sizeinbase(v, base) + 2);
    mpz_get_str(digits, upper ? -base : base, v);
    if (sp->has_prec && sp->prec == 0 && mpz_sgn(v) == 0)
        digits[0] = '\0';
    size_t nd = strlen(digits), want = nd;
    if (sp->has_prec)
        want = (size_t)sp->prec;
    else if (sp->zero && sp->has_width && !sp->minus &&
             sp->width > (neg || sp->plus || sp->space))
        want = (size_t)sp->width - (neg || sp->plus || sp->space);
    if (gofmt_sign(sp, neg))
        rg_strbuf_addc(&num, gofmt_sign(sp, neg));
    if (sp->verb == 'O')
        rg_strbuf_adds(&num, "0o");
    else if (sp->sharp && base == 16)
        rg_strbuf_adds(&num, upper ? "0X" : "0x");
    else if (sp->sharp && base == 2)
        rg_strbuf_adds(&num, "0b");
    else if (sp->sharp && base == 8 && digits[0] != '0')
        rg_strbuf_addc(&num, '0');
    assert(want <= (size_t)GOFMT_MAX_WIDTH);
    if (want > nd)
        rg_strbuf_pad(&num, '0', want - nd);
    rg_strbuf_add(&num, digits, nd);
    gofmt_spec plain = *sp;
    plain.zero = false;
    gofmt_pad(out, &plain, num.data, num.len, false);
}

/* Go's strconv.QuoteRune. */
static void gofmt_quote_rune(rg_strbuf *out, int64_t r)
{
    char buf[4];
    size_t n = rg_runes_encode((int32_t)(r < 0 || r > 0x10FFFF
                                             ? RG_RUNES_ERROR : r), buf);
    rg_strbuf q;
    rg_strbuf_init(&q, out->arena);
    rg_format_quote(&q, buf, n);
    rg_strbuf_addc(out, '\'');
    if (strcmp(q.data, "\"'\"") == 0)
        rg_strbuf_adds(out, "\\'");
    else if (strcmp(q.data, "\"\\\"\"") == 0)
        rg_strbuf_addc(out, '"');
    else
        rg_strbuf_add(out, q.data + 1, q.len - 2);
    rg_strbuf_addc(out, '\'');
}

/* Verbs that treat an integer as a character. */
static void gofmt_char(rg_strbuf *out, const gofmt_spec *sp, int64_t r)
{
    rg_strbuf t;
    rg_strbuf_init(&t, out->arena);
    int32_t c = r < 0 || r > 0x10FFFF ? RG_RUNES_ERROR : (int32_t)r;
    if (sp->verb == 'c') {
        rg_strbuf_rune(&t, c);
    } else if (sp->verb == 'q') {
        gofmt_quote_rune(&t, r);
    } else {
        rg_strbuf_printf(&t, "U+%04llX", (unsigned long long)r);
        if (sp->sharp) {
            rg_strbuf_adds(&t, " '");
            rg_strbuf_rune(&t, c);
            rg_strbuf_addc(&t, '\'');
        }
    }
    gofmt_pad(out, sp, t.data, t.len, false);
}

static void gofmt_int(rg_strbuf *out, const gofmt_spec *sp,
                      const rg_gofmt_arg *a)
{
    const char *bases = "d10v10b2o8O8x16X16";
    const char *at = strchr("dvboOxX", sp->verb);
    if (strchr("cqU", sp->verb) && a->kind == RG_GOFMT_INT) {
        gofmt_char(out, sp, a->i);
        return;
    }
    if (sp->verb == 's' && a->kind == RG_GOFMT_BIG)
        at = "d";
    if (!at || sp->verb == '\0') {
        gofmt_bad_verb(out, sp->verb_rune, a);
        return;
    }
    const char *b = strchr(bases, *at);
    int base = atoi(b + 1);
    mpz_t v;
    if (a->kind == RG_GOFMT_BIG)
        mpz_init_set(v, a->big);
    else
        mpz_init_set_si(v, a->i);
    gofmt_integer(out, sp, v, base, sp->verb == 'X');
    mpz_clear(v);
}

/* Shortest decimal digits of d (|d| > 0) and the decimal point position:
 * d = 0.DIGITS * 10^dp. */
static size_t gofmt_shortest(double d, char *digits, int *dp)
{
    char buf[40];
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    size_t n = 0;
    const char *s = buf + (buf[0] == '-');
    for (; *s && *s != 'e'; s++)
        if (*s != '.')
            digits[n++] = *s;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
    *dp = atoi(s + 1) + 1;
    return n;
}

/* Go's %g with the shortest precision (also %v). */
static void gofmt_float_shortest(rg_strbuf *t, double d, bool upper)
{
    if (d == 0) {
        rg_strbuf_adds(t, "0");
        return;
    }
    char digits[40];
    int dp;
    size_t nd = gofmt_shortest(d, digits, &dp);
    int exp = dp - 1;
    if (exp < -4 || exp >= 6) {
        rg_strbuf_addc(t, digits[0]);
        if (nd > 1) {
            rg_strbuf_addc(t, '.');
            rg_strbuf_add(t, digits + 1, nd - 1);
        }
        rg_strbuf_printf(t, "%c%c%02d", upper ? 'E' : 'e',
                         exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        return;
    }
    int decimals = (int)nd - dp > 0 ? (int)nd - dp : 0;
    rg_strbuf_printf(t, "%.*f", decimals, d < 0 ? -d : d);
}

/* %e, %E, %f and %g with a precision: C's conversions agree with Go's
 * for finite values. */
static void gofmt_float_fixed(rg_strbuf *t, char verb, int prec, double d)
{
    switch (verb) {
    case 'e': rg_strbuf_printf(t, "%.*e", prec, d); break;
    case 'E': rg_strbuf_printf(t, "%.*E", prec, d); break;
    case 'g': rg_strbuf_printf(t, "%.*g", prec, d); break;
    case 'G': rg_strbuf_printf(t, "%.*G", prec, d); break;
    default: rg_strbuf_printf(t, "%.*f", prec, d); break;
    }
}

static void gofmt_float(rg_strbuf *out, const gofmt_spec *sp, double d)
{
    rg_strbuf t;
    rg_strbuf_init(&t, out->arena);
    bool neg = d < 0 || (d == 0 && 1 / d < 0);
    if (gofmt_sign(sp, neg))
        rg_strbuf_addc(&t, gofmt_sign(sp, neg));
    char verb = sp->verb;
    if (verb == 'v')
        verb = 'g';
    else if (verb == 'F')
        verb = 'f';
    double mag = neg ? -d : d;
    if ((verb == 'g' || verb == 'G') && !sp->has_prec) {
        gofmt_float_shortest(&t, mag, verb == 'G');
    } else {
        gofmt_float_fixed(&t, verb, sp->has_prec ? sp->prec : 6, mag);
    }
    size_t sign = neg || sp->plus || sp->space;
    if (sp->zero && sp->has_width && !sp->minus &&
        (size_t)sp->width > t.len) {
        rg_strbuf z;
        rg_strbuf_init(&z, out->arena);
        rg_strbuf_add(&z, t.data, sign);
        rg_strbuf_pad(&z, '0', (size_t)sp->width - t.len);
        rg_strbuf_add(&z, t.data + sign, t.len - sign);
        t = z;
    }
    gofmt_pad(out, sp, t.data, t.len, false);
}

static void gofmt_string(rg_strbuf *out, const gofmt_spec *sp,
                         const rg_gofmt_arg *a)
{
    size_t len = a->len;
    if (sp->has_prec)
        len = rg_runes_offset(a->s, a->len, (size_t)sp->prec);
    rg_strbuf t;
    rg_strbuf_init(&t, out->arena);
    switch (sp->verb) {
    case 'v':
        if (sp->sharp) {
            rg_format_quote(&t, a->s, len);
            break;
        }
        gofmt_pad(out, sp, a->s, len, true);
        return;
    case 's':
        gofmt_pad(out, sp, a->s, len, true);
        return;
    case 'q':
        rg_format_quote(&t, a->s, len);
        break;
    case 'x':
    case 'X':
        for (size_t i = 0; i < a->len; i++) {
            if (i && sp->space)
                rg_strbuf_addc(&t, ' ');
            rg_strbuf_printf(&t, sp->verb == 'x' ? "%02x" : "%02X",
                             (unsigned char)a->s[i]);
        }
        break;
    default:
        gofmt_bad_verb(out, sp->verb_rune, a);
        return;
    }
    gofmt_pad(out, sp, t.data, t.len, true);
}

static void gofmt_one(rg_strbuf *out, const gofmt_spec *sp,
                      const rg_gofmt_arg *a)
{
    switch (a->kind) {
    case RG_GOFMT_INT:
    case RG_GOFMT_BIG:
        gofmt_int(out, sp, a);
        break;
    case RG_GOFMT_FLOAT:
        if (strchr("veEfFgG", sp->verb) && sp->verb)
            gofmt_float(out, sp, a->f);
        else
            gofmt_bad_verb(out, sp->verb_rune, a);
        break;
    case RG_GOFMT_STRING:
        gofmt_string(out, sp, a);
        break;
    }
}

/* The operand printed with %v. */
static void gofmt_value(rg_strbuf *out, const rg_gofmt_arg *a)
{
    gofmt_spec v = { .verb = 'v' };
    gofmt_one(out, &v, a);
}

/* A width or precision: digits, or * taking an int operand.  Returns
 * false when * has no suitable operand. */
static bool gofmt_number(gofmt_state *st, const char *f, size_t flen,
                         size_t *i, int *n, bool *present, bool *negative)
{
    *negative = false;
    if (*i < flen && f[*i] == '*') {
        (*i)++;
        *present = true;
        if (st->next >= st->nargs ||
            st->args[st->next].kind != RG_GOFMT_INT) {
            st->next++;
            return false;
        }
        int64_t v = st->args[st->next++].i;
        *negative = v < 0;
        v = v < 0 ? -v : v;
        if (v > GOFMT_MAX_WIDTH)
            return false;
        *n = (int)v;
        return true;
    }
    long v = 0;
    while (*i < flen && f[*i] >= '0' && f[*i] <= '9') {
        *present = true;
        if (v > GOFMT_MAX_WIDTH) {
            /* Go's overflow: the rest of the format is consumed. */
            st->overflow = true;
            *i = flen;
            return false;
        }
        v = v * 10 + (f[*i] - '0');
        (*i)++;
    }
    *n = (int)v;
    return v <= GOFMT_MAX_WIDTH;
}

/* An explicit operand index "[n]" at *i selects operand n (from 1) for
 * what follows, as Go's fmt allows. */
static void gofmt_index(gofmt_state *st, const char *f, size_t flen,
                        size_t *i)
{
    if (*i >= flen || f[*i] != '[')
        return;
    st->reordered = true;
    size_t j = *i + 1;
    long n = 0;
    while (j < flen && f[j] >= '0' && f[j] <= '9' && n <= GOFMT_MAX_WIDTH)
        n = n * 10 + (f[j++] - '0');
    bool ok = j < flen && f[j] == ']' && j > *i + 1 && n >= 1 &&
              (size_t)n <= st->nargs;
    while (j < flen && f[j] != ']')
        j++;
    *i = j < flen ? j + 1 : flen;
    st->bad_index = !ok;
    if (ok)
        st->next = (size_t)n - 1;
}

/* Parse flags, width and precision after '%' at *i. */
static void gofmt_spec_parse(gofmt_state *st, const char *f, size_t flen,
                             size_t *i, gofmt_spec *sp)
{
    memset(sp, 0, sizeof *sp);
    for (; *i < flen && strchr("+-# 0", f[*i]) && f[*i]; (*i)++) {
        char c = f[*i];
        sp->plus |= c == '+';
        sp->minus |= c == '-';
        sp->sharp |= c == '#';
        sp->zero |= c == '0';
        sp->space |= c == ' ';
    }
    bool neg;
    gofmt_index(st, f, flen, i);
    if (!gofmt_number(st, f, flen, i, &sp->width, &sp->has_width, &neg)) {
        rg_strbuf_adds(st->out, "%!(BADWIDTH)");
        sp->has_width = false;
        sp->width = 0;
    }
    if (neg) {
        sp->minus = true;
        sp->zero = false;
    }
    if (*i < flen && f[*i] == '.') {
        (*i)++;
        sp->has_prec = true;
        bool seen = false;
        gofmt_index(st, f, flen, i);
        st->overflow = false;
        if (!gofmt_number(st, f, flen, i, &sp->prec, &seen, &neg) || neg) {
            /* Go takes an overflowing written precision as 0. */
            if (!st->overflow)
                rg_strbuf_adds(st->out, "%!(BADPREC)");
            sp->has_prec = st->overflow;
            sp->prec = 0;
        }
    }
}

static void gofmt_directive(gofmt_state *st, const char *f, size_t flen,
                            size_t *i)
{
    gofmt_spec sp;
    st->bad_index = false;
    gofmt_spec_parse(st, f, flen, i, &sp);
    gofmt_index(st, f, flen, i);
    if (*i >= flen) {
        rg_strbuf_adds(st->out, "%!(NOVERB)");
        return;
    }
    size_t start = *i;
    int32_t verb = rg_runes_decode(f, flen, i);
    if (verb == '%') {
        rg_strbuf_addc(st->out, '%');
        return;
    }
    sp.verb = verb < 0x80 ? (char)verb : '?';
    sp.verb_rune = verb;
    if (st->bad_index) {
        rg_strbuf_adds(st->out, "%!");
        rg_strbuf_add(st->out, f + start, *i - start);
        rg_strbuf_adds(st->out, "(BADINDEX)");
        return;
    }
    if (st->next >= st->nargs) {
        rg_strbuf_adds(st->out, "%!");
        rg_strbuf_add(st->out, f + start, *i - start);
        rg_strbuf_adds(st->out, "(MISSING)");
        return;
    }
    gofmt_one(st->out, &sp, &st->args[st->next++]);
}

void rg_gofmt(rg_strbuf *out, const char *fmt, size_t flen,
              const rg_gofmt_arg *args, size_t nargs)
{
    gofmt_state st = { out, args, nargs, 0, false, false, false };
    for (size_t i = 0; i < flen;) {
        if (fmt[i] != '%') {
            rg_strbuf_addc(out, fmt[i++]);
            continue;
        }
        i++;
        gofmt_directive(&st, fmt, flen, &i);
    }
    if (st.next >= nargs || st.reordered)
        return;
    rg_strbuf_adds(out, "%!(EXTRA ");
    for (size_t j = st.next; j < nargs; j++) {
        if (j > st.next)
            rg_strbuf_adds(out, ", ");
        rg_strbuf_printf(out, "%s=", gofmt_type(&args[j]));
        gofmt_value(out, &args[j]);
    }
    rg_strbuf_addc(out, ')');
}
