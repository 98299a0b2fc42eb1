/*
 * The engine half of include/regolith.h: options, engines, modules, base
 * data, registered builtins and statistics.  Queries and results are in
 * engine/query.c, the compile cache in engine/cache.c.
 */
#include "engine/vm.h"
#include "engine/xform.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parser/parser.h"
#include "runtime/json.h"
#include "runtime/yaml.h"

uint64_t rg_engine_clock_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void rg_options_init(rg_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->dialect = RG_DIALECT_V1;
}

rg_engine *rg_engine_new(const rg_options *opts)
{
    rg_engine *e = rg_xcalloc(1, sizeof *e);
    if (opts)
        e->opts = *opts;
    else
        rg_options_init(&e->opts);
    e->arena = rg_arena_new(0);
    e->data = rg_builder_finish(rg_object_builder(e->arena, 0));
    e->opts.runtime = e->opts.runtime ?
        rg_value_copy(e->arena, e->opts.runtime) :
        rg_builder_finish(rg_object_builder(e->arena, 0));
    return e;
}

void rg_engine_free(rg_engine *e)
{
    if (e == NULL)
        return;
    for (size_t i = 0; i < e->nmodules; i++) {
        rg_module_free(e->modules[i].module);
        free(e->modules[i].file);
        free(e->modules[i].src);
    }
    free(e->modules);
    free(e->custom);
    rg_engine_free_refs(e);
    rg_engine_release_procs(e);
    rg_arena_free(e->tree_arena);
    rg_arena_free(e->arena);
    free(e);
}

static rg_module *parse(rg_engine *e, const char *file, const char *src,
                        size_t len, rg_errors *errs)
{
    rg_parse_options po;
    memset(&po, 0, sizeof po);
    po.version = e->opts.dialect == RG_DIALECT_V0 ? RG_REGO_V0 : RG_REGO_V1;
    po.fallback_v0 = e->opts.dialect == RG_DIALECT_AUTO;
    po.experimental = e->opts.experimental_keywords;
    return rg_parse_module(file, src, len, &po, errs);
}

int rg_engine_add_module(rg_engine *e, const char *file, const char *src,
                         size_t len, rg_errors *errs)
{
    char *copy = rg_xstrndup(src, len);
    rg_module *m = parse(e, file, copy, len, errs);
    if (m == NULL) {
        free(copy);
        return -1;
    }
    for (size_t i = 0; i < e->nmodules; i++)
        if (strcmp(e->modules[i].file, file) == 0) {
            rg_module_free(e->modules[i].module);
            free(e->modules[i].src);
            e->modules[i].module = m;
            e->modules[i].src = copy;
            e->modules[i].len = len;
            e->compiled = false;
            return 0;
        }
    rg_grow((void **)&e->modules, &e->cap_modules, e->nmodules + 1,
            sizeof *e->modules);
    rg_modentry *me = &e->modules[e->nmodules++];
    me->file = rg_xstrdup(file);
    me->src = copy;
    me->len = len;
    me->module = m;
    e->compiled = false;
    return 0;
}

/* ---- Base data ---------------------------------------------------------- */

/* A deep copy of v in arena. */
static const rg_value *copy_value(rg_arena *a, const rg_value *v)
{
    size_t n;
    switch (rg_value_kind(v)) {
    case RG_NULL:
    case RG_BOOLEAN:
        return v;
    case RG_NUMBER: {
        const char *t = rg_number_text(a, v);
        return rg_number_parse(a, t, strlen(t));
    }
    case RG_STRING:
        return rg_string(a, rg_string_bytes(v), rg_string_len(v));
    case RG_ARRAY: {
        n = rg_len(v);
        const rg_value **items = rg_arena_alloc(a, (n + 1) * sizeof *items);
        for (size_t i = 0; i < n; i++)
            items[i] = copy_value(a, rg_array_at(v, i));
        return rg_array(a, items, n);
    }
    case RG_SET: {
        rg_builder *b = rg_set_builder(a, rg_len(v));
        for (size_t i = 0; i < rg_len(v); i++)
            rg_builder_add(b, copy_value(a, rg_set_at(v, i)));
        return rg_builder_finish(b);
    }
    case RG_OBJECT: {
        rg_builder *b = rg_object_builder(a, rg_len(v));
        for (size_t i = 0; i < rg_len(v); i++)
            rg_builder_put(b, copy_value(a, rg_object_key_at(v, i)),
                           copy_value(a, rg_object_value_at(v, i)));
        return rg_builder_finish(b);
    }
    }
    return v;
}

const rg_value *rg_engine_copy_value(rg_arena *arena, const rg_value *v)
{
    return copy_value(arena, v);
}

/* Split a slash-separated path into an array of string keys. */
static const rg_value *split_path(rg_arena *a, const char *path)
{
    const rg_value *keys[256];
    size_t n = 0;
    const char *p = path ? path : "";
    while (*p && n < RG_ARRAY_LEN(keys)) {
        while (*p == '/')
            p++;
        const char *end = p;
        while (*end && *end != '/')
            end++;
        if (end > p)
            keys[n++] = rg_string(a, p, (size_t)(end - p));
        p = end;
    }
    return rg_array(a, keys, n);
}

int rg_engine_set_data(rg_engine *e, const char *path,
                       const rg_value *value, rg_errors *errs)
{
    const rg_value *keys = split_path(e->arena, path);
    const rg_value *now = e->data;
    for (size_t i = 0; now && i < rg_len(keys); i++)
        now = rg_value_kind(now) == RG_OBJECT ?
              rg_object_get(now, rg_array_at(keys, i)) : NULL;
    /* Setting the same document again (a scanner does per resource)
     * must not grow the engine's arena. */
    if (now && rg_value_equal(now, value))
        return 0;
    const rg_value *copy = copy_value(e->arena, value);
    if (rg_len(keys) == 0 && rg_value_kind(copy) != RG_OBJECT) {
        rg_errors_add(errs, "rego_compile_error", NULL, 0, 0,
                      "the root of data must be an object, got %s",
                      rg_kind_name(rg_value_kind(copy)));
        return -1;
    }
    e->data = rg_vm_set_path(e->arena, e->data, keys, 0, copy);
    return 0;
}

int rg_engine_set_data_text(rg_engine *e, const char *path,
                            const char *file, const char *text, size_t len,
                            rg_errors *errs)
{
    rg_arena *tmp = rg_arena_new(0);
    size_t n = file ? strlen(file) : 0;
    bool yaml = (n >= 5 && strcmp(file + n - 5, ".yaml") == 0) ||
                (n >= 4 && strcmp(file + n - 4, ".yml") == 0);
    const rg_value *v = yaml ?
        rg_yaml_parse(tmp, text, len, file, NULL, errs) :
        rg_json_parse(tmp, text, len, file, NULL, errs);
    int rc = v ? rg_engine_set_data(e, path, v, errs) : -1;
    rg_arena_free(tmp);
    return rc;
}

const rg_value *rg_engine_parse_term(rg_arena *arena, const char *text,
                                     size_t len, rg_errors *errs)
{
    rg_term *t = rg_parse_term(arena, "term", text, len, NULL, errs);
    if (t == NULL)
        return NULL;
    const rg_value *v = rg_lower_const(arena, t);
    if (v == NULL)
        rg_errors_add(errs, "rego_parse_error", "term", (int)t->loc.line,
                      (int)t->loc.col, "term is not a constant value");
    return v;
}

/* ---- Builtins and statistics -------------------------------------------- */

int rg_engine_add_builtin(rg_engine *e, const rg_builtin_def *def,
                          rg_errors *errs)
{
    int32_t at = rg_engine_builtin_index(e, def->name);
    if (at >= 0) {
        rg_errors_add(errs, "rego_compile_error", NULL, 0, 0,
                      "builtin %s is already defined", def->name);
        return -1;
    }
    rg_grow((void **)&e->custom, &e->cap_custom, e->ncustom + 1,
            sizeof *e->custom);
    e->custom[e->ncustom++] = def;
    e->compiled = false;
    return 0;
}

void rg_engine_stats(const rg_engine *e, rg_stats *out)
{
    *out = e->stats;
}
