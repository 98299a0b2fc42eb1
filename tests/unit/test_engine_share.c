/*
 * Unit tests for how results own their values: rg_arena_contains, and
 * results that embed input objects share them instead of copying,
 * while what the evaluation built outlives its arena.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "include/regolith.h"
#include "runtime/arena.h"
#include "runtime/json.h"

/* Two pods and a service; the rules below pick objects out of it. */
static const char *INPUT =
    "{\"items\":[{\"kind\":\"Pod\",\"name\":\"a\"},"
    "{\"kind\":\"Service\",\"name\":\"b\"},"
    "{\"kind\":\"Pod\",\"name\":\"c\"}]}";

static const char *MODULE =
    "package t\n"
    "pods contains obj if { some obj in input.items; obj.kind == \"Pod\" }\n"
    "report := {\"first\": input.items[0], \"n\": count(pods),\n"
    "           \"names\": [o.name | some o in pods]}\n";

typedef struct fixture {
    rg_arena *input_arena;
    const rg_value *input;
    const rg_value *items;
    rg_engine *engine;
    rg_errors errs;
} fixture;

static void setup(fixture *f)
{
    rg_errors_init(&f->errs);
    f->input_arena = rg_arena_new(0);
    f->input = rg_json_parse(f->input_arena, INPUT, strlen(INPUT), NULL,
                             NULL, &f->errs);
    ck_assert_ptr_nonnull(f->input);
    f->items = rg_object_get_str(f->input, "items", 5);
    f->engine = rg_engine_new(NULL);
    ck_assert_int_eq(rg_engine_add_module(f->engine, "t.rego", MODULE,
                                          strlen(MODULE), &f->errs), 0);
}

static void teardown(fixture *f)
{
    rg_engine_free(f->engine);
    rg_arena_free(f->input_arena);
    rg_errors_free(&f->errs);
}

static char *json(const rg_value *v)
{
    return rg_json_text(v, 0, 0);
}

START_TEST(unit_should_tell_arena_ownership)
{
    rg_arena *a = rg_arena_new(64);
    rg_arena *b = rg_arena_new(64);
    char *small = rg_arena_alloc(a, 16);
    char *big = rg_arena_alloc(a, 200000);  /* a block of its own */
    char *other = rg_arena_alloc(b, 16);
    int local = 0;
    ck_assert(rg_arena_contains(a, small));
    ck_assert(rg_arena_contains(a, small + 15));
    ck_assert(rg_arena_contains(a, big + 199999));
    ck_assert(!rg_arena_contains(a, other));
    ck_assert(!rg_arena_contains(a, &local));
    ck_assert(!rg_arena_contains(b, big));
    rg_arena_clear(a);
    ck_assert(!rg_arena_contains(a, small));
    rg_arena_free(a);
    rg_arena_free(b);
}
END_TEST

START_TEST(unit_should_share_input_objects_in_ref_values)
{
    fixture f;
    setup(&f);
    rg_arena *out_arena = rg_arena_new(0);
    const rg_value *report = NULL, *pods = NULL;
    ck_assert_int_eq(rg_engine_eval_ref(f.engine, "data.t.report", f.input,
                                        out_arena, &report, &f.errs), 0);
    ck_assert_int_eq(rg_engine_eval_ref(f.engine, "data.t.pods", f.input,
                                        out_arena, &pods, &f.errs), 0);
    ck_assert_ptr_nonnull(report);
    ck_assert_ptr_nonnull(pods);
    /* What the evaluation built lives in the caller's arena... */
    ck_assert(rg_arena_contains(out_arena, report));
    ck_assert(rg_arena_contains(out_arena, pods));
    /* ...and the input objects inside it are the input's own. */
    ck_assert_ptr_eq(rg_object_get_str(report, "first", 5),
                     rg_array_at(f.items, 0));
    ck_assert_uint_eq(rg_len(pods), 2);
    for (size_t i = 0; i < rg_len(pods); i++) {
        const rg_value *p = rg_set_at(pods, i);
        ck_assert(p == rg_array_at(f.items, 0) ||
                  p == rg_array_at(f.items, 2));
    }
    char *text = json(report);
    ck_assert_str_eq(text, "{\"first\":{\"kind\":\"Pod\",\"name\":\"a\"},"
                           "\"n\":2,\"names\":[\"a\",\"c\"]}");
    free(text);
    rg_arena_free(out_arena);
    teardown(&f);
}
END_TEST

START_TEST(unit_should_keep_results_after_evaluation_and_query)
{
    fixture f;
    setup(&f);
    rg_query *q = rg_query_prepare(f.engine,
        "r := data.t.report; k := {\"const\": [1, \"s\"]}", &f.errs);
    ck_assert_ptr_nonnull(q);
    rg_result *r = rg_query_eval(q, f.input, &f.errs);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(rg_result_rows(r), 1);
    /* The query (its constants) goes before the result is read; the
     * evaluation's arena went when rg_query_eval returned. */
    rg_query_free(q);
    const rg_value *report = rg_result_binding(r, 0, "r");
    ck_assert_ptr_eq(rg_object_get_str(report, "first", 5),
                     rg_array_at(f.items, 0));
    char *text = json(report);
    ck_assert_str_eq(text, "{\"first\":{\"kind\":\"Pod\",\"name\":\"a\"},"
                           "\"n\":2,\"names\":[\"a\",\"c\"]}");
    free(text);
    text = json(rg_result_binding(r, 0, "k"));
    ck_assert_str_eq(text, "{\"const\":[1,\"s\"]}");
    free(text);
    rg_result_free(r);
    teardown(&f);
}
END_TEST

static Suite *share_suite(void)
{
    Suite *s = suite_create("engine_share");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, unit_should_tell_arena_ownership);
    tcase_add_test(tc, unit_should_share_input_objects_in_ref_values);
    tcase_add_test(tc, unit_should_keep_results_after_evaluation_and_query);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES share_suite
#include "tests/unit/check_main.h"
