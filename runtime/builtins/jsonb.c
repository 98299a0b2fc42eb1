/*
 * JSON builtins: json.marshal, json.marshal_with_options, json.unmarshal
 * and json.is_valid, on the value layer's JSON reader and writer.
 *
 * Marshalling escapes <, > and & as Go's json.Marshal does.  With
 * options, pretty output follows Go's json.MarshalIndent: every line
 * after the first starts with the prefix, nesting repeats the indent,
 * empty arrays and objects stay "[]" and "{}", and the whole text is
 * prefixed once more, as OPA does.
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

static void jsonb_newline(rg_strbuf *b, const char *prefix,
                          const char *indent, int depth)
{
    rg_strbuf_addc(b, '\n');
    rg_strbuf_adds(b, prefix);
    for (int i = 0; i < depth; i++)
        rg_strbuf_adds(b, indent);
}

/* Re-indent compact JSON text as Go's json.Indent does. */
static void jsonb_indent(rg_strbuf *b, const char *s, size_t len,
                         const char *prefix, const char *indent)
{
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_string) {
            rg_strbuf_addc(b, c);
            if (c == '\\' && i + 1 < len)
                rg_strbuf_addc(b, s[++i]);
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
            rg_strbuf_addc(b, c);
        } else if (c == '{' || c == '[') {
            rg_strbuf_addc(b, c);
            if (i + 1 < len && (s[i + 1] == '}' || s[i + 1] == ']'))
                rg_strbuf_addc(b, s[++i]);
            else
                jsonb_newline(b, prefix, indent, ++depth);
        } else if (c == '}' || c == ']') {
            jsonb_newline(b, prefix, indent, --depth);
            rg_strbuf_addc(b, c);
        } else if (c == ',') {
            rg_strbuf_addc(b, c);
            jsonb_newline(b, prefix, indent, depth);
        } else if (c == ':') {
            rg_strbuf_adds(b, ": ");
        } else {
            rg_strbuf_addc(b, c);
        }
    }
}

typedef struct jsonb_opts {
    const char *prefix;
    const char *indent;
    bool pretty;
} jsonb_opts;

/* Read the options object; prefix or indent imply pretty unless
 * "pretty" says otherwise. */
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
    RG_UNUSED(nargs);
    jsonb_opts opts = { "", "\t", false };
    RG_ARGS_TRY(jsonb_read_opts(ctx, args[1], &opts));
    rg_arena *arena = rg_bctx_arena(ctx);
    size_t len;
    const char *text = jsonb_compact(arena, args[0], &len);
    if (!opts.pretty) {
        *out = rg_string(arena, text, len);
        return RG_BUILTIN_OK;
    }
    rg_strbuf b;
    rg_strbuf_init(&b, arena);
    rg_strbuf_adds(&b, opts.prefix);
    jsonb_indent(&b, text, len, opts.prefix, opts.indent);
    *out = rg_string(arena, b.data, b.len);
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
