/*
 * net.cidr_merge's algorithm: sort address ranges, join overlapping or
 * adjacent ones, and cover each joined range with the fewest CIDRs.
 */
#ifndef RG_NETMERGE_H
#define RG_NETMERGE_H

#include "runtime/builtin.h"
#include "runtime/builtins/netaddr.h"

/* Merge count networks; returns a set of CIDR strings in arena. */
const rg_value *rg_netmerge_run(rg_arena *arena, const rg_ipnet *nets,
                                size_t count);

#endif
