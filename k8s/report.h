/*
 * Scan reports: pretty text for a terminal, Kubescape's JSON results
 * (format version v2), SARIF 2.1.0 and JUnit XML.  Each writer reads a
 * finished scan and writes one document to out.
 */
#ifndef RG_K8S_REPORT_H
#define RG_K8S_REPORT_H

#include <stdio.h>

#include "k8s/scan.h"

typedef struct rg_report_options {
    bool verbose;               /* list failed resources with paths */
    bool color;                 /* ANSI colors (pretty only) */
    const char *version;        /* the tool's version */
    const char *const *targets; /* the scanned paths, for metadata */
    size_t target_count;
} rg_report_options;

void rg_report_pretty(FILE *out, const rg_scan *scan,
                      const rg_report_options *opts);
void rg_report_json(FILE *out, const rg_scan *scan,
                    const rg_report_options *opts);
void rg_report_sarif(FILE *out, const rg_scan *scan,
                     const rg_report_options *opts);
void rg_report_junit(FILE *out, const rg_scan *scan,
                     const rg_report_options *opts);

/* The verdicts sorted by resource ID, then control ID.  Returns owned
 * (free); the verdicts live in the scan. */
rg_verdict **rg_report_by_resource(const rg_scan *scan);

/* Where a resource was read: its source file and line, or NULL for an
 * object the scan made.  Lives in the scan. */
const rg_k8s_resource *rg_report_resource(const rg_scan *scan,
                                          const char *resource_id);

#endif
