/*
 * Parses every module, query and input_term of OPA's conformance suite:
 * the modules of v0/ with the v0 parser, those of v1/ with the v1 parser
 * (with the experimental keywords where a case asks for them).  Any
 * parse error fails the test and is printed with its case.
 *
 * Each module is also broken in a few seeded ways (cut short, a byte
 * deleted, inserted or swapped, a span repeated) and parsed in both
 * dialects: the parser must return a module or report an error, and
 * never crash (run under AddressSanitizer by make test-asan).
 *
 * The suite is found through $SHARED, else ../shared from the
 * repository root (where tests run), else /work/shared.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "parser/parser.h"

/* Failures printed in full; the rest are only counted. */
#define MAX_REPORTED 40

/* Broken variants parsed per conformance module. */
#define MUTATIONS_PER_MODULE 6

typedef struct tally {
    int modules;
    int queries;
    int terms;
    int failures;
    int mutants;
    int silent;             /* mutants rejected without any error */
    uint32_t seed;
} tally;

static const char *suite_root(void)
{
    static char path[4096];
    struct stat st;
    const char *shared = getenv("SHARED");
    const char *candidates[] = {shared, "../shared", "/work/shared"};
    for (size_t i = 0; i < 3; i++) {
        if (candidates[i] == NULL)
            continue;
        snprintf(path, sizeof path, "%s/opa-conformance", candidates[i]);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            return path;
    }
    return NULL;
}

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

static const char *scalar(yaml_node_t *n, size_t *len)
{
    if (n == NULL || n->type != YAML_SCALAR_NODE)
        return NULL;
    *len = n->data.scalar.length;
    return (const char *)n->data.scalar.value;
}

static void report(tally *t, const char *file, const char *what,
                   rg_errors *errs)
{
    if (++t->failures > MAX_REPORTED)
        return;
    char *first = errs->count ? rg_error_format(&errs->items[0])
                              : rg_xstrdup("(no error recorded)");
    fprintf(stderr, "%s: %s: %s\n", file, what, first);
    free(first);
}

static uint32_t next_random(tally *t)
{
    t->seed = t->seed * 1103515245u + 12345u;
    return t->seed >> 8;
}

/* Bytes that open or close constructs, plus invalid UTF-8 and NUL. */
static const char insertable[] = "{}[]()\"`$#\n\\:=|,.\xff\x00";

/* Write variant k of src[0..len) into buf (room for 2 * len + 2 bytes);
 * returns its length. */
static size_t mutate(tally *t, const char *src, size_t len, int k, char *buf)
{
    size_t a = len ? next_random(t) % len : 0;
    size_t b = len ? next_random(t) % len : 0;
    memcpy(buf, src, len);
    switch (k % 5) {
    case 0:                                 /* cut short */
        return a;
    case 1:                                 /* delete a byte */
        if (len == 0)
            return 0;
        memmove(buf + a, buf + a + 1, len - a - 1);
        return len - 1;
    case 2:                                 /* insert a byte */
        memmove(buf + a + 1, buf + a, len - a);
        buf[a] = insertable[next_random(t) % (sizeof insertable - 1)];
        return len + 1;
    case 3: {                               /* swap two bytes */
        char c = buf[a];
        buf[a] = buf[b];
        buf[b] = c;
        return len;
    }
    default: {                              /* repeat a span */
        size_t lo = a < b ? a : b;
        size_t hi = a < b ? b : a;
        memmove(buf + hi + (hi - lo), buf + hi, len - hi);
        memcpy(buf + hi, src + lo, hi - lo);
        return len + (hi - lo);
    }
    }
}

static void check_mutants(tally *t, const char *src, size_t len)
{
    char *buf = rg_xmalloc(2 * len + 2);
    for (int k = 0; k < MUTATIONS_PER_MODULE; k++) {
        size_t n = mutate(t, src, len, k, buf);
        for (int v = 0; v < 2; v++) {
            rg_parse_options opts = {v ? RG_REGO_V1 : RG_REGO_V0, false,
                                     k % 2 == 0};
            rg_errors errs;
            rg_errors_init(&errs);
            rg_module *m = rg_parse_module("mutant.rego", buf, n, &opts,
                                           &errs);
            t->mutants++;
            if (m == NULL && errs.count == 0)
                t->silent++;
            rg_module_free(m);
            rg_errors_free(&errs);
        }
    }
    free(buf);
}

static void check_modules(tally *t, yaml_document_t *doc, yaml_node_t *c,
                          const char *file, const rg_parse_options *opts)
{
    yaml_node_t *mods = map_get(doc, c, "modules");
    if (mods == NULL || mods->type != YAML_SEQUENCE_NODE)
        return;
    int i = 0;
    for (yaml_node_item_t *it = mods->data.sequence.items.start;
         it < mods->data.sequence.items.top; it++, i++) {
        size_t len;
        const char *src = scalar(yaml_document_get_node(doc, *it), &len);
        if (src == NULL)
            continue;
        char name[32];
        snprintf(name, sizeof name, "test-%d.rego", i);
        rg_errors errs;
        rg_errors_init(&errs);
        rg_module *m = rg_parse_module(name, src, len, opts, &errs);
        t->modules++;
        if (m == NULL)
            report(t, file, "module", &errs);
        rg_module_free(m);
        rg_errors_free(&errs);
        check_mutants(t, src, len);
    }
}

static void check_text(tally *t, yaml_document_t *doc, yaml_node_t *c,
                       const char *file, const rg_parse_options *opts,
                       bool term)
{
    size_t len;
    const char *src = scalar(map_get(doc, c, term ? "input_term" : "query"),
                             &len);
    if (src == NULL)
        return;
    rg_arena *arena = rg_arena_new(0);
    rg_errors errs;
    rg_errors_init(&errs);
    bool ok;
    if (term) {
        ok = rg_parse_term(arena, "input_term", src, len, opts, &errs);
        t->terms++;
    } else {
        rg_body body;
        ok = rg_parse_query(arena, "query", src, len, opts, &body, &errs);
        t->queries++;
    }
    if (!ok)
        report(t, file, term ? "input_term" : "query", &errs);
    rg_errors_free(&errs);
    rg_arena_free(arena);
}

static void check_file(tally *t, const char *path, rg_rego_version v)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    int loaded = yaml_parser_load(&parser, &doc);
    ck_assert_msg(loaded, "invalid YAML in %s", path);
    yaml_node_t *cases = map_get(&doc, yaml_document_get_root_node(&doc),
                                 "cases");
    for (yaml_node_item_t *it = cases ? cases->data.sequence.items.start
                                      : NULL;
         cases && it < cases->data.sequence.items.top; it++) {
        yaml_node_t *c = yaml_document_get_node(&doc, *it);
        size_t len;
        const char *exp = scalar(map_get(&doc, c, "experimental_keywords"),
                                 &len);
        rg_parse_options opts = {v, false, exp && strcmp(exp, "true") == 0};
        check_modules(t, &doc, c, path, &opts);
        check_text(t, &doc, c, path, &opts, false);
        check_text(t, &doc, c, path, &opts, true);
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    fclose(f);
}

static void walk(tally *t, const char *dir, rg_rego_version v)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        size_t n = strlen(e->d_name);
        if (S_ISDIR(st.st_mode))
            walk(t, path, v);
        else if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0)
            check_file(t, path, v);
    }
    closedir(d);
}

static void run_tree(const char *tree, rg_rego_version v, int min_modules)
{
    const char *root = suite_root();
    ck_assert_msg(root != NULL, "conformance suite not found");
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/%s", root, tree);
    tally t = {0, 0, 0, 0, 0, 0, 12345u};
    walk(&t, dir, v);
    printf("%s: %d modules, %d queries, %d input terms, %d failures; "
           "%d broken variants, %d rejected without an error\n",
           tree, t.modules, t.queries, t.terms, t.failures, t.mutants,
           t.silent);
    ck_assert_int_ge(t.modules, min_modules);
    ck_assert_int_eq(t.failures, 0);
    ck_assert_int_eq(t.silent, 0);
}

START_TEST(conformance_should_parse_v0_cases)
{
    run_tree("v0", RG_REGO_V0, 1000);
}
END_TEST

START_TEST(conformance_should_parse_v1_cases)
{
    run_tree("v1", RG_REGO_V1, 1000);
}
END_TEST

static Suite *conformance_suite(void)
{
    Suite *s = suite_create("parse_conformance");
    TCase *tc = tcase_create("suite");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, conformance_should_parse_v0_cases);
    tcase_add_test(tc, conformance_should_parse_v1_cases);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES conformance_suite
#include "tests/unit/check_main.h"
