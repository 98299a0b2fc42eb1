/*
 * Positions of YAML nodes: a side table from each non-empty collection
 * of a loaded document to the line and column of its children, and the
 * lookup of a path through it.  Collections are unique values (only the
 * empty ones are shared singletons, and they have no children), so the
 * collection's address identifies it; an aliased collection has the
 * positions of its anchored definition.
 */
#include "runtime/yaml_impl.h"

#include <stdlib.h>
#include <string.h>

#include "runtime/value_impl.h"

/* First table size (slots); the table doubles at half load. */
#define POS_MIN_SLOTS 64

/* Maximum key length in one step of a dotted path. */
#define POS_MAX_KEY 4096

typedef struct pos_entry {
    const rg_value *coll;       /* NULL = empty slot */
    const rg_yaml_loc *locs;    /* one per child, in the arena */
} pos_entry;

struct rg_yaml_positions {
    rg_arena *arena;
    rg_yaml_loc root;
    pos_entry *slots;           /* heap memory, freed at arena clear */
    size_t mask;
    size_t count;
};

static void free_slots(void *data)
{
    rg_yaml_positions *pos = data;
    free(pos->slots);
    pos->slots = NULL;
}

rg_yaml_positions *rg_yaml_positions_new(rg_arena *arena,
                                         rg_yaml_loc root_loc)
{
    rg_yaml_positions *pos = rg_arena_calloc(arena, 1, sizeof *pos);
    pos->arena = arena;
    pos->root = root_loc;
    pos->slots = rg_xcalloc(POS_MIN_SLOTS, sizeof *pos->slots);
    pos->mask = POS_MIN_SLOTS - 1;
    rg_arena_on_clear(arena, free_slots, pos);
    return pos;
}

void rg_yaml_positions_set_root(rg_yaml_positions *pos, rg_yaml_loc loc)
{
    pos->root = loc;
}

static size_t slot_of(const pos_entry *slots, size_t mask,
                      const rg_value *coll)
{
    size_t j = rg_hash_mix((uint64_t)(uintptr_t)coll) & mask;
    while (slots[j].coll && slots[j].coll != coll)
        j = (j + 1) & mask;
    return j;
}

static void grow(rg_yaml_positions *pos)
{
    size_t slots = (pos->mask + 1) * 2;
    pos_entry *table = rg_xcalloc(slots, sizeof *table);
    for (size_t i = 0; i <= pos->mask; i++) {
        if (pos->slots[i].coll)
            table[slot_of(table, slots - 1, pos->slots[i].coll)] =
                pos->slots[i];
    }
    free(pos->slots);
    pos->slots = table;
    pos->mask = slots - 1;
}

void rg_yaml_positions_add(rg_yaml_positions *pos, const rg_value *v,
                           const rg_yaml_loc *locs, size_t n)
{
    if (n == 0)
        return;
    rg_yaml_loc *copy = rg_arena_alloc(pos->arena, n * sizeof *copy);
    memcpy(copy, locs, n * sizeof *copy);
    size_t j = slot_of(pos->slots, pos->mask, v);
    if (pos->slots[j].coll == NULL)
        pos->count++;
    pos->slots[j].coll = v;
    pos->slots[j].locs = copy;
    if (pos->count * 2 > pos->mask + 1)
        grow(pos);
}

/* The index of step in collection cur, or -1. */
static int64_t child_index(const rg_value *cur, const rg_value *step)
{
    if (rg_value_kind(cur) == RG_ARRAY) {
        int64_t i;
        if (rg_value_kind(step) != RG_NUMBER || !rg_number_int64(step, &i))
            return -1;
        return i >= 0 && (uint64_t)i < rg_len(cur) ? i : -1;
    }
    if (rg_value_kind(cur) != RG_OBJECT || rg_len(cur) == 0)
        return -1;
    return rg_coll_find(RG_AS_COLL(cur), step, rg_value_hash(step));
}

bool rg_yaml_position(const rg_yaml_positions *pos, const rg_value *root,
                      const rg_value *const *path, size_t n,
                      rg_yaml_loc *out)
{
    const rg_value *cur = root;
    rg_yaml_loc loc = pos->root;
    for (size_t k = 0; k < n; k++) {
        int64_t i = child_index(cur, path[k]);
        if (i < 0)
            return false;
        size_t j = slot_of(pos->slots, pos->mask, cur);
        if (pos->slots[j].coll == NULL)
            return false;
        loc = pos->slots[j].locs[i];
        cur = rg_value_kind(cur) == RG_ARRAY ? rg_array_at(cur, (size_t)i)
                                             : rg_object_value_at(cur,
                                                                  (size_t)i);
    }
    *out = loc;
    return true;
}

/* Split one step off a dotted path: a key up to '.' or '[', or an index
 * in brackets.  Returns the step (in arena) and advances *p, or NULL. */
static const rg_value *next_step(rg_arena *arena, const char **p)
{
    const char *s = *p;
    if (*s == '[') {
        char *end;
        long long i = strtoll(s + 1, &end, 10);
        if (end == s + 1 || *end != ']')
            return NULL;
        *p = end + 1;
        return rg_int(arena, i);
    }
    size_t n = strcspn(s, ".[");
    if (n == 0 || n > POS_MAX_KEY)
        return NULL;
    *p = s + n;
    return rg_string(arena, s, n);
}

bool rg_yaml_position_path(const rg_yaml_positions *pos,
                           const rg_value *root, const char *path,
                           rg_yaml_loc *out)
{
    rg_arena *scratch = rg_arena_new(0);
    rg_buf steps;
    rg_buf_init(&steps);
    const char *p = path;
    bool ok = true;
    while (ok && *p) {
        const rg_value *step = next_step(scratch, &p);
        ok = step != NULL && (*p == '\0' || *p == '.' || *p == '[');
        if (ok)
            rg_buf_append(&steps, &step, sizeof step);
        if (ok && *p == '.')
            p++;
    }
    if (ok)
        ok = rg_yaml_position(pos, root, (const rg_value *const *)steps.data,
                              steps.len / sizeof(rg_value *), out);
    rg_buf_free(&steps);
    rg_arena_free(scratch);
    return ok;
}
