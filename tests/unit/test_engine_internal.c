/*
 * Unit tests for trace, internal.print, internal.template_string and
 * internal.test_case through include/regolith.h: what reaches the
 * print and trace hooks, with their file and line, the results, and
 * the errors that stop a query whatever the strict flag.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "include/regolith.h"

/* Events a test records: the hooks append one line per call. */
#define LOG_MAX 4096

typedef struct hook_log {
    char text[LOG_MAX];
    int last_line;
    char last_file[64];     /* copied: the file name lives in the query */
} hook_log;

static void log_append(hook_log *log, const char *prefix, const char *file,
                       int line, const char *message)
{
    size_t at = strlen(log->text);
    snprintf(log->text + at, LOG_MAX - at, "%s%s\n", prefix, message);
    log->last_line = line;
    snprintf(log->last_file, sizeof log->last_file, "%s",
             file ? file : "");
}

static void on_print(void *user, const char *file, int line,
                     const char *message)
{
    log_append(user, "print: ", file, line, message);
}

static void on_trace(void *user, rg_trace_kind kind, const char *file,
                     int line, const char *message)
{
    log_append(user, kind == RG_TRACE_NOTE ? "note: " : "case: ", file,
               line, message);
}

typedef struct fixture {
    rg_engine *engine;
    rg_errors errs;
    hook_log log;
} fixture;

/* An engine whose print and trace hooks write to f->log; module may be
 * NULL.  strict sets strict builtin errors. */
static void setup(fixture *f, const char *module, bool strict)
{
    memset(&f->log, 0, sizeof f->log);
    rg_options opts;
    rg_options_init(&opts);
    opts.strict_builtin_errors = strict;
    opts.print = on_print;
    opts.print_user = &f->log;
    opts.trace = on_trace;
    opts.trace_user = &f->log;
    f->engine = rg_engine_new(&opts);
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

/* The string bound to x in the only row (owned). */
static char *eval_x(fixture *f, const char *query)
{
    rg_query *q = rg_query_prepare(f->engine, query, &f->errs);
    ck_assert_ptr_nonnull(q);
    rg_result *r = rg_query_eval(q, NULL, &f->errs);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(rg_result_rows(r), 1);
    const rg_value *x = rg_result_binding(r, 0, "x");
    ck_assert_ptr_nonnull(x);
    ck_assert_int_eq(rg_value_kind(x), RG_STRING);
    char *text = strndup(rg_string_bytes(x), rg_string_len(x));
    rg_result_free(r);
    rg_query_free(q);
    return text;
}

/* Evaluate query in strict mode, which reports the first builtin error
 * and no rows. */
static void eval_strict(fixture *f, const char *query)
{
    char *json = eval_json(f, query);
    ck_assert_ptr_nonnull(json);
    ck_assert_str_eq(json, "{}");
    free(json);
}

START_TEST(trace_should_send_note_to_hook)
{
    fixture f;
    setup(&f, "package t\np if {\n  trace(\"checking p\")\n}\n", false);
    char *json = eval_json(&f, "data.t.p");
    ck_assert_ptr_nonnull(strstr(json, "\"value\":true"));
    ck_assert_str_eq(f.log.text, "note: checking p\n");
    ck_assert_str_eq(f.log.last_file, "m.rego");
    ck_assert_int_eq(f.log.last_line, 3);
    free(json);
    teardown(&f);
}
END_TEST

START_TEST(trace_should_drop_notes_without_hook)
{
    rg_errors errs;
    rg_errors_init(&errs);
    rg_engine *e = rg_engine_new(NULL);
    rg_query *q = rg_query_prepare(e, "trace(\"x\")", &errs);
    ck_assert_ptr_nonnull(q);
    rg_result *r = rg_query_eval(q, NULL, &errs);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(rg_result_rows(r), 1);
    rg_result_free(r);
    rg_query_free(q);
    rg_engine_free(e);
    rg_errors_free(&errs);
}
END_TEST

START_TEST(trace_should_reject_non_string)
{
    fixture f;
    setup(&f, NULL, true);
    eval_strict(&f, "trace(json.unmarshal(\"[1]\"))");
    ck_assert_uint_eq(f.errs.count, 1);
    ck_assert_str_eq(f.errs.items[0].code, "eval_type_error");
    ck_assert_str_eq(f.errs.items[0].message,
                     "trace: operand 1 must be string but got array");
    ck_assert_str_eq(f.log.text, "");
    teardown(&f);
}
END_TEST

START_TEST(print_should_send_cross_product)
{
    fixture f;
    setup(&f, NULL, false);
    char *json = eval_json(&f,
        "internal.print([{1, 2}, \"s\", set(), {\"a\", [\"b\"]}])");
    ck_assert_ptr_nonnull(json);
    ck_assert_str_eq(f.log.text,
        "print: 1 s <undefined> a\n"
        "print: 1 s <undefined> [\"b\"]\n"
        "print: 2 s <undefined> a\n"
        "print: 2 s <undefined> [\"b\"]\n");
    ck_assert_str_eq(f.log.last_file, "query");
    free(json);
    teardown(&f);
}
END_TEST

START_TEST(print_statement_should_match_builtin)
{
    fixture f;
    setup(&f, NULL, false);
    char *json = eval_json(&f, "print(\"n\", [1, 2][_], input.none)");
    ck_assert_ptr_nonnull(json);
    free(json);
    json = eval_json(&f,
        "internal.print([{\"n\"}, {1, 2}, set()])");
    ck_assert_ptr_nonnull(json);
    ck_assert_str_eq(f.log.text,
        "print: n 1 <undefined>\n"
        "print: n 2 <undefined>\n"
        "print: n 1 <undefined>\n"
        "print: n 2 <undefined>\n");
    free(json);
    teardown(&f);
}
END_TEST

START_TEST(print_should_halt_on_object_operand)
{
    fixture f;
    setup(&f, NULL, false);
    ck_assert_ptr_null(eval_json(&f, "internal.print([{1}, {\"a\": 1}])"));
    ck_assert_uint_eq(f.errs.count, 1);
    ck_assert_str_eq(f.errs.items[0].code, "eval_internal_error");
    ck_assert_str_eq(f.errs.items[0].message,
                     "illegal argument type: object");
    ck_assert_str_eq(f.log.text, "");
    teardown(&f);
}
END_TEST

START_TEST(template_builtin_should_match_syntax)
{
    fixture f;
    setup(&f, NULL, false);
    char *direct = eval_x(&f,
        "y := 5; x := internal.template_string("
        "[\"y=\", {y}, \" \", {[y, \"s\"]}, \" \", set(), \" \", 1.5])");
    char *native = eval_x(&f,
        "y := 5; x := $\"y={y} {[y, \"s\"]} {input.none} {1.5}\"");
    ck_assert_str_eq(direct, "y=5 [5, \"s\"] <undefined> 1.5");
    ck_assert_str_eq(native, direct);
    free(direct);
    free(native);
    teardown(&f);
}
END_TEST

START_TEST(template_should_reject_several_values)
{
    static const char *const queries[] = {
        "x := internal.template_string([\"a\", {1, 2}])",
        "x := $\"a{[1, 2][_]}\"",
    };
    for (size_t i = 0; i < 2; i++) {
        fixture f;
        setup(&f, NULL, false);
        ck_assert_ptr_null(eval_json(&f, queries[i]));
        ck_assert_uint_eq(f.errs.count, 1);
        ck_assert_str_eq(f.errs.items[0].code, "eval_conflict_error");
        ck_assert_str_eq(f.errs.items[0].message,
                         "template-strings must not produce multiple "
                         "outputs");
        teardown(&f);
    }
}
END_TEST

START_TEST(template_should_reject_array_part)
{
    fixture f;
    setup(&f, NULL, false);
    ck_assert_ptr_null(eval_json(&f,
        "x := internal.template_string([\"a\", [1]])"));
    ck_assert_str_eq(f.errs.items[0].code, "eval_internal_error");
    ck_assert_str_eq(f.errs.items[0].message,
                     "illegal argument type: array");
    teardown(&f);
}
END_TEST

START_TEST(template_should_type_check_at_run_time)
{
    fixture f;
    setup(&f, NULL, true);
    eval_strict(&f,
        "x := internal.template_string(json.unmarshal(\"\\\"a\\\"\"))");
    ck_assert_str_eq(f.errs.items[0].code, "eval_type_error");
    ck_assert_str_eq(f.errs.items[0].message,
                     "internal.template_string: operand 1 must be array "
                     "but got string");
    teardown(&f);
}
END_TEST

START_TEST(test_case_should_send_parts)
{
    fixture f;
    setup(&f,
          "package t\n"
          "test_concat[name] if {\n"
          "  some name in [\"one\", \"two\"]\n"
          "  internal.test_case([name, 1])\n"
          "}\n",
          false);
    char *json = eval_json(&f, "data.t.test_concat");
    ck_assert_ptr_nonnull(strstr(json, "\"one\":true"));
    ck_assert_str_eq(f.log.text,
                     "case: [\"one\", 1]\n"
                     "case: [\"two\", 1]\n");
    ck_assert_int_eq(f.log.last_line, 4);
    free(json);
    teardown(&f);
}
END_TEST

static Suite *internal_suite(void)
{
    Suite *s = suite_create("engine_internal");
    TCase *tc = tcase_create("trace");
    tcase_add_test(tc, trace_should_send_note_to_hook);
    tcase_add_test(tc, trace_should_drop_notes_without_hook);
    tcase_add_test(tc, trace_should_reject_non_string);
    suite_add_tcase(s, tc);
    tc = tcase_create("print");
    tcase_add_test(tc, print_should_send_cross_product);
    tcase_add_test(tc, print_statement_should_match_builtin);
    tcase_add_test(tc, print_should_halt_on_object_operand);
    suite_add_tcase(s, tc);
    tc = tcase_create("template");
    tcase_add_test(tc, template_builtin_should_match_syntax);
    tcase_add_test(tc, template_should_reject_several_values);
    tcase_add_test(tc, template_should_reject_array_part);
    tcase_add_test(tc, template_should_type_check_at_run_time);
    suite_add_tcase(s, tc);
    tc = tcase_create("test_case");
    tcase_add_test(tc, test_case_should_send_parts);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES internal_suite
#include "tests/unit/check_main.h"
