/*
 * Queries and results of include/regolith.h: compile a query body,
 * evaluate it on the VM, and present the rows as "opa eval" does.
 */
#include "engine/vm.h"
#include "engine/xform.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parser/parser.h"
#include "runtime/json.h"

struct rg_query {
    rg_engine *engine;
    rg_arena *arena;        /* body, proc and texts */
    rg_proc *proc;
    uint64_t generation;    /* the engine's compilation it refers to */
    const char *ref;        /* kept by rg_engine_eval_ref: its ref */
    const char **texts;     /* per expression, its source text */
    rg_loc *locs;
    uint32_t nexprs;
};

struct rg_result {
    rg_arena *arena;
    rg_row *rows;
    size_t nrows;
    const char **names;     /* binding names */
    uint32_t nbind;
    const char **texts;
    rg_loc *locs;
    uint32_t nexprs;
};

/* ---- Preparing ---------------------------------------------------------- */

static void keep_texts(rg_query *q, const rg_body *body, const char *src,
                       size_t len)
{
    q->nexprs = body->count;
    q->texts = rg_arena_calloc(q->arena, body->count + 1, sizeof *q->texts);
    q->locs = rg_arena_calloc(q->arena, body->count + 1, sizeof *q->locs);
    for (uint32_t i = 0; i < body->count; i++) {
        rg_loc loc = body->exprs[i]->loc;
        size_t off = loc.offset, n = loc.length;
        if (off > len || n > len - off)
            off = n = 0;
        q->texts[i] = rg_arena_strndup(q->arena, src + off, n);
        q->locs[i] = loc;
    }
}

rg_query *rg_query_prepare(rg_engine *e, const char *query,
                           rg_errors *errs)
{
    if (rg_engine_compile(e, errs) < 0)
        return NULL;
    rg_query *q = rg_xcalloc(1, sizeof *q);
    q->engine = e;
    q->arena = rg_arena_new(0);
    rg_parse_options po;
    memset(&po, 0, sizeof po);
    po.version = e->opts.dialect == RG_DIALECT_V0 ? RG_REGO_V0 : RG_REGO_V1;
    po.experimental = e->opts.experimental_keywords;
    rg_body body;
    size_t len = strlen(query);
    uint64_t t0 = rg_engine_clock_ns();
    if (!rg_parse_query(q->arena, "query", query, len, &po, &body, errs)) {
        rg_query_free(q);
        return NULL;
    }
    keep_texts(q, &body, query, len);
    rg_xproc *xp = rg_lower_query(e, NULL, &body, q->arena, errs);
    q->proc = xp ? rg_plan(e, xp, q->arena, errs) : NULL;
    e->stats.compile_ns += rg_engine_clock_ns() - t0;
    q->generation = e->generation;
    if (q->proc == NULL) {
        rg_query_free(q);
        return NULL;
    }
    return q;
}

void rg_query_free(rg_query *q)
{
    if (q == NULL)
        return;
    rg_arena_free(q->arena);
    free(q);
}

/* ---- Evaluating --------------------------------------------------------- */

static void vm_init(rg_vm *vm, rg_query *q, const rg_value *input,
                    rg_errors *errs)
{
    rg_engine *e = q->engine;
    memset(vm, 0, sizeof *vm);
    vm->engine = e;
    vm->arena = rg_arena_new(0);
    vm->input = input;
    vm->errs = errs;
    vm->strict = e->opts.strict_builtin_errors;
    vm->max_steps = e->opts.max_steps;
    if (e->opts.timeout_ms)
        vm->deadline_ns = rg_vm_clock_ns() + e->opts.timeout_ms * 1000000ULL;
    vm->memory_budget = e->opts.memory_budget;
    vm->limited = vm->max_steps || vm->deadline_ns || vm->memory_budget;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    vm->now_ns = (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
    vm->query = q->proc;
    rg_vm_memo_reset(vm);
}

static rg_result *result_new(const rg_query *q)
{
    rg_result *r = rg_xcalloc(1, sizeof *r);
    r->arena = rg_arena_new(0);
    const rg_proc *p = q->proc;
    r->nbind = p->nbind;
    r->names = rg_arena_calloc(r->arena, p->nbind + 1, sizeof *r->names);
    for (uint32_t i = 0; i < p->nbind; i++)
        r->names[i] = rg_arena_strdup(r->arena,
                                      p->varnames[p->bind_vars[i]]);
    r->nexprs = q->nexprs;
    r->texts = rg_arena_calloc(r->arena, q->nexprs + 1, sizeof *r->texts);
    r->locs = rg_arena_calloc(r->arena, q->nexprs + 1, sizeof *r->locs);
    for (uint32_t i = 0; i < q->nexprs; i++) {
        r->texts[i] = rg_arena_strdup(r->arena, q->texts[i]);
        r->locs[i] = q->locs[i];
    }
    return r;
}

/* Copy one value of a finished evaluation into arena.  Values in the
 * evaluation's arena or the query's (constants, freed with the query)
 * are rebuilt.  Values from the input, the engine's data and the rules'
 * constants are shared. */
static const rg_value *copy_out(rg_arena *arena, const rg_vm *vm,
                                const rg_query *q, const rg_value *v)
{
    const rg_arena *from[] = {vm->arena, q->arena, NULL};
    return rg_engine_copy_from(arena, v, from);
}

static void copy_rows(rg_result *r, const rg_vm *vm, const rg_query *q)
{
    const rg_proc *p = vm->query;
    r->nrows = vm->nrows;
    r->rows = rg_arena_calloc(r->arena, vm->nrows + 1, sizeof *r->rows);
    for (size_t i = 0; i < vm->nrows; i++) {
        rg_row *dst = &r->rows[i];
        const rg_row *src = &vm->rows[i];
        dst->binds = rg_arena_calloc(r->arena, p->nbind + 1,
                                     sizeof *dst->binds);
        dst->exprs = rg_arena_calloc(r->arena, p->nexprs + 1,
                                     sizeof *dst->exprs);
        for (uint32_t k = 0; k < p->nbind; k++)
            dst->binds[k] = copy_out(r->arena, vm, q, src->binds[k]);
        for (uint32_t k = 0; k < p->nexprs; k++)
            dst->exprs[k] = copy_out(r->arena, vm, q, src->exprs[k]);
    }
}

/* Run q on input in vm, which the caller releases with vm_done.
 * Return whether the evaluation has a result (rows, possibly none)
 * rather than only errors. */
static bool vm_eval(rg_vm *vm, rg_query *q, const rg_value *input,
                    rg_errors *errs)
{
    rg_engine *e = q->engine;
    vm_init(vm, q, input, errs);
    uint64_t t0 = rg_engine_clock_ns();
    rg_vm_run_proc(vm, q->proc, NULL, NULL);
    e->stats.eval_ns += rg_engine_clock_ns() - t0;
    e->stats.evaluations++;
    e->stats.steps += vm->steps;
    e->stats.builtin_calls += vm->builtin_calls;
    return !vm->failed || vm->strict || vm->builtin_failed;
}

/* Release what vm_eval allocated, the evaluation's arena included. */
static void vm_done(rg_vm *vm)
{
    free(vm->rows);
    rg_vm_free_regs(vm);
    rg_arena_free(vm->arena);
}

/* Return whether q was prepared for the engine's current rule tree.
 * Add an error when it was not. */
static bool query_current(const rg_query *q, rg_errors *errs)
{
    const rg_engine *e = q->engine;
    if (e->compiled && q->generation == e->generation)
        return true;
    /* Node ids in the query's code belong to the old rule tree. */
    rg_errors_add(errs, "rego_compile_error", NULL, 0, 0,
                  "the engine's modules or builtins changed after the "
                  "query was prepared: prepare it again");
    return false;
}

rg_result *rg_query_eval(rg_query *q, const rg_value *input,
                         rg_errors *errs)
{
    if (!query_current(q, errs))
        return NULL;
    rg_vm vm;
    rg_result *r = NULL;
    if (vm_eval(&vm, q, input, errs)) {
        r = result_new(q);
        copy_rows(r, &vm, q);
    }
    vm_done(&vm);
    return r;
}

void rg_result_free(rg_result *r)
{
    if (r == NULL)
        return;
    rg_arena_free(r->arena);
    free(r);
}

size_t rg_result_rows(const rg_result *r)
{
    return r->nrows;
}

const rg_value *rg_result_binding(const rg_result *r, size_t row,
                                  const char *var)
{
    if (row >= r->nrows)
        return NULL;
    for (uint32_t i = 0; i < r->nbind; i++)
        if (strcmp(r->names[i], var) == 0)
            return r->rows[row].binds[i];
    return NULL;
}

const rg_value *rg_result_expression(const rg_result *r, size_t row,
                                     size_t i)
{
    if (row >= r->nrows || i >= r->nexprs)
        return NULL;
    return r->rows[row].exprs[i];
}

size_t rg_result_binding_count(const rg_result *r)
{
    return r->nbind;
}

const char *rg_result_binding_name(const rg_result *r, size_t i)
{
    return i < r->nbind ? r->names[i] : NULL;
}

/* ---- JSON --------------------------------------------------------------- */

static void indent_line(rg_buf *b, int indent, int level)
{
    if (indent == 0)
        return;
    rg_buf_putc(b, '\n');
    for (int i = 0; i < indent * level; i++)
        rg_buf_putc(b, ' ');
}

/* Write v nested at level: rg_json_write indents from column 0. */
static void write_value(rg_buf *b, const rg_value *v, int indent, int level)
{
    char *text = rg_json_text(v, indent, RG_JSON_ESCAPE_HTML);
    for (const char *p = text; *p; p++) {
        rg_buf_putc(b, *p);
        if (*p == '\n')
            for (int i = 0; i < indent * level; i++)
                rg_buf_putc(b, ' ');
    }
    free(text);
}

static void write_key(rg_buf *b, const char *key, int indent, int level)
{
    /* Keys are fixed ASCII names needing no escapes. */
    indent_line(b, indent, level);
    rg_buf_printf(b, "\"%s\"%s", key, indent ? ": " : ":");
}

static void write_expr(rg_buf *b, const rg_result *r, size_t row,
                       uint32_t i, int ind, int lv)
{
    rg_buf_putc(b, '{');
    write_key(b, "value", ind, lv + 1);
    write_value(b, r->rows[row].exprs[i], ind, lv + 1);
    rg_buf_putc(b, ',');
    write_key(b, "text", ind, lv + 1);
    rg_json_write(b, rg_cstring(r->arena, r->texts[i]), 0,
                  RG_JSON_ESCAPE_HTML);
    rg_buf_putc(b, ',');
    write_key(b, "location", ind, lv + 1);
    rg_buf_putc(b, '{');
    write_key(b, "row", ind, lv + 2);
    rg_buf_printf(b, "%u", r->locs[i].line);
    rg_buf_putc(b, ',');
    write_key(b, "col", ind, lv + 2);
    rg_buf_printf(b, "%u", r->locs[i].col);
    indent_line(b, ind, lv + 1);
    rg_buf_putc(b, '}');
    indent_line(b, ind, lv);
    rg_buf_putc(b, '}');
}

static void write_row(rg_buf *b, const rg_result *r, size_t row, int ind,
                      int lv)
{
    rg_buf_putc(b, '{');
    write_key(b, "expressions", ind, lv + 1);
    rg_buf_putc(b, '[');
    for (uint32_t i = 0; i < r->nexprs; i++) {
        if (i)
            rg_buf_putc(b, ',');
        indent_line(b, ind, lv + 2);
        write_expr(b, r, row, i, ind, lv + 2);
    }
    indent_line(b, ind, lv + 1);
    rg_buf_putc(b, ']');
    if (r->nbind) {
        rg_builder *ob = rg_object_builder(r->arena, r->nbind);
        for (uint32_t i = 0; i < r->nbind; i++)
            rg_builder_put(ob, rg_cstring(r->arena, r->names[i]),
                           r->rows[row].binds[i]);
        rg_buf_putc(b, ',');
        write_key(b, "bindings", ind, lv + 1);
        write_value(b, rg_builder_finish(ob), ind, lv + 1);
    }
    indent_line(b, ind, lv);
    rg_buf_putc(b, '}');
}

char *rg_result_json(const rg_result *r, int indent)
{
    rg_buf b;
    rg_buf_init(&b);
    if (r == NULL || r->nrows == 0) {
        rg_buf_puts(&b, "{}");
        return rg_buf_take(&b);
    }
    rg_buf_putc(&b, '{');
    write_key(&b, "result", indent, 1);
    rg_buf_putc(&b, '[');
    for (size_t i = 0; i < r->nrows; i++) {
        if (i)
            rg_buf_putc(&b, ',');
        indent_line(&b, indent, 2);
        write_row(&b, r, i, indent, 2);
    }
    indent_line(&b, indent, 1);
    rg_buf_putc(&b, ']');
    indent_line(&b, indent, 0);
    rg_buf_putc(&b, '}');
    return rg_buf_take(&b);
}

/* ---- Refs --------------------------------------------------------------- */

/* The prepared query for ref, from the engine's list or new. */
static rg_query *ref_query(rg_engine *e, const char *ref, rg_errors *errs)
{
    if (rg_engine_compile(e, errs) < 0)
        return NULL;
    for (int i = 0; i < RG_ENGINE_REF_QUERIES && e->refs[i]; i++) {
        rg_query *q = e->refs[i];
        if (q->generation == e->generation && strcmp(q->ref, ref) == 0)
            return q;
    }
    rg_query *q = rg_query_prepare(e, ref, errs);
    if (q == NULL)
        return NULL;
    q->ref = rg_arena_strdup(q->arena, ref);
    rg_query_free(e->refs[RG_ENGINE_REF_QUERIES - 1]);
    memmove(e->refs + 1, e->refs,
            (RG_ENGINE_REF_QUERIES - 1) * sizeof *e->refs);
    e->refs[0] = q;
    return q;
}

void rg_engine_free_refs(rg_engine *e)
{
    for (int i = 0; i < RG_ENGINE_REF_QUERIES; i++) {
        rg_query_free(e->refs[i]);
        e->refs[i] = NULL;
    }
}

int rg_engine_eval_ref(rg_engine *e, const char *ref, const rg_value *input,
                       rg_arena *arena, const rg_value **out,
                       rg_errors *errs)
{
    *out = NULL;
    rg_query *q = ref_query(e, ref, errs);
    if (q == NULL)
        return -1;
    if (!query_current(q, errs))
        return -1;
    /* The value goes straight from the evaluation's arena into the
     * caller's: no intermediate rg_result. */
    rg_vm vm;
    int rc = vm_eval(&vm, q, input, errs) ? 0 : -1;
    if (rc == 0 && vm.nrows > 0 && q->proc->nexprs > 0)
        *out = copy_out(arena, &vm, q, vm.rows[0].exprs[0]);
    vm_done(&vm);
    return rc;
}
