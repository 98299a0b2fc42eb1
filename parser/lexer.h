/*
 * The Rego lexer: turns source bytes into tokens on demand.
 *
 * The lexer keeps no token buffer.  The parser asks for one token at a
 * time and backtracks by copying the small rg_lexer struct.  Token text
 * points into the source, so scanning allocates nothing.
 *
 * Whitespace and comments are skipped, but a token records whether
 * whitespace came before it (refs and calls must follow their head with
 * no gap) and whether a newline did (newlines separate expressions in a
 * body).  Comments are handed to a callback so the parser can keep them.
 *
 * Which identifiers are keywords depends on the dialect and on the
 * module's imports: the set is a bit mask the parser changes as it reads
 * "import future.keywords..." and "import rego.v1".
 */
#ifndef RG_LEXER_H
#define RG_LEXER_H

#include "runtime/common.h"

typedef enum rg_tok {
    RG_TOK_EOF,
    RG_TOK_ILLEGAL,
    RG_TOK_IDENT,
    RG_TOK_NUMBER,
    RG_TOK_STRING,          /* "..." or `...` (the raw flag marks `...`) */
    RG_TOK_TEMPLATE_PART,   /* $"text{  or  }text{ */
    RG_TOK_TEMPLATE_END,    /* $"text"  or  }text" */
    RG_TOK_LBRACK,
    RG_TOK_RBRACK,
    RG_TOK_LBRACE,
    RG_TOK_RBRACE,
    RG_TOK_LPAREN,
    RG_TOK_RPAREN,
    RG_TOK_COMMA,
    RG_TOK_COLON,
    RG_TOK_SEMICOLON,
    RG_TOK_DOT,
    RG_TOK_PLUS,
    RG_TOK_MINUS,
    RG_TOK_STAR,
    RG_TOK_SLASH,
    RG_TOK_PERCENT,
    RG_TOK_AMP,             /* & set intersection */
    RG_TOK_BAR,             /* | set union, comprehension bar */
    RG_TOK_UNIFY,           /* = */
    RG_TOK_EQUAL,           /* == */
    RG_TOK_ASSIGN,          /* := */
    RG_TOK_NEQ,
    RG_TOK_LT,
    RG_TOK_GT,
    RG_TOK_LTE,
    RG_TOK_GTE,
    /* keywords, always reserved */
    RG_TOK_PACKAGE,
    RG_TOK_IMPORT,
    RG_TOK_AS,
    RG_TOK_DEFAULT,
    RG_TOK_ELSE,
    RG_TOK_NOT,
    RG_TOK_SOME,
    RG_TOK_WITH,
    RG_TOK_NULL,
    RG_TOK_TRUE,
    RG_TOK_FALSE,
    /* keywords only when enabled (see RG_KW_*) */
    RG_TOK_IN,
    RG_TOK_EVERY,
    RG_TOK_CONTAINS,
    RG_TOK_IF,
    RG_TOK_AND,             /* experimental "and" expression operator */
    RG_TOK_OR,              /* experimental "or" expression operator */
    RG_TOK_COUNT_
} rg_tok;

/* Bits of the optional keyword set. */
#define RG_KW_IN        (1u << 0)
#define RG_KW_EVERY     (1u << 1)
#define RG_KW_CONTAINS  (1u << 2)
#define RG_KW_IF        (1u << 3)
#define RG_KW_AND       (1u << 4)
#define RG_KW_OR        (1u << 5)
#define RG_KW_NOT       (1u << 6)   /* "not { body }", "not (a or b)" */
#define RG_KW_V1        (RG_KW_IN | RG_KW_EVERY | RG_KW_CONTAINS | RG_KW_IF)

typedef struct rg_token {
    rg_tok kind;
    uint32_t start;         /* byte offset of the first byte */
    uint32_t end;           /* byte offset after the last byte */
    uint32_t line;
    uint32_t col;           /* 1-based, in characters */
    bool ws_before;         /* whitespace or a comment came before */
    bool nl_before;         /* a newline came before */
    bool raw;               /* raw string or raw template part */
    const char *error;      /* scanner message for ILLEGAL; may be NULL */
} rg_token;

typedef void (*rg_comment_fn)(void *ctx, const rg_token *tok);

typedef struct rg_lexer {
    const char *src;        /* borrowed; the whole input */
    uint32_t len;
    uint32_t pos;           /* next byte to scan */
    uint32_t line;
    uint32_t line_start;    /* offset of the current line's first byte */
    uint32_t cont_bytes;    /* UTF-8 continuation bytes on this line */
    uint32_t keywords;      /* RG_KW_* bits */
    rg_token tok;           /* the current token */
    rg_comment_fn on_comment;
    void *comment_ctx;
} rg_lexer;

/* Start lexing src (borrowed, len bytes; a leading byte-order mark is
 * skipped).  The first token is not read yet: call rg_lexer_next. */
void rg_lexer_init(rg_lexer *lx, const char *src, size_t len,
                   uint32_t keywords);

/* Read the next token into lx->tok, skipping whitespace and comments. */
void rg_lexer_next(rg_lexer *lx);

/* Continue a template string after the "}" that closed an embedded
 * expression: reads the next part into lx->tok. */
void rg_lexer_template_next(rg_lexer *lx, bool raw);

/* The token's display name as OPA prints it in "unexpected X token". */
const char *rg_tok_name(rg_tok kind);

/* true for the words that are keywords (reserved or enabled). */
bool rg_tok_is_keyword(rg_tok kind);

/* The keyword token for word when it is a keyword under the bits in
 * keywords, else RG_TOK_IDENT. */
rg_tok rg_lexer_keyword(const char *word, size_t len, uint32_t keywords);

/* Bytes of the token's source text. */
static inline uint32_t rg_token_len(const rg_token *t)
{
    return t->end - t->start;
}

#endif
