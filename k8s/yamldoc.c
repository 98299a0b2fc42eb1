/*
 * Multi-document YAML reader with Kubernetes' YAML 1.1 rules, on
 * libyaml's event parser; see k8s/yamldoc.h.  Scalar resolution is in
 * k8s/yamlscalar.c, field positions in k8s/yamlpos.c.
 */
#include "k8s/yamldoc.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "k8s/strmap.h"
#include "k8s/yamlscalar.h"

typedef struct anchor {
    const rg_value *value;
    size_t nodes;
} anchor;

struct rg_yamldoc_reader {
    yaml_parser_t parser;
    const char *file;
    rg_arena *arena;
    rg_errors *warnings;
    rg_errors *errs;
    rg_strmap anchor_names;     /* name -> index in anchors */
    anchor *anchors;
    size_t anchor_count, anchor_cap;
    char **names;               /* owned anchor name copies */
    size_t alias_nodes;         /* expanded through aliases, this doc */
    size_t doc_index;
    bool done;
    bool failed;
};

/* One key and value of a mapping being read. */
typedef struct pair {
    const rg_value *key;
    const rg_value *value;
    size_t seq;
    int line, col;
} pair;

rg_yamldoc_reader *rg_yamldoc_open(const char *file, const char *text,
                                   size_t len, rg_arena *arena,
                                   rg_errors *warnings)
{
    rg_yamldoc_reader *r = rg_xcalloc(1, sizeof *r);
    if (!yaml_parser_initialize(&r->parser))
        rg_oom(sizeof r->parser);
    yaml_parser_set_input_string(&r->parser, (const unsigned char *)text,
                                 len);
    r->file = file;
    r->arena = arena;
    r->warnings = warnings;
    rg_strmap_init(&r->anchor_names, 16);
    return r;
}

static void reset_anchors(rg_yamldoc_reader *r)
{
    for (size_t i = 0; i < r->anchor_count; i++)
        free(r->names[i]);
    free(r->names);
    free(r->anchors);
    r->names = NULL;
    r->anchors = NULL;
    r->anchor_count = r->anchor_cap = 0;
    rg_strmap_free(&r->anchor_names);
    rg_strmap_init(&r->anchor_names, 16);
    r->alias_nodes = 0;
}

void rg_yamldoc_close(rg_yamldoc_reader *reader)
{
    if (reader == NULL)
        return;
    reset_anchors(reader);
    rg_strmap_free(&reader->anchor_names);
    yaml_parser_delete(&reader->parser);
    free(reader);
}

static void syntax_error(rg_yamldoc_reader *r)
{
    yaml_parser_t *p = &r->parser;
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (p->context)
        rg_errors_add(r->errs, "yaml_error", r->file,
                      (int)p->problem_mark.line + 1,
                      (int)p->problem_mark.column + 1, "%s %s", problem,
                      p->context);
    else
        rg_errors_add(r->errs, "yaml_error", r->file,
                      (int)p->problem_mark.line + 1,
                      (int)p->problem_mark.column + 1, "%s", problem);
    r->failed = true;
}

static bool next_event(rg_yamldoc_reader *r, yaml_event_t *ev)
{
    if (r->failed)
        return false;
    if (!yaml_parser_parse(&r->parser, ev)) {
        syntax_error(r);
        return false;
    }
    return true;
}

static void fail_at(rg_yamldoc_reader *r, const yaml_mark_t *m,
                    const char *message)
{
    rg_errors_add(r->errs, "yaml_error", r->file, (int)m->line + 1,
                  (int)m->column + 1, "%s", message);
    r->failed = true;
}

static void remember(rg_yamldoc_reader *r, const yaml_char_t *name,
                     const rg_value *value, size_t nodes)
{
    if (name == NULL || value == NULL)
        return;
    const char *n = (const char *)name;
    uint32_t at;
    if (rg_strmap_get(&r->anchor_names, n, strlen(n), &at)) {
        r->anchors[at].value = value;   /* a redefined anchor wins */
        r->anchors[at].nodes = nodes;
        return;
    }
    size_t cap = r->anchor_cap;
    rg_grow((void **)&r->anchors, &r->anchor_cap, r->anchor_count + 1,
            sizeof *r->anchors);
    rg_grow((void **)&r->names, &cap, r->anchor_count + 1,
            sizeof *r->names);
    r->names[r->anchor_count] = rg_xstrdup(n);
    r->anchors[r->anchor_count] = (anchor){value, nodes};
    rg_strmap_put(&r->anchor_names, r->names[r->anchor_count], strlen(n),
                  (uint32_t)r->anchor_count, NULL);
    r->anchor_count++;
}

static const rg_value *read_node(rg_yamldoc_reader *r, yaml_event_t *ev,
                                 size_t *nodes, int depth);

static const rg_value *read_alias(rg_yamldoc_reader *r, yaml_event_t *ev,
                                  size_t *nodes)
{
    const char *n = (const char *)ev->data.alias.anchor;
    uint32_t at;
    if (!rg_strmap_get(&r->anchor_names, n, strlen(n), &at)) {
        fail_at(r, &ev->start_mark, "alias names an undefined anchor");
        return NULL;
    }
    r->alias_nodes += r->anchors[at].nodes;
    if (r->alias_nodes > RG_YAMLDOC_MAX_ALIAS_NODES) {
        fail_at(r, &ev->start_mark, "aliases expand to too many nodes "
                "(more than 1000000); document rejected");
        return NULL;
    }
    *nodes = r->anchors[at].nodes;
    return r->anchors[at].value;
}

static const rg_value *read_sequence(rg_yamldoc_reader *r, size_t *nodes,
                                     int depth)
{
    const rg_value **items = NULL;
    size_t count = 0, cap = 0;
    yaml_event_t ev;
    while (next_event(r, &ev)) {
        if (ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            const rg_value *v = rg_array(r->arena, items, count);
            free(items);
            return v;
        }
        size_t n = 0;
        const rg_value *item = read_node(r, &ev, &n, depth + 1);
        yaml_event_delete(&ev);
        if (item == NULL)
            break;
        *nodes += n;
        rg_grow((void **)&items, &cap, count + 1, sizeof *items);
        items[count++] = item;
    }
    free(items);
    return NULL;
}

static int cmp_pairs(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    int c = rg_value_compare(x->key, y->key);
    if (c != 0)
        return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Add the pairs to b, the last of equal keys winning, and warn about
 * each earlier duplicate. */
static void put_pairs(rg_yamldoc_reader *r, rg_builder *b, pair *pairs,
                      size_t count)
{
    if (count > 1)
        qsort(pairs, count, sizeof *pairs, cmp_pairs);
    for (size_t i = 0; i < count; i++) {
        if (i + 1 < count && rg_value_equal(pairs[i].key,
                                            pairs[i + 1].key)) {
            rg_errors_add(r->warnings, "yaml_duplicate_key", r->file,
                          pairs[i + 1].line, pairs[i + 1].col,
                          "duplicate mapping key \"%s\" (first at line "
                          "%d); the last value is used",
                          rg_string_bytes(pairs[i].key), pairs[i].line);
            continue;
        }
        rg_builder_put(b, pairs[i].key, pairs[i].value);
    }
}

/* Add the entries of merge source src (a mapping or a list of them)
 * that b does not have yet. */
static void merge_into(rg_builder *b, const rg_value *src)
{
    if (rg_value_kind(src) == RG_ARRAY) {
        for (size_t i = 0; i < rg_len(src); i++)
            merge_into(b, rg_array_at(src, i));
        return;
    }
    if (rg_value_kind(src) != RG_OBJECT)
        return;
    for (size_t i = 0; i < rg_len(src); i++) {
        const rg_value *k = rg_object_key_at(src, i);
        if (rg_builder_get(b, k) == NULL)
            rg_builder_put(b, k, rg_object_value_at(src, i));
    }
}

static bool is_merge_key(const yaml_event_t *ev)
{
    return ev->type == YAML_SCALAR_EVENT &&
           ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           ev->data.scalar.length == 2 &&
           memcmp(ev->data.scalar.value, "<<", 2) == 0;
}

typedef struct mapping {
    pair *pairs;
    size_t count, cap;
    const rg_value **merges;
    size_t merge_count, merge_cap;
} mapping;

static bool read_entry(rg_yamldoc_reader *r, mapping *m, yaml_event_t *kev,
                       size_t *nodes, int depth)
{
    if (kev->type != YAML_SCALAR_EVENT && kev->type != YAML_ALIAS_EVENT) {
        fail_at(r, &kev->start_mark, "mapping keys must be scalars");
        return false;
    }
    bool merge = is_merge_key(kev);
    size_t kn = 0;
    const rg_value *key = kev->type == YAML_SCALAR_EVENT
        ? rg_yamlscalar_key(r->arena, kev)
        : read_alias(r, kev, &kn);
    if (key == NULL || rg_value_kind(key) != RG_STRING) {
        if (!r->failed)
            fail_at(r, &kev->start_mark, "mapping keys must be scalars");
        return false;
    }
    yaml_event_t vev;
    if (!next_event(r, &vev))
        return false;
    size_t vn = 0;
    const rg_value *value = read_node(r, &vev, &vn, depth + 1);
    yaml_event_delete(&vev);
    if (value == NULL)
        return false;
    *nodes += vn + 1;
    if (merge) {
        rg_grow((void **)&m->merges, &m->merge_cap, m->merge_count + 1,
                sizeof *m->merges);
        m->merges[m->merge_count++] = value;
        return true;
    }
    rg_grow((void **)&m->pairs, &m->cap, m->count + 1, sizeof *m->pairs);
    m->pairs[m->count] = (pair){key, value, m->count,
                                (int)kev->start_mark.line + 1,
                                (int)kev->start_mark.column + 1};
    m->count++;
    return true;
}

static const rg_value *read_mapping(rg_yamldoc_reader *r, size_t *nodes,
                                    int depth)
{
    mapping m = {0};
    yaml_event_t ev;
    const rg_value *out = NULL;
    while (next_event(r, &ev)) {
        if (ev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&ev);
            rg_builder *b = rg_object_builder(r->arena, m.count);
            put_pairs(r, b, m.pairs, m.count);
            for (size_t i = 0; i < m.merge_count; i++)
                merge_into(b, m.merges[i]);
            out = rg_builder_finish(b);
            break;
        }
        bool ok = read_entry(r, &m, &ev, nodes, depth);
        yaml_event_delete(&ev);
        if (!ok)
            break;
    }
    free(m.pairs);
    free(m.merges);
    return out;
}

static const rg_value *read_node(rg_yamldoc_reader *r, yaml_event_t *ev,
                                 size_t *nodes, int depth)
{
    const rg_value *v = NULL;
    *nodes = 1;
    if (depth > RG_YAMLDOC_MAX_DEPTH) {
        fail_at(r, &ev->start_mark, "nesting deeper than 512 levels");
        return NULL;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        v = rg_yamlscalar_value(r->arena, ev);
        remember(r, ev->data.scalar.anchor, v, 1);
        return v;
    case YAML_ALIAS_EVENT:
        return read_alias(r, ev, nodes);
    case YAML_SEQUENCE_START_EVENT:
        v = read_sequence(r, nodes, depth);
        remember(r, ev->data.sequence_start.anchor, v, *nodes);
        return v;
    case YAML_MAPPING_START_EVENT:
        v = read_mapping(r, nodes, depth);
        remember(r, ev->data.mapping_start.anchor, v, *nodes);
        return v;
    default:
        fail_at(r, &ev->start_mark, "unexpected YAML event");
        return NULL;
    }
}

/* Read from after DOCUMENT-START to DOCUMENT-END. */
static int read_document(rg_yamldoc_reader *r, rg_yamldoc *out)
{
    yaml_event_t ev;
    if (!next_event(r, &ev))
        return -1;
    out->line = (int)ev.start_mark.line + 1;
    out->col = (int)ev.start_mark.column + 1;
    size_t nodes = 0;
    out->root = read_node(r, &ev, &nodes, 0);
    yaml_event_delete(&ev);
    if (out->root == NULL)
        return -1;
    if (!next_event(r, &ev))
        return -1;
    bool end = ev.type == YAML_DOCUMENT_END_EVENT;
    yaml_event_delete(&ev);
    if (!end) {
        rg_errors_add(r->errs, "yaml_error", r->file, out->line, out->col,
                      "expected the end of the document");
        r->failed = true;
        return -1;
    }
    /* An empty document is a lone null scalar. */
    if (rg_value_kind(out->root) == RG_NULL)
        out->root = NULL;
    return 1;
}

int rg_yamldoc_next(rg_yamldoc_reader *reader, rg_yamldoc *out,
                    rg_errors *errs)
{
    rg_yamldoc_reader *r = reader;
    r->errs = errs;
    memset(out, 0, sizeof *out);
    yaml_event_t ev;
    while (!r->done && next_event(r, &ev)) {
        yaml_event_type_t type = ev.type;
        yaml_event_delete(&ev);
        if (type == YAML_STREAM_END_EVENT) {
            r->done = true;
            return 0;
        }
        if (type != YAML_DOCUMENT_START_EVENT)
            continue;
        reset_anchors(r);
        out->index = r->doc_index++;
        int rc = read_document(r, out);
        if (rc < 0)
            r->done = true;
        return rc;
    }
    r->done = true;
    return r->failed ? -1 : 0;
}
