/*
 * Unit tests for the parser's public API: the tree it builds for rules,
 * expressions and terms, locations, literal decoding, dialects, queries,
 * input terms and the limits on bad input.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/parser.h"

static rg_module *parse_ok(const char *src, rg_rego_version v)
{
    rg_parse_options opts = {v, false, true};
    rg_errors errs;
    rg_errors_init(&errs);
    rg_module *m = rg_parse_module("t.rego", src, strlen(src), &opts, &errs);
    if (m == NULL) {
        char *msg = rg_error_format(&errs.items[0]);
        ck_abort_msg("unexpected parse error: %s", msg);
    }
    rg_errors_free(&errs);
    return m;
}

/* The first error of a failed parse, formatted; owned by the caller. */
static char *parse_error(const char *src, rg_rego_version v)
{
    rg_parse_options opts = {v, false, false};
    rg_errors errs;
    rg_errors_init(&errs);
    rg_module *m = rg_parse_module("t.rego", src, strlen(src), &opts, &errs);
    ck_assert_ptr_null(m);
    ck_assert_uint_gt(errs.count, 0);
    char *msg = rg_error_format(&errs.items[0]);
    rg_errors_free(&errs);
    return msg;
}

static const char *var_name(const rg_term *t)
{
    ck_assert_int_eq(t->kind, RG_TERM_VAR);
    return t->u.var.name;
}

static const char *head_name(const rg_rule *r)
{
    return var_name(r->head.ref->u.ref.parts[0]);
}

START_TEST(module_should_build_package_and_imports)
{
    rg_module *m = parse_ok("package a.b\nimport data.x.y as z\n"
                            "import input\np := 1\n", RG_REGO_V1);
    const rg_term *pkg = m->package;
    ck_assert_int_eq(pkg->kind, RG_TERM_REF);
    ck_assert_uint_eq(pkg->u.ref.count, 3);
    ck_assert_str_eq(var_name(pkg->u.ref.parts[0]), "data");
    ck_assert_str_eq(pkg->u.ref.parts[2]->u.string.bytes, "b");
    ck_assert_uint_eq(m->import_count, 2);
    ck_assert_str_eq(m->imports[0]->alias, "z");
    ck_assert_ptr_null(m->imports[1]->alias);
    ck_assert_uint_eq(m->imports[1]->path->u.ref.count, 1);
    rg_module_free(m);
}
END_TEST

START_TEST(rules_should_get_their_kinds)
{
    rg_module *m = parse_ok(
        "package t\n"
        "a := 1\n"
        "b contains x if { x := 1 }\n"
        "c[k] := 2 if { k := \"x\" }\n"
        "f(x) := x\n"
        "g.h[x].i contains 1 if { x := 1 }\n"
        "j.k.l := 3\n"
        "default m := false\n", RG_REGO_V1);
    static const rg_rule_kind want[] = {
        RG_RULE_COMPLETE, RG_RULE_PARTIAL_SET, RG_RULE_PARTIAL_OBJECT,
        RG_RULE_FUNCTION, RG_RULE_MULTI_VALUE, RG_RULE_COMPLETE,
        RG_RULE_COMPLETE,
    };
    ck_assert_uint_eq(m->rule_count, 7);
    for (size_t i = 0; i < 7; i++)
        ck_assert_int_eq(m->rules[i]->kind, want[i]);
    ck_assert(m->rules[0]->head.assign);
    ck_assert(!m->rules[0]->body_written);
    ck_assert(m->rules[1]->head.contains);
    ck_assert(m->rules[1]->if_written);
    ck_assert_str_eq(var_name(m->rules[2]->head.key), "k");
    ck_assert_uint_eq(m->rules[3]->head.arg_count, 1);
    ck_assert_uint_eq(m->rules[5]->head.ref->u.ref.count, 3);
    ck_assert(m->rules[6]->is_default);
    rg_module_free(m);
}
END_TEST

START_TEST(v0_rules_should_keep_old_forms)
{
    rg_module *m = parse_ok("package t\n"
                            "p[x] { x := 1 }\n"
                            "q[k] = v { k := 1; v := 2 }\n"
                            "r { true } { false }\n", RG_REGO_V0);
    ck_assert_uint_eq(m->rule_count, 4);
    ck_assert_int_eq(m->rules[0]->kind, RG_RULE_PARTIAL_SET);
    ck_assert_uint_eq(m->rules[0]->head.ref->u.ref.count, 1);
    ck_assert_int_eq(m->rules[1]->kind, RG_RULE_PARTIAL_OBJECT);
    ck_assert_str_eq(head_name(m->rules[2]), "r");
    ck_assert_str_eq(head_name(m->rules[3]), "r");
    ck_assert_uint_eq(m->rules[3]->body.count, 1);
    rg_module_free(m);
}
END_TEST

START_TEST(else_chain_should_copy_head)
{
    rg_module *m = parse_ok("package t\n"
                            "f(_) := 1 if { false } else := 2 if { true }"
                            " else := 3\n", RG_REGO_V1);
    const rg_rule *r = m->rules[0];
    ck_assert_ptr_nonnull(r->else_rule);
    ck_assert_ptr_nonnull(r->else_rule->else_rule);
    ck_assert_int_eq(r->else_rule->kind, RG_RULE_FUNCTION);
    ck_assert_str_eq(r->else_rule->head.value->u.number.text, "2");
    ck_assert_str_eq(r->else_rule->else_rule->head.value->u.number.text,
                     "3");
    /* A wildcard argument gets a fresh name in each branch. */
    const char *a0 = var_name(r->head.args[0]);
    const char *a1 = var_name(r->else_rule->head.args[0]);
    ck_assert_str_ne(a0, a1);
    ck_assert(r->head.args[0]->u.var.wildcard);
    rg_module_free(m);
}
END_TEST

static const rg_expr *first_expr(const rg_module *m, size_t rule)
{
    return m->rules[rule]->body.exprs[0];
}

static const char *op_name(const rg_expr *e)
{
    ck_assert_int_eq(e->kind, RG_EXPR_CALL);
    const rg_term *op = e->u.call.terms[0];
    ck_assert_int_eq(op->kind, RG_TERM_REF);
    return var_name(op->u.ref.parts[0]);
}

START_TEST(operators_should_follow_precedence)
{
    rg_module *m = parse_ok("package t\np if { x := 1 + 2 * 3 == 7 }\n",
                            RG_REGO_V1);
    const rg_expr *e = first_expr(m, 0);
    ck_assert_str_eq(op_name(e), "assign");
    const rg_term *rhs = e->u.call.terms[2];
    ck_assert_int_eq(rhs->kind, RG_TERM_CALL);
    const rg_term *eq_op = rhs->u.call.args[0];
    ck_assert_str_eq(var_name(eq_op->u.ref.parts[0]), "equal");
    const rg_term *sum = rhs->u.call.args[1];
    ck_assert_str_eq(var_name(sum->u.call.args[0]->u.ref.parts[0]),
                     "plus");
    const rg_term *product = sum->u.call.args[2];
    ck_assert_str_eq(var_name(product->u.call.args[0]->u.ref.parts[0]),
                     "mul");
    rg_module_free(m);
}
END_TEST

START_TEST(some_and_every_should_split_members)
{
    rg_module *m = parse_ok("package t\n"
                            "p if { some k, v in input.xs }\n"
                            "q if { every x in [1] { x > 0 } }\n"
                            "r if { some a, b; a = b }\n", RG_REGO_V1);
    const rg_expr *s = first_expr(m, 0);
    ck_assert_int_eq(s->kind, RG_EXPR_SOME_IN);
    ck_assert_str_eq(var_name(s->u.some_in.key), "k");
    ck_assert_str_eq(var_name(s->u.some_in.value), "v");
    const rg_expr *e = first_expr(m, 1);
    ck_assert_int_eq(e->kind, RG_EXPR_EVERY);
    ck_assert_ptr_null(e->u.every.key);
    ck_assert_uint_eq(e->u.every.body.count, 1);
    const rg_expr *d = first_expr(m, 2);
    ck_assert_int_eq(d->kind, RG_EXPR_SOME);
    ck_assert_uint_eq(d->u.some.count, 2);
    rg_module_free(m);
}
END_TEST

START_TEST(with_and_not_should_attach_to_expr)
{
    rg_module *m = parse_ok("package t\n"
                            "p if { not q with input as 1 with data.x as 2 }\n"
                            "q if true\n", RG_REGO_V1);
    const rg_expr *e = first_expr(m, 0);
    ck_assert(e->negated);
    ck_assert_uint_eq(e->with_count, 2);
    ck_assert_int_eq(e->withs[1]->target->kind, RG_TERM_REF);
    rg_module_free(m);
}
END_TEST

START_TEST(terms_should_carry_locations)
{
    rg_module *m = parse_ok("package t\n\np if {\n\t\"\xc3\xa9\" != x\n}\n",
                            RG_REGO_V1);
    const rg_expr *e = first_expr(m, 0);
    ck_assert_uint_eq(e->loc.line, 4);
    ck_assert_uint_eq(e->loc.col, 2);
    const rg_term *x = e->u.call.terms[2];
    ck_assert_uint_eq(x->loc.line, 4);
    /* Columns count characters: the two-byte letter is one column. */
    ck_assert_uint_eq(x->loc.col, 9);
    ck_assert_str_eq(x->loc.file, "t.rego");
    ck_assert_uint_eq(m->rules[0]->loc.line, 3);
    rg_module_free(m);
}
END_TEST

START_TEST(strings_should_decode_escapes)
{
    rg_module *m = parse_ok("package t\n"
                            "a := \"\\u00e9\\ud83d\\ude00\\n\"\n"
                            "b := \"\\ud800x\"\n"
                            "c := `raw\\n`\n", RG_REGO_V1);
    const rg_term *a = m->rules[0]->head.value;
    ck_assert_uint_eq(a->u.string.len, 7);
    ck_assert_mem_eq(a->u.string.bytes, "\xc3\xa9\xf0\x9f\x98\x80\n", 7);
    const rg_term *b = m->rules[1]->head.value;
    ck_assert_str_eq(b->u.string.bytes, "\xef\xbf\xbdx");
    const rg_term *c = m->rules[2]->head.value;
    ck_assert(c->u.string.raw);
    ck_assert_str_eq(c->u.string.bytes, "raw\\n");
    rg_module_free(m);
}
END_TEST

START_TEST(numbers_should_keep_literal_text)
{
    rg_module *m = parse_ok("package t\n"
                            "a := 123456789012345678901234567890\n"
                            "b := -0.5e-3\n"
                            "c := [1, -.5]\n", RG_REGO_V1);
    ck_assert_str_eq(m->rules[0]->head.value->u.number.text,
                     "123456789012345678901234567890");
    ck_assert_str_eq(m->rules[1]->head.value->u.number.text, "-0.5e-3");
    const rg_term *c = m->rules[2]->head.value;
    ck_assert_str_eq(c->u.collection.items[1]->u.number.text, "-.5");
    rg_module_free(m);
}
END_TEST

START_TEST(collections_should_parse)
{
    rg_module *m = parse_ok("package t\n"
                            "a := {1, 2}\n"
                            "b := set()\n"
                            "c := {[1]: {\"k\": null}}\n"
                            "d := {x | x := 1}\n"
                            "e := {k: v | k := 1; v := 2}\n"
                            "f := [x | x := 1]\n"
                            "g := f(1).y\n", RG_REGO_V1);
    ck_assert_int_eq(m->rules[0]->head.value->kind, RG_TERM_SET);
    ck_assert_uint_eq(m->rules[0]->head.value->u.collection.count, 2);
    ck_assert_int_eq(m->rules[1]->head.value->kind, RG_TERM_SET);
    ck_assert_uint_eq(m->rules[1]->head.value->u.collection.count, 0);
    const rg_term *c = m->rules[2]->head.value;
    ck_assert_int_eq(c->kind, RG_TERM_OBJECT);
    ck_assert_int_eq(c->u.object.keys[0]->kind, RG_TERM_ARRAY);
    ck_assert_int_eq(m->rules[3]->head.value->kind, RG_TERM_SET_COMP);
    ck_assert_int_eq(m->rules[4]->head.value->kind, RG_TERM_OBJECT_COMP);
    ck_assert_uint_eq(m->rules[4]->head.value->u.comp.body.count, 2);
    ck_assert_int_eq(m->rules[5]->head.value->kind, RG_TERM_ARRAY_COMP);
    const rg_term *g = m->rules[6]->head.value;
    ck_assert_int_eq(g->kind, RG_TERM_REF);
    ck_assert_int_eq(g->u.ref.parts[0]->kind, RG_TERM_CALL);
    rg_module_free(m);
}
END_TEST

START_TEST(templates_should_split_parts)
{
    rg_module *m = parse_ok("package t\na := $\"x={input.x} \\{y}\"\n",
                            RG_REGO_V1);
    const rg_term *t = m->rules[0]->head.value;
    ck_assert_int_eq(t->kind, RG_TERM_TEMPLATE);
    ck_assert_uint_eq(t->u.template.count, 3);
    ck_assert_str_eq(t->u.template.parts[0].text, "x=");
    ck_assert_ptr_nonnull(t->u.template.parts[1].expr);
    ck_assert_str_eq(t->u.template.parts[2].text, " {y}");
    rg_module_free(m);
}
END_TEST

START_TEST(logic_operators_should_nest)
{
    rg_module *m = parse_ok("package t\nimport future.keywords.and\n"
                            "import future.keywords.or\n"
                            "p if { input.a and input.b or not { x := 1 } }\n",
                            RG_REGO_V1);
    const rg_expr *e = first_expr(m, 0);
    ck_assert_int_eq(e->kind, RG_EXPR_OR);
    ck_assert_int_eq(e->u.logic.lhs->kind, RG_EXPR_AND);
    const rg_expr *rhs = e->u.logic.rhs;
    ck_assert_int_eq(rhs->kind, RG_EXPR_GROUP);
    ck_assert(rhs->negated);
    ck_assert_uint_eq(rhs->u.group.count, 1);
    rg_module_free(m);
}
END_TEST

START_TEST(annotations_should_attach_to_rules)
{
    rg_module *m = parse_ok("# METADATA\n# title: T\npackage t\n\n"
                            "# METADATA\n# scope: document\n# title: P\n"
                            "p := 1\n", RG_REGO_V1);
    ck_assert_uint_eq(m->annotation_count, 2);
    ck_assert_str_eq(m->annotations[0]->scope, "package");
    ck_assert_ptr_null(m->annotations[0]->rule);
    ck_assert_str_eq(m->annotations[1]->scope, "document");
    ck_assert_ptr_eq(m->annotations[1]->rule, m->rules[0]);
    ck_assert_str_eq(m->annotations[1]->yaml, "scope: document\ntitle: P\n");
    ck_assert_uint_eq(m->rules[0]->annotation_count, 1);
    ck_assert_uint_eq(m->comment_count, 5);
    rg_module_free(m);
}
END_TEST

START_TEST(document_annotations_should_cover_rules)
{
    rg_module *m = parse_ok("package t\n"
                            "q := 0\n"
                            "# METADATA\n# scope: document\n# title: P\n"
                            "p := 1 if input.x\n"
                            "p := 2 if input.y\n"
                            "# METADATA\n# entrypoint: true\n"
                            "r := 3\n", RG_REGO_V1);
    ck_assert_uint_eq(m->rule_count, 4);
    ck_assert_uint_eq(m->rules[0]->annotation_count, 0);
    ck_assert_uint_eq(m->rules[1]->annotation_count, 1);
    ck_assert_uint_eq(m->rules[2]->annotation_count, 1);
    ck_assert_ptr_eq(m->rules[2]->annotations[0], m->annotations[0]);
    ck_assert_str_eq(m->annotations[1]->scope, "document");
    ck_assert_ptr_eq(m->annotations[1]->rule, m->rules[3]);
    rg_module_free(m);
}
END_TEST

START_TEST(fallback_should_accept_v0_modules)
{
    const char *src = "package t\np[x] { x := 1 }\n";
    rg_parse_options opts = {RG_REGO_V1, true, false};
    rg_errors errs;
    rg_errors_init(&errs);
    rg_module *m = rg_parse_module("t.rego", src, strlen(src), &opts, &errs);
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(m->version, RG_REGO_V0);
    ck_assert_uint_eq(errs.count, 0);
    rg_module_free(m);
    char *msg = parse_error(src, RG_REGO_V1);
    ck_assert_str_eq(msg, "t.rego:2:1: rego_parse_error: `if` keyword is "
                          "required before rule body");
    free(msg);
    rg_errors_free(&errs);
}
END_TEST

START_TEST(query_should_parse_expressions)
{
    rg_arena *a = rg_arena_new(0);
    rg_errors errs;
    rg_errors_init(&errs);
    rg_body body;
    const char *q = "data.test.p = x; y := 1\nz in [1]";
    ck_assert(rg_parse_query(a, "q", q, strlen(q), NULL, &body, &errs));
    ck_assert_uint_eq(body.count, 3);
    ck_assert_str_eq(op_name(body.exprs[0]), "eq");
    ck_assert_str_eq(op_name(body.exprs[1]), "assign");
    ck_assert_uint_eq(body.exprs[2]->index, 2);
    ck_assert(!rg_parse_query(a, "q", "x :=", 4, NULL, &body, &errs));
    ck_assert_uint_gt(errs.count, 0);
    rg_errors_free(&errs);
    rg_arena_free(a);
}
END_TEST

START_TEST(term_should_parse_input_terms)
{
    rg_arena *a = rg_arena_new(0);
    rg_errors errs;
    rg_errors_init(&errs);
    const char *src = "{\"a\": {1, 2}, 3: [null, false]}";
    rg_term *t = rg_parse_term(a, "input", src, strlen(src), NULL, &errs);
    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(t->kind, RG_TERM_OBJECT);
    ck_assert_uint_eq(t->u.object.count, 2);
    ck_assert(rg_term_is_ground(t));
    ck_assert_ptr_null(rg_parse_term(a, "input", "x := 1", 6, NULL, &errs));
    ck_assert_uint_eq(errs.count, 1);
    rg_errors_free(&errs);
    rg_arena_free(a);
}
END_TEST

START_TEST(deep_nesting_should_fail_cleanly)
{
    size_t n = 100000;
    char *src = malloc(n + 32);
    strcpy(src, "package t\np := ");
    size_t off = strlen(src);
    memset(src + off, '[', n);
    src[off + n] = '\0';
    char *msg = parse_error(src, RG_REGO_V1);
    ck_assert_ptr_nonnull(strstr(msg, "max parsing recursion depth "
                                      "exceeded"));
    free(msg);
    memset(src + off, '{', n);
    msg = parse_error(src, RG_REGO_V1);
    ck_assert_ptr_nonnull(strstr(msg, "max parsing recursion depth "
                                      "exceeded"));
    free(msg);
    free(src);
}
END_TEST

/* src is prefix, then open repeated n times, then mid, then close
 * repeated n times.  Returns owned. */
static char *repeat_source(const char *open, const char *mid,
                           const char *close, size_t n)
{
    const char *prefix = "package t\np := ";
    size_t lo = strlen(open);
    size_t lc = strlen(close);
    char *src = malloc(strlen(prefix) + n * (lo + lc) + strlen(mid) + 2);
    char *w = src + strlen(strcpy(src, prefix));
    for (size_t i = 0; i < n; i++, w += lo)
        memcpy(w, open, lo);
    w += strlen(strcpy(w, mid));
    for (size_t i = 0; i < n; i++, w += lc)
        memcpy(w, close, lc);
    strcpy(w, "\n");
    return src;
}

START_TEST(nested_retries_should_stay_linear)
{
    /* Each level first reads a comprehension, fails at the comma and is
     * read again as a collection; the memo keeps this linear. */
    char *src = repeat_source("{x: y | ", "a", ", b: c}", 900);
    rg_module *m = parse_ok(src, RG_REGO_V1);
    ck_assert_int_eq(m->rules[0]->head.value->kind, RG_TERM_OBJECT);
    rg_module_free(m);
    free(src);
    src = repeat_source("{x: y | ", "a", "", 5000);
    char *msg = parse_error(src, RG_REGO_V1);
    ck_assert_ptr_nonnull(strstr(msg, "rego_parse_error"));
    free(msg);
    free(src);
}
END_TEST

/* A flat operator chain is a loop, not recursion: 200,000 terms parse
 * into a left-deep tree, and the JSON writer walks it without recursing
 * once per level. */
START_TEST(long_operator_chain_should_parse)
{
    size_t n = 200000;
    char *src = repeat_source("", "1", " + 1", n);
    rg_module *m = parse_ok(src, RG_REGO_V1);
    const rg_term *t = m->rules[0]->head.value;
    size_t depth = 0;
    for (; t->kind == RG_TERM_CALL; t = t->u.call.args[1])
        depth++;
    ck_assert_uint_eq(depth, n);
    FILE *out = tmpfile();
    ck_assert_ptr_nonnull(out);
    rg_ast_write_module_json(out, m, false);
    ck_assert_int_gt(ftell(out), (long)(n * 40));
    fclose(out);
    rg_module_free(m);
    free(src);
    src = repeat_source("", "1", " - 2 * 3", n);
    m = parse_ok(src, RG_REGO_V1);
    t = m->rules[0]->head.value;
    ck_assert_str_eq(t->u.call.args[0]->u.ref.parts[0]->u.var.name,
                     "minus");
    ck_assert_str_eq(t->u.call.args[2]->u.call.args[0]->u.ref.parts[0]
                     ->u.var.name, "mul");
    rg_module_free(m);
    free(src);
}
END_TEST

/* A bad token is reported once, by the lexer's message, and the
 * parser's confusion after it is left out. */
START_TEST(bad_token_should_be_one_error)
{
    const char *src = "package x\np := 1 + \"a\n";
    rg_parse_options opts = {RG_REGO_V1, false, false};
    rg_errors errs;
    rg_errors_init(&errs);
    rg_module *m = rg_parse_module("t.rego", src, strlen(src), &opts, &errs);
    ck_assert_ptr_null(m);
    ck_assert_uint_eq(errs.count, 1);
    char *msg = rg_error_format(&errs.items[0]);
    ck_assert_str_eq(msg, "t.rego:2:10: rego_parse_error: non-terminated "
                     "string");
    free(msg);
    rg_errors_free(&errs);
    msg = parse_error("package x\np := 1 \x01 2\n", RG_REGO_V1);
    ck_assert_str_eq(msg, "t.rego:2:8: rego_parse_error: illegal token "
                     "'\\x01'");
    free(msg);
}
END_TEST

START_TEST(bad_bytes_should_be_errors)
{
    char *msg = parse_error("package t\np := \"\xc3\"\n", RG_REGO_V1);
    ck_assert_str_eq(msg, "t.rego:2:6: rego_parse_error: illegal utf-8 "
                          "character");
    free(msg);
    rg_parse_options opts = {RG_REGO_V1, false, false};
    rg_errors errs;
    rg_errors_init(&errs);
    static const char nul_src[] = "package t\np := 1\0\n";
    ck_assert_ptr_null(rg_parse_module("t.rego", nul_src,
                                       sizeof nul_src - 1, &opts, &errs));
    ck_assert_uint_gt(errs.count, 0);
    rg_errors_free(&errs);
}
END_TEST

static Suite *parse_suite(void)
{
    Suite *s = suite_create("parse");
    TCase *tree = tcase_create("tree");
    tcase_add_test(tree, module_should_build_package_and_imports);
    tcase_add_test(tree, rules_should_get_their_kinds);
    tcase_add_test(tree, v0_rules_should_keep_old_forms);
    tcase_add_test(tree, else_chain_should_copy_head);
    tcase_add_test(tree, operators_should_follow_precedence);
    tcase_add_test(tree, some_and_every_should_split_members);
    tcase_add_test(tree, with_and_not_should_attach_to_expr);
    tcase_add_test(tree, terms_should_carry_locations);
    tcase_add_test(tree, logic_operators_should_nest);
    tcase_add_test(tree, annotations_should_attach_to_rules);
    tcase_add_test(tree, document_annotations_should_cover_rules);
    suite_add_tcase(s, tree);
    TCase *lit = tcase_create("literals");
    tcase_add_test(lit, strings_should_decode_escapes);
    tcase_add_test(lit, numbers_should_keep_literal_text);
    tcase_add_test(lit, collections_should_parse);
    tcase_add_test(lit, templates_should_split_parts);
    suite_add_tcase(s, lit);
    TCase *api = tcase_create("api");
    tcase_add_test(api, fallback_should_accept_v0_modules);
    tcase_add_test(api, query_should_parse_expressions);
    tcase_add_test(api, term_should_parse_input_terms);
    tcase_add_test(api, deep_nesting_should_fail_cleanly);
    tcase_add_test(api, nested_retries_should_stay_linear);
    tcase_add_test(api, long_operator_chain_should_parse);
    tcase_add_test(api, bad_token_should_be_one_error);
    tcase_add_test(api, bad_bytes_should_be_errors);
    suite_add_tcase(s, api);
    return s;
}

#define RG_SUITES parse_suite
#include "tests/unit/check_main.h"
