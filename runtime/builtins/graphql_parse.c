/*
 * GraphQL parsing into pruned gqlparser-shaped values.  The grammar and
 * the error texts ("Expected Name, found <EOF>", "Unexpected Name \"x\"",
 * "expected at least one definition, found }") follow gqlparser, which
 * stops at the first error.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "runtime/builtins/graphql.h"
#include "runtime/builtins/graphql_lex.h"

typedef struct parser {
    rg_arena *arena;
    rg_gql_lexer lx;
    rg_gql_token peek, prev;
    const char *err;            /* first error, formatted */
    int depth;                  /* nesting of selections, values, types */
} parser;

/* Nesting of selection sets, values and types accepted; deeper input is
 * an error instead of unbounded recursion. */
#define GRAPHQL_DEPTH_MAX 256

/* ---- Value builders ---------------------------------------------------- */

typedef struct list {
    rg_arena *arena;
    const rg_value **items;
    size_t count, cap;
} list;

#define LIST(p) { (p)->arena, NULL, 0, 0 }

static rg_builder *obj(parser *p)
{
    return rg_object_builder(p->arena, 8);
}

static void put(parser *p, rg_builder *b, const char *key, const rg_value *v)
{
    if (!v)
        return;
    rg_kind k = rg_value_kind(v);
    if ((k == RG_ARRAY || k == RG_OBJECT) && rg_len(v) == 0)
        return;
    rg_builder_put(b, rg_cstring(p->arena, key), v);
}

static void put_str(parser *p, rg_builder *b, const char *key, const char *s)
{
    put(p, b, key, rg_cstring(p->arena, s));
}

/* Record where a node starts; the builtins strip these before
 * returning ASTs, as OPA drops gqlparser's positions. */
static void put_pos(parser *p, rg_builder *b, const rg_gql_token *t)
{
    rg_builder *pos = rg_object_builder(p->arena, 2);
    rg_builder_put(pos, rg_cstring(p->arena, "Line"),
                   rg_int(p->arena, t->line));
    rg_builder_put(pos, rg_cstring(p->arena, "Column"),
                   rg_int(p->arena, t->col));
    rg_builder_put(b, rg_cstring(p->arena, "Position"),
                   rg_builder_finish(pos));
}

static void add(list *l, const rg_value *v)
{
    if (!v)
        return;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        const rg_value **items = rg_arena_alloc(l->arena, cap * sizeof *items);
        if (l->count)
            memcpy(items, l->items, l->count * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count++] = v;
}

static const rg_value *list_value(parser *p, const list *l)
{
    return rg_array(p->arena, l->items, l->count);
}

/* ---- Tokens and errors ------------------------------------------------- */

static void error_at(parser *p, const rg_gql_token *t, const char *fmt, ...)
    RG_PRINTF(3, 4);

static void error_at(parser *p, const rg_gql_token *t, const char *fmt, ...)
{
    if (p->err)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    p->err = rg_arena_printf(p->arena, "%s in GraphQL string at location "
                             "%d:%d", msg, t->line, t->col);
}

static rg_gql_token next(parser *p)
{
    p->prev = p->peek;
    if (!p->err)
        p->peek = rg_graphql_lex_next(&p->lx);
    return p->prev;
}

static void unexpected(parser *p, const rg_gql_token *t)
{
    error_at(p, t, "Unexpected %s", rg_graphql_lex_describe(p->arena, t));
}

static bool skip(parser *p, rg_gql_tok kind)
{
    if (p->err || p->peek.kind != kind)
        return false;
    next(p);
    return true;
}

static rg_gql_token expect(parser *p, rg_gql_tok kind)
{
    if (!p->err && p->peek.kind == kind)
        return next(p);
    error_at(p, &p->peek, "Expected %s, found %s",
             rg_graphql_lex_kind_name(kind),
             rg_graphql_lex_kind_name(p->peek.kind));
    return p->peek;
}

static bool peek_keyword(parser *p, const char *word)
{
    return p->peek.kind == RG_GQL_NAME && strcmp(p->peek.value, word) == 0;
}

static void expect_keyword(parser *p, const char *word)
{
    if (!p->err && peek_keyword(p, word)) {
        next(p);
        return;
    }
    error_at(p, &p->peek, "Expected \"%s\", found %s", word,
             rg_graphql_lex_describe(p->arena, &p->peek));
}

static const char *parse_name(parser *p)
{
    return expect(p, RG_GQL_NAME).value;
}

/* A list between start and end that may be empty; absent when the list
 * does not start. */
typedef void (*item_fn)(parser *p, list *out, bool flag);

static void many(parser *p, rg_gql_tok start, rg_gql_tok end, item_fn fn,
                 list *out, bool flag)
{
    if (!skip(p, start))
        return;
    while (!p->err && !skip(p, end))
        fn(p, out, flag);
}

/* A list between start and end with at least one item. */
static void some(parser *p, rg_gql_tok start, rg_gql_tok end, item_fn fn,
                 list *out, bool flag)
{
    if (!skip(p, start))
        return;
    bool called = false;
    while (!p->err && p->peek.kind != end) {
        called = true;
        fn(p, out, flag);
    }
    if (p->err)
        return;
    if (!called) {
        error_at(p, &p->peek, "expected at least one definition, found %s",
                 rg_graphql_lex_kind_name(p->peek.kind));
        return;
    }
    next(p);
}

/* ---- Values, types, directives ----------------------------------------- */

enum { KIND_VARIABLE, KIND_INT, KIND_FLOAT, KIND_STRING, KIND_BLOCK,
       KIND_BOOLEAN, KIND_NULL, KIND_ENUM, KIND_LIST, KIND_OBJECT };

static const rg_value *parse_value(parser *p, bool is_const);

static const rg_value *value_node(parser *p, const char *raw, int kind,
                                  const rg_value *children)
{
    rg_builder *b = obj(p);
    put_str(p, b, "Raw", raw);
    put(p, b, "Children", children);
    put(p, b, "Kind", rg_int(p->arena, kind));
    put(p, b, "ExpectedTypeHasDefault", rg_bool(false));
    return rg_builder_finish(b);
}

static const rg_value *child(parser *p, const char *name, const rg_value *v)
{
    rg_builder *b = obj(p);
    put_str(p, b, "Name", name);
    put(p, b, "Value", v);
    return rg_builder_finish(b);
}

static void list_item(parser *p, list *out, bool is_const)
{
    add(out, child(p, "", parse_value(p, is_const)));
}

static void object_field(parser *p, list *out, bool is_const)
{
    const char *name = parse_name(p);
    expect(p, RG_GQL_COLON);
    add(out, child(p, name, parse_value(p, is_const)));
}

static const rg_value *parse_value_at(parser *p, bool is_const);

static bool enter(parser *p)
{
    if (++p->depth <= GRAPHQL_DEPTH_MAX)
        return true;
    error_at(p, &p->peek, "Nesting deeper than %d levels",
             GRAPHQL_DEPTH_MAX);
    return false;
}

static const rg_value *parse_value(parser *p, bool is_const)
{
    const rg_value *v = enter(p) ? parse_value_at(p, is_const) : NULL;
    p->depth--;
    return v;
}

static const rg_value *parse_value_at(parser *p, bool is_const)
{
    rg_gql_token t = p->peek;
    list l = LIST(p);
    int kind;
    switch (t.kind) {
    case RG_GQL_BRACKET_L:
        many(p, RG_GQL_BRACKET_L, RG_GQL_BRACKET_R, list_item, &l, is_const);
        return value_node(p, "", KIND_LIST, list_value(p, &l));
    case RG_GQL_BRACE_L:
        many(p, RG_GQL_BRACE_L, RG_GQL_BRACE_R, object_field, &l, is_const);
        return value_node(p, "", KIND_OBJECT, list_value(p, &l));
    case RG_GQL_DOLLAR:
        if (is_const) {
            unexpected(p, &t);
            return NULL;
        }
        next(p);
        const char *var = parse_name(p);
        rg_builder *vb = obj(p);
        put_str(p, vb, "Raw", var);
        put(p, vb, "Kind", rg_int(p->arena, KIND_VARIABLE));
        put(p, vb, "ExpectedTypeHasDefault", rg_bool(false));
        put_pos(p, vb, &t);
        return rg_builder_finish(vb);
    case RG_GQL_INT: kind = KIND_INT; break;
    case RG_GQL_FLOAT: kind = KIND_FLOAT; break;
    case RG_GQL_STRING: kind = KIND_STRING; break;
    case RG_GQL_BLOCK_STRING: kind = KIND_BLOCK; break;
    case RG_GQL_NAME:
        kind = strcmp(t.value, "true") == 0 || strcmp(t.value, "false") == 0
                   ? KIND_BOOLEAN
                   : strcmp(t.value, "null") == 0 ? KIND_NULL : KIND_ENUM;
        break;
    default:
        unexpected(p, &t);
        return NULL;
    }
    next(p);
    return value_node(p, t.value, kind, NULL);
}

static const rg_value *parse_type(parser *p)
{
    rg_builder *b = obj(p);
    if (skip(p, RG_GQL_BRACKET_L)) {
        if (enter(p))
            put(p, b, "Elem", parse_type(p));
        p->depth--;
        expect(p, RG_GQL_BRACKET_R);
        put_str(p, b, "NamedType", "");
    } else {
        put_str(p, b, "NamedType", parse_name(p));
    }
    put(p, b, "NonNull", rg_bool(skip(p, RG_GQL_BANG)));
    return rg_builder_finish(b);
}

static void argument(parser *p, list *out, bool is_const)
{
    rg_builder *b = obj(p);
    put_pos(p, b, &p->peek);
    put_str(p, b, "Name", parse_name(p));
    expect(p, RG_GQL_COLON);
    put(p, b, "Value", parse_value(p, is_const));
    add(out, rg_builder_finish(b));
}

static const rg_value *parse_arguments(parser *p, bool is_const)
{
    list l = LIST(p);
    many(p, RG_GQL_PAREN_L, RG_GQL_PAREN_R, argument, &l, is_const);
    return list_value(p, &l);
}

static const rg_value *parse_directives(parser *p, bool is_const)
{
    list l = LIST(p);
    while (!p->err && p->peek.kind == RG_GQL_AT) {
        rg_builder *b = obj(p);
        put_pos(p, b, &p->peek);
        next(p);
        put_str(p, b, "Name", parse_name(p));
        put(p, b, "Arguments", parse_arguments(p, is_const));
        put_str(p, b, "Location", "");
        add(&l, rg_builder_finish(b));
    }
    return list_value(p, &l);
}

/* ---- Executable documents ---------------------------------------------- */

static const rg_value *parse_selection_set(parser *p, bool required);

static void variable_definition(parser *p, list *out, bool unused)
{
    (void)unused;
    rg_builder *b = obj(p);
    put_pos(p, b, &p->peek);
    expect(p, RG_GQL_DOLLAR);
    put_str(p, b, "Variable", parse_name(p));
    expect(p, RG_GQL_COLON);
    put(p, b, "Type", parse_type(p));
    if (skip(p, RG_GQL_EQUALS))
        put(p, b, "DefaultValue", parse_value(p, true));
    put(p, b, "Directives", parse_directives(p, false));
    put(p, b, "Used", rg_bool(false));
    add(out, rg_builder_finish(b));
}

static const rg_value *variable_definitions(parser *p)
{
    list l = LIST(p);
    many(p, RG_GQL_PAREN_L, RG_GQL_PAREN_R, variable_definition, &l, false);
    return list_value(p, &l);
}

static const rg_value *parse_field(parser *p)
{
    rg_builder *b = obj(p);
    put_pos(p, b, &p->peek);
    const char *alias = parse_name(p);
    const char *name = alias;
    if (skip(p, RG_GQL_COLON))
        name = parse_name(p);
    put_str(p, b, "Alias", alias);
    put_str(p, b, "Name", name);
    put(p, b, "Arguments", parse_arguments(p, false));
    put(p, b, "Directives", parse_directives(p, false));
    if (p->peek.kind == RG_GQL_BRACE_L)
        put(p, b, "SelectionSet", parse_selection_set(p, false));
    return rg_builder_finish(b);
}

static const char *fragment_name(parser *p)
{
    if (peek_keyword(p, "on")) {
        unexpected(p, &p->peek);
        return "";
    }
    return parse_name(p);
}

static const rg_value *parse_fragment(parser *p)
{
    rg_builder *b = obj(p);
    put_pos(p, b, &p->peek);
    expect(p, RG_GQL_SPREAD);
    if (p->peek.kind == RG_GQL_NAME && !peek_keyword(p, "on")) {
        put_str(p, b, "Name", fragment_name(p));
        put(p, b, "Directives", parse_directives(p, false));
        return rg_builder_finish(b);
    }
    const char *cond = "";
    if (peek_keyword(p, "on")) {
        next(p);
        cond = parse_name(p);
    }
    put_str(p, b, "TypeCondition", cond);
    put(p, b, "Directives", parse_directives(p, false));
    put(p, b, "SelectionSet", parse_selection_set(p, true));
    return rg_builder_finish(b);
}

static void selection(parser *p, list *out, bool unused)
{
    (void)unused;
    add(out, p->peek.kind == RG_GQL_SPREAD ? parse_fragment(p)
                                           : parse_field(p));
}

static const rg_value *parse_selection_set(parser *p, bool required)
{
    if (required && p->peek.kind != RG_GQL_BRACE_L) {
        error_at(p, &p->peek, "Expected {, found %s",
                 rg_graphql_lex_kind_name(p->peek.kind));
        return NULL;
    }
    list l = LIST(p);
    if (enter(p))
        some(p, RG_GQL_BRACE_L, RG_GQL_BRACE_R, selection, &l, false);
    p->depth--;
    return list_value(p, &l);
}

static const char *operation_type(parser *p)
{
    rg_gql_token t = expect(p, RG_GQL_NAME);
    if (!p->err && strcmp(t.value, "query") != 0 &&
        strcmp(t.value, "mutation") != 0 &&
        strcmp(t.value, "subscription") != 0)
        unexpected(p, &t);
    return t.value;
}

static const rg_value *parse_operation(parser *p)
{
    rg_builder *b = obj(p);
    put_pos(p, b, &p->peek);
    if (p->peek.kind == RG_GQL_BRACE_L) {
        put_str(p, b, "Operation", "query");
        put_str(p, b, "Name", "");
        put(p, b, "SelectionSet", parse_selection_set(p, true));
        return rg_builder_finish(b);
    }
    put_str(p, b, "Operation", operation_type(p));
    put_str(p, b, "Name", p->peek.kind == RG_GQL_NAME ? next(p).value : "");
    put(p, b, "VariableDefinitions", variable_definitions(p));
    put(p, b, "Directives", parse_directives(p, false));
    put(p, b, "SelectionSet", parse_selection_set(p, true));
    return rg_builder_finish(b);
}

static const rg_value *parse_fragment_definition(parser *p)
{
    rg_builder *b = obj(p);
    put_pos(p, b, &p->peek);
    expect_keyword(p, "fragment");
    put_str(p, b, "Name", fragment_name(p));
    put(p, b, "VariableDefinition", variable_definitions(p));
    expect_keyword(p, "on");
    put_str(p, b, "TypeCondition", parse_name(p));
    put(p, b, "Directives", parse_directives(p, false));
    put(p, b, "SelectionSet", parse_selection_set(p, true));
    return rg_builder_finish(b);
}

static void start(parser *p, rg_arena *arena, const char *src, size_t len)
{
    memset(p, 0, sizeof *p);
    p->arena = arena;
    rg_graphql_lex_init(&p->lx, arena, src, len);
    p->peek = rg_graphql_lex_next(&p->lx);
}

const rg_value *rg_graphql_parse_query(rg_arena *arena, const char *src,
                                       size_t len, const char **err)
{
    parser p;
    start(&p, arena, src, len);
    list ops = LIST(&p), frags = LIST(&p);
    while (!p.err && p.peek.kind != RG_GQL_EOF) {
        if (p.peek.kind == RG_GQL_BRACE_L || peek_keyword(&p, "query") ||
            peek_keyword(&p, "mutation") || peek_keyword(&p, "subscription"))
            add(&ops, parse_operation(&p));
        else if (peek_keyword(&p, "fragment"))
            add(&frags, parse_fragment_definition(&p));
        else
            unexpected(&p, &p.peek);
    }
    if (!p.err && p.peek.kind == RG_GQL_INVALID)
        unexpected(&p, &p.peek);
    *err = p.err;
    if (p.err)
        return NULL;
    rg_builder *b = obj(&p);
    put(&p, b, "Operations", list_value(&p, &ops));
    put(&p, b, "Fragments", list_value(&p, &frags));
    return rg_builder_finish(b);
}

/* ---- Schema documents -------------------------------------------------- */

/* The description string before a definition, or NULL. */
static const char *optional_description(parser *p)
{
    if (p->peek.kind == RG_GQL_STRING || p->peek.kind == RG_GQL_BLOCK_STRING)
        return next(p).value;
    return NULL;
}

static const char *description(parser *p)
{
    const char *d = optional_description(p);
    return d ? d : "";
}

static void input_value(parser *p, list *out, bool is_field)
{
    rg_builder *b = obj(p);
    put_str(p, b, "Description", description(p));
    put_str(p, b, "Name", parse_name(p));
    expect(p, RG_GQL_COLON);
    put(p, b, "Type", parse_type(p));
    if (skip(p, RG_GQL_EQUALS))
        put(p, b, "DefaultValue", parse_value(p, true));
    put(p, b, "Directives", parse_directives(p, true));
    (void)is_field;
    add(out, rg_builder_finish(b));
}

static const rg_value *argument_defs(parser *p)
{
    list l = LIST(p);
    many(p, RG_GQL_PAREN_L, RG_GQL_PAREN_R, input_value, &l, false);
    return list_value(p, &l);
}

static void field_def(parser *p, list *out, bool unused)
{
    (void)unused;
    rg_builder *b = obj(p);
    put_str(p, b, "Description", description(p));
    put_str(p, b, "Name", parse_name(p));
    put(p, b, "Arguments", argument_defs(p));
    expect(p, RG_GQL_COLON);
    put(p, b, "Type", parse_type(p));
    put(p, b, "Directives", parse_directives(p, true));
    add(out, rg_builder_finish(b));
}

static void enum_value(parser *p, list *out, bool unused)
{
    (void)unused;
    rg_builder *b = obj(p);
    put_str(p, b, "Description", description(p));
    put_str(p, b, "Name", parse_name(p));
    put(p, b, "Directives", parse_directives(p, true));
    add(out, rg_builder_finish(b));
}

/* Names separated by sep, optionally led by one sep. */
static const rg_value *name_list(parser *p, rg_gql_tok sep)
{
    list l = LIST(p);
    skip(p, sep);
    add(&l, rg_cstring(p->arena, parse_name(p)));
    while (!p->err && skip(p, sep))
        add(&l, rg_cstring(p->arena, parse_name(p)));
    return list_value(p, &l);
}

typedef struct def_parts {
    const rg_value *interfaces, *directives, *fields, *types, *values;
} def_parts;

/* The body of a type definition or extension of the given keyword. */
static void definition_body(parser *p, const char *kw, def_parts *d)
{
    memset(d, 0, sizeof *d);
    list l = LIST(p);
    if ((strcmp(kw, "type") == 0 || strcmp(kw, "interface") == 0) &&
        peek_keyword(p, "implements")) {
        next(p);
        d->interfaces = name_list(p, RG_GQL_AMP);
    }
    d->directives = parse_directives(p, true);
    if (strcmp(kw, "type") == 0 || strcmp(kw, "interface") == 0) {
        some(p, RG_GQL_BRACE_L, RG_GQL_BRACE_R, field_def, &l, false);
        d->fields = list_value(p, &l);
    } else if (strcmp(kw, "input") == 0) {
        some(p, RG_GQL_BRACE_L, RG_GQL_BRACE_R, input_value, &l, true);
        d->fields = list_value(p, &l);
    } else if (strcmp(kw, "enum") == 0) {
        some(p, RG_GQL_BRACE_L, RG_GQL_BRACE_R, enum_value, &l, false);
        d->values = list_value(p, &l);
    } else if (strcmp(kw, "union") == 0 && skip(p, RG_GQL_EQUALS)) {
        d->types = name_list(p, RG_GQL_PIPE);
    }
}

static const char *kind_of(const char *kw)
{
    static const char *const map[][2] = {
        { "scalar", "SCALAR" }, { "type", "OBJECT" },
        { "interface", "INTERFACE" }, { "union", "UNION" },
        { "enum", "ENUM" }, { "input", "INPUT_OBJECT" },
    };
    for (size_t i = 0; i < RG_ARRAY_LEN(map); i++)
        if (strcmp(map[i][0], kw) == 0)
            return map[i][1];
    return NULL;
}

static const rg_value *definition(parser *p, const char *desc, bool extension)
{
    const char *kw = next(p).value;
    rg_builder *b = obj(p);
    put_str(p, b, "Kind", kind_of(kw));
    put_str(p, b, "Description", desc);
    put_str(p, b, "Name", parse_name(p));
    def_parts d;
    definition_body(p, kw, &d);
    if (extension && !p->err && rg_len(d.directives) == 0 &&
        (!d.interfaces || !rg_len(d.interfaces)) &&
        (!d.fields || !rg_len(d.fields)) && (!d.types || !rg_len(d.types)) &&
        (!d.values || !rg_len(d.values)))
        unexpected(p, &p->peek);
    put(p, b, "Directives", d.directives);
    put(p, b, "Interfaces", d.interfaces);
    put(p, b, "Fields", d.fields);
    put(p, b, "Types", d.types);
    put(p, b, "EnumValues", d.values);
    put(p, b, "BuiltIn", rg_bool(false));
    return rg_builder_finish(b);
}

static void operation_type_def(parser *p, list *out, bool unused)
{
    (void)unused;
    rg_builder *b = obj(p);
    put_str(p, b, "Operation", operation_type(p));
    expect(p, RG_GQL_COLON);
    put_str(p, b, "Type", parse_name(p));
    add(out, rg_builder_finish(b));
}

static const rg_value *schema_definition(parser *p, const char *desc,
                                         bool extension)
{
    expect_keyword(p, "schema");
    rg_builder *b = obj(p);
    put_str(p, b, "Description", desc);
    const rg_value *dirs = parse_directives(p, true);
    list l = LIST(p);
    some(p, RG_GQL_BRACE_L, RG_GQL_BRACE_R, operation_type_def, &l, false);
    if (extension && !p->err && rg_len(dirs) == 0 && l.count == 0)
        unexpected(p, &p->peek);
    put(p, b, "Directives", dirs);
    put(p, b, "OperationTypes", list_value(p, &l));
    return rg_builder_finish(b);
}

static const char *const locations[] = {
    "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION",
    "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA",
    "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION",
    "INTERFACE", "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT",
    "INPUT_FIELD_DEFINITION",
};

static const rg_value *directive_location(parser *p)
{
    const char *name = parse_name(p);
    for (size_t i = 0; i < RG_ARRAY_LEN(locations); i++)
        if (strcmp(locations[i], name) == 0)
            return rg_cstring(p->arena, name);
    if (!p->err)
        unexpected(p, &p->prev);
    return NULL;
}

static const rg_value *directive_definition(parser *p, const char *desc)
{
    expect_keyword(p, "directive");
    expect(p, RG_GQL_AT);
    rg_builder *b = obj(p);
    put_str(p, b, "Description", desc);
    put_str(p, b, "Name", parse_name(p));
    put(p, b, "Arguments", argument_defs(p));
    bool repeatable = peek_keyword(p, "repeatable");
    if (repeatable)
        next(p);
    put(p, b, "IsRepeatable", rg_bool(repeatable));
    expect_keyword(p, "on");
    list l = LIST(p);
    skip(p, RG_GQL_PIPE);
    add(&l, directive_location(p));
    while (!p->err && skip(p, RG_GQL_PIPE))
        add(&l, directive_location(p));
    put(p, b, "Locations", list_value(p, &l));
    return rg_builder_finish(b);
}

typedef struct schema_doc {
    list schema, schema_ext, directives, definitions, extensions;
} schema_doc;

static void extension(parser *p, schema_doc *doc)
{
    expect_keyword(p, "extend");
    if (peek_keyword(p, "schema"))
        add(&doc->schema_ext, schema_definition(p, "", true));
    else if (p->peek.kind == RG_GQL_NAME && kind_of(p->peek.value))
        add(&doc->extensions, definition(p, "", true));
    else
        unexpected(p, &p->peek);
}

static void schema_item(parser *p, schema_doc *doc)
{
    const char *desc = optional_description(p);
    bool described = desc != NULL;
    if (!desc)
        desc = "";
    if (p->peek.kind != RG_GQL_NAME) {
        unexpected(p, &p->peek);
        return;
    }
    const char *kw = p->peek.value;
    if (kind_of(kw))
        add(&doc->definitions, definition(p, desc, false));
    else if (strcmp(kw, "schema") == 0)
        add(&doc->schema, schema_definition(p, desc, false));
    else if (strcmp(kw, "directive") == 0)
        add(&doc->directives, directive_definition(p, desc));
    else if (strcmp(kw, "extend") == 0 && described)
        unexpected(p, &p->prev);
    else if (strcmp(kw, "extend") == 0)
        extension(p, doc);
    else
        unexpected(p, &p->peek);
}

const rg_value *rg_graphql_parse_schema(rg_arena *arena, const char *src,
                                        size_t len, const char **err)
{
    parser p;
    start(&p, arena, src, len);
    schema_doc doc = { LIST(&p), LIST(&p), LIST(&p), LIST(&p), LIST(&p) };
    while (!p.err && p.peek.kind != RG_GQL_EOF)
        schema_item(&p, &doc);
    *err = p.err;
    if (p.err)
        return NULL;
    rg_builder *b = obj(&p);
    put(&p, b, "Schema", list_value(&p, &doc.schema));
    put(&p, b, "SchemaExtension", list_value(&p, &doc.schema_ext));
    put(&p, b, "Directives", list_value(&p, &doc.directives));
    put(&p, b, "Definitions", list_value(&p, &doc.definitions));
    put(&p, b, "Extensions", list_value(&p, &doc.extensions));
    return rg_builder_finish(b);
}

const rg_value *rg_graphql_strip_positions(rg_arena *arena, const rg_value *v)
{
    rg_kind k = rg_value_kind(v);
    if (k == RG_ARRAY) {
        size_t n = rg_len(v);
        const rg_value **items = rg_arena_alloc(arena, (n + 1) *
                                                       sizeof *items);
        for (size_t i = 0; i < n; i++)
            items[i] = rg_graphql_strip_positions(arena, rg_array_at(v, i));
        return rg_array(arena, items, n);
    }
    if (k != RG_OBJECT)
        return v;
    rg_builder *b = rg_object_builder(arena, rg_len(v));
    for (size_t i = 0; i < rg_len(v); i++) {
        const rg_value *key = rg_object_key_at(v, i);
        if (rg_value_kind(key) == RG_STRING &&
            strcmp(rg_string_bytes(key), "Position") == 0)
            continue;
        rg_builder_put(b, key, rg_graphql_strip_positions(
                                   arena, rg_object_value_at(v, i)));
    }
    return rg_builder_finish(b);
}
