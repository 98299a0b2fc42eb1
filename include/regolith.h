/*
 * Regolith's embedding API: compile Rego modules, load data, prepare
 * queries and evaluate them with an input.
 *
 * Everything the command-line tools do goes through this header; an
 * embedder has the same calls.  All symbols start with rg_.
 *
 * Ownership.  A function that returns a pointer says whether the caller
 * owns it ("returns owned", released with the named free function) or
 * borrows it ("lives in X", valid while X lives).  Values passed in are
 * borrowed for the duration of the call unless the function says it
 * copies them.  Free functions accept NULL.
 *
 * Errors.  Calls that can fail return 0 on success and -1 on failure and
 * append positioned errors to an rg_errors list the caller owns (see
 * runtime/error.h).  Out of memory aborts (see runtime/common.h) unless
 * a memory budget is set, in which case evaluation fails with an error.
 *
 * Threads.  An rg_engine is used by one thread at a time.  An rg_cache
 * may be shared by engines on several threads.
 */
#ifndef REGOLITH_H
#define REGOLITH_H

#include "runtime/builtin.h"
#include "runtime/error.h"
#include "runtime/value.h"

#define RG_VERSION "0.1.0"

typedef struct rg_engine rg_engine;
typedef struct rg_cache rg_cache;
typedef struct rg_query rg_query;
typedef struct rg_result rg_result;

/* ---- Compile cache ------------------------------------------------------ */

/* A cache of compiled rules, keyed by the rule's path and source text
 * and by what else decides its code (package, imports, dialect, the
 * shape of the rule tree; see engine/cache.h).  Compiling an identical
 * rule again is a hit; a changed body is a miss.  Thread-safe:
 * concurrent requests for one key compile once.  Returns owned; release
 * with rg_cache_free after every engine using it. */
rg_cache *rg_cache_new(void);
void rg_cache_free(rg_cache *cache);

typedef struct rg_cache_stats {
    uint64_t hits;
    uint64_t misses;
    uint64_t entries;
} rg_cache_stats;

void rg_cache_stats_get(const rg_cache *cache, rg_cache_stats *out);

/* ---- Engine ------------------------------------------------------------- */

typedef enum rg_dialect {
    RG_DIALECT_V1,      /* Rego v1 (OPA 1.x default) */
    RG_DIALECT_V0,      /* Rego v0 */
    RG_DIALECT_AUTO     /* v1, falling back to v0 when v1 fails */
} rg_dialect;

/* Receives the output of print(): the call's file and line, and the
 * formatted message. */
typedef void (*rg_print_fn)(void *user, const char *file, int line,
                            const char *message);

/* Kinds of event an evaluation sends to the trace hook. */
typedef enum rg_trace_kind {
    RG_TRACE_NOTE,      /* trace(note): message is the note (OPA shows it
                           under "opa eval --explain notes") */
    RG_TRACE_TEST_CASE  /* internal.test_case(parts): message is the
                           parts in Rego text; opa test uses it to name
                           the cases of a test rule with a key */
} rg_trace_kind;

/* Receives a trace event: its kind, the call's file and line, and the
 * message, borrowed until the call returns. */
typedef void (*rg_trace_fn)(void *user, rg_trace_kind kind,
                            const char *file, int line,
                            const char *message);

typedef struct rg_options {
    rg_dialect dialect;
    bool strict_builtin_errors;  /* a failing builtin stops the query */
    bool experimental_keywords;  /* "and" / "or" expression operators */
    bool capture_expressions;    /* a query expression whose value is
                                    false yields a row showing false
                                    instead of failing, as opa eval
                                    does; off: OPA's topdown semantics */
    uint64_t max_steps;          /* VM instructions per evaluation; 0 =
                                    no limit */
    uint64_t timeout_ms;         /* wall time per evaluation; 0 = none */
    size_t memory_budget;        /* bytes of evaluation memory; 0 = none */
    rg_cache *cache;             /* borrowed; NULL = compile every time */
    rg_print_fn print;           /* NULL = print() writes to stderr */
    void *print_user;
    rg_trace_fn trace;           /* NULL = trace events are dropped, as
                                    OPA drops them with no tracer */
    void *trace_user;
    const rg_value *runtime;     /* what opa.runtime() returns; borrowed,
                                    rg_engine_new copies it.  NULL = an
                                    empty object, as an embedded OPA
                                    with no runtime configuration */
} rg_options;

/* Fill opts with the defaults: v1, non-strict, no limits, no cache. */
void rg_options_init(rg_options *opts);

/* Create an engine.  opts is copied; NULL means the defaults.  Returns
 * owned; release with rg_engine_free. */
rg_engine *rg_engine_new(const rg_options *opts);
void rg_engine_free(rg_engine *engine);

/* Parse a module and add it under the name file (replacing a module of
 * the same name).  src is copied.  Parse errors go to errs. */
int rg_engine_add_module(rg_engine *engine, const char *file,
                         const char *src, size_t len, rg_errors *errs);

/* Set the base document at path (slash-separated, "" for the root) to a
 * JSON or YAML text (YAML when file ends in .yaml or .yml), or to a
 * value, which is copied into the engine. */
int rg_engine_set_data_text(rg_engine *engine, const char *path,
                            const char *file, const char *text, size_t len,
                            rg_errors *errs);
int rg_engine_set_data(rg_engine *engine, const char *path,
                       const rg_value *value, rg_errors *errs);

/* Parse a constant Rego term such as {1, 2} or {"a": [null]} (sets and
 * non-string keys allowed, variables rejected) into a value living in
 * arena.  Returns NULL with errors. */
const rg_value *rg_engine_parse_term(rg_arena *arena, const char *text,
                                     size_t len, rg_errors *errs);

/* Register a builtin that modules may call, beside the library's.  def
 * is borrowed and must outlive the engine.  Fails when the name clashes
 * with a library builtin. */
int rg_engine_add_builtin(rg_engine *engine, const rg_builtin_def *def,
                          rg_errors *errs);

/* Compile every module added so far (merging by package, checking
 * safety, types, recursion and conflicts).  Called by rg_query_prepare
 * when needed; callers need it only to see compile errors early. */
int rg_engine_compile(rg_engine *engine, rg_errors *errs);

/* ---- Queries ------------------------------------------------------------ */

/* Compile a query body ("data.p.q = x", "x := input.a; x > 1").  Returns
 * owned, or NULL with errors; release with rg_query_free before the
 * engine.  Adding a module or builtin afterwards invalidates the query:
 * rg_query_eval then fails, and the query must be prepared again. */
rg_query *rg_query_prepare(rg_engine *engine, const char *query,
                           rg_errors *errs);
void rg_query_free(rg_query *query);

/* Evaluate with input (borrowed; NULL = no input).  Returns owned,
 * or NULL with errors, even when no row satisfies the query (an empty
 * result).  In strict mode an evaluation error comes with the rows
 * gathered before it: the result is returned and errs is filled. */
rg_result *rg_query_eval(rg_query *query, const rg_value *input,
                         rg_errors *errs);
void rg_result_free(rg_result *result);

/* Rows of the result, each a set of variable bindings. */
size_t rg_result_rows(const rg_result *result);
/* Binding of var in row, or NULL.  Lives in the result. */
const rg_value *rg_result_binding(const rg_result *result, size_t row,
                                  const char *var);
/* Number of variables each row binds, and the name of variable i
 * (lives in the result). */
size_t rg_result_binding_count(const rg_result *result);
const char *rg_result_binding_name(const rg_result *result, size_t i);
/* Value of the query's expression i in row (what "opa eval" prints under
 * "expressions").  Lives in the result. */
const rg_value *rg_result_expression(const rg_result *result, size_t row,
                                     size_t i);
/* The result as "opa eval" prints it:
 * {"result":[{"expressions":[{"value":..,"text":..,"location":{..}}],
 *  "bindings":{..}}]}, or {} when there are no rows.  indent 0 is
 * compact.  Returns owned (free). */
char *rg_result_json(const rg_result *result, int indent);

/* Evaluate a ref such as "data.armo_builtins.deny" with input: *out is
 * its value (living in arena) or NULL when undefined.  The engine keeps
 * the last few refs prepared, so evaluating one ref per resource
 * compiles it once. */
int rg_engine_eval_ref(rg_engine *engine, const char *ref,
                       const rg_value *input, rg_arena *arena,
                       const rg_value **out, rg_errors *errs);

/* ---- Statistics --------------------------------------------------------- */

typedef struct rg_stats {
    uint64_t rules_compiled;    /* rules compiled (cache misses included) */
    uint64_t cache_hits;        /* rules taken from the compile cache */
    uint64_t cache_misses;
    uint64_t evaluations;
    uint64_t steps;             /* VM instructions executed */
    uint64_t builtin_calls;
    uint64_t compile_ns;
    uint64_t eval_ns;
} rg_stats;

void rg_engine_stats(const rg_engine *engine, rg_stats *out);

#endif
