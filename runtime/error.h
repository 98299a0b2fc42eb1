/*
 * Error lists: the one mechanism the parser, the compiler and the loaders
 * use to report problems with a position.
 *
 * An error has a code in OPA's vocabulary ("rego_parse_error",
 * "rego_compile_error", "rego_type_error", "rego_unsafe_var_error",
 * "rego_recursion_error", "eval_type_error", ...), a file, a line and a
 * column (0 when unknown) and a message.  It prints as
 * "file:line:col: code: message", dropping the parts that are unknown.
 *
 * A list owns its messages (heap memory, released by rg_errors_free), so
 * it outlives the arenas of whatever produced it.
 */
#ifndef RG_ERROR_H
#define RG_ERROR_H

#include <stdio.h>

#include "runtime/common.h"

typedef struct rg_error {
    const char *code;   /* static string */
    char *file;         /* owned; NULL when unknown */
    int line;           /* 1-based; 0 when unknown */
    int col;            /* 1-based, in bytes; 0 when unknown */
    char *message;      /* owned */
} rg_error;

typedef struct rg_errors {
    rg_error *items;
    size_t count;
    size_t cap;
    size_t limit;       /* stop recording after this many; 0 = no limit */
    size_t dropped;     /* errors not recorded because of limit */
} rg_errors;

/* Default cap on recorded errors, as OPA stops after 10 by default. */
#define RG_ERRORS_DEFAULT_LIMIT 10

void rg_errors_init(rg_errors *errs);
void rg_errors_free(rg_errors *errs);

/* Record an error.  file is copied; code must be a static string. */
void rg_errors_add(rg_errors *errs, const char *code, const char *file,
                   int line, int col, const char *fmt, ...)
    RG_PRINTF(6, 7);

/* Append every error of src to dst (copies). */
void rg_errors_append(rg_errors *dst, const rg_errors *src);

/* Format one error as "file:line:col: code: message".  Returns owned. */
char *rg_error_format(const rg_error *err);

/* Print each error on its own line to out. */
void rg_errors_print(const rg_errors *errs, FILE *out);

#endif
