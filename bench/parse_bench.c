/*
 * Parser benchmark: parses every module of the OPA conformance suite
 * (v0/ with the v0 parser, v1/ with the v1 parser) several times and
 * prints the time of each pass and the median.
 *
 *   parse_bench [SUITE_DIR [RUNS]]
 *
 * SUITE_DIR defaults to $SHARED/opa-conformance, then
 * ../shared/opa-conformance, then /work/shared/opa-conformance.  The
 * modules are read into memory first, so only parsing is timed.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <yaml.h>

#include "parser/parser.h"

/* Passes timed when RUNS is not given; the median of these is reported. */
#define DEFAULT_RUNS 9

typedef struct source {
    char *text;
    size_t len;
    rg_parse_options opts;
} source;

typedef struct corpus {
    source *items;
    size_t count;
    size_t cap;
    size_t bytes;
} corpus;

static yaml_node_t *map_get(yaml_document_t *doc, yaml_node_t *map,
                            const char *key)
{
    if (map == NULL || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE &&
            strcmp((const char *)k->data.scalar.value, key) == 0)
            return yaml_document_get_node(doc, p->value);
    }
    return NULL;
}

static void add_source(corpus *c, yaml_node_t *n, rg_parse_options opts)
{
    if (n == NULL || n->type != YAML_SCALAR_NODE)
        return;
    rg_grow((void **)&c->items, &c->cap, c->count + 1, sizeof(source));
    source *s = &c->items[c->count++];
    s->len = n->data.scalar.length;
    s->text = rg_xstrndup((const char *)n->data.scalar.value, s->len);
    s->opts = opts;
    c->bytes += s->len;
}

static void add_case(corpus *c, yaml_document_t *doc, yaml_node_t *cs,
                     rg_rego_version v)
{
    yaml_node_t *exp = map_get(doc, cs, "experimental_keywords");
    rg_parse_options opts = {v, false, exp != NULL};
    yaml_node_t *mods = map_get(doc, cs, "modules");
    if (mods == NULL || mods->type != YAML_SEQUENCE_NODE)
        return;
    for (yaml_node_item_t *it = mods->data.sequence.items.start;
         it < mods->data.sequence.items.top; it++)
        add_source(c, yaml_document_get_node(doc, *it), opts);
}

static void load_file(corpus *c, const char *path, rg_rego_version v)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return;
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    if (yaml_parser_load(&parser, &doc)) {
        yaml_node_t *cases = map_get(&doc, yaml_document_get_root_node(&doc),
                                     "cases");
        if (cases && cases->type == YAML_SEQUENCE_NODE)
            for (yaml_node_item_t *it = cases->data.sequence.items.start;
                 it < cases->data.sequence.items.top; it++)
                add_case(c, &doc, yaml_document_get_node(&doc, *it), v);
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&parser);
    fclose(f);
}

static void load_tree(corpus *c, const char *dir, rg_rego_version v)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        size_t n = strlen(e->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            load_tree(c, path, v);
        else if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0)
            load_file(c, path, v);
    }
    closedir(d);
}

static const char *find_suite(int argc, char **argv)
{
    static char path[4200];
    struct stat st;
    if (argc > 1)
        return argv[1];
    const char *shared = getenv("SHARED");
    const char *bases[] = {shared, "../shared", "/work/shared"};
    for (size_t i = 0; i < 3; i++) {
        if (bases[i] == NULL)
            continue;
        snprintf(path, sizeof path, "%s/opa-conformance", bases[i]);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            return path;
    }
    return NULL;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parse every source once; returns the seconds taken and counts errors. */
static double parse_all(const corpus *c, size_t *failures)
{
    double start = now_seconds();
    *failures = 0;
    for (size_t i = 0; i < c->count; i++) {
        rg_errors errs;
        rg_errors_init(&errs);
        rg_module *m = rg_parse_module("bench.rego", c->items[i].text,
                                       c->items[i].len, &c->items[i].opts,
                                       &errs);
        *failures += m == NULL;
        rg_module_free(m);
        rg_errors_free(&errs);
    }
    return now_seconds() - start;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    const char *suite = find_suite(argc, argv);
    int runs = argc > 2 ? atoi(argv[2]) : DEFAULT_RUNS;
    if (suite == NULL || runs < 1) {
        fprintf(stderr, "usage: parse_bench [SUITE_DIR [RUNS]]\n");
        return 2;
    }
    corpus c = {NULL, 0, 0, 0};
    char dir[4300];
    snprintf(dir, sizeof dir, "%s/v0", suite);
    load_tree(&c, dir, RG_REGO_V0);
    snprintf(dir, sizeof dir, "%s/v1", suite);
    load_tree(&c, dir, RG_REGO_V1);
    if (c.count == 0) {
        fprintf(stderr, "parse_bench: no modules under %s\n", suite);
        return 2;
    }
    double *times = rg_xmalloc((size_t)runs * sizeof(double));
    size_t failures = 0;
    for (int r = 0; r < runs; r++)
        times[r] = parse_all(&c, &failures);
    qsort(times, (size_t)runs, sizeof(double), compare_doubles);
    double median = times[runs / 2];
    printf("parse: %zu modules, %.2f MB, %d runs\n", c.count,
           (double)c.bytes / 1e6, runs);
    printf("parse: min %.2f ms, median %.2f ms, max %.2f ms per pass\n",
           times[0] * 1e3, median * 1e3, times[runs - 1] * 1e3);
    printf("parse: %.0f modules/s, %.1f MB/s at the median; %zu failed\n",
           (double)c.count / median, (double)c.bytes / 1e6 / median,
           failures);
    for (size_t i = 0; i < c.count; i++)
        free(c.items[i].text);
    free(c.items);
    free(times);
    return failures == 0 ? 0 : 1;
}
