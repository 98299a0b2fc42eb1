/*
 * GraphQL's "values of correct type" rule: literal values checked
 * against input types.  Scalars are checked by literal kind, and custom
 * scalars accept any literal.  Enum values are checked by name and
 * input objects by their fields.  Lists are checked item by item, and a
 * single item stands for a one-item list.  Null fits only nullable
 * types.  Variables are checked elsewhere.
 */
#include <string.h>

#include "runtime/builtins/graphql.h"
#include "runtime/builtins/graphql_schema.h"
#include "runtime/builtins/strbuf.h"

enum { KIND_VARIABLE, KIND_INT, KIND_FLOAT, KIND_STRING, KIND_BLOCK,
       KIND_BOOLEAN, KIND_NULL, KIND_ENUM, KIND_LIST, KIND_OBJECT };

static int64_t kind_of(const rg_value *value)
{
    int64_t k = -1;
    rg_number_int64(rg_graphql_get(value, "Kind"), &k);
    return k;
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

static bool non_null(const rg_value *type)
{
    const rg_value *nn = rg_graphql_get(type, "NonNull");
    return nn && rg_value_kind(nn) == RG_BOOLEAN && rg_bool_get(nn);
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
    if (non_null(type))
        rg_strbuf_addc(b, '!');
}

static const char *mismatch(rg_arena *arena, const rg_value *type,
                            const rg_value *value)
{
    rg_strbuf b;
    rg_strbuf_init(&b, arena);
    rg_strbuf_adds(&b, "Expected value of type \"");
    type_text(&b, type);
    int64_t k = kind_of(value);
    const char *raw = rg_graphql_str(value, "Raw");
    if (k == KIND_STRING || k == KIND_BLOCK)
        rg_strbuf_printf(&b, "\", found \"%s\"", raw);
    else
        rg_strbuf_printf(&b, "\", found %s", k == KIND_LIST ? "list"
                                             : k == KIND_OBJECT ? "object"
                                                                : raw);
    return b.data;
}

static bool scalar_ok(const char *name, int64_t k)
{
    if (strcmp(name, "Int") == 0)
        return k == KIND_INT;
    if (strcmp(name, "Float") == 0)
        return k == KIND_INT || k == KIND_FLOAT;
    if (strcmp(name, "String") == 0)
        return k == KIND_STRING || k == KIND_BLOCK;
    if (strcmp(name, "Boolean") == 0)
        return k == KIND_BOOLEAN;
    if (strcmp(name, "ID") == 0)
        return k == KIND_INT || k == KIND_STRING || k == KIND_BLOCK;
    return true;
}

static const char *object_ok(rg_arena *arena, const rg_gql_schema *s,
                             const rg_gql_type *t, const rg_value *value);

static const char *named_ok(rg_arena *arena, const rg_gql_schema *s,
                            const rg_value *type, const rg_value *value)
{
    const rg_gql_type *t = rg_graphql_schema_type(
        s, rg_graphql_str(type, "NamedType"));
    int64_t k = kind_of(value);
    if (!t)
        return NULL;
    if (strcmp(t->kind, "SCALAR") == 0)
        return scalar_ok(t->name, k) ? NULL : mismatch(arena, type, value);
    if (strcmp(t->kind, "ENUM") == 0) {
        if (k != KIND_ENUM)
            return mismatch(arena, type, value);
        for (size_t i = 0; i < t->nvalues; i++)
            if (strcmp(t->values[i], rg_graphql_str(value, "Raw")) == 0)
                return NULL;
        return rg_arena_printf(arena, "Value \"%s\" does not exist in \"%s\" "
                               "enum", rg_graphql_str(value, "Raw"), t->name);
    }
    if (strcmp(t->kind, "INPUT_OBJECT") == 0)
        return k == KIND_OBJECT ? object_ok(arena, s, t, value)
                                : mismatch(arena, type, value);
    return NULL;
}

const char *rg_graphql_check_value(rg_arena *arena, const rg_gql_schema *s,
                                   const rg_value *type,
                                   const rg_value *value)
{
    int64_t k = kind_of(value);
    if (!type || !value || k == KIND_VARIABLE)
        return NULL;
    if (k == KIND_NULL)
        return non_null(type) ? mismatch(arena, type, value) : NULL;
    const rg_value *elem = rg_graphql_get(type, "Elem");
    if (!elem)
        return named_ok(arena, s, type, value);
    if (k != KIND_LIST)
        return rg_graphql_check_value(arena, s, elem, value);
    for (size_t i = 0; i < count_of(value, "Children"); i++) {
        const char *e = rg_graphql_check_value(
            arena, s, elem, rg_graphql_get(item(value, "Children", i),
                                           "Value"));
        if (e)
            return e;
    }
    return NULL;
}

static const rg_value *child_named(const rg_value *value, const char *name)
{
    for (size_t i = 0; i < count_of(value, "Children"); i++)
        if (strcmp(rg_graphql_str(item(value, "Children", i), "Name"),
                   name) == 0)
            return rg_graphql_get(item(value, "Children", i), "Value");
    return NULL;
}

static const char *object_ok(rg_arena *arena, const rg_gql_schema *s,
                             const rg_gql_type *t, const rg_value *value)
{
    for (size_t i = 0; i < count_of(value, "Children"); i++) {
        const char *name = rg_graphql_str(item(value, "Children", i), "Name");
        const rg_value *def = NULL;
        for (size_t f = 0; f < t->nfields && !def; f++)
            if (strcmp(rg_graphql_str(t->fields[f], "Name"), name) == 0)
                def = t->fields[f];
        if (!def)
            return rg_arena_printf(arena, "Field \"%s\" is not defined by "
                                   "type \"%s\"", name, t->name);
        const char *e = rg_graphql_check_value(
            arena, s, rg_graphql_get(def, "Type"),
            rg_graphql_get(item(value, "Children", i), "Value"));
        if (e)
            return e;
    }
    for (size_t f = 0; f < t->nfields; f++) {
        const rg_value *type = rg_graphql_get(t->fields[f], "Type");
        const char *name = rg_graphql_str(t->fields[f], "Name");
        if (non_null(type) && !rg_graphql_get(t->fields[f], "DefaultValue") &&
            !child_named(value, name)) {
            rg_strbuf b;
            rg_strbuf_init(&b, arena);
            type_text(&b, type);
            return rg_arena_printf(arena, "Field \"%s.%s\" of required type "
                                   "\"%s\" was not provided", t->name, name,
                                   b.data);
        }
    }
    return NULL;
}
