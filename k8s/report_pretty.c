/*
 * The text report for a terminal: one table row per control with its
 * status, severity, failed and total resources, then the compliance
 * score; with verbose, each failed resource with its file, line, paths
 * and fixes.  Text from manifests and policies is escaped (see
 * k8s/termsafe.h).
 */
#include "k8s/report.h"

#include <stdlib.h>
#include <string.h>

#include "k8s/termsafe.h"

#define RED "\033[31m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

/* Width of the control name column; longer names are cut and end in
 * "...". */
#define NAME_WIDTH 48

/* s escaped for the terminal; lives in the results' arena. */
static const char *safe(const rg_scan *scan, const char *s)
{
    return rg_termsafe(scan->results->arena, s);
}

/* name cut to NAME_WIDTH bytes with a "..." marker when longer, at a
 * UTF-8 character boundary; lives in arena when cut. */
static const char *cut_name(rg_arena *arena, const char *name)
{
    size_t n = strlen(name);
    if (n <= NAME_WIDTH)
        return name;
    n = NAME_WIDTH - 3;
    while (n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80)
        n--;
    return rg_arena_printf(arena, "%.*s...", (int)n, name);
}

static const char *status_color(const rg_report_options *o, rg_status st)
{
    if (!o->color)
        return "";
    return st == RG_STATUS_FAILED ? RED
         : st == RG_STATUS_SKIPPED ? YELLOW : GREEN;
}

static void row(FILE *out, const rg_scan *scan,
                const rg_control_summary *cs, const rg_report_options *o)
{
    const rg_policy_control *c = cs->control;
    size_t all = cs->passed + cs->failed + cs->skipped;
    const char *name = cut_name(scan->results->arena, safe(scan, c->name));
    fprintf(out, "%s%-8s%s  %-8s  %-9s %-*s %6zu %6zu %7.1f%%\n",
            status_color(o, cs->status), rg_status_name(cs->status),
            o->color ? RESET : "", rg_policy_severity(c->base_score),
            safe(scan, c->id), NAME_WIDTH, name, cs->failed, all,
            cs->compliance_score);
}

static const char *path_label(rg_path_kind k)
{
    static const char *const labels[] = {"failed", "review", "delete",
                                         "fix", "command"};
    return labels[k];
}

static void failed_resource(FILE *out, const rg_scan *scan,
                            const rg_verdict *v)
{
    const rg_k8s_resource *r = rg_report_resource(scan, v->resource_id);
    if (r != NULL)
        fprintf(out, "    %s  (%s:%d)\n", safe(scan, v->resource_id),
                safe(scan, rg_store_source(scan->store, r->source)),
                r->line);
    else
        fprintf(out, "    %s\n", safe(scan, v->resource_id));
    for (size_t i = 0; i < v->rule_count; i++) {
        const rg_rule_verdict *rv = &v->rules[i];
        if (rv->status != RG_STATUS_FAILED)
            continue;
        if (rv->message)
            fprintf(out, "      %s\n", safe(scan, rv->message));
        for (size_t k = 0; k < rv->path_count; k++) {
            const rg_posture_path *p = &rv->paths[k];
            fprintf(out, "      %-7s %s%s%s\n", path_label(p->kind),
                    safe(scan, p->path), p->value ? " = " : "",
                    p->value ? safe(scan, p->value) : "");
        }
    }
}

static void details(FILE *out, const rg_scan *scan,
                    const rg_report_options *o)
{
    const rg_results *r = scan->results;
    rg_verdict **sorted = rg_report_by_resource(scan);
    for (size_t c = 0; c < r->control_count; c++) {
        const rg_control_summary *cs = &r->controls[c];
        if (cs->failed == 0)
            continue;
        fprintf(out, "\n%s%s %s%s (%s)\n", o->color ? BOLD : "",
                safe(scan, cs->control->id), safe(scan, cs->control->name),
                o->color ? RESET : "",
                rg_policy_severity(cs->control->base_score));
        if (cs->control->remediation)
            fprintf(out, "  remediation: %s\n",
                    safe(scan, cs->control->remediation));
        for (size_t i = 0; i < r->count; i++)
            if (sorted[i]->control == c &&
                sorted[i]->status == RG_STATUS_FAILED)
                failed_resource(out, scan, sorted[i]);
    }
    free(sorted);
}

/* Print "N one" or "N many" (N other than 1), after ", " unless first. */
static void count(FILE *out, bool first, size_t n, const char *one,
                  const char *many)
{
    fprintf(out, "%s%zu %s", first ? "" : ", ", n, n == 1 ? one : many);
}

static void inputs(FILE *out, const rg_scan *scan)
{
    const rg_manifest_summary *s = &scan->inputs;
    fprintf(out, "Inputs: ");
    count(out, true, s->files, "file", "files");
    count(out, false, s->documents, "document", "documents");
    fprintf(out, ": ");
    count(out, true, s->resources, "resource", "resources");
    fprintf(out, " scanned (%zu from lists)", s->list_items);
    count(out, false, s->empty, "empty", "empty");
    count(out, false, s->not_kubernetes, "not a Kubernetes object",
          "not Kubernetes objects");
    count(out, false, s->duplicates, "duplicate", "duplicates");
    if (s->invalid)
        count(out, false, s->invalid, "invalid", "invalid");
    if (s->unreadable)
        count(out, false, s->unreadable, "unreadable file",
              "unreadable files");
    fprintf(out, "\n");
}

void rg_report_pretty(FILE *out, const rg_scan *scan,
                      const rg_report_options *opts)
{
    const rg_results *r = scan->results;
    size_t counts[3] = {0, 0, 0};
    inputs(out, scan);
    fprintf(out, "\n%-8s  %-8s  %-9s %-*s %6s %6s %8s\n", "STATUS",
            "SEVERITY", "CONTROL", NAME_WIDTH, "NAME", "FAILED", "ALL",
            "SCORE");
    for (size_t i = 0; i < r->control_count; i++) {
        row(out, scan, &r->controls[i], opts);
        counts[r->controls[i].status]++;
    }
    if (opts->verbose)
        details(out, scan, opts);
    fprintf(out, "\nControls: %zu (failed %zu, passed %zu, skipped %zu)\n",
            r->control_count, counts[RG_STATUS_FAILED],
            counts[RG_STATUS_PASSED], counts[RG_STATUS_SKIPPED]);
    for (size_t i = 0; i < r->framework_count; i++)
        fprintf(out, "Framework %s: compliance score %.2f%%\n",
                safe(scan, r->frameworks[i].framework->name),
                r->frameworks[i].compliance_score);
    fprintf(out, "%sCompliance score: %.2f%%%s\n", opts->color ? BOLD : "",
            r->compliance_score, opts->color ? RESET : "");
}
