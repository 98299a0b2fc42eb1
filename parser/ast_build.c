/*
 * Constructors for AST nodes in the parser's arena, and small queries on
 * terms the parser's decisions need.
 */
#include "parser/parse_internal.h"

#include <stdio.h>
#include <string.h>

rg_term *rg_ast_term(rg_parser *p, rg_term_kind kind, rg_loc loc)
{
    rg_term *t = rg_arena_calloc(p->arena, 1, sizeof *t);
    t->kind = kind;
    t->loc = loc;
    return t;
}

rg_term *rg_ast_var_len(rg_parser *p, const char *name, uint32_t len,
                        rg_loc loc)
{
    rg_term *t = rg_ast_term(p, RG_TERM_VAR, loc);
    t->u.var.name = name;
    t->u.var.len = len;
    return t;
}

rg_term *rg_ast_var(rg_parser *p, const char *name, rg_loc loc)
{
    return rg_ast_var_len(p, name, (uint32_t)strlen(name), loc);
}

rg_term *rg_ast_string(rg_parser *p, const char *s, uint32_t len,
                       rg_loc loc)
{
    rg_term *t = rg_ast_term(p, RG_TERM_STRING, loc);
    t->u.string.bytes = s;
    t->u.string.len = len;
    return t;
}

rg_term *rg_ast_bool(rg_parser *p, bool value, rg_loc loc)
{
    rg_term *t = rg_ast_term(p, RG_TERM_BOOLEAN, loc);
    t->u.boolean = value;
    return t;
}

rg_term *rg_ast_ref(rg_parser *p, rg_term **parts, uint32_t count,
                    rg_loc loc)
{
    rg_term *t = rg_ast_term(p, RG_TERM_REF, loc);
    t->u.ref.parts = rg_arena_alloc(p->arena, count * sizeof(rg_term *));
    memcpy(t->u.ref.parts, parts, count * sizeof(rg_term *));
    t->u.ref.count = count;
    return t;
}

rg_term *rg_ast_op(rg_parser *p, const char *name, rg_loc loc)
{
    const char *dot = strchr(name, '.');
    rg_term *parts[2];
    if (dot == NULL) {
        parts[0] = rg_ast_var(p, name, loc);
        return rg_ast_ref(p, parts, 1, loc);
    }
    size_t n = (size_t)(dot - name);
    parts[0] = rg_ast_var(p, rg_arena_strndup(p->arena, name, n), loc);
    parts[1] = rg_ast_string(p, dot + 1, (uint32_t)strlen(dot + 1), loc);
    return rg_ast_ref(p, parts, 2, loc);
}

rg_term *rg_ast_call(rg_parser *p, rg_term **args, uint32_t count,
                     rg_loc loc)
{
    rg_term *t = rg_ast_term(p, RG_TERM_CALL, loc);
    t->u.call.args = args;
    t->u.call.count = count;
    return t;
}

rg_term *rg_ast_call2(rg_parser *p, rg_term *op, rg_term *a, rg_term *b,
                      rg_loc loc)
{
    rg_term **args = rg_arena_alloc(p->arena, 3 * sizeof(rg_term *));
    args[0] = op;
    args[1] = a;
    args[2] = b;
    return rg_ast_call(p, args, 3, loc);
}

rg_expr *rg_ast_expr(rg_parser *p, rg_expr_kind kind, rg_loc loc)
{
    rg_expr *e = rg_arena_calloc(p->arena, 1, sizeof *e);
    e->kind = kind;
    e->loc = loc;
    return e;
}

rg_expr *rg_ast_term_expr(rg_parser *p, rg_term *t, rg_loc loc)
{
    rg_expr *e = rg_ast_expr(p, RG_EXPR_TERM, loc);
    e->u.term = t;
    return e;
}

rg_body rg_ast_true_body(rg_parser *p, rg_loc loc)
{
    rg_body body;
    body.exprs = rg_arena_alloc(p->arena, sizeof(rg_expr *));
    body.exprs[0] = rg_ast_term_expr(p, rg_ast_bool(p, true, loc), loc);
    body.count = 1;
    return body;
}

const char *rg_ast_ref_name(rg_parser *p, const rg_term *ref)
{
    if (ref->kind == RG_TERM_VAR)
        return ref->u.var.name;
    if (ref->kind != RG_TERM_REF || ref->u.ref.parts[0]->kind != RG_TERM_VAR)
        return NULL;
    size_t n = 0;
    for (uint32_t i = 0; i < ref->u.ref.count; i++) {
        const rg_term *part = ref->u.ref.parts[i];
        if (i > 0 && part->kind != RG_TERM_STRING)
            return NULL;
        n += (i ? part->u.string.len : part->u.var.len) + 1;
    }
    char *name = rg_arena_alloc(p->arena, n);
    char *w = name;
    for (uint32_t i = 0; i < ref->u.ref.count; i++) {
        const rg_term *part = ref->u.ref.parts[i];
        if (i > 0)
            *w++ = '.';
        size_t len = i ? part->u.string.len : part->u.var.len;
        memcpy(w, i ? part->u.string.bytes : part->u.var.name, len);
        w += len;
    }
    *w = '\0';
    return name;
}

rg_term *rg_ast_wildcard(rg_parser *p, rg_loc loc)
{
    rg_term *t = rg_ast_var(p, rg_arena_printf(p->arena, "$%u",
                                               p->wildcards++), loc);
    t->u.var.wildcard = true;
    return t;
}

const char *rg_ast_value_name(const rg_term *t)
{
    switch (t->kind) {
    case RG_TERM_NULL: return "null";
    case RG_TERM_BOOLEAN: return "boolean";
    case RG_TERM_NUMBER: return "number";
    case RG_TERM_STRING: return "string";
    case RG_TERM_VAR: return "var";
    case RG_TERM_REF: return "ref";
    case RG_TERM_ARRAY: return "array";
    case RG_TERM_OBJECT: return "object";
    case RG_TERM_SET: return "set";
    case RG_TERM_ARRAY_COMP: return "arraycomprehension";
    case RG_TERM_SET_COMP: return "setcomprehension";
    case RG_TERM_OBJECT_COMP: return "objectcomprehension";
    case RG_TERM_CALL: return "call";
    case RG_TERM_TEMPLATE: return "templatestring";
    }
    return "term";
}

static bool all_ground(rg_term *const *terms, uint32_t count)
{
    for (uint32_t i = 0; i < count; i++)
        if (!rg_term_is_ground(terms[i]))
            return false;
    return true;
}

bool rg_term_is_ground(const rg_term *t)
{
    switch (t->kind) {
    case RG_TERM_NULL:
    case RG_TERM_BOOLEAN:
    case RG_TERM_NUMBER:
    case RG_TERM_STRING:
        return true;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        return all_ground(t->u.collection.items, t->u.collection.count);
    case RG_TERM_OBJECT:
        return all_ground(t->u.object.keys, t->u.object.count) &&
               all_ground(t->u.object.values, t->u.object.count);
    case RG_TERM_REF:
        /* As in OPA, a ref's head does not count: p.q is ground. */
        return all_ground(t->u.ref.parts + 1, t->u.ref.count - 1);
    case RG_TERM_CALL:
        return all_ground(t->u.call.args, t->u.call.count);
    default:
        return false;
    }
}
