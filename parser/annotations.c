/*
 * "# METADATA" annotation blocks.  A block starts with a comment whose
 * text is METADATA and continues with the comments on the following
 * lines that start in column 1.  Its text, with one leading space cut
 * from each line, is YAML that whoever needs it decodes later; only the
 * "scope:" key is read here, to attach the block:
 *
 *   rule, document       the next rule (the default before a rule)
 *   package, subpackages the package (the default before the package)
 */
#include "parser/parse_internal.h"

#include <string.h>

static bool is_metadata(const rg_comment *c)
{
    const char *s = c->text;
    uint32_t n = c->len;
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    return n >= 8 && memcmp(s, "METADATA", 8) == 0;
}

/* Index after the last comment of the block starting at first. */
static uint32_t block_end(const rg_module *m, uint32_t first)
{
    uint32_t i = first + 1;
    while (i < m->comment_count &&
           m->comments[i].loc.line == m->comments[i - 1].loc.line + 1 &&
           m->comments[i].loc.col == 1)
        i++;
    return i;
}

static char *block_text(rg_parser *p, const rg_module *m, uint32_t first,
                        uint32_t end, uint32_t *len)
{
    size_t n = 0;
    for (uint32_t i = first + 1; i < end; i++)
        n += m->comments[i].len + 1;
    char *buf = rg_arena_alloc(p->arena, n + 1);
    char *w = buf;
    for (uint32_t i = first + 1; i < end; i++) {
        const char *s = m->comments[i].text;
        uint32_t l = m->comments[i].len;
        if (l && s[0] == ' ') {
            s++;
            l--;
        }
        memcpy(w, s, l);
        w += l;
        *w++ = '\n';
    }
    *w = '\0';
    *len = (uint32_t)(w - buf);
    return buf;
}

/* The value of a top-level "scope:" line, or NULL. */
static const char *find_scope(rg_parser *p, const char *yaml)
{
    for (const char *line = yaml; *line;) {
        const char *eol = strchr(line, '\n');
        size_t n = eol ? (size_t)(eol - line) : strlen(line);
        if (n > 6 && memcmp(line, "scope:", 6) == 0) {
            const char *v = line + 6;
            const char *e = line + n;
            while (v < e && (*v == ' ' || *v == '\t'))
                v++;
            while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
                e--;
            return rg_arena_strndup(p->arena, v, (size_t)(e - v));
        }
        line += n + (eol != NULL);
    }
    return NULL;
}

static bool only_space(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* The first rule starting after offset, or NULL. */
static rg_rule *rule_after(const rg_module *m, uint32_t offset)
{
    for (uint32_t i = 0; i < m->rule_count; i++)
        if (m->rules[i]->loc.offset > offset)
            return m->rules[i];
    return NULL;
}

static bool package_follows(const rg_module *m, uint32_t offset,
                            const rg_rule *next_rule)
{
    uint32_t pkg = m->package_loc.offset;
    return pkg > offset && (next_rule == NULL || pkg < next_rule->loc.offset);
}

static bool valid_scope(const char *scope)
{
    return strcmp(scope, "rule") == 0 || strcmp(scope, "document") == 0 ||
           strcmp(scope, "package") == 0 ||
           strcmp(scope, "subpackages") == 0;
}

static void scope_error(rg_parser *p, const rg_annotation *a,
                        const char *want, const char *have)
{
    rg_pstate_error_at(p, a->loc.line, a->loc.col,
                       "annotation scope '%s' must be applied to %s%s%s%s",
                       a->scope, want, have ? " (have " : "",
                       have ? have : "", have ? ")" : "");
}

/* Attach a to the package or the next rule; false after an error. */
static bool attach(rg_parser *p, const rg_module *m, rg_annotation *a,
                   uint32_t end_offset)
{
    rg_rule *next = rule_after(m, end_offset);
    bool on_package = package_follows(m, end_offset, next);
    if (a->scope == NULL)
        a->scope = on_package ? "package" : "rule";
    if (!valid_scope(a->scope)) {
        rg_pstate_error_at(p, a->loc.line, a->loc.col,
                           "invalid annotation scope '%s'", a->scope);
        return false;
    }
    bool wants_package = strcmp(a->scope, "package") == 0 ||
                         strcmp(a->scope, "subpackages") == 0;
    if (wants_package && !on_package) {
        scope_error(p, a, "package", next ? "rule" : NULL);
        return false;
    }
    if (!wants_package && (on_package || next == NULL)) {
        scope_error(p, a, "rule", on_package ? "package" : NULL);
        return false;
    }
    a->rule = wants_package ? NULL : next;
    return true;
}

static void add_to_rule(rg_parser *p, rg_rule *r, rg_annotation *a)
{
    rg_annotation **items = rg_arena_alloc(
        p->arena, (r->annotation_count + 1) * sizeof(rg_annotation *));
    if (r->annotation_count)
        memcpy(items, r->annotations,
               r->annotation_count * sizeof(rg_annotation *));
    items[r->annotation_count++] = a;
    r->annotations = items;
}

static rg_annotation *parse_block(rg_parser *p, rg_module *m,
                                  uint32_t first, uint32_t end)
{
    rg_annotation *a = rg_arena_calloc(p->arena, 1, sizeof *a);
    a->loc = m->comments[first].loc;
    a->yaml = block_text(p, m, first, end, &a->len);
    if (only_space(a->yaml)) {
        rg_pstate_error_at(p, a->loc.line, a->loc.col,
                           "expected METADATA block, found whitespace");
        return NULL;
    }
    a->scope = find_scope(p, a->yaml);
    const rg_comment *last = &m->comments[end - 1];
    if (!attach(p, m, a, last->loc.offset + last->loc.length))
        return NULL;
    return a;
}

void rg_annotations_attach(rg_parser *p, rg_module *m)
{
    size_t base = p->top;
    for (uint32_t i = 0; i < m->comment_count;) {
        if (!is_metadata(&m->comments[i])) {
            i++;
            continue;
        }
        uint32_t end = block_end(m, i);
        rg_annotation *a = parse_block(p, m, i, end);
        if (a) {
            rg_pstate_push(p, a);
            if (a->rule)
                add_to_rule(p, a->rule, a);
        }
        i = end;
    }
    m->annotations = (rg_annotation **)rg_pstate_pop(p, base,
                                                     &m->annotation_count);
}
