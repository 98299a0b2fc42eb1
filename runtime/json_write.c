/*
 * JSON output of values in Go encoding/json's form; see runtime/json.h.
 */
#include "runtime/json.h"

#include <stdlib.h>
#include <string.h>

#include "runtime/number.h"
#include "runtime/utf8.h"

typedef struct writer {
    rg_buf *out;
    bool pretty;            /* newlines and indentation */
    const char *prefix;     /* starts every new line when pretty */
    const char *indent;     /* once per level when pretty */
    unsigned flags;
} writer;

static void write_value(writer *w, const rg_value *v, int depth);

static const char hex_digits[] = "0123456789abcdef";

static void put_u4(rg_buf *out, uint32_t cp)
{
    char s[6] = { '\\', 'u', hex_digits[(cp >> 12) & 15],
                  hex_digits[(cp >> 8) & 15], hex_digits[(cp >> 4) & 15],
                  hex_digits[cp & 15] };
    rg_buf_append(out, s, 6);
}

/* Escape ASCII byte c the way Go does; false when c needs none. */
static bool escape_ascii(writer *w, unsigned char c)
{
    const char *short_form = NULL;
    switch (c) {
    case '"': short_form = "\\\""; break;
    case '\\': short_form = "\\\\"; break;
    case '\b': short_form = "\\b"; break;
    case '\f': short_form = "\\f"; break;
    case '\n': short_form = "\\n"; break;
    case '\r': short_form = "\\r"; break;
    case '\t': short_form = "\\t"; break;
    default: break;
    }
    if (short_form) {
        rg_buf_append(w->out, short_form, 2);
        return true;
    }
    bool html = (w->flags & RG_JSON_ESCAPE_HTML) &&
                (c == '<' || c == '>' || c == '&');
    if (c < 0x20 || html) {
        put_u4(w->out, c);
        return true;
    }
    return false;
}

/* Write the non-ASCII character at s[0..len); returns bytes used.  Go
 * writes invalid bytes as U+FFFD and escapes U+2028 and U+2029. */
static size_t write_non_ascii(writer *w, const char *s, size_t len)
{
    uint32_t cp;
    size_t n = rg_utf8_decode((const unsigned char *)s, len, &cp);
    if (n == 0) {
        put_u4(w->out, 0xFFFD);
        return 1;
    }
    if (cp == 0x2028 || cp == 0x2029)
        put_u4(w->out, cp);
    else
        rg_buf_append(w->out, s, n);
    return n;
}

static void write_string(writer *w, const char *s, size_t len)
{
    rg_buf_reserve(w->out, len + 2);
    rg_buf_putc(w->out, '"');
    size_t i = 0;
    while (i < len) {
        size_t run = i;
        while (run < len && (unsigned char)s[run] >= 0x20 &&
               (unsigned char)s[run] < 0x80 && s[run] != '"' &&
               s[run] != '\\' && s[run] != '<' && s[run] != '>' &&
               s[run] != '&')
            run++;
        rg_buf_append(w->out, s + i, run - i);
        i = run;
        if (i >= len)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            i += write_non_ascii(w, s + i, len - i);
        } else {
            if (!escape_ascii(w, c))
                rg_buf_putc(w->out, (char)c);
            i++;
        }
    }
    rg_buf_putc(w->out, '"');
}

static void newline(writer *w, int depth)
{
    if (!w->pretty)
        return;
    rg_buf_putc(w->out, '\n');
    rg_buf_puts(w->out, w->prefix);
    for (int i = 0; i < depth; i++)
        rg_buf_puts(w->out, w->indent);
}

/* Items of an array or set: "[" item "," item "]". */
static void write_items(writer *w, const rg_value *v, int depth)
{
    size_t n = rg_len(v);
    bool is_set = rg_value_kind(v) == RG_SET;
    rg_buf_putc(w->out, '[');
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            rg_buf_putc(w->out, ',');
        newline(w, depth + 1);
        write_value(w, is_set ? rg_set_at(v, i) : rg_array_at(v, i),
                    depth + 1);
    }
    if (n > 0)
        newline(w, depth);
    rg_buf_putc(w->out, ']');
}

/* An object key as Go writes it: string keys as themselves, other keys
 * as their compact JSON text. */
typedef struct key_entry {
    char *text;         /* owned when converted, else borrowed */
    size_t len;
    bool owned;
    size_t index;
} key_entry;

static int key_entry_compare(const void *x, const void *y)
{
    const key_entry *a = x, *b = y;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->text, b->text, n);
    if (c != 0)
        return c;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static bool has_non_string_key(const rg_value *obj)
{
    for (size_t i = 0; i < rg_len(obj); i++) {
        if (rg_value_kind(rg_object_key_at(obj, i)) != RG_STRING)
            return true;
    }
    return false;
}

/* Keys of obj as text, sorted bytewise as Go sorts map keys; when two
 * keys convert to one text the later one stays.  Returns the count. */
static size_t converted_keys(const rg_value *obj, key_entry *keys)
{
    size_t n = rg_len(obj);
    for (size_t i = 0; i < n; i++) {
        const rg_value *k = rg_object_key_at(obj, i);
        keys[i].index = i;
        keys[i].owned = rg_value_kind(k) != RG_STRING;
        keys[i].text = keys[i].owned
                       ? rg_json_text(k, 0, RG_JSON_ESCAPE_HTML)
                       : (char *)rg_string_bytes(k);
        keys[i].len = keys[i].owned ? strlen(keys[i].text)
                                    : rg_string_len(k);
    }
    qsort(keys, n, sizeof *keys, key_entry_compare);
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        bool dup = i + 1 < n && keys[i].len == keys[i + 1].len &&
                   memcmp(keys[i].text, keys[i + 1].text, keys[i].len) == 0;
        if (dup && keys[i].owned)
            free(keys[i].text);
        if (!dup)
            keys[out++] = keys[i];
    }
    return out;
}

static void write_member(writer *w, const char *key, size_t len,
                         const rg_value *value, int depth)
{
    newline(w, depth + 1);
    write_string(w, key, len);
    rg_buf_putc(w->out, ':');
    if (w->pretty)
        rg_buf_putc(w->out, ' ');
    write_value(w, value, depth + 1);
}

static void write_object(writer *w, const rg_value *obj, int depth)
{
    size_t n = rg_len(obj);
    rg_buf_putc(w->out, '{');
    if (!has_non_string_key(obj)) {
        for (size_t i = 0; i < n; i++) {
            if (i > 0)
                rg_buf_putc(w->out, ',');
            const rg_value *k = rg_object_key_at(obj, i);
            write_member(w, rg_string_bytes(k), rg_string_len(k),
                         rg_object_value_at(obj, i), depth);
        }
    } else {
        key_entry *keys = rg_xmalloc(n * sizeof *keys);
        n = converted_keys(obj, keys);
        for (size_t i = 0; i < n; i++) {
            if (i > 0)
                rg_buf_putc(w->out, ',');
            write_member(w, keys[i].text, keys[i].len,
                         rg_object_value_at(obj, keys[i].index), depth);
            if (keys[i].owned)
                free(keys[i].text);
        }
        free(keys);
    }
    if (n > 0)
        newline(w, depth);
    rg_buf_putc(w->out, '}');
}

static void write_value(writer *w, const rg_value *v, int depth)
{
    switch (rg_value_kind(v)) {
    case RG_NULL:
        rg_buf_append(w->out, "null", 4);
        break;
    case RG_BOOLEAN:
        rg_buf_puts(w->out, rg_bool_get(v) ? "true" : "false");
        break;
    case RG_NUMBER:
        rg_number_write(w->out, v);
        break;
    case RG_STRING:
        write_string(w, rg_string_bytes(v), rg_string_len(v));
        break;
    case RG_OBJECT:
        write_object(w, v, depth);
        break;
    default:
        write_items(w, v, depth);
        break;
    }
}

/* Indentation strings of up to this many spaces are shared constants. */
#define MAX_SPACES 16

void rg_json_write(rg_buf *out, const rg_value *v, int indent,
                   unsigned flags)
{
    static const char spaces[MAX_SPACES + 1] = "                ";
    if (indent <= 0) {
        writer w = { out, false, "", "", flags };
        write_value(&w, v, 0);
        return;
    }
    int n = indent > MAX_SPACES ? MAX_SPACES : indent;
    writer w = { out, true, "", spaces + MAX_SPACES - n, flags };
    write_value(&w, v, 0);
}

void rg_json_write_indent(rg_buf *out, const rg_value *v,
                          const char *prefix, const char *indent,
                          unsigned flags)
{
    writer w = { out, true, prefix, indent, flags };
    write_value(&w, v, 0);
}

char *rg_json_text(const rg_value *v, int indent, unsigned flags)
{
    rg_buf b;
    rg_buf_init(&b);
    rg_json_write(&b, v, indent, flags);
    return rg_buf_take(&b);
}
