/*
 * Graph builtins: graph.reachable, graph.reachable_paths and walk.
 *
 * A graph is an object from node to an array or set of neighbours.  A
 * node only counts as reached when it is a key of the graph.  walk is a
 * relation: it returns every [path, value] pair of a document, the
 * document itself first, then its children depth-first in key order.
 */
#include "runtime/builtins/args.h"
#include "runtime/builtins/vlist.h"

/* Maximum length of a path graph.reachable_paths follows: each step is
 * a recursive call, and the C stack has room for far fewer than a Go
 * stack. */
#define GRAPH_MAX_PATH 10000

/* Neighbours of node (an array or set), or NULL when node is not a key
 * or maps to something else. */
static const rg_value *graph_edges(const rg_value *graph,
                                   const rg_value *node)
{
    const rg_value *e = rg_object_get(graph, node);
    if (!e)
        return NULL;
    rg_kind k = rg_value_kind(e);
    return k == RG_ARRAY || k == RG_SET ? e : rg_null();
}

static rg_bstatus graph_args(rg_bctx *ctx, const rg_value *const *args)
{
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_OBJECT));
    rg_kind k = rg_value_kind(args[1]);
    if (k != RG_ARRAY && k != RG_SET)
        return rg_bctx_type_error(ctx, 2, "{array, set}", args[1]);
    return RG_BUILTIN_OK;
}

static rg_bstatus graph_reachable(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(graph_args(ctx, args));
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_vlist queue;
    rg_vlist_init(&queue, arena);
    for (size_t i = 0; i < rg_len(args[1]); i++)
        rg_vlist_push(&queue, rg_args_elem_at(args[1], i));
    rg_builder *reached = rg_set_builder(arena, 0);
    for (size_t q = 0; q < queue.len; q++) {
        const rg_value *node = queue.items[q];
        const rg_value *edges = graph_edges(args[0], node);
        if (!edges || rg_builder_get(reached, node))
            continue;
        rg_builder_add(reached, node);
        for (size_t i = 0; i < rg_args_elem_count(edges); i++) {
            const rg_value *n = rg_args_elem_at(edges, i);
            if (!rg_builder_get(reached, n))
                rg_vlist_push(&queue, n);
        }
    }
    *out = rg_builder_finish(reached);
    return RG_BUILTIN_OK;
}

/* Depth-first path collection from root, having walked path (whose
 * nodes are the ones on it, for cycle detection).  Returns false when a
 * path grows past GRAPH_MAX_PATH. */
static bool graph_paths(const rg_value *graph, const rg_value *root,
                        rg_vlist *path, rg_builder *result)
{
    if (path->len >= GRAPH_MAX_PATH)
        return false;
    const rg_value *edges = graph_edges(graph, root);
    if (!edges) {
        rg_builder_add(result, rg_vlist_array(path));
        return true;
    }
    rg_vlist_push(path, root);
    size_t n = rg_args_elem_count(edges);
    if (n == 0)
        rg_builder_add(result, rg_vlist_array(path));
    for (size_t i = 0; i < n; i++) {
        const rg_value *next = rg_args_elem_at(edges, i);
        bool seen = false;
        for (size_t j = 0; j < path->len && !seen; j++)
            seen = rg_value_equal(path->items[j], next);
        if (seen)
            rg_builder_add(result, rg_vlist_array(path));
        else if (!graph_paths(graph, next, path, result))
            return false;
    }
    path->len--;
    return true;
}

static rg_bstatus graph_reachable_paths(rg_bctx *ctx,
                                        const rg_value *const *args,
                                        size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(graph_args(ctx, args));
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_builder *result = rg_set_builder(arena, 0);
    rg_vlist path;
    rg_vlist_init(&path, arena);
    for (size_t i = 0; i < rg_len(args[1]); i++) {
        const rg_value *node = rg_args_elem_at(args[1], i);
        const rg_value *edges = graph_edges(args[0], node);
        if (!edges)
            continue;
        path.len = 0;
        rg_vlist_push(&path, node);
        if (rg_args_elem_count(edges) == 0)
            rg_builder_add(result, rg_vlist_array(&path));
        for (size_t j = 0; j < rg_args_elem_count(edges); j++)
            if (!graph_paths(args[0], rg_args_elem_at(edges, j), &path,
                             result))
                return rg_bctx_error(ctx, "eval_builtin_error",
                                     "path longer than %d nodes",
                                     GRAPH_MAX_PATH);
    }
    *out = rg_builder_finish(result);
    return RG_BUILTIN_OK;
}

/* Append [path, v] and the pairs of v's descendants to pairs. */
static void graph_walk(rg_vlist *pairs, rg_vlist *path, const rg_value *v)
{
    const rg_value *pair[2] = { rg_vlist_array(path), v };
    rg_vlist_push(pairs, rg_array(pairs->arena, pair, 2));
    rg_kind k = rg_value_kind(v);
    for (size_t i = 0; k >= RG_ARRAY && i < rg_len(v); i++) {
        const rg_value *key, *child;
        if (k == RG_ARRAY) {
            key = rg_int(pairs->arena, (int64_t)i);
            child = rg_array_at(v, i);
        } else if (k == RG_OBJECT) {
            key = rg_object_key_at(v, i);
            child = rg_object_value_at(v, i);
        } else {
            key = child = rg_set_at(v, i);
        }
        rg_vlist_push(path, key);
        graph_walk(pairs, path, child);
        path->len--;
    }
}

static rg_bstatus graph_walk_builtin(rg_bctx *ctx,
                                     const rg_value *const *args,
                                     size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_vlist pairs, path;
    rg_vlist_init(&pairs, rg_bctx_arena(ctx));
    rg_vlist_init(&path, rg_bctx_arena(ctx));
    graph_walk(&pairs, &path, args[0]);
    *out = rg_vlist_array(&pairs);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_graph[] = {
    { "graph.reachable", 2, graph_reachable, false, false },
    { "graph.reachable_paths", 2, graph_reachable_paths, false, false },
    { "walk", 1, graph_walk_builtin, true, false },
    { NULL, 0, NULL, false, false }
};
