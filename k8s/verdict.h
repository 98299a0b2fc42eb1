/*
 * From a rule's results to per-resource verdicts, as Kubescape does it:
 * the package document (an object of rule name -> set of result
 * objects) is decoded as a list of rule responses; each object in
 * alertObject.k8sApiObjects and alertObject.externalObjects fails with
 * the response's paths; every other tested resource passes; a response
 * that cannot be decoded skips every tested resource that did not fail.
 * Resources in namespaces the scan filters out get no verdict
 * (cluster-scoped ones are never filtered).
 */
#ifndef RG_K8S_VERDICT_H
#define RG_K8S_VERDICT_H

#include "k8s/result.h"
#include "k8s/store.h"

typedef struct rg_ns_filter {
    rg_strlist include;         /* when not empty, only these */
    rg_strlist exclude;
} rg_ns_filter;

/* true when the filter drops namespace ns ("" is never dropped). */
bool rg_verdict_ns_skipped(const rg_ns_filter *filter, const char *ns);

/* The resource ID of an object in a rule's input or response: the ID of
 * the resource of store it stands for (rg_store_resolve), else Kubescape's
 * group/version/namespace/kind/name; or for an aggregated subject (an
 * object with relatedObjects) the IDs of the related objects, found the
 * same way, and the subject's apiVersion/namespace/kind/name, sorted and
 * joined with "/".  store may be NULL.  Lives in arena. */
const char *rg_verdict_object_id(rg_arena *arena, const rg_store *store,
                                 const rg_value *obj);

typedef struct rg_rule_run {
    rg_results *results;
    uint32_t control;           /* index in results->controls */
    const char *rule;           /* rule name */
    const rg_ns_filter *filter;
    const rg_value *tested;     /* array of the objects that may pass:
                                   the input, or the filter's output */
    rg_arena *scratch;          /* for IDs while applying; NULL: the
                                   results' arena */
    const rg_store *store;      /* resources the IDs name; NULL: plain
                                   IDs */
} rg_rule_run;

/* Apply the package document doc of one evaluation.  Returns 0, or -1
 * when doc could not be decoded, after skipping every tested resource
 * that did not fail; *error (may be NULL) then gets a message living in
 * the results. */
int rg_verdict_apply(const rg_rule_run *run, const rg_value *doc,
                     const char **error);

/* Mark every tested resource skipped (unless failed): the evaluation
 * failed with message error (copied). */
void rg_verdict_skip_all(const rg_rule_run *run, const char *error);

/* The objects a rule's responses in doc name as failed: the resource
 * enumerator's output (filter.rego).  Returns an array value living in
 * arena, or NULL when doc cannot be decoded. */
const rg_value *rg_verdict_failed_objects(rg_arena *arena,
                                          const rg_value *doc);

#endif
