/*
 * Unit tests for YAML loading: go-yaml v2 scalar resolution, key
 * conversion, merges, anchors, documents, errors and positions,
 * including the edge cases seen in real Kubernetes manifests.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime/json.h"
#include "runtime/yaml.h"

static rg_arena *arena;
static rg_errors errs;
static char warnings[2048];

static void setup(void)
{
    arena = rg_arena_new(0);
    rg_errors_init(&errs);
    warnings[0] = '\0';
}

static void teardown(void)
{
    rg_errors_free(&errs);
    rg_arena_free(arena);
}

static const rg_value *load(const char *text)
{
    return rg_yaml_parse(arena, text, strlen(text), "t.yaml", NULL, &errs);
}

/* The JSON text of the single document text. */
static char *json_of(const char *text)
{
    const rg_value *v = load(text);
    if (v == NULL) {
        char *e = errs.count ? rg_error_format(&errs.items[0])
                             : strdup("no error");
        ck_abort_msg("did not load: %s: %s", text, e);
    }
    return rg_json_text(v, 0, 0);
}

static void check_json(const char *text, const char *want)
{
    char *got = json_of(text);
    ck_assert_msg(strcmp(got, want) == 0, "%s: got %s, want %s", text, got,
                  want);
    free(got);
}

/* The value of key v in "v: <scalar>" as JSON. */
static void check_scalar(const char *scalar, const char *want_json)
{
    char text[256], want[256];
    snprintf(text, sizeof text, "v: %s\n", scalar);
    snprintf(want, sizeof want, "{\"v\":%s}", want_json);
    check_json(text, want);
}

static void check_error(const char *text, const char *want)
{
    rg_errors_free(&errs);
    rg_errors_init(&errs);
    ck_assert_msg(load(text) == NULL, "loaded: %s", text);
    ck_assert_uint_ge(errs.count, 1);
    char *got = rg_error_format(&errs.items[0]);
    ck_assert_msg(strstr(got, want) != NULL, "error %s lacks %s", got, want);
    free(got);
}

START_TEST(yaml_should_resolve_yaml11_booleans)
{
    check_json("y: 1\nn: 2\non: 3\n", "{\"false\":2,\"true\":3}");
    const char *yes[] = { "y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
                          "true", "True", "TRUE" };
    const char *no[] = { "n", "N", "no", "No", "NO", "off", "Off", "OFF",
                         "false", "False", "FALSE" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        check_scalar(yes[i], "true");
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        check_scalar(no[i], "false");
    check_scalar("\"yes\"", "\"yes\"");
    check_scalar("'on'", "\"on\"");
    check_scalar("yEs", "\"yEs\"");
    check_scalar("oN", "\"oN\"");
}
END_TEST

START_TEST(yaml_should_resolve_nulls)
{
    check_scalar("~", "null");
    check_scalar("null", "null");
    check_scalar("Null", "null");
    check_scalar("NULL", "null");
    check_scalar("", "null");
    check_scalar("nULL", "\"nULL\"");
    check_scalar("\"\"", "\"\"");
}
END_TEST

START_TEST(yaml_should_resolve_integers)
{
    check_scalar("0400", "256");
    check_scalar("0777", "511");
    check_scalar("0o17", "15");
    check_scalar("0x1F", "31");
    check_scalar("-0x10", "-16");
    check_scalar("0b101", "5");
    check_scalar("-0b101", "-5");
    check_scalar("+12", "12");
    check_scalar("1_000", "1000");
    check_scalar("-0", "0");
    check_scalar("08", "8");
    check_scalar("9223372036854775807", "9223372036854775807");
    check_scalar("18446744073709551614", "18446744073709551614");
    check_scalar("123456789012345678901234567890",
                 "123456789012345678901234567890");
    check_scalar("-9223372036854775809", "-9223372036854775809");
    check_scalar("0xFFFFFFFFFFFFFFFF", "18446744073709551615");
    check_scalar("0o1777777777777777777777", "18446744073709551615");
    check_scalar("0x10000000000000000", "\"0x10000000000000000\"");
    check_scalar("0x", "\"0x\"");
    check_scalar("+", "\"+\"");
    check_scalar("1:20", "\"1:20\"");
}
END_TEST

START_TEST(yaml_should_resolve_floats_like_json)
{
    check_scalar("1.5", "1.5");
    check_scalar("0.5", "0.5");
    check_scalar(".5", "0.5");
    check_scalar("-.5", "-0.5");
    check_scalar("1.0", "1");
    check_scalar("100.0", "100");
    check_scalar("0.1", "0.1");
    check_scalar("1.5e+3", "1500");
    check_scalar("1e-7", "1e-7");
    check_scalar("1.0e-7", "1e-7");
    check_scalar("0.000001", "0.000001");
    check_scalar("1.0e+21", "1e+21");
    check_scalar("3.14159265358979323846", "3.141592653589793");
    check_scalar("1e3", "\"1e3\"");
    check_scalar("1.5e3", "\"1.5e3\"");
    check_scalar("1.", "\"1.\"");
    check_scalar("1.5e+400", "\"1.5e+400\"");
    check_scalar("1.2.3", "\"1.2.3\"");
}
END_TEST

START_TEST(yaml_should_reject_inf_and_nan)
{
    check_error("v: .inf\n", "t.yaml:1:4: yaml_parse_error: invalid value "
                ".inf: infinity and NaN have no JSON form");
    check_error("v: -.Inf\n", "invalid value -.Inf");
    check_error("v: .NaN\n", "invalid value .NaN");
    check_json(".inf: 1\n", "{\".inf\":1}");
}
END_TEST

START_TEST(yaml_should_keep_other_plain_strings)
{
    check_scalar("=", "\"=\"");
    check_scalar("2021-01-01", "\"2021-01-01\"");
    check_scalar("2001-12-14t21:59:43.10-05:00",
                 "\"2001-12-14t21:59:43.10-05:00\"");
    check_scalar("<<", "\"<<\"");
    check_scalar("echo {{ .Values.x }}", "\"echo {{ .Values.x }}\"");
    check_scalar("\"{{ .Values.x }}\"", "\"{{ .Values.x }}\"");
    check_json("- =\n- '!='\n", "[\"=\",\"!=\"]");
}
END_TEST

START_TEST(yaml_should_apply_explicit_tags)
{
    check_scalar("!!str 12", "\"12\"");
    check_scalar("!!str yes", "\"yes\"");
    check_scalar("!!int \"12\"", "12");
    check_scalar("!!bool yes", "true");
    check_scalar("!!float 3", "3");
    check_scalar("!!float 0.25", "0.25");
    check_scalar("!!null ~", "null");
    check_scalar("!!binary aGVsbG8=", "\"hello\"");
    check_scalar("!!timestamp 2001-12-14", "\"2001-12-14\"");
    check_scalar("!foo 12", "\"12\"");
    check_scalar("! 12", "\"12\"");
    check_error("v: !!int abc\n", "1:4: yaml_parse_error: cannot decode "
                "!!str `abc` as a !!int");
    check_error("v: !!bool 1\n", "cannot decode !!int `1` as a !!bool");
    check_error("v: !!null x\n", "cannot decode !!str `x` as a !!null");
    check_error("v: !!binary a$b=\n", "!!binary value contains invalid "
                "base64 data");
}
END_TEST

START_TEST(yaml_should_convert_keys)
{
    check_json("1: a\ntrue: b\n1.5: c\n0.1: d\nyes: e\nx: f\n",
               "{\"0.1\":\"d\",\"1\":\"a\",\"1.5\":\"c\",\"true\":\"e\","
               "\"x\":\"f\"}");
    check_json("\"1\": a\n", "{\"1\":\"a\"}");
    check_json("0x10: a\n-2: b\n", "{\"-2\":\"b\",\"16\":\"a\"}");
    check_error("~: a\n", "1:1: yaml_parse_error: invalid mapping key null");
    check_error("null: a\n", "invalid mapping key null");
    check_error("? ~\n: a\n", "invalid mapping key null");
    check_error("[a, b]: c\n", "invalid mapping key: a sequence or "
                "mapping cannot be a key");
    check_error("? {a: 1}\n: c\n", "invalid mapping key");
    check_error("18446744073709551615: a\n", "invalid mapping key (an "
                "integer beyond 64 bits)");
}
END_TEST

static void collect_warning(void *user, const char *file, int line, int col,
                            const char *message)
{
    (void)user;
    size_t n = strlen(warnings);
    snprintf(warnings + n, sizeof warnings - n, "%s:%d:%d: %s\n", file, line,
             col, message);
}

/* Load a stream, writing each document as JSON (or "-" when empty, "!"
 * when failed) separated by " | " into out. */
typedef struct docs {
    char text[4096];
    int lines[16];
    int count;
} docs;

static bool collect_doc(void *user, const rg_yaml_doc *doc)
{
    docs *d = user;
    size_t n = strlen(d->text);
    char *json = doc->value ? rg_json_text(doc->value, 0, 0) : NULL;
    const char *shown = json ? json : "-";
    if (doc->failed)
        shown = "!";
    snprintf(d->text + n, sizeof d->text - n, "%s%s", n ? " | " : "",
             shown);
    free(json);
    if (d->count < 16)
        d->lines[d->count] = doc->line;
    d->count++;
    return true;
}

static int stream(const char *text, docs *d)
{
    memset(d, 0, sizeof *d);
    rg_yaml_options opts = { "s.yaml", NULL, false, collect_warning, NULL };
    return rg_yaml_stream(arena, text, strlen(text), &opts, collect_doc, d,
                          &errs);
}

START_TEST(yaml_should_warn_on_duplicate_keys)
{
    docs d;
    ck_assert_int_eq(stream("a: 1\nsel: x\nb: 2\nsel: z\n", &d), 0);
    ck_assert_str_eq(d.text, "{\"a\":1,\"b\":2,\"sel\":\"z\"}");
    ck_assert_str_eq(warnings, "s.yaml:4:1: duplicate mapping key \"sel\": "
                     "the value at line 4 replaces the one at line 2\n");
}
END_TEST

START_TEST(yaml_should_merge_keys)
{
    check_json("base: &b {p: 1, q: 2}\nv:\n  <<: *b\n  q: 3\n",
               "{\"base\":{\"p\":1,\"q\":2},\"v\":{\"p\":1,\"q\":3}}");
    check_json("b: &b {p: 1, q: 2}\nv:\n  q: 3\n  <<: *b\n",
               "{\"b\":{\"p\":1,\"q\":2},\"v\":{\"p\":1,\"q\":3}}");
    check_json("a: &a {x: 1}\nb: &b {x: 2, z: 2}\nv:\n  <<: [*a, *b]\n",
               "{\"a\":{\"x\":1},\"b\":{\"x\":2,\"z\":2},"
               "\"v\":{\"x\":1,\"z\":2}}");
    check_json("v:\n  <<: {k: 1}\n", "{\"v\":{\"k\":1}}");
    check_json("v: {<<: []}\n", "{\"v\":{}}");
    check_json("v: {'<<': 1}\n", "{\"v\":{\"<<\":1}}");
    check_json("v: {!!merge '<<': {m: 1}}\n", "{\"v\":{\"m\":1}}");
    check_error("v:\n  <<: 3\n", "map merge requires map or sequence of "
                "maps as the value");
    check_error("v:\n  <<: [1]\n", "map merge requires map");
}
END_TEST

START_TEST(yaml_should_expand_aliases)
{
    check_json("cmd: &cmd [sh, -c, run]\nc1: {command: *cmd}\n"
               "c2: {command: *cmd}\n",
               "{\"c1\":{\"command\":[\"sh\",\"-c\",\"run\"]},"
               "\"c2\":{\"command\":[\"sh\",\"-c\",\"run\"]},"
               "\"cmd\":[\"sh\",\"-c\",\"run\"]}");
    check_json("a: &x 5\nb: *x\n", "{\"a\":5,\"b\":5}");
    check_json("a: &k key\n*k : v\n", "{\"a\":\"key\",\"key\":\"v\"}");
    check_error("a: *nope\n", "1:4: yaml_parse_error: unknown anchor "
                "'nope' referenced");
    check_error("a: &s [1, *s]\n", "anchor 's' value contains itself");
}
END_TEST

START_TEST(yaml_should_stop_billion_laughs)
{
    char text[4096] = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'j'; c++) {
        size_t n = strlen(text);
        snprintf(text + n, sizeof text - n, "%c: &%c [*%c, *%c, *%c, *%c, "
                 "*%c, *%c, *%c, *%c, *%c, *%c]\n", c, c, c - 1, c - 1,
                 c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
    }
    check_error(text, "document expands to more than 10000000 nodes "
                "through aliases");
}
END_TEST

START_TEST(yaml_should_split_documents)
{
    docs d;
    ck_assert_int_eq(stream("# banner\n---\na: 1\n---\n---\n# only a "
                            "comment\n---\nb: 2\n...\n---\nc: 3\n---\n", &d),
                     0);
    ck_assert_str_eq(d.text, "{\"a\":1} | - | - | {\"b\":2} | {\"c\":3} | -");
    ck_assert_int_eq(d.count, 6);
    ck_assert_int_eq(d.lines[0], 2);
    ck_assert_int_eq(d.lines[3], 7);
    ck_assert_int_eq(d.lines[4], 10);
    ck_assert_int_eq(stream("", &d), 0);
    ck_assert_int_eq(d.count, 0);
    ck_assert_int_eq(stream("a: 1", &d), 0);
    ck_assert_str_eq(d.text, "{\"a\":1}");
    ck_assert_int_eq(stream("--- null\n", &d), 0);
    ck_assert_str_eq(d.text, "null");
}
END_TEST

START_TEST(yaml_should_continue_after_bad_document)
{
    docs d;
    ck_assert_int_eq(stream("a: .nan\n---\nb: 1\n", &d), -1);
    ck_assert_str_eq(d.text, "! | {\"b\":1}");
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_int_eq(errs.items[0].line, 1);
}
END_TEST

START_TEST(yaml_should_accept_crlf_bom_and_tabs)
{
    check_json("a: x\r\nb:\r\n  - z\r\n", "{\"a\":\"x\",\"b\":[\"z\"]}");
    check_json("\xEF\xBB\xBF" "a: 1\n", "{\"a\":1}");
    check_json("{\n\t\"a\": [1,\t2],\n\t\"b\": \"x\"\n}\n",
               "{\"a\":[1,2],\"b\":\"x\"}");
    check_json("a: \"tab\\there\"\n", "{\"a\":\"tab\\there\"}");
    check_json("s: |\n  line1\n  line2\n", "{\"s\":\"line1\\nline2\\n\"}");
    check_json("%YAML 1.1\n---\na: on\n", "{\"a\":true}");
    const char utf16[] = "\xff\xfe" "a\0:\0 \0" "1\0\n\0";
    const rg_value *v = rg_yaml_parse(arena, utf16, sizeof utf16 - 1,
                                      "t.yaml", NULL, &errs);
    ck_assert_ptr_nonnull(v);
    ck_assert(rg_value_equal(rg_object_get_str(v, "a", 1), rg_int(arena, 1)));
}
END_TEST

START_TEST(yaml_should_load_long_scalars)
{
    size_t n = 200000;
    char *text = malloc(n + 16);
    memcpy(text, "k: ", 3);
    memset(text + 3, 'x', n);
    memcpy(text + 3 + n, "\n", 2);
    const rg_value *v = load(text);
    ck_assert_ptr_nonnull(v);
    ck_assert_uint_eq(rg_string_len(rg_object_get_str(v, "k", 1)), n);
    free(text);
}
END_TEST

START_TEST(yaml_should_limit_depth)
{
    size_t n = 200;
    char *text = malloc(2 * n + 2);
    memset(text, '[', n);
    memset(text + n, ']', n);
    text[2 * n] = '\0';
    ck_assert_ptr_nonnull(load(text));
    free(text);
    n = RG_YAML_MAX_DEPTH + 10;
    text = malloc(2 * n + 2);
    memset(text, '[', n);
    memset(text + n, ']', n);
    text[2 * n] = '\0';
    ck_assert_ptr_null(load(text));
    ck_assert_uint_ge(errs.count, 1);
    free(text);
}
END_TEST

/* A very deep flow collection stops at the limit: reading on would take
 * minutes (libyaml's cost per token grows with the flow depth). */
START_TEST(yaml_should_stop_reading_at_depth_limit)
{
    size_t n = 200000;
    char *text = malloc(2 * n + 2);
    memset(text, '[', n);
    memset(text + n, ']', n);
    text[2 * n] = '\0';
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_ptr_null(load(text));
    ck_assert_ptr_null(rg_yaml_unmarshal(arena, text, 2 * n, &errs));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) +
                  (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    ck_assert_msg(secs < 5.0, "took %.1f s", secs);
    ck_assert_uint_eq(errs.count, 2);
    char *msg = rg_error_format(&errs.items[0]);
    ck_assert_msg(strstr(msg, "t.yaml:1:1001: ") &&
                  strstr(msg, "nesting deeper than 1000 levels"), "%s", msg);
    free(msg);
    free(text);
}
END_TEST

START_TEST(yaml_should_report_syntax_errors)
{
    check_error("a: 1\nb: [1, 2\nc: 3\n", "t.yaml:");
    check_error("a:\n  b: 1\n c: 2\n", "t.yaml:3:");
    check_error("a: \"x\xff\"\n", "t.yaml:1:");
    check_error("a:\tb: c\n", "invalid YAML");
    check_error("a: 1\n---\nb: 2\n", "expected a single YAML document, "
                "found another starting at line 2");
}
END_TEST

START_TEST(yaml_parse_should_keep_exact_integers)
{
    const rg_value *v = load("cases:\n  - x: 18446744073709551614\n"
                             "    w: -9223372036854775808\n");
    ck_assert_ptr_nonnull(v);
    char *text = rg_json_text(v, 0, 0);
    ck_assert_str_eq(text, "{\"cases\":[{\"w\":-9223372036854775808,"
                           "\"x\":18446744073709551614}]}");
    free(text);
    ck_assert(rg_value_equal(load(""), rg_null()));
    ck_assert(rg_value_equal(load("# nothing\n"), rg_null()));
}
END_TEST

static bool keep_positions(void *user, const rg_yaml_doc *doc)
{
    *(rg_yaml_doc *)user = *doc;
    return true;
}

START_TEST(yaml_should_record_positions)
{
    const char *text = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n"
                       "    - name: a\n    - name: b\n      securityContext:"
                       "\n        privileged: true\n";
    rg_yaml_options opts = { "p.yaml", NULL, true, NULL, NULL };
    rg_yaml_doc doc;
    ck_assert_int_eq(rg_yaml_stream(arena, text, strlen(text), &opts,
                                    keep_positions, &doc, &errs), 0);
    ck_assert_ptr_nonnull(doc.positions);
    rg_yaml_loc loc;
    ck_assert(rg_yaml_position_path(doc.positions, doc.value,
                                    "spec.containers[1].securityContext."
                                    "privileged", &loc));
    ck_assert_uint_eq(loc.line, 8);
    ck_assert_uint_eq(loc.col, 9);
    ck_assert(rg_yaml_position_path(doc.positions, doc.value,
                                    "spec.containers[0]", &loc));
    ck_assert_uint_eq(loc.line, 5);
    ck_assert_uint_eq(loc.col, 7);
    ck_assert(rg_yaml_position_path(doc.positions, doc.value, "kind",
                                    &loc));
    ck_assert_uint_eq(loc.line, 2);
    ck_assert(rg_yaml_position_path(doc.positions, doc.value, "", &loc));
    ck_assert_uint_eq(loc.line, 1);
    ck_assert(!rg_yaml_position_path(doc.positions, doc.value,
                                     "spec.containers[2]", &loc));
    ck_assert(!rg_yaml_position_path(doc.positions, doc.value,
                                     "spec.missing", &loc));
    ck_assert(!rg_yaml_position_path(doc.positions, doc.value, "kind.x",
                                     &loc));
    const rg_value *path[] = { rg_cstring(arena, "spec"),
                               rg_cstring(arena, "containers"),
                               rg_int(arena, 1) };
    ck_assert(rg_yaml_position(doc.positions, doc.value, path, 3, &loc));
    ck_assert_uint_eq(loc.line, 6);
    opts.positions = false;
    ck_assert_int_eq(rg_yaml_stream(arena, text, strlen(text), &opts,
                                    keep_positions, &doc, &errs), 0);
    ck_assert_ptr_null(doc.positions);
}
END_TEST

START_TEST(yaml_should_intern_keys)
{
    rg_intern *keys = rg_intern_new();
    const char *text = "- name: a\n- name: b\n- 'name': c\n";
    const rg_value *v = rg_yaml_parse(arena, text, strlen(text), NULL, keys,
                                      &errs);
    ck_assert_ptr_nonnull(v);
    const rg_value *k0 = rg_object_key_at(rg_array_at(v, 0), 0);
    ck_assert_ptr_eq(k0, rg_object_key_at(rg_array_at(v, 1), 0));
    ck_assert_ptr_eq(k0, rg_object_key_at(rg_array_at(v, 2), 0));
    ck_assert_uint_eq(rg_intern_count(keys), 1);
    rg_intern_free(keys);
}
END_TEST

/* rg_yaml_write of the JSON text json. */
static void check_write(const char *json, const char *want)
{
    const rg_value *v = rg_json_parse(arena, json, strlen(json), NULL, NULL,
                                      &errs);
    ck_assert_ptr_nonnull(v);
    rg_buf b;
    rg_buf_init(&b);
    ck_assert(rg_yaml_write(&b, v));
    ck_assert_str_eq(rg_buf_cstr(&b), want);
    const rg_value *back = rg_yaml_unmarshal(arena, b.data, b.len, &errs);
    ck_assert_ptr_nonnull(back);
    rg_buf_free(&b);
}

START_TEST(yaml_write_should_match_go_yaml)
{
    check_write("[{\"foo\": [1, 2, 3]}]", "- foo:\n  - 1\n  - 2\n  - 3\n");
    check_write("{\"a\": \"yes\", \"b\": \"1\", \"c\": \"\", "
                "\"d\": \"x: y\", \"n\": true, \"m\": null}",
                "a: \"yes\"\nb: \"1\"\nc: \"\"\nd: 'x: y'\nm: null\n"
                "\"n\": true\n");
    check_write("{\"e\": \"line1\\nline2\"}", "e: |-\n  line1\n  line2\n");
    check_write("{\"key10\": 1, \"key9\": 2, \"k\": \"2021-01-01\", "
                "\"l\": \"1:20\"}",
                "k: \"2021-01-01\"\nkey9: 2\nkey10: 1\nl: \"1:20\"\n");
    check_write("[1.50, 1e21, 1.5e+300, 123456789012345678901234567890, "
                "18446744073709551615, -7]",
                "- 1.5\n- 1e21\n- 1.5e+300\n- 1.2345678901234568e+29\n"
                "- 18446744073709551615\n- -7\n");
    check_write("{}", "{}\n");
    check_write("[[], {}, \" lead\", \"- x\", \"a'b\"]",
                "- []\n- {}\n- ' lead'\n- '- x'\n- a'b\n");
}
END_TEST

START_TEST(yaml_write_should_list_sets)
{
    rg_builder *s = rg_set_builder(arena, 0);
    rg_builder_add(s, rg_int(arena, 3));
    rg_builder_add(s, rg_int(arena, 1));
    rg_buf b;
    rg_buf_init(&b);
    ck_assert(rg_yaml_write(&b, rg_builder_finish(s)));
    ck_assert_str_eq(rg_buf_cstr(&b), "- 1\n- 3\n");
    rg_buf_free(&b);
}
END_TEST

START_TEST(yaml_unmarshal_should_use_go_messages)
{
    ck_assert_ptr_null(rg_yaml_unmarshal(arena, "[1,2,3", 6, &errs));
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_str_eq(errs.items[0].message,
                     "yaml: line 1: did not find expected ',' or ']'");
    const char *two = "a: 1\n---\nb: 2\n";
    const rg_value *v = rg_yaml_unmarshal(arena, two, strlen(two), &errs);
    ck_assert_ptr_nonnull(v);
    ck_assert_uint_eq(rg_len(v), 1);
    ck_assert(rg_value_equal(rg_yaml_unmarshal(arena, "", 0, &errs),
                             rg_null()));
}
END_TEST

static Suite *yaml_suite(void)
{
    Suite *s = suite_create("yaml");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, yaml_should_resolve_yaml11_booleans);
    tcase_add_test(tc, yaml_should_resolve_nulls);
    tcase_add_test(tc, yaml_should_resolve_integers);
    tcase_add_test(tc, yaml_should_resolve_floats_like_json);
    tcase_add_test(tc, yaml_should_reject_inf_and_nan);
    tcase_add_test(tc, yaml_should_keep_other_plain_strings);
    tcase_add_test(tc, yaml_should_apply_explicit_tags);
    tcase_add_test(tc, yaml_should_convert_keys);
    tcase_add_test(tc, yaml_should_warn_on_duplicate_keys);
    tcase_add_test(tc, yaml_should_merge_keys);
    tcase_add_test(tc, yaml_should_expand_aliases);
    tcase_add_test(tc, yaml_should_stop_billion_laughs);
    tcase_add_test(tc, yaml_should_split_documents);
    tcase_add_test(tc, yaml_should_continue_after_bad_document);
    tcase_add_test(tc, yaml_should_accept_crlf_bom_and_tabs);
    tcase_add_test(tc, yaml_should_load_long_scalars);
    tcase_add_test(tc, yaml_should_limit_depth);
    tcase_add_test(tc, yaml_should_stop_reading_at_depth_limit);
    tcase_add_test(tc, yaml_should_report_syntax_errors);
    tcase_add_test(tc, yaml_parse_should_keep_exact_integers);
    tcase_add_test(tc, yaml_should_record_positions);
    tcase_add_test(tc, yaml_should_intern_keys);
    tcase_add_test(tc, yaml_write_should_match_go_yaml);
    tcase_add_test(tc, yaml_write_should_list_sets);
    tcase_add_test(tc, yaml_unmarshal_should_use_go_messages);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES yaml_suite
#include "tests/unit/check_main.h"
