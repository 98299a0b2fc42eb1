/*
 * The "format" keyword of JSON Schema with the checks gojsonschema makes
 * for the common formats: date-time, date, time, email, hostname, ipv4,
 * ipv6, uri, uri-reference, uuid and regex.  Other formats, and values
 * that are not strings, always pass, as in gojsonschema.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <arpa/inet.h>
#include <pcre2.h>
#include <string.h>

#include "runtime/builtins/jsonschema.h"
#include "runtime/builtins/timelayout.h"

/* Maximum length of text checked as an address; longer text is not an
 * address. */
#define FORMAT_TEXT_MAX 256

static bool copy_text(const char *s, size_t len, char *buf)
{
    if (len >= FORMAT_TEXT_MAX || memchr(s, '\0', len))
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return true;
}

static bool is_time_layout(rg_arena *arena, const char *layout,
                           const char *text)
{
    int64_t sec;
    int32_t nsec;
    const char *err;
    return rg_timelayout_parse(arena, layout, text, &sec, &nsec, &err);
}

static bool is_hostname(const char *s, size_t len)
{
    if (len == 0 || len > 253)
        return false;
    size_t label = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '.') {
            if (label == 0 || s[i - 1] == '-')
                return false;
            label = 0;
            continue;
        }
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || (c == '-' && label > 0);
        if (!ok || ++label > 63)
            return false;
    }
    return s[len - 1] != '-';
}

static bool is_email(const char *s, size_t len)
{
    const char *at = memchr(s, '@', len);
    if (!at || at == s)
        return false;
    size_t host = len - (size_t)(at - s) - 1;
    return host > 0 && is_hostname(at + 1, host);
}

static bool is_uuid(const char *s, size_t len)
{
    if (len != 36)
        return false;
    for (size_t i = 0; i < len; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        char c = s[i];
        bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                   (c >= 'A' && c <= 'F');
        if (dash ? c != '-' : !hex)
            return false;
    }
    return true;
}

static bool is_uri(const char *s, size_t len, bool reference)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] <= ' ' || s[i] == '"' || s[i] == '<' ||
            s[i] == '>' || s[i] == '\\' || s[i] == '^' || s[i] == '`' ||
            s[i] == '{' || s[i] == '|' || s[i] == '}')
            return false;
    if (reference)
        return true;
    size_t i = 0;
    while (i < len && ((s[i] >= 'a' && s[i] <= 'z') ||
                       (s[i] >= 'A' && s[i] <= 'Z') ||
                       (i > 0 && ((s[i] >= '0' && s[i] <= '9') ||
                                  s[i] == '+' || s[i] == '-' ||
                                  s[i] == '.'))))
        i++;
    return i > 0 && i < len && s[i] == ':';
}

static bool is_regex(const char *s, size_t len)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)s, len, PCRE2_UTF, &code,
                                   &off, NULL);
    if (!re)
        return false;
    pcre2_code_free(re);
    return true;
}

bool rg_jsonschema_format_ok(rg_arena *arena, const char *format,
                             const rg_value *v)
{
    if (rg_value_kind(v) != RG_STRING)
        return true;
    const char *s = rg_string_bytes(v);
    size_t len = rg_string_len(v);
    char buf[FORMAT_TEXT_MAX];
    unsigned char addr[16];
    if (strcmp(format, "date-time") == 0)
        return is_time_layout(arena, "2006-01-02T15:04:05Z07:00", s);
    if (strcmp(format, "date") == 0)
        return is_time_layout(arena, "2006-01-02", s);
    if (strcmp(format, "time") == 0)
        return is_time_layout(arena, "15:04:05Z07:00", s);
    if (strcmp(format, "email") == 0)
        return is_email(s, len);
    if (strcmp(format, "hostname") == 0)
        return is_hostname(s, len);
    if (strcmp(format, "ipv4") == 0)
        return copy_text(s, len, buf) && inet_pton(AF_INET, buf, addr) == 1;
    if (strcmp(format, "ipv6") == 0)
        return copy_text(s, len, buf) && inet_pton(AF_INET6, buf, addr) == 1;
    if (strcmp(format, "uri") == 0)
        return is_uri(s, len, false);
    if (strcmp(format, "uri-reference") == 0)
        return is_uri(s, len, true);
    if (strcmp(format, "uuid") == 0)
        return is_uuid(s, len);
    if (strcmp(format, "regex") == 0)
        return is_regex(s, len);
    return true;
}
