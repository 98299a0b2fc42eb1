/*
 * semver.is_valid and semver.compare on Semantic Versioning 2.0.0
 * strings: MAJOR.MINOR.PATCH with numeric parts free of leading zeros,
 * an optional -prerelease and +build part of dot-separated
 * [0-9A-Za-z-] identifiers.  Build metadata does not take part in the
 * order; numbers of any length compare by value.
 */
#include <ctype.h>
#include <string.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/format.h"

typedef struct semver {
    const char *core[3];        /* numeric parts, not NUL-terminated */
    size_t core_len[3];
    const char *pre;            /* prerelease without '-', or NULL */
    size_t pre_len;
} semver;

static bool semver_numeric(const char *s, size_t len)
{
    if (len == 0 || (len > 1 && s[0] == '0'))
        return false;
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* Dot-separated identifiers; numeric ones may not have leading zeros
 * when strict_numbers. */
static bool semver_idents(const char *s, size_t len, bool strict_numbers)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '.') {
            if (!isalnum((unsigned char)s[i]) && s[i] != '-')
                return false;
            continue;
        }
        size_t n = i - start;
        if (n == 0)
            return false;
        bool digits = strspn(s + start, "0123456789") >= n;
        if (strict_numbers && digits && !semver_numeric(s + start, n))
            return false;
        start = i + 1;
    }
    return true;
}

static bool semver_parse(const char *s, size_t len, semver *v)
{
    const char *plus = memchr(s, '+', len);
    size_t end = plus ? (size_t)(plus - s) : len;
    if (plus && !semver_idents(plus + 1, len - end - 1, false))
        return false;
    const char *dash = memchr(s, '-', end);
    size_t core_end = dash ? (size_t)(dash - s) : end;
    v->pre = dash ? dash + 1 : NULL;
    v->pre_len = dash ? end - core_end - 1 : 0;
    if (dash && !semver_idents(v->pre, v->pre_len, true))
        return false;
    size_t start = 0;
    for (int part = 0; part < 3; part++) {
        size_t i = start;
        while (i < core_end && s[i] != '.')
            i++;
        if ((part < 2) != (i < core_end) ||
            !semver_numeric(s + start, i - start))
            return false;
        v->core[part] = s + start;
        v->core_len[part] = i - start;
        start = i + 1;
    }
    return true;
}

/* Compare numeric strings without leading zeros by value. */
static int semver_cmp_num(const char *a, size_t an, const char *b,
                          size_t bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    int c = memcmp(a, b, an);
    return (c > 0) - (c < 0);
}

static int semver_cmp_ident(const char *a, size_t an, const char *b,
                            size_t bn)
{
    bool ad = strspn(a, "0123456789") >= an;
    bool bd = strspn(b, "0123456789") >= bn;
    if (ad && bd)
        return semver_cmp_num(a, an, b, bn);
    if (ad != bd)
        return ad ? -1 : 1;
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c != 0)
        return (c > 0) - (c < 0);
    if (an == bn)
        return 0;
    return an < bn ? -1 : 1;
}

/* Prerelease order: none ranks above any; identifiers left to right. */
static int semver_cmp_pre(const semver *a, const semver *b)
{
    if (a->pre && !b->pre)
        return -1;
    if (!a->pre)
        return b->pre ? 1 : 0;
    size_t i = 0, j = 0;
    while (i < a->pre_len && j < b->pre_len) {
        size_t ie = i, je = j;
        while (ie < a->pre_len && a->pre[ie] != '.')
            ie++;
        while (je < b->pre_len && b->pre[je] != '.')
            je++;
        int c = semver_cmp_ident(a->pre + i, ie - i, b->pre + j, je - j);
        if (c)
            return c;
        i = ie + 1;
        j = je + 1;
    }
    if (i < a->pre_len)
        return 1;
    return j < b->pre_len ? -1 : 0;
}

static int semver_compare(const semver *a, const semver *b)
{
    for (int k = 0; k < 3; k++) {
        int c = semver_cmp_num(a->core[k], a->core_len[k], b->core[k],
                               b->core_len[k]);
        if (c)
            return c;
    }
    return semver_cmp_pre(a, b);
}

static rg_bstatus semver_is_valid(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    semver v;
    *out = rg_bool(rg_value_kind(args[0]) == RG_STRING &&
                   semver_parse(rg_string_bytes(args[0]),
                                rg_string_len(args[0]), &v));
    return RG_BUILTIN_OK;
}

static rg_bstatus semver_operand(rg_bctx *ctx, int operand,
                                 const rg_value *s, semver *v)
{
    RG_ARGS_TRY(rg_args_kind(ctx, operand, s, RG_STRING));
    if (semver_parse(rg_string_bytes(s), rg_string_len(s), v))
        return RG_BUILTIN_OK;
    return rg_bctx_error(ctx, "eval_builtin_error",
                         "operand %d: string %s is not a valid SemVer",
                         operand, rg_format_text(rg_bctx_arena(ctx), s));
}

static rg_bstatus semver_compare_builtin(rg_bctx *ctx,
                                         const rg_value *const *args,
                                         size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    semver a, b;
    RG_ARGS_TRY(semver_operand(ctx, 1, args[0], &a));
    RG_ARGS_TRY(semver_operand(ctx, 2, args[1], &b));
    *out = rg_int(rg_bctx_arena(ctx), semver_compare(&a, &b));
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_semver[] = {
    { "semver.is_valid", 1, semver_is_valid, false, false },
    { "semver.compare", 2, semver_compare_builtin, false, false },
    { NULL, 0, NULL, false, false }
};
