/*
 * strings.render_template: renders a Go text/template (the subset
 * described in template.h) with an object of variables as its data.
 */
#include "runtime/builtins/args.h"
#include "runtime/builtins/template.h"

static rg_bstatus render_template(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_OBJECT));
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_tpl_node *root;
    const char *err;
    if (!rg_template_parse(arena, rg_string_bytes(args[0]),
                           rg_string_len(args[0]), &root, &err))
        return rg_bctx_error(ctx, "eval_builtin_error", "%s", err);
    rg_strbuf b;
    rg_strbuf_init(&b, arena);
    if (!rg_template_exec(&b, root, args[1], &err))
        return rg_bctx_error(ctx, "eval_builtin_error", "%s", err);
    *out = rg_string(arena, b.data, b.len);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_render[] = {
    { "strings.render_template", 2, render_template, false, false },
    { NULL, 0, NULL, false, false }
};
