/*
 * Unit tests for values: scalars, exact numbers, strings, arrays,
 * objects and sets, OPA's order, equality and hashing.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "runtime/value.h"

static rg_arena *arena;

static void setup(void)
{
    arena = rg_arena_new(0);
}

static void teardown(void)
{
    rg_arena_free(arena);
}

static const rg_value *num(const char *text)
{
    const rg_value *v = rg_number_parse(arena, text, strlen(text));
    ck_assert_msg(v != NULL, "number %s did not parse", text);
    return v;
}

static const rg_value *str(const char *s)
{
    return rg_cstring(arena, s);
}

START_TEST(scalars_should_be_singletons)
{
    ck_assert_ptr_eq(rg_null(), rg_null());
    ck_assert_ptr_eq(rg_bool(true), rg_bool(true));
    ck_assert(rg_bool_get(rg_bool(true)));
    ck_assert(!rg_bool_get(rg_bool(false)));
    ck_assert_int_eq(rg_value_kind(rg_null()), RG_NULL);
    ck_assert_int_eq(rg_value_kind(rg_bool(false)), RG_BOOLEAN);
    ck_assert_str_eq(rg_kind_name(RG_SET), "set");
    ck_assert_str_eq(rg_kind_name(RG_BOOLEAN), "boolean");
}
END_TEST

START_TEST(int_should_round_trip)
{
    int64_t cases[] = { 0, 1, -1, 255, -256, 256, 1000000, INT64_MAX,
                        INT64_MIN };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const rg_value *v = rg_int(arena, cases[i]);
        int64_t out = 0;
        ck_assert(rg_number_int64(v, &out));
        ck_assert_int_eq(out, cases[i]);
        ck_assert(rg_number_is_integer(v));
    }
    ck_assert_str_eq(rg_number_text(arena, rg_int(arena, -42)), "-42");
    ck_assert_str_eq(rg_number_text(arena, rg_int(arena, INT64_MIN)),
                     "-9223372036854775808");
}
END_TEST

START_TEST(number_parse_should_reject_invalid)
{
    const char *bad[] = { "", "-", "01", "1.", ".5", "1e", "1e+", "+1",
                          "0x10", "1.5.5", "1e999999999999", "NaN",
                          "inf", " 1", "1 " };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(rg_number_parse(arena, bad[i], strlen(bad[i])) ==
                      NULL, "accepted %s", bad[i]);
}
END_TEST

START_TEST(number_should_keep_literal_text)
{
    ck_assert_str_eq(rg_number_text(arena, num("1.50")), "1.50");
    ck_assert_str_eq(rg_number_text(arena, num("1e400")), "1e400");
    ck_assert_str_eq(rg_number_text(arena, num("-0.0")), "-0.0");
    ck_assert_str_eq(rg_number_text(arena,
                                    num("123456789012345678901234567890")),
                     "123456789012345678901234567890");
}
END_TEST

START_TEST(numbers_should_compare_exactly)
{
    const char *same[][2] = {
        {"1", "1.0"},
        {"1", "1e0"},
        {"1", "10e-1"},
        {"0.1", "0.10"},
        {"0", "-0.0"},
        {"0", "0e10"},
        {"100", "1e2"},
        {"-5", "-0.5e1"},
        {"9223372036854775807", "9.223372036854775807e18"},
        {"18446744073709551616", "1.8446744073709551616e19"},
        {"-9223372036854775808", "-9223372036854775808.000"},
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        const rg_value *a = num(same[i][0]), *b = num(same[i][1]);
        ck_assert_msg(rg_value_equal(a, b), "%s != %s", same[i][0],
                      same[i][1]);
        ck_assert_msg(rg_value_hash(a) == rg_value_hash(b),
                      "hash %s != %s", same[i][0], same[i][1]);
    }
    /* Each is strictly below the next. */
    const char *order[] = {
        "-1e400", "-18446744073709551616", "-9223372036854775809",
        "-9223372036854775808", "-1.5", "-1", "-0.001", "0", "1e-400",
        "0.1", "0.2", "1", "1.000000000000000000001", "2", "10",
        "9007199254740992", "9007199254740993", "9223372036854775807",
        "9223372036854775808", "1e400",
    };
    for (size_t i = 0; i + 1 < sizeof order / sizeof order[0]; i++) {
        const rg_value *a = num(order[i]), *b = num(order[i + 1]);
        ck_assert_msg(rg_value_compare(a, b) < 0, "%s < %s", order[i],
                      order[i + 1]);
        ck_assert_msg(rg_value_compare(b, a) > 0, "%s > %s",
                      order[i + 1], order[i]);
        ck_assert(!rg_value_equal(a, b));
    }
}
END_TEST

START_TEST(number_should_report_integer_and_int64)
{
    int64_t out;
    ck_assert(rg_number_is_integer(num("1.0")));
    ck_assert(rg_number_is_integer(num("1e3")));
    ck_assert(rg_number_is_integer(num("18446744073709551616")));
    ck_assert(!rg_number_is_integer(num("1.5")));
    ck_assert(!rg_number_is_integer(num("1e-3")));
    ck_assert(rg_number_int64(num("2.0"), &out));
    ck_assert_int_eq(out, 2);
    ck_assert(rg_number_int64(num("-9223372036854775808"), &out));
    ck_assert_int_eq(out, INT64_MIN);
    ck_assert(!rg_number_int64(num("9223372036854775808"), &out));
    ck_assert(!rg_number_int64(num("1.5"), &out));
}
END_TEST

START_TEST(number_should_convert_to_double)
{
    ck_assert(rg_number_double(num("1.5")) == 1.5);
    ck_assert(rg_number_double(num("-3")) == -3.0);
    ck_assert(rg_number_double(num("1e400")) > 1e308);
    ck_assert(rg_number_double(num("18446744073709551616")) ==
              18446744073709551616.0);
    const rg_value *d = rg_double(arena, 0.1);
    ck_assert_str_eq(rg_number_text(arena, d), "0.1");
    ck_assert(rg_value_equal(d, num("0.1")));
    ck_assert(rg_value_equal(rg_double(arena, 3.0), rg_int(arena, 3)));
    ck_assert(rg_double(arena, 1e300) != NULL);
    ck_assert(rg_number_double(rg_double(arena, 1e300)) == 1e300);
}
END_TEST

START_TEST(strings_should_hold_bytes)
{
    const rg_value *s = rg_string(arena, "a\0b", 3);
    ck_assert_uint_eq(rg_string_len(s), 3);
    ck_assert_uint_eq(rg_len(s), 3);
    ck_assert_int_eq(memcmp(rg_string_bytes(s), "a\0b", 4), 0);
    ck_assert(rg_value_equal(str("x"), str("x")));
    ck_assert(rg_value_hash(str("x")) == rg_value_hash(str("x")));
    ck_assert(!rg_value_equal(str("x"), str("y")));
    ck_assert_int_lt(rg_value_compare(str("a"), str("ab")), 0);
    ck_assert_int_lt(rg_value_compare(str("ab"), str("b")), 0);
    ck_assert_int_gt(rg_value_compare(str("\xc3\xa9"), str("z")), 0);
    ck_assert_uint_eq(rg_len(rg_string(arena, NULL, 0)), 0);
}
END_TEST

START_TEST(kinds_should_order_like_opa)
{
    rg_builder *ob = rg_object_builder(arena, 0);
    rg_builder *sb = rg_set_builder(arena, 0);
    const rg_value *order[] = {
        rg_null(), rg_bool(false), rg_bool(true), num("-1"), num("2.5"),
        str(""), str("a"), rg_array(arena, NULL, 0),
        rg_builder_finish(ob), rg_builder_finish(sb),
    };
    size_t n = sizeof order / sizeof order[0];
    for (size_t i = 0; i + 1 < n; i++) {
        ck_assert_int_lt(rg_value_compare(order[i], order[i + 1]), 0);
        ck_assert_int_gt(rg_value_compare(order[i + 1], order[i]), 0);
    }
}
END_TEST

static const rg_value *arr2(const rg_value *a, const rg_value *b)
{
    const rg_value *items[] = { a, b };
    return rg_array(arena, items, b ? 2 : 1);
}

START_TEST(arrays_should_compare_elementwise)
{
    const rg_value *a = arr2(num("1"), num("2"));
    const rg_value *b = arr2(num("1.0"), num("2e0"));
    const rg_value *c = arr2(num("1"), num("3"));
    const rg_value *d = arr2(num("1"), NULL);
    ck_assert_uint_eq(rg_len(a), 2);
    ck_assert_ptr_eq(rg_array_at(d, 0), rg_array_at(a, 0));
    ck_assert(rg_value_equal(a, b));
    ck_assert(rg_value_hash(a) == rg_value_hash(b));
    ck_assert_int_lt(rg_value_compare(a, c), 0);
    ck_assert_int_lt(rg_value_compare(d, a), 0);
    ck_assert_int_gt(rg_value_compare(arr2(num("2"), NULL), a), 0);
}
END_TEST

static const rg_value *object_of(const char *const *keys, size_t n)
{
    rg_builder *b = rg_object_builder(arena, n);
    for (size_t i = 0; i < n; i++)
        ck_assert(rg_builder_put(b, str(keys[i]), rg_int(arena, (int)i)));
    return rg_builder_finish(b);
}

START_TEST(object_should_sort_and_find_keys)
{
    const char *keys[] = { "b", "a", "c" };
    const rg_value *o = object_of(keys, 3);
    ck_assert_uint_eq(rg_len(o), 3);
    ck_assert_str_eq(rg_string_bytes(rg_object_key_at(o, 0)), "a");
    ck_assert_str_eq(rg_string_bytes(rg_object_key_at(o, 2)), "c");
    ck_assert(rg_value_equal(rg_object_value_at(o, 0), num("1")));
    ck_assert(rg_value_equal(rg_object_get(o, str("b")), num("0")));
    ck_assert_ptr_null(rg_object_get(o, str("d")));
    ck_assert(rg_value_equal(rg_object_get_str(o, "c", 1), num("2")));
    ck_assert_ptr_null(rg_object_get_str(o, "cc", 2));
}
END_TEST

START_TEST(builder_should_report_conflicts)
{
    rg_builder *b = rg_object_builder(arena, 0);
    ck_assert(rg_builder_put(b, str("k"), num("1")));
    ck_assert(rg_builder_put(b, str("k"), num("1.0")));
    ck_assert(!rg_builder_put(b, str("k"), num("2")));
    ck_assert_uint_eq(rg_builder_count(b), 1);
    ck_assert(rg_value_equal(rg_builder_get(b, str("k")), num("1")));
    ck_assert_ptr_null(rg_builder_get(b, str("x")));
    const rg_value *o = rg_builder_finish(b);
    ck_assert_uint_eq(rg_len(o), 1);
}
END_TEST

/* Insert n keys "k<i*7 mod n>" so the order is scrambled. */
static const rg_value *big_object(size_t n, size_t hint)
{
    rg_builder *b = rg_object_builder(arena, hint);
    for (size_t i = 0; i < n; i++) {
        char key[32];
        size_t k = (i * 7) % n;
        snprintf(key, sizeof key, "k%05zu", k);
        ck_assert(rg_builder_put(b, str(key), rg_int(arena, (int64_t)k)));
        ck_assert(rg_builder_put(b, str(key), rg_int(arena, (int64_t)k)));
        ck_assert_uint_eq(rg_builder_count(b), i + 1);
    }
    return rg_builder_finish(b);
}

START_TEST(large_object_should_use_index)
{
    size_t n = 1000;
    const rg_value *o = big_object(n, 0);
    const rg_value *p = big_object(n, n);
    ck_assert_uint_eq(rg_len(o), n);
    ck_assert(rg_value_equal(o, p));
    ck_assert(rg_value_hash(o) == rg_value_hash(p));
    for (size_t i = 0; i < n; i++) {
        char key[32];
        snprintf(key, sizeof key, "k%05zu", i);
        const rg_value *k = rg_object_key_at(o, i);
        ck_assert_str_eq(rg_string_bytes(k), key);
        int64_t got;
        ck_assert(rg_number_int64(rg_object_get(o, k), &got));
        ck_assert_int_eq(got, (int64_t)i);
        ck_assert_ptr_eq(rg_object_get_str(o, key, strlen(key)),
                         rg_object_value_at(o, i));
    }
    ck_assert_ptr_null(rg_object_get_str(o, "k99999", 6));
    ck_assert_ptr_null(rg_object_get(o, num("1")));
}
END_TEST

START_TEST(set_should_merge_equal_elements)
{
    rg_builder *b = rg_set_builder(arena, 0);
    rg_builder_add(b, num("2"));
    rg_builder_add(b, num("1"));
    rg_builder_add(b, num("1.0"));
    rg_builder_add(b, str("a"));
    rg_builder_add(b, num("2e0"));
    const rg_value *s = rg_builder_finish(b);
    ck_assert_int_eq(rg_value_kind(s), RG_SET);
    ck_assert_uint_eq(rg_len(s), 3);
    ck_assert(rg_value_equal(rg_set_at(s, 0), num("1")));
    ck_assert(rg_value_equal(rg_set_at(s, 2), str("a")));
    ck_assert(rg_set_contains(s, num("1.00")));
    ck_assert(!rg_set_contains(s, num("3")));
}
END_TEST

START_TEST(large_set_should_find_every_element)
{
    rg_builder *b = rg_set_builder(arena, 0);
    for (int i = 500; i > 0; i--) {
        rg_builder_add(b, rg_int(arena, i % 250));
        const rg_value *pair[] = { rg_int(arena, i), str("x") };
        rg_builder_add(b, rg_array(arena, pair, 2));
    }
    const rg_value *s = rg_builder_finish(b);
    ck_assert_uint_eq(rg_len(s), 750);
    for (int i = 0; i < 250; i++)
        ck_assert(rg_set_contains(s, rg_int(arena, i)));
    const rg_value *pair[] = { num("17.0"), str("x") };
    ck_assert(rg_set_contains(s, rg_array(arena, pair, 2)));
    ck_assert(!rg_set_contains(s, rg_int(arena, 250)));
    for (size_t i = 0; i + 1 < rg_len(s); i++)
        ck_assert_int_lt(rg_value_compare(rg_set_at(s, i),
                                          rg_set_at(s, i + 1)), 0);
}
END_TEST

static const rg_value *obj2(const char *k1, const rg_value *v1,
                            const char *k2, const rg_value *v2)
{
    rg_builder *b = rg_object_builder(arena, 2);
    rg_builder_put(b, str(k1), v1);
    if (k2)
        rg_builder_put(b, str(k2), v2);
    return rg_builder_finish(b);
}

START_TEST(objects_should_compare_keys_then_values)
{
    const rg_value *one = num("1"), *two = num("2");
    /* First keys differ: "a" < "b" decides whatever the values. */
    ck_assert_int_lt(rg_value_compare(obj2("a", two, NULL, NULL),
                                      obj2("b", one, NULL, NULL)), 0);
    /* Same key, values decide. */
    ck_assert_int_lt(rg_value_compare(obj2("a", one, "b", two),
                                      obj2("a", two, "b", one)), 0);
    /* Same first pair, a missing second key: shorter is less. */
    ck_assert_int_lt(rg_value_compare(obj2("a", one, NULL, NULL),
                                      obj2("a", one, "b", one)), 0);
    /* {"a":1,"c":1} vs {"a":1,"b":9}: "c" > "b". */
    ck_assert_int_gt(rg_value_compare(obj2("a", one, "c", one),
                                      obj2("a", one, "b", num("9"))), 0);
    ck_assert(rg_value_equal(obj2("x", one, "y", two),
                             obj2("y", two, "x", num("1.0"))));
    ck_assert(rg_value_hash(obj2("x", one, "y", two)) ==
              rg_value_hash(obj2("y", two, "x", num("1.0"))));
}
END_TEST

START_TEST(collections_should_hash_apart)
{
    rg_builder *o = rg_object_builder(arena, 0);
    rg_builder *s = rg_set_builder(arena, 0);
    const rg_value *eo = rg_builder_finish(o);
    const rg_value *es = rg_builder_finish(s);
    const rg_value *ea = rg_array(arena, NULL, 0);
    ck_assert(rg_value_hash(eo) != rg_value_hash(es));
    ck_assert(rg_value_hash(ea) != rg_value_hash(es));
    ck_assert(!rg_value_equal(eo, es));
    ck_assert_uint_eq(rg_len(eo), 0);
    ck_assert_ptr_null(rg_object_get(eo, str("a")));
    ck_assert(!rg_set_contains(es, str("a")));
}
END_TEST

START_TEST(copy_should_be_deep_and_equal)
{
    rg_builder *b = rg_object_builder(arena, 0);
    for (int i = 0; i < 20; i++) {
        char key[8];
        snprintf(key, sizeof key, "k%d", 19 - i);
        rg_builder_put(b, str(key), num("1.50"));
    }
    rg_builder *s = rg_set_builder(arena, 0);
    rg_builder_add(s, num("18446744073709551616"));
    rg_builder_add(s, rg_int(arena, 100000));
    const rg_value *items[] = { rg_builder_finish(b), rg_builder_finish(s),
                                str("x"), rg_null() };
    const rg_value *orig = rg_array(arena, items, 4);
    rg_arena *other = rg_arena_new(0);
    const rg_value *copy = rg_value_copy(other, orig);
    rg_arena_free(arena);
    arena = rg_arena_new(0);
    ck_assert_uint_eq(rg_len(copy), 4);
    const rg_value *obj = rg_array_at(copy, 0);
    ck_assert_uint_eq(rg_len(obj), 20);
    ck_assert_str_eq(rg_string_bytes(rg_object_key_at(obj, 0)), "k0");
    ck_assert_str_eq(rg_number_text(other, rg_object_get_str(obj, "k7", 2)),
                     "1.50");
    ck_assert_int_eq(rg_object_index(obj, str("k11")), 3);
    ck_assert_int_eq(rg_object_index(obj, str("nope")), -1);
    const rg_value *set = rg_array_at(copy, 1);
    ck_assert(rg_set_contains(set, num("18446744073709551616")));
    ck_assert_int_eq(rg_set_index(set, num("100000.0")), 0);
    ck_assert_str_eq(rg_string_bytes(rg_array_at(copy, 2)), "x");
    rg_arena_free(other);
}
END_TEST

static Suite *value_suite(void)
{
    Suite *s = suite_create("value");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, scalars_should_be_singletons);
    tcase_add_test(tc, int_should_round_trip);
    tcase_add_test(tc, number_parse_should_reject_invalid);
    tcase_add_test(tc, number_should_keep_literal_text);
    tcase_add_test(tc, numbers_should_compare_exactly);
    tcase_add_test(tc, number_should_report_integer_and_int64);
    tcase_add_test(tc, number_should_convert_to_double);
    tcase_add_test(tc, strings_should_hold_bytes);
    tcase_add_test(tc, kinds_should_order_like_opa);
    tcase_add_test(tc, arrays_should_compare_elementwise);
    tcase_add_test(tc, object_should_sort_and_find_keys);
    tcase_add_test(tc, builder_should_report_conflicts);
    tcase_add_test(tc, large_object_should_use_index);
    tcase_add_test(tc, set_should_merge_equal_elements);
    tcase_add_test(tc, large_set_should_find_every_element);
    tcase_add_test(tc, objects_should_compare_keys_then_values);
    tcase_add_test(tc, collections_should_hash_apart);
    tcase_add_test(tc, copy_should_be_deep_and_equal);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES value_suite
#include "tests/unit/check_main.h"
