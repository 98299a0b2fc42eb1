/*
 * The conformance runner's shared declarations: one case's outcome,
 * the skip list, and the functions of runner.c, case.c and compare.c.
 *
 * The runner executes OPA's YAML conformance cases and judges them as
 * OPA's own runner does: modules named test-N.rego, expected rows
 * compared as a set after a JSON round trip, expected errors matched by
 * code (exactly) and text (as a substring).
 */
#ifndef RG_CONFORMANCE_H
#define RG_CONFORMANCE_H

#include "include/regolith.h"

/* Evaluation limits per case, so a runaway case fails instead of
 * stalling the run: far above what any case needs. */
#define CONF_MAX_STEPS 50000000ULL
#define CONF_TIMEOUT_MS 20000ULL

typedef enum conf_status {
    CONF_PASS,
    CONF_FAIL,
    CONF_SKIP
} conf_status;

typedef struct conf_case {
    const rg_value *spec;       /* the case's YAML mapping */
    rg_dialect dialect;
    const char *file;
    size_t index;
} conf_case;

/* case.c: run one case; on failure *reason is an owned message. */
conf_status rg_conf_run_case(const conf_case *c, char **reason);

/* compare.c: the rows of r as OPA's runner sees them (a set of objects
 * after a JSON round trip), in arena. */
const rg_value *rg_conf_actual_rows(rg_arena *arena, const rg_result *r,
                                    bool sort_bindings,
                                    bool ignore_generated);
/* The expected rows of want_result as a set, in arena. */
const rg_value *rg_conf_expected_rows(rg_arena *arena, const rg_value *want,
                                      bool sort_bindings);

/* skip.c: load tests/conformance/skip.txt (path may be missing). */
void rg_conf_skip_load(const char *path);
void rg_conf_skip_free(void);
/* The reason case index of file is skipped, or NULL. */
const char *rg_conf_skip_reason(const char *file, size_t index);

#endif
