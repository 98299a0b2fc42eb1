/*
 * Streaming JSON writer; see k8s/jsonw.h.
 */
#include "k8s/jsonw.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void rg_jsonw_init(rg_jsonw *w, FILE *out, int indent)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->indent = indent;
    w->first[0] = true;
}

static void newline(rg_jsonw *w)
{
    if (w->indent == 0)
        return;
    static const char spaces[] = "                                ";
    fputc('\n', w->out);
    for (int n = w->depth * w->indent; n > 0;) {
        int k = n < (int)sizeof spaces - 1 ? n : (int)sizeof spaces - 1;
        fwrite(spaces, 1, (size_t)k, w->out);
        n -= k;
    }
}

/* Separator before a value or key at the current level. */
static void before_item(rg_jsonw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0) {
        if (!w->first[w->depth])
            fputc(',', w->out);
        newline(w);
    }
    w->first[w->depth] = false;
}

static void open(rg_jsonw *w, char c)
{
    before_item(w);
    fputc(c, w->out);
    assert(w->depth + 1 < RG_JSONW_MAX_DEPTH);
    w->depth++;
    w->first[w->depth] = true;
}

void rg_jsonw_object(rg_jsonw *w)
{
    open(w, '{');
}

void rg_jsonw_array(rg_jsonw *w)
{
    open(w, '[');
}

void rg_jsonw_end(rg_jsonw *w, char close)
{
    bool empty = w->first[w->depth];
    w->depth--;
    if (!empty)
        newline(w);
    fputc(close, w->out);
    if (w->depth == 0 && w->indent)
        fputc('\n', w->out);
}

/* The escape for byte c, or NULL when c is written as it is. */
static const char *escape_of(unsigned char c, char buf[8])
{
    switch (c) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    default:
        if (c >= 0x20)
            return NULL;
        snprintf(buf, 8, "\\u%04x", c);
        return buf;
    }
}

void rg_jsonw_escape(FILE *out, const char *s, size_t len)
{
    size_t start = 0;
    char buf[8];
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        const char *esc = escape_of((unsigned char)s[i], buf);
        if (esc == NULL)
            continue;
        fwrite(s + start, 1, i - start, out);
        fputs(esc, out);
        start = i + 1;
    }
    fwrite(s + start, 1, len - start, out);
    fputc('"', out);
}

void rg_jsonw_key(rg_jsonw *w, const char *key)
{
    before_item(w);
    rg_jsonw_escape(w->out, key, strlen(key));
    fputs(w->indent ? ": " : ":", w->out);
    w->after_key = true;
}

void rg_jsonw_string(rg_jsonw *w, const char *s)
{
    if (s == NULL) {
        rg_jsonw_null(w);
        return;
    }
    before_item(w);
    rg_jsonw_escape(w->out, s, strlen(s));
}

void rg_jsonw_int(rg_jsonw *w, long long v)
{
    before_item(w);
    fprintf(w->out, "%lld", v);
}

/* The shortest %g text of v that reads back as v. */
static const char *shortest(double v, char buf[32])
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, 32, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return buf;
}

void rg_jsonw_double(rg_jsonw *w, double v)
{
    char buf[32];
    before_item(w);
    if (!isfinite(v))
        fputs("0", w->out);
    else if (v == (double)(long long)v && fabs(v) < 1e15)
        fprintf(w->out, "%lld", (long long)v);
    else
        fputs(shortest(v, buf), w->out);
}

void rg_jsonw_bool(rg_jsonw *w, bool v)
{
    before_item(w);
    fputs(v ? "true" : "false", w->out);
}

void rg_jsonw_null(rg_jsonw *w)
{
    before_item(w);
    fputs("null", w->out);
}

static void write_object(rg_jsonw *w, const rg_value *v)
{
    rg_jsonw_object(w);
    for (size_t i = 0; i < rg_len(v); i++) {
        const rg_value *k = rg_object_key_at(v, i);
        before_item(w);
        if (rg_value_kind(k) == RG_STRING)
            rg_jsonw_escape(w->out, rg_string_bytes(k), rg_string_len(k));
        else
            fputs("\"\"", w->out);
        fputs(w->indent ? ": " : ":", w->out);
        w->after_key = true;
        rg_jsonw_value(w, rg_object_value_at(v, i));
    }
    rg_jsonw_end_object(w);
}

void rg_jsonw_value(rg_jsonw *w, const rg_value *v)
{
    switch (rg_value_kind(v)) {
    case RG_NULL:
        rg_jsonw_null(w);
        return;
    case RG_BOOLEAN:
        rg_jsonw_bool(w, rg_bool_get(v));
        return;
    case RG_NUMBER: {
        int64_t i;
        before_item(w);
        if (rg_number_int64(v, &i))
            fprintf(w->out, "%lld", (long long)i);
        else    /* a non-int64 number keeps its text, needing no arena */
            fputs(rg_number_text(NULL, v), w->out);
        return;
    }
    case RG_STRING:
        before_item(w);
        rg_jsonw_escape(w->out, rg_string_bytes(v), rg_string_len(v));
        return;
    case RG_ARRAY:
    case RG_SET:
        rg_jsonw_array(w);
        for (size_t i = 0; i < rg_len(v); i++)
            rg_jsonw_value(w, rg_value_kind(v) == RG_SET
                                  ? rg_set_at(v, i) : rg_array_at(v, i));
        rg_jsonw_end_array(w);
        return;
    case RG_OBJECT:
        write_object(w, v);
        return;
    }
}

void rg_jsonw_kstr(rg_jsonw *w, const char *key, const char *s)
{
    rg_jsonw_key(w, key);
    rg_jsonw_string(w, s);
}

void rg_jsonw_kint(rg_jsonw *w, const char *key, long long v)
{
    rg_jsonw_key(w, key);
    rg_jsonw_int(w, v);
}

void rg_jsonw_kdouble(rg_jsonw *w, const char *key, double v)
{
    rg_jsonw_key(w, key);
    rg_jsonw_double(w, v);
}
