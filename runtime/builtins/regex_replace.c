/*
 * regex.replace and regex.template_match.
 *
 * regex.replace replaces every match as Go's Regexp.ReplaceAllString:
 * the search always advances at least one code point, and an empty
 * match right after the previous match is not replaced.
 *
 * regex.template_match takes a template whose parts between the
 * delimiters are regular expressions and whose other parts are literal
 * text, and matches the whole value against it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/format.h"
#include "runtime/builtins/regex_cache.h"
#include "runtime/builtins/strbuf.h"
#include "runtime/builtins/runes.h"

/* Capture groups handled; as in regex.c. */
#define REPLACE_MAX_GROUPS 255

static bool replace_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Append group g of the match (nothing when it did not take part). */
static void replace_group(rg_strbuf *b, const char *s, const size_t *spans,
                          size_t groups, long g)
{
    if (g < 0 || (size_t)g > groups || spans[2 * g] == (size_t)-1)
        return;
    rg_strbuf_add(b, s + spans[2 * g], spans[2 * g + 1] - spans[2 * g]);
}

/* The group a $name or ${name} refers to, -1 when none. */
static long replace_ref(const rg_regex *re, const char *name, size_t len)
{
    bool digits = true;
    for (size_t i = 0; i < len; i++)
        digits = digits && isdigit((unsigned char)name[i]);
    if (digits)
        return len > 9 ? -1 : strtol(name, NULL, 10);
    return rg_regex_group_named(re, name, len);
}

/* Go's Regexp.Expand of tpl for one match. */
static void replace_expand(rg_strbuf *b, const rg_regex *re,
                           const char *tpl, size_t tlen, const char *s,
                           const size_t *spans)
{
    size_t groups = rg_regex_groups(re);
    for (size_t i = 0; i < tlen;) {
        if (tpl[i] != '$' || i + 1 >= tlen) {
            rg_strbuf_addc(b, tpl[i++]);
            continue;
        }
        if (tpl[i + 1] == '$') {
            rg_strbuf_addc(b, '$');
            i += 2;
            continue;
        }
        bool brace = tpl[i + 1] == '{';
        size_t j = i + 1 + brace, start = j;
        while (j < tlen && replace_name_char(tpl[j]))
            j++;
        if (j == start || (brace && (j >= tlen || tpl[j] != '}'))) {
            rg_strbuf_addc(b, tpl[i++]);
            continue;
        }
        replace_group(b, s, spans, groups,
                      replace_ref(re, tpl + start, j - start));
        i = j + brace;
    }
}

static rg_bstatus replace_all(rg_bctx *ctx, rg_regex *re, const char *s,
                              size_t len, const rg_value *tpl,
                              const rg_value **out)
{
    size_t spans[2 * (REPLACE_MAX_GROUPS + 1)];
    rg_strbuf b;
    rg_strbuf_init(&b, rg_bctx_arena(ctx));
    size_t last = 0, pos = 0;
    while (pos <= len) {
        rg_regex_result r = rg_regex_exec(re, s, len, pos, spans);
        if (r == RG_REGEX_LIMIT)
            return rg_bctx_error(ctx, "eval_builtin_error",
                                 "regular expression match limit "
                                 "exceeded");
        if (r == RG_REGEX_NOMATCH)
            break;
        rg_strbuf_add(&b, s + last, spans[0] - last);
        if (spans[1] > last || spans[0] == 0)
            replace_expand(&b, re, rg_string_bytes(tpl),
                           rg_string_len(tpl), s, spans);
        last = spans[1];
        size_t next = pos;
        if (pos < len)
            rg_runes_decode(s, len, &next);
        else
            next = pos + 1;
        pos = next > spans[1] ? next : spans[1];
    }
    if (last < len)
        rg_strbuf_add(&b, s + last, len - last);
    *out = rg_string(b.arena, b.data, b.len);
    return RG_BUILTIN_OK;
}

static rg_bstatus replace_builtin(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    for (int i = 0; i < 3; i++)
        RG_ARGS_TRY(rg_args_kind(ctx, i + 1, args[i], RG_STRING));
    const char *err;
    rg_regex *re = rg_regex_get(rg_string_bytes(args[1]),
                                rg_string_len(args[1]), rg_bctx_arena(ctx),
                                &err);
    if (!re)
        return rg_bctx_error(ctx, "eval_builtin_error", "%s", err);
    if (rg_regex_groups(re) > REPLACE_MAX_GROUPS) {
        rg_regex_release(re);
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "regular expression has too many groups");
    }
    rg_bstatus st = replace_all(ctx, re, rg_string_bytes(args[0]),
                                rg_string_len(args[0]), args[2], out);
    rg_regex_release(re);
    return st;
}

/* Append s quoted so every regex metacharacter is literal. */
static void template_quote(rg_strbuf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (strchr("\\.+*?()|[]{}^$", s[i]) && s[i] != '\0')
            rg_strbuf_addc(b, '\\');
        rg_strbuf_addc(b, s[i]);
    }
}

/* Build ^literal(re)literal...$ from the template; false with *err set
 * when the delimiters do not balance. */
static bool template_pattern(rg_strbuf *b, const char *t, size_t len,
                             char open, char close)
{
    int level = 0;
    size_t lit = 0, inner = 0;
    rg_strbuf_addc(b, '^');
    for (size_t i = 0; i < len; i++) {
        if (t[i] == open && ++level == 1) {
            template_quote(b, t + lit, i - lit);
            inner = i + 1;
        } else if (t[i] == close) {
            if (--level < 0)
                return false;
            if (level == 0) {
                rg_strbuf_addc(b, '(');
                rg_strbuf_add(b, t + inner, i - inner);
                rg_strbuf_addc(b, ')');
                lit = i + 1;
            }
        }
    }
    if (level != 0)
        return false;
    template_quote(b, t + lit, len - lit);
    rg_strbuf_addc(b, '$');
    return true;
}

static rg_bstatus template_match(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    for (int i = 0; i < 4; i++)
        RG_ARGS_TRY(rg_args_kind(ctx, i + 1, args[i], RG_STRING));
    if (rg_string_len(args[2]) != 1 || rg_string_len(args[3]) != 1)
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "%s delimiter has to be exactly one character"
                             " long but is %zu long",
                             rg_string_len(args[2]) != 1 ? "start" : "end",
                             rg_string_len(args[2]));
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_strbuf pat;
    rg_strbuf_init(&pat, arena);
    if (!template_pattern(&pat, rg_string_bytes(args[0]),
                          rg_string_len(args[0]), rg_string_bytes(args[2])[0],
                          rg_string_bytes(args[3])[0])) {
        rg_strbuf q;
        rg_strbuf_init(&q, arena);
        rg_format_quote(&q, rg_string_bytes(args[0]),
                        rg_string_len(args[0]));
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "unbalanced braces in %s", q.data);
    }
    const char *err;
    rg_regex *re = rg_regex_get(pat.data, pat.len, arena, &err);
    if (!re)
        return rg_bctx_error(ctx, "eval_builtin_error", "%s", err);
    rg_regex_result r = rg_regex_test(re, rg_string_bytes(args[1]),
                                      rg_string_len(args[1]));
    rg_regex_release(re);
    if (r == RG_REGEX_LIMIT)
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "regular expression match limit exceeded");
    *out = rg_bool(r == RG_REGEX_MATCH);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_regex_replace[] = {
    { "regex.replace", 3, replace_builtin, false, false },
    { "regex.template_match", 4, template_match, false, false },
    { NULL, 0, NULL, false, false }
};
