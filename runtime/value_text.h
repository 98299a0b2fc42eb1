/*
 * The Rego text form of values: what OPA's ast String() methods print,
 * and so what sprintf's %v, print() and error messages show.
 *
 *   null, true, 1.5, "a\n"   scalars; strings quoted like Go's
 *                            strconv.Quote
 *   [1, "a"]                 arrays
 *   {"a": 1, 2: [3]}         objects, keys in canonical order
 *   {1, 2}  set()            sets; the empty set is set()
 */
#ifndef RG_VALUE_TEXT_H
#define RG_VALUE_TEXT_H

#include "runtime/buf.h"
#include "runtime/value.h"

/* Append v's Rego text to out. */
void rg_value_write_rego(rg_buf *out, const rg_value *v);
/* v's Rego text; returns owned (release with free). */
char *rg_value_rego_text(const rg_value *v);
/* Append s[0..len) quoted like Go's strconv.Quote: printable characters
 * as they are, \n \t etc. for the usual controls, \xHH for other bytes
 * below 0x20, 0x7f and invalid UTF-8, \uHHHH or \UHHHHHHHH for other
 * non-printable characters. */
void rg_value_write_quoted(rg_buf *out, const char *s, size_t len);

#endif
