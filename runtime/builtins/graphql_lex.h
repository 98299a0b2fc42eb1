/*
 * GraphQL lexing (October 2021 specification): punctuators, names,
 * numbers, strings and block strings, with 1-based line and column (in
 * characters) for each token, as the gqlparser library reports them.
 */
#ifndef RG_GRAPHQL_LEX_H
#define RG_GRAPHQL_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/arena.h"

typedef enum rg_gql_tok {
    RG_GQL_INVALID, RG_GQL_EOF, RG_GQL_BANG, RG_GQL_DOLLAR, RG_GQL_AMP,
    RG_GQL_PAREN_L, RG_GQL_PAREN_R, RG_GQL_SPREAD, RG_GQL_COLON,
    RG_GQL_EQUALS, RG_GQL_AT, RG_GQL_BRACKET_L, RG_GQL_BRACKET_R,
    RG_GQL_BRACE_L, RG_GQL_PIPE, RG_GQL_BRACE_R, RG_GQL_NAME, RG_GQL_INT,
    RG_GQL_FLOAT, RG_GQL_STRING, RG_GQL_BLOCK_STRING
} rg_gql_tok;

typedef struct rg_gql_token {
    rg_gql_tok kind;
    const char *value;      /* in the arena; "" for punctuators */
    int line, col;
} rg_gql_token;

typedef struct rg_gql_lexer {
    rg_arena *arena;
    const char *src;
    size_t len, pos;
    int line;
    size_t line_start;      /* byte offset of the current line */
} rg_gql_lexer;

void rg_graphql_lex_init(rg_gql_lexer *lx, rg_arena *arena, const char *src,
                         size_t len);

/* Read the next token; on a lexical error the token is RG_GQL_INVALID at
 * the error's position. */
rg_gql_token rg_graphql_lex_next(rg_gql_lexer *lx);

/* The token's text in gqlparser's messages: "Name \"x\"", "<EOF>",
 * "{"...  Lives in arena. */
const char *rg_graphql_lex_describe(rg_arena *arena, const rg_gql_token *t);

/* The kind alone: "Name", "{", "<EOF>". */
const char *rg_graphql_lex_kind_name(rg_gql_tok kind);

#endif
