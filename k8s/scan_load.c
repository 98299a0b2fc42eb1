/*
 * The loading stage of a scan: expands the paths, sizes the store from
 * an estimate and reads every manifest into it.
 */
#include "k8s/scan_internal.h"

#include <stdlib.h>
#include <string.h>

#include "k8s/readfile.h"

/* Count the resources of every file (a first pass reads each file and
 * counts "apiVersion"), so the store never grows in a typical scan.
 * Standard input is read once and kept in *stdin_text. */
static size_t estimate(const rg_walk_list *walk, char **stdin_text,
                       size_t *stdin_len)
{
    size_t total = 0;
    rg_errors ignored;
    rg_errors_init(&ignored);
    for (size_t i = 0; i < walk->count; i++) {
        size_t len;
        char *text = rg_readfile(walk->files[i].path, &len, &ignored);
        if (text == NULL)
            continue;
        total += rg_manifest_estimate(text, len) + 1;
        if (strcmp(walk->files[i].path, "-") == 0 && *stdin_text == NULL) {
            *stdin_text = text;
            *stdin_len = len;
        } else {
            free(text);
        }
    }
    rg_errors_free(&ignored);
    return total;
}

static void load_one(rg_scan *scan, const rg_walk_file *file,
                     char *stdin_text, size_t stdin_len)
{
    const char *path = file->path;
    bool is_stdin = strcmp(path, "-") == 0;
    size_t len = stdin_len;
    char *text = is_stdin ? stdin_text
                          : rg_readfile(path, &len, &scan->inputs.errors);
    if (text == NULL) {
        scan->inputs.unreadable++;
        return;
    }
    rg_manifest_load_text(scan->store, &scan->inputs,
                          is_stdin ? "<stdin>" : path, file->id_path, text,
                          len);
    if (!is_stdin)
        free(text);
}

void rg_scan_load(rg_scan *scan, const rg_scan_options *opts)
{
    for (size_t i = 0; i < opts->path_count; i++) {
        size_t before = scan->inputs.errors.count;
        rg_walk_add(&scan->walk, opts->paths[i], &scan->inputs.errors);
        scan->inputs.unreadable += scan->inputs.errors.count - before;
    }
    char *stdin_text = NULL;
    size_t stdin_len = 0;
    scan->store = rg_store_new(estimate(&scan->walk, &stdin_text,
                                        &stdin_len));
    for (size_t i = 0; i < scan->walk.count; i++)
        load_one(scan, &scan->walk.files[i], stdin_text, stdin_len);
    free(stdin_text);
    rg_store_index(scan->store);
    rg_match_init(&scan->match, scan->store);
}
