/*
 * A subset of Go's fmt.Sprintf, for the sprintf builtin.
 *
 * Operands are what OPA hands to Go: integers (int64 or arbitrary size),
 * floating-point numbers (double), strings, and for every other value its
 * term text as a string.  The verbs are %v %d %s %q %x %X %o %O %b %e
 * %E %f %F %g %G %t %c %U and %%.  The flags are + - # 0 and space, and
 * width and precision may be numbers or *.  An operand index such as
 * %[2]d picks the operand.  Mismatches print as Go does:
 * "%!d(string=foo)", "%!d(MISSING)", "%!d(BADINDEX)",
 * "%!(EXTRA int=1)", "%!(NOVERB)".
 */
#ifndef RG_GOFMT_H
#define RG_GOFMT_H

#include <gmp.h>

#include "runtime/builtins/strbuf.h"

typedef enum rg_gofmt_kind {
    RG_GOFMT_INT,       /* i */
    RG_GOFMT_BIG,       /* big (initialised by the caller) */
    RG_GOFMT_FLOAT,     /* f */
    RG_GOFMT_STRING     /* s, len */
} rg_gofmt_kind;

typedef struct rg_gofmt_arg {
    rg_gofmt_kind kind;
    int64_t i;
    mpz_srcptr big;
    double f;
    const char *s;
    size_t len;
} rg_gofmt_arg;

/* Format fmt[0..flen) with args into out. */
void rg_gofmt(rg_strbuf *out, const char *fmt, size_t flen,
              const rg_gofmt_arg *args, size_t nargs);

#endif
