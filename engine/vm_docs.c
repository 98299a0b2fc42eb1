/*
 * Values of the rule tree's nodes during evaluation: complete rules
 * (with else chains and defaults), functions, and documents merged from
 * base data, partial rules, ref-headed rules and subpackages.
 *
 * A node's document is built from entries (path below the node, value
 * or set element): the base data's keys, each child node's value, and
 * each OUT of the node's partial rules.  Entries are sorted by path and
 * folded into nested objects; two different values at one path are a
 * conflict.  Values are memoized per node for the query (and afresh
 * under each with-modifier).
 */
#include "engine/vm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const conflict_complete =
    "complete rules must not produce multiple outputs";
static const char *const conflict_function =
    "functions must not produce multiple outputs for same inputs";
static const char *const conflict_keys = "object keys must be unique";

/* ---- Outputs ------------------------------------------------------------ */

static void acc_push(rg_vm *vm, rg_acc *acc, rg_entry e)
{
    if (acc->n == acc->cap) {
        uint32_t cap = acc->cap ? acc->cap * 2 : 8;
        rg_entry *grown = rg_arena_alloc(vm->arena, cap * sizeof *grown);
        if (acc->n)
            memcpy(grown, acc->entries, acc->n * sizeof *grown);
        acc->entries = grown;
        acc->cap = cap;
    }
    acc->entries[acc->n++] = e;
}

int rg_vm_output(rg_vm *vm, rg_acc *acc, rg_outmode mode,
                 const rg_value *value, const rg_value *const *path,
                 uint32_t len, const rg_loc *loc)
{
    if (mode == RG_OUT_VALUE) {
        if (acc->value && !rg_value_equal(acc->value, value)) {
            rg_vm_error(vm, "eval_conflict_error", loc, "%s",
                        acc->is_function ? conflict_function :
                                           conflict_complete);
            return RG_RUN_ERR;
        }
        acc->value = value;
        acc->value_loc = loc;
        return RG_RUN_CONT;
    }
    rg_entry e;
    e.len = len;
    e.path = rg_arena_alloc(vm->arena, (len + 1) * sizeof *e.path);
    memcpy(e.path, path, len * sizeof *path);
    e.value = value;
    e.mode = mode;
    e.loc = loc;
    acc_push(vm, acc, e);
    return RG_RUN_CONT;
}

/* ---- Building documents from entries ------------------------------------ */

static int entry_cmp(const void *pa, const void *pb)
{
    const rg_entry *a = pa, *b = pb;
    uint32_t n = a->len < b->len ? a->len : b->len;
    for (uint32_t i = 0; i < n; i++) {
        int c = rg_value_compare(a->path[i], b->path[i]);
        if (c)
            return c;
    }
    return a->len < b->len ? -1 : a->len > b->len;
}

static const rg_value *build(rg_vm *vm, rg_entry *E, size_t n,
                             uint32_t depth);

/* Leaves at one path: set elements (and whole sets, which merge with
 * them), or values that must all be equal. */
static const rg_value *build_leaves(rg_vm *vm, rg_entry *E, size_t n)
{
    bool elems = false;
    for (size_t i = 0; i < n && !elems; i++)
        elems = E[i].mode == RG_OUT_ELEM;
    if (elems) {
        rg_builder *b = rg_set_builder(vm->arena, n);
        for (size_t i = 0; i < n; i++) {
            if (E[i].mode == RG_OUT_ELEM) {
                rg_builder_add(b, E[i].value);
                continue;
            }
            if (rg_value_kind(E[i].value) != RG_SET) {
                rg_vm_error(vm, "eval_conflict_error", E[i].loc, "%s",
                            conflict_keys);
                return NULL;
            }
            for (size_t k = 0; k < rg_len(E[i].value); k++)
                rg_builder_add(b, rg_set_at(E[i].value, k));
        }
        return rg_builder_finish(b);
    }
    for (size_t i = 1; i < n; i++)
        if (!rg_value_equal(E[i].value, E[0].value)) {
            rg_vm_error(vm, "eval_conflict_error", E[i].loc, "%s",
                        conflict_keys);
            return NULL;
        }
    return E[0].value;
}

/* Fold the entries below an object leaf into the leaf: the leaf's keys
 * become entries one level deeper. */
static rg_entry *expand_leaf(rg_vm *vm, rg_entry *E, size_t n,
                             uint32_t depth, size_t *out_n)
{
    const rg_value *obj = E[0].value;
    size_t extra = rg_len(obj);
    rg_entry *all = rg_arena_alloc(vm->arena, (n - 1 + extra + 1) *
                                   sizeof *all);
    memcpy(all, E + 1, (n - 1) * sizeof *all);
    for (size_t i = 0; i < extra; i++) {
        rg_entry e = E[0];
        e.len = depth + 1;
        e.path = rg_arena_alloc(vm->arena, (depth + 1) * sizeof *e.path);
        memcpy(e.path, E[0].path, depth * sizeof *e.path);
        e.path[depth] = rg_object_key_at(obj, i);
        e.value = rg_object_value_at(obj, i);
        e.mode = RG_OUT_ENTRY;
        all[n - 1 + i] = e;
    }
    *out_n = n - 1 + extra;
    qsort(all, *out_n, sizeof *all, entry_cmp);
    return all;
}

static const rg_value *build(rg_vm *vm, rg_entry *E, size_t n,
                             uint32_t depth)
{
    size_t nleaf = 0;
    while (nleaf < n && E[nleaf].len == depth)
        nleaf++;
    if (nleaf == n)
        return build_leaves(vm, E, n);
    if (nleaf > 0) {
        if (nleaf > 1 || E[0].mode != RG_OUT_ENTRY ||
            rg_value_kind(E[0].value) != RG_OBJECT) {
            rg_vm_error(vm, "eval_conflict_error", E[0].loc, "%s",
                        conflict_keys);
            return NULL;
        }
        E = expand_leaf(vm, E, n, depth, &n);
    }
    rg_builder *b = rg_object_builder(vm->arena, 0);
    for (size_t i = 0; i < n;) {
        const rg_value *key = E[i].path[depth];
        size_t j = i + 1;
        while (j < n && rg_value_equal(E[j].path[depth], key))
            j++;
        const rg_value *v = build(vm, E + i, j - i, depth + 1);
        if (v == NULL)
            return NULL;
        rg_builder_put(b, key, v);
        i = j;
    }
    return rg_builder_finish(b);
}

static const rg_value *build_doc(rg_vm *vm, rg_acc *acc)
{
    bool flat = true;
    for (uint32_t i = 0; i < acc->n && flat; i++)
        flat = acc->entries[i].len == 0;
    if (!flat)
        qsort(acc->entries, acc->n, sizeof *acc->entries, entry_cmp);
    return build(vm, acc->entries, acc->n, 0);
}

/* ---- Base data ---------------------------------------------------------- */

static const rg_value *walk(const rg_value *v, const rg_value *keys,
                            size_t from)
{
    for (size_t i = from; v && i < rg_len(keys); i++) {
        const rg_value *k = rg_array_at(keys, i);
        rg_kind kind = rg_value_kind(v);
        if (kind == RG_OBJECT && rg_value_kind(k) == RG_NUMBER) {
            /* Stored documents have string keys: data[2] reads "2". */
            char buf[64];
            rg_arena *tmp = rg_arena_new(64);
            snprintf(buf, sizeof buf, "%s", rg_number_text(tmp, k));
            rg_arena_free(tmp);
            v = rg_object_get_str(v, buf, strlen(buf));
        } else if (kind == RG_OBJECT)
            v = rg_object_get(v, k);
        else if (kind == RG_ARRAY && rg_value_kind(k) == RG_NUMBER) {
            int64_t idx;
            v = rg_number_int64(k, &idx) && idx >= 0 &&
                (size_t)idx < rg_len(v) ? rg_array_at(v, (size_t)idx) : NULL;
        } else if (kind == RG_SET)
            v = rg_set_contains(v, k) ? k : NULL;
        else
            v = NULL;
    }
    return v;
}

static const rg_value *base_at(rg_vm *vm, const rg_node *n)
{
    return walk(vm->engine->data, n->path, 0);
}

const rg_value *rg_vm_data_value(rg_vm *vm, const rg_node *n,
                                 const rg_value *keys)
{
    const rg_value *v = walk(base_at(vm, n), keys, 0);
    if (vm->data_overlays == 0)
        return v;
    size_t len = rg_len(n->path) + rg_len(keys);
    const rg_value **all = rg_arena_alloc(vm->arena, (len + 1) *
                                          sizeof *all);
    for (size_t i = 0; i < rg_len(n->path); i++)
        all[i] = rg_array_at(n->path, i);
    for (size_t i = 0; i < rg_len(keys); i++)
        all[rg_len(n->path) + i] = rg_array_at(keys, i);
    bool replaced;
    return rg_vm_with_data(vm, rg_array(vm->arena, all, len), v, &replaced);
}

static const rg_value *get_in(const rg_value *v, const rg_value *k)
{
    switch (rg_value_kind(v)) {
    case RG_OBJECT:
        return rg_object_get(v, k);
    case RG_SET:
        return rg_set_contains(v, k) ? k : NULL;
    case RG_ARRAY: {
        int64_t i;
        if (rg_value_kind(k) != RG_NUMBER || !rg_number_is_integer(k) ||
            !rg_number_int64(k, &i) || i < 0 || (size_t)i >= rg_len(v))
            return NULL;
        return rg_array_at(v, (size_t)i);
    }
    default:
        return NULL;
    }
}

const rg_value *rg_vm_node_path(rg_vm *vm, const rg_node *n,
                                const rg_value *const *keys, uint32_t k)
{
    uint32_t i = 0;
    while (i < k && rg_value_kind(keys[i]) == RG_STRING &&
           !n->has_suffix_defs && n->ndefs == 0 && n->default_def == NULL) {
        const rg_node *c = rg_tree_child(n, rg_string_bytes(keys[i]),
                                         rg_string_len(keys[i]));
        if (c == NULL)
            break;
        n = c;
        i++;
    }
    /* Stopped below every rule: the rest is base data. */
    if (i < k && n->ndefs == 0 && n->default_def == NULL)
        return rg_vm_data_value(vm, n, rg_array(vm->arena, keys + i, k - i));
    const rg_value *v = rg_vm_node_value(vm, n);
    for (; v && i < k; i++)
        v = get_in(v, keys[i]);
    return v;
}

/* ---- Rules -------------------------------------------------------------- */

/* Run an else chain until a link produces a value; merge it into acc. */
static int run_chain(rg_vm *vm, const rg_ruledef *d,
                     const rg_value *const *args, rg_acc *acc)
{
    for (uint32_t i = 0; i < d->chain_len; i++) {
        rg_acc link = {.is_function = acc->is_function};
        if (rg_vm_run_proc(vm, d->chain[i], args, &link) == RG_RUN_ERR)
            return RG_RUN_ERR;
        if (link.value == NULL)
            continue;
        return rg_vm_output(vm, acc, RG_OUT_VALUE, link.value, NULL, 0,
                            link.value_loc);
    }
    return RG_RUN_CONT;
}

static const rg_value *eval_values(rg_vm *vm, const rg_node *n,
                                   const rg_value *const *args,
                                   bool is_function)
{
    rg_acc acc = {.is_function = is_function};
    for (uint32_t i = 0; i < n->ndefs; i++) {
        const rg_ruledef *d = n->defs[i];
        if (d->kind != RG_RULE_COMPLETE && d->kind != RG_RULE_FUNCTION)
            continue;
        if (d->suffix_len || d->chain_len == 0)
            continue;
        if (run_chain(vm, d, args, &acc) == RG_RUN_ERR)
            return NULL;
    }
    if (acc.value == NULL && n->default_def && n->default_def->chain_len)
        if (run_chain(vm, n->default_def, args, &acc) == RG_RUN_ERR)
            return NULL;
    return acc.value;
}

static bool is_set_node(const rg_node *n)
{
    for (uint32_t i = 0; i < n->ndefs; i++)
        if ((n->defs[i]->kind == RG_RULE_PARTIAL_SET ||
             n->defs[i]->kind == RG_RULE_MULTI_VALUE) &&
            n->defs[i]->suffix_len == 0)
            return true;
    return false;
}

static void add_base_entries(rg_vm *vm, const rg_node *n, rg_acc *acc)
{
    const rg_value *base = base_at(vm, n);
    if (base == NULL || rg_value_kind(base) != RG_OBJECT)
        return;
    for (size_t i = 0; i < rg_len(base); i++) {
        const rg_value *k = rg_object_key_at(base, i);
        const rg_value *v = rg_object_value_at(base, i);
        if (rg_value_kind(k) == RG_STRING &&
            rg_value_kind(v) == RG_OBJECT) {
            const rg_node *c = rg_tree_child(n, rg_string_bytes(k),
                                             rg_string_len(k));
            if (c && c->has_rules_below)
                continue;
        }
        rg_vm_output(vm, acc, RG_OUT_ENTRY, v, &k, 1, NULL);
    }
}

static const rg_value *eval_doc(rg_vm *vm, const rg_node *n)
{
    rg_acc acc = {0};
    add_base_entries(vm, n, &acc);
    const rg_value *base = base_at(vm, n);
    for (uint32_t i = 0; i < n->nchildren; i++) {
        const rg_node *c = n->children[i];
        if (!c->has_rules_below || c->is_function)
            continue;
        /* A scalar in base data shadows the rules at its path. */
        const rg_value *b = base && rg_value_kind(base) == RG_OBJECT ?
            rg_object_get(base, c->key) : NULL;
        if (b && rg_value_kind(b) != RG_OBJECT)
            continue;
        const rg_value *v = rg_vm_node_value(vm, c);
        if (vm->failed)
            return NULL;
        if (v)
            rg_vm_output(vm, &acc, RG_OUT_ENTRY, v, &c->key, 1, NULL);
    }
    for (uint32_t i = 0; i < n->ndefs; i++) {
        const rg_ruledef *d = n->defs[i];
        for (uint32_t j = 0; j < d->chain_len; j++)
            if (rg_vm_run_proc(vm, d->chain[j], NULL, &acc) == RG_RUN_ERR)
                return NULL;
    }
    if (acc.n == 0) {
        if (is_set_node(n))
            return rg_builder_finish(rg_set_builder(vm->arena, 0));
        if (n->ndefs || n->has_rules_below)
            return rg_builder_finish(rg_object_builder(vm->arena, 0));
        return base_at(vm, n);
    }
    return build_doc(vm, &acc);
}

static const rg_value *compute_node(rg_vm *vm, const rg_node *n)
{
    if (n->is_function)
        return NULL;
    if (n->has_complete)
        return eval_values(vm, n, NULL, false);
    return eval_doc(vm, n);
}

static const rg_value *node_overlaid(rg_vm *vm, const rg_node *n)
{
    bool replaced = false;
    const rg_value *v = rg_vm_with_data(vm, n->path, NULL, &replaced);
    if (replaced)
        return v;
    v = compute_node(vm, n);
    if (vm->failed)
        return NULL;
    return rg_vm_with_data(vm, n->path, v, &replaced);
}

const rg_value *rg_vm_node_value(rg_vm *vm, const rg_node *n)
{
    rg_memo *m = &vm->memo;
    if (m->state[n->id] == 2)
        return m->values[n->id];
    if (m->state[n->id] == 1) {
        const rg_loc *loc = n->ndefs ? &n->defs[0]->rule->loc : NULL;
        rg_vm_error(vm, "rego_recursion_error", loc,
                    "rule %s is recursive", n->name);
        return NULL;
    }
    m->state[n->id] = 1;
    const rg_value *v = vm->data_overlays ? node_overlaid(vm, n) :
                                            compute_node(vm, n);
    if (vm->failed) {
        m->state[n->id] = 0;
        return NULL;
    }
    m->state[n->id] = 2;
    m->values[n->id] = v;
    return v;
}

const rg_value *rg_vm_call_func(rg_vm *vm, const rg_node *n,
                                const rg_value *const *args,
                                uint32_t nargs, const rg_loc *loc)
{
    RG_UNUSED(loc);
    /* Calls are memoized per query (and afresh under each with), but
     * not while functions are replaced, because a replacement calls the
     * originals and its callers the replacements. */
    if (vm->fn_overlays)
        return eval_values(vm, n, args, true);
    const rg_value *v;
    if (rg_callmemo_get(vm->memo.calls, n->id, args, nargs, &v))
        return v;
    v = eval_values(vm, n, args, true);
    if (vm->failed)
        return NULL;
    rg_callmemo_put(vm->memo.calls, vm->arena, n->id, args, nargs, v);
    return v;
}

void rg_vm_memo_reset(rg_vm *vm)
{
    uint32_t n = vm->engine->nnodes;
    vm->memo.values = rg_arena_calloc(vm->arena, n + 1,
                                      sizeof *vm->memo.values);
    vm->memo.state = rg_arena_calloc(vm->arena, n + 1, 1);
    vm->memo.calls = rg_arena_calloc(vm->arena, 1, sizeof *vm->memo.calls);
}
