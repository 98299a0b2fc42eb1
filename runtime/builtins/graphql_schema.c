/*
 * GraphQL schema building and validation with the checks of the
 * gqlparser library that OPA uses.
 *
 * Checked: redeclared types and directives, extensions (an extension of
 * a missing type creates it), defined and correctly kinded field,
 * argument, interface and member types, at least one field, value or
 * member, interface implementation (including interfaces of
 * interfaces), known directives in allowed locations, and existing root
 * operation types.
 */
#include "runtime/builtins/graphql_schema.h"

#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/graphql.h"

/* Built-in definitions merged into every schema (the GraphQL
 * specification's scalars and directives). */
static const char prelude[] =
    "scalar Int scalar Float scalar String scalar Boolean scalar ID "
    "directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | "
    "INLINE_FRAGMENT "
    "directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | "
    "INLINE_FRAGMENT "
    "directive @deprecated(reason: String = \"No longer supported\") on "
    "FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | "
    "ENUM_VALUE "
    "directive @specifiedBy(url: String!) on SCALAR "
    "directive @oneOf on INPUT_OBJECT";

const char *rg_graphql_str(const rg_value *obj, const char *key)
{
    const rg_value *v = obj && rg_value_kind(obj) == RG_OBJECT
                            ? rg_object_get_str(obj, key, strlen(key))
                            : NULL;
    return v && rg_value_kind(v) == RG_STRING ? rg_string_bytes(v) : "";
}

const rg_value *rg_graphql_get(const rg_value *obj, const char *key)
{
    if (!obj || rg_value_kind(obj) != RG_OBJECT)
        return NULL;
    return rg_object_get_str(obj, key, strlen(key));
}

static size_t count_of(const rg_value *obj, const char *key)
{
    const rg_value *v = rg_graphql_get(obj, key);
    return v && rg_value_kind(v) == RG_ARRAY ? rg_len(v) : 0;
}

static const rg_value *item(const rg_value *obj, const char *key, size_t i)
{
    return rg_array_at(rg_graphql_get(obj, key), i);
}

const char *rg_graphql_schema_named(const rg_value *type)
{
    while (type && rg_graphql_get(type, "Elem"))
        type = rg_graphql_get(type, "Elem");
    return rg_graphql_str(type, "NamedType");
}

const rg_gql_type *rg_graphql_schema_type(const rg_gql_schema *s,
                                          const char *name)
{
    for (size_t i = 0; i < s->ntypes; i++)
        if (strcmp(s->types[i].name, name) == 0)
            return &s->types[i];
    return NULL;
}

const rg_value *rg_graphql_schema_directive(const rg_gql_schema *s,
                                            const char *name)
{
    for (size_t i = 0; i < s->ndirectives; i++)
        if (strcmp(rg_graphql_str(s->directives[i], "Name"), name) == 0)
            return s->directives[i];
    return NULL;
}

/* ---- Building ---------------------------------------------------------- */

typedef struct builder {
    rg_arena *arena;
    rg_gql_schema *s;
} builder;

static void append_values(rg_arena *arena, const rg_value ***arr, size_t *n,
                          const rg_value *list)
{
    size_t add = list && rg_value_kind(list) == RG_ARRAY ? rg_len(list) : 0;
    if (!add)
        return;
    const rg_value **out = rg_arena_alloc(arena, (*n + add) * sizeof *out);
    if (*n)
        memcpy(out, *arr, *n * sizeof *out);
    for (size_t i = 0; i < add; i++)
        out[*n + i] = rg_array_at(list, i);
    *arr = out;
    *n += add;
}

static void append_names(rg_arena *arena, const char ***arr, size_t *n,
                         const rg_value *list, const char *key)
{
    size_t add = list && rg_value_kind(list) == RG_ARRAY ? rg_len(list) : 0;
    if (!add)
        return;
    const char **out = rg_arena_alloc(arena, (*n + add) * sizeof *out);
    if (*n)
        memcpy(out, *arr, *n * sizeof *out);
    for (size_t i = 0; i < add; i++) {
        const rg_value *e = rg_array_at(list, i);
        out[*n + i] = key ? rg_graphql_str(e, key)
                          : rg_value_kind(e) == RG_STRING ? rg_string_bytes(e)
                                                          : "";
    }
    *arr = out;
    *n += add;
}

static void merge_into(builder *b, rg_gql_type *t, const rg_value *def)
{
    append_values(b->arena, &t->fields, &t->nfields,
                  rg_graphql_get(def, "Fields"));
    append_names(b->arena, &t->interfaces, &t->ninterfaces,
                 rg_graphql_get(def, "Interfaces"), NULL);
    append_names(b->arena, &t->members, &t->nmembers,
                 rg_graphql_get(def, "Types"), NULL);
    append_names(b->arena, &t->values, &t->nvalues,
                 rg_graphql_get(def, "EnumValues"), "Name");
    append_values(b->arena, &t->directives, &t->ndirectives,
                  rg_graphql_get(def, "Directives"));
}

static rg_gql_type *new_type(builder *b, const char *name, const char *kind)
{
    rg_gql_schema *s = b->s;
    if (s->ntypes == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 32;
        rg_gql_type *types = rg_arena_alloc(b->arena, cap * sizeof *types);
        if (s->ntypes)
            memcpy(types, s->types, s->ntypes * sizeof *types);
        s->types = types;
        s->cap = cap;
    }
    rg_gql_type *t = &s->types[s->ntypes++];
    memset(t, 0, sizeof *t);
    t->name = name;
    t->kind = kind;
    return t;
}

static const char *add_definitions(builder *b, const rg_value *doc,
                                   bool builtin)
{
    for (size_t i = 0; i < count_of(doc, "Definitions"); i++) {
        const rg_value *d = item(doc, "Definitions", i);
        const char *name = rg_graphql_str(d, "Name");
        if (rg_graphql_schema_type(b->s, name))
            return rg_arena_printf(b->arena, "Cannot redeclare type %s.",
                                   name);
        if (!builtin && strncmp(name, "__", 2) == 0)
            return rg_arena_printf(b->arena, "Name \"%s\" must not begin "
                                   "with \"__\", which is reserved by "
                                   "GraphQL introspection.", name);
        rg_gql_type *t = new_type(b, name, rg_graphql_str(d, "Kind"));
        t->builtin = builtin;
        merge_into(b, t, d);
    }
    for (size_t i = 0; i < count_of(doc, "Directives"); i++) {
        const rg_value *d = item(doc, "Directives", i);
        const char *name = rg_graphql_str(d, "Name");
        if (rg_graphql_schema_directive(b->s, name))
            return rg_arena_printf(b->arena, "Cannot redeclare directive "
                                   "%s.", name);
        rg_gql_schema *s = b->s;
        rg_grow((void **)&s->directives, &s->dcap, s->ndirectives + 1,
                sizeof *s->directives);
        s->directives[s->ndirectives++] = d;
    }
    return NULL;
}

static const char *add_extensions(builder *b, const rg_value *doc)
{
    for (size_t i = 0; i < count_of(doc, "Extensions"); i++) {
        const rg_value *e = item(doc, "Extensions", i);
        const char *name = rg_graphql_str(e, "Name");
        const char *kind = rg_graphql_str(e, "Kind");
        rg_gql_type *t = (rg_gql_type *)rg_graphql_schema_type(b->s, name);
        if (!t)
            t = new_type(b, name, kind);
        else if (strcmp(t->kind, kind) != 0)
            return rg_arena_printf(b->arena, "Cannot extend type %s because "
                                   "the base type is a %s, not %s.", name,
                                   t->kind, kind);
        merge_into(b, t, e);
    }
    return NULL;
}

static const char *set_roots(builder *b, const rg_value *doc)
{
    static const char *const ops[3] = { "query", "mutation",
                                        "subscription" };
    static const char *const defaults[3] = { "Query", "Mutation",
                                             "Subscription" };
    size_t n = count_of(doc, "Schema");
    if (n > 1)
        return "Cannot have multiple schema entry points, consider schema "
               "extensions instead.";
    for (size_t k = 0; k < 2; k++) {
        const char *key = k ? "SchemaExtension" : "Schema";
        for (size_t i = 0; i < count_of(doc, key); i++) {
            const rg_value *sd = item(doc, key, i);
            for (size_t j = 0; j < count_of(sd, "OperationTypes"); j++) {
                const rg_value *ot = item(sd, "OperationTypes", j);
                const char *op = rg_graphql_str(ot, "Operation");
                const char *type = rg_graphql_str(ot, "Type");
                for (int r = 0; r < 3; r++)
                    if (strcmp(op, ops[r]) == 0)
                        b->s->roots[r] = type;
                if (!rg_graphql_schema_type(b->s, type))
                    return rg_arena_printf(b->arena, "Schema root %s refers "
                                           "to a type %s that does not "
                                           "exist.", op, type);
            }
        }
    }
    for (int r = 0; r < 3 && n == 0; r++)
        if (!b->s->roots[r] && rg_graphql_schema_type(b->s, defaults[r]))
            b->s->roots[r] = defaults[r];
    return NULL;
}

/* ---- Validation -------------------------------------------------------- */

static bool is_input_kind(const char *kind)
{
    return strcmp(kind, "SCALAR") == 0 || strcmp(kind, "ENUM") == 0 ||
           strcmp(kind, "INPUT_OBJECT") == 0;
}

static const char *check_type_ref(builder *b, const rg_value *type,
                                  bool input)
{
    const char *name = rg_graphql_schema_named(type);
    const rg_gql_type *t = rg_graphql_schema_type(b->s, name);
    if (!t)
        return rg_arena_printf(b->arena, "Undefined type %s.", name);
    if (input && !is_input_kind(t->kind))
        return rg_arena_printf(b->arena, "%s must be one of SCALAR, ENUM, "
                               "INPUT_OBJECT.", name);
    if (!input && strcmp(t->kind, "INPUT_OBJECT") == 0)
        return rg_arena_printf(b->arena, "%s must be one of SCALAR, OBJECT, "
                               "INTERFACE, UNION, ENUM.", name);
    return NULL;
}

static const char *check_directives(builder *b, const rg_value **dirs,
                                    size_t n, const char *location)
{
    for (size_t i = 0; i < n; i++) {
        const char *name = rg_graphql_str(dirs[i], "Name");
        const rg_value *def = rg_graphql_schema_directive(b->s, name);
        if (!def)
            return rg_arena_printf(b->arena, "Undefined directive %s.",
                                   name);
        bool allowed = false;
        for (size_t j = 0; j < count_of(def, "Locations"); j++)
            allowed = allowed ||
                      strcmp(rg_string_bytes(item(def, "Locations", j)),
                             location) == 0;
        if (!allowed)
            return rg_arena_printf(b->arena, "Directive %s is not applicable "
                                   "on %s.", name, location);
    }
    return NULL;
}

static const char *check_list_directives(builder *b, const rg_value *node,
                                         const char *location)
{
    const rg_value *d = rg_graphql_get(node, "Directives");
    const rg_value **dirs = NULL;
    size_t n = 0;
    append_values(b->arena, &dirs, &n, d);
    return check_directives(b, dirs, n, location);
}

static const char *check_arguments(builder *b, const rg_value *owner)
{
    for (size_t i = 0; i < count_of(owner, "Arguments"); i++) {
        const rg_value *a = item(owner, "Arguments", i);
        const char *e = check_type_ref(b, rg_graphql_get(a, "Type"), true);
        if (!e)
            e = check_list_directives(b, a, "ARGUMENT_DEFINITION");
        if (e)
            return e;
    }
    return NULL;
}

static const char *check_fields(builder *b, const rg_gql_type *t, bool input)
{
    if (t->nfields == 0)
        return rg_arena_printf(b->arena, "%s %s must define one or more "
                               "fields.", t->kind, t->name);
    for (size_t i = 0; i < t->nfields; i++) {
        const char *fname = rg_graphql_str(t->fields[i], "Name");
        for (size_t j = 0; j < i; j++)
            if (strcmp(rg_graphql_str(t->fields[j], "Name"), fname) == 0)
                return rg_arena_printf(b->arena, "Field %s.%s can only be "
                                       "defined once.", t->name, fname);
        const char *e = check_type_ref(b, rg_graphql_get(t->fields[i],
                                                         "Type"), input);
        if (!e && input && rg_graphql_get(t->fields[i], "Arguments"))
            e = rg_arena_printf(b->arena, "%s.%s: input fields cannot have "
                                "arguments.", t->name, fname);
        if (!e && !input)
            e = check_arguments(b, t->fields[i]);
        if (!e)
            e = check_list_directives(b, t->fields[i], input
                                          ? "INPUT_FIELD_DEFINITION"
                                          : "FIELD_DEFINITION");
        if (e)
            return e;
    }
    return NULL;
}

static const rg_value *field_named(const rg_gql_type *t, const char *name)
{
    for (size_t i = 0; i < t->nfields; i++)
        if (strcmp(rg_graphql_str(t->fields[i], "Name"), name) == 0)
            return t->fields[i];
    return NULL;
}

static bool implements(const rg_gql_type *t, const char *iface)
{
    for (size_t i = 0; i < t->ninterfaces; i++)
        if (strcmp(t->interfaces[i], iface) == 0)
            return true;
    return false;
}

static const char *check_interfaces(builder *b, const rg_gql_type *t)
{
    for (size_t i = 0; i < t->ninterfaces; i++) {
        const rg_gql_type *it = rg_graphql_schema_type(b->s, t->interfaces[i]);
        if (!it)
            return rg_arena_printf(b->arena, "Undefined type %s.",
                                   t->interfaces[i]);
        if (strcmp(it->kind, "INTERFACE") != 0)
            return rg_arena_printf(b->arena, "%s is a non interface type %s.",
                                   t->interfaces[i], it->kind);
        for (size_t f = 0; f < it->nfields; f++) {
            const char *fname = rg_graphql_str(it->fields[f], "Name");
            if (!field_named(t, fname))
                return rg_arena_printf(b->arena, "For %s to implement %s it "
                                       "must have a field called %s.",
                                       t->name, it->name, fname);
        }
        for (size_t k = 0; k < it->ninterfaces; k++)
            if (!implements(t, it->interfaces[k]))
                return rg_arena_printf(b->arena, "%s must implement %s "
                                       "because it is implemented by %s.",
                                       t->name, it->interfaces[k], it->name);
    }
    return NULL;
}

static const char *check_members(builder *b, const rg_gql_type *t)
{
    if (t->nmembers == 0)
        return rg_arena_printf(b->arena, "UNION %s must define one or more "
                               "unique member types.", t->name);
    for (size_t i = 0; i < t->nmembers; i++) {
        const rg_gql_type *m = rg_graphql_schema_type(b->s, t->members[i]);
        if (!m)
            return rg_arena_printf(b->arena, "Undefined type %s.",
                                   t->members[i]);
        if (strcmp(m->kind, "OBJECT") != 0)
            return rg_arena_printf(b->arena, "UNION type \"%s\" can only "
                                   "include type \"%s\" if it is an OBJECT.",
                                   t->name, m->name);
    }
    return NULL;
}

static const char *check_type(builder *b, const rg_gql_type *t)
{
    const char *loc = t->kind;
    const char *e = check_directives(b, t->directives, t->ndirectives, loc);
    if (e || t->builtin)
        return e;
    if (strcmp(t->kind, "OBJECT") == 0 || strcmp(t->kind, "INTERFACE") == 0) {
        e = check_fields(b, t, false);
        return e ? e : check_interfaces(b, t);
    }
    if (strcmp(t->kind, "INPUT_OBJECT") == 0)
        return check_fields(b, t, true);
    if (strcmp(t->kind, "UNION") == 0)
        return check_members(b, t);
    if (strcmp(t->kind, "ENUM") == 0) {
        if (t->nvalues == 0)
            return rg_arena_printf(b->arena, "ENUM %s must define one or "
                                   "more unique enum values.", t->name);
        for (size_t i = 0; i < t->nvalues; i++)
            for (size_t j = 0; j < i; j++)
                if (strcmp(t->values[i], t->values[j]) == 0)
                    return rg_arena_printf(b->arena, "Enum value %s.%s can "
                                           "only be defined once.", t->name,
                                           t->values[i]);
    }
    return NULL;
}

static const char *check_schema_directives(builder *b, const rg_value *doc)
{
    for (size_t k = 0; k < 2; k++) {
        const char *key = k ? "SchemaExtension" : "Schema";
        for (size_t i = 0; i < count_of(doc, key); i++) {
            const char *e = check_list_directives(b, item(doc, key, i),
                                                  "SCHEMA");
            if (e)
                return e;
        }
    }
    for (size_t i = 0; i < b->s->ndirectives; i++) {
        const char *e = check_arguments(b, b->s->directives[i]);
        if (e)
            return e;
    }
    return NULL;
}

const char *rg_graphql_schema_build(rg_arena *arena, const rg_value *doc,
                                    rg_gql_schema *s)
{
    memset(s, 0, sizeof *s);
    builder b = { arena, s };
    const char *err;
    const rg_value *pre = rg_graphql_parse_schema(arena, prelude,
                                                  strlen(prelude), &err);
    if (!pre)
        return err;
    if ((err = add_definitions(&b, pre, true)) ||
        (err = add_definitions(&b, doc, false)) ||
        (err = add_extensions(&b, doc)) || (err = set_roots(&b, doc)))
        return err;
    for (size_t i = 0; i < s->ntypes; i++)
        if ((err = check_type(&b, &s->types[i])))
            return err;
    return check_schema_directives(&b, doc);
}

const char *rg_graphql_check_schema(rg_arena *arena, const rg_value *schema)
{
    rg_gql_schema s;
    const char *err = rg_graphql_schema_build(arena, schema, &s);
    free(s.directives);
    return err;
}
