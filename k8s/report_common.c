/*
 * Helpers shared by the report writers; see k8s/report.h.
 */
#include "k8s/report.h"

#include <stdlib.h>
#include <string.h>

typedef struct sort_item {
    const char *resource_id;
    const char *control_id;
    rg_verdict *verdict;
} sort_item;

static int cmp_items(const void *a, const void *b)
{
    const sort_item *x = a, *y = b;
    int c = strcmp(x->resource_id, y->resource_id);
    return c != 0 ? c : strcmp(x->control_id, y->control_id);
}

rg_verdict **rg_report_by_resource(const rg_scan *scan)
{
    const rg_results *r = scan->results;
    sort_item *items = rg_xmalloc((r->count + 1) * sizeof *items);
    for (size_t i = 0; i < r->count; i++) {
        items[i].resource_id = r->verdicts[i]->resource_id;
        items[i].control_id =
            r->controls[r->verdicts[i]->control].control->id;
        items[i].verdict = r->verdicts[i];
    }
    if (r->count > 1)
        qsort(items, r->count, sizeof *items, cmp_items);
    rg_verdict **v = rg_xmalloc((r->count + 1) * sizeof *v);
    for (size_t i = 0; i < r->count; i++)
        v[i] = items[i].verdict;
    free(items);
    return v;
}

const rg_k8s_resource *rg_report_resource(const rg_scan *scan,
                                          const char *resource_id)
{
    return rg_store_find(scan->store, resource_id);
}
