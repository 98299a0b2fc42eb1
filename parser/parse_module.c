/*
 * Modules: the statement loop (package, import, rules, and queries read
 * as v0 rule shorthand), future-keyword and rego.v1 imports, module
 * assembly with OPA's checks, and the public entry points of
 * parser/parser.h.
 */
#include "parser/parse_internal.h"

#include <stdlib.h>
#include <string.h>

/* The module arena's first block, per byte of source.  An estimate: the
 * tree of a policy takes a few times the size of its text. */
#define MODULE_ARENA_PER_BYTE 6
#define MODULE_ARENA_MIN 4096
/* The arena grows by doubling past this first block, so a large (or
 * non-Rego) input does not reserve its estimate up front. */
#define MODULE_ARENA_MAX_FIRST (1 << 20)

typedef enum stmt_kind {
    STMT_PACKAGE,
    STMT_IMPORT,
    STMT_RULE,
    STMT_BODY               /* a query, read as a rule when assembling */
} stmt_kind;

typedef struct stmt {
    stmt_kind kind;
    void *node;
    rg_loc loc;
} stmt;

static stmt *new_stmt(rg_parser *p, stmt_kind kind, void *node, rg_loc loc)
{
    stmt *s = rg_arena_alloc(p->arena, sizeof *s);
    s->kind = kind;
    s->node = node;
    s->loc = loc;
    return s;
}

/* The token is a keyword used as the first name of a path, as OPA
 * allows after "package" and "import". */
static bool ident_or_keyword(rg_parser *p)
{
    rg_tok k = rg_pstate_tok(p);
    if (k == RG_TOK_IDENT)
        return true;
    if (rg_tok_is_keyword(k)) {
        p->lx.tok.kind = RG_TOK_IDENT;
        return true;
    }
    return false;
}

/* "package" followed directly by "." or "[" starts a ref, not a
 * package statement. */
static bool keyword_starts_ref(const rg_parser *p)
{
    const rg_lexer *lx = &p->lx;
    return lx->pos < lx->len &&
           (lx->src[lx->pos] == '.' || lx->src[lx->pos] == '[');
}

/* data followed by the parts of ref t; NULL (and an error) when a part
 * is not a name. */
static rg_term *package_path_of_ref(rg_parser *p, rg_term *t, rg_term *data)
{
    rg_term *first = t->u.ref.parts[0];
    if (first->kind != RG_TERM_VAR) {
        rg_pstate_error_at(p, first->loc.line, first->loc.col,
                           "unexpected %s token: expecting var",
                           rg_ast_value_name(first));
        return NULL;
    }
    uint32_t n = t->u.ref.count + 1;
    rg_term **parts = rg_arena_alloc(p->arena, n * sizeof(rg_term *));
    parts[0] = data;
    parts[1] = rg_ast_string(p, first->u.var.name, first->u.var.len,
                             first->loc);
    for (uint32_t i = 2; i < n; i++) {
        rg_term *part = t->u.ref.parts[i - 1];
        if (part->kind != RG_TERM_STRING) {
            rg_pstate_error_at(p, part->loc.line, part->loc.col,
                               "unexpected %s token: expecting string",
                               rg_ast_value_name(part));
            return NULL;
        }
        parts[i] = part;
    }
    return rg_ast_ref(p, parts, n, t->loc);
}

/* The package path for the term after "package": data.NAME... */
static rg_term *package_path(rg_parser *p, rg_term *t)
{
    rg_term *data = rg_ast_var(p, "data", t->loc);
    if (t->kind == RG_TERM_VAR) {
        rg_term *parts[2] = {data, rg_ast_string(p, t->u.var.name,
                                                 t->u.var.len, t->loc)};
        return rg_ast_ref(p, parts, 2, t->loc);
    }
    if (t->kind != RG_TERM_REF) {
        rg_pstate_illegal_token(p);
        return NULL;
    }
    return package_path_of_ref(p, t, data);
}

static stmt *parse_package(rg_parser *p)
{
    if (rg_pstate_tok(p) != RG_TOK_PACKAGE || keyword_starts_ref(p))
        return NULL;
    rg_loc loc = rg_pstate_loc(p);
    rg_pstate_next(p);
    if (!ident_or_keyword(p)) {
        rg_pstate_illegal_token(p);
        return NULL;
    }
    rg_term *t = rg_parse_term_atom(p);
    rg_term *path = t ? package_path(p, t) : NULL;
    if (path == NULL) {
        if (p->nerr == 0)
            rg_pstate_error_at(p, p->lx.tok.line, p->lx.tok.col,
                               "expected path");
        return NULL;
    }
    rg_pstate_close(p, &loc);
    return new_stmt(p, STMT_PACKAGE, path, loc);
}

/* ---- imports ------------------------------------------------------------- */

static bool is_root(const rg_term *first, const char *name)
{
    return first->kind == RG_TERM_VAR && strcmp(first->u.var.name, name) == 0;
}

static bool check_import_root(rg_parser *p, const rg_term *path)
{
    const rg_term *first = path->u.ref.parts[0];
    if (is_root(first, "data") || is_root(first, "input") ||
        is_root(first, "future") || is_root(first, "rego"))
        return true;
    p->hint = "if this is unexpected, try updating OPA";
    rg_pstate_error_at(p, path->loc.line, path->loc.col,
                       "unexpected import path, must begin with one of: "
                       "{data, future, input, rego}, got: %s",
                       rg_ast_term_string(p, first));
    return false;
}

static bool is_keyword_name(const rg_parser *p, const char *name, size_t n)
{
    uint32_t bits = p->version == RG_REGO_V1 ? RG_KW_V1 : 0;
    return rg_lexer_keyword(name, n, bits) != RG_TOK_IDENT;
}

static void check_import_tail(rg_parser *p, const rg_term *path)
{
    const rg_term *last = path->u.ref.parts[path->u.ref.count - 1];
    const char *name;
    size_t n;
    if (path->u.ref.count == 1) {
        name = last->u.var.name;
        n = last->u.var.len;
    } else if (!is_root(path->u.ref.parts[0], "future")) {
        name = last->u.string.bytes;
        n = last->u.string.len;
    } else {
        return;
    }
    if (is_keyword_name(p, name, n))
        rg_pstate_error_at(p, last->loc.line, last->loc.col,
                           "unexpected import path, must not end with a "
                           "keyword, got: %.*s", (int)n, name);
}

/* The import path, read with the future keywords off so that
 * "future.keywords.in" parses. */
static rg_term *import_path(rg_parser *p)
{
    uint32_t saved = p->lx.keywords;
    p->lx.keywords = 0;
    rg_term *t = rg_parse_term_atom(p);
    p->lx.keywords = saved;
    if (t == NULL)
        return NULL;
    if (t->kind == RG_TERM_VAR)
        return rg_ast_ref(p, &t, 1, t->loc);
    if (t->kind != RG_TERM_REF)
        return NULL;
    for (uint32_t i = 1; i < t->u.ref.count; i++) {
        const rg_term *part = t->u.ref.parts[i];
        if (part->kind != RG_TERM_STRING) {
            rg_pstate_error_at(p, part->loc.line, part->loc.col,
                               "unexpected %s token: expecting string",
                               rg_ast_value_name(part));
            return NULL;
        }
    }
    return t;
}

static bool parse_alias(rg_parser *p, rg_import *imp)
{
    rg_pstate_next(p);
    if (rg_pstate_tok(p) != RG_TOK_IDENT) {
        rg_pstate_illegal(p, "expected var");
        return false;
    }
    rg_term *alias = rg_parse_term_atom(p);
    if (alias == NULL || alias->kind != RG_TERM_VAR) {
        rg_pstate_illegal(p, "expected var");
        return false;
    }
    imp->alias = alias->u.var.name;
    return true;
}

static rg_import *parse_import(rg_parser *p)
{
    if (rg_pstate_tok(p) != RG_TOK_IMPORT || keyword_starts_ref(p))
        return NULL;
    rg_import *imp = rg_arena_calloc(p->arena, 1, sizeof *imp);
    imp->loc = rg_pstate_loc(p);
    rg_pstate_next(p);
    if (!ident_or_keyword(p)) {
        rg_pstate_illegal_token(p);
        return NULL;
    }
    imp->path = import_path(p);
    if (imp->path == NULL) {
        if (p->nerr == 0)
            rg_pstate_error_at(p, p->lx.tok.line, p->lx.tok.col,
                               "expected path");
        return NULL;
    }
    if (!check_import_root(p, imp->path))
        return NULL;
    if (rg_pstate_tok(p) == RG_TOK_AS) {
        if (!parse_alias(p, imp))
            return NULL;
    } else {
        check_import_tail(p, imp->path);
    }
    rg_pstate_close(p, &imp->loc);
    return imp;
}

/* Sorted names of the keywords "import future.keywords.X" accepts. */
static const char *allowed_keyword_list(const rg_parser *p)
{
    return (p->allowed_kw & RG_KW_AND)
               ? "[and contains every if in not or]"
               : "[contains every if in not]";
}

static uint32_t keyword_bit(const char *name, uint32_t len)
{
    if (len == 3 && memcmp(name, "not", 3) == 0)
        return RG_KW_NOT;
    rg_tok k = rg_lexer_keyword(name, len, ~0u);
    switch (k) {
    case RG_TOK_IN: return RG_KW_IN;
    case RG_TOK_EVERY: return RG_KW_EVERY | RG_KW_IN;
    case RG_TOK_CONTAINS: return RG_KW_CONTAINS;
    case RG_TOK_IF: return RG_KW_IF;
    case RG_TOK_AND: return RG_KW_AND;
    case RG_TOK_OR: return RG_KW_OR;
    default: return 0;
    }
}

static void future_import(rg_parser *p, const rg_import *imp)
{
    const rg_term *path = imp->path;
    rg_loc loc = path->loc;
    rg_term *const *parts = path->u.ref.parts;
    if (path->u.ref.count == 1 ||
        strcmp(parts[1]->u.string.bytes, "keywords") != 0) {
        rg_pstate_error_at(p, loc.line, loc.col,
                           "invalid import, must be `future.keywords`");
        return;
    }
    if (imp->alias) {
        rg_pstate_error_at(p, loc.line, loc.col,
                           "`future` imports cannot be aliased");
        return;
    }
    uint32_t bits = p->allowed_kw;
    if (path->u.ref.count == 3) {
        bits = keyword_bit(parts[2]->u.string.bytes, parts[2]->u.string.len);
        if ((bits & p->allowed_kw) == 0 || bits == 0) {
            rg_pstate_error_at(p, loc.line, loc.col,
                               "unexpected keyword, must be one of %s",
                               allowed_keyword_list(p));
            return;
        }
    }
    p->lx.keywords |= bits;
}

static void rego_import(rg_parser *p, const rg_import *imp)
{
    const rg_term *path = imp->path;
    rg_loc loc = path->loc;
    if (path->u.ref.count != 2 ||
        strcmp(path->u.ref.parts[1]->u.string.bytes, "v1") != 0) {
        rg_pstate_error_at(p, loc.line, loc.col, "invalid import `%s`, must "
                           "be `rego.v1`", rg_ast_term_string(p, path));
        return;
    }
    if (p->version == RG_REGO_V1)
        return;
    if (imp->alias) {
        rg_pstate_error_at(p, loc.line, loc.col,
                           "`rego` imports cannot be aliased");
        return;
    }
    p->v1_checks = true;
    p->lx.keywords |= RG_KW_V1;
}

static void apply_import(rg_parser *p, const rg_import *imp)
{
    const rg_term *first = imp->path->u.ref.parts[0];
    if (is_root(first, "rego"))
        rego_import(p, imp);
    if (is_root(first, "future"))
        future_import(p, imp);
}

/* ---- the statement loop ----------------------------------------------- */

/* A query statement: literals joined by ";", ending at the first one not
 * followed by ";". */
static bool parse_query_statement(rg_parser *p, rg_body *body)
{
    size_t base = p->top;
    for (;;) {
        rg_expr *e = rg_parse_expr_literal(p);
        if (e == NULL) {
            p->top = base;
            return false;
        }
        e->index = (uint32_t)(p->top - base);
        rg_pstate_push(p, e);
        if (rg_pstate_tok(p) != RG_TOK_SEMICOLON)
            break;
        rg_pstate_next(p);
    }
    body->exprs = (rg_expr **)rg_pstate_pop(p, base, &body->count);
    return true;
}

static bool parse_rules_stmt(rg_parser *p)
{
    size_t base = p->top;
    uint32_t n = rg_parse_rule_statement(p);
    if (n == 0)
        return false;
    /* Wrap the rules the rule parser pushed as statements, in place. */
    for (size_t i = base; i < p->top; i++) {
        rg_rule *r = p->stk[i];
        p->stk[i] = new_stmt(p, STMT_RULE, r, r->loc);
    }
    return true;
}

static bool parse_body_stmt(rg_parser *p)
{
    rg_body *body = rg_arena_alloc(p->arena, sizeof *body);
    rg_pstate_push(p, NULL);
    size_t slot = p->top - 1;
    if (!parse_query_statement(p, body)) {
        p->top = slot;
        return false;
    }
    p->stk[slot] = new_stmt(p, STMT_BODY, body, body->exprs[0]->loc);
    return true;
}

/* One statement; false to stop the loop. */
static bool parse_statement(rg_parser *p)
{
    rg_pstate s;
    rg_pstate_save(p, &s);
    stmt *pkg = parse_package(p);
    if (pkg) {
        rg_pstate_push(p, pkg);
        return true;
    }
    if (p->nerr > 0)
        return false;
    rg_pstate_restore(p, &s);
    rg_import *imp = parse_import(p);
    if (imp) {
        apply_import(p, imp);
        rg_pstate_push(p, new_stmt(p, STMT_IMPORT, imp, imp->loc));
        return true;
    }
    if (p->nerr > 0)
        return false;
    rg_pstate_restore(p, &s);
    if (parse_rules_stmt(p))
        return true;
    if (p->nerr > 0)
        return false;
    rg_pstate_restore(p, &s);
    return parse_body_stmt(p);
}

/* ---- module assembly ---------------------------------------------------- */

static void add_rule(rg_parser *p, rg_module *m, rg_rule *r, size_t *cap)
{
    (void)p;
    if (m->rule_count == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        rg_rule **rules = rg_arena_alloc(m->arena, c * sizeof(rg_rule *));
        if (m->rule_count)
            memcpy(rules, m->rules, m->rule_count * sizeof(rg_rule *));
        m->rules = rules;
        *cap = c;
    }
    m->rules[m->rule_count++] = r;
}

/* A query statement becomes a rule as OPA reads v0 shorthand. */
static void add_body_rule(rg_parser *p, rg_module *m, stmt *st, size_t *cap)
{
    rg_rule *r = rg_parse_rule_from_body(p, st->node);
    if (r) {
        st->kind = STMT_RULE;
        st->node = r;
        add_rule(p, m, r, cap);
    }
}

static void add_imports(rg_parser *p, rg_module *m, stmt **stmts,
                        uint32_t count)
{
    uint32_t n = 0;
    for (uint32_t i = 1; i < count; i++)
        n += stmts[i]->kind == STMT_IMPORT;
    m->imports = rg_arena_alloc(p->arena, (n ? n : 1) * sizeof(rg_import *));
    for (uint32_t i = 1; i < count; i++)
        if (stmts[i]->kind == STMT_IMPORT)
            m->imports[m->import_count++] = stmts[i]->node;
}

static void copy_comments(rg_parser *p, rg_module *m)
{
    m->comment_count = p->ncomments;
    m->comments = rg_arena_alloc(p->arena,
                                 (p->ncomments + 1) * sizeof(rg_comment));
    for (uint32_t i = 0; i < p->ncomments; i++) {
        m->comments[i] = p->comments[i];
        m->comments[i].text = rg_arena_strndup(p->arena, p->comments[i].text,
                                               p->comments[i].len);
    }
}

static void assemble(rg_parser *p, rg_module *m, stmt **stmts,
                     uint32_t count)
{
    if (stmts[0]->kind != STMT_PACKAGE)
        rg_pstate_error_at(p, stmts[0]->loc.line, stmts[0]->loc.col,
                           "package expected");
    else {
        m->package = stmts[0]->node;
        m->package_loc = stmts[0]->loc;
    }
    add_imports(p, m, stmts, count);
    size_t cap = 0;
    for (uint32_t i = 1; i < count; i++) {
        if (stmts[i]->kind == STMT_PACKAGE)
            rg_pstate_error_at(p, stmts[i]->loc.line, stmts[i]->loc.col,
                               "unexpected package");
        else if (stmts[i]->kind == STMT_RULE)
            add_rule(p, m, stmts[i]->node, &cap);
        else if (stmts[i]->kind == STMT_BODY)
            add_body_rule(p, m, stmts[i], &cap);
    }
    m->v1_compatible = p->v1_checks && p->version == RG_REGO_V0;
    if (p->v1_checks)
        for (uint32_t i = 0; i < m->rule_count; i++)
            rg_parse_rule_check_v1(p, m->rules[i]);
}

static uint32_t dialect_keywords(rg_rego_version version)
{
    return version == RG_REGO_V1 ? RG_KW_V1 : 0;
}

static void setup(rg_parser *p, rg_arena *arena, const char *file,
                  const char *src, size_t len, rg_rego_version version,
                  bool experimental)
{
    rg_pstate_init(p, arena, file, src, len, dialect_keywords(version));
    p->version = version;
    p->v1_checks = version == RG_REGO_V1;
    p->experimental = experimental;
    p->allowed_kw = RG_KW_V1 | RG_KW_NOT |
                    (experimental ? RG_KW_AND | RG_KW_OR : 0);
}

/* false, with an error, when src is too large to parse. */
static bool check_size(const char *file, size_t len, rg_errors *errs)
{
    if (len <= RG_PARSE_MAX_SOURCE_BYTES)
        return true;
    rg_errors_add(errs, "rego_parse_error", file, 0, 0,
                  "source too large: %zu bytes (the limit is %zu)", len,
                  RG_PARSE_MAX_SOURCE_BYTES);
    return false;
}

static rg_module *parse_module_once(const char *file, const char *src,
                                    size_t len, rg_rego_version version,
                                    bool experimental, rg_errors *errs)
{
    if (!check_size(file, len, errs))
        return NULL;
    size_t hint = len * MODULE_ARENA_PER_BYTE;
    if (hint < MODULE_ARENA_MIN)
        hint = MODULE_ARENA_MIN;
    if (hint > MODULE_ARENA_MAX_FIRST)
        hint = MODULE_ARENA_MAX_FIRST;
    rg_arena *arena = rg_arena_new(hint);
    rg_parser p;
    setup(&p, arena, file, src, len, version, experimental);
    rg_module *m = rg_arena_calloc(arena, 1, sizeof *m);
    m->arena = arena;
    m->file = p.file;
    m->version = version;
    while (rg_pstate_tok(&p) != RG_TOK_EOF && parse_statement(&p))
        ;
    if (p.nerr == 0 && rg_pstate_tok(&p) != RG_TOK_EOF)
        rg_pstate_illegal_token(&p);
    uint32_t count;
    stmt **stmts = (stmt **)rg_pstate_pop(&p, 0, &count);
    if (p.nerr == 0 && count == 0)
        rg_pstate_error_at(&p, 0, 0, "empty module");
    else if (p.nerr == 0)
        assemble(&p, m, stmts, count);
    if (p.nerr == 0) {
        copy_comments(&p, m);
        rg_annotations_attach(&p, m);
    }
    bool ok = p.nerr == 0;
    rg_pstate_finish(&p, errs);
    if (!ok) {
        rg_arena_free(arena);
        return NULL;
    }
    return m;
}

/* true when the parse that produced a got further than the one that
 * produced b: its first error comes later in the text. */
static bool got_further(const rg_errors *a, const rg_errors *b)
{
    if (a->count == 0 || b->count == 0)
        return a->count != 0;
    const rg_error *x = &a->items[0];
    const rg_error *y = &b->items[0];
    return x->line > y->line || (x->line == y->line && x->col > y->col);
}

rg_module *rg_parse_module(const char *file, const char *src, size_t len,
                           const rg_parse_options *opts, rg_errors *errs)
{
    rg_parse_options defaults = {RG_REGO_V1, false, false};
    if (opts == NULL)
        opts = &defaults;
    if (!opts->fallback_v0)
        return parse_module_once(file, src, len, opts->version,
                                 opts->experimental, errs);
    rg_errors v1_errs;
    rg_errors_init(&v1_errs);
    rg_module *m = parse_module_once(file, src, len, RG_REGO_V1,
                                     opts->experimental, &v1_errs);
    if (m) {
        rg_errors_free(&v1_errs);
        return m;
    }
    rg_errors v0_errs;
    rg_errors_init(&v0_errs);
    m = parse_module_once(file, src, len, RG_REGO_V0, opts->experimental,
                          &v0_errs);
    if (m == NULL)
        rg_errors_append(errs, got_further(&v0_errs, &v1_errs) ? &v0_errs
                                                               : &v1_errs);
    rg_errors_free(&v0_errs);
    rg_errors_free(&v1_errs);
    return m;
}

void rg_module_free(rg_module *module)
{
    if (module)
        rg_arena_free(module->arena);
}

bool rg_parse_query(rg_arena *arena, const char *file, const char *src,
                    size_t len, const rg_parse_options *opts, rg_body *out,
                    rg_errors *errs)
{
    if (!check_size(file, len, errs))
        return false;
    rg_parser p;
    rg_rego_version v = opts ? opts->version : RG_REGO_V1;
    setup(&p, arena, file, src, len, v, opts && opts->experimental);
    p.lx.keywords |= RG_KW_V1;
    bool ok = rg_parse_expr_query(&p, out) && p.nerr == 0;
    rg_pstate_finish(&p, errs);
    return ok;
}

rg_term *rg_parse_term(rg_arena *arena, const char *file, const char *src,
                       size_t len, const rg_parse_options *opts,
                       rg_errors *errs)
{
    rg_body body;
    if (!rg_parse_query(arena, file, src, len, opts, &body, errs))
        return NULL;
    const rg_expr *e = body.exprs[0];
    if (body.count != 1 || e->kind != RG_EXPR_TERM || e->negated ||
        e->with_count > 0) {
        rg_errors_add(errs, "rego_parse_error", file, (int)e->loc.line,
                      (int)e->loc.col, "expected exactly one term");
        return NULL;
    }
    return e->u.term;
}
