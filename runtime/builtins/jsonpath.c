/*
 * JSON path splitting and path trees for json.filter and json.remove.
 */
#include "runtime/builtins/jsonpath.h"

#include <string.h>

struct rg_jsonpath_tree {
    bool leaf;
    const rg_value **keys;
    rg_jsonpath_tree **children;
    size_t count, cap;
};

/* Undo the JSON pointer escapes: "~1" is '/', then "~0" is '~'. */
static const rg_value *unescape(rg_arena *arena, const char *s, size_t n)
{
    char *tmp = rg_arena_alloc(arena, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '~' && i + 1 < n && s[i + 1] == '1') {
            tmp[k++] = '/';
            i++;
        } else {
            tmp[k++] = s[i];
        }
    }
    char *out = rg_arena_alloc(arena, k + 1);
    size_t m = 0;
    for (size_t i = 0; i < k; i++) {
        if (tmp[i] == '~' && i + 1 < k && tmp[i + 1] == '0') {
            out[m++] = '~';
            i++;
        } else {
            out[m++] = tmp[i];
        }
    }
    return rg_string(arena, out, m);
}

static void split_string(rg_arena *arena, const rg_value *path,
                         rg_jsonpath *p)
{
    const char *s = rg_string_bytes(path);
    size_t len = rg_string_len(path);
    p->count = 0;
    p->segs = NULL;
    if (len == 0)
        return;
    while (len > 0 && *s == '/') {
        s++;
        len--;
    }
    size_t parts = 1;
    for (size_t i = 0; i < len; i++)
        parts += s[i] == '/';
    p->segs = rg_arena_alloc(arena, parts * sizeof *p->segs);
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == '/') {
            p->segs[p->count++] = unescape(arena, s + start, i - start);
            start = i + 1;
        }
    }
}

bool rg_jsonpath_parse(rg_arena *arena, const rg_value *path,
                       rg_jsonpath *p)
{
    if (rg_value_kind(path) == RG_STRING) {
        split_string(arena, path, p);
        return true;
    }
    if (rg_value_kind(path) != RG_ARRAY)
        return false;
    p->count = rg_len(path);
    p->segs = rg_arena_alloc(arena, (p->count + 1) * sizeof *p->segs);
    for (size_t i = 0; i < p->count; i++)
        p->segs[i] = rg_array_at(path, i);
    return true;
}

rg_jsonpath_tree *rg_jsonpath_tree_new(rg_arena *arena)
{
    return rg_arena_calloc(arena, 1, sizeof(rg_jsonpath_tree));
}

static rg_jsonpath_tree *child_of(const rg_jsonpath_tree *t,
                                  const rg_value *key)
{
    for (size_t i = 0; i < t->count; i++)
        if (rg_value_equal(t->keys[i], key))
            return t->children[i];
    return NULL;
}

static rg_jsonpath_tree *add_child(rg_arena *arena, rg_jsonpath_tree *t,
                                   const rg_value *key)
{
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4;
        const rg_value **keys = rg_arena_alloc(arena, cap * sizeof *keys);
        rg_jsonpath_tree **kids = rg_arena_alloc(arena, cap * sizeof *kids);
        if (t->count) {
            memcpy(keys, t->keys, t->count * sizeof *keys);
            memcpy(kids, t->children, t->count * sizeof *kids);
        }
        t->keys = keys;
        t->children = kids;
        t->cap = cap;
    }
    rg_jsonpath_tree *c = rg_jsonpath_tree_new(arena);
    t->keys[t->count] = key;
    t->children[t->count++] = c;
    return c;
}

void rg_jsonpath_tree_add(rg_arena *arena, rg_jsonpath_tree *t,
                          const rg_jsonpath *p)
{
    if (p->count == 0)
        return;
    rg_jsonpath_tree *node = t;
    for (size_t i = 0; i < p->count; i++) {
        rg_jsonpath_tree *c = child_of(node, p->segs[i]);
        if (c && c->leaf)
            return;
        if (!c)
            c = add_child(arena, node, p->segs[i]);
        node = c;
    }
    node->leaf = true;
    node->count = 0;
}

bool rg_jsonpath_tree_leaf(const rg_jsonpath_tree *t)
{
    return t->leaf;
}

const rg_jsonpath_tree *rg_jsonpath_tree_child(const rg_jsonpath_tree *t,
                                               const rg_value *key)
{
    return child_of(t, key);
}

size_t rg_jsonpath_tree_count(const rg_jsonpath_tree *t)
{
    return t->count;
}
