/*
 * regolith parse: parse Rego modules and print each AST as one line of
 * JSON (schema in docs/ast.md), or print the parse errors.
 *
 *   regolith parse [--v0 | --v1] [--experimental] [--no-locations] FILE...
 *
 * Without --v0 or --v1 a module is parsed as Rego v1 and, when that
 * fails, as v0.  Exit status: 0 when every file parsed, 1 when any had
 * parse errors, 2 for a usage error, an unreadable file or output that
 * could not be written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "parser/parser.h"

typedef struct parse_flags {
    rg_parse_options opts;
    bool locations;
} parse_flags;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: regolith parse [--v0 | --v1] [--experimental] "
            "[--no-locations] FILE...\n\n"
            "Parse Rego modules and print each AST as a line of JSON.\n\n"
            "  --v0            parse as Rego v0\n"
            "  --v1            parse as Rego v1 (default: v1, then v0 when "
            "v1 fails)\n"
            "  --experimental  allow the experimental and/or keywords\n"
            "  --no-locations  leave source locations out of the JSON\n"
            "  FILE            a module file, or - for standard input\n");
}

/* Read all of f into a heap buffer; NULL on a read error. */
static char *read_stream(FILE *f, size_t *len)
{
    size_t cap = 1 << 16;
    size_t n = 0;
    char *buf = rg_xmalloc(cap);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = rg_xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static char *read_file(const char *path, size_t *len)
{
    if (strcmp(path, "-") == 0)
        return read_stream(stdin, len);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = read_stream(f, len);
    int saved = errno;
    fclose(f);
    errno = saved;
    return buf;
}

/* Parse one file: 0 parsed, 1 parse errors, 2 unreadable. */
static int parse_file(const char *path, const parse_flags *flags)
{
    size_t len;
    char *src = read_file(path, &len);
    if (src == NULL) {
        fprintf(stderr, "regolith parse: cannot read %s: %s\n", path,
                strerror(errno));
        return 2;
    }
    rg_errors errs;
    rg_errors_init(&errs);
    errs.limit = RG_ERRORS_DEFAULT_LIMIT;
    rg_module *m = rg_parse_module(path, src, len, &flags->opts, &errs);
    free(src);
    if (m == NULL) {
        rg_errors_print(&errs, stderr);
        rg_errors_free(&errs);
        return 1;
    }
    rg_ast_write_module_json(stdout, m, flags->locations);
    rg_module_free(m);
    rg_errors_free(&errs);
    return 0;
}

/* Read the options; returns the index of the first file, or -1. */
static int parse_flags_from(int argc, char **argv, parse_flags *flags)
{
    flags->opts.version = RG_REGO_V1;
    flags->opts.fallback_v0 = true;
    flags->opts.experimental = false;
    flags->locations = true;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--v0") == 0 || strcmp(a, "--v1") == 0) {
            flags->opts.version = a[3] == '0' ? RG_REGO_V0 : RG_REGO_V1;
            flags->opts.fallback_v0 = false;
        } else if (strcmp(a, "--experimental") == 0) {
            flags->opts.experimental = true;
        } else if (strcmp(a, "--no-locations") == 0) {
            flags->locations = false;
        } else if (strcmp(a, "--") == 0) {
            return i + 1;
        } else {
            fprintf(stderr, "regolith parse: unknown option '%s'\n", a);
            return -1;
        }
    }
    return i;
}

int rg_cmd_parse(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
    }
    parse_flags flags;
    int first = parse_flags_from(argc, argv, &flags);
    if (first < 0 || first >= argc) {
        if (first >= argc)
            fprintf(stderr, "regolith parse: no input files\n");
        usage(stderr);
        return 2;
    }
    int status = 0;
    for (int i = first; i < argc; i++) {
        int s = parse_file(argv[i], &flags);
        if (s > status)
            status = s;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "regolith parse: cannot write the output: %s\n",
                strerror(errno));
        return 2;
    }
    return status;
}
