/*
 * sprintf: Go's fmt.Sprintf over an array of operands, converted the way
 * OPA converts them.  A number written as an integer becomes a Go int,
 * or a big integer when it does not fit 64 bits.  Any other number
 * becomes a float64 and a string stays a string.  Every other value is
 * passed as its term text ("{1, 2}", "[\"a\"]", "true", "null").
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/format.h"
#include "runtime/builtins/gofmt.h"
#include "runtime/number.h"

/* True when text is an optional minus sign followed by digits only. */
static bool sprintf_integer_text(const char *text)
{
    const char *p = text + (*text == '-');
    if (!*p)
        return false;
    for (; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

/* Convert one number; big integers are initialised into *big. */
static void sprintf_number(rg_arena *arena, const rg_value *v,
                           rg_gofmt_arg *a, mpz_t big, bool *big_used)
{
    const char *text = rg_number_text(arena, v);
    if (sprintf_integer_text(text)) {
        if (rg_number_int64(v, &a->i)) {
            a->kind = RG_GOFMT_INT;
            return;
        }
        mpz_init(big);
        *big_used = true;
        if (rg_number_to_mpz(v, big)) {
            a->kind = RG_GOFMT_BIG;
            a->big = big;
            return;
        }
    }
    a->f = rg_number_double(v);
    a->kind = RG_GOFMT_FLOAT;
    if (a->f - a->f != 0) {
        a->kind = RG_GOFMT_STRING;
        a->s = text;
        a->len = strlen(text);
    }
}

static rg_bstatus sprintf_builtin(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_ARRAY));
    rg_arena *arena = rg_bctx_arena(ctx);
    size_t n = rg_len(args[1]);
    rg_gofmt_arg *ga = rg_arena_calloc(arena, n + 1, sizeof *ga);
    mpz_t *bigs = rg_arena_calloc(arena, n + 1, sizeof *bigs);
    bool *used = rg_arena_calloc(arena, n + 1, sizeof *used);
    for (size_t i = 0; i < n; i++) {
        const rg_value *v = rg_array_at(args[1], i);
        if (rg_value_kind(v) == RG_NUMBER) {
            sprintf_number(arena, v, &ga[i], bigs[i], &used[i]);
            continue;
        }
        ga[i].kind = RG_GOFMT_STRING;
        if (rg_value_kind(v) == RG_STRING) {
            ga[i].s = rg_string_bytes(v);
            ga[i].len = rg_string_len(v);
        } else {
            ga[i].s = rg_format_text(arena, v);
            ga[i].len = strlen(ga[i].s);
        }
    }
    rg_strbuf b;
    rg_strbuf_init(&b, arena);
    rg_gofmt(&b, rg_string_bytes(args[0]), rg_string_len(args[0]), ga, n);
    for (size_t i = 0; i < n; i++)
        if (used[i])
            mpz_clear(bigs[i]);
    *out = rg_string(arena, b.data, b.len);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_sprintf[] = {
    { "sprintf", 2, sprintf_builtin, false, false },
    { NULL, 0, NULL, false, false }
};
