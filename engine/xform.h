/*
 * The lowered form of Rego bodies that the planner works on.
 *
 * Lowering (engine/lower.c) resolves every name of the AST once.  A
 * variable becomes a numbered local (its register).  A rule name, an
 * import alias, "data" or "input" becomes a ref with a data or input
 * root.  An operator becomes a builtin index, a function node or an
 * operator the planner compiles itself.  Constant terms become values.
 */
#ifndef RG_ENGINE_XFORM_H
#define RG_ENGINE_XFORM_H

#include "engine/internal.h"

typedef enum rg_xkind {
    XK_CONST,       /* value */
    XK_VAR,         /* var */
    XK_INPUT,       /* the input document */
    XK_DATA,        /* the data root (only as a ref head) */
    XK_REF,         /* items[0] head, items[1..n) keys */
    XK_ARRAY,       /* items */
    XK_SET,         /* items */
    XK_OBJECT,      /* items keys, vals values */
    XK_ARRAY_COMP,  /* vals[0] value, body */
    XK_SET_COMP,    /* vals[0] value, body */
    XK_OBJECT_COMP, /* items[0] key, vals[0] value, body */
    XK_CALL,        /* op, items args */
    XK_TEMPLATE     /* items: parts (strings or terms) */
} rg_xkind;

typedef enum rg_xop {
    XOP_BUILTIN,    /* builtin index */
    XOP_FUNC,       /* function node */
    XOP_EQ,         /* "=" unification */
    XOP_ASSIGN,     /* ":=" */
    XOP_COMPARE,    /* ==, !=, <, <=, >, >= (cmp) */
    XOP_PRINT
} rg_xop;

typedef struct rg_xbody rg_xbody;
typedef struct rg_xterm rg_xterm;

struct rg_xterm {
    rg_xkind kind;
    rg_loc loc;
    const rg_value *value;      /* XK_CONST */
    uint32_t var;               /* XK_VAR */
    rg_xterm **items;
    rg_xterm **vals;
    uint32_t n;
    rg_xbody *body;             /* comprehensions */
    rg_xop op;                  /* XK_CALL */
    rg_cmp cmp;                 /* XOP_COMPARE */
    int32_t builtin;            /* XOP_BUILTIN */
    uint32_t node;              /* XOP_FUNC */
    int arity;                  /* declared operands of the callee */
    const char *name;           /* the operator's name, for errors */
    bool text;                  /* template part written as text */
    struct rg_xwith *withs;     /* template part: its with-modifiers */
    uint32_t nwith;
};

typedef enum rg_xekind {
    XE_TERM,        /* term must be defined and not false */
    XE_CALL,        /* call (term of kind XK_CALL) */
    XE_SOME_IN,     /* some key, value in domain */
    XE_EVERY,       /* every key, value in domain { body } */
    XE_NOP,         /* "some x": declares only */
    XE_LOGIC        /* body (and body2: "or") as one condition */
} rg_xekind;

typedef struct rg_xwith {
    rg_withdef def;
    rg_xterm *value;
    rg_loc loc;
} rg_xwith;

typedef struct rg_xexpr {
    rg_xekind kind;
    rg_loc loc;
    bool negated;
    rg_xterm *term;             /* XE_TERM, XE_CALL */
    rg_xterm *key;              /* XE_SOME_IN, XE_EVERY; may be NULL */
    rg_xterm *value;
    rg_xterm *domain;
    rg_xbody *body;             /* XE_EVERY, XE_LOGIC */
    rg_xbody *body2;            /* XE_LOGIC: right operand of "or" */
    bool logic_or;
    rg_xwith *withs;
    uint32_t nwith;
} rg_xexpr;

struct rg_xbody {
    rg_xexpr **exprs;
    uint32_t n;
    /* Variables declared in this body's scope: the planner treats them
     * as unbound on entry even when an enclosing body reused a name. */
    uint32_t *locals;
    uint32_t nlocals;
};

/* A lowered rule definition or query: body, head outputs and the
 * variable table. */
typedef struct rg_xproc {
    rg_xbody *body;
    uint32_t nargs;             /* function parameters: variables 0.. */
    rg_xterm **suffix;          /* head keys below the node */
    uint32_t nsuffix;
    rg_xterm *value;            /* head value; NULL for a query */
    rg_outmode mode;
    const char **varnames;
    uint32_t nvars;
    bool is_query;
} rg_xproc;

/* Lowering context for one module. */
typedef struct rg_lowerer rg_lowerer;

/* engine/lower.c: lower one rule (one link of an else chain, with the
 * first link's head when the else omits it) of module, sitting at node,
 * into arena.  Returns NULL with errors. */
rg_xproc *rg_lower_rule(rg_engine *engine, rg_module *module,
                        rg_rule *rule, rg_rule *first, const rg_node *node,
                        rg_arena *arena, rg_errors *errs);
/* Lower a query body parsed in module context mod (may be NULL). */
rg_xproc *rg_lower_query(rg_engine *engine, rg_module *mod,
                         rg_body *body, rg_arena *arena, rg_errors *errs);
/* Convert a ground AST term to a value (NULL when not ground). */
const rg_value *rg_lower_const(rg_arena *arena, const rg_term *t);
/* The i-th name of a call that lowering compiles without a builtin
 * definition (VM operators such as assign and print, and the calls
 * folded to constants such as rego.metadata.rule), or NULL when i is past
 * the last.  Static strings. */
const char *rg_lower_call_name(size_t i);

/* engine/plan.c: order the body for safety and emit bytecode.  Returns
 * the proc, living in arena (the arena xp was lowered into, which the
 * proc then owns), or NULL with errors. */
rg_proc *rg_plan(rg_engine *engine, const rg_xproc *xp, rg_arena *arena,
                 rg_errors *errs);

#endif
