/*
 * A streaming JSON writer for reports: objects, arrays, escaped strings,
 * numbers and whole values, with optional indentation.  Commas and
 * indentation are tracked by the writer, so callers only open, write and
 * close.
 */
#ifndef RG_K8S_JSONW_H
#define RG_K8S_JSONW_H

#include <stdio.h>

#include "runtime/value.h"

/* Deepest nesting the writer tracks; reports nest less than 20 levels
 * and resource objects less than 100. */
#define RG_JSONW_MAX_DEPTH 256

typedef struct rg_jsonw {
    FILE *out;
    int indent;                 /* spaces per level; 0 = compact */
    int depth;
    bool first[RG_JSONW_MAX_DEPTH];
    bool after_key;
} rg_jsonw;

void rg_jsonw_init(rg_jsonw *w, FILE *out, int indent);

void rg_jsonw_object(rg_jsonw *w);
void rg_jsonw_array(rg_jsonw *w);
/* Close the innermost object or array. */
void rg_jsonw_end(rg_jsonw *w, char close);
#define rg_jsonw_end_object(w) rg_jsonw_end((w), '}')
#define rg_jsonw_end_array(w) rg_jsonw_end((w), ']')

void rg_jsonw_key(rg_jsonw *w, const char *key);
void rg_jsonw_string(rg_jsonw *w, const char *s);   /* NULL writes null */
void rg_jsonw_int(rg_jsonw *w, long long v);
void rg_jsonw_double(rg_jsonw *w, double v);
void rg_jsonw_bool(rg_jsonw *w, bool v);
void rg_jsonw_null(rg_jsonw *w);
/* Write value v (sets are written as arrays). */
void rg_jsonw_value(rg_jsonw *w, const rg_value *v);

/* key then string / int, for brevity. */
void rg_jsonw_kstr(rg_jsonw *w, const char *key, const char *s);
void rg_jsonw_kint(rg_jsonw *w, const char *key, long long v);
void rg_jsonw_kdouble(rg_jsonw *w, const char *key, double v);

/* Write s as a JSON string (quotes included) to out. */
void rg_jsonw_escape(FILE *out, const char *s, size_t len);

#endif
