/*
 * The VM's side of runtime/builtin.h: the call context a builtin sees,
 * and the call itself with OPA's error policy (strict mode stops the
 * query at the first builtin error; otherwise the call is undefined).
 */
#include "engine/vm.h"

#include <stdarg.h>
#include <stdio.h>

struct rg_bctx {
    rg_vm *vm;
    const rg_builtin_def *def;
    const rg_loc *loc;
};

rg_arena *rg_bctx_arena(rg_bctx *ctx)
{
    return ctx->vm->arena;
}

const rg_builtin_def *rg_bctx_builtin(rg_bctx *ctx)
{
    return ctx->def;
}

int64_t rg_bctx_now_ns(rg_bctx *ctx)
{
    return ctx->vm->now_ns;
}

/* A failing builtin makes its call undefined and evaluation goes on;
 * in strict mode the first such error becomes the query's error. */
static void record(rg_bctx *ctx, const char *code, const char *msg)
{
    rg_vm *vm = ctx->vm;
    if (!vm->strict || vm->builtin_failed)
        return;
    vm->builtin_failed = true;
    const rg_loc *loc = ctx->loc;
    rg_errors_add(vm->errs, code, loc ? loc->file : NULL,
                  loc ? (int)loc->line : 0, 0, "%s: %s", ctx->def->name,
                  msg);
}

rg_bstatus rg_bctx_type_error(rg_bctx *ctx, int operand, const char *want,
                              const rg_value *got)
{
    char msg[512];
    snprintf(msg, sizeof msg, "operand %d must be %s but got %s", operand,
             want, rg_kind_name(rg_value_kind(got)));
    record(ctx, "eval_type_error", msg);
    return RG_BUILTIN_ERROR;
}

rg_bstatus rg_bctx_error(rg_bctx *ctx, const char *code, const char *fmt,
                         ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    record(ctx, code, msg);
    return RG_BUILTIN_ERROR;
}

const rg_value *rg_bctx_memo_get(rg_bctx *ctx, const rg_value *key)
{
    rg_vm *vm = ctx->vm;
    return vm->bctx_memo ? rg_builder_get(vm->bctx_memo, key) : NULL;
}

void rg_bctx_memo_put(rg_bctx *ctx, const rg_value *key,
                      const rg_value *value)
{
    rg_vm *vm = ctx->vm;
    if (vm->bctx_memo == NULL)
        vm->bctx_memo = rg_object_builder(vm->arena, 0);
    rg_builder_put(vm->bctx_memo, key, value);
}

void rg_bctx_print(rg_bctx *ctx, const char *text, size_t len)
{
    const rg_options *o = &ctx->vm->engine->opts;
    char *s = rg_arena_strndup(ctx->vm->arena, text, len);
    if (o->print)
        o->print(o->print_user, ctx->loc ? ctx->loc->file : NULL,
                 ctx->loc ? (int)ctx->loc->line : 0, s);
    else
        fprintf(stderr, "%s\n", s);
}

const rg_options *rg_bctx_options(const rg_bctx *ctx)
{
    return &ctx->vm->engine->opts;
}

rg_bstatus rg_bctx_halt(rg_bctx *ctx, const char *code, const char *fmt,
                        ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rg_vm_error(ctx->vm, code, ctx->loc, "%s", msg);
    return RG_BUILTIN_ERROR;
}

void rg_bctx_trace(rg_bctx *ctx, int kind, const char *text)
{
    const rg_options *o = &ctx->vm->engine->opts;
    if (o->trace)
        o->trace(o->trace_user, (rg_trace_kind)kind,
                 ctx->loc ? ctx->loc->file : NULL,
                 ctx->loc ? (int)ctx->loc->line : 0, text);
}

rg_bstatus rg_vm_call_builtin(rg_vm *vm, const rg_builtin_def *def,
                              const rg_value *const *args, uint32_t n,
                              const rg_loc *loc, const rg_value **out)
{
    rg_bctx ctx = {vm, def, loc};
    vm->builtin_calls++;
    *out = NULL;
    rg_bstatus st = def->fn(&ctx, args, n, out);
    if (st != RG_BUILTIN_OK)
        *out = NULL;
    return st;
}
