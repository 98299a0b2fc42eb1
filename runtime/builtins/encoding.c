/*
 * Encoding builtins: base64.encode, base64.decode, base64.is_valid,
 * base64url.encode, base64url.encode_no_pad, base64url.decode,
 * hex.encode, hex.decode, urlquery.encode, urlquery.decode,
 * urlquery.encode_object and urlquery.decode_object, with the error
 * texts of Go's encoding/base64, encoding/hex and net/url.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/args.h"
#include "runtime/builtins/base64.h"
#include "runtime/builtins/format.h"
#include "runtime/builtins/vlist.h"

static rg_bstatus encoding_done(rg_bctx *ctx, const rg_strbuf *b,
                                const rg_value **out)
{
    *out = rg_string(rg_bctx_arena(ctx), b->data, b->len);
    return RG_BUILTIN_OK;
}

static rg_bstatus encoding_b64(rg_bctx *ctx, const rg_value *v,
                               rg_base64_alphabet alpha, bool pad,
                               const rg_value **out)
{
    RG_ARGS_TRY(rg_args_kind(ctx, 1, v, RG_STRING));
    rg_strbuf b;
    rg_strbuf_init(&b, rg_bctx_arena(ctx));
    rg_base64_encode(&b, rg_string_bytes(v), rg_string_len(v), alpha, pad);
    return encoding_done(ctx, &b, out);
}

static rg_bstatus encoding_b64_encode(rg_bctx *ctx,
                                      const rg_value *const *args,
                                      size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return encoding_b64(ctx, args[0], RG_BASE64_STD, true, out);
}

static rg_bstatus encoding_b64url_encode(rg_bctx *ctx,
                                         const rg_value *const *args,
                                         size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return encoding_b64(ctx, args[0], RG_BASE64_URL, true, out);
}

static rg_bstatus encoding_b64url_nopad(rg_bctx *ctx,
                                        const rg_value *const *args,
                                        size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return encoding_b64(ctx, args[0], RG_BASE64_URL, false, out);
}

static rg_bstatus encoding_b64_decode_text(rg_bctx *ctx, const char *s,
                                           size_t len,
                                           rg_base64_alphabet alpha,
                                           const rg_value **out)
{
    rg_strbuf b;
    rg_strbuf_init(&b, rg_bctx_arena(ctx));
    size_t bad;
    if (!rg_base64_decode(&b, s, len, alpha, true, &bad))
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "illegal base64 data at input byte %zu", bad);
    return encoding_done(ctx, &b, out);
}

static rg_bstatus encoding_b64_decode(rg_bctx *ctx,
                                      const rg_value *const *args,
                                      size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    return encoding_b64_decode_text(ctx, rg_string_bytes(args[0]),
                                    rg_string_len(args[0]), RG_BASE64_STD,
                                    out);
}

static rg_bstatus encoding_b64_is_valid(rg_bctx *ctx,
                                        const rg_value *const *args,
                                        size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    if (rg_value_kind(args[0]) != RG_STRING) {
        *out = rg_bool(false);
        return RG_BUILTIN_OK;
    }
    rg_strbuf b;
    rg_strbuf_init(&b, rg_bctx_arena(ctx));
    size_t bad;
    *out = rg_bool(rg_base64_decode(&b, rg_string_bytes(args[0]),
                                    rg_string_len(args[0]), RG_BASE64_STD,
                                    true, &bad));
    return RG_BUILTIN_OK;
}

/* base64url.decode adds missing padding first (RFC 7515 appendix C). */
static rg_bstatus encoding_b64url_decode(rg_bctx *ctx,
                                         const rg_value *const *args,
                                         size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    const char *s = rg_string_bytes(args[0]);
    size_t len = rg_string_len(args[0]);
    rg_strbuf t;
    rg_strbuf_init(&t, rg_bctx_arena(ctx));
    rg_strbuf_add(&t, s, len);
    if (len == 0 || s[len - 1] != '=') {
        if (len % 4 == 1)
            return rg_bctx_error(ctx, "eval_builtin_error",
                                 "illegal base64url string: %s", s);
        size_t missing = (4 - len % 4) % 4;
        rg_strbuf_pad(&t, '=', missing);
    }
    return encoding_b64_decode_text(ctx, t.data, t.len, RG_BASE64_URL, out);
}

static rg_bstatus encoding_hex_encode(rg_bctx *ctx,
                                      const rg_value *const *args,
                                      size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    rg_strbuf b;
    rg_strbuf_init(&b, rg_bctx_arena(ctx));
    const unsigned char *s = (const unsigned char *)rg_string_bytes(args[0]);
    for (size_t i = 0; i < rg_string_len(args[0]); i++)
        rg_strbuf_printf(&b, "%02x", s[i]);
    return encoding_done(ctx, &b, out);
}

static int encoding_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Go's hex.InvalidByteError text for byte c: the code point, then the
 * character itself when it is printable (Go's %#U). */
static rg_bstatus encoding_hex_bad(rg_bctx *ctx, unsigned char c)
{
    bool printable = (c >= 0x20 && c < 0x7F) || (c >= 0xA1 && c != 0xAD);
    if (!printable)
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "encoding/hex: invalid byte: U+%04X", c);
    rg_strbuf ch;
    rg_strbuf_init(&ch, rg_bctx_arena(ctx));
    rg_strbuf_rune(&ch, c);
    return rg_bctx_error(ctx, "eval_builtin_error",
                         "encoding/hex: invalid byte: U+%04X '%s'", c,
                         ch.data);
}

static rg_bstatus encoding_hex_decode(rg_bctx *ctx,
                                      const rg_value *const *args,
                                      size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    const char *s = rg_string_bytes(args[0]);
    size_t len = rg_string_len(args[0]);
    rg_strbuf b;
    rg_strbuf_init(&b, rg_bctx_arena(ctx));
    for (size_t i = 0; i + 1 < len; i += 2) {
        int hi = encoding_hex_digit(s[i]), lo = encoding_hex_digit(s[i + 1]);
        if (hi < 0)
            return encoding_hex_bad(ctx, (unsigned char)s[i]);
        if (lo < 0)
            return encoding_hex_bad(ctx, (unsigned char)s[i + 1]);
        rg_strbuf_addc(&b, (char)(hi * 16 + lo));
    }
    if (len % 2 == 1) {
        if (encoding_hex_digit(s[len - 1]) < 0)
            return encoding_hex_bad(ctx, (unsigned char)s[len - 1]);
        return rg_bctx_error(ctx, "eval_builtin_error",
                             "encoding/hex: odd length hex string");
    }
    return encoding_done(ctx, &b, out);
}

/* Go's url.QueryEscape. */
static void encoding_query_escape(rg_strbuf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
            c == '~')
            rg_strbuf_addc(b, (char)c);
        else if (c == ' ')
            rg_strbuf_addc(b, '+');
        else
            rg_strbuf_printf(b, "%%%02X", c);
    }
}

/* Go's url.QueryUnescape; on a bad escape returns false with the
 * message in *err (arena). */
static bool encoding_query_unescape(rg_strbuf *b, const char *s, size_t len,
                                    const char **err)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '+') {
            rg_strbuf_addc(b, ' ');
        } else if (s[i] != '%') {
            rg_strbuf_addc(b, s[i]);
        } else if (i + 2 < len && encoding_hex_digit(s[i + 1]) >= 0 &&
                   encoding_hex_digit(s[i + 2]) >= 0) {
            rg_strbuf_addc(b, (char)(encoding_hex_digit(s[i + 1]) * 16 +
                                     encoding_hex_digit(s[i + 2])));
            i += 2;
        } else {
            size_t n = len - i < 3 ? len - i : 3;
            rg_strbuf q;
            rg_strbuf_init(&q, b->arena);
            rg_format_quote(&q, s + i, n);
            *err = rg_arena_printf(b->arena, "invalid URL escape %s",
                                   q.data);
            return false;
        }
    }
    return true;
}

static rg_bstatus encoding_query_encode(rg_bctx *ctx,
                                        const rg_value *const *args,
                                        size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    rg_strbuf b;
    rg_strbuf_init(&b, rg_bctx_arena(ctx));
    encoding_query_escape(&b, rg_string_bytes(args[0]),
                          rg_string_len(args[0]));
    return encoding_done(ctx, &b, out);
}

static rg_bstatus encoding_query_decode(rg_bctx *ctx,
                                        const rg_value *const *args,
                                        size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    rg_strbuf b;
    rg_strbuf_init(&b, rg_bctx_arena(ctx));
    const char *err;
    if (!encoding_query_unescape(&b, rg_string_bytes(args[0]),
                                 rg_string_len(args[0]), &err))
        return rg_bctx_error(ctx, "eval_builtin_error", "%s", err);
    return encoding_done(ctx, &b, out);
}

static void encoding_query_pair(rg_strbuf *b, const rg_value *k,
                                const rg_value *v)
{
    if (b->len)
        rg_strbuf_addc(b, '&');
    encoding_query_escape(b, rg_string_bytes(k), rg_string_len(k));
    rg_strbuf_addc(b, '=');
    encoding_query_escape(b, rg_string_bytes(v), rg_string_len(v));
}

static rg_bstatus encoding_query_encode_object(rg_bctx *ctx,
                                               const rg_value *const *args,
                                               size_t nargs,
                                               const rg_value **out)
{
    RG_UNUSED(nargs);
    const rg_value *o = args[0];
    RG_ARGS_TRY(rg_args_kind(ctx, 1, o, RG_OBJECT));
    rg_strbuf b;
    rg_strbuf_init(&b, rg_bctx_arena(ctx));
    for (size_t i = 0; i < rg_len(o); i++) {
        const rg_value *k = rg_object_key_at(o, i);
        const rg_value *v = rg_object_value_at(o, i);
        bool ok = rg_value_kind(k) == RG_STRING;
        if (ok && rg_value_kind(v) == RG_STRING) {
            encoding_query_pair(&b, k, v);
            continue;
        }
        for (size_t j = 0; ok && j < rg_args_elem_count(v); j++)
            ok = rg_value_kind(rg_args_elem_at(v, j)) == RG_STRING;
        ok = ok && (rg_value_kind(v) == RG_ARRAY ||
                    rg_value_kind(v) == RG_SET);
        if (!ok)
            return rg_bctx_error(ctx, "eval_type_error",
                                 "operand 1 values must be string, "
                                 "array[string], or set[string]");
        for (size_t j = 0; j < rg_len(v); j++)
            encoding_query_pair(&b, k, rg_args_elem_at(v, j));
    }
    return encoding_done(ctx, &b, out);
}

/* Add value to the array stored under key in the object being built. */
static void encoding_query_add(rg_arena *arena, rg_builder *obj,
                               const rg_value *key, const rg_value *value)
{
    const rg_value *prev = rg_builder_get(obj, key);
    size_t n = prev ? rg_len(prev) : 0;
    const rg_value **items = rg_arena_alloc(arena, (n + 1) * sizeof *items);
    for (size_t i = 0; i < n; i++)
        items[i] = rg_array_at(prev, i);
    items[n] = value;
    rg_builder_set(obj, key, rg_array(arena, items, n + 1));
}

static rg_bstatus encoding_query_decode_object(rg_bctx *ctx,
                                               const rg_value *const *args,
                                               size_t nargs,
                                               const rg_value **out)
{
    RG_UNUSED(nargs);
    RG_ARGS_TRY(rg_args_kind(ctx, 1, args[0], RG_STRING));
    rg_arena *arena = rg_bctx_arena(ctx);
    const char *s = rg_string_bytes(args[0]);
    size_t len = rg_string_len(args[0]);
    rg_builder *obj = rg_object_builder(arena, 0);
    for (size_t start = 0; start < len;) {
        size_t end = start;
        while (end < len && s[end] != '&')
            end++;
        const char *semi = memchr(s + start, ';', end - start);
        if (semi)
            return rg_bctx_error(ctx, "eval_builtin_error",
                                 "invalid semicolon separator in query");
        if (end > start) {
            const char *eq = memchr(s + start, '=', end - start);
            size_t klen = eq ? (size_t)(eq - s) - start : end - start;
            rg_strbuf k, v;
            rg_strbuf_init(&k, arena);
            rg_strbuf_init(&v, arena);
            const char *err;
            if (!encoding_query_unescape(&k, s + start, klen, &err) ||
                (eq && !encoding_query_unescape(&v, eq + 1,
                                                end - start - klen - 1,
                                                &err)))
                return rg_bctx_error(ctx, "eval_builtin_error", "%s", err);
            encoding_query_add(arena, obj, rg_string(arena, k.data, k.len),
                               rg_string(arena, v.data, v.len));
        }
        start = end + 1;
    }
    *out = rg_builder_finish(obj);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_encoding[] = {
    { "base64.encode", 1, encoding_b64_encode, false, false },
    { "base64.decode", 1, encoding_b64_decode, false, false },
    { "base64.is_valid", 1, encoding_b64_is_valid, false, false },
    { "base64url.encode", 1, encoding_b64url_encode, false, false },
    { "base64url.encode_no_pad", 1, encoding_b64url_nopad, false, false },
    { "base64url.decode", 1, encoding_b64url_decode, false, false },
    { "hex.encode", 1, encoding_hex_encode, false, false },
    { "hex.decode", 1, encoding_hex_decode, false, false },
    { "urlquery.encode", 1, encoding_query_encode, false, false },
    { "urlquery.decode", 1, encoding_query_decode, false, false },
    { "urlquery.encode_object", 1, encoding_query_encode_object, false,
      false },
    { "urlquery.decode_object", 1, encoding_query_decode_object, false,
      false },
    { NULL, 0, NULL, false, false }
};
