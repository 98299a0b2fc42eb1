/*
 * OPA's term text for values, written into arena buffers (see format.h);
 * the text itself comes from the value layer's Rego text form.
 */
#include "runtime/buf.h"
#include "runtime/builtins/format.h"
#include "runtime/value_text.h"

void rg_format_value(rg_strbuf *b, const rg_value *v)
{
    rg_buf tmp;
    rg_buf_init(&tmp);
    rg_value_write_rego(&tmp, v);
    rg_strbuf_add(b, tmp.data, tmp.len);
    rg_buf_free(&tmp);
}

void rg_format_quote(rg_strbuf *b, const char *s, size_t len)
{
    rg_buf tmp;
    rg_buf_init(&tmp);
    rg_value_write_quoted(&tmp, s, len);
    rg_strbuf_add(b, tmp.data, tmp.len);
    rg_buf_free(&tmp);
}

const char *rg_format_text(rg_arena *arena, const rg_value *v)
{
    rg_strbuf b;
    rg_strbuf_init(&b, arena);
    rg_format_value(&b, v);
    return b.data;
}
