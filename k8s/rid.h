/*
 * Kubernetes resource identifiers in Kubescape's form:
 * "<group>/<version>/<namespace>/<kind>/<name>".  The core group is
 * empty ("/v1/default/Pod/nginx") and so is the namespace of a
 * cluster-scoped object ("rbac.authorization.k8s.io/v1//ClusterRole/x").
 */
#ifndef RG_K8S_RID_H
#define RG_K8S_RID_H

#include "runtime/arena.h"

/* Split an apiVersion into group and version: "apps/v1" gives "apps" and
 * "v1"; "v1" gives "" and "v1".  Both results live in arena. */
void rg_rid_split_api_version(rg_arena *arena, const char *api_version,
                              const char **group, const char **version);

/* Format the resource ID of an object from its parts (NULL counts as
 * ""). Returns a string living in arena. */
const char *rg_rid_format(rg_arena *arena, const char *api_version,
                          const char *namespace_, const char *kind,
                          const char *name);

#endif
