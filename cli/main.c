/*
 * regolith: the command-line entry point.  Dispatches to the subcommands
 * listed in the table below (see cli/commands.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"

#define REGOLITH_VERSION "0.1.0"

static const rg_command commands[] = {
    {"parse", rg_cmd_parse, "parse Rego modules and print the AST as JSON"},
    {"eval", rg_cmd_eval, "evaluate a Rego query and print the result"},
    {"scan", rg_cmd_scan, "check Kubernetes manifests against controls"},
    {"rules-test", rg_cmd_rules_test, "run a policy library's rule tests"},
    {"capabilities", rg_cmd_capabilities,
     "print the supported builtins and features as JSON"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: regolith COMMAND [ARGS...]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-14s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "  %-14s %s\n", "version", "print the version");
    fprintf(out, "\nRun 'regolith COMMAND --help' for a command's options.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "help") == 0 ||
        strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version") == 0) {
        printf("regolith %s\n", REGOLITH_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "regolith: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
