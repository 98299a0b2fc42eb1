/*
 * YAML 1.1 scalar resolution as Kubernetes' YAML decoder does it; see
 * k8s/yamlscalar.h.
 */
#include "k8s/yamlscalar.h"

#include <stdlib.h>
#include <string.h>

/* Longest plain scalar tried as a number; longer text stays a string
 * (a number literal that long is not in any manifest). */
#define SCALAR_NUMBER_MAX 256

static bool one_of(const char *text, size_t len, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (strlen(words[i]) == len && memcmp(words[i], text, len) == 0)
            return true;
    return false;
}

static const char *const TRUE_WORDS[] = {
    "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On",
    "ON", NULL};
static const char *const FALSE_WORDS[] = {
    "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off",
    "OFF", NULL};
static const char *const NULL_WORDS[] = {"~", "null", "Null", "NULL",
                                         NULL};

static bool all_in(const char *s, size_t n, const char *set)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (strchr(set, s[i]) == NULL)
            return false;
    return true;
}

/* Integer in base (2, 8 or 16) from digits; false on overflow. */
static bool parse_base(const char *s, size_t n, int base, int64_t *out)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        int d = s[i] <= '9' ? s[i] - '0' : (s[i] | 0x20) - 'a' + 10;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            return false;
        v = v * (uint64_t)base + (uint64_t)d;
    }
    if (v > INT64_MAX)
        return false;
    *out = (int64_t)v;
    return true;
}

/* Sexagesimal integer "1:20" (base 60 groups). */
static bool parse_sexagesimal(const char *s, size_t n, int64_t *out)
{
    if (n == 0 || s[0] < '1' || s[0] > '9' || !memchr(s, ':', n))
        return false;
    int64_t total = 0, group = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ':') {
            total = total * 60 + group;
            group = 0;
        } else if (s[i] >= '0' && s[i] <= '9') {
            group = group * 10 + (s[i] - '0');
            if (group > INT32_MAX)
                return false;
        } else {
            return false;
        }
    }
    *out = total * 60 + group;
    return true;
}

/* Integer forms: 0b..., 0x..., 0... octal, decimal, sexagesimal.  buf
 * has no sign or underscores. */
static const rg_value *resolve_int(rg_arena *arena, const char *buf,
                                   size_t n, bool neg)
{
    int64_t v;
    bool ok = false;
    if (n > 2 && buf[0] == '0' && (buf[1] == 'b' || buf[1] == 'B'))
        ok = all_in(buf + 2, n - 2, "01") && parse_base(buf + 2, n - 2, 2,
                                                         &v);
    else if (n > 2 && buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X'))
        ok = all_in(buf + 2, n - 2, "0123456789abcdefABCDEF") &&
             parse_base(buf + 2, n - 2, 16, &v);
    else if (n > 1 && buf[0] == '0' && all_in(buf + 1, n - 1, "01234567"))
        ok = parse_base(buf + 1, n - 1, 8, &v);
    else if (memchr(buf, ':', n))
        ok = parse_sexagesimal(buf, n, &v);
    if (ok)
        return rg_int(arena, neg ? -v : v);
    if (!all_in(buf, n, "0123456789"))
        return NULL;
    while (n > 1 && buf[0] == '0') {        /* "08" reads as 8 */
        buf++;
        n--;
    }
    char text[SCALAR_NUMBER_MAX + 2];
    size_t k = 0;
    if (neg)
        text[k++] = '-';
    memcpy(text + k, buf, n);
    return rg_number_parse(arena, text, k + n);
}

/* Floats: digits with a point and/or exponent, normalized to JSON form
 * ("1." -> "1.0", ".5" -> "0.5"). */
static const rg_value *resolve_float(rg_arena *arena, const char *buf,
                                     size_t n, bool neg)
{
    char text[SCALAR_NUMBER_MAX * 2];
    size_t k = 0;
    if (neg)
        text[k++] = '-';
    if (buf[0] == '.')
        text[k++] = '0';
    for (size_t i = 0; i < n; i++) {
        text[k++] = buf[i];
        bool point = buf[i] == '.';
        bool digit_next = i + 1 < n && buf[i + 1] >= '0' &&
                          buf[i + 1] <= '9';
        if (point && !digit_next)
            text[k++] = '0';
    }
    return rg_number_parse(arena, text, k);
}

static const rg_value *resolve_number(rg_arena *arena, const char *text,
                                      size_t len)
{
    if (len == 0 || len > SCALAR_NUMBER_MAX)
        return NULL;
    bool neg = text[0] == '-';
    size_t start = (text[0] == '-' || text[0] == '+') ? 1 : 0;
    char buf[SCALAR_NUMBER_MAX + 1];
    size_t n = 0;
    for (size_t i = start; i < len; i++)
        if (text[i] != '_')
            buf[n++] = text[i];
    if (n == 0 || !((buf[0] >= '0' && buf[0] <= '9') || buf[0] == '.'))
        return NULL;
    buf[n] = '\0';
    const rg_value *v = resolve_int(arena, buf, n, neg);
    if (v == NULL && strpbrk(buf, ".eE") && !strpbrk(buf, "xX:"))
        v = resolve_float(arena, buf, n, neg);
    return v;
}

const rg_value *rg_yamlscalar_resolve(rg_arena *arena, const char *text,
                                      size_t len)
{
    if (len == 0 || one_of(text, len, NULL_WORDS))
        return rg_null();
    if (one_of(text, len, TRUE_WORDS))
        return rg_bool(true);
    if (one_of(text, len, FALSE_WORDS))
        return rg_bool(false);
    const rg_value *v = resolve_number(arena, text, len);
    return v ? v : rg_string(arena, text, len);
}

static bool tag_is(const yaml_event_t *ev, const char *name)
{
    const char *tag = (const char *)ev->data.scalar.tag;
    return tag != NULL && strcmp(tag, name) == 0;
}

const rg_value *rg_yamlscalar_value(rg_arena *arena, const yaml_event_t *ev)
{
    const char *text = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    if (tag_is(ev, "tag:yaml.org,2002:str") || tag_is(ev, "!"))
        return rg_string(arena, text, len);
    bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    bool typed = ev->data.scalar.tag != NULL;
    if (!plain && !typed)
        return rg_string(arena, text, len);
    return rg_yamlscalar_resolve(arena, text, len);
}

const rg_value *rg_yamlscalar_key(rg_arena *arena, const yaml_event_t *ev)
{
    return rg_string(arena, (const char *)ev->data.scalar.value,
                     ev->data.scalar.length);
}
