/*
 * Kubernetes resource identifiers in Kubescape's form:
 * "<group>/<version>/<namespace>/<kind>/<name>".  The core group is
 * empty ("/v1/default/Pod/nginx") and so is the namespace of a
 * cluster-scoped object ("rbac.authorization.k8s.io/v1//ClusterRole/x").
 *
 * A resource read from a file gets Kubescape's file-scan form,
 * "path=<hash>/api=<group>/<version>/<namespace>/<kind>/<name>", where
 * hash is the 32-bit FNV-1a hash of the file's path, in decimal, as
 * Kubescape's local workloads (opa-utils localworkload GetID) build it.
 * So one object in two files gets two IDs and both are scanned.
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

/* The 32-bit FNV-1a hash of path (offset basis 2166136261, prime
 * 16777619): the hash Kubescape puts in file-scan resource IDs. */
uint32_t rg_rid_path_hash(const char *path);

/* The file-scan ID "path=<path_hash>/api=<plain_id>" of a resource whose
 * plain ID is plain_id.  Returns a string living in arena. */
const char *rg_rid_file_format(rg_arena *arena, uint32_t path_hash,
                               const char *plain_id);

/* The plain group/version/namespace/kind/name part of id: id itself, or
 * the part after "/api=" in a file-scan ID.  Lives where id lives. */
const char *rg_rid_plain(const char *id);

#endif
