/*
 * Unit tests for the helpers the builtins share: Go-style UTF-8 decoding
 * (runes.c), the RE2-to-PCRE2 rewriting (re2.c) and Go's base64 error
 * offsets (base64.c).
 */
#include <check.h>
#include <string.h>

#include "runtime/builtins/base64.h"
#include "runtime/builtins/re2.h"
#include "runtime/builtins/runes.h"

START_TEST(runes_should_decode_like_go)
{
    const char *s = "a\xc3\xa9\xff\xe2\x82";
    size_t len = strlen(s), pos = 0;
    ck_assert_int_eq(rg_runes_decode(s, len, &pos), 'a');
    ck_assert_int_eq(rg_runes_decode(s, len, &pos), 0xE9);
    ck_assert_int_eq(rg_runes_decode(s, len, &pos), RG_RUNES_ERROR);
    ck_assert_uint_eq(pos, 4);
    ck_assert_int_eq(rg_runes_decode(s, len, &pos), RG_RUNES_ERROR);
    ck_assert_int_eq(rg_runes_decode(s, len, &pos), RG_RUNES_ERROR);
    ck_assert_uint_eq(pos, len);
    ck_assert_uint_eq(rg_runes_count(s, len), 5);
    ck_assert_uint_eq(rg_runes_offset(s, len, 2), 3);
    const char *surrogate = "\xed\xa0\x80";
    ck_assert_uint_eq(rg_runes_count(surrogate, 3), 3);
    char buf[4];
    ck_assert_uint_eq(rg_runes_encode(0x1F600, buf), 4);
    ck_assert_uint_eq(rg_runes_encode(0xD800, buf), 3);
    ck_assert(memcmp(buf, "\xef\xbf\xbd", 3) == 0);
}
END_TEST

/* The PCRE2 form of a Go pattern, or "error: MESSAGE". */
static const char *translate(rg_arena *arena, const char *pat)
{
    rg_strbuf out;
    rg_strbuf_init(&out, arena);
    const char *err;
    if (!rg_re2_translate(pat, strlen(pat), &out, &err))
        return rg_arena_printf(arena, "error: %s", err);
    return out.data;
}

START_TEST(re2_should_rewrite_for_pcre2)
{
    rg_arena *a = rg_arena_new(0);
    ck_assert_str_eq(translate(a, "a\\vb"), "a\\x0bb");
    ck_assert_str_eq(translate(a, "\\s+"), "[\\t\\n\\f\\r ]+");
    ck_assert_str_eq(translate(a, "[\\s]"), "[\\t\\n\\f\\r ]");
    ck_assert_str_eq(translate(a, "\\012"), "\\o{012}");
    ck_assert_str_eq(translate(a, "a{,3}"), "a\\{,3\\}");
    ck_assert_str_eq(translate(a, "(?P<n>x)"), "(?<n>x)");
    ck_assert_str_eq(translate(a, "[]a]"), "[\\]a]");
    ck_assert_str_eq(translate(a, "\\Q*+\\E"), "\\Q*+\\E");
    ck_assert_str_eq(translate(a, "a*?b+?"), "a*?b+?");
    ck_assert_str_eq(translate(a, "a**"),
                     "error: invalid nested repetition operator: `**`");
    ck_assert_str_eq(translate(a, "a{2}{3}"),
                     "error: invalid nested repetition operator: `}{3}`");
    ck_assert_str_eq(translate(a, "x{1001}"),
                     "error: invalid repeat count: `{1001}`");
    ck_assert_str_eq(translate(a, "(?<=a)"),
                     "error: invalid or unsupported Perl syntax: `(?<`");
    ck_assert_str_eq(translate(a, "\\8"),
                     "error: invalid escape sequence: `\\8`");
    ck_assert_str_eq(translate(a, "[a"), "error: missing closing ]: `[a`");
    ck_assert_str_eq(translate(a, "a\\"),
                     "error: trailing backslash at end of expression: ``");
    rg_arena_free(a);
}
END_TEST

/* Decode s with the standard alphabet: the bytes, or "bad N". */
static const char *decode(rg_arena *arena, const char *s)
{
    rg_strbuf out;
    rg_strbuf_init(&out, arena);
    size_t bad;
    if (!rg_base64_decode(&out, s, strlen(s), RG_BASE64_STD, true, &bad))
        return rg_arena_printf(arena, "bad %zu", bad);
    return out.data;
}

START_TEST(base64_should_report_go_offsets)
{
    rg_arena *a = rg_arena_new(0);
    ck_assert_str_eq(decode(a, "YWJj"), "abc");
    ck_assert_str_eq(decode(a, "YWI="), "ab");
    ck_assert_str_eq(decode(a, "YQ=="), "a");
    ck_assert_str_eq(decode(a, ""), "");
    ck_assert_str_eq(decode(a, "YQ"), "bad 0");
    ck_assert_str_eq(decode(a, "YWJ"), "bad 0");
    ck_assert_str_eq(decode(a, "Y"), "bad 0");
    ck_assert_str_eq(decode(a, "YQ=a"), "bad 2");
    ck_assert_str_eq(decode(a, "YQ="), "bad 3");
    ck_assert_str_eq(decode(a, "YWJj="), "bad 4");
    ck_assert_str_eq(decode(a, "YWI=x"), "bad 4");
    ck_assert_str_eq(decode(a, "=YWJ"), "bad 0");
    ck_assert_str_eq(decode(a, "YWJj\r\nYWJj"), "abcabc");
    rg_arena_free(a);
}
END_TEST

static Suite *helpers_suite(void)
{
    Suite *s = suite_create("builtins_helpers");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, runes_should_decode_like_go);
    tcase_add_test(tc, re2_should_rewrite_for_pcre2);
    tcase_add_test(tc, base64_should_report_go_offsets);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES helpers_suite
#include "tests/unit/check_main.h"
