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

#endif
