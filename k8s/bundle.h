/*
 * The policy library embedded in the binary at build time.  The build
 * generates build/gen/policy_bundle.c from rules/ with
 * tools/embed_rules.c; it defines the two symbols below.
 */
#ifndef RG_K8S_BUNDLE_H
#define RG_K8S_BUNDLE_H

#include <stddef.h>

/* One embedded file: its path relative to rules/ and its bytes. */
typedef struct rg_bundle_file {
    const char *path;
    size_t len;
    const char *data;       /* len bytes and a NUL */
} rg_bundle_file;

/* The embedded files in byte order of path, then an all-zero entry. */
extern const rg_bundle_file rg_bundle_files[];
extern const size_t rg_bundle_count;

#endif
