/*
 * json.patch: RFC 6902 JSON Patch (add, remove, replace, move, copy,
 * test) over Rego values, extended to sets as OPA does: a set's path
 * segment is the element itself, and adding to a set requires the
 * segment to equal the added value.  Any failing operation makes the
 * call undefined, as in OPA; only a non-array patch list is an error.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/extargs.h"
#include "runtime/builtins/jsonpath.h"

/* An array position from a segment: an integer number or a decimal
 * string.  "-" (append) is handled by the caller. */
static bool index_of(const rg_value *seg, int64_t *out)
{
    if (rg_value_kind(seg) == RG_NUMBER)
        return rg_number_int64(seg, out);
    if (rg_value_kind(seg) != RG_STRING)
        return false;
    const char *s = rg_string_bytes(seg);
    size_t n = rg_string_len(seg);
    size_t i = (n > 0 && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
    if (i == n || n > 18)
        return false;
    int64_t v = 0;
    for (size_t k = i; k < n; k++) {
        if (s[k] < '0' || s[k] > '9')
            return false;
        v = v * 10 + (s[k] - '0');
    }
    *out = s[0] == '-' ? -v : v;
    return true;
}

static bool is_append(const rg_value *seg)
{
    return rg_value_kind(seg) == RG_STRING && rg_string_len(seg) == 1 &&
           rg_string_bytes(seg)[0] == '-';
}

/* The child of v under seg, or NULL. */
static const rg_value *child(const rg_value *v, const rg_value *seg)
{
    int64_t i;
    switch (rg_value_kind(v)) {
    case RG_OBJECT:
        return rg_object_get(v, seg);
    case RG_ARRAY:
        if (!index_of(seg, &i) || i < 0 || (size_t)i >= rg_len(v))
            return NULL;
        return rg_array_at(v, (size_t)i);
    case RG_SET:
        return rg_set_contains(v, seg) ? seg : NULL;
    default:
        return NULL;
    }
}

/* A copy of object or set v without key (or element) drop and, when add
 * is not NULL, with key set to add (for a set: add is the element). */
static const rg_value *rebuild(rg_arena *arena, const rg_value *v,
                               const rg_value *drop, const rg_value *key,
                               const rg_value *add)
{
    size_t n = rg_len(v);
    bool set = rg_value_kind(v) == RG_SET;
    rg_builder *b = set ? rg_set_builder(arena, n + 1)
                        : rg_object_builder(arena, n + 1);
    for (size_t i = 0; i < n; i++) {
        const rg_value *k = set ? rg_set_at(v, i) : rg_object_key_at(v, i);
        if ((drop && rg_value_equal(k, drop)) ||
            (key && !set && rg_value_equal(k, key)))
            continue;
        if (set)
            rg_builder_add(b, k);
        else
            rg_builder_put(b, k, rg_object_value_at(v, i));
    }
    if (add && set)
        rg_builder_add(b, add);
    else if (add)
        rg_builder_put(b, key, add);
    return rg_builder_finish(b);
}

/* A copy of array v with item i replaced (mode 'r'), inserted before
 * (mode 'i') or removed (mode 'd'). */
static const rg_value *array_edit(rg_arena *arena, const rg_value *v,
                                  size_t i, const rg_value *item, char mode)
{
    size_t n = rg_len(v);
    const rg_value **items = rg_arena_alloc(arena, (n + 2) * sizeof *items);
    size_t k = 0;
    for (size_t j = 0; j <= n; j++) {
        if (j == i && mode == 'i')
            items[k++] = item;
        if (j == n)
            break;
        if (j == i && mode == 'r')
            items[k++] = item;
        else if (j != i || mode == 'i')
            items[k++] = rg_array_at(v, j);
    }
    return rg_array(arena, items, k);
}

/* v with its child under seg replaced by c. */
static const rg_value *replace_child(rg_arena *arena, const rg_value *v,
                                     const rg_value *seg, const rg_value *c)
{
    int64_t i;
    switch (rg_value_kind(v)) {
    case RG_OBJECT:
        return rebuild(arena, v, NULL, seg, c);
    case RG_ARRAY:
        index_of(seg, &i);
        return array_edit(arena, v, (size_t)i, c, 'r');
    default:
        return rebuild(arena, v, seg, NULL, c);
    }
}

static const rg_value *insert_here(rg_arena *arena, const rg_value *v,
                                   const rg_value *seg, const rg_value *val)
{
    int64_t i;
    switch (rg_value_kind(v)) {
    case RG_OBJECT:
        return rebuild(arena, v, NULL, seg, val);
    case RG_ARRAY:
        if (is_append(seg))
            return array_edit(arena, v, rg_len(v), val, 'i');
        if (!index_of(seg, &i) || i < 0 || (size_t)i > rg_len(v))
            return NULL;
        return array_edit(arena, v, (size_t)i, val, 'i');
    case RG_SET:
        if (!rg_value_equal(seg, val))
            return NULL;
        return rebuild(arena, v, NULL, NULL, val);
    default:
        return NULL;
    }
}

static const rg_value *delete_here(rg_arena *arena, const rg_value *v,
                                   const rg_value *seg)
{
    if (!child(v, seg))
        return NULL;
    if (rg_value_kind(v) == RG_ARRAY) {
        int64_t i;
        index_of(seg, &i);
        return array_edit(arena, v, (size_t)i, NULL, 'd');
    }
    return rebuild(arena, v, seg, NULL, NULL);
}

/* Insert (val != NULL) or delete (val == NULL) at path p from segment
 * at; NULL when the path does not exist. */
static const rg_value *edit(rg_arena *arena, const rg_value *v,
                            const rg_jsonpath *p, size_t at,
                            const rg_value *val)
{
    if (at + 1 == p->count)
        return val ? insert_here(arena, v, p->segs[at], val)
                   : delete_here(arena, v, p->segs[at]);
    const rg_value *c = child(v, p->segs[at]);
    if (!c)
        return NULL;
    const rg_value *nc = edit(arena, c, p, at + 1, val);
    return nc ? replace_child(arena, v, p->segs[at], nc) : NULL;
}

static const rg_value *get_at(const rg_value *v, const rg_jsonpath *p)
{
    for (size_t i = 0; v && i < p->count; i++)
        v = child(v, p->segs[i]);
    return v;
}

static const rg_value *insert_at(rg_arena *arena, const rg_value *doc,
                                 const rg_jsonpath *p, const rg_value *val)
{
    if (p->count == 0)
        return val;
    return edit(arena, doc, p, 0, val);
}

static const rg_value *delete_at(rg_arena *arena, const rg_value *doc,
                                 const rg_jsonpath *p)
{
    if (p->count == 0)
        return NULL;
    return edit(arena, doc, p, 0, NULL);
}

static const rg_value *attr(const rg_value *op, const char *name)
{
    return rg_object_get_str(op, name, strlen(name));
}

static bool path_attr(rg_arena *arena, const rg_value *op, const char *name,
                      rg_jsonpath *p)
{
    const rg_value *v = attr(op, name);
    return v && rg_jsonpath_parse(arena, v, p);
}

/* Apply one operation; NULL when it fails. */
static const rg_value *apply(rg_arena *arena, const rg_value *doc,
                             const rg_value *op)
{
    if (rg_value_kind(op) != RG_OBJECT)
        return NULL;
    const rg_value *name = attr(op, "op");
    if (!name || rg_value_kind(name) != RG_STRING)
        return NULL;
    const char *o = rg_string_bytes(name);
    rg_jsonpath path, from;
    const rg_value *value = attr(op, "value");
    if (!path_attr(arena, op, "path", &path))
        return NULL;
    if (strcmp(o, "add") == 0)
        return value ? insert_at(arena, doc, &path, value) : NULL;
    if (strcmp(o, "remove") == 0)
        return delete_at(arena, doc, &path);
    if (strcmp(o, "replace") == 0) {
        const rg_value *d = value ? delete_at(arena, doc, &path) : NULL;
        return d ? insert_at(arena, d, &path, value) : NULL;
    }
    if (strcmp(o, "test") == 0) {
        const rg_value *got = get_at(doc, &path);
        return value && got && rg_value_equal(got, value) ? doc : NULL;
    }
    bool move = strcmp(o, "move") == 0;
    if (!move && strcmp(o, "copy") != 0)
        return NULL;
    if (!path_attr(arena, op, "from", &from))
        return NULL;
    const rg_value *chunk = get_at(doc, &from);
    if (!chunk)
        return NULL;
    if (move && !(doc = delete_at(arena, doc, &from)))
        return NULL;
    return insert_at(arena, doc, &path, chunk);
}

static rg_bstatus bi_patch(rg_bctx *ctx, const rg_value *const *args,
                           size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    if (rg_extargs_kind(ctx, args[1], 2, RG_ARRAY) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    const rg_value *doc = args[0];
    size_t n = rg_len(args[1]);
    for (size_t i = 0; i < n && doc; i++)
        doc = apply(rg_bctx_arena(ctx), doc, rg_array_at(args[1], i));
    if (!doc)
        return RG_BUILTIN_UNDEFINED;
    *out = doc;
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_jsonpatch[] = {
    { "json.patch", 2, bi_patch, false, false },
    { NULL, 0, NULL, false, false },
};
