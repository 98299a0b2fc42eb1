/*
 * The trim builtins: trim, trim_left, trim_right (a cutset of code
 * points), trim_prefix, trim_suffix (a whole string, once) and
 * trim_space (Unicode white space, as Go's unicode.IsSpace).
 */
#include <string.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/runes.h"

enum { TRIM_LEFT = 1, TRIM_RIGHT = 2, TRIM_BOTH = 3 };

/* True when code point r occurs in cutset. */
static bool trim_in_cutset(int32_t r, const char *cut, size_t cutlen)
{
    for (size_t pos = 0; pos < cutlen;)
        if (rg_runes_decode(cut, cutlen, &pos) == r)
            return true;
    return false;
}

/* Unicode white space as Go's unicode.IsSpace defines it. */
static bool trim_is_space(int32_t r)
{
    switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
        return true;
    default:
        return r >= 0x2000 && r <= 0x200A;
    }
}

/* Byte index where the code point ending at end starts. */
static size_t trim_prev(const char *s, size_t end)
{
    size_t start = end - 1;
    size_t limit = end >= 4 ? end - 4 : 0;
    while (start > limit && ((unsigned char)s[start] & 0xC0) == 0x80)
        start--;
    size_t pos = start;
    rg_runes_decode(s, end, &pos);
    return pos == end ? start : end - 1;
}

/* Narrow [*from, *to) of s while the edge code point passes keep_out:
 * cut (cutset bytes) or, when cut is NULL, white space. */
static void trim_range(const char *s, size_t *from, size_t *to, int sides,
                       const char *cut, size_t cutlen)
{
    while ((sides & TRIM_LEFT) && *from < *to) {
        size_t pos = *from;
        int32_t r = rg_runes_decode(s, *to, &pos);
        if (cut ? !trim_in_cutset(r, cut, cutlen) : !trim_is_space(r))
            break;
        *from = pos;
    }
    while ((sides & TRIM_RIGHT) && *to > *from) {
        size_t start = trim_prev(s, *to);
        size_t pos = start;
        int32_t r = rg_runes_decode(s, *to, &pos);
        if (cut ? !trim_in_cutset(r, cut, cutlen) : !trim_is_space(r))
            break;
        *to = start;
    }
}

static rg_bstatus trim_result(rg_bctx *ctx, const rg_value *s, size_t from,
                              size_t to, const rg_value **out)
{
    if (from == 0 && to == rg_string_len(s))
        *out = s;
    else
        *out = rg_string(rg_bctx_arena(ctx), rg_string_bytes(s) + from,
                         to - from);
    return RG_BUILTIN_OK;
}

static rg_bstatus trim_cutset(rg_bctx *ctx, const rg_value *const *args,
                              const rg_value **out, int sides)
{
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_STRING));
    size_t from = 0, to = rg_string_len(args[0]);
    trim_range(rg_string_bytes(args[0]), &from, &to, sides,
               rg_string_bytes(args[1]), rg_string_len(args[1]));
    return trim_result(ctx, args[0], from, to, out);
}

static rg_bstatus trim_both(rg_bctx *ctx, const rg_value *const *args,
                            size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return trim_cutset(ctx, args, out, TRIM_BOTH);
}

static rg_bstatus trim_left(rg_bctx *ctx, const rg_value *const *args,
                            size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return trim_cutset(ctx, args, out, TRIM_LEFT);
}

static rg_bstatus trim_right(rg_bctx *ctx, const rg_value *const *args,
                             size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return trim_cutset(ctx, args, out, TRIM_RIGHT);
}

static rg_bstatus trim_space(rg_bctx *ctx, const rg_value *const *args,
                             size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    size_t from = 0, to = rg_string_len(args[0]);
    trim_range(rg_string_bytes(args[0]), &from, &to, TRIM_BOTH, NULL, 0);
    return trim_result(ctx, args[0], from, to, out);
}

static rg_bstatus trim_affix(rg_bctx *ctx, const rg_value *const *args,
                             const rg_value **out, bool suffix)
{
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_STRING));
    const char *s = rg_string_bytes(args[0]), *p = rg_string_bytes(args[1]);
    size_t len = rg_string_len(args[0]), plen = rg_string_len(args[1]);
    if (plen > len)
        return trim_result(ctx, args[0], 0, len, out);
    if (suffix && memcmp(s + len - plen, p, plen) == 0)
        return trim_result(ctx, args[0], 0, len - plen, out);
    if (!suffix && memcmp(s, p, plen) == 0)
        return trim_result(ctx, args[0], plen, len, out);
    return trim_result(ctx, args[0], 0, len, out);
}

static rg_bstatus trim_prefix(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return trim_affix(ctx, args, out, false);
}

static rg_bstatus trim_suffix(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return trim_affix(ctx, args, out, true);
}

const rg_builtin_def rg_builtins_trim[] = {
    { "trim", 2, trim_both, false, false },
    { "trim_left", 2, trim_left, false, false },
    { "trim_right", 2, trim_right, false, false },
    { "trim_prefix", 2, trim_prefix, false, false },
    { "trim_suffix", 2, trim_suffix, false, false },
    { "trim_space", 1, trim_space, false, false },
    { NULL, 0, NULL, false, false }
};
