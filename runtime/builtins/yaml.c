/*
 * yaml.marshal, yaml.unmarshal and yaml.is_valid on the value layer's
 * YAML loader and writer (go-yaml v2 and sigs.k8s.io/yaml rules: YAML
 * 1.1 scalars, string keys, block style with sorted keys).
 */
#include <stdlib.h>

#include "runtime/buf.h"
#include "runtime/builtins/extargs.h"
#include "runtime/yaml.h"

static rg_bstatus bi_marshal(rg_bctx *ctx, const rg_value *const *args,
                             size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_buf b;
    rg_buf_init(&b);
    if (!rg_yaml_write(&b, args[0])) {
        rg_buf_free(&b);
        return rg_extargs_fail(ctx, "failed to marshal value as YAML");
    }
    *out = rg_extargs_str(ctx, b.data ? b.data : "", b.len);
    rg_buf_free(&b);
    return RG_BUILTIN_OK;
}

/* Parse text; NULL with the first error's message at *err. */
static const rg_value *load(rg_bctx *ctx, const rg_value *text,
                            const char **err)
{
    rg_errors errs;
    rg_errors_init(&errs);
    rg_arena *arena = rg_bctx_arena(ctx);
    const rg_value *v = rg_yaml_unmarshal(arena, rg_string_bytes(text),
                                          rg_string_len(text), &errs);
    if (!v && err)
        *err = rg_arena_strdup(arena, errs.count ? errs.items[0].message
                                                 : "invalid YAML");
    rg_errors_free(&errs);
    return v;
}

static rg_bstatus bi_unmarshal(rg_bctx *ctx, const rg_value *const *args,
                               size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    if (rg_extargs_kind(ctx, args[0], 1, RG_STRING) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    const char *err = NULL;
    *out = load(ctx, args[0], &err);
    if (!*out)
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "error converting YAML to JSON: %s", err);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_is_valid(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    *out = rg_bool(rg_value_kind(args[0]) == RG_STRING &&
                   load(ctx, args[0], NULL) != NULL);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_yaml[] = {
    { "yaml.marshal", 1, bi_marshal, false, false },
    { "yaml.unmarshal", 1, bi_unmarshal, false, false },
    { "yaml.is_valid", 1, bi_is_valid, false, false },
    { NULL, 0, NULL, false, false },
};
