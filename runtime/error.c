/*
 * Error lists with positions; see runtime/error.h.
 */
#include "runtime/error.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void rg_errors_init(rg_errors *errs)
{
    memset(errs, 0, sizeof *errs);
}

void rg_errors_free(rg_errors *errs)
{
    if (errs == NULL)
        return;
    for (size_t i = 0; i < errs->count; i++) {
        free(errs->items[i].file);
        free(errs->items[i].message);
    }
    free(errs->items);
    memset(errs, 0, sizeof *errs);
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return rg_xstrdup("");
    char *s = rg_xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

static void push(rg_errors *errs, const char *code, const char *file,
                 int line, int col, char *message)
{
    if (errs->limit && errs->count >= errs->limit) {
        errs->dropped++;
        free(message);
        return;
    }
    rg_grow((void **)&errs->items, &errs->cap, errs->count + 1,
            sizeof(rg_error));
    rg_error *e = &errs->items[errs->count++];
    e->code = code;
    e->file = file ? rg_xstrdup(file) : NULL;
    e->line = line;
    e->col = col;
    e->message = message;
}

void rg_errors_add(rg_errors *errs, const char *code, const char *file,
                   int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *message = vformat(fmt, ap);
    va_end(ap);
    push(errs, code, file, line, col, message);
}

void rg_errors_append(rg_errors *dst, const rg_errors *src)
{
    for (size_t i = 0; i < src->count; i++) {
        const rg_error *e = &src->items[i];
        push(dst, e->code, e->file, e->line, e->col,
             rg_xstrdup(e->message));
    }
}

char *rg_error_format(const rg_error *e)
{
    size_t size = strlen(e->message) + strlen(e->code) + 64 +
                  (e->file ? strlen(e->file) : 0);
    char *s = rg_xmalloc(size);
    int n = 0;
    if (e->file && e->line && e->col)
        n = snprintf(s, size, "%s:%d:%d: ", e->file, e->line, e->col);
    else if (e->file && e->line)
        n = snprintf(s, size, "%s:%d: ", e->file, e->line);
    else if (e->file)
        n = snprintf(s, size, "%s: ", e->file);
    snprintf(s + n, size - (size_t)n, "%s: %s", e->code, e->message);
    return s;
}

void rg_errors_print(const rg_errors *errs, FILE *out)
{
    for (size_t i = 0; i < errs->count; i++) {
        char *s = rg_error_format(&errs->items[i]);
        fprintf(out, "%s\n", s);
        free(s);
    }
    if (errs->dropped)
        fprintf(out, "too many errors: %zu more not shown\n", errs->dropped);
}
