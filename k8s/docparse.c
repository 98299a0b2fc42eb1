/*
 * JSON texts for the scanner (policy files, exceptions, test cases), read
 * with the YAML reader: JSON is YAML's flow style, and its unquoted
 * scalars (numbers, true, false, null) resolve the same under YAML 1.1.
 */
#include "k8s/docparse.h"

#include "k8s/yamldoc.h"

const rg_value *rg_docparse_json(rg_arena *arena, const char *file,
                                 const char *text, size_t len,
                                 rg_errors *errs)
{
    rg_errors warnings;
    rg_errors_init(&warnings);
    rg_yamldoc_reader *r = rg_yamldoc_open(file, text, len, arena,
                                           &warnings);
    rg_yamldoc doc;
    int rc = rg_yamldoc_next(r, &doc, errs);
    rg_yamldoc_close(r);
    rg_errors_append(errs, &warnings);
    rg_errors_free(&warnings);
    if (rc < 0)
        return NULL;
    if (rc == 0 || doc.root == NULL) {
        rg_errors_add(errs, "json_error", file, 0, 0,
                      "expected a JSON document, found none");
        return NULL;
    }
    return doc.root;
}
