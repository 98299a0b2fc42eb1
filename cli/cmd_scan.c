/*
 * regolith scan: checks Kubernetes manifests against the controls of a
 * policy library and reports what fails, where, and how to fix it.
 *
 *   regolith scan [framework NAME[,NAME] | control ID[,ID]] [PATH... | -]
 *
 * Exit status: 0 when the scan ran, 1 when a threshold was crossed, 2
 * for a usage error or unreadable input (the other inputs are still
 * scanned and reported).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cli/commands.h"
#include "regolith.h"
#include "k8s/report.h"
#include "k8s/scan.h"
#include "k8s/scan_eval.h"

/* Severity thresholds by name, lowest first; a failed control at or
 * above the threshold crosses it. */
static const char *const SEVERITIES[] = {"low", "medium", "high",
                                         "critical"};

typedef struct scan_args {
    rg_scan_options scan;
    const char **paths;
    size_t path_count;
    const char *format;
    const char *output;
    bool verbose;
    bool stats;
    double compliance_threshold;    /* < 0: none */
    int severity_threshold;         /* index in SEVERITIES, -1: none */
} scan_args;

static void usage(FILE *out)
{
    fprintf(out,
        "usage: regolith scan [framework NAME[,NAME] | control ID[,ID]] "
        "[PATH... | -]\n\n"
        "Scans Kubernetes manifests (files, folders of .yaml/.yml/.json, "
        "or - for\nstandard input) against the controls of the policy "
        "library.\n\n"
        "Every Kubernetes object of every file is scanned.  Its resource ID "
        "is\nKubescape's file-scan ID, path=<hash>/api=<group>/<version>/"
        "<namespace>/\n<kind>/<name>, where <hash> is the FNV-1a hash of "
        "the file's path\nrelative to the scanned folder (standard input "
        "is hashed as <stdin>),\nso one object in two files is scanned "
        "twice.  When one file defines\nthe same resource twice, the later "
        "definition is scanned and the\nearlier one is listed as a "
        "duplicate (with -v).\n\noptions:\n"
        "  --format pretty|json|sarif|junit  report format (default "
        "pretty)\n"
        "  --output FILE                     write the report to FILE\n"
        "  --policy-dir DIR                  use the policy library in "
        "DIR\n"
        "  --include-namespaces A,B          only resources in these "
        "namespaces\n"
        "  --exclude-namespaces A,B          leave out these namespaces\n"
        "  --exceptions FILE                 posture exception policies "
        "(JSON)\n"
        "  --controls-config FILE            control inputs replacing the "
        "library's\n"
        "                                    defaults (JSON, shaped like "
        "default-\n"
        "                                    config-inputs.json)\n"
        "  --compliance-threshold N          exit 1 when the compliance "
        "score\n"
        "                                    is below N (0-100)\n"
        "  --severity-threshold LEVEL        exit 1 when a control of "
        "LEVEL or\n"
        "                                    higher fails (low, medium, "
        "high,\n"
        "                                    critical)\n"
        "  --stats                           print timings and counters "
        "to stderr\n"
        "  -v, --verbose                     list failed resources with "
        "paths\n");
}

/* Split a comma list into a string list (the strings point into a copy
 * owned by the list's first item's allocation). */
static rg_strlist split(const char *text)
{
    rg_strlist l = {NULL, 0};
    char *copy = rg_xstrdup(text);
    size_t n = 1;
    for (const char *p = copy; *p; p++)
        n += *p == ',';
    l.items = rg_xcalloc(n + 1, sizeof *l.items);
    for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ","))
        l.items[l.count++] = tok;
    if (l.count == 0)
        free(copy);
    return l;
}

static void free_list(rg_strlist *l)
{
    if (l->count > 0)
        free((char *)l->items[0]);
    free(l->items);
}

static int severity_index(const char *name)
{
    for (size_t i = 0; i < RG_ARRAY_LEN(SEVERITIES); i++)
        if (strcasecmp(SEVERITIES[i], name) == 0)
            return (int)i;
    return -1;
}

/* Take an option's value from argv; NULL (with a message) if missing. */
static const char *value_of(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "regolith scan: %s needs a value\n", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

static int set_threshold(scan_args *a, const char *opt, const char *v)
{
    if (strcmp(opt, "--severity-threshold") == 0) {
        a->severity_threshold = severity_index(v);
        if (a->severity_threshold < 0) {
            fprintf(stderr, "regolith scan: invalid severity '%s'; expected "
                    "low, medium, high or critical\n", v);
            return -1;
        }
        return 0;
    }
    char *end;
    a->compliance_threshold = strtod(v, &end);
    if (*end || a->compliance_threshold < 0 ||
        a->compliance_threshold > 100) {
        fprintf(stderr, "regolith scan: invalid compliance threshold '%s'; "
                "expected a number from 0 to 100\n", v);
        return -1;
    }
    return 0;
}

/* Options with a value.  Returns 1 when opt is one, 0 when not, -1 on
 * error. */
static int valued_option(scan_args *a, int argc, char **argv, int *i)
{
    static const char *const names[] = {
        "--format", "--output", "--policy-dir", "--include-namespaces",
        "--exclude-namespaces", "--exceptions", "--compliance-threshold",
        "--severity-threshold", "--controls-config", NULL};
    const char *opt = argv[*i];
    size_t k = 0;
    while (names[k] && strcmp(names[k], opt) != 0)
        k++;
    if (names[k] == NULL)
        return 0;
    const char *v = value_of(argc, argv, i);
    if (v == NULL)
        return -1;
    switch (k) {
    case 0: a->format = v; return 1;
    case 1: a->output = v; return 1;
    case 2: a->scan.policy_dir = v; return 1;
    case 3: a->scan.namespaces.include = split(v); return 1;
    case 4: a->scan.namespaces.exclude = split(v); return 1;
    case 5: a->scan.exceptions_file = v; return 1;
    case 8: a->scan.controls_config = v; return 1;
    default: return set_threshold(a, opt, v) == 0 ? 1 : -1;
    }
}

static int parse_args(scan_args *a, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int rc = valued_option(a, argc, argv, &i);
        if (rc < 0)
            return -1;
        if (rc > 0)
            continue;
        if (strcmp(arg, "-v") == 0 || strcmp(arg, "--verbose") == 0)
            a->verbose = true;
        else if (strcmp(arg, "--stats") == 0)
            a->stats = true;
        else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
            return 1;
        else if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "regolith scan: unknown option '%s'\n", arg);
            return -1;
        } else
            a->paths[a->path_count++] = arg;
    }
    return 0;
}

/* "framework X" or "control Y" at the start of the paths. */
static int parse_target(scan_args *a)
{
    if (a->path_count == 0)
        return 0;
    bool fw = strcmp(a->paths[0], "framework") == 0;
    bool ctl = strcmp(a->paths[0], "control") == 0;
    if (!fw && !ctl)
        return 0;
    if (a->path_count < 2) {
        fprintf(stderr, "regolith scan: '%s' needs a name\n", a->paths[0]);
        return -1;
    }
    rg_strlist names = split(a->paths[1]);
    if (fw)
        a->scan.frameworks = names;
    else
        a->scan.controls = names;
    a->paths += 2;
    a->path_count -= 2;
    return 0;
}

/* A scan shorter than this shows no progress bar (milliseconds). */
#define PROGRESS_DELAY_MS 300

static double elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - since->tv_sec) * 1e3 +
           (double)(now.tv_nsec - since->tv_nsec) / 1e6;
}

/* Draw "[####   ] done/total controls" on stderr once the scan has run
 * for PROGRESS_DELAY_MS; user is the scan's start time. */
static void progress(void *user, size_t done, size_t total)
{
    static bool shown;
    if (!shown && elapsed_ms(user) < PROGRESS_DELAY_MS && done < total)
        return;
    if (!shown && done == total)
        return;
    shown = true;
    int width = 30, filled = (int)(done * (size_t)width / total);
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu controls",
            filled, "##############################", width - filled, "",
            done, total);
    if (done == total)
        fprintf(stderr, "\r%*s\r", width + 30, "");
}

static int write_report(const scan_args *a, const rg_scan *scan)
{
    FILE *out = a->output ? fopen(a->output, "w") : stdout;
    if (out == NULL) {
        perror(a->output);
        return -1;
    }
    rg_report_options ro = {a->verbose, false, RG_VERSION,
                            a->paths, a->path_count};
    ro.color = out == stdout && isatty(fileno(stdout)) &&
               getenv("NO_COLOR") == NULL;
    if (strcmp(a->format, "json") == 0)
        rg_report_json(out, scan, &ro);
    else if (strcmp(a->format, "sarif") == 0)
        rg_report_sarif(out, scan, &ro);
    else if (strcmp(a->format, "junit") == 0)
        rg_report_junit(out, scan, &ro);
    else
        rg_report_pretty(out, scan, &ro);
    if (out != stdout)
        fclose(out);
    return 0;
}

/* Peak resident memory of the process so far, in KiB. */
static long peak_kib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return ru.ru_maxrss;
}

/* User and system CPU time of the process so far, in milliseconds. */
static double cpu_ms(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

/* Rules listed by --stats as the slowest to evaluate. */
#define STATS_SLOWEST 5

static void print_slowest(const rg_scan *scan)
{
    const rg_policy *p = scan->policy;
    bool *shown = rg_xcalloc(p->rule_count + 1, sizeof *shown);
    for (int n = 0; n < STATS_SLOWEST; n++) {
        size_t best = p->rule_count;
        for (size_t i = 0; i < p->rule_count; i++)
            if (!shown[i] && scan->stats.rule_ns[i] > 0 &&
                (best == p->rule_count ||
                 scan->stats.rule_ns[i] > scan->stats.rule_ns[best]))
                best = i;
        if (best == p->rule_count)
            break;
        shown[best] = true;
        fprintf(stderr, "stats: slow rule %s: %.1f ms\n", p->rules[best].name,
                scan->stats.rule_ns[best] / 1e6);
    }
    free(shown);
}

static void print_stats(const scan_args *a, const rg_scan *scan)
{
    rg_store_stats st;
    rg_store_stats_get(scan->store, &st);
    const rg_scan_stats *s = &scan->stats;
    fprintf(stderr,
            "stats: resources %zu (estimate %zu, table growths %zu), store "
            "%zu KiB, results %zu KiB (%zu verdicts)\n"
            "stats: rules evaluated %zu, failed %zu, without input %zu; "
            "match inputs %zu computed, %zu reused\n"
            "stats: load %.1f ms, evaluation %.1f ms, total %.1f ms\n"
            "stats: peak memory %ld KiB, CPU time %.0f ms\n",
            st.resources, st.estimate, st.growths, st.arena_bytes / 1024,
            rg_arena_bytes(scan->results->arena) / 1024, scan->results->count,
            s->rules_evaluated, s->rules_failed, s->rules_empty_input,
            s->match_misses, s->match_hits, s->load_ns / 1e6,
            s->eval_ns / 1e6, s->total_ns / 1e6, peak_kib(), cpu_ms());
    rg_scan_eval_stats(&a->scan, stderr);
    print_slowest(scan);
}

/* 1 when a threshold is crossed. */
static int thresholds(const scan_args *a, const rg_scan *scan)
{
    const rg_results *r = scan->results;
    int crossed = 0;
    if (a->compliance_threshold >= 0 &&
        r->compliance_score < a->compliance_threshold)
        crossed = 1;
    for (size_t i = 0; a->severity_threshold >= 0 &&
                       i < r->control_count; i++) {
        int sev = rg_results_severity_index(
            r->controls[i].control->base_score);
        /* index 0 is critical and 4 unknown; unknown always crosses */
        int level = sev == 4 ? 4 : 3 - sev;
        if (r->controls[i].failed > 0 && level >= a->severity_threshold)
            crossed = 1;
    }
    return crossed;
}

/* Print notes, warnings and errors to stderr.  Documents replaced by a
 * later one with the same resource ID are listed only with verbose, as
 * generated manifests often repeat a resource. */
static void print_problems(const rg_scan *scan, bool verbose)
{
    const rg_manifest_summary *s = &scan->inputs;
    for (size_t i = 0; i < s->skip_count; i++)
        if (verbose || !s->skips[i].duplicate)
            fprintf(stderr, "note: %s:%d: skipped: %s\n", s->skips[i].file,
                    s->skips[i].line, s->skips[i].reason);
    for (size_t i = 0; i < scan->walk.note_count; i++)
        fprintf(stderr, "note: %s: %s\n", scan->walk.notes[i].path,
                scan->walk.notes[i].reason);
    rg_errors_print(&scan->inputs.warnings, stderr);
    rg_errors_print(&scan->inputs.errors, stderr);
    rg_errors_print(&scan->errors, stderr);
}

static int run(scan_args *a)
{
    a->scan.paths = a->paths;
    a->scan.path_count = a->path_count;
    rg_scan_eval_setup(&a->scan);
    const char *large = getenv("LARGE_CLUSTER_SIZE");
    if (large != NULL && atol(large) > 0)
        a->scan.large_cluster_size = (size_t)atol(large);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (isatty(fileno(stderr))) {
        a->scan.progress = progress;
        a->scan.progress_user = &start;
    }
    rg_scan *scan = rg_scan_run(&a->scan, stderr);
    if (scan == NULL) {
        rg_scan_eval_teardown(&a->scan);
        return 2;
    }
    print_problems(scan, a->verbose);
    int rc = write_report(a, scan) != 0 ? 2 : thresholds(a, scan);
    if (a->stats)
        print_stats(a, scan);
    if (scan->inputs.unreadable > 0)
        rc = 2;
    rg_scan_free(scan);
    rg_scan_eval_teardown(&a->scan);
    return rc;
}

int rg_cmd_scan(int argc, char **argv)
{
    scan_args a;
    memset(&a, 0, sizeof a);
    a.format = "pretty";
    a.compliance_threshold = -1;
    a.severity_threshold = -1;
    a.paths = rg_xcalloc((size_t)argc + 1, sizeof *a.paths);
    const char **paths = a.paths;
    int rc = parse_args(&a, argc, argv);
    if (rc == 0)
        rc = parse_target(&a);
    if (rc == 0 && strcmp(a.format, "pretty-printer") == 0)
        a.format = "pretty";    /* Kubescape's name for the format */
    if (rc == 0 && strcmp(a.format, "pretty") && strcmp(a.format, "json") &&
        strcmp(a.format, "sarif") && strcmp(a.format, "junit")) {
        fprintf(stderr, "regolith scan: unknown format '%s'\n", a.format);
        rc = -1;
    }
    if (rc == 0 && a.path_count == 0) {
        fprintf(stderr, "regolith scan: no path given (use - for standard "
                "input)\n");
        rc = -1;
    }
    bool help = rc > 0;
    if (rc != 0)
        usage(help ? stdout : stderr);
    else
        rc = run(&a);
    free_list(&a.scan.frameworks);
    free_list(&a.scan.controls);
    free_list(&a.scan.namespaces.include);
    free_list(&a.scan.namespaces.exclude);
    free(paths);
    if (help)
        return 0;
    return rc < 0 ? 2 : rc;
}
