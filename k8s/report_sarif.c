/*
 * The SARIF 2.1.0 report: one reporting descriptor per control and one
 * result per failed resource and control, located at the failing field
 * when the paths name one that exists in the file, else at the start of
 * the resource.  Field positions come from reading the source file's
 * YAML again (k8s/yamlpos.c): a document's own text for a document, the
 * whole file up to the list for a list item.
 */
#include "k8s/report.h"

#include <stdlib.h>
#include <string.h>

#include "k8s/jsonw.h"
#include "k8s/readfile.h"
#include "k8s/yamlpos.h"

typedef struct sources {
    char **texts;               /* per store source, read on demand */
    size_t *lens;
    bool *tried;
    rg_yamlpos_lines *lines;    /* line table of each text read */
} sources;

static const char *source_text(const rg_scan *scan, sources *s,
                               uint32_t i, size_t *len)
{
    if (!s->tried[i]) {
        rg_errors ignored;
        rg_errors_init(&ignored);
        const char *path = rg_store_source(scan->store, i);
        if (strcmp(path, "<stdin>") != 0)
            s->texts[i] = rg_readfile(path, &s->lens[i], &ignored);
        if (s->texts[i] != NULL)
            rg_yamlpos_lines_init(&s->lines[i], s->texts[i], s->lens[i]);
        rg_errors_free(&ignored);
        s->tried[i] = true;
    }
    *len = s->lens[i];
    return s->texts[i];
}

static const char *level(double base_score)
{
    return base_score >= 7 ? "error" : base_score >= 4 ? "warning" : "note";
}

static void descriptor(rg_jsonw *w, const rg_policy_control *c)
{
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "id", c->id);
    rg_jsonw_kstr(w, "name", c->name);
    rg_jsonw_key(w, "shortDescription");
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "text", c->name);
    rg_jsonw_end_object(w);
    rg_jsonw_key(w, "fullDescription");
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "text", c->description ? c->description : c->name);
    rg_jsonw_end_object(w);
    rg_jsonw_key(w, "help");
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "text", c->remediation ? c->remediation : c->name);
    rg_jsonw_end_object(w);
    rg_jsonw_key(w, "defaultConfiguration");
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "level", level(c->base_score));
    rg_jsonw_end_object(w);
    rg_jsonw_key(w, "properties");
    rg_jsonw_object(w);
    char sev[16];
    snprintf(sev, sizeof sev, "%.1f", c->base_score);
    rg_jsonw_kstr(w, "security-severity", sev);
    rg_jsonw_end_object(w);
    rg_jsonw_end_object(w);
}

/* The first path of the verdict's failed rules that names a field of the
 * resource itself. */
static const char *first_path(const rg_verdict *v)
{
    for (size_t i = 0; i < v->rule_count; i++)
        for (size_t k = 0; k < v->rules[i].path_count; k++) {
            const rg_posture_path *p = &v->rules[i].paths[k];
            if (p->kind != RG_PATH_COMMAND &&
                strcmp(p->resource_id, v->resource_id) == 0)
                return p->path;
        }
    return NULL;
}

static void locate(const rg_scan *scan, sources *s,
                   const rg_k8s_resource *r, const char *path, int *line,
                   int *col)
{
    *line = r->line > 0 ? r->line : 1;
    *col = r->col > 0 ? r->col : 1;
    size_t len;
    const char *text = source_text(scan, s, r->source, &len);
    if (text == NULL || path == NULL)
        return;
    char *full = rg_xmalloc(strlen(r->prefix) + strlen(path) + 1);
    strcpy(full, r->prefix);
    strcat(full, path);
    int l = 0, c = 0;
    /* A document is read from its first line, so each lookup costs the
     * document's size, not the file's. */
    int found = r->prefix[0] == '\0'
        ? rg_yamlpos_lines_locate(&s->lines[r->source], r->line, full, &l,
                                  &c)
        : rg_yamlpos_locate(text, len, r->doc, full, &l, &c);
    if (found > 0) {
        *line = l;
        *col = c;
    }
    free(full);
}

static void location(rg_jsonw *w, const rg_scan *scan, sources *s,
                     const rg_verdict *v)
{
    const rg_k8s_resource *r = rg_report_resource(scan, v->resource_id);
    rg_jsonw_key(w, "locations");
    rg_jsonw_array(w);
    rg_jsonw_object(w);
    if (r != NULL) {
        int line, col;
        locate(scan, s, r, first_path(v), &line, &col);
        rg_jsonw_key(w, "physicalLocation");
        rg_jsonw_object(w);
        rg_jsonw_key(w, "artifactLocation");
        rg_jsonw_object(w);
        rg_jsonw_kstr(w, "uri", rg_store_source(scan->store, r->source));
        rg_jsonw_end_object(w);
        rg_jsonw_key(w, "region");
        rg_jsonw_object(w);
        rg_jsonw_kint(w, "startLine", line);
        rg_jsonw_kint(w, "startColumn", col);
        rg_jsonw_end_object(w);
        rg_jsonw_end_object(w);
    }
    rg_jsonw_key(w, "logicalLocations");
    rg_jsonw_array(w);
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "fullyQualifiedName", v->resource_id);
    rg_jsonw_kstr(w, "kind", "resource");
    rg_jsonw_end_object(w);
    rg_jsonw_end_array(w);
    rg_jsonw_end_object(w);
    rg_jsonw_end_array(w);
}

static void message(rg_jsonw *w, const rg_policy_control *c,
                    const rg_verdict *v)
{
    const char *text = NULL;
    for (size_t i = 0; i < v->rule_count && text == NULL; i++)
        if (v->rules[i].status == RG_STATUS_FAILED)
            text = v->rules[i].message;
    char *buf = rg_xmalloc(strlen(c->name) + strlen(v->resource_id) +
                           (text ? strlen(text) : 0) + 16);
    sprintf(buf, "%s: %s%s%s", c->name, v->resource_id, text ? ": " : "",
            text ? text : "");
    rg_jsonw_key(w, "message");
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "text", buf);
    rg_jsonw_end_object(w);
    free(buf);
}

static void result(rg_jsonw *w, const rg_scan *scan, sources *s,
                   const rg_verdict *v)
{
    const rg_policy_control *c =
        scan->results->controls[v->control].control;
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "ruleId", c->id);
    rg_jsonw_kint(w, "ruleIndex", v->control);
    rg_jsonw_kstr(w, "level", level(c->base_score));
    message(w, c, v);
    location(w, scan, s, v);
    rg_jsonw_end_object(w);
}

/* The run's tool: regolith, with one reporting descriptor per control. */
static void tool(rg_jsonw *w, const rg_results *r,
                 const rg_report_options *opts)
{
    rg_jsonw_key(w, "tool");
    rg_jsonw_object(w);
    rg_jsonw_key(w, "driver");
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "name", "regolith");
    rg_jsonw_kstr(w, "version", opts->version);
    rg_jsonw_key(w, "rules");
    rg_jsonw_array(w);
    for (size_t i = 0; i < r->control_count; i++)
        descriptor(w, r->controls[i].control);
    rg_jsonw_end_array(w);
    rg_jsonw_end_object(w);
    rg_jsonw_end_object(w);
}

void rg_report_sarif(FILE *out, const rg_scan *scan,
                     const rg_report_options *opts)
{
    const rg_results *r = scan->results;
    size_t n = rg_store_source_count(scan->store) + 1;
    sources s = {rg_xcalloc(n, sizeof(char *)), rg_xcalloc(n, sizeof(size_t)),
                 rg_xcalloc(n, sizeof(bool)),
                 rg_xcalloc(n, sizeof(rg_yamlpos_lines))};
    rg_verdict **sorted = rg_report_by_resource(scan);
    rg_jsonw w;
    rg_jsonw_init(&w, out, 2);
    rg_jsonw_object(&w);
    rg_jsonw_kstr(&w, "$schema", "https://json.schemastore.org/"
                                 "sarif-2.1.0.json");
    rg_jsonw_kstr(&w, "version", "2.1.0");
    rg_jsonw_key(&w, "runs");
    rg_jsonw_array(&w);
    rg_jsonw_object(&w);
    tool(&w, r, opts);
    rg_jsonw_key(&w, "results");
    rg_jsonw_array(&w);
    for (size_t i = 0; i < r->count; i++)
        if (sorted[i]->status == RG_STATUS_FAILED)
            result(&w, scan, &s, sorted[i]);
    rg_jsonw_end_array(&w);
    rg_jsonw_end_object(&w);
    rg_jsonw_end_array(&w);
    rg_jsonw_end_object(&w);
    for (size_t i = 0; i < n; i++) {
        free(s.texts[i]);
        rg_yamlpos_lines_free(&s.lines[i]);
    }
    free(s.lines);
    free(s.texts);
    free(s.lens);
    free(s.tried);
    free(sorted);
}
