/*
 * The skip list of the conformance runner, tests/conformance/skip.txt.
 * Each line is "PATH#INDEX REASON" or "PATH#* REASON": PATH is the end
 * of a case file's path (such as v1/every/test-every-0001.yaml), INDEX
 * the case's 0-based position in the file.  Blank lines and lines
 * starting with '#' are ignored.  Every entry must give a reason.
 */
#include "tests/conformance/conformance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct skip_entry {
    char *path;
    long index;         /* -1 for every case of the file */
    char *reason;
} skip_entry;

static skip_entry *entries;
static size_t nentries, capentries;

static void add_line(char *line, const char *file, int lineno)
{
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '\0' || line[0] == '#')
        return;
    char *hash = strchr(line, '#');
    char *space = hash ? strchr(hash, ' ') : NULL;
    if (hash == NULL || space == NULL || space[1] == '\0') {
        fprintf(stderr, "%s:%d: invalid skip entry: expected "
                "\"PATH#INDEX REASON\", found \"%s\"\n", file, lineno, line);
        exit(2);
    }
    *hash = '\0';
    *space = '\0';
    rg_grow((void **)&entries, &capentries, nentries + 1, sizeof *entries);
    skip_entry *e = &entries[nentries++];
    e->path = rg_xstrdup(line);
    e->index = strcmp(hash + 1, "*") == 0 ? -1 : strtol(hash + 1, NULL, 10);
    e->reason = rg_xstrdup(space + 1);
}

void rg_conf_skip_load(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return;
    char line[1024];
    int lineno = 0;
    while (fgets(line, sizeof line, f))
        add_line(line, path, ++lineno);
    fclose(f);
}

void rg_conf_skip_free(void)
{
    for (size_t i = 0; i < nentries; i++) {
        free(entries[i].path);
        free(entries[i].reason);
    }
    free(entries);
    entries = NULL;
    nentries = capentries = 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0 &&
           (n == m || s[n - m - 1] == '/');
}

const char *rg_conf_skip_reason(const char *file, size_t index)
{
    for (size_t i = 0; i < nentries; i++)
        if ((entries[i].index < 0 || (size_t)entries[i].index == index) &&
            ends_with(file, entries[i].path))
            return entries[i].reason;
    return NULL;
}
