/*
 * The Rego parser's public interface: modules, queries and terms in
 * either dialect, and the AST as JSON.
 *
 * Dialects.  Rego v1 (OPA 1.x's default) requires "if" before rule
 * bodies and "contains" for partial set rules, and reserves in, every,
 * contains and if.  Rego v0 makes those keywords opt-in through
 * "import future.keywords[.NAME]"; "import rego.v1" in a v0 module turns
 * on the v1 keywords and checks.  The parser reproduces OPA's rules and
 * error texts for both.
 *
 * Errors are added to an rg_errors list as
 * "file:line:col: rego_parse_error: message".  Nothing is returned on an
 * error, but every error found before parsing stopped is reported.
 */
#ifndef RG_PARSER_H
#define RG_PARSER_H

#include <stdio.h>

#include "parser/ast.h"
#include "runtime/error.h"

/* Deepest nesting the parser accepts, counted in parse steps: a bracket
 * level takes one to three, each operator of a chain one.  At the limit
 * the recursive parser used at most about 1.5 MiB of stack in
 * measurements (x86-64, -O2, worst nesting pattern), well inside the
 * usual 8 MiB.  OPA's own limit is higher, but Go stacks grow. */
#define RG_PARSE_MAX_DEPTH 3000

/* Largest source accepted, because locations hold 32-bit offsets. */
#define RG_PARSE_MAX_SOURCE_BYTES ((size_t)1 << 31)

typedef struct rg_parse_options {
    rg_rego_version version;    /* dialect to parse with */
    bool fallback_v0;           /* parse as v1, then as v0 when v1
                                   fails (version is ignored); when both
                                   fail, report the errors of the one
                                   that got further into the text */
    bool experimental;          /* allow "import future.keywords.and" and
                                   ".or" (the and/or operators) */
} rg_parse_options;

/* Parse one module.  file names the source in locations and errors
 * (copied); src is len bytes (borrowed, need not be NUL-terminated).
 * opts may be NULL for plain v1.  Returns an owned module (release with
 * rg_module_free), or NULL after adding errors to errs. */
rg_module *rg_parse_module(const char *file, const char *src, size_t len,
                           const rg_parse_options *opts, rg_errors *errs);

/* Release a module and its whole tree.  Accepts NULL. */
void rg_module_free(rg_module *module);

/* Parse a query: expressions separated by ";" or newlines, such as
 * "data.test.p = x; y := 1".  The v1 keywords are on whatever the
 * dialect, as in OPA 1.x; opts may be NULL and otherwise only changes
 * the v0 hints in messages.  The body lives in arena.  Returns true, or
 * false after adding errors to errs. */
bool rg_parse_query(rg_arena *arena, const char *file, const char *src,
                    size_t len, const rg_parse_options *opts, rg_body *out,
                    rg_errors *errs);

/* Parse a single Rego term written in Rego syntax (OPA's input_term:
 * sets, non-string keys and so on).  Returns the term, living in arena,
 * or NULL after adding errors to errs. */
rg_term *rg_parse_term(rg_arena *arena, const char *file, const char *src,
                       size_t len, const rg_parse_options *opts,
                       rg_errors *errs);

/* Write a module as JSON (schema in docs/ast.md) followed by a newline.
 * With locations false, the "location" members are left out. */
void rg_ast_write_module_json(FILE *out, const rg_module *module,
                              bool locations);

/* Write a body (an array of expressions) or a term as JSON. */
void rg_ast_write_body_json(FILE *out, const rg_body *body, bool locations);
void rg_ast_write_term_json(FILE *out, const rg_term *term, bool locations);

/* The name of a rule kind as the JSON output spells it ("complete",
 * "partial_set", ...). */
const char *rg_rule_kind_name(rg_rule_kind kind);

/* true when term holds no variable or comprehension, with OPA's rule
 * that a ref's head does not count (p.q is ground, p[x] is not). */
bool rg_term_is_ground(const rg_term *term);

#endif
