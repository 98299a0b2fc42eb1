/*
 * Building the object of a YAML mapping: repeated keys (the last value
 * wins, with a warning), merge keys (keys written in the mapping win,
 * then earlier merged mappings over later ones) and the positions of the
 * final keys.
 */
#include "runtime/yaml_impl.h"

#include <stdlib.h>
#include <string.h>

/* A key of the final object and where it came from. */
typedef struct key_loc {
    const rg_value *key;
    rg_yaml_loc loc;
} key_loc;

typedef struct mapping {
    rg_yaml_loader *ld;
    rg_builder *b;
    bool recording;     /* positions wanted */
    key_loc *keys;      /* heap memory */
    size_t nkeys;
    size_t cap;
} mapping;

/* Note where key is; a repeated key (dup) moves to its later position. */
static void note_key(mapping *m, const rg_value *key, rg_yaml_loc loc,
                     bool dup)
{
    if (!m->recording)
        return;
    for (size_t i = 0; dup && i < m->nkeys; i++) {
        if (rg_value_equal(m->keys[i].key, key)) {
            m->keys[i].loc = loc;
            return;
        }
    }
    rg_grow((void **)&m->keys, &m->cap, m->nkeys + 1, sizeof *m->keys);
    m->keys[m->nkeys].key = key;
    m->keys[m->nkeys].loc = loc;
    m->nkeys++;
}

static void warn_duplicate(rg_yaml_loader *ld, size_t base, size_t at)
{
    if (ld->opts->warn == NULL)
        return;
    const rg_yaml_entry *dup = &ld->stack[at];
    rg_yaml_loc first = dup->loc;
    for (size_t i = base; i < at; i += 2) {
        if (rg_value_equal(ld->stack[i].value, dup->value)) {
            first = ld->stack[i].loc;
            break;
        }
    }
    const rg_value *k = dup->value;
    char *msg = rg_arena_printf(ld->arena, "duplicate mapping key \"%.*s\": "
                                "the value at line %u replaces the one at "
                                "line %u", (int)(rg_string_len(k) > 80
                                                 ? 80 : rg_string_len(k)),
                                rg_string_bytes(k), dup->loc.line,
                                first.line);
    ld->opts->warn(ld->opts->warn_user, ld->opts->file, (int)dup->loc.line,
                   (int)dup->loc.col, msg);
}

/* Add the entries of obj that the mapping does not have yet. */
static void merge_object(mapping *m, const rg_value *obj, rg_yaml_loc loc)
{
    for (size_t i = 0; i < rg_len(obj); i++) {
        const rg_value *k = rg_object_key_at(obj, i);
        if (rg_builder_get(m->b, k) != NULL)
            continue;
        rg_builder_set(m->b, k, rg_object_value_at(obj, i));
        note_key(m, k, loc, false);
    }
}

static void merge_value(mapping *m, const rg_yaml_entry *key,
                        const rg_yaml_entry *val)
{
    rg_kind kind = rg_value_kind(val->value);
    bool ok = kind == RG_OBJECT;
    for (size_t i = 0; kind == RG_ARRAY && i < rg_len(val->value); i++)
        ok = rg_value_kind(rg_array_at(val->value, i)) == RG_OBJECT;
    if (kind == RG_ARRAY)
        ok = ok || rg_len(val->value) == 0;
    if (!ok) {
        rg_yaml_fail(m->ld, val->loc, "map merge requires map or sequence "
                     "of maps as the value");
        return;
    }
    if (kind == RG_OBJECT) {
        merge_object(m, val->value, key->loc);
        return;
    }
    for (size_t i = 0; i < rg_len(val->value); i++)
        merge_object(m, rg_array_at(val->value, i), key->loc);
}

static int key_loc_compare(const void *x, const void *y)
{
    return rg_value_compare(((const key_loc *)x)->key,
                            ((const key_loc *)y)->key);
}

/* Record the key positions in the object's canonical key order. */
static void record_positions(mapping *m, const rg_value *obj)
{
    if (!m->recording || m->nkeys == 0 || rg_len(obj) != m->nkeys)
        return;
    qsort(m->keys, m->nkeys, sizeof *m->keys, key_loc_compare);
    rg_yaml_loc *locs = rg_xmalloc(m->nkeys * sizeof *locs);
    for (size_t i = 0; i < m->nkeys; i++)
        locs[i] = m->keys[i].loc;
    rg_yaml_positions_add(m->ld->positions, obj, locs, m->nkeys);
    free(locs);
}

const rg_value *rg_yaml_build_mapping(rg_yaml_loader *ld, size_t base)
{
    size_t npairs = (ld->top - base) / 2;
    mapping m = { ld, rg_object_builder(ld->arena, npairs),
                  ld->positions != NULL, NULL, 0, 0 };
    if (m.recording)
        rg_grow((void **)&m.keys, &m.cap, npairs, sizeof *m.keys);
    for (size_t i = base; i + 1 < ld->top; i += 2) {
        const rg_yaml_entry *k = &ld->stack[i], *v = &ld->stack[i + 1];
        if (k->value == rg_yaml_bad_key || k->value == rg_yaml_merge_mark)
            continue;
        bool dup = rg_builder_get(m.b, k->value) != NULL;
        if (dup)
            warn_duplicate(ld, base, i);
        rg_builder_set(m.b, k->value, v->value);
        note_key(&m, k->value, k->loc, dup);
    }
    for (size_t i = base; i + 1 < ld->top; i += 2) {
        if (ld->stack[i].value == rg_yaml_merge_mark)
            merge_value(&m, &ld->stack[i], &ld->stack[i + 1]);
    }
    const rg_value *obj = rg_builder_finish(m.b);
    record_positions(&m, obj);
    free(m.keys);
    return obj;
}
