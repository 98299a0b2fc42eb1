/*
 * Unit tests for the encoding and JSON builtins: encoding.c, base64.c
 * and jsonb.c, with Go's error texts.
 */
#include <check.h>

#include "tests/unit/bcall.h"

START_TEST(base64_should_follow_go)
{
    ck_assert_str_eq(call("base64.encode", 1, S("hello")),
                     "\"aGVsbG8=\"");
    ck_assert_str_eq(call("base64.decode", 1, S("aGVsbG8=")), "\"hello\"");
    ck_assert_str_eq(call("base64.decode", 1, S("aGVs\nbG8=")),
                     "\"hello\"");
    ck_assert_str_eq(call("base64.decode", 1, S("aGVsbG8")),
                     "error: base64.decode: illegal base64 data at input "
                     "byte 4");
    ck_assert_str_eq(call("base64.decode", 1, S("a*")),
                     "error: base64.decode: illegal base64 data at input "
                     "byte 1");
    ck_assert_str_eq(call("base64.decode", 1, S("aGVsbG8=x")),
                     "error: base64.decode: illegal base64 data at input "
                     "byte 8");
    ck_assert_str_eq(call("base64.is_valid", 1, S("YWJj")), "true");
    ck_assert_str_eq(call("base64.is_valid", 1, S("YWJ")), "false");
    ck_assert_str_eq(call("base64.is_valid", 1, I(1)), "false");
    ck_assert_str_eq(call("base64url.encode", 1, S("\xfb\xff")),
                     "\"-_8=\"");
    ck_assert_str_eq(call("base64url.encode_no_pad", 1, S("\xfb\xff")),
                     "\"-_8\"");
    ck_assert_str_eq(call("base64url.decode", 1, S("-_8")),
                     "\"\\xfb\\xff\"");
    ck_assert_str_eq(call("base64url.decode", 1, S("abcde")),
                     "error: base64url.decode: illegal base64url string: "
                     "abcde");
}
END_TEST

START_TEST(hex_and_urlquery_should_follow_go)
{
    ck_assert_str_eq(call("hex.encode", 1, S("hi")), "\"6869\"");
    ck_assert_str_eq(call("hex.decode", 1, S("6869")), "\"hi\"");
    ck_assert_str_eq(call("hex.decode", 1, S("6g")),
                     "error: hex.decode: encoding/hex: invalid byte: "
                     "U+0067 'g'");
    ck_assert_str_eq(call("hex.decode", 1, S("686")),
                     "error: hex.decode: encoding/hex: odd length hex "
                     "string");
    ck_assert_str_eq(call("urlquery.encode", 1, S("a b&c=d/é")),
                     "\"a+b%26c%3Dd%2F%C3%A9\"");
    ck_assert_str_eq(call("urlquery.decode", 1, S("a+b%26")), "\"a b&\"");
    ck_assert_str_eq(call("urlquery.decode", 1, S("a%zz")),
                     "error: urlquery.decode: invalid URL escape \"%zz\"");
    ck_assert_str_eq(call("urlquery.encode_object", 1,
                          OBJ(2, S("b"), ARR(2, S("1"), S("2")),
                              S("a"), S("x y"))),
                     "\"a=x+y&b=1&b=2\"");
    ck_assert_str_eq(call("urlquery.encode_object", 1,
                          OBJ(1, S("a"), I(1))),
                     "error: urlquery.encode_object: operand 1 values must"
                     " be string, array[string], or set[string]");
    ck_assert_str_eq(call("urlquery.decode_object", 1,
                          S("a=1&b=2&a=3&c")),
                     "{\"a\": [\"1\", \"3\"], \"b\": [\"2\"], "
                     "\"c\": [\"\"]}");
}
END_TEST

START_TEST(json_should_marshal_like_go)
{
    const rg_value *v = OBJ(2, S("b"), ARR(2, I(1), OBJ(0)), S("a"),
                            S("<x>"));
    ck_assert_str_eq(call("json.marshal", 1, v),
                     "\"{\\\"a\\\":\\\"\\\\u003cx\\\\u003e\\\","
                     "\\\"b\\\":[1,{}]}\"");
    ck_assert_str_eq(call("json.marshal_with_options", 2, ARR(1, I(1)),
                          OBJ(1, S("indent"), S("  "))),
                     "\"[\\n  1\\n]\"");
    ck_assert_str_eq(call("json.marshal_with_options", 2,
                          OBJ(1, S("a"), I(1)),
                          OBJ(2, S("prefix"), S(">"), S("pretty"),
                              B(true))),
                     "\">{\\n>\\t\\\"a\\\": 1\\n>}\"");
    ck_assert_str_eq(call("json.marshal_with_options", 2, ARR(0),
                          OBJ(1, S("pretty"), B(false))), "\"[]\"");
    ck_assert_str_eq(call("json.marshal_with_options", 2, ARR(0),
                          OBJ(1, S("include_winning_lottery_numbers"),
                              B(true))),
                     "error: json.marshal_with_options: operand 2 object "
                     "contained unknown key "
                     "\"include_winning_lottery_numbers\"");
}
END_TEST

START_TEST(json_should_unmarshal_and_validate)
{
    ck_assert_str_eq(call("json.unmarshal", 1,
                          S("{\"a\": [1, 2.50, \"x\"]}")),
                     "{\"a\": [1, 2.50, \"x\"]}");
    ck_assert_str_eq(call("json.is_valid", 1, S("{\"a\": 1}")), "true");
    ck_assert_str_eq(call("json.is_valid", 1, S("{\"a\": }")), "false");
    ck_assert_str_eq(call("json.is_valid", 1, I(1)), "false");
    ck_assert(strncmp(call("json.unmarshal", 1, S("[1,")),
                      "error: json.unmarshal: ", 23) == 0);
}
END_TEST

static Suite *encoding_suite(void)
{
    Suite *s = suite_create("builtins_encoding");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, bcall_setup, bcall_teardown);
    tcase_add_test(tc, base64_should_follow_go);
    tcase_add_test(tc, hex_and_urlquery_should_follow_go);
    tcase_add_test(tc, json_should_marshal_like_go);
    tcase_add_test(tc, json_should_unmarshal_and_validate);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES encoding_suite
#include "tests/unit/check_main.h"
