/*
 * Growable byte buffers for building text: JSON output, error messages,
 * decoded strings.  The bytes live in heap memory owned by the buffer;
 * they are always followed by a NUL, so data is a C string whenever the
 * content has no NUL of its own.  Out of memory aborts.
 */
#ifndef RG_BUF_H
#define RG_BUF_H

#include "runtime/common.h"

typedef struct rg_buf {
    char *data;     /* owned; NULL until the first append */
    size_t len;
    size_t cap;
} rg_buf;

void rg_buf_init(rg_buf *b);
/* Release the bytes; the buffer is empty and reusable afterwards. */
void rg_buf_free(rg_buf *b);
/* Forget the content, keeping the memory. */
void rg_buf_clear(rg_buf *b);
/* Make room for extra more bytes (and the NUL). */
void rg_buf_reserve(rg_buf *b, size_t extra);

void rg_buf_append(rg_buf *b, const void *bytes, size_t n);
void rg_buf_puts(rg_buf *b, const char *s);
void rg_buf_putc(rg_buf *b, char c);
void rg_buf_printf(rg_buf *b, const char *fmt, ...) RG_PRINTF(2, 3);

/* The content as a C string: borrowed, valid until the next change. */
const char *rg_buf_cstr(rg_buf *b);
/* Take the content as an owned C string (release with free) and leave
 * the buffer empty. */
char *rg_buf_take(rg_buf *b);

#endif
