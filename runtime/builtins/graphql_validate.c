/*
 * GraphQL query validation against a schema.  The messages are those of
 * the gqlparser validator rules that OPA runs, without their trailing
 * periods, as OPA strips them.
 *
 * Checked: operation types the schema supports, fields defined on their
 * parent type, known and required arguments, leaf and composite
 * selections, known fragments and type conditions, known directives,
 * and defined and used variables.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/graphql.h"
#include "runtime/builtins/graphql_schema.h"
#include "runtime/builtins/strbuf.h"

typedef struct vstate {
    rg_arena *arena;
    const rg_gql_schema *s;
    const rg_value *query;
    const char *err;
    const char **used;          /* variables seen in the operation */
    size_t nused, cap;
    const char **path;          /* fragments being spread, outermost first */
    size_t npath, path_cap;
    const char **seen;          /* fragments checked for this operation */
    size_t nseen, seen_cap;
} vstate;

static void fail(vstate *v, const rg_value *node, const char *fmt, ...)
    RG_PRINTF(3, 4);

static void fail(vstate *v, const rg_value *node, const char *fmt, ...)
{
    if (v->err)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const rg_value *pos = rg_graphql_get(node, "Position");
    int64_t line = 0, col = 0;
    if (pos) {
        rg_number_int64(rg_graphql_get(pos, "Line"), &line);
        rg_number_int64(rg_graphql_get(pos, "Column"), &col);
    }
    v->err = rg_arena_printf(v->arena, "%s in GraphQL string at location "
                             "%lld:%lld", msg, (long long)line,
                             (long long)col);
}

static size_t count_of(const rg_value *obj, const char *key)
{
    const rg_value *l = rg_graphql_get(obj, key);
    return l && rg_value_kind(l) == RG_ARRAY ? rg_len(l) : 0;
}

static const rg_value *item(const rg_value *obj, const char *key, size_t i)
{
    return rg_array_at(rg_graphql_get(obj, key), i);
}

static void type_text(rg_strbuf *b, const rg_value *type)
{
    const rg_value *elem = rg_graphql_get(type, "Elem");
    if (elem) {
        rg_strbuf_addc(b, '[');
        type_text(b, elem);
        rg_strbuf_addc(b, ']');
    } else {
        rg_strbuf_adds(b, rg_graphql_str(type, "NamedType"));
    }
    const rg_value *nn = rg_graphql_get(type, "NonNull");
    if (nn && rg_value_kind(nn) == RG_BOOLEAN && rg_bool_get(nn))
        rg_strbuf_addc(b, '!');
}

static const char *type_string(vstate *v, const rg_value *type)
{
    rg_strbuf b;
    rg_strbuf_init(&b, v->arena);
    rg_strbuf_add(&b, "", 0);
    type_text(&b, type);
    return b.data;
}

static void use_variables(vstate *v, const rg_value *value)
{
    if (!value)
        return;
    int64_t kind = -1;
    rg_number_int64(rg_graphql_get(value, "Kind"), &kind);
    if (kind == 0) {
        rg_grow((void **)&v->used, &v->cap, v->nused + 1, sizeof *v->used);
        v->used[v->nused++] = rg_graphql_str(value, "Raw");
    }
    for (size_t i = 0; i < count_of(value, "Children"); i++)
        use_variables(v, rg_graphql_get(item(value, "Children", i), "Value"));
}

static const rg_value *arg_def(const rg_value *field, const char *name)
{
    for (size_t i = 0; i < count_of(field, "Arguments"); i++)
        if (strcmp(rg_graphql_str(item(field, "Arguments", i), "Name"),
                   name) == 0)
            return item(field, "Arguments", i);
    return NULL;
}

static bool non_null(const rg_value *type)
{
    const rg_value *nn = rg_graphql_get(type, "NonNull");
    return nn && rg_value_kind(nn) == RG_BOOLEAN && rg_bool_get(nn);
}

static bool argument_given(const rg_value *node, const char *name)
{
    for (size_t j = 0; j < count_of(node, "Arguments"); j++)
        if (strcmp(rg_graphql_str(item(node, "Arguments", j), "Name"),
                   name) == 0)
            return true;
    return false;
}

/* Check a directive's arguments against its definition: known names,
 * values of the right type, and required arguments present. */
static void directive_arguments(vstate *v, const rg_value *d,
                                const rg_value *def)
{
    const char *name = rg_graphql_str(d, "Name");
    for (size_t j = 0; j < count_of(d, "Arguments"); j++) {
        const rg_value *a = item(d, "Arguments", j);
        const rg_value *ad = arg_def(def, rg_graphql_str(a, "Name"));
        if (!ad)
            fail(v, a, "Unknown argument \"%s\" on directive \"@%s\"",
                 rg_graphql_str(a, "Name"), name);
        const char *bad = ad ? rg_graphql_check_value(
                                   v->arena, v->s, rg_graphql_get(ad, "Type"),
                                   rg_graphql_get(a, "Value"))
                             : NULL;
        if (bad)
            fail(v, a, "%s", bad);
        use_variables(v, rg_graphql_get(a, "Value"));
    }
    for (size_t i = 0; i < count_of(def, "Arguments"); i++) {
        const rg_value *ad = item(def, "Arguments", i);
        const rg_value *type = rg_graphql_get(ad, "Type");
        if (non_null(type) && !rg_graphql_get(ad, "DefaultValue") &&
            !argument_given(d, rg_graphql_str(ad, "Name")))
            fail(v, d, "Directive \"@%s\" argument \"%s\" of type \"%s\" "
                 "is required, but it was not provided", name,
                 rg_graphql_str(ad, "Name"), type_string(v, type));
    }
}

static void check_directives(vstate *v, const rg_value *node)
{
    for (size_t i = 0; i < count_of(node, "Directives"); i++) {
        const rg_value *d = item(node, "Directives", i);
        const rg_value *def = rg_graphql_schema_directive(
            v->s, rg_graphql_str(d, "Name"));
        if (!def)
            fail(v, d, "Unknown directive \"@%s\"",
                 rg_graphql_str(d, "Name"));
        else
            directive_arguments(v, d, def);
    }
}

static void check_arguments(vstate *v, const rg_value *sel,
                            const rg_value *def, const char *parent)
{
    const char *fname = rg_graphql_str(sel, "Name");
    for (size_t i = 0; i < count_of(sel, "Arguments"); i++) {
        const rg_value *a = item(sel, "Arguments", i);
        const rg_value *ad = arg_def(def, rg_graphql_str(a, "Name"));
        if (!ad)
            fail(v, a, "Unknown argument \"%s\" on field \"%s.%s\"",
                 rg_graphql_str(a, "Name"), parent, fname);
        const char *bad = ad ? rg_graphql_check_value(
                                   v->arena, v->s, rg_graphql_get(ad, "Type"),
                                   rg_graphql_get(a, "Value"))
                             : NULL;
        if (bad)
            fail(v, a, "%s", bad);
        use_variables(v, rg_graphql_get(a, "Value"));
    }
    for (size_t i = 0; i < count_of(def, "Arguments"); i++) {
        const rg_value *ad = item(def, "Arguments", i);
        const rg_value *type = rg_graphql_get(ad, "Type");
        if (!non_null(type) || rg_graphql_get(ad, "DefaultValue"))
            continue;
        if (!argument_given(sel, rg_graphql_str(ad, "Name")))
            fail(v, sel, "Field \"%s\" argument \"%s\" of type \"%s\" is "
                 "required, but it was not provided", fname,
                 rg_graphql_str(ad, "Name"), type_string(v, type));
    }
}

static void check_selections(vstate *v, const rg_value *set,
                             const rg_gql_type *parent);

static const rg_value *field_def(const rg_gql_type *t, const char *name)
{
    for (size_t i = 0; i < t->nfields; i++)
        if (strcmp(rg_graphql_str(t->fields[i], "Name"), name) == 0)
            return t->fields[i];
    return NULL;
}

static bool is_composite(const rg_gql_type *t)
{
    return strcmp(t->kind, "OBJECT") == 0 ||
           strcmp(t->kind, "INTERFACE") == 0 || strcmp(t->kind, "UNION") == 0;
}

static void check_field(vstate *v, const rg_value *sel,
                        const rg_gql_type *parent)
{
    const char *name = rg_graphql_str(sel, "Name");
    check_directives(v, sel);
    if (strcmp(name, "__typename") == 0)
        return;
    const rg_value *def = strcmp(parent->kind, "UNION") == 0
                              ? NULL : field_def(parent, name);
    if (!def) {
        if (strcmp(name, "__schema") != 0 && strcmp(name, "__type") != 0)
            fail(v, sel, "Cannot query field \"%s\" on type \"%s\"", name,
                 parent->name);
        return;
    }
    check_arguments(v, sel, def, parent->name);
    const rg_value *type = rg_graphql_get(def, "Type");
    const rg_gql_type *t = rg_graphql_schema_type(
        v->s, rg_graphql_schema_named(type));
    const rg_value *subs = rg_graphql_get(sel, "SelectionSet");
    if (!t)
        return;
    if (is_composite(t) && !subs)
        fail(v, sel, "Field \"%s\" of type \"%s\" must have a selection of "
             "subfields. Did you mean \"%s { ... }\"?", name,
             type_string(v, type), name);
    else if (!is_composite(t) && subs)
        fail(v, sel, "Field \"%s\" must not have a selection since type "
             "\"%s\" has no subfields", name, type_string(v, type));
    else if (subs)
        check_selections(v, subs, t);
}

static const rg_value *fragment_named(vstate *v, const char *name)
{
    for (size_t i = 0; i < count_of(v->query, "Fragments"); i++)
        if (strcmp(rg_graphql_str(item(v->query, "Fragments", i), "Name"),
                   name) == 0)
            return item(v->query, "Fragments", i);
    return NULL;
}

/* The type a fragment applies to: its condition, or the parent. */
static const rg_gql_type *condition_type(vstate *v, const rg_value *node,
                                         const rg_gql_type *parent)
{
    const char *cond = rg_graphql_str(node, "TypeCondition");
    if (!cond[0])
        return parent;
    const rg_gql_type *t = rg_graphql_schema_type(v->s, cond);
    if (!t)
        fail(v, node, "Unknown type \"%s\"", cond);
    return t;
}

static void check_spread(vstate *v, const rg_value *sel)
{
    const char *name = rg_graphql_str(sel, "Name");
    const rg_value *frag = fragment_named(v, name);
    check_directives(v, sel);
    if (!frag) {
        fail(v, sel, "Unknown fragment \"%s\"", name);
        return;
    }
    for (size_t i = 0; i < v->npath; i++)
        if (strcmp(v->path[i], name) == 0) {
            fail(v, sel, "Cannot spread fragment \"%s\" within itself",
                 name);
            return;
        }
    /* Each fragment is checked once per operation, which keeps repeated
     * spreads linear instead of exponential. */
    for (size_t i = 0; i < v->nseen; i++)
        if (strcmp(v->seen[i], name) == 0)
            return;
    rg_grow((void **)&v->seen, &v->seen_cap, v->nseen + 1, sizeof *v->seen);
    v->seen[v->nseen++] = name;
    rg_grow((void **)&v->path, &v->path_cap, v->npath + 1, sizeof *v->path);
    v->path[v->npath++] = name;
    const rg_gql_type *t = condition_type(v, frag, NULL);
    if (t)
        check_selections(v, rg_graphql_get(frag, "SelectionSet"), t);
    v->npath--;
}

static void check_selections(vstate *v, const rg_value *set,
                             const rg_gql_type *parent)
{
    for (size_t i = 0; set && i < rg_len(set) && !v->err; i++) {
        const rg_value *sel = rg_array_at(set, i);
        if (rg_graphql_get(sel, "SelectionSet") &&
            !rg_graphql_get(sel, "Alias") &&
            rg_graphql_get(sel, "TypeCondition")) {
            const rg_gql_type *t = condition_type(v, sel, parent);
            check_directives(v, sel);
            if (t)
                check_selections(v, rg_graphql_get(sel, "SelectionSet"), t);
        } else if (!rg_graphql_get(sel, "Alias")) {
            check_spread(v, sel);
        } else {
            check_field(v, sel, parent);
        }
    }
}

static bool var_used(const vstate *v, const char *name)
{
    for (size_t i = 0; i < v->nused; i++)
        if (strcmp(v->used[i], name) == 0)
            return true;
    return false;
}

static void check_variables(vstate *v, const rg_value *op)
{
    for (size_t i = 0; i < v->nused; i++) {
        bool defined = false;
        for (size_t j = 0; j < count_of(op, "VariableDefinitions"); j++)
            defined = defined ||
                      strcmp(rg_graphql_str(item(op, "VariableDefinitions", j),
                                            "Variable"), v->used[i]) == 0;
        if (!defined)
            fail(v, op, "Variable \"$%s\" is not defined", v->used[i]);
    }
    for (size_t j = 0; j < count_of(op, "VariableDefinitions"); j++) {
        const rg_value *vd = item(op, "VariableDefinitions", j);
        const char *tn = rg_graphql_schema_named(rg_graphql_get(vd, "Type"));
        const rg_gql_type *t = rg_graphql_schema_type(v->s, tn);
        if (!t)
            fail(v, vd, "Unknown type \"%s\"", tn);
        if (!var_used(v, rg_graphql_str(vd, "Variable")))
            fail(v, vd, "Variable \"$%s\" is never used",
                 rg_graphql_str(vd, "Variable"));
    }
}

static void check_operation(vstate *v, const rg_value *op)
{
    static const char *const ops[3] = { "query", "mutation",
                                        "subscription" };
    const char *kind = rg_graphql_str(op, "Operation");
    const char *root = NULL;
    for (int r = 0; r < 3; r++)
        if (strcmp(kind, ops[r]) == 0)
            root = v->s->roots[r];
    const rg_gql_type *t = root ? rg_graphql_schema_type(v->s, root) : NULL;
    if (!t) {
        fail(v, op, "Schema does not support operation type \"%s\"", kind);
        return;
    }
    v->nused = 0;
    v->nseen = 0;
    check_directives(v, op);
    check_selections(v, rg_graphql_get(op, "SelectionSet"), t);
    check_variables(v, op);
}

const char *rg_graphql_check_query(rg_arena *arena, const rg_value *schema,
                                   const rg_value *query)
{
    rg_gql_schema s;
    const char *err = rg_graphql_schema_build(arena, schema, &s);
    if (!err)
        err = rg_graphql_check_document(arena, query);
    vstate v = { arena, &s, query, err, NULL, 0, 0, NULL, 0, 0, NULL, 0, 0 };
    for (size_t i = 0; !v.err && i < count_of(query, "Operations"); i++)
        check_operation(&v, item(query, "Operations", i));
    free(v.used);
    free(v.path);
    free(v.seen);
    free(s.directives);
    return v.err;
}
