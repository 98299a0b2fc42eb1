/*
 * JSON Schema checking: the keyword value checks gojsonschema makes when
 * it compiles a schema, with its messages.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "runtime/builtins/jsonschema.h"

/* Deepest schema nesting checked; deeper schemas are rejected rather
 * than recursing without bound. */
#define SCHEMA_DEPTH_MAX 256

static const char *const type_names[] = {
    "array", "boolean", "integer", "number", "null", "object", "string",
};

static const char *check(rg_arena *arena, const rg_value *s, int depth);

static const char *check_type_name(rg_arena *arena, const rg_value *t)
{
    if (rg_value_kind(t) != RG_STRING)
        return "type must be of a string/array of strings";
    for (size_t i = 0; i < RG_ARRAY_LEN(type_names); i++)
        if (strcmp(type_names[i], rg_string_bytes(t)) == 0)
            return NULL;
    return rg_arena_printf(arena, "has a primitive type that is NOT VALID -- "
                           "given: /%s/ Expected valid values are:[array "
                           "boolean integer number null object string]",
                           rg_string_bytes(t));
}

static const char *check_type(rg_arena *arena, const rg_value *t)
{
    if (rg_value_kind(t) != RG_ARRAY)
        return check_type_name(arena, t);
    for (size_t i = 0; i < rg_len(t); i++) {
        const char *e = check_type_name(arena, rg_array_at(t, i));
        if (e)
            return e;
        for (size_t j = 0; j < i; j++)
            if (rg_value_equal(rg_array_at(t, i), rg_array_at(t, j)))
                return rg_arena_printf(arena, "%s type is duplicated",
                                       rg_string_bytes(rg_array_at(t, i)));
    }
    return NULL;
}

static const char *check_map(rg_arena *arena, const rg_value *m,
                             const char *key, int depth)
{
    if (rg_value_kind(m) != RG_OBJECT)
        return rg_arena_printf(arena, "%s must be of an object", key);
    for (size_t i = 0; i < rg_len(m); i++) {
        const char *e = check(arena, rg_object_value_at(m, i), depth + 1);
        if (e)
            return e;
    }
    return NULL;
}

static const char *check_list(rg_arena *arena, const rg_value *l,
                              const char *key, int depth)
{
    if (rg_value_kind(l) != RG_ARRAY || rg_len(l) == 0)
        return rg_arena_printf(arena, "%s must be of an array", key);
    for (size_t i = 0; i < rg_len(l); i++) {
        const char *e = check(arena, rg_array_at(l, i), depth + 1);
        if (e)
            return e;
    }
    return NULL;
}

static const char *check_regex(rg_arena *arena, const rg_value *p,
                               const char *key)
{
    if (rg_value_kind(p) != RG_STRING)
        return rg_arena_printf(arena, "%s must be of type string", key);
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)rg_string_bytes(p),
                                   rg_string_len(p), PCRE2_UTF, &code, &off,
                                   NULL);
    if (!re)
        return rg_arena_printf(arena, "%s must be a valid regex", key);
    pcre2_code_free(re);
    return NULL;
}

static const char *check_number(rg_arena *arena, const rg_value *v,
                                const char *key, bool non_negative)
{
    if (rg_value_kind(v) != RG_NUMBER)
        return rg_arena_printf(arena, "%s must be of a number", key);
    if (non_negative && rg_number_double(v) < 0)
        return rg_arena_printf(arena, "%s must be greater than or equal to 0",
                               key);
    return NULL;
}

static const char *check_required(rg_arena *arena, const rg_value *r)
{
    if (rg_value_kind(r) != RG_ARRAY)
        return "required must be of an array";
    for (size_t i = 0; i < rg_len(r); i++) {
        if (rg_value_kind(rg_array_at(r, i)) != RG_STRING)
            return "required items must be string";
        for (size_t j = 0; j < i; j++)
            if (rg_value_equal(rg_array_at(r, i), rg_array_at(r, j)))
                return "required items must be unique";
    }
    (void)arena;
    return NULL;
}

typedef const char *(*keyword_check)(rg_arena *, const rg_value *,
                                     const char *, int);

static const char *schema_kw(rg_arena *a, const rg_value *v, const char *k,
                             int d)
{
    (void)k;
    return check(a, v, d + 1);
}

static const char *items_kw(rg_arena *a, const rg_value *v, const char *k,
                            int d)
{
    return rg_value_kind(v) == RG_ARRAY ? check_list(a, v, k, d)
                                        : check(a, v, d + 1);
}

static const char *count_kw(rg_arena *a, const rg_value *v, const char *k,
                            int d)
{
    (void)d;
    return check_number(a, v, k, true);
}

static const char *number_kw(rg_arena *a, const rg_value *v, const char *k,
                             int d)
{
    (void)d;
    if (rg_value_kind(v) == RG_BOOLEAN && strncmp(k, "exclusive", 9) == 0)
        return NULL;
    return check_number(a, v, k, false);
}

static const char *multiple_kw(rg_arena *a, const rg_value *v, const char *k,
                               int d)
{
    (void)d;
    const char *e = check_number(a, v, k, false);
    if (!e && rg_number_double(v) <= 0)
        e = rg_arena_printf(a, "%s must be strictly greater than 0",
                            rg_number_text(a, v));
    return e;
}

static const char *pattern_kw(rg_arena *a, const rg_value *v, const char *k,
                              int d)
{
    (void)d;
    return check_regex(a, v, k);
}

static const char *pattern_props_kw(rg_arena *a, const rg_value *v,
                                    const char *k, int d)
{
    const char *e = check_map(a, v, k, d);
    for (size_t i = 0; !e && i < rg_len(v); i++)
        e = check_regex(a, rg_object_key_at(v, i), k);
    return e;
}

static const char *map_kw(rg_arena *a, const rg_value *v, const char *k,
                          int d)
{
    return check_map(a, v, k, d);
}

static const char *list_kw(rg_arena *a, const rg_value *v, const char *k,
                           int d)
{
    return check_list(a, v, k, d);
}

static const char *type_kw(rg_arena *a, const rg_value *v, const char *k,
                           int d)
{
    (void)k;
    (void)d;
    return check_type(a, v);
}

static const char *required_kw(rg_arena *a, const rg_value *v, const char *k,
                               int d)
{
    (void)k;
    (void)d;
    return check_required(a, v);
}

static const char *enum_kw(rg_arena *a, const rg_value *v, const char *k,
                           int d)
{
    (void)d;
    if (rg_value_kind(v) != RG_ARRAY)
        return rg_arena_printf(a, "%s must be of an array", k);
    for (size_t i = 0; i < rg_len(v); i++)
        for (size_t j = 0; j < i; j++)
            if (rg_value_equal(rg_array_at(v, i), rg_array_at(v, j)))
                return rg_arena_printf(a, "%s items must be unique", k);
    return NULL;
}

static const char *dependencies_kw(rg_arena *a, const rg_value *v,
                                   const char *k, int d)
{
    if (rg_value_kind(v) != RG_OBJECT)
        return rg_arena_printf(a, "%s must be of an object", k);
    for (size_t i = 0; i < rg_len(v); i++) {
        const rg_value *dep = rg_object_value_at(v, i);
        if (rg_value_kind(dep) == RG_ARRAY)
            continue;
        const char *e = check(a, dep, d + 1);
        if (e)
            return e;
    }
    return NULL;
}

typedef struct keyword {
    const char *name;
    keyword_check fn;
} keyword;

static const keyword keywords[] = {
    { "type", type_kw }, { "properties", map_kw },
    { "patternProperties", pattern_props_kw },
    { "additionalProperties", schema_kw }, { "propertyNames", schema_kw },
    { "definitions", map_kw }, { "$defs", map_kw },
    { "items", items_kw }, { "additionalItems", schema_kw },
    { "contains", schema_kw }, { "not", schema_kw }, { "if", schema_kw },
    { "then", schema_kw }, { "else", schema_kw }, { "allOf", list_kw },
    { "anyOf", list_kw }, { "oneOf", list_kw }, { "required", required_kw },
    { "enum", enum_kw }, { "dependencies", dependencies_kw },
    { "minLength", count_kw }, { "maxLength", count_kw },
    { "minItems", count_kw }, { "maxItems", count_kw },
    { "minProperties", count_kw }, { "maxProperties", count_kw },
    { "minimum", number_kw }, { "maximum", number_kw },
    { "exclusiveMinimum", number_kw }, { "exclusiveMaximum", number_kw },
    { "multipleOf", multiple_kw }, { "pattern", pattern_kw },
};

static const char *check(rg_arena *arena, const rg_value *s, int depth)
{
    if (rg_value_kind(s) == RG_BOOLEAN)
        return NULL;
    if (rg_value_kind(s) != RG_OBJECT)
        return "Invalid type. Expected: valid schema, given: Invalid JSON";
    if (depth > SCHEMA_DEPTH_MAX)
        return "schema nested too deeply";
    for (size_t i = 0; i < RG_ARRAY_LEN(keywords); i++) {
        const char *k = keywords[i].name;
        const rg_value *v = rg_object_get_str(s, k, strlen(k));
        if (!v)
            continue;
        const char *e = keywords[i].fn(arena, v, k, depth);
        if (e)
            return e;
    }
    return NULL;
}

const char *rg_jsonschema_check(rg_arena *arena, const rg_value *schema)
{
    return check(arena, schema, 0);
}
