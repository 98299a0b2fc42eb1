/*
 * Values printed as OPA prints terms: the text sprintf's %v shows for a
 * non-string operand, and the text error messages quote.
 *
 *   null, true, 1.5, "quoted \"string\"", [1, 2], {"a": 1}, {1, 2},
 *   set() for the empty set
 *
 * Strings are quoted the way Go's strconv.Quote does (escapes for
 * control characters, \xNN for invalid UTF-8 bytes).  The text comes
 * from runtime/value_text.h; these wrappers build it in an arena.
 */
#ifndef RG_FORMAT_H
#define RG_FORMAT_H

#include "runtime/builtins/strbuf.h"
#include "runtime/value.h"

/* Append v's term text to b. */
void rg_format_value(rg_strbuf *b, const rg_value *v);

/* Append s[0..len) quoted with Go's strconv.Quote rules. */
void rg_format_quote(rg_strbuf *b, const char *s, size_t len);

/* v's term text as a NUL-terminated string in arena. */
const char *rg_format_text(rg_arena *arena, const rg_value *v);

#endif
