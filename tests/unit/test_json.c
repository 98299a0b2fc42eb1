/*
 * Unit tests for JSON parsing and writing, the Rego text form, byte
 * buffers, UTF-8 helpers and string interning.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/intern.h"
#include "runtime/json.h"
#include "runtime/utf8.h"
#include "runtime/value_text.h"

static rg_arena *arena;
static rg_errors errs;

static void setup(void)
{
    arena = rg_arena_new(0);
    rg_errors_init(&errs);
}

static void teardown(void)
{
    rg_errors_free(&errs);
    rg_arena_free(arena);
}

static const rg_value *parse(const char *text)
{
    return rg_json_parse(arena, text, strlen(text), "in.json", NULL, &errs);
}

/* Parse text and write it back compactly. */
static char *round_trip(const char *text, unsigned flags)
{
    const rg_value *v = parse(text);
    ck_assert_msg(v != NULL, "did not parse: %s", text);
    return rg_json_text(v, 0, flags);
}

static void check_round_trip(const char *text, const char *want)
{
    char *got = round_trip(text, RG_JSON_ESCAPE_HTML);
    ck_assert_str_eq(got, want);
    free(got);
}

/* The first error's formatted text. */
static void check_error(const char *text, const char *want)
{
    rg_errors_free(&errs);
    rg_errors_init(&errs);
    ck_assert_ptr_null(parse(text));
    ck_assert_uint_ge(errs.count, 1);
    char *got = rg_error_format(&errs.items[0]);
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(json_should_keep_numbers_exact)
{
    check_round_trip("[1, 1.0, 1e400, -0.0, 18446744073709551617]",
                     "[1,1.0,1e400,-0.0,18446744073709551617]");
    const rg_value *v = parse("9007199254740993");
    ck_assert(!rg_value_equal(v, parse("9007199254740992")));
    ck_assert(rg_value_equal(parse("1.0"), parse("1")));
}
END_TEST

START_TEST(json_should_decode_strings)
{
    const rg_value *v = parse("\"a\\n\\t\\\"\\\\\\/\\u00e9\\ud83d\\ude00\"");
    ck_assert_str_eq(rg_string_bytes(v), "a\n\t\"\\/\xc3\xa9\xf0\x9f\x98\x80");
    v = parse("\"\\ud800x\"");
    ck_assert_str_eq(rg_string_bytes(v), "\xef\xbf\xbdx");
    v = parse("\"\\u0000\"");
    ck_assert_uint_eq(rg_string_len(v), 1);
    v = parse("\"caf\xc3\xa9\"");
    ck_assert_uint_eq(rg_string_len(v), 5);
}
END_TEST

START_TEST(json_should_build_objects)
{
    const rg_value *v = parse("{\"b\": 1, \"a\": [true, false, null], "
                              "\"b\": 2}");
    ck_assert_int_eq(rg_value_kind(v), RG_OBJECT);
    ck_assert_uint_eq(rg_len(v), 2);
    ck_assert(rg_value_equal(rg_object_get_str(v, "b", 1), parse("2")));
    check_round_trip(" { \"z\" : {}, \"a\" : [ ] } ", "{\"a\":[],\"z\":{}}");
}
END_TEST

START_TEST(json_should_report_positions)
{
    check_error("{\"a\": 1,\n  \"b\" 2}",
                "in.json:2:7: json_parse_error: invalid JSON: expected "
                "':' after an object key, found '2'");
    check_error("[1, 2",
                "in.json:1:6: json_parse_error: invalid JSON: expected "
                "',' or ']' after an array item, found end of input");
    check_error("", "in.json:1:1: json_parse_error: invalid JSON: "
                "expected a JSON value, found end of input");
    check_error("[01]", "in.json:1:2: json_parse_error: invalid JSON: "
                "expected a number, found '01'");
    check_error("\"a\xff\"", "in.json:1:3: json_parse_error: invalid "
                "JSON: expected valid UTF-8, found byte 0xff");
    check_error("\"a\nb\"", "in.json:1:3: json_parse_error: invalid "
                "JSON: expected a string character (control characters "
                "must be escaped), found byte 0x0a");
    check_error("{} x", "in.json:1:4: json_parse_error: invalid JSON: "
                "expected end of input after the JSON value, found 'x'");
    check_error("tru", "in.json:1:1: json_parse_error: invalid JSON: "
                "expected a JSON value, found 't'");
    check_error("\"\\x\"", "in.json:1:3: json_parse_error: invalid JSON: "
                "expected an escape character (\" \\ / b f n r t u), "
                "found 'x'");
    check_error("\"\\u12g4\"", "in.json:1:2: json_parse_error: invalid "
                "JSON: expected 4 hex digits after \\u");
}
END_TEST

START_TEST(json_should_limit_depth)
{
    size_t n = RG_JSON_MAX_DEPTH + 1;
    char *deep = malloc(2 * n + 1);
    memset(deep, '[', n);
    memset(deep + n, ']', n);
    deep[2 * n] = '\0';
    ck_assert_ptr_null(parse(deep));
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, "nesting deeper"));
    deep[0] = ' ';
    deep[2 * n - 1] = ' ';
    ck_assert_ptr_nonnull(parse(deep));
    free(deep);
}
END_TEST

START_TEST(json_should_skip_bom)
{
    const rg_value *v = parse("\xEF\xBB\xBF{\"a\":1}");
    ck_assert_ptr_nonnull(v);
    ck_assert_uint_eq(rg_len(v), 1);
}
END_TEST

START_TEST(json_should_escape_like_go)
{
    check_round_trip(
        "\"<a&b>\\u2028\\u0001\\b\\f\\n\\r\\t\"",
        "\"\\u003ca\\u0026b\\u003e\\u2028\\u0001\\b\\f\\n\\r\\t\"");
    char *plain = round_trip("\"<&>\"", 0);
    ck_assert_str_eq(plain, "\"<&>\"");
    free(plain);
    const rg_value *bad = rg_string(arena, "a\xff", 2);
    char *text = rg_json_text(bad, 0, 0);
    ck_assert_str_eq(text, "\"a\\ufffd\"");
    free(text);
}
END_TEST

START_TEST(json_should_indent_like_go)
{
    const rg_value *v = parse("{\"a\":[1,{\"b\":null}],\"c\":{},\"d\":[]}");
    char *text = rg_json_text(v, 2, 0);
    ck_assert_str_eq(text, "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n"
                           "    }\n  ],\n  \"c\": {},\n  \"d\": []\n}");
    free(text);
}
END_TEST

START_TEST(json_should_use_prefix_and_indent)
{
    const rg_value *v = parse("{\"a\":[1],\"b\":{}}");
    rg_buf b;
    rg_buf_init(&b);
    rg_json_write_indent(&b, v, "> ", "\t", 0);
    ck_assert_str_eq(rg_buf_cstr(&b), "{\n> \t\"a\": [\n> \t\t1\n> \t],\n"
                                      "> \t\"b\": {}\n> }");
    rg_buf_clear(&b);
    rg_json_write_indent(&b, v, "", "", 0);
    ck_assert_str_eq(rg_buf_cstr(&b), "{\n\"a\": [\n1\n],\n\"b\": {}\n}");
    rg_buf_free(&b);
}
END_TEST

START_TEST(json_should_write_non_string_keys)
{
    rg_builder *b = rg_object_builder(arena, 0);
    rg_builder_put(b, rg_int(arena, 10), rg_bool(true));
    rg_builder_put(b, rg_int(arena, 9), rg_bool(false));
    rg_builder_put(b, rg_cstring(arena, "a"), rg_null());
    const rg_value *items[] = { rg_int(arena, 1), rg_cstring(arena, "<") };
    rg_builder_put(b, rg_array(arena, items, 2), rg_null());
    rg_builder *s = rg_set_builder(arena, 0);
    rg_builder_add(s, rg_int(arena, 2));
    rg_builder_add(s, rg_int(arena, 1));
    rg_builder_put(b, rg_cstring(arena, "s"), rg_builder_finish(s));
    char *text = rg_json_text(rg_builder_finish(b), 0, 0);
    ck_assert_str_eq(text, "{\"10\":true,\"9\":false,"
                           "\"[1,\\\"\\\\u003c\\\"]\":null,"
                           "\"a\":null,\"s\":[1,2]}");
    free(text);
}
END_TEST

START_TEST(rego_text_should_match_opa)
{
    const rg_value *v = parse("{\"b\": [1, \"x\\n\"], \"a\": {}}");
    char *text = rg_value_rego_text(v);
    ck_assert_str_eq(text, "{\"a\": {}, \"b\": [1, \"x\\n\"]}");
    free(text);
    rg_builder *s = rg_set_builder(arena, 0);
    text = rg_value_rego_text(rg_builder_finish(s));
    ck_assert_str_eq(text, "set()");
    free(text);
    s = rg_set_builder(arena, 0);
    rg_builder_add(s, rg_cstring(arena, "b"));
    rg_builder_add(s, rg_int(arena, 3));
    text = rg_value_rego_text(rg_builder_finish(s));
    ck_assert_str_eq(text, "{3, \"b\"}");
    free(text);
    const rg_value *str = rg_string(arena, "\x01\x7f\xff\xc3\xa9\xc2\xa0\t",
                                    8);
    text = rg_value_rego_text(str);
    ck_assert_str_eq(text, "\"\\x01\\x7f\\xff\xc3\xa9\\u00a0\\t\"");
    free(text);
}
END_TEST

START_TEST(buf_should_grow_and_take)
{
    rg_buf b;
    rg_buf_init(&b);
    ck_assert_str_eq(rg_buf_cstr(&b), "");
    for (int i = 0; i < 1000; i++)
        rg_buf_printf(&b, "%d,", i % 10);
    ck_assert_uint_eq(b.len, 2000);
    rg_buf_clear(&b);
    rg_buf_puts(&b, "ab");
    rg_buf_putc(&b, 'c');
    rg_buf_append(&b, "de", 2);
    char *s = rg_buf_take(&b);
    ck_assert_str_eq(s, "abcde");
    ck_assert_ptr_null(b.data);
    free(s);
    rg_buf_free(&b);
}
END_TEST

START_TEST(utf8_should_reject_invalid)
{
    uint32_t cp;
    ck_assert_uint_eq(rg_utf8_decode((const unsigned char *)"\xc0\x80", 2,
                                     &cp), 0);
    ck_assert_uint_eq(rg_utf8_decode((const unsigned char *)"\xed\xa0\x80",
                                     3, &cp), 0);
    ck_assert_uint_eq(rg_utf8_decode((const unsigned char *)"\xf4\x90\x80"
                                     "\x80", 4, &cp), 0);
    ck_assert_uint_eq(rg_utf8_decode((const unsigned char *)"\xe2\x82", 2,
                                     &cp), 0);
    ck_assert_uint_eq(rg_utf8_decode((const unsigned char *)"\xe2\x82\xac",
                                     3, &cp), 3);
    ck_assert_uint_eq(cp, 0x20AC);
    char out[4];
    ck_assert_uint_eq(rg_utf8_encode(0x1F600, out), 4);
    ck_assert_int_eq(memcmp(out, "\xf0\x9f\x98\x80", 4), 0);
    ck_assert(rg_utf8_valid("a\xc3\xa9", 3));
    ck_assert(!rg_utf8_valid("a\xc3", 2));
}
END_TEST

START_TEST(intern_should_share_strings)
{
    rg_intern *in = rg_intern_new();
    const rg_value *a = rg_intern_string(in, "name", 4);
    ck_assert_ptr_eq(a, rg_intern_string(in, "name", 4));
    ck_assert_ptr_eq(a, rg_intern_value(in, rg_cstring(arena, "name")));
    ck_assert_ptr_ne(a, rg_intern_string(in, "nam", 3));
    char key[16];
    for (int i = 0; i < 2000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        rg_intern_string(in, key, strlen(key));
    }
    ck_assert_uint_eq(rg_intern_count(in), 2002);
    ck_assert_ptr_eq(a, rg_intern_string(in, "name", 4));
    const char *text = "[{\"name\":1},{\"name\":2}]";
    const rg_value *doc = rg_json_parse(arena, text, strlen(text), NULL, in,
                                        &errs);
    ck_assert_ptr_nonnull(doc);
    ck_assert_ptr_eq(rg_object_key_at(rg_array_at(doc, 0), 0), a);
    ck_assert_ptr_eq(rg_object_key_at(rg_array_at(doc, 1), 0), a);
    rg_intern_free(in);
}
END_TEST

static Suite *json_suite(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, json_should_keep_numbers_exact);
    tcase_add_test(tc, json_should_decode_strings);
    tcase_add_test(tc, json_should_build_objects);
    tcase_add_test(tc, json_should_report_positions);
    tcase_add_test(tc, json_should_limit_depth);
    tcase_add_test(tc, json_should_skip_bom);
    tcase_add_test(tc, json_should_escape_like_go);
    tcase_add_test(tc, json_should_indent_like_go);
    tcase_add_test(tc, json_should_use_prefix_and_indent);
    tcase_add_test(tc, json_should_write_non_string_keys);
    tcase_add_test(tc, rego_text_should_match_opa);
    tcase_add_test(tc, buf_should_grow_and_take);
    tcase_add_test(tc, utf8_should_reject_invalid);
    tcase_add_test(tc, intern_should_share_strings);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES json_suite
#include "tests/unit/check_main.h"
