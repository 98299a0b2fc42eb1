/*
 * Applying posture exception policies to a scan's failed rule verdicts.
 */
#include "k8s/scan_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "k8s/docparse.h"
#include "k8s/exceptions.h"
#include "k8s/readfile.h"

static const rg_value *object_of(const rg_scan *scan, const char *id,
                                 const char **path)
{
    const rg_k8s_resource *r = rg_store_find(scan->store, id);
    if (r != NULL) {
        *path = rg_store_source_id_path(scan->store, r->source);
        return r->object;
    }
    uint32_t at;
    *path = NULL;
    if (rg_strmap_get(&scan->extra_ids, id, strlen(id), &at))
        return scan->extras[at].object;
    return NULL;
}

static void except(rg_scan *scan, rg_rule_verdict *rv, const char *name)
{
    rv->exception = rg_arena_strdup(scan->results->arena, name);
    rv->status = RG_STATUS_PASSED;
    rv->sub_status = "w/exceptions";
    scan->exceptions_applied++;
}

/* Apply the policies of ex (NULL: none) and the inline exceptions of
 * the resources to every failed rule verdict. */
static void apply(rg_scan *scan, const rg_exceptions *ex)
{
    time_t now = time(NULL);
    rg_results *res = scan->results;
    for (size_t i = 0; i < res->count; i++) {
        rg_verdict *v = res->verdicts[i];
        const rg_policy_control *c = res->controls[v->control].control;
        for (size_t j = 0; j < v->rule_count; j++) {
            rg_rule_verdict *rv = &v->rules[j];
            if (rv->status != RG_STATUS_FAILED)
                continue;
            rg_exception_target t = {c->id, rv->rule, v->resource_id,
                                     NULL, NULL};
            t.object = object_of(scan, v->resource_id, &t.path);
            const char *name = ex ? rg_exceptions_match(ex, &t) : NULL;
            if (name == NULL && t.object &&
                rg_exceptions_inline(t.object, c->id, now))
                name = RG_EXCEPTIONS_INLINE;
            if (name != NULL)
                except(scan, rv, name);
        }
    }
}

void rg_scan_inline_exceptions(rg_scan *scan)
{
    apply(scan, NULL);
}

int rg_scan_exceptions(rg_scan *scan, const char *file, FILE *err)
{
    rg_errors errs;
    rg_errors_init(&errs);
    size_t len;
    char *text = rg_readfile(file, &len, &errs);
    const rg_value *json = text ? rg_docparse_json(scan->scratch, file,
                                                   text, len, &errs)
                                : NULL;
    rg_exceptions *ex = json ? rg_exceptions_load(json, file, time(NULL),
                                                  &errs)
                             : NULL;
    free(text);
    if (ex == NULL || errs.count > 0) {
        rg_errors_print(&errs, err);
        rg_errors_free(&errs);
        rg_exceptions_free(ex);
        return -1;
    }
    apply(scan, ex);
    rg_exceptions_free(ex);
    rg_errors_free(&errs);
    return 0;
}
