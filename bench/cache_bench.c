/*
 * Benchmark of the compile cache: the cost of loading, compiling and
 * evaluating a policy of 500 rules in a fresh engine, with a warm
 * compile cache and without one.  Prints the median of several
 * interleaved runs of each and their ratio.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "include/regolith.h"

/* Rules in the generated policy. */
#define BENCH_RULES 500
/* Timed runs per configuration; the median is reported. */
#define BENCH_RUNS 21

static char *make_policy(void)
{
    size_t cap = (size_t)BENCH_RULES * 256 + 64, n = 0;
    char *s = malloc(cap);
    n += (size_t)snprintf(s + n, cap - n, "package bench\n\n");
    for (int i = 0; i < BENCH_RULES; i++)
        n += (size_t)snprintf(s + n, cap - n,
                              "deny_%d contains msg if {\n"
                              "    some c in input.containers\n"
                              "    c.limits[\"cpu\"] > %d\n"
                              "    not c.name == \"skip-%d\"\n"
                              "    msg := concat(\" \", [c.name, \"%d\"])\n"
                              "}\n",
                              i, i % 7, i, i);
    return s;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One run: fresh engine, module, compile, one query over all rules. */
static double run_once(rg_cache *cache, const char *policy,
                       const rg_value *input, size_t *rows)
{
    double t0 = now_ms();
    rg_options opts;
    rg_options_init(&opts);
    opts.cache = cache;
    rg_engine *e = rg_engine_new(&opts);
    rg_errors errs;
    rg_errors_init(&errs);
    if (rg_engine_add_module(e, "bench.rego", policy, strlen(policy),
                             &errs) < 0) {
        rg_errors_print(&errs, stderr);
        exit(1);
    }
    rg_query *q = rg_query_prepare(e, "x := data.bench", &errs);
    rg_result *r = q ? rg_query_eval(q, input, &errs) : NULL;
    if (r == NULL) {
        rg_errors_print(&errs, stderr);
        exit(1);
    }
    *rows = rg_result_rows(r);
    rg_result_free(r);
    rg_query_free(q);
    rg_errors_free(&errs);
    rg_engine_free(e);
    return now_ms() - t0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Medians of runs with and without the cache, interleaved so that
 * load from other processes affects both alike. */
static void medians(rg_cache *cache, const char *policy,
                    const rg_value *input, double *with, double *without)
{
    double tw[BENCH_RUNS], tn[BENCH_RUNS];
    size_t rows = 0;
    for (int i = 0; i < BENCH_RUNS; i++) {
        tw[i] = run_once(cache, policy, input, &rows);
        tn[i] = run_once(NULL, policy, input, &rows);
    }
    qsort(tw, BENCH_RUNS, sizeof tw[0], cmp_double);
    qsort(tn, BENCH_RUNS, sizeof tn[0], cmp_double);
    *with = tw[BENCH_RUNS / 2];
    *without = tn[BENCH_RUNS / 2];
}

int main(void)
{
    char *policy = make_policy();
    const char *in = "{\"containers\": [{\"name\": \"a\", \"limits\": "
                     "{\"cpu\": 4}}, {\"name\": \"b\", \"limits\": "
                     "{\"cpu\": 9}}]}";
    rg_arena *arena = rg_arena_new(0);
    rg_engine *parser = rg_engine_new(NULL);
    rg_errors errs;
    rg_errors_init(&errs);
    rg_engine_set_data_text(parser, "input", "input.json", in, strlen(in),
                            &errs);
    const rg_value *input = NULL;
    rg_engine_eval_ref(parser, "data.input", NULL, arena, &input, &errs);
    rg_cache *cache = rg_cache_new();
    size_t rows;
    run_once(cache, policy, input, &rows);     /* fill the cache */
    double with, without;
    medians(cache, policy, input, &with, &without);
    rg_cache_stats cs;
    rg_cache_stats_get(cache, &cs);
    printf("rules: %d, runs: %d (median reported)\n", BENCH_RULES,
           BENCH_RUNS);
    printf("with cache:    %.3f ms (cache hits %llu, misses %llu)\n", with,
           (unsigned long long)cs.hits, (unsigned long long)cs.misses);
    printf("without cache: %.3f ms\n", without);
    printf("ratio without/with: %.2f\n", without / with);
    rg_cache_free(cache);
    rg_engine_free(parser);
    rg_errors_free(&errs);
    rg_arena_free(arena);
    free(policy);
    return 0;
}
