/*
 * File loading for the command-line tools; see cli/loadfile.h.
 */
#include "cli/loadfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/buf.h"
#include "runtime/json.h"
#include "runtime/yaml.h"

char *rg_loadfile_read(const char *path, size_t *len, rg_errors *errs)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
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
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (bad) {
        free(buf);
        rg_errors_add(errs, "io_error", path, 0, 0, "read failed: %s",
                      strerror(saved));
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Standard input: JSON when it parses as JSON, else YAML. */
static const rg_value *parse_unnamed(rg_arena *arena, const char *text,
                                     size_t len, rg_errors *errs)
{
    rg_errors json_errs;
    rg_errors_init(&json_errs);
    const rg_value *v = rg_json_parse(arena, text, len, "-", NULL,
                                      &json_errs);
    rg_errors_free(&json_errs);
    return v ? v : rg_yaml_parse(arena, text, len, "-", NULL, errs);
}

const rg_value *rg_loadfile_parse(rg_arena *arena, const char *path,
                                  const char *text, size_t len,
                                  rg_errors *errs)
{
    size_t n = strlen(path);
    if (strcmp(path, "-") == 0)
        return parse_unnamed(arena, text, len, errs);
    bool yaml = (n >= 5 && strcmp(path + n - 5, ".yaml") == 0) ||
                (n >= 4 && strcmp(path + n - 4, ".yml") == 0);
    if (yaml)
        return rg_yaml_parse(arena, text, len, path, NULL, errs);
    return rg_json_parse(arena, text, len, path, NULL, errs);
}

/* Merge b into a.  where is the key path so far, for the conflict
 * message. */
static const rg_value *merge_at(rg_arena *arena, const rg_value *a,
                                const rg_value *b, rg_buf *where)
{
    if (rg_value_kind(a) != RG_OBJECT || rg_value_kind(b) != RG_OBJECT)
        return NULL;
    rg_builder *out = rg_object_builder(arena, rg_len(a) + rg_len(b));
    size_t mark = where->len;
    for (size_t i = 0; i < rg_len(a); i++) {
        const rg_value *k = rg_object_key_at(a, i);
        const rg_value *v = rg_object_value_at(a, i);
        const rg_value *other = rg_object_get(b, k);
        if (other) {
            char *key = rg_json_text(k, 0, 0);
            rg_buf_printf(where, "[%s]", key);
            free(key);
            if ((v = merge_at(arena, v, other, where)) == NULL)
                return NULL;
            where->len = mark;
        }
        rg_builder_put(out, k, v);
    }
    for (size_t i = 0; i < rg_len(b); i++) {
        const rg_value *k = rg_object_key_at(b, i);
        if (rg_object_get(a, k) == NULL)
            rg_builder_put(out, k, rg_object_value_at(b, i));
    }
    return rg_builder_finish(out);
}

const rg_value *rg_loadfile_merge(rg_arena *arena, const rg_value *a,
                                  const rg_value *b, char **conflict)
{
    if (a == NULL)
        return b;
    if (b == NULL)
        return a;
    rg_buf where;
    rg_buf_init(&where);
    rg_buf_puts(&where, "data");
    const rg_value *v = merge_at(arena, a, b, &where);
    if (v == NULL && conflict)
        *conflict = rg_buf_take(&where);
    rg_buf_free(&where);
    return v;
}
