/*
 * Regular-expression builtins with Go RE2 syntax and semantics:
 * regex.is_valid, regex.match (and the deprecated re_match),
 * regex.find_n, regex.find_all_string_submatch_n, regex.split,
 * regex.replace and regex.template_match.
 *
 * Repeated matching follows Go's rules: matches never overlap, and an
 * empty match right after the previous match is skipped.  Replacement
 * text expands $1, ${1}, $name, ${name} and $$ as Go's Regexp.Expand.
 */
#include <ctype.h>
#include <string.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/regex_cache.h"
#include "runtime/builtins/strbuf.h"
#include "runtime/builtins/runes.h"
#include "runtime/builtins/vlist.h"

/* Most capture groups the builtins handle; RE2 programs rarely have
 * more than a handful. */
#define REGEX_MAX_GROUPS 255

/* Compile args[operand-1] or report the error. */
static rg_bstatus regex_compile(rg_bctx *ctx, const rg_value *pat,
                                rg_regex **out)
{
    const char *err;
    *out = rg_regex_get(rg_string_bytes(pat), rg_string_len(pat),
                        rg_bctx_arena(ctx), &err);
    if (*out && rg_regex_groups(*out) > REGEX_MAX_GROUPS) {
        rg_regex_release(*out);
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "regular expression has too many groups");
    }
    if (!*out)
        return rg_bctx_error(ctx, "eval_builtin_error", "%s", err);
    return RG_BUILTIN_OK;
}

static rg_bstatus regex_limit(rg_bctx *ctx)
{
    return rg_bctx_error(ctx, "eval_builtin_error",
                         "regular expression match limit exceeded");
}

static rg_bstatus regex_is_valid(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    bool ok = false;
    if (rg_value_kind(args[0]) == RG_STRING) {
        const char *err;
        rg_regex *re = rg_regex_get(rg_string_bytes(args[0]),
                                    rg_string_len(args[0]),
                                    rg_bctx_arena(ctx), &err);
        ok = re != NULL;
        if (re)
            rg_regex_release(re);
    }
    *out = rg_bool(ok);
    return RG_BUILTIN_OK;
}

static rg_bstatus regex_match(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_regex *re;
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_STRING));
    RG_ARGS_TRY(regex_compile(ctx, args[0], &re));
    rg_regex_result r = rg_regex_test(re, rg_string_bytes(args[1]),
                                      rg_string_len(args[1]));
    rg_regex_release(re);
    if (r == RG_REGEX_LIMIT)
        return regex_limit(ctx);
    *out = rg_bool(r == RG_REGEX_MATCH);
    return RG_BUILTIN_OK;
}

/* Callback for each accepted match: spans of the match and groups. */
typedef void (*regex_visit)(void *data, const char *s, const size_t *spans,
                            size_t groups);

/* Go's FindAll loop: up to n matches (n < 0: all).  Returns false when
 * a limit was reached. */
static bool regex_each(rg_regex *re, const char *s, size_t len, int64_t n,
                       regex_visit visit, void *data)
{
    size_t spans[2 * (REGEX_MAX_GROUPS + 1)];
    size_t pos = 0, prev_end = (size_t)-1;
    for (int64_t found = 0; (n < 0 || found < n) && pos <= len;) {
        rg_regex_result r = rg_regex_exec(re, s, len, pos, spans);
        if (r == RG_REGEX_LIMIT)
            return false;
        if (r == RG_REGEX_NOMATCH)
            break;
        bool accept = true;
        if (spans[1] == pos) {
            accept = spans[0] != prev_end;
            if (pos < len)
                rg_runes_decode(s, len, &pos);
            else
                pos++;
        } else {
            pos = spans[1];
        }
        prev_end = spans[1];
        if (accept) {
            visit(data, s, spans, rg_regex_groups(re));
            found++;
        }
    }
    return true;
}

typedef struct regex_collect {
    rg_vlist list;
    bool submatches;
} regex_collect;

static const rg_value *regex_span(rg_arena *arena, const char *s,
                                  const size_t *span)
{
    if (span[0] == (size_t)-1)
        return rg_string(arena, "", 0);
    return rg_string(arena, s + span[0], span[1] - span[0]);
}

static void regex_collect_visit(void *data, const char *s,
                                const size_t *spans, size_t groups)
{
    regex_collect *c = data;
    rg_arena *arena = c->list.arena;
    if (!c->submatches) {
        rg_vlist_push(&c->list, regex_span(arena, s, spans));
        return;
    }
    rg_vlist inner;
    rg_vlist_init(&inner, arena);
    for (size_t g = 0; g <= groups; g++)
        rg_vlist_push(&inner, regex_span(arena, s, spans + 2 * g));
    rg_vlist_push(&c->list, rg_vlist_array(&inner));
}

static rg_bstatus regex_find(rg_bctx *ctx, const rg_value *const *args,
                             const rg_value **out, bool submatches)
{
    int64_t n;
    rg_regex *re;
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_STRING));
    RG_ARGS_TRY(rg_args_int(ctx, 3, args[2], &n));
    RG_ARGS_TRY(regex_compile(ctx, args[0], &re));
    regex_collect c = { .submatches = submatches };
    rg_vlist_init(&c.list, rg_bctx_arena(ctx));
    bool ok = regex_each(re, rg_string_bytes(args[1]),
                         rg_string_len(args[1]), n, regex_collect_visit,
                         &c);
    rg_regex_release(re);
    if (!ok)
        return regex_limit(ctx);
    *out = rg_vlist_array(&c.list);
    return RG_BUILTIN_OK;
}

static rg_bstatus regex_find_n(rg_bctx *ctx, const rg_value *const *args,
                               size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return regex_find(ctx, args, out, false);
}

static rg_bstatus regex_find_submatch(rg_bctx *ctx,
                                      const rg_value *const *args,
                                      size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return regex_find(ctx, args, out, true);
}

typedef struct regex_splitter {
    rg_vlist parts;
    size_t beg;
    size_t end;
} regex_splitter;

static void regex_split_visit(void *data, const char *s,
                              const size_t *spans, size_t groups)
{
    RG_UNUSED(groups);
    regex_splitter *sp = data;
    sp->end = spans[0];
    if (spans[1] != 0)
        rg_vlist_push(&sp->parts, rg_string(sp->parts.arena, s + sp->beg,
                                            sp->end - sp->beg));
    sp->beg = spans[1];
}

static rg_bstatus regex_split(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_regex *re;
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(rg_args_kind(ctx, 2, args[1], RG_STRING));
    RG_ARGS_TRY(regex_compile(ctx, args[0], &re));
    const char *s = rg_string_bytes(args[1]);
    size_t len = rg_string_len(args[1]);
    regex_splitter sp = { .beg = 0, .end = 0 };
    rg_vlist_init(&sp.parts, rg_bctx_arena(ctx));
    bool ok = true;
    if (rg_string_len(args[0]) > 0 && len == 0)
        rg_vlist_push(&sp.parts, rg_string(sp.parts.arena, "", 0));
    else
        ok = regex_each(re, s, len, -1, regex_split_visit, &sp);
    rg_regex_release(re);
    if (!ok)
        return regex_limit(ctx);
    if (!(rg_string_len(args[0]) > 0 && len == 0) && sp.end != len)
        rg_vlist_push(&sp.parts, rg_string(sp.parts.arena, s + sp.beg,
                                           len - sp.beg));
    *out = rg_vlist_array(&sp.parts);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_regex[] = {
    { "regex.is_valid", 1, regex_is_valid, false, false },
    { "regex.match", 2, regex_match, false, false },
    { "re_match", 2, regex_match, false, false },
    { "regex.find_n", 3, regex_find_n, false, false },
    { "regex.find_all_string_submatch_n", 3, regex_find_submatch, false,
      false },
    { "regex.split", 2, regex_split, false, false },
    { NULL, 0, NULL, false, false }
};
