/*
 * The subcommands of the regolith CLI.  Each lives in cli/cmd_NAME.c and
 * takes the arguments after its name; it returns the process exit code.
 */
#ifndef RG_COMMANDS_H
#define RG_COMMANDS_H

typedef int (*rg_command_fn)(int argc, char **argv);

typedef struct rg_command {
    const char *name;
    rg_command_fn run;
    const char *summary;    /* one line for "regolith help" */
} rg_command;

int rg_cmd_parse(int argc, char **argv);
int rg_cmd_eval(int argc, char **argv);
int rg_cmd_scan(int argc, char **argv);
int rg_cmd_rules_test(int argc, char **argv);
int rg_cmd_capabilities(int argc, char **argv);

#endif
