/*
 * CIDR merging.  Every network becomes a range of 16-byte addresses
 * (IPv4 as IPv4-mapped IPv6).  Ranges are sorted by last then first
 * address and joined when one starts at most one address after the
 * previous one ends.  A range that joined nothing keeps its original
 * network text; a joined range is split greedily into the largest
 * aligned blocks, which is the unique minimal CIDR cover.
 */
#include "runtime/builtins/netmerge.h"

#include <stdlib.h>
#include <string.h>

typedef struct ip_range {
    uint8_t first[16], last[16];
    const rg_ipnet *net;    /* NULL once joined with another range */
} ip_range;

static const uint8_t v4_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                       0xff, 0xff };

static void widen(const rg_ip *ip, uint8_t out[16])
{
    if (ip->len == 4) {
        memcpy(out, v4_prefix, 12);
        memcpy(out + 12, ip->b, 4);
    } else {
        memcpy(out, ip->b, 16);
    }
}

static int range_order(const void *pa, const void *pb)
{
    const ip_range *a = pa, *b = pb;
    int c = memcmp(a->last, b->last, 16);
    return c ? c : memcmp(a->first, b->first, 16);
}

/* ip - 1, unless ip is the lowest IPv4 or IPv6 address. */
static void previous(const uint8_t ip[16], uint8_t out[16])
{
    static const uint8_t zero[16];
    uint8_t v4zero[16] = { 0 };
    memcpy(v4zero, v4_prefix, 12);
    memcpy(out, ip, 16);
    if (memcmp(ip, zero, 16) == 0 || memcmp(ip, v4zero, 16) == 0)
        return;
    for (int i = 15; i >= 0; i--)
        if (out[i]-- != 0)
            break;
}

static bool is_v4(const uint8_t ip[16])
{
    return memcmp(ip, v4_prefix, 12) == 0;
}

/* Trailing zero bits of a, capped at bits. */
static int trailing_zero_bits(const uint8_t a[16], int bits)
{
    int n = 0;
    for (int i = 15; i >= 0 && n < bits; i--) {
        if (a[i] == 0) {
            n += 8;
            continue;
        }
        for (int b = 0; b < 8 && !(a[i] >> b & 1); b++)
            n++;
        break;
    }
    return n < bits ? n : bits;
}

/* a + 2^k - 1 (the end of a block of 2^k addresses starting at a). */
static void block_end(const uint8_t a[16], int k, uint8_t out[16])
{
    memcpy(out, a, 16);
    for (int i = 15; i >= 0 && k > 0; i--, k -= 8)
        out[i] |= k >= 8 ? 0xff : (uint8_t)((1u << k) - 1);
}

static bool increment(uint8_t a[16])
{
    for (int i = 15; i >= 0; i--)
        if (++a[i] != 0)
            return true;
    return false;
}

static void add_net(rg_arena *arena, rg_builder *out, const uint8_t a[16],
                    int bits, int k)
{
    rg_ipnet n;
    if (bits == 32) {
        memcpy(n.ip.b, a + 12, 4);
        n.ip.len = 4;
    } else {
        memcpy(n.ip.b, a, 16);
        n.ip.len = 16;
    }
    n.prefix = bits - k;
    rg_builder_add(out, rg_cstring(arena, rg_netaddr_format_net(arena, &n)));
}

/* Cover first..last with the fewest aligned blocks. */
static void cover(rg_arena *arena, rg_builder *out, const uint8_t first[16],
                  const uint8_t last[16])
{
    int bits = is_v4(first) ? 32 : 128;
    uint8_t a[16], end[16];
    memcpy(a, first, 16);
    for (;;) {
        int k = trailing_zero_bits(a, bits);
        block_end(a, k, end);
        while (memcmp(end, last, 16) > 0) {
            k--;
            block_end(a, k, end);
        }
        add_net(arena, out, a, bits, k);
        if (memcmp(end, last, 16) == 0)
            return;
        memcpy(a, end, 16);
        if (!increment(a))
            return;
    }
}

const rg_value *rg_netmerge_run(rg_arena *arena, const rg_ipnet *nets,
                                size_t count)
{
    ip_range *r = rg_xcalloc(count + 1, sizeof *r);
    for (size_t i = 0; i < count; i++) {
        rg_ip first, last;
        rg_netaddr_range(&nets[i], &first, &last);
        widen(&first, r[i].first);
        widen(&last, r[i].last);
        r[i].net = &nets[i];
    }
    qsort(r, count, sizeof *r, range_order);
    size_t n = count;
    for (size_t i = n; i-- > 1;) {
        uint8_t prev[16];
        previous(r[i].first, prev);
        if (memcmp(prev, r[i - 1].last, 16) > 0)
            continue;
        if (memcmp(r[i - 1].first, r[i].first, 16) > 0)
            memcpy(r[i - 1].first, r[i].first, 16);
        memcpy(r[i - 1].last, r[i].last, 16);
        r[i - 1].net = NULL;
        memmove(&r[i], &r[i + 1], (n - i - 1) * sizeof *r);
        n--;
    }
    rg_builder *out = rg_set_builder(arena, n);
    for (size_t i = 0; i < n; i++) {
        if (r[i].net)
            rg_builder_add(out, rg_cstring(arena,
                rg_netaddr_format_net(arena, r[i].net)));
        else
            cover(arena, out, r[i].first, r[i].last);
    }
    free(r);
    return rg_builder_finish(out);
}
