/*
 * rego.metadata.rule() and rego.metadata.chain(): the METADATA
 * annotations of the rule being compiled, as values.  Both depend only
 * on the modules, so the compiler computes them once and the call
 * becomes a constant.
 *
 * An annotation's YAML becomes an object with its "scope" filled in
 * ("rule" for a block before a rule, "package" before a package), each
 * author written as a string becomes {"name": ..., "email": ...} and
 * each related resource written as a string becomes {"ref": ...}.
 */
#include "engine/metadata.h"

#include <string.h>

#include "runtime/yaml.h"

static const rg_value *author(rg_arena *a, const rg_value *v)
{
    if (rg_value_kind(v) != RG_STRING)
        return v;
    const char *s = rg_string_bytes(v);
    const char *lt = strchr(s, '<');
    const char *gt = lt ? strchr(lt, '>') : NULL;
    rg_builder *b = rg_object_builder(a, 2);
    if (lt && gt && gt[1] == '\0') {
        const char *end = lt;
        while (end > s && end[-1] == ' ')
            end--;
        if (end > s)
            rg_builder_put(b, rg_cstring(a, "name"),
                           rg_string(a, s, (size_t)(end - s)));
        rg_builder_put(b, rg_cstring(a, "email"),
                       rg_string(a, lt + 1, (size_t)(gt - lt - 1)));
    } else {
        rg_builder_put(b, rg_cstring(a, "name"), v);
    }
    return rg_builder_finish(b);
}

static const rg_value *map_items(rg_arena *a, const rg_value *list,
                                 const char *key)
{
    if (rg_value_kind(list) != RG_ARRAY)
        return list;
    size_t n = rg_len(list);
    const rg_value **items = rg_arena_alloc(a, (n + 1) * sizeof *items);
    for (size_t i = 0; i < n; i++) {
        const rg_value *v = rg_array_at(list, i);
        if (key == NULL) {
            items[i] = author(a, v);
        } else if (rg_value_kind(v) == RG_STRING) {
            rg_builder *b = rg_object_builder(a, 1);
            rg_builder_put(b, rg_cstring(a, key), v);
            items[i] = rg_builder_finish(b);
        } else {
            items[i] = v;
        }
    }
    return rg_array(a, items, n);
}

/* The annotation as a value, or NULL when its YAML is invalid. */
static const rg_value *annotation_value(rg_arena *a, const rg_annotation *an)
{
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *doc = an->len ?
        rg_yaml_parse(a, an->yaml, an->len, NULL, NULL, &errs) : NULL;
    rg_errors_free(&errs);
    size_t n = doc && rg_value_kind(doc) == RG_OBJECT ? rg_len(doc) : 0;
    rg_builder *b = rg_object_builder(a, n + 1);
    for (size_t i = 0; i < n; i++) {
        const rg_value *k = rg_object_key_at(doc, i);
        const rg_value *v = rg_object_value_at(doc, i);
        if (rg_value_kind(k) == RG_STRING &&
            strcmp(rg_string_bytes(k), "authors") == 0)
            v = map_items(a, v, NULL);
        else if (rg_value_kind(k) == RG_STRING &&
                 strcmp(rg_string_bytes(k), "related_resources") == 0)
            v = map_items(a, v, "ref");
        if (!(rg_value_kind(k) == RG_STRING &&
              strcmp(rg_string_bytes(k), "scope") == 0))
            rg_builder_put(b, k, v);
    }
    const char *scope = an->scope ? an->scope :
                        an->rule ? "rule" : "package";
    rg_builder_put(b, rg_cstring(a, "scope"), rg_cstring(a, scope));
    return rg_builder_finish(b);
}

static const rg_annotation *rule_annotation(const rg_rule *r,
                                            const char *scope)
{
    for (uint32_t i = 0; r && i < r->annotation_count; i++) {
        const rg_annotation *an = r->annotations[i];
        const char *s = an->scope ? an->scope : "rule";
        if (strcmp(s, scope) == 0)
            return an;
    }
    return NULL;
}

const rg_value *rg_metadata_rule(rg_arena *a, const rg_rule *rule)
{
    const rg_annotation *an = rule_annotation(rule, "rule");
    if (an == NULL)
        return rg_builder_finish(rg_object_builder(a, 0));
    return annotation_value(a, an);
}

static const rg_value *entry(rg_arena *a, const rg_value *path,
                             const rg_value *annotations)
{
    rg_builder *b = rg_object_builder(a, 2);
    rg_builder_put(b, rg_cstring(a, "path"), path);
    if (annotations)
        rg_builder_put(b, rg_cstring(a, "annotations"), annotations);
    return rg_builder_finish(b);
}

/* true when module m's package path equals path. */
static bool same_package(const rg_module *m, const rg_value *path)
{
    const rg_term *p = m->package;
    if (p == NULL || p->kind != RG_TERM_REF ||
        p->u.ref.count - 1 != rg_len(path))
        return false;
    for (uint32_t i = 1; i < p->u.ref.count; i++) {
        const rg_term *t = p->u.ref.parts[i];
        const rg_value *k = rg_array_at(path, i - 1);
        if (t->kind != RG_TERM_STRING || t->u.string.len != rg_string_len(k) ||
            memcmp(t->u.string.bytes, rg_string_bytes(k), t->u.string.len))
            return false;
    }
    return true;
}

/* The package annotation with scope (package or subpackages) of any
 * module whose package is path. */
static const rg_annotation *package_annotation(const rg_engine *e,
                                               const rg_value *path,
                                               const char *scope)
{
    for (size_t i = 0; i < e->nmodules; i++) {
        const rg_module *m = e->modules[i].module;
        if (!same_package(m, path))
            continue;
        for (uint32_t k = 0; k < m->annotation_count; k++) {
            const rg_annotation *an = m->annotations[k];
            const char *s = an->scope ? an->scope : "package";
            if (an->rule == NULL && strcmp(s, scope) == 0)
                return an;
        }
    }
    return NULL;
}

/* A document-scope annotation on any rule at the rule path. */
static const rg_annotation *document_annotation(const rg_engine *e,
                                                const rg_node *n)
{
    for (uint32_t i = 0; n && i < n->ndefs; i++) {
        const rg_annotation *an = rule_annotation(n->defs[i]->rule,
                                                  "document");
        if (an)
            return an;
    }
    if (n && n->default_def)
        return rule_annotation(n->default_def->rule, "document");
    RG_UNUSED(e);
    return NULL;
}

const rg_value *rg_metadata_chain(rg_arena *a, const rg_engine *e,
                                  const rg_node *node, const rg_rule *rule,
                                  const rg_value *pkg)
{
    const rg_value *items[64];
    size_t n = 0;
    const rg_annotation *an = rule_annotation(rule, "rule");
    items[n++] = entry(a, node->path, an ? annotation_value(a, an) : NULL);
    const rg_annotation *doc = document_annotation(e, node);
    if (doc)
        items[n++] = entry(a, node->path, annotation_value(a, doc));
    for (size_t len = rg_len(pkg) + 1; len-- > 0 && n < 62;) {
        const rg_value **keys = rg_arena_alloc(a, (len + 1) *
                                               sizeof *keys);
        for (size_t i = 0; i < len; i++)
            keys[i] = rg_array_at(pkg, i);
        const rg_value *path = rg_array(a, keys, len);
        const char *scope = len == rg_len(pkg) ? "package" : "subpackages";
        const rg_annotation *pa = package_annotation(e, path, scope);
        if (pa == NULL && len == rg_len(pkg))
            pa = package_annotation(e, path, "subpackages");
        if (pa)
            items[n++] = entry(a, path, annotation_value(a, pa));
    }
    return rg_array(a, items, n);
}
