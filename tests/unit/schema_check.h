/*
 * A JSON Schema (draft-07) validator for the subset of keywords the
 * scanner's schema and the SARIF 2.1.0 schema use: type, properties,
 * required, additionalProperties, items, minItems, uniqueItems, enum,
 * const, minimum, maximum, minLength, pattern, $ref (local JSON
 * pointers), anyOf, oneOf and allOf.  Annotations (title, description,
 * default, format) are not checked.  For tests only.
 */
#ifndef RG_SCHEMA_CHECK_H
#define RG_SCHEMA_CHECK_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <string.h>

#include "runtime/value.h"

/* Errors printed before the rest are only counted. */
#define SCHEMA_PRINT_MAX 20

typedef struct schema_ctx {
    const rg_value *root;
    int errors;
    int quiet;                  /* > 0 while trying anyOf/oneOf branches */
} schema_ctx;

static bool schema_validate(schema_ctx *c, const rg_value *schema,
                            const rg_value *inst, const char *where);

static const rg_value *sk(const rg_value *obj, const char *key)
{
    if (obj == NULL || rg_value_kind(obj) != RG_OBJECT)
        return NULL;
    return rg_object_get_str(obj, key, strlen(key));
}

static void schema_fail(schema_ctx *c, const char *where, const char *what)
{
    c->errors++;
    if (c->quiet == 0 && c->errors <= SCHEMA_PRINT_MAX)
        fprintf(stderr, "schema: %s: %s\n", where[0] ? where : "/", what);
}

static const rg_value *schema_ref(schema_ctx *c, const char *ref)
{
    if (ref[0] != '#')
        return NULL;
    const rg_value *v = c->root;
    const char *p = ref + 1;
    while (v && *p == '/') {
        p++;
        char key[256];
        size_t n = 0;
        for (; *p && *p != '/' && n + 1 < sizeof key; p++) {
            if (p[0] == '~' && p[1] == '1') {
                key[n++] = '/';
                p++;
            } else if (p[0] == '~' && p[1] == '0') {
                key[n++] = '~';
                p++;
            } else {
                key[n++] = *p;
            }
        }
        key[n] = '\0';
        v = sk(v, key);
    }
    return v;
}

static bool schema_type_is(const rg_value *inst, const char *type)
{
    rg_kind k = rg_value_kind(inst);
    if (strcmp(type, "integer") == 0)
        return k == RG_NUMBER && rg_number_is_integer(inst);
    static const char *const names[] = {"null", "boolean", "number",
                                        "string", "array", "object"};
    for (int i = 0; i < 6; i++)
        if (strcmp(type, names[i]) == 0)
            return (int)k == i;
    return false;
}

static bool schema_type(schema_ctx *c, const rg_value *t,
                        const rg_value *inst, const char *where)
{
    bool ok = false;
    if (rg_value_kind(t) == RG_STRING)
        ok = schema_type_is(inst, rg_string_bytes(t));
    for (size_t i = 0; rg_value_kind(t) == RG_ARRAY && i < rg_len(t); i++)
        ok = ok || schema_type_is(inst, rg_string_bytes(rg_array_at(t, i)));
    if (!ok)
        schema_fail(c, where, "wrong type");
    return ok;
}

static size_t schema_chars(const rg_value *s)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)rg_string_bytes(s);
    for (size_t i = 0; i < rg_string_len(s); i++)
        n += (p[i] & 0xc0) != 0x80;
    return n;
}

static bool schema_pattern(const char *pattern, const char *s)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern,
                                   PCRE2_ZERO_TERMINATED, PCRE2_UTF,
                                   &code, &off, NULL);
    if (re == NULL)
        return true;    /* a pattern PCRE2 cannot read is not judged */
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return rc >= 0;
}

static void schema_where(char *out, size_t size, const char *where,
                         const char *key)
{
    snprintf(out, size, "%s/%s", where, key);
}

static bool schema_object(schema_ctx *c, const rg_value *s,
                          const rg_value *inst, const char *where)
{
    bool ok = true;
    const rg_value *req = sk(s, "required");
    for (size_t i = 0; req && i < rg_len(req); i++) {
        const rg_value *name = rg_array_at(req, i);
        if (rg_object_get(inst, name) == NULL) {
            char msg[300];
            snprintf(msg, sizeof msg, "missing required \"%s\"",
                     rg_string_bytes(name));
            schema_fail(c, where, msg);
            ok = false;
        }
    }
    const rg_value *props = sk(s, "properties");
    const rg_value *extra = sk(s, "additionalProperties");
    for (size_t i = 0; i < rg_len(inst); i++) {
        const rg_value *key = rg_object_key_at(inst, i);
        const rg_value *sub = props ? rg_object_get(props, key) : NULL;
        char at[1024];
        schema_where(at, sizeof at, where, rg_string_bytes(key));
        if (sub == NULL && extra != NULL &&
            rg_value_kind(extra) == RG_BOOLEAN && !rg_bool_get(extra)) {
            schema_fail(c, at, "property not allowed");
            ok = false;
            continue;
        }
        if (sub == NULL && extra != NULL &&
            rg_value_kind(extra) == RG_OBJECT)
            sub = extra;
        if (sub && !schema_validate(c, sub, rg_object_value_at(inst, i), at))
            ok = false;
    }
    return ok;
}

static bool schema_array(schema_ctx *c, const rg_value *s,
                         const rg_value *inst, const char *where)
{
    bool ok = true;
    const rg_value *min = sk(s, "minItems");
    if (min && (double)rg_len(inst) < rg_number_double(min)) {
        schema_fail(c, where, "too few items");
        ok = false;
    }
    const rg_value *uniq = sk(s, "uniqueItems");
    if (uniq && rg_value_kind(uniq) == RG_BOOLEAN && rg_bool_get(uniq))
        for (size_t i = 0; i < rg_len(inst); i++)
            for (size_t j = i + 1; j < rg_len(inst); j++)
                if (rg_value_equal(rg_array_at(inst, i),
                                   rg_array_at(inst, j))) {
                    schema_fail(c, where, "items are not unique");
                    ok = false;
                }
    const rg_value *items = sk(s, "items");
    for (size_t i = 0; items && rg_value_kind(items) == RG_OBJECT &&
                       i < rg_len(inst); i++) {
        char at[1024], idx[32];
        snprintf(idx, sizeof idx, "%zu", i);
        schema_where(at, sizeof at, where, idx);
        if (!schema_validate(c, items, rg_array_at(inst, i), at))
            ok = false;
    }
    return ok;
}

static bool schema_scalar(schema_ctx *c, const rg_value *s,
                          const rg_value *inst, const char *where)
{
    bool ok = true;
    const rg_value *v;
    if (rg_value_kind(inst) == RG_NUMBER) {
        double d = rg_number_double(inst);
        if ((v = sk(s, "minimum")) && d < rg_number_double(v)) {
            schema_fail(c, where, "below minimum");
            ok = false;
        }
        if ((v = sk(s, "maximum")) && d > rg_number_double(v)) {
            schema_fail(c, where, "above maximum");
            ok = false;
        }
    }
    if (rg_value_kind(inst) == RG_STRING) {
        if ((v = sk(s, "minLength")) &&
            (double)schema_chars(inst) < rg_number_double(v)) {
            schema_fail(c, where, "string too short");
            ok = false;
        }
        if ((v = sk(s, "pattern")) &&
            !schema_pattern(rg_string_bytes(v), rg_string_bytes(inst))) {
            schema_fail(c, where, "string does not match pattern");
            ok = false;
        }
    }
    return ok;
}

static int schema_count_valid(schema_ctx *c, const rg_value *list,
                              const rg_value *inst, const char *where)
{
    int valid = 0;
    for (size_t i = 0; i < rg_len(list); i++) {
        int before = c->errors;
        c->quiet++;
        bool ok = schema_validate(c, rg_array_at(list, i), inst, where);
        c->quiet--;
        c->errors = before;
        valid += ok;
    }
    return valid;
}

static bool schema_combinators(schema_ctx *c, const rg_value *s,
                               const rg_value *inst, const char *where)
{
    bool ok = true;
    const rg_value *v;
    if ((v = sk(s, "anyOf")) && schema_count_valid(c, v, inst, where) == 0) {
        schema_fail(c, where, "matches no anyOf branch");
        ok = false;
    }
    if ((v = sk(s, "oneOf")) && schema_count_valid(c, v, inst, where) != 1) {
        schema_fail(c, where, "does not match exactly one oneOf branch");
        ok = false;
    }
    for (size_t i = 0; (v = sk(s, "allOf")) && i < rg_len(v); i++)
        ok = schema_validate(c, rg_array_at(v, i), inst, where) && ok;
    return ok;
}

static bool schema_enum(schema_ctx *c, const rg_value *s,
                        const rg_value *inst, const char *where)
{
    const rg_value *e = sk(s, "enum");
    bool ok = e == NULL;
    for (size_t i = 0; e && i < rg_len(e); i++)
        ok = ok || rg_value_equal(rg_array_at(e, i), inst);
    const rg_value *k = sk(s, "const");
    if (k && !rg_value_equal(k, inst))
        ok = false;
    if (!ok)
        schema_fail(c, where, "value not allowed (enum or const)");
    return ok;
}

static bool schema_validate(schema_ctx *c, const rg_value *schema,
                            const rg_value *inst, const char *where)
{
    if (rg_value_kind(schema) == RG_BOOLEAN) {
        if (!rg_bool_get(schema))
            schema_fail(c, where, "schema false");
        return rg_bool_get(schema);
    }
    const rg_value *ref = sk(schema, "$ref");
    if (ref != NULL) {
        const rg_value *target = schema_ref(c, rg_string_bytes(ref));
        if (target == NULL) {
            schema_fail(c, where, "unresolved $ref");
            return false;
        }
        return schema_validate(c, target, inst, where);
    }
    const rg_value *type = sk(schema, "type");
    if (type && !schema_type(c, type, inst, where))
        return false;
    bool ok = schema_enum(c, schema, inst, where);
    if (rg_value_kind(inst) == RG_OBJECT)
        ok = schema_object(c, schema, inst, where) && ok;
    if (rg_value_kind(inst) == RG_ARRAY)
        ok = schema_array(c, schema, inst, where) && ok;
    ok = schema_scalar(c, schema, inst, where) && ok;
    return schema_combinators(c, schema, inst, where) && ok;
}

/* Validate inst against schema root; returns the number of errors. */
static int schema_check(const rg_value *root, const rg_value *inst)
{
    schema_ctx c = {root, 0, 0};
    schema_validate(&c, root, inst, "");
    return c.errors;
}

#endif
