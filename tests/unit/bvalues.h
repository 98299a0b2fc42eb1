/*
 * Short value constructors for builtin unit tests, all building in one
 * test arena set by bv_use: S("text"), I(42), N("1.5"), B(true), NUL(),
 * ARR(n, ...), SET(n, ...), OBJ(n, k1, v1, ...), and TEXT(v), the term
 * text of a value for comparisons.
 */
#ifndef RG_BVALUES_H
#define RG_BVALUES_H

#include <check.h>
#include <stdarg.h>
#include <string.h>

#include "runtime/builtins/format.h"
#include "runtime/value.h"

static rg_arena *bv_arena;

static inline void bv_use(rg_arena *arena)
{
    bv_arena = arena;
}

static inline const rg_value *S(const char *s)
{
    return rg_cstring(bv_arena, s);
}

static inline const rg_value *I(int64_t i)
{
    return rg_int(bv_arena, i);
}

static inline const rg_value *N(const char *text)
{
    const rg_value *v = rg_number_parse(bv_arena, text, strlen(text));
    ck_assert_msg(v != NULL, "bad number %s", text);
    return v;
}

static inline const rg_value *B(bool b)
{
    return rg_bool(b);
}

static inline const rg_value *NUL(void)
{
    return rg_null();
}

static inline const rg_value *ARR(size_t n, ...)
{
    const rg_value *items[64];
    ck_assert_uint_le(n, 64);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        items[i] = va_arg(ap, const rg_value *);
    va_end(ap);
    return rg_array(bv_arena, items, n);
}

static inline const rg_value *SET(size_t n, ...)
{
    rg_builder *b = rg_set_builder(bv_arena, n);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        rg_builder_add(b, va_arg(ap, const rg_value *));
    va_end(ap);
    return rg_builder_finish(b);
}

/* n is the number of entries; the arguments alternate key, value. */
static inline const rg_value *OBJ(size_t n, ...)
{
    rg_builder *b = rg_object_builder(bv_arena, n);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++) {
        const rg_value *k = va_arg(ap, const rg_value *);
        const rg_value *v = va_arg(ap, const rg_value *);
        rg_builder_put(b, k, v);
    }
    va_end(ap);
    return rg_builder_finish(b);
}

static inline const char *TEXT(const rg_value *v)
{
    return v ? rg_format_text(bv_arena, v) : "<none>";
}

#endif
