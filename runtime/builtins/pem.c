/*
 * PEM decoding: a BEGIN line, optional "Key: value" headers, a base64
 * body and the matching END line.  A block whose body is not valid
 * base64 is skipped, as Go's pem.Decode does.
 */
#include "runtime/builtins/pem.h"

#include <string.h>

#include "runtime/builtins/b64.h"

static const char *find(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

/* The body between the header block and the END line, whitespace
 * removed. */
static char *body_text(rg_arena *arena, const char *p, const char *end,
                       size_t *n)
{
    /* Headers end at the first empty line; without a ':' on the first
     * line there are none. */
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (nl && memchr(p, ':', (size_t)(nl - p))) {
        const char *blank = find(p, (size_t)(end - p), "\n\n");
        if (!blank)
            blank = find(p, (size_t)(end - p), "\r\n\r\n");
        if (blank)
            p = blank;
    }
    char *out = rg_arena_alloc(arena, (size_t)(end - p) + 1);
    size_t k = 0;
    for (; p < end; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
            out[k++] = *p;
    out[k] = '\0';
    *n = k;
    return out;
}

static bool decode_at(rg_arena *arena, const char *data, size_t len,
                      const char *begin, rg_pem_block *block, size_t *rest)
{
    const char *type = begin + strlen("-----BEGIN ");
    const char *line_end = memchr(type, '\n', len - (size_t)(type - data));
    if (!line_end)
        return false;
    const char *te = line_end;
    while (te > type && (te[-1] == '\r' || te[-1] == ' ' || te[-1] == '\t'))
        te--;
    if (te - type < 5 || memcmp(te - 5, "-----", 5) != 0)
        return false;
    char *t = rg_arena_strndup(arena, type, (size_t)(te - 5 - type));
    char *endline = rg_arena_printf(arena, "-----END %s-----", t);
    const char *body = line_end + 1;
    const char *end = find(body, len - (size_t)(body - data), endline);
    if (!end)
        return false;
    size_t n;
    char *text = body_text(arena, body, end, &n);
    size_t pos;
    if (!rg_b64_decode(arena, RG_B64_STD, text, n, &block->der,
                       &block->der_len, &pos))
        return false;
    block->type = t;
    const char *after = end + strlen(endline);
    while (after < data + len && (*after == '\r' || *after == '\n'))
        after++;
    *rest = (size_t)(after - data);
    return true;
}

bool rg_pem_next(rg_arena *arena, const char *data, size_t len,
                 rg_pem_block *block, size_t *rest)
{
    size_t off = 0;
    *rest = 0;
    while (off < len) {
        const char *begin = find(data + off, len - off, "-----BEGIN ");
        if (!begin)
            return false;
        if ((begin == data || begin[-1] == '\n') &&
            decode_at(arena, data, len, begin, block, rest))
            return true;
        off = (size_t)(begin - data) + 1;
    }
    return false;
}
