/*
 * Posture exception policies; see k8s/exceptions.h.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "k8s/exceptions.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct pattern {
    char *text;
    pcre2_code *re;             /* NULL when text is not a valid regex */
} pattern;

typedef struct attribute {
    char *key;
    pattern value;
} attribute;

typedef struct designator {
    attribute *attrs;
    size_t count;
} designator;

typedef struct posture {
    pattern control;            /* text NULL when unset */
    pattern rule;
} posture;

typedef struct policy {
    char *name;
    designator *designators;
    size_t designator_count;
    posture *postures;
    size_t posture_count;
} policy;

struct rg_exceptions {
    policy *items;
    size_t count;
};

static void compile(pattern *p, const char *text, bool caseless)
{
    p->text = rg_xstrdup(text);
    size_t n = strlen(text) + 8;
    char *anchored = rg_xmalloc(n);
    snprintf(anchored, n, "^(?:%s)$", text);
    int code;
    PCRE2_SIZE off;
    p->re = pcre2_compile((PCRE2_SPTR)anchored, PCRE2_ZERO_TERMINATED,
                          caseless ? PCRE2_CASELESS : 0, &code, &off, NULL);
    free(anchored);
}

static void release(pattern *p)
{
    free(p->text);
    if (p->re)
        pcre2_code_free(p->re);
}

static bool regex_hit(const pattern *p, const char *s)
{
    if (p->re == NULL)
        return false;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(p->re,
                                                                NULL);
    int rc = pcre2_match(p->re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
    pcre2_match_data_free(md);
    return rc >= 0;
}

static const rg_value *field(const rg_value *obj, const char *key)
{
    if (obj == NULL || rg_value_kind(obj) != RG_OBJECT)
        return NULL;
    return rg_object_get_str(obj, key, strlen(key));
}

static const char *str(const rg_value *obj, const char *key)
{
    const rg_value *v = field(obj, key);
    return v && rg_value_kind(v) == RG_STRING ? rg_string_bytes(v) : NULL;
}

static void load_designator(designator *d, const rg_value *json)
{
    const rg_value *attrs = field(json, "attributes");
    size_t n = attrs && rg_value_kind(attrs) == RG_OBJECT ? rg_len(attrs)
                                                          : 0;
    d->attrs = rg_xcalloc(n + 1, sizeof *d->attrs);
    d->count = 0;
    for (size_t i = 0; i < n; i++) {
        const rg_value *v = rg_object_value_at(attrs, i);
        if (rg_value_kind(v) != RG_STRING)
            continue;
        attribute *a = &d->attrs[d->count++];
        a->key = rg_xstrdup(rg_string_bytes(rg_object_key_at(attrs, i)));
        compile(&a->value, rg_string_bytes(v), false);
    }
}

static void load_posture(posture *p, const rg_value *json)
{
    memset(p, 0, sizeof *p);
    const char *c = str(json, "controlID"), *r = str(json, "ruleName");
    if (c && *c)
        compile(&p->control, c, true);
    if (r && *r)
        compile(&p->rule, r, true);
}

/* true when date (RFC 3339) is before now; false when unset or
 * unreadable. */
static bool date_passed(const char *date, time_t now)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (date == NULL ||
        sscanf(date, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
               &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm) < now;
}

/* true when policy json expired before now. */
static bool expired(const rg_value *json, time_t now)
{
    return date_passed(str(json, "expirationDate"), now);
}

static void load_policy(policy *p, const rg_value *json)
{
    const char *name = str(json, "name");
    p->name = rg_xstrdup(name ? name : "(unnamed exception)");
    const rg_value *res = field(json, "resources");
    size_t n = res && rg_value_kind(res) == RG_ARRAY ? rg_len(res) : 0;
    p->designators = rg_xcalloc(n + 1, sizeof *p->designators);
    p->designator_count = n;
    for (size_t i = 0; i < n; i++)
        load_designator(&p->designators[i], rg_array_at(res, i));
    const rg_value *pp = field(json, "posturePolicies");
    n = pp && rg_value_kind(pp) == RG_ARRAY ? rg_len(pp) : 0;
    p->postures = rg_xcalloc(n + 1, sizeof *p->postures);
    p->posture_count = n;
    for (size_t i = 0; i < n; i++)
        load_posture(&p->postures[i], rg_array_at(pp, i));
}

rg_exceptions *rg_exceptions_load(const rg_value *json, const char *file,
                                  time_t now, rg_errors *errs)
{
    bool one = rg_value_kind(json) == RG_OBJECT;
    if (!one && rg_value_kind(json) != RG_ARRAY) {
        rg_errors_add(errs, "exceptions_error", file, 0, 0,
                      "expected an array of exception policies, got %s",
                      rg_kind_name(rg_value_kind(json)));
        return NULL;
    }
    size_t n = one ? 1 : rg_len(json);
    rg_exceptions *ex = rg_xcalloc(1, sizeof *ex);
    ex->items = rg_xcalloc(n + 1, sizeof *ex->items);
    for (size_t i = 0; i < n; i++) {
        const rg_value *p = one ? json : rg_array_at(json, i);
        if (rg_value_kind(p) != RG_OBJECT) {
            rg_errors_add(errs, "exceptions_error", file, 0, 0,
                          "exception policy %zu is not an object", i + 1);
            continue;
        }
        if (!expired(p, now))
            load_policy(&ex->items[ex->count++], p);
    }
    return ex;
}

void rg_exceptions_free(rg_exceptions *ex)
{
    if (ex == NULL)
        return;
    for (size_t i = 0; i < ex->count; i++) {
        policy *p = &ex->items[i];
        for (size_t j = 0; j < p->designator_count; j++) {
            for (size_t k = 0; k < p->designators[j].count; k++) {
                free(p->designators[j].attrs[k].key);
                release(&p->designators[j].attrs[k].value);
            }
            free(p->designators[j].attrs);
        }
        for (size_t j = 0; j < p->posture_count; j++) {
            release(&p->postures[j].control);
            release(&p->postures[j].rule);
        }
        free(p->designators);
        free(p->postures);
        free(p->name);
    }
    free(ex->items);
    free(ex);
}

size_t rg_exceptions_count(const rg_exceptions *ex)
{
    return ex->count;
}

static bool text_hit(const pattern *p, const char *s, bool caseless)
{
    if (p->text == NULL)
        return true;
    if (s == NULL)
        return false;
    if (caseless ? strcasecmp(p->text, s) == 0 : strcmp(p->text, s) == 0)
        return true;
    return regex_hit(p, s);
}

static bool posture_hit(const policy *p, const rg_exception_target *t)
{
    if (p->posture_count == 0)
        return true;
    for (size_t i = 0; i < p->posture_count; i++)
        if (text_hit(&p->postures[i].control, t->control_id, true) &&
            text_hit(&p->postures[i].rule, t->rule, true))
            return true;
    return false;
}

static const char *meta(const rg_value *obj, const char *key)
{
    return str(field(obj, "metadata"), key);
}

/* The value a built-in attribute is tested against, or NULL for a label
 * attribute.  *known is set to false for a label attribute. */
static const char *builtin_value(const rg_exception_target *t,
                                 const char *key, bool *known)
{
    const rg_value *o = t->object;
    *known = true;
    const char *kind = str(o, "kind");
    if (strcmp(key, "namespace") == 0)
        return kind && strcmp(kind, "Namespace") == 0 ? meta(o, "name")
                                                      : meta(o, "namespace");
    if (strcmp(key, "kind") == 0)
        return kind;
    if (strcmp(key, "name") == 0)
        return meta(o, "name") ? meta(o, "name") : str(o, "name");
    if (strcmp(key, "resourceID") == 0)
        return t->resource_id;
    if (strcmp(key, "path") == 0)
        return t->path;
    if (strcmp(key, "cluster") == 0 || strcmp(key, "containerName") == 0)
        return "";
    *known = false;
    return NULL;
}

/* true when every label attribute of d matches map (also when d has
 * none). */
static bool labels_hit(const designator *d, const rg_value *map)
{
    for (size_t i = 0; i < d->count; i++) {
        bool known;
        rg_exception_target none = {0};
        builtin_value(&none, d->attrs[i].key, &known);
        if (known)
            continue;
        const char *v = str(map, d->attrs[i].key);
        if (v == NULL || !regex_hit(&d->attrs[i].value, v))
            return false;
    }
    return true;
}

static bool designator_hit(const designator *d,
                           const rg_exception_target *t)
{
    if (d->count == 0)
        return false;
    for (size_t i = 0; i < d->count; i++) {
        const char *key = d->attrs[i].key;
        bool known;
        const char *v = builtin_value(t, key, &known);
        if (!known)
            continue;
        if (strcmp(key, "cluster") == 0 || strcmp(key, "containerName") == 0)
            continue;
        if (v == NULL || !regex_hit(&d->attrs[i].value, v))
            return false;
    }
    const rg_value *md = field(t->object, "metadata");
    return labels_hit(d, field(md, "labels")) ||
           labels_hit(d, field(md, "annotations"));
}

const char *rg_exceptions_match(const rg_exceptions *ex,
                                const rg_exception_target *target)
{
    for (size_t i = 0; i < ex->count; i++) {
        const policy *p = &ex->items[i];
        if (!posture_hit(p, target))
            continue;
        for (size_t j = 0; j < p->designator_count; j++)
            if (designator_hit(&p->designators[j], target))
                return p->name;
    }
    return NULL;
}

/* true when the comma-separated list names id (ignoring case and
 * spaces around each name). */
static bool list_names(const char *list, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *end = p;
        while (*end && *end != ',')
            end++;
        const char *last = end;
        while (last > p && last[-1] == ' ')
            last--;
        if ((size_t)(last - p) == n && strncasecmp(p, id, n) == 0)
            return true;
        p = end;
    }
    return false;
}

bool rg_exceptions_inline(const rg_value *object, const char *control_id,
                          time_t now)
{
    const rg_value *ann = field(field(object, "metadata"), "annotations");
    const char *skip = str(ann, "kubescape.io/skip-controls");
    if (skip == NULL || !list_names(skip, control_id))
        return false;
    return !date_passed(str(ann, "kubescape.io/skip-expiry"), now);
}
