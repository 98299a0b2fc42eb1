/*
 * Document-level GraphQL validation rules that need no schema: unique
 * operation, fragment and argument names, a lone anonymous operation,
 * and fragments that are used.  Messages are gqlparser's without the
 * trailing period, followed by the location of the offending node.
 */
#include <string.h>

#include "runtime/builtins/graphql.h"
#include "runtime/builtins/graphql_schema.h"

static size_t count_of(const rg_value *obj, const char *key)
{
    const rg_value *l = rg_graphql_get(obj, key);
    return l && rg_value_kind(l) == RG_ARRAY ? rg_len(l) : 0;
}

static const rg_value *item(const rg_value *obj, const char *key, size_t i)
{
    return rg_array_at(rg_graphql_get(obj, key), i);
}

const char *rg_graphql_error_at(rg_arena *arena, const rg_value *node,
                                const char *message)
{
    const rg_value *pos = rg_graphql_get(node, "Position");
    int64_t line = 0, col = 0;
    if (pos) {
        rg_number_int64(rg_graphql_get(pos, "Line"), &line);
        rg_number_int64(rg_graphql_get(pos, "Column"), &col);
    }
    return rg_arena_printf(arena, "%s in GraphQL string at location "
                           "%lld:%lld", message, (long long)line,
                           (long long)col);
}

static const char *unique_names(rg_arena *arena, const rg_value *doc,
                                const char *key, const char *what)
{
    size_t n = count_of(doc, key);
    for (size_t i = 0; i < n; i++) {
        const char *name = rg_graphql_str(item(doc, key, i), "Name");
        if (!name[0])
            continue;
        for (size_t j = 0; j < i; j++)
            if (strcmp(rg_graphql_str(item(doc, key, j), "Name"), name) == 0)
                return rg_graphql_error_at(arena, item(doc, key, i),
                    rg_arena_printf(arena, "There can be only one %s "
                                    "named \"%s\"", what, name));
    }
    return NULL;
}

/* Check that argument names are unique in every field and directive
 * under node. */
static const char *unique_arguments(rg_arena *arena, const rg_value *node)
{
    for (size_t i = 0; i < count_of(node, "Arguments"); i++)
        for (size_t j = 0; j < i; j++) {
            const rg_value *a = item(node, "Arguments", i);
            if (strcmp(rg_graphql_str(a, "Name"),
                       rg_graphql_str(item(node, "Arguments", j), "Name")) == 0)
                return rg_graphql_error_at(arena, a, rg_arena_printf(
                    arena, "There can be only one argument named \"%s\"",
                    rg_graphql_str(a, "Name")));
        }
    const char *e = NULL;
    for (size_t i = 0; !e && i < count_of(node, "Directives"); i++)
        e = unique_arguments(arena, item(node, "Directives", i));
    for (size_t i = 0; !e && i < count_of(node, "SelectionSet"); i++)
        e = unique_arguments(arena, item(node, "SelectionSet", i));
    return e;
}

/* Report whether a spread of the fragment name appears under node. */
static bool spreads(const rg_value *node, const char *name)
{
    for (size_t i = 0; i < count_of(node, "SelectionSet"); i++) {
        const rg_value *sel = item(node, "SelectionSet", i);
        if (!rg_graphql_get(sel, "Alias") &&
            !rg_graphql_get(sel, "TypeCondition") &&
            strcmp(rg_graphql_str(sel, "Name"), name) == 0)
            return true;
        if (spreads(sel, name))
            return true;
    }
    return false;
}

static const char *used_fragments(rg_arena *arena, const rg_value *doc)
{
    for (size_t i = 0; i < count_of(doc, "Fragments"); i++) {
        const rg_value *f = item(doc, "Fragments", i);
        const char *name = rg_graphql_str(f, "Name");
        bool used = false;
        for (size_t j = 0; !used && j < count_of(doc, "Operations"); j++)
            used = spreads(item(doc, "Operations", j), name);
        for (size_t j = 0; !used && j < count_of(doc, "Fragments"); j++)
            used = j != i && spreads(item(doc, "Fragments", j), name);
        if (!used)
            return rg_graphql_error_at(arena, f, rg_arena_printf(
                arena, "Fragment \"%s\" is never used", name));
    }
    return NULL;
}

const char *rg_graphql_check_document(rg_arena *arena, const rg_value *doc)
{
    size_t ops = count_of(doc, "Operations");
    for (size_t i = 0; i < ops && ops > 1; i++) {
        const rg_value *op = item(doc, "Operations", i);
        if (!rg_graphql_str(op, "Name")[0])
            return rg_graphql_error_at(arena, op, "This anonymous operation "
                                       "must be the only defined operation");
    }
    const char *e = unique_names(arena, doc, "Operations", "operation");
    if (!e)
        e = unique_names(arena, doc, "Fragments", "fragment");
    for (size_t i = 0; !e && i < ops; i++)
        e = unique_arguments(arena, item(doc, "Operations", i));
    for (size_t i = 0; !e && i < count_of(doc, "Fragments"); i++)
        e = unique_arguments(arena, item(doc, "Fragments", i));
    return e ? e : used_fragments(arena, doc);
}
