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
    rg_yamlpos_lines lines;     /* line table of the file's text */
    int line_offset;            /* lines before the part being read */
    int doc_offset;             /* documents before that part */
    int part_docs;              /* documents of the part passed so far */
    size_t errors_seen;         /* sum->errors.count at the last one */
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

static const char *kind_name(const rg_value *v);

/* Why the field key of obj is not a usable string, or NULL when it is. */
static const char *field_problem(rg_arena *arena, const rg_value *obj,
                                 const char *key)
{
    const rg_value *v = rg_object_get_str(obj, key, strlen(key));
    if (v == NULL)
        return rg_arena_printf(arena, "no %s", key);
    if (rg_value_kind(v) != RG_STRING)
        return rg_arena_printf(arena, "%s is %s, not a string", key,
                               kind_name(v));
    return nonempty(obj, key) ? NULL
                              : rg_arena_printf(arena, "%s is empty", key);
}

/* Return the reason obj is not a Kubernetes object, or NULL when it is
 * one. */
static const char *not_kubernetes(rg_arena *arena, const rg_value *obj)
{
    if (!is_object(obj))
        return rg_arena_printf(arena, "not a Kubernetes object: %s, not a "
                               "mapping", kind_name(obj));
    const char *api = field_problem(arena, obj, "apiVersion");
    const char *kind = field_problem(arena, obj, "kind");
    if (api == NULL && kind == NULL)
        return NULL;
    if (api != NULL && kind != NULL && strncmp(api, "no ", 3) == 0 &&
        strncmp(kind, "no ", 3) == 0)
        return "not a Kubernetes object: no apiVersion and kind";
    return rg_arena_printf(arena, "not a Kubernetes object: %s%s%s",
                           api ? api : "", api && kind ? "; " : "",
                           kind ? kind : "");
}

static void add_resource(ctx *c, const rg_value *obj,
                         const rg_store_origin *o)
{
    int line = o->line;
    const char *why = not_kubernetes(rg_store_arena(c->store), obj);
    if (why != NULL) {
        c->sum->not_kubernetes++;
        skip(c->sum, c->path, line, why);
        return;
    }
    const rg_k8s_resource *prior = NULL;
    if (rg_store_add(c->store, obj, o, &prior)) {
        c->sum->resources++;
        return;
    }
    replace_duplicate(c, prior, obj, o);
}

/* Deepest nesting of Lists inside Lists that is unwrapped; real
 * manifests nest at most one level, and the bound keeps the recursion
 * small on hostile input. */
#define MANIFEST_MAX_LIST_DEPTH 16

/* Longest path prefix of a list item, "items[N]." per level. */
#define MANIFEST_PREFIX_MAX (MANIFEST_MAX_LIST_DEPTH * 24 + 1)

/* The items member of a "*List" kind, or NULL when obj is no list. */
static const rg_value *list_items(const rg_value *obj)
{
    if (!is_object(obj))
        return NULL;
    const char *kind = rg_store_str(obj, "kind");
    size_t n = kind ? strlen(kind) : 0;
    if (n < 4 || strcmp(kind + n - 4, "List") != 0)
        return NULL;
    return rg_object_get_str(obj, "items", 5);
}

static const char *kind_name(const rg_value *v)
{
    switch (rg_value_kind(v)) {
    case RG_NULL: return "null";
    case RG_BOOLEAN: return "a boolean";
    case RG_NUMBER: return "a number";
    case RG_STRING: return "a string";
    case RG_ARRAY: return "an array";
    case RG_OBJECT: return "an object";
    default: return "a set";
    }
}

typedef struct list_at {
    const rg_yaml_doc *doc;
    const char *prefix;         /* "" or "items[N]." ... of the list */
    int line;                   /* where the list starts */
    int depth;                  /* 0 for a document */
} list_at;

static void add_entry(ctx *c, const rg_value *item, const list_at *at,
                      int line, int col, size_t i);

/* Unwrap the items of a list, recursing into Lists inside it.  Reports
 * the list as skipped when items is not an array or nests too deep. */
static void add_list(ctx *c, const rg_value *items, const list_at *at)
{
    if (rg_value_kind(items) != RG_ARRAY || at->depth >=
        MANIFEST_MAX_LIST_DEPTH) {
        c->sum->not_kubernetes++;
        char *reason = rg_value_kind(items) != RG_ARRAY
            ? rg_arena_printf(rg_store_arena(c->store), "a List whose "
                              "items is %s, not an array", kind_name(items))
            : rg_arena_printf(rg_store_arena(c->store), "Lists nested "
                              "deeper than %d levels",
                              MANIFEST_MAX_LIST_DEPTH);
        skip(c->sum, c->path, at->line, reason);
        return;
    }
    size_t n = rg_len(items);
    c->sum->lists++;
    c->sum->list_entries += n;
    int *lines = rg_xmalloc((n ? n : 1) * sizeof *lines);
    int *cols = rg_xmalloc((n ? n : 1) * sizeof *cols);
    for (size_t i = 0; i < n; i++) {
        lines[i] = at->line;
        cols[i] = 1;
    }
    if (at->depth == 0)
        rg_yamlpos_lines_items(&c->lines, at->doc->line, lines, cols, n);
    for (size_t i = 0; i < n; i++)
        add_entry(c, rg_array_at(items, i), at, lines[i], cols[i], i);
    free(lines);
    free(cols);
}

/* Add item i of a list: a resource, or a List to unwrap in turn. */
static void add_entry(ctx *c, const rg_value *item, const list_at *at,
                      int line, int col, size_t i)
{
    char prefix[MANIFEST_PREFIX_MAX];
    snprintf(prefix, sizeof prefix, "%sitems[%zu].", at->prefix, i);
    if (at->depth > 0) {
        /* nested items: locate each (nested lists are rare) */
        size_t n = strlen(prefix);
        prefix[n - 1] = '\0';
        rg_yamlpos_lines_locate(&c->lines, at->doc->line, prefix, &line,
                                &col);
        prefix[n - 1] = '.';
    }
    const rg_value *inner = list_items(item);
    if (inner != NULL) {
        list_at sub = {at->doc, prefix, line, at->depth + 1};
        add_list(c, inner, &sub);
        return;
    }
    rg_store_origin o = {c->source, (uint32_t)at->doc->index, line, col,
                         prefix};
    size_t before = c->sum->resources;
    add_resource(c, item, &o);
    c->sum->list_items += c->sum->resources - before;
}

static bool add_document(void *user, const rg_yaml_doc *part_doc)
{
    ctx *c = user;
    rg_yaml_doc shifted = *part_doc;
    const rg_yaml_doc *doc = &shifted;
    shifted.line += c->line_offset;
    shifted.index += c->doc_offset;
    c->part_docs++;
    c->errors_seen = c->sum->errors.count;
    c->sum->documents++;
    if (doc->value == NULL && !doc->failed) {
        c->sum->empty++;
        return true;
    }
    /* Only documents with content look for it, so a run of empty
     * documents is not walked once per document. */
    int line = rg_yamlpos_lines_content(&c->lines, doc->line);
    if (doc->failed) {
        c->sum->invalid++;
        skip(c->sum, c->path, line, "invalid YAML document; see the "
             "errors");
        return true;
    }
    const rg_value *items = list_items(doc->value);
    if (items != NULL) {
        list_at at = {doc, "", line, 0};
        add_list(c, items, &at);
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
    ctx *c = user;
    rg_errors_add(&c->sum->warnings, "yaml_warning", file,
                  line + c->line_offset, col, "%s", message);
}

/* Move the lines of errors from index first on by offset. */
static void shift_lines(rg_errors *errs, size_t first, int offset)
{
    for (size_t i = first; i < errs->count; i++)
        if (errs->items[i].line > 0)
            errs->items[i].line += offset;
}

/* The first line at or after line from (1-based) that starts a document
 * with "---", or 0 when none does. */
static int next_marker(const rg_yamlpos_lines *l, int from)
{
    const char *end = l->text + l->len;
    for (size_t i = from > 0 ? (size_t)from - 1 : 0; i < l->count; i++) {
        const char *p = l->text + l->starts[i];
        if (end - p >= 3 && memcmp(p, "---", 3) == 0 &&
            (end - p == 3 || p[3] == ' ' || p[3] == '\t' || p[3] == '\n' ||
             p[3] == '\r'))
            return (int)i + 1;
    }
    return 0;
}

/* Add a hint to a syntax error e found at a tab, which YAML does not
 * allow for indentation. */
static void hint_tab(const ctx *c, rg_error *e)
{
    if (e->line < 1 || (size_t)e->line > c->lines.count || e->col < 1)
        return;
    size_t at = c->lines.starts[e->line - 1] + (size_t)e->col - 1;
    if (at >= c->lines.len || c->lines.text[at] != '\t')
        return;
    static const char hint[] = " (the character is a tab: indent YAML "
                               "with spaces)";
    size_t n = strlen(e->message);
    char *m = rg_xmalloc(n + sizeof hint);
    memcpy(m, e->message, n);
    memcpy(m + n, hint, sizeof hint);
    free(e->message);
    e->message = m;
}

/* Read the part of the text that starts at line c->line_offset + 1.
 * Returns the line to resume at after a syntax error, 0 when done. */
static int load_part(ctx *c, const rg_yaml_options *opts, int *rc)
{
    const char *text = c->lines.text +
                       c->lines.starts[c->line_offset];
    size_t len = (size_t)(c->lines.text + c->lines.len - text);
    size_t errors = c->sum->errors.count;
    c->part_docs = 0;
    c->errors_seen = errors;
    int r = rg_yaml_stream(rg_store_arena(c->store), text, len, opts,
                           add_document, c, &c->sum->errors);
    shift_lines(&c->sum->errors, errors, c->line_offset);
    if (r == 0)
        return 0;
    *rc = -1;
    if (c->sum->errors.count == c->errors_seen)
        return 0;               /* only documents that failed to convert */
    /* A syntax error stopped the stream inside the next document. */
    rg_error *e = &c->sum->errors.items[c->sum->errors.count - 1];
    hint_tab(c, e);
    int at = e->line;
    c->sum->documents++;
    c->sum->invalid++;
    skip(c->sum, c->path, at, "invalid YAML document; see the errors");
    /* An error after the start of its line is inside that line's
     * document, so a "---" there starts the broken document itself. */
    int from = e->col > 1 ? at + 1 : at;
    int resume = at > 0 ? next_marker(&c->lines, from) : 0;
    c->doc_offset += c->part_docs + 1;
    return resume > c->line_offset + 1 ? resume : 0;
}

int rg_manifest_load_text(rg_store *store, rg_manifest_summary *sum,
                          const char *path, const char *id_path,
                          const char *text, size_t len)
{
    ctx c = {store, sum, path, rg_store_add_source(store, path, id_path),
             {0}, 0, 0, 0, 0};
    rg_yamlpos_lines_init(&c.lines, text, len);
    sum->files++;
    rg_yaml_options opts = {path, rg_store_keys(store), false, warn, &c};
    size_t errors = sum->errors.count, read = sum->documents - sum->invalid;
    int rc = 0;
    for (int resume; (resume = load_part(&c, &opts, &rc)) > 0;)
        c.line_offset = resume - 1;
    rg_yamlpos_lines_free(&c.lines);
    if (sum->errors.count > errors && sum->documents - sum->invalid == read)
        sum->unreadable++;
    return rc;
}
