/*
 * The VM's state during one evaluation, shared by engine/vm.c (the
 * dispatch loop), engine/vm_docs.c (rule and document values),
 * engine/vm_with.c (with-modifiers) and engine/bctx.c (the builtin
 * call context).
 */
#ifndef RG_ENGINE_VM_H
#define RG_ENGINE_VM_H

#include "engine/callmemo.h"
#include "engine/internal.h"

/* exec() results. */
#define RG_RUN_CONT 0      /* backtrack: try the next alternative */
#define RG_RUN_STOP 1      /* a negated block succeeded: stop searching */
#define RG_RUN_ERR (-1)    /* evaluation failed: unwind everything */

/* Deepest nesting of rule calls and iterations before evaluation stops
 * with an error, well inside a default 8 MiB thread stack. */
#define RG_VM_MAX_DEPTH 2000

/* Steps between two checks of the wall-clock deadline and the memory
 * budget. */
#define RG_VM_CLOCK_EVERY 4096

/* One contribution of a rule body to a document: a value or set
 * element at a path of keys below the rule's node. */
typedef struct rg_entry {
    const rg_value **path;
    uint32_t len;
    const rg_value *value;
    rg_outmode mode;
    const rg_loc *loc;
} rg_entry;

/* Collects what the bodies of one node produce. */
typedef struct rg_acc {
    const rg_value *value;          /* RG_OUT_VALUE */
    const rg_loc *value_loc;
    rg_entry *entries;
    uint32_t n, cap;
    bool is_function;
} rg_acc;

typedef struct rg_memo {
    const rg_value **values;        /* per node id */
    uint8_t *state;                 /* 0 unknown, 1 running, 2 done */
    rg_callmemo *calls;             /* function calls */
} rg_memo;

typedef struct rg_overlay {
    const rg_withdef *def;
    const rg_value *value;
    const rg_value *saved_input;
    rg_memo saved_memo;
} rg_overlay;

typedef struct rg_vm rg_vm;

/* Register blocks: frames take their registers from a stack of blocks
 * and give them back on return, so repeated calls reuse memory. */
typedef struct rg_regblock rg_regblock;
struct rg_regblock {
    rg_regblock *prev, *next;
    size_t cap, used;
    void *slots[];
};

/* Registers in one block; a frame needing more gets a block of its own
 * size. */
#define RG_VM_REG_BLOCK 4096

typedef struct rg_frame {
    const rg_proc *proc;
    const rg_value **regs;
    rg_builder **slots;
    rg_acc *acc;
} rg_frame;

/* A query row: bindings and expression values. */
typedef struct rg_row {
    const rg_value **binds;
    const rg_value **exprs;
} rg_row;

struct rg_vm {
    rg_engine *engine;
    rg_arena *arena;
    const rg_value *input;
    rg_errors *errs;
    bool failed;
    bool strict;
    bool builtin_failed;            /* strict mode: error recorded */
    uint32_t mocks_floor;           /* overlays below this index do not
                                       replace functions: a replacement
                                       is running */
    uint64_t steps;
    uint64_t max_steps;
    uint64_t deadline_ns;
    size_t memory_budget;           /* bytes of vm->arena; 0 = none */
    bool limited;                   /* any of the three limits is set */
    uint32_t depth;
    rg_memo memo;
    rg_overlay *overlays;
    uint32_t noverlays, capoverlays;
    uint32_t data_overlays;         /* active overlays of kind data */
    uint32_t fn_overlays;           /* active overlays of functions */
    rg_builder *bctx_memo;
    int64_t now_ns;
    /* Query output. */
    const rg_proc *query;
    rg_row *rows;
    size_t nrows, caprows;
    uint64_t builtin_calls;
    rg_regblock *regs;              /* block frames allocate from now */
};

/* engine/vm.c: release the register blocks of vm. */
void rg_vm_free_regs(rg_vm *vm);

/* engine/vm.c */
int rg_vm_exec(rg_vm *vm, rg_frame *f, uint32_t pc);
/* Run proc with args (NULL for none) collecting into acc. */
int rg_vm_run_proc(rg_vm *vm, const rg_proc *proc,
                   const rg_value *const *args, rg_acc *acc);
void rg_vm_error(rg_vm *vm, const char *code, const rg_loc *loc,
                 const char *fmt, ...) RG_PRINTF(4, 5);
uint64_t rg_vm_clock_ns(void);

/* engine/vm_docs.c */
/* Value of node (NULL when undefined); errors set vm->failed. */
const rg_value *rg_vm_node_value(rg_vm *vm, const rg_node *n);
/* The document at node's path followed by keys, descending the rule
 * tree at run time; NULL when undefined. */
const rg_value *rg_vm_node_path(rg_vm *vm, const rg_node *n,
                                const rg_value *const *keys, uint32_t k);
/* Base data at node's path followed by keys; NULL when absent. */
const rg_value *rg_vm_data_value(rg_vm *vm, const rg_node *n,
                                 const rg_value *keys);
/* Result of function node n on args (NULL when undefined). */
const rg_value *rg_vm_call_func(rg_vm *vm, const rg_node *n,
                                const rg_value *const *args,
                                uint32_t nargs, const rg_loc *loc);
/* Record one OUT of a body in acc; returns RG_RUN_CONT or RG_RUN_ERR. */
int rg_vm_output(rg_vm *vm, rg_acc *acc, rg_outmode mode,
                 const rg_value *value, const rg_value *const *path,
                 uint32_t len, const rg_loc *loc);
void rg_vm_memo_reset(rg_vm *vm);

/* engine/vm_with.c */
int rg_vm_with_push(rg_vm *vm, const rg_withdef *def,
                    const rg_value *value);
void rg_vm_with_pop(rg_vm *vm);
/* The replacement active for a builtin or function node: *value or
 * *repl set; false when none. */
bool rg_vm_with_function(const rg_vm *vm, rg_withkind kind,
                         uint32_t target, const rg_withdef **repl,
                         const rg_value **value);
/* Apply data overlays to the document at path whose computed value is
 * v (NULL = undefined).  Returns the value seen with the overlays. */
const rg_value *rg_vm_with_data(rg_vm *vm, const rg_value *path,
                                const rg_value *v, bool *replaced);
/* value with path (array of keys) set to leaf, objects created. */
const rg_value *rg_vm_set_path(rg_arena *arena, const rg_value *value,
                               const rg_value *path, size_t from,
                               const rg_value *leaf);

/* engine/bctx.c */
/* The options of the engine running the call; borrowed. */
const rg_options *rg_bctx_options(const rg_bctx *ctx);
rg_bstatus rg_vm_call_builtin(rg_vm *vm, const rg_builtin_def *def,
                              const rg_value *const *args, uint32_t n,
                              const rg_loc *loc, const rg_value **out);

#endif
