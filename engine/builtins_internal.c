/*
 * The builtins OPA's compiler inserts on a policy's behalf, callable
 * directly from Rego too:
 *
 *   trace(note)                  sends note to the trace hook, true
 *   internal.print(operands)     what print(a, b) compiles to in OPA
 *   internal.template_string(p)  what $"..." compiles to in OPA
 *   internal.test_case(parts)    what opa test inserts into a test rule
 *                                with a key: names the test case
 *
 * The formatting of print and template-string operands lives here and
 * the VM's print and template instructions call it too, so a direct
 * call and the compiled form format alike.
 */
#include "engine/builtins_internal.h"

#include <stdlib.h>
#include <string.h>

#include "include/regolith.h"
#include "runtime/value_text.h"

/* ---- Operand formatting ------------------------------------------------- */

static bool is_scalar(const rg_value *v)
{
    rg_kind k = rg_value_kind(v);
    return k == RG_NULL || k == RG_BOOLEAN || k == RG_NUMBER ||
           k == RG_STRING;
}

/* A string's bytes, or any other value's Rego text. */
static void write_value(rg_buf *out, const rg_value *v)
{
    if (rg_value_kind(v) == RG_STRING)
        rg_buf_append(out, rg_string_bytes(v), rg_string_len(v));
    else
        rg_value_write_rego(out, v);
}

/* Operand i with pick[i] as the chosen element of a set. */
static void write_operand(rg_buf *out, const rg_value *part, size_t pick)
{
    if (rg_value_kind(part) != RG_SET)
        write_value(out, part);
    else if (rg_len(part) == 0)
        rg_buf_puts(out, "<undefined>");
    else
        write_value(out, rg_set_at(part, pick));
}

static void write_line(rg_buf *out, const rg_value *const *parts,
                       size_t n, const size_t *pick, const char *delim)
{
    rg_buf_clear(out);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            rg_buf_puts(out, delim);
        write_operand(out, parts[i], pick[i]);
    }
}

/* Advance pick like an odometer over the sets' elements, the last
 * operand first; false once every combination was made. */
static bool next_pick(const rg_value *const *parts, size_t n, size_t *pick)
{
    for (size_t i = n; i-- > 0;) {
        if (rg_value_kind(parts[i]) != RG_SET)
            continue;
        if (pick[i] + 1 < rg_len(parts[i])) {
            pick[i]++;
            return true;
        }
        pick[i] = 0;
    }
    return false;
}

bool rg_internal_format(const rg_value *const *parts, size_t n,
                        const char *delim, rg_internal_line_fn fn,
                        void *user, const rg_value **illegal)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_scalar(parts[i]) && rg_value_kind(parts[i]) != RG_SET) {
            *illegal = parts[i];
            return false;
        }
    }
    size_t *pick = rg_xcalloc(n ? n : 1, sizeof *pick);
    rg_buf line;
    rg_buf_init(&line);
    bool more = true;
    while (more) {
        write_line(&line, parts, n, pick, delim);
        more = fn(user, rg_buf_cstr(&line), line.len) &&
               next_pick(parts, n, pick);
    }
    rg_buf_free(&line);
    free(pick);
    return true;
}

/* ---- The builtins ------------------------------------------------------- */

/* The operands of an array as a C array living in the call's arena. */
static const rg_value **array_items(rg_bctx *ctx, const rg_value *arr)
{
    size_t n = rg_len(arr);
    const rg_value **items = rg_arena_alloc(rg_bctx_arena(ctx),
                                            (n ? n : 1) * sizeof *items);
    for (size_t i = 0; i < n; i++)
        items[i] = rg_array_at(arr, i);
    return items;
}

static rg_bstatus illegal_operand(rg_bctx *ctx, const rg_value *v)
{
    return rg_bctx_halt(ctx, "eval_internal_error",
                        "illegal argument type: %s",
                        rg_kind_name(rg_value_kind(v)));
}

static bool print_line(void *user, const char *text, size_t len)
{
    rg_bctx_print(user, text, len);
    return true;
}

/* internal.print(operands): one output line per combination of the
 * operands' values, the operands separated by a space. */
static rg_bstatus internal_print(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    if (rg_value_kind(args[0]) != RG_ARRAY)
        return rg_bctx_type_error(ctx, 1, "array", args[0]);
    const rg_value *bad = NULL;
    if (!rg_internal_format(array_items(ctx, args[0]), rg_len(args[0]),
                            " ", print_line, ctx, &bad))
        return illegal_operand(ctx, bad);
    *out = rg_bool(true);
    return RG_BUILTIN_OK;
}

/* The one line a template string makes, and how many it made. */
typedef struct template_result {
    rg_arena *arena;
    const rg_value *text;
    size_t lines;
} template_result;

static bool template_line(void *user, const char *text, size_t len)
{
    template_result *r = user;
    if (++r->lines > 1)
        return false;
    r->text = rg_string(r->arena, text, len);
    return true;
}

const rg_value *rg_internal_template(rg_arena *arena,
                                     const rg_value *const *parts, size_t n,
                                     const rg_value **illegal)
{
    template_result r = {arena, NULL, 0};
    *illegal = NULL;
    if (!rg_internal_format(parts, n, "", template_line, &r, illegal))
        return NULL;
    return r.lines == 1 ? r.text : NULL;
}

/* internal.template_string(parts): the parts concatenated.  A part
 * whose set contains several values is an error. */
static rg_bstatus template_string(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    if (rg_value_kind(args[0]) != RG_ARRAY)
        return rg_bctx_type_error(ctx, 1, "array", args[0]);
    const rg_value *bad;
    const rg_value *s = rg_internal_template(rg_bctx_arena(ctx),
                                             array_items(ctx, args[0]),
                                             rg_len(args[0]), &bad);
    if (bad)
        return illegal_operand(ctx, bad);
    if (s == NULL)
        return rg_bctx_halt(ctx, "eval_conflict_error", "%s",
                            RG_INTERNAL_TEMPLATE_CONFLICT);
    *out = s;
    return RG_BUILTIN_OK;
}

/* trace(note): true, and the note goes to the engine's trace hook. */
static rg_bstatus trace(rg_bctx *ctx, const rg_value *const *args,
                        size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    if (rg_value_kind(args[0]) != RG_STRING)
        return rg_bctx_type_error(ctx, 1, "string", args[0]);
    rg_bctx_trace(ctx, RG_TRACE_NOTE, rg_string_bytes(args[0]));
    *out = rg_bool(true);
    return RG_BUILTIN_OK;
}

/* internal.test_case(parts): true.  The parts (the key of a test rule,
 * naming one case of a table-driven test) go to the trace hook as Rego
 * text.  Any operand is accepted, as OPA does at run time. */
static rg_bstatus test_case(rg_bctx *ctx, const rg_value *const *args,
                            size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_buf text;
    rg_buf_init(&text);
    rg_value_write_rego(&text, args[0]);
    rg_bctx_trace(ctx, RG_TRACE_TEST_CASE, rg_buf_cstr(&text));
    rg_buf_free(&text);
    *out = rg_bool(true);
    return RG_BUILTIN_OK;
}

static const rg_builtin_def internal_builtins[] = {
    {"internal.print", 1, internal_print, false, false},
    {"internal.template_string", 1, template_string, false, false},
    {"internal.test_case", 1, test_case, false, false},
    {"trace", 1, trace, false, false},
};

const rg_builtin_def *rg_internal_builtins(size_t *count)
{
    *count = RG_ARRAY_LEN(internal_builtins);
    return internal_builtins;
}
