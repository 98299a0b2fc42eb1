/*
 * JSON text to values and back.
 *
 * The parser is hand-written instead of using cJSON because cJSON turns
 * every number into a double, which would lose integers above 2^53 and
 * the exact decimal text OPA keeps (json.Number).  Here numbers keep
 * their literal text and are never converted through double.  Strings
 * must be valid UTF-8; \u escapes combine surrogate pairs, and a lone
 * surrogate escape becomes U+FFFD as in Go's encoding/json.  A UTF-8
 * byte order mark at the start is skipped.  Repeated object keys keep
 * the last value, as Go's decoder does.
 *
 * The writer produces what Go's encoding/json produces for OPA's values:
 * object keys sorted, sets as arrays, non-string object keys as their
 * JSON text (the key 1 becomes "1"), and Go's string escaping.
 */
#ifndef RG_JSON_H
#define RG_JSON_H

#include "runtime/buf.h"
#include "runtime/error.h"
#include "runtime/intern.h"
#include "runtime/value.h"

/* Error code of JSON syntax errors. */
#define RG_JSON_ERROR "json_parse_error"

/* Deepest nesting of arrays and objects accepted.  The parser recurses
 * once per level; real documents nest a few dozen levels. */
#define RG_JSON_MAX_DEPTH 1000

/* Parse one JSON value from text[0..len) into arena.  Object keys come
 * from keys when it is not NULL (borrowed), else they are copied into
 * arena.  Returns the value, or NULL after appending an error
 * "file:line:col: json_parse_error: ... expected X, found Y" to errs
 * (file may be NULL). */
const rg_value *rg_json_parse(rg_arena *arena, const char *text, size_t len,
                              const char *file, rg_intern *keys,
                              rg_errors *errs);

/* Writer flags. */
#define RG_JSON_ESCAPE_HTML 1u  /* escape <, > and & as json.Marshal does */

/* Append v as JSON to out.  indent 0 writes compact JSON
 * ({"a":[1,2]}); indent n > 0 (at most 16) writes Go's MarshalIndent
 * layout with n spaces per level. */
void rg_json_write(rg_buf *out, const rg_value *v, int indent,
                   unsigned flags);
/* Append v in Go's json.MarshalIndent(v, prefix, indent) layout: every
 * line after the first starts with prefix, then indent once per level;
 * empty arrays and objects stay "[]" and "{}". */
void rg_json_write_indent(rg_buf *out, const rg_value *v,
                          const char *prefix, const char *indent,
                          unsigned flags);
/* v as JSON text; returns owned (release with free). */
char *rg_json_text(const rg_value *v, int indent, unsigned flags);

#endif
