/*
 * Go RE2 regular-expression syntax checked and rewritten for PCRE2.
 *
 * Regex builtins accept Go's syntax (RE2): what RE2 rejects is rejected
 * here with a Go-style message ("invalid escape sequence: `\1`",
 * "invalid or unsupported Perl syntax: `(?=`", "invalid nested
 * repetition operator: `*+`", "invalid repeat count: `{1001}`"), and
 * constructs whose meaning differs are rewritten: \v is a vertical tab,
 * \s is [\t\n\f\r ], octal escapes become \o{...}, and a brace that does
 * not start a repeat is a literal.  The caller compiles the result with
 * PCRE2_UTF, PCRE2_DOLLAR_ENDONLY and newline LF.
 */
#ifndef RG_RE2_H
#define RG_RE2_H

#include "runtime/builtins/strbuf.h"

/* Most repetitions a {n,m} bound may ask for, as in RE2. */
#define RG_RE2_MAX_REPEAT 1000

/* Rewrite pat[0..len) into out.  Returns true, or false with a message
 * (without the "error parsing regexp: " prefix) in out's arena through
 * *err. */
bool rg_re2_translate(const char *pat, size_t len, rg_strbuf *out,
                      const char **err);

#endif
