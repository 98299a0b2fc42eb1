/*
 * The JSON report in Kubescape's results schema (format version v2).
 * summaryDetails has the controls by ID, frameworks, counters and
 * scores.  resources lists the objects with their sources, and results
 * the controls, rules, statuses and paths of each resource.  Regolith
 * adds "inputSummary", which accounts for every document read.
 * docs/scan-results.schema.json describes the output.
 */
#include "k8s/report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "k8s/jsonw.h"

static const char *const SEVERITY_KEYS[] = {
    "criticalSeverity", "highSeverity", "mediumSeverity", "lowSeverity"};

static void status_info(rg_jsonw *w, rg_status st, const char *sub,
                        const char *info)
{
    rg_jsonw_key(w, "statusInfo");
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "status", rg_status_name(st));
    if (sub)
        rg_jsonw_kstr(w, "subStatus", sub);
    if (info)
        rg_jsonw_kstr(w, "info", info);
    rg_jsonw_end_object(w);
}

static void counters(rg_jsonw *w, size_t passed, size_t failed,
                     size_t skipped)
{
    rg_jsonw_key(w, "ResourceCounters");
    rg_jsonw_object(w);
    rg_jsonw_kint(w, "passedResources", (long long)passed);
    rg_jsonw_kint(w, "failedResources", (long long)failed);
    rg_jsonw_kint(w, "skippedResources", (long long)skipped);
    rg_jsonw_kint(w, "excludedResources", 0);
    rg_jsonw_end_object(w);
}

static void control_summary(rg_jsonw *w, const rg_control_summary *cs,
                            bool severity)
{
    const rg_policy_control *c = cs->control;
    rg_jsonw_key(w, c->id);
    rg_jsonw_object(w);
    status_info(w, cs->status, cs->sub_status, cs->info);
    rg_jsonw_kstr(w, "controlID", c->id);
    rg_jsonw_kstr(w, "name", c->name);
    rg_jsonw_kstr(w, "status", rg_status_name(cs->status));
    rg_jsonw_key(w, "resourceIDs");
    rg_jsonw_object(w);
    rg_jsonw_end_object(w);
    counters(w, cs->passed, cs->failed, cs->skipped);
    rg_jsonw_key(w, "subStatusCounters");
    rg_jsonw_object(w);
    rg_jsonw_kint(w, "ignoredResources", (long long)cs->excepted);
    rg_jsonw_end_object(w);
    rg_jsonw_kdouble(w, "score", cs->score);
    rg_jsonw_kdouble(w, "complianceScore", cs->compliance_score);
    rg_jsonw_kdouble(w, "scoreFactor", c->base_score);
    if (severity)
        rg_jsonw_kstr(w, "severity", rg_policy_severity(c->base_score));
    rg_jsonw_end_object(w);
}

static void framework(rg_jsonw *w, const rg_results *r,
                      const rg_framework_summary *fs)
{
    rg_jsonw_object(w);
    rg_jsonw_key(w, "controls");
    rg_jsonw_object(w);
    const rg_strlist *ids = &fs->framework->control_ids;
    for (size_t i = 0; i < r->control_count; i++)
        for (size_t k = 0; k < ids->count; k++)
            if (strcmp(ids->items[k], r->controls[i].control->id) == 0)
                control_summary(w, &r->controls[i], false);
    rg_jsonw_end_object(w);
    rg_jsonw_kstr(w, "name", fs->framework->name);
    rg_jsonw_kstr(w, "status", rg_status_name(fs->status));
    rg_jsonw_kstr(w, "version", "");
    counters(w, fs->passed, fs->failed, fs->skipped);
    rg_jsonw_kdouble(w, "score", fs->score);
    rg_jsonw_kdouble(w, "complianceScore", fs->compliance_score);
    rg_jsonw_end_object(w);
}

static void severity_counters(rg_jsonw *w, const char *key,
                              const size_t *counts)
{
    rg_jsonw_key(w, key);
    rg_jsonw_object(w);
    for (size_t i = 0; i < RG_ARRAY_LEN(SEVERITY_KEYS); i++)
        rg_jsonw_kint(w, SEVERITY_KEYS[i], (long long)counts[i]);
    rg_jsonw_end_object(w);
}

/* Resources by their worst status over every control. */
static void resource_counters(rg_jsonw *w, rg_verdict **sorted, size_t n)
{
    size_t counts[3] = {0, 0, 0};
    for (size_t i = 0; i < n;) {
        rg_status worst = RG_STATUS_PASSED;
        size_t j = i;
        for (; j < n && strcmp(sorted[j]->resource_id,
                               sorted[i]->resource_id) == 0; j++)
            if (sorted[j]->status > worst)
                worst = sorted[j]->status;
        counts[worst]++;
        i = j;
    }
    counters(w, counts[RG_STATUS_PASSED], counts[RG_STATUS_FAILED],
             counts[RG_STATUS_SKIPPED]);
}

static void summary(rg_jsonw *w, const rg_scan *scan, rg_verdict **sorted)
{
    const rg_results *r = scan->results;
    rg_jsonw_key(w, "summaryDetails");
    rg_jsonw_object(w);
    rg_jsonw_key(w, "controls");
    rg_jsonw_object(w);
    rg_status worst = RG_STATUS_PASSED;
    for (size_t i = 0; i < r->control_count; i++) {
        control_summary(w, &r->controls[i], true);
        if (r->controls[i].status > worst)
            worst = r->controls[i].status;
    }
    rg_jsonw_end_object(w);
    rg_jsonw_kstr(w, "status", rg_status_name(worst));
    rg_jsonw_key(w, "frameworks");
    rg_jsonw_array(w);
    for (size_t i = 0; i < r->framework_count; i++)
        framework(w, r, &r->frameworks[i]);
    rg_jsonw_end_array(w);
    severity_counters(w, "resourcesSeverityCounters", r->severity_failed);
    severity_counters(w, "controlsSeverityCounters",
                      r->controls_failed_by_severity);
    resource_counters(w, sorted, r->count);
    rg_jsonw_kdouble(w, "score", r->score);
    rg_jsonw_kdouble(w, "complianceScore", r->compliance_score);
    rg_jsonw_end_object(w);
}

/* The object as reported: Secret data values masked. */
static void masked_object(rg_jsonw *w, const rg_value *obj)
{
    const char *kind = rg_store_str(obj, "kind");
    if (kind == NULL || strcmp(kind, "Secret") != 0) {
        rg_jsonw_value(w, obj);
        return;
    }
    rg_jsonw_object(w);
    for (size_t i = 0; i < rg_len(obj); i++) {
        const char *key = rg_string_bytes(rg_object_key_at(obj, i));
        const rg_value *v = rg_object_value_at(obj, i);
        rg_jsonw_key(w, key);
        if ((strcmp(key, "data") == 0 || strcmp(key, "stringData") == 0) &&
            rg_value_kind(v) == RG_OBJECT) {
            rg_jsonw_object(w);
            for (size_t k = 0; k < rg_len(v); k++)
                rg_jsonw_kstr(w, rg_string_bytes(rg_object_key_at(v, k)),
                              "XXXXXX");
            rg_jsonw_end_object(w);
        } else {
            rg_jsonw_value(w, v);
        }
    }
    rg_jsonw_end_object(w);
}

static void source(rg_jsonw *w, const rg_scan *scan,
                   const rg_k8s_resource *r)
{
    const char *path = rg_store_source(scan->store, r->source);
    const char *dot = strrchr(path, '.');
    rg_jsonw_key(w, "source");
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "path", path);
    rg_jsonw_kstr(w, "relativePath", path);
    rg_jsonw_kstr(w, "fileType", dot && strcmp(dot, ".json") == 0
                                     ? "JSON" : "YAML");
    rg_jsonw_kint(w, "line", r->line);
    rg_jsonw_kint(w, "column", r->col);
    rg_jsonw_end_object(w);
}

static void resources(rg_jsonw *w, const rg_scan *scan)
{
    rg_jsonw_key(w, "resources");
    rg_jsonw_array(w);
    for (size_t i = 0; i < rg_store_count(scan->store); i++) {
        const rg_k8s_resource *r = rg_store_at(scan->store, i);
        rg_jsonw_object(w);
        rg_jsonw_kstr(w, "resourceID", r->id);
        rg_jsonw_key(w, "object");
        masked_object(w, r->object);
        source(w, scan, r);
        rg_jsonw_end_object(w);
    }
    for (size_t i = 0; i < scan->extra_count; i++) {
        rg_jsonw_object(w);
        rg_jsonw_kstr(w, "resourceID", scan->extras[i].id);
        rg_jsonw_key(w, "object");
        rg_jsonw_value(w, scan->extras[i].object);
        rg_jsonw_end_object(w);
    }
    rg_jsonw_end_array(w);
}

static const char *const PATH_KEYS[] = {
    "failedPath", "reviewPath", "deletePath", "fixPath", "fixCommand"};

static void path_entry(rg_jsonw *w, const rg_posture_path *p)
{
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "resourceID", p->resource_id);
    if (p->kind != RG_PATH_FIX)
        rg_jsonw_kstr(w, PATH_KEYS[p->kind], p->path);
    rg_jsonw_key(w, "fixPath");
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "path", p->kind == RG_PATH_FIX ? p->path : "");
    rg_jsonw_kstr(w, "value", p->kind == RG_PATH_FIX ? p->value : "");
    rg_jsonw_end_object(w);
    rg_jsonw_end_object(w);
}

/* The control inputs the rule reads, with the values the scan used. */
static void control_configurations(rg_jsonw *w, const rg_policy *policy,
                                   const char *name)
{
    const rg_policy_rule *pr = rg_policy_find_rule(policy, name);
    if (pr == NULL || pr->config_keys.count == 0)
        return;
    rg_jsonw_key(w, "controlConfigurations");
    rg_jsonw_object(w);
    for (size_t i = 0; i < pr->config_keys.count; i++) {
        const char *key = pr->config_keys.items[i];
        const rg_value *v = policy->default_inputs
            ? rg_object_get_str(policy->default_inputs, key, strlen(key))
            : NULL;
        rg_jsonw_key(w, key);
        if (v)
            rg_jsonw_value(w, v);
        else
            rg_jsonw_null(w);
    }
    rg_jsonw_end_object(w);
}

static void rule(rg_jsonw *w, const rg_policy *policy,
                 const rg_rule_verdict *rv)
{
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "name", rv->rule);
    rg_jsonw_kstr(w, "status", rg_status_name(rv->status));
    rg_jsonw_kstr(w, "subStatus", rv->sub_status ? rv->sub_status : "");
    rg_jsonw_key(w, "paths");
    rg_jsonw_array(w);
    for (size_t i = 0; i < rv->path_count; i++)
        path_entry(w, &rv->paths[i]);
    rg_jsonw_end_array(w);
    if (rv->exception) {
        rg_jsonw_key(w, "exception");
        rg_jsonw_array(w);
        rg_jsonw_object(w);
        rg_jsonw_kstr(w, "name", rv->exception);
        rg_jsonw_kstr(w, "policyType", "postureExceptionPolicy");
        rg_jsonw_end_object(w);
        rg_jsonw_end_array(w);
    }
    rg_jsonw_key(w, "relatedResourcesIDs");
    rg_jsonw_array(w);
    for (size_t i = 0; i < rv->related_count; i++)
        rg_jsonw_string(w, rv->related[i]);
    rg_jsonw_end_array(w);
    control_configurations(w, policy, rv->rule);
    rg_jsonw_end_object(w);
}

static void control_result(rg_jsonw *w, const rg_scan *scan,
                           const rg_verdict *v)
{
    const rg_results *r = scan->results;
    const rg_policy_control *c = r->controls[v->control].control;
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "controlID", c->id);
    rg_jsonw_kstr(w, "name", c->name);
    rg_jsonw_kstr(w, "severity", rg_policy_severity(c->base_score));
    rg_jsonw_key(w, "status");
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "status", rg_status_name(v->status));
    if (v->sub_status)
        rg_jsonw_kstr(w, "subStatus", v->sub_status);
    rg_jsonw_end_object(w);
    rg_jsonw_key(w, "rules");
    rg_jsonw_array(w);
    for (size_t i = 0; i < v->rule_count; i++)
        rule(w, scan->policy, &v->rules[i]);
    rg_jsonw_end_array(w);
    rg_jsonw_end_object(w);
}

static void results(rg_jsonw *w, const rg_scan *scan, rg_verdict **sorted)
{
    const rg_results *r = scan->results;
    rg_jsonw_key(w, "results");
    rg_jsonw_array(w);
    for (size_t i = 0; i < r->count;) {
        rg_jsonw_object(w);
        rg_jsonw_kstr(w, "resourceID", sorted[i]->resource_id);
        rg_jsonw_key(w, "controls");
        rg_jsonw_array(w);
        size_t j = i;
        for (; j < r->count && strcmp(sorted[j]->resource_id,
                                      sorted[i]->resource_id) == 0; j++)
            control_result(w, scan, sorted[j]);
        rg_jsonw_end_array(w);
        rg_jsonw_end_object(w);
        i = j;
    }
    rg_jsonw_end_array(w);
}

static void skipped_documents(rg_jsonw *w, const rg_manifest_summary *s)
{
    rg_jsonw_key(w, "skippedDocuments");
    rg_jsonw_array(w);
    for (size_t i = 0; i < s->skip_count; i++) {
        rg_jsonw_object(w);
        rg_jsonw_kstr(w, "path", s->skips[i].file);
        rg_jsonw_kint(w, "line", s->skips[i].line);
        rg_jsonw_kstr(w, "reason", s->skips[i].reason);
        rg_jsonw_end_object(w);
    }
    rg_jsonw_end_array(w);
    rg_jsonw_key(w, "errors");
    rg_jsonw_array(w);
    for (size_t i = 0; i < s->errors.count; i++) {
        char *text = rg_error_format(&s->errors.items[i]);
        rg_jsonw_string(w, text);
        free(text);
    }
    rg_jsonw_end_array(w);
}

static void input_summary(rg_jsonw *w, const rg_scan *scan)
{
    const rg_manifest_summary *s = &scan->inputs;
    rg_jsonw_key(w, "inputSummary");
    rg_jsonw_object(w);
    rg_jsonw_kint(w, "files", (long long)s->files);
    rg_jsonw_kint(w, "unreadableFiles", (long long)s->unreadable);
    rg_jsonw_kint(w, "documents", (long long)s->documents);
    rg_jsonw_kint(w, "invalidDocuments", (long long)s->invalid);
    rg_jsonw_kint(w, "resources", (long long)s->resources);
    rg_jsonw_kint(w, "listItems", (long long)s->list_items);
    rg_jsonw_kint(w, "lists", (long long)s->lists);
    rg_jsonw_kint(w, "listEntries", (long long)s->list_entries);
    rg_jsonw_kint(w, "emptyDocuments", (long long)s->empty);
    rg_jsonw_kint(w, "notKubernetes", (long long)s->not_kubernetes);
    rg_jsonw_kint(w, "duplicates", (long long)s->duplicates);
    rg_jsonw_kint(w, "skippedLinks", (long long)scan->walk.note_count);
    skipped_documents(w, s);
    rg_jsonw_end_object(w);
}

static void metadata(rg_jsonw *w, const rg_report_options *opts)
{
    rg_jsonw_key(w, "metadata");
    rg_jsonw_object(w);
    rg_jsonw_key(w, "scanMetadata");
    rg_jsonw_object(w);
    rg_jsonw_kstr(w, "targetType", "File");
    rg_jsonw_kstr(w, "kubescapeVersion", opts->version);
    rg_jsonw_kstr(w, "formatVersion", "v2");
    rg_jsonw_kstr(w, "format", "json");
    rg_jsonw_key(w, "targetNames");
    rg_jsonw_array(w);
    for (size_t i = 0; i < opts->target_count; i++)
        rg_jsonw_string(w, opts->targets[i]);
    rg_jsonw_end_array(w);
    rg_jsonw_key(w, "verboseMode");
    rg_jsonw_bool(w, opts->verbose);
    rg_jsonw_end_object(w);
    rg_jsonw_end_object(w);
}

void rg_report_json(FILE *out, const rg_scan *scan,
                    const rg_report_options *opts)
{
    rg_jsonw w;
    rg_jsonw_init(&w, out, 2);
    rg_verdict **sorted = rg_report_by_resource(scan);
    char when[32];
    time_t now = time(NULL);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    rg_jsonw_object(&w);
    rg_jsonw_kstr(&w, "generationTime", when);
    rg_jsonw_key(&w, "clusterAPIServerInfo");
    rg_jsonw_null(&w);
    rg_jsonw_kstr(&w, "clusterCloudProvider", "");
    rg_jsonw_kstr(&w, "customerGUID", "");
    rg_jsonw_kstr(&w, "clusterName", "");
    rg_jsonw_kstr(&w, "reportGUID", "");
    summary(&w, scan, sorted);
    resources(&w, scan);
    results(&w, scan, sorted);
    metadata(&w, opts);
    input_summary(&w, scan);
    rg_jsonw_end_object(&w);
    free(sorted);
}
