/*
 * YAML output the way OPA's yaml.marshal produces it.  OPA turns the
 * value into JSON and go-yaml v2 reads that JSON back, so numbers become
 * int, uint64 or float64 by v2's rules.  go-yaml v2 then writes the
 * result with libyaml's emitter defaults: block style, indent 2, width
 * 80, Unicode.
 * go-yaml v2's emitter is a port of libyaml's, so libyaml writes the
 * same layout; this file reproduces v2's choices before the emitter:
 * the order of mapping keys, number text and which strings need quotes.
 */
#include "runtime/yaml_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "runtime/json.h"
#include "runtime/utf8.h"
#include "runtime/value_impl.h"

typedef struct emitter {
    yaml_emitter_t em;
    rg_arena *scratch;      /* number and key text */
    bool failed;
} emitter;

static void emit_value(emitter *e, const rg_value *v);

static int write_to_buf(void *data, unsigned char *bytes, size_t size)
{
    rg_buf_append(data, bytes, size);
    return 1;
}

static void emit(emitter *e, yaml_event_t *ev)
{
    if (!e->failed && !yaml_emitter_emit(&e->em, ev))
        e->failed = true;
}

static void emit_scalar(emitter *e, const char *text, size_t len,
                        yaml_scalar_style_t style)
{
    yaml_event_t ev;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text,
                                 (int)len, 1, 1, style);
    emit(e, &ev);
}

/* ---- Strings ------------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* go-yaml v2's sexagesimal pattern
 * [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?, which it quotes. */
static bool is_base60(const char *s, size_t n)
{
    size_t i = (n > 0 && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
    if (i >= n || !is_digit(s[i]))
        return false;
    while (i < n && (is_digit(s[i]) || s[i] == '_'))
        i++;
    int groups = 0;
    while (i < n && s[i] == ':') {
        size_t start = ++i;
        while (i < n && is_digit(s[i]) && i - start < 2)
            i++;
        if (i == start || (i - start == 2 && s[start] > '5'))
            return false;
        groups++;
    }
    if (groups == 0)
        return false;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && (is_digit(s[i]) || s[i] == '_'))
            i++;
    }
    return i == n;
}

/* Dates that go-yaml v2 resolves as timestamps (YYYY-M-D, optionally
 * followed by a time), which it quotes.
 * NOTE: only the date part is checked; v2 also validates the time. */
static bool is_timestamp(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (i != 4 || i >= n || s[i] != '-')
        return false;
    size_t start = ++i;
    while (i < n && is_digit(s[i]))
        i++;
    if (i == start || i - start > 2 || i >= n || s[i] != '-')
        return false;
    start = ++i;
    while (i < n && is_digit(s[i]))
        i++;
    if (i == start || i - start > 2)
        return false;
    return i == n || s[i] == 'T' || s[i] == 't' || s[i] == ' ';
}

/* Whether go-yaml v2 may write s plain: it must read back as a string. */
static bool can_be_plain(emitter *e, const char *s, size_t n)
{
    rg_yaml_scalar sc;
    if (rg_yaml_resolve(e->scratch, NULL, s, n, true, &sc) != NULL)
        return false;
    return sc.kind == RG_YAML_STRING && !is_base60(s, n) &&
           !is_timestamp(s, n) && !(n == 2 && memcmp(s, "<<", 2) == 0);
}

static void emit_string(emitter *e, const char *s, size_t n)
{
    yaml_scalar_style_t style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    if (memchr(s, '\n', n))
        style = YAML_LITERAL_SCALAR_STYLE;
    else if (can_be_plain(e, s, n))
        style = YAML_PLAIN_SCALAR_STYLE;
    emit_scalar(e, s, n, style);
}

/* ---- Numbers ------------------------------------------------------------- */

/* A float64 as strconv.FormatFloat(f, 'g', -1, 64) writes it. */
static void emit_float(emitter *e, double f)
{
    if (isinf(f)) {
        emit_scalar(e, f > 0 ? ".inf" : "-.inf", f > 0 ? 4 : 5,
                    YAML_PLAIN_SCALAR_STYLE);
        return;
    }
    char digits[40];
    int64_t dp;
    size_t nd = rg_number_double_digits(f, false, digits, &dp);
    const rg_value *n = rg_number_from_digits(e->scratch, digits, nd, dp,
                                              signbit(f) != 0, RG_FLOAT_G);
    const char *text = rg_number_text(e->scratch, n);
    emit_scalar(e, text, strlen(text), YAML_PLAIN_SCALAR_STYLE);
}

/* Whether the canonical digits text (no sign) fit uint64_t. */
static bool fits_uint64(const char *text)
{
    size_t n = strlen(text);
    return n < 20 || (n == 20 && strcmp(text, "18446744073709551615") <= 0);
}

/* The number as go-yaml v2 reads its JSON text back and writes it:
 * int64 and uint64 integers exactly, other numbers through float64, and
 * text v2 does not take as a number (1e400) as a string. */
static void emit_number(emitter *e, const rg_value *v)
{
    const char *text = rg_number_text(e->scratch, v);
    size_t len = strlen(text);
    rg_yaml_scalar sc;
    rg_yaml_resolve(e->scratch, NULL, text, len, true, &sc);
    if (sc.kind == RG_YAML_INT ||
        (sc.kind == RG_YAML_BIG_INT && fits_uint64(text))) {
        const char *digits = rg_number_text(e->scratch, sc.value);
        emit_scalar(e, digits, strlen(digits), YAML_PLAIN_SCALAR_STYLE);
    } else if (sc.kind == RG_YAML_FLOAT) {
        emit_float(e, sc.f);
    } else if (sc.kind == RG_YAML_BIG_INT) {
        emit_float(e, strtod(text, NULL));
    } else {
        emit_string(e, text, len);
    }
}

/* ---- Mapping key order --------------------------------------------------- */

/* A mapping key as code points, for go-yaml v2's key order. */
typedef struct yaml_key {
    const char *text;
    size_t len;
    uint32_t *runes;
    size_t nrunes;
    const rg_value *value;
} yaml_key;

static bool rune_is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* NOTE: every non-ASCII code point counts as a letter here; Go's
 * unicode.IsLetter excludes non-ASCII digits, marks and symbols. */
static bool rune_is_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Value of the digit run at r[i..); *end gets where it stops.  Wraps
 * around like Go's int64 arithmetic. */
static int64_t digit_run(const uint32_t *r, size_t n, size_t i, uint64_t v,
                         size_t *end)
{
    while (i < n && rune_is_digit(r[i])) {
        v = v * 10 + (r[i] - '0');
        i++;
    }
    *end = i;
    return (int64_t)v;
}

/* go-yaml v2's keyList.Less on two string keys: letters by code point,
 * a letter after a non-letter unless a digit came just before, and runs
 * of digits by numeric value. */
static bool key_less(const yaml_key *a, const yaml_key *b)
{
    const uint32_t *ar = a->runes, *br = b->runes;
    bool digits = false;
    for (size_t i = 0; i < a->nrunes && i < b->nrunes; i++) {
        if (ar[i] == br[i]) {
            digits = rune_is_digit(ar[i]);
            continue;
        }
        bool al = rune_is_letter(ar[i]), bl = rune_is_letter(br[i]);
        if (al && bl)
            return ar[i] < br[i];
        if (al || bl)
            return digits ? al : bl;
        uint64_t start = 0;
        if (ar[i] == '0' || br[i] == '0') {
            for (size_t j = i; j-- > 0 && rune_is_digit(ar[j]);) {
                if (ar[j] != '0') {
                    start = 1;
                    break;
                }
            }
        }
        size_t ai, bi;
        int64_t an = digit_run(ar, a->nrunes, i, start, &ai);
        int64_t bn = digit_run(br, b->nrunes, i, start, &bi);
        if (an != bn)
            return an < bn;
        if (ai != bi)
            return ai < bi;
        return ar[i] < br[i];
    }
    return a->nrunes < b->nrunes;
}

static int key_compare(const void *x, const void *y)
{
    const yaml_key *a = x, *b = y;
    if (key_less(a, b))
        return -1;
    return key_less(b, a) ? 1 : 0;
}

static void key_runes(emitter *e, yaml_key *k)
{
    k->runes = rg_arena_alloc(e->scratch, (k->len + 1) * sizeof *k->runes);
    k->nrunes = 0;
    const unsigned char *p = (const unsigned char *)k->text;
    for (size_t i = 0; i < k->len;) {
        uint32_t cp;
        size_t n = rg_utf8_decode(p + i, k->len - i, &cp);
        k->runes[k->nrunes++] = n ? cp : 0xFFFD;
        i += n ? n : 1;
    }
}

/* ---- Collections -------------------------------------------------------- */

static void emit_mapping(emitter *e, const rg_value *obj)
{
    size_t n = rg_len(obj);
    yaml_key *keys = rg_arena_alloc(e->scratch, (n + 1) * sizeof *keys);
    for (size_t i = 0; i < n; i++) {
        const rg_value *k = rg_object_key_at(obj, i);
        if (rg_value_kind(k) == RG_STRING) {
            keys[i].text = rg_string_bytes(k);
            keys[i].len = rg_string_len(k);
        } else {
            char *json = rg_json_text(k, 0, RG_JSON_ESCAPE_HTML);
            keys[i].text = rg_arena_strdup(e->scratch, json);
            keys[i].len = strlen(json);
            free(json);
        }
        keys[i].value = rg_object_value_at(obj, i);
        key_runes(e, &keys[i]);
    }
    qsort(keys, n, sizeof *keys, key_compare);
    yaml_event_t ev;
    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                        YAML_BLOCK_MAPPING_STYLE);
    emit(e, &ev);
    for (size_t i = 0; i < n; i++) {
        emit_string(e, keys[i].text, keys[i].len);
        emit_value(e, keys[i].value);
    }
    yaml_mapping_end_event_initialize(&ev);
    emit(e, &ev);
}

static void emit_sequence(emitter *e, const rg_value *v)
{
    bool is_set = rg_value_kind(v) == RG_SET;
    yaml_event_t ev;
    yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                         YAML_BLOCK_SEQUENCE_STYLE);
    emit(e, &ev);
    for (size_t i = 0; i < rg_len(v); i++)
        emit_value(e, is_set ? rg_set_at(v, i) : rg_array_at(v, i));
    yaml_sequence_end_event_initialize(&ev);
    emit(e, &ev);
}

static void emit_value(emitter *e, const rg_value *v)
{
    switch (rg_value_kind(v)) {
    case RG_NULL:
        emit_scalar(e, "null", 4, YAML_PLAIN_SCALAR_STYLE);
        break;
    case RG_BOOLEAN:
        emit_scalar(e, rg_bool_get(v) ? "true" : "false",
                    rg_bool_get(v) ? 4 : 5, YAML_PLAIN_SCALAR_STYLE);
        break;
    case RG_NUMBER:
        emit_number(e, v);
        break;
    case RG_STRING:
        emit_string(e, rg_string_bytes(v), rg_string_len(v));
        break;
    case RG_OBJECT:
        emit_mapping(e, v);
        break;
    default:
        emit_sequence(e, v);
        break;
    }
}

bool rg_yaml_write(rg_buf *out, const rg_value *v)
{
    emitter e;
    memset(&e, 0, sizeof e);
    yaml_emitter_initialize(&e.em);
    yaml_emitter_set_output(&e.em, write_to_buf, out);
    yaml_emitter_set_unicode(&e.em, 1);
    e.scratch = rg_arena_new(0);
    yaml_event_t ev;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    emit(&e, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    emit(&e, &ev);
    emit_value(&e, v);
    yaml_document_end_event_initialize(&ev, 1);
    emit(&e, &ev);
    yaml_stream_end_event_initialize(&ev);
    emit(&e, &ev);
    yaml_emitter_delete(&e.em);
    rg_arena_free(e.scratch);
    return !e.failed;
}
