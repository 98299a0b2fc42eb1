/*
 * providers.aws.sign_req: AWS Signature Version 4 for an http.send
 * request object.  The canonical request, string to sign and signing key
 * follow AWS's SigV4 description; HMAC-SHA256 and SHA-256 come from
 * OpenSSL.  The signing time is the third operand, so results are
 * deterministic.
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/civil.h"
#include "runtime/builtins/extargs.h"
#include "runtime/builtins/format.h"
#include "runtime/builtins/httpreq.h"
#include "runtime/builtins/strbuf.h"
#include "runtime/json.h"

/* Most headers signed; a request with more is rejected. */
#define AWS_HEADERS_MAX 128

static const char *const required_config[] = {
    "aws_access_key", "aws_region", "aws_secret_access_key", "aws_service",
};

static rg_bstatus check_config(rg_bctx *ctx, const rg_value *cfg)
{
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_builder *missing = rg_set_builder(arena, 4);
    rg_builder *invalid = rg_set_builder(arena, 4);
    for (size_t i = 0; i < RG_ARRAY_LEN(required_config); i++) {
        const char *k = required_config[i];
        const rg_value *v = rg_object_get_str(cfg, k, strlen(k));
        if (!v)
            rg_builder_add(missing, rg_cstring(arena, k));
        else if (rg_value_kind(v) != RG_STRING)
            rg_builder_add(invalid, rg_cstring(arena, k));
    }
    const rg_value *m = rg_builder_finish(missing);
    if (rg_len(m))
        return rg_extargs_operand_error(ctx, 2, "missing required AWS config "
                                        "parameters(s): %s",
                                        rg_format_text(arena, m));
    const rg_value *bad = rg_builder_finish(invalid);
    if (rg_len(bad))
        return rg_extargs_operand_error(ctx, 2, "invalid values for required "
                                        "AWS config parameters(s): %s",
                                        rg_format_text(arena, bad));
    return RG_BUILTIN_OK;
}

/* The timestamp operand must be written as an integer, as OPA converts
 * it with json.Number's Int64. */
static rg_bstatus timestamp_of(rg_bctx *ctx, const rg_value *v, int64_t *ns)
{
    if (rg_value_kind(v) != RG_NUMBER)
        return rg_bctx_type_error(ctx, 1, "number", v);
    const char *text = rg_number_text(rg_bctx_arena(ctx), v);
    if (strpbrk(text, ".eE") || !rg_number_int64(v, ns))
        return rg_extargs_operand_error(ctx, 3, "could not convert time_ns "
                                        "value into a unix timestamp");
    return RG_BUILTIN_OK;
}

static void sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char d[32];
    unsigned n = 0;
    EVP_Digest(data, len, d, &n, EVP_sha256(), NULL);
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void hmac256(const unsigned char *key, size_t key_len,
                    const char *msg, unsigned char out[32])
{
    unsigned n = 32;
    HMAC(EVP_sha256(), key, (int)key_len, (const unsigned char *)msg,
         strlen(msg), out, &n);
}

/* A URL's host (with port), escaped path and raw query. */
typedef struct url_parts {
    const char *host, *path, *query;
} url_parts;

static url_parts split_url(rg_arena *arena, const char *url)
{
    url_parts u = { "", "", "" };
    const char *rest = url;
    const char *scheme_end = strstr(url, "://");
    if (scheme_end) {
        const char *h = scheme_end + 3;
        size_t n = strcspn(h, "/?#");
        const char *at = memchr(h, '@', n);
        const char *host = at ? at + 1 : h;
        u.host = rg_arena_strndup(arena, host, n - (size_t)(host - h));
        rest = h + n;
    }
    size_t plen = strcspn(rest, "?#");
    u.path = rg_arena_strndup(arena, rest, plen);
    if (rest[plen] == '?')
        u.query = rg_arena_strndup(arena, rest + plen + 1,
                                   strcspn(rest + plen + 1, "#"));
    return u;
}

typedef struct header {
    const char *name, *value;
} header;

static int header_order(const void *a, const void *b)
{
    return strcmp(((const header *)a)->name, ((const header *)b)->name);
}

static bool ignored_header(const char *lower)
{
    return strcmp(lower, "authorization") == 0 ||
           strcmp(lower, "user-agent") == 0 ||
           strcmp(lower, "x-amzn-trace-id") == 0;
}

static void add_header(header *h, size_t *n, const char *name,
                       const char *value)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(h[i].name, name) == 0) {
            h[i].value = value;
            return;
        }
    if (*n < AWS_HEADERS_MAX) {
        h[*n].name = name;
        h[(*n)++].value = value;
    }
}

typedef struct sign_input {
    const char *method, *service, *region, *access_key, *secret_key;
    const char *token;
    const char *payload_hash;
    url_parts url;
    const rg_value *headers;
    int64_t time_ns;
} sign_input;

typedef struct signed_out {
    header aws[4];
    size_t aws_count;
    const char *authorization;
} signed_out;

static void aws_headers(rg_arena *arena, const sign_input *in,
                        const char *stamp, signed_out *out)
{
    out->aws_count = 0;
    out->aws[out->aws_count++] = (header){ "host", in->url.host };
    out->aws[out->aws_count++] = (header){ "x-amz-date", stamp };
    if (strcmp(in->service, "s3") == 0 || strcmp(in->service, "glacier") == 0)
        out->aws[out->aws_count++] =
            (header){ "x-amz-content-sha256", in->payload_hash };
    if (in->token && in->token[0])
        out->aws[out->aws_count++] =
            (header){ "x-amz-security-token", in->token };
    (void)arena;
}

static const char *lower_copy(rg_arena *arena, const char *s)
{
    char *l = rg_arena_strdup(arena, s);
    for (char *p = l; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return l;
}

static char *canonical_request(rg_arena *arena, const sign_input *in,
                               const signed_out *out, char **signed_list)
{
    header h[AWS_HEADERS_MAX];
    size_t n = 0;
    for (size_t i = 0; i < out->aws_count; i++)
        add_header(h, &n, out->aws[i].name, out->aws[i].value);
    for (size_t i = 0; i < rg_len(in->headers); i++) {
        const rg_value *k = rg_object_key_at(in->headers, i);
        const rg_value *v = rg_object_value_at(in->headers, i);
        const char *name = lower_copy(arena, rg_value_kind(k) == RG_STRING
                                                 ? rg_string_bytes(k) : "");
        if (!ignored_header(name))
            add_header(h, &n, name, rg_value_kind(v) == RG_STRING
                                        ? rg_string_bytes(v) : "");
    }
    qsort(h, n, sizeof *h, header_order);
    rg_strbuf b, list;
    rg_strbuf_init(&b, arena);
    rg_strbuf_init(&list, arena);
    rg_strbuf_printf(&b, "%s\n%s\n%s\n", in->method, in->url.path,
                     in->url.query);
    for (size_t i = 0; i < n; i++) {
        rg_strbuf_printf(&b, "%s:%s\n", h[i].name, h[i].value);
        rg_strbuf_printf(&list, "%s%s", i ? ";" : "", h[i].name);
    }
    rg_strbuf_printf(&b, "\n%s\n%s", list.len ? list.data : "",
                     in->payload_hash);
    *signed_list = list.len ? list.data : rg_arena_strdup(arena, "");
    return b.data;
}

static void sign(rg_arena *arena, const sign_input *in, signed_out *out)
{
    rg_civil c;
    rg_civil_from_seconds(rg_civil_floordiv(in->time_ns, 1000000000), &c);
    char *date = rg_arena_printf(arena, "%04lld%02d%02d", (long long)c.year,
                                 c.month, c.day);
    char *stamp = rg_arena_printf(arena, "%sT%02d%02d%02dZ", date, c.hour,
                                  c.minute, c.second);
    aws_headers(arena, in, stamp, out);
    char *signed_list;
    char *creq = canonical_request(arena, in, out, &signed_list);
    char creq_hash[65];
    sha256_hex(creq, strlen(creq), creq_hash);
    char *scope = rg_arena_printf(arena, "%s/%s/%s/aws4_request", date,
                                  in->region, in->service);
    char *to_sign = rg_arena_printf(arena, "AWS4-HMAC-SHA256\n%s\n%s\n%s",
                                    stamp, scope, creq_hash);
    unsigned char key[32];
    char *k0 = rg_arena_printf(arena, "AWS4%s", in->secret_key);
    hmac256((const unsigned char *)k0, strlen(k0), date, key);
    hmac256(key, 32, in->region, key);
    hmac256(key, 32, in->service, key);
    hmac256(key, 32, "aws4_request", key);
    unsigned char sig[32];
    hmac256(key, 32, to_sign, sig);
    char sig_hex[65];
    for (int i = 0; i < 32; i++)
        snprintf(sig_hex + 2 * i, 3, "%02x", sig[i]);
    out->authorization = rg_arena_printf(
        arena, "AWS4-HMAC-SHA256 Credential=%s/%s,SignedHeaders=%s,"
        "Signature=%s", in->access_key, scope, signed_list, sig_hex);
}

static const char *body_bytes(rg_arena *arena, const rg_value *req,
                              size_t *len)
{
    const rg_value *raw = rg_object_get_str(req, "raw_body", 8);
    const rg_value *body = rg_object_get_str(req, "body", 4);
    if (raw) {
        const char *s = rg_value_kind(raw) == RG_STRING ? rg_string_bytes(raw)
                                                        : "";
        *len = rg_value_kind(raw) == RG_STRING ? rg_string_len(raw) : 0;
        return s;
    }
    if (!body) {
        *len = 0;
        return "";
    }
    char *json = rg_json_text(body, 0, RG_JSON_ESCAPE_HTML);
    char *copy = rg_arena_strdup(arena, json);
    free(json);
    *len = strlen(copy);
    return copy;
}

static rg_bstatus request_fields(rg_bctx *ctx, const rg_value *req,
                                 sign_input *in)
{
    rg_arena *arena = rg_bctx_arena(ctx);
    const rg_value *headers = rg_object_get_str(req, "headers", 7);
    if (headers && rg_value_kind(headers) != RG_OBJECT)
        return rg_bctx_type_error(ctx, 0, "object", headers);
    in->headers = headers ? headers
                          : rg_builder_finish(rg_object_builder(arena, 0));
    const char *url = rg_httpreq_string(req, "url");
    in->method = rg_httpreq_string(req, "method");
    rg_builder *bad = rg_set_builder(arena, 2);
    if (!url)
        rg_builder_add(bad, rg_cstring(arena, "url"));
    if (!in->method)
        rg_builder_add(bad, rg_cstring(arena, "method"));
    const rg_value *b = rg_builder_finish(bad);
    if (rg_len(b))
        return rg_extargs_operand_error(ctx, 1, "invalid values for required "
                                        "request parameters(s): %s",
                                        rg_format_text(arena, b));
    in->url = split_url(arena, url);
    return RG_BUILTIN_OK;
}

static rg_bstatus payload_hash(rg_bctx *ctx, const rg_value *req,
                               const rg_value *cfg, sign_input *in)
{
    const rg_value *flag = rg_object_get_str(cfg, "disable_payload_signing",
                                             23);
    if (flag && rg_value_kind(flag) != RG_BOOLEAN)
        return rg_extargs_operand_error(ctx, 2, "invalid value for "
                                        "'disable_payload_signing' in AWS "
                                        "config");
    if (flag && rg_bool_get(flag)) {
        in->payload_hash = "UNSIGNED-PAYLOAD";
        return RG_BUILTIN_OK;
    }
    size_t len;
    const char *body = body_bytes(rg_bctx_arena(ctx), req, &len);
    char *hex = rg_arena_alloc(rg_bctx_arena(ctx), 65);
    sha256_hex(body, len, hex);
    in->payload_hash = hex;
    return RG_BUILTIN_OK;
}

static const rg_value *signed_request(rg_arena *arena, const rg_value *req,
                                      const sign_input *in,
                                      const signed_out *out)
{
    /* The signer's headers replace request headers of the same name in
     * the output, though the signature covers the request's values. */
    rg_builder *h = rg_object_builder(arena, rg_len(in->headers) + 5);
    rg_builder_put(h, rg_cstring(arena, "Authorization"),
                   rg_cstring(arena, out->authorization));
    for (size_t i = 0; i < out->aws_count; i++)
        rg_builder_put(h, rg_cstring(arena, out->aws[i].name),
                       rg_cstring(arena, out->aws[i].value));
    for (size_t i = 0; i < rg_len(in->headers); i++) {
        const rg_value *k = rg_object_key_at(in->headers, i);
        const rg_value *v = rg_object_value_at(in->headers, i);
        if (rg_builder_get(h, k))
            continue;
        rg_builder_put(h, k, rg_value_kind(v) == RG_STRING
                                 ? v : rg_cstring(arena, ""));
    }
    const rg_value *key = rg_cstring(arena, "headers");
    rg_builder *final = rg_object_builder(arena, rg_len(req) + 1);
    for (size_t i = 0; i < rg_len(req); i++)
        if (!rg_value_equal(rg_object_key_at(req, i), key))
            rg_builder_put(final, rg_object_key_at(req, i),
                           rg_object_value_at(req, i));
    rg_builder_put(final, key, rg_builder_finish(h));
    return rg_builder_finish(final);
}

static rg_bstatus bi_sign_req(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    sign_input in;
    memset(&in, 0, sizeof in);
    const rg_value *req = args[0], *cfg = args[1];
    if (rg_extargs_kind(ctx, req, 1, RG_OBJECT) != RG_BUILTIN_OK ||
        rg_extargs_kind(ctx, cfg, 1, RG_OBJECT) != RG_BUILTIN_OK ||
        check_config(ctx, cfg) != RG_BUILTIN_OK ||
        timestamp_of(ctx, args[2], &in.time_ns) != RG_BUILTIN_OK ||
        rg_httpreq_validate(ctx, req, 1) != RG_BUILTIN_OK ||
        request_fields(ctx, req, &in) != RG_BUILTIN_OK ||
        payload_hash(ctx, req, cfg, &in) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    in.service = rg_httpreq_string(cfg, "aws_service");
    in.region = rg_httpreq_string(cfg, "aws_region");
    in.access_key = rg_httpreq_string(cfg, "aws_access_key");
    in.secret_key = rg_httpreq_string(cfg, "aws_secret_access_key");
    in.token = rg_httpreq_string(cfg, "aws_session_token");
    signed_out so;
    rg_arena *arena = rg_bctx_arena(ctx);
    sign(arena, &in, &so);
    *out = signed_request(arena, req, &in, &so);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_aws[] = {
    { "providers.aws.sign_req", 3, bi_sign_req, false, false },
    { NULL, 0, NULL, false, false },
};
