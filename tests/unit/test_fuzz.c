/*
 * Mutation tests for the JSON and YAML parsers: thousands of corrupted
 * variants of valid documents (bytes flipped, inserted, deleted,
 * truncated) must each load or fail with an error, never crash or leak
 * (the ASan build checks that), and whatever loads must survive a JSON
 * round trip unchanged.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/json.h"
#include "runtime/yaml.h"

/* Variants tried per sample document. */
#define FUZZ_ROUNDS 1500

static const char *const json_samples[] = {
    "{\"a\": [1, 2.5, -0.0, 1e400, 18446744073709551617], \"b\": {\"c\": "
    "\"x\\u00e9\\ud83d\\ude00\\n\", \"d\": [true, false, null, {}, []]}}",
    "[\"caf\xc3\xa9\", {\"k\": \"v\", \"k\": 2}, [[[[1]]]], \"\\\"\\\\\"]",
};

static const char *const yaml_samples[] = {
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: {a: yes, "
    "b: \"on\"}\nspec:\n  containers:\n  - name: c\n    image: nginx\n"
    "    securityContext: {privileged: true, runAsUser: 0400}\n"
    "  base: &b {p: 1, q: [1, 2]}\n  m:\n    <<: *b\n    q: 3\n---\n"
    "- !!binary aGVsbG8=\n- !!int 12\n- 1.5e+3\n- ~\n...\n",
    "a: |\n  block\n  text\nb: >\n  folded\n  text\nc: 'single ''q'''\n"
    "d: \"esc \\t \\u00e9\"\n? complex\n: value\ne: [*x]\n",
};

static uint64_t rng_state;

static uint64_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* A corrupted copy of sample; *len gets its length.  Returns owned. */
static char *mutate(const char *sample, size_t *len)
{
    size_t n = strlen(sample);
    char *buf = malloc(n + 64);
    memcpy(buf, sample, n);
    int edits = 1 + (int)(next_random() % 4);
    for (int i = 0; i < edits && n > 0; i++) {
        size_t at = next_random() % n;
        switch (next_random() % 4) {
        case 0:
            buf[at] = (char)(next_random() & 0xFF);
            break;
        case 1:
            memmove(buf + at + 1, buf + at, n - at);
            buf[at] = "{}[]:,-\"'&*!#\n \t\\"[next_random() % 17];
            n++;
            break;
        case 2:
            memmove(buf + at, buf + at + 1, n - at - 1);
            n--;
            break;
        default:
            n = at;
            break;
        }
    }
    *len = n;
    return buf;
}

/* Write v as JSON, parse it back and require the same value. */
static void check_round_trip(rg_arena *arena, const rg_value *v)
{
    char *text = rg_json_text(v, 0, 0);
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *back = rg_json_parse(arena, text, strlen(text), NULL,
                                         NULL, &errs);
    ck_assert_msg(back != NULL, "own output did not parse: %s", text);
    if (rg_value_kind(v) != RG_SET)
        ck_assert_msg(rg_value_equal(v, back), "round trip changed %s",
                      text);
    rg_errors_free(&errs);
    free(text);
}

static bool check_doc(void *user, const rg_yaml_doc *doc)
{
    if (doc->value)
        check_round_trip(user, doc->value);
    return true;
}

START_TEST(json_should_survive_mutations)
{
    rng_state = 0x9e3779b97f4a7c15ULL;
    for (size_t s = 0; s < RG_ARRAY_LEN(json_samples); s++) {
        for (int round = 0; round < FUZZ_ROUNDS; round++) {
            size_t len;
            char *text = mutate(json_samples[s], &len);
            rg_arena *arena = rg_arena_new(0);
            rg_errors errs;
            rg_errors_init(&errs);
            const rg_value *v = rg_json_parse(arena, text, len, "f.json",
                                              NULL, &errs);
            ck_assert(v != NULL || errs.count == 1);
            if (v)
                check_round_trip(arena, v);
            rg_errors_free(&errs);
            rg_arena_free(arena);
            free(text);
        }
    }
}
END_TEST

START_TEST(yaml_should_survive_mutations)
{
    rng_state = 0x2545f4914f6cdd1dULL;
    for (size_t s = 0; s < RG_ARRAY_LEN(yaml_samples); s++) {
        for (int round = 0; round < FUZZ_ROUNDS; round++) {
            size_t len;
            char *text = mutate(yaml_samples[s], &len);
            rg_arena *arena = rg_arena_new(0);
            rg_errors errs;
            rg_errors_init(&errs);
            rg_yaml_options opts = { "f.yaml", NULL, true, NULL, NULL };
            int rc = rg_yaml_stream(arena, text, len, &opts, check_doc,
                                    arena, &errs);
            ck_assert(rc == 0 || errs.count > 0);
            rg_errors_free(&errs);
            rg_arena_free(arena);
            free(text);
        }
    }
}
END_TEST

static Suite *fuzz_suite(void)
{
    Suite *s = suite_create("fuzz");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, json_should_survive_mutations);
    tcase_add_test(tc, yaml_should_survive_mutations);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES fuzz_suite
#include "tests/unit/check_main.h"
