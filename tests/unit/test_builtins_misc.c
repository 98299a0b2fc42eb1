/*
 * Unit tests for units.c, semver.c, uri.c, glob.c, globs.c, graph.c
 * and strings.render_template (render.c and template_*.c).
 */
#include <check.h>

#include "runtime/builtins/regex_cache.h"
#include "tests/unit/bcall.h"

static void misc_teardown(void)
{
    bcall_teardown();
    rg_regex_cache_clear();
}

START_TEST(units_should_parse_quantities)
{
    ck_assert_str_eq(call("units.parse", 1, S("500m")), "0.5000000000");
    ck_assert_str_eq(call("units.parse", 1, S("2Ki")), "2048");
    ck_assert_str_eq(call("units.parse", 1, S("1.5M")), "1500000");
    ck_assert_str_eq(call("units.parse", 1, S("\"3k\"")), "3000");
    ck_assert_str_eq(call("units.parse", 1, S("1x")),
                     "error: units.parse: unit x not recognized");
    ck_assert_str_eq(call("units.parse_bytes", 1, S("2MiB")), "2097152");
    ck_assert_str_eq(call("units.parse_bytes", 1, S("1.1KB")), "1100");
    ck_assert_str_eq(call("units.parse_bytes", 1, S("1e3")), "1000");
    ck_assert_str_eq(call("units.parse_bytes", 1, S("GB")),
                     "error: units.parse_bytes: no byte amount provided");
    ck_assert_str_eq(call("units.parse_bytes", 1, S("1 GB")),
                     "error: units.parse_bytes: spaces not allowed in "
                     "resource strings");
    ck_assert_str_eq(call("units.parse_bytes", 1, S("1e1000000")),
                     "error: units.parse_bytes: exponent too large");
    ck_assert_str_eq(call("units.parse_bytes", 1, S("1.2.3")),
                     "error: units.parse_bytes: could not parse byte amount"
                     " to a number");
}
END_TEST

START_TEST(semver_should_order_versions)
{
    ck_assert_str_eq(call("semver.compare", 2, S("1.0.0"), S("2.0.0")),
                     "-1");
    ck_assert_str_eq(call("semver.compare", 2, S("1.0.0-alpha"),
                          S("1.0.0")), "-1");
    ck_assert_str_eq(call("semver.compare", 2, S("1.0.0-alpha.10"),
                          S("1.0.0-alpha.9")), "1");
    ck_assert_str_eq(call("semver.compare", 2, S("1.0.0+b1"),
                          S("1.0.0+b2")), "0");
    ck_assert_str_eq(call("semver.compare", 2, S("1"), S("1.0.0")),
                     "error: semver.compare: operand 1: string \"1\" is not "
                     "a valid SemVer");
    ck_assert_str_eq(call("semver.is_valid", 1, S("01.2.3")), "false");
    ck_assert_str_eq(call("semver.is_valid", 1, S("1.2.3-rc.1+x")), "true");
    ck_assert_str_eq(call("semver.is_valid", 1, I(1)), "false");
}
END_TEST

START_TEST(uri_should_parse_like_go)
{
    ck_assert_str_eq(call("uri.parse", 1,
                          S("https://example.com:8080/api?q=1#top")),
                     "{\"fragment\": \"top\", \"hostname\": \"example.com\","
                     " \"path\": \"/api\", \"port\": \"8080\", \"raw_path\":"
                     " \"/api\", \"raw_query\": \"q=1\", \"scheme\": "
                     "\"https\"}");
    ck_assert_str_eq(call("uri.parse", 1, S("http://[::1]:80/")),
                     "{\"hostname\": \"::1\", \"path\": \"/\", \"port\": "
                     "\"80\", \"raw_path\": \"/\", \"scheme\": \"http\"}");
    ck_assert_str_eq(call("uri.parse", 1, S("http://exa%6dple.com/")),
                     "error: uri.parse: parse \"http://exa%6dple.com/\": "
                     "invalid URL escape \"%6d\"");
    ck_assert_str_eq(call("uri.is_valid", 1, S("http://a<b@x.com/")),
                     "false");
    ck_assert_str_eq(call("uri.is_valid", 1, S("http://x.com:8a/")),
                     "false");
    ck_assert_str_eq(call("uri.parse", 1, S("mailto:u@x.com")),
                     "{\"scheme\": \"mailto\"}");
}
END_TEST

START_TEST(glob_should_follow_gobwas)
{
    ck_assert_str_eq(call("glob.match", 3, S("*.github.com"),
                          ARR(1, S(".")), S("api.github.com")), "true");
    ck_assert_str_eq(call("glob.match", 3, S("*.github.com"), ARR(0),
                          S("a.b.github.com")), "false");
    ck_assert_str_eq(call("glob.match", 3, S("**.github.com"), ARR(0),
                          S("a.b.github.com")), "true");
    ck_assert_str_eq(call("glob.match", 3, S("*"), NUL(), S("a.b")),
                     "true");
    ck_assert_str_eq(call("glob.match", 3, S("{cat,[fr]at}"), ARR(0),
                          S("rat")), "true");
    ck_assert_str_eq(call("glob.match", 3, S("[!a-c]at"), ARR(0),
                          S("bat")), "false");
    ck_assert_str_eq(call("glob.match", 3, S("a"), ARR(1, S("ab")),
                          S("a")),
                     "error: glob.match: operand 2 must be array of runes "
                     "but got array containing string");
    ck_assert_str_eq(call("glob.quote_meta", 1, S("*.{a}[b]?")),
                     "\"\\\\*.\\\\{a\\\\}\\\\[b\\\\]\\\\?\"");
}
END_TEST

START_TEST(globs_should_intersect_patterns)
{
    ck_assert_str_eq(call("regex.globs_match", 2, S("a.a.[0-9]+z"),
                          S(".b.b2359825792*594823z")), "true");
    ck_assert_str_eq(call("regex.globs_match", 2, S("a+"), S("b*")),
                     "false");
    ck_assert_str_eq(call("regex.globs_match", 2, S("a*"), S("b*")),
                     "true");
    ck_assert_str_eq(call("regex.globs_match", 2, S("pqrs]"), S("a")),
                     "error: regex.globs_match: input:pqrs], pos:5, "
                     "set-close ']' with no preceding '[': the input "
                     "provided is invalid");
}
END_TEST

START_TEST(graph_should_reach_and_walk)
{
    const rg_value *g = OBJ(3, S("a"), SET(1, S("b")), S("b"),
                            ARR(1, S("c")), S("c"), SET(1, S("a")));
    ck_assert_str_eq(call("graph.reachable", 2, g, ARR(1, S("a"))),
                     "{\"a\", \"b\", \"c\"}");
    ck_assert_str_eq(call("graph.reachable_paths", 2, g, SET(1, S("a"))),
                     "{[\"a\", \"b\", \"c\"]}");
    ck_assert_str_eq(call("graph.reachable", 2, g, S("a")),
                     "error: graph.reachable: operand 2 must be {array, "
                     "set} but got string");
    ck_assert_str_eq(call("walk", 1, OBJ(1, S("a"), ARR(1, I(1)))),
                     "[[[], {\"a\": [1]}], [[\"a\"], [1]], [[\"a\", 0], 1]]");
}
END_TEST

START_TEST(graph_should_bound_path_length)
{
    rg_builder *b = rg_object_builder(bcall_ctx.arena, 0);
    char key[32], next[32];
    for (int i = 0; i < 12000; i++) {
        snprintf(key, sizeof key, "n%d", i);
        snprintf(next, sizeof next, "n%d", i + 1);
        rg_builder_put(b, S(key), ARR(1, S(next)));
    }
    const rg_value *chain = rg_builder_finish(b);
    ck_assert_str_eq(call("graph.reachable_paths", 2, chain,
                          ARR(1, S("n0"))),
                     "error: graph.reachable_paths: path longer than 10000 "
                     "nodes");
    ck_assert_str_eq(call("count", 1, SET(0)), "0");
    const rg_value *all = NULL;
    const rg_value *args[2] = { chain, ARR(1, S("n0")) };
    ck_assert_int_eq(bctx_double_call(&bcall_ctx, "graph.reachable", args,
                                      2, &all), RG_BUILTIN_OK);
    ck_assert_uint_eq(rg_len(all), 12000);
}
END_TEST

START_TEST(template_should_render_go_templates)
{
    const rg_value *vars = OBJ(3, S("names"), ARR(2, S("ann"), S("bo")),
                               S("n"), I(3), S("o"), OBJ(1, S("k"),
                                                         S("v")));
    ck_assert_str_eq(call("strings.render_template", 2,
                          S("{{range $i, $x := .names}}{{if $i}},{{end}}"
                            "hi {{$x}}{{end}}"), vars),
                     "\"hi ann,hi bo\"");
    ck_assert_str_eq(call("strings.render_template", 2,
                          S("{{if gt .n 5}}big{{else if eq .n 3}}three"
                            "{{else}}small{{end}}"), vars), "\"three\"");
    ck_assert_str_eq(call("strings.render_template", 2,
                          S("{{.missing}} {{with .o}}{{.k}}{{end}} "
                            "{{printf \"%03.0f\" .n}} {{- \" x\" }}"),
                          vars),
                     "\"<undefined> v 003 x\"");
    ck_assert_str_eq(call("strings.render_template", 2, S("{{.o}} {{.names}}"),
                          vars), "\"map[k:v] [ann bo]\"");
    ck_assert_str_eq(call("strings.render_template", 2,
                          S("{{html \"<a&'b>\"}}|{{\"a b/c\" | urlquery}}|"
                            "{{js \"x'<\"}}"), vars),
                     "\"&lt;a&amp;&#39;b&gt;|a+b%2Fc|x\\\\'\\\\u003C\"");
    ck_assert_str_eq(call("strings.render_template", 2, S("{{if .n}}"),
                          vars),
                     "error: strings.render_template: template: template:1:"
                     " unexpected EOF");
}
END_TEST

static Suite *misc_suite(void)
{
    Suite *s = suite_create("builtins_misc");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, bcall_setup, misc_teardown);
    tcase_add_test(tc, units_should_parse_quantities);
    tcase_add_test(tc, semver_should_order_versions);
    tcase_add_test(tc, uri_should_parse_like_go);
    tcase_add_test(tc, glob_should_follow_gobwas);
    tcase_add_test(tc, globs_should_intersect_patterns);
    tcase_add_test(tc, graph_should_reach_and_walk);
    tcase_add_test(tc, graph_should_bound_path_length);
    tcase_add_test(tc, template_should_render_go_templates);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES misc_suite
#include "tests/unit/check_main.h"
