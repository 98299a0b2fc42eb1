/*
 * The parser's internal state and the functions the parser's files share.
 * Not part of the public interface (see parser/parser.h).
 *
 * The parser is recursive descent over the on-demand lexer, shaped like
 * OPA's so that its decisions and error texts match.  Where OPA tries
 * one reading and falls back to another, this parser saves its state
 * (the lexer struct plus a few counters) and restores it.  Restoring
 * drops the errors and comments recorded during the failed attempt.
 *
 * Lists (body expressions, collection items, call arguments) are built
 * on one scratch stack of pointers and copied into the module's arena
 * when complete, so parsing allocates nothing per token.
 */
#ifndef RG_PARSE_INTERNAL_H
#define RG_PARSE_INTERNAL_H

#include "parser/lexer.h"
#include "parser/parser.h"

/* One recorded parse error; the message lives in the parser's arena. */
typedef struct rg_perr {
    uint32_t line;
    uint32_t col;
    const char *msg;
    bool lexical;       /* a bad token: errors after it are left out */
} rg_perr;

typedef struct rg_parser {
    rg_lexer lx;
    rg_arena *arena;            /* where the tree goes */
    const char *file;           /* lives in arena */
    rg_rego_version version;
    bool v1_checks;             /* v1, or v0 with "import rego.v1" */
    bool experimental;
    uint32_t allowed_kw;        /* keywords "import future.keywords"
                                   may enable */
    int depth;
    uint32_t wildcards;         /* next "$N" number */
    uint32_t last_end;          /* end offset of the last consumed token */
    const char *hint;           /* appended to the next error */
    rg_perr *errs;              /* heap */
    uint32_t nerr;
    uint32_t caperr;
    rg_comment *comments;       /* heap until the module is built */
    uint32_t ncomments;
    uint32_t capcomments;
    void **stk;                 /* scratch stack, heap */
    size_t top;
    size_t capstk;
    struct rg_pcache_entry *cache;  /* composite terms by offset, heap */
    uint32_t cache_count;
    uint32_t cache_cap;         /* a power of two, or 0 */
} rg_parser;

/* Everything restore needs to rewind the parser. */
typedef struct rg_pstate {
    rg_lexer lx;
    uint32_t nerr;
    uint32_t ncomments;
    uint32_t wildcards;
    uint32_t last_end;
    size_t top;
    const char *hint;
} rg_pstate;

/* ---- parser/pstate.c: state, tokens, errors, lists ------------------ */

void rg_pstate_init(rg_parser *p, rg_arena *arena, const char *file,
                    const char *src, size_t len, uint32_t keywords);
void rg_pstate_finish(rg_parser *p, rg_errors *errs);
void rg_pstate_save(const rg_parser *p, rg_pstate *s);
void rg_pstate_restore(rg_parser *p, const rg_pstate *s);

/* Consume the current token and read the next one. */
void rg_pstate_next(rg_parser *p);
/* Consume the "}" closing a template-string expression and read the
 * template's next part. */
void rg_pstate_template_next(rg_parser *p, bool raw);

static inline rg_tok rg_pstate_tok(const rg_parser *p)
{
    return p->lx.tok.kind;
}

/* The memo of composite terms ([...], {...}, (...)) already parsed,
 * keyed by their first byte, as OPA keeps one.  A comprehension that
 * fails to parse is read again as a collection, so without the memo
 * nested attempts would re-read the same text an exponential number of
 * times.  rg_pcache_get replays a remembered parse: it moves the parser
 * past the term, records the errors that parse recorded, sets *term
 * (NULL for a failure) and returns true; false when nothing is known. */
bool rg_pcache_get(rg_parser *p, rg_term **term);
/* Remember the parse of the term that started at offset start and ended
 * at the current state.  term is NULL for a failure, and nerr_before is
 * the error count before the parse. */
void rg_pcache_put(rg_parser *p, uint32_t start, rg_term *term,
                   uint32_t nerr_before);

/* Record an error at a position (message formatted like printf). */
void rg_pstate_error_at(rg_parser *p, uint32_t line, uint32_t col,
                        const char *fmt, ...) RG_PRINTF(4, 5);
/* Record "unexpected X token[: note]" at the current token. */
void rg_pstate_illegal(rg_parser *p, const char *fmt, ...) RG_PRINTF(2, 3);
void rg_pstate_illegal_token(rg_parser *p);

/* Nesting guard: false (and an error) when RG_PARSE_MAX_DEPTH is
 * passed.  Every successful enter is paired with a leave. */
bool rg_pstate_enter(rg_parser *p);
static inline void rg_pstate_leave(rg_parser *p)
{
    p->depth--;
}

/* Location of the current token, and finishing a node's length. */
rg_loc rg_pstate_loc(const rg_parser *p);
void rg_pstate_close(const rg_parser *p, rg_loc *loc);

void rg_pstate_push(rg_parser *p, void *item);
/* Copy the items above base into the arena and pop them. */
void **rg_pstate_pop(rg_parser *p, size_t base, uint32_t *count);

/* The current token's text copied into the arena. */
char *rg_pstate_text(rg_parser *p);
bool rg_pstate_text_is(const rg_parser *p, const char *word);

/* ---- parser/ast_build.c: node constructors -------------------------- */

rg_term *rg_ast_term(rg_parser *p, rg_term_kind kind, rg_loc loc);
rg_term *rg_ast_var(rg_parser *p, const char *name, rg_loc loc);
/* A var whose NUL-terminated name of len bytes lives in the arena. */
rg_term *rg_ast_var_len(rg_parser *p, const char *name, uint32_t len,
                        rg_loc loc);
rg_term *rg_ast_string(rg_parser *p, const char *s, uint32_t len,
                       rg_loc loc);
rg_term *rg_ast_bool(rg_parser *p, bool value, rg_loc loc);
/* A ref term from parts (copied). */
rg_term *rg_ast_ref(rg_parser *p, rg_term **parts, uint32_t count,
                    rg_loc loc);
/* The operator ref for a builtin name such as "plus" or
 * "internal.member_2". */
rg_term *rg_ast_op(rg_parser *p, const char *name, rg_loc loc);
rg_term *rg_ast_call(rg_parser *p, rg_term **args, uint32_t count,
                     rg_loc loc);
rg_term *rg_ast_call2(rg_parser *p, rg_term *op, rg_term *a, rg_term *b,
                      rg_loc loc);
rg_expr *rg_ast_expr(rg_parser *p, rg_expr_kind kind, rg_loc loc);
rg_expr *rg_ast_term_expr(rg_parser *p, rg_term *t, rg_loc loc);
/* A body holding the single expression "true". */
rg_body rg_ast_true_body(rg_parser *p, rg_loc loc);
/* The name of a call or ref operator ("plus", "internal.member_2"), or
 * NULL when it is not a plain name path.  Lives in arena. */
const char *rg_ast_ref_name(rg_parser *p, const rg_term *ref);
/* A "$N" wildcard variable. */
rg_term *rg_ast_wildcard(rg_parser *p, rg_loc loc);
/* Rego text of a term for messages, cut when long (parser/ast_string.c).
 * Lives in arena. */
const char *rg_ast_term_string(rg_parser *p, const rg_term *t);
/* OPA's name for a term's kind in messages: "var", "ref", "string"... */
const char *rg_ast_value_name(const rg_term *t);

/* ---- parser/parse_string.c: literals -------------------------------- */

/* Decode the current string token into *out.  false (and an error) on
 * a bad escape. */
bool rg_parse_string_token(rg_parser *p, const char **out, uint32_t *len);
/* Decode a template part's text: escapes as in strings plus "\{". */
bool rg_parse_string_template(rg_parser *p, const char **out,
                              uint32_t *len);
/* Check a number literal as OPA does; false (and an error) when bad. */
bool rg_parse_string_number(rg_parser *p, const char *text, uint32_t len);

/* ---- parser/parse_term.c: terms --------------------------------------- */

/* A template string; the current token is its first part
 * (parser/parse_template.c). */
rg_term *rg_parse_template(rg_parser *p);
/* A term with refs and calls but no infix operators. */
rg_term *rg_parse_term_atom(rg_parser *p);
/* A term with infix operators; key_value allows "k, v in xs". */
rg_term *rg_parse_term_infix(rg_parser *p, bool key_value);
/* Continue an infix term whose first operand is already parsed. */
rg_term *rg_parse_term_infix_from(rg_parser *p, rg_term *lhs,
                                  bool key_value);
/* Parse a ref or call continuing head (current token ".", "[", "(").
 * Selectors must follow with no whitespace, except that gap_ok allows
 * it before the first one, as in rule heads ("p [x] { ... }"). */
rg_term *rg_parse_term_ref(rg_parser *p, rg_term *head, bool gap_ok);
/* A var from the current identifier token, "_" becoming "$N". */
rg_term *rg_parse_term_var(rg_parser *p);
/* Treat a keyword token followed directly by "." or "[" as a name. */
bool rg_parse_term_keyword_ref(rg_parser *p);

/* ---- parser/parse_expr.c: expressions and bodies ---------------------- */

/* A literal: [not] expr [with ...], some, every; with the and/or
 * keywords enabled, an and/or expression of those. */
rg_expr *rg_parse_expr_literal(rg_parser *p);
/* A literal without and/or: [not] (some | every | expr [with ...]).
 * With allow_with false the caller parses the with modifiers. */
rg_expr *rg_parse_expr_simple(rg_parser *p, bool allow_with);
/* "with target as value" modifiers, current token "with"; stored on e. */
bool rg_parse_expr_withs(rg_parser *p, rg_expr *e);
/* An and/or literal (parser/parse_logic.c). */
rg_expr *rg_parse_logic_literal(rg_parser *p);
/* Expressions up to the end token (consumed by the caller). */
bool rg_parse_expr_body(rg_parser *p, rg_tok end, rg_body *out);
/* The expression list of a query, up to EOF. */
bool rg_parse_expr_query(rg_parser *p, rg_body *out);

/* ---- parser/parse_rule.c: rules --------------------------------------- */

/* Parse the rules of one statement at the current token.  Pushes them
 * on the scratch stack and returns how many (0 when the statement is no
 * rule; check p->nerr for errors). */
uint32_t rg_parse_rule_statement(rg_parser *p);
/* Turn a module-level body statement into a rule as OPA does, or
 * record an error and return NULL. */
rg_rule *rg_parse_rule_from_body(rg_parser *p, const rg_body *body);
/* Derive rule->kind from its head; multi_value marks a set-like rule
 * (contains, or v0's "p[x] { ... }"). */
void rg_parse_rule_kind(rg_rule *rule, bool multi_value);
/* OPA's Rego v1 checks on one rule (and its else chain): keywords as
 * names, "if" and "contains" required, a value or a body required. */
void rg_parse_rule_check_v1(rg_parser *p, const rg_rule *rule);

/* ---- parser/annotations.c --------------------------------------------- */

/* Collect "# METADATA" blocks from the comments and attach them to the
 * rules or package that follow them. */
void rg_annotations_attach(rg_parser *p, rg_module *m);

#endif
