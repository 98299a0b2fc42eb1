/*
 * String interning with an open addressing table of string values;
 * see runtime/intern.h.
 */
#include "runtime/intern.h"

#include <stdlib.h>
#include <string.h>

#include "runtime/value_impl.h"

/* First table size (slots); the table doubles at half load. */
#define INTERN_MIN_SLOTS 256

struct rg_intern {
    rg_arena *arena;                    /* the strings */
    const rg_string_value **slots;      /* NULL = empty */
    size_t mask;
    size_t count;
};

rg_intern *rg_intern_new(void)
{
    rg_intern *in = rg_xcalloc(1, sizeof *in);
    in->arena = rg_arena_new(0);
    in->slots = rg_xcalloc(INTERN_MIN_SLOTS, sizeof *in->slots);
    in->mask = INTERN_MIN_SLOTS - 1;
    return in;
}

void rg_intern_free(rg_intern *in)
{
    if (in == NULL)
        return;
    rg_arena_free(in->arena);
    free(in->slots);
    free(in);
}

static void grow(rg_intern *in)
{
    size_t slots = (in->mask + 1) * 2;
    const rg_string_value **table = rg_xcalloc(slots, sizeof *table);
    for (size_t i = 0; i <= in->mask; i++) {
        const rg_string_value *s = in->slots[i];
        if (s == NULL)
            continue;
        size_t j = s->hash & (slots - 1);
        while (table[j])
            j = (j + 1) & (slots - 1);
        table[j] = s;
    }
    free(in->slots);
    in->slots = table;
    in->mask = slots - 1;
}

/* The slot holding bytes, or the empty slot where they belong. */
static size_t find_slot(const rg_intern *in, const char *bytes, size_t len,
                        uint64_t hash)
{
    size_t j = hash & in->mask;
    for (const rg_string_value *s; (s = in->slots[j]) != NULL;
         j = (j + 1) & in->mask) {
        if (s->hash == hash && s->len == len &&
            memcmp(s->bytes, bytes, len) == 0)
            return j;
    }
    return j;
}

static const rg_value *intern(rg_intern *in, const char *bytes, size_t len,
                              uint64_t hash)
{
    size_t j = find_slot(in, bytes, len, hash);
    if (in->slots[j])
        return &in->slots[j]->h;
    const rg_value *v = rg_string(in->arena, bytes, len);
    in->slots[j] = RG_AS_STR(v);
    if (++in->count * 2 > in->mask + 1)
        grow(in);
    return v;
}

const rg_value *rg_intern_string(rg_intern *in, const char *bytes,
                                 size_t len)
{
    return intern(in, bytes, len, rg_hash_bytes(bytes, len));
}

const rg_value *rg_intern_value(rg_intern *in, const rg_value *s)
{
    const rg_string_value *str = RG_AS_STR(s);
    return intern(in, str->bytes, str->len, str->hash);
}

size_t rg_intern_count(const rg_intern *in)
{
    return in->count;
}
