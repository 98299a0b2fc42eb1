/*
 * The graphql.* builtins: parse_query, parse_schema, parse,
 * parse_and_verify, is_valid and schema_is_valid.  Queries and schemas
 * are given as GraphQL text or as AST objects (as parse_query and
 * parse_schema return them).
 */
#include <string.h>

#include "runtime/builtins/extargs.h"
#include "runtime/builtins/graphql.h"

static rg_bstatus bi_parse_query(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *s, *err;
    size_t len;
    if (rg_extargs_string(ctx, args[0], 1, &s, &len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_arena *arena = rg_bctx_arena(ctx);
    const rg_value *ast = rg_graphql_parse_query(arena, s, len, &err);
    if (!ast)
        return rg_extargs_fail(ctx, err);
    *out = rg_graphql_strip_positions(arena, ast);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_parse_schema(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *s, *err;
    size_t len;
    if (rg_extargs_string(ctx, args[0], 1, &s, &len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_arena *arena = rg_bctx_arena(ctx);
    const rg_value *ast = rg_graphql_parse_schema(arena, s, len, &err);
    if (!ast)
        return rg_extargs_fail(ctx, err);
    *out = rg_graphql_strip_positions(arena, ast);
    return RG_BUILTIN_OK;
}

/* A query or schema operand: text is parsed, an object is taken as an
 * AST.  Returns NULL with *err for other kinds or syntax errors. */
static const rg_value *document(rg_bctx *ctx, const rg_value *v, bool query,
                                const char **err)
{
    rg_kind k = rg_value_kind(v);
    if (k == RG_OBJECT)
        return v;
    if (k != RG_STRING) {
        *err = NULL;
        return NULL;
    }
    rg_arena *arena = rg_bctx_arena(ctx);
    return query ? rg_graphql_parse_query(arena, rg_string_bytes(v),
                                          rg_string_len(v), err)
                 : rg_graphql_parse_schema(arena, rg_string_bytes(v),
                                           rg_string_len(v), err);
}

/* Parse and check both operands; NULL *err means a wrong operand kind. */
static bool verify(rg_bctx *ctx, const rg_value *const *args,
                   const rg_value **q, const rg_value **s, const char **err)
{
    rg_arena *arena = rg_bctx_arena(ctx);
    *err = NULL;
    if (!(*q = document(ctx, args[0], true, err)) ||
        !(*s = document(ctx, args[1], false, err)))
        return false;
    if ((*err = rg_graphql_check_schema(arena, *s)))
        return false;
    return !(*err = rg_graphql_check_query(arena, *s, *q));
}

static rg_bstatus bi_parse(rg_bctx *ctx, const rg_value *const *args,
                           size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const rg_value *q, *s;
    const char *err;
    if (!verify(ctx, args, &q, &s, &err)) {
        if (err)
            return rg_extargs_fail(ctx, err);
        int pos = rg_value_kind(args[0]) == RG_STRING ||
                  rg_value_kind(args[0]) == RG_OBJECT ? 1 : 0;
        return rg_bctx_type_error(ctx, pos, "one of {string, object}",
                                  args[pos]);
    }
    rg_arena *arena = rg_bctx_arena(ctx);
    const rg_value *items[2] = { rg_graphql_strip_positions(arena, q),
                                 rg_graphql_strip_positions(arena, s) };
    *out = rg_array(arena, items, 2);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_parse_and_verify(rg_bctx *ctx,
                                      const rg_value *const *args,
                                      size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const rg_value *q, *s;
    const char *err;
    rg_arena *arena = rg_bctx_arena(ctx);
    bool ok = verify(ctx, args, &q, &s, &err);
    const rg_value *empty = rg_builder_finish(rg_object_builder(arena, 0));
    const rg_value *items[3] = {
        rg_bool(ok), ok ? rg_graphql_strip_positions(arena, q) : empty,
        ok ? rg_graphql_strip_positions(arena, s) : empty };
    *out = rg_array(arena, items, 3);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_is_valid(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const rg_value *q, *s;
    const char *err;
    *out = rg_bool(verify(ctx, args, &q, &s, &err));
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_schema_is_valid(rg_bctx *ctx,
                                     const rg_value *const *args,
                                     size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *err;
    const rg_value *s = document(ctx, args[0], false, &err);
    *out = rg_bool(s && !rg_graphql_check_schema(rg_bctx_arena(ctx), s));
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_graphql[] = {
    { "graphql.parse_query", 1, bi_parse_query, false, false },
    { "graphql.parse_schema", 1, bi_parse_schema, false, false },
    { "graphql.parse", 2, bi_parse, false, false },
    { "graphql.parse_and_verify", 2, bi_parse_and_verify, false, false },
    { "graphql.is_valid", 2, bi_is_valid, false, false },
    { "graphql.schema_is_valid", 1, bi_schema_is_valid, false, false },
    { NULL, 0, NULL, false, false },
};
