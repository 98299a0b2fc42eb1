/*
 * Type builtins: is_array, is_boolean, is_null, is_number, is_object,
 * is_set, is_string, type_name, to_number and the casts deprecated since
 * Rego v0 (cast_array, cast_boolean, cast_null, cast_object, cast_set,
 * cast_string), which the compiler rejects in Rego v1 modules.
 *
 * The is_* builtins return false for other kinds, as in OPA.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/format.h"

static rg_bstatus types_is(const rg_value *v, rg_kind kind,
                           const rg_value **out)
{
    *out = rg_bool(rg_value_kind(v) == kind);
    return RG_BUILTIN_OK;
}

#define TYPES_IS(fn, kind)                                              \
    static rg_bstatus fn(rg_bctx *ctx, const rg_value *const *args,     \
                         size_t nargs, const rg_value **out)            \
    {                                                                   \
        RG_UNUSED(ctx);                                                 \
        RG_UNUSED(nargs);                                               \
        return types_is(args[0], kind, out);                            \
    }

TYPES_IS(types_is_array, RG_ARRAY)
TYPES_IS(types_is_boolean, RG_BOOLEAN)
TYPES_IS(types_is_null, RG_NULL)
TYPES_IS(types_is_number, RG_NUMBER)
TYPES_IS(types_is_object, RG_OBJECT)
TYPES_IS(types_is_set, RG_SET)
TYPES_IS(types_is_string, RG_STRING)

static rg_bstatus types_type_name(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    *out = rg_cstring(rg_bctx_arena(ctx),
                      rg_kind_name(rg_value_kind(args[0])));
    return RG_BUILTIN_OK;
}

/* The casts that only check the kind and return the operand. */
static rg_bstatus types_cast_same(rg_bctx *ctx, const rg_value *v,
                                  rg_kind kind, const rg_value **out)
{
    RG_ARGS_TRY(rg_args_kind(ctx, 1, v, kind));
    *out = v;
    return RG_BUILTIN_OK;
}

#define TYPES_CAST(fn, kind)                                            \
    static rg_bstatus fn(rg_bctx *ctx, const rg_value *const *args,     \
                         size_t nargs, const rg_value **out)            \
    {                                                                   \
        RG_UNUSED(nargs);                                               \
        return types_cast_same(ctx, args[0], kind, out);                \
    }

TYPES_CAST(types_cast_boolean, RG_BOOLEAN)
TYPES_CAST(types_cast_null, RG_NULL)
TYPES_CAST(types_cast_object, RG_OBJECT)
TYPES_CAST(types_cast_string, RG_STRING)

static rg_bstatus types_cast_array(rg_bctx *ctx, const rg_value *const *args,
                                   size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const rg_value *v = args[0];
    RG_ARGS_TRY(rg_args_one_of(ctx, 1, v, "array, set"));
    if (rg_value_kind(v) == RG_ARRAY) {
        *out = v;
        return RG_BUILTIN_OK;
    }
    rg_arena *arena = rg_bctx_arena(ctx);
    const rg_value **items = rg_arena_alloc(arena, (rg_len(v) + 1) *
                                            sizeof *items);
    for (size_t i = 0; i < rg_len(v); i++)
        items[i] = rg_set_at(v, i);
    *out = rg_array(arena, items, rg_len(v));
    return RG_BUILTIN_OK;
}

static rg_bstatus types_cast_set(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const rg_value *v = args[0];
    RG_ARGS_TRY(rg_args_one_of(ctx, 1, v, "array, set"));
    if (rg_value_kind(v) == RG_SET) {
        *out = v;
        return RG_BUILTIN_OK;
    }
    rg_builder *b = rg_set_builder(rg_bctx_arena(ctx), rg_len(v));
    for (size_t i = 0; i < rg_len(v); i++)
        rg_builder_add(b, rg_array_at(v, i));
    *out = rg_builder_finish(b);
    return RG_BUILTIN_OK;
}

/* True when text is a decimal number Go's strconv.ParseFloat accepts
 * (including forms the Rego grammar lacks, such as "+1", ".5" and "5.");
 * *d receives its value and *range is set when it overflows a double.
 * Hexadecimal forms are rejected: ParseFloat needs a 'p' exponent for
 * them, and OPA's callers never write them. */
static bool types_go_float(const char *text, double *d, bool *range)
{
    const char *p = text;
    if (*p == '+' || *p == '-')
        p++;
    if (!isdigit((unsigned char)*p) && *p != '.')
        return false;
    if (strspn(p, "0123456789.eE+-") != strlen(p))
        return false;
    char *end;
    errno = 0;
    *d = strtod(text, &end);
    if (*end != '\0' || end == text)
        return false;
    *range = errno == ERANGE && isinf(*d);
    return true;
}

static rg_bstatus types_number_of_string(rg_bctx *ctx, const rg_value *v,
                                         const rg_value **out)
{
    rg_arena *arena = rg_bctx_arena(ctx);
    const char *s = rg_string_bytes(v);
    size_t len = rg_string_len(v);
    const char *t = s + strspn(s, "+-");
    if (strcasecmp(t, "inf") == 0 || strcasecmp(t, "infinity") == 0 ||
        strcasecmp(t, "nan") == 0)
        return rg_bctx_type_error(ctx, 1, "valid number string", v);
    double d;
    bool range = false;
    bool valid = strlen(s) == len && types_go_float(s, &d, &range);
    if (valid && !range && (*out = rg_number_parse(arena, s, len)))
        return RG_BUILTIN_OK;
    if (!valid || range) {
        rg_strbuf q;
        rg_strbuf_init(&q, arena);
        rg_format_quote(&q, s, len);
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "strconv.ParseFloat: parsing %s: %s", q.data,
                             range ? "value out of range" : "invalid syntax");
    }
    *out = rg_double(arena, d);
    return RG_BUILTIN_OK;
}

static rg_bstatus types_to_number(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const rg_value *v = args[0];
    switch (rg_value_kind(v)) {
    case RG_NULL:
        *out = rg_int(rg_bctx_arena(ctx), 0);
        return RG_BUILTIN_OK;
    case RG_BOOLEAN:
        *out = rg_int(rg_bctx_arena(ctx), rg_bool_get(v) ? 1 : 0);
        return RG_BUILTIN_OK;
    case RG_NUMBER:
        *out = v;
        return RG_BUILTIN_OK;
    case RG_STRING:
        return types_number_of_string(ctx, v, out);
    default:
        return rg_args_one_of(ctx, 1, v, "null, boolean, number, string");
    }
}

const rg_builtin_def rg_builtins_types[] = {
    { "is_array", 1, types_is_array, false, false },
    { "is_boolean", 1, types_is_boolean, false, false },
    { "is_null", 1, types_is_null, false, false },
    { "is_number", 1, types_is_number, false, false },
    { "is_object", 1, types_is_object, false, false },
    { "is_set", 1, types_is_set, false, false },
    { "is_string", 1, types_is_string, false, false },
    { "type_name", 1, types_type_name, false, false },
    { "to_number", 1, types_to_number, false, false },
    { "cast_array", 1, types_cast_array, false, false },
    { "cast_boolean", 1, types_cast_boolean, false, false },
    { "cast_null", 1, types_cast_null, false, false },
    { "cast_object", 1, types_cast_object, false, false },
    { "cast_set", 1, types_cast_set, false, false },
    { "cast_string", 1, types_cast_string, false, false },
    { NULL, 0, NULL, false, false }
};
