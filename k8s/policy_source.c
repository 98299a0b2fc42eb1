/*
 * Where a policy library comes from: the bundle embedded at build time or
 * a folder on disk with the same layout; see k8s/policy.h.
 */
#include "k8s/policy.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "k8s/bundle.h"
#include "k8s/readfile.h"

/* Deepest folder nesting read in a library: rules/<rule>/ is two. */
#define POLICY_MAX_DEPTH 8

rg_policy *rg_policy_load_bundle(rg_errors *errs)
{
    rg_policy_file *files = rg_xcalloc(rg_bundle_count + 1, sizeof *files);
    for (size_t i = 0; i < rg_bundle_count; i++) {
        files[i].path = rg_bundle_files[i].path;
        files[i].data = rg_bundle_files[i].data;
        files[i].len = rg_bundle_files[i].len;
    }
    rg_policy *p = rg_policy_load_files(files, rg_bundle_count, "embedded",
                                        errs);
    free(files);
    return p;
}

typedef struct file_list {
    rg_policy_file *items;
    size_t count, cap;
} file_list;

static bool wanted(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".rego") == 0) ||
           (n > 5 && strcmp(name + n - 5, ".json") == 0);
}

static int cmp_files(const void *a, const void *b)
{
    return strcmp(((const rg_policy_file *)a)->path,
                  ((const rg_policy_file *)b)->path);
}

static void add(file_list *l, const char *root, const char *rel,
                rg_errors *errs)
{
    char *full = rg_xmalloc(strlen(root) + strlen(rel) + 2);
    sprintf(full, "%s/%s", root, rel);
    size_t len;
    char *data = rg_readfile(full, &len, errs);
    free(full);
    if (data == NULL)
        return;
    rg_grow((void **)&l->items, &l->cap, l->count + 1, sizeof *l->items);
    l->items[l->count].path = rg_xstrdup(rel);
    l->items[l->count].data = data;
    l->items[l->count++].len = len;
}

static void collect(file_list *l, const char *root, const char *rel,
                    int depth, rg_errors *errs)
{
    char *dir = rg_xmalloc(strlen(root) + strlen(rel) + 2);
    sprintf(dir, rel[0] ? "%s/%s" : "%s%s", root, rel);
    DIR *d = depth <= POLICY_MAX_DEPTH ? opendir(dir) : NULL;
    free(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' ||
            (depth == 1 && strcmp(e->d_name, "test") == 0))
            continue;
        char *sub = rg_xmalloc(strlen(rel) + strlen(e->d_name) + 2);
        sprintf(sub, rel[0] ? "%s/%s" : "%s%s", rel, e->d_name);
        char *full = rg_xmalloc(strlen(root) + strlen(sub) + 2);
        sprintf(full, "%s/%s", root, sub);
        struct stat st;
        if (stat(full, &st) == 0 && S_ISDIR(st.st_mode))
            collect(l, root, sub, depth + 1, errs);
        else if (wanted(e->d_name))
            add(l, root, sub, errs);
        free(full);
        free(sub);
    }
    closedir(d);
}

rg_policy *rg_policy_load_dir(const char *dir, rg_errors *errs)
{
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        rg_errors_add(errs, "policy_error", dir, 0, 0,
                      "cannot read policy folder: %s",
                      errno ? strerror(errno) : "not a folder");
        return NULL;
    }
    file_list l = {0};
    collect(&l, dir, "", 0, errs);
    if (l.count > 1)
        qsort(l.items, l.count, sizeof *l.items, cmp_files);
    rg_policy *p = rg_policy_load_files(l.items, l.count, dir, errs);
    for (size_t i = 0; i < l.count; i++) {
        free((char *)l.items[i].path);
        free((char *)l.items[i].data);
    }
    free(l.items);
    return p;
}
