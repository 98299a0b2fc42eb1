/*
 * Unit tests for evaluation through include/regolith.h: result shape,
 * compile errors with positions, conflicts, limits, strict builtin
 * errors and registered builtins.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "include/regolith.h"

typedef struct fixture {
    rg_engine *engine;
    rg_errors errs;
} fixture;

static void setup(fixture *f, const rg_options *opts, const char *module)
{
    f->engine = rg_engine_new(opts);
    rg_errors_init(&f->errs);
    if (module)
        ck_assert_int_eq(rg_engine_add_module(f->engine, "m.rego", module,
                                              strlen(module), &f->errs), 0);
}

static void teardown(fixture *f)
{
    rg_errors_free(&f->errs);
    rg_engine_free(f->engine);
}

/* Evaluate query; returns the compact JSON result (owned) or NULL. */
static char *eval_json(fixture *f, const char *query)
{
    rg_query *q = rg_query_prepare(f->engine, query, &f->errs);
    if (q == NULL)
        return NULL;
    rg_result *r = rg_query_eval(q, NULL, &f->errs);
    char *json = r ? rg_result_json(r, 0) : NULL;
    rg_result_free(r);
    rg_query_free(q);
    return json;
}

static const char *first_error(const fixture *f)
{
    ck_assert_uint_ge(f->errs.count, 1);
    return f->errs.items[0].message;
}

START_TEST(eval_should_print_opa_shape)
{
    fixture f;
    setup(&f, NULL, "package t\np contains x if { some x in [1, 2] }\n");
    char *json = eval_json(&f, "data.t.p[x]");
    ck_assert_ptr_nonnull(json);
    ck_assert_str_eq(json,
        "{\"result\":[{\"expressions\":[{\"value\":1,\"text\":\"data.t.p[x]\","
        "\"location\":{\"row\":1,\"col\":1}}],\"bindings\":{\"x\":1}},"
        "{\"expressions\":[{\"value\":2,\"text\":\"data.t.p[x]\","
        "\"location\":{\"row\":1,\"col\":1}}],\"bindings\":{\"x\":2}}]}");
    free(json);
    json = eval_json(&f, "data.t.missing");
    ck_assert_str_eq(json, "{}");
    free(json);
    teardown(&f);
}
END_TEST

START_TEST(eval_should_report_unsafe_var)
{
    fixture f;
    setup(&f, NULL, "package t\np if { x > 1 }\n");
    ck_assert_ptr_null(eval_json(&f, "data.t.p"));
    const rg_error *e = &f.errs.items[0];
    ck_assert_str_eq(e->code, "rego_unsafe_var_error");
    ck_assert_str_eq(first_error(&f), "var x is unsafe");
    ck_assert_str_eq(e->file, "m.rego");
    ck_assert_int_eq(e->line, 2);
    teardown(&f);
}
END_TEST

START_TEST(eval_should_report_literal_type_errors)
{
    fixture f;
    setup(&f, NULL, "package t\np := count(1)\n");
    ck_assert_ptr_null(eval_json(&f, "data.t.p"));
    ck_assert_str_eq(f.errs.items[0].code, "rego_type_error");
    ck_assert_ptr_nonnull(strstr(first_error(&f),
                                 "count: invalid argument(s)"));
    ck_assert_int_eq(f.errs.items[0].line, 2);
    teardown(&f);
}
END_TEST

START_TEST(eval_should_report_arity_errors)
{
    fixture f;
    setup(&f, NULL, "package t\np := count([1], [2], 3)\n");
    ck_assert_ptr_null(eval_json(&f, "data.t.p"));
    ck_assert_str_eq(f.errs.items[0].code, "rego_type_error");
    ck_assert_ptr_nonnull(strstr(first_error(&f), "count: too many arguments"));
    teardown(&f);
}
END_TEST

START_TEST(eval_should_report_conflicts)
{
    fixture f;
    setup(&f, NULL, "package t\np := 1\np := 2\n");
    ck_assert_ptr_null(eval_json(&f, "data.t.p"));
    ck_assert_str_eq(f.errs.items[0].code, "eval_conflict_error");
    ck_assert_str_eq(first_error(&f),
                     "complete rules must not produce multiple outputs");
    teardown(&f);
}
END_TEST

START_TEST(eval_should_report_recursion)
{
    fixture f;
    setup(&f, NULL, "package t\np if q\nq if p\n");
    ck_assert_int_eq(rg_engine_compile(f.engine, &f.errs), -1);
    ck_assert_str_eq(f.errs.items[0].code, "rego_recursion_error");
    ck_assert_ptr_nonnull(strstr(first_error(&f),
                                 "data.t.p -> data.t.q -> data.t.p"));
    teardown(&f);
}
END_TEST

START_TEST(eval_should_stop_at_step_limit)
{
    rg_options opts;
    rg_options_init(&opts);
    opts.max_steps = 1000;
    fixture f;
    setup(&f, &opts, "package t\nn := count([x | some x in numbers.range(1, "
                     "100000)])\n");
    ck_assert_ptr_null(eval_json(&f, "data.t.n"));
    ck_assert_str_eq(f.errs.items[0].code, "eval_cancel_error");
    teardown(&f);
}
END_TEST

START_TEST(eval_should_stop_at_memory_budget)
{
    rg_options opts;
    rg_options_init(&opts);
    opts.memory_budget = 1 << 20;
    fixture f;
    setup(&f, &opts, "package t\nn := count([[x] | some x in numbers.range("
                     "1, 1000000)])\n");
    ck_assert_ptr_null(eval_json(&f, "data.t.n"));
    ck_assert_str_eq(f.errs.items[0].code, "eval_cancel_error");
    ck_assert_ptr_nonnull(strstr(first_error(&f), "memory budget"));
    teardown(&f);
}
END_TEST

START_TEST(eval_should_report_strict_builtin_errors)
{
    rg_options opts;
    rg_options_init(&opts);
    fixture f;
    setup(&f, &opts, NULL);
    char *json = eval_json(&f, "x := 1 / 0");
    ck_assert_str_eq(json, "{}");
    ck_assert_uint_eq(f.errs.count, 0);
    free(json);
    teardown(&f);
    opts.strict_builtin_errors = true;
    setup(&f, &opts, NULL);
    json = eval_json(&f, "x := 1 / 0");
    free(json);
    ck_assert_str_eq(f.errs.items[0].code, "eval_builtin_error");
    ck_assert_str_eq(first_error(&f), "div: divide by zero");
    teardown(&f);
}
END_TEST

static rg_bstatus twice(rg_bctx *ctx, const rg_value *const *args,
                        size_t nargs, const rg_value **out)
{
    int64_t n;
    (void)nargs;
    if (!rg_number_int64(args[0], &n))
        return rg_bctx_type_error(ctx, 1, "number", args[0]);
    *out = rg_int(rg_bctx_arena(ctx), 2 * n);
    return RG_BUILTIN_OK;
}

START_TEST(eval_should_call_registered_builtin)
{
    static const rg_builtin_def def = {"acme.twice", 1, twice, false, false};
    static const rg_builtin_def clash = {"count", 1, twice, false, false};
    fixture f;
    setup(&f, NULL, "package t\np := acme.twice(21)\n");
    ck_assert_int_eq(rg_engine_add_builtin(f.engine, &def, &f.errs), 0);
    ck_assert_int_eq(rg_engine_add_builtin(f.engine, &clash, &f.errs), -1);
    rg_errors_free(&f.errs);
    rg_errors_init(&f.errs);
    rg_arena *a = rg_arena_new(0);
    const rg_value *v = NULL;
    ck_assert_int_eq(rg_engine_eval_ref(f.engine, "data.t.p", NULL, a, &v,
                                        &f.errs), 0);
    int64_t n = 0;
    ck_assert(v && rg_number_int64(v, &n));
    ck_assert_int_eq(n, 42);
    rg_arena_free(a);
    teardown(&f);
}
END_TEST

START_TEST(eval_should_apply_with_and_input)
{
    fixture f;
    setup(&f, NULL, "package t\nallow if input.user == \"alice\"\n"
                    "check := r if { r := allow with input as "
                    "{\"user\": \"alice\"} }\n");
    rg_arena *a = rg_arena_new(0);
    const rg_value *input = rg_engine_parse_term(a, "{\"user\": \"bob\"}",
                                                 15, &f.errs);
    ck_assert_ptr_nonnull(input);
    const rg_value *v = NULL;
    ck_assert_int_eq(rg_engine_eval_ref(f.engine, "data.t.allow", input, a,
                                        &v, &f.errs), 0);
    ck_assert_ptr_null(v);
    ck_assert_int_eq(rg_engine_eval_ref(f.engine, "data.t.check", input, a,
                                        &v, &f.errs), 0);
    ck_assert(v && rg_value_kind(v) == RG_BOOLEAN && rg_bool_get(v));
    rg_arena_free(a);
    teardown(&f);
}
END_TEST

START_TEST(eval_should_reject_stale_query)
{
    fixture f;
    setup(&f, NULL, "package t\np := 1\n");
    rg_query *q = rg_query_prepare(f.engine, "data.t.p", &f.errs);
    ck_assert_ptr_nonnull(q);
    const char *more = "package u\nq := 2\n";
    ck_assert_int_eq(rg_engine_add_module(f.engine, "n.rego", more,
                                          strlen(more), &f.errs), 0);
    ck_assert_ptr_null(rg_query_eval(q, NULL, &f.errs));
    ck_assert_ptr_nonnull(strstr(first_error(&f), "prepare it again"));
    rg_query_free(q);
    teardown(&f);
}
END_TEST

START_TEST(eval_should_resolve_import_aliases)
{
    fixture f;
    setup(&f, NULL, "package a\nimport input as req\n"
                    "import data.lib.twice as t\np := t(req.x)\n");
    const char *lib = "package lib\ntwice(v) := v * 2\n";
    ck_assert_int_eq(rg_engine_add_module(f.engine, "lib.rego", lib,
                                          strlen(lib), &f.errs), 0);
    rg_arena *a = rg_arena_new(0);
    const rg_value *input = rg_engine_parse_term(a, "{\"x\": 4}", 8,
                                                 &f.errs);
    const rg_value *v = NULL;
    ck_assert_int_eq(rg_engine_eval_ref(f.engine, "data.a.p", input, a, &v,
                                        &f.errs), 0);
    int64_t n = 0;
    ck_assert(v && rg_number_int64(v, &n));
    ck_assert_int_eq(n, 8);
    rg_arena_free(a);
    teardown(&f);
}
END_TEST

START_TEST(eval_should_return_configured_runtime)
{
    fixture f;
    setup(&f, NULL, NULL);
    char *json = eval_json(&f, "x := opa.runtime()");
    ck_assert_ptr_nonnull(strstr(json, "\"bindings\":{\"x\":{}}"));
    free(json);
    teardown(&f);

    rg_arena *a = rg_arena_new(0);
    rg_options o;
    rg_options_init(&o);
    rg_errors errs;
    rg_errors_init(&errs);
    o.runtime = rg_engine_parse_term(a, "{\"version\": \"1\"}", 16, &errs);
    ck_assert_ptr_nonnull(o.runtime);
    setup(&f, &o, NULL);
    rg_arena_free(a);   /* the engine keeps its own copy */
    json = eval_json(&f, "x := opa.runtime().version");
    ck_assert_ptr_nonnull(strstr(json, "\"bindings\":{\"x\":\"1\"}"));
    free(json);
    teardown(&f);
    rg_errors_free(&errs);
}
END_TEST

static Suite *eval_suite(void)
{
    Suite *s = suite_create("engine_eval");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, eval_should_print_opa_shape);
    tcase_add_test(tc, eval_should_report_unsafe_var);
    tcase_add_test(tc, eval_should_report_literal_type_errors);
    tcase_add_test(tc, eval_should_report_arity_errors);
    tcase_add_test(tc, eval_should_report_conflicts);
    tcase_add_test(tc, eval_should_report_recursion);
    tcase_add_test(tc, eval_should_stop_at_step_limit);
    tcase_add_test(tc, eval_should_stop_at_memory_budget);
    tcase_add_test(tc, eval_should_report_strict_builtin_errors);
    tcase_add_test(tc, eval_should_call_registered_builtin);
    tcase_add_test(tc, eval_should_apply_with_and_input);
    tcase_add_test(tc, eval_should_reject_stale_query);
    tcase_add_test(tc, eval_should_resolve_import_aliases);
    tcase_add_test(tc, eval_should_return_configured_runtime);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES eval_suite
#include "tests/unit/check_main.h"
