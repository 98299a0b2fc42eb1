/*
 * Arithmetic on number values with OPA's semantics, for the builtins.
 *
 * OPA (v1 topdown/arithmetic.go) computes in the narrowest form that
 * holds the operands exactly:
 *   1. Both operands are integer literals in the int32 window: machine
 *      integers.  Division stays integral only when the divisor divides
 *      a non-zero dividend exactly.
 *   2. Plus, minus, multiply and remainder on two integral values of any
 *      size (2, 2.0, 1e3, 2^70): exact big integers (GMP here).  This
 *      is exact even for operands written with an exponent (1e300),
 *      where OPA may first round the operand to 64 bits.
 *   3. Anything else: Go's big.Float with a 64-bit mantissa, rounding to
 *      nearest even (MPFR with 64-bit precision here), and the result
 *      printed as the shortest decimal that reads back to the same
 *      64-bit value: plain digits when it is an integer ("4", "-0"),
 *      otherwise Go's %g form ("3.5", "0.33333333333333333334" for
 *      1 / 3, "1.5e+20", "1e-07").
 * The unary operations (abs, round, ceil, floor) use machine integers in
 * the int32 window and big.Float otherwise.
 *
 * Results live in the arena passed in.  Errors are returned as a status;
 * rg_number_status_text gives OPA's message, which the builtin layer
 * wraps into its error.
 */
#ifndef RG_NUMBER_H
#define RG_NUMBER_H

#include <gmp.h>

#include "runtime/buf.h"
#include "runtime/value.h"

typedef enum rg_number_status {
    RG_NUMBER_OK,
    RG_NUMBER_DIVIDE_BY_ZERO,   /* "divide by zero" */
    RG_NUMBER_MODULO_BY_ZERO,   /* "modulo by zero" */
    RG_NUMBER_MODULO_ON_FLOAT,  /* "modulo on floating-point number" */
    RG_NUMBER_OUT_OF_RANGE      /* result beyond RG_NUMBER_MAX_DIGITS */
} rg_number_status;

/* Largest number of decimal digits an integer result may have, and the
 * largest decimal exponent of any result.  Exact integer arithmetic on
 * unbounded operands would let one multiplication loop exhaust memory;
 * a policy has no use for numbers this large. */
#define RG_NUMBER_MAX_DIGITS 100000

/* OPA's error message for a status ("divide by zero"); "" for OK. */
const char *rg_number_status_text(rg_number_status status);

/* Binary operations: store the result in *out (living in arena) and
 * return RG_NUMBER_OK, or return an error status leaving *out alone.
 * a and b must be numbers. */
rg_number_status rg_number_add(rg_arena *arena, const rg_value *a,
                               const rg_value *b, const rg_value **out);
rg_number_status rg_number_sub(rg_arena *arena, const rg_value *a,
                               const rg_value *b, const rg_value **out);
rg_number_status rg_number_mul(rg_arena *arena, const rg_value *a,
                               const rg_value *b, const rg_value **out);
rg_number_status rg_number_div(rg_arena *arena, const rg_value *a,
                               const rg_value *b, const rg_value **out);
/* Remainder with the sign of the dividend (Go's %, big.Int.Rem);
 * integral operands only. */
rg_number_status rg_number_rem(rg_arena *arena, const rg_value *a,
                               const rg_value *b, const rg_value **out);

/* Unary operations with OPA's results, living in arena, or NULL when
 * the result would exceed RG_NUMBER_MAX_DIGITS digits.  round rounds
 * half away from zero.  NOTE: OPA's ceil and floor truncate first and
 * then step by one unless the truncated value has the "wrong" sign bit,
 * so for a non-integer between -1 and 0 OPA returns ceil(-0.5) = 1 and
 * floor(-0.5) = 0; these functions return the same. */
const rg_value *rg_number_abs(rg_arena *arena, const rg_value *v);
const rg_value *rg_number_round(rg_arena *arena, const rg_value *v);
const rg_value *rg_number_ceil(rg_arena *arena, const rg_value *v);
const rg_value *rg_number_floor(rg_arena *arena, const rg_value *v);
/* Exact negation: -v, keeping a literal's digits ("1.50" -> "-1.50"). */
const rg_value *rg_number_neg(rg_arena *arena, const rg_value *v);

/* Append the number's text (as rg_number_text gives it) to out. */
void rg_number_write(rg_buf *out, const rg_value *v);

/* -1, 0 or 1 by the sign of v's value. */
int rg_number_sign(const rg_value *v);
/* Exact comparison of two numbers: negative, zero or positive. */
int rg_number_compare(const rg_value *a, const rg_value *b);

/* Set z (initialized by the caller) to v's value and return true when v
 * is an integer of at most RG_NUMBER_MAX_DIGITS digits. */
bool rg_number_to_mpz(const rg_value *v, mpz_t z);
/* The number equal to z, living in arena; NULL when z has more than
 * RG_NUMBER_MAX_DIGITS digits. */
const rg_value *rg_number_from_mpz(rg_arena *arena, const mpz_t z);

#endif
