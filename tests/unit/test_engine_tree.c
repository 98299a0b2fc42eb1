/*
 * Unit tests for the rule tree (engine/tree.c) of a package with many
 * rules: every rule is found after the build, children are sorted by
 * name, the tree's memory grows linearly with the number of rules, and
 * a compiled one-line rule keeps only its bytecode.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

/* Rules of the generated package. */
#define MANY_RULES 30000

/* Tree bytes allowed per rule: a node with its name, key and path
 * takes about 560 bytes with the arena's block slack, while copying
 * the node table on every 64th node took about 2,300 at this size. */
#define TREE_BYTES_PER_RULE 1536

/* "package big" and one line "rN := N" per rule; returns owned text. */
/* Bytes of compiled procs allowed per one-line rule: its bytecode and
 * constant take a few hundred; keeping the lowered form alongside
 * took more than 2 KiB. */
#define PROC_BYTES_PER_RULE 1024

static char *many_rules_module(size_t *len)
{
    char *src = malloc((size_t)MANY_RULES * 32 + 32);
    size_t at = (size_t)sprintf(src, "package big\n");
    for (int i = 0; i < MANY_RULES; i++)
        at += (size_t)sprintf(src + at, "r%d := %d\n", i, i);
    *len = at;
    return src;
}

static rg_engine *compiled_engine(rg_errors *errs)
{
    size_t len;
    char *src = many_rules_module(&len);
    rg_engine *e = rg_engine_new(NULL);
    ck_assert_int_eq(rg_engine_add_module(e, "big.rego", src, len, errs), 0);
    free(src);
    ck_assert_int_eq(rg_engine_compile(e, errs), 0);
    return e;
}

START_TEST(tree_should_find_every_rule)
{
    rg_errors errs;
    rg_errors_init(&errs);
    rg_engine *e = compiled_engine(&errs);
    const rg_node *pkg = rg_tree_child(e->root, "big", 3);
    ck_assert_ptr_nonnull(pkg);
    ck_assert_uint_eq(pkg->nchildren, MANY_RULES);
    char name[32];
    for (int i = 0; i < MANY_RULES; i++) {
        int n = snprintf(name, sizeof name, "r%d", i);
        const rg_node *c = rg_tree_child(pkg, name, (size_t)n);
        ck_assert_ptr_nonnull(c);
        ck_assert_str_eq(c->name, name);
        ck_assert_uint_eq(c->ndefs, 1);
    }
    for (uint32_t i = 1; i < pkg->nchildren; i++)
        ck_assert_int_lt(strcmp(pkg->children[i - 1]->name,
                                pkg->children[i]->name), 0);
    rg_engine_free(e);
    rg_errors_free(&errs);
}
END_TEST

START_TEST(tree_should_grow_linearly)
{
    rg_errors errs;
    rg_errors_init(&errs);
    rg_engine *e = compiled_engine(&errs);
    size_t bytes = rg_arena_bytes(e->tree_arena);
    ck_assert_msg(bytes < (size_t)MANY_RULES * TREE_BYTES_PER_RULE,
                  "tree arena holds %zu bytes", bytes);
    rg_engine_free(e);
    rg_errors_free(&errs);
}
END_TEST

START_TEST(procs_should_keep_only_bytecode)
{
    rg_errors errs;
    rg_errors_init(&errs);
    rg_engine *e = compiled_engine(&errs);
    size_t bytes = 0;
    for (size_t i = 0; i < e->nowned; i++)
        bytes += rg_arena_bytes(e->owned[i]->arena);
    ck_assert_uint_eq(e->nowned, MANY_RULES);
    ck_assert_msg(bytes < (size_t)MANY_RULES * PROC_BYTES_PER_RULE,
                  "procs hold %zu bytes", bytes);
    rg_engine_free(e);
    rg_errors_free(&errs);
}
END_TEST

START_TEST(tree_should_evaluate_last_rule)
{
    rg_errors errs;
    rg_errors_init(&errs);
    rg_engine *e = compiled_engine(&errs);
    rg_query *q = rg_query_prepare(e, "x := data.big.r29999", &errs);
    ck_assert_ptr_nonnull(q);
    rg_result *r = rg_query_eval(q, NULL, &errs);
    ck_assert_ptr_nonnull(r);
    char *json = rg_result_json(r, 0);
    ck_assert_ptr_nonnull(strstr(json, "\"x\":29999"));
    free(json);
    rg_result_free(r);
    rg_query_free(q);
    rg_engine_free(e);
    rg_errors_free(&errs);
}
END_TEST

static Suite *tree_suite(void)
{
    Suite *s = suite_create("engine_tree");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, tree_should_find_every_rule);
    tcase_add_test(tc, tree_should_grow_linearly);
    tcase_add_test(tc, procs_should_keep_only_bytecode);
    tcase_add_test(tc, tree_should_evaluate_last_rule);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES tree_suite
#include "tests/unit/check_main.h"
