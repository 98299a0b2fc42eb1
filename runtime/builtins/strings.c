/*
 * String builtins that search and transform whole strings: concat,
 * contains, startswith, endswith, indexof, indexof_n, substring, lower,
 * upper, strings.reverse, strings.count, strings.any_prefix_match and
 * strings.any_suffix_match.
 *
 * Positions and lengths are in Unicode code points, as OPA counts them;
 * matching is on bytes, which for valid UTF-8 gives the same results.
 */
#define _GNU_SOURCE /* memmem: linear-time substring search */

#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/strbuf.h"
#include "runtime/builtins/runes.h"
#include "runtime/builtins/vlist.h"
#include "runtime/utf8.h"

#define STR(v) rg_string_bytes(v), rg_string_len(v)

static rg_bstatus strings_ok(const rg_value **out, const rg_value *v)
{
    *out = v;
    return RG_BUILTIN_OK;
}

/* Both operands must be strings. */
static rg_bstatus strings_two(rg_bctx *ctx, const rg_value *const *args)
{
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    return rg_args_kind(ctx, 2, args[1], RG_STRING);
}

/* Byte offset of needle in hay at or after from, or -1. */
static long strings_find(const char *hay, size_t hlen, const char *needle,
                         size_t nlen, size_t from)
{
    if (from > hlen || nlen > hlen - from)
        return -1;
    const char *at = memmem(hay + from, hlen - from, needle, nlen);
    return at ? (long)(at - hay) : -1;
}

static rg_bstatus strings_concat(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(rg_args_one_of(ctx, 2, args[1], "set, array"));
    rg_strbuf b;
    rg_strbuf_init(&b, rg_bctx_arena(ctx));
    for (size_t i = 0; i < rg_len(args[1]); i++) {
        const rg_value *e = rg_args_elem_at(args[1], i);
        if (rg_value_kind(e) != RG_STRING)
            return rg_args_elem_error(ctx, 2, args[1], e, "string");
        if (i)
            rg_strbuf_add(&b, STR(args[0]));
        rg_strbuf_add(&b, STR(e));
    }
    return strings_ok(out, rg_string(b.arena, b.data, b.len));
}

static rg_bstatus strings_contains(rg_bctx *ctx,
                                   const rg_value *const *args,
                                   size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(strings_two(ctx, args));
    long at = strings_find(STR(args[0]), STR(args[1]), 0);
    return strings_ok(out, rg_bool(at >= 0));
}

static rg_bstatus strings_startswith(rg_bctx *ctx,
                                     const rg_value *const *args,
                                     size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(strings_two(ctx, args));
    size_t n = rg_string_len(args[1]);
    bool yes = n <= rg_string_len(args[0]) &&
               memcmp(rg_string_bytes(args[0]), rg_string_bytes(args[1]),
                      n) == 0;
    return strings_ok(out, rg_bool(yes));
}

static rg_bstatus strings_endswith(rg_bctx *ctx,
                                   const rg_value *const *args,
                                   size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(strings_two(ctx, args));
    size_t n = rg_string_len(args[1]), len = rg_string_len(args[0]);
    bool yes = n <= len &&
               memcmp(rg_string_bytes(args[0]) + len - n,
                      rg_string_bytes(args[1]), n) == 0;
    return strings_ok(out, rg_bool(yes));
}

/* Push the code-point index of each match of sub in s (overlapping
 * matches included, the first only when first_only) onto l.  Valid
 * UTF-8 is searched by bytes; otherwise both strings are compared as
 * code points, each invalid byte being U+FFFD, as OPA compares them. */
static void strings_indexes(const rg_value *s, const rg_value *sub,
                            bool first_only, rg_vlist *l)
{
    if (rg_utf8_valid(STR(s)) && rg_utf8_valid(STR(sub))) {
        const char *b = rg_string_bytes(s);
        size_t counted = 0, runes = 0;
        long at;
        for (size_t from = 0;
             (at = strings_find(STR(s), STR(sub), from)) >= 0;) {
            runes += rg_runes_count(b + counted, (size_t)at - counted);
            counted = (size_t)at;
            rg_vlist_push(l, rg_int(l->arena, (int64_t)runes));
            if (first_only)
                return;
            from = (size_t)at;
            rg_runes_decode(b, rg_string_len(s), &from);
        }
        return;
    }
    size_t n, m;
    int32_t *hay = rg_runes_array(STR(s), &n);
    int32_t *needle = rg_runes_array(STR(sub), &m);
    for (size_t i = 0; m <= n && i + m <= n; i++) {
        if (memcmp(hay + i, needle, m * sizeof *hay) != 0)
            continue;
        rg_vlist_push(l, rg_int(l->arena, (int64_t)i));
        if (first_only)
            break;
    }
    free(hay);
    free(needle);
}

static rg_bstatus strings_indexof(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(strings_two(ctx, args));
    if (rg_string_len(args[1]) == 0)
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "empty search character");
    rg_vlist l;
    rg_vlist_init(&l, rg_bctx_arena(ctx));
    strings_indexes(args[0], args[1], true, &l);
    return strings_ok(out, l.len ? l.items[0] : rg_int(l.arena, -1));
}

static rg_bstatus strings_indexof_n(rg_bctx *ctx,
                                    const rg_value *const *args,
                                    size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(strings_two(ctx, args));
    if (rg_string_len(args[1]) == 0)
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "empty search character");
    rg_vlist l;
    rg_vlist_init(&l, rg_bctx_arena(ctx));
    strings_indexes(args[0], args[1], false, &l);
    return strings_ok(out, rg_vlist_array(&l));
}

static rg_bstatus strings_substring(rg_bctx *ctx,
                                    const rg_value *const *args,
                                    size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    int64_t start, length;
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(rg_args_int(ctx, 2, args[1], &start));
    RG_ARGS_TRY(rg_args_int(ctx, 3, args[2], &length));
    if (start < 0)
        return rg_bctx_error(ctx, "eval_builtin_error", "negative offset");
    const char *s = rg_string_bytes(args[0]);
    size_t len = rg_string_len(args[0]);
    size_t from = rg_runes_offset(s, len, (size_t)start);
    size_t to = len;
    if (length >= 0 && (uint64_t)length < len)
        to = from + rg_runes_offset(s + from, len - from, (size_t)length);
    return strings_ok(out, rg_string(rg_bctx_arena(ctx), s + from,
                                     to - from));
}

/* The C.UTF-8 locale for Unicode case mapping, made once; NULL when the
 * system lacks it, in which case only ASCII letters change case. */
static locale_t strings_locale;
static pthread_once_t strings_locale_once = PTHREAD_ONCE_INIT;

static void strings_locale_free(void)
{
    freelocale(strings_locale);
}

static void strings_locale_init(void)
{
    strings_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (strings_locale)
        atexit(strings_locale_free);
}

static int32_t strings_case(int32_t r, bool upper)
{
    if (r < 0x80) {
        if (upper && r >= 'a' && r <= 'z')
            return r - 32;
        if (!upper && r >= 'A' && r <= 'Z')
            return r + 32;
        return r;
    }
    pthread_once(&strings_locale_once, strings_locale_init);
    if (!strings_locale)
        return r;
    wint_t w = (wint_t)r;
    return (int32_t)(upper ? towupper_l(w, strings_locale)
                           : towlower_l(w, strings_locale));
}

static rg_bstatus strings_map_case(rg_bctx *ctx, const rg_value *const *args,
                                   const rg_value **out, bool upper)
{
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    const char *s = rg_string_bytes(args[0]);
    size_t len = rg_string_len(args[0]);
    rg_strbuf b;
    rg_strbuf_init(&b, rg_bctx_arena(ctx));
    for (size_t pos = 0; pos < len;)
        rg_strbuf_rune(&b, strings_case(rg_runes_decode(s, len, &pos),
                                        upper));
    return strings_ok(out, rg_string(b.arena, b.data, b.len));
}

static rg_bstatus strings_lower(rg_bctx *ctx, const rg_value *const *args,
                                size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return strings_map_case(ctx, args, out, false);
}

static rg_bstatus strings_upper(rg_bctx *ctx, const rg_value *const *args,
                                size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return strings_map_case(ctx, args, out, true);
}

/* Reverse s by code points into arena. */
static const char *strings_reversed(rg_arena *arena, const char *s,
                                    size_t len, size_t *out_len)
{
    size_t n;
    int32_t *runes = rg_runes_array(s, len, &n);
    rg_strbuf b;
    rg_strbuf_init(&b, arena);
    while (n > 0)
        rg_strbuf_rune(&b, runes[--n]);
    free(runes);
    *out_len = b.len;
    return b.data;
}

static rg_bstatus strings_reverse(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    size_t n;
    const char *r = strings_reversed(rg_bctx_arena(ctx), STR(args[0]), &n);
    return strings_ok(out, rg_string(rg_bctx_arena(ctx), r, n));
}

static rg_bstatus strings_count(rg_bctx *ctx, const rg_value *const *args,
                                size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(strings_two(ctx, args));
    size_t nlen = rg_string_len(args[1]);
    int64_t n = 0;
    if (nlen == 0) {
        n = (int64_t)rg_runes_count(STR(args[0])) + 1;
    } else {
        long at = 0;
        while ((at = strings_find(STR(args[0]), STR(args[1]),
                                  (size_t)at)) >= 0) {
            n++;
            at += (long)nlen;
        }
    }
    return strings_ok(out, rg_int(rg_bctx_arena(ctx), n));
}

/* The strings of a string, array or set operand, checked, as a list of
 * values (a lone string becomes a list of one). */
static rg_bstatus strings_list(rg_bctx *ctx, int operand, const rg_value *v,
                               rg_vlist *l)
{
    rg_vlist_init(l, rg_bctx_arena(ctx));
    if (rg_value_kind(v) == RG_STRING) {
        rg_vlist_push(l, v);
        return RG_BUILTIN_OK;
    }
    RG_ARGS_TRY(rg_args_one_of(ctx, operand, v, "string, set, array"));
    RG_ARGS_TRY(rg_args_strings(ctx, operand, v));
    for (size_t i = 0; i < rg_len(v); i++)
        rg_vlist_push(l, rg_args_elem_at(v, i));
    return RG_BUILTIN_OK;
}

/* True when a (len alen) starts with p, or ends with it when suffix. */
static bool strings_affix(const char *a, size_t alen, const char *p,
                          size_t plen, bool suffix)
{
    if (plen > alen)
        return false;
    return memcmp(suffix ? a + alen - plen : a, p, plen) == 0;
}

static rg_bstatus strings_any_match(rg_bctx *ctx,
                                    const rg_value *const *args,
                                    const rg_value **out, bool suffix)
{
    rg_vlist strs, affixes;
    RG_ARGS_TRY(strings_list(ctx, 1, args[0], &strs));
    RG_ARGS_TRY(strings_list(ctx, 2, args[1], &affixes));
    for (size_t i = 0; i < strs.len; i++)
        for (size_t j = 0; j < affixes.len; j++)
            if (strings_affix(STR(strs.items[i]), STR(affixes.items[j]),
                              suffix))
                return strings_ok(out, rg_bool(true));
    return strings_ok(out, rg_bool(false));
}

static rg_bstatus strings_any_prefix(rg_bctx *ctx,
                                     const rg_value *const *args,
                                     size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return strings_any_match(ctx, args, out, false);
}

static rg_bstatus strings_any_suffix(rg_bctx *ctx,
                                     const rg_value *const *args,
                                     size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return strings_any_match(ctx, args, out, true);
}

const rg_builtin_def rg_builtins_strings[] = {
    { "concat", 2, strings_concat, false, false },
    { "contains", 2, strings_contains, false, false },
    { "startswith", 2, strings_startswith, false, false },
    { "endswith", 2, strings_endswith, false, false },
    { "indexof", 2, strings_indexof, false, false },
    { "indexof_n", 2, strings_indexof_n, false, false },
    { "substring", 3, strings_substring, false, false },
    { "lower", 1, strings_lower, false, false },
    { "upper", 1, strings_upper, false, false },
    { "strings.reverse", 1, strings_reverse, false, false },
    { "strings.count", 2, strings_count, false, false },
    { "strings.any_prefix_match", 2, strings_any_prefix, false, false },
    { "strings.any_suffix_match", 2, strings_any_suffix, false, false },
    { NULL, 0, NULL, false, false }
};
