/*
 * Loading the -d paths of regolith eval; see cli/evalload.h.  A
 * directory walk follows a symbolic link only while its target stays
 * inside the directory named on the command line, and reports a link
 * back to a directory being walked as a loop.
 */
#include "cli/evalload.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/loadfile.h"

/* Deepest directory nesting walked for -d.  Policy trees are far
 * shallower, and the walk recurses once per level. */
#define EVALLOAD_MAX_DEPTH 64

#define LOAD_ERROR "load_error"

/* The state of a directory walk: the directories now open, outermost
 * first, by device and inode. */
typedef struct walk {
    const char *root;           /* real path of the command-line folder */
    dev_t dev[EVALLOAD_MAX_DEPTH + 1];
    ino_t ino[EVALLOAD_MAX_DEPTH + 1];
    int depth;
} walk;

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void fail(rg_evalload *L, const char *code, const char *path,
                 const char *fmt, ...) RG_PRINTF(4, 5);

static void fail(rg_evalload *L, const char *code, const char *path,
                 const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rg_errors_add(L->errs, code, path, 0, 0, "%s", msg);
    L->failed = true;
}

static void add_data(rg_evalload *L, const char *path, const rg_value *v)
{
    if (rg_value_kind(v) != RG_OBJECT) {
        fail(L, LOAD_ERROR, path, "a data document must be an object, "
             "got %s", rg_kind_name(rg_value_kind(v)));
        return;
    }
    char *conflict = NULL;
    const rg_value *merged = rg_loadfile_merge(L->arena, L->data, v,
                                               &conflict);
    if (merged == NULL) {
        fail(L, LOAD_ERROR, path, "%s conflicts with data loaded before",
             conflict);
        free(conflict);
        return;
    }
    L->data = merged;
}

/* Load one file; explicit: named on the command line. */
static void load_file(rg_evalload *L, const char *path, bool explicit)
{
    bool rego = has_suffix(path, ".rego");
    bool data = has_suffix(path, ".json") || has_suffix(path, ".yaml") ||
                has_suffix(path, ".yml") || strcmp(path, "-") == 0;
    if (!rego && !data) {
        if (explicit)
            fail(L, LOAD_ERROR, path, "%s", "not a module or data file: "
                 "expected a name ending in .rego, .json, .yaml or .yml");
        return;
    }
    size_t len;
    char *text = rg_loadfile_read(path, &len, L->errs);
    if (text == NULL) {
        L->failed = true;
        return;
    }
    if (rego) {
        if (rg_engine_add_module(L->engine, path, text, len, L->errs) < 0)
            L->failed = true;
    } else {
        const rg_value *v = rg_loadfile_parse(L->arena, path, text, len,
                                              L->errs);
        if (v == NULL)
            L->failed = true;
        else
            add_data(L, path, v);
    }
    free(text);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted entry names of dir (hidden ones left out), or NULL. */
static char **list_dir(rg_evalload *L, const char *path, size_t *n)
{
    DIR *d = opendir(path);
    if (d == NULL) {
        fail(L, "io_error", path, "cannot open directory: %s",
             strerror(errno));
        return NULL;
    }
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.')
            continue;
        rg_grow((void **)&names, &cap, *n + 1, sizeof *names);
        names[(*n)++] = rg_xstrdup(ent->d_name);
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, name_cmp);
    return names;
}

static bool inside(const char *real, const char *root)
{
    size_t n = strlen(root);
    if (strcmp(root, "/") == 0)
        return true;
    return strncmp(real, root, n) == 0 && (real[n] == '\0' ||
                                           real[n] == '/');
}

/* A symbolic link met in a walk: true when it may be followed. */
static bool link_ok(rg_evalload *L, walk *w, const char *path)
{
    char *real = realpath(path, NULL);
    if (real == NULL) {
        fail(L, "io_error", path, "%s: %s", errno == ELOOP
             ? "symbolic link loop" : "broken symbolic link",
             strerror(errno));
        return false;
    }
    bool ok = inside(real, w->root);
    if (!ok) {
        rg_errors_add(L->errs, LOAD_ERROR, path, 0, 0, "symbolic link "
                      "leads outside %s (to %s); not followed; name the "
                      "target with -d to load it", w->root, real);
        L->failed = true;
    }
    free(real);
    return ok;
}

static void walk_dir(rg_evalload *L, walk *w, const char *path,
                     const struct stat *st);

static void walk_entry(rg_evalload *L, walk *w, const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        fail(L, "io_error", path, "cannot read: %s", strerror(errno));
        return;
    }
    if (S_ISLNK(st.st_mode)) {
        if (!link_ok(L, w, path))
            return;
        if (stat(path, &st) != 0) {
            fail(L, "io_error", path, "cannot read: %s", strerror(errno));
            return;
        }
    }
    if (S_ISDIR(st.st_mode))
        walk_dir(L, w, path, &st);
    else if (S_ISREG(st.st_mode))
        load_file(L, path, false);
}

static bool on_walk(const walk *w, const struct stat *st)
{
    for (int i = 0; i < w->depth; i++)
        if (w->dev[i] == st->st_dev && w->ino[i] == st->st_ino)
            return true;
    return false;
}

static void walk_dir(rg_evalload *L, walk *w, const char *path,
                     const struct stat *st)
{
    if (on_walk(w, st)) {
        fail(L, "io_error", path, "%s", "symbolic link loop: the "
             "directory is already being read");
        return;
    }
    if (w->depth > EVALLOAD_MAX_DEPTH) {
        rg_errors_add(L->errs, LOAD_ERROR, path, 0, 0, "directory nesting "
                      "deeper than %d levels; not read", EVALLOAD_MAX_DEPTH);
        L->failed = true;
        return;
    }
    size_t n;
    char **names = list_dir(L, path, &n);
    if (names == NULL)
        return;
    w->dev[w->depth] = st->st_dev;
    w->ino[w->depth++] = st->st_ino;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(names[i]) + 2;
        char *full = rg_xmalloc(len);
        snprintf(full, len, "%s/%s", path, names[i]);
        walk_entry(L, w, full);
        free(full);
        free(names[i]);
    }
    w->depth--;
    free(names);
}

void rg_evalload_path(rg_evalload *L, const char *path)
{
    struct stat st;
    if (strcmp(path, "-") == 0) {
        load_file(L, path, true);
        return;
    }
    if (stat(path, &st) != 0) {
        fail(L, "io_error", path, "cannot read: %s", strerror(errno));
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        load_file(L, path, true);
        return;
    }
    char *root = realpath(path, NULL);
    if (root == NULL) {
        fail(L, "io_error", path, "cannot read: %s", strerror(errno));
        return;
    }
    walk w;
    w.root = root;
    w.depth = 0;
    walk_dir(L, &w, path, &st);
    free(root);
}
