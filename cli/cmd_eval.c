/*
 * regolith eval: evaluate a Rego query against modules, data and input,
 * printing the result in the JSON shape of "opa eval".
 *
 *   regolith eval [-d FILE_OR_DIR]... [-i INPUT] [--format json|pretty|raw]
 *                 [--v0|--v1] [--strict-builtin-errors] [--stats]
 *                 [--no-compile-cache] QUERY
 *
 * Files ending in .rego are modules; .json, .yaml and .yml files are
 * data, merged into one document; directories are walked.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "cli/loadfile.h"
#include "include/regolith.h"
#include "runtime/buf.h"
#include "runtime/json.h"

/* Deepest directory nesting walked for -d, against symlink loops. */
#define EVAL_MAX_DIR_DEPTH 64

typedef struct eval_cli {
    const char **paths;
    size_t npaths;
    const char *input_path;
    const char *format;
    const char *query;
    bool stats;
    bool no_cache;
    rg_options opts;
} eval_cli;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: regolith eval [-d FILE_OR_DIR]... [-i INPUT]\n"
            "                     [--format json|pretty|raw] [--v0|--v1]\n"
            "                     [--strict-builtin-errors] [--stats]\n"
            "                     [--no-compile-cache] QUERY\n\n"
            "  -d PATH                  load a .rego module or a JSON/YAML "
            "data file,\n"
            "                           or every such file below a "
            "directory\n"
            "  -i FILE                  the input document (JSON or YAML)\n"
            "  --format FMT             json (default), pretty (values, "
            "or a table of\n"
            "                           bindings) or raw (values only)\n"
            "  --v0, --v1               Rego dialect of the modules "
            "(default v1)\n"
            "  --strict-builtin-errors  stop at the first builtin error\n"
            "  --stats                  print compile and evaluation "
            "counters to stderr\n"
            "  --no-compile-cache       compile every rule, bypassing the "
            "cache\n");
}

static int parse_args(int argc, char **argv, eval_cli *c)
{
    memset(c, 0, sizeof *c);
    rg_options_init(&c->opts);
    c->opts.capture_expressions = true;
    c->format = "json";
    c->paths = rg_xcalloc((size_t)argc + 1, sizeof *c->paths);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool more = i + 1 < argc;
        if ((strcmp(a, "-d") == 0 || strcmp(a, "--data") == 0) && more)
            c->paths[c->npaths++] = argv[++i];
        else if ((strcmp(a, "-i") == 0 || strcmp(a, "--input") == 0) &&
                 more)
            c->input_path = argv[++i];
        else if ((strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) &&
                 more)
            c->format = argv[++i];
        else if (strcmp(a, "--v0") == 0)
            c->opts.dialect = RG_DIALECT_V0;
        else if (strcmp(a, "--v1") == 0)
            c->opts.dialect = RG_DIALECT_V1;
        else if (strcmp(a, "--strict-builtin-errors") == 0)
            c->opts.strict_builtin_errors = true;
        else if (strcmp(a, "--stats") == 0)
            c->stats = true;
        else if (strcmp(a, "--no-compile-cache") == 0)
            c->no_cache = true;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "regolith eval: unknown option '%s'\n", a);
            usage(stderr);
            return -1;
        } else if (c->query == NULL)
            c->query = a;
        else {
            fprintf(stderr, "regolith eval: more than one query given "
                    "('%s')\n", a);
            return -1;
        }
    }
    if (c->query == NULL) {
        fprintf(stderr, "regolith eval: missing QUERY\n");
        usage(stderr);
        return -1;
    }
    if (strcmp(c->format, "json") && strcmp(c->format, "pretty") &&
        strcmp(c->format, "raw")) {
        fprintf(stderr, "regolith eval: invalid --format '%s': expected "
                "json, pretty or raw\n", c->format);
        return -1;
    }
    return 0;
}

/* ---- Loading ------------------------------------------------------------ */

typedef struct loader {
    rg_engine *engine;
    rg_arena *arena;
    const rg_value *data;       /* merged data documents */
    rg_errors *errs;
    int failed;
} loader;

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void load_file(loader *L, const char *path)
{
    bool rego = has_suffix(path, ".rego");
    bool data = has_suffix(path, ".json") || has_suffix(path, ".yaml") ||
                has_suffix(path, ".yml");
    if (!rego && !data)
        return;
    size_t len;
    char *text = rg_loadfile_read(path, &len, L->errs);
    if (text == NULL) {
        L->failed = 1;
        return;
    }
    if (rego) {
        if (rg_engine_add_module(L->engine, path, text, len, L->errs) < 0)
            L->failed = 1;
    } else {
        const rg_value *v = rg_loadfile_parse(L->arena, path, text, len,
                                              L->errs);
        if (v == NULL)
            L->failed = 1;
        else if ((L->data = rg_loadfile_merge(L->arena, L->data, v)) == NULL) {
            rg_errors_add(L->errs, "rego_compile_error", path, 0, 0,
                          "data conflicts with data loaded before");
            L->failed = 1;
        }
    }
    free(text);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_path(loader *L, const char *path, int depth);

static void load_dir(loader *L, const char *path, int depth)
{
    DIR *d = opendir(path);
    if (d == NULL) {
        rg_errors_add(L->errs, "rego_compile_error", path, 0, 0,
                      "cannot open directory");
        L->failed = 1;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.')
            continue;
        rg_grow((void **)&names, &cap, n + 1, sizeof *names);
        names[n++] = rg_xstrdup(ent->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, name_cmp);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(names[i]) + 2;
        char *full = rg_xmalloc(len);
        snprintf(full, len, "%s/%s", path, names[i]);
        load_path(L, full, depth + 1);
        free(full);
        free(names[i]);
    }
    free(names);
}

static void load_path(loader *L, const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        rg_errors_add(L->errs, "rego_compile_error", path, 0, 0,
                      "file or directory not found");
        L->failed = 1;
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (depth < EVAL_MAX_DIR_DEPTH)
            load_dir(L, path, depth);
        return;
    }
    load_file(L, path);
}

/* ---- Output ------------------------------------------------------------- */

static void print_raw(const rg_result *r)
{
    for (size_t row = 0; row < rg_result_rows(r); row++)
        for (size_t i = 0;; i++) {
            const rg_value *v = rg_result_expression(r, row, i);
            if (v == NULL)
                break;
            if (rg_value_kind(v) == RG_STRING) {
                fwrite(rg_string_bytes(v), 1, rg_string_len(v), stdout);
                fputc('\n', stdout);
                continue;
            }
            char *s = rg_json_text(v, 2, 0);
            printf("%s\n", s);
            free(s);
        }
}

/* One cell of the pretty table: the value as compact JSON. */
static char *cell(const rg_value *v)
{
    return v ? rg_json_text(v, 0, 0) : rg_xstrdup("");
}

static void print_rule(const size_t *width, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        putchar('+');
        for (size_t k = 0; k < width[i] + 2; k++)
            putchar('-');
    }
    printf("+\n");
}

static void print_row(char *const *cells, const size_t *width, size_t n)
{
    for (size_t i = 0; i < n; i++)
        printf("| %-*s ", (int)width[i], cells[i]);
    printf("|\n");
}

/* --format pretty: without bindings the expression values as JSON,
 * with bindings a table of them, one line per result. */
static void print_pretty(const rg_result *r)
{
    size_t nb = rg_result_binding_count(r), rows = rg_result_rows(r);
    if (nb == 0) {
        print_raw(r);
        return;
    }
    size_t *width = rg_xcalloc(nb, sizeof *width);
    char **cells = rg_xcalloc((rows + 1) * nb, sizeof *cells);
    for (size_t i = 0; i < nb; i++) {
        cells[i] = rg_xstrdup(rg_result_binding_name(r, i));
        width[i] = strlen(cells[i]);
    }
    for (size_t row = 0; row < rows; row++)
        for (size_t i = 0; i < nb; i++) {
            char *c = cell(rg_result_binding(r, row,
                                             rg_result_binding_name(r, i)));
            cells[(row + 1) * nb + i] = c;
            if (strlen(c) > width[i])
                width[i] = strlen(c);
        }
    print_rule(width, nb);
    print_row(cells, width, nb);
    print_rule(width, nb);
    for (size_t row = 0; row < rows; row++)
        print_row(cells + (row + 1) * nb, width, nb);
    print_rule(width, nb);
    for (size_t i = 0; i < (rows + 1) * nb; i++)
        free(cells[i]);
    free(cells);
    free(width);
}

static void print_stats(const rg_engine *e, const rg_cache *cache)
{
    rg_stats s;
    rg_engine_stats(e, &s);
    fprintf(stderr,
            "rules compiled: %llu\ncompile cache hits: %llu\n"
            "compile cache misses: %llu\nevaluations: %llu\n"
            "VM steps: %llu\nbuiltin calls: %llu\ncompile time: %.3f ms\n"
            "eval time: %.3f ms\n",
            (unsigned long long)s.rules_compiled,
            (unsigned long long)s.cache_hits,
            (unsigned long long)s.cache_misses,
            (unsigned long long)s.evaluations,
            (unsigned long long)s.steps,
            (unsigned long long)s.builtin_calls, s.compile_ns / 1e6,
            s.eval_ns / 1e6);
    if (cache == NULL)
        fprintf(stderr, "compile cache: off\n");
}

static int run(eval_cli *c, rg_engine *e, loader *L, rg_errors *errs)
{
    for (size_t i = 0; i < c->npaths; i++)
        load_path(L, c->paths[i], 0);
    if (L->failed)
        return -1;
    if (L->data && rg_engine_set_data(e, "", L->data, errs) < 0)
        return -1;
    const rg_value *input = NULL;
    if (c->input_path) {
        size_t len;
        char *text = rg_loadfile_read(c->input_path, &len, errs);
        if (text == NULL)
            return -1;
        input = rg_loadfile_parse(L->arena, c->input_path, text, len, errs);
        free(text);
        if (input == NULL)
            return -1;
    }
    rg_query *q = rg_query_prepare(e, c->query, errs);
    if (q == NULL)
        return -1;
    rg_result *r = rg_query_eval(q, input, errs);
    if (r && strcmp(c->format, "raw") == 0) {
        print_raw(r);
    } else if (r && strcmp(c->format, "pretty") == 0) {
        if (rg_result_rows(r) == 0)
            printf("undefined\n");
        else
            print_pretty(r);
    } else if (r) {
        char *json = rg_result_json(r, 2);
        printf("%s\n", json);
        free(json);
    }
    rg_result_free(r);
    rg_query_free(q);
    return errs->count ? -1 : 0;
}

int rg_cmd_eval(int argc, char **argv)
{
    eval_cli c;
    int rc = parse_args(argc, argv, &c);
    if (rc != 0) {
        free(c.paths);
        return rc < 0 ? 2 : 0;
    }
    rg_cache *cache = c.no_cache ? NULL : rg_cache_new();
    c.opts.cache = cache;
    rg_engine *e = rg_engine_new(&c.opts);
    rg_errors errs;
    rg_errors_init(&errs);
    loader L = {e, rg_arena_new(0), NULL, &errs, 0};
    rc = run(&c, e, &L, &errs);
    if (rc < 0)
        rg_errors_print(&errs, stderr);
    if (c.stats)
        print_stats(e, cache);
    rg_errors_free(&errs);
    rg_engine_free(e);
    rg_cache_free(cache);
    rg_arena_free(L.arena);
    free(c.paths);
    return rc < 0 ? 1 : 0;
}
