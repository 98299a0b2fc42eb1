/*
 * Unit tests for the builtin registry: lookups, and every registered
 * builtin checked against OPA's capabilities.json (name, arity and
 * relation flag), read from the shared folder beside the repository.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtin.h"
#include "runtime/builtins/registry.h"
#include "runtime/json.h"

/* The capabilities file: $SHARED/opa-builtins/capabilities.json, where
 * SHARED defaults to ../shared from the repository root (the tests run
 * there) and falls back to /work/shared. */
static char *registry_read_capabilities(size_t *len)
{
    const char *shared = getenv("SHARED");
    const char *dirs[] = { shared ? shared : "../shared", "/work/shared" };
    for (size_t i = 0; i < 2; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/opa-builtins/capabilities.json",
                 dirs[i]);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *text = malloc((size_t)n + 1);
        *len = fread(text, 1, (size_t)n, f);
        fclose(f);
        return text;
    }
    return NULL;
}

/* The capabilities entry named name, or NULL. */
static const rg_value *registry_cap(const rg_value *builtins,
                                    const char *name)
{
    for (size_t i = 0; i < rg_len(builtins); i++) {
        const rg_value *b = rg_array_at(builtins, i);
        const rg_value *n = rg_object_get_str(b, "name", 4);
        if (n && strcmp(rg_string_bytes(n), name) == 0)
            return b;
    }
    return NULL;
}

START_TEST(registry_should_find_by_name)
{
    const rg_builtin_def *d = rg_builtin_find("count");
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->name, "count");
    ck_assert_int_eq(d->arity, 1);
    ck_assert_ptr_null(rg_builtin_find("no.such.builtin"));
    ck_assert_ptr_null(rg_builtin_find(""));
    ck_assert(rg_builtin_find("walk")->relation);
    ck_assert(rg_builtin_find("rand.intn")->nondeterministic);
    ck_assert(rg_builtin_deprecated("cast_array"));
    ck_assert(!rg_builtin_deprecated("count"));
}
END_TEST

START_TEST(registry_should_list_each_name_once)
{
    size_t n;
    const rg_builtin_def *const *all = rg_builtin_all(&n);
    ck_assert_uint_gt(n, 100);
    for (size_t i = 0; i < n; i++) {
        ck_assert_ptr_eq(rg_builtin_find(all[i]->name), all[i]);
        ck_assert_ptr_nonnull(all[i]->fn);
    }
}
END_TEST

START_TEST(registry_should_match_capabilities)
{
    size_t len;
    char *text = registry_read_capabilities(&len);
    ck_assert_msg(text != NULL, "capabilities.json not found");
    rg_arena *arena = rg_arena_new(0);
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *caps = rg_json_parse(arena, text, len, NULL, NULL,
                                         &errs);
    ck_assert_ptr_nonnull(caps);
    const rg_value *builtins = rg_object_get_str(caps, "builtins", 8);
    size_t n;
    const rg_builtin_def *const *all = rg_builtin_all(&n);
    for (size_t i = 0; i < n; i++) {
        const rg_value *cap = registry_cap(builtins, all[i]->name);
        ck_assert_msg(cap != NULL, "%s is not an OPA builtin", all[i]->name);
        const rg_value *decl = rg_object_get_str(cap, "decl", 4);
        const rg_value *args = rg_object_get_str(decl, "args", 4);
        size_t arity = args ? rg_len(args) : 0;
        ck_assert_msg(arity == (size_t)all[i]->arity, "%s: arity %d, OPA %zu",
                      all[i]->name, all[i]->arity, arity);
        bool relation = rg_object_get_str(cap, "relation", 8) != NULL;
        ck_assert_msg(relation == all[i]->relation, "%s: relation flag",
                      all[i]->name);
    }
    rg_errors_free(&errs);
    rg_arena_free(arena);
    free(text);
}
END_TEST

static Suite *registry_suite(void)
{
    Suite *s = suite_create("builtins_registry");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, registry_should_find_by_name);
    tcase_add_test(tc, registry_should_list_each_name_once);
    tcase_add_test(tc, registry_should_match_capabilities);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES registry_suite
#include "tests/unit/check_main.h"
