/*
 * regolith capabilities: print the builtins, future keywords and
 * language features this build supports, in the JSON layout of OPA's
 * capabilities files (`opa capabilities --current`), so that tools which
 * read OPA capabilities can check policies against Regolith.
 *
 *   regolith capabilities [--current]
 *
 * The builtin list is every name the compiler resolves
 * (rg_engine_builtin_names); each one's declaration comes from OPA's
 * catalogue (rg_builtin_decl_find).  Exit status: 0 on success, 1 when a
 * builtin has no declaration, 2 for a usage error.
 */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "engine/builtins_engine.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "runtime/builtins/decls.h"
#include "runtime/json.h"

/* Keywords a Rego v1 module enables with "import future.keywords.X";
 * in, every, contains and if are always on in v1, so only "not" (for
 * "not { body }") remains opt-in. */
static const char *const future_keywords[] = {"not"};

/* Language features of OPA's capabilities that the parser and compiler
 * implement: keywords as reference parts (data.x.if), the rego.v1
 * import, and template strings ($"...{expr}"). */
static const char *const features[] = {
    "keywords_in_refs", "rego_v1", "template_strings"
};

/* Indentation of a builtin's fields and of the decl's first level in
 * OPA's two-space layout: builtins array, object, field. */
#define FIELD_PREFIX "      "

static void usage(FILE *out)
{
    fprintf(out,
            "usage: regolith capabilities [--current]\n\n"
            "Print the builtins, future keywords and features this build\n"
            "supports as JSON in the layout of OPA's capabilities files,\n"
            "sorted by builtin name.\n\n"
            "  --current  accepted for compatibility with 'opa "
            "capabilities';\n"
            "             the output is always this build's capabilities\n");
}

static void write_string(rg_buf *out, rg_arena *arena, const char *s)
{
    rg_json_write(out, rg_string(arena, s, strlen(s)), 0,
                  RG_JSON_ESCAPE_HTML);
}

/* Append the decl text, re-indented to OPA's layout at field depth. */
static bool write_decl(rg_buf *out, rg_arena *arena,
                       const rg_builtin_decl *d)
{
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *v = rg_json_parse(arena, d->decl, strlen(d->decl),
                                      d->name, NULL, &errs);
    if (v == NULL) {
        fprintf(stderr, "regolith: invalid declaration of %s:\n", d->name);
        rg_errors_print(&errs, stderr);
    } else {
        rg_json_write_indent(out, v, FIELD_PREFIX, "  ",
                             RG_JSON_ESCAPE_HTML);
    }
    rg_errors_free(&errs);
    return v != NULL;
}

/* Append one element of "builtins"; false when it has no declaration. */
static bool write_builtin(rg_buf *out, rg_arena *arena, const char *name)
{
    const rg_builtin_decl *d = rg_builtin_decl_find(name);
    if (d == NULL) {
        fprintf(stderr, "regolith: builtin %s has no type declaration; "
                "regenerate runtime/builtins/decls.c with "
                "tools/gen_builtin_decls.py\n", name);
        return false;
    }
    rg_buf_puts(out, "    {\n" FIELD_PREFIX "\"name\": ");
    write_string(out, arena, name);
    rg_buf_puts(out, ",\n" FIELD_PREFIX "\"decl\": ");
    if (!write_decl(out, arena, d))
        return false;
    if (d->infix) {
        rg_buf_puts(out, ",\n" FIELD_PREFIX "\"infix\": ");
        write_string(out, arena, d->infix);
    }
    if (d->relation)
        rg_buf_puts(out, ",\n" FIELD_PREFIX "\"relation\": true");
    if (d->deprecated)
        rg_buf_puts(out, ",\n" FIELD_PREFIX "\"deprecated\": true");
    if (d->nondeterministic)
        rg_buf_puts(out, ",\n" FIELD_PREFIX "\"nondeterministic\": true");
    rg_buf_puts(out, "\n    }");
    return true;
}

static void write_names(rg_buf *out, rg_arena *arena, const char *key,
                        const char *const *names, size_t count)
{
    rg_buf_printf(out, "  \"%s\": [", key);
    for (size_t i = 0; i < count; i++) {
        rg_buf_puts(out, i ? ",\n    " : "\n    ");
        write_string(out, arena, names[i]);
    }
    rg_buf_puts(out, count ? "\n  ]" : "]");
}

static bool write_capabilities(rg_buf *out, rg_arena *arena)
{
    size_t count;
    const char **names = rg_engine_builtin_names(arena, &count);
    rg_buf_puts(out, "{\n  \"builtins\": [\n");
    for (size_t i = 0; i < count; i++) {
        if (i)
            rg_buf_puts(out, ",\n");
        if (!write_builtin(out, arena, names[i]))
            return false;
    }
    rg_buf_puts(out, "\n  ],\n");
    write_names(out, arena, "future_keywords", future_keywords,
                RG_ARRAY_LEN(future_keywords));
    /* Regolith runs policies on its own VM and builds no WebAssembly. */
    rg_buf_puts(out, ",\n  \"wasm_abi_versions\": [],\n");
    write_names(out, arena, "features", features, RG_ARRAY_LEN(features));
    rg_buf_puts(out, "\n}\n");
    return true;
}

int rg_cmd_capabilities(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--current") != 0) {
            fprintf(stderr, "regolith capabilities: unknown argument "
                    "'%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    rg_arena *arena = rg_arena_new(0);
    rg_buf out;
    rg_buf_init(&out);
    bool ok = write_capabilities(&out, arena);
    if (ok)
        fwrite(out.data, 1, out.len, stdout);
    rg_buf_free(&out);
    rg_arena_free(arena);
    return ok ? 0 : 1;
}
