/* cmd_mentions.c — placeholder verbs until their issue lands. */
#include "cli.h"

int cmd_mentions(cli_opts *o) {
    (void)o;
    cli_error("mentions: not implemented yet");
    return EXIT_USAGE;
}

int cmd_dict(cli_opts *o) {
    (void)o;
    cli_error("dict: not implemented yet");
    return EXIT_USAGE;
}

