/* cmd_parse.c — placeholder verbs until their issue lands. */
#include "cli.h"

int cmd_parse(cli_opts *o) {
    (void)o;
    cli_error("parse: not implemented yet");
    return EXIT_USAGE;
}

int cmd_train(cli_opts *o) {
    (void)o;
    cli_error("train: not implemented yet");
    return EXIT_USAGE;
}

int cmd_eval_parse(cli_opts *o) {
    (void)o;
    cli_error("eval parse: not implemented yet");
    return EXIT_USAGE;
}

