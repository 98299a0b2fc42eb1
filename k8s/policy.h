/*
 * A policy library in Kubescape's regolibrary layout: rules (a folder
 * with rule.metadata.json, raw.rego and optionally filter.rego),
 * controls (JSON files in a controls folder), frameworks (JSON files in
 * a frameworks folder), the default control inputs
 * (default-config-inputs.json) and shared Rego modules (any other .rego
 * file, compiled with every rule, e.g. the cautils helpers).
 *
 * The library comes from the bundle embedded at build time
 * (rg_policy_load_bundle) or from a folder with the same layout
 * (rg_policy_load_dir).  Test cases (rule/test/...) are not loaded.
 * Everything lives in the policy's arena.
 */
#ifndef RG_K8S_POLICY_H
#define RG_K8S_POLICY_H

#include "runtime/arena.h"
#include "runtime/error.h"
#include "runtime/value.h"

/* A string list; items live in the policy's arena. */
typedef struct rg_strlist {
    const char **items;
    size_t count;
} rg_strlist;

/* One entry of a rule's match: every group x version x kind. */
typedef struct rg_rule_match {
    rg_strlist groups;
    rg_strlist versions;
    rg_strlist resources;       /* kinds ("Pod") or plural names, or "*" */
} rg_rule_match;

typedef struct rg_policy_rule {
    const char *name;           /* rule.metadata.json name: the identity */
    const char *dir;            /* folder, relative to the library */
    const char *rego;           /* raw.rego text */
    size_t rego_len;
    const char *rego_file;      /* its path, for error positions */
    const char *filter;         /* filter.rego text, or NULL */
    size_t filter_len;
    const char *filter_file;
    rg_rule_match *match;
    size_t match_count;
    const char *match_key;      /* canonical text of match, for sharing */
    bool dynamic_only;          /* only dynamicMatch (host or cloud data) */
    rg_strlist config_keys;     /* postureControlInputs keys it reads */
    const char *aggregator;     /* attributes.resourcesAggregator or NULL */
    const char *description;
    const char *remediation;
    const rg_value *metadata;   /* the whole rule.metadata.json */
} rg_policy_rule;

typedef struct rg_policy_control {
    const char *id;             /* "C-0017" */
    const char *name;
    const char *description;
    const char *remediation;
    double base_score;          /* 0 when missing */
    const char *action_required;/* attributes.actionRequired or NULL */
    bool file_scope;            /* scanningScope allows file scans */
    bool whole_cluster;         /* needs every resource in one input,
                                   even on a cluster split by namespace */
    rg_strlist rule_names;
    rg_policy_rule **rules;     /* resolved; a missing name is NULL */
    const rg_value *json;
} rg_policy_control;

typedef struct rg_policy_framework {
    const char *name;
    const char *description;
    rg_strlist control_ids;
} rg_policy_framework;

/* A shared module (a .rego file that is no rule's raw or filter). */
typedef struct rg_policy_module {
    const char *path;
    const char *text;
    size_t len;
} rg_policy_module;

typedef struct rg_policy {
    rg_arena *arena;
    rg_policy_rule *rules;      /* sorted by name */
    size_t rule_count;
    rg_policy_control *controls;    /* sorted by id */
    size_t control_count;
    rg_policy_framework *frameworks;    /* sorted by name */
    size_t framework_count;
    rg_policy_module *modules;
    size_t module_count;
    const rg_value *default_inputs; /* postureControlInputs object */
    const char *origin;         /* "embedded" or the folder */
} rg_policy;

/* One file of a library: path relative to the library root. */
typedef struct rg_policy_file {
    const char *path;
    const char *data;
    size_t len;
} rg_policy_file;

/* Load a library from files (borrowed for the call; the texts are
 * copied).  Problems with single files go to errs and the file is left
 * out.  Returns owned; release with rg_policy_free. */
rg_policy *rg_policy_load_files(const rg_policy_file *files, size_t count,
                                const char *origin, rg_errors *errs);

/* Load the library embedded in the binary. */
rg_policy *rg_policy_load_bundle(rg_errors *errs);

/* Load the library in folder dir; NULL with an error when dir cannot be
 * read. */
rg_policy *rg_policy_load_dir(const char *dir, rg_errors *errs);

void rg_policy_free(rg_policy *policy);

const rg_policy_rule *rg_policy_find_rule(const rg_policy *policy,
                                          const char *name);
const rg_policy_control *rg_policy_find_control(const rg_policy *policy,
                                                const char *id);
/* Framework by name, ignoring case. */
const rg_policy_framework *rg_policy_find_framework(const rg_policy *policy,
                                                    const char *name);

/* Severity of a control from its base score: "Critical" (>= 9), "High"
 * (>= 7), "Medium" (>= 4), "Low" (>= 1), else "Unknown". */
const char *rg_policy_severity(double base_score);

#endif
