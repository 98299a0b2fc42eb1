/*
 * JSON texts for the scanner (policy files, exceptions, test cases),
 * read with the value layer's JSON reader.
 */
#include "k8s/docparse.h"

#include "runtime/json.h"

const rg_value *rg_docparse_json(rg_arena *arena, const char *file,
                                 const char *text, size_t len,
                                 rg_errors *errs)
{
    return rg_json_parse(arena, text, len, file, NULL, errs);
}
