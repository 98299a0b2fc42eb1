/*
 * "# METADATA" annotation blocks.  A block starts with a comment whose
 * text is METADATA and continues with the comments on the following
 * lines that start in column 1.  Its text, with one leading space cut
 * from each line, is YAML that the parser keeps undecoded.  Only the
 * "scope:" and "entrypoint:" keys are read here, to attach the block to
 * the statement after it:
 *
 *   rule       that rule (the default before a rule)
 *   document   every rule of the module defining the same document (the
 *              default before a rule when entrypoint is true)
 *   package,   the package (the default before the package)
 *   subpackages
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

/* The statement an annotation applies to: the first package, import or
 * rule starting after the block. */
typedef struct target {
    const char *kind;       /* "package", "import", "rule" or NULL */
    rg_rule *rule;
} target;

static target find_target(const rg_module *m, uint32_t offset)
{
    target t = {NULL, NULL};
    uint32_t best = UINT32_MAX;
    if (m->package_loc.offset > offset) {
        t.kind = "package";
        best = m->package_loc.offset;
    }
    for (uint32_t i = 0; i < m->import_count; i++) {
        uint32_t at = m->imports[i]->loc.offset;
        if (at > offset && at < best) {
            t.kind = "import";
            best = at;
            break;
        }
    }
    for (uint32_t i = 0; i < m->rule_count; i++) {
        uint32_t at = m->rules[i]->loc.offset;
        if (at > offset) {
            if (at < best) {
                t.kind = "rule";
                t.rule = m->rules[i];
            }
            break;
        }
    }
    return t;
}

static void scope_error(rg_parser *p, const rg_annotation *a,
                        const char *want, const char *have)
{
    rg_pstate_error_at(p, a->loc.line, a->loc.col,
                       "annotation scope '%s' must be applied to %s%s%s%s",
                       a->scope, want, have ? " (have " : "",
                       have ? have : "", have ? ")" : "");
}

static bool is_scope(const char *scope, const char *name)
{
    return strcmp(scope, name) == 0;
}

/* Choose a's scope and rule as OPA does; false after an error.  With no
 * scope written, the target decides: a rule gives "rule" ("document"
 * for an entrypoint), the package "package", and an import the invalid
 * scope "import". */
static bool attach(rg_parser *p, const rg_module *m, rg_annotation *a,
                   uint32_t end_offset, bool entrypoint)
{
    target t = find_target(m, end_offset);
    if (a->scope == NULL && t.kind != NULL)
        a->scope = t.rule ? (entrypoint ? "document" : "rule") : t.kind;
    if (a->scope == NULL)
        a->scope = "";
    bool on_package = t.kind && is_scope(t.kind, "package");
    if (is_scope(a->scope, "rule") || is_scope(a->scope, "document")) {
        if (t.rule == NULL) {
            scope_error(p, a, "rule", t.kind);
            return false;
        }
        a->rule = t.rule;
        return true;
    }
    if (is_scope(a->scope, "package") || is_scope(a->scope, "subpackages")) {
        if (!on_package) {
            scope_error(p, a, "package", t.kind);
            return false;
        }
        return true;
    }
    rg_pstate_error_at(p, a->loc.line, a->loc.col,
                       "invalid annotation scope '%s'", a->scope);
    return false;
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

/* Parts of the rule's ref up to its first part with a variable. */
static uint32_t ground_prefix(const rg_rule *r)
{
    const rg_term *ref = r->head.ref;
    uint32_t n = 1;
    while (n < ref->u.ref.count && rg_term_is_ground(ref->u.ref.parts[n]))
        n++;
    return n;
}

/* true when rules a and b define the same document (ground prefixes of
 * their refs are equal). */
static bool same_document(rg_parser *p, const rg_rule *a, const rg_rule *b)
{
    uint32_t n = ground_prefix(a);
    if (n != ground_prefix(b))
        return false;
    for (uint32_t i = 0; i < n; i++) {
        const char *x = rg_ast_term_string(p, a->head.ref->u.ref.parts[i]);
        const char *y = rg_ast_term_string(p, b->head.ref->u.ref.parts[i]);
        if (strcmp(x, y) != 0)
            return false;
    }
    return true;
}

/* A rule-scope annotation belongs to its rule; a document-scope one to
 * every rule of the module defining the same document. */
static void add_to_rules(rg_parser *p, rg_module *m, rg_annotation *a)
{
    if (!is_scope(a->scope, "document")) {
        add_to_rule(p, a->rule, a);
        return;
    }
    for (uint32_t i = 0; i < m->rule_count; i++)
        if (same_document(p, m->rules[i], a->rule))
            add_to_rule(p, m->rules[i], a);
}

/* true when the YAML sets "entrypoint: true" at the top level. */
static bool is_entrypoint(const char *yaml)
{
    for (const char *line = yaml; *line;) {
        const char *eol = strchr(line, '\n');
        size_t n = eol ? (size_t)(eol - line) : strlen(line);
        if (n >= 16 && memcmp(line, "entrypoint: true", 16) == 0)
            return true;
        line += n + (eol != NULL);
    }
    return false;
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
    if (!attach(p, m, a, last->loc.offset + last->loc.length,
                is_entrypoint(a->yaml)))
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
                add_to_rules(p, m, a);
        }
        i = end;
    }
    m->annotations = (rg_annotation **)rg_pstate_pop(p, base,
                                                     &m->annotation_count);
}
