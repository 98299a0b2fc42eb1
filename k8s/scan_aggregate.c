/*
 * Resource aggregators, applied to a rule's input when its metadata
 * names one (attributes.resourcesAggregator):
 *
 * subject-role-rolebinding: for each binding and each role whose kind
 * and name equal the binding's roleRef, every subject of the binding
 * becomes a new object, a copy of the subject with relatedObjects
 * [binding, role].  The input is then only these subjects.
 *
 * apiserver-pod: the input becomes the first Pod in kube-system whose
 * name contains "apiserver" or "api-server", or nothing.
 *
 * The subjects are recorded as extra resources of the scan, so reports
 * list them like stored resources.
 */
#include "k8s/scan_internal.h"

#include <stdlib.h>
#include <string.h>

#include "k8s/verdict.h"

static const char *str_at(const rg_value *obj, const char *key)
{
    return rg_store_str(obj, key);
}

static const char *meta_str(const rg_value *obj, const char *key)
{
    return rg_store_str(rg_object_get_str(obj, "metadata", 8), key);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t ls = s ? strlen(s) : 0, lx = strlen(suffix);
    return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

static bool str_eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static void add_extra(rg_scan *scan, const char *id, const rg_value *obj)
{
    if (!rg_strmap_put(&scan->extra_ids, id, strlen(id),
                       (uint32_t)scan->extra_count, NULL))
        return;
    rg_grow((void **)&scan->extras, &scan->extra_cap, scan->extra_count + 1,
            sizeof *scan->extras);
    scan->extras[scan->extra_count].id = id;
    scan->extras[scan->extra_count++].object = obj;
}

/* A copy of subject with relatedObjects [binding, role] added. */
static const rg_value *subject_with(rg_arena *arena, const rg_value *subject,
                                    const rg_value *binding,
                                    const rg_value *role)
{
    rg_builder *b = rg_object_builder(arena, rg_len(subject) + 1);
    for (size_t i = 0; i < rg_len(subject); i++)
        rg_builder_put(b, rg_object_key_at(subject, i),
                       rg_object_value_at(subject, i));
    const rg_value *related[2] = {binding, role};
    rg_builder_put(b, rg_cstring(arena, "relatedObjects"),
                   rg_array(arena, related, 2));
    return rg_builder_finish(b);
}

typedef struct objlist {
    const rg_value **items;
    size_t count, cap;
} objlist;

static void push(objlist *l, const rg_value *v)
{
    rg_grow((void **)&l->items, &l->cap, l->count + 1, sizeof *l->items);
    l->items[l->count++] = v;
}

static void bind_subjects(rg_scan *scan, objlist *out,
                          const rg_value *binding, const rg_value *role)
{
    const rg_value *subjects = rg_object_get_str(binding, "subjects", 8);
    if (subjects == NULL || rg_value_kind(subjects) != RG_ARRAY)
        return;
    for (size_t i = 0; i < rg_len(subjects); i++) {
        const rg_value *s = rg_array_at(subjects, i);
        if (rg_value_kind(s) != RG_OBJECT)
            continue;
        const rg_value *obj = subject_with(scan->scratch, s, binding, role);
        push(out, obj);
        add_extra(scan, rg_verdict_object_id(scan->scratch, scan->store, obj),
                  obj);
    }
}

/* Roles of the input by "kind/name": map to the first, next[] to the
 * following ones with the same key (roles of several namespaces). */
typedef struct role_index {
    rg_strmap first;
    uint32_t *next;
} role_index;

static void index_roles(rg_arena *arena, const rg_value *input,
                        role_index *ri)
{
    size_t n = rg_len(input);
    rg_strmap_init(&ri->first, n);
    ri->next = rg_xmalloc((n + 1) * sizeof *ri->next);
    for (size_t i = n; i-- > 0;) {
        const rg_value *r = rg_array_at(input, i);
        ri->next[i] = UINT32_MAX;
        if (!ends_with(str_at(r, "kind"), "Role"))
            continue;
        const char *key = rg_arena_printf(arena, "%s/%s", str_at(r, "kind"),
                                          meta_str(r, "name"));
        uint32_t prior;
        if (!rg_strmap_put(&ri->first, key, strlen(key), (uint32_t)i,
                           &prior)) {
            ri->next[i] = prior;
            rg_strmap_set(&ri->first, key, strlen(key), (uint32_t)i);
        }
    }
}

static const rg_value *subjects(rg_scan *scan, const rg_value *input)
{
    objlist out = {0};
    role_index ri;
    index_roles(scan->scratch, input, &ri);
    for (size_t i = 0; i < rg_len(input); i++) {
        const rg_value *b = rg_array_at(input, i);
        if (!ends_with(str_at(b, "kind"), "Binding"))
            continue;
        const rg_value *ref = rg_object_get_str(b, "roleRef", 7);
        const char *key = rg_arena_printf(scan->scratch, "%s/%s",
                                          str_at(ref, "kind"),
                                          str_at(ref, "name"));
        uint32_t j;
        if (!rg_strmap_get(&ri.first, key, strlen(key), &j))
            continue;
        for (; j != UINT32_MAX; j = ri.next[j])
            bind_subjects(scan, &out, b, rg_array_at(input, j));
    }
    rg_strmap_free(&ri.first);
    free(ri.next);
    const rg_value *v = rg_array(scan->scratch, out.items, out.count);
    free(out.items);
    return v;
}

static const rg_value *apiserver_pod(rg_scan *scan, const rg_value *input)
{
    for (size_t i = 0; i < rg_len(input); i++) {
        const rg_value *p = rg_array_at(input, i);
        const char *name = meta_str(p, "name");
        if (str_eq(str_at(p, "kind"), "Pod") &&
            str_eq(meta_str(p, "namespace"), "kube-system") && name &&
            (strstr(name, "apiserver") || strstr(name, "api-server")))
            return rg_array(scan->scratch, &p, 1);
    }
    return rg_array(scan->scratch, NULL, 0);
}

const rg_value *rg_scan_aggregate(rg_scan *scan, const rg_policy_rule *rule,
                                  const rg_value *input)
{
    if (rule->aggregator == NULL)
        return input;
    if (strcmp(rule->aggregator, "subject-role-rolebinding") == 0)
        return subjects(scan, input);
    if (strcmp(rule->aggregator, "apiserver-pod") == 0)
        return apiserver_pod(scan, input);
    return input;
}
