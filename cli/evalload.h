/*
 * Loading the -d paths of regolith eval: modules and data documents from
 * files, directories (walked without leaving the tree) and standard
 * input.
 */
#ifndef RG_EVALLOAD_H
#define RG_EVALLOAD_H

#include "include/regolith.h"
#include "runtime/error.h"
#include "runtime/value.h"

typedef struct rg_evalload {
    rg_engine *engine;      /* borrowed: modules are added to it */
    rg_arena *arena;        /* borrowed: data documents live here */
    const rg_value *data;   /* the merged data documents, or NULL */
    rg_errors *errs;        /* borrowed: every problem is added here */
    bool failed;
} rg_evalload;

/* Load path as given on the command line: "-" is a JSON or YAML data
 * document on standard input; a file must end in .rego (a module) or
 * .json, .yaml, .yml (data); a directory is walked for such files,
 * following symbolic links only while they stay inside it.  Problems go
 * to L->errs and set L->failed. */
void rg_evalload_path(rg_evalload *L, const char *path);

#endif
