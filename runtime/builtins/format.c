/*
 * OPA's term text for values (see format.h).
 */
#include "runtime/builtins/format.h"
#include "runtime/builtins/utf8.h"

bool rg_format_is_print(int32_t r)
{
    if (r < 0x20 || (r >= 0x7F && r < 0xA0) || r == 0xAD)
        return false;
    if ((r >= 0x2000 && r <= 0x200F) || (r >= 0x2028 && r <= 0x202F))
        return false;
    if ((r >= 0x205F && r <= 0x206F) || r == 0x3000 || r == 0xFEFF)
        return false;
    if ((r >= 0xD800 && r <= 0xDFFF) || (r >= 0xE000 && r <= 0xF8FF))
        return false;
    if (r == 0xFFFE || r == 0xFFFF || r > 0x10FFFF || r >= 0xF0000)
        return false;
    return true;
}

/* The escape letter for a control character Go names, or 0. */
static char format_named_escape(int32_t r)
{
    switch (r) {
    case '\a': return 'a';
    case '\b': return 'b';
    case '\f': return 'f';
    case '\n': return 'n';
    case '\r': return 'r';
    case '\t': return 't';
    case '\v': return 'v';
    case '\\': return '\\';
    case '"': return '"';
    default: return 0;
    }
}

static void format_quote_rune(rg_strbuf *b, int32_t r)
{
    char esc = format_named_escape(r);
    if (esc) {
        rg_strbuf_addc(b, '\\');
        rg_strbuf_addc(b, esc);
    } else if (rg_format_is_print(r)) {
        rg_strbuf_rune(b, r);
    } else if (r < 0x80) {
        rg_strbuf_printf(b, "\\x%02x", (unsigned)r);
    } else if (r < 0x10000) {
        rg_strbuf_printf(b, "\\u%04x", (unsigned)r);
    } else {
        rg_strbuf_printf(b, "\\U%08x", (unsigned)r);
    }
}

void rg_format_quote(rg_strbuf *b, const char *s, size_t len)
{
    rg_strbuf_addc(b, '"');
    for (size_t pos = 0; pos < len;) {
        size_t start = pos;
        int32_t r = rg_utf8_decode(s, len, &pos);
        if (r == RG_UTF8_ERROR && pos - start == 1)
            rg_strbuf_printf(b, "\\x%02x", (unsigned char)s[start]);
        else
            format_quote_rune(b, r);
    }
    rg_strbuf_addc(b, '"');
}

static void format_array(rg_strbuf *b, const rg_value *v)
{
    rg_strbuf_addc(b, '[');
    for (size_t i = 0; i < rg_len(v); i++) {
        if (i)
            rg_strbuf_adds(b, ", ");
        rg_format_value(b, rg_array_at(v, i));
    }
    rg_strbuf_addc(b, ']');
}

static void format_object(rg_strbuf *b, const rg_value *v)
{
    rg_strbuf_addc(b, '{');
    for (size_t i = 0; i < rg_len(v); i++) {
        if (i)
            rg_strbuf_adds(b, ", ");
        rg_format_value(b, rg_object_key_at(v, i));
        rg_strbuf_adds(b, ": ");
        rg_format_value(b, rg_object_value_at(v, i));
    }
    rg_strbuf_addc(b, '}');
}

static void format_set(rg_strbuf *b, const rg_value *v)
{
    if (rg_len(v) == 0) {
        rg_strbuf_adds(b, "set()");
        return;
    }
    rg_strbuf_addc(b, '{');
    for (size_t i = 0; i < rg_len(v); i++) {
        if (i)
            rg_strbuf_adds(b, ", ");
        rg_format_value(b, rg_set_at(v, i));
    }
    rg_strbuf_addc(b, '}');
}

void rg_format_value(rg_strbuf *b, const rg_value *v)
{
    switch (rg_value_kind(v)) {
    case RG_NULL:
        rg_strbuf_adds(b, "null");
        break;
    case RG_BOOLEAN:
        rg_strbuf_adds(b, rg_bool_get(v) ? "true" : "false");
        break;
    case RG_NUMBER:
        rg_strbuf_adds(b, rg_number_text(b->arena, v));
        break;
    case RG_STRING:
        rg_format_quote(b, rg_string_bytes(v), rg_string_len(v));
        break;
    case RG_ARRAY:
        format_array(b, v);
        break;
    case RG_OBJECT:
        format_object(b, v);
        break;
    case RG_SET:
        format_set(b, v);
        break;
    }
}

const char *rg_format_text(rg_arena *arena, const rg_value *v)
{
    rg_strbuf b;
    rg_strbuf_init(&b, arena);
    rg_format_value(&b, v);
    return b.data;
}
