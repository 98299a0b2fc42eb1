/*
 * Result comparison for the conformance runner: both the actual rows
 * and the expected rows become a set of objects of JSON-compatible
 * values (sets as sorted arrays, non-string object keys as their JSON
 * text), so row order and duplicates do not matter and numbers compare
 * by value.
 */
#include "tests/conformance/conformance.h"

#include <stdlib.h>
#include <string.h>

#include "runtime/json.h"

/* The value after OPA's JSON round trip. */
static const rg_value *jsonish(rg_arena *a, const rg_value *v)
{
    size_t n = rg_len(v);
    switch (rg_value_kind(v)) {
    case RG_ARRAY:
    case RG_SET: {
        const rg_value **items = rg_arena_alloc(a, (n + 1) * sizeof *items);
        for (size_t i = 0; i < n; i++)
            items[i] = jsonish(a, rg_value_kind(v) == RG_SET ?
                                  rg_set_at(v, i) : rg_array_at(v, i));
        return rg_array(a, items, n);
    }
    case RG_OBJECT: {
        rg_builder *b = rg_object_builder(a, n);
        for (size_t i = 0; i < n; i++) {
            const rg_value *k = rg_object_key_at(v, i);
            if (rg_value_kind(k) != RG_STRING) {
                char *text = rg_json_text(k, 0, 0);
                k = rg_cstring(a, text);
                free(text);
            }
            rg_builder_put(b, k, jsonish(a, rg_object_value_at(v, i)));
        }
        return rg_builder_finish(b);
    }
    default:
        return v;
    }
}

static int cmp_values(const void *x, const void *y)
{
    return rg_value_compare(*(const rg_value *const *)x,
                            *(const rg_value *const *)y);
}

static const rg_value *sorted(rg_arena *a, const rg_value *v)
{
    if (rg_value_kind(v) != RG_ARRAY)
        return v;
    size_t n = rg_len(v);
    const rg_value **items = rg_arena_alloc(a, (n + 1) * sizeof *items);
    for (size_t i = 0; i < n; i++)
        items[i] = rg_array_at(v, i);
    qsort(items, n, sizeof *items, cmp_values);
    return rg_array(a, items, n);
}

const rg_value *rg_conf_actual_rows(rg_arena *a, const rg_result *r,
                                    bool sort_bindings,
                                    bool ignore_generated)
{
    rg_builder *rows = rg_set_builder(a, 0);
    size_t nb = rg_result_binding_count(r);
    for (size_t i = 0; i < rg_result_rows(r); i++) {
        rg_builder *row = rg_object_builder(a, nb);
        for (size_t k = 0; k < nb; k++) {
            const char *name = rg_result_binding_name(r, k);
            if (ignore_generated && strncmp(name, "__localq", 8) == 0)
                continue;
            const rg_value *v = jsonish(a, rg_result_binding(r, i, name));
            if (sort_bindings)
                v = sorted(a, v);
            rg_builder_put(row, rg_cstring(a, name), v);
        }
        rg_builder_add(rows, rg_builder_finish(row));
    }
    return rg_builder_finish(rows);
}

const rg_value *rg_conf_expected_rows(rg_arena *a, const rg_value *want,
                                      bool sort_bindings)
{
    rg_builder *rows = rg_set_builder(a, 0);
    for (size_t i = 0; want && i < rg_len(want); i++) {
        const rg_value *row = jsonish(a, rg_array_at(want, i));
        if (sort_bindings && rg_value_kind(row) == RG_OBJECT) {
            rg_builder *b = rg_object_builder(a, rg_len(row));
            for (size_t k = 0; k < rg_len(row); k++)
                rg_builder_put(b, rg_object_key_at(row, k),
                               sorted(a, rg_object_value_at(row, k)));
            row = rg_builder_finish(b);
        }
        rg_builder_add(rows, row);
    }
    return rg_builder_finish(rows);
}
