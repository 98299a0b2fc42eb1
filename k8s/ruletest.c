/*
 * The rule test runner: finds each rule's cases, builds their input and
 * data, evaluates and compares; see k8s/ruletest.h.
 */
#include "k8s/ruletest.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "k8s/docparse.h"
#include "k8s/jsonw.h"
#include "k8s/readfile.h"
#include "k8s/scan_internal.h"
#include "runtime/yaml.h"

/* Characters of a response list shown when a case fails. */
#define RULETEST_SHOW_MAX 2000

typedef struct names {
    char **items;
    size_t count, cap;
} names;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted entry names of dir (files or folders as asked), skipping
 * hidden ones. */
static names list_dir(const char *dir, bool want_dirs)
{
    names n = {0};
    DIR *d = opendir(dir);
    if (d == NULL)
        return n;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *full = rg_xmalloc(strlen(dir) + strlen(e->d_name) + 2);
        sprintf(full, "%s/%s", dir, e->d_name);
        struct stat st;
        bool is_dir = stat(full, &st) == 0 && S_ISDIR(st.st_mode);
        free(full);
        if (is_dir != want_dirs)
            continue;
        rg_grow((void **)&n.items, &n.cap, n.count + 1, sizeof *n.items);
        n.items[n.count++] = rg_xstrdup(e->d_name);
    }
    closedir(d);
    if (n.count > 1)
        qsort(n.items, n.count, sizeof *n.items, cmp_names);
    return n;
}

static void free_names(names *n)
{
    for (size_t i = 0; i < n->count; i++)
        free(n->items[i]);
    free(n->items);
}

static char *join(const char *a, const char *b)
{
    char *s = rg_xmalloc(strlen(a) + strlen(b) + 2);
    sprintf(s, "%s/%s", a, b);
    return s;
}

/* Keep the first document's value and stop the stream. */
static bool keep_first(void *user, const rg_yaml_doc *doc)
{
    *(const rg_value **)user = doc->value;
    return false;
}

/* The first document of file path, or NULL (with errs). */
static const rg_value *first_document(rg_arena *arena, const char *path,
                                      rg_errors *errs)
{
    size_t len;
    char *text = rg_readfile(path, &len, errs);
    if (text == NULL)
        return NULL;
    const rg_value *first = NULL;
    rg_yaml_options opts = {path, NULL, false, NULL, NULL};
    rg_yaml_stream(arena, text, len, &opts, keep_first, &first, errs);
    free(text);
    return first;
}

static const rg_value *case_input(rg_arena *arena, const char *case_dir,
                                  rg_errors *errs)
{
    char *dir = join(case_dir, "input");
    names files = list_dir(dir, false);
    const rg_value **items = rg_arena_alloc(arena, (files.count + 1) *
                                                   sizeof *items);
    size_t n = 0;
    for (size_t i = 0; i < files.count; i++) {
        char *path = join(dir, files.items[i]);
        const rg_value *v = first_document(arena, path, errs);
        if (v != NULL)
            items[n++] = v;
        free(path);
    }
    free_names(&files);
    free(dir);
    return rg_array(arena, items, n);
}

static const rg_value *read_json(rg_arena *arena, const char *path,
                                 rg_errors *errs)
{
    size_t len;
    char *text = rg_readfile(path, &len, errs);
    if (text == NULL)
        return NULL;
    const rg_value *v = rg_docparse_json(arena, path, text, len, errs);
    free(text);
    return v;
}

/* Defaults overridden key by key by data.json's postureControlInputs,
 * plus its dataControlInputs. */
static const rg_value *case_data(rg_arena *arena, const rg_policy *policy,
                                 const char *case_dir, rg_errors *errs)
{
    char *path = join(case_dir, "data.json");
    struct stat st;
    const rg_value *over = stat(path, &st) == 0 ? read_json(arena, path,
                                                            errs)
                                                : NULL;
    free(path);
    const rg_value *def = policy->default_inputs;
    const rg_value *pci = over ? rg_object_get_str(over,
                                                   "postureControlInputs",
                                                   20) : NULL;
    rg_builder *inputs = rg_object_builder(arena, def ? rg_len(def) : 0);
    if (pci && rg_value_kind(pci) == RG_OBJECT)
        for (size_t i = 0; i < rg_len(pci); i++)
            rg_builder_put(inputs, rg_object_key_at(pci, i),
                           rg_object_value_at(pci, i));
    for (size_t i = 0; def && i < rg_len(def); i++)
        if (rg_builder_get(inputs, rg_object_key_at(def, i)) == NULL)
            rg_builder_put(inputs, rg_object_key_at(def, i),
                           rg_object_value_at(def, i));
    rg_builder *data = rg_object_builder(arena, 2);
    rg_builder_put(data, rg_cstring(arena, "postureControlInputs"),
                   rg_builder_finish(inputs));
    const rg_value *dci = over ? rg_object_get_str(over,
                                                   "dataControlInputs", 17)
                               : NULL;
    if (dci)
        rg_builder_put(data, rg_cstring(arena, "dataControlInputs"), dci);
    return rg_builder_finish(data);
}

/* Every rule value of the package document, concatenated. */
static const rg_value *responses(rg_arena *arena, const rg_value *doc)
{
    const rg_value **items = NULL;
    size_t count = 0, cap = 0;
    for (size_t i = 0; doc && rg_value_kind(doc) == RG_OBJECT &&
                       i < rg_len(doc); i++) {
        const rg_value *v = rg_object_value_at(doc, i);
        bool set = rg_value_kind(v) == RG_SET;
        if (!set && rg_value_kind(v) != RG_ARRAY) {
            free(items);
            return v;   /* not a list: normalization reports it */
        }
        for (size_t j = 0; j < rg_len(v); j++) {
            rg_grow((void **)&items, &cap, count + 1, sizeof *items);
            items[count++] = set ? rg_set_at(v, j) : rg_array_at(v, j);
        }
    }
    const rg_value *out = rg_array(arena, items, count);
    free(items);
    return out;
}

static char *show(const rg_value *v)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    rg_jsonw w;
    rg_jsonw_init(&w, f, 0);
    if (v)
        rg_jsonw_value(&w, v);
    else
        fputs("(none)", f);
    fclose(f);
    if (len > RULETEST_SHOW_MAX)
        strcpy(buf + RULETEST_SHOW_MAX - 4, "...");
    return buf;
}

typedef struct case_ctx {
    const rg_policy *policy;
    const rg_policy_rule *rule;
    rg_scan_eval_fn eval;
    void *user;
    rg_arena *arena;
    rg_scan *agg;               /* for the resource aggregators */
} case_ctx;

static char *evaluate_and_compare(case_ctx *c, bool filter,
                                  const rg_value *input,
                                  const rg_value *data,
                                  const rg_value *want);

/* Evaluate (filter or raw) and compare with expected file name in the
 * case.  Returns NULL when they agree, else an owned failure message. */
static char *check(case_ctx *c, const char *case_dir, bool filter,
                   const char *expected_name)
{
    rg_errors errs;
    rg_errors_init(&errs);
    char *path = join(case_dir, expected_name);
    const rg_value *want = read_json(c->arena, path, &errs);
    free(path);
    const rg_value *input = case_input(c->arena, case_dir, &errs);
    input = rg_scan_aggregate(c->agg, c->rule, input);
    const rg_value *data = case_data(c->arena, c->policy, case_dir, &errs);
    char *msg = NULL;
    if (want == NULL || errs.count > 0) {
        msg = errs.count ? rg_error_format(&errs.items[0])
                         : rg_xstrdup("cannot read the case");
        rg_errors_free(&errs);
        return msg;
    }
    rg_errors_free(&errs);
    return evaluate_and_compare(c, filter, input, data, want);
}

/* Evaluate the rule (or its filter) and compare its responses with
 * want.  Returns NULL when they agree, else an owned message. */
static char *evaluate_and_compare(case_ctx *c, bool filter,
                                  const rg_value *input,
                                  const rg_value *data,
                                  const rg_value *want)
{
    const rg_value *doc = NULL;
    char *err = NULL, *msg;
    if (c->eval == NULL)
        return rg_xstrdup("no Rego engine in this build");
    if (c->eval(c->user, c->policy, c->rule, filter, input, data, c->arena,
                &doc, &err) != 0)
        return err ? err : rg_xstrdup("evaluation failed");
    const char *e1 = NULL, *e2 = NULL;
    const rg_value *got = rg_ruletest_normalize(
        c->arena, responses(c->arena, doc), true, &e1);
    const rg_value *exp = rg_ruletest_normalize(c->arena, want, false, &e2);
    if (got == NULL || exp == NULL) {
        msg = rg_xmalloc(256);
        snprintf(msg, 256, "%s: %s", got == NULL ? "result" : "expected",
                 got == NULL ? e1 : e2);
        return msg;
    }
    if (rg_value_equal(got, exp))
        return NULL;
    char *g = show(got), *x = show(exp);
    msg = rg_xmalloc(strlen(g) + strlen(x) + 32);
    sprintf(msg, "\n  got:      %s\n  expected: %s", g, x);
    free(g);
    free(x);
    return msg;
}

static void run_case(case_ctx *c, const char *rule_dir, const char *name,
                     bool verbose, FILE *out, rg_ruletest_counts *counts)
{
    char *tests = join(rule_dir, "test");
    char *case_dir = join(tests, name);
    char *msg = check(c, case_dir, false, "expected.json");
    char *filter_path = join(case_dir, "expected-filter.json");
    struct stat st;
    if (msg == NULL && c->rule->filter && stat(filter_path, &st) == 0)
        msg = check(c, case_dir, true, "expected-filter.json");
    if (msg == NULL) {
        counts->passed++;
        if (verbose)
            fprintf(out, "ok   %s/%s\n", c->rule->name, name);
    } else {
        counts->failed++;
        fprintf(out, "FAIL %s/%s: %s\n", c->rule->name, name, msg);
    }
    free(msg);
    free(filter_path);
    free(case_dir);
    free(tests);
}

void rg_ruletest_run(const char *dir, const rg_policy *policy,
                     const char *only, rg_scan_eval_fn eval, void *user,
                     bool verbose, FILE *out, rg_ruletest_counts *counts)
{
    for (size_t i = 0; i < policy->rule_count; i++) {
        const rg_policy_rule *rule = &policy->rules[i];
        if (only && strcmp(only, rule->name) != 0)
            continue;
        char *rule_dir = join(dir, rule->dir);
        char *tests = join(rule_dir, "test");
        names cases = list_dir(tests, true);
        for (size_t k = 0; k < cases.count; k++) {
            rg_scan agg;
            memset(&agg, 0, sizeof agg);
            agg.scratch = rg_arena_new(0);
            rg_strmap_init(&agg.extra_ids, 16);
            case_ctx c = {policy, rule, eval, user, agg.scratch, &agg};
            run_case(&c, rule_dir, cases.items[k], verbose, out, counts);
            rg_strmap_free(&agg.extra_ids);
            free(agg.extras);
            rg_arena_free(agg.scratch);
        }
        free_names(&cases);
        free(tests);
        free(rule_dir);
    }
}
