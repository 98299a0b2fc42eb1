/*
 * File loading for the command-line tools; see cli/loadfile.h.
 */
#include "cli/loadfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/json.h"
#include "runtime/yaml.h"

char *rg_loadfile_read(const char *path, size_t *len, rg_errors *errs)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        rg_errors_add(errs, "io_error", path, 0, 0, "cannot open: %s",
                      strerror(errno));
        return NULL;
    }
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        rg_grow((void **)&buf, &cap, n + 4096 + 1, 1);
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        rg_errors_add(errs, "io_error", path, 0, 0, "read failed");
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

const rg_value *rg_loadfile_parse(rg_arena *arena, const char *path,
                                  const char *text, size_t len,
                                  rg_errors *errs)
{
    size_t n = strlen(path);
    bool yaml = (n >= 5 && strcmp(path + n - 5, ".yaml") == 0) ||
                (n >= 4 && strcmp(path + n - 4, ".yml") == 0);
    if (yaml)
        return rg_yaml_parse(arena, text, len, path, NULL, errs);
    return rg_json_parse(arena, text, len, path, NULL, errs);
}

const rg_value *rg_loadfile_merge(rg_arena *arena, const rg_value *a,
                                  const rg_value *b)
{
    if (a == NULL)
        return b;
    if (b == NULL)
        return a;
    if (rg_value_kind(a) != RG_OBJECT || rg_value_kind(b) != RG_OBJECT)
        return NULL;
    rg_builder *out = rg_object_builder(arena, rg_len(a) + rg_len(b));
    for (size_t i = 0; i < rg_len(a); i++) {
        const rg_value *k = rg_object_key_at(a, i);
        const rg_value *v = rg_object_value_at(a, i);
        const rg_value *other = rg_object_get(b, k);
        if (other && (v = rg_loadfile_merge(arena, v, other)) == NULL)
            return NULL;
        rg_builder_put(out, k, v);
    }
    for (size_t i = 0; i < rg_len(b); i++) {
        const rg_value *k = rg_object_key_at(b, i);
        if (rg_object_get(a, k) == NULL)
            rg_builder_put(out, k, rg_object_value_at(b, i));
    }
    return rg_builder_finish(out);
}
