/*
 * Internal layout of Rego values, shared by the runtime files that build
 * or take apart values (value.c, number.c, object.c, compare.c, json.c,
 * yaml.c).  Code outside runtime/ uses runtime/value.h only.
 *
 * Every value starts with struct rg_value (kind, form, flags), and the
 * kind selects which of the structs below it is.
 *
 * Numbers come in three forms:
 *   RG_NUM_INT  an int64_t.
 *   RG_NUM_BIG  an integer outside int64_t, kept as canonical decimal
 *               text ("-123...", no leading zeros).
 *   RG_NUM_DEC  any other literal ("1.5", "1e3", "2.0"), kept as written.
 * BIG and DEC also carry a normalized form for exact comparison and
 * hashing: the value is (-1 if neg) * 0.D1D2...Dn * 10^exp, where the
 * significant digits D have no leading or trailing zeros (n == 0 means
 * zero).  A DEC whose value is an integer inside int64_t also has
 * RG_NUMF_I64 set and that integer in i, so it compares and hashes
 * exactly like the RG_NUM_INT of the same value.
 *
 * Objects and sets share one layout: sorted keys (the set's elements),
 * values (NULL for a set) and, above RG_INDEX_MIN entries, an open
 * addressing index of slot = position + 1 (0 = empty), mask = slots - 1.
 */
#ifndef RG_VALUE_IMPL_H
#define RG_VALUE_IMPL_H

#include "runtime/number.h"
#include "runtime/value.h"

enum rg_num_form { RG_NUM_INT, RG_NUM_BIG, RG_NUM_DEC };

/* Number flags. */
#define RG_NUMF_NEG 1u  /* BIG or DEC below zero */
#define RG_NUMF_I64 2u  /* DEC whose value fits int64_t, stored in i */

/* Collections up to this many entries are searched linearly: a scan of
 * a few cached hashes beats building and probing a table. */
#define RG_INDEX_MIN 8

struct rg_value {
    uint8_t kind;       /* rg_kind */
    uint8_t form;       /* numbers: rg_num_form */
    uint8_t flags;      /* numbers: RG_NUMF_* */
};

typedef struct rg_bool_value {
    rg_value h;
    bool b;
} rg_bool_value;

/* RG_NUM_INT: the header and i only (16 bytes). */
typedef struct rg_int_value {
    rg_value h;
    int64_t i;
} rg_int_value;

/* RG_NUM_BIG and RG_NUM_DEC; starts like rg_int_value. */
typedef struct rg_num_value {
    rg_value h;
    int64_t i;              /* when RG_NUMF_I64 */
    int64_t exp;            /* normalized exponent */
    const char *digits;     /* significant digits, not NUL-terminated */
    const char *text;       /* literal text, NUL-terminated */
    uint32_t ndigits;
    uint32_t text_len;
} rg_num_value;

typedef struct rg_string_value {
    rg_value h;
    size_t len;
    uint64_t hash;          /* rg_hash_bytes(bytes, len) */
    char bytes[];           /* len bytes and a NUL */
} rg_string_value;

typedef struct rg_array_value {
    rg_value h;
    size_t len;
    const rg_value *items[];
} rg_array_value;

/* RG_OBJECT and RG_SET. */
typedef struct rg_coll_value {
    rg_value h;
    uint32_t len;
    uint32_t mask;              /* index slots - 1; 0 without index */
    const rg_value **keys;      /* sorted; a set's elements */
    const rg_value **vals;      /* NULL for a set */
    uint32_t *index;            /* NULL when len <= RG_INDEX_MIN */
} rg_coll_value;

#define RG_AS_INT(v) ((const rg_int_value *)(v))
#define RG_AS_NUM(v) ((const rg_num_value *)(v))
#define RG_AS_STR(v) ((const rg_string_value *)(v))
#define RG_AS_ARR(v) ((const rg_array_value *)(v))
#define RG_AS_COLL(v) ((const rg_coll_value *)(v))

/* Normalized view of any number (see above); digits may point into a
 * caller's buffer of RG_NORM_BUF bytes for an int64. */
#define RG_NORM_BUF 24
typedef struct rg_norm {
    bool neg;
    uint32_t ndigits;
    int64_t exp;
    const char *digits;
} rg_norm;

/* Fill *n for number v, using buf for int64 values. */
void rg_number_norm(const rg_value *v, rg_norm *n, char buf[RG_NORM_BUF]);
/* Hash of a number; equal numbers hash alike. */
uint64_t rg_number_hash(const rg_value *v);
/* true and *out set when v is an int64 (INT, or DEC with I64). */
static inline bool rg_number_i64_fast(const rg_value *v, int64_t *out)
{
    if (v->form == RG_NUM_INT || (v->flags & RG_NUMF_I64)) {
        *out = RG_AS_INT(v)->i;
        return true;
    }
    return false;
}

/* Text styles for computed numbers:
 *   RG_FLOAT_FIXED  Go's shortest %f, used for integers ("100", "-0").
 *   RG_FLOAT_G      Go's shortest %g: exponent form when the decimal
 *                   exponent is below -4 or at least 6 ("1e+06", "0.5").
 *   RG_FLOAT_JSON   Go encoding/json's float64 form: exponent form below
 *                   1e-6 or from 1e21 on, minimal exponent digits
 *                   ("1e-7", "1e+21", "0.000001", "100"). */
typedef enum rg_float_style {
    RG_FLOAT_FIXED,
    RG_FLOAT_G,
    RG_FLOAT_JSON
} rg_float_style;

/* The number written in style from the decimal (-1 if neg) * 0.D *
 * 10^dp, digits D[0..nd) without trailing zeros.  Returns it, living in
 * arena, or NULL when an integer would need more than
 * RG_NUMBER_MAX_DIGITS digits or the exponent is out of range. */
const rg_value *rg_number_from_digits(rg_arena *arena, const char *digits,
                                      size_t nd, int64_t dp, bool neg,
                                      rg_float_style style);

/* The shortest decimal digits that read back as d (as a float when
 * single is set): digits without trailing zeros or sign into buf,
 * *dp set so that |d| = 0.digits * 10^dp.  Returns the digit count
 * (0 for zero).  d must be finite. */
size_t rg_number_double_digits(double d, bool single, char buf[40],
                               int64_t *dp);

/* Hash of a string value's bytes, as cached in rg_string_value. */
uint64_t rg_hash_bytes(const void *bytes, size_t len);
/* Mix a 64-bit word into a well-spread hash. */
uint64_t rg_hash_mix(uint64_t x);

/* Find key in an object or set; returns its position or -1.  hash is
 * rg_value_hash(key), computed by the caller. */
int64_t rg_coll_find(const rg_coll_value *c, const rg_value *key,
                     uint64_t hash);

#endif
