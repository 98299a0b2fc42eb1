/*
 * Whole-file reads; see k8s/readfile.h.
 */
#include "k8s/readfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* First buffer size for a stream of unknown length. */
#define READFILE_CHUNK 65536

static char *read_stream(FILE *f, const char *path, size_t *len,
                         rg_errors *errs)
{
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        rg_grow((void **)&buf, &cap, n + READFILE_CHUNK + 1, 1);
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
        if (n > RG_READFILE_MAX) {
            rg_errors_add(errs, "input_error", path, 0, 0,
                          "file larger than %zu bytes; not read",
                          RG_READFILE_MAX);
            free(buf);
            return NULL;
        }
    }
    if (ferror(f)) {
        rg_errors_add(errs, "input_error", path, 0, 0, "read failed: %s",
                      strerror(errno));
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

char *rg_readfile(const char *path, size_t *len, rg_errors *errs)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (f == NULL) {
        rg_errors_add(errs, "input_error", path, 0, 0, "cannot open: %s",
                      strerror(errno));
        return NULL;
    }
    char *buf = read_stream(f, is_stdin ? "<stdin>" : path, len, errs);
    if (!is_stdin)
        fclose(f);
    return buf;
}
