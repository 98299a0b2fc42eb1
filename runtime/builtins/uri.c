/*
 * uri.parse and uri.is_valid with the rules of Go's net/url.Parse: the
 * scheme, an authority after "//" (userinfo, host, port), the path
 * percent-decoded, the raw query and the decoded fragment.
 *
 * uri.parse returns an object with the non-empty members of scheme,
 * hostname, port, path, raw_path, raw_query and fragment.  raw_path is
 * the path as written when decoding and re-encoding it would change it,
 * otherwise the decoded path.  Errors read as Go's:
 * parse "URL": invalid URL escape "%6d".
 */
#include <ctype.h>
#include <string.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/format.h"
#include "runtime/builtins/strbuf.h"

typedef enum uri_mode { URI_PATH, URI_HOST, URI_FRAGMENT, URI_USER } uri_mode;

typedef struct uri_parts {
    const char *scheme, *hostname, *port, *path, *raw_path, *raw_query,
        *fragment;
} uri_parts;

typedef struct uri_ctx {
    rg_arena *arena;
    const char *err;    /* Go's inner message once something failed */
} uri_ctx;

static bool uri_fail(uri_ctx *u, const char *msg)
{
    u->err = msg;
    return false;
}

static int uri_hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Go's shouldEscape for the modes used here. */
static bool uri_should_escape(unsigned char c, uri_mode mode)
{
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
        return false;
    if (mode == URI_HOST)
        return !strchr("!$&'()*+,;=:[]<>\"", c) || c == 0;
    if (strchr("$&+,/:;=@", c) && c != 0)
        return false;
    if (mode == URI_FRAGMENT && strchr("?!()*", c) && c != 0)
        return false;
    return true;
}

static bool uri_bad_escape(uri_ctx *u, const char *s, size_t i, size_t len)
{
    size_t n = len - i < 3 ? len - i : 3;
    rg_strbuf q;
    rg_strbuf_init(&q, u->arena);
    rg_format_quote(&q, s + i, n);
    return uri_fail(u, rg_arena_printf(u->arena, "invalid URL escape %s",
                                       q.data));
}

/* Percent-decode s[0..len) for mode into a new string, or fail. */
static const char *uri_unescape(uri_ctx *u, const char *s, size_t len,
                                uri_mode mode)
{
    rg_strbuf b;
    rg_strbuf_init(&b, u->arena);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= len || uri_hex(s[i + 1]) < 0 ||
                uri_hex(s[i + 2]) < 0)
                return uri_bad_escape(u, s, i, len), NULL;
            if (mode == URI_HOST && uri_hex(s[i + 1]) < 8 &&
                strncmp(s + i, "%25", 3) != 0)
                return uri_bad_escape(u, s, i, len), NULL;
            rg_strbuf_addc(&b, (char)(uri_hex(s[i + 1]) * 16 +
                                      uri_hex(s[i + 2])));
            i += 2;
            continue;
        }
        if (mode == URI_HOST && c < 0x80 && uri_should_escape(c, mode)) {
            rg_strbuf q;
            rg_strbuf_init(&q, u->arena);
            rg_format_quote(&q, s + i, 1);
            uri_fail(u, rg_arena_printf(u->arena, "invalid character %s in"
                                        " host name", q.data));
            return NULL;
        }
        rg_strbuf_addc(&b, (char)c);
    }
    return b.data;
}

/* Go's escape(s, encodePath). */
static const char *uri_escape_path(rg_arena *arena, const char *s)
{
    rg_strbuf b;
    rg_strbuf_init(&b, arena);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (uri_should_escape(c, URI_PATH) || c == '?')
            rg_strbuf_printf(&b, "%%%02X", c);
        else
            rg_strbuf_addc(&b, (char)c);
    }
    return b.data;
}

static bool uri_port_ok(const char *p)
{
    if (!*p)
        return true;
    if (*p != ':')
        return false;
    for (p++; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

static bool uri_bad_port(uri_ctx *u, const char *port)
{
    rg_strbuf q;
    rg_strbuf_init(&q, u->arena);
    rg_format_quote(&q, port, strlen(port));
    return uri_fail(u, rg_arena_printf(u->arena, "invalid port %s after "
                                       "host", q.data));
}

/* Host and port of an authority's host part. */
static bool uri_host(uri_ctx *u, const char *host, uri_parts *p)
{
    const char *port = "";
    size_t name_len = strlen(host);
    const char *name = host;
    if (host[0] == '[') {
        const char *close = strrchr(host, ']');
        if (!close)
            return uri_fail(u, "missing ']' in host");
        port = close + 1;
        if (!uri_port_ok(port))
            return uri_bad_port(u, port);
        name = host + 1;
        name_len = (size_t)(close - host) - 1;
    } else {
        const char *colon = strrchr(host, ':');
        if (colon) {
            port = colon;
            if (!uri_port_ok(port))
                return uri_bad_port(u, port);
            name_len = (size_t)(colon - host);
        }
    }
    p->hostname = uri_unescape(u, name, name_len, URI_HOST);
    p->port = *port ? port + 1 : "";
    return p->hostname != NULL;
}

static bool uri_userinfo_ok(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)s[i]) &&
            !strchr("-._:~!$&'()*+,;=%@", s[i]))
            return false;
    return true;
}

static bool uri_authority(uri_ctx *u, const char *a, size_t len,
                          uri_parts *p)
{
    const char *at = NULL;
    for (size_t i = 0; i < len; i++)
        if (a[i] == '@')
            at = a + i;
    const char *host = at ? at + 1 : a;
    char *h = rg_arena_strndup(u->arena, host, len - (size_t)(host - a));
    if (!uri_host(u, h, p))
        return false;
    if (at && !uri_userinfo_ok(a, (size_t)(at - a)))
        return uri_fail(u, "net/url: invalid userinfo");
    return !at || uri_unescape(u, a, (size_t)(at - a), URI_USER) != NULL;
}

/* The scheme length, 0 when there is none; fails on a leading ':'. */
static bool uri_scheme(uri_ctx *u, const char *s, size_t *n)
{
    *n = 0;
    for (size_t i = 0; s[i]; i++) {
        char c = s[i];
        if (isalpha((unsigned char)c))
            continue;
        if (isdigit((unsigned char)c) || c == '+' || c == '-' || c == '.') {
            if (i == 0)
                return true;
            continue;
        }
        if (c == ':') {
            if (i == 0)
                return uri_fail(u, "missing protocol scheme");
            *n = i;
        }
        return true;
    }
    return true;
}

static bool uri_path(uri_ctx *u, const char *rest, uri_parts *p)
{
    p->path = uri_unescape(u, rest, strlen(rest), URI_PATH);
    if (!p->path)
        return false;
    const char *again = uri_escape_path(u->arena, p->path);
    p->raw_path = strcmp(again, rest) == 0 ? p->path : rest;
    return true;
}

/* Everything after the scheme and before the fragment. */
static bool uri_rest(uri_ctx *u, char *rest, bool has_scheme, uri_parts *p)
{
    char *q = strchr(rest, '?');
    if (q) {
        *q = '\0';
        p->raw_query = q + 1;
    }
    if (rest[0] != '/') {
        if (has_scheme)
            return true;
        const char *slash = strchr(rest, '/');
        const char *colon = strchr(rest, ':');
        if (colon && (!slash || colon < slash))
            return uri_fail(u, "first path segment in URL cannot contain "
                               "colon");
    }
    if (strncmp(rest, "//", 2) == 0 &&
        (has_scheme || strncmp(rest, "///", 3) != 0)) {
        char *auth = rest + 2;
        char *slash = strchr(auth, '/');
        size_t alen = slash ? (size_t)(slash - auth) : strlen(auth);
        if (!uri_authority(u, auth, alen, p))
            return false;
        rest = auth + alen;
    }
    return uri_path(u, rest, p);
}

static bool uri_parse_text(uri_ctx *u, const char *text, uri_parts *p)
{
    memset(p, 0, sizeof *p);
    for (const char *c = text; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7F)
            return uri_fail(u, "net/url: invalid control character in "
                               "URL");
    char *s = rg_arena_strdup(u->arena, text);
    char *hash = strchr(s, '#');
    if (hash) {
        *hash = '\0';
        p->fragment = uri_unescape(u, hash + 1, strlen(hash + 1),
                                   URI_FRAGMENT);
        if (!p->fragment)
            return false;
    }
    if (!*s)
        return true;
    size_t n;
    if (!uri_scheme(u, s, &n))
        return false;
    if (n) {
        s[n] = '\0';
        for (char *c = s; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        p->scheme = s;
        s += n + 1;
    }
    return uri_rest(u, s, n > 0, p);
}

static void uri_put(rg_arena *arena, rg_builder *b, const char *key,
                    const char *value)
{
    if (value && *value)
        rg_builder_put(b, rg_cstring(arena, key), rg_cstring(arena, value));
}

static rg_bstatus uri_parse(rg_bctx *ctx, const rg_value *const *args,
                            size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    rg_arena *arena = rg_bctx_arena(ctx);
    uri_ctx u = { arena, NULL };
    uri_parts p;
    if (!uri_parse_text(&u, rg_string_bytes(args[0]), &p))
        return rg_bctx_error(ctx, "eval_builtin_error", "parse %s: %s",
                             rg_format_text(arena, args[0]), u.err);
    rg_builder *b = rg_object_builder(arena, 7);
    uri_put(arena, b, "scheme", p.scheme);
    uri_put(arena, b, "hostname", p.hostname);
    uri_put(arena, b, "port", p.port);
    uri_put(arena, b, "path", p.path);
    uri_put(arena, b, "raw_path", p.raw_path);
    uri_put(arena, b, "raw_query", p.raw_query);
    uri_put(arena, b, "fragment", p.fragment);
    *out = rg_builder_finish(b);
    return RG_BUILTIN_OK;
}

static rg_bstatus uri_is_valid(rg_bctx *ctx, const rg_value *const *args,
                               size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    uri_ctx u = { rg_bctx_arena(ctx), NULL };
    uri_parts p;
    *out = rg_bool(uri_parse_text(&u, rg_string_bytes(args[0]), &p));
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_uri[] = {
    { "uri.parse", 1, uri_parse, false, false },
    { "uri.is_valid", 1, uri_is_valid, false, false },
    { NULL, 0, NULL, false, false }
};
