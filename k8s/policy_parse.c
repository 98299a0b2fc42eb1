/*
 * Parsers for Kubescape's policy JSON files; see k8s/policy_parse.h.
 */
#include "k8s/policy_parse.h"

#include <stdlib.h>
#include <string.h>

static const rg_value *field(const rg_value *obj, const char *key)
{
    if (obj == NULL || rg_value_kind(obj) != RG_OBJECT)
        return NULL;
    return rg_object_get_str(obj, key, strlen(key));
}

static const char *str(rg_arena *arena, const rg_value *obj,
                       const char *key)
{
    const rg_value *v = field(obj, key);
    if (v == NULL || rg_value_kind(v) != RG_STRING)
        return NULL;
    return rg_arena_strndup(arena, rg_string_bytes(v), rg_string_len(v));
}

const rg_value *rg_policy_get_path(const rg_value *v, const char *path)
{
    const char *p = path;
    while (v != NULL && *p) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (rg_value_kind(v) != RG_OBJECT)
            return NULL;
        v = rg_object_get_str(v, p, n);
        p += n + (dot ? 1 : 0);
    }
    return v;
}

rg_strlist rg_policy_strings(rg_arena *arena, const rg_value *v)
{
    rg_strlist out = {NULL, 0};
    if (v == NULL || rg_value_kind(v) != RG_ARRAY)
        return out;
    size_t n = rg_len(v);
    out.items = rg_arena_alloc(arena, (n + 1) * sizeof *out.items);
    for (size_t i = 0; i < n; i++) {
        const rg_value *item = rg_array_at(v, i);
        if (rg_value_kind(item) == RG_STRING)
            out.items[out.count++] = rg_arena_strndup(
                arena, rg_string_bytes(item), rg_string_len(item));
    }
    return out;
}

static void append_list(char **buf, size_t *len, size_t *cap,
                        const rg_strlist *l)
{
    for (size_t i = 0; i < l->count; i++) {
        size_t n = strlen(l->items[i]);
        rg_grow((void **)buf, cap, *len + n + 2, 1);
        memcpy(*buf + *len, l->items[i], n);
        *len += n;
        (*buf)[(*len)++] = i + 1 < l->count ? ',' : ';';
    }
    rg_grow((void **)buf, cap, *len + 2, 1);
    (*buf)[(*len)++] = '|';
    (*buf)[*len] = '\0';
}

/* match[] as text that is equal for equal matches, so rules with the
 * same match can share one computed input. */
static const char *match_key(rg_arena *arena, const rg_rule_match *m,
                             size_t count)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    rg_grow((void **)&buf, &cap, 1, 1);
    buf[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        append_list(&buf, &len, &cap, &m[i].groups);
        append_list(&buf, &len, &cap, &m[i].versions);
        append_list(&buf, &len, &cap, &m[i].resources);
    }
    const char *out = rg_arena_strdup(arena, buf);
    free(buf);
    return out;
}

static void parse_match(rg_arena *arena, const rg_value *list,
                        rg_policy_rule *out)
{
    size_t n = list && rg_value_kind(list) == RG_ARRAY ? rg_len(list) : 0;
    out->match = rg_arena_calloc(arena, n + 1, sizeof *out->match);
    out->match_count = n;
    for (size_t i = 0; i < n; i++) {
        const rg_value *m = rg_array_at(list, i);
        out->match[i].groups = rg_policy_strings(arena,
                                                 field(m, "apiGroups"));
        out->match[i].versions = rg_policy_strings(arena,
                                                   field(m, "apiVersions"));
        out->match[i].resources = rg_policy_strings(arena,
                                                    field(m, "resources"));
    }
    out->match_key = match_key(arena, out->match, n);
}

/* The third dotted segment of each controlConfigInputs[].path. */
static rg_strlist config_keys(rg_arena *arena, const rg_value *list)
{
    rg_strlist out = {NULL, 0};
    size_t n = list && rg_value_kind(list) == RG_ARRAY ? rg_len(list) : 0;
    out.items = rg_arena_alloc(arena, (n + 1) * sizeof *out.items);
    for (size_t i = 0; i < n; i++) {
        const char *path = str(arena, rg_array_at(list, i), "path");
        const char *p = path;
        for (int dots = 0; p && dots < 2; dots++) {
            p = strchr(p, '.');
            p = p ? p + 1 : NULL;
        }
        if (p == NULL || *p == '\0')
            continue;
        const char *end = strchr(p, '.');
        out.items[out.count++] = end ? rg_arena_strndup(arena, p,
                                                        (size_t)(end - p))
                                     : p;
    }
    return out;
}

int rg_policy_parse_rule(rg_arena *arena, const rg_value *meta,
                         const char *file, rg_policy_rule *out,
                         rg_errors *errs)
{
    memset(out, 0, sizeof *out);
    out->name = str(arena, meta, "name");
    if (out->name == NULL) {
        rg_errors_add(errs, "policy_error", file, 0, 0,
                      "rule metadata has no string \"name\"; rule left out");
        return -1;
    }
    const rg_value *match = field(meta, "match");
    parse_match(arena, match, out);
    const rg_value *dyn = field(meta, "dynamicMatch");
    out->dynamic_only = out->match_count == 0 && dyn != NULL &&
                        rg_value_kind(dyn) == RG_ARRAY && rg_len(dyn) > 0;
    out->config_keys = config_keys(arena, field(meta,
                                                "controlConfigInputs"));
    out->aggregator = str(arena, field(meta, "attributes"),
                          "resourcesAggregator");
    out->description = str(arena, meta, "description");
    out->remediation = str(arena, meta, "remediation");
    out->metadata = meta;
    return 0;
}

static double number_or_zero(const rg_value *v)
{
    if (v == NULL || rg_value_kind(v) != RG_NUMBER)
        return 0;
    return rg_number_double(v);
}

/* true when the control's scanningScope lets a file scan run it: no
 * scope, an empty list, or "file" among the matches. */
static bool allows_files(const rg_value *json)
{
    const rg_value *m = rg_policy_get_path(json, "scanningScope.matches");
    if (m == NULL || rg_value_kind(m) != RG_ARRAY || rg_len(m) == 0)
        return true;
    for (size_t i = 0; i < rg_len(m); i++) {
        const rg_value *s = rg_array_at(m, i);
        if (rg_value_kind(s) == RG_STRING &&
            strcmp(rg_string_bytes(s), "file") == 0)
            return true;
    }
    return false;
}

/* Controls Kubescape evaluates on the whole cluster even when it splits
 * a large cluster by namespace, besides those whose attributes say
 * requiresWholeClusterInput. */
static const char *const WHOLE_CLUSTER_CONTROLS[] = {
    "C-0261", "C-0266", "C-0267", "C-0272"};

static bool whole_cluster(const rg_value *json, const char *id)
{
    const rg_value *v = rg_policy_get_path(json,
                                           "attributes."
                                           "requiresWholeClusterInput");
    if (v != NULL && rg_value_kind(v) == RG_BOOLEAN && rg_bool_get(v))
        return true;
    for (size_t i = 0; i < RG_ARRAY_LEN(WHOLE_CLUSTER_CONTROLS); i++)
        if (strcmp(id, WHOLE_CLUSTER_CONTROLS[i]) == 0)
            return true;
    return false;
}

int rg_policy_parse_control(rg_arena *arena, const rg_value *json,
                            const char *file, rg_policy_control *out,
                            rg_errors *errs)
{
    memset(out, 0, sizeof *out);
    out->id = str(arena, json, "controlID");
    if (out->id == NULL) {
        rg_errors_add(errs, "policy_error", file, 0, 0,
                      "control has no string \"controlID\"; left out");
        return -1;
    }
    out->name = str(arena, json, "name");
    if (out->name == NULL)
        out->name = out->id;
    out->description = str(arena, json, "description");
    out->remediation = str(arena, json, "remediation");
    out->base_score = number_or_zero(field(json, "baseScore"));
    out->action_required = str(arena, field(json, "attributes"),
                               "actionRequired");
    out->file_scope = allows_files(json);
    out->whole_cluster = whole_cluster(json, out->id);
    out->rule_names = rg_policy_strings(arena, field(json, "rulesNames"));
    out->json = json;
    return 0;
}

static rg_strlist control_ids(rg_arena *arena, const rg_value *list)
{
    rg_strlist out = {NULL, 0};
    size_t n = list && rg_value_kind(list) == RG_ARRAY ? rg_len(list) : 0;
    out.items = rg_arena_alloc(arena, (n + 1) * sizeof *out.items);
    for (size_t i = 0; i < n; i++) {
        const char *id = str(arena, rg_array_at(list, i), "controlID");
        if (id != NULL)
            out.items[out.count++] = id;
    }
    return out;
}

int rg_policy_parse_framework(rg_arena *arena, const rg_value *json,
                              const char *file, rg_policy_framework *out,
                              rg_errors *errs)
{
    memset(out, 0, sizeof *out);
    out->name = str(arena, json, "name");
    if (out->name == NULL) {
        rg_errors_add(errs, "policy_error", file, 0, 0,
                      "framework has no string \"name\"; left out");
        return -1;
    }
    out->description = str(arena, json, "description");
    const rg_value *active = field(json, "activeControls");
    if (active == NULL)
        active = field(json, "controls");
    out->control_ids = control_ids(arena, active);
    if (out->control_ids.count == 0)
        out->control_ids = rg_policy_strings(arena,
                                             field(json, "controlsIDs"));
    return 0;
}

const rg_value *rg_policy_parse_inputs(const rg_value *json,
                                       const char *file, rg_errors *errs)
{
    const rg_value *v = rg_policy_get_path(json,
                                           "settings.postureControlInputs");
    if (v == NULL || rg_value_kind(v) != RG_OBJECT) {
        rg_errors_add(errs, "policy_error", file, 0, 0,
                      "expected an object at settings.postureControlInputs");
        return NULL;
    }
    return v;
}
