/*
 * Parsers from the JSON of Kubescape's policy files (rule.metadata.json,
 * a control, a framework, default-config-inputs.json) to the structs of
 * k8s/policy.h.  Internal to the policy loader and the rule test runner.
 */
#ifndef RG_K8S_POLICY_PARSE_H
#define RG_K8S_POLICY_PARSE_H

#include "k8s/policy.h"

/* Fill *out from rule metadata meta; strings live in arena.  Returns -1
 * with an error naming file when meta has no name. */
int rg_policy_parse_rule(rg_arena *arena, const rg_value *meta,
                         const char *file, rg_policy_rule *out,
                         rg_errors *errs);

/* Fill *out from a control's JSON; -1 with an error when it has no
 * controlID. */
int rg_policy_parse_control(rg_arena *arena, const rg_value *json,
                            const char *file, rg_policy_control *out,
                            rg_errors *errs);

/* Fill *out from a framework's JSON (activeControls[].controlID, or the
 * release format's controls[].controlID); -1 with an error when it has
 * no name. */
int rg_policy_parse_framework(rg_arena *arena, const rg_value *json,
                              const char *file, rg_policy_framework *out,
                              rg_errors *errs);

/* The postureControlInputs object of a default-config-inputs.json
 * (settings.postureControlInputs), or NULL with an error. */
const rg_value *rg_policy_parse_inputs(const rg_value *json,
                                       const char *file, rg_errors *errs);

/* The value at a dotted path of objects ("settings.x"), or NULL. */
const rg_value *rg_policy_get_path(const rg_value *v, const char *path);

/* The strings of array v (other items skipped); empty when v is not an
 * array.  Lives in arena. */
rg_strlist rg_policy_strings(rg_arena *arena, const rg_value *v);

#endif
