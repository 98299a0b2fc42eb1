/*
 * YAML streams to values: the libyaml event loop, document boundaries,
 * scalars, sequences, anchors and aliases, and syntax errors.  Mappings
 * are finished in yaml_map.c, scalars resolved in yaml_resolve.c.
 */
#include "runtime/yaml_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "runtime/value_impl.h"

static const rg_value merge_mark_value = { RG_NULL, 1, 0 };
static const rg_value bad_key_value = { RG_NULL, 2, 0 };
const rg_value *const rg_yaml_merge_mark = &merge_mark_value;
const rg_value *const rg_yaml_bad_key = &bad_key_value;

/* An open sequence or mapping. */
typedef struct frame {
    bool is_map;
    size_t base;            /* its first entry on the stack */
    char *anchor;           /* owned copy, or NULL */
    rg_yaml_loc loc;
} frame;

typedef struct anchor {
    char *name;             /* owned */
    const rg_value *value;  /* NULL while the anchored node is open */
    uint64_t nodes;
} anchor;

typedef struct stream {
    rg_yaml_loader ld;
    frame *frames;
    size_t nframes;
    size_t frames_cap;
    anchor *anchors;
    size_t nanchors;
    size_t anchors_cap;
    rg_yaml_doc doc;
    rg_yaml_doc_fn fn;
    void *user;
    bool stop;
    bool too_deep;          /* the nesting limit stopped the stream */
    bool any_failed;
    bool root_empty;        /* the document is one empty plain scalar */
    bool go_messages;       /* syntax errors in go-yaml v2's form */
} stream;

static rg_yaml_loc loc_of(const yaml_mark_t *mark)
{
    rg_yaml_loc loc = { (uint32_t)mark->line + 1,
                        (uint32_t)mark->column + 1 };
    return loc;
}

void rg_yaml_fail(rg_yaml_loader *ld, rg_yaml_loc loc, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ld->failed = true;
    rg_errors_add(ld->errs, RG_YAML_ERROR, ld->opts->file, (int)loc.line,
                  (int)loc.col, "%s", msg);
}

/* ---- The entry stack ----------------------------------------------------- */

static bool in_key_position(const stream *s)
{
    if (s->nframes == 0)
        return false;
    const frame *f = &s->frames[s->nframes - 1];
    return f->is_map && (s->ld.top - f->base) % 2 == 0;
}

static void push_entry(stream *s, const rg_value *v, rg_yaml_loc loc,
                       uint64_t nodes)
{
    rg_yaml_loader *ld = &s->ld;
    rg_grow((void **)&ld->stack, &ld->cap, ld->top + 1, sizeof *ld->stack);
    ld->stack[ld->top].value = v;
    ld->stack[ld->top].loc = loc;
    ld->stack[ld->top].nodes = nodes;
    ld->top++;
}

/* The key a value makes when it sits in key position (an alias there). */
static const rg_value *key_of_value(stream *s, const rg_value *v,
                                    rg_yaml_loc loc)
{
    rg_kind kind = rg_value_kind(v);
    if (kind == RG_STRING)
        return s->ld.opts->keys ? rg_intern_value(s->ld.opts->keys, v) : v;
    if (kind == RG_BOOLEAN || kind == RG_NUMBER) {
        char *text = kind == RG_BOOLEAN
                     ? (char *)(rg_bool_get(v) ? "true" : "false")
                     : (char *)rg_number_text(s->ld.arena, v);
        return rg_cstring(s->ld.arena, text);
    }
    rg_yaml_fail(&s->ld, loc, "invalid mapping key: a %s cannot be a key",
                 kind == RG_NULL ? "null" : "sequence or mapping");
    return rg_yaml_bad_key;
}

/* Push a finished node: as a value, or converted when it is a key. */
static void push_node(stream *s, const rg_value *v, rg_yaml_loc loc,
                      uint64_t nodes)
{
    if (nodes > RG_YAML_MAX_NODES && !s->ld.failed)
        rg_yaml_fail(&s->ld, loc, "document expands to more than %d nodes "
                     "through aliases", RG_YAML_MAX_NODES);
    if (in_key_position(s) && v != rg_yaml_bad_key &&
        v != rg_yaml_merge_mark)
        v = key_of_value(s, v, loc);
    push_entry(s, v, loc, nodes);
}

/* ---- Anchors and aliases ------------------------------------------------- */

static void anchors_clear(stream *s)
{
    for (size_t i = 0; i < s->nanchors; i++)
        free(s->anchors[i].name);
    s->nanchors = 0;
}

static anchor *anchor_find(stream *s, const char *name)
{
    for (size_t i = s->nanchors; i > 0; i--) {
        if (strcmp(s->anchors[i - 1].name, name) == 0)
            return &s->anchors[i - 1];
    }
    return NULL;
}

/* Define name (NULL: nothing to do) for value; NULL value = still open. */
static void anchor_set(stream *s, const char *name, const rg_value *value,
                       uint64_t nodes)
{
    if (name == NULL)
        return;
    anchor *a = anchor_find(s, name);
    if (a == NULL || a->value != NULL || value == NULL) {
        rg_grow((void **)&s->anchors, &s->anchors_cap, s->nanchors + 1,
                sizeof *s->anchors);
        a = &s->anchors[s->nanchors++];
        a->name = rg_xstrdup(name);
    }
    a->value = value;
    a->nodes = nodes;
}

static void on_alias(stream *s, const yaml_event_t *e)
{
    rg_yaml_loc loc = loc_of(&e->start_mark);
    const char *name = (const char *)e->data.alias.anchor;
    anchor *a = anchor_find(s, name);
    if (a == NULL || a->value == NULL) {
        rg_yaml_fail(&s->ld, loc, a ? "anchor '%s' value contains itself"
                     : "unknown anchor '%s' referenced", name);
        push_node(s, in_key_position(s) ? rg_yaml_bad_key : rg_null(), loc,
                  1);
        return;
    }
    push_node(s, a->value, loc, a->nodes);
}

/* ---- Scalars ------------------------------------------------------------- */

static const rg_value *scalar_key(stream *s, const rg_yaml_scalar *sc,
                                  const char *text, size_t len,
                                  rg_yaml_loc loc)
{
    if (sc->kind == RG_YAML_MERGE)
        return rg_yaml_merge_mark;
    const rg_value *key = rg_yaml_key_string(s->ld.arena, s->ld.opts->keys,
                                             sc, text, len);
    if (key == NULL) {
        rg_yaml_fail(&s->ld, loc, "invalid mapping key %s: it has no "
                     "string form", sc->kind == RG_YAML_NULL ? "null"
                     : "(an integer beyond 64 bits)");
        return rg_yaml_bad_key;
    }
    return key;
}

static const rg_value *scalar_value(stream *s, const rg_yaml_scalar *sc,
                                    const char *text, size_t len,
                                    rg_yaml_loc loc)
{
    if (sc->kind == RG_YAML_MERGE)
        return rg_string(s->ld.arena, text, len);
    if (sc->kind == RG_YAML_INF_NAN) {
        rg_yaml_fail(&s->ld, loc, "invalid value %.*s: infinity and NaN "
                     "have no JSON form", (int)len, text);
        return rg_null();
    }
    return sc->value;
}

/* A plain string key, interned without a copy into the arena. */
static bool fast_string_key(stream *s, const yaml_event_t *e,
                            const char *text, size_t len, rg_yaml_loc loc)
{
    bool plain = e->data.scalar.plain_implicit;
    if (e->data.scalar.tag || !in_key_position(s) ||
        (plain && !rg_yaml_is_plain_string(text, len)))
        return false;
    const rg_value *key = s->ld.opts->keys
                          ? rg_intern_string(s->ld.opts->keys, text, len)
                          : rg_string(s->ld.arena, text, len);
    push_entry(s, key, loc, 1);
    return true;
}

/* go-yaml v2 takes a key as the merge key by its text, when plain. */
static bool is_merge_key(const stream *s, const yaml_event_t *e)
{
    return in_key_position(s) && e->data.scalar.plain_implicit &&
           e->data.scalar.tag == NULL && e->data.scalar.length == 2 &&
           memcmp(e->data.scalar.value, "<<", 2) == 0;
}

static void on_scalar(stream *s, const yaml_event_t *e)
{
    rg_yaml_loc loc = loc_of(&e->start_mark);
    const char *text = (const char *)e->data.scalar.value;
    size_t len = e->data.scalar.length;
    if (is_merge_key(s, e)) {
        push_entry(s, rg_yaml_merge_mark, loc, 1);
        return;
    }
    const char *anchor_name = (const char *)e->data.scalar.anchor;
    if (anchor_name == NULL && fast_string_key(s, e, text, len, loc))
        return;
    if (s->nframes == 0)
        s->root_empty = len == 0 && e->data.scalar.plain_implicit &&
                        e->data.scalar.tag == NULL && anchor_name == NULL;
    rg_yaml_scalar sc;
    const char *err = rg_yaml_resolve(s->ld.arena,
                                      (const char *)e->data.scalar.tag, text,
                                      len, e->data.scalar.plain_implicit,
                                      &sc);
    const rg_value *v;
    if (err) {
        rg_yaml_fail(&s->ld, loc, "%s", err);
        v = in_key_position(s) ? rg_yaml_bad_key : rg_null();
    } else if (in_key_position(s)) {
        v = scalar_key(s, &sc, text, len, loc);
    } else {
        v = scalar_value(s, &sc, text, len, loc);
    }
    if (anchor_name && !err && sc.value)
        anchor_set(s, anchor_name, sc.value, 1);
    push_entry(s, v, loc, 1);
}

/* ---- Collections --------------------------------------------------------- */

static void on_start(stream *s, const yaml_event_t *e, bool is_map)
{
    rg_yaml_loc loc = loc_of(&e->start_mark);
    const yaml_char_t *anchor_name = is_map ? e->data.mapping_start.anchor
                                            : e->data.sequence_start.anchor;
    if (s->nframes >= RG_YAML_MAX_DEPTH) {
        /* Stop here: libyaml's scanner spends time proportional to the
         * flow depth on every token, so reading on would be quadratic. */
        rg_yaml_fail(&s->ld, loc, "nesting deeper than %d levels; "
                     "reading stopped", RG_YAML_MAX_DEPTH);
        s->too_deep = true;
        s->stop = true;
        return;
    }
    rg_grow((void **)&s->frames, &s->frames_cap, s->nframes + 1,
            sizeof *s->frames);
    frame *f = &s->frames[s->nframes++];
    f->is_map = is_map;
    f->base = s->ld.top;
    f->loc = loc;
    f->anchor = anchor_name ? rg_xstrdup((const char *)anchor_name) : NULL;
    anchor_set(s, f->anchor, NULL, 0);
}

static const rg_value *build_sequence(rg_yaml_loader *ld, size_t base)
{
    size_t n = ld->top - base;
    rg_grow((void **)&ld->items, &ld->items_cap, n, sizeof *ld->items);
    rg_yaml_loc *locs = ld->positions ? rg_xmalloc(n * sizeof *locs + 1)
                                      : NULL;
    for (size_t i = 0; i < n; i++) {
        ld->items[i] = ld->stack[base + i].value;
        if (locs)
            locs[i] = ld->stack[base + i].loc;
    }
    const rg_value *v = rg_array(ld->arena, ld->items, n);
    if (locs)
        rg_yaml_positions_add(ld->positions, v, locs, n);
    free(locs);
    return v;
}

static void on_end(stream *s)
{
    frame f = s->frames[--s->nframes];
    rg_yaml_loader *ld = &s->ld;
    uint64_t nodes = 1;
    for (size_t i = f.base; i < ld->top; i++) {
        uint64_t n = ld->stack[i].nodes;
        nodes = nodes > UINT64_MAX - n ? UINT64_MAX : nodes + n;
    }
    const rg_value *v = f.is_map ? rg_yaml_build_mapping(ld, f.base)
                                 : build_sequence(ld, f.base);
    ld->top = f.base;
    anchor_set(s, f.anchor, v, nodes);
    free(f.anchor);
    if (in_key_position(s)) {
        rg_yaml_fail(ld, f.loc, "invalid mapping key: a sequence or "
                     "mapping cannot be a key");
        v = rg_yaml_bad_key;
    }
    push_node(s, v, f.loc, nodes);
}

/* ---- Documents ----------------------------------------------------------- */

static void doc_start(stream *s, const yaml_event_t *e)
{
    s->ld.failed = false;
    s->ld.top = 0;
    s->doc.value = NULL;
    s->doc.line = (int)e->start_mark.line + 1;
    s->doc.failed = false;
    s->doc.positions = NULL;
    s->ld.positions = NULL;
    s->root_empty = false;
    if (s->ld.opts->positions) {
        rg_yaml_loc root = { (uint32_t)s->doc.line, 1 };
        s->ld.positions = rg_yaml_positions_new(s->ld.arena, root);
    }
}

static void doc_end(stream *s)
{
    rg_yaml_loader *ld = &s->ld;
    if (ld->positions && ld->top > 0)
        rg_yaml_positions_set_root(ld->positions, ld->stack[0].loc);
    s->doc.failed = ld->failed;
    bool empty = s->root_empty || ld->top == 0;
    s->doc.value = ld->failed || empty ? NULL : ld->stack[0].value;
    s->doc.positions = ld->failed ? NULL : ld->positions;
    s->any_failed = s->any_failed || ld->failed;
    anchors_clear(s);
    if (!s->fn(s->user, &s->doc))
        s->stop = true;
    s->doc.index++;
}

/* ---- The stream ---------------------------------------------------------- */

/* Line and column of byte offset in text. */
static rg_yaml_loc offset_loc(const char *text, size_t len, size_t offset)
{
    rg_yaml_loc loc = { 1, 1 };
    for (size_t i = 0; i < offset && i < len; i++) {
        if (text[i] == '\n') {
            loc.line++;
            loc.col = 1;
        } else {
            loc.col++;
        }
    }
    return loc;
}

/* go-yaml v2's form: "yaml: line N: problem", where N is libyaml's
 * 0-based problem line (plus one for scanner errors), or the context
 * line when that is 0, and no line at all when both are 0. */
static void go_syntax_error(stream *s, const yaml_parser_t *p)
{
    size_t line = p->problem_mark.line;
    if (line != 0 && p->error == YAML_SCANNER_ERROR)
        line++;
    if (line == 0)
        line = p->context_mark.line;
    const char *problem = p->problem ? p->problem
                                     : "unknown problem parsing YAML content";
    rg_yaml_loc loc = loc_of(&p->problem_mark);
    if (line)
        rg_yaml_fail(&s->ld, loc, "yaml: line %zu: %s", line, problem);
    else
        rg_yaml_fail(&s->ld, loc, "yaml: %s", problem);
}

static void syntax_error(stream *s, const yaml_parser_t *p, const char *text,
                         size_t len)
{
    if (s->go_messages) {
        go_syntax_error(s, p);
        return;
    }
    rg_yaml_loc loc = p->error == YAML_READER_ERROR
                      ? offset_loc(text, len, p->problem_offset)
                      : loc_of(&p->problem_mark);
    const char *problem = p->problem ? p->problem : "unknown error";
    if (p->context)
        rg_yaml_fail(&s->ld, loc, "invalid YAML: %s (%s at line %zu, "
                     "column %zu)", problem, p->context,
                     p->context_mark.line + 1, p->context_mark.column + 1);
    else
        rg_yaml_fail(&s->ld, loc, "invalid YAML: %s", problem);
}

/* Handle one event; false at the end of the stream. */
static bool on_event(stream *s, const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_DOCUMENT_START_EVENT:
        doc_start(s, e);
        break;
    case YAML_DOCUMENT_END_EVENT:
        doc_end(s);
        break;
    case YAML_SCALAR_EVENT:
        on_scalar(s, e);
        break;
    case YAML_ALIAS_EVENT:
        on_alias(s, e);
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        on_start(s, e, e->type == YAML_MAPPING_START_EVENT);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        on_end(s);
        break;
    case YAML_STREAM_END_EVENT:
        return false;
    default:
        break;
    }
    return !s->stop;
}

static void stream_free(stream *s)
{
    for (size_t i = 0; i < s->nframes; i++)
        free(s->frames[i].anchor);
    free(s->frames);
    anchors_clear(s);
    free(s->anchors);
    free(s->ld.stack);
    free(s->ld.items);
}

static const rg_yaml_options default_options;

static int run_stream(rg_arena *arena, const char *text, size_t len,
                      const rg_yaml_options *opts, rg_yaml_doc_fn fn,
                      void *user, rg_errors *errs, bool go_messages)
{
    stream s;
    memset(&s, 0, sizeof s);
    s.go_messages = go_messages;
    s.ld.arena = arena;
    s.ld.opts = opts ? opts : &default_options;
    s.ld.errs = errs;
    s.fn = fn;
    s.user = user;
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    bool syntax_failed = false;
    for (bool more = true; more;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&parser, &e)) {
            syntax_error(&s, &parser, text, len);
            syntax_failed = true;
            break;
        }
        more = on_event(&s, &e);
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&parser);
    stream_free(&s);
    return syntax_failed || s.too_deep || s.any_failed ? -1 : 0;
}

int rg_yaml_stream(rg_arena *arena, const char *text, size_t len,
                   const rg_yaml_options *opts, rg_yaml_doc_fn fn,
                   void *user, rg_errors *errs)
{
    return run_stream(arena, text, len, opts, fn, user, errs, false);
}

/* ---- One document -------------------------------------------------------- */

typedef struct single {
    const rg_value *value;
    int count;
    int second_line;
    bool failed;
} single;

static bool take_single(void *user, const rg_yaml_doc *doc)
{
    single *one = user;
    if (++one->count == 1) {
        one->value = doc->value ? doc->value : rg_null();
        one->failed = doc->failed;
        return true;
    }
    one->second_line = doc->line;
    return false;
}

const rg_value *rg_yaml_parse(rg_arena *arena, const char *text,
                              size_t len, const char *file, rg_intern *keys,
                              rg_errors *errs)
{
    rg_yaml_options opts = { file, keys, false, NULL, NULL };
    single one = { NULL, 0, 0, false };
    if (rg_yaml_stream(arena, text, len, &opts, take_single, &one,
                       errs) != 0 && one.count < 2)
        return NULL;
    if (one.count > 1) {
        rg_errors_add(errs, RG_YAML_ERROR, file, one.second_line, 1,
                      "expected a single YAML document, found another "
                      "starting at line %d", one.second_line);
        return NULL;
    }
    if (one.failed)
        return NULL;
    return one.count == 0 ? rg_null() : one.value;
}

static bool take_first(void *user, const rg_yaml_doc *doc)
{
    single *one = user;
    one->count++;
    one->value = doc->value ? doc->value : rg_null();
    one->failed = doc->failed;
    return false;
}

const rg_value *rg_yaml_unmarshal(rg_arena *arena, const char *text,
                                  size_t len, rg_errors *errs)
{
    rg_yaml_options opts = { NULL, NULL, false, NULL, NULL };
    single one = { NULL, 0, 0, false };
    if (run_stream(arena, text, len, &opts, take_first, &one, errs, true))
        return NULL;
    if (one.failed)
        return NULL;
    return one.count == 0 ? rg_null() : one.value;
}
