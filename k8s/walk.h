/*
 * Input discovery for the scanner: turns the paths given on the command
 * line into the ordered list of manifest files to read.
 *
 * A directory is walked recursively in byte order of names, keeping the
 * regular files whose names end in ".yaml", ".yml" or ".json".  Symbolic
 * links met inside a directory are never followed: one pointing inside
 * the walked tree is skipped because its target is reached on its own,
 * one pointing out of the tree or nowhere is skipped with a note.  A path
 * named on the command line is read whatever its extension, following a
 * link when it is one.  "-" stands for standard input.
 *
 * Every skipped entry is recorded as a note with its reason, so the
 * scan summary can account for it.
 */
#ifndef RG_K8S_WALK_H
#define RG_K8S_WALK_H

#include "runtime/common.h"
#include "runtime/error.h"

/* One file to read; path "-" is standard input. */
typedef struct rg_walk_file {
    char *path;         /* owned by the list */
    const char *id_path;/* the path Kubescape hashes into resource IDs,
                           borrowed from path or static (rg_walk_add) */
} rg_walk_file;

/* An entry seen but not read, with the reason. */
typedef struct rg_walk_note {
    char *path;         /* owned by the list */
    char *reason;       /* owned by the list */
} rg_walk_note;

typedef struct rg_walk_list {
    rg_walk_file *files;
    size_t count;
    size_t cap;
    rg_walk_note *notes;
    size_t note_count;
    size_t note_cap;
    uint64_t total_bytes;   /* sum of regular file sizes, for estimates */
} rg_walk_list;

/* Deepest directory nesting walked; deeper trees are reported, because a
 * real manifest tree is far shallower and a loop of bind mounts is not. */
#define RG_WALK_MAX_DEPTH 64

void rg_walk_init(rg_walk_list *list);
void rg_walk_free(rg_walk_list *list);

/* Add the files under path (a file, a directory or "-") to list.  Each
 * file's id_path is what Kubescape's file scan hashes into resource IDs
 * when the path is not in a git repository: the path relative to the
 * scanned directory; for a file named directly, its base name when it
 * ends in .yaml or .yml and "." otherwise (Kubescape takes the file's
 * directory as the root only for YAML names); for "-", "<stdin>", a
 * fixed name of this scanner's choosing, because Kubescape copies
 * standard input to a temporary file with a random name.  A path
 * that does not exist or cannot be read is reported in errs with the
 * system's reason and the walk goes on; returns -1 when anything was
 * reported, else 0. */
int rg_walk_add(rg_walk_list *list, const char *path, rg_errors *errs);

/* true when name ends in one of the manifest extensions. */
bool rg_walk_is_manifest_name(const char *name);

#endif
