/* cmd_segment.c — `dyad sentences` and `dyad clean`. */
#include <string.h>

#include "cli.h"

static const char sentences_help[] =
    "usage: dyad sentences [options] [FILE...]\n"
    "Prints one JSON object per sentence of the cleaned document:\n"
    "  {\"doc_id\", \"index\", \"text\", \"start\", \"end\"}\n"
    "start/end are byte offsets into the document's text as read.\n"
    "--tokens adds \"tokens\": the sentence's token forms, in order.\n";

static const char clean_help[] =
    "usage: dyad clean [--explain] [options] [FILE...]\n"
    "Prints the cleaned article text (paragraphs separated by blank lines).\n"
    "--explain prints one JSON object per dropped piece with the rule that dropped it.\n";

static int run_simple(cli_opts *o, const char *help, dyad_stage stage, dyad_output form,
                      const char *const *known, unsigned wflags) {
    int argc = o->nrest;
    char **argv = o->rest;
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return EXIT_OK;
        }
    if (!cli_parse(argc, argv, o, NULL) || !cli_rest_check(o, known, NULL)) return EXIT_USAGE;
    dyad_model *m = cli_load_model(o, DYAD_LOAD_CLEAN);
    if (!m) return EXIT_MODEL;
    int rc = cli_run_docs(o, m, stage, form, wflags);
    dyad_model_free(m);
    return rc;
}

int cmd_sentences(cli_opts *o) {
    static const char *const known[] = {"--tokens", NULL};
    return run_simple(o, sentences_help, DYAD_STAGE_SEGMENT, DYAD_OUT_SENTENCES, known,
                      cli_rest_flag(o, "--tokens") ? DYAD_WRITE_TOKENS : 0);
}

int cmd_clean(cli_opts *o) {
    bool explain = false;
    for (int i = 0; i < o->nrest; i++)
        if (!strcmp(o->rest[i], "--explain")) explain = true;
    static const char *const known[] = {"--explain", NULL};
    return run_simple(o, clean_help, DYAD_STAGE_CLEAN,
                      explain ? DYAD_OUT_CLEAN_EXPLAIN : DYAD_OUT_CLEAN, known, 0);
}
