/*
 * opa.runtime: facts about the running engine, as OPA returns them: the
 * process environment ("env"), the version and the commit.
 */
#include <string.h>
#include <unistd.h>

#include "include/regolith.h"
#include "runtime/builtins/extargs.h"

/* The source commit, when the build defines one. */
#ifndef RG_COMMIT
#define RG_COMMIT ""
#endif

extern char **environ;

static const rg_value *env_object(rg_arena *arena)
{
    rg_builder *b = rg_object_builder(arena, 64);
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq)
            continue;
        rg_builder_put(b, rg_string(arena, *e, (size_t)(eq - *e)),
                       rg_cstring(arena, eq + 1));
    }
    return rg_builder_finish(b);
}

static rg_bstatus bi_runtime(rg_bctx *ctx, const rg_value *const *args,
                             size_t nargs, const rg_value **out)
{
    RG_UNUSED(args);
    RG_UNUSED(nargs);
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_builder *b = rg_object_builder(arena, 3);
    rg_builder_put(b, rg_cstring(arena, "env"), env_object(arena));
    rg_builder_put(b, rg_cstring(arena, "version"),
                   rg_cstring(arena, RG_VERSION));
    rg_builder_put(b, rg_cstring(arena, "commit"),
                   rg_cstring(arena, RG_COMMIT));
    *out = rg_builder_finish(b);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_opa[] = {
    { "opa.runtime", 0, bi_runtime, false, false },
    { NULL, 0, NULL, false, false },
};
