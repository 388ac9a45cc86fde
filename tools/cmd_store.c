/* cmd_store.c — placeholder verbs until their issue lands. */
#include "cli.h"

int cmd_ingest(cli_opts *o) {
    (void)o;
    cli_error("ingest: not implemented yet");
    return EXIT_USAGE;
}

int cmd_query(cli_opts *o) {
    (void)o;
    cli_error("query: not implemented yet");
    return EXIT_USAGE;
}

int cmd_stats(cli_opts *o) {
    (void)o;
    cli_error("stats: not implemented yet");
    return EXIT_USAGE;
}

int cmd_network_db(cli_opts *o) {
    (void)o;
    cli_error("network db: not implemented yet");
    return EXIT_USAGE;
}

