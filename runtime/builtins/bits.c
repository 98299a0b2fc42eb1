/*
 * Integer builtins on arbitrary-size integers (GMP): bits.and, bits.or,
 * bits.xor, bits.negate, bits.lsh, bits.rsh and format_int.
 *
 * Negative integers behave as infinite two's complement, as Go's
 * big.Int bit operations do.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/args.h"
#include "runtime/number.h"

/* Largest shift bits.lsh accepts: a bigger one would exceed the
 * RG_NUMBER_MAX_DIGITS-digit bound on results anyway (log2(10) < 4). */
#define BITS_MAX_SHIFT (4 * (int64_t)RG_NUMBER_MAX_DIGITS)

/* v as a big integer in z (initialised by the caller), or OPA's
 * BigIntOperand error. */
static rg_bstatus bits_operand(rg_bctx *ctx, int operand, const rg_value *v,
                               mpz_t z)
{
    if (rg_value_kind(v) != RG_NUMBER)
        return rg_bctx_type_error(ctx, operand, "integer", v);
    if (!rg_number_to_mpz(v, z))
        return rg_bctx_error(ctx, "eval_type_error",
                             "operand %d must be integer number but got "
                             "floating-point number", operand);
    return RG_BUILTIN_OK;
}

static rg_bstatus bits_result(rg_bctx *ctx, const mpz_t r,
                              const rg_value **out)
{
    *out = rg_number_from_mpz(rg_bctx_arena(ctx), r);
    if (!*out)
        return rg_bctx_error(ctx, "eval_builtin_error", "%s",
                             rg_number_status_text(RG_NUMBER_OUT_OF_RANGE));
    return RG_BUILTIN_OK;
}

typedef void (*bits_op)(mpz_ptr r, mpz_srcptr a, mpz_srcptr b);

static rg_bstatus bits_binary(rg_bctx *ctx, const rg_value *const *args,
                              bits_op op, const rg_value **out)
{
    mpz_t a, b;
    mpz_inits(a, b, NULL);
    rg_bstatus st = bits_operand(ctx, 1, args[0], a);
    if (st == RG_BUILTIN_OK)
        st = bits_operand(ctx, 2, args[1], b);
    if (st == RG_BUILTIN_OK) {
        op(a, a, b);
        st = bits_result(ctx, a, out);
    }
    mpz_clears(a, b, NULL);
    return st;
}

#define BITS_BINARY(fn, op)                                             \
    static rg_bstatus fn(rg_bctx *ctx, const rg_value *const *args,     \
                         size_t nargs, const rg_value **out)            \
    {                                                                   \
        RG_UNUSED(nargs);                                               \
        return bits_binary(ctx, args, op, out);                         \
    }

BITS_BINARY(bits_and, mpz_and)
BITS_BINARY(bits_or, mpz_ior)
BITS_BINARY(bits_xor, mpz_xor)

static rg_bstatus bits_negate(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    mpz_t a;
    mpz_init(a);
    rg_bstatus st = bits_operand(ctx, 1, args[0], a);
    if (st == RG_BUILTIN_OK) {
        mpz_com(a, a);
        st = bits_result(ctx, a, out);
    }
    mpz_clear(a);
    return st;
}

/* Shift left (left) or right by a non-negative machine integer. */
static rg_bstatus bits_shift(rg_bctx *ctx, const rg_value *const *args,
                             bool left, const rg_value **out)
{
    int64_t n;
    mpz_t a;
    mpz_init(a);
    rg_bstatus st = bits_operand(ctx, 1, args[0], a);
    if (st == RG_BUILTIN_OK)
        st = rg_args_int(ctx, 2, args[1], &n);
    if (st == RG_BUILTIN_OK && n < 0)
        st = rg_bctx_error(ctx, "eval_type_error",
                           "operand 2 must be an unsigned integer number "
                           "but got a negative integer");
    if (st == RG_BUILTIN_OK && left && n > BITS_MAX_SHIFT &&
        mpz_sgn(a) != 0)
        st = rg_bctx_error(ctx, "eval_builtin_error", "%s",
                           rg_number_status_text(RG_NUMBER_OUT_OF_RANGE));
    if (st == RG_BUILTIN_OK) {
        mp_bitcnt_t bits = n > BITS_MAX_SHIFT ? BITS_MAX_SHIFT + 1
                                              : (mp_bitcnt_t)n;
        if (left && mpz_sgn(a) != 0)
            mpz_mul_2exp(a, a, bits);
        else if (!left)
            mpz_fdiv_q_2exp(a, a, bits);
        st = bits_result(ctx, a, out);
    }
    mpz_clear(a);
    return st;
}

static rg_bstatus bits_lsh(rg_bctx *ctx, const rg_value *const *args,
                           size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return bits_shift(ctx, args, true, out);
}

static rg_bstatus bits_rsh(rg_bctx *ctx, const rg_value *const *args,
                           size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return bits_shift(ctx, args, false, out);
}

/* The integer part of v (truncated toward zero) in z. */
static void bits_truncate(const rg_value *v, mpz_t z)
{
    if (rg_number_to_mpz(v, z))
        return;
    double d = rg_number_double(v);
    mpz_set_d(z, isfinite(d) ? trunc(d) : 0);
}

static rg_bstatus bits_format_int(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_NUMBER));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_NUMBER));
    rg_arena *arena = rg_bctx_arena(ctx);
    const char *base_text = rg_number_text(arena, args[1]);
    int base = 0;
    if (strcmp(base_text, "2") == 0 || strcmp(base_text, "8") == 0 ||
        strcmp(base_text, "10") == 0 || strcmp(base_text, "16") == 0)
        base = (int)strtol(base_text, NULL, 10);
    if (base == 0)
        return rg_bctx_error(ctx, "eval_type_error",
                             "operand 2 must be one of {2, 8, 10, 16}");
    mpz_t z;
    mpz_init(z);
    bits_truncate(args[0], z);
    char *text = rg_arena_alloc(arena, mpz_sizeinbase(z, base) + 2);
    mpz_get_str(text, base, z);
    mpz_clear(z);
    *out = rg_cstring(arena, text);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_bits[] = {
    { "bits.and", 2, bits_and, false, false },
    { "bits.or", 2, bits_or, false, false },
    { "bits.xor", 2, bits_xor, false, false },
    { "bits.negate", 1, bits_negate, false, false },
    { "bits.lsh", 2, bits_lsh, false, false },
    { "bits.rsh", 2, bits_rsh, false, false },
    { "format_int", 2, bits_format_int, false, false },
    { NULL, 0, NULL, false, false }
};
