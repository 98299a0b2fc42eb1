/*
 * Robustness tests for the text-parsing builtins of the extended
 * library: each is called with random and mutated inputs (a fixed seed,
 * so runs repeat) and must return a result, undefined or an error,
 * never crash or hang.  Run under ASan, this also checks memory safety.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/timezone.h"
#include "tests/unit/bctx_double.h"
#include "tests/unit/bvalues.h"

/* Inputs per builtin.  They reach the error paths of each parser in
 * well under a second. */
#define FUZZ_ROUNDS 2000
/* Maximum length of a generated input. */
#define FUZZ_LEN_MAX 96

static rg_bctx ctx;

static void setup(void)
{
    bctx_double_init(&ctx);
    bv_use(ctx.arena);
}

static void teardown(void)
{
    bctx_double_free(&ctx);
    rg_timezone_cleanup();
}

/* Seeds that the mutator edits: valid inputs of the fuzzed builtins. */
static const char *const seeds[] = {
    "2006-01-02T15:04:05Z07:00", "1h30m5.5s", "10.0.0.0/8",
    "fe80::1/64", "{ a(x: [1, {b: $v}]) { ...F ... on T @d { c } } }",
    "type Q implements A & B @d { f(a: Int = 1): [String!]! }",
    "\"\"\"block\n  text\"\"\" enum E { A B } union U = | A | B",
    "eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.c2ln", "a: [1, {b: c}]\n- x",
    "{\"type\": \"object\", \"properties\": {\"a\": {\"minimum\": 1}}}",
    "urn:uuid:000003e8-48b9-21ee-b200-325096b39f47",
    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
};

static const char *random_text(unsigned *state)
{
    char *buf = rg_arena_alloc(ctx.arena, FUZZ_LEN_MAX + 1);
    const char *seed = seeds[rand_r(state) % RG_ARRAY_LEN(seeds)];
    size_t n = strlen(seed);
    if (n > FUZZ_LEN_MAX)
        n = FUZZ_LEN_MAX;
    memcpy(buf, seed, n);
    int edits = rand_r(state) % 6;
    for (int i = 0; i < edits && n > 0; i++) {
        size_t at = (size_t)rand_r(state) % n;
        int op = rand_r(state) % 3;
        if (op == 0)
            buf[at] = (char)(rand_r(state) % 256);
        else if (op == 1)
            n = at;
        else
            buf[at] = "{}[]()\"\\:$@.-/!|=&\n"[rand_r(state) % 19];
    }
    buf[n] = '\0';
    return buf;
}

static void fuzz1(const char *name, unsigned seed)
{
    for (int i = 0; i < FUZZ_ROUNDS; i++) {
        const rg_value *out;
        const rg_value *args[1] = { S(random_text(&seed)) };
        rg_bstatus st = bctx_double_call(&ctx, name, args, 1, &out);
        ck_assert(st == RG_BUILTIN_OK || st == RG_BUILTIN_UNDEFINED ||
                  st == RG_BUILTIN_ERROR);
    }
}

static void fuzz2(const char *name, const rg_value *first, unsigned seed)
{
    for (int i = 0; i < FUZZ_ROUNDS; i++) {
        const rg_value *out;
        const rg_value *text = S(random_text(&seed));
        const rg_value *args[2] = { first ? first : text, first ? text
                                                               : S("{}") };
        rg_bstatus st = bctx_double_call(&ctx, name, args, 2, &out);
        ck_assert(st == RG_BUILTIN_OK || st == RG_BUILTIN_UNDEFINED ||
                  st == RG_BUILTIN_ERROR);
    }
}

START_TEST(text_builtins_should_survive_random_input)
{
    static const char *const one[] = {
        "time.parse_rfc3339_ns", "time.parse_duration_ns",
        "net.cidr_is_valid", "net.cidr_expand", "graphql.parse_query",
        "graphql.parse_schema", "graphql.schema_is_valid", "io.jwt.decode",
        "yaml.unmarshal", "json.verify_schema", "uuid.parse",
        "crypto.x509.parse_certificates", "crypto.parse_private_keys",
    };
    for (size_t i = 0; i < RG_ARRAY_LEN(one); i++)
        fuzz1(one[i], (unsigned)i + 1);
    fuzz2("time.parse_ns", NULL, 101);
    fuzz2("net.cidr_contains", S("10.0.0.0/8"), 102);
    fuzz2("json.match_schema", S("{\"a\": 1}"), 103);
    fuzz2("graphql.is_valid", S("type Query { a: Int }"), 104);
    fuzz2("io.jwt.verify_hs256", NULL, 105);
}
END_TEST

static Suite *fuzz_suite(void)
{
    Suite *s = suite_create("ext_fuzz");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, text_builtins_should_survive_random_input);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES fuzz_suite
#include "tests/unit/check_main.h"
