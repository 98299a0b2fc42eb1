/*
 * Arithmetic builtins: plus, minus (numbers, or the difference of two
 * sets), mul, div, rem, abs, round, ceil, floor, and the aggregates sum
 * and product.  The arithmetic itself, with OPA's exact-integer and
 * 64-bit big.Float rules, is runtime/number.h's.
 */
#include "runtime/builtins/args.h"
#include "runtime/builtins/sets.h"
#include "runtime/number.h"

typedef rg_number_status (*numbers_op)(rg_arena *arena, const rg_value *a,
                                       const rg_value *b,
                                       const rg_value **out);

static rg_bstatus numbers_status(rg_bctx *ctx, rg_number_status st)
{
    if (st == RG_NUMBER_OK)
        return RG_BUILTIN_OK;
    return rg_bctx_error(ctx, "eval_builtin_error", "%s",
                         rg_number_status_text(st));
}

static rg_bstatus numbers_binary(rg_bctx *ctx, const rg_value *const *args,
                                 numbers_op op, const rg_value **out)
{
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_NUMBER));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_NUMBER));
    return numbers_status(ctx, op(rg_bctx_arena(ctx), args[0], args[1],
                                  out));
}

#define NUMBERS_BINARY(fn, op)                                          \
    static rg_bstatus fn(rg_bctx *ctx, const rg_value *const *args,     \
                         size_t nargs, const rg_value **out)            \
    {                                                                   \
        RG_UNUSED(nargs);                                               \
        return numbers_binary(ctx, args, op, out);                      \
    }

NUMBERS_BINARY(numbers_plus, rg_number_add)
NUMBERS_BINARY(numbers_mul, rg_number_mul)
NUMBERS_BINARY(numbers_div, rg_number_div)
NUMBERS_BINARY(numbers_rem, rg_number_rem)

/* minus: numbers subtract, sets take their difference; the operand
 * errors follow OPA's order of checks. */
static rg_bstatus numbers_minus(rg_bctx *ctx, const rg_value *const *args,
                                size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_kind a = rg_value_kind(args[0]), b = rg_value_kind(args[1]);
    if (a == RG_NUMBER && b == RG_NUMBER)
        return numbers_status(ctx, rg_number_sub(rg_bctx_arena(ctx),
                                                 args[0], args[1], out));
    if (a == RG_SET && b == RG_SET) {
        *out = rg_sets_diff(rg_bctx_arena(ctx), args[0], args[1]);
        return RG_BUILTIN_OK;
    }
    if (a != RG_NUMBER && a != RG_SET)
        return rg_bctx_type_error(ctx, 1, "one of {number, set}", args[0]);
    if (b == RG_NUMBER)
        return rg_bctx_type_error(ctx, 2, "set", args[1]);
    return rg_bctx_type_error(ctx, 2, "number", args[1]);
}

typedef const rg_value *(*numbers_unary_op)(rg_arena *arena,
                                            const rg_value *v);

static rg_bstatus numbers_unary(rg_bctx *ctx, const rg_value *v,
                                numbers_unary_op op, const rg_value **out)
{
    RG_ARGS_TRY(rg_args_kind(ctx, 1, v, RG_NUMBER));
    *out = op(rg_bctx_arena(ctx), v);
    if (!*out)
        return numbers_status(ctx, RG_NUMBER_OUT_OF_RANGE);
    return RG_BUILTIN_OK;
}

#define NUMBERS_UNARY(fn, op)                                           \
    static rg_bstatus fn(rg_bctx *ctx, const rg_value *const *args,     \
                         size_t nargs, const rg_value **out)            \
    {                                                                   \
        RG_UNUSED(nargs);                                               \
        return numbers_unary(ctx, args[0], op, out);                    \
    }

NUMBERS_UNARY(numbers_abs, rg_number_abs)
NUMBERS_UNARY(numbers_round, rg_number_round)
NUMBERS_UNARY(numbers_ceil, rg_number_ceil)
NUMBERS_UNARY(numbers_floor, rg_number_floor)

/* Fold op over the numbers of an array or set, starting from init. */
static rg_bstatus numbers_fold(rg_bctx *ctx, const rg_value *v,
                               int64_t init, numbers_op op,
                               const rg_value **out)
{
    RG_ARGS_TRY(rg_args_one_of(ctx, 1, v, "set, array"));
    for (size_t i = 0; i < rg_len(v); i++) {
        const rg_value *e = rg_args_elem_at(v, i);
        if (rg_value_kind(e) != RG_NUMBER)
            return rg_args_elem_error(ctx, 1, v, e, "number");
    }
    rg_arena *arena = rg_bctx_arena(ctx);
    const rg_value *acc = rg_int(arena, init);
    for (size_t i = 0; i < rg_len(v); i++)
        RG_ARGS_TRY(numbers_status(ctx, op(arena, acc,
                                           rg_args_elem_at(v, i), &acc)));
    *out = acc;
    return RG_BUILTIN_OK;
}

static rg_bstatus numbers_sum(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return numbers_fold(ctx, args[0], 0, rg_number_add, out);
}

static rg_bstatus numbers_product(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return numbers_fold(ctx, args[0], 1, rg_number_mul, out);
}

const rg_builtin_def rg_builtins_numbers[] = {
    { "plus", 2, numbers_plus, false, false },
    { "minus", 2, numbers_minus, false, false },
    { "mul", 2, numbers_mul, false, false },
    { "div", 2, numbers_div, false, false },
    { "rem", 2, numbers_rem, false, false },
    { "abs", 1, numbers_abs, false, false },
    { "round", 1, numbers_round, false, false },
    { "ceil", 1, numbers_ceil, false, false },
    { "floor", 1, numbers_floor, false, false },
    { "sum", 1, numbers_sum, false, false },
    { "product", 1, numbers_product, false, false },
    { NULL, 0, NULL, false, false }
};
