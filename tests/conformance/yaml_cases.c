/*
 * A small YAML reader for the case files, on libyaml's event API:
 * mappings, sequences and scalars resolved as go-yaml v2 resolves the
 * plain scalars these files use (null, booleans including y/n/yes/no/
 * on/off, integers kept exact, floats with a dot), mapping keys as
 * strings.  Anchors, aliases and tags do not occur in the cases and are
 * rejected.
 */
#include "tests/conformance/conformance.h"

#include <regex.h>
#include <string.h>
#include <yaml.h>

/* Deepest nesting accepted; case files nest a few levels. */
#define YAML_CASES_MAX_DEPTH 200

typedef struct reader {
    yaml_parser_t parser;
    rg_arena *arena;
    rg_errors *errs;
    const char *file;
    bool failed;
} reader;

static const rg_value *node(reader *r, yaml_event_t *ev, int depth);

static bool word_in(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(s, *words) == 0)
            return true;
    return false;
}

static bool matches(const char *s, const char *pattern)
{
    regex_t re;
    if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
        return false;
    bool ok = regexec(&re, s, 0, NULL, 0) == 0;
    regfree(&re);
    return ok;
}

static const rg_value *plain(reader *r, const char *s, size_t len)
{
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL",
                                        NULL};
    static const char *const trues[] = {"y", "Y", "yes", "Yes", "YES",
                                        "on", "On", "ON", "true", "True",
                                        "TRUE", NULL};
    static const char *const falses[] = {"n", "N", "no", "No", "NO", "off",
                                         "Off", "OFF", "false", "False",
                                         "FALSE", NULL};
    if (word_in(s, nulls))
        return rg_null();
    if (word_in(s, trues))
        return rg_bool(true);
    if (word_in(s, falses))
        return rg_bool(false);
    if (matches(s, "^[-+]?(0|[1-9][0-9]*)$") ||
        matches(s, "^[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+][0-9]+)?$")) {
        const rg_value *v = rg_number_parse(r->arena, s[0] == '+' ? s + 1 : s,
                                            s[0] == '+' ? len - 1 : len);
        if (v)
            return v;
    }
    return rg_string(r->arena, s, len);
}

static bool next(reader *r, yaml_event_t *ev)
{
    if (yaml_parser_parse(&r->parser, ev))
        return true;
    rg_errors_add(r->errs, "yaml_parse_error", r->file,
                  (int)r->parser.problem_mark.line + 1,
                  (int)r->parser.problem_mark.column + 1, "%s",
                  r->parser.problem ? r->parser.problem : "invalid YAML");
    r->failed = true;
    return false;
}

static const rg_value *sequence(reader *r, int depth)
{
    const rg_value **items = NULL;
    size_t n = 0, cap = 0;
    yaml_event_t ev;
    while (next(r, &ev)) {
        if (ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            const rg_value *v = rg_array(r->arena, items, n);
            free(items);
            return v;
        }
        const rg_value *item = node(r, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (item == NULL)
            break;
        rg_grow((void **)&items, &cap, n + 1, sizeof *items);
        items[n++] = item;
    }
    free(items);
    return NULL;
}

static const rg_value *mapping(reader *r, int depth)
{
    rg_builder *b = rg_object_builder(r->arena, 0);
    yaml_event_t ev;
    while (next(r, &ev)) {
        if (ev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&ev);
            return rg_builder_finish(b);
        }
        if (ev.type != YAML_SCALAR_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        const char *ks = (const char *)ev.data.scalar.value;
        const rg_value *plain_key =
            ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE ?
            plain(r, ks, ev.data.scalar.length) : rg_null();
        const rg_value *key = rg_value_kind(plain_key) == RG_BOOLEAN ?
            rg_cstring(r->arena, rg_bool_get(plain_key) ? "true" : "false") :
            rg_string(r->arena, ks, ev.data.scalar.length);
        yaml_event_delete(&ev);
        if (!next(r, &ev))
            return NULL;
        const rg_value *v = node(r, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (v == NULL)
            return NULL;
        rg_builder_put(b, key, v);
    }
    return NULL;
}

static const rg_value *node(reader *r, yaml_event_t *ev, int depth)
{
    if (depth > YAML_CASES_MAX_DEPTH) {
        rg_errors_add(r->errs, "yaml_parse_error", r->file, 0, 0,
                      "nesting deeper than %d levels", YAML_CASES_MAX_DEPTH);
        return NULL;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT: {
        const char *s = (const char *)ev->data.scalar.value;
        size_t len = ev->data.scalar.length;
        if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
            return plain(r, s, len);
        return rg_string(r->arena, s, len);
    }
    case YAML_SEQUENCE_START_EVENT:
        return sequence(r, depth);
    case YAML_MAPPING_START_EVENT:
        return mapping(r, depth);
    default:
        rg_errors_add(r->errs, "yaml_parse_error", r->file,
                      (int)ev->start_mark.line + 1, 0,
                      "unsupported YAML construct (alias or empty stream)");
        return NULL;
    }
}

const rg_value *rg_conf_yaml_load(rg_arena *arena, const char *text,
                                  size_t len, const char *file,
                                  rg_errors *errs)
{
    reader r = {.arena = arena, .errs = errs, .file = file};
    yaml_parser_initialize(&r.parser);
    yaml_parser_set_input_string(&r.parser, (const unsigned char *)text,
                                 len);
    const rg_value *doc = NULL;
    yaml_event_t ev;
    while (doc == NULL && !r.failed && next(&r, &ev)) {
        yaml_event_type_t t = ev.type;
        if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT ||
            t == YAML_SCALAR_EVENT) {
            doc = node(&r, &ev, 0);
            yaml_event_delete(&ev);
            break;
        }
        yaml_event_delete(&ev);
        if (t == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&r.parser);
    return doc;
}
