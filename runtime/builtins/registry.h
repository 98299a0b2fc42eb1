/*
 * Registry facts beyond runtime/builtin.h: which builtins OPA deprecated,
 * so that the compiler can reject them in Rego v1 modules (and in v0
 * modules compiled strictly) while v0 modules may still call them.
 */
#ifndef RG_REGISTRY_H
#define RG_REGISTRY_H

#include "runtime/common.h"

/* True when name is a deprecated builtin: the casts cast_array,
 * cast_boolean, cast_null, cast_object, cast_set, cast_string, and
 * re_match, set_diff, all, any and net.cidr_overlap. */
bool rg_builtin_deprecated(const char *name);

#endif
