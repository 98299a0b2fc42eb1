/*
 * Text from manifests and policies made safe for a terminal: control
 * characters (C0, DEL, C1) and the Unicode line and paragraph
 * separators are written as visible escapes, so a resource name cannot
 * move the cursor, retitle the window or split a line.
 */
#ifndef RG_K8S_TERMSAFE_H
#define RG_K8S_TERMSAFE_H

#include <stdio.h>

#include "runtime/arena.h"
#include "runtime/error.h"

/* s with its unsafe characters escaped: C0 and DEL as \xNN, C1 as
 * \u00NN, U+2028 and U+2029 as \u2028 and \u2029.  Returns s itself
 * (borrowed) when nothing needs escaping, else a copy living in arena.
 * NULL stays NULL. */
const char *rg_termsafe(rg_arena *arena, const char *s);

/* Print each error of errs on its own line of out, escaped as by
 * rg_termsafe, then the count of dropped errors if any. */
void rg_termsafe_errors(const rg_errors *errs, FILE *out);

#endif
