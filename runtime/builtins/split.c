/*
 * Splitting and replacing substrings: split, strings.split_n, replace
 * and strings.replace_n.
 *
 * An empty delimiter splits between code points; an empty pattern
 * matches before every code point and at the end, as Go's strings
 * package does.  replace_n tries its patterns at each position in key
 * order and takes the first that matches, never overlapping.
 */
#define _GNU_SOURCE /* memmem: linear-time substring search */

#include <string.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/strbuf.h"
#include "runtime/builtins/runes.h"
#include "runtime/builtins/vlist.h"

/* The parts of s split on delim, all of them. */
static void split_all(rg_arena *arena, const char *s, size_t len,
                      const char *delim, size_t dlen, rg_vlist *parts)
{
    rg_vlist_init(parts, arena);
    if (dlen == 0) {
        for (size_t pos = 0; pos < len;) {
            size_t start = pos;
            rg_runes_decode(s, len, &pos);
            rg_vlist_push(parts, rg_string(arena, s + start, pos - start));
        }
        return;
    }
    size_t start = 0;
    const char *at;
    while (start <= len &&
           (at = memmem(s + start, len - start, delim, dlen)) != NULL) {
        size_t i = (size_t)(at - s);
        rg_vlist_push(parts, rg_string(arena, s + start, i - start));
        start = i + dlen;
    }
    rg_vlist_push(parts, rg_string(arena, s + start, len - start));
}

static rg_bstatus split_split(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_STRING));
    rg_vlist parts;
    split_all(rg_bctx_arena(ctx), rg_string_bytes(args[0]),
              rg_string_len(args[0]), rg_string_bytes(args[1]),
              rg_string_len(args[1]), &parts);
    *out = rg_vlist_array(&parts);
    return RG_BUILTIN_OK;
}

/* The first n parts when n > 0, the last -n when n < 0, none for 0. */
static rg_bstatus split_n(rg_bctx *ctx, const rg_value *const *args,
                          size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    int64_t n;
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_STRING));
    RG_ARGS_TRY(rg_args_int(ctx, 3, args[2], &n));
    rg_vlist parts;
    split_all(rg_bctx_arena(ctx), rg_string_bytes(args[0]),
              rg_string_len(args[0]), rg_string_bytes(args[1]),
              rg_string_len(args[1]), &parts);
    size_t total = parts.len, from = 0, count = total;
    if (n >= 0 && (uint64_t)n < total) {
        count = (size_t)n;
    } else if (n < 0 && (n == INT64_MIN || (uint64_t)-n < total)) {
        count = n == INT64_MIN ? total : (size_t)-n;
        from = total - count;
    }
    *out = rg_array(rg_bctx_arena(ctx), parts.items + from, count);
    return RG_BUILTIN_OK;
}

/* One replacement pair. */
typedef struct split_pair {
    const char *old;
    size_t old_len;
    const char *new_text;
    size_t new_len;
} split_pair;

/* Replace with the first pair matching at each position, left to right
 * without overlaps. */
static const rg_value *split_replace(rg_arena *arena, const char *s,
                                     size_t len, const split_pair *pairs,
                                     size_t npairs)
{
    rg_strbuf b;
    rg_strbuf_init(&b, arena);
    for (size_t i = 0; i <= len;) {
        const split_pair *hit = NULL;
        for (size_t p = 0; p < npairs && !hit; p++)
            if (pairs[p].old_len <= len - i &&
                memcmp(s + i, pairs[p].old, pairs[p].old_len) == 0)
                hit = &pairs[p];
        if (hit)
            rg_strbuf_add(&b, hit->new_text, hit->new_len);
        if (hit && hit->old_len > 0) {
            i += hit->old_len;
            continue;
        }
        if (i == len)
            break;
        size_t pos = i;
        rg_runes_decode(s, len, &pos);
        rg_strbuf_add(&b, s + i, pos - i);
        i = pos;
    }
    return rg_string(arena, b.data, b.len);
}

static rg_bstatus split_replace_one(rg_bctx *ctx,
                                    const rg_value *const *args,
                                    size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    for (int i = 0; i < 3; i++)
        RG_ARGS_TRY(rg_args_kind(ctx, i + 1, args[i], RG_STRING));
    split_pair pair = { rg_string_bytes(args[1]), rg_string_len(args[1]),
                        rg_string_bytes(args[2]), rg_string_len(args[2]) };
    *out = split_replace(rg_bctx_arena(ctx), rg_string_bytes(args[0]),
                         rg_string_len(args[0]), &pair, 1);
    return RG_BUILTIN_OK;
}

static rg_bstatus split_replace_n(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_OBJECT));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_STRING));
    rg_arena *arena = rg_bctx_arena(ctx);
    size_t n = rg_len(args[0]);
    split_pair *pairs = rg_arena_calloc(arena, n ? n : 1, sizeof *pairs);
    for (size_t i = 0; i < n; i++) {
        const rg_value *k = rg_object_key_at(args[0], i);
        const rg_value *v = rg_object_value_at(args[0], i);
        if (rg_value_kind(k) != RG_STRING)
            return rg_bctx_error(ctx, "eval_type_error", "operand 1 "
                                 "non-string key found in pattern object");
        if (rg_value_kind(v) != RG_STRING)
            return rg_bctx_error(ctx, "eval_type_error", "operand 1 "
                                 "non-string value found in pattern object");
        pairs[i] = (split_pair){ rg_string_bytes(k), rg_string_len(k),
                                 rg_string_bytes(v), rg_string_len(v) };
    }
    *out = split_replace(arena, rg_string_bytes(args[1]),
                         rg_string_len(args[1]), pairs, n);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_split[] = {
    { "split", 2, split_split, false, false },
    { "strings.split_n", 3, split_n, false, false },
    { "replace", 3, split_replace_one, false, false },
    { "strings.replace_n", 2, split_replace_n, false, false },
    { NULL, 0, NULL, false, false }
};
