/*
 * numbers.range, numbers.range_step and rand.intn.
 *
 * Ranges include both ends and count down when the start is above the
 * end.  rand.intn returns one value per (string, n) for the whole query,
 * memoized through the call context.
 */
#include <stdlib.h>
#include <sys/random.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/vlist.h"
#include "runtime/number.h"

/* Most elements a range may have: each costs memory up front, and a
 * policy never needs more. */
#define RANGE_MAX_ELEMS 10000000

static rg_bstatus range_bigint(rg_bctx *ctx, int operand, const rg_value *v,
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

/* The array x, x±step, ... up to y. */
static rg_bstatus range_build(rg_bctx *ctx, mpz_t x, mpz_t y, mpz_t step,
                              const rg_value **out)
{
    mpz_t span;
    mpz_init(span);
    mpz_sub(span, y, x);
    mpz_abs(span, span);
    mpz_tdiv_q(span, span, step);
    bool too_big = mpz_cmp_ui(span, RANGE_MAX_ELEMS) >= 0;
    mpz_clear(span);
    if (too_big)
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "range has more than %d elements",
                             RANGE_MAX_ELEMS);
    bool down = mpz_cmp(x, y) > 0;
    rg_vlist l;
    rg_vlist_init(&l, rg_bctx_arena(ctx));
    while (down ? mpz_cmp(x, y) >= 0 : mpz_cmp(x, y) <= 0) {
        rg_vlist_push(&l, rg_number_from_mpz(l.arena, x));
        if (down)
            mpz_sub(x, x, step);
        else
            mpz_add(x, x, step);
    }
    *out = rg_vlist_array(&l);
    return RG_BUILTIN_OK;
}

static rg_bstatus range_run(rg_bctx *ctx, const rg_value *const *args,
                            bool stepped, const rg_value **out)
{
    mpz_t x, y, step;
    mpz_inits(x, y, step, NULL);
    mpz_set_ui(step, 1);
    rg_bstatus st = range_bigint(ctx, 1, args[0], x);
    if (st == RG_BUILTIN_OK)
        st = range_bigint(ctx, 2, args[1], y);
    if (st == RG_BUILTIN_OK && stepped)
        st = range_bigint(ctx, 3, args[2], step);
    if (st == RG_BUILTIN_OK && mpz_sgn(step) <= 0)
        st = rg_bctx_error(ctx, "eval_builtin_error",
                           "step must be a positive integer");
    if (st == RG_BUILTIN_OK)
        st = range_build(ctx, x, y, step, out);
    mpz_clears(x, y, step, NULL);
    return st;
}

static rg_bstatus range_range(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return range_run(ctx, args, false, out);
}

static rg_bstatus range_step(rg_bctx *ctx, const rg_value *const *args,
                             size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return range_run(ctx, args, true, out);
}

/* A uniform random integer in [0, n), n > 0. */
static int64_t range_random(int64_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % (uint64_t)n, r;
    do {
        if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
            r = (uint64_t)rand() * RAND_MAX + (uint64_t)rand();
    } while (r >= limit);
    return (int64_t)(r % (uint64_t)n);
}

static rg_bstatus range_rand_intn(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    int64_t n;
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(rg_args_int(ctx, 2, args[1], &n));
    rg_arena *arena = rg_bctx_arena(ctx);
    if (n == 0) {
        *out = rg_int(arena, 0);
        return RG_BUILTIN_OK;
    }
    if (n < 0)
        n = n == INT64_MIN ? INT64_MAX : -n;
    const rg_value *parts[3] = { rg_cstring(arena, "rand.intn"), args[0],
                                 rg_int(arena, n) };
    const rg_value *key = rg_array(arena, parts, 3);
    const rg_value *memo = rg_bctx_memo_get(ctx, key);
    if (!memo) {
        memo = rg_int(arena, range_random(n));
        rg_bctx_memo_put(ctx, key, memo);
    }
    *out = memo;
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_range[] = {
    { "numbers.range", 2, range_range, false, false },
    { "numbers.range_step", 3, range_step, false, false },
    { "rand.intn", 2, range_rand_intn, false, true },
    { NULL, 0, NULL, false, false }
};
