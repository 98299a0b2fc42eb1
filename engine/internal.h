/*
 * Internal structures shared by the compiler and the VM: the rule tree,
 * the lowered intermediate form of bodies (xterm, xexpr, xbody),
 * compiled procedures and the engine itself.
 *
 * Pipeline: modules (parser/ast.h) are merged into a rule tree indexed
 * by path (engine/tree.c).  Each rule body is lowered to the x-form with
 * variables numbered and names resolved (engine/lower.c).  The planner
 * orders each body for safety and emits bytecode (engine/plan*.c), and
 * the VM runs it (engine/vm.c).
 */
#ifndef RG_ENGINE_INTERNAL_H
#define RG_ENGINE_INTERNAL_H

#include <pthread.h>

#include "engine/opcodes.h"
#include "include/regolith.h"
#include "parser/ast.h"

/* ---- Bytecode ---------------------------------------------------------- */

typedef struct rg_insn {
    uint8_t op;
    uint32_t a, b, c, d;
} rg_insn;

/* A with-modifier of a compiled body: what it replaces. */
typedef enum rg_withkind {
    RG_WITH_INPUT,      /* input or input.path */
    RG_WITH_DATA,       /* data.path (base data or rules) */
    RG_WITH_BUILTIN,    /* a builtin function */
    RG_WITH_FUNC        /* a function rule */
} rg_withkind;

typedef struct rg_withdef {
    rg_withkind kind;
    const rg_value *path;           /* array of path keys below the root */
    uint32_t target;                /* builtin index or node id */
    int32_t func_node;              /* replacement: function node, or -1 */
    int32_t func_builtin;           /* replacement: builtin index, or -1 */
} rg_withdef;

/* Register operand meaning "the constant true" in expr_regs. */
#define RG_REG_TRUE UINT32_MAX

/* A compiled body: a rule definition, a function definition or a query.
 * Immutable once built, so shared between engines through the cache. */
typedef struct rg_proc {
    rg_insn *code;
    uint32_t ncode;
    uint32_t nregs;
    uint32_t nslots;                /* comprehension builder slots */
    uint32_t nargs;                 /* function: registers 0..nargs-1 */
    const rg_value **consts;
    uint32_t nconsts;
    rg_withdef *withs;
    uint32_t nwiths;
    rg_loc *locs;                   /* per instruction, for errors */
    const char **varnames;          /* per variable register */
    uint32_t nvars;
    uint32_t argbase;               /* first parameter register */
    uint32_t *expr_regs;            /* query: value register of each
                                       expression, RG_REG_TRUE for true */
    uint32_t nexprs;
    uint32_t *bind_vars;            /* query: variables reported */
    uint32_t nbind;
    rg_arena *arena;                /* owns everything above */
} rg_proc;

/* ---- Rule tree ---------------------------------------------------------- */

typedef struct rg_ruledef {
    rg_rule *rule;                  /* the AST rule (else chain head) */
    rg_module *module;
    rg_rule_kind kind;
    rg_proc **chain;                /* else chain, compiled */
    uint32_t chain_len;
    bool is_default;
    uint32_t suffix_len;            /* head path keys below the node */
} rg_ruledef;

typedef struct rg_node rg_node;
struct rg_node {
    uint32_t id;
    const char *name;               /* key below the parent; "" at root */
    const rg_value *key;            /* the name as a string value */
    const rg_value *path;           /* array of keys from data */
    rg_node *parent;
    rg_node **children;             /* sorted by name */
    uint32_t nchildren;
    uint32_t cap_children;
    rg_ruledef **defs;              /* rules whose static path ends here */
    uint32_t ndefs;
    uint32_t cap_defs;
    rg_ruledef *default_def;
    bool is_function;
    bool has_complete;
    bool has_rules_below;           /* this node or a descendant has rules */
    bool head_root;                 /* first key of some rule's head: a
                                       rule name in its package */
    bool has_suffix_defs;           /* a rule here has keys below it */
};

/* ---- Engine ------------------------------------------------------------- */

/* Prepared queries rg_engine_eval_ref keeps, so that evaluating the same
 * ref per resource compiles it once; a scanner uses one or two refs. */
#define RG_ENGINE_REF_QUERIES 8

typedef struct rg_modentry {
    char *file;
    char *src;
    size_t len;
    rg_module *module;
} rg_modentry;

struct rg_engine {
    rg_options opts;
    rg_arena *arena;                /* tree, data, lowered forms */
    rg_modentry *modules;
    size_t nmodules;
    size_t cap_modules;
    const rg_value *data;           /* base document */
    const rg_builtin_def **custom;  /* registered builtins */
    size_t ncustom;
    size_t cap_custom;
    bool compiled;
    uint64_t generation;            /* counts compilations of the tree */
    rg_arena *tree_arena;           /* rebuilt by each compile */
    rg_node *root;
    rg_node **nodes;                /* by id, in tree_arena */
    uint32_t nnodes;
    uint32_t cap_nodes;             /* room in nodes */
    struct rg_tree_index *tree_index; /* (parent, name) -> child while
                                       rg_tree_build runs; else NULL */
    char tree_digest[65];           /* SHA-256 (hex) of the rule tree */
    struct rg_query *refs[RG_ENGINE_REF_QUERIES]; /* rg_engine_eval_ref's
                                       prepared queries, newest first */
    rg_proc **owned;                /* procs compiled without a cache */
    size_t nowned, capowned;
    rg_stats stats;
};

/* ---- Functions between the engine's files ------------------------------- */

/* engine/query.c: free the queries rg_engine_eval_ref kept. */
void rg_engine_free_refs(rg_engine *engine);
/* engine/compile.c: free the procs the engine owns. */
void rg_engine_release_procs(rg_engine *engine);
/* engine/api.c: monotonic clock in nanoseconds. */
uint64_t rg_engine_clock_ns(void);
/* engine/api.c: a deep copy of v living in arena. */
const rg_value *rg_engine_copy_value(rg_arena *arena, const rg_value *v);

/* engine/recursion.c: report rules that reach themselves; 0 or -1. */
int rg_recursion_check(rg_engine *engine, rg_errors *errs);

/* engine/tree.c: merge modules into the rule tree.  Returns 0 or -1. */
int rg_tree_build(rg_engine *engine, rg_errors *errs);
/* The child named name of node, or NULL. */
rg_node *rg_tree_child(const rg_node *node, const char *name, size_t len);

/* Builtin lookup by name among the library and the engine's own:
 * the index used by CALL, or -1. */
int32_t rg_engine_builtin_index(const rg_engine *engine, const char *name);
const rg_builtin_def *rg_engine_builtin_at(const rg_engine *engine,
                                           int32_t index);

#endif
