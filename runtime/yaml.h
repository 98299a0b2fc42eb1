/*
 * YAML loading with the rules Kubernetes applies: YAML 1.1 as go-yaml v2
 * resolves it, then converted to JSON values as sigs.k8s.io/yaml does.
 *
 * Plain scalars resolve as go-yaml v2 resolves them:
 *   - y Y yes Yes YES on On ON true True TRUE are true; n N no No NO off
 *     Off OFF false False FALSE are false.
 *   - ~ null Null NULL and the empty scalar are null.
 *   - Integers: decimal, 0x hex, 0o and leading-zero octal (0400 is
 *     256), 0b binary, with + or - and _ separators anywhere after the
 *     first character.  Decimal integers stay exact at any size (go-yaml
 *     v2 would round those beyond 64 bits through float64).  Hex, octal
 *     and binary beyond 64 bits stay strings, as in v2.
 *   - Floats: [-+]?[0-9]*.?[0-9]+([eE][-+][0-9]+)? (the exponent sign is
 *     required) and .5-style literals, computed as float64 and written
 *     as Go's encoding/json writes a float64, so 100.0 becomes 100 and
 *     0.1 stays 0.1.  Out-of-range literals (1e+400) stay strings.
 *   - .inf, -.inf and .nan (and their case variants) have no JSON form:
 *     they are an error, as sigs.k8s.io/yaml's JSON encoding fails.
 *   - Timestamps and sexagesimal numbers (1:20) stay strings, and so does
 *     everything else, including the YAML 1.1 value key "=".
 * Quoted scalars are always strings.  Explicit tags !!str, !!int,
 * !!bool, !!float, !!null, !!timestamp and !!binary (base64, decoded to
 * a string) are honored, with v2's error "cannot decode !!str `x` as a
 * !!int" when the text does not fit; other tags leave the scalar a
 * string.
 *
 * Mapping keys become strings as sigs.k8s.io/yaml converts them: 1 ->
 * "1", true (and yes, y, on) -> "true", 1.5 -> "1.5" (shortest float32
 * text), so the plain key y in "y: 1" is "true", as in Kubernetes;
 * a null key, an integer key beyond int64 and sequence or mapping keys
 * are errors.  A repeated key keeps the last value and is reported
 * through the warning callback with both lines.  Merge keys (<<) take a
 * mapping or a sequence of mappings; keys written in the mapping itself
 * win over merged ones, and earlier mappings in a merge list win over
 * later ones.
 *
 * Aliases share the anchored value (no copy), but a document whose
 * expanded size would exceed RG_YAML_MAX_NODES is an error, which
 * defeats exponential "billion laughs" documents.
 */
#ifndef RG_YAML_H
#define RG_YAML_H

#include "runtime/buf.h"
#include "runtime/error.h"
#include "runtime/intern.h"
#include "runtime/value.h"

/* Error code of YAML errors. */
#define RG_YAML_ERROR "yaml_parse_error"

/* Deepest nesting of sequences and mappings accepted.  Real manifests
 * nest a few dozen levels (CRD schemas reach about 40). */
#define RG_YAML_MAX_DEPTH 1000

/* Largest number of nodes a document may expand to when every alias is
 * replaced by its anchored value.  Large CRD files have a few hundred
 * thousand nodes; exponential alias nesting exceeds this at once. */
#define RG_YAML_MAX_NODES 10000000

/* Line and column (1-based, column in bytes) of a node. */
typedef struct rg_yaml_loc {
    uint32_t line;
    uint32_t col;
} rg_yaml_loc;

/* Where the nodes of one document are: for every non-empty mapping the
 * position of each key, for every non-empty sequence the position of
 * each item.  Lives in the arena the document was loaded into. */
typedef struct rg_yaml_positions rg_yaml_positions;

/* Warning sink: file may be NULL, message is borrowed for the call. */
typedef void (*rg_yaml_warn_fn)(void *user, const char *file, int line,
                                int col, const char *message);

typedef struct rg_yaml_options {
    const char *file;           /* for messages; may be NULL */
    rg_intern *keys;            /* borrowed; NULL = copy keys into arena */
    bool positions;             /* record rg_yaml_positions */
    rg_yaml_warn_fn warn;       /* NULL = no warnings */
    void *warn_user;
} rg_yaml_options;

typedef struct rg_yaml_doc {
    const rg_value *value;      /* NULL: empty or failed document */
    int line;                   /* 1-based line where the document starts */
    int index;                  /* 0-based position in the stream */
    bool failed;                /* errors were appended for it */
    const rg_yaml_positions *positions;     /* NULL unless requested */
} rg_yaml_doc;

/* Called once per document; return false to stop the stream. */
typedef bool (*rg_yaml_doc_fn)(void *user, const rg_yaml_doc *doc);

/* Walk the YAML stream text[0..len), building each document in arena and
 * calling fn with it.  An empty or comment-only document has a NULL
 * value; a document that fails to convert (bad tag, complex key, alias
 * limit...) is passed with failed set after its errors are appended to
 * errs, and the stream continues.  A syntax error stops the stream.
 * Returns 0 when every document loaded, -1 otherwise.  opts may be
 * NULL. */
int rg_yaml_stream(rg_arena *arena, const char *text, size_t len,
                   const rg_yaml_options *opts, rg_yaml_doc_fn fn,
                   void *user, rg_errors *errs);

/* Load a single-document YAML text (such as a data file or a test case)
 * into arena.  An empty text is null.  Returns the value, or NULL with
 * errors appended (also when the text contains more than one document). */
const rg_value *rg_yaml_parse(rg_arena *arena, const char *text,
                              size_t len, const char *file, rg_intern *keys,
                              rg_errors *errs);

/* Load the first document of text[0..len) as OPA's yaml.unmarshal does
 * (later documents are not read; an empty text is null).  Syntax errors
 * use go-yaml v2's message form, "yaml: line N: <problem>", which OPA's
 * error texts contain.  Returns the value, or NULL with errors appended. */
const rg_value *rg_yaml_unmarshal(rg_arena *arena, const char *text,
                                  size_t len, rg_errors *errs);

/* Append v as YAML the way OPA's yaml.marshal writes it, which is
 * go-yaml v2's output for v's JSON form.  Mappings are in block style
 * with keys in go-yaml's natural order.  Integers are exact up to 64
 * bits, other numbers go through float64, and strings are quoted only
 * when they would read back as another type.  Returns false if the
 * emitter fails. */
bool rg_yaml_write(rg_buf *out, const rg_value *v);

/* The position of the node reached from root by path, an array of
 * steps: a string selects an object member (its key's position), a
 * number an array item.  An empty path gives root's own position.
 * Returns true and sets *out when found. */
bool rg_yaml_position(const rg_yaml_positions *pos, const rg_value *root,
                      const rg_value *const *path, size_t n,
                      rg_yaml_loc *out);

/* The same with a dotted path such as
 * "spec.containers[0].securityContext.privileged". */
bool rg_yaml_position_path(const rg_yaml_positions *pos,
                           const rg_value *root, const char *path,
                           rg_yaml_loc *out);

#endif
