/*
 * Rego values: null, boolean, number, string, array, object and set.
 *
 * Values are immutable once built and are passed as const pointers.  A
 * value lives in the arena it was built in, and may point into values of
 * longer-lived arenas (an evaluation's results point into the data
 * store).  null, true and false are static singletons.
 *
 * Numbers are exact.  An integer that fits int64_t is stored as one; a
 * wider integer keeps its decimal digits and is computed on with GMP; any
 * other number keeps the literal text it was written or computed as, as
 * OPA's json.Number does, so output reproduces it.  1, 1.0 and 1e0 are
 * equal and hash alike.
 *
 * Objects and sets are kept in OPA's canonical order (sorted by
 * rg_value_compare), which is also their iteration and output order.
 * Lookups are hashed.  Build them with the builders below.
 *
 * The total order across kinds is OPA's: null < boolean < number <
 * string < array < object < set.
 */
#ifndef RG_VALUE_H
#define RG_VALUE_H

#include "runtime/arena.h"
#include "runtime/common.h"

typedef enum rg_kind {
    RG_NULL,
    RG_BOOLEAN,
    RG_NUMBER,
    RG_STRING,
    RG_ARRAY,
    RG_OBJECT,
    RG_SET
} rg_kind;

typedef struct rg_value rg_value;

/* Kind names as OPA's type errors print them: "null", "boolean",
 * "number", "string", "array", "object", "set". */
const char *rg_kind_name(rg_kind kind);

rg_kind rg_value_kind(const rg_value *v);

/* ---- Scalars ---------------------------------------------------------- */

const rg_value *rg_null(void);
const rg_value *rg_bool(bool b);
bool rg_bool_get(const rg_value *v);

const rg_value *rg_int(rg_arena *arena, int64_t i);
/* A finite double: an integer when d is integral and fits int64_t,
 * otherwise the number with Go's shortest %g text ("0.1", "1e+21"). */
const rg_value *rg_double(rg_arena *arena, double d);

/* Parse a JSON or Rego number literal exactly.  Returns NULL when text is
 * not a valid number. */
const rg_value *rg_number_parse(rg_arena *arena, const char *text,
                                size_t len);

/* true and *out set when v is an integer that fits int64_t. */
bool rg_number_int64(const rg_value *v, int64_t *out);
/* The nearest double; may be infinite for huge numbers. */
double rg_number_double(const rg_value *v);
/* true when v is a number with no fractional part (1, 1.0, 1e3). */
bool rg_number_is_integer(const rg_value *v);
/* The number's text as OPA prints it ("1", "1.5", "1e+400").  Lives in
 * arena or in v. */
const char *rg_number_text(rg_arena *arena, const rg_value *v);

/* Strings are byte sequences (normally UTF-8) with a terminating NUL
 * after len bytes.  rg_string copies bytes into arena. */
const rg_value *rg_string(rg_arena *arena, const char *bytes, size_t len);
const rg_value *rg_cstring(rg_arena *arena, const char *s);
const char *rg_string_bytes(const rg_value *v);
size_t rg_string_len(const rg_value *v);

/* ---- Collections ------------------------------------------------------ */

/* An array of count items; the item pointers are copied into arena. */
const rg_value *rg_array(rg_arena *arena, const rg_value *const *items,
                         size_t count);
/* Items of an array, of a set (in order) or, for an object, nothing. */
size_t rg_len(const rg_value *v);   /* array, object, set: elements;
                                       string: bytes */
const rg_value *rg_array_at(const rg_value *v, size_t i);

typedef struct rg_builder rg_builder;

/* Builders collect entries for an object or a set, then finish into an
 * immutable value.  A builder's memory comes from arena.  size_hint is
 * the expected count (0 when unknown). */
rg_builder *rg_object_builder(rg_arena *arena, size_t size_hint);
rg_builder *rg_set_builder(rg_arena *arena, size_t size_hint);

/* Add an object entry.  Returns false, changing nothing, when key is
 * already present with a different value (a Rego conflict); true when
 * added or already present with an equal value. */
bool rg_builder_put(rg_builder *b, const rg_value *key,
                    const rg_value *value);
/* Add or replace an object entry: the last value put under a key wins
 * (decoding JSON or YAML mappings with repeated keys). */
void rg_builder_set(rg_builder *b, const rg_value *key,
                    const rg_value *value);
/* Add a set element; duplicates merge. */
void rg_builder_add(rg_builder *b, const rg_value *elem);
/* Lookup while building: the value stored under key, or NULL. */
const rg_value *rg_builder_get(const rg_builder *b, const rg_value *key);
size_t rg_builder_count(const rg_builder *b);
/* Finish the collection.  The builder is dead afterwards. */
const rg_value *rg_builder_finish(rg_builder *b);

/* Entry i of an object, in canonical key order. */
const rg_value *rg_object_key_at(const rg_value *obj, size_t i);
const rg_value *rg_object_value_at(const rg_value *obj, size_t i);
/* The value under key, or NULL. */
const rg_value *rg_object_get(const rg_value *obj, const rg_value *key);
/* The value under a string key given as bytes, or NULL. */
const rg_value *rg_object_get_str(const rg_value *obj, const char *key,
                                  size_t len);

const rg_value *rg_set_at(const rg_value *set, size_t i);
bool rg_set_contains(const rg_value *set, const rg_value *elem);

/* Position of key in an object's canonical order (of elem in a set's),
 * or -1 when absent. */
int64_t rg_object_index(const rg_value *obj, const rg_value *key);
int64_t rg_set_index(const rg_value *set, const rg_value *elem);

/* A deep copy of v living in arena (null, booleans, small integers and
 * empty collections are shared singletons and come back as they are). */
const rg_value *rg_value_copy(rg_arena *arena, const rg_value *v);

/* ---- Order, equality, hashing ----------------------------------------- */

/* OPA's total order: negative, zero or positive. */
int rg_value_compare(const rg_value *a, const rg_value *b);
bool rg_value_equal(const rg_value *a, const rg_value *b);
/* Agrees with rg_value_equal: equal values hash alike. */
uint64_t rg_value_hash(const rg_value *v);

#endif
