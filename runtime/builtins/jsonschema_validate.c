/*
 * JSON Schema validation in gojsonschema's order and wording: the type
 * check first, then the combinators (anyOf, oneOf, allOf, not,
 * dependencies, if/then/else), then the kind's own keywords, then enum
 * and const, then the properties of objects.  Each error carries its
 * type, its field ("(root)" or a dotted path below it) and a
 * description; "error" is "field: description".  Object members are
 * visited in sorted key order.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/jsonschema.h"
#include "runtime/builtins/strbuf.h"
#include "runtime/json.h"

/* Deepest $ref chain followed while validating one value; a cycle of
 * references stops here instead of looping. */
#define REF_DEPTH_MAX 64
/* Maximum schema applications in one validation.  Nested combinators
 * over references can grow exponentially; past this budget validation
 * stops with an error instead of running for hours. */
#define VALIDATE_STEPS_MAX 1000000

typedef struct vctx {
    rg_arena *arena;
    const rg_value *root;       /* the whole schema, for $ref */
    const rg_value **errors;
    size_t count, cap;
    int score;
    int ref_depth;
    long *steps;                /* shared by sub-validations */
} vctx;

static void validate(vctx *c, const rg_value *s, const rg_value *node,
                     const char *path);

static const char *field_of(const char *path)
{
    return strncmp(path, "(root).", 7) == 0 ? path + 7 : path;
}

static void add_error(vctx *c, const char *type, const char *path,
                      const char *desc)
{
    rg_arena *a = c->arena;
    const char *field = field_of(path);
    rg_builder *b = rg_object_builder(a, 4);
    rg_builder_put(b, rg_cstring(a, "error"),
                   rg_cstring(a, rg_arena_printf(a, "%s: %s", field, desc)));
    rg_builder_put(b, rg_cstring(a, "type"), rg_cstring(a, type));
    rg_builder_put(b, rg_cstring(a, "field"), rg_cstring(a, field));
    rg_builder_put(b, rg_cstring(a, "desc"), rg_cstring(a, desc));
    rg_grow((void **)&c->errors, &c->cap, c->count + 1, sizeof *c->errors);
    c->errors[c->count++] = rg_builder_finish(b);
    c->score -= 2;
}

static const char *child_path(vctx *c, const char *path, const char *key)
{
    return rg_arena_printf(c->arena, "%s.%s", path, key);
}

static const rg_value *kw(const rg_value *s, const char *name)
{
    return rg_object_get_str(s, name, strlen(name));
}

/* A sub-validation with its own error list, merged or dropped later. */
typedef struct sub {
    const rg_value **errors;
    size_t count;
    int score;
} sub;

static sub run_sub(vctx *c, const rg_value *s, const rg_value *node,
                   const char *path)
{
    vctx inner = { c->arena, c->root, NULL, 0, 0, 0, c->ref_depth,
                   c->steps };
    validate(&inner, s, node, path);
    sub r = { inner.errors, inner.count, inner.score };
    return r;
}

static void merge(vctx *c, sub *r)
{
    for (size_t i = 0; i < r->count; i++) {
        rg_grow((void **)&c->errors, &c->cap, c->count + 1,
                sizeof *c->errors);
        c->errors[c->count++] = r->errors[i];
    }
    c->score += r->score;
    free(r->errors);
    r->errors = NULL;
    r->count = 0;
}

static void drop(sub *r)
{
    free(r->errors);
    r->errors = NULL;
}

static char *json_text(rg_arena *a, const rg_value *v)
{
    char *t = rg_json_text(v, 0, 0);
    char *copy = rg_arena_strdup(a, t);
    free(t);
    return copy;
}

/* ---- $ref -------------------------------------------------------------- */

/* Resolve a local JSON pointer reference; NULL when it cannot be. */
static const rg_value *resolve_ref(vctx *c, const char *ref)
{
    if (ref[0] != '#')
        return NULL;
    const rg_value *v = c->root;
    const char *p = ref + 1;
    while (*p == '/' && v) {
        p++;
        size_t n = strcspn(p, "/");
        char *seg = rg_arena_strndup(c->arena, p, n);
        char *out = seg;
        for (char *q = seg; *q; q++) {
            if (q[0] == '~' && (q[1] == '0' || q[1] == '1')) {
                *out++ = q[1] == '0' ? '~' : '/';
                q++;
            } else {
                *out++ = *q;
            }
        }
        *out = '\0';
        if (rg_value_kind(v) == RG_OBJECT)
            v = rg_object_get_str(v, seg, strlen(seg));
        else if (rg_value_kind(v) == RG_ARRAY)
            v = (size_t)atoi(seg) < rg_len(v)
                    ? rg_array_at(v, (size_t)atoi(seg))
                    : NULL;
        else
            v = NULL;
        p += n;
    }
    return *p ? NULL : v;
}

/* ---- Types ------------------------------------------------------------- */

static const char *kind_type(const rg_value *node)
{
    switch (rg_value_kind(node)) {
    case RG_NULL: return "null";
    case RG_BOOLEAN: return "boolean";
    case RG_NUMBER: return rg_number_is_integer(node) ? "integer" : "number";
    case RG_STRING: return "string";
    case RG_OBJECT: return "object";
    default: return "array";
    }
}

static bool type_allows(const rg_value *t, const char *given)
{
    size_t n = rg_value_kind(t) == RG_ARRAY ? rg_len(t) : 1;
    for (size_t i = 0; i < n; i++) {
        const rg_value *e =
            rg_value_kind(t) == RG_ARRAY ? rg_array_at(t, i) : t;
        const char *name = rg_string_bytes(e);
        if (strcmp(name, given) == 0)
            return true;
        if (strcmp(name, "number") == 0 && strcmp(given, "integer") == 0)
            return true;
    }
    return false;
}

static const char *type_text(vctx *c, const rg_value *t)
{
    if (rg_value_kind(t) != RG_ARRAY)
        return rg_string_bytes(t);
    rg_strbuf b;
    rg_strbuf_init(&b, c->arena);
    rg_strbuf_addc(&b, '[');
    for (size_t i = 0; i < rg_len(t); i++) {
        if (i)
            rg_strbuf_addc(&b, ',');
        rg_strbuf_adds(&b, rg_string_bytes(rg_array_at(t, i)));
    }
    rg_strbuf_addc(&b, ']');
    return b.data;
}

/* ---- Combinators ------------------------------------------------------- */

static void any_of(vctx *c, const rg_value *list, const rg_value *node,
                   const char *path)
{
    sub best = { NULL, 0, 0 };
    bool have_best = false;
    for (size_t i = 0; i < rg_len(list); i++) {
        sub r = run_sub(c, rg_array_at(list, i), node, path);
        if (r.count == 0) {
            drop(&r);
            drop(&best);
            return;
        }
        if (!have_best || r.score > best.score) {
            drop(&best);
            best = r;
            have_best = true;
        } else {
            drop(&r);
        }
    }
    add_error(c, "number_any_of", path,
              "Must validate at least one schema (anyOf)");
    merge(c, &best);
}

static void one_of(vctx *c, const rg_value *list, const rg_value *node,
                   const char *path)
{
    int valid = 0;
    sub best = { NULL, 0, 0 };
    bool have_best = false;
    for (size_t i = 0; i < rg_len(list); i++) {
        sub r = run_sub(c, rg_array_at(list, i), node, path);
        if (r.count == 0) {
            valid++;
            drop(&r);
        } else if (valid == 0 && (!have_best || r.score > best.score)) {
            drop(&best);
            best = r;
            have_best = true;
        } else {
            drop(&r);
        }
    }
    if (valid != 1) {
        add_error(c, "number_one_of", path,
                  "Must validate one and only one schema (oneOf)");
        if (valid == 0)
            merge(c, &best);
    }
    drop(&best);
}

static void all_of(vctx *c, const rg_value *list, const rg_value *node,
                   const char *path)
{
    size_t valid = 0;
    for (size_t i = 0; i < rg_len(list); i++) {
        sub r = run_sub(c, rg_array_at(list, i), node, path);
        valid += r.count == 0;
        merge(c, &r);
    }
    if (valid != rg_len(list))
        add_error(c, "number_all_of", path,
                  "Must validate all the schemas (allOf)");
}

static void dependencies(vctx *c, const rg_value *deps, const rg_value *node,
                         const char *path)
{
    if (rg_value_kind(node) != RG_OBJECT)
        return;
    for (size_t i = 0; i < rg_len(node); i++) {
        const rg_value *k = rg_object_key_at(node, i);
        const rg_value *dep = rg_object_get(deps, k);
        if (!dep)
            continue;
        if (rg_value_kind(dep) != RG_ARRAY) {
            validate(c, dep, node, path);
            continue;
        }
        for (size_t j = 0; j < rg_len(dep); j++)
            if (!rg_object_get(node, rg_array_at(dep, j)))
                add_error(c, "missing_dependency", path, rg_arena_printf(
                    c->arena, "Has a dependency on %s",
                    rg_string_bytes(rg_array_at(dep, j))));
    }
}

static void conditional(vctx *c, const rg_value *s, const rg_value *node,
                        const char *path)
{
    const rg_value *if_s = kw(s, "if"), *then_s = kw(s, "then");
    const rg_value *else_s = kw(s, "else");
    sub r = run_sub(c, if_s, node, path);
    bool ok = r.count == 0;
    drop(&r);
    const rg_value *branch = ok ? then_s : else_s;
    if (!branch)
        return;
    sub b = run_sub(c, branch, node, path);
    if (b.count) {
        add_error(c, ok ? "condition_then" : "condition_else", path,
                  ok ? "Must validate \"then\" as \"if\" was valid"
                     : "Must validate \"else\" as \"if\" was not valid");
        merge(c, &b);
    }
    drop(&b);
}

static void combinators(vctx *c, const rg_value *s, const rg_value *node,
                        const char *path)
{
    const rg_value *v;
    if ((v = kw(s, "anyOf")) && rg_len(v))
        any_of(c, v, node, path);
    if ((v = kw(s, "oneOf")) && rg_len(v))
        one_of(c, v, node, path);
    if ((v = kw(s, "allOf")) && rg_len(v))
        all_of(c, v, node, path);
    if ((v = kw(s, "not"))) {
        sub r = run_sub(c, v, node, path);
        if (r.count == 0)
            add_error(c, "number_not", path,
                      "Must not validate the schema (not)");
        drop(&r);
    }
    if ((v = kw(s, "dependencies")) && rg_value_kind(v) == RG_OBJECT)
        dependencies(c, v, node, path);
    if (kw(s, "if"))
        conditional(c, s, node, path);
    c->score++;
}

/* ---- Numbers and strings ----------------------------------------------- */

static void bound(vctx *c, const rg_value *s, const rg_value *node,
                  const char *path, bool upper)
{
    const rg_value *lim = kw(s, upper ? "maximum" : "minimum");
    const rg_value *ex = kw(s, upper ? "exclusiveMaximum" : "exclusiveMinimum");
    bool exclusive = false;
    if (ex && rg_value_kind(ex) == RG_NUMBER) {
        lim = ex;
        exclusive = true;
    } else if (ex && rg_value_kind(ex) == RG_BOOLEAN) {
        exclusive = rg_bool_get(ex);
    }
    if (!lim || rg_value_kind(lim) != RG_NUMBER)
        return;
    int cmp = rg_value_compare(node, lim);
    bool bad = upper ? (exclusive ? cmp >= 0 : cmp > 0)
                     : (exclusive ? cmp <= 0 : cmp < 0);
    if (!bad)
        return;
    const char *n = rg_number_text(c->arena, lim);
    if (upper)
        add_error(c, exclusive ? "number_lt" : "number_lte", path,
                  rg_arena_printf(c->arena, exclusive
                      ? "Must be less than %s"
                      : "Must be less than or equal to %s", n));
    else
        add_error(c, exclusive ? "number_gt" : "number_gte", path,
                  rg_arena_printf(c->arena, exclusive
                      ? "Must be greater than %s"
                      : "Must be greater than or equal to %s", n));
}

static void validate_number(vctx *c, const rg_value *s, const rg_value *node,
                            const char *path)
{
    const rg_value *m = kw(s, "multipleOf");
    if (m && rg_value_kind(m) == RG_NUMBER) {
        double q = rg_number_double(node) / rg_number_double(m);
        if (q != (double)(long long)q)
            add_error(c, "multiple_of", path, rg_arena_printf(
                c->arena, "Must be a multiple of %s",
                rg_number_text(c->arena, m)));
    }
    bound(c, s, node, path, true);
    bound(c, s, node, path, false);
}

static size_t rune_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xc0) != 0x80;
    return n;
}

static bool regex_match(const rg_value *pattern, const char *s, size_t len)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)rg_string_bytes(pattern),
                                   rg_string_len(pattern), PCRE2_UTF, &code,
                                   &off, NULL);
    if (!re)
        return false;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return rc >= 0;
}

static void validate_string(vctx *c, const rg_value *s, const rg_value *node,
                            const char *path)
{
    size_t n = rune_count(rg_string_bytes(node), rg_string_len(node));
    const rg_value *v;
    int64_t lim;
    if ((v = kw(s, "minLength")) && rg_number_int64(v, &lim) &&
        (int64_t)n < lim)
        add_error(c, "string_gte", path, rg_arena_printf(c->arena,
            "String length must be greater than or equal to %lld",
            (long long)lim));
    if ((v = kw(s, "maxLength")) && rg_number_int64(v, &lim) &&
        (int64_t)n > lim)
        add_error(c, "string_lte", path, rg_arena_printf(c->arena,
            "String length must be less than or equal to %lld",
            (long long)lim));
    if ((v = kw(s, "pattern")) && rg_value_kind(v) == RG_STRING &&
        !regex_match(v, rg_string_bytes(node), rg_string_len(node)))
        add_error(c, "pattern", path, rg_arena_printf(c->arena,
            "Does not match pattern '%s'", rg_string_bytes(v)));
}

/* ---- enum and const ---------------------------------------------------- */

static void validate_common(vctx *c, const rg_value *s, const rg_value *node,
                            const char *path)
{
    const rg_value *v;
    const char *field = field_of(path);
    if ((v = kw(s, "const")) && !rg_value_equal(v, node))
        add_error(c, "const", path, rg_arena_printf(c->arena,
            "%s does not match: %s", field, json_text(c->arena, v)));
    if ((v = kw(s, "format")) && rg_value_kind(v) == RG_STRING &&
        !rg_jsonschema_format_ok(c->arena, rg_string_bytes(v), node))
        add_error(c, "format", path, rg_arena_printf(c->arena,
            "Does not match format '%s'", rg_string_bytes(v)));
    if ((v = kw(s, "enum")) && rg_value_kind(v) == RG_ARRAY) {
        bool found = false;
        rg_strbuf b;
        rg_strbuf_init(&b, c->arena);
        for (size_t i = 0; i < rg_len(v); i++) {
            found = found || rg_value_equal(rg_array_at(v, i), node);
            if (i)
                rg_strbuf_adds(&b, ", ");
            rg_strbuf_adds(&b, json_text(c->arena, rg_array_at(v, i)));
        }
        if (!found)
            add_error(c, "enum", path, rg_arena_printf(c->arena,
                "%s must be one of the following: %s", field,
                rg_len(v) ? b.data : "(none)"));
    }
    c->score++;
}

/* ---- Arrays ------------------------------------------------------------ */

static void validate_items(vctx *c, const rg_value *s, const rg_value *node,
                           const char *path)
{
    const rg_value *items = kw(s, "items");
    size_t n = rg_len(node);
    if (items && rg_value_kind(items) != RG_ARRAY) {
        for (size_t i = 0; i < n; i++) {
            sub r = run_sub(c, items, rg_array_at(node, i), child_path(
                c, path, rg_arena_printf(c->arena, "%zu", i)));
            merge(c, &r);
        }
        return;
    }
    if (!items)
        return;
    size_t k = rg_len(items);
    for (size_t i = 0; i < k && i < n; i++) {
        sub r =
            run_sub(c, rg_array_at(items, i), rg_array_at(node, i),
                    child_path(c, path, rg_arena_printf(c->arena, "%zu", i)));
        merge(c, &r);
    }
    const rg_value *extra = kw(s, "additionalItems");
    if (k >= n || !extra)
        return;
    if (rg_value_kind(extra) == RG_BOOLEAN) {
        if (!rg_bool_get(extra))
            add_error(c, "array_no_additional_items", path,
                      "No additional items allowed on array");
        return;
    }
    for (size_t i = k; i < n; i++) {
        sub r = run_sub(c, extra, rg_array_at(node, i), child_path(
            c, path, rg_arena_printf(c->arena, "%zu", i)));
        merge(c, &r);
    }
}

static void validate_array(vctx *c, const rg_value *s, const rg_value *node,
                           const char *path)
{
    validate_items(c, s, node, path);
    size_t n = rg_len(node);
    const rg_value *v;
    int64_t lim;
    if ((v = kw(s, "minItems")) && rg_number_int64(v, &lim) &&
        (int64_t)n < lim)
        add_error(c, "array_min_items", path, rg_arena_printf(c->arena,
            "Array must have at least %lld items", (long long)lim));
    if ((v = kw(s, "maxItems")) && rg_number_int64(v, &lim) &&
        (int64_t)n > lim)
        add_error(c, "array_max_items", path, rg_arena_printf(c->arena,
            "Array must have at most %lld items", (long long)lim));
    if ((v = kw(s, "uniqueItems")) && rg_value_kind(v) == RG_BOOLEAN &&
        rg_bool_get(v)) {
        for (size_t j = 1; j < n; j++)
            for (size_t i = 0; i < j; i++)
                if (rg_value_equal(rg_array_at(node, i),
                                   rg_array_at(node, j))) {
                    add_error(c, "unique", path, rg_arena_printf(c->arena,
                        "array items[%zu,%zu] must be unique", i, j));
                    i = j;
                }
    }
    if ((v = kw(s, "contains"))) {
        bool any = false;
        for (size_t i = 0; i < n && !any; i++) {
            sub r = run_sub(c, v, rg_array_at(node, i), path);
            any = r.count == 0;
            drop(&r);
        }
        if (!any)
            add_error(c, "contains", path,
                      "At least one of the items must match");
    }
}

/* ---- Objects ----------------------------------------------------------- */

static bool pattern_properties(vctx *c, const rg_value *s, const rg_value *k,
                               const rg_value *v, const char *path)
{
    const rg_value *pp = kw(s, "patternProperties");
    bool matched = false;
    for (size_t i = 0; pp && i < rg_len(pp); i++) {
        const rg_value *pat = rg_object_key_at(pp, i);
        if (!regex_match(pat, rg_string_bytes(k), rg_string_len(k)))
            continue;
        matched = true;
        sub r = run_sub(c, rg_object_value_at(pp, i), v,
                        child_path(c, path, rg_string_bytes(k)));
        merge(c, &r);
    }
    return matched;
}

static void object_members(vctx *c, const rg_value *s, const rg_value *node,
                           const char *path)
{
    const rg_value *props = kw(s, "properties");
    const rg_value *extra = kw(s, "additionalProperties");
    for (size_t i = 0; i < rg_len(node); i++) {
        const rg_value *k = rg_object_key_at(node, i);
        const rg_value *v = rg_object_value_at(node, i);
        bool found = props && rg_value_kind(props) == RG_OBJECT &&
                     rg_object_get(props, k);
        bool matched = pattern_properties(c, s, k, v, path);
        if (found || matched || !extra)
            continue;
        if (rg_value_kind(extra) == RG_BOOLEAN) {
            if (!rg_bool_get(extra))
                add_error(c, "additional_property_not_allowed", path,
                          rg_arena_printf(c->arena,
                              "Additional property %s is not allowed",
                              rg_string_bytes(k)));
            continue;
        }
        sub r = run_sub(c, extra, v, child_path(c, path, rg_string_bytes(k)));
        merge(c, &r);
    }
}

static void validate_object(vctx *c, const rg_value *s, const rg_value *node,
                            const char *path)
{
    const rg_value *v;
    int64_t lim;
    size_t n = rg_len(node);
    if ((v = kw(s, "minProperties")) && rg_number_int64(v, &lim) &&
        (int64_t)n < lim)
        add_error(c, "array_min_properties", path, rg_arena_printf(c->arena,
            "Must have at least %lld properties", (long long)lim));
    if ((v = kw(s, "maxProperties")) && rg_number_int64(v, &lim) &&
        (int64_t)n > lim)
        add_error(c, "array_max_properties", path, rg_arena_printf(c->arena,
            "Must have at most %lld properties", (long long)lim));
    if ((v = kw(s, "required")) && rg_value_kind(v) == RG_ARRAY) {
        for (size_t i = 0; i < rg_len(v); i++) {
            if (rg_object_get(node, rg_array_at(v, i)))
                c->score++;
            else
                add_error(c, "required", path, rg_arena_printf(c->arena,
                    "%s is required", rg_string_bytes(rg_array_at(v, i))));
        }
    }
    object_members(c, s, node, path);
    if ((v = kw(s, "propertyNames"))) {
        for (size_t i = 0; i < n; i++) {
            const rg_value *k = rg_object_key_at(node, i);
            sub r = run_sub(c, v, k, path);
            if (r.count) {
                add_error(c, "invalid_property_name", path, rg_arena_printf(
                    c->arena, "Property name of \"%s\" does not match",
                    rg_string_bytes(k)));
                merge(c, &r);
            }
            drop(&r);
        }
    }
}

static void property_children(vctx *c, const rg_value *s,
                              const rg_value *node, const char *path)
{
    const rg_value *props = kw(s, "properties");
    if (!props || rg_value_kind(props) != RG_OBJECT)
        return;
    for (size_t i = 0; i < rg_len(props); i++) {
        const rg_value *k = rg_object_key_at(props, i);
        const rg_value *v = rg_object_get(node, k);
        if (v)
            validate(c, rg_object_value_at(props, i), v,
                     child_path(c, path, rg_string_bytes(k)));
    }
}

/* ---- Driver ------------------------------------------------------------ */

static void validate(vctx *c, const rg_value *s, const rg_value *node,
                     const char *path)
{
    if (++*c->steps > VALIDATE_STEPS_MAX)
        return;
    if (rg_value_kind(s) == RG_BOOLEAN) {
        if (!rg_bool_get(s))
            add_error(c, "false", path, "False always fails validation");
        return;
    }
    if (rg_value_kind(s) != RG_OBJECT)
        return;
    const rg_value *ref = kw(s, "$ref");
    if (ref && rg_value_kind(ref) == RG_STRING &&
        c->ref_depth < REF_DEPTH_MAX) {
        const rg_value *target = resolve_ref(c, rg_string_bytes(ref));
        if (target) {
            c->ref_depth++;
            validate(c, target, node, path);
            c->ref_depth--;
            return;
        }
    }
    const rg_value *type = kw(s, "type");
    const char *given = kind_type(node);
    if (type && !type_allows(type, given)) {
        add_error(c, "invalid_type", path, rg_arena_printf(c->arena,
            "Invalid type. Expected: %s, given: %s", type_text(c, type),
            given));
        return;
    }
    combinators(c, s, node, path);
    rg_kind k = rg_value_kind(node);
    if (k == RG_NUMBER)
        validate_number(c, s, node, path);
    else if (k == RG_ARRAY)
        validate_array(c, s, node, path);
    else if (k == RG_OBJECT)
        validate_object(c, s, node, path);
    validate_common(c, s, node, path);
    if (k == RG_STRING)
        validate_string(c, s, node, path);
    if (k == RG_OBJECT)
        property_children(c, s, node, path);
    c->score++;
}

const rg_value *rg_jsonschema_validate(rg_arena *arena, const rg_value *schema,
                                       const rg_value *doc)
{
    long steps = 0;
    vctx c = { arena, schema, NULL, 0, 0, 0, 0, &steps };
    validate(&c, schema, doc, "(root)");
    if (steps > VALIDATE_STEPS_MAX) {
        /* Errors of an unfinished validation mean nothing: report the
         * budget instead. */
        c.count = 0;
        add_error(&c, "internal", "(root)", rg_arena_printf(arena,
            "Internal Error validation stopped after %d steps",
            VALIDATE_STEPS_MAX));
    }
    const rg_value *out = rg_array(arena, c.errors, c.count);
    free(c.errors);
    return out;
}
