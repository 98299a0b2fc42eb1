/*
 * The rule tree: every rule of every module indexed by its path below
 * data.  A rule sits at the node of its static path, the package path
 * followed by the leading string keys of its head ("a.b[x].c" in
 * package p sits at data.p.a.b with the head keys [x, "c"] below it).
 * Modules with the same package merge here.
 */
#include "engine/internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "runtime/buf.h"

static rg_node *node_new(rg_engine *e, rg_node *parent, const char *name,
                         size_t len)
{
    rg_arena *a = e->tree_arena;
    rg_node *n = rg_arena_calloc(a, 1, sizeof *n);
    n->id = e->nnodes;
    n->name = rg_arena_strndup(a, name, len);
    n->key = rg_string(a, name, len);
    n->parent = parent;
    size_t depth = parent ? rg_len(parent->path) + 1 : 0;
    const rg_value **keys = rg_arena_alloc(a, (depth + 1) * sizeof *keys);
    for (size_t i = 0; parent && i + 1 < depth; i++)
        keys[i] = rg_array_at(parent->path, i);
    if (parent)
        keys[depth - 1] = n->key;
    n->path = rg_array(a, keys, depth);
    if (e->nnodes == e->cap_nodes) {
        /* Doubling keeps the copies (left in the arena) linear. */
        e->cap_nodes = e->cap_nodes ? e->cap_nodes * 2 : 64;
        rg_node **grown = rg_arena_alloc(a, e->cap_nodes * sizeof *grown);
        if (e->nnodes)
            memcpy(grown, e->nodes, e->nnodes * sizeof *grown);
        e->nodes = grown;
    }
    e->nodes[e->nnodes++] = n;
    return n;
}

static int child_cmp(const rg_node *c, const char *name, size_t len)
{
    size_t clen = strlen(c->name);
    int r = memcmp(c->name, name, clen < len ? clen : len);
    if (r)
        return r;
    return clen < len ? -1 : clen > len;
}

/* Binary search; *at receives the insertion point. */
static rg_node *child_find(const rg_node *n, const char *name, size_t len,
                           uint32_t *at)
{
    uint32_t lo = 0, hi = n->nchildren;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        int r = child_cmp(n->children[mid], name, len);
        if (r == 0) {
            *at = mid;
            return n->children[mid];
        }
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *at = lo;
    return NULL;
}

rg_node *rg_tree_child(const rg_node *node, const char *name, size_t len)
{
    uint32_t at;
    return node ? child_find(node, name, len, &at) : NULL;
}

/* ---- Build index --------------------------------------------------------
 * While the tree is built, children are appended unsorted and found
 * through an open-addressing table keyed by (parent id, name); sorting
 * each node's children once at the end keeps a package of many rules
 * linear instead of shifting a sorted array per insertion. */

struct rg_tree_index {
    rg_node **slots;
    size_t cap;         /* a power of two */
    size_t used;
};

/* Smallest table; it doubles when more than half full. */
#define TREE_INDEX_MIN 256

static uint64_t index_hash(uint32_t parent, const char *name, size_t len)
{
    uint64_t h = 14695981039346656037ULL ^ parent;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)name[i]) * 1099511628211ULL;
    return h ^ (h >> 29);
}

static size_t index_slot(const struct rg_tree_index *x, uint32_t parent,
                         const char *name, size_t len)
{
    size_t i = index_hash(parent, name, len) & (x->cap - 1);
    for (;; i = (i + 1) & (x->cap - 1)) {
        const rg_node *c = x->slots[i];
        if (c == NULL || (c->parent->id == parent &&
                          child_cmp(c, name, len) == 0))
            return i;
    }
}

static void index_grow(struct rg_tree_index *x)
{
    struct rg_tree_index big = {
        rg_xcalloc(x->cap * 2, sizeof *big.slots), x->cap * 2, x->used
    };
    for (size_t i = 0; i < x->cap; i++) {
        rg_node *c = x->slots[i];
        if (c)
            big.slots[index_slot(&big, c->parent->id, c->name,
                                 strlen(c->name))] = c;
    }
    free(x->slots);
    *x = big;
}

static void append_child(rg_engine *e, rg_node *n, rg_node *c)
{
    if (n->nchildren == n->cap_children) {
        uint32_t cap = n->cap_children ? n->cap_children * 2 : 4;
        rg_node **grown = rg_arena_alloc(e->tree_arena, cap *
                                         sizeof *grown);
        if (n->nchildren)
            memcpy(grown, n->children, n->nchildren * sizeof *grown);
        n->children = grown;
        n->cap_children = cap;
    }
    n->children[n->nchildren++] = c;
}

static rg_node *child_get(rg_engine *e, rg_node *n, const char *name,
                          size_t len)
{
    struct rg_tree_index *x = e->tree_index;
    assert(x != NULL);
    size_t i = index_slot(x, n->id, name, len);
    if (x->slots[i])
        return x->slots[i];
    rg_node *c = node_new(e, n, name, len);
    append_child(e, n, c);
    x->slots[i] = c;
    if (++x->used * 2 > x->cap)
        index_grow(x);
    return c;
}

static int node_order(const void *a, const void *b)
{
    const rg_node *x = *(rg_node *const *)a, *y = *(rg_node *const *)b;
    return child_cmp(x, y->name, strlen(y->name));
}

/* Sort every node's children by name for child_find's binary search. */
static void sort_children(rg_engine *e)
{
    for (uint32_t id = 0; id < e->nnodes; id++) {
        rg_node *n = e->nodes[id];
        if (n->nchildren > 1)
            qsort(n->children, n->nchildren, sizeof *n->children,
                  node_order);
    }
}

static const char *term_key(const rg_term *t, size_t *len)
{
    if (t->kind == RG_TERM_VAR) {
        *len = t->u.var.len;
        return t->u.var.name;
    }
    if (t->kind == RG_TERM_STRING) {
        *len = t->u.string.len;
        return t->u.string.bytes;
    }
    return NULL;
}

/* Walk from the root along the string keys of ref, starting at part
 * from; returns the node and sets *stop to the first part not walked. */
static rg_node *walk_ref(rg_engine *e, rg_node *n, const rg_term *ref,
                         uint32_t from, uint32_t *stop)
{
    if (ref->kind == RG_TERM_VAR) {
        size_t len;
        const char *k = term_key(ref, &len);
        *stop = 1;
        return from == 0 ? child_get(e, n, k, len) : n;
    }
    uint32_t i = from;
    for (; i < ref->u.ref.count; i++) {
        const rg_term *p = ref->u.ref.parts[i];
        if (p->kind != RG_TERM_STRING && !(i == 0 &&
                                           p->kind == RG_TERM_VAR))
            break;
        size_t len;
        const char *k = term_key(p, &len);
        n = child_get(e, n, k, len);
    }
    *stop = i;
    return n;
}

static void add_def(rg_engine *e, rg_node *n, rg_ruledef *d)
{
    if (n->ndefs == n->cap_defs) {
        uint32_t cap = n->cap_defs ? n->cap_defs * 2 : 4;
        rg_ruledef **grown = rg_arena_alloc(e->tree_arena, cap *
                                            sizeof *grown);
        if (n->ndefs)
            memcpy(grown, n->defs, n->ndefs * sizeof *grown);
        n->defs = grown;
        n->cap_defs = cap;
    }
    n->defs[n->ndefs++] = d;
}

/* The tree's fingerprint: a SHA-256 digest of every node's path in id
 * order and every rule's node, kind and default flag.  Cached bodies
 * refer to nodes by id, so equal fingerprints mean equal trees. */
static void fingerprint(rg_engine *e)
{
    rg_buf b;
    rg_buf_init(&b);
    for (uint32_t id = 0; id < e->nnodes; id++) {
        const rg_node *n = e->nodes[id];
        for (size_t i = 0; i < rg_len(n->path); i++) {
            const rg_value *k = rg_array_at(n->path, i);
            rg_buf_putc(&b, '/');
            rg_buf_append(&b, rg_string_bytes(k), rg_string_len(k));
        }
        rg_buf_putc(&b, '\n');
        for (uint32_t i = 0; i < n->ndefs; i++)
            rg_buf_printf(&b, "%u %d\n", id, (int)n->defs[i]->kind);
        if (n->default_def)
            rg_buf_printf(&b, "%u default\n", id);
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(b.data ? b.data : "", b.len, md, &len, EVP_sha256(), NULL);
    for (unsigned int i = 0; i < len && i < 32; i++)
        snprintf(e->tree_digest + 2 * i, 3, "%02x", md[i]);
    rg_buf_free(&b);
}

static int place_rule(rg_engine *e, rg_module *m, rg_node *pkg,
                      rg_rule *r, rg_errors *errs)
{
    uint32_t stop;
    rg_node *n = walk_ref(e, pkg, r->head.ref, 0, &stop);
    uint32_t total = r->head.ref->kind == RG_TERM_REF ?
                     r->head.ref->u.ref.count : 1;
    rg_ruledef *d = rg_arena_calloc(e->tree_arena, 1, sizeof *d);
    d->rule = r;
    d->module = m;
    d->kind = r->kind;
    d->is_default = r->is_default;
    d->suffix_len = total - stop;

    if (r->kind == RG_RULE_FUNCTION)
        n->is_function = true;
    if (d->suffix_len > 0)
        n->has_suffix_defs = true;
    rg_node *root = n;
    while (root->parent && root->parent != pkg)
        root = root->parent;
    if (root->parent == pkg)
        root->head_root = true;
    if (r->kind == RG_RULE_COMPLETE && d->suffix_len == 0)
        n->has_complete = true;
    if (r->is_default) {
        if (n->default_def) {
            char name[512];
            size_t at = (size_t)snprintf(name, sizeof name, "data");
            for (size_t i = 0; i < rg_len(n->path) && at < sizeof name; i++)
                at += (size_t)snprintf(name + at, sizeof name - at, ".%s",
                                       rg_string_bytes(rg_array_at(n->path,
                                                                   i)));
            rg_errors_add(errs, "rego_type_error", r->loc.file,
                          (int)r->loc.line, (int)r->loc.col,
                          "multiple default rules %s found", name);
            return -1;
        }
        n->default_def = d;
    } else {
        add_def(e, n, d);
    }
    for (rg_node *p = n; p; p = p->parent)
        p->has_rules_below = true;
    return 0;
}

static rg_node *package_node(rg_engine *e, const rg_module *m)
{
    uint32_t stop;
    if (m->package == NULL || m->package->kind != RG_TERM_REF)
        return e->root;
    /* Part 0 is "data". */
    return walk_ref(e, e->root, m->package, 1, &stop);
}

int rg_tree_build(rg_engine *e, rg_errors *errs)
{
    rg_arena_free(e->tree_arena);
    e->tree_arena = rg_arena_new(0);
    e->nnodes = 0;
    e->cap_nodes = 0;
    e->nodes = NULL;
    e->root = node_new(e, NULL, "", 0);
    struct rg_tree_index index = {
        rg_xcalloc(TREE_INDEX_MIN, sizeof *index.slots), TREE_INDEX_MIN, 0
    };
    e->tree_index = &index;
    int rc = 0;
    for (size_t i = 0; i < e->nmodules; i++) {
        rg_module *m = e->modules[i].module;
        rg_node *pkg = package_node(e, m);
        /* A package exists as a document even without rules. */
        for (rg_node *p = pkg; p; p = p->parent)
            p->has_rules_below = true;
        for (uint32_t j = 0; j < m->rule_count; j++)
            if (place_rule(e, m, pkg, m->rules[j], errs) < 0)
                rc = -1;
    }
    e->tree_index = NULL;
    free(index.slots);
    sort_children(e);
    fingerprint(e);
    return rc;
}
