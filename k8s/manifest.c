/*
 * Manifest loading and document accounting; see k8s/manifest.h.
 */
#include "k8s/manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "k8s/yamlpos.h"
#include "runtime/yaml.h"

void rg_manifest_summary_init(rg_manifest_summary *sum)
{
    memset(sum, 0, sizeof *sum);
    rg_errors_init(&sum->errors);
    rg_errors_init(&sum->warnings);
}

void rg_manifest_summary_free(rg_manifest_summary *sum)
{
    for (size_t i = 0; i < sum->skip_count; i++) {
        free(sum->skips[i].file);
        free(sum->skips[i].reason);
    }
    free(sum->skips);
    rg_errors_free(&sum->errors);
    rg_errors_free(&sum->warnings);
    memset(sum, 0, sizeof *sum);
}

size_t rg_manifest_estimate(const char *text, size_t len)
{
    static const char word[] = "apiVersion";
    size_t n = 0, wl = sizeof word - 1;
    const char *p = text, *end = text + len;
    while (p + wl <= end &&
           (p = memchr(p, 'a', (size_t)(end - p - wl + 1))) != NULL) {
        if (memcmp(p, word, wl) == 0)
            n++;
        p++;
    }
    return n;
}

static rg_manifest_skip *skip(rg_manifest_summary *sum, const char *file,
                              int line, const char *reason)
{
    rg_grow((void **)&sum->skips, &sum->skip_cap, sum->skip_count + 1,
            sizeof *sum->skips);
    rg_manifest_skip *s = &sum->skips[sum->skip_count++];
    s->file = rg_xstrdup(file);
    s->line = line;
    s->reason = rg_xstrdup(reason);
    s->duplicate = false;
    return s;
}

/* A non-empty string at key of obj, or NULL. */
static const char *nonempty(const rg_value *obj, const char *key)
{
    const char *s = rg_store_str(obj, key);
    return s && *s ? s : NULL;
}

static bool is_object(const rg_value *v)
{
    return v != NULL && rg_value_kind(v) == RG_OBJECT;
}

typedef struct ctx {
    rg_store *store;
    rg_manifest_summary *sum;
    const char *path;
    uint32_t source;
    const char *text;
    size_t len;
} ctx;

/* A resource ID met twice: in one file, or in two files with the same
 * path relative to their scanned folders.  Kubescape keeps resources in
 * a map by ID, so the later document replaces the earlier one, and so
 * does this scan.  The earlier document is the one reported as skipped. */
static void replace_duplicate(ctx *c, const rg_k8s_resource *prior,
                              const rg_value *obj, const rg_store_origin *o)
{
    c->sum->duplicates++;
    char *reason = rg_arena_printf(rg_store_arena(c->store),
                                   "resource %s is defined again at %s:%d, "
                                   "and the later definition is scanned",
                                   prior->id, c->path, o->line);
    skip(c->sum, rg_store_source(c->store, prior->source), prior->line,
         reason)->duplicate = true;
    rg_store_replace(c->store, prior, obj, o);
}

static void add_resource(ctx *c, const rg_value *obj,
                         const rg_store_origin *o)
{
    int line = o->line;
    if (!is_object(obj) || !nonempty(obj, "apiVersion") ||
        !nonempty(obj, "kind")) {
        c->sum->not_kubernetes++;
        skip(c->sum, c->path, line, "not a Kubernetes object: no "
             "apiVersion and kind");
        return;
    }
    const rg_k8s_resource *prior = NULL;
    if (rg_store_add(c->store, obj, o, &prior)) {
        c->sum->resources++;
        return;
    }
    replace_duplicate(c, prior, obj, o);
}

/* "*List" kinds with an items array. */
static const rg_value *list_items(const rg_value *obj)
{
    const char *kind = rg_store_str(obj, "kind");
    size_t n = kind ? strlen(kind) : 0;
    if (n < 4 || strcmp(kind + n - 4, "List") != 0)
        return NULL;
    const rg_value *items = rg_object_get_str(obj, "items", 5);
    return items && rg_value_kind(items) == RG_ARRAY ? items : NULL;
}

static void add_list(ctx *c, const rg_value *items, const rg_yaml_doc *doc,
                     int line)
{
    c->sum->lists++;
    c->sum->list_entries += rg_len(items);
    for (size_t i = 0; i < rg_len(items); i++) {
        char path[32], prefix[40];
        snprintf(path, sizeof path, "items[%zu]", i);
        snprintf(prefix, sizeof prefix, "items[%zu].", i);
        rg_store_origin o = {c->source, (uint32_t)doc->index, line, 1,
                             prefix};
        rg_yamlpos_locate(c->text, c->len, (size_t)doc->index, path,
                          &o.line, &o.col);
        size_t before = c->sum->resources;
        add_resource(c, rg_array_at(items, i), &o);
        c->sum->list_items += c->sum->resources - before;
    }
}

static bool add_document(void *user, const rg_yaml_doc *doc)
{
    ctx *c = user;
    c->sum->documents++;
    int line = rg_yamlpos_content_line(c->text, c->len, doc->line);
    if (doc->failed) {
        skip(c->sum, c->path, line, "invalid YAML document; see the "
             "errors");
        return true;
    }
    if (doc->value == NULL) {
        c->sum->empty++;
        return true;
    }
    const rg_value *items = is_object(doc->value) ? list_items(doc->value)
                                                  : NULL;
    if (items != NULL) {
        add_list(c, items, doc, line);
    } else {
        rg_store_origin o = {c->source, (uint32_t)doc->index, line, 1,
                             NULL};
        add_resource(c, doc->value, &o);
    }
    return true;
}

static void warn(void *user, const char *file, int line, int col,
                 const char *message)
{
    rg_manifest_summary *sum = user;
    rg_errors_add(&sum->warnings, "yaml_warning", file, line, col, "%s",
                  message);
}

int rg_manifest_load_text(rg_store *store, rg_manifest_summary *sum,
                          const char *path, const char *id_path,
                          const char *text, size_t len)
{
    ctx c = {store, sum, path, rg_store_add_source(store, path, id_path),
             text, len};
    sum->files++;
    rg_yaml_options opts = {path, rg_store_keys(store), false, warn, sum};
    size_t errors = sum->errors.count;
    int rc = rg_yaml_stream(rg_store_arena(store), text, len, &opts,
                            add_document, &c, &sum->errors);
    if (rc < 0 || sum->errors.count > errors)
        sum->unreadable++;
    return rc < 0 ? -1 : 0;
}
