/*
 * Control selection for a scan: by framework, by control ID or name, or
 * every control; then only controls a file scan may run.
 */
#include "k8s/scan_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct picked {
    const rg_policy_control **items;
    size_t count, cap;
    bool *taken;                /* per policy control */
} picked;

static void pick(picked *p, const rg_policy *policy,
                 const rg_policy_control *c)
{
    size_t at = (size_t)(c - policy->controls);
    if (p->taken[at] || !c->file_scope)
        return;
    p->taken[at] = true;
    rg_grow((void **)&p->items, &p->cap, p->count + 1, sizeof *p->items);
    p->items[p->count++] = c;
}

static const rg_policy_control *find_control(const rg_policy *policy,
                                             const char *key)
{
    const rg_policy_control *c = rg_policy_find_control(policy, key);
    for (size_t i = 0; c == NULL && i < policy->control_count; i++)
        if (strcasecmp(policy->controls[i].id, key) == 0 ||
            strcasecmp(policy->controls[i].name, key) == 0)
            c = &policy->controls[i];
    return c;
}

static int pick_frameworks(picked *p, const rg_policy *policy,
                           const rg_strlist *names,
                           const rg_policy_framework ***fws, size_t *nfw,
                           FILE *err)
{
    bool all = names->count == 1 && strcasecmp(names->items[0], "all") == 0;
    size_t n = all ? policy->framework_count : names->count;
    *fws = rg_xcalloc(n + 1, sizeof **fws);
    *nfw = 0;
    for (size_t i = 0; i < n; i++) {
        const rg_policy_framework *fw = all
            ? &policy->frameworks[i]
            : rg_policy_find_framework(policy, names->items[i]);
        if (fw == NULL) {
            fprintf(err, "regolith scan: framework '%s' not found; the "
                    "library has:", names->items[i]);
            for (size_t k = 0; k < policy->framework_count; k++)
                fprintf(err, " %s", policy->frameworks[k].name);
            fprintf(err, "\n");
            return -1;
        }
        (*fws)[(*nfw)++] = fw;
        for (size_t k = 0; k < fw->control_ids.count; k++) {
            const rg_policy_control *c =
                rg_policy_find_control(policy, fw->control_ids.items[k]);
            if (c != NULL)
                pick(p, policy, c);
        }
    }
    if (all)
        for (size_t i = 0; i < policy->control_count; i++)
            pick(p, policy, &policy->controls[i]);
    return 0;
}

static int pick_controls(picked *p, const rg_policy *policy,
                         const rg_strlist *ids, FILE *err)
{
    for (size_t i = 0; i < ids->count; i++) {
        const rg_policy_control *c = find_control(policy, ids->items[i]);
        if (c == NULL) {
            fprintf(err, "regolith scan: control '%s' not found in the "
                    "policy library (%s)\n", ids->items[i],
                    policy->origin);
            return -1;
        }
        if (!c->file_scope)
            fprintf(err, "regolith scan: control %s applies to clusters, "
                    "not to manifest files; skipped\n", c->id);
        pick(p, policy, c);
    }
    return 0;
}

static int cmp_controls(const void *a, const void *b)
{
    return strcmp((*(const rg_policy_control *const *)a)->id,
                  (*(const rg_policy_control *const *)b)->id);
}

int rg_scan_select(const rg_policy *policy, const rg_scan_options *opts,
                   const rg_policy_control ***controls, size_t *count,
                   const rg_policy_framework ***frameworks,
                   size_t *framework_count, FILE *err)
{
    picked p = {0};
    p.taken = rg_xcalloc(policy->control_count + 1, sizeof *p.taken);
    int rc = 0;
    *frameworks = NULL;
    *framework_count = 0;
    if (opts->frameworks.count > 0)
        rc = pick_frameworks(&p, policy, &opts->frameworks, frameworks,
                             framework_count, err);
    else if (opts->controls.count > 0)
        rc = pick_controls(&p, policy, &opts->controls, err);
    else
        for (size_t i = 0; i < policy->control_count; i++)
            pick(&p, policy, &policy->controls[i]);
    free(p.taken);
    if (p.count > 1)
        qsort(p.items, p.count, sizeof *p.items, cmp_controls);
    *controls = p.items;
    *count = p.count;
    return rc;
}
