/*
 * Unit tests for the builtin declaration table (runtime/builtins/
 * decls.c): every builtin a query can call has a declaration, and the
 * declarations agree with the registry's arity and flags.
 */
#include <check.h>
#include <string.h>

#include "engine/builtins_engine.h"
#include "runtime/arena.h"
#include "runtime/builtin.h"
#include "runtime/builtins/decls.h"
#include "runtime/builtins/registry.h"
#include "runtime/json.h"

START_TEST(decls_should_be_sorted_and_unique)
{
    size_t n;
    const rg_builtin_decl *all = rg_builtin_decls_all(&n);
    ck_assert_uint_gt(n, 0);
    for (size_t i = 1; i < n; i++)
        ck_assert_msg(strcmp(all[i - 1].name, all[i].name) < 0,
                      "%s before %s", all[i - 1].name, all[i].name);
}
END_TEST

START_TEST(decls_should_be_function_json)
{
    size_t n;
    const rg_builtin_decl *all = rg_builtin_decls_all(&n);
    rg_arena *arena = rg_arena_new(0);
    for (size_t i = 0; i < n; i++) {
        rg_errors errs;
        rg_errors_init(&errs);
        const rg_value *v = rg_json_parse(arena, all[i].decl,
                                          strlen(all[i].decl), all[i].name,
                                          NULL, &errs);
        ck_assert_msg(v != NULL, "decl of %s does not parse", all[i].name);
        const rg_value *type = rg_object_get_str(v, "type", 4);
        ck_assert_ptr_nonnull(type);
        ck_assert_str_eq(rg_string_bytes(type), "function");
        const rg_value *args = rg_object_get_str(v, "args", 4);
        size_t nargs = args ? rg_len(args) : 0;
        bool variadic = rg_object_get_str(v, "variadic", 8) != NULL;
        ck_assert_int_eq(all[i].arity, variadic ? -1 : (int)nargs);
        rg_errors_free(&errs);
    }
    rg_arena_free(arena);
}
END_TEST

START_TEST(decls_should_cover_every_callable_builtin)
{
    rg_arena *arena = rg_arena_new(0);
    size_t n;
    const char **names = rg_engine_builtin_names(arena, &n);
    ck_assert_uint_gt(n, 0);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(rg_builtin_decl_find(names[i]) != NULL,
                      "builtin %s has no declaration", names[i]);
    rg_arena_free(arena);
}
END_TEST

static void check_against_decl(const rg_builtin_def *def)
{
    const rg_builtin_decl *d = rg_builtin_decl_find(def->name);
    ck_assert_msg(d != NULL, "builtin %s has no declaration", def->name);
    ck_assert_msg(d->arity == def->arity, "%s: arity %d, declared %d",
                  def->name, def->arity, d->arity);
    ck_assert_msg(d->relation == def->relation, "%s: relation differs",
                  def->name);
    ck_assert_msg(d->deprecated == rg_builtin_deprecated(def->name),
                  "%s: deprecation differs", def->name);
}

START_TEST(decls_should_match_library_registry)
{
    size_t n;
    const rg_builtin_def *const *all = rg_builtin_all(&n);
    ck_assert_uint_gt(n, 0);
    for (size_t i = 0; i < n; i++)
        check_against_decl(all[i]);
}
END_TEST

START_TEST(decls_should_match_engine_builtins)
{
    size_t n;
    const rg_builtin_def *own = rg_engine_builtins(&n);
    ck_assert_uint_gt(n, 0);
    for (size_t i = 0; i < n; i++)
        check_against_decl(&own[i]);
}
END_TEST

START_TEST(decl_find_should_reject_unknown_names)
{
    ck_assert_ptr_null(rg_builtin_decl_find("no.such.fn"));
    ck_assert_ptr_null(rg_builtin_decl_find(""));
    ck_assert_ptr_null(rg_builtin_decl_find("abs "));
    ck_assert_ptr_null(rg_builtin_decl_find("a"));
    ck_assert_ptr_null(rg_builtin_decl_find("zzz"));
    const rg_builtin_decl *d = rg_builtin_decl_find("plus");
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->infix, "+");
    ck_assert_int_eq(d->arity, 2);
}
END_TEST

START_TEST(builtin_names_should_be_sorted_and_unique)
{
    rg_arena *arena = rg_arena_new(0);
    size_t n;
    const char **names = rg_engine_builtin_names(arena, &n);
    for (size_t i = 1; i < n; i++)
        ck_assert_msg(strcmp(names[i - 1], names[i]) < 0, "%s before %s",
                      names[i - 1], names[i]);
    rg_arena_free(arena);
}
END_TEST

START_TEST(builtin_names_should_include_compiled_calls)
{
    static const char *const wanted[] = {
        "assign", "eq", "print", "rego.metadata.chain",
        "rego.metadata.rule", "internal.member_2", "count"
    };
    rg_arena *arena = rg_arena_new(0);
    size_t n;
    const char **names = rg_engine_builtin_names(arena, &n);
    for (size_t w = 0; w < sizeof wanted / sizeof wanted[0]; w++) {
        bool found = false;
        for (size_t i = 0; i < n && !found; i++)
            found = strcmp(names[i], wanted[w]) == 0;
        ck_assert_msg(found, "%s missing", wanted[w]);
    }
    rg_arena_free(arena);
}
END_TEST

static Suite *decls_suite(void)
{
    Suite *s = suite_create("builtin_decls");
    TCase *t = tcase_create("decls");
    tcase_add_test(t, decls_should_be_sorted_and_unique);
    tcase_add_test(t, decls_should_be_function_json);
    tcase_add_test(t, decls_should_cover_every_callable_builtin);
    tcase_add_test(t, decls_should_match_library_registry);
    tcase_add_test(t, decls_should_match_engine_builtins);
    tcase_add_test(t, decl_find_should_reject_unknown_names);
    tcase_add_test(t, builtin_names_should_be_sorted_and_unique);
    tcase_add_test(t, builtin_names_should_include_compiled_calls);
    suite_add_tcase(s, t);
    return s;
}

#define RG_SUITES decls_suite
#include "tests/unit/check_main.h"
