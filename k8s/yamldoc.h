/*
 * Reader of multi-document YAML (and JSON, which it reads as YAML flow)
 * into values, with Kubernetes' YAML 1.1 rules: unquoted yes/no/on/off
 * and y/n are booleans, 0400 is octal (256), 0x1f hexadecimal, 0b101
 * binary, 1:20 sexagesimal (80), ~ and null are null, and "<<" merges
 * mappings.  Quoted scalars and !!str are always strings.
 *
 * Duplicate mapping keys: the last value wins, as when Kubernetes
 * decodes the object, and each duplicate is reported as a warning with
 * its file, line and column.  Mapping keys that are scalars become
 * strings (the text as written); complex keys are an error.  Aliases
 * share the anchored value; expanding them is limited (RG_YAMLDOC_
 * MAX_ALIAS_NODES) so a "billion laughs" document is an error, not an
 * exhausted machine.  Values of .inf and .nan have no JSON form and stay
 * strings.
 *
 * Built on libyaml's event parser, which reads UTF-8 and UTF-16 with or
 * without a byte order mark, CRLF line ends and "..." document ends.
 */
#ifndef RG_K8S_YAMLDOC_H
#define RG_K8S_YAMLDOC_H

#include "runtime/error.h"
#include "runtime/value.h"

/* Nodes a document may reach through aliases, counting each expansion
 * in full: large for any real manifest, small enough to stop exponential
 * alias nesting. */
#define RG_YAMLDOC_MAX_ALIAS_NODES 1000000

/* Nesting of collections allowed in one document: real manifests reach
 * about 40 (CRD schemas). */
#define RG_YAMLDOC_MAX_DEPTH 512

typedef struct rg_yamldoc_reader rg_yamldoc_reader;

typedef struct rg_yamldoc {
    const rg_value *root;       /* NULL for an empty document */
    int line;                   /* where the root node starts, 1-based */
    int col;
    size_t index;               /* 0-based document number in the file */
} rg_yamldoc;

/* Start reading text (len bytes, borrowed until close) named file.
 * Values are built in arena.  Duplicate keys go to warnings.  Returns
 * owned; release with rg_yamldoc_close. */
rg_yamldoc_reader *rg_yamldoc_open(const char *file, const char *text,
                                   size_t len, rg_arena *arena,
                                   rg_errors *warnings);

/* Read the next document into *out.  Returns 1 when a document was read
 * (its root may be NULL when empty), 0 at the end of the text, -1 after
 * adding a syntax error with its position to errs; the reader is then
 * at its end. */
int rg_yamldoc_next(rg_yamldoc_reader *reader, rg_yamldoc *out,
                    rg_errors *errs);

void rg_yamldoc_close(rg_yamldoc_reader *reader);

/* Find the position of a field in document doc_index of text: path is a
 * Kubescape path such as "spec.containers[0].securityContext.privileged".
 * Sets *line and *col (1-based) to the deepest node of path that exists
 * and returns how many path segments matched (0 when only the document
 * was found, -1 when the document is missing). */
int rg_yamldoc_locate(const char *text, size_t len, size_t doc_index,
                      const char *path, int *line, int *col);

#endif
