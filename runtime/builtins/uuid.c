/*
 * uuid.rfc4122 (a random version 4 UUID, one per key for the whole
 * query) and uuid.parse (version, variant and, for versions 1 and 2, the
 * time, clock sequence, node and DCE fields).  Parsing accepts the forms
 * Go's github.com/google/uuid accepts: 36 characters with dashes, the
 * same inside any two enclosing bytes ("{...}"), with a case-insensitive
 * "urn:uuid:" prefix, or 32 hex digits.
 */
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "runtime/builtins/extargs.h"

/* 100-nanosecond intervals from 1582-10-15 (the UUID epoch) to 1970. */
#define UUID_EPOCH_OFFSET 122192928000000000LL

static rg_bstatus bi_rfc4122(rg_bctx *ctx, const rg_value *const *args,
                             size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_arena *arena = rg_bctx_arena(ctx);
    const rg_value *key_items[2] = { rg_cstring(arena, "uuid.rfc4122"),
                                     args[0] };
    const rg_value *key = rg_array(arena, key_items, 2);
    const rg_value *memo = rg_bctx_memo_get(ctx, key);
    if (memo) {
        *out = memo;
        return RG_BUILTIN_OK;
    }
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1)
        return rg_extargs_fail(ctx, "failed to read random bytes");
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    char text[37];
    snprintf(text, sizeof text,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
             b[10], b[11], b[12], b[13], b[14], b[15]);
    *out = rg_extargs_str(ctx, text, 36);
    rg_bctx_memo_put(ctx, key, *out);
    return RG_BUILTIN_OK;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool hex_bytes(const char *s, size_t n, unsigned char *out)
{
    for (size_t i = 0; i < n; i++) {
        int hi = hex_digit(s[2 * i]), lo = hex_digit(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return true;
}

static bool parse_uuid(const char *s, size_t len, unsigned char b[16])
{
    if (len == 36 + 9) {
        if (strncasecmp(s, "urn:uuid:", 9) != 0)
            return false;
        s += 9;
        len = 36;
    } else if (len == 36 + 2) {
        s++;
        len = 36;
    } else if (len == 32) {
        return hex_bytes(s, 16, b);
    }
    if (len != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' ||
        s[23] != '-')
        return false;
    static const int starts[5] = { 0, 9, 14, 19, 24 };
    static const int counts[5] = { 4, 2, 2, 2, 6 };
    int k = 0;
    for (int i = 0; i < 5; i++) {
        if (!hex_bytes(s + starts[i], (size_t)counts[i], b + k))
            return false;
        k += counts[i];
    }
    return true;
}

static const char *variant_name(unsigned char b)
{
    if ((b & 0xc0) == 0x80)
        return "RFC4122";
    if ((b & 0xe0) == 0xc0)
        return "Microsoft";
    if ((b & 0xe0) == 0xe0)
        return "Future";
    return "Reserved";
}

static const char *mac_variables(unsigned char b)
{
    if ((b & 3) == 3)
        return "local:multicast";
    if (b & 1)
        return "global:multicast";
    if (b & 2)
        return "local:unicast";
    return "global:unicast";
}

static void put(rg_builder *o, rg_arena *arena, const char *key,
                const rg_value *v)
{
    rg_builder_put(o, rg_cstring(arena, key), v);
}

/* Time, clock sequence and node of a version 1 or 2 UUID. */
static void put_time_fields(rg_builder *o, rg_arena *arena,
                            const unsigned char *b)
{
    int64_t t = (int64_t)((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
                          (uint32_t)b[2] << 8 | b[3]);
    t |= (int64_t)(b[4] << 8 | b[5]) << 32;
    t |= (int64_t)((b[6] << 8 | b[7]) & 0xfff) << 48;
    int64_t since = t - UUID_EPOCH_OFFSET;
    int64_t ns = since / 10000000 * 1000000000 + since % 10000000 * 100;
    put(o, arena, "time", rg_int(arena, ns));
    put(o, arena, "clocksequence",
        rg_int(arena, (b[8] << 8 | b[9]) & 0x3fff));
    put(o, arena, "nodeid", rg_cstring(arena, rg_arena_printf(
        arena, "%02x-%02x-%02x-%02x-%02x-%02x", b[10], b[11], b[12], b[13],
        b[14], b[15])));
    put(o, arena, "macvariables", rg_cstring(arena, mac_variables(b[10])));
}

static void put_dce_fields(rg_builder *o, rg_arena *arena,
                           const unsigned char *b)
{
    static const char *const domains[3] = { "Person", "Group", "Org" };
    uint32_t id = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
                  (uint32_t)b[2] << 8 | b[3];
    put(o, arena, "id", rg_int(arena, id));
    put(o, arena, "domain", rg_cstring(arena, b[9] < 3
        ? domains[b[9]] : rg_arena_printf(arena, "Domain%d", b[9])));
}

static rg_bstatus bi_parse(rg_bctx *ctx, const rg_value *const *args,
                           size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *s;
    size_t len;
    if (rg_extargs_string(ctx, args[0], 1, &s, &len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    unsigned char b[16];
    if (!parse_uuid(s, len, b))
        return RG_BUILTIN_UNDEFINED;
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_builder *o = rg_object_builder(arena, 8);
    int version = b[6] >> 4;
    put(o, arena, "version", rg_int(arena, version));
    put(o, arena, "variant", rg_cstring(arena, variant_name(b[8])));
    if (version == 1 || version == 2)
        put_time_fields(o, arena, b);
    if (version == 2)
        put_dce_fields(o, arena, b);
    *out = rg_builder_finish(o);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_uuid[] = {
    { "uuid.rfc4122", 1, bi_rfc4122, false, true },
    { "uuid.parse", 1, bi_parse, false, false },
    { NULL, 0, NULL, false, false },
};
