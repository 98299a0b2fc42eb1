/*
 * regolith eval: evaluate a Rego query against modules, data and input,
 * printing the result in the JSON shape of "opa eval".
 *
 *   regolith eval [-d FILE_OR_DIR]... [-i INPUT] [--format json|pretty|raw]
 *                 [--v0|--v1] [--strict-builtin-errors] [--stats]
 *                 [--no-compile-cache] [--max-steps N] [--timeout DURATION]
 *                 [--memory-budget SIZE] [--] QUERY
 *
 * Files ending in .rego are modules; .json, .yaml and .yml files are
 * data, merged into one document; directories are walked (see
 * cli/evalload.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/evalload.h"
#include "cli/loadfile.h"
#include "include/regolith.h"
#include "runtime/buf.h"
#include "runtime/json.h"

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
            "cache\n"
            "  --max-steps N            stop an evaluation after N VM "
            "steps\n"
            "  --timeout DURATION       stop an evaluation after DURATION "
            "(e.g. 500ms,\n"
            "                           10s, 2m, 1h30m)\n"
            "  --memory-budget SIZE     stop an evaluation using more "
            "than SIZE bytes\n"
            "                           (suffixes K, M, G: powers of "
            "1024)\n"
            "  --                       the next argument is the query, "
            "even if it starts\n"
            "                           with -\n\n"
            "FILE may be - for standard input (a JSON or YAML "
            "document).\n");
}

/* ---- Limits ------------------------------------------------------------- */

/* A decimal count without sign; false when text is not one. */
static bool parse_count(const char *text, uint64_t *out)
{
    if (text[0] < '0' || text[0] > '9')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    *out = v;
    return errno == 0 && *end == '\0';
}

/* A duration as Go writes it (1h30m, 10s, 250ms, 0.5s) in ms. */
static bool parse_duration(const char *text, uint64_t *ms)
{
    static const struct { const char *unit; double ms; } units[] = {
        {"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}};
    double total = 0;
    const char *p = text;
    do {
        char *end;
        if ((*p < '0' || *p > '9') && *p != '.')
            return false;
        double v = strtod(p, &end);
        size_t k = 0, nunits = sizeof units / sizeof units[0];
        while (k < nunits && (strncmp(end, units[k].unit,
                                      strlen(units[k].unit)) != 0 ||
                              (k == 2 && end[1] == 's')))
            k++;
        if (end == p || k == nunits)
            return false;
        total += v * units[k].ms;
        p = end + strlen(units[k].unit);
    } while (*p);
    if (total < 1 || total > 1e15)
        return false;
    *ms = (uint64_t)total;
    return true;
}

/* A byte count with an optional K, M or G suffix (powers of 1024). */
static bool parse_size(const char *text, size_t *out)
{
    char *end;
    if (text[0] < '0' || text[0] > '9')
        return false;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10;
    else if (*end == 'M' || *end == 'm')
        shift = 20;
    else if (*end == 'G' || *end == 'g')
        shift = 30;
    if (shift)
        end++;
    if (errno || *end != '\0' || v == 0 || v > (SIZE_MAX >> shift))
        return false;
    *out = (size_t)(v << shift);
    return true;
}

/* Apply a limit flag a with value v; -1 (reported) when v is bad. */
static int set_limit(eval_cli *c, const char *a, const char *v)
{
    bool ok;
    if (strcmp(a, "--max-steps") == 0)
        ok = parse_count(v, &c->opts.max_steps) && c->opts.max_steps > 0;
    else if (strcmp(a, "--timeout") == 0)
        ok = parse_duration(v, &c->opts.timeout_ms);
    else
        ok = parse_size(v, &c->opts.memory_budget);
    if (!ok)
        fprintf(stderr, "regolith eval: invalid %s '%s': expected %s\n", a,
                v, strcmp(a, "--max-steps") == 0 ? "a positive integer"
                : strcmp(a, "--timeout") == 0
                ? "a duration such as 500ms, 10s or 2m"
                : "a positive size in bytes such as 65536, 512K or 2G");
    return ok ? 0 : -1;
}

/* ---- Arguments ---------------------------------------------------------- */

static bool takes_value(const char *a)
{
    static const char *const flags[] = {
        "-d", "--data", "-i", "--input", "-f", "--format", "--max-steps",
        "--timeout", "--memory-budget"};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (strcmp(a, flags[i]) == 0)
            return true;
    return false;
}

/* A flag with its value; -1 (reported) on a bad value. */
static int take_value(eval_cli *c, const char *a, const char *v)
{
    if (strcmp(a, "-d") == 0 || strcmp(a, "--data") == 0)
        c->paths[c->npaths++] = v;
    else if (strcmp(a, "-i") == 0 || strcmp(a, "--input") == 0)
        c->input_path = v;
    else if (strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0)
        c->format = v;
    else
        return set_limit(c, a, v);
    return 0;
}

/* A flag without value: 1 handled, 0 not a known flag, 2 help. */
static int take_flag(eval_cli *c, const char *a)
{
    if (strcmp(a, "--v0") == 0)
        c->opts.dialect = RG_DIALECT_V0;
    else if (strcmp(a, "--v1") == 0)
        c->opts.dialect = RG_DIALECT_V1;
    else if (strcmp(a, "--strict-builtin-errors") == 0)
        c->opts.strict_builtin_errors = true;
    else if (strcmp(a, "--stats") == 0)
        c->stats = true;
    else if (strcmp(a, "--no-compile-cache") == 0)
        c->no_cache = true;
    else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
        return 2;
    else
        return 0;
    return 1;
}

static int take_query(eval_cli *c, const char *a)
{
    if (c->query == NULL) {
        c->query = a;
        return 0;
    }
    fprintf(stderr, "regolith eval: more than one query given ('%s')\n", a);
    return -1;
}

/* Read one argument at argv[*i] (advancing *i past a value): 0 done,
 * 1 help, -1 error (reported). */
static int parse_arg(eval_cli *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (a[0] != '-' || a[1] == '\0')
        return take_query(c, a);
    if (takes_value(a)) {
        if (*i + 1 >= argc) {
            fprintf(stderr, "regolith eval: %s needs a value\n", a);
            return -1;
        }
        return take_value(c, a, argv[++*i]);
    }
    int r = take_flag(c, a);
    if (r == 2) {
        usage(stdout);
        return 1;
    }
    if (r == 0) {
        fprintf(stderr, "regolith eval: unknown option '%s'\n", a);
        usage(stderr);
        return -1;
    }
    return 0;
}

static int parse_args(int argc, char **argv, eval_cli *c)
{
    memset(c, 0, sizeof *c);
    rg_options_init(&c->opts);
    c->opts.capture_expressions = true;
    c->format = "json";
    c->paths = rg_xcalloc((size_t)argc + 1, sizeof *c->paths);
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        int r = parse_arg(c, argc, argv, &i);
        if (r != 0)
            return r;
    }
    for (i++; i < argc; i++)
        if (take_query(c, argv[i]) < 0)
            return -1;
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

static void print_result(const eval_cli *c, const rg_result *r)
{
    if (strcmp(c->format, "raw") == 0) {
        print_raw(r);
    } else if (strcmp(c->format, "pretty") == 0) {
        if (rg_result_rows(r) == 0)
            printf("undefined\n");
        else
            print_pretty(r);
    } else {
        char *json = rg_result_json(r, 2);
        printf("%s\n", json);
        free(json);
    }
}

static const rg_value *load_input(const eval_cli *c, rg_arena *arena,
                                  rg_errors *errs)
{
    size_t len;
    char *text = rg_loadfile_read(c->input_path, &len, errs);
    if (text == NULL)
        return NULL;
    const rg_value *input = rg_loadfile_parse(arena, c->input_path, text,
                                              len, errs);
    free(text);
    return input;
}

static int run(eval_cli *c, rg_engine *e, rg_evalload *L, rg_errors *errs)
{
    for (size_t i = 0; i < c->npaths; i++)
        rg_evalload_path(L, c->paths[i]);
    if (L->failed)
        return -1;
    if (L->data && rg_engine_set_data(e, "", L->data, errs) < 0)
        return -1;
    const rg_value *input = NULL;
    if (c->input_path && (input = load_input(c, L->arena, errs)) == NULL)
        return -1;
    rg_query *q = rg_query_prepare(e, c->query, errs);
    if (q == NULL)
        return -1;
    rg_result *r = rg_query_eval(q, input, errs);
    /* A failed evaluation has no result to show, only its errors. */
    if (r && errs->count == 0)
        print_result(c, r);
    rg_result_free(r);
    rg_query_free(q);
    return errs->count ? -1 : 0;
}

/* Flush standard output; false (reported) when it cannot be written. */
static bool flush_output(void)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return true;
    fprintf(stderr, "regolith eval: cannot write the output: %s\n",
            strerror(errno));
    return false;
}

extern char **environ;

/* The value opa.runtime() returns under "regolith eval", shaped as
 * "opa eval" shapes it: the process environment, the version and the
 * source commit (empty when the build does not record one). */
static const rg_value *runtime_value(rg_arena *arena)
{
    rg_builder *env = rg_object_builder(arena, 64);
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (eq == NULL)
            continue;
        rg_builder_put(env, rg_string(arena, *e, (size_t)(eq - *e)),
                       rg_cstring(arena, eq + 1));
    }
    rg_builder *info = rg_object_builder(arena, 3);
    rg_builder_put(info, rg_cstring(arena, "commit"), rg_cstring(arena, ""));
    rg_builder_put(info, rg_cstring(arena, "env"), rg_builder_finish(env));
    rg_builder_put(info, rg_cstring(arena, "version"),
                   rg_cstring(arena, RG_VERSION));
    return rg_builder_finish(info);
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
    rg_arena *runtime_arena = rg_arena_new(0);
    c.opts.runtime = runtime_value(runtime_arena);
    rg_engine *e = rg_engine_new(&c.opts);
    rg_arena_free(runtime_arena);
    rg_errors errs;
    rg_errors_init(&errs);
    rg_evalload L = {e, rg_arena_new(0), NULL, &errs, false};
    rc = run(&c, e, &L, &errs);
    if (rc < 0)
        rg_errors_print(&errs, stderr);
    if (c.stats)
        print_stats(e, cache);
    if (!flush_output())
        rc = -1;
    rg_errors_free(&errs);
    rg_engine_free(e);
    rg_cache_free(cache);
    rg_arena_free(L.arena);
    free(c.paths);
    return rc < 0 ? 1 : 0;
}
