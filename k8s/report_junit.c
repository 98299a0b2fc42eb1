/*
 * The JUnit XML report: one test suite per scan, one test case per
 * control; a failed control is a failure listing its failed resources,
 * a skipped control is skipped.
 */
#include "k8s/report.h"

#include <string.h>

static void xml_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
                fputc(*s, out);
        }
    }
}

static void failure(FILE *out, const rg_scan *scan, size_t control)
{
    const rg_results *r = scan->results;
    const rg_control_summary *cs = &r->controls[control];
    fprintf(out, "      <failure message=\"%zu of %zu resources failed\" "
            "type=\"%s\">", cs->failed, cs->passed + cs->failed +
            cs->skipped, rg_policy_severity(cs->control->base_score));
    for (size_t i = 0; i < r->count; i++) {
        const rg_verdict *v = r->verdicts[i];
        if (v->control != control || v->status != RG_STATUS_FAILED)
            continue;
        xml_escape(out, v->resource_id);
        const rg_k8s_resource *res = rg_report_resource(scan,
                                                        v->resource_id);
        if (res != NULL) {
            fputs(" (", out);
            xml_escape(out, rg_store_source(scan->store, res->source));
            fprintf(out, ":%d)", res->line);
        }
        fputc('\n', out);
    }
    fputs("</failure>\n", out);
}

void rg_report_junit(FILE *out, const rg_scan *scan,
                     const rg_report_options *opts)
{
    const rg_results *r = scan->results;
    size_t failed = 0, skipped = 0;
    for (size_t i = 0; i < r->control_count; i++) {
        failed += r->controls[i].status == RG_STATUS_FAILED;
        skipped += r->controls[i].status == RG_STATUS_SKIPPED;
    }
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(out, "<testsuites name=\"regolith %s\" tests=\"%zu\" "
            "failures=\"%zu\" skipped=\"%zu\">\n", opts->version,
            r->control_count, failed, skipped);
    fprintf(out, "  <testsuite name=\"regolith scan\" tests=\"%zu\" "
            "failures=\"%zu\" skipped=\"%zu\">\n", r->control_count,
            failed, skipped);
    for (size_t i = 0; i < r->control_count; i++) {
        const rg_control_summary *cs = &r->controls[i];
        fprintf(out, "    <testcase classname=\"");
        xml_escape(out, cs->control->id);
        fprintf(out, "\" name=\"");
        xml_escape(out, cs->control->name);
        fprintf(out, "\">\n");
        if (cs->status == RG_STATUS_FAILED)
            failure(out, scan, i);
        else if (cs->status == RG_STATUS_SKIPPED)
            fprintf(out, "      <skipped message=\"%s\"/>\n",
                    cs->sub_status ? cs->sub_status : "skipped");
        fprintf(out, "    </testcase>\n");
    }
    fprintf(out, "  </testsuite>\n</testsuites>\n");
}
