/*
 * cli.h — what the dyad verbs share: option parsing, the document loop over
 * files/stdin/JSON Lines with -j threads (output in input order), progress on
 * a terminal, and the exit codes.
 */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "dyad.h"

enum {
    EXIT_OK = 0,
    EXIT_SOME_FAILED = 1,
    EXIT_USAGE = 2,
    EXIT_MODEL = 3,
    EXIT_OUTPUT = 4
};

typedef struct cli_opts {
    const char *verb;
    dyad_input input;       /* --input */
    const char *id;         /* --id */
    const char *date;       /* --date */
    const char *data_dir;   /* --dict / --data */
    const char *model_dir;  /* --model */
    const char *parser;     /* --parser (dyad_model_options.parser) */
    const char *format;     /* --format */
    const char *db;         /* --db */
    int jobs;               /* -j */
    bool explain;           /* --explain */
    bool no_text;           /* --no-text */
    bool unbuffered;        /* --unbuffered */
    bool quiet;             /* -q */
    char **files;           /* positional arguments; "-" is stdin */
    int nfiles;
    char **rest;            /* arguments the common parser did not know */
    int nrest;
    void *owned[2];         /* heap arrays behind files/rest; cli_opts_free */
} cli_opts;

/* Free what cli_parse allocated (main does this after the verb returns). */
void cli_opts_free(cli_opts *o);

/* Parse the common options of argv (after the verb).  Unknown options are
 * collected in rest for the verb to handle; those named in `valued` (a
 * NULL-terminated list, may be NULL) take the next word as their value, which
 * follows them in rest.  Returns false (after printing a message) on a usage
 * error. */
bool cli_parse(int argc, char **argv, cli_opts *o, const char *const *valued);

/* Value of a verb option in o->rest (as listed in `valued`), or NULL. */
const char *cli_rest_value(const cli_opts *o, const char *name);
/* Whether a flag (no value) is in o->rest. */
bool cli_rest_flag(const cli_opts *o, const char *name);
/* Print "dyad: unknown option X" for the first rest entry not in the
 * NULL-terminated list `known` (flags and valued names); false if any. */
bool cli_rest_check(const cli_opts *o, const char *const *known, const char *const *valued);

/* Print "dyad: <msg>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Load a model with the given parts; prints the error and returns NULL on
 * failure (exit with EXIT_MODEL). */
dyad_model *cli_load_model(const cli_opts *o, unsigned load);

/* Run every input document through the pipeline up to `stage` and write
 * `form` to stdout.  Returns the exit code. */
int cli_run_docs(const cli_opts *o, const dyad_model *m, dyad_stage stage, dyad_output form,
                 unsigned write_flags);

/* Sink writing to a FILE *. */
int cli_file_sink(const char *p, size_t n, void *ud);

/* Verbs. */
int cmd_sentences(cli_opts *o);
int cmd_clean(cli_opts *o);
int cmd_parse(cli_opts *o);
int cmd_mentions(cli_opts *o);
int cmd_code(cli_opts *o);
int cmd_network(cli_opts *o);
int cmd_train(cli_opts *o);
int cmd_eval(cli_opts *o);
int cmd_dict(cli_opts *o);
int cmd_ingest(cli_opts *o);
int cmd_query(cli_opts *o);
int cmd_stats(cli_opts *o);
int cmd_serve(cli_opts *o);
int cmd_eval_parse(cli_opts *o);   /* dyad eval parse  (tools/cmd_parse.c) */
int cmd_eval_code(cli_opts *o);    /* dyad eval code   (tools/cmd_code.c)  */
int cmd_network_db(cli_opts *o);   /* dyad network --db (tools/cmd_store.c) */

#endif
