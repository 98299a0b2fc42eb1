/*
 * Unit tests for the net.* builtins: CIDR containment, matching,
 * expansion, merging and validation, and localhost lookups (resolved
 * from /etc/hosts; no other host is queried).
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

static const char *call1(const char *name, const rg_value *a)
{
    const rg_value *out;
    const rg_value *args[1] = { a };
    rg_bstatus st = bctx_double_call(&ctx, name, args, 1, &out);
    return st == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

static const char *call2(const char *name, const rg_value *a,
                         const rg_value *b)
{
    const rg_value *out;
    const rg_value *args[2] = { a, b };
    rg_bstatus st = bctx_double_call(&ctx, name, args, 2, &out);
    return st == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

static const char *contains(const char *a, const char *b)
{
    return call2("net.cidr_contains", S(a), S(b));
}

START_TEST(cidr_contains_should_check_addresses_and_networks)
{
    ck_assert_str_eq(contains("10.0.0.0/8", "10.1.2.3"), "true");
    ck_assert_str_eq(contains("10.0.0.0/8", "192.168.1.1"), "false");
    ck_assert_str_eq(contains("10.0.0.0/8", "10.1.1.1/32"), "true");
    ck_assert_str_eq(contains("172.17.0.0/24", "172.17.0.0/16"), "false");
    ck_assert_str_eq(contains("2001:4860:4860::8888/32",
                              "2001:4860:4860:1234::8888/40"), "true");
    ck_assert_str_eq(contains("2001:4860::/96", "2001:4860::/32"), "false");
    ck_assert_str_eq(contains("10.0.0.0/8", "::ffff:10.0.0.1"), "true");
    ck_assert_str_eq(contains("not-a-cidr", "192.168.1.67"),
                     "net.cidr_contains: invalid CIDR address: not-a-cidr");
    ck_assert_str_eq(contains("192.168.1.0/28", "not-a-cidr"),
                     "net.cidr_contains: not a valid textual representation "
                     "of an IP address or CIDR: not-a-cidr");
    ck_assert_str_eq(contains("10.0.0.0/8", "010.1.2.3"),
                     "net.cidr_contains: not a valid textual representation "
                     "of an IP address or CIDR: 010.1.2.3");
    ck_assert_str_eq(call2("net.cidr_contains", I(1), S("1.1.1.1")),
                     "net.cidr_contains: operand 1 must be string but got "
                     "number");
}
END_TEST

START_TEST(cidr_intersects_should_compare_networks)
{
    ck_assert_str_eq(call2("net.cidr_intersects", S("192.168.1.0/25"),
                           S("192.168.1.64/25")), "true");
    ck_assert_str_eq(call2("net.cidr_intersects",
                           S("fd1e:5bfe:8af3:9ddc::/64"),
                           S("2001:4860:4860::8888/32")), "false");
    ck_assert_str_eq(call2("net.cidr_intersects", S("10.0.0.0/8"), S("x")),
                     "net.cidr_intersects: invalid CIDR address: x");
}
END_TEST

START_TEST(cidr_contains_matches_should_pair_keys)
{
    ck_assert_str_eq(call2("net.cidr_contains_matches", S("1.1.1.0/24"),
                           S("1.1.1.1")),
                     "{[\"1.1.1.0/24\", \"1.1.1.1\"]}");
    ck_assert_str_eq(call2("net.cidr_contains_matches",
                           ARR(2, ARR(2, S("1.1.2.0/24"), I(1)),
                               S("1.1.1.0/24")),
                           ARR(2, S("1.1.1.1"), S("1.1.2.1"))),
                     "{[0, 1], [1, 0]}");
    ck_assert_str_eq(call2("net.cidr_contains_matches",
                           OBJ(2, S("k1"), S("1.1.1.1/24"),
                               S("k2"), ARR(2, S("1.1.1.2/24"), I(1))),
                           S("1.1.1.128")),
                     "{[\"k1\", \"1.1.1.128\"], [\"k2\", \"1.1.1.128\"]}");
    ck_assert_str_eq(call2("net.cidr_contains_matches", S("1.1.1.0/24"),
                           SET(1, ARR(0))),
                     "net.cidr_contains_matches: operand 2: element must be "
                     "string or non-empty array");
    ck_assert_str_eq(ctx.error_code, "eval_builtin_error");
}
END_TEST

START_TEST(cidr_expand_should_list_addresses)
{
    ck_assert_str_eq(call1("net.cidr_expand", S("192.168.1.1/30")),
                     "{\"192.168.1.0\", \"192.168.1.1\", \"192.168.1.2\", "
                     "\"192.168.1.3\"}");
    ck_assert_str_eq(call1("net.cidr_expand", S("192.168.1.1/32")),
                     "{\"192.168.1.1\"}");
    ck_assert_str_eq(call1("net.cidr_expand", S("fe80::/127")),
                     "{\"fe80::\", \"fe80::1\"}");
    ck_assert_str_eq(call1("net.cidr_expand", S("192.168.1.1/33")),
                     "net.cidr_expand: invalid CIDR address: 192.168.1.1/33");
    ck_assert_str_eq(call1("net.cidr_expand", S("10.0.0.0/8")),
                     "net.cidr_expand: 10.0.0.0/8 has more than 1048576 "
                     "addresses");
}
END_TEST

START_TEST(cidr_is_valid_should_accept_only_cidrs)
{
    ck_assert_str_eq(call1("net.cidr_is_valid", S("10.0.0.0/8")), "true");
    ck_assert_str_eq(call1("net.cidr_is_valid", S("::/0")), "true");
    ck_assert_str_eq(call1("net.cidr_is_valid", S("10.0.0.1")), "false");
    ck_assert_str_eq(call1("net.cidr_is_valid", S("10.0.0.0/33")), "false");
    ck_assert_str_eq(call1("net.cidr_is_valid", I(1)), "false");
}
END_TEST

static const char *merge(const rg_value *v)
{
    return call1("net.cidr_merge", v);
}

START_TEST(cidr_merge_should_join_ranges)
{
    ck_assert_str_eq(merge(ARR(2, S("192.0.128.0/24"), S("192.0.129.0/24"))),
                     "{\"192.0.128.0/23\"}");
    ck_assert_str_eq(merge(ARR(3, S("192.0.2.112/30"), S("192.0.2.116/31"),
                               S("192.0.2.118/31"))),
                     "{\"192.0.2.112/29\"}");
    ck_assert_str_eq(merge(ARR(3, S("192.0.2.112/31"), S("192.0.2.116/31"),
                               S("192.0.2.118/31"))),
                     "{\"192.0.2.112/31\", \"192.0.2.116/30\"}");
    ck_assert_str_eq(merge(ARR(2, S("192.0.128.0/24"), S("0.0.0.0/0"))),
                     "{\"0.0.0.0/0\"}");
    ck_assert_str_eq(merge(ARR(3, S("::/0"), S("::192.0.2.0/124"),
                               S("ff00::101/128"))),
                     "{\"::/0\"}");
    ck_assert_str_eq(merge(ARR(5, S("fe80::/120"), S("192.0.2.0/24"),
                               S("192.0.3.0/24"), S("192.0.4.0/25"),
                               S("192.0.4.128/25"))),
                     "{\"192.0.2.0/23\", \"192.0.4.0/24\", \"fe80::/120\"}");
    ck_assert_str_eq(merge(ARR(3, S("192.0.2.112"), S("192.0.2.116/31"),
                               S("192.0.2.118/31"))),
                     "{\"192.0.2.0/24\"}");
    ck_assert_str_eq(
        merge(ARR(2, S("2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64"),
                  S("2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"))),
        "{\"2601:600:8a80:207e::/64\"}");
    ck_assert_str_eq(merge(ARR(0)), "set()");
    ck_assert_str_eq(merge(ARR(1, S("2601:600:8a80:207e:a57d:7567:e2c9:e7b3"))),
                     "net.cidr_merge: IPv6 invalid: needs prefix length");
    ck_assert_str_eq(merge(ARR(1, S("foo"))),
                     "net.cidr_merge: invalid CIDR address: foo");
    ck_assert_str_eq(merge(ARR(1, I(1))),
                     "net.cidr_merge: element must be string");
}
END_TEST

START_TEST(lookup_ip_addr_should_resolve_literals_and_localhost)
{
    ck_assert_str_eq(call1("net.lookup_ip_addr", S("10.0.0.0")),
                     "{\"10.0.0.0\"}");
    ck_assert_str_eq(call1("net.lookup_ip_addr", S("::")), "{\"::\"}");
    const char *local = call1("net.lookup_ip_addr", S("localhost"));
    ck_assert_msg(strcmp(local, "{\"127.0.0.1\"}") == 0 ||
                  strcmp(local, "{\"127.0.0.1\", \"::1\"}") == 0 ||
                  strcmp(local, "{\"::1\"}") == 0, "got %s", local);
}
END_TEST

static Suite *net_suite(void)
{
    Suite *s = suite_create("net");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, cidr_contains_should_check_addresses_and_networks);
    tcase_add_test(tc, cidr_intersects_should_compare_networks);
    tcase_add_test(tc, cidr_contains_matches_should_pair_keys);
    tcase_add_test(tc, cidr_expand_should_list_addresses);
    tcase_add_test(tc, cidr_is_valid_should_accept_only_cidrs);
    tcase_add_test(tc, cidr_merge_should_join_ranges);
    tcase_add_test(tc, lookup_ip_addr_should_resolve_literals_and_localhost);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES net_suite
#include "tests/unit/check_main.h"
