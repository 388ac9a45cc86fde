/* cmd_code.c — placeholder verbs until their issue lands. */
#include "cli.h"

int cmd_code(cli_opts *o) {
    (void)o;
    cli_error("code: not implemented yet");
    return EXIT_USAGE;
}

int cmd_eval_code(cli_opts *o) {
    (void)o;
    cli_error("eval code: not implemented yet");
    return EXIT_USAGE;
}

