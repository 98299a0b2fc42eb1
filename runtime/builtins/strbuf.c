/*
 * Arena-backed growable byte buffer (see strbuf.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "runtime/builtins/strbuf.h"
#include "runtime/builtins/runes.h"

/* First allocation size: most built strings are short. */
#define STRBUF_MIN 32

void rg_strbuf_init(rg_strbuf *b, rg_arena *arena)
{
    b->arena = arena;
    b->data = rg_arena_alloc(arena, STRBUF_MIN);
    b->data[0] = '\0';
    b->len = 0;
    b->cap = STRBUF_MIN;
}

static void strbuf_reserve(rg_strbuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap * 2;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *data = rg_arena_alloc(b->arena, cap);
    memcpy(data, b->data, b->len + 1);
    b->data = data;
    b->cap = cap;
}

void rg_strbuf_add(rg_strbuf *b, const char *s, size_t n)
{
    strbuf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void rg_strbuf_adds(rg_strbuf *b, const char *s)
{
    rg_strbuf_add(b, s, strlen(s));
}

void rg_strbuf_addc(rg_strbuf *b, char c)
{
    rg_strbuf_add(b, &c, 1);
}

void rg_strbuf_pad(rg_strbuf *b, char c, size_t n)
{
    strbuf_reserve(b, n);
    memset(b->data + b->len, c, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void rg_strbuf_printf(rg_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    strbuf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void rg_strbuf_rune(rg_strbuf *b, int32_t r)
{
    char buf[4];
    rg_strbuf_add(b, buf, rg_runes_encode(r, buf));
}
