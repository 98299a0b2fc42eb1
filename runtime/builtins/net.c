/*
 * The net.* builtins: cidr_contains (and its deprecated alias
 * cidr_overlap), cidr_intersects, cidr_contains_matches, cidr_expand,
 * cidr_is_valid, cidr_merge and lookup_ip_addr.  Address rules follow
 * Go's net package (runtime/builtins/netaddr.c).
 */
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

#include "runtime/builtins/extargs.h"
#include "runtime/builtins/netaddr.h"
#include "runtime/builtins/netmerge.h"

/* Most addresses net.cidr_expand lists: a /12 of IPv4.  OPA has no
 * limit but a timeout; a larger set would take gigabytes. */
#define NET_EXPAND_MAX (1u << 20)

static rg_bstatus net_operand(rg_bctx *ctx, const rg_value *v,
                              rg_ipnet *out)
{
    const char *s;
    size_t len;
    if (rg_extargs_string(ctx, v, 1, &s, &len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    if (!rg_netaddr_parse_cidr(s, len, out))
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "invalid CIDR address: %s", s);
    return RG_BUILTIN_OK;
}

/* Whether cidr a contains b, an address or a network. */
static rg_bstatus contains(rg_bctx *ctx, const rg_value *a,
                           const rg_value *b, bool *out)
{
    rg_ipnet net, inner;
    const char *s;
    size_t len;
    if (net_operand(ctx, a, &net) != RG_BUILTIN_OK ||
        rg_extargs_string(ctx, b, 1, &s, &len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_ip ip;
    if (rg_netaddr_parse_ip(s, len, &ip)) {
        *out = rg_netaddr_contains(&net, &ip);
        return RG_BUILTIN_OK;
    }
    if (!rg_netaddr_parse_cidr(s, len, &inner))
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "not a valid textual representation of an IP "
                             "address or CIDR: %s", s);
    rg_ip first, last;
    rg_netaddr_range(&inner, &first, &last);
    *out = rg_netaddr_contains(&net, &first) &&
           rg_netaddr_contains(&net, &last);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_contains(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    bool r;
    if (contains(ctx, args[0], args[1], &r) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    *out = rg_bool(r);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_intersects(rg_bctx *ctx, const rg_value *const *args,
                                size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_ipnet a, b;
    if (net_operand(ctx, args[0], &a) != RG_BUILTIN_OK ||
        net_operand(ctx, args[1], &b) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    *out = rg_bool(rg_netaddr_contains(&a, &b.ip) ||
                   rg_netaddr_contains(&b, &a.ip));
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_is_valid(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(ctx);
    RG_UNUSED(nargs);
    rg_ipnet n;
    *out = rg_bool(rg_value_kind(args[0]) == RG_STRING &&
                   rg_netaddr_parse_cidr(rg_string_bytes(args[0]),
                                         rg_string_len(args[0]), &n));
    return RG_BUILTIN_OK;
}

/* ---- net.cidr_contains_matches ----------------------------------------- */

/* One candidate: the CIDR or address term and its key in the result. */
typedef struct match_item {
    const rg_value *cidr;
    const rg_value *key;
} match_item;

static rg_bstatus match_term(rg_bctx *ctx, int operand, const rg_value *v,
                             const rg_value *key, match_item *out)
{
    out->key = key;
    if (rg_value_kind(v) == RG_STRING) {
        out->cidr = v;
        return RG_BUILTIN_OK;
    }
    if (rg_value_kind(v) == RG_ARRAY && rg_len(v) > 0) {
        out->cidr = rg_array_at(v, 0);
        return RG_BUILTIN_OK;
    }
    return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                         "operand %d: element must be string or non-empty "
                         "array", operand);
}

static rg_bstatus match_items(rg_bctx *ctx, int operand, const rg_value *v,
                              match_item **items, size_t *count)
{
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_kind k = rg_value_kind(v);
    size_t n = k == RG_STRING ? 1 : (k == RG_ARRAY || k == RG_SET ||
                                     k == RG_OBJECT) ? rg_len(v) : 0;
    *items = rg_arena_alloc(arena, (n + 1) * sizeof **items);
    *count = n;
    for (size_t i = 0; i < n; i++) {
        const rg_value *e, *key;
        if (k == RG_STRING) {
            e = key = v;
        } else if (k == RG_ARRAY) {
            e = rg_array_at(v, i);
            key = rg_int(arena, (int64_t)i);
        } else if (k == RG_SET) {
            e = key = rg_set_at(v, i);
        } else {
            e = rg_object_value_at(v, i);
            key = rg_object_key_at(v, i);
        }
        if (match_term(ctx, operand, e, key, &(*items)[i]) != RG_BUILTIN_OK)
            return RG_BUILTIN_ERROR;
    }
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_contains_matches(rg_bctx *ctx,
                                      const rg_value *const *args,
                                      size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    match_item *a, *b;
    size_t na, nb;
    if (match_items(ctx, 1, args[0], &a, &na) != RG_BUILTIN_OK ||
        match_items(ctx, 2, args[1], &b, &nb) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_builder *set = rg_set_builder(arena, 0);
    for (size_t i = 0; i < na; i++) {
        for (size_t j = 0; j < nb; j++) {
            bool r;
            if (contains(ctx, a[i].cidr, b[j].cidr, &r) != RG_BUILTIN_OK)
                return RG_BUILTIN_ERROR;
            if (!r)
                continue;
            const rg_value *pair[2] = { a[i].key, b[j].key };
            rg_builder_add(set, rg_array(arena, pair, 2));
        }
    }
    *out = rg_builder_finish(set);
    return RG_BUILTIN_OK;
}

/* ---- net.cidr_expand --------------------------------------------------- */

static rg_bstatus bi_expand(rg_bctx *ctx, const rg_value *const *args,
                            size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *s;
    size_t len;
    rg_ipnet net;
    if (rg_extargs_string(ctx, args[0], 1, &s, &len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    if (!rg_netaddr_parse_cidr(s, len, &net))
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "invalid CIDR address: %s", s);
    int host_bits = net.ip.len * 8 - net.prefix;
    if (host_bits > 20)
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "%s has more than %u addresses", s,
                             NET_EXPAND_MAX);
    rg_arena *arena = rg_bctx_arena(ctx);
    size_t count = (size_t)1 << host_bits;
    rg_builder *set = rg_set_builder(arena, count);
    rg_ip ip = net.ip;
    for (size_t i = 0; i < count; i++) {
        rg_builder_add(set, rg_cstring(arena, rg_netaddr_format(arena, &ip)));
        for (int k = ip.len - 1; k >= 0; k--)
            if (++ip.b[k] != 0)
                break;
    }
    *out = rg_builder_finish(set);
    return RG_BUILTIN_OK;
}

/* ---- net.cidr_merge ---------------------------------------------------- */

/* An element of net.cidr_merge: a CIDR, or a bare IPv4 address with its
 * classful default mask (/8, /16 or /24), as Go's IP.DefaultMask. */
static rg_bstatus merge_net(rg_bctx *ctx, const rg_value *v, rg_ipnet *out)
{
    if (rg_value_kind(v) != RG_STRING)
        return rg_extargs_fail(ctx, "element must be string");
    const char *s = rg_string_bytes(v);
    size_t len = rg_string_len(v);
    rg_ip ip;
    if (rg_netaddr_parse_ip(s, len, &ip)) {
        if (!rg_netaddr_to4(&ip, &out->ip))
            return rg_extargs_fail(ctx, "IPv6 invalid: needs prefix length");
        uint8_t b0 = out->ip.b[0];
        out->prefix = b0 < 0x80 ? 8 : b0 < 0xc0 ? 16 : 24;
        return RG_BUILTIN_OK;
    }
    if (!rg_netaddr_parse_cidr(s, len, out))
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR,
                             "invalid CIDR address: %s", s);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_merge(rg_bctx *ctx, const rg_value *const *args,
                           size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    rg_kind k = rg_value_kind(args[0]);
    if (k != RG_ARRAY && k != RG_SET)
        return rg_extargs_fail(ctx, "operand must be an array");
    size_t n = rg_len(args[0]);
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_ipnet *nets = rg_arena_alloc(arena, (n + 1) * sizeof *nets);
    for (size_t i = 0; i < n; i++) {
        const rg_value *e = k == RG_ARRAY ? rg_array_at(args[0], i)
                                          : rg_set_at(args[0], i);
        if (merge_net(ctx, e, &nets[i]) != RG_BUILTIN_OK)
            return RG_BUILTIN_ERROR;
    }
    *out = rg_netmerge_run(arena, nets, n);
    return RG_BUILTIN_OK;
}

/* ---- net.lookup_ip_addr ------------------------------------------------ */

static rg_bstatus bi_lookup_ip_addr(rg_bctx *ctx,
                                    const rg_value *const *args,
                                    size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *name;
    if (rg_extargs_string(ctx, args[0], 1, &name, NULL) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(name, NULL, &hints, &res);
    if (rc != 0) {
        const char *why = rc == EAI_NONAME ? "no such host" : gai_strerror(rc);
        return rg_bctx_error(ctx, RG_EXTARGS_BUILTIN_ERROR, "lookup %s: %s",
                             name, why);
    }
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_builder *set = rg_set_builder(arena, 0);
    for (struct addrinfo *p = res; p; p = p->ai_next) {
        rg_ip ip;
        if (p->ai_family == AF_INET) {
            memcpy(ip.b, &((struct sockaddr_in *)(void *)p->ai_addr)->sin_addr,
                   4);
            ip.len = 4;
        } else if (p->ai_family == AF_INET6) {
            memcpy(ip.b,
                   &((struct sockaddr_in6 *)(void *)p->ai_addr)->sin6_addr, 16);
            ip.len = 16;
        } else {
            continue;
        }
        rg_builder_add(set, rg_cstring(arena, rg_netaddr_format(arena, &ip)));
    }
    freeaddrinfo(res);
    *out = rg_builder_finish(set);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_net[] = {
    { "net.cidr_contains", 2, bi_contains, false, false },
    { "net.cidr_overlap", 2, bi_contains, false, false },
    { "net.cidr_intersects", 2, bi_intersects, false, false },
    { "net.cidr_contains_matches", 2, bi_contains_matches, false, false },
    { "net.cidr_expand", 1, bi_expand, false, false },
    { "net.cidr_is_valid", 1, bi_is_valid, false, false },
    { "net.cidr_merge", 1, bi_merge, false, false },
    { "net.lookup_ip_addr", 1, bi_lookup_ip_addr, false, true },
    { NULL, 0, NULL, false, false },
};
