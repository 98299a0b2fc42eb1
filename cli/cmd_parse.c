/*
 * regolith parse: placeholder until the parser lands.
 */
#include <stdio.h>

#include "cli/commands.h"

int rg_cmd_parse(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "regolith parse: not built yet\n");
    return 2;
}
