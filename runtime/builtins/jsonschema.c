/*
 * json.verify_schema and json.match_schema.  Schemas and documents are
 * given as JSON text or as values.  Values pass through JSON first, so
 * sets become arrays and object keys become strings, as in OPA.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/extargs.h"
#include "runtime/builtins/jsonschema.h"
#include "runtime/json.h"

/* The JSON form of v, or NULL with *err set ("invalid JSON string",
 * "wrong type, expected string or object"). */
static const rg_value *as_json(rg_arena *arena, const rg_value *v,
                               const char **err)
{
    rg_kind k = rg_value_kind(v);
    const char *text;
    size_t len;
    char *owned = NULL;
    if (k == RG_STRING) {
        text = rg_string_bytes(v);
        len = rg_string_len(v);
    } else if (k == RG_OBJECT || k == RG_ARRAY) {
        owned = rg_json_text(v, 0, 0);
        text = owned;
        len = strlen(owned);
    } else {
        *err = "wrong type, expected string or object";
        return NULL;
    }
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *out = rg_json_parse(arena, text, len, NULL, NULL, &errs);
    rg_errors_free(&errs);
    free(owned);
    if (!out)
        *err = "invalid JSON string";
    return out;
}

static const rg_value *pair(rg_arena *arena, bool ok, const rg_value *data)
{
    const rg_value *items[2] = { rg_bool(ok), data };
    return rg_array(arena, items, 2);
}

static rg_bstatus bi_verify_schema(rg_bctx *ctx, const rg_value *const *args,
                                   size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_arena *arena = rg_bctx_arena(ctx);
    const char *err = NULL;
    const rg_value *schema = as_json(arena, args[0], &err);
    if (schema)
        err = rg_jsonschema_check(arena, schema);
    *out = err ? pair(arena, false, rg_cstring(arena, rg_arena_printf(
                          arena, "jsonschema: %s", err)))
               : pair(arena, true, rg_null());
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_match_schema(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_arena *arena = rg_bctx_arena(ctx);
    const char *err = NULL;
    const rg_value *doc = as_json(arena, args[0], &err);
    if (!doc)
        return rg_extargs_fail(ctx, err);
    const rg_value *schema = as_json(arena, args[1], &err);
    if (!schema)
        return rg_extargs_fail(ctx, err);
    if ((err = rg_jsonschema_check(arena, schema)))
        return rg_extargs_fail(ctx, err);
    const rg_value *errors = rg_jsonschema_validate(arena, schema, doc);
    *out = pair(arena, rg_len(errors) == 0, errors);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_jsonschema[] = {
    { "json.verify_schema", 1, bi_verify_schema, false, false },
    { "json.match_schema", 2, bi_match_schema, false, false },
    { NULL, 0, NULL, false, false },
};
