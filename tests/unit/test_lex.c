/*
 * Unit tests for the Rego lexer: token kinds, positions, whitespace
 * flags, keyword sets, literal shapes and scanner errors.
 */
#include <check.h>
#include <string.h>

#include "parser/lexer.h"

/* Scan src to EOF, storing each token's kind in out (room for max);
 * returns how many were stored. */
static size_t lex_kinds(const char *src, uint32_t keywords, rg_tok *out,
                        size_t max)
{
    rg_lexer lx;
    rg_lexer_init(&lx, src, strlen(src), keywords);
    size_t n = 0;
    do {
        rg_lexer_next(&lx);
        ck_assert_uint_lt(n, max);
        out[n++] = lx.tok.kind;
    } while (lx.tok.kind != RG_TOK_EOF);
    return n;
}

/* The first token of src. */
static rg_token first_token(const char *src)
{
    rg_lexer lx;
    rg_lexer_init(&lx, src, strlen(src), RG_KW_V1);
    rg_lexer_next(&lx);
    return lx.tok;
}

START_TEST(lexer_should_scan_punctuation)
{
    rg_tok k[40];
    size_t n = lex_kinds("[]{}(),:;.+-*/%&|= == := != < > <= >=", 0, k, 40);
    static const rg_tok want[] = {
        RG_TOK_LBRACK, RG_TOK_RBRACK, RG_TOK_LBRACE, RG_TOK_RBRACE,
        RG_TOK_LPAREN, RG_TOK_RPAREN, RG_TOK_COMMA, RG_TOK_COLON,
        RG_TOK_SEMICOLON, RG_TOK_DOT, RG_TOK_PLUS, RG_TOK_MINUS,
        RG_TOK_STAR, RG_TOK_SLASH, RG_TOK_PERCENT, RG_TOK_AMP, RG_TOK_BAR,
        RG_TOK_UNIFY, RG_TOK_EQUAL, RG_TOK_ASSIGN, RG_TOK_NEQ, RG_TOK_LT,
        RG_TOK_GT, RG_TOK_LTE, RG_TOK_GTE, RG_TOK_EOF,
    };
    ck_assert_uint_eq(n, RG_ARRAY_LEN(want));
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(k[i], want[i]);
}
END_TEST

START_TEST(keywords_should_follow_enabled_set)
{
    rg_tok k[8];
    lex_kinds("if contains in every", 0, k, 8);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(k[i], RG_TOK_IDENT);
    lex_kinds("if contains in every", RG_KW_V1, k, 8);
    ck_assert_int_eq(k[0], RG_TOK_IF);
    ck_assert_int_eq(k[1], RG_TOK_CONTAINS);
    ck_assert_int_eq(k[2], RG_TOK_IN);
    ck_assert_int_eq(k[3], RG_TOK_EVERY);
    lex_kinds("not package import and or", RG_KW_AND, k, 8);
    ck_assert_int_eq(k[0], RG_TOK_NOT);
    ck_assert_int_eq(k[1], RG_TOK_PACKAGE);
    ck_assert_int_eq(k[2], RG_TOK_IMPORT);
    ck_assert_int_eq(k[3], RG_TOK_AND);
    ck_assert_int_eq(k[4], RG_TOK_IDENT);
    ck_assert_str_eq(rg_tok_name(RG_TOK_BAR), "or");
    ck_assert(rg_tok_is_keyword(RG_TOK_OR));
    ck_assert(!rg_tok_is_keyword(RG_TOK_BAR));
}
END_TEST

START_TEST(tokens_should_carry_positions)
{
    const char *src = "# c\xc3\xa9\n  x := \"\xc3\xa9\" y\n";
    rg_lexer lx;
    rg_lexer_init(&lx, src, strlen(src), 0);
    rg_lexer_next(&lx);
    ck_assert_int_eq(lx.tok.kind, RG_TOK_IDENT);
    ck_assert_uint_eq(lx.tok.line, 2);
    ck_assert_uint_eq(lx.tok.col, 3);
    ck_assert(lx.tok.ws_before);
    ck_assert(lx.tok.nl_before);
    rg_lexer_next(&lx);
    ck_assert(lx.tok.ws_before);
    ck_assert(!lx.tok.nl_before);
    rg_lexer_next(&lx);
    ck_assert_int_eq(lx.tok.kind, RG_TOK_STRING);
    ck_assert_uint_eq(lx.tok.col, 8);
    rg_lexer_next(&lx);
    /* The two-byte letter counts as one column. */
    ck_assert_uint_eq(lx.tok.col, 12);
    ck_assert_uint_eq(lx.tok.start, 18);
}
END_TEST

START_TEST(numbers_should_scan_whole)
{
    rg_token t = first_token("1.5e-3)");
    ck_assert_int_eq(t.kind, RG_TOK_NUMBER);
    ck_assert_uint_eq(rg_token_len(&t), 6);
    t = first_token("1.x");
    ck_assert_int_eq(t.kind, RG_TOK_ILLEGAL);
    ck_assert_str_eq(t.error, "expected fraction");
    t = first_token("2e+");
    ck_assert_str_eq(t.error, "expected exponent");
    t = first_token("0x1f");
    ck_assert_str_eq(t.error, "illegal number format");
    ck_assert_uint_eq(rg_token_len(&t), 4);
}
END_TEST

START_TEST(strings_should_report_errors)
{
    rg_token t = first_token("\"a\\\"b\" x");
    ck_assert_int_eq(t.kind, RG_TOK_STRING);
    ck_assert_uint_eq(rg_token_len(&t), 6);
    t = first_token("`a\nb`");
    ck_assert_int_eq(t.kind, RG_TOK_STRING);
    ck_assert(t.raw);
    t = first_token("\"abc");
    ck_assert_str_eq(t.error, "non-terminated string");
    t = first_token("\"a\nb\"");
    ck_assert_str_eq(t.error, "non-terminated string");
    t = first_token("\"\\x\"");
    ck_assert_str_eq(t.error, "illegal escape sequence");
    t = first_token("\"\xff\"");
    ck_assert_str_eq(t.error, "illegal utf-8 character");
    t = first_token("\"\xed\xa0\x80\"");
    ck_assert_str_eq(t.error, "illegal utf-8 character");
    t = first_token("!x");
    ck_assert_str_eq(t.error, "illegal ! character");
}
END_TEST

START_TEST(templates_should_scan_in_parts)
{
    const char *src = "$\"a{x}b\\{c}\"";
    rg_lexer lx;
    rg_lexer_init(&lx, src, strlen(src), 0);
    rg_lexer_next(&lx);
    ck_assert_int_eq(lx.tok.kind, RG_TOK_TEMPLATE_PART);
    rg_lexer_next(&lx);
    ck_assert_int_eq(lx.tok.kind, RG_TOK_IDENT);
    rg_lexer_next(&lx);
    ck_assert_int_eq(lx.tok.kind, RG_TOK_RBRACE);
    rg_lexer_template_next(&lx, false);
    ck_assert_int_eq(lx.tok.kind, RG_TOK_TEMPLATE_END);
    /* The part's text starts at the closing brace of the expression. */
    ck_assert_int_eq(src[lx.tok.start], '}');
    ck_assert_uint_eq(lx.tok.end, strlen(src));
}
END_TEST

static int comments_seen;

static void count_comment(void *ctx, const rg_token *tok)
{
    const char *src = ctx;
    ck_assert_int_eq(src[tok->start], '#');
    comments_seen++;
}

START_TEST(comments_should_reach_callback)
{
    const char *src = "\xef\xbb\xbf# one\r\nx # two\n# three";
    rg_lexer lx;
    rg_lexer_init(&lx, src, strlen(src), 0);
    lx.on_comment = count_comment;
    lx.comment_ctx = (void *)src;
    comments_seen = 0;
    rg_lexer_next(&lx);
    ck_assert_int_eq(lx.tok.kind, RG_TOK_IDENT);
    ck_assert_uint_eq(lx.tok.line, 2);
    rg_lexer_next(&lx);
    ck_assert_int_eq(lx.tok.kind, RG_TOK_EOF);
    ck_assert_int_eq(comments_seen, 3);
}
END_TEST

static Suite *lex_suite(void)
{
    Suite *s = suite_create("lex");
    TCase *tc = tcase_create("tokens");
    tcase_add_test(tc, lexer_should_scan_punctuation);
    tcase_add_test(tc, keywords_should_follow_enabled_set);
    tcase_add_test(tc, tokens_should_carry_positions);
    tcase_add_test(tc, numbers_should_scan_whole);
    tcase_add_test(tc, strings_should_report_errors);
    tcase_add_test(tc, templates_should_scan_in_parts);
    tcase_add_test(tc, comments_should_reach_callback);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES lex_suite
#include "tests/unit/check_main.h"
