/*
 * Lowering: from the parser's AST to the x-form of engine/xform.h.
 *
 * Scoping follows Rego: a body's variables are the names used at its
 * level that no enclosing body uses and that are not global (rule of
 * the package, import alias, "data", "input").  "some" and ":="
 * declare a fresh variable even when an enclosing body has the name.
 * A comprehension or "every" body is a nested scope: names it shares
 * with the enclosing body refer to the enclosing variables.
 */
#include "engine/xform.h"
#include "engine/metadata.h"

#include <string.h>

/* Deepest nesting of terms lowered, so hostile input cannot exhaust
 * the C stack: far beyond any policy written by hand. */
#define LOWER_MAX_DEPTH 512

/* Longest left-deep call chain (1 + 1 + ... + 1), counting the nesting
 * around it.  Lowering walks a chain without recursing, but the planner
 * still recurses once per link (measured at about 300 bytes of stack
 * each at -O2), so this keeps a chain inside a 2 MB stack.
 * NOTE: rg_plan_evaluable, rg_plan_term and the free-variable walk in
 * plan_vars.c recurse per link, and are quadratic along a chain. */
#define LOWER_MAX_CHAIN 4096

typedef struct scope scope;
struct scope {
    scope *parent;
    const char **names;
    uint32_t *ids;
    uint32_t *from;     /* index of the declaring expression; 0 = all */
    uint32_t n, cap;
    uint32_t at;        /* index of the expression being lowered */
    uint32_t scanning;  /* index of the expression being pre-scanned */
};

struct rg_lowerer {
    rg_engine *engine;
    rg_module *module;
    rg_arena *arena;
    rg_errors *errs;
    const char **varnames;
    uint32_t nvars, capvars;
    const rg_value *pkg;            /* package path below data, array */
    const rg_rule *rule;            /* rule being lowered; NULL: query */
    const rg_node *node;            /* its node */
    int depth;
    bool failed;
};

typedef struct rg_lowerer lowerer;

static rg_xterm *lower_term(lowerer *L, scope *S, const rg_term *t);
static char *op_name(lowerer *L, const rg_term *op);
static rg_xbody *lower_body(lowerer *L, scope *parent, const rg_body *b,
                            rg_term **decl, uint32_t ndecl);
static void scan_term(lowerer *L, scope *S, const rg_term *t);

static void lower_error(lowerer *L, const char *code, rg_loc loc,
                        const char *what, const char *arg)
{
    rg_errors_add(L->errs, code, loc.file, (int)loc.line, (int)loc.col,
                  "%s%s", what, arg);
    L->failed = true;
}

/* ---- Names and scopes --------------------------------------------------- */

static uint32_t new_var(lowerer *L, const char *name)
{
    if (L->nvars == L->capvars) {
        uint32_t cap = L->capvars ? L->capvars * 2 : 16;
        const char **v = rg_arena_alloc(L->arena, cap * sizeof *v);
        if (L->nvars)
            memcpy(v, L->varnames, L->nvars * sizeof *v);
        L->varnames = v;
        L->capvars = cap;
    }
    L->varnames[L->nvars] = name;
    return L->nvars++;
}

static scope *scope_new(lowerer *L, scope *parent)
{
    scope *s = rg_arena_calloc(L->arena, 1, sizeof *s);
    s->parent = parent;
    s->at = UINT32_MAX;
    return s;
}

/* Declare name in s, visible from expression from on (":=" and "some"
 * declare from their expression; other names are visible everywhere,
 * from = 0). */
static uint32_t scope_add(lowerer *L, scope *s, const char *name,
                          uint32_t from)
{
    for (uint32_t i = 0; i < s->n; i++)
        if (strcmp(s->names[i], name) == 0) {
            if (from < s->from[i])
                s->from[i] = from;
            return s->ids[i];
        }
    if (s->n == s->cap) {
        uint32_t cap = s->cap ? s->cap * 2 : 8;
        const char **nn = rg_arena_alloc(L->arena, cap * sizeof *nn);
        uint32_t *ni = rg_arena_alloc(L->arena, cap * sizeof *ni);
        uint32_t *nf = rg_arena_alloc(L->arena, cap * sizeof *nf);
        if (s->n) {
            memcpy(nn, s->names, s->n * sizeof *nn);
            memcpy(ni, s->ids, s->n * sizeof *ni);
            memcpy(nf, s->from, s->n * sizeof *nf);
        }
        s->names = nn;
        s->ids = ni;
        s->from = nf;
        s->cap = cap;
    }
    s->names[s->n] = name;
    s->ids[s->n] = new_var(L, name);
    s->from[s->n] = from;
    return s->ids[s->n++];
}

static uint32_t scope_declare(lowerer *L, scope *s, const char *name)
{
    return scope_add(L, s, name, 0);
}

static bool scope_find(const scope *s, const char *name, uint32_t *id)
{
    for (; s; s = s->parent)
        for (uint32_t i = 0; i < s->n; i++)
            if (strcmp(s->names[i], name) == 0 &&
                (s->at == UINT32_MAX || s->from[i] <= s->at)) {
                *id = s->ids[i];
                return true;
            }
    return false;
}

/* The import whose alias (or last path key) is name, or NULL. */
static rg_import *find_import(const lowerer *L, const char *name)
{
    if (L->module == NULL)
        return NULL;
    for (uint32_t i = 0; i < L->module->import_count; i++) {
        rg_import *im = L->module->imports[i];
        const rg_term *p = im->path;
        if (p->kind != RG_TERM_REF || p->u.ref.count == 0)
            continue;
        const rg_term *h = p->u.ref.parts[0];
        if (h->kind != RG_TERM_VAR || (strcmp(h->u.var.name, "data") &&
                                       strcmp(h->u.var.name, "input")))
            continue;
        const char *alias = im->alias;
        const rg_term *last = p->u.ref.parts[p->u.ref.count - 1];
        /* "import input as req": the whole document under an alias. */
        if (alias == NULL && p->u.ref.count > 1 &&
            last->kind == RG_TERM_STRING)
            alias = last->u.string.bytes;
        if (alias && strcmp(alias, name) == 0)
            return im;
    }
    return NULL;
}

/* The package's node, or NULL when the package has no rules. */
static rg_node *package_node(const lowerer *L)
{
    rg_node *n = L->engine->root;
    if (L->pkg == NULL)
        return NULL;
    for (size_t i = 0; n && i < rg_len(L->pkg); i++) {
        const rg_value *k = rg_array_at(L->pkg, i);
        n = rg_tree_child(n, rg_string_bytes(k), rg_string_len(k));
    }
    return n;
}

/* true when name is the first key of a rule of the module's package. */
static bool is_package_rule(const lowerer *L, const char *name)
{
    rg_node *pkg = package_node(L);
    if (pkg == NULL)
        return false;
    rg_node *c = rg_tree_child(pkg, name, strlen(name));
    return c && c->head_root;
}

static bool is_global(const lowerer *L, const char *name)
{
    return strcmp(name, "input") == 0 || strcmp(name, "data") == 0 ||
           find_import(L, name) != NULL || is_package_rule(L, name);
}

/* ---- Pre-scan: which names a body declares ------------------------------ */

static void scan_name(lowerer *L, scope *S, const char *name)
{
    uint32_t id;
    if (scope_find(S, name, &id) || is_global(L, name))
        return;
    scope_declare(L, S, name);
}

static void scan_terms(lowerer *L, scope *S, rg_term **ts, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        scan_term(L, S, ts[i]);
}

static void scan_expr_as_term(lowerer *L, scope *S, const rg_expr *e);

static void scan_term(lowerer *L, scope *S, const rg_term *t)
{
    if (t == NULL)
        return;
    switch (t->kind) {
    case RG_TERM_VAR:
        scan_name(L, S, t->u.var.name);
        break;
    case RG_TERM_REF:
        scan_terms(L, S, t->u.ref.parts, t->u.ref.count);
        break;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        scan_terms(L, S, t->u.collection.items, t->u.collection.count);
        break;
    case RG_TERM_OBJECT:
        scan_terms(L, S, t->u.object.keys, t->u.object.count);
        scan_terms(L, S, t->u.object.values, t->u.object.count);
        break;
    case RG_TERM_CALL:
        /* The operator is a name, not a variable. */
        scan_terms(L, S, t->u.call.args + 1, t->u.call.count - 1);
        break;
    case RG_TERM_TEMPLATE:
        for (uint32_t i = 0; i < t->u.template.count; i++)
            if (t->u.template.parts[i].expr)
                scan_expr_as_term(L, S, t->u.template.parts[i].expr);
        break;
    default:
        break;  /* constants; comprehensions have their own scope */
    }
}

static void scan_expr_as_term(lowerer *L, scope *S, const rg_expr *e)
{
    if (e->kind == RG_EXPR_TERM)
        scan_term(L, S, e->u.term);
    else if (e->kind == RG_EXPR_CALL)
        scan_terms(L, S, e->u.call.terms + 1, e->u.call.count - 1);
}

/* Declare fresh variables for every var of a pattern (":=", "some"). */
static void declare_pattern(lowerer *L, scope *S, const rg_term *t)
{
    if (t == NULL)
        return;
    switch (t->kind) {
    case RG_TERM_VAR:
        scope_add(L, S, t->u.var.name, S->scanning);
        break;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        for (uint32_t i = 0; i < t->u.collection.count; i++)
            declare_pattern(L, S, t->u.collection.items[i]);
        break;
    case RG_TERM_OBJECT:
        for (uint32_t i = 0; i < t->u.object.count; i++)
            declare_pattern(L, S, t->u.object.values[i]);
        break;
    default:
        break;
    }
}

/* Declare the variables of ":=" target t; a variable that an earlier
 * ":=" or "some" of the same body declared is an error. */
static void declare_assigned(lowerer *L, scope *S, const rg_term *t)
{
    if (t->kind == RG_TERM_VAR) {
        for (uint32_t i = 0; i < S->n; i++)
            if (strcmp(S->names[i], t->u.var.name) == 0 && S->from[i] > 0 &&
                S->from[i] < S->scanning) {
                rg_errors_add(L->errs, "rego_compile_error", t->loc.file,
                              (int)t->loc.line, (int)t->loc.col,
                              "var %s assigned above", t->u.var.name);
                L->failed = true;
                return;
            }
        declare_pattern(L, S, t);
        return;
    }
    uint32_t n = t->kind == RG_TERM_OBJECT ? t->u.object.count :
                 t->kind == RG_TERM_ARRAY ? t->u.collection.count : 0;
    for (uint32_t i = 0; i < n; i++)
        declare_assigned(L, S, t->kind == RG_TERM_OBJECT ?
                         t->u.object.values[i] : t->u.collection.items[i]);
}

static bool is_op_named(const rg_term *op, const char *name)
{
    if (op->kind == RG_TERM_REF && op->u.ref.count == 1)
        op = op->u.ref.parts[0];
    return op->kind == RG_TERM_VAR && strcmp(op->u.var.name, name) == 0;
}

static void scan_expr(lowerer *L, scope *S, const rg_expr *e)
{
    switch (e->kind) {
    case RG_EXPR_SOME:
        for (uint32_t i = 0; i < e->u.some.count; i++)
            declare_pattern(L, S, e->u.some.vars[i]);
        break;
    case RG_EXPR_SOME_IN:
        declare_pattern(L, S, e->u.some_in.key);
        declare_pattern(L, S, e->u.some_in.value);
        scan_term(L, S, e->u.some_in.domain);
        break;
    case RG_EXPR_EVERY:
        scan_term(L, S, e->u.every.domain);
        break;
    case RG_EXPR_CALL:
        if (e->u.call.count == 3 && is_op_named(e->u.call.terms[0],
                                                "assign"))
            declare_assigned(L, S, e->u.call.terms[1]);
        scan_expr_as_term(L, S, e);
        break;
    case RG_EXPR_TERM:
        scan_term(L, S, e->u.term);
        break;
    default:
        break;  /* and, or, groups: nested scopes */
    }
    for (uint32_t i = 0; i < e->with_count; i++) {
        /* A with value naming a builtin or function is not a var. */
        char *name = op_name(L, e->withs[i]->value);
        if (name && rg_engine_builtin_index(L->engine, name) >= 0)
            continue;
        scan_term(L, S, e->withs[i]->value);
    }
}

/* ---- Terms -------------------------------------------------------------- */

static rg_xterm *xnew(lowerer *L, rg_xkind kind, rg_loc loc, uint32_t n)
{
    rg_xterm *x = rg_arena_calloc(L->arena, 1, sizeof *x);
    x->kind = kind;
    x->loc = loc;
    x->n = n;
    if (n) {
        x->items = rg_arena_calloc(L->arena, n, sizeof *x->items);
        x->vals = rg_arena_calloc(L->arena, n, sizeof *x->vals);
    }
    return x;
}

static rg_xterm *xconst(lowerer *L, rg_loc loc, const rg_value *v)
{
    rg_xterm *x = xnew(L, XK_CONST, loc, 0);
    x->value = v;
    return x;
}

const rg_value *rg_lower_const(rg_arena *arena, const rg_term *t)
{
    switch (t->kind) {
    case RG_TERM_NULL:
        return rg_null();
    case RG_TERM_BOOLEAN:
        return rg_bool(t->u.boolean);
    case RG_TERM_NUMBER:
        return rg_number_parse(arena, t->u.number.text, t->u.number.len);
    case RG_TERM_STRING:
        return rg_string(arena, t->u.string.bytes, t->u.string.len);
    case RG_TERM_ARRAY: {
        uint32_t n = t->u.collection.count;
        const rg_value **items = rg_arena_alloc(arena, (n + 1) *
                                                sizeof *items);
        for (uint32_t i = 0; i < n; i++)
            if ((items[i] = rg_lower_const(arena,
                                           t->u.collection.items[i])) ==
                NULL)
                return NULL;
        return rg_array(arena, items, n);
    }
    case RG_TERM_SET: {
        rg_builder *b = rg_set_builder(arena, t->u.collection.count);
        for (uint32_t i = 0; i < t->u.collection.count; i++) {
            const rg_value *v = rg_lower_const(arena,
                                               t->u.collection.items[i]);
            if (v == NULL)
                return NULL;
            rg_builder_add(b, v);
        }
        return rg_builder_finish(b);
    }
    case RG_TERM_OBJECT: {
        rg_builder *b = rg_object_builder(arena, t->u.object.count);
        for (uint32_t i = 0; i < t->u.object.count; i++) {
            const rg_value *k = rg_lower_const(arena, t->u.object.keys[i]);
            const rg_value *v = rg_lower_const(arena,
                                               t->u.object.values[i]);
            if (k == NULL || v == NULL || !rg_builder_put(b, k, v))
                return NULL;
        }
        return rg_builder_finish(b);
    }
    default:
        return NULL;
    }
}

static rg_xterm *lower_path_ref(lowerer *L, rg_loc loc, rg_xkind root,
                                const rg_value *keys)
{
    size_t n = keys ? rg_len(keys) : 0;
    rg_xterm *x = xnew(L, XK_REF, loc, (uint32_t)n + 1);
    x->items[0] = xnew(L, root, loc, 0);
    for (size_t i = 0; i < n; i++)
        x->items[i + 1] = xconst(L, loc, rg_array_at(keys, i));
    return x;
}

/* Append keys [from, n) of an AST ref to x (a ref). */
static rg_xterm *ref_extend(lowerer *L, scope *S, rg_xterm *x,
                            const rg_term *ref, uint32_t from)
{
    uint32_t add = ref->u.ref.count - from;
    if (add == 0)
        return x;
    if (x->kind != XK_REF) {
        rg_xterm *r = xnew(L, XK_REF, ref->loc, 1);
        r->items[0] = x;
        x = r;
    }
    rg_xterm *y = xnew(L, XK_REF, ref->loc, x->n + add);
    memcpy(y->items, x->items, x->n * sizeof *y->items);
    for (uint32_t i = 0; i < add; i++)
        y->items[x->n + i] = lower_term(L, S, ref->u.ref.parts[from + i]);
    return y;
}

static rg_xterm *lower_import(lowerer *L, const rg_import *im, rg_loc loc)
{
    const rg_term *p = im->path;
    const char *root = p->u.ref.parts[0]->u.var.name;
    rg_xterm *x = xnew(L, strcmp(root, "data") ? XK_INPUT : XK_DATA, loc,
                       0);
    return ref_extend(L, NULL, x, p, 1);
}

static rg_xterm *lower_name(lowerer *L, scope *S, const char *name,
                            rg_loc loc)
{
    uint32_t id;
    if (scope_find(S, name, &id)) {
        rg_xterm *x = xnew(L, XK_VAR, loc, 0);
        x->var = id;
        return x;
    }
    if (strcmp(name, "input") == 0)
        return xnew(L, XK_INPUT, loc, 0);
    if (strcmp(name, "data") == 0)
        return xnew(L, XK_DATA, loc, 0);
    rg_import *im = find_import(L, name);
    if (im)
        return lower_import(L, im, loc);
    if (is_package_rule(L, name)) {
        rg_xterm *x = lower_path_ref(L, loc, XK_DATA, L->pkg);
        rg_xterm *y = xnew(L, XK_REF, loc, x->n + 1);
        memcpy(y->items, x->items, x->n * sizeof *y->items);
        y->items[x->n] = xconst(L, loc, rg_cstring(L->arena, name));
        return y;
    }
    /* A name the pre-scan did not see (inside a with target, say). */
    rg_xterm *x = xnew(L, XK_VAR, loc, 0);
    x->var = S ? scope_declare(L, S, name) : new_var(L, name);
    return x;
}

static rg_xterm *lower_ref(lowerer *L, scope *S, const rg_term *t)
{
    const rg_term *head = t->u.ref.parts[0];
    rg_xterm *h = head->kind == RG_TERM_VAR ?
        lower_name(L, S, head->u.var.name, head->loc) :
        lower_term(L, S, head);
    return ref_extend(L, S, h, t, 1);
}

static rg_xterm *lower_collection(lowerer *L, scope *S, const rg_term *t,
                                  rg_xkind kind)
{
    const rg_value *v = rg_lower_const(L->arena, t);
    if (v)
        return xconst(L, t->loc, v);
    uint32_t n = kind == XK_OBJECT ? t->u.object.count :
                                     t->u.collection.count;
    rg_xterm *x = xnew(L, kind, t->loc, n);
    for (uint32_t i = 0; i < n; i++) {
        if (kind == XK_OBJECT) {
            x->items[i] = lower_term(L, S, t->u.object.keys[i]);
            x->vals[i] = lower_term(L, S, t->u.object.values[i]);
        } else {
            x->items[i] = lower_term(L, S, t->u.collection.items[i]);
        }
    }
    return x;
}

static rg_xterm *lower_comp(lowerer *L, scope *S, const rg_term *t,
                            rg_xkind kind)
{
    rg_xterm *x = xnew(L, kind, t->loc, 1);
    scope *inner = scope_new(L, S);
    /* Head vars belong to the comprehension's own scope. */
    scan_term(L, inner, t->u.comp.value);
    if (t->u.comp.key)
        scan_term(L, inner, t->u.comp.key);
    x->body = lower_body(L, inner, &t->u.comp.body, NULL, 0);
    x->vals[0] = lower_term(L, inner, t->u.comp.value);
    if (t->u.comp.key)
        x->items[0] = lower_term(L, inner, t->u.comp.key);
    return x;
}

/* Join the names of an operator ref: "io.jwt.decode". */
static char *op_name(lowerer *L, const rg_term *op)
{
    if (op->kind == RG_TERM_VAR)
        return rg_arena_strdup(L->arena, op->u.var.name);
    if (op->kind != RG_TERM_REF)
        return NULL;
    size_t len = 0;
    for (uint32_t i = 0; i < op->u.ref.count; i++) {
        const rg_term *p = op->u.ref.parts[i];
        if (p->kind == RG_TERM_VAR)
            len += p->u.var.len + 1;
        else if (p->kind == RG_TERM_STRING)
            len += p->u.string.len + 1;
        else
            return NULL;
    }
    char *s = rg_arena_alloc(L->arena, len + 1);
    size_t at = 0;
    for (uint32_t i = 0; i < op->u.ref.count; i++) {
        const rg_term *p = op->u.ref.parts[i];
        const char *src = p->kind == RG_TERM_VAR ? p->u.var.name :
                                                   p->u.string.bytes;
        size_t n = strlen(src);
        if (i)
            s[at++] = '.';
        memcpy(s + at, src, n);
        at += n;
    }
    s[at] = '\0';
    return s;
}

typedef struct opinfo {
    const char *name;
    rg_xop op;
    rg_cmp cmp;
    int arity;
} opinfo;

static const opinfo vm_ops[] = {
    {"eq", XOP_EQ, RG_CMP_EQ, 2},
    {"assign", XOP_ASSIGN, RG_CMP_EQ, 2},
    {"equal", XOP_COMPARE, RG_CMP_EQ, 2},
    {"neq", XOP_COMPARE, RG_CMP_NE, 2},
    {"lt", XOP_COMPARE, RG_CMP_LT, 2},
    {"lte", XOP_COMPARE, RG_CMP_LE, 2},
    {"gt", XOP_COMPARE, RG_CMP_GT, 2},
    {"gte", XOP_COMPARE, RG_CMP_GE, 2},
    {"print", XOP_PRINT, RG_CMP_EQ, -1},
};

/* Resolve a function node from a lowered ref of constant keys. */
static rg_node *func_node(lowerer *L, const rg_xterm *ref)
{
    if (ref->kind != XK_REF || ref->items[0]->kind != XK_DATA)
        return NULL;
    rg_node *n = L->engine->root;
    for (uint32_t i = 1; n && i < ref->n; i++) {
        const rg_xterm *k = ref->items[i];
        if (k->kind != XK_CONST || rg_value_kind(k->value) != RG_STRING)
            return NULL;
        n = rg_tree_child(n, rg_string_bytes(k->value),
                          rg_string_len(k->value));
    }
    return n && n->is_function ? n : NULL;
}

/* "data.a.f" for function node fn, in the arena. */
static const char *node_ref_text(lowerer *L, const rg_node *fn)
{
    size_t len = strlen("data");
    for (const rg_node *n = fn; n->parent; n = n->parent)
        len += 1 + strlen(n->name);
    char *buf = rg_arena_alloc(L->arena, len + 1);
    buf[len] = '\0';
    for (const rg_node *n = fn; n->parent; n = n->parent) {
        size_t k = strlen(n->name);
        len -= k;
        memcpy(buf + len, n->name, k);
        buf[--len] = '.';
    }
    memcpy(buf, "data", 4);
    return buf;
}

/* The number of parameters of function node fn. */
static int node_arity(const rg_node *fn)
{
    const rg_ruledef *d = fn->ndefs ? fn->defs[0] : fn->default_def;
    return (int)d->rule->head.arg_count;
}

/* Resolve the operator of a call into x (op, builtin or node). */
static bool resolve_op(lowerer *L, scope *S, const rg_term *opt,
                       rg_xterm *x)
{
    char *name = op_name(L, opt);
    x->name = name ? name : "<dynamic>";
    if (name)
        for (size_t i = 0; i < RG_ARRAY_LEN(vm_ops); i++)
            if (strcmp(vm_ops[i].name, name) == 0) {
                x->op = vm_ops[i].op;
                x->cmp = vm_ops[i].cmp;
                x->arity = vm_ops[i].arity;
                return true;
            }
    rg_xterm *ref = opt->kind == RG_TERM_REF ? lower_ref(L, S, opt) : NULL;
    rg_node *fn = ref ? func_node(L, ref) : NULL;
    if (fn) {
        x->op = XOP_FUNC;
        x->node = fn->id;
        x->arity = node_arity(fn);
        x->name = node_ref_text(L, fn);
        return true;
    }
    int32_t bi = name ? rg_engine_builtin_index(L->engine, name) : -1;
    if (bi >= 0) {
        x->op = XOP_BUILTIN;
        x->builtin = bi;
        x->arity = rg_engine_builtin_at(L->engine, bi)->arity;
        return true;
    }
    lower_error(L, "rego_type_error", opt->loc, "undefined function ",
                x->name);
    return false;
}

/* rego.metadata.rule() and .chain() depend only on the modules: the
 * value, or NULL for any other call. */
static const rg_value *metadata_call(lowerer *L, const rg_term *op,
                                     uint32_t count)
{
    char *name = op_name(L, op);
    if (name == NULL || count != 1)
        return NULL;
    bool rule = strcmp(name, "rego.metadata.rule") == 0;
    bool chain = strcmp(name, "rego.metadata.chain") == 0;
    if (!rule && !chain)
        return NULL;
    if (L->rule == NULL)
        return rule ? rg_builder_finish(rg_object_builder(L->arena, 0)) :
                      rg_array(L->arena, NULL, 0);
    if (rule)
        return rg_metadata_rule(L->arena, L->rule);
    return rg_metadata_chain(L->arena, L->engine, L->node, L->rule, L->pkg);
}

static rg_xterm *lower_call(lowerer *L, scope *S, rg_term **args,
                            uint32_t count, rg_loc loc)
{
    const rg_value *meta = metadata_call(L, args[0], count);
    if (meta)
        return xconst(L, loc, meta);
    rg_xterm *x = xnew(L, XK_CALL, loc, count - 1);
    if (!resolve_op(L, S, args[0], x))
        return x;
    for (uint32_t i = 1; i < count; i++)
        x->items[i - 1] = lower_term(L, S, args[i]);
    return x;
}

/* A call whose first operand is itself a call with operands: one link
 * of a left-deep chain such as 1 + 2 + 3. */
static bool chain_link(const rg_term *t)
{
    return t->kind == RG_TERM_CALL && t->u.call.count >= 2;
}

/* Lower a call term and the left-deep chain of calls below it without
 * recursing along the chain, so a chain of any length lowers in constant
 * stack.  Operators resolve top-down and operands lower bottom-up, the
 * order the recursive form would use.  A level whose operator does not
 * resolve ends the chain with its operands unlowered, as lower_call
 * leaves them. */
static rg_xterm *lower_chain(lowerer *L, scope *S, const rg_term *t)
{
    size_t n = 1;
    for (const rg_term *c = t; chain_link(c->u.call.args[1]); n++)
        c = c->u.call.args[1];
    const rg_term **ts = rg_arena_alloc(L->arena, n * sizeof *ts);
    rg_xterm **xs = rg_arena_alloc(L->arena, n * sizeof *xs);
    if ((size_t)L->depth + n > LOWER_MAX_CHAIN) {
        rg_errors_add(L->errs, "rego_compile_error", t->loc.file,
                      (int)t->loc.line, (int)t->loc.col,
                      "operator chain longer than %d calls: split it "
                      "with intermediate variables", LOWER_MAX_CHAIN);
        L->failed = true;
        return xconst(L, t->loc, rg_null());
    }
    ts[0] = t;
    for (size_t i = 1; i < n; i++)
        ts[i] = ts[i - 1]->u.call.args[1];
    rg_xterm *inner = NULL;
    for (size_t i = 0; i < n && inner == NULL; i++) {
        const rg_term *c = ts[i];
        xs[i] = xnew(L, XK_CALL, c->loc, c->u.call.count - 1);
        if (!resolve_op(L, S, c->u.call.args[0], xs[i])) {
            inner = xs[i];
            n = i;
        }
    }
    if (inner == NULL)
        inner = lower_term(L, S, ts[n - 1]->u.call.args[1]);
    for (size_t i = n; i-- > 0;) {
        const rg_term *c = ts[i];
        xs[i]->items[0] = inner;
        for (uint32_t k = 2; k < c->u.call.count; k++)
            xs[i]->items[k - 1] = lower_term(L, S, c->u.call.args[k]);
        inner = xs[i];
    }
    return inner;
}

static void lower_with(lowerer *L, scope *S, const rg_with *src,
                       rg_xwith *w);

static rg_xterm *lower_expr_term(lowerer *L, scope *S, const rg_expr *e)
{
    if (e->kind == RG_EXPR_CALL)
        return lower_call(L, S, e->u.call.terms, e->u.call.count, e->loc);
    if (e->kind == RG_EXPR_TERM)
        return lower_term(L, S, e->u.term);
    lower_error(L, "rego_parse_error", e->loc,
                "expected an expression in the template string", "");
    return xconst(L, e->loc, rg_null());
}

static rg_xterm *lower_template(lowerer *L, scope *S, const rg_term *t)
{
    rg_xterm *x = xnew(L, XK_TEMPLATE, t->loc, t->u.template.count);
    for (uint32_t i = 0; i < t->u.template.count; i++) {
        const rg_template_part *p = &t->u.template.parts[i];
        if (p->expr) {
            rg_xterm *part = lower_expr_term(L, S, p->expr);
            part->nwith = p->expr->with_count;
            if (part->nwith)
                part->withs = rg_arena_calloc(L->arena, part->nwith,
                                              sizeof *part->withs);
            for (uint32_t k = 0; k < part->nwith; k++)
                lower_with(L, S, p->expr->withs[k], &part->withs[k]);
            x->items[i] = part;
            continue;
        }
        x->items[i] = xconst(L, t->loc, rg_string(L->arena, p->text,
                                                   p->len));
        x->items[i]->text = true;
    }
    return x;
}

static rg_xterm *lower_term_kind(lowerer *L, scope *S, const rg_term *t)
{
    switch (t->kind) {
    case RG_TERM_VAR:
        return lower_name(L, S, t->u.var.name, t->loc);
    case RG_TERM_REF:
        return lower_ref(L, S, t);
    case RG_TERM_ARRAY:
        return lower_collection(L, S, t, XK_ARRAY);
    case RG_TERM_SET:
        return lower_collection(L, S, t, XK_SET);
    case RG_TERM_OBJECT:
        return lower_collection(L, S, t, XK_OBJECT);
    case RG_TERM_ARRAY_COMP:
        return lower_comp(L, S, t, XK_ARRAY_COMP);
    case RG_TERM_SET_COMP:
        return lower_comp(L, S, t, XK_SET_COMP);
    case RG_TERM_OBJECT_COMP:
        return lower_comp(L, S, t, XK_OBJECT_COMP);
    case RG_TERM_CALL:
        if (chain_link(t))
            return lower_chain(L, S, t);
        return lower_call(L, S, t->u.call.args, t->u.call.count, t->loc);
    case RG_TERM_TEMPLATE:
        return lower_template(L, S, t);
    default: {
        const rg_value *v = rg_lower_const(L->arena, t);
        if (v == NULL) {
            lower_error(L, "rego_parse_error", t->loc, "invalid constant",
                        "");
            v = rg_null();
        }
        return xconst(L, t->loc, v);
    }
    }
}

static rg_xterm *lower_term(lowerer *L, scope *S, const rg_term *t)
{
    if (++L->depth > LOWER_MAX_DEPTH) {
        lower_error(L, "rego_compile_error", t->loc,
                    "terms nested too deeply", "");
        L->depth--;
        return xconst(L, t->loc, rg_null());
    }
    rg_xterm *x = lower_term_kind(L, S, t);
    L->depth--;
    return x;
}

/* ---- With modifiers ----------------------------------------------------- */

/* Keys of a lowered ref as a constant array, or NULL if not constant. */
static const rg_value *const_path(lowerer *L, const rg_xterm *ref)
{
    uint32_t n = ref->kind == XK_REF ? ref->n - 1 : 0;
    const rg_value **keys = rg_arena_alloc(L->arena, (n + 1) *
                                           sizeof *keys);
    for (uint32_t i = 0; i < n; i++) {
        if (ref->items[i + 1]->kind != XK_CONST)
            return NULL;
        keys[i] = ref->items[i + 1]->value;
    }
    return rg_array(L->arena, keys, n);
}

/* The replacement function named by a with value, if it names one. */
static void with_replacement(lowerer *L, scope *S, const rg_term *vt,
                             rg_xwith *w)
{
    w->def.func_node = -1;
    w->def.func_builtin = -1;
    if (vt->kind != RG_TERM_REF && vt->kind != RG_TERM_VAR)
        return;
    const rg_term *h = vt->kind == RG_TERM_REF ? vt->u.ref.parts[0] : vt;
    uint32_t id;
    if (h->kind != RG_TERM_VAR || scope_find(S, h->u.var.name, &id))
        return;
    const char *root = h->u.var.name;
    bool global = is_global(L, root);
    char *name = op_name(L, vt);
    if (!global && name) {
        w->def.func_builtin = rg_engine_builtin_index(L->engine, name);
        return;
    }
    if (!global)
        return;
    rg_xterm *ref = vt->kind == RG_TERM_REF ? lower_ref(L, S, vt) :
                    lower_name(L, S, root, vt->loc);
    rg_node *fn = func_node(L, ref);
    if (fn)
        w->def.func_node = (int32_t)fn->id;
}

/* Parameters of the function or builtin replacing a with target, or
 * -1 when the value is not a function. */
static int replacement_arity(lowerer *L, const rg_xwith *w)
{
    if (w->def.func_node >= 0)
        return node_arity(L->engine->nodes[w->def.func_node]);
    if (w->def.func_builtin >= 0)
        return rg_engine_builtin_at(L->engine, w->def.func_builtin)->arity;
    return -1;
}

/* A function replaced by a function must keep its number of
 * parameters, as OPA's type checker requires. */
static void check_with_arity(lowerer *L, const rg_xwith *w, int want,
                             const char *target)
{
    int have = replacement_arity(L, w);
    if (have < 0 || want < 0 || have == want)
        return;
    lower_error(L, "rego_type_error", w->loc, target,
                ": arity mismatch");
}

static void lower_with(lowerer *L, scope *S, const rg_with *src,
                       rg_xwith *w)
{
    w->loc = src->loc;
    with_replacement(L, S, src->value, w);
    w->value = lower_term(L, S, src->value);
    const rg_term *t = src->target;
    char *name = op_name(L, t);
    rg_xterm *ref = t->kind == RG_TERM_REF ? lower_ref(L, S, t) :
                    lower_term(L, S, t);
    rg_node *fn = func_node(L, ref);
    if (fn) {
        w->def.kind = RG_WITH_FUNC;
        w->def.target = fn->id;
        check_with_arity(L, w, node_arity(fn), node_ref_text(L, fn));
        return;
    }
    rg_xkind root = ref->kind == XK_REF ? ref->items[0]->kind : ref->kind;
    if (root == XK_INPUT || root == XK_DATA) {
        w->def.kind = root == XK_INPUT ? RG_WITH_INPUT : RG_WITH_DATA;
        w->def.path = const_path(L, ref);
        if (w->def.path)
            return;
    }
    int32_t bi = name ? rg_engine_builtin_index(L->engine, name) : -1;
    if (bi >= 0) {
        w->def.kind = RG_WITH_BUILTIN;
        w->def.target = (uint32_t)bi;
        check_with_arity(L, w, rg_engine_builtin_at(L->engine, bi)->arity,
                         name);
        return;
    }
    rg_errors_add(L->errs, "rego_compile_error", src->loc.file,
                  (int)src->loc.line, (int)src->loc.col,
                  "with keyword target %s must reference existing input, "
                  "data, function or builtin", name ? name : "term");
    L->failed = true;
}

/* ---- Expressions and bodies --------------------------------------------- */

static void lower_every(lowerer *L, scope *S, const rg_expr *e,
                        rg_xexpr *x)
{
    scope *inner = scope_new(L, S);
    rg_term *decl[2] = {e->u.every.key, e->u.every.value};
    x->domain = lower_term(L, S, e->u.every.domain);
    for (int i = 0; i < 2; i++)
        declare_pattern(L, inner, decl[i]);
    if (e->u.every.key)
        x->key = lower_term(L, inner, e->u.every.key);
    x->value = lower_term(L, inner, e->u.every.value);
    x->body = lower_body(L, inner, &e->u.every.body, NULL, 0);
}

/* "a and b", "a or b" and "{ body }": each operand is a nested body,
 * so its own variables stay inside it. */
static rg_xbody *lower_operand(lowerer *L, scope *S, rg_expr *e)
{
    if (e->kind == RG_EXPR_GROUP)
        return lower_body(L, scope_new(L, S), &e->u.group, NULL, 0);
    rg_body one = {&e, 1};
    return lower_body(L, scope_new(L, S), &one, NULL, 0);
}

static void lower_logic(lowerer *L, scope *S, const rg_expr *e,
                        rg_xexpr *x)
{
    x->kind = XE_LOGIC;
    if (e->kind == RG_EXPR_GROUP) {
        x->body = lower_body(L, scope_new(L, S), &e->u.group, NULL, 0);
        return;
    }
    x->logic_or = e->kind == RG_EXPR_OR;
    if (!x->logic_or) {
        rg_expr *both[2] = {e->u.logic.lhs, e->u.logic.rhs};
        rg_body body = {both, 2};
        x->body = lower_body(L, scope_new(L, S), &body, NULL, 0);
        return;
    }
    x->body = lower_operand(L, S, e->u.logic.lhs);
    x->body2 = lower_operand(L, S, e->u.logic.rhs);
}

static rg_xexpr *lower_expr(lowerer *L, scope *S, const rg_expr *e)
{
    rg_xexpr *x = rg_arena_calloc(L->arena, 1, sizeof *x);
    x->loc = e->loc;
    x->negated = e->negated;
    switch (e->kind) {
    case RG_EXPR_TERM:
    case RG_EXPR_CALL:
        x->term = lower_expr_term(L, S, e);
        x->kind = x->term->kind == XK_CALL ? XE_CALL : XE_TERM;
        break;
    case RG_EXPR_SOME:
        x->kind = XE_NOP;
        break;
    case RG_EXPR_SOME_IN:
        x->kind = XE_SOME_IN;
        x->key = e->u.some_in.key ? lower_term(L, S, e->u.some_in.key) :
                                    NULL;
        x->value = lower_term(L, S, e->u.some_in.value);
        x->domain = lower_term(L, S, e->u.some_in.domain);
        break;
    case RG_EXPR_EVERY:
        x->kind = XE_EVERY;
        lower_every(L, S, e, x);
        break;
    case RG_EXPR_AND:
    case RG_EXPR_OR:
    case RG_EXPR_GROUP:
        lower_logic(L, S, e, x);
        break;
    }
    x->nwith = e->with_count;
    if (e->with_count)
        x->withs = rg_arena_calloc(L->arena, e->with_count,
                                   sizeof *x->withs);
    for (uint32_t i = 0; i < e->with_count; i++)
        lower_with(L, S, e->withs[i], &x->withs[i]);
    return x;
}

static rg_xbody *lower_body(lowerer *L, scope *S, const rg_body *b,
                            rg_term **decl, uint32_t ndecl)
{
    /* Expression i is numbered i + 1 so that 0 means "everywhere". */
    for (uint32_t i = 0; i < b->count; i++) {
        S->scanning = i + 1;
        scan_expr(L, S, b->exprs[i]);
    }
    /* Head terms last: they see the body's declarations. */
    S->scanning = 0;
    for (uint32_t i = 0; i < ndecl; i++)
        scan_term(L, S, decl[i]);
    rg_xbody *x = rg_arena_calloc(L->arena, 1, sizeof *x);
    x->n = b->count;
    x->exprs = rg_arena_calloc(L->arena, b->count + 1, sizeof *x->exprs);
    for (uint32_t i = 0; i < b->count; i++) {
        S->at = i + 1;
        x->exprs[i] = lower_expr(L, S, b->exprs[i]);
    }
    S->at = UINT32_MAX;
    x->nlocals = S->n;
    x->locals = S->ids;
    return x;
}

/* ---- Rules and queries -------------------------------------------------- */

static const rg_value *package_path(rg_arena *arena, const rg_module *m)
{
    if (m == NULL || m->package == NULL)
        return NULL;
    const rg_term *p = m->package;
    uint32_t n = p->kind == RG_TERM_REF ? p->u.ref.count : 1;
    const rg_value **keys = rg_arena_alloc(arena, n * sizeof *keys);
    uint32_t k = 0;
    for (uint32_t i = 1; i < n; i++) {
        const rg_term *part = p->u.ref.parts[i];
        if (part->kind == RG_TERM_STRING)
            keys[k++] = rg_string(arena, part->u.string.bytes,
                                  part->u.string.len);
        else if (part->kind == RG_TERM_VAR)
            keys[k++] = rg_cstring(arena, part->u.var.name);
    }
    return rg_array(arena, keys, k);
}

static void lowerer_init(lowerer *L, rg_engine *engine, rg_module *m,
                         rg_arena *arena, rg_errors *errs)
{
    memset(L, 0, sizeof *L);
    L->engine = engine;
    L->module = m;
    L->arena = arena;
    L->errs = errs;
    L->pkg = package_path(arena, m);
}

/* The head keys that follow the static prefix of the rule's ref. */
static uint32_t head_suffix(const rg_term *ref, uint32_t *first)
{
    if (ref->kind != RG_TERM_REF) {
        *first = 1;
        return 0;
    }
    uint32_t i = 1;
    while (i < ref->u.ref.count &&
           ref->u.ref.parts[i]->kind == RG_TERM_STRING)
        i++;
    *first = i;
    return ref->u.ref.count - i;
}

static void lower_head(lowerer *L, scope *S, const rg_rule *first,
                       const rg_rule *link, rg_xproc *xp)
{
    const rg_head *h = &first->head;
    uint32_t from;
    uint32_t n = head_suffix(h->ref, &from);
    bool key_extra = h->key && first->kind == RG_RULE_PARTIAL_OBJECT &&
                     n == 0;
    xp->nsuffix = n + (key_extra ? 1 : 0);
    xp->suffix = rg_arena_calloc(L->arena, xp->nsuffix + 1,
                                 sizeof *xp->suffix);
    for (uint32_t i = 0; i < n; i++)
        xp->suffix[i] = lower_term(L, S, h->ref->u.ref.parts[from + i]);
    if (key_extra)
        xp->suffix[n] = lower_term(L, S, h->key);
    const rg_term *v = link->head.value;
    switch (first->kind) {
    case RG_RULE_PARTIAL_SET:
    case RG_RULE_MULTI_VALUE:
        xp->mode = RG_OUT_ELEM;
        v = h->key ? h->key : h->value;
        break;
    case RG_RULE_PARTIAL_OBJECT:
        xp->mode = RG_OUT_ENTRY;
        break;
    default:
        xp->mode = n ? RG_OUT_ENTRY : RG_OUT_VALUE;
        break;
    }
    xp->value = v ? lower_term(L, S, v) :
                    xconst(L, link->head.loc, rg_bool(true));
}

/* Terms of the head scanned for declarations before the body. */
static uint32_t head_terms(const rg_rule *first, const rg_rule *link,
                           rg_term **out)
{
    uint32_t n = 0;
    const rg_head *h = &first->head;
    for (uint32_t i = 0; i < h->arg_count; i++)
        out[n++] = h->args[i];
    if (h->ref->kind == RG_TERM_REF)
        for (uint32_t i = 1; i < h->ref->u.ref.count; i++)
            out[n++] = h->ref->u.ref.parts[i];
    if (h->key)
        out[n++] = h->key;
    if (link->head.value)
        out[n++] = link->head.value;
    return n;
}

/* Parameter i of a function is variable i ("$argI"), bound on entry.
 * The written parameter becomes the body expression "$argI = pattern",
 * which the planner orders with the rest, so that a pattern may use
 * variables the body binds. */
static void lower_params(lowerer *L, scope *S, const rg_head *h,
                         rg_xproc *xp)
{
    uint32_t n = h->arg_count;
    rg_xbody *b = xp->body;
    rg_xexpr **all = rg_arena_calloc(L->arena, b->n + n + 1, sizeof *all);
    for (uint32_t i = 0; i < n; i++) {
        rg_loc loc = h->args[i]->loc;
        rg_xterm *eq = xnew(L, XK_CALL, loc, 2);
        eq->op = XOP_EQ;
        eq->arity = 2;
        eq->name = "eq";
        eq->items[0] = xnew(L, XK_VAR, loc, 0);
        eq->items[0]->var = i;
        eq->items[1] = lower_term(L, S, h->args[i]);
        rg_xexpr *x = rg_arena_calloc(L->arena, 1, sizeof *x);
        x->kind = XE_CALL;
        x->loc = loc;
        x->term = eq;
        all[i] = x;
    }
    memcpy(all + n, b->exprs, b->n * sizeof *all);
    b->exprs = all;
    b->n += n;
    xp->nargs = n;
}

rg_xproc *rg_lower_rule(rg_engine *engine, rg_module *module,
                        rg_rule *rule, rg_rule *first, const rg_node *node,
                        rg_arena *arena, rg_errors *errs)
{
    lowerer L;
    lowerer_init(&L, engine, module, arena, errs);
    L.rule = rule;
    L.node = node;
    rg_xproc *xp = rg_arena_calloc(arena, 1, sizeof *xp);
    scope *S = scope_new(&L, NULL);
    const rg_head *h = &first->head;
    for (uint32_t i = 0; i < h->arg_count; i++)
        new_var(&L, rg_arena_printf(arena, "$arg%u", i));
    uint32_t cap = h->arg_count + 4 +
        (h->ref->kind == RG_TERM_REF ? h->ref->u.ref.count : 0);
    rg_term **decl = rg_arena_calloc(arena, cap, sizeof *decl);
    /* Function parameters are declared: they shadow rule names. */
    for (uint32_t i = 0; i < h->arg_count; i++)
        declare_pattern(&L, S, h->args[i]);
    uint32_t ndecl = head_terms(first, rule, decl);
    xp->body = lower_body(&L, S, &rule->body, decl, ndecl);
    lower_params(&L, S, h, xp);
    lower_head(&L, S, first, rule, xp);
    xp->varnames = L.varnames;
    xp->nvars = L.nvars;
    return L.failed ? NULL : xp;
}

rg_xproc *rg_lower_query(rg_engine *engine, rg_module *mod, rg_body *body,
                         rg_arena *arena, rg_errors *errs)
{
    lowerer L;
    lowerer_init(&L, engine, mod, arena, errs);
    rg_xproc *xp = rg_arena_calloc(arena, 1, sizeof *xp);
    scope *S = scope_new(&L, NULL);
    xp->is_query = true;
    xp->body = lower_body(&L, S, body, NULL, 0);
    xp->varnames = L.varnames;
    xp->nvars = L.nvars;
    return L.failed ? NULL : xp;
}

/* Calls that metadata_call folds to constants. */
static const char *const folded_calls[] = {
    "rego.metadata.chain", "rego.metadata.rule"
};

const char *rg_lower_call_name(size_t i)
{
    if (i < RG_ARRAY_LEN(vm_ops))
        return vm_ops[i].name;
    i -= RG_ARRAY_LEN(vm_ops);
    return i < RG_ARRAY_LEN(folded_calls) ? folded_calls[i] : NULL;
}
