/*
 * Builtins implemented by the engine: membership ("in"), opa.runtime
 * and rego.parse_module.  rego.metadata.rule and rego.metadata.chain
 * are compiled to constants (engine/metadata.c).
 */
#include "engine/builtins_engine.h"
#include "engine/vm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/parser.h"
#include "runtime/json.h"

static bool array_has(const rg_value *xs, const rg_value *x)
{
    for (size_t i = 0; i < rg_len(xs); i++)
        if (rg_value_equal(rg_array_at(xs, i), x))
            return true;
    return false;
}

static bool object_has_value(const rg_value *xs, const rg_value *x)
{
    for (size_t i = 0; i < rg_len(xs); i++)
        if (rg_value_equal(rg_object_value_at(xs, i), x))
            return true;
    return false;
}

/* internal.member_2(x, xs): x is an element (array, set) or a value
 * (object) of xs; false for any other xs. */
static rg_bstatus member_2(rg_bctx *ctx, const rg_value *const *args,
                           size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    const rg_value *x = args[0], *xs = args[1];
    bool has = false;
    switch (rg_value_kind(xs)) {
    case RG_ARRAY:
        has = array_has(xs, x);
        break;
    case RG_SET:
        has = rg_set_contains(xs, x);
        break;
    case RG_OBJECT:
        has = object_has_value(xs, x);
        break;
    default:
        break;
    }
    *out = rg_bool(has);
    return RG_BUILTIN_OK;
}

/* internal.member_3(k, v, xs): xs[k] is v. */
static rg_bstatus member_3(rg_bctx *ctx, const rg_value *const *args,
                           size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    const rg_value *k = args[0], *v = args[1], *xs = args[2];
    const rg_value *got = NULL;
    int64_t i;
    switch (rg_value_kind(xs)) {
    case RG_ARRAY:
        if (rg_value_kind(k) == RG_NUMBER && rg_number_is_integer(k) &&
            rg_number_int64(k, &i) && i >= 0 && (size_t)i < rg_len(xs))
            got = rg_array_at(xs, (size_t)i);
        break;
    case RG_OBJECT:
        got = rg_object_get(xs, k);
        break;
    case RG_SET:
        got = rg_set_contains(xs, k) ? k : NULL;
        break;
    default:
        break;
    }
    *out = rg_bool(got != NULL && rg_value_equal(got, v));
    return RG_BUILTIN_OK;
}

/* opa.runtime(): the runtime facts the embedder set in
 * rg_options.runtime (an empty object unless it set some). */
static rg_bstatus opa_runtime(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(args);
    RG_UNUSED(nargs);
    *out = rg_bctx_options(ctx)->runtime;
    return RG_BUILTIN_OK;
}

/* obj with key set to v (builders keep the first value of a key). */
static const rg_value *replace_key(rg_arena *a, const rg_value *obj,
                                   const char *key, const rg_value *v)
{
    const rg_value *k = rg_cstring(a, key);
    rg_builder *b = rg_object_builder(a, rg_len(obj));
    for (size_t i = 0; i < rg_len(obj); i++)
        if (!rg_value_equal(rg_object_key_at(obj, i), k))
            rg_builder_put(b, rg_object_key_at(obj, i),
                           rg_object_value_at(obj, i));
    rg_builder_put(b, k, v);
    return rg_builder_finish(b);
}

/* The parser's module JSON with the package path as OPA writes it: an
 * array of terms rather than a ref term. */
static const rg_value *opa_shape(rg_arena *a, const rg_value *mod)
{
    const rg_value *pkg = rg_object_get_str(mod, "package", 7);
    const rg_value *path = pkg ? rg_object_get_str(pkg, "path", 4) : NULL;
    const rg_value *terms = path && rg_value_kind(path) == RG_OBJECT ?
        rg_object_get_str(path, "value", 5) : NULL;
    if (terms == NULL)
        return mod;
    return replace_key(a, mod, "package",
                       replace_key(a, pkg, "path", terms));
}

/* rego.parse_module(filename, source): the module's AST as an object.
 * NOTE: rules and bodies use the parser's JSON schema (docs/ast.md),
 * which differs from OPA's in places; the package is in OPA's shape. */
static rg_bstatus parse_module(rg_bctx *ctx, const rg_value *const *args,
                               size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    for (int i = 0; i < 2; i++)
        if (rg_value_kind(args[i]) != RG_STRING)
            return rg_bctx_type_error(ctx, i + 1, "string", args[i]);
    rg_errors errs;
    rg_errors_init(&errs);
    rg_module *m = rg_parse_module(rg_string_bytes(args[0]),
                                   rg_string_bytes(args[1]),
                                   rg_string_len(args[1]), NULL, &errs);
    if (m == NULL) {
        char *msg = errs.count ? rg_error_format(&errs.items[0]) :
                                 rg_xstrdup("parse failed");
        rg_errors_free(&errs);
        rg_bstatus st = rg_bctx_error(ctx, "eval_builtin_error", "%s", msg);
        free(msg);
        return st;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (f == NULL)
        rg_oom(0);
    rg_ast_write_module_json(f, m, false);
    fclose(f);
    rg_module_free(m);
    const rg_value *v = rg_json_parse(rg_bctx_arena(ctx), text, len, NULL,
                                      NULL, &errs);
    free(text);
    rg_errors_free(&errs);
    if (v == NULL)
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "module JSON could not be read back");
    *out = opa_shape(rg_bctx_arena(ctx), v);
    return RG_BUILTIN_OK;
}

static const rg_builtin_def engine_builtins[] = {
    {"internal.member_2", 2, member_2, false, false},
    {"internal.member_3", 3, member_3, false, false},
    {"opa.runtime", 0, opa_runtime, false, false},
    {"rego.parse_module", 2, parse_module, false, false},
};

const rg_builtin_def *rg_engine_builtins(size_t *count)
{
    *count = RG_ARRAY_LEN(engine_builtins);
    return engine_builtins;
}
