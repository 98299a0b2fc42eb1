/*
 * Growable byte buffers; see runtime/buf.h.
 */
#include "runtime/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rg_buf_init(rg_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void rg_buf_free(rg_buf *b)
{
    free(b->data);
    rg_buf_init(b);
}

void rg_buf_clear(rg_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void rg_buf_reserve(rg_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        rg_oom(SIZE_MAX);
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    b->data = rg_xrealloc(b->data, cap);
    b->cap = cap;
}

void rg_buf_append(rg_buf *b, const void *bytes, size_t n)
{
    rg_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void rg_buf_puts(rg_buf *b, const char *s)
{
    rg_buf_append(b, s, strlen(s));
}

void rg_buf_putc(rg_buf *b, char c)
{
    if (b->len + 1 >= b->cap)
        rg_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void rg_buf_printf(rg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    rg_buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *rg_buf_cstr(rg_buf *b)
{
    if (b->data == NULL)
        rg_buf_reserve(b, 0);
    b->data[b->len] = '\0';
    return b->data;
}

char *rg_buf_take(rg_buf *b)
{
    rg_buf_cstr(b);
    char *s = b->data;
    rg_buf_init(b);
    return s;
}
