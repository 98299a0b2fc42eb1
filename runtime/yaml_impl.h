/*
 * Internals shared by the YAML loader files: scalar resolution
 * (yaml_resolve.c), loading (yaml_load.c) and positions (yaml_pos.c).
 */
#ifndef RG_YAML_IMPL_H
#define RG_YAML_IMPL_H

#include "runtime/yaml.h"

/* What a scalar resolved to. */
typedef enum rg_yaml_kind {
    RG_YAML_STRING,
    RG_YAML_NULL,
    RG_YAML_BOOL,
    RG_YAML_INT,        /* fits int64_t */
    RG_YAML_BIG_INT,    /* beyond int64_t */
    RG_YAML_FLOAT,
    RG_YAML_INF_NAN,    /* .inf, -.inf, .nan: no JSON value */
    RG_YAML_MERGE       /* the merge key << */
} rg_yaml_kind;

typedef struct rg_yaml_scalar {
    rg_yaml_kind kind;
    const rg_value *value;  /* NULL for INF_NAN and MERGE */
    double f;               /* FLOAT and INF_NAN: the float64 */
} rg_yaml_scalar;

/* Resolve the scalar text[0..len) with tag (the full tag, NULL when
 * none) and plain set for an unquoted flow scalar, as go-yaml v2 does.
 * Values live in arena.  Returns NULL on success, or an error message
 * (living in arena) when an explicit tag does not fit the text. */
const char *rg_yaml_resolve(rg_arena *arena, const char *tag,
                            const char *text, size_t len, bool plain,
                            rg_yaml_scalar *out);

/* The string key sigs.k8s.io/yaml makes of a resolved scalar, living in
 * arena (interned when keys is not NULL); NULL when the key has no
 * string form (null, integers beyond int64_t). */
const rg_value *rg_yaml_key_string(rg_arena *arena, rg_intern *keys,
                                   const rg_yaml_scalar *s,
                                   const char *text, size_t len);

/* true when an untagged plain scalar text[0..len) certainly resolves to
 * a string (it starts with no character that hints at another type),
 * so a loader can skip resolution. */
bool rg_yaml_is_plain_string(const char *text, size_t len);

/* ---- Loader state -------------------------------------------------------- */

/* One finished node on the loader's stack: a value, or in a mapping's
 * key position the converted key, rg_yaml_merge_mark or
 * rg_yaml_bad_key. */
typedef struct rg_yaml_entry {
    const rg_value *value;
    rg_yaml_loc loc;
    uint64_t nodes;         /* size with aliases expanded */
} rg_yaml_entry;

/* Key placeholders; they never leave the loader. */
extern const rg_value *const rg_yaml_merge_mark;
extern const rg_value *const rg_yaml_bad_key;

typedef struct rg_yaml_loader {
    rg_arena *arena;
    const rg_yaml_options *opts;
    rg_errors *errs;
    bool failed;                    /* the current document failed */
    rg_yaml_positions *positions;   /* NULL unless recording */
    rg_yaml_entry *stack;
    size_t top;
    size_t cap;
    const rg_value **items;         /* scratch for building arrays */
    size_t items_cap;
} rg_yaml_loader;

/* Record an error at loc for the current document. */
void rg_yaml_fail(rg_yaml_loader *ld, rg_yaml_loc loc, const char *fmt,
                  ...) RG_PRINTF(3, 4);

/* Build the object of the mapping whose key/value entries are
 * ld->stack[base..top): merges, repeated keys, positions.  Returns the
 * object; a bad merge value is reported and left out. */
const rg_value *rg_yaml_build_mapping(rg_yaml_loader *ld, size_t base);

/* ---- Positions ----------------------------------------------------------- */

/* Start recording positions for a document whose root is at root_loc.
 * Lives in arena. */
rg_yaml_positions *rg_yaml_positions_new(rg_arena *arena,
                                         rg_yaml_loc root_loc);
/* Set the position of the document's root node. */
void rg_yaml_positions_set_root(rg_yaml_positions *pos, rg_yaml_loc loc);
/* Record the positions of the children of collection v (object keys in
 * v's canonical order, or array items). */
void rg_yaml_positions_add(rg_yaml_positions *pos, const rg_value *v,
                           const rg_yaml_loc *locs, size_t n);

#endif
