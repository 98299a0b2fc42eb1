/*
 * Unit tests for json.filter, json.remove and json.patch.
 */
#include <check.h>
#include <string.h>

#include "tests/unit/bctx_double.h"
#include "tests/unit/bvalues.h"

static rg_bctx ctx;

static void setup(void)
{
    bctx_double_init(&ctx);
    bv_use(ctx.arena);
}

static void teardown(void)
{
    bctx_double_free(&ctx);
}

static const char *call2(const char *name, const rg_value *a,
                         const rg_value *b)
{
    const rg_value *out;
    const rg_value *args[2] = { a, b };
    rg_bstatus st = bctx_double_call(&ctx, name, args, 2, &out);
    if (st == RG_BUILTIN_UNDEFINED)
        return "undefined";
    return st == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

/* {"a": {"b": {"c": 7, "d": 8}}, "e": 9} */
static const rg_value *nested(void)
{
    return OBJ(2, S("a"), OBJ(1, S("b"), OBJ(2, S("c"), I(7), S("d"), I(8))),
               S("e"), I(9));
}

START_TEST(filter_should_keep_selected_paths)
{
    ck_assert_str_eq(call2("json.filter", nested(), SET(1, S("a/b/c"))),
                     "{\"a\": {\"b\": {\"c\": 7}}}");
    ck_assert_str_eq(call2("json.filter", nested(),
                           ARR(2, S("a/b/c"), S("e"))),
                     "{\"a\": {\"b\": {\"c\": 7}}, \"e\": 9}");
    ck_assert_str_eq(call2("json.filter", nested(),
                           SET(2, ARR(3, S("a"), S("b"), S("c")),
                               ARR(1, S("e")))),
                     "{\"a\": {\"b\": {\"c\": 7}}, \"e\": 9}");
    ck_assert_str_eq(call2("json.filter", OBJ(1, S("a"), OBJ(1, S("b"), I(7))),
                           SET(2, S("a"), S("a/b"))),
                     "{\"a\": {\"b\": 7}}");
    const rg_value *arr = OBJ(1, S("a"),
                              ARR(2, OBJ(2, S("b"), I(7), S("c"), I(8)),
                                  OBJ(1, S("d"), I(9))));
    ck_assert_str_eq(call2("json.filter", arr, SET(2, S("a/0/b"), S("a/1"))),
                     "{\"a\": [{\"b\": 7}, {\"d\": 9}]}");
    ck_assert_str_eq(call2("json.filter", OBJ(1, S("a"), I(7)), SET(0)),
                     "{}");
    ck_assert_str_eq(call2("json.filter", OBJ(1, S("a/b"), I(7)),
                           SET(1, S("a~1b"))),
                     "{\"a/b\": 7}");
}
END_TEST

START_TEST(filter_should_reject_bad_operands)
{
    ck_assert_str_eq(call2("json.filter", ARR(0), SET(0)),
                     "json.filter: operand 1 must be object but got array");
    ck_assert_str_eq(call2("json.filter", OBJ(0), S("a")),
                     "json.filter: operand 2 must be one of {set, array} "
                     "but got string");
    ck_assert_str_eq(call2("json.filter", OBJ(0), SET(1, I(1))),
                     "json.filter: operand 2 must be one of {set, array} "
                     "containing string paths or array of path segments "
                     "but got number");
    ck_assert_str_eq(ctx.error_code, "eval_type_error");
}
END_TEST

START_TEST(remove_should_drop_selected_paths)
{
    ck_assert_str_eq(call2("json.remove", nested(), SET(1, S("a/b/c"))),
                     "{\"a\": {\"b\": {\"d\": 8}}, \"e\": 9}");
    ck_assert_str_eq(call2("json.remove", nested(), SET(2, S("a/b/c"),
                                                       S("e"))),
                     "{\"a\": {\"b\": {\"d\": 8}}}");
    const rg_value *arr = OBJ(1, S("a"),
                              ARR(2, OBJ(2, S("b"), I(7), S("c"), I(8)),
                                  OBJ(1, S("d"), I(9))));
    ck_assert_str_eq(call2("json.remove", arr, SET(2, S("a/0/b"), S("a/1"))),
                     "{\"a\": [{\"c\": 8}]}");
    ck_assert_str_eq(call2("json.remove",
                           OBJ(2, S("a"), OBJ(1, S("b"), I(7)), S("c"), I(1)),
                           SET(2, S("a"), S("a/b"))),
                     "{\"c\": 1}");
    ck_assert_str_eq(call2("json.remove", OBJ(0), SET(1, S("a/b"))), "{}");
    ck_assert_str_eq(call2("json.remove", OBJ(0), SET(1, OBJ(0))),
                     "json.remove: operand 2 must be one of {set, array} "
                     "containing string paths or array of path segments "
                     "but got object");
    ck_assert_str_eq(call2("json.remove", B(true), SET(0)),
                     "json.remove: operand 1 must be object but got "
                     "boolean");
}
END_TEST

static const rg_value *op3(const char *op, const char *path,
                           const rg_value *value)
{
    return OBJ(3, S("op"), S(op), S("path"), S(path), S("value"), value);
}

START_TEST(patch_should_apply_rfc6902_operations)
{
    const rg_value *doc = OBJ(1, S("a"), ARR(2, I(1), I(2)));
    ck_assert_str_eq(call2("json.patch", doc, ARR(1, op3("add", "/a/1", I(9)))),
                     "{\"a\": [1, 9, 2]}");
    ck_assert_str_eq(call2("json.patch", doc, ARR(1, op3("add", "/a/-", I(9)))),
                     "{\"a\": [1, 2, 9]}");
    ck_assert_str_eq(call2("json.patch", doc, ARR(1, op3("add", "/b", I(3)))),
                     "{\"a\": [1, 2], \"b\": 3}");
    ck_assert_str_eq(call2("json.patch", doc,
                           ARR(1, OBJ(2, S("op"), S("remove"), S("path"),
                                      S("/a/0")))),
                     "{\"a\": [2]}");
    ck_assert_str_eq(call2("json.patch", doc,
                           ARR(1, op3("replace", "/a", S("x")))),
                     "{\"a\": \"x\"}");
    ck_assert_str_eq(call2("json.patch", doc,
                           ARR(1, OBJ(3, S("op"), S("move"), S("from"),
                                      S("/a"), S("path"), S("/b")))),
                     "{\"b\": [1, 2]}");
    ck_assert_str_eq(call2("json.patch", doc,
                           ARR(1, OBJ(3, S("op"), S("copy"), S("from"),
                                      S("/a/1"), S("path"), S("/c")))),
                     "{\"a\": [1, 2], \"c\": 2}");
    ck_assert_str_eq(call2("json.patch", doc,
                           ARR(1, op3("test", "/a/0", I(1)))),
                     "{\"a\": [1, 2]}");
    ck_assert_str_eq(
        call2("json.patch", doc, ARR(1, op3("test", "/a/0", I(2)))),
        "undefined");
    ck_assert_str_eq(call2("json.patch", doc, ARR(1, op3("add", "/a/5", I(2)))),
                     "undefined");
    ck_assert_str_eq(call2("json.patch", doc, ARR(1, op3("bad", "/a", I(2)))),
                     "undefined");
    ck_assert_str_eq(call2("json.patch", doc, OBJ(0)),
                     "json.patch: operand 2 must be array but got object");
}
END_TEST

START_TEST(patch_should_edit_sets)
{
    const rg_value *doc = OBJ(1, S("foo"), SET(3, S("a"), S("b"), S("c")));
    ck_assert_str_eq(call2("json.patch", doc,
                           ARR(1, OBJ(2, S("op"), S("remove"), S("path"),
                                      S("foo/b")))),
                     "{\"foo\": {\"a\", \"c\"}}");
    ck_assert_str_eq(call2("json.patch", doc,
                           ARR(1, op3("add", "foo/d", S("d")))),
                     "{\"foo\": {\"a\", \"b\", \"c\", \"d\"}}");
    ck_assert_str_eq(call2("json.patch", doc,
                           ARR(1, op3("add", "foo/d", S("e")))),
                     "undefined");
    const rg_value *nested_set = SET(1, ARR(1, I(1)));
    const rg_value *op = OBJ(3, S("op"), S("add"),
                             S("path"), ARR(2, ARR(1, I(1)), I(1)),
                             S("value"), I(2));
    ck_assert_str_eq(call2("json.patch", nested_set, ARR(1, op)),
                     "{[1, 2]}");
    ck_assert_str_eq(call2("json.patch", ARR(3, I(1), I(2), I(3)),
                           ARR(1, op3("add", "1.2", S("foo")))),
                     "undefined");
}
END_TEST

static Suite *jsonpaths_suite(void)
{
    Suite *s = suite_create("jsonpaths");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, filter_should_keep_selected_paths);
    tcase_add_test(tc, filter_should_reject_bad_operands);
    tcase_add_test(tc, remove_should_drop_selected_paths);
    tcase_add_test(tc, patch_should_apply_rfc6902_operations);
    tcase_add_test(tc, patch_should_edit_sets);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES jsonpaths_suite
#include "tests/unit/check_main.h"
