/*
 * Unit tests for json.verify_schema and json.match_schema: schema
 * checks, and validation errors with gojsonschema's types, fields and
 * descriptions.
 */
#include <check.h>
#include <stdio.h>
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

static const char *match(const char *doc, const char *schema)
{
    const rg_value *out;
    const rg_value *args[2] = { S(doc), S(schema) };
    rg_bstatus st = bctx_double_call(&ctx, "json.match_schema", args, 2, &out);
    return st == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

static const char *verify(const rg_value *schema)
{
    const rg_value *out;
    const rg_value *args[1] = { schema };
    rg_bstatus st = bctx_double_call(&ctx, "json.verify_schema", args, 1,
                                     &out);
    return st == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

START_TEST(verify_schema_should_check_keywords)
{
    ck_assert_str_eq(verify(OBJ(1, S("type"), S("boolean"))), "[true, null]");
    ck_assert_str_eq(verify(S("{\"type\": \"unknown_type\"}")),
                     "[false, \"jsonschema: has a primitive type that is NOT "
                     "VALID -- given: /unknown_type/ Expected valid values "
                     "are:[array boolean integer number null object "
                     "string]\"]");
    ck_assert_str_eq(verify(S("{")),
                     "[false, \"jsonschema: invalid JSON string\"]");
    ck_assert_str_eq(verify(I(1)), "[false, \"jsonschema: wrong type, "
                                   "expected string or object\"]");
    ck_assert_str_eq(verify(S("{\"pattern\": \"(\"}")),
                     "[false, \"jsonschema: pattern must be a valid regex\"]");
}
END_TEST

START_TEST(match_schema_should_report_errors)
{
    const char *schema = "{\"properties\": {\"id\": {\"type\": \"integer\"}},"
                         " \"required\": [\"id\", \"name\"]}";
    ck_assert_str_eq(match("{\"id\": 5, \"name\": 1}", schema), "[true, []]");
    ck_assert_str_eq(match("{\"id\": \"foo\"}", schema),
                     "[false, [{\"desc\": \"name is required\", \"error\": "
                     "\"(root): name is required\", \"field\": \"(root)\", "
                     "\"type\": \"required\"}, {\"desc\": \"Invalid type. "
                     "Expected: integer, given: string\", \"error\": \"id: "
                     "Invalid type. Expected: integer, given: string\", "
                     "\"field\": \"id\", \"type\": \"invalid_type\"}]]");
    ck_assert_str_eq(match("{}", "{\"type\": \"unknown\"}"),
                     "json.match_schema: has a primitive type that is NOT "
                     "VALID -- given: /unknown/ Expected valid values are:"
                     "[array boolean integer number null object string]");
}
END_TEST

static const char *first_desc(const char *doc, const char *schema)
{
    const char *r = match(doc, schema);
    const char *d = strstr(r, "\"desc\": \"");
    return d ? d + 9 : r;
}

START_TEST(match_schema_should_apply_keywords)
{
    ck_assert(strncmp(first_desc("\"b\"", "{\"enum\": [\"a\", 1]}"),
                      "(root) must be one of the following: \\\"a\\\", 1", 45)
              == 0);
    ck_assert(strncmp(first_desc("{\"x\": 1}",
                                 "{\"additionalProperties\": false}"),
                      "Additional property x is not allowed", 36) == 0);
    ck_assert(strncmp(first_desc("\"abc\"", "{\"pattern\": \"^[0-9]+$\"}"),
                      "Does not match pattern '^[0-9]+$'", 33) == 0);
    ck_assert(strncmp(first_desc("[1, 1]", "{\"uniqueItems\": true}"),
                      "array items[0,1] must be unique", 31) == 0);
    ck_assert(strncmp(first_desc("7", "{\"maximum\": 5}"),
                      "Must be less than or equal to 5", 31) == 0);
    ck_assert(strncmp(first_desc("5", "{\"exclusiveMaximum\": 5}"),
                      "Must be less than 5", 19) == 0);
    ck_assert(strncmp(first_desc("[1, \"x\"]",
                                 "{\"items\": {\"type\": \"integer\"}}"),
                      "Invalid type. Expected: integer, given: string", 46)
              == 0);
    ck_assert_str_eq(match("{\"a\": {\"n\": 1}}",
                           "{\"definitions\": {\"pos\": {\"minimum\": 2}},"
                           " \"properties\": {\"a\": {\"properties\": {\"n\":"
                           " {\"$ref\": \"#/definitions/pos\"}}}}}"),
                     "[false, [{\"desc\": \"Must be greater than or equal to "
                     "2\", \"error\": \"a.n: Must be greater than or equal "
                     "to 2\", \"field\": \"a.n\", \"type\": \"number_gte\"}]]");
    ck_assert(strncmp(first_desc("3", "{\"oneOf\": [{\"minimum\": 1},"
                                      " {\"minimum\": 2}]}"),
                      "Must validate one and only one schema (oneOf)", 45)
              == 0);
    ck_assert(strncmp(first_desc("\"2020-13-01T00:00:00Z\"",
                                 "{\"format\": \"date-time\"}"),
                      "Does not match format 'date-time'", 33) == 0);
    ck_assert_str_eq(match("\"10.0.0.1\"", "{\"format\": \"ipv4\"}"),
                     "[true, []]");
    ck_assert_str_eq(match("\"x\"", "{\"format\": \"int-or-string\"}"),
                     "[true, []]");
    ck_assert_str_eq(match("\"x\"", "{\"type\": [\"integer\", \"null\"]}"),
                     "[false, [{\"desc\": \"Invalid type. Expected: "
                     "[integer,null], given: string\", \"error\": \"(root): "
                     "Invalid type. Expected: [integer,null], given: "
                     "string\", \"field\": \"(root)\", \"type\": "
                     "\"invalid_type\"}]]");
}
END_TEST

START_TEST(match_schema_should_bound_exponential_schemas)
{
    /* Each definition tries the next one twice, 40 levels deep. */
    char schema[8192];
    size_t n = (size_t)snprintf(schema, sizeof schema,
                                "{\"$ref\": \"#/definitions/d0\", "
                                "\"definitions\": {");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(schema + n, sizeof schema - n,
                              "\"d%d\": {\"anyOf\": [{\"$ref\": "
                              "\"#/definitions/d%d\"}, {\"$ref\": "
                              "\"#/definitions/d%d\"}]}, ", i, i + 1, i + 1);
    snprintf(schema + n, sizeof schema - n,
             "\"d40\": {\"type\": \"string\"}}}");
    const char *r = match("1", schema);
    ck_assert_ptr_nonnull(strstr(r, "\"type\": \"internal\""));
    ck_assert(strncmp(r, "[false, ", 8) == 0);
}
END_TEST

static Suite *jsonschema_suite(void)
{
    Suite *s = suite_create("jsonschema");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, verify_schema_should_check_keywords);
    tcase_add_test(tc, match_schema_should_report_errors);
    tcase_add_test(tc, match_schema_should_apply_keywords);
    tcase_add_test(tc, match_schema_should_bound_exponential_schemas);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES jsonschema_suite
#include "tests/unit/check_main.h"
