/*
 * Rego text form of values; see runtime/value_text.h.
 */
#include "runtime/value_text.h"

#include <stdlib.h>

#include "runtime/number.h"
#include "runtime/utf8.h"

/* Code point ranges that Go's unicode.IsPrint rejects among the
 * assigned non-ASCII characters: C1 controls, spaces other than U+0020,
 * format characters, line and paragraph separators, private use and
 * noncharacters.
 * NOTE: unassigned code points count as printable here, while Go quotes
 * them; Go's full tables are not reproduced. */
static const uint32_t non_printable[][2] = {
    { 0x0080, 0x00A0 }, { 0x00AD, 0x00AD }, { 0x0600, 0x0605 },
    { 0x061C, 0x061C }, { 0x06DD, 0x06DD }, { 0x070F, 0x070F },
    { 0x1680, 0x1680 }, { 0x180E, 0x180E }, { 0x2000, 0x200F },
    { 0x2028, 0x202F }, { 0x205F, 0x2064 }, { 0x2066, 0x206F },
    { 0x3000, 0x3000 }, { 0xD800, 0xF8FF }, { 0xFEFF, 0xFEFF },
    { 0xFFF9, 0xFFFB }, { 0xFFFE, 0xFFFF }, { 0xE0001, 0xE007F },
    { 0xF0000, 0x10FFFF },
};

static bool is_printable(uint32_t cp)
{
    for (size_t i = 0; i < RG_ARRAY_LEN(non_printable); i++) {
        if (cp >= non_printable[i][0] && cp <= non_printable[i][1])
            return false;
    }
    return true;
}

static void quote_ascii(rg_buf *out, unsigned char c)
{
    static const char from[] = "\a\b\f\n\r\t\v\"\\";
    static const char to[] = "abfnrtv\"\\";
    for (size_t i = 0; i < sizeof from - 1; i++) {
        if (c == (unsigned char)from[i]) {
            rg_buf_putc(out, '\\');
            rg_buf_putc(out, to[i]);
            return;
        }
    }
    if (c < 0x20 || c == 0x7f)
        rg_buf_printf(out, "\\x%02x", c);
    else
        rg_buf_putc(out, (char)c);
}

void rg_value_write_quoted(rg_buf *out, const char *s, size_t len)
{
    rg_buf_reserve(out, len + 2);
    rg_buf_putc(out, '"');
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            quote_ascii(out, p[i++]);
            continue;
        }
        uint32_t cp;
        size_t n = rg_utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            rg_buf_printf(out, "\\x%02x", p[i++]);
        } else if (is_printable(cp)) {
            rg_buf_append(out, s + i, n);
            i += n;
        } else {
            rg_buf_printf(out, cp < 0x10000 ? "\\u%04x" : "\\U%08x",
                          (unsigned)cp);
            i += n;
        }
    }
    rg_buf_putc(out, '"');
}

static void write_items(rg_buf *out, const rg_value *v, bool is_set)
{
    size_t n = rg_len(v);
    if (is_set && n == 0) {
        rg_buf_puts(out, "set()");
        return;
    }
    rg_buf_putc(out, is_set ? '{' : '[');
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            rg_buf_append(out, ", ", 2);
        rg_value_write_rego(out, is_set ? rg_set_at(v, i)
                                        : rg_array_at(v, i));
    }
    rg_buf_putc(out, is_set ? '}' : ']');
}

static void write_object(rg_buf *out, const rg_value *v)
{
    rg_buf_putc(out, '{');
    for (size_t i = 0; i < rg_len(v); i++) {
        if (i > 0)
            rg_buf_append(out, ", ", 2);
        rg_value_write_rego(out, rg_object_key_at(v, i));
        rg_buf_append(out, ": ", 2);
        rg_value_write_rego(out, rg_object_value_at(v, i));
    }
    rg_buf_putc(out, '}');
}

void rg_value_write_rego(rg_buf *out, const rg_value *v)
{
    switch (rg_value_kind(v)) {
    case RG_NULL:
        rg_buf_puts(out, "null");
        break;
    case RG_BOOLEAN:
        rg_buf_puts(out, rg_bool_get(v) ? "true" : "false");
        break;
    case RG_NUMBER:
        rg_number_write(out, v);
        break;
    case RG_STRING:
        rg_value_write_quoted(out, rg_string_bytes(v), rg_string_len(v));
        break;
    case RG_ARRAY:
        write_items(out, v, false);
        break;
    case RG_OBJECT:
        write_object(out, v);
        break;
    case RG_SET:
        write_items(out, v, true);
        break;
    }
}

char *rg_value_rego_text(const rg_value *v)
{
    rg_buf b;
    rg_buf_init(&b);
    rg_value_write_rego(&b, v);
    return rg_buf_take(&b);
}
