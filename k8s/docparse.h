/*
 * The scanner's one entry to the value layer's JSON reader: parses a JSON
 * text into a value, reporting failures with file, line and column.
 */
#ifndef RG_K8S_DOCPARSE_H
#define RG_K8S_DOCPARSE_H

#include "runtime/error.h"
#include "runtime/value.h"

/* Parse the JSON text (len bytes) into a value living in arena.  Returns
 * NULL after adding an error naming file to errs. */
const rg_value *rg_docparse_json(rg_arena *arena, const char *file,
                                 const char *text, size_t len,
                                 rg_errors *errs);

#endif
