/*
 * Normalization of rule responses for comparison, mirroring a decode
 * into Kubescape's RuleResponse struct and back; see k8s/ruletest.h.
 */
#include "k8s/ruletest.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "k8s/jsonw.h"

typedef struct norm {
    rg_arena *arena;
    bool trim;
    const char *error;
} norm;

static const rg_value *field(const rg_value *obj, const char *key)
{
    if (obj == NULL || rg_value_kind(obj) != RG_OBJECT)
        return NULL;
    const rg_value *v = rg_object_get_str(obj, key, strlen(key));
    for (size_t i = 0; v == NULL && i < rg_len(obj); i++) {
        const rg_value *k = rg_object_key_at(obj, i);
        if (rg_value_kind(k) == RG_STRING &&
            strcasecmp(rg_string_bytes(k), key) == 0)
            v = rg_object_value_at(obj, i);
    }
    return v;
}

static bool absent(const rg_value *v)
{
    return v == NULL || rg_value_kind(v) == RG_NULL;
}

static void put(norm *n, rg_builder *b, const char *key, const rg_value *v)
{
    rg_builder_put(b, rg_cstring(n->arena, key), v);
}

/* A string field: missing and null read as "". */
static void put_string(norm *n, rg_builder *b, const rg_value *src,
                       const char *key)
{
    const rg_value *v = field(src, key);
    if (absent(v))
        v = rg_cstring(n->arena, "");
    else if (rg_value_kind(v) != RG_STRING)
        n->error = "a string field holds another type";
    put(n, b, key, v);
}

/* A list of strings: missing reads as null, [] stays []. */
static void put_strings(norm *n, rg_builder *b, const rg_value *src,
                        const char *key)
{
    const rg_value *v = field(src, key);
    if (absent(v)) {
        put(n, b, key, rg_null());
        return;
    }
    if (rg_value_kind(v) != RG_ARRAY)
        n->error = "a list field holds another type";
    for (size_t i = 0; !n->error && i < rg_len(v); i++)
        if (rg_value_kind(rg_array_at(v, i)) != RG_STRING)
            n->error = "a path list holds a non-string";
    put(n, b, key, v);
}

static void put_fixes(norm *n, rg_builder *b, const rg_value *src)
{
    const rg_value *v = field(src, "fixPaths");
    if (absent(v) || rg_value_kind(v) != RG_ARRAY) {
        if (!absent(v))
            n->error = "fixPaths is not a list";
        put(n, b, "fixPaths", rg_null());
        return;
    }
    size_t len = rg_len(v);
    const rg_value **items = rg_arena_alloc(n->arena,
                                            (len + 1) * sizeof *items);
    for (size_t i = 0; i < len; i++) {
        rg_builder *f = rg_object_builder(n->arena, 2);
        put_string(n, f, rg_array_at(v, i), "path");
        put_string(n, f, rg_array_at(v, i), "value");
        items[i] = rg_builder_finish(f);
    }
    put(n, b, "fixPaths", rg_array(n->arena, items, len));
}

static void put_paths(norm *n, rg_builder *b, const rg_value *src)
{
    put_strings(n, b, src, "failedPaths");
    put_strings(n, b, src, "reviewPaths");
    put_strings(n, b, src, "deletePaths");
    put_fixes(n, b, src);
    put_string(n, b, src, "fixCommand");
}

/* {apiVersion, kind, metadata: {name, labels}}, keeping what exists. */
static const rg_value *trimmed(norm *n, const rg_value *obj)
{
    if (rg_value_kind(obj) != RG_OBJECT)
        return obj;
    rg_builder *b = rg_object_builder(n->arena, 3);
    static const char *const top[] = {"apiVersion", "kind"};
    for (size_t i = 0; i < 2; i++) {
        const rg_value *v = rg_object_get_str(obj, top[i], strlen(top[i]));
        if (v)
            put(n, b, top[i], v);
    }
    const rg_value *meta = rg_object_get_str(obj, "metadata", 8);
    if (meta && rg_value_kind(meta) == RG_OBJECT) {
        rg_builder *m = rg_object_builder(n->arena, 2);
        const rg_value *name = rg_object_get_str(meta, "name", 4);
        const rg_value *labels = rg_object_get_str(meta, "labels", 6);
        if (name)
            put(n, m, "name", name);
        if (labels)
            put(n, m, "labels", labels);
        put(n, b, "metadata", rg_builder_finish(m));
    }
    return rg_builder_finish(b);
}

static void put_alert_object(norm *n, rg_builder *b, const rg_value *src)
{
    const rg_value *ao = field(src, "alertObject");
    rg_builder *o = rg_object_builder(n->arena, 2);
    const rg_value *k8s = field(ao, "k8sApiObjects");
    if (!absent(k8s) && rg_value_kind(k8s) == RG_ARRAY && rg_len(k8s)) {
        size_t len = rg_len(k8s);
        const rg_value **items = rg_arena_alloc(n->arena,
                                                len * sizeof *items);
        for (size_t i = 0; i < len; i++)
            items[i] = n->trim ? trimmed(n, rg_array_at(k8s, i))
                               : rg_array_at(k8s, i);
        put(n, o, "k8sApiObjects", rg_array(n->arena, items, len));
    } else if (!absent(k8s) && rg_value_kind(k8s) != RG_ARRAY) {
        n->error = "k8sApiObjects is not a list";
    }
    const rg_value *ext = field(ao, "externalObjects");
    if (!absent(ext) && rg_value_kind(ext) == RG_OBJECT && rg_len(ext))
        put(n, o, "externalObjects", ext);
    put(n, b, "alertObject", rg_builder_finish(o));
}

static void put_related(norm *n, rg_builder *b, const rg_value *src)
{
    const rg_value *v = field(src, "relatedObjects");
    if (absent(v) || rg_value_kind(v) != RG_ARRAY) {
        put(n, b, "relatedObjects", rg_null());
        return;
    }
    size_t len = rg_len(v);
    const rg_value **items = rg_arena_alloc(n->arena,
                                            (len + 1) * sizeof *items);
    for (size_t i = 0; i < len; i++) {
        const rg_value *ro = rg_array_at(v, i);
        rg_builder *r = rg_object_builder(n->arena, 6);
        const rg_value *obj = field(ro, "object");
        put(n, r, "object", obj ? obj : rg_null());
        put_paths(n, r, ro);
        items[i] = rg_builder_finish(r);
    }
    put(n, b, "relatedObjects", rg_array(n->arena, items, len));
}

static const rg_value *response(norm *n, const rg_value *src)
{
    if (rg_value_kind(src) != RG_OBJECT) {
        n->error = "a response is not an object";
        return src;
    }
    rg_builder *b = rg_object_builder(n->arena, 12);
    put_string(n, b, src, "alertMessage");
    put_paths(n, b, src);
    put_string(n, b, src, "ruleStatus");
    put_string(n, b, src, "packagename");
    const rg_value *score = field(src, "alertScore");
    double s = absent(score) ? 0 : rg_value_kind(score) == RG_NUMBER
                                       ? (double)(float)rg_number_double(score)
                                       : 0;
    put(n, b, "alertScore", rg_double(n->arena, s));
    put_alert_object(n, b, src);
    put_related(n, b, src);
    const rg_value *ctx = field(src, "context");
    if (!absent(ctx) && rg_value_kind(ctx) == RG_ARRAY && rg_len(ctx))
        put(n, b, "context", ctx);
    const rg_value *rn = field(src, "rulename");
    if (!absent(rn) && rg_value_kind(rn) == RG_STRING && rg_string_len(rn))
        put(n, b, "rulename", rn);
    return rg_builder_finish(b);
}

typedef struct keyed {
    char *text;
    const rg_value *value;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    return strcmp(((const keyed *)a)->text, ((const keyed *)b)->text);
}

static char *compact(const rg_value *v)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    rg_jsonw w;
    rg_jsonw_init(&w, f, 0);
    rg_jsonw_value(&w, v);
    fclose(f);
    return buf;
}

const rg_value *rg_ruletest_normalize(rg_arena *arena, const rg_value *v,
                                      bool trim, const char **error)
{
    norm n = {arena, trim, NULL};
    bool single = rg_value_kind(v) == RG_OBJECT;
    size_t len = single ? 1 : rg_value_kind(v) == RG_NULL ? 0 : rg_len(v);
    if (!single && rg_value_kind(v) != RG_ARRAY && rg_value_kind(v) != RG_SET &&
        rg_value_kind(v) != RG_NULL) {
        *error = "expected a list of responses";
        return NULL;
    }
    keyed *items = rg_xcalloc(len + 1, sizeof *items);
    for (size_t i = 0; i < len; i++) {
        const rg_value *src = single ? v : rg_value_kind(v) == RG_SET
                                            ? rg_set_at(v, i)
                                            : rg_array_at(v, i);
        items[i].value = response(&n, src);
        items[i].text = compact(items[i].value);
    }
    qsort(items, len, sizeof *items, cmp_keyed);
    const rg_value **vals = rg_arena_alloc(arena, (len + 1) * sizeof *vals);
    for (size_t i = 0; i < len; i++) {
        vals[i] = items[i].value;
        free(items[i].text);
    }
    free(items);
    if (n.error) {
        *error = n.error;
        return NULL;
    }
    return rg_array(arena, vals, len);
}
