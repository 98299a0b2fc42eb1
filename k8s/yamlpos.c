/*
 * Positions of fields in YAML manifests; see k8s/yamlpos.h.
 */
#include "k8s/yamlpos.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "runtime/common.h"

/* Longest path segment compared. */
#define POS_SEGMENT_MAX 256

typedef struct segment {
    char key[POS_SEGMENT_MAX];
    long index;                 /* >= 0 for "[N]", else -1 */
} segment;

/* Split off the first segment of *path; false at its end. */
static bool next_segment(const char **path, segment *seg)
{
    const char *p = *path;
    if (*p == '.')
        p++;
    if (*p == '\0')
        return false;
    size_t n = 0;
    seg->index = -1;
    if (*p == '[') {
        const char *end = strchr(p, ']');
        if (end == NULL)
            return false;
        n = (size_t)(end - p - 1);
        if (n >= POS_SEGMENT_MAX)
            n = POS_SEGMENT_MAX - 1;
        memcpy(seg->key, p + 1, n);
        seg->key[n] = '\0';
        char *stop;
        long v = strtol(seg->key, &stop, 10);
        if (n > 0 && *stop == '\0')
            seg->index = v;
        *path = end + 1;
        return true;
    }
    while (p[n] && p[n] != '.' && p[n] != '[')
        n++;
    size_t copy = n < POS_SEGMENT_MAX ? n : POS_SEGMENT_MAX - 1;
    memcpy(seg->key, p, copy);
    seg->key[copy] = '\0';
    *path = p + n;
    return true;
}

static bool parse(yaml_parser_t *p, yaml_event_t *ev)
{
    return yaml_parser_parse(p, ev) != 0;
}

/* Skip the rest of the node that started with event type t. */
static bool skip_node(yaml_parser_t *p, yaml_event_type_t t)
{
    if (t != YAML_SEQUENCE_START_EVENT && t != YAML_MAPPING_START_EVENT)
        return true;
    int depth = 1;
    while (depth > 0) {
        yaml_event_t ev;
        if (!parse(p, &ev))
            return false;
        if (ev.type == YAML_SEQUENCE_START_EVENT ||
            ev.type == YAML_MAPPING_START_EVENT)
            depth++;
        else if (ev.type == YAML_SEQUENCE_END_EVENT ||
                 ev.type == YAML_MAPPING_END_EVENT)
            depth--;
        yaml_event_delete(&ev);
    }
    return true;
}

/* Find the child of the collection that started with type t; on success
 * *ev is the child's first event (owned by the caller). */
static bool find_child(yaml_parser_t *p, yaml_event_type_t t,
                       const segment *seg, yaml_event_t *ev,
                       yaml_mark_t *mark)
{
    long i = 0;
    if (t != YAML_SEQUENCE_START_EVENT && t != YAML_MAPPING_START_EVENT)
        return false;
    for (;; i++) {
        if (!parse(p, ev))
            return false;
        if (ev->type == YAML_SEQUENCE_END_EVENT ||
            ev->type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(ev);
            return false;
        }
        bool hit;
        *mark = ev->start_mark;
        if (t == YAML_SEQUENCE_START_EVENT) {
            hit = seg->index == i;
        } else {
            hit = ev->type == YAML_SCALAR_EVENT &&
                  strcmp((const char *)ev->data.scalar.value,
                         seg->key) == 0;
            yaml_event_type_t kt = ev->type;
            yaml_event_delete(ev);
            if (!skip_node(p, kt) || !parse(p, ev))
                return false;
        }
        if (hit)
            return true;
        yaml_event_type_t vt = ev->type;
        yaml_event_delete(ev);
        if (!skip_node(p, vt))
            return false;
    }
}

/* Advance to the first event of document doc_index's root node. */
static bool seek_document(yaml_parser_t *p, size_t doc_index,
                          yaml_event_t *ev)
{
    size_t docs = 0;
    for (;;) {
        if (!parse(p, ev))
            return false;
        yaml_event_type_t t = ev->type;
        yaml_event_delete(ev);
        if (t == YAML_STREAM_END_EVENT)
            return false;
        if (t == YAML_DOCUMENT_START_EVENT && docs++ == doc_index)
            return parse(p, ev);
    }
}

int rg_yamlpos_locate(const char *text, size_t len, size_t doc_index,
                      const char *path, int *line, int *col)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        rg_oom(sizeof p);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    yaml_event_t ev;
    int matched = -1;
    if (seek_document(&p, doc_index, &ev)) {
        matched = 0;
        segment seg;
        const char *rest = path ? path : "";
        yaml_mark_t mark = ev.start_mark;
        for (;;) {
            *line = (int)mark.line + 1;
            *col = (int)mark.column + 1;
            yaml_event_type_t t = ev.type;
            yaml_event_delete(&ev);
            if (!next_segment(&rest, &seg) ||
                !find_child(&p, t, &seg, &ev, &mark))
                break;
            matched++;
        }
    }
    yaml_parser_delete(&p);
    return matched;
}

/* true when the line at p is blank, a comment, or a document marker. */
static bool skippable(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    if (p == end || *p == '\n' || *p == '#')
        return true;
    if (end - p < 3 || memcmp(p, "---", 3) != 0)
        return false;
    for (p += 3; p < end && (*p == ' ' || *p == '\t' || *p == '\r'); p++)
        ;
    return p == end || *p == '\n' || *p == '#';
}

/* The first content line at or after line start, whose text begins at
 * p; start when none. */
static int content_from(const char *p, const char *end, int start)
{
    for (int line = start; p != NULL && p < end; line++) {
        if (!skippable(p, end))
            return line;
        p = memchr(p, '\n', (size_t)(end - p));
        p = p ? p + 1 : NULL;
    }
    return start;
}

void rg_yamlpos_lines_init(rg_yamlpos_lines *l, const char *text,
                           size_t len)
{
    size_t cap = 0;
    l->text = text;
    l->len = len;
    l->starts = NULL;
    l->count = 0;
    const char *p = text, *end = text + len;
    while (p != NULL) {
        rg_grow((void **)&l->starts, &cap, l->count + 1, sizeof *l->starts);
        l->starts[l->count++] = (size_t)(p - text);
        p = memchr(p, '\n', (size_t)(end - p));
        p = p && p + 1 < end ? p + 1 : NULL;
    }
}

void rg_yamlpos_lines_free(rg_yamlpos_lines *l)
{
    free(l->starts);
    l->starts = NULL;
    l->count = 0;
}

/* The start of line (1-based), or NULL past the end. */
static const char *line_at(const rg_yamlpos_lines *l, int line)
{
    if (line < 1 || (size_t)line > l->count)
        return NULL;
    return l->text + l->starts[line - 1];
}

int rg_yamlpos_lines_content(const rg_yamlpos_lines *l, int start)
{
    return content_from(line_at(l, start), l->text + l->len, start);
}

int rg_yamlpos_lines_locate(const rg_yamlpos_lines *l, int start,
                            const char *path, int *line, int *col)
{
    const char *p = line_at(l, start);
    if (p == NULL)
        return -1;
    int n = rg_yamlpos_locate(p, (size_t)(l->text + l->len - p), 0, path,
                              line, col);
    if (n >= 0)
        *line += start - 1;
    return n;
}

int rg_yamlpos_content_line(const char *text, size_t len, int start)
{
    rg_yamlpos_lines l;
    rg_yamlpos_lines_init(&l, text, len);
    int line = rg_yamlpos_lines_content(&l, start);
    rg_yamlpos_lines_free(&l);
    return line;
}

/* Record the start of each element of the sequence whose start event was
 * just read. */
static size_t sequence_marks(yaml_parser_t *p, int offset, int *lines,
                             int *cols, size_t n)
{
    size_t i = 0;
    while (i < n) {
        yaml_event_t ev;
        if (!parse(p, &ev))
            break;
        yaml_event_type_t t = ev.type;
        if (t != YAML_SEQUENCE_END_EVENT) {
            lines[i] = (int)ev.start_mark.line + 1 + offset;
            cols[i] = (int)ev.start_mark.column + 1;
        }
        yaml_event_delete(&ev);
        if (t == YAML_SEQUENCE_END_EVENT || !skip_node(p, t))
            break;
        i++;
    }
    return i;
}

size_t rg_yamlpos_lines_items(const rg_yamlpos_lines *l, int start,
                              int *lines, int *cols, size_t n)
{
    const char *text = line_at(l, start);
    if (text == NULL)
        return 0;
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        rg_oom(sizeof p);
    yaml_parser_set_input_string(&p, (const unsigned char *)text,
                                 (size_t)(l->text + l->len - text));
    yaml_event_t ev;
    size_t set = 0;
    if (seek_document(&p, 0, &ev)) {
        segment seg = {"items", -1};
        yaml_mark_t mark;
        yaml_event_type_t t = ev.type;
        yaml_event_delete(&ev);
        if (find_child(&p, t, &seg, &ev, &mark)) {
            bool seq = ev.type == YAML_SEQUENCE_START_EVENT;
            yaml_event_delete(&ev);
            if (seq)
                set = sequence_marks(&p, start - 1, lines, cols, n);
        }
    }
    yaml_parser_delete(&p);
    return set;
}
