/*
 * Input discovery: expands command-line paths into manifest files; see
 * k8s/walk.h.
 */
#include "k8s/walk.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void rg_walk_init(rg_walk_list *list)
{
    memset(list, 0, sizeof *list);
}

void rg_walk_free(rg_walk_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->files[i].path);
    for (size_t i = 0; i < list->note_count; i++) {
        free(list->notes[i].path);
        free(list->notes[i].reason);
    }
    free(list->files);
    free(list->notes);
    memset(list, 0, sizeof *list);
}

bool rg_walk_is_manifest_name(const char *name)
{
    static const char *const exts[] = {".yaml", ".yml", ".json"};
    size_t len = strlen(name);
    for (size_t i = 0; i < RG_ARRAY_LEN(exts); i++) {
        size_t n = strlen(exts[i]);
        if (len > n && strcmp(name + len - n, exts[i]) == 0)
            return true;
    }
    return false;
}

static void add_file(rg_walk_list *list, const char *path, off_t size)
{
    rg_grow((void **)&list->files, &list->cap, list->count + 1,
            sizeof *list->files);
    rg_walk_file *f = &list->files[list->count++];
    f->path = rg_xstrdup(path);
    f->id_path = f->path;
    if (size > 0)
        list->total_bytes += (uint64_t)size;
}

static void add_note(rg_walk_list *list, const char *path,
                     const char *reason)
{
    rg_grow((void **)&list->notes, &list->note_cap, list->note_count + 1,
            sizeof *list->notes);
    rg_walk_note *n = &list->notes[list->note_count++];
    n->path = rg_xstrdup(path);
    n->reason = rg_xstrdup(reason);
}

static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    bool slash = dl > 0 && dir[dl - 1] == '/';
    char *out = rg_xmalloc(dl + nl + 2);
    memcpy(out, dir, dl);
    if (!slash)
        out[dl++] = '/';
    memcpy(out + dl, name, nl + 1);
    return out;
}

/* true when path (resolved) lies inside root (resolved). */
static bool inside(const char *root, const char *path)
{
    size_t n = strlen(root);
    if (strncmp(root, path, n) != 0)
        return false;
    return path[n] == '/' || path[n] == '\0' || (n == 1 && root[0] == '/');
}

static void note_link(rg_walk_list *list, const char *root,
                      const char *path)
{
    char *target = realpath(path, NULL);
    if (target == NULL)
        add_note(list, path, "broken symbolic link");
    else if (inside(root, target))
        add_note(list, path, "symbolic link not followed: its target is "
                 "inside the scanned tree");
    else
        add_note(list, path, "symbolic link not followed: it leads out "
                 "of the scanned tree");
    free(target);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names of the entries of dir, sorted; NULL with errno on failure. */
static char **read_names(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    *count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        rg_grow((void **)&names, &cap, *count + 1, sizeof *names);
        names[(*count)++] = rg_xstrdup(e->d_name);
    }
    closedir(d);
    if (*count > 1)
        qsort(names, *count, sizeof *names, cmp_names);
    return names ? names : rg_xcalloc(1, sizeof *names);
}

static int walk_dir(rg_walk_list *list, const char *root, const char *dir,
                    int depth, rg_errors *errs);

static int walk_entry(rg_walk_list *list, const char *root,
                      const char *path, const char *name, int depth,
                      rg_errors *errs)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        rg_errors_add(errs, "input_error", path, 0, 0, "cannot read: %s",
                      strerror(errno));
        return -1;
    }
    if (S_ISLNK(st.st_mode)) {
        note_link(list, root, path);
        return 0;
    }
    if (S_ISDIR(st.st_mode))
        return walk_dir(list, root, path, depth + 1, errs);
    if (S_ISREG(st.st_mode) && rg_walk_is_manifest_name(name))
        add_file(list, path, st.st_size);
    return 0;
}

static int walk_dir(rg_walk_list *list, const char *root, const char *dir,
                    int depth, rg_errors *errs)
{
    if (depth > RG_WALK_MAX_DEPTH) {
        rg_errors_add(errs, "input_error", dir, 0, 0,
                      "directory nesting deeper than %d levels; not read",
                      RG_WALK_MAX_DEPTH);
        return -1;
    }
    size_t count;
    char **names = read_names(dir, &count);
    if (names == NULL) {
        rg_errors_add(errs, "input_error", dir, 0, 0,
                      "cannot read directory: %s", strerror(errno));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < count; i++) {
        char *path = join(dir, names[i]);
        if (walk_entry(list, root, path, names[i], depth, errs) != 0)
            rc = -1;
        free(path);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* The name a file named directly on the command line is hashed as. */
static const char *single_file_id_path(const char *path)
{
    size_t n = strlen(path);
    bool yaml = (n >= 5 && strcmp(path + n - 5, ".yaml") == 0) ||
                (n >= 4 && strcmp(path + n - 4, ".yml") == 0);
    if (!yaml)
        return ".";
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Point the id_path of files [first, count) after the directory prefix
 * dir of their paths.
 * NOTE: Kubescape hashes the path relative to the git repository root
 * when the folder is inside a repository with a remote; this does not. */
static void set_relative_id_paths(rg_walk_list *list, size_t first,
                                  const char *dir)
{
    size_t n = strlen(dir);
    size_t skip = n > 0 && dir[n - 1] == '/' ? n : n + 1;
    for (size_t i = first; i < list->count; i++) {
        assert(strlen(list->files[i].path) >= skip);
        list->files[i].id_path = list->files[i].path + skip;
    }
}

int rg_walk_add(rg_walk_list *list, const char *path, rg_errors *errs)
{
    if (strcmp(path, "-") == 0) {
        add_file(list, path, 0);
        list->files[list->count - 1].id_path = "<stdin>";
        return 0;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        rg_errors_add(errs, "input_error", path, 0, 0, "cannot read: %s",
                      strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        add_file(list, path, st.st_size);
        rg_walk_file *f = &list->files[list->count - 1];
        f->id_path = single_file_id_path(f->path);
        return 0;
    }
    char *root = realpath(path, NULL);
    if (root == NULL) {
        rg_errors_add(errs, "input_error", path, 0, 0, "cannot resolve: %s",
                      strerror(errno));
        return -1;
    }
    size_t first = list->count;
    int rc = walk_dir(list, root, path, 0, errs);
    set_relative_id_paths(list, first, path);
    free(root);
    return rc;
}
