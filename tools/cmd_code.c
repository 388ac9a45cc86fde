/* cmd_code.c — placeholder verbs until their issue lands. */
#include <string.h>

#include "cli.h"

int cmd_code(cli_opts *o) {
    (void)o;
    cli_error("code: not implemented yet");
    return EXIT_USAGE;
}

int cmd_network(cli_opts *o) {
    for (int i = 0; i < o->nrest; i++)
        if (!strcmp(o->rest[i], "--db")) return cmd_network_db(o);
    cli_error("network: not implemented yet");
    return EXIT_USAGE;
}

int cmd_eval_code(cli_opts *o) {
    (void)o;
    cli_error("eval code: not implemented yet");
    return EXIT_USAGE;
}

