/*
 * String interning: one canonical string value per distinct byte
 * sequence, for the object keys of loaded data and the constants of
 * compiled policies.  Interned keys take memory once however many
 * documents use them, and equal keys are the same pointer, which makes
 * rg_value_equal return at its first check.
 *
 * The table owns its strings (in its own arena) and its index.  Values
 * it returns live until rg_intern_free.  Not thread-safe: one thread
 * uses a table at a time.
 */
#ifndef RG_INTERN_H
#define RG_INTERN_H

#include "runtime/value.h"

typedef struct rg_intern rg_intern;

/* Returns owned; release with rg_intern_free. */
rg_intern *rg_intern_new(void);
/* Release the table and every string it returned.  Accepts NULL. */
void rg_intern_free(rg_intern *in);

/* The canonical string value for bytes[0..len), adding it when new.
 * Lives in the table. */
const rg_value *rg_intern_string(rg_intern *in, const char *bytes,
                                 size_t len);
/* The canonical value equal to string value s, adding a copy when new.
 * s must be a string. */
const rg_value *rg_intern_value(rg_intern *in, const rg_value *s);

/* Number of distinct strings held. */
size_t rg_intern_count(const rg_intern *in);

#endif
