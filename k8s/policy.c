/*
 * Policy library loading: classifies the files of a library and parses
 * rule metadata, controls, frameworks and default inputs; see
 * k8s/policy.h.
 */
#include "k8s/policy.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "k8s/docparse.h"
#include "k8s/policy_parse.h"

/* Growable arrays while loading; copied into the arena at the end. */
typedef struct loader {
    rg_policy *policy;
    rg_errors *errs;
    rg_policy_rule *rules;
    size_t rule_count, rule_cap;
    rg_policy_control *controls;
    size_t control_count, control_cap;
    rg_policy_framework *frameworks;
    size_t framework_count, framework_cap;
    rg_policy_module *modules;
    size_t module_count, module_cap;
} loader;

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The folder part of path ("" for a top-level file), in arena. */
static const char *dir_name(rg_arena *arena, const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? rg_arena_strndup(arena, path, (size_t)(slash - path))
                 : "";
}

static bool has_component(const char *path, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = path; (p = strstr(p, name)) != NULL; p += n) {
        bool start = p == path || p[-1] == '/';
        if (start && p[n] == '/')
            return true;
    }
    return false;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);
    return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

/* The file named name in folder dir, or NULL. */
static const rg_policy_file *sibling(const rg_policy_file *files,
                                     size_t count, const char *dir,
                                     const char *name)
{
    size_t dl = strlen(dir);
    for (size_t i = 0; i < count; i++) {
        const char *p = files[i].path;
        if (dl == 0 ? strcmp(p, name) == 0
                    : strncmp(p, dir, dl) == 0 && p[dl] == '/' &&
                      strcmp(p + dl + 1, name) == 0)
            return &files[i];
    }
    return NULL;
}

static const rg_value *parse(loader *ld, const rg_policy_file *f)
{
    return rg_docparse_json(ld->policy->arena, f->path, f->data, f->len,
                            ld->errs);
}

static void load_rule(loader *ld, const rg_policy_file *files, size_t count,
                      const rg_policy_file *meta_file)
{
    rg_arena *arena = ld->policy->arena;
    const rg_value *meta = parse(ld, meta_file);
    if (meta == NULL)
        return;
    const char *dir = dir_name(arena, meta_file->path);
    const rg_policy_file *raw = sibling(files, count, dir, "raw.rego");
    if (raw == NULL) {
        rg_errors_add(ld->errs, "policy_error", meta_file->path, 0, 0,
                      "rule folder has no raw.rego; rule left out");
        return;
    }
    rg_policy_rule rule;
    if (rg_policy_parse_rule(arena, meta, meta_file->path, &rule,
                             ld->errs) != 0)
        return;
    rule.dir = dir;
    rule.rego = rg_arena_strndup(arena, raw->data, raw->len);
    rule.rego_len = raw->len;
    rule.rego_file = rg_arena_strdup(arena, raw->path);
    const rg_policy_file *filter = sibling(files, count, dir, "filter.rego");
    if (filter != NULL) {
        rule.filter = rg_arena_strndup(arena, filter->data, filter->len);
        rule.filter_len = filter->len;
        rule.filter_file = rg_arena_strdup(arena, filter->path);
    }
    rg_grow((void **)&ld->rules, &ld->rule_cap, ld->rule_count + 1,
            sizeof *ld->rules);
    ld->rules[ld->rule_count++] = rule;
}

static void load_control(loader *ld, const rg_policy_file *f)
{
    const rg_value *json = parse(ld, f);
    rg_policy_control c;
    if (json == NULL ||
        rg_policy_parse_control(ld->policy->arena, json, f->path, &c,
                                ld->errs) != 0)
        return;
    rg_grow((void **)&ld->controls, &ld->control_cap,
            ld->control_count + 1, sizeof *ld->controls);
    ld->controls[ld->control_count++] = c;
}

static void load_framework(loader *ld, const rg_policy_file *f)
{
    const rg_value *json = parse(ld, f);
    rg_policy_framework fw;
    if (json == NULL ||
        rg_policy_parse_framework(ld->policy->arena, json, f->path, &fw,
                                  ld->errs) != 0)
        return;
    rg_grow((void **)&ld->frameworks, &ld->framework_cap,
            ld->framework_count + 1, sizeof *ld->frameworks);
    ld->frameworks[ld->framework_count++] = fw;
}

static void load_module(loader *ld, const rg_policy_file *f)
{
    rg_arena *arena = ld->policy->arena;
    rg_grow((void **)&ld->modules, &ld->module_cap, ld->module_count + 1,
            sizeof *ld->modules);
    rg_policy_module *m = &ld->modules[ld->module_count++];
    m->path = rg_arena_strdup(arena, f->path);
    m->text = rg_arena_strndup(arena, f->data, f->len);
    m->len = f->len;
}

static void load_inputs(loader *ld, const rg_policy_file *f)
{
    const rg_value *json = parse(ld, f);
    if (json != NULL)
        ld->policy->default_inputs =
            rg_policy_parse_inputs(json, f->path, ld->errs);
}

/* true when path is raw.rego or filter.rego beside a rule.metadata.json */
static bool is_rule_source(const rg_policy_file *files, size_t count,
                           rg_arena *arena, const char *path)
{
    const char *name = base_name(path);
    if (strcmp(name, "raw.rego") != 0 && strcmp(name, "filter.rego") != 0)
        return false;
    return sibling(files, count, dir_name(arena, path),
                   "rule.metadata.json") != NULL;
}

static void classify(loader *ld, const rg_policy_file *files, size_t count,
                     const rg_policy_file *f)
{
    const char *name = base_name(f->path);
    if (strcmp(name, "rule.metadata.json") == 0)
        load_rule(ld, files, count, f);
    else if (strcmp(name, "default-config-inputs.json") == 0 ||
             strcmp(name, "default_config_inputs.json") == 0)
        load_inputs(ld, f);
    else if (ends_with(name, ".json") && has_component(f->path, "controls"))
        load_control(ld, f);
    else if (ends_with(name, ".json") &&
             has_component(f->path, "frameworks") && name[0] != '_')
        load_framework(ld, f);
    else if (ends_with(name, ".rego") &&
             !is_rule_source(files, count, ld->policy->arena, f->path))
        load_module(ld, f);
}

static int cmp_rules(const void *a, const void *b)
{
    return strcmp(((const rg_policy_rule *)a)->name,
                  ((const rg_policy_rule *)b)->name);
}

static int cmp_controls(const void *a, const void *b)
{
    return strcmp(((const rg_policy_control *)a)->id,
                  ((const rg_policy_control *)b)->id);
}

static int cmp_frameworks(const void *a, const void *b)
{
    return strcmp(((const rg_policy_framework *)a)->name,
                  ((const rg_policy_framework *)b)->name);
}

static void *to_arena(rg_arena *arena, void *items, size_t count,
                      size_t size)
{
    void *out = rg_arena_alloc(arena, count * size + 1);
    if (count)
        memcpy(out, items, count * size);
    free(items);
    return out;
}

static void finish(loader *ld)
{
    rg_policy *p = ld->policy;
    if (ld->rule_count > 1)
        qsort(ld->rules, ld->rule_count, sizeof *ld->rules, cmp_rules);
    if (ld->control_count > 1)
        qsort(ld->controls, ld->control_count, sizeof *ld->controls,
              cmp_controls);
    if (ld->framework_count > 1)
        qsort(ld->frameworks, ld->framework_count, sizeof *ld->frameworks,
              cmp_frameworks);
    p->rules = to_arena(p->arena, ld->rules, ld->rule_count,
                        sizeof *ld->rules);
    p->rule_count = ld->rule_count;
    p->controls = to_arena(p->arena, ld->controls, ld->control_count,
                           sizeof *ld->controls);
    p->control_count = ld->control_count;
    p->frameworks = to_arena(p->arena, ld->frameworks, ld->framework_count,
                             sizeof *ld->frameworks);
    p->framework_count = ld->framework_count;
    p->modules = to_arena(p->arena, ld->modules, ld->module_count,
                          sizeof *ld->modules);
    p->module_count = ld->module_count;
}

/* Point each control at its rules, reporting names no rule carries. */
static void resolve(rg_policy *p, rg_errors *errs)
{
    for (size_t i = 0; i < p->control_count; i++) {
        rg_policy_control *c = &p->controls[i];
        c->rules = rg_arena_calloc(p->arena, c->rule_names.count + 1,
                                   sizeof *c->rules);
        for (size_t j = 0; j < c->rule_names.count; j++) {
            const char *name = c->rule_names.items[j];
            c->rules[j] = (rg_policy_rule *)rg_policy_find_rule(p, name);
            if (c->rules[j] == NULL)
                rg_errors_add(errs, "policy_error", p->origin, 0, 0,
                              "control %s names rule '%s', which the "
                              "library does not have", c->id, name);
        }
    }
}

rg_policy *rg_policy_load_files(const rg_policy_file *files, size_t count,
                                const char *origin, rg_errors *errs)
{
    rg_policy *p = rg_xcalloc(1, sizeof *p);
    p->arena = rg_arena_new(0);
    p->origin = rg_arena_strdup(p->arena, origin);
    loader ld = {.policy = p, .errs = errs};
    for (size_t i = 0; i < count; i++)
        classify(&ld, files, count, &files[i]);
    finish(&ld);
    resolve(p, errs);
    return p;
}

void rg_policy_free(rg_policy *policy)
{
    if (policy == NULL)
        return;
    rg_arena_free(policy->arena);
    free(policy);
}

const rg_policy_rule *rg_policy_find_rule(const rg_policy *policy,
                                          const char *name)
{
    rg_policy_rule key = {.name = name};
    if (policy->rule_count == 0)
        return NULL;
    return bsearch(&key, policy->rules, policy->rule_count,
                   sizeof key, cmp_rules);
}

const rg_policy_control *rg_policy_find_control(const rg_policy *policy,
                                                const char *id)
{
    rg_policy_control key = {.id = id};
    if (policy->control_count == 0)
        return NULL;
    return bsearch(&key, policy->controls, policy->control_count,
                   sizeof key, cmp_controls);
}

const rg_policy_framework *rg_policy_find_framework(const rg_policy *policy,
                                                    const char *name)
{
    for (size_t i = 0; i < policy->framework_count; i++)
        if (strcasecmp(policy->frameworks[i].name, name) == 0)
            return &policy->frameworks[i];
    return NULL;
}

const char *rg_policy_severity(double base_score)
{
    if (base_score >= 9)
        return "Critical";
    if (base_score >= 7)
        return "High";
    if (base_score >= 4)
        return "Medium";
    if (base_score >= 1)
        return "Low";
    return "Unknown";
}
