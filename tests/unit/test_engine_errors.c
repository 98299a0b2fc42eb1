/*
 * Unit tests for the wording of compile and evaluation errors: arity
 * of calls and of with-replacements, eval errors carrying a message,
 * and the nesting limit.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "include/regolith.h"

typedef struct fixture {
    rg_engine *engine;
    rg_errors errs;
} fixture;

static void setup_opts(fixture *f, const rg_options *opts,
                       const char *module)
{
    f->engine = rg_engine_new(opts);
    rg_errors_init(&f->errs);
    ck_assert_int_eq(rg_engine_add_module(f->engine, "m.rego", module,
                                          strlen(module), &f->errs), 0);
}

static void setup(fixture *f, const char *module)
{
    setup_opts(f, NULL, module);
}

static void reset_errors(fixture *f)
{
    rg_errors_free(&f->errs);
    rg_errors_init(&f->errs);
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

/* Evaluate query, which must fail with one error of the given code;
 * returns that error's message (lives in f->errs). */
static const char *eval_error(fixture *f, const char *query,
                              const char *code)
{
    char *json = eval_json(f, query);
    ck_assert_msg(json == NULL, "unexpected result %s", json);
    ck_assert_uint_ge(f->errs.count, 1);
    ck_assert_str_eq(f->errs.items[0].code, code);
    return f->errs.items[0].message;
}

START_TEST(errors_should_reject_with_of_other_arity_on_builtin)
{
    fixture f;
    setup(&f,
          "package w\nmock(x) := 42\n"
          "u := x if { x := concat(\",\", [\"a\"]) with concat as mock }\n");
    const char *m = eval_error(&f, "data.w.u", "rego_type_error");
    ck_assert_str_eq(m, "concat: arity mismatch");
    ck_assert_int_eq(f.errs.items[0].line, 3);
    teardown(&f);
}
END_TEST

START_TEST(errors_should_reject_with_of_other_arity_on_function)
{
    fixture f;
    setup(&f, "package w\nf(x, y) := x\ng(x) := x\n"
              "u := x if { x := f(1, 2) with f as g }\n");
    const char *m = eval_error(&f, "data.w.u", "rego_type_error");
    ck_assert_str_eq(m, "data.w.f: arity mismatch");
    teardown(&f);
}
END_TEST

START_TEST(errors_should_accept_with_of_same_arity)
{
    fixture f;
    setup(&f, "package w\nmock(x) := 42\n"
              "u := x if { x := count([1]) with count as mock }\n"
              "v := x if { x := concat(\",\", [\"a\"]) with concat as 7 }\n");
    char *json = eval_json(&f, "[data.w.u, data.w.v]");
    ck_assert_ptr_nonnull(json);
    ck_assert_ptr_nonnull(strstr(json, "[42,7]"));
    free(json);
    teardown(&f);
}
END_TEST

/* Compile module and evaluate data.a.p: the first error's message. */
static void check_arity_text(const char *module, const char *want)
{
    fixture f;
    setup(&f, module);
    ck_assert_str_eq(eval_error(&f, "data.a.p", "rego_type_error"), want);
    teardown(&f);
}

START_TEST(errors_should_word_arity_as_opa)
{
    check_arity_text("package a\np := count([1], [2], 3)\n",
                     "count: too many arguments");
    check_arity_text("package a\np := count()\n",
                     "count: too few arguments");
    check_arity_text("package a\nf(x) := x\np := f(1, 2)\n",
                     "data.a.f: too many arguments");
}
END_TEST

START_TEST(errors_should_name_the_nesting_limit)
{
    char *src = malloc(80000);
    size_t at = (size_t)sprintf(src, "package d\np if { x0 := 1");
    for (int i = 1; i < 2100; i++)
        at += (size_t)sprintf(src + at, "; some x%d in [x%d]", i, i - 1);
    sprintf(src + at, " }\n");
    fixture f;
    setup(&f, src);
    free(src);
    const char *m = eval_error(&f, "data.d.p", "eval_internal_error");
    ck_assert_msg(strstr(m, "nesting limit of 2000") != NULL, "%s", m);
    teardown(&f);
}
END_TEST

START_TEST(errors_should_give_every_eval_error_a_message)
{
    static const char *const queries[] = {
        "data.c.p", "data.c.q", "data.c.o", "data.c.t", "data.c.s",
        "div(1, 0)",
    };
    rg_options o;
    rg_options_init(&o);
    o.strict_builtin_errors = true;
    fixture f;
    setup_opts(&f, &o, "package c\np := 1\np := 2\nf(_) := 1\n"
               "f(_) := 2\nq := f(1)\no[k] := 1 if some k in [\"a\"]\n"
               "o.a := 2\nt := {k: v | some v in [1, 2]; k := \"a\"}\n"
               "s := $\"{[1, 2][_]}\"\n");
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
        reset_errors(&f);
        rg_query *q = rg_query_prepare(f.engine, queries[i], &f.errs);
        ck_assert_ptr_nonnull(q);
        rg_result_free(rg_query_eval(q, NULL, &f.errs));
        rg_query_free(q);
        ck_assert_uint_ge(f.errs.count, 1);
        ck_assert_msg(f.errs.items[0].message[0] != '\0', "%s",
                      queries[i]);
    }
    ck_assert_str_eq(f.errs.items[0].message, "div: divide by zero");
    teardown(&f);
}
END_TEST

static Suite *errors_suite(void)
{
    Suite *s = suite_create("engine_errors");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, errors_should_reject_with_of_other_arity_on_builtin);
    tcase_add_test(tc, errors_should_reject_with_of_other_arity_on_function);
    tcase_add_test(tc, errors_should_accept_with_of_same_arity);
    tcase_add_test(tc, errors_should_word_arity_as_opa);
    tcase_add_test(tc, errors_should_name_the_nesting_limit);
    tcase_add_test(tc, errors_should_give_every_eval_error_a_message);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES errors_suite
#include "tests/unit/check_main.h"
