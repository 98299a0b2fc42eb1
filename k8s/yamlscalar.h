/*
 * Resolution of YAML scalars to values under Kubernetes' YAML 1.1 rules
 * (see k8s/yamldoc.h for the list).  Internal to the YAML reader.
 */
#ifndef RG_K8S_YAMLSCALAR_H
#define RG_K8S_YAMLSCALAR_H

#include <yaml.h>

#include "runtime/value.h"

/* The value of scalar event ev: plain scalars are resolved, quoted ones
 * and !!str are strings.  Lives in arena. */
const rg_value *rg_yamlscalar_value(rg_arena *arena,
                                    const yaml_event_t *ev);

/* A mapping key from scalar event ev: always a string holding the
 * scalar's text.  Lives in arena. */
const rg_value *rg_yamlscalar_key(rg_arena *arena, const yaml_event_t *ev);

/* Resolve plain scalar text (len bytes) as YAML 1.1 does.  Lives in
 * arena. */
const rg_value *rg_yamlscalar_resolve(rg_arena *arena, const char *text,
                                      size_t len);

#endif
