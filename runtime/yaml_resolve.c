/*
 * Resolution of YAML scalars to values as go-yaml v2 resolves them, and
 * of mapping keys to strings as sigs.k8s.io/yaml converts them (see the
 * rules in runtime/yaml.h).
 */
#include "runtime/yaml_impl.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/utf8.h"
#include "runtime/value_impl.h"

#define TAG_PREFIX "tag:yaml.org,2002:"

/* The plain scalars go-yaml v2 resolves by table lookup. */
static const char *const true_words[] = {
    "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"
};
static const char *const false_words[] = {
    "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off",
    "OFF"
};
static const char *const null_words[] = { "", "~", "null", "Null", "NULL" };
static const char *const nan_words[] = { ".nan", ".NaN", ".NAN" };
static const char *const inf_words[] = {
    ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"
};
static const char *const neg_inf_words[] = { "-.inf", "-.Inf", "-.INF" };

static bool in_list(const char *const *list, size_t n, const char *text,
                    size_t len)
{
    for (size_t i = 0; i < n; i++) {
        if (strlen(list[i]) == len && memcmp(list[i], text, len) == 0)
            return true;
    }
    return false;
}

#define IN(list, text, len) in_list(list, RG_ARRAY_LEN(list), text, len)

static void set(rg_yaml_scalar *out, rg_yaml_kind kind, const rg_value *v)
{
    out->kind = kind;
    out->value = v;
    out->f = 0;
}

/* Table lookup; true when text is one of the words. */
static bool lookup_word(const char *text, size_t len, rg_yaml_scalar *out)
{
    if (IN(true_words, text, len))
        set(out, RG_YAML_BOOL, rg_bool(true));
    else if (IN(false_words, text, len))
        set(out, RG_YAML_BOOL, rg_bool(false));
    else if (IN(null_words, text, len))
        set(out, RG_YAML_NULL, rg_null());
    else if (IN(nan_words, text, len))
        out->kind = RG_YAML_INF_NAN, out->value = NULL, out->f = NAN;
    else if (IN(inf_words, text, len))
        out->kind = RG_YAML_INF_NAN, out->value = NULL, out->f = INFINITY;
    else if (IN(neg_inf_words, text, len))
        out->kind = RG_YAML_INF_NAN, out->value = NULL, out->f = -INFINITY;
    else
        return false;
    return true;
}

/* ---- Integers, as strconv.ParseInt/ParseUint with base 0 ----------------- */

typedef enum int_result { INT_INVALID, INT_OK, INT_RANGE } int_result;

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* Parse s[0..n) (no sign) with Go's base prefixes; *base gets the base. */
static int_result parse_magnitude(const char *s, size_t n, int *base,
                                  uint64_t *out)
{
    if (n == 0)
        return INT_INVALID;
    *base = 10;
    if (s[0] == '0' && n >= 3 && strchr("bBoOxX", s[1])) {
        *base = s[1] == 'b' || s[1] == 'B' ? 2
                : s[1] == 'o' || s[1] == 'O' ? 8 : 16;
        s += 2, n -= 2;
    } else if (s[0] == '0') {
        *base = 8;
        s++, n--;
    }
    uint64_t v = 0;
    bool overflow = false;
    for (size_t i = 0; i < n; i++) {
        int d = digit_value(s[i]);
        if (d >= *base)
            return INT_INVALID;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)*base)
            overflow = true;
        v = v * (uint64_t)*base + (uint64_t)d;
    }
    *out = v;
    return overflow ? INT_RANGE : INT_OK;
}

/* A decimal integer beyond 64 bits, kept exact; NULL when too long. */
static const rg_value *exact_decimal(rg_arena *arena, const char *s,
                                     size_t n)
{
    bool neg = s[0] == '-';
    if (s[0] == '+' || s[0] == '-')
        s++, n--;
    char *digits = rg_arena_strndup(arena, s, n);
    mpz_t z;
    mpz_init(z);
    mpz_set_str(z, digits, 10);
    if (neg)
        mpz_neg(z, z);
    const rg_value *v = rg_number_from_mpz(arena, z);
    mpz_clear(z);
    return v;
}

/* Resolve plain (underscores removed) as an integer; false if not one. */
static bool resolve_int(rg_arena *arena, const char *s, size_t n,
                        rg_yaml_scalar *out)
{
    bool neg = n > 0 && s[0] == '-';
    bool sign = n > 0 && (s[0] == '-' || s[0] == '+');
    int base;
    uint64_t mag;
    int_result r = parse_magnitude(s + sign, n - sign, &base, &mag);
    if (r == INT_INVALID)
        return false;
    if (r == INT_OK && (neg ? mag <= (uint64_t)INT64_MAX + 1
                            : mag <= (uint64_t)INT64_MAX)) {
        int64_t i = neg ? (int64_t)(0 - mag) : (int64_t)mag;
        set(out, RG_YAML_INT, rg_int(arena, i));
        return true;
    }
    if (r == INT_OK && !neg) {
        mpz_t z;
        mpz_init(z);
        mpz_set_ui(z, (unsigned long)mag);
        set(out, RG_YAML_BIG_INT, rg_number_from_mpz(arena, z));
        mpz_clear(z);
        return true;
    }
    if (base != 10 || s[sign] == '0')
        return false;
    set(out, RG_YAML_BIG_INT, exact_decimal(arena, s, n));
    return out->value != NULL;
}

/* ---- Floats -------------------------------------------------------------- */

static size_t skip_digits(const char *s, size_t i, size_t n)
{
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

/* go-yaml v2's float pattern [-+]?[0-9]*\.?[0-9]+([eE][-+][0-9]+)? */
static bool matches_float(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t int_end = skip_digits(s, i, n);
    size_t digits_end = int_end;
    if (int_end < n && s[int_end] == '.') {
        digits_end = skip_digits(s, int_end + 1, n);
        if (digits_end == int_end + 1)
            return false;
    } else if (int_end == i) {
        return false;
    }
    i = digits_end;
    if (i == n)
        return true;
    if ((s[i] != 'e' && s[i] != 'E') || i + 1 >= n ||
        (s[i + 1] != '+' && s[i + 1] != '-'))
        return false;
    size_t exp_end = skip_digits(s, i + 2, n);
    return exp_end > i + 2 && exp_end == n;
}

/* A literal starting with '.', as strconv.ParseFloat accepts it. */
static bool matches_dot_float(const char *s, size_t n)
{
    size_t i = skip_digits(s, 1, n);
    if (i == 1)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t end = skip_digits(s, i, n);
        if (end == i)
            return false;
        i = end;
    }
    return i == n;
}

/* A float64 as the number sigs.k8s.io/yaml's JSON output has. */
static const rg_value *float_value(rg_arena *arena, double d)
{
    char digits[40];
    int64_t dp;
    size_t nd = rg_number_double_digits(d, false, digits, &dp);
    return rg_number_from_digits(arena, digits, nd, dp, signbit(d) != 0,
                                 RG_FLOAT_JSON);
}

/* strtod on s[0..n); false when out of float64 range. */
static bool parse_float(const char *s, size_t n, double *out)
{
    char buf[128];
    char *tmp = n < sizeof buf ? buf : rg_xmalloc(n + 1);
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    errno = 0;
    double d = strtod(tmp, NULL);
    bool ok = !(errno == ERANGE && isinf(d));
    if (tmp != buf)
        free(tmp);
    *out = d;
    return ok && isfinite(d);
}

static bool resolve_float(rg_arena *arena, const char *s, size_t n,
                          rg_yaml_scalar *out)
{
    double d;
    if (!parse_float(s, n, &d))
        return false;
    out->kind = RG_YAML_FLOAT;
    out->f = d;
    out->value = float_value(arena, d);
    return out->value != NULL;
}

/* ---- Implicit resolution ------------------------------------------------- */

static char hint_of(const char *text, size_t len)
{
    if (len == 0)
        return 'N';
    char c = text[0];
    if (c == '+' || c == '-')
        return 'S';
    if (c >= '0' && c <= '9')
        return 'D';
    if (strchr("yYnNtTfFoO~", c))
        return 'M';
    if (c == '.')
        return '.';
    return 0;
}

static void string_scalar(rg_arena *arena, const char *text, size_t len,
                          rg_yaml_scalar *out)
{
    set(out, RG_YAML_STRING, rg_string(arena, text, len));
}

bool rg_yaml_is_plain_string(const char *text, size_t len)
{
    char hint = hint_of(text, len);
    if (hint == 0)
        return true;
    rg_yaml_scalar tmp;
    return hint == 'M' && !lookup_word(text, len, &tmp);
}

/* Resolve a number-like plain scalar (hint 'D' or 'S'). */
static bool resolve_number(rg_arena *arena, const char *text, size_t len,
                           rg_yaml_scalar *out)
{
    char *plain = rg_xmalloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] != '_')
            plain[n++] = text[i];
    }
    bool ok = resolve_int(arena, plain, n, out) ||
              (matches_float(plain, n) && resolve_float(arena, plain, n,
                                                        out));
    free(plain);
    return ok;
}

static void resolve_implicit(rg_arena *arena, const char *text, size_t len,
                             rg_yaml_scalar *out)
{
    char hint = hint_of(text, len);
    if (hint != 0 && lookup_word(text, len, out))
        return;
    if (hint == '.' && matches_dot_float(text, len) &&
        resolve_float(arena, text, len, out))
        return;
    if ((hint == 'D' || hint == 'S') &&
        resolve_number(arena, text, len, out))
        return;
    string_scalar(arena, text, len, out);
}

/* ---- Explicit tags ------------------------------------------------------- */

static int base64_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/* Decode standard base64 (padding required; line breaks ignored) into
 * out; false when invalid. */
static bool base64_decode(const char *s, size_t len, rg_buf *out)
{
    uint32_t acc = 0;
    int bits = 0, pad = 0;
    size_t count = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n' || s[i] == '\r')
            continue;
        count++;
        if (s[i] == '=') {
            pad++;
            continue;
        }
        int v = base64_value(s[i]);
        if (v < 0 || pad > 0)
            return false;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            rg_buf_putc(out, (char)((acc >> bits) & 0xFF));
        }
    }
    return count % 4 == 0 && pad <= 2 && (pad == 0 || bits == pad * 2);
}

/* The string of decoded bytes, invalid UTF-8 replaced by U+FFFD as Go's
 * JSON encoder would. */
static const rg_value *binary_string(rg_arena *arena, const rg_buf *raw)
{
    rg_buf b;
    rg_buf_init(&b);
    const unsigned char *p = (const unsigned char *)raw->data;
    size_t i = 0;
    while (i < raw->len) {
        uint32_t cp;
        size_t n = rg_utf8_decode(p + i, raw->len - i, &cp);
        if (n == 0) {
            rg_buf_append(&b, "\xEF\xBF\xBD", 3);
            i++;
        } else {
            rg_buf_append(&b, p + i, n);
            i += n;
        }
    }
    const rg_value *v = rg_string(arena, b.data, b.len);
    rg_buf_free(&b);
    return v;
}

static const char *resolve_binary(rg_arena *arena, const char *text,
                                  size_t len, rg_yaml_scalar *out)
{
    rg_buf raw;
    rg_buf_init(&raw);
    bool ok = base64_decode(text, len, &raw);
    if (ok)
        set(out, RG_YAML_STRING, binary_string(arena, &raw));
    rg_buf_free(&raw);
    return ok ? NULL : "!!binary value contains invalid base64 data";
}

static const char *kind_tag(rg_yaml_kind kind)
{
    switch (kind) {
    case RG_YAML_NULL:
        return "!!null";
    case RG_YAML_BOOL:
        return "!!bool";
    case RG_YAML_INT:
    case RG_YAML_BIG_INT:
        return "!!int";
    case RG_YAML_FLOAT:
    case RG_YAML_INF_NAN:
        return "!!float";
    case RG_YAML_MERGE:
        return "!!merge";
    default:
        return "!!str";
    }
}

static bool looks_like_timestamp(const char *text, size_t len)
{
    return len >= 5 && skip_digits(text, 0, len) == 4 && text[4] == '-';
}

/* Check an implicit result against the explicit tag short (after the
 * "!!"); NULL when it fits, converting !!float integers to floats. */
static const char *check_tag(rg_arena *arena, const char *short_tag,
                             const char *text, size_t len,
                             rg_yaml_scalar *out)
{
    const char *got = kind_tag(out->kind) + 2;
    if (strcmp(short_tag, "float") == 0 && out->kind == RG_YAML_INT) {
        int64_t i = 0;
        rg_number_int64(out->value, &i);
        out->kind = RG_YAML_FLOAT;
        out->f = (double)i;
        out->value = float_value(arena, out->f);
        return NULL;
    }
    if (strcmp(short_tag, "timestamp") == 0 &&
        looks_like_timestamp(text, len))
        return NULL;
    if (strcmp(short_tag, got) == 0 ||
        (strcmp(short_tag, "int") == 0 && out->kind == RG_YAML_BIG_INT))
        return NULL;
    return rg_arena_printf(arena, "cannot decode %s `%.*s` as a !!%s",
                           kind_tag(out->kind), (int)(len > 80 ? 80 : len),
                           text, short_tag);
}

const char *rg_yaml_resolve(rg_arena *arena, const char *tag,
                            const char *text, size_t len, bool plain,
                            rg_yaml_scalar *out)
{
    if (tag == NULL) {
        if (plain)
            resolve_implicit(arena, text, len, out);
        else
            string_scalar(arena, text, len, out);
        return NULL;
    }
    size_t prefix = strlen(TAG_PREFIX);
    const char *short_tag = strncmp(tag, TAG_PREFIX, prefix) == 0
                            ? tag + prefix : NULL;
    if (short_tag && strcmp(short_tag, "binary") == 0)
        return resolve_binary(arena, text, len, out);
    if (short_tag && strcmp(short_tag, "merge") == 0) {
        set(out, RG_YAML_MERGE, NULL);
        return NULL;
    }
    static const char *const resolvable[] = {
        "bool", "int", "float", "null", "timestamp"
    };
    if (short_tag == NULL || !IN(resolvable, short_tag, strlen(short_tag))) {
        string_scalar(arena, text, len, out);
        return NULL;
    }
    resolve_implicit(arena, text, len, out);
    return check_tag(arena, short_tag, text, len, out);
}

/* ---- Keys ---------------------------------------------------------------- */

/* A float key as strconv.FormatFloat(f, 'g', -1, 32) writes it, with
 * go-yaml's names for the special values. */
static const rg_value *float_key(rg_arena *arena, double f)
{
    if (isnan(f))
        return rg_cstring(arena, ".nan");
    if (isinf(f))
        return rg_cstring(arena, f > 0 ? ".inf" : "-.inf");
    float single = (float)f;
    if (isinf(single))
        return rg_cstring(arena, f > 0 ? "+Inf" : "-Inf");
    char digits[40];
    int64_t dp;
    size_t nd = rg_number_double_digits((double)single, true, digits, &dp);
    const rg_value *n = rg_number_from_digits(arena, digits, nd, dp,
                                              signbit(f) != 0, RG_FLOAT_G);
    return rg_cstring(arena, rg_number_text(arena, n));
}

const rg_value *rg_yaml_key_string(rg_arena *arena, rg_intern *keys,
                                   const rg_yaml_scalar *s,
                                   const char *text, size_t len)
{
    const rg_value *key = NULL;
    switch (s->kind) {
    case RG_YAML_STRING:
        key = s->value;
        break;
    case RG_YAML_BOOL:
        key = rg_cstring(arena, rg_bool_get(s->value) ? "true" : "false");
        break;
    case RG_YAML_INT:
        key = rg_cstring(arena, rg_number_text(arena, s->value));
        break;
    case RG_YAML_FLOAT:
    case RG_YAML_INF_NAN:
        key = float_key(arena, s->f);
        break;
    case RG_YAML_MERGE:
        key = rg_string(arena, text, len);
        break;
    default:
        return NULL;
    }
    if (keys)
        return rg_intern_value(keys, key);
    return key;
}
