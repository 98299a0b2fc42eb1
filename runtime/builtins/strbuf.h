/*
 * A growable byte buffer whose memory lives in an arena, for builtins
 * that assemble strings piece by piece.  Growth doubles, so the arena
 * contains at most about twice the final length in dead copies.
 */
#ifndef RG_STRBUF_H
#define RG_STRBUF_H

#include "runtime/arena.h"

typedef struct rg_strbuf {
    rg_arena *arena;
    char *data;         /* NUL-terminated after len bytes */
    size_t len;
    size_t cap;
} rg_strbuf;

/* Start an empty buffer in arena. */
void rg_strbuf_init(rg_strbuf *b, rg_arena *arena);
/* Append n bytes of s. */
void rg_strbuf_add(rg_strbuf *b, const char *s, size_t n);
/* Append a NUL-terminated string. */
void rg_strbuf_adds(rg_strbuf *b, const char *s);
/* Append one byte. */
void rg_strbuf_addc(rg_strbuf *b, char c);
/* Append n copies of byte c. */
void rg_strbuf_pad(rg_strbuf *b, char c, size_t n);
/* Append formatted text. */
void rg_strbuf_printf(rg_strbuf *b, const char *fmt, ...) RG_PRINTF(2, 3);
/* Append code point r encoded as UTF-8. */
void rg_strbuf_rune(rg_strbuf *b, int32_t r);

#endif
