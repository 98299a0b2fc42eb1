/*
 * The builtins OPA's compiler calls on a policy's behalf: trace,
 * internal.print (print), internal.template_string ($"...") and
 * internal.test_case (opa test), and the operand formatting that
 * print() and template strings share with the VM.
 */
#ifndef RG_ENGINE_BUILTINS_INTERNAL_H
#define RG_ENGINE_BUILTINS_INTERNAL_H

#include "runtime/buf.h"
#include "runtime/builtin.h"

/* Receives one formatted line of the operands' cross product (text is
 * borrowed until the call returns); returns false to stop. */
typedef bool (*rg_internal_line_fn)(void *user, const char *text,
                                    size_t len);

/* Format print() or template-string operands, each a string, number,
 * boolean or null (shown as is) or a set of the values of one
 * expression: an empty set shows "<undefined>", a string element its
 * bytes, any other element its Rego text.  Every combination of one
 * element per set makes a line, the operands joined by delim, the last
 * operand varying fastest; fn receives each in turn.  Returns true, or
 * false with *illegal set to the first operand of another kind (an
 * array or object), before any line is made.  Borrows all pointers. */
bool rg_internal_format(const rg_value *const *parts, size_t n,
                        const char *delim, rg_internal_line_fn fn,
                        void *user, const rg_value **illegal);

/* OPA's message when a template-string part has several values. */
#define RG_INTERNAL_TEMPLATE_CONFLICT \
    "template-strings must not produce multiple outputs"

/* The text of a template string: its parts (as rg_internal_format
 * takes them) concatenated.  Returns a string living in arena, or NULL
 * when a part has several values (OPA raises eval_conflict_error with
 * RG_INTERNAL_TEMPLATE_CONFLICT) or when *illegal was set to a part of
 * another kind (an array or object: eval_internal_error). */
const rg_value *rg_internal_template(rg_arena *arena,
                                     const rg_value *const *parts, size_t n,
                                     const rg_value **illegal);

/* The builtins of this file; *count receives their number.  Static. */
const rg_builtin_def *rg_internal_builtins(size_t *count);

#endif
