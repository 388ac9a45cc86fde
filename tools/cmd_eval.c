/* cmd_eval.c — `dyad eval parse|code`: dispatch to the evaluator. */
#include <string.h>

#include "cli.h"

int cmd_eval(cli_opts *o) {
    if (o->nrest < 1 || !strcmp(o->rest[0], "--help") || !strcmp(o->rest[0], "-h")) {
        fputs("usage: dyad eval parse --gold FILE.conllu [--model DIR]\n"
              "       dyad eval code --gold FILE [--dict DIR]\n", o->nrest < 1 ? stderr : stdout);
        return o->nrest < 1 ? EXIT_USAGE : EXIT_OK;
    }
    const char *what = o->rest[0];
    o->rest++;
    o->nrest--;
    if (!strcmp(what, "parse")) return cmd_eval_parse(o);
    if (!strcmp(what, "code")) return cmd_eval_code(o);
    cli_error("eval: unknown evaluation '%s' (parse or code)", what);
    return EXIT_USAGE;
}
