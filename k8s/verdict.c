/*
 * Rule responses to per-resource verdicts; see k8s/verdict.h.
 */
#include "k8s/verdict.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "k8s/rid.h"

bool rg_verdict_ns_skipped(const rg_ns_filter *filter, const char *ns)
{
    if (filter == NULL || ns == NULL || ns[0] == '\0')
        return false;
    if (filter->include.count > 0) {
        for (size_t i = 0; i < filter->include.count; i++)
            if (strcmp(filter->include.items[i], ns) == 0)
                return false;
        return true;
    }
    for (size_t i = 0; i < filter->exclude.count; i++)
        if (strcmp(filter->exclude.items[i], ns) == 0)
            return true;
    return false;
}

/* obj[key], matching the key ignoring case when no exact key exists, as
 * Go's JSON decoding does. */
static const rg_value *field(const rg_value *obj, const char *key)
{
    if (obj == NULL || rg_value_kind(obj) != RG_OBJECT)
        return NULL;
    const rg_value *v = rg_object_get_str(obj, key, strlen(key));
    if (v != NULL)
        return v;
    for (size_t i = 0; i < rg_len(obj); i++) {
        const rg_value *k = rg_object_key_at(obj, i);
        if (rg_value_kind(k) == RG_STRING &&
            strcasecmp(rg_string_bytes(k), key) == 0)
            return rg_object_value_at(obj, i);
    }
    return NULL;
}

static const char *str_field(const rg_value *obj, const char *key)
{
    const rg_value *v = field(obj, key);
    return v && rg_value_kind(v) == RG_STRING ? rg_string_bytes(v) : NULL;
}

static const char *obj_namespace(const rg_value *obj)
{
    const char *ns = str_field(field(obj, "metadata"), "namespace");
    if (ns == NULL)
        ns = str_field(obj, "namespace");
    return ns ? ns : "";
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The ID of a single object: its stored resource's ID when store has
 * it, else the plain ID built from its fields. */
static const char *single_id(rg_arena *arena, const rg_store *store,
                             const rg_value *obj)
{
    const rg_value *meta = field(obj, "metadata");
    const char *name = str_field(meta, "name");
    const char *plain = rg_rid_format(arena, str_field(obj, "apiVersion"),
                                      obj_namespace(obj),
                                      str_field(obj, "kind"),
                                      name ? name : str_field(obj, "name"));
    const rg_k8s_resource *r = store ? rg_store_resolve(store, obj, plain)
                                     : NULL;
    return r ? r->id : plain;
}

const char *rg_verdict_object_id(rg_arena *arena, const rg_store *store,
                                 const rg_value *obj)
{
    const rg_value *rel = field(obj, "relatedObjects");
    if (rel == NULL || rg_value_kind(rel) != RG_ARRAY)
        return single_id(arena, store, obj);
    size_t n = rg_len(rel);
    const char **parts = rg_arena_alloc(arena, (n + 1) * sizeof *parts);
    for (size_t i = 0; i < n; i++)
        parts[i] = single_id(arena, store, rg_array_at(rel, i));
    const char *av = str_field(obj, "apiVersion");
    const char *name = str_field(obj, "name");
    const char *kind = str_field(obj, "kind");
    parts[n] = rg_arena_printf(arena, "%s/%s/%s/%s", av ? av : "",
                               obj_namespace(obj), kind ? kind : "",
                               name ? name : "");
    qsort(parts, n + 1, sizeof *parts, cmp_str);
    size_t len = 1;
    for (size_t i = 0; i <= n; i++)
        len += strlen(parts[i]) + 1;
    char *out = rg_arena_alloc(arena, len);
    out[0] = '\0';
    for (size_t i = 0; i <= n; i++) {
        if (i)
            strcat(out, "/");
        strcat(out, parts[i]);
    }
    return out;
}

/* ---- Decoding ---------------------------------------------------------- */

/* Each value of the package document as a list of response objects;
 * false when one cannot be decoded as []RuleResponse. */
static bool is_list(const rg_value *v)
{
    rg_kind k = rg_value_kind(v);
    return k == RG_ARRAY || k == RG_SET || k == RG_NULL;
}

static const rg_value *item_at(const rg_value *v, size_t i)
{
    return rg_value_kind(v) == RG_SET ? rg_set_at(v, i)
                                      : rg_array_at(v, i);
}

static size_t list_len(const rg_value *v)
{
    return rg_value_kind(v) == RG_NULL ? 0 : rg_len(v);
}

static bool strings_ok(const rg_value *v)
{
    if (v == NULL || rg_value_kind(v) == RG_NULL)
        return true;
    if (rg_value_kind(v) != RG_ARRAY)
        return false;
    for (size_t i = 0; i < rg_len(v); i++)
        if (rg_value_kind(rg_array_at(v, i)) != RG_STRING)
            return false;
    return true;
}

static bool fixes_ok(const rg_value *v)
{
    if (v == NULL || rg_value_kind(v) == RG_NULL)
        return true;
    if (rg_value_kind(v) != RG_ARRAY)
        return false;
    for (size_t i = 0; i < rg_len(v); i++) {
        const rg_value *f = rg_array_at(v, i);
        if (rg_value_kind(f) != RG_OBJECT)
            return false;
        const rg_value *p = field(f, "path"), *val = field(f, "value");
        if ((p && rg_value_kind(p) != RG_STRING) ||
            (val && rg_value_kind(val) != RG_STRING))
            return false;
    }
    return true;
}

static bool paths_ok(const rg_value *r)
{
    const rg_value *cmd = field(r, "fixCommand");
    return strings_ok(field(r, "failedPaths")) &&
           strings_ok(field(r, "reviewPaths")) &&
           strings_ok(field(r, "deletePaths")) &&
           fixes_ok(field(r, "fixPaths")) &&
           (cmd == NULL || rg_value_kind(cmd) == RG_STRING ||
            rg_value_kind(cmd) == RG_NULL);
}

static bool response_ok(const rg_value *r)
{
    if (rg_value_kind(r) != RG_OBJECT || !paths_ok(r))
        return false;
    const rg_value *ao = field(r, "alertObject");
    if (ao != NULL && rg_value_kind(ao) != RG_OBJECT &&
        rg_value_kind(ao) != RG_NULL)
        return false;
    const rg_value *k8s = field(ao, "k8sApiObjects");
    if (k8s != NULL && !is_list(k8s))
        return false;
    const rg_value *rel = field(r, "relatedObjects");
    if (rel == NULL || rg_value_kind(rel) == RG_NULL)
        return true;
    if (rg_value_kind(rel) != RG_ARRAY)
        return false;
    for (size_t i = 0; i < rg_len(rel); i++)
        if (!paths_ok(rg_array_at(rel, i)))
            return false;
    return true;
}

static const char *decode_check(const rg_value *doc)
{
    if (doc == NULL)
        return NULL;
    if (rg_value_kind(doc) != RG_OBJECT)
        return "the package document is not an object";
    for (size_t i = 0; i < rg_len(doc); i++) {
        const rg_value *v = rg_object_value_at(doc, i);
        if (!is_list(v))
            return "a rule's value is not a list of result objects";
        for (size_t j = 0; j < list_len(v); j++)
            if (!response_ok(item_at(v, j)))
                return "a result object does not have the shape of a "
                       "rule response";
    }
    return NULL;
}

/* ---- Applying ---------------------------------------------------------- */

static void add_strings(rg_results *res, rg_rule_verdict *rv,
                        rg_path_kind kind, const char *id,
                        const rg_value *list)
{
    if (list == NULL || rg_value_kind(list) != RG_ARRAY)
        return;
    for (size_t i = 0; i < rg_len(list); i++)
        rg_results_add_path(res, rv, kind, id,
                            rg_string_bytes(rg_array_at(list, i)), NULL);
}

static void add_paths(rg_results *res, rg_rule_verdict *rv, const char *id,
                      const rg_value *r)
{
    add_strings(res, rv, RG_PATH_FAILED, id, field(r, "failedPaths"));
    add_strings(res, rv, RG_PATH_REVIEW, id, field(r, "reviewPaths"));
    add_strings(res, rv, RG_PATH_DELETE, id, field(r, "deletePaths"));
    const rg_value *fixes = field(r, "fixPaths");
    for (size_t i = 0; fixes && rg_value_kind(fixes) == RG_ARRAY &&
                       i < rg_len(fixes); i++) {
        const rg_value *f = rg_array_at(fixes, i);
        const char *p = str_field(f, "path"), *v = str_field(f, "value");
        rg_results_add_path(res, rv, RG_PATH_FIX, id, p ? p : "",
                            v ? v : "");
    }
    const char *cmd = str_field(r, "fixCommand");
    if (cmd && *cmd)
        rg_results_add_path(res, rv, RG_PATH_COMMAND, id, cmd, NULL);
}

static rg_arena *scratch_of(const rg_rule_run *run)
{
    return run->scratch ? run->scratch : run->results->arena;
}

/* Record that the resource with ID id fails with response r. */
static void fail_id(const rg_rule_run *run, const char *id,
                    const rg_value *r)
{
    rg_results *res = run->results;
    rg_rule_verdict *rv = rg_results_rule(res, run->control, id, run->rule);
    rg_results_raise(rv, RG_STATUS_FAILED);
    if (rv->message == NULL && str_field(r, "alertMessage"))
        rv->message = rg_results_keep(res, str_field(r, "alertMessage"));
    add_paths(res, rv, id, r);
    const rg_value *rel = field(r, "relatedObjects");
    for (size_t i = 0; rel && rg_value_kind(rel) == RG_ARRAY &&
                       i < rg_len(rel); i++) {
        const rg_value *ro = rg_array_at(rel, i);
        const char *rid = rg_verdict_object_id(scratch_of(run), run->store,
                                               field(ro, "object"));
        rg_results_add_related(res, rv, rid);
        add_paths(res, rv, rid, ro);
    }
}

/* Fail the copies of resource r in other files whose objects equal r's.
 * A rule cannot tell equal objects apart, and its responses for them
 * are equal, so the response set keeps one: every copy fails with it. */
static void fail_copies(const rg_rule_run *run, const rg_k8s_resource *r,
                        const rg_value *resp)
{
    const rg_k8s_resource *o = rg_store_find_plain(run->store, r->plain_id);
    for (; o != NULL; o = rg_store_next_same_plain(run->store, o))
        if (o != r && rg_value_equal(o->object, r->object))
            fail_id(run, o->id, resp);
}

static void fail_object(const rg_rule_run *run, const rg_value *obj,
                        const rg_value *r)
{
    if (obj == NULL || rg_value_kind(obj) != RG_OBJECT)
        return;
    if (rg_verdict_ns_skipped(run->filter, obj_namespace(obj)))
        return;
    const char *id = rg_verdict_object_id(scratch_of(run), run->store, obj);
    fail_id(run, id, r);
    const rg_k8s_resource *stored = run->store ? rg_store_find(run->store, id)
                                               : NULL;
    if (stored != NULL)
        fail_copies(run, stored, r);
}

static void apply_response(const rg_rule_run *run, const rg_value *r)
{
    const rg_value *ex = field(r, "exception");
    if (ex != NULL && rg_value_kind(ex) != RG_NULL)
        return;
    const rg_value *ao = field(r, "alertObject");
    const rg_value *k8s = field(ao, "k8sApiObjects");
    for (size_t i = 0; k8s && i < list_len(k8s); i++)
        fail_object(run, item_at(k8s, i), r);
    const rg_value *ext = field(ao, "externalObjects");
    if (ext != NULL && rg_value_kind(ext) == RG_OBJECT)
        fail_object(run, ext, r);
}

/* Give every tested resource without a verdict for this rule status. */
static void settle_tested(const rg_rule_run *run, rg_status status,
                          const char *error)
{
    rg_results *res = run->results;
    size_t n = run->tested ? rg_len(run->tested) : 0;
    for (size_t i = 0; i < n; i++) {
        const rg_value *obj = rg_array_at(run->tested, i);
        if (rg_verdict_ns_skipped(run->filter, obj_namespace(obj)))
            continue;
        const char *id = rg_verdict_object_id(scratch_of(run), run->store, obj);
        rg_rule_verdict *rv = rg_results_rule(res, run->control, id,
                                              run->rule);
        if (rv->status != RG_STATUS_FAILED && status == RG_STATUS_SKIPPED) {
            rv->status = RG_STATUS_SKIPPED;
            if (error && rv->message == NULL)
                rv->message = rg_results_keep(res, error);
        }
    }
}

int rg_verdict_apply(const rg_rule_run *run, const rg_value *doc,
                     const char **error)
{
    const char *bad = decode_check(doc);
    if (bad != NULL) {
        rg_verdict_skip_all(run, bad);
        if (error)
            *error = bad;
        return -1;
    }
    for (size_t i = 0; doc && i < rg_len(doc); i++) {
        const rg_value *v = rg_object_value_at(doc, i);
        for (size_t j = 0; j < list_len(v); j++)
            apply_response(run, item_at(v, j));
    }
    settle_tested(run, RG_STATUS_PASSED, NULL);
    return 0;
}

void rg_verdict_skip_all(const rg_rule_run *run, const char *error)
{
    settle_tested(run, RG_STATUS_SKIPPED, error);
}

const rg_value *rg_verdict_failed_objects(rg_arena *arena,
                                          const rg_value *doc)
{
    if (decode_check(doc) != NULL)
        return NULL;
    const rg_value **objs = NULL;
    size_t count = 0, cap = 0;
    for (size_t i = 0; doc && i < rg_len(doc); i++) {
        const rg_value *v = rg_object_value_at(doc, i);
        for (size_t j = 0; j < list_len(v); j++) {
            const rg_value *ao = field(item_at(v, j), "alertObject");
            const rg_value *k8s = field(ao, "k8sApiObjects");
            for (size_t k = 0; k8s && k < list_len(k8s); k++) {
                rg_grow((void **)&objs, &cap, count + 1, sizeof *objs);
                objs[count++] = item_at(k8s, k);
            }
        }
    }
    const rg_value *out = rg_array(arena, objs, count);
    free(objs);
    return out;
}
