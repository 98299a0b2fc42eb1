/*
 * http.send through libcurl: methods, headers, JSON or raw bodies,
 * timeouts, redirects, TLS options, retries, raise_error and caching
 * (intra-query always, inter-query with "cache" or "force_cache").
 * Responses have OPA's shape: status, status_code, headers (lowercase
 * names to lists of values), raw_body and body (decoded JSON, or null).
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "runtime/buf.h"
#include "runtime/builtins/extargs.h"
#include "runtime/builtins/httpcache.h"
#include "runtime/builtins/httpreq.h"
#include "runtime/builtins/timelayout.h"
#include "runtime/json.h"
#include "runtime/yaml.h"

/* Timeout when the request gives none (OPA's default). */
#define HTTP_DEFAULT_TIMEOUT_MS 5000
/* Largest response body read; larger ones fail instead of exhausting
 * memory. */
#define HTTP_BODY_MAX (64u * 1024 * 1024)
/* Retry backoff: the first wait and the cap, in milliseconds. */
#define HTTP_BACKOFF_FIRST_MS 100
#define HTTP_BACKOFF_MAX_MS 1000

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_cleanup_at_exit(void)
{
    curl_global_cleanup();
}

static void curl_start(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    atexit(curl_cleanup_at_exit);
}

typedef struct http_opts {
    const char *method, *url;
    const rg_value *headers;
    const char *body;
    size_t body_len;
    bool has_body;
    long timeout_ms;
    bool redirect, insecure, raise_error, force_json, force_yaml, cache;
    bool force_cache;
    int64_t force_cache_secs, retries;
    const char *ca_pem, *ca_file, *cert_pem, *cert_file, *key_pem, *key_file;
} http_opts;

static int64_t wall_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- Options ----------------------------------------------------------- */

static rg_bstatus bool_opt(rg_bctx *ctx, const rg_value *req,
                           const char *key, bool *out)
{
    const rg_value *v = rg_object_get_str(req, key, strlen(key));
    if (!v)
        return RG_BUILTIN_OK;
    if (rg_value_kind(v) != RG_BOOLEAN)
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "invalid value for \"%s\" field: must be a "
                             "boolean", key);
    *out = rg_bool_get(v);
    return RG_BUILTIN_OK;
}

static rg_bstatus string_opt(rg_bctx *ctx, const rg_value *req,
                             const char *key, const char **out)
{
    const rg_value *v = rg_object_get_str(req, key, strlen(key));
    if (!v)
        return RG_BUILTIN_OK;
    if (rg_value_kind(v) != RG_STRING)
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "invalid value for \"%s\" field: must be a "
                             "string", key);
    *out = rg_string_bytes(v);
    return RG_BUILTIN_OK;
}

/* A string option, or the environment variable the *_env_variable
 * option names. */
static rg_bstatus pem_opt(rg_bctx *ctx, const rg_value *req, const char *key,
                          const char *env_key, const char **out)
{
    const char *env = NULL;
    if (string_opt(ctx, req, key, out) != RG_BUILTIN_OK ||
        string_opt(ctx, req, env_key, &env) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    if (!*out && env)
        *out = getenv(env);
    return RG_BUILTIN_OK;
}

static rg_bstatus timeout_opt(rg_bctx *ctx, const rg_value *req, long *ms)
{
    const rg_value *v = rg_object_get_str(req, "timeout", 7);
    *ms = HTTP_DEFAULT_TIMEOUT_MS;
    if (!v)
        return RG_BUILTIN_OK;
    int64_t ns;
    const char *err;
    if (rg_value_kind(v) == RG_NUMBER && rg_number_int64(v, &ns)) {
        *ms = (long)(ns / 1000000);
    } else if (rg_value_kind(v) == RG_STRING) {
        if (!rg_timelayout_duration(rg_bctx_arena(ctx), rg_string_bytes(v),
                                    &ns, &err))
            return rg_extargs_fail(ctx, err);
        *ms = (long)(ns / 1000000);
    } else {
        return rg_extargs_fail(ctx, "invalid timeout value");
    }
    return RG_BUILTIN_OK;
}

static rg_bstatus int_opt(rg_bctx *ctx, const rg_value *req, const char *key,
                          int64_t *out)
{
    const rg_value *v = rg_object_get_str(req, key, strlen(key));
    if (!v)
        return RG_BUILTIN_OK;
    if (rg_value_kind(v) != RG_NUMBER || !rg_number_int64(v, out))
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "invalid value for \"%s\" field: must be an "
                             "integer", key);
    return RG_BUILTIN_OK;
}

static void body_opt(rg_bctx *ctx, const rg_value *req, http_opts *o)
{
    const rg_value *raw = rg_object_get_str(req, "raw_body", 8);
    const rg_value *body = rg_object_get_str(req, "body", 4);
    if (raw && rg_value_kind(raw) == RG_STRING) {
        o->body = rg_string_bytes(raw);
        o->body_len = rg_string_len(raw);
        o->has_body = true;
    } else if (body) {
        char *json = rg_json_text(body, 0, RG_JSON_ESCAPE_HTML);
        o->body = rg_arena_strdup(rg_bctx_arena(ctx), json);
        o->body_len = strlen(json);
        o->has_body = true;
        free(json);
    }
}

/* NOTE: tls_server_name and tls_use_system_certs are accepted but not
 * applied: libcurl verifies against the URL's host and its default CA
 * bundle. */
static rg_bstatus tls_opts(rg_bctx *ctx, const rg_value *req, http_opts *o)
{
    if (bool_opt(ctx, req, "tls_insecure_skip_verify", &o->insecure) ||
        pem_opt(ctx, req, "tls_ca_cert", "tls_ca_cert_env_variable",
                &o->ca_pem) ||
        string_opt(ctx, req, "tls_ca_cert_file", &o->ca_file) ||
        pem_opt(ctx, req, "tls_client_cert", "tls_client_cert_env_variable",
                &o->cert_pem) ||
        string_opt(ctx, req, "tls_client_cert_file", &o->cert_file) ||
        pem_opt(ctx, req, "tls_client_key", "tls_client_key_env_variable",
                &o->key_pem) ||
        string_opt(ctx, req, "tls_client_key_file", &o->key_file))
        return RG_BUILTIN_ERROR;
    return RG_BUILTIN_OK;
}

/* The method in upper case, as OPA sends it ("get" goes as GET). */
static const char *upper_method(rg_arena *arena, const char *method)
{
    char *up = rg_arena_strdup(arena, method);
    for (char *p = up; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    return up;
}

static rg_bstatus parse_opts(rg_bctx *ctx, const rg_value *req, http_opts *o)
{
    memset(o, 0, sizeof *o);
    o->raise_error = true;
    if (rg_httpreq_validate(ctx, req, 1) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    o->method = rg_httpreq_string(req, "method");
    o->url = rg_httpreq_string(req, "url");
    if (!o->method || !o->url)
        return rg_extargs_fail(ctx, "method and url must be strings");
    o->method = upper_method(rg_bctx_arena(ctx), o->method);
    o->headers = rg_object_get_str(req, "headers", 7);
    if (o->headers && rg_value_kind(o->headers) != RG_OBJECT)
        return rg_extargs_fail(ctx, "invalid type for headers key");
    body_opt(ctx, req, o);
    if (timeout_opt(ctx, req, &o->timeout_ms) ||
        bool_opt(ctx, req, "enable_redirect", &o->redirect) ||
        bool_opt(ctx, req, "raise_error", &o->raise_error) ||
        bool_opt(ctx, req, "force_json_decode", &o->force_json) ||
        bool_opt(ctx, req, "force_yaml_decode", &o->force_yaml) ||
        bool_opt(ctx, req, "cache", &o->cache) ||
        bool_opt(ctx, req, "force_cache", &o->force_cache) ||
        int_opt(ctx, req, "force_cache_duration_seconds",
                &o->force_cache_secs) ||
        int_opt(ctx, req, "max_retry_attempts", &o->retries) ||
        tls_opts(ctx, req, o))
        return RG_BUILTIN_ERROR;
    if (o->force_cache &&
        !rg_object_get_str(req, "force_cache_duration_seconds", 28))
        return rg_extargs_fail(ctx, "'force_cache' set but "
                                    "'force_cache_duration_seconds' "
                                    "parameter is missing");
    return RG_BUILTIN_OK;
}

/* ---- Transfer ---------------------------------------------------------- */

typedef struct transfer {
    rg_buf body;
    rg_buf headers;     /* raw header lines */
    bool too_big;
    char *redirect;     /* owned: a redirect target refused, or NULL */
} transfer;

static size_t on_body(char *p, size_t size, size_t n, void *user)
{
    transfer *t = user;
    if (t->body.len + size * n > HTTP_BODY_MAX) {
        t->too_big = true;
        return 0;
    }
    rg_buf_append(&t->body, p, size * n);
    return size * n;
}

static size_t on_header(char *p, size_t size, size_t n, void *user)
{
    transfer *t = user;
    /* A new status line (after a redirect or 100 Continue) restarts the
     * header list. */
    if (size * n >= 5 && strncmp(p, "HTTP/", 5) == 0)
        rg_buf_clear(&t->headers);
    rg_buf_append(&t->headers, p, size * n);
    return size * n;
}

static struct curl_slist *header_list(const rg_value *headers)
{
    struct curl_slist *l = NULL;
    for (size_t i = 0; headers && i < rg_len(headers); i++) {
        const rg_value *k = rg_object_key_at(headers, i);
        const rg_value *v = rg_object_value_at(headers, i);
        if (rg_value_kind(k) != RG_STRING || rg_value_kind(v) != RG_STRING)
            continue;
        char *line = rg_xmalloc(rg_string_len(k) + rg_string_len(v) + 3);
        sprintf(line, "%s: %s", rg_string_bytes(k), rg_string_bytes(v));
        l = curl_slist_append(l, line);
        free(line);
    }
    return l;
}

static void set_blob(CURL *c, CURLoption opt, const char *pem)
{
    struct curl_blob blob = { (void *)pem, strlen(pem), CURL_BLOB_COPY };
    curl_easy_setopt(c, opt, &blob);
}

static void set_tls(CURL *c, const http_opts *o)
{
    if (o->insecure) {
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (o->ca_pem)
        set_blob(c, CURLOPT_CAINFO_BLOB, o->ca_pem);
    if (o->ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_file);
    if (o->cert_pem)
        set_blob(c, CURLOPT_SSLCERT_BLOB, o->cert_pem);
    if (o->cert_file)
        curl_easy_setopt(c, CURLOPT_SSLCERT, o->cert_file);
    if (o->key_pem)
        set_blob(c, CURLOPT_SSLKEY_BLOB, o->key_pem);
    if (o->key_file)
        curl_easy_setopt(c, CURLOPT_SSLKEY, o->key_file);
}

/* The Location header among raw header lines, owned, or NULL.  libcurl
 * stops before a redirect to a refused scheme without reporting the
 * target, so the error message takes it from here. */
static char *location(rg_buf *headers)
{
    const char *h = rg_buf_cstr(headers);
    for (const char *line = h; line && *line;) {
        const char *end = strchr(line, '\n');
        if (strncasecmp(line, "location:", 9) == 0) {
            const char *v = line + 9;
            while (*v == ' ' || *v == '\t')
                v++;
            size_t n = end ? (size_t)(end - v) : strlen(v);
            while (n > 0 && (v[n - 1] == '\r' || v[n - 1] == ' '))
                n--;
            char *out = rg_xmalloc(n + 1);
            memcpy(out, v, n);
            out[n] = '\0';
            return out;
        }
        line = end ? end + 1 : NULL;
    }
    return NULL;
}

static CURLcode perform(const http_opts *o, transfer *t, long *status)
{
    CURL *c = curl_easy_init();
    struct curl_slist *hdrs = header_list(o->headers);
    curl_easy_setopt(c, CURLOPT_URL, o->url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, o->method);
    if (strcasecmp(o->method, "HEAD") == 0)
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    if (o->has_body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, o->body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                         (curl_off_t)o->body_len);
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, o->method);
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, o->timeout_ms);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, o->redirect ? 1L : 0L);
    /* Go's client, which OPA uses, speaks only HTTP and HTTPS, also
     * when following redirects. */
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, t);
    set_tls(c, o);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    if (rc == CURLE_UNSUPPORTED_PROTOCOL)
        t->redirect = location(&t->headers);
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(c);
    return rc;
}

/* ---- Response ---------------------------------------------------------- */

/* "200 OK" from the status line "HTTP/1.1 200 OK". */
static const char *status_text(rg_arena *arena, const char *headers,
                               long code)
{
    const char *sp = headers ? strchr(headers, ' ') : NULL;
    if (!sp)
        return rg_arena_printf(arena, "%ld", code);
    size_t n = strcspn(sp + 1, "\r\n");
    return rg_arena_strndup(arena, sp + 1, n);
}

/* Most response header lines kept; later ones are dropped. */
#define HTTP_HEADER_LINES_MAX 256

typedef struct header_line {
    const rg_value *name, *value;
} header_line;

static size_t split_headers(rg_arena *arena, const char *raw,
                            header_line *out)
{
    size_t count = 0;
    const char *line = raw ? strchr(raw, '\n') : NULL;
    while (line && *++line && count < HTTP_HEADER_LINES_MAX) {
        size_t n = strcspn(line, "\r\n");
        const char *colon = memchr(line, ':', n);
        if (colon) {
            char *name = rg_arena_strndup(arena, line, (size_t)(colon - line));
            for (char *p = name; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
            const char *v = colon + 1;
            while (*v == ' ' || *v == '\t')
                v++;
            size_t vn = (size_t)(line + n - v);
            while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
                vn--;
            out[count].name = rg_cstring(arena, name);
            out[count++].value = rg_string(arena, v, vn);
        }
        line = strchr(line, '\n');
    }
    return count;
}

/* Lowercase header names to the list of their values, in order. */
static const rg_value *headers_value(rg_arena *arena, const char *raw)
{
    header_line *lines = rg_arena_alloc(arena, HTTP_HEADER_LINES_MAX *
                                               sizeof *lines);
    size_t n = split_headers(arena, raw, lines);
    const rg_value **values = rg_arena_alloc(arena, (n + 1) *
                                                    sizeof *values);
    rg_builder *b = rg_object_builder(arena, n);
    for (size_t i = 0; i < n; i++) {
        if (rg_builder_get(b, lines[i].name))
            continue;
        size_t k = 0;
        for (size_t j = i; j < n; j++)
            if (rg_value_equal(lines[j].name, lines[i].name))
                values[k++] = lines[j].value;
        rg_builder_put(b, lines[i].name, rg_array(arena, values, k));
    }
    return rg_builder_finish(b);
}

static bool has_type(const rg_value *headers, const char *type)
{
    const rg_value *ct = rg_object_get_str(headers, "content-type", 12);
    if (!ct || rg_len(ct) == 0)
        return false;
    const char *s = rg_string_bytes(rg_array_at(ct, 0));
    return strncasecmp(s, type, strlen(type)) == 0;
}

/* The decoded body, or null when it is not JSON or YAML, or does not
 * parse (OPA returns null then, without an error). */
static const rg_value *decode_body(rg_arena *arena, const http_opts *o,
                                   const rg_value *headers, const char *body,
                                   size_t len)
{
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *v = NULL;
    if (o->force_json || has_type(headers, "application/json"))
        v = rg_json_parse(arena, body, len, NULL, NULL, &errs);
    else if (o->force_yaml || has_type(headers, "application/yaml") ||
             has_type(headers, "application/x-yaml"))
        v = rg_yaml_unmarshal(arena, body, len, &errs);
    rg_errors_free(&errs);
    return v ? v : rg_null();
}

static const rg_value *response_value(rg_arena *arena, const http_opts *o,
                                      transfer *t, long code)
{
    const char *raw_headers = rg_buf_cstr(&t->headers);
    const rg_value *headers = headers_value(arena, raw_headers);
    const char *body = t->body.len ? t->body.data : "";
    const rg_value *decoded = decode_body(arena, o, headers, body,
                                          t->body.len);
    rg_builder *b = rg_object_builder(arena, 5);
    rg_builder_put(b, rg_cstring(arena, "status"),
                   rg_cstring(arena, status_text(arena, raw_headers, code)));
    rg_builder_put(b, rg_cstring(arena, "status_code"), rg_int(arena, code));
    rg_builder_put(b, rg_cstring(arena, "headers"), headers);
    rg_builder_put(b, rg_cstring(arena, "raw_body"),
                   rg_string(arena, body, t->body.len));
    rg_builder_put(b, rg_cstring(arena, "body"), decoded);
    return rg_builder_finish(b);
}

static bool scheme_char(char c, size_t i)
{
    bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (i == 0)
        return letter;
    return letter || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
           c == '.';
}

/* The scheme of url in lower case as Go's url.Parse reads it: letters,
 * digits, "+", "-" and "." before the first ":", starting with a
 * letter; "" when url has none. */
static const char *url_scheme(rg_arena *arena, const char *url)
{
    size_t n = 0;
    while (url[n] && scheme_char(url[n], n))
        n++;
    if (n == 0 || url[n] != ':')
        return "";
    char *s = rg_arena_strndup(arena, url, n);
    for (char *p = s; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return s;
}

static bool scheme_supported(const char *scheme)
{
    return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0;
}

/* Go's url.Error text: the method with only its first letter upper
 * case, the quoted URL, then the cause. */
static const char *url_error(rg_arena *arena, const http_opts *o,
                             const char *url, const char *why)
{
    char *op = rg_arena_strdup(arena, o->method);
    for (char *p = op + 1; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return rg_arena_printf(arena, "%s \"%s\": %s", op, url, why);
}

/* Go's error for a URL of another scheme than http or https. */
static const char *scheme_error(rg_arena *arena, const http_opts *o,
                                const char *url)
{
    const char *why = rg_arena_printf(arena, "unsupported protocol scheme "
                                      "\"%s\"", url_scheme(arena, url));
    return url_error(arena, o, url, why);
}

static const char *network_error(rg_arena *arena, const http_opts *o,
                                 const transfer *t, CURLcode rc)
{
    if (t->redirect)
        return scheme_error(arena, o, t->redirect);
    const char *why = rc == CURLE_OPERATION_TIMEDOUT
        ? "context deadline exceeded (Client.Timeout exceeded while "
          "awaiting headers)"
        : curl_easy_strerror(rc);
    return url_error(arena, o, o->url, why);
}

static const rg_value *error_value(rg_arena *arena, const char *message)
{
    rg_builder *e = rg_object_builder(arena, 2);
    rg_builder_put(e, rg_cstring(arena, "code"),
                   rg_cstring(arena, "eval_http_send_network_error"));
    rg_builder_put(e, rg_cstring(arena, "message"),
                   rg_cstring(arena, message));
    rg_builder *b = rg_object_builder(arena, 2);
    rg_builder_put(b, rg_cstring(arena, "status_code"), rg_int(arena, 0));
    rg_builder_put(b, rg_cstring(arena, "error"), rg_builder_finish(e));
    return rg_builder_finish(b);
}

/* Send with retries; returns the response or NULL with *err set. */
static const rg_value *send_request(rg_arena *arena, const http_opts *o,
                                    const char **err)
{
    if (!scheme_supported(url_scheme(arena, o->url))) {
        *err = scheme_error(arena, o, o->url);
        return NULL;
    }
    pthread_once(&curl_once, curl_start);
    long wait_ms = HTTP_BACKOFF_FIRST_MS;
    for (int64_t attempt = 0;; attempt++) {
        transfer t = { { NULL, 0, 0 }, { NULL, 0, 0 }, false, NULL };
        long code = 0;
        CURLcode rc = perform(o, &t, &code);
        const rg_value *resp = NULL;
        if (rc == CURLE_OK)
            resp = response_value(arena, o, &t, code);
        else if (t.too_big)
            *err = "response body too large";
        else
            *err = network_error(arena, o, &t, rc);
        free(t.redirect);
        rg_buf_free(&t.body);
        rg_buf_free(&t.headers);
        if (resp || attempt >= o->retries)
            return resp;
        struct timespec ts = { wait_ms / 1000, (wait_ms % 1000) * 1000000 };
        nanosleep(&ts, NULL);
        wait_ms = wait_ms * 2 > HTTP_BACKOFF_MAX_MS ? HTTP_BACKOFF_MAX_MS
                                                    : wait_ms * 2;
    }
}

/* ---- Caching ----------------------------------------------------------- */

/* Seconds of the response's "Cache-Control: max-age=N", or -1 when it
 * has none or forbids storing. */
static int64_t max_age(const rg_value *resp)
{
    const rg_value *h = rg_object_get_str(resp, "headers", 7);
    const rg_value *cc = h ? rg_object_get_str(h, "cache-control", 13) : NULL;
    if (!cc || rg_len(cc) == 0)
        return -1;
    const char *s = rg_string_bytes(rg_array_at(cc, 0));
    if (strstr(s, "no-store") || strstr(s, "no-cache"))
        return -1;
    const char *m = strstr(s, "max-age=");
    return m ? strtoll(m + 8, NULL, 10) : -1;
}

static void remember(const http_opts *o, const char *key,
                     const rg_value *resp)
{
    int64_t secs = -1;
    if (o->force_cache)
        secs = o->force_cache_secs;
    else if (o->cache)
        secs = max_age(resp);
    if (secs > 0)
        rg_httpcache_put(key, resp, wall_ns() + secs * 1000000000);
}

static rg_bstatus bi_send(rg_bctx *ctx, const rg_value *const *args,
                          size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_arena *arena = rg_bctx_arena(ctx);
    const rg_value *memo_items[2] = { rg_cstring(arena, "http.send"),
                                      args[0] };
    const rg_value *memo_key = rg_array(arena, memo_items, 2);
    if ((*out = rg_bctx_memo_get(ctx, memo_key)))
        return RG_BUILTIN_OK;
    http_opts o;
    if (parse_opts(ctx, args[0], &o) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    char *json_key = rg_json_text(args[0], 0, 0);
    char *key = rg_arena_strdup(arena, json_key);
    free(json_key);
    const rg_value *resp = (o.cache || o.force_cache)
                               ? rg_httpcache_get(arena, key, wall_ns())
                               : NULL;
    const char *err = NULL;
    if (!resp && (resp = send_request(arena, &o, &err)))
        remember(&o, key, resp);
    if (!resp && o.raise_error)
        return rg_extargs_fail(ctx, err);
    if (!resp)
        resp = error_value(arena, err);
    rg_bctx_memo_put(ctx, memo_key, resp);
    *out = resp;
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_http[] = {
    { "http.send", 1, bi_send, false, true },
    { NULL, 0, NULL, false, false },
};
