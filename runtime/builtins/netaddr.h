/*
 * IP addresses and CIDR networks with Go's net package rules: parsing
 * (no leading zeros in IPv4, no zones), containment with IPv4-mapped
 * IPv6 addresses treated as IPv4, and Go's text forms.
 */
#ifndef RG_NETADDR_H
#define RG_NETADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/arena.h"

/* An address: 4 bytes (IPv4) or 16 bytes (IPv6, maybe IPv4-mapped). */
typedef struct rg_ip {
    uint8_t b[16];
    int len;
} rg_ip;

/* A network: its address (not necessarily masked) and prefix length in
 * bits of ip.len. */
typedef struct rg_ipnet {
    rg_ip ip;
    int prefix;
} rg_ipnet;

/* Parse an address as Go's net.ParseIP does; the result is 16 bytes. */
bool rg_netaddr_parse_ip(const char *s, size_t len, rg_ip *out);

/* Parse "addr/prefix" as Go's net.ParseCIDR; the network's address is
 * masked, 4 bytes for IPv4 and 16 for IPv6. */
bool rg_netaddr_parse_cidr(const char *s, size_t len, rg_ipnet *out);

/* The 4-byte form of an IPv4 or IPv4-mapped address; false otherwise. */
bool rg_netaddr_to4(const rg_ip *ip, rg_ip *out);

/* Whether net contains ip, with Go's IPNet.Contains rules. */
bool rg_netaddr_contains(const rg_ipnet *net, const rg_ip *ip);

/* The network's first and last address, in the network's length. */
void rg_netaddr_range(const rg_ipnet *net, rg_ip *first, rg_ip *last);

/* Go's IP.String: dotted IPv4 for 4-byte and IPv4-mapped addresses,
 * RFC 5952 text otherwise.  Returns a string in arena. */
char *rg_netaddr_format(rg_arena *arena, const rg_ip *ip);

/* Go's IPNet.String: address, '/', prefix.  Lives in arena. */
char *rg_netaddr_format_net(rg_arena *arena, const rg_ipnet *net);

#endif
