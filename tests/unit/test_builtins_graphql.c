/*
 * Unit tests for the graphql builtins: AST shapes, gqlparser's syntax
 * error texts and positions, schema checks and query validation.
 */
#include <check.h>
#include <string.h>

#include "runtime/builtins/strbuf.h"
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

static const char *call(const char *name, size_t n, const rg_value *a,
                        const rg_value *b)
{
    const rg_value *out;
    const rg_value *args[2] = { a, b };
    rg_bstatus st = bctx_double_call(&ctx, name, args, n, &out);
    return st == RG_BUILTIN_OK ? TEXT(out) : ctx.error;
}

START_TEST(parse_query_should_build_pruned_ast)
{
    ck_assert_str_eq(call("graphql.parse_query", 1,
                          S("{ node(id: 4) { id, name } }"), NULL),
                     "{\"Operations\": [{\"Name\": \"\", \"Operation\": "
                     "\"query\", \"SelectionSet\": [{\"Alias\": \"node\", "
                     "\"Arguments\": [{\"Name\": \"id\", \"Value\": "
                     "{\"ExpectedTypeHasDefault\": false, \"Kind\": 1, "
                     "\"Raw\": \"4\"}}], \"Name\": \"node\", \"SelectionSet\":"
                     " [{\"Alias\": \"id\", \"Name\": \"id\"}, {\"Alias\": "
                     "\"name\", \"Name\": \"name\"}]}]}]}");
    ck_assert_ptr_nonnull(strstr(call("graphql.parse_query", 1,
        S("query Q($v: [Int!] = [1]) @d { ...F ... on T { x } }"), NULL),
        "\"Type\": {\"Elem\": {\"NamedType\": \"Int\", \"NonNull\": true}, "
        "\"NamedType\": \"\", \"NonNull\": false}"));
}
END_TEST

START_TEST(parse_query_should_report_gqlparser_errors)
{
    ck_assert_str_eq(call("graphql.parse_query", 1, S("{"), NULL),
                     "graphql.parse_query: Expected Name, found <EOF> in "
                     "GraphQL string at location 1:2");
    ck_assert_str_eq(call("graphql.parse_query", 1,
                          S("\n  { ...MissingOn }\n  fragment MissingOn "
                            "Type\n"), NULL),
                     "graphql.parse_query: Expected \"on\", found Name "
                     "\"Type\" in GraphQL string at location 3:22");
    ck_assert_str_eq(call("graphql.parse_query", 1, S("notanop Foo { f }"),
                          NULL),
                     "graphql.parse_query: Unexpected Name \"notanop\" in "
                     "GraphQL string at location 1:1");
    ck_assert_str_eq(call("graphql.parse_query", 1,
                          S("query Foo($x: C = [$v]) { f }"), NULL),
                     "graphql.parse_query: Unexpected $ in GraphQL string at "
                     "location 1:20");
    ck_assert_str_eq(call("graphql.parse_query", 1, S("{ a { } }"), NULL),
                     "graphql.parse_query: expected at least one definition, "
                     "found } in GraphQL string at location 1:7");
}
END_TEST

START_TEST(parse_schema_should_build_definitions)
{
    ck_assert_str_eq(call("graphql.parse_schema", 1,
                          S("\"\"\"\n  Doc\n\"\"\"\nunion U = | A | B"), NULL),
                     "{\"Definitions\": [{\"BuiltIn\": false, \"Description\":"
                     " \"Doc\", \"Kind\": \"UNION\", \"Name\": \"U\", "
                     "\"Types\": [\"A\", \"B\"]}]}");
    ck_assert_str_eq(call("graphql.parse_schema", 1,
                          S("directive @foo on FIELD | NOWHERE"), NULL),
                     "graphql.parse_schema: Unexpected Name \"NOWHERE\" in "
                     "GraphQL string at location 1:27");
    ck_assert_str_eq(call("graphql.parse_schema", 1, S("extend type Hello"),
                          NULL),
                     "graphql.parse_schema: Unexpected <EOF> in GraphQL "
                     "string at location 1:18");
    ck_assert_str_eq(call("graphql.parse_schema", 1, S("\"\"\"\r"), NULL),
                     "graphql.parse_schema: Unexpected <Invalid> in GraphQL "
                     "string at location 2:1");
}
END_TEST

static const char *schema =
    "type Query { user(id: ID!): User, users(first: Int = 10): [User] }\n"
    "type User { id: ID!, name: String, friends: [User] }\n";

START_TEST(schema_is_valid_should_apply_checks)
{
    ck_assert_str_eq(call("graphql.schema_is_valid", 1, S(schema), NULL),
                     "true");
    ck_assert_str_eq(call("graphql.schema_is_valid", 1,
                          S("type Query { a: Missing }"), NULL), "false");
    ck_assert_str_eq(call("graphql.schema_is_valid", 1,
                          S("input I { o: Query } type Query { a(i: I): Int }"),
                          NULL), "false");
    ck_assert_str_eq(call("graphql.schema_is_valid", 1,
                          S("interface A { id: ID } interface B implements A "
                            "{ id: ID } type Query implements B { id: ID }"),
                          NULL), "false");
    ck_assert_str_eq(call("graphql.schema_is_valid", 1,
                          S("extend type Query { a: Int }"), NULL), "true");
    ck_assert_str_eq(call("graphql.schema_is_valid", 1, I(1), NULL), "false");
}
END_TEST

START_TEST(queries_should_validate_against_schema)
{
    ck_assert_str_eq(call("graphql.is_valid", 2,
                          S("{ user(id: 1) { name friends { id } } }"),
                          S(schema)), "true");
    ck_assert_str_eq(call("graphql.is_valid", 2, S("{ users { nope } }"),
                          S(schema)), "false");
    ck_assert_str_eq(call("graphql.parse", 2, S("{\n  user { id }\n}"),
                          S(schema)),
                     "graphql.parse: Field \"user\" argument \"id\" of type "
                     "\"ID!\" is required, but it was not provided in "
                     "GraphQL string at location 2:3");
    ck_assert_str_eq(call("graphql.parse", 2,
                          S("query ($v: Int) { users { id } }"), S(schema)),
                     "graphql.parse: Variable \"$v\" is never used in GraphQL "
                     "string at location 1:8");
    ck_assert_str_eq(call("graphql.parse_and_verify", 2, S("{ users }"),
                          S(schema)), "[false, {}, {}]");
    ck_assert(strncmp(call("graphql.parse_and_verify", 2,
                           S("{ users { id } }"), S(schema)), "[true, {", 8)
              == 0);
}
END_TEST

START_TEST(queries_should_follow_document_rules)
{
    const char *sch = "enum Color { RED GREEN } input Filter { c: Color!, "
                      "n: Int } type Query { items(f: Filter, "
                      "limit: Int): [Int] }";
    ck_assert_str_eq(call("graphql.is_valid", 2,
                          S("{ items(f: {c: RED}, limit: 3) }"), S(sch)),
                     "true");
    ck_assert_str_eq(call("graphql.parse", 2,
                          S("{ items(f: {c: BLUE}) }"), S(sch)),
                     "graphql.parse: Value \"BLUE\" does not exist in "
                     "\"Color\" enum in GraphQL string at location 1:9");
    ck_assert_str_eq(call("graphql.parse", 2, S("{ items(limit: \"x\") }"),
                          S(sch)),
                     "graphql.parse: Expected value of type \"Int\", found "
                     "\"x\" in GraphQL string at location 1:9");
    ck_assert_str_eq(call("graphql.is_valid", 2, S("{ items(f: {n: 1}) }"),
                          S(sch)), "false");
    ck_assert_str_eq(call("graphql.parse", 2,
                          S("query A { items } query A { items }"), S(sch)),
                     "graphql.parse: There can be only one operation named "
                     "\"A\" in GraphQL string at location 1:19");
    ck_assert_str_eq(call("graphql.parse", 2,
                          S("{ items } fragment F on Query { items }"),
                          S(sch)),
                     "graphql.parse: Fragment \"F\" is never used in "
                     "GraphQL string at location 1:11");
    ck_assert_str_eq(call("graphql.is_valid", 2, S("{ items } { items }"),
                          S(sch)), "false");
}
END_TEST

START_TEST(fragment_spreads_should_stay_linear)
{
    const char *sch = "type Query { a: Int, q: Query }";
    rg_strbuf b;
    rg_strbuf_init(&b, ctx.arena);
    rg_strbuf_adds(&b, "{ ...F0 }");
    for (int i = 0; i < 60; i++)
        rg_strbuf_printf(&b, " fragment F%d on Query { a q { ...F%d } "
                         "q { ...F%d } }", i, i + 1, i + 1);
    rg_strbuf_adds(&b, " fragment F60 on Query { a }");
    ck_assert_str_eq(call("graphql.is_valid", 2, S(b.data), S(sch)), "true");
    ck_assert_str_eq(call("graphql.parse", 2,
                          S("{ ...A } fragment A on Query { ...B } "
                            "fragment B on Query { ...A }"), S(sch)),
                     "graphql.parse: Cannot spread fragment \"A\" within "
                     "itself in GraphQL string at location 1:61");
}
END_TEST

START_TEST(directives_should_check_arguments)
{
    const char *sch = "type Query { a: Int }";
    ck_assert_str_eq(call("graphql.is_valid", 2,
                          S("query ($s: Boolean!) { a @skip(if: $s) "
                            "a @include(if: true) }"), S(sch)), "true");
    ck_assert_str_eq(call("graphql.parse", 2, S("{ a @include }"), S(sch)),
                     "graphql.parse: Directive \"@include\" argument "
                     "\"if\" of type \"Boolean!\" is required, but it was "
                     "not provided in GraphQL string at location 1:5");
    ck_assert_str_eq(call("graphql.parse", 2,
                          S("{ a @skip(if: true, x: 1) }"), S(sch)),
                     "graphql.parse: Unknown argument \"x\" on directive "
                     "\"@skip\" in GraphQL string at location 1:21");
    ck_assert_str_eq(call("graphql.is_valid", 2,
                          S("{ a @skip(if: \"yes\") }"), S(sch)), "false");
}
END_TEST

static Suite *graphql_suite(void)
{
    Suite *s = suite_create("graphql");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, parse_query_should_build_pruned_ast);
    tcase_add_test(tc, parse_query_should_report_gqlparser_errors);
    tcase_add_test(tc, parse_schema_should_build_definitions);
    tcase_add_test(tc, schema_is_valid_should_apply_checks);
    tcase_add_test(tc, queries_should_validate_against_schema);
    tcase_add_test(tc, queries_should_follow_document_rules);
    tcase_add_test(tc, fragment_spreads_should_stay_linear);
    tcase_add_test(tc, directives_should_check_arguments);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES graphql_suite
#include "tests/unit/check_main.h"
