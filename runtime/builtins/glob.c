/*
 * glob.match and glob.quote_meta with gobwas/glob semantics, as OPA uses:
 *
 *   *        any run of characters other than the delimiters
 *   **       any run of characters, delimiters included
 *   ?        one character other than a delimiter
 *   [abc] [a-z] [!abc] [!a-z]   one character in (or not in) the class
 *   {a,b,c}  one of the alternatives, which may themselves be patterns
 *   \c       the character c literally
 *
 * Delimiters: null means none, an empty array means ".", otherwise the
 * single characters listed.  A pattern is translated to an anchored
 * regular expression and compiled through the shared regex cache, so
 * compiled globs are cached and bounded the same way.
 */
#include <string.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/regex_cache.h"
#include "runtime/builtins/runes.h"
#include "runtime/builtins/strbuf.h"

/* Most delimiters a call may list; more would be a misuse. */
#define GLOB_MAX_DELIMS 64

/* Most nested brace groups a pattern may open. */
#define GLOB_MAX_DEPTH 64

typedef struct glob_tr {
    const char *p;
    size_t len;
    size_t i;
    rg_strbuf *out;
    const int32_t *delims;
    size_t ndelims;
    int depth;
    const char *err;
} glob_tr;

static void glob_literal(rg_strbuf *out, int32_t r)
{
    if (r < 0x80 && strchr("\\.+*?()|[]{}^$", (int)r) && r != 0)
        rg_strbuf_addc(out, '\\');
    if (r == 0)
        rg_strbuf_adds(out, "\\x{0}");
    else
        rg_strbuf_rune(out, r);
}

/* "[^delims]" or, without delimiters, any character. */
static void glob_not_delim(glob_tr *t, const char *repeat)
{
    if (t->ndelims == 0) {
        rg_strbuf_printf(t->out, "(?s:.%s)", repeat);
        return;
    }
    rg_strbuf_adds(t->out, "[^");
    for (size_t k = 0; k < t->ndelims; k++)
        rg_strbuf_printf(t->out, "\\x{%x}", (unsigned)t->delims[k]);
    rg_strbuf_printf(t->out, "]%s", repeat);
}

static bool glob_class(glob_tr *t)
{
    t->i++;
    rg_strbuf_addc(t->out, '[');
    if (t->i < t->len && t->p[t->i] == '!') {
        rg_strbuf_addc(t->out, '^');
        t->i++;
    }
    size_t members = 0;
    while (t->i < t->len && t->p[t->i] != ']') {
        int32_t r = rg_runes_decode(t->p, t->len, &t->i);
        if (r == '-' && members > 0 && t->i < t->len && t->p[t->i] != ']') {
            rg_strbuf_addc(t->out, '-');
            continue;
        }
        rg_strbuf_printf(t->out, "\\x{%x}", (unsigned)r);
        members++;
    }
    if (t->i >= t->len || members == 0) {
        t->err = "unexpected end of character class";
        return false;
    }
    t->i++;
    rg_strbuf_addc(t->out, ']');
    return true;
}

static bool glob_sequence(glob_tr *t, bool in_braces);

static bool glob_braces(glob_tr *t)
{
    if (++t->depth > GLOB_MAX_DEPTH) {
        t->err = "pattern alternatives nest too deeply";
        return false;
    }
    t->i++;
    rg_strbuf_adds(t->out, "(?:");
    for (;;) {
        if (!glob_sequence(t, true))
            return false;
        if (t->i >= t->len) {
            t->err = "unexpected end of pattern alternatives";
            return false;
        }
        char c = t->p[t->i++];
        if (c == '}')
            break;
        rg_strbuf_addc(t->out, '|');
    }
    rg_strbuf_addc(t->out, ')');
    t->depth--;
    return true;
}

/* Translate until the end, or until ',' or '}' inside braces. */
static bool glob_sequence(glob_tr *t, bool in_braces)
{
    while (t->i < t->len) {
        char c = t->p[t->i];
        if (in_braces && (c == ',' || c == '}'))
            return true;
        if (c == '*') {
            bool super = t->i + 1 < t->len && t->p[t->i + 1] == '*';
            t->i += super ? 2 : 1;
            if (super)
                rg_strbuf_adds(t->out, "(?s:.*)");
            else
                glob_not_delim(t, "*");
        } else if (c == '?') {
            t->i++;
            glob_not_delim(t, "");
        } else if (c == '[') {
            if (!glob_class(t))
                return false;
        } else if (c == '{') {
            if (!glob_braces(t))
                return false;
        } else {
            if (c == '\\' && ++t->i >= t->len) {
                t->err = "unexpected end of pattern after escape";
                return false;
            }
            glob_literal(t->out, rg_runes_decode(t->p, t->len, &t->i));
        }
    }
    return true;
}

/* The delimiters operand: NULL-kind gives none, [] gives '.'. */
static rg_bstatus glob_delims(rg_bctx *ctx, const rg_value *v,
                              int32_t *delims, size_t *n)
{
    *n = 0;
    if (rg_value_kind(v) == RG_NULL)
        return RG_BUILTIN_OK;
    RG_ARGS_TRY(rg_args_one_of(ctx, 2, v, "array, null"));
    if (rg_len(v) == 0) {
        delims[(*n)++] = '.';
        return RG_BUILTIN_OK;
    }
    for (size_t i = 0; i < rg_len(v); i++) {
        const rg_value *e = rg_array_at(v, i);
        if (rg_value_kind(e) != RG_STRING)
            return rg_args_elem_error(ctx, 2, v, e, "string");
        const char *s = rg_string_bytes(e);
        size_t len = rg_string_len(e), pos = 0;
        int32_t r = len ? rg_runes_decode(s, len, &pos) : 0;
        if (len == 0 || pos != len)
            return rg_args_elem_error(ctx, 2, v, e, "rune");
        if (*n < GLOB_MAX_DELIMS)
            delims[(*n)++] = r;
    }
    return RG_BUILTIN_OK;
}

static rg_bstatus glob_match(rg_bctx *ctx, const rg_value *const *args,
                             size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    int32_t delims[GLOB_MAX_DELIMS];
    size_t nd;
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    RG_ARGS_TRY(glob_delims(ctx, args[1], delims, &nd));
    RG_ARGS_TRY(rg_args_kind(ctx, 3, args[2], RG_STRING));
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_strbuf re;
    rg_strbuf_init(&re, arena);
    rg_strbuf_addc(&re, '^');
    glob_tr t = { rg_string_bytes(args[0]), rg_string_len(args[0]), 0, &re,
                  delims, nd, 0, NULL };
    if (!glob_sequence(&t, false))
        return rg_bctx_error(ctx, "eval_builtin_error", "%s", t.err);
    rg_strbuf_adds(&re, "$");
    const char *err;
    rg_regex *prog = rg_regex_get(re.data, re.len, arena, &err);
    if (!prog)
        return rg_bctx_error(ctx, "eval_builtin_error", "%s", err);
    size_t spans[2 * 256];
    rg_regex_result r = rg_regex_groups(prog) >= 256
                            ? RG_REGEX_LIMIT
                            : rg_regex_exec(prog, rg_string_bytes(args[2]),
                                            rg_string_len(args[2]), 0,
                                            spans);
    rg_regex_release(prog);
    if (r == RG_REGEX_LIMIT)
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "glob match limit exceeded");
    *out = rg_bool(r == RG_REGEX_MATCH);
    return RG_BUILTIN_OK;
}

static rg_bstatus glob_quote_meta(rg_bctx *ctx, const rg_value *const *args,
                                  size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    rg_strbuf b;
    rg_strbuf_init(&b, rg_bctx_arena(ctx));
    const char *s = rg_string_bytes(args[0]);
    for (size_t i = 0; i < rg_string_len(args[0]); i++) {
        if (s[i] && strchr("*?\\[]{}", s[i]))
            rg_strbuf_addc(&b, '\\');
        rg_strbuf_addc(&b, s[i]);
    }
    *out = rg_string(b.arena, b.data, b.len);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_glob[] = {
    { "glob.match", 3, glob_match, false, false },
    { "glob.quote_meta", 1, glob_quote_meta, false, false },
    { NULL, 0, NULL, false, false }
};
