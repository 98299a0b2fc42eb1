/*
 * Manifest loading: reads YAML and JSON files into the resource store and
 * accounts for every document.
 *
 * Each document becomes a resource, or the items of a "*List" kind (each
 * item accounted on its own), or a skipped document with its reason.
 * The reasons are: empty or comment-only, not a Kubernetes object (no
 * apiVersion and kind), or a resource ID defined again later in the same
 * file (the later definition is kept, as in Kubescape).  A YAML
 * syntax error is reported with file, line and column; the documents
 * before it are kept, and the other files are still read.
 */
#ifndef RG_K8S_MANIFEST_H
#define RG_K8S_MANIFEST_H

#include "k8s/store.h"
#include "runtime/error.h"

/* A document or list item that was not scanned, with the reason. */
typedef struct rg_manifest_skip {
    char *file;
    int line;
    char *reason;
    bool duplicate;             /* replaced by a later document of the
                                   same file with the same resource ID */
} rg_manifest_skip;

typedef struct rg_manifest_summary {
    size_t files;               /* files read */
    size_t unreadable;          /* files not read or with syntax errors */
    size_t documents;           /* documents found, empty ones included */
    size_t resources;           /* documents and list items stored */
    size_t list_items;          /* of resources, those from lists */
    size_t lists;               /* list documents unwrapped */
    size_t list_entries;        /* items in those lists */
    size_t empty;               /* empty or comment-only documents */
    size_t not_kubernetes;      /* mappings without apiVersion and kind */
    size_t duplicates;          /* documents replaced by a later one
                                   with the same resource ID */
    rg_manifest_skip *skips;    /* one per non-empty skipped document */
    size_t skip_count, skip_cap;
    rg_errors errors;           /* unreadable files, syntax errors */
    rg_errors warnings;         /* duplicate keys */
} rg_manifest_summary;

void rg_manifest_summary_init(rg_manifest_summary *sum);
void rg_manifest_summary_free(rg_manifest_summary *sum);

/* Estimate the resources in text: occurrences of "apiVersion", an upper
 * bound in practice (nested ones are rare). */
size_t rg_manifest_estimate(const char *text, size_t len);

/* Load the documents of text (len bytes, NUL-terminated) named path into
 * store, recording source path.  Resource IDs hash id_path, the file's
 * path relative to the scanned folder (rg_store_add_source); NULL gives
 * plain IDs.  Returns 0, or -1 when the text had a syntax error
 * (recorded in sum->errors). */
int rg_manifest_load_text(rg_store *store, rg_manifest_summary *sum,
                          const char *path, const char *id_path,
                          const char *text, size_t len);

#endif
