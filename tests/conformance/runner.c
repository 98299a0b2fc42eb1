/*
 * regolith-conformance: run OPA's YAML conformance cases.
 *
 *   regolith-conformance [--v0|--v1] [-v] [--by-topic] [--skip FILE]
 *                        PATH...
 *
 * PATH is a case file or a folder walked for *.yaml files.  The dialect
 * comes from a "v0" or "v1" folder in the path unless a flag sets it.
 * Cases listed in the skip file (tests/conformance/skip.txt unless
 * --skip names another) are skipped.  The last line
 * is "conformance: N passed, N failed, N skipped"; the exit status is
 * non-zero when a case failed.
 */
#include "tests/conformance/conformance.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "runtime/yaml.h"


/* The skip list, relative to the repository root (the working
 * directory of make test). */
#define CONF_SKIP_FILE "tests/conformance/skip.txt"

typedef struct topic_count {
    char *name;         /* "v1/every" */
    size_t pass, fail, skip;
} topic_count;

typedef struct runner {
    int force_dialect;  /* -1: from the path */
    bool verbose;
    bool by_topic;
    size_t pass, fail, skip;
    topic_count *topics;
    size_t ntopics, captopics;
} runner;

static topic_count *topic_of(runner *R, const char *file)
{
    /* The topic is "DIALECT/FOLDER" taken from the file's two parents. */
    char buf[512];
    snprintf(buf, sizeof buf, "%s", file);
    char *slash = strrchr(buf, '/');
    if (slash)
        *slash = '\0';
    char *topic = strrchr(buf, '/');
    topic = topic ? topic + 1 : buf;
    char *dialect = NULL;
    if (topic != buf) {
        topic[-1] = '\0';
        dialect = strrchr(buf, '/');
        dialect = dialect ? dialect + 1 : buf;
        topic[-1] = '/';
    }
    const char *name = dialect ? dialect : topic;
    for (size_t i = 0; i < R->ntopics; i++)
        if (strcmp(R->topics[i].name, name) == 0)
            return &R->topics[i];
    rg_grow((void **)&R->topics, &R->captopics, R->ntopics + 1,
            sizeof *R->topics);
    topic_count *t = &R->topics[R->ntopics++];
    memset(t, 0, sizeof *t);
    t->name = rg_xstrdup(name);
    return t;
}

static rg_dialect dialect_of(const runner *R, const char *file)
{
    if (R->force_dialect >= 0)
        return (rg_dialect)R->force_dialect;
    if (strstr(file, "/v0/") || strncmp(file, "v0/", 3) == 0)
        return RG_DIALECT_V0;
    return RG_DIALECT_V1;
}

static void count(runner *R, topic_count *t, conf_status st)
{
    size_t *g = st == CONF_PASS ? &R->pass : st == CONF_FAIL ? &R->fail :
                &R->skip;
    size_t *l = st == CONF_PASS ? &t->pass : st == CONF_FAIL ? &t->fail :
                &t->skip;
    (*g)++;
    (*l)++;
}

static void run_case(runner *R, const char *file, size_t index,
                     const rg_value *spec, topic_count *t)
{
    const rg_value *note = rg_object_get_str(spec, "note", 4);
    const char *skip = rg_conf_skip_reason(file, index);
    if (skip) {
        count(R, t, CONF_SKIP);
        return;
    }
    conf_case c = {spec, dialect_of(R, file), file, index};
    char *reason = NULL;
    conf_status st = rg_conf_run_case(&c, &reason);
    count(R, t, st);
    if (st == CONF_FAIL && R->verbose)
        printf("FAIL %s#%zu %s: %s\n", file, index,
               note && rg_value_kind(note) == RG_STRING ?
               rg_string_bytes(note) : "", reason ? reason : "");
    free(reason);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        rg_grow((void **)&buf, &cap, n + 65536 + 1, 1);
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static void run_file(runner *R, const char *file)
{
    size_t len;
    char *text = read_all(file, &len);
    topic_count *t = topic_of(R, file);
    rg_arena *a = rg_arena_new(0);
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *doc =
        text ? rg_yaml_parse(a, text, len, file, NULL, &errs) : NULL;
    const rg_value *cases = doc ? rg_object_get_str(doc, "cases", 5) : NULL;
    if (cases == NULL || rg_value_kind(cases) != RG_ARRAY) {
        printf("FAIL %s: cannot read cases\n", file);
        rg_errors_print(&errs, stdout);
        count(R, t, CONF_FAIL);
    }
    for (size_t i = 0; cases && i < rg_len(cases); i++)
        run_case(R, file, i, rg_array_at(cases, i), t);
    rg_errors_free(&errs);
    rg_arena_free(a);
    free(text);
}

static int name_cmp(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void walk(runner *R, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "regolith-conformance: %s: not found\n", path);
        R->fail++;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        size_t n = strlen(path);
        if (n > 5 && strcmp(path + n - 5, ".yaml") == 0)
            run_file(R, path);
        return;
    }
    DIR *d = opendir(path);
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        rg_grow((void **)&names, &cap, n + 1, sizeof *names);
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        names[n] = rg_xmalloc(len);
        snprintf(names[n++], len, "%s/%s", path, e->d_name);
    }
    if (d)
        closedir(d);
    qsort(names, n, sizeof *names, name_cmp);
    for (size_t i = 0; i < n; i++) {
        walk(R, names[i]);
        free(names[i]);
    }
    free(names);
}

static void print_topics(runner *R)
{
    printf("| topic | passed | failed | skipped |\n");
    printf("|---|---:|---:|---:|\n");
    for (size_t i = 0; i < R->ntopics; i++) {
        topic_count *t = &R->topics[i];
        printf("| %s | %zu | %zu | %zu |\n", t->name, t->pass, t->fail,
               t->skip);
    }
}

int main(int argc, char **argv)
{
    runner R;
    memset(&R, 0, sizeof R);
    R.force_dialect = -1;
    int npaths = 0;
    const char *skip = CONF_SKIP_FILE;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--skip") == 0 && i + 1 < argc)
            skip = argv[++i];
        else if (strcmp(argv[i], "--v0") == 0)
            R.force_dialect = RG_DIALECT_V0;
        else if (strcmp(argv[i], "--v1") == 0)
            R.force_dialect = RG_DIALECT_V1;
        else if (strcmp(argv[i], "-v") == 0)
            R.verbose = true;
        else if (strcmp(argv[i], "--by-topic") == 0)
            R.by_topic = true;
        else if (argv[i][0] == '-') {
            fprintf(stderr, "usage: regolith-conformance [--v0|--v1] [-v] "
                    "[--by-topic] [--skip FILE] PATH...\n");
            return 2;
        }
    }
    rg_conf_skip_load(skip);
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--skip") == 0)
            i++;
        else if (argv[i][0] != '-') {
            walk(&R, argv[i]);
            npaths++;
        }
    if (npaths == 0) {
        fprintf(stderr, "regolith-conformance: no PATH given\n");
        return 2;
    }
    if (R.by_topic)
        print_topics(&R);
    printf("conformance: %zu passed, %zu failed, %zu skipped\n", R.pass,
           R.fail, R.skip);
    for (size_t i = 0; i < R.ntopics; i++)
        free(R.topics[i].name);
    free(R.topics);
    rg_conf_skip_free();
    return R.fail ? 1 : 0;
}
