/*
 * Reading files for the command-line tools: whole files, JSON or YAML
 * data documents, and the deep merge of several data documents.
 */
#ifndef RG_LOADFILE_H
#define RG_LOADFILE_H

#include "runtime/error.h"
#include "runtime/value.h"

/* Read the whole file at path ("-": standard input).  Returns owned
 * bytes (NUL-terminated, release with free) and sets *len, or NULL with
 * an error in errs. */
char *rg_loadfile_read(const char *path, size_t *len, rg_errors *errs);

/* Parse a data document: YAML when path ends in .yaml or .yml, JSON
 * for other names, and for path "-" JSON when the text is JSON, else
 * YAML.  Returns a value living in arena, or NULL with errors. */
const rg_value *rg_loadfile_parse(rg_arena *arena, const char *path,
                                  const char *text, size_t len,
                                  rg_errors *errs);

/* Merge b into a (either may be NULL): objects merge key by key,
 * recursively; any other pair of values at one key conflicts.  Returns
 * the merged value living in arena, or NULL on a conflict, then setting
 * *conflict (when conflict is not NULL) to the owned key path of the
 * conflict, such as data["a"]["b"]. */
const rg_value *rg_loadfile_merge(rg_arena *arena, const rg_value *a,
                                  const rg_value *b, char **conflict);

#endif
