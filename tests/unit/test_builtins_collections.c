/*
 * Unit tests for the collection builtins: compare.c, types.c,
 * aggregates.c, arrays.c, objects.c, subset.c and sets.c.
 */
#include <check.h>

#include "tests/unit/bcall.h"

START_TEST(compare_should_order_across_kinds)
{
    ck_assert_str_eq(call("equal", 2, I(1), N("1.0")), "true");
    ck_assert_str_eq(call("neq", 2, S("a"), S("b")), "true");
    ck_assert_str_eq(call("lt", 2, NUL(), B(false)), "true");
    ck_assert_str_eq(call("gte", 2, ARR(0), S("z")), "true");
    ck_assert_str_eq(call("internal.member_2", 2, I(2), ARR(2, I(1), I(2))),
                     "true");
    ck_assert_str_eq(call("internal.member_2", 2, I(2), S("2")), "false");
    ck_assert_str_eq(call("internal.member_3", 3, I(1), S("b"),
                          ARR(2, S("a"), S("b"))), "true");
    ck_assert_str_eq(call("internal.member_3", 3, S("x"), S("x"),
                          SET(1, S("x"))), "true");
}
END_TEST

START_TEST(types_should_name_and_test_kinds)
{
    ck_assert_str_eq(call("type_name", 1, SET(0)), "\"set\"");
    ck_assert_str_eq(call("is_number", 1, NUL()), "false");
    ck_assert_str_eq(call("is_set", 1, SET(0)), "true");
    ck_assert_str_eq(call("to_number", 1, S("-42.5")), "-42.5");
    ck_assert_str_eq(call("to_number", 1, B(true)), "1");
    ck_assert_str_eq(call("to_number", 1, S("abc")),
                     "error: to_number: strconv.ParseFloat: parsing "
                     "\"abc\": invalid syntax");
    ck_assert_str_eq(call("to_number", 1, S("1e400")),
                     "error: to_number: strconv.ParseFloat: parsing "
                     "\"1e400\": value out of range");
    ck_assert_str_eq(call("to_number", 1, S("0x10")),
                     "error: to_number: strconv.ParseFloat: parsing "
                     "\"0x10\": invalid syntax");
    ck_assert_str_eq(call("to_number", 1, S(".5")), "0.5");
    ck_assert_str_eq(call("to_number", 1, S("Inf")),
                     "error: to_number: operand 1 must be valid number "
                     "string but got string");
    ck_assert_str_eq(call("to_number", 1, ARR(0)),
                     "error: to_number: operand 1 must be one of {null, "
                     "boolean, number, string} but got array");
    ck_assert_str_eq(call("cast_set", 1, ARR(2, I(2), I(2))), "{2}");
    ck_assert_str_eq(call("cast_null", 1, OBJ(0)),
                     "error: cast_null: operand 1 must be null but got "
                     "object");
}
END_TEST

START_TEST(aggregates_should_count_and_order)
{
    ck_assert_str_eq(call("count", 1, S("héllo")), "5");
    ck_assert_str_eq(call("count", 1, NUL()),
                     "error: count: operand 1 must be one of {array, "
                     "object, set, string} but got null");
    ck_assert_str_eq(call("max", 1, ARR(3, I(1), S("a"), I(3))), "\"a\"");
    ck_assert_str_eq(call("min", 1, SET(2, I(4), I(2))), "2");
    ck_assert_str_eq(call("max", 1, ARR(0)), "undefined");
    ck_assert_str_eq(call("sort", 1, ARR(3, I(3), I(1), I(2))),
                     "[1, 2, 3]");
    ck_assert_str_eq(call("all", 1, ARR(2, B(true), I(1))), "false");
    ck_assert_str_eq(call("any", 1, SET(2, B(true), I(1))), "true");
    ck_assert_str_eq(call("all", 1, ARR(0)), "true");
}
END_TEST

START_TEST(arrays_should_slice_and_flatten)
{
    const rg_value *a = ARR(4, I(1), I(2), I(3), I(4));
    ck_assert_str_eq(call("array.slice", 3, a, I(1), I(3)), "[2, 3]");
    ck_assert_str_eq(call("array.slice", 3, a, I(-5), I(9)),
                     "[1, 2, 3, 4]");
    ck_assert_str_eq(call("array.slice", 3, a, I(3), I(1)), "[]");
    ck_assert_str_eq(call("array.flatten", 1,
                          ARR(2, I(1), ARR(2, I(2), ARR(1, I(3))))),
                     "[1, 2, [3]]");
    ck_assert_str_eq(call("array.reverse", 1, a), "[4, 3, 2, 1]");
    ck_assert_str_eq(call("array.concat", 2, OBJ(0), a),
                     "error: array.concat: operand 1 must be array but got"
                     " object");
}
END_TEST

START_TEST(objects_should_get_remove_and_merge)
{
    const rg_value *o = OBJ(2, S("a"), OBJ(1, S("b"), ARR(1, I(7))),
                            S("c"), I(1));
    ck_assert_str_eq(call("object.get", 3, o, ARR(3, S("a"), S("b"), I(0)),
                          S("d")), "7");
    ck_assert_str_eq(call("object.get", 3, o, S("x"), S("d")), "\"d\"");
    ck_assert_str_eq(call("object.get", 3, o, ARR(0), NUL()),
                     TEXT(o));
    ck_assert_str_eq(call("object.remove", 2, o, ARR(1, S("a"))),
                     "{\"c\": 1}");
    ck_assert_str_eq(call("object.filter", 2, o, SET(1, S("c"))),
                     "{\"c\": 1}");
    ck_assert_str_eq(call("object.remove", 2, o, S("a")),
                     "error: object.remove: operand 2 must be one of "
                     "{object, set, array} but got string");
    ck_assert_str_eq(call("object.union", 2,
                          OBJ(1, S("a"), OBJ(1, S("b"), I(1))),
                          OBJ(1, S("a"), OBJ(1, S("c"), I(2)))),
                     "{\"a\": {\"b\": 1, \"c\": 2}}");
    ck_assert_str_eq(call("object.union_n", 1,
                          ARR(3, OBJ(1, S("a"), OBJ(1, S("b"), I(2))),
                              OBJ(1, S("a"), I(4)),
                              OBJ(1, S("a"), OBJ(1, S("c"), I(3))))),
                     "{\"a\": {\"c\": 3}}");
    ck_assert_str_eq(call("object.keys", 1, o), "{\"a\", \"c\"}");
}
END_TEST

START_TEST(subset_should_follow_kind_rules)
{
    ck_assert_str_eq(call("object.subset", 2,
                          OBJ(2, S("a"), S("b"), S("c"),
                              OBJ(1, S("x"), SET(2, I(10), I(15)))),
                          OBJ(1, S("c"), OBJ(1, S("x"), SET(1, I(10))))),
                     "true");
    ck_assert_str_eq(call("object.subset", 2, ARR(3, I(1), I(2), I(3)),
                          ARR(2, I(2), I(3))), "true");
    ck_assert_str_eq(call("object.subset", 2, ARR(3, I(1), I(2), I(3)),
                          ARR(2, I(1), I(3))), "false");
    ck_assert_str_eq(call("object.subset", 2, ARR(2, I(1), I(2)),
                          SET(1, I(2))), "true");
    ck_assert_str_eq(call("object.subset", 2, SET(0), ARR(0)),
                     "error: object.subset: both arguments object.subset "
                     "must be of the same type or array and set");
}
END_TEST

START_TEST(sets_should_combine)
{
    const rg_value *a = SET(2, I(1), I(2)), *b = SET(2, I(2), I(3));
    ck_assert_str_eq(call("and", 2, a, b), "{2}");
    ck_assert_str_eq(call("or", 2, a, b), "{1, 2, 3}");
    ck_assert_str_eq(call("set_diff", 2, a, b), "{1}");
    ck_assert_str_eq(call("intersection", 1, SET(2, a, b)), "{2}");
    ck_assert_str_eq(call("union", 1, SET(2, a, b)), "{1, 2, 3}");
    ck_assert_str_eq(call("union", 1, SET(1, I(1))),
                     "error: union: operand 1 must be set but got number");
    ck_assert_str_eq(call("intersection", 1, SET(0)), "set()");
}
END_TEST

static Suite *collections_suite(void)
{
    Suite *s = suite_create("builtins_collections");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, bcall_setup, bcall_teardown);
    tcase_add_test(tc, compare_should_order_across_kinds);
    tcase_add_test(tc, types_should_name_and_test_kinds);
    tcase_add_test(tc, aggregates_should_count_and_order);
    tcase_add_test(tc, arrays_should_slice_and_flatten);
    tcase_add_test(tc, objects_should_get_remove_and_merge);
    tcase_add_test(tc, subset_should_follow_kind_rules);
    tcase_add_test(tc, sets_should_combine);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES collections_suite
#include "tests/unit/check_main.h"
