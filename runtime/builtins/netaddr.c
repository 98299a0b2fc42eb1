/*
 * IP address and CIDR parsing, containment and formatting with Go's net
 * package rules.  Parsing uses inet_pton, whose IPv4 form matches Go's
 * (four decimal fields, no leading zeros); zones are rejected.
 */
#include "runtime/builtins/netaddr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

/* Longest address text inet_pton is given; longer input is invalid. */
#define NETADDR_TEXT_MAX 64

static const uint8_t v4_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                       0xff, 0xff };

bool rg_netaddr_parse_ip(const char *s, size_t len, rg_ip *out)
{
    char buf[NETADDR_TEXT_MAX];
    if (len == 0 || len >= sizeof buf || memchr(s, '\0', len))
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    uint8_t v4[4];
    if (inet_pton(AF_INET, buf, v4) == 1) {
        memcpy(out->b, v4_prefix, 12);
        memcpy(out->b + 12, v4, 4);
        out->len = 16;
        return true;
    }
    if (inet_pton(AF_INET6, buf, out->b) == 1) {
        out->len = 16;
        return true;
    }
    return false;
}

bool rg_netaddr_to4(const rg_ip *ip, rg_ip *out)
{
    if (ip->len == 4) {
        *out = *ip;
        return true;
    }
    if (memcmp(ip->b, v4_prefix, 12) != 0)
        return false;
    memcpy(out->b, ip->b + 12, 4);
    out->len = 4;
    return true;
}

static void apply_mask(rg_ip *ip, int prefix)
{
    for (int i = 0; i < ip->len; i++) {
        int bits = prefix - i * 8;
        uint8_t m = bits >= 8   ? 0xff
                    : bits <= 0 ? 0
                                : (uint8_t)(0xff << (8 - bits));
        ip->b[i] &= m;
    }
}

static bool parse_prefix(const char *s, size_t len, int *out)
{
    if (len == 0)
        return false;
    int n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        n = n * 10 + (s[i] - '0');
        if (n > 0xffffff)
            return false;
    }
    *out = n;
    return true;
}

bool rg_netaddr_parse_cidr(const char *s, size_t len, rg_ipnet *out)
{
    const char *slash = memchr(s, '/', len);
    if (!slash)
        return false;
    size_t alen = (size_t)(slash - s);
    char buf[NETADDR_TEXT_MAX];
    if (alen == 0 || alen >= sizeof buf || memchr(s, '\0', alen))
        return false;
    memcpy(buf, s, alen);
    buf[alen] = '\0';
    int prefix;
    if (!parse_prefix(slash + 1, len - alen - 1, &prefix))
        return false;
    if (inet_pton(AF_INET, buf, out->ip.b) == 1)
        out->ip.len = 4;
    else if (inet_pton(AF_INET6, buf, out->ip.b) == 1)
        out->ip.len = 16;
    else
        return false;
    if (prefix > out->ip.len * 8)
        return false;
    out->prefix = prefix;
    apply_mask(&out->ip, prefix);
    return true;
}

/* The network number and prefix as Go's networkNumberAndMask gives them:
 * an IPv4-mapped IPv6 network counts as IPv4 with the last 32 bits of
 * its mask. */
static void network_number(const rg_ipnet *net, rg_ip *nn, int *prefix)
{
    *prefix = net->prefix;
    if (rg_netaddr_to4(&net->ip, nn)) {
        if (net->ip.len == 16)
            *prefix = net->prefix > 96 ? net->prefix - 96 : 0;
        return;
    }
    *nn = net->ip;
}

bool rg_netaddr_contains(const rg_ipnet *net, const rg_ip *ip)
{
    rg_ip nn, x;
    int prefix;
    network_number(net, &nn, &prefix);
    if (!rg_netaddr_to4(ip, &x))
        x = *ip;
    if (x.len != nn.len)
        return false;
    apply_mask(&x, prefix);
    apply_mask(&nn, prefix);
    return memcmp(x.b, nn.b, (size_t)x.len) == 0;
}

void rg_netaddr_range(const rg_ipnet *net, rg_ip *first, rg_ip *last)
{
    *first = net->ip;
    apply_mask(first, net->prefix);
    *last = *first;
    for (int i = 0; i < last->len; i++) {
        int bits = net->prefix - i * 8;
        uint8_t host = bits >= 8 ? 0 : bits <= 0 ? 0xff
                                                 : (uint8_t)(0xff >> bits);
        last->b[i] |= host;
    }
}

static char *format_v6(rg_arena *arena, const rg_ip *ip)
{
    uint16_t g[8];
    for (int i = 0; i < 8; i++)
        g[i] = (uint16_t)(ip->b[2 * i] << 8 | ip->b[2 * i + 1]);
    /* The longest run of two or more zero groups becomes "::". */
    int best = -1, best_len = 1;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && g[j] == 0)
            j++;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j > i ? j : i + 1;
    }
    char buf[48];
    size_t n = 0;
    for (int i = 0; i < 8; i++) {
        if (i == best) {
            buf[n++] = ':';
            buf[n++] = ':';
            i += best_len - 1;
            continue;
        }
        if (i > 0 && i != best + best_len)
            buf[n++] = ':';
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%x", g[i]);
    }
    return rg_arena_strndup(arena, buf, n);
}

char *rg_netaddr_format(rg_arena *arena, const rg_ip *ip)
{
    rg_ip v4;
    if (rg_netaddr_to4(ip, &v4))
        return rg_arena_printf(arena, "%u.%u.%u.%u", v4.b[0], v4.b[1],
                               v4.b[2], v4.b[3]);
    return format_v6(arena, ip);
}

char *rg_netaddr_format_net(rg_arena *arena, const rg_ipnet *net)
{
    rg_ip nn;
    int prefix;
    network_number(net, &nn, &prefix);
    return rg_arena_printf(arena, "%s/%d", rg_netaddr_format(arena, &nn),
                           prefix);
}
