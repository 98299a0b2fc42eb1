/*
 * With-modifiers at run time: a stack of overlays replacing input, part
 * of data (base documents or rules) or a function for the duration of
 * one expression.  Each push starts a fresh memo, since values computed
 * under one overlay do not hold under another; each pop restores the
 * previous one.
 */
#include "engine/vm.h"

#include <string.h>

const rg_value *rg_vm_set_path(rg_arena *arena, const rg_value *value,
                               const rg_value *path, size_t from,
                               const rg_value *leaf)
{
    if (from >= rg_len(path))
        return leaf;
    const rg_value *key = rg_array_at(path, from);
    bool is_obj = value && rg_value_kind(value) == RG_OBJECT;
    const rg_value *child = is_obj ? rg_object_get(value, key) : NULL;
    const rg_value *nchild = rg_vm_set_path(arena, child, path, from + 1,
                                            leaf);
    size_t n = is_obj ? rg_len(value) : 0;
    rg_builder *b = rg_object_builder(arena, n + 1);
    for (size_t i = 0; i < n; i++) {
        const rg_value *k = rg_object_key_at(value, i);
        if (!rg_value_equal(k, key))
            rg_builder_put(b, k, rg_object_value_at(value, i));
    }
    rg_builder_put(b, key, nchild);
    return rg_builder_finish(b);
}

int rg_vm_with_push(rg_vm *vm, const rg_withdef *def,
                    const rg_value *value)
{
    if (vm->noverlays == vm->capoverlays) {
        uint32_t cap = vm->capoverlays ? vm->capoverlays * 2 : 8;
        rg_overlay *grown = rg_arena_alloc(vm->arena, cap * sizeof *grown);
        if (vm->noverlays)
            memcpy(grown, vm->overlays, vm->noverlays * sizeof *grown);
        vm->overlays = grown;
        vm->capoverlays = cap;
    }
    rg_overlay *o = &vm->overlays[vm->noverlays++];
    o->def = def;
    o->value = value;
    o->saved_input = vm->input;
    o->saved_memo = vm->memo;
    switch (def->kind) {
    case RG_WITH_INPUT:
        vm->input = rg_len(def->path) == 0 ? value :
            rg_vm_set_path(vm->arena, vm->input, def->path, 0, value);
        break;
    case RG_WITH_DATA:
        vm->data_overlays++;
        break;
    default:
        vm->fn_overlays++;
        break;
    }
    rg_vm_memo_reset(vm);
    return 0;
}

void rg_vm_with_pop(rg_vm *vm)
{
    rg_overlay *o = &vm->overlays[--vm->noverlays];
    vm->input = o->saved_input;
    vm->memo = o->saved_memo;
    if (o->def->kind == RG_WITH_DATA)
        vm->data_overlays--;
    else if (o->def->kind != RG_WITH_INPUT)
        vm->fn_overlays--;
}

bool rg_vm_with_function(const rg_vm *vm, rg_withkind kind,
                         uint32_t target, const rg_withdef **repl,
                         const rg_value **value)
{
    for (uint32_t i = vm->noverlays; i-- > vm->mocks_floor;) {
        const rg_overlay *o = &vm->overlays[i];
        if (o->def->kind == kind && o->def->target == target) {
            *repl = o->def;
            *value = o->value;
            return true;
        }
    }
    return false;
}

/* true when a is a prefix of b (both arrays of keys). */
static bool is_prefix(const rg_value *a, const rg_value *b)
{
    if (rg_len(a) > rg_len(b))
        return false;
    for (size_t i = 0; i < rg_len(a); i++)
        if (!rg_value_equal(rg_array_at(a, i), rg_array_at(b, i)))
            return false;
    return true;
}

static const rg_value *navigate(const rg_value *v, const rg_value *path,
                                size_t from)
{
    for (size_t i = from; v && i < rg_len(path); i++)
        v = rg_value_kind(v) == RG_OBJECT ?
            rg_object_get(v, rg_array_at(path, i)) : NULL;
    return v;
}

const rg_value *rg_vm_with_data(rg_vm *vm, const rg_value *path,
                                const rg_value *v, bool *replaced)
{
    *replaced = false;
    /* The newest overlay covering the whole path decides. */
    for (uint32_t i = vm->noverlays; i-- > 0;) {
        const rg_overlay *o = &vm->overlays[i];
        if (o->def->kind == RG_WITH_DATA && is_prefix(o->def->path, path)) {
            *replaced = true;
            return navigate(o->value, path, rg_len(o->def->path));
        }
    }
    /* Overlays below the path patch the computed value, oldest first. */
    for (uint32_t i = 0; i < vm->noverlays; i++) {
        const rg_overlay *o = &vm->overlays[i];
        if (o->def->kind == RG_WITH_DATA && is_prefix(path, o->def->path))
            v = rg_vm_set_path(vm->arena, v, o->def->path, rg_len(path),
                               o->value);
    }
    return v;
}
