/*
 * The planner's state and the functions its files share
 * (engine/plan.c orders bodies, engine/plan_expr.c emits expressions
 * and terms, engine/plan_vars.c finds free variables).
 */
#ifndef RG_ENGINE_PLAN_H
#define RG_ENGINE_PLAN_H

#include <stdlib.h>

#include "engine/xform.h"

typedef struct planner {
    rg_engine *engine;
    rg_errors *errs;
    const rg_xproc *xp;
    rg_insn *code;
    rg_loc *locs;
    uint32_t ncode, capcode;
    const rg_value **consts;
    uint32_t nconsts, capconsts;
    rg_withdef *withs;
    uint32_t nwiths, capwiths;
    uint32_t nregs;
    uint32_t nslots;
    uint32_t argbase;
    const char **varnames;
    uint32_t nvars;
    bool *bound;                /* per variable: bound at this point */
    rg_loc loc;                 /* position of what is being emitted */
    bool failed;
    uint32_t *expr_regs;        /* query expression values */
    uint32_t *bind_vars;
    uint32_t nbind;
    uint32_t cur_expr;          /* query expression index, or MAX */
    rg_arena *arena;            /* the proc's arena */
} planner;

uint32_t rg_plan_emit(planner *P, rg_opcode op, uint32_t a, uint32_t b,
                      uint32_t c, uint32_t d);
uint32_t rg_plan_tmp(planner *P);
uint32_t rg_plan_const(planner *P, const rg_value *v);
/* Emit CONST into a new register; returns the register. */
uint32_t rg_plan_load(planner *P, const rg_value *v);
void rg_plan_error(planner *P, const char *code, rg_loc loc,
                   const char *fmt, ...) RG_PRINTF(4, 5);

bool rg_plan_evaluable(const planner *P, const rg_xterm *t);
bool rg_plan_pattern_ok(const planner *P, const rg_xterm *t);
void rg_plan_body(planner *P, const rg_xbody *b);
/* true when operands ts can all be evaluated in some order. */
bool rg_plan_args_ready(planner *P, rg_xterm **ts, uint32_t n);

/* engine/plan_expr.c */
void rg_plan_expr(planner *P, const rg_xexpr *e);
/* Emit code computing t; returns its register. */
uint32_t rg_plan_term(planner *P, const rg_xterm *t);
/* Emit code binding or checking pattern t against register r. */
void rg_plan_destructure(planner *P, const rg_xterm *t, uint32_t r);
/* Copy constants and with-modifiers into the finished proc. */
void rg_plan_copy_tables(planner *P, rg_proc *p);

/* engine/plan_vars.c: mark[v] = 1 for each variable of t (or e) that is
 * not local to a nested body inside it. */
void rg_plan_free_vars_term(const planner *P, const rg_xterm *t,
                            uint8_t *mark);
void rg_plan_free_vars_expr(const planner *P, const rg_xexpr *e,
                            uint8_t *mark);

#endif
