/* cmd_store.c — placeholder verbs until their issue lands. */
#include <string.h>

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

int cmd_network(cli_opts *o) {
    for (int i = 0; i < o->nrest; i++)
        if (!strcmp(o->rest[i], "--db")) return cmd_network_db(o);
    cli_error("network: not implemented yet");
    return EXIT_USAGE;
}
