/*
 * Whole-file reads for the scanner and the policy loader.
 */
#ifndef RG_K8S_READFILE_H
#define RG_K8S_READFILE_H

#include "runtime/error.h"

/* Largest file read (bytes): far above the biggest manifest bundles
 * (a few megabytes) and well below what would exhaust memory. */
#define RG_READFILE_MAX ((size_t)1 << 30)

/* Read the file at path ("-" for standard input) into a NUL-terminated
 * buffer.  Returns owned (free) with *len set, or NULL after adding an
 * error with the system's reason to errs. */
char *rg_readfile(const char *path, size_t *len, rg_errors *errs);

#endif
