/*
 * Unit tests for http.send against a small HTTP server that the test
 * runs on 127.0.0.1 in a thread: JSON and text responses, headers,
 * bodies, redirects, timeouts, raise_error, retries and caching.  No
 * other host is contacted.
 */
#include <check.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "runtime/builtins/httpcache.h"
#include "tests/unit/bctx_double.h"
#include "tests/unit/bvalues.h"

static rg_bctx ctx;
static int server_fd = -1;
static int server_port;
static pthread_t server_thread;
static int cache_hits;      /* requests the server saw on /cache */

static void reply(int fd, const char *status, const char *headers,
                  const char *body)
{
    char buf[4096];
    int n = snprintf(buf, sizeof buf,
                     "HTTP/1.1 %s\r\nContent-Length: %zu\r\n%s"
                     "Connection: close\r\n\r\n%s",
                     status, strlen(body), headers, body);
    ssize_t w = write(fd, buf, (size_t)n);
    (void)w;
}

static void handle(int fd)
{
    char req[8192];
    ssize_t n = read(fd, req, sizeof req - 1);
    if (n <= 0)
        return;
    req[n] = '\0';
    char method[16], path[256];
    if (sscanf(req, "%15s %255s", method, path) != 2)
        return;
    const char *body = strstr(req, "\r\n\r\n");
    body = body ? body + 4 : "";
    char echo[1024];
    if (strcmp(path, "/json") == 0) {
        reply(fd, "200 OK", "Content-Type: application/json\r\n",
              "{\"a\": [1, 2]}");
    } else if (strcmp(path, "/yaml") == 0) {
        reply(fd, "200 OK", "Content-Type: application/yaml\r\n",
              "a: [1, yes]\n");
    } else if (strcmp(path, "/text") == 0) {
        reply(fd, "201 Created", "X-Multi: one\r\nX-Multi: two\r\n",
              "hello");
    } else if (strcmp(path, "/echo") == 0) {
        snprintf(echo, sizeof echo, "{\"method\": \"%s\", \"body\": %s}",
                 method, body[0] ? body : "null");
        reply(fd, "200 OK", "Content-Type: application/json\r\n", echo);
    } else if (strcmp(path, "/slow") == 0) {
        sleep(1);
        reply(fd, "200 OK", "", "late");
    } else if (strcmp(path, "/to-file") == 0) {
        reply(fd, "302 Found", "Location: file:///etc/hostname\r\n", "");
    } else if (strcmp(path, "/redirect") == 0) {
        reply(fd, "302 Found", "Location: /json\r\n", "");
    } else if (strcmp(path, "/cache") == 0) {
        cache_hits++;
        snprintf(echo, sizeof echo, "%d", cache_hits);
        reply(fd, "200 OK", "Cache-Control: max-age=60\r\n", echo);
    } else {
        reply(fd, "404 Not Found", "", "no");
    }
}

static void *serve(void *arg)
{
    (void)arg;
    for (;;) {
        int fd = accept(server_fd, NULL, NULL);
        if (fd < 0)
            return NULL;
        handle(fd);
        close(fd);
    }
}

static void start_server(void)
{
    server_fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(bind(server_fd, (struct sockaddr *)&a, sizeof a), 0);
    socklen_t len = sizeof a;
    getsockname(server_fd, (struct sockaddr *)&a, &len);
    server_port = ntohs(a.sin_port);
    listen(server_fd, 16);
    pthread_create(&server_thread, NULL, serve, NULL);
}

static void stop_server(void)
{
    shutdown(server_fd, SHUT_RDWR);
    close(server_fd);
    pthread_join(server_thread, NULL);
}

static void setup(void)
{
    bctx_double_init(&ctx);
    bv_use(ctx.arena);
    start_server();
}

static void teardown(void)
{
    stop_server();
    bctx_double_free(&ctx);
    rg_httpcache_clear();
}

static const rg_value *url(const char *path)
{
    return S(rg_arena_printf(ctx.arena, "http://127.0.0.1:%d%s", server_port,
                             path));
}

static const rg_value *send_req(const rg_value *req)
{
    const rg_value *out;
    const rg_value *args[1] = { req };
    ctx.memo_count = 0;
    rg_bstatus st = bctx_double_call(&ctx, "http.send", args, 1, &out);
    return st == RG_BUILTIN_OK ? out : NULL;
}

static const char *field(const rg_value *resp, const char *key)
{
    ck_assert_msg(resp != NULL, "request failed: %s", ctx.error);
    const rg_value *v = rg_object_get_str(resp, key, strlen(key));
    return v ? TEXT(v) : "<missing>";
}

START_TEST(send_should_decode_json_and_headers)
{
    const rg_value *r = send_req(OBJ(2, S("method"), S("get"),
                                     S("url"), url("/json")));
    ck_assert_str_eq(field(r, "status_code"), "200");
    ck_assert_str_eq(field(r, "status"), "\"200 OK\"");
    ck_assert_str_eq(field(r, "body"), "{\"a\": [1, 2]}");
    ck_assert_str_eq(field(r, "raw_body"), "\"{\\\"a\\\": [1, 2]}\"");
    r = send_req(OBJ(2, S("method"), S("get"), S("url"), url("/yaml")));
    ck_assert_str_eq(field(r, "body"), "{\"a\": [1, true]}");
    r = send_req(OBJ(2, S("method"), S("GET"), S("url"), url("/text")));
    ck_assert_str_eq(field(r, "status"), "\"201 Created\"");
    ck_assert_str_eq(field(r, "body"), "null");
    ck_assert_ptr_nonnull(strstr(field(r, "headers"),
                                 "\"x-multi\": [\"one\", \"two\"]"));
}
END_TEST

START_TEST(send_should_post_json_bodies)
{
    const rg_value *r = send_req(OBJ(3, S("method"), S("post"),
                                     S("url"), url("/echo"),
                                     S("body"), OBJ(1, S("x"), I(1))));
    ck_assert_str_eq(field(r, "body"),
                     "{\"body\": {\"x\": 1}, \"method\": \"POST\"}");
    r = send_req(OBJ(3, S("method"), S("PUT"), S("url"), url("/echo"),
                     S("raw_body"), S("[true]")));
    ck_assert_str_eq(field(r, "body"),
                     "{\"body\": [true], \"method\": \"PUT\"}");
}
END_TEST

START_TEST(send_should_follow_redirects_only_when_asked)
{
    const rg_value *r = send_req(OBJ(2, S("method"), S("get"),
                                     S("url"), url("/redirect")));
    ck_assert_str_eq(field(r, "status_code"), "302");
    r = send_req(OBJ(3, S("method"), S("get"), S("url"), url("/redirect"),
                     S("enable_redirect"), B(true)));
    ck_assert_str_eq(field(r, "status_code"), "200");
}
END_TEST

START_TEST(send_should_report_network_errors)
{
    const rg_value *r = send_req(OBJ(3, S("method"), S("get"),
                                     S("url"), url("/slow"),
                                     S("timeout"), S("200ms")));
    ck_assert_ptr_null(r);
    ck_assert_msg(strstr(ctx.error, "http.send: Get \"http://127.0.0.1:") ==
                  ctx.error, "%s", ctx.error);
    ck_assert_ptr_nonnull(strstr(ctx.error, "context deadline exceeded"));
    r = send_req(OBJ(4, S("method"), S("get"), S("url"), url("/slow"),
                     S("timeout"), S("200ms"), S("raise_error"), B(false)));
    ck_assert_str_eq(field(r, "status_code"), "0");
    ck_assert_ptr_nonnull(strstr(field(r, "error"),
                                 "\"eval_http_send_network_error\""));
    ck_assert_ptr_null(send_req(OBJ(3, S("method"), S("get"),
                                    S("url"), url("/json"),
                                    S("bad_key"), I(1))));
    ck_assert_str_eq(ctx.error, "http.send: operand 1 invalid request "
                                "parameters(s): {\"bad_key\"}");
}
END_TEST

/* Only http and https are spoken, as by Go's client: other schemes,
 * also as redirect targets, fail with Go's message. */
START_TEST(send_should_reject_other_schemes)
{
    static const char *const urls[][2] = {
        {"file:///etc/hostname", "file"},
        {"FILE:///etc/hostname", "file"},
        {"gopher://127.0.0.1/", "gopher"},
        {"dict://127.0.0.1/x", "dict"},
        {"/etc/hostname", ""},
    };
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        ck_assert_ptr_null(send_req(OBJ(2, S("method"), S("get"),
                                        S("url"), S(urls[i][0]))));
        char want[256];
        snprintf(want, sizeof want, "http.send: Get \"%s\": unsupported "
                 "protocol scheme \"%s\"", urls[i][0], urls[i][1]);
        ck_assert_str_eq(ctx.error, want);
    }
    ck_assert_ptr_null(send_req(OBJ(3, S("method"), S("get"),
                                    S("url"), url("/to-file"),
                                    S("enable_redirect"), B(true))));
    ck_assert_str_eq(ctx.error, "http.send: Get \"file:///etc/hostname\": "
                     "unsupported protocol scheme \"file\"");
}
END_TEST

START_TEST(send_should_cache_when_asked)
{
    const rg_value *req = OBJ(3, S("method"), S("get"), S("url"),
                              url("/cache"), S("cache"), B(true));
    ck_assert_str_eq(field(send_req(req), "raw_body"), "\"1\"");
    ck_assert_str_eq(field(send_req(req), "raw_body"), "\"1\"");
    const rg_value *plain = OBJ(2, S("method"), S("get"), S("url"),
                                url("/cache"));
    ck_assert_str_eq(field(send_req(plain), "raw_body"), "\"2\"");
    const rg_value *forced = OBJ(4, S("method"), S("get"), S("url"),
                                 url("/cache"), S("force_cache"), B(true),
                                 S("force_cache_duration_seconds"), I(60));
    ck_assert_str_eq(field(send_req(forced), "raw_body"), "\"3\"");
    ck_assert_str_eq(field(send_req(forced), "raw_body"), "\"3\"");
}
END_TEST

static Suite *http_suite(void)
{
    Suite *s = suite_create("http");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, send_should_decode_json_and_headers);
    tcase_add_test(tc, send_should_post_json_bodies);
    tcase_add_test(tc, send_should_follow_redirects_only_when_asked);
    tcase_add_test(tc, send_should_report_network_errors);
    tcase_add_test(tc, send_should_cache_when_asked);
    tcase_add_test(tc, send_should_reject_other_schemes);
    suite_add_tcase(s, tc);
    return s;
}

#define RG_SUITES http_suite
#include "tests/unit/check_main.h"
