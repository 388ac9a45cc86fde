/* serve.c — placeholder for `dyad serve` until the server lands. */
#include "../tools/cli.h"

int cmd_serve(cli_opts *o) {
    (void)o;
    cli_error("serve: not implemented yet");
    return EXIT_USAGE;
}
