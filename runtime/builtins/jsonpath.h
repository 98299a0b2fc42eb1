/*
 * JSON paths as json.filter, json.remove and json.patch take them: a
 * string "a/b/0" (leading slashes ignored, "~1" for '/', "~0" for '~')
 * or an array of path segments of any kind.
 */
#ifndef RG_JSONPATH_H
#define RG_JSONPATH_H

#include "runtime/builtin.h"

typedef struct rg_jsonpath {
    const rg_value **segs;      /* lives in the arena */
    size_t count;
} rg_jsonpath;

/* Split path (a string or an array of segments) into p.  Returns false
 * for other kinds. */
bool rg_jsonpath_parse(rg_arena *arena, const rg_value *path,
                       rg_jsonpath *p);

/* A tree of paths: each node is a leaf (the whole value is selected) or
 * has children keyed by segment. */
typedef struct rg_jsonpath_tree rg_jsonpath_tree;

/* An empty tree in arena. */
rg_jsonpath_tree *rg_jsonpath_tree_new(rg_arena *arena);
/* Add path p; a shorter path makes the node a leaf, dropping children. */
void rg_jsonpath_tree_add(rg_arena *arena, rg_jsonpath_tree *t,
                          const rg_jsonpath *p);
bool rg_jsonpath_tree_leaf(const rg_jsonpath_tree *t);
/* The child under key, or NULL. */
const rg_jsonpath_tree *rg_jsonpath_tree_child(const rg_jsonpath_tree *t,
                                               const rg_value *key);
size_t rg_jsonpath_tree_count(const rg_jsonpath_tree *t);

#endif
