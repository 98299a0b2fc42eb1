/*
 * JSON builtins: json.marshal, json.marshal_with_options, json.unmarshal
 * and json.is_valid, on the value layer's JSON reader and writer.
 *
 * Marshalling escapes <, > and & as Go's json.Marshal does.  With
 * options, pretty output follows Go's json.MarshalIndent (the value
 * layer's rg_json_write_indent), and OPA adds the prefix once more in
 * front of the first line.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/format.h"
#include "runtime/builtins/strbuf.h"
#include "runtime/json.h"

/* Compact JSON of v (HTML-escaped) in arena. */
static const char *jsonb_compact(rg_arena *arena, const rg_value *v,
                                 size_t *len)
{
    char *text = rg_json_text(v, 0, RG_JSON_ESCAPE_HTML);
    *len = strlen(text);
    char *copy = rg_arena_strndup(arena, text, *len);
    free(text);
    return copy;
}

static rg_bstatus jsonb_marshal(rg_bctx *ctx, const rg_value *const *args,
                                size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    size_t len;
    const char *text = jsonb_compact(rg_bctx_arena(ctx), args[0], &len);
    *out = rg_string(rg_bctx_arena(ctx), text, len);
    return RG_BUILTIN_OK;
}

typedef struct jsonb_opts {
    const char *prefix;
    const char *indent;
    bool pretty;
} jsonb_opts;

/* Read the options object.  A prefix or an indent turns pretty printing
 * on unless "pretty" sets it explicitly. */
static rg_bstatus jsonb_read_opts(rg_bctx *ctx, const rg_value *o,
                                  jsonb_opts *opts)
{
    bool implicit = false, explicit_set = false;
    RG_ARGS_TRY(rg_args_kind(ctx, 2, o, RG_OBJECT));
    for (size_t i = 0; i < rg_len(o); i++) {
        const rg_value *k = rg_object_key_at(o, i);
        const rg_value *v = rg_object_value_at(o, i);
        const char *key = rg_value_kind(k) == RG_STRING
                              ? rg_string_bytes(k) : "";
        bool is_prefix = strcmp(key, "prefix") == 0;
        if (is_prefix || strcmp(key, "indent") == 0) {
            if (rg_value_kind(v) != RG_STRING)
                return rg_bctx_error(ctx, "eval_type_error",
                                     "operand 2 key \"%s\" failed cast "
                                     "to string", key);
            *(is_prefix ? &opts->prefix : &opts->indent) =
                rg_string_bytes(v);
            implicit = true;
        } else if (strcmp(key, "pretty") == 0) {
            if (rg_value_kind(v) != RG_BOOLEAN)
                return rg_bctx_error(ctx, "eval_type_error",
                                     "operand 2 key \"pretty\" failed cast"
                                     " to bool");
            explicit_set = true;
            opts->pretty = rg_bool_get(v);
        } else {
            return rg_bctx_error(ctx, "eval_type_error",
                                 "operand 2 object contained unknown key "
                                 "%s", rg_format_text(rg_bctx_arena(ctx),
                                                      k));
        }
    }
    if (!explicit_set)
        opts->pretty = implicit;
    return RG_BUILTIN_OK;
}

static rg_bstatus jsonb_marshal_opts(rg_bctx *ctx,
                                     const rg_value *const *args,
                                     size_t nargs, const rg_value **out)
{
    jsonb_opts opts = { "", "\t", false };
    RG_ARGS_TRY(jsonb_read_opts(ctx, args[1], &opts));
    rg_arena *arena = rg_bctx_arena(ctx);
    if (!opts.pretty)
        return jsonb_marshal(ctx, args, nargs, out);
    rg_buf b;
    rg_buf_init(&b);
    rg_buf_puts(&b, opts.prefix);
    rg_json_write_indent(&b, args[0], opts.prefix, opts.indent,
                         RG_JSON_ESCAPE_HTML);
    *out = rg_string(arena, b.data, b.len);
    rg_buf_free(&b);
    return RG_BUILTIN_OK;
}

/* Parse s as JSON into arena; NULL with *err set on failure. */
static const rg_value *jsonb_parse(rg_arena *arena, const rg_value *s,
                                   const char **err)
{
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *v = rg_json_parse(arena, rg_string_bytes(s),
                                      rg_string_len(s), NULL, NULL, &errs);
    if (!v)
        *err = rg_arena_strdup(arena, errs.count ? errs.items[0].message
                                                 : "invalid JSON");
    rg_errors_free(&errs);
    return v;
}

static rg_bstatus jsonb_unmarshal(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    const char *err;
    *out = jsonb_parse(rg_bctx_arena(ctx), args[0], &err);
    if (!*out)
        return rg_bctx_error(ctx, "eval_builtin_error", "%s", err);
    return RG_BUILTIN_OK;
}

static rg_bstatus jsonb_is_valid(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *err;
    bool ok = rg_value_kind(args[0]) == RG_STRING &&
              jsonb_parse(rg_bctx_arena(ctx), args[0], &err) != NULL;
    *out = rg_bool(ok);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_jsonb[] = {
    { "json.marshal", 1, jsonb_marshal, false, false },
    { "json.marshal_with_options", 2, jsonb_marshal_opts, false, false },
    { "json.unmarshal", 1, jsonb_unmarshal, false, false },
    { "json.is_valid", 1, jsonb_is_valid, false, false },
    { NULL, 0, NULL, false, false }
};
