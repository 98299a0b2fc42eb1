/*
 * Kubescape posture exception policies (postureExceptionPolicy): which
 * failed rule verdicts to turn into "passed, w/exceptions".
 *
 * A policy applies to a control and rule when it has no
 * posturePolicies, or when one entry matches.  An entry matches when its
 * controlID and ruleName, where set, each equal the control ID or rule
 * name ignoring case, or match it as an anchored case-insensitive
 * regular expression.  frameworkName is not checked for resources.
 *
 * A policy applies to a resource when one of its designators matches.
 * Every attribute among namespace, kind, name, resourceID and path (the
 * source file) must match as an anchored case-sensitive regular
 * expression.  Any other attribute is a label, and all of them must
 * match the object's labels (or all of them its annotations).  A
 * designator with no attributes matches nothing.  Policies whose
 * expirationDate has passed are dropped when loaded.
 */
#ifndef RG_K8S_EXCEPTIONS_H
#define RG_K8S_EXCEPTIONS_H

#include <time.h>

#include "runtime/error.h"
#include "runtime/value.h"

typedef struct rg_exceptions rg_exceptions;

/* What a designator is tested against. */
typedef struct rg_exception_target {
    const char *control_id;
    const char *rule;
    const char *resource_id;
    const rg_value *object;     /* may be NULL */
    const char *path;           /* source path relative to the scanned
                                   folder (Kubescape's sourcePath), or
                                   NULL */
} rg_exception_target;

/* Parse policies from JSON value json (an array, or one policy).  now is
 * the time expirations are compared with.  Errors name file.  Returns
 * owned (rg_exceptions_free), or NULL with an error. */
rg_exceptions *rg_exceptions_load(const rg_value *json, const char *file,
                                  time_t now, rg_errors *errs);
void rg_exceptions_free(rg_exceptions *ex);

/* Policies kept after dropping expired ones. */
size_t rg_exceptions_count(const rg_exceptions *ex);

/* Name given to exceptions written inline on a resource. */
#define RG_EXCEPTIONS_INLINE "kubescape.io/skip-controls"

/* true when object carries an inline exception for control_id: the
 * annotation kubescape.io/skip-controls lists it (comma-separated,
 * ignoring case and spaces) and kubescape.io/skip-expiry, when set to
 * an RFC 3339 time, is after now. */
bool rg_exceptions_inline(const rg_value *object, const char *control_id,
                          time_t now);

/* The name of the first policy that applies to target, or NULL.  Lives
 * in ex. */
const char *rg_exceptions_match(const rg_exceptions *ex,
                                const rg_exception_target *target);

#endif
