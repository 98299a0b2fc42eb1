/*
 * The VM dispatch loop: runs the bytecode of engine/opcodes.h.
 *
 * exec(pc) runs instructions in order.  An instruction with several
 * outcomes (ITER, CALL_ITER) runs the rest of the body once per outcome
 * by calling exec recursively, then returns.  An instruction that fails
 * returns RG_RUN_CONT to the innermost such loop.  A negated block
 * returns RG_RUN_STOP from its closing SUCCEED, which unwinds to its NOT.
 * Errors return RG_RUN_ERR, which unwinds everything.
 */
#include "engine/vm.h"
#include "engine/builtins_internal.h"

#include <assert.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime/buf.h"
#include "runtime/value_text.h"

uint64_t rg_vm_clock_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void rg_vm_error(rg_vm *vm, const char *code, const rg_loc *loc,
                 const char *fmt, ...)
{
    if (vm->failed)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rg_errors_add(vm->errs, code, loc ? loc->file : NULL,
                  loc ? (int)loc->line : 0, 0, "%s", msg);
    vm->failed = true;
}

/* Report that evaluation went deeper than RG_VM_MAX_DEPTH. */
static void depth_error(rg_vm *vm, const rg_loc *loc)
{
    rg_vm_error(vm, "eval_internal_error", loc,
                "evaluation exceeded the nesting limit of %d rule calls "
                "and iterations",
                RG_VM_MAX_DEPTH);
}

/* ---- Collections -------------------------------------------------------- */

/* Small non-negative integers, shared so array iteration allocates
 * nothing per element. */
#define SMALL_INTS 256

static const rg_value *small_ints[SMALL_INTS];
static rg_arena *small_ints_arena;
static pthread_once_t small_ints_once = PTHREAD_ONCE_INIT;

/* Build the shared integers once per process; they live as long as it
 * does (reachable from small_ints_arena, never freed). */
static void make_small_ints(void)
{
    small_ints_arena = rg_arena_new(0);
    for (size_t i = 0; i < SMALL_INTS; i++)
        small_ints[i] = rg_int(small_ints_arena, (int64_t)i);
}

static const rg_value *int_value(rg_vm *vm, size_t i)
{
    if (i < SMALL_INTS) {
        pthread_once(&small_ints_once, make_small_ints);
        return small_ints[i];
    }
    return rg_int(vm->arena, (int64_t)i);
}

static const rg_value *get_key(const rg_value *coll, const rg_value *key)
{
    switch (rg_value_kind(coll)) {
    case RG_OBJECT:
        return rg_object_get(coll, key);
    case RG_SET:
        return rg_set_contains(coll, key) ? key : NULL;
    case RG_ARRAY: {
        int64_t i;
        if (rg_value_kind(key) != RG_NUMBER || !rg_number_int64(key, &i) ||
            !rg_number_is_integer(key) || i < 0 || (size_t)i >= rg_len(coll))
            return NULL;
        return rg_array_at(coll, (size_t)i);
    }
    default:
        return NULL;
    }
}

static int iterate(rg_vm *vm, rg_frame *f, const rg_insn *in, uint32_t pc)
{
    const rg_value *coll = f->regs[in->a];
    rg_kind k = rg_value_kind(coll);
    size_t n = k >= RG_ARRAY ? rg_len(coll) : 0;
    if (++vm->depth > RG_VM_MAX_DEPTH) {
        depth_error(vm, &f->proc->locs[pc]);
        return RG_RUN_ERR;
    }
    int rc = RG_RUN_CONT;
    for (size_t i = 0; i < n && rc == RG_RUN_CONT; i++) {
        if (k == RG_ARRAY) {
            f->regs[in->b] = int_value(vm, i);
            f->regs[in->c] = rg_array_at(coll, i);
        } else if (k == RG_OBJECT) {
            f->regs[in->b] = rg_object_key_at(coll, i);
            f->regs[in->c] = rg_object_value_at(coll, i);
        } else {
            f->regs[in->b] = f->regs[in->c] = rg_set_at(coll, i);
        }
        rc = rg_vm_exec(vm, f, pc + 1);
    }
    vm->depth--;
    return rc;
}

static bool compare(const rg_value *a, const rg_value *b, uint32_t op)
{
    if (op == RG_CMP_EQ)
        return rg_value_equal(a, b);
    if (op == RG_CMP_NE)
        return !rg_value_equal(a, b);
    int c = rg_value_compare(a, b);
    switch (op) {
    case RG_CMP_LT:
        return c < 0;
    case RG_CMP_LE:
        return c <= 0;
    case RG_CMP_GT:
        return c > 0;
    default:
        return c >= 0;
    }
}

static const rg_value *make_set(rg_vm *vm, const rg_value **items,
                                uint32_t n)
{
    rg_builder *b = rg_set_builder(vm->arena, n);
    for (uint32_t i = 0; i < n; i++)
        rg_builder_add(b, items[i]);
    return rg_builder_finish(b);
}

static const rg_value *make_object(rg_vm *vm, const rg_value **kv,
                                   uint32_t n, const rg_loc *loc)
{
    rg_builder *b = rg_object_builder(vm->arena, n);
    for (uint32_t i = 0; i < n; i++)
        if (!rg_builder_put(b, kv[2 * i], kv[2 * i + 1])) {
            rg_vm_error(vm, "eval_conflict_error", loc,
                        "object keys must be unique");
            return NULL;
        }
    return rg_builder_finish(b);
}

/* ---- Blocks ------------------------------------------------------------- */

static int run_comp(rg_vm *vm, rg_frame *f, const rg_insn *in, uint32_t pc)
{
    rg_builder *saved = f->slots[in->d];
    f->slots[in->d] = in->b == RG_COMP_OBJECT ?
        rg_object_builder(vm->arena, 0) :
        in->b == RG_COMP_SET ? rg_set_builder(vm->arena, 0) : NULL;
    rg_builder *arr = NULL;
    if (in->b == RG_COMP_ARRAY) {
        /* Arrays collect into an object keyed by position. */
        arr = rg_object_builder(vm->arena, 0);
        f->slots[in->d] = arr;
    }
    int rc = rg_vm_exec(vm, f, pc + 1);
    if (rc == RG_RUN_ERR)
        return rc;
    rg_builder *b = f->slots[in->d];
    f->slots[in->d] = saved;
    if (in->b != RG_COMP_ARRAY) {
        f->regs[in->a] = rg_builder_finish(b);
        return RG_RUN_CONT;
    }
    const rg_value *obj = rg_builder_finish(arr);
    size_t n = rg_len(obj);
    const rg_value **items = rg_arena_alloc(vm->arena,
                                            (n + 1) * sizeof *items);
    for (size_t i = 0; i < n; i++)
        items[i] = rg_object_value_at(obj, i);
    f->regs[in->a] = rg_array(vm->arena, items, n);
    return RG_RUN_CONT;
}

static int comp_add(rg_vm *vm, rg_frame *f, const rg_insn *in, uint32_t pc)
{
    rg_builder *b = f->slots[in->a];
    const rg_value *v = f->regs[in->b];
    if (in->d == RG_COMP_SET) {
        rg_builder_add(b, v);
        return RG_RUN_CONT;
    }
    /* Arrays collect into an object keyed by the running position. */
    const rg_value *key = in->d == RG_COMP_ARRAY ?
        int_value(vm, rg_builder_count(b)) : f->regs[in->c];
    if (!rg_builder_put(b, key, v)) {
        rg_vm_error(vm, "eval_conflict_error", &f->proc->locs[pc],
                    "object keys must be unique");
        return RG_RUN_ERR;
    }
    return RG_RUN_CONT;
}

/* ---- Calls -------------------------------------------------------------- */

/* Call a replacement (a function node or a builtin). */
static int call_replacement(rg_vm *vm, const rg_withdef *repl,
                            const rg_value **args,
                            uint32_t nargs, const rg_loc *loc,
                            const rg_value **out)
{
    /* Inside a replacement the replacements active at its call do not
     * apply: it reaches the originals, including the one it replaces.
     * With-modifiers inside it apply as usual. */
    uint32_t floor = vm->mocks_floor;
    vm->mocks_floor = vm->noverlays;
    if (repl->func_node >= 0)
        *out = rg_vm_call_func(vm, vm->engine->nodes[repl->func_node], args,
                               nargs, loc);
    else
        rg_vm_call_builtin(vm, rg_engine_builtin_at(vm->engine,
                                                    repl->func_builtin),
                           args, nargs, loc, out);
    vm->mocks_floor = floor;
    return vm->failed ? RG_RUN_ERR : RG_RUN_CONT;
}

/* A with-modifier replacing builtin or function target: handles the
 * call and returns true. */
static bool replaced(rg_vm *vm, rg_withkind kind, uint32_t target,
                     const rg_value **args, uint32_t nargs,
                     const rg_loc *loc, const rg_value **out, int *rc)
{
    const rg_withdef *repl;
    const rg_value *value;
    if (vm->fn_overlays == 0 ||
        !rg_vm_with_function(vm, kind, target, &repl, &value))
        return false;
    if (value) {
        *out = value;
        *rc = RG_RUN_CONT;
        return true;
    }
    *rc = call_replacement(vm, repl, args, nargs, loc, out);
    return true;
}

static int call_builtin(rg_vm *vm, rg_frame *f, const rg_insn *in,
                        uint32_t pc, const rg_value **out)
{
    const rg_value **args = f->regs + in->c;
    const rg_loc *loc = &f->proc->locs[pc];
    int rc;
    if (replaced(vm, RG_WITH_BUILTIN, in->b, args, in->d, loc, out, &rc))
        return rc;
    const rg_builtin_def *d = rg_engine_builtin_at(vm->engine,
                                                   (int32_t)in->b);
    rg_vm_call_builtin(vm, d, args, in->d, loc, out);
    return vm->failed ? RG_RUN_ERR : RG_RUN_CONT;
}

static int call_func(rg_vm *vm, rg_frame *f, const rg_insn *in,
                     uint32_t pc, const rg_value **out)
{
    const rg_value **args = f->regs + in->c;
    const rg_loc *loc = &f->proc->locs[pc];
    int rc;
    if (replaced(vm, RG_WITH_FUNC, in->b, args, in->d, loc, out, &rc))
        return rc;
    *out = rg_vm_call_func(vm, vm->engine->nodes[in->b], args, in->d, loc);
    return vm->failed ? RG_RUN_ERR : RG_RUN_CONT;
}

static int call_iter(rg_vm *vm, rg_frame *f, const rg_insn *in,
                     uint32_t pc)
{
    const rg_value *res = NULL;
    if (call_builtin(vm, f, in, pc, &res) == RG_RUN_ERR)
        return RG_RUN_ERR;
    if (res == NULL || rg_value_kind(res) != RG_ARRAY)
        return RG_RUN_CONT;
    int rc = RG_RUN_CONT;
    for (size_t i = 0; i < rg_len(res) && rc == RG_RUN_CONT; i++) {
        f->regs[in->a] = rg_array_at(res, i);
        rc = rg_vm_exec(vm, f, pc + 1);
    }
    return rc;
}

/* ---- With, output, print ------------------------------------------------ */

static int with_push(rg_vm *vm, rg_frame *f, const rg_insn *in,
                     uint32_t pc)
{
    const rg_withdef *def = &f->proc->withs[in->a];
    const rg_value *v = def->func_node < 0 && def->func_builtin < 0 ?
                        f->regs[in->b] : NULL;
    rg_vm_with_push(vm, def, v);
    int rc = rg_vm_exec(vm, f, pc + 1);
    rg_vm_with_pop(vm);
    return rc;
}

static int with_pop(rg_vm *vm, rg_frame *f, uint32_t pc)
{
    rg_overlay top = vm->overlays[vm->noverlays - 1];
    rg_vm_with_pop(vm);
    int rc = rg_vm_exec(vm, f, pc + 1);
    rg_vm_with_push(vm, top.def, top.value);
    return rc;
}

static int output(rg_vm *vm, rg_frame *f, const rg_insn *in, uint32_t pc)
{
    return rg_vm_output(vm, f->acc, (rg_outmode)in->d, f->regs[in->a],
                        f->regs + in->b, in->c, &f->proc->locs[pc]);
}

static int record_row(rg_vm *vm, rg_frame *f)
{
    const rg_proc *p = f->proc;
    rg_row row;
    row.binds = rg_arena_alloc(vm->arena, (p->nbind + 1) *
                               sizeof *row.binds);
    row.exprs = rg_arena_alloc(vm->arena, (p->nexprs + 1) *
                               sizeof *row.exprs);
    for (uint32_t i = 0; i < p->nbind; i++)
        row.binds[i] = f->regs[p->bind_vars[i]];
    for (uint32_t i = 0; i < p->nexprs; i++)
        row.exprs[i] = p->expr_regs[i] == RG_REG_TRUE ? rg_bool(true) :
                       f->regs[p->expr_regs[i]];
    rg_grow((void **)&vm->rows, &vm->caprows, vm->nrows + 1,
            sizeof *vm->rows);
    vm->rows[vm->nrows++] = row;
    return RG_RUN_CONT;
}

/* The print hook's side of the shared formatting: one call per line. */
typedef struct print_sink {
    const rg_options *opts;
    const rg_loc *loc;
} print_sink;

static bool print_line(void *user, const char *text, size_t len)
{
    RG_UNUSED(len);
    const print_sink *sink = user;
    if (sink->opts->print)
        sink->opts->print(sink->opts->print_user, sink->loc->file,
                          (int)sink->loc->line, text);
    else
        fprintf(stderr, "%s\n", text);
    return true;
}

/* Operands are collected as sets (or are constant strings), so the
 * shared formatting never finds an illegal one. */
static void print_values(rg_vm *vm, rg_frame *f, const rg_insn *in,
                         uint32_t pc)
{
    print_sink sink = {&vm->engine->opts, &f->proc->locs[pc]};
    const rg_value *bad = NULL;
    bool ok = rg_internal_format(f->regs + in->a, in->b, " ", print_line,
                                 &sink, &bad);
    assert(ok);
    RG_UNUSED(ok);
}

/* NULL after an error: a part with several values. */
static const rg_value *template_text(rg_vm *vm, rg_frame *f,
                                     const rg_insn *in, uint32_t pc)
{
    const rg_value *bad = NULL;
    const rg_value *s = rg_internal_template(vm->arena, f->regs + in->b,
                                             in->c, &bad);
    assert(bad == NULL);
    if (s == NULL)
        rg_vm_error(vm, "eval_conflict_error", &f->proc->locs[pc], "%s",
                    RG_INTERNAL_TEMPLATE_CONFLICT);
    return s;
}

/* ---- Limits ------------------------------------------------------------- */

static bool over_limits(rg_vm *vm, const rg_loc *loc)
{
    if (vm->max_steps && vm->steps > vm->max_steps) {
        rg_vm_error(vm, "eval_cancel_error", loc,
                    "evaluation exceeded the step limit of %llu",
                    (unsigned long long)vm->max_steps);
        return true;
    }
    if (vm->steps % RG_VM_CLOCK_EVERY != 0)
        return false;
    if (vm->deadline_ns && rg_vm_clock_ns() > vm->deadline_ns) {
        rg_vm_error(vm, "eval_cancel_error", loc, "evaluation timed out");
        return true;
    }
    if (vm->memory_budget && rg_arena_bytes(vm->arena) > vm->memory_budget) {
        rg_vm_error(vm, "eval_cancel_error", loc,
                    "evaluation exceeded the memory budget of %zu bytes",
                    vm->memory_budget);
        return true;
    }
    return false;
}

/* ---- Dispatch ----------------------------------------------------------- */

int rg_vm_exec(rg_vm *vm, rg_frame *f, uint32_t pc)
{
    const rg_proc *p = f->proc;
    const rg_value **R = f->regs;
    for (;;) {
        const rg_insn *in = &p->code[pc];
        vm->steps++;
        if (RG_UNLIKELY(vm->limited &&
                        over_limits(vm, &p->locs[pc])))
            return RG_RUN_ERR;
        switch ((rg_opcode)in->op) {
        case RG_OP_CONST:
            R[in->a] = p->consts[in->b];
            break;
        case RG_OP_MOVE:
            R[in->a] = R[in->b];
            break;
        case RG_OP_INPUT:
            if (vm->input == NULL)
                return RG_RUN_CONT;
            R[in->a] = vm->input;
            break;
        case RG_OP_FAIL:
            return RG_RUN_CONT;
        case RG_OP_TRUTHY:
            if (rg_value_kind(R[in->a]) == RG_BOOLEAN &&
                !rg_bool_get(R[in->a]))
                return RG_RUN_CONT;
            break;
        case RG_OP_EQUAL:
            if (!rg_value_equal(R[in->a], R[in->b]))
                return RG_RUN_CONT;
            break;
        case RG_OP_COMPARE:
            R[in->a] = rg_bool(compare(R[in->b], R[in->c], in->d));
            break;
        case RG_OP_TEST:
            if (!compare(R[in->a], R[in->b], in->c))
                return RG_RUN_CONT;
            break;
        case RG_OP_GET:
            if ((R[in->a] = get_key(R[in->b], R[in->c])) == NULL)
                return RG_RUN_CONT;
            break;
        case RG_OP_ITER:
            return iterate(vm, f, in, pc);
        case RG_OP_IS_ARRAY:
            if (rg_value_kind(R[in->a]) != RG_ARRAY ||
                rg_len(R[in->a]) != in->b)
                return RG_RUN_CONT;
            break;
        case RG_OP_IS_OBJECT:
            if (rg_value_kind(R[in->a]) != RG_OBJECT ||
                rg_len(R[in->a]) != in->b)
                return RG_RUN_CONT;
            break;
        case RG_OP_INDEX:
            R[in->a] = rg_array_at(R[in->b], in->c);
            break;
        case RG_OP_MAKE_ARRAY:
            R[in->a] = rg_array(vm->arena, R + in->b, in->c);
            break;
        case RG_OP_MAKE_SET:
            R[in->a] = make_set(vm, R + in->b, in->c);
            break;
        case RG_OP_MAKE_OBJECT:
            if ((R[in->a] = make_object(vm, R + in->b, in->c,
                                        &p->locs[pc])) == NULL)
                return RG_RUN_ERR;
            break;
        case RG_OP_CALL: {
            const rg_value *out = NULL;
            if (call_builtin(vm, f, in, pc, &out) == RG_RUN_ERR)
                return RG_RUN_ERR;
            if ((R[in->a] = out) == NULL)
                return RG_RUN_CONT;
            break;
        }
        case RG_OP_CALL_ITER:
            return call_iter(vm, f, in, pc);
        case RG_OP_FUNC: {
            const rg_value *out = NULL;
            if (call_func(vm, f, in, pc, &out) == RG_RUN_ERR)
                return RG_RUN_ERR;
            if ((R[in->a] = out) == NULL)
                return RG_RUN_CONT;
            break;
        }
        case RG_OP_NODE:
            R[in->a] = rg_vm_node_value(vm, vm->engine->nodes[in->b]);
            if (vm->failed)
                return RG_RUN_ERR;
            if (R[in->a] == NULL)
                return RG_RUN_CONT;
            break;
        case RG_OP_DATA:
            R[in->a] = rg_vm_data_value(vm, vm->engine->nodes[in->b],
                                        p->consts[in->c]);
            if (R[in->a] == NULL)
                return RG_RUN_CONT;
            break;
        case RG_OP_NODE_PATH:
            R[in->a] = rg_vm_node_path(vm, vm->engine->nodes[in->b],
                                       R + in->c, in->d);
            if (vm->failed)
                return RG_RUN_ERR;
            if (R[in->a] == NULL)
                return RG_RUN_CONT;
            break;
        case RG_OP_NOT: {
            int rc = rg_vm_exec(vm, f, pc + 1);
            if (rc == RG_RUN_ERR)
                return rc;
            if (rc == RG_RUN_STOP)
                return RG_RUN_CONT;
            pc += in->a;
            break;
        }
        case RG_OP_SUCCEED:
            return RG_RUN_STOP;
        case RG_OP_COMP_BEGIN:
            if (run_comp(vm, f, in, pc) == RG_RUN_ERR)
                return RG_RUN_ERR;
            pc += in->c;
            break;
        case RG_OP_COMP_ADD:
            return comp_add(vm, f, in, pc);
        case RG_OP_WITH_PUSH:
            return with_push(vm, f, in, pc);
        case RG_OP_WITH_POP:
            return with_pop(vm, f, pc);
        case RG_OP_OUT:
            return output(vm, f, in, pc);
        case RG_OP_ROW:
            return record_row(vm, f);
        case RG_OP_PRINT:
            print_values(vm, f, in, pc);
            break;
        case RG_OP_TEMPLATE:
            R[in->a] = template_text(vm, f, in, pc);
            if (R[in->a] == NULL)
                return RG_RUN_ERR;
            break;
        case RG_OP__COUNT:
            return RG_RUN_ERR;
        }
        pc++;
    }
}

/* n zeroed pointer slots from the register stack. */
static void **regs_take(rg_vm *vm, size_t n)
{
    rg_regblock *b = vm->regs;
    if (b == NULL || b->used + n > b->cap) {
        rg_regblock *next = b ? b->next : NULL;
        if (next == NULL || next->cap < n) {
            size_t cap = n > RG_VM_REG_BLOCK ? n : RG_VM_REG_BLOCK;
            rg_regblock *nb = rg_xmalloc(sizeof *nb + cap * sizeof(void *));
            nb->cap = cap;
            nb->used = 0;
            nb->prev = b;
            nb->next = next;
            if (next)
                next->prev = nb;
            if (b)
                b->next = nb;
            next = nb;
        }
        b = next;
        vm->regs = b;
    }
    void **p = b->slots + b->used;
    b->used += n;
    memset(p, 0, n * sizeof *p);
    return p;
}

/* Give back the last n slots taken (frames return in reverse order). */
static void regs_give(rg_vm *vm, size_t n)
{
    rg_regblock *b = vm->regs;
    assert(b && b->used >= n);
    b->used -= n;
    if (b->used == 0 && b->prev)
        vm->regs = b->prev;
}

void rg_vm_free_regs(rg_vm *vm)
{
    rg_regblock *b = vm->regs;
    while (b && b->prev)
        b = b->prev;
    while (b) {
        rg_regblock *next = b->next;
        free(b);
        b = next;
    }
    vm->regs = NULL;
}

int rg_vm_run_proc(rg_vm *vm, const rg_proc *proc,
                   const rg_value *const *args, rg_acc *acc)
{
    rg_frame f;
    f.proc = proc;
    f.acc = acc;
    size_t n = (size_t)proc->nregs + proc->nslots + 1;
    void **slots = regs_take(vm, n);
    f.regs = (const rg_value **)slots;
    f.slots = (rg_builder **)(slots + proc->nregs);
    for (uint32_t i = 0; i < proc->nargs; i++)
        f.regs[proc->argbase + i] = args[i];
    if (++vm->depth > RG_VM_MAX_DEPTH) {
        depth_error(vm, proc->locs);
        vm->depth--;
        regs_give(vm, n);
        return RG_RUN_ERR;
    }
    int rc = rg_vm_exec(vm, &f, 0);
    vm->depth--;
    regs_give(vm, n);
    return rc;
}

const char *rg_opcode_name(rg_opcode op)
{
    static const char *const names[] = {
#define RG_OP_NAME(name, fmt, summary) #name,
        RG_OPCODE_TABLE(RG_OP_NAME)
#undef RG_OP_NAME
    };
    return (size_t)op < RG_ARRAY_LEN(names) ? names[op] : "?";
}
