/*
 * Positions of fields in YAML manifests, found by reading the text again
 * with libyaml's event parser when a report needs them, so a scan keeps
 * no position table for the resources that pass.
 */
#ifndef RG_K8S_YAMLPOS_H
#define RG_K8S_YAMLPOS_H

#include <stddef.h>

/* Find a field in document doc_index (0-based, counting every document
 * of the stream) of text.  path is a Kubescape path such as
 * "spec.containers[0].securityContext.privileged".  Sets *line and *col
 * (1-based) to the key of the deepest segment of path that exists, and
 * returns how many segments matched: 0 when only the document was
 * found, -1 when the document is missing. */
int rg_yamlpos_locate(const char *text, size_t len, size_t doc_index,
                      const char *path, int *line, int *col);

/* The line of the first content of the document that starts at line
 * start (its "---" marker, or its first line): blank and comment lines
 * and the marker itself are skipped.  Returns start when no content
 * follows. */
int rg_yamlpos_content_line(const char *text, size_t len, int start);

/* A table of line starts in one text, built in one pass, so looking up
 * many lines costs time linear in the text overall.  Borrows text. */
typedef struct rg_yamlpos_lines {
    const char *text;
    size_t len;
    size_t *starts;             /* byte offset of each line; owned */
    size_t count;
} rg_yamlpos_lines;

/* Build the line table of text[0..len). */
void rg_yamlpos_lines_init(rg_yamlpos_lines *l, const char *text,
                           size_t len);

/* Free the table (not the text). */
void rg_yamlpos_lines_free(rg_yamlpos_lines *l);

/* As rg_yamlpos_content_line, using the table to find line start. */
int rg_yamlpos_lines_content(const rg_yamlpos_lines *l, int start);

/* As rg_yamlpos_locate for the document whose text begins at line start
 * (so it reads that document only, not the ones before it). */
int rg_yamlpos_lines_locate(const rg_yamlpos_lines *l, int start,
                            const char *path, int *line, int *col);

/* Set lines[i] and cols[i] for the first n elements of the "items"
 * sequence of the document whose text begins at line start, reading the
 * document once.  Entries past the sequence's end are left alone.
 * Returns how many were set. */
size_t rg_yamlpos_lines_items(const rg_yamlpos_lines *l, int start,
                              int *lines, int *cols, size_t n);

#endif
