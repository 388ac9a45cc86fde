/*
 * main.c — the dyad command: dispatch to a verb, --help, --version.
 * Exit codes: 0 ok, 1 some documents failed, 2 usage, 3 model/data failure,
 * 4 output error.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct verb {
    const char *name;
    int (*fn)(cli_opts *o);
    const char *summary;
} verb;

static const verb verbs[] = {
    {"sentences", cmd_sentences, "cut documents into sentences (JSON Lines)"},
    {"clean", cmd_clean, "print the cleaned article text (--explain: what was dropped)"},
    {"parse", cmd_parse, "tag, lemmatise and parse into CoNLL-U (--conllu: parse CoNLL-U)"},
    {"mentions", cmd_mentions, "actors, times and places found in the text"},
    {"code", cmd_code, "code events (JSONL; --format phoenix|plover; --explain)"},
    {"network", cmd_network, "actor network from event JSONL or --db (graphml|dot|json)"},
    {"train", cmd_train, "train the tagger or parser: train tagger|parser --train F --dev F -o M"},
    {"eval", cmd_eval, "evaluate: eval parse --gold F.conllu | eval code --gold F"},
    {"dict", cmd_dict, "dictionaries: dict check FILE | dict import --from petrarch|tabari FILE"},
    {"ingest", cmd_ingest, "code documents (or load --events) into an SQLite store"},
    {"query", cmd_query, "query the store for events"},
    {"stats", cmd_stats, "counts per dyad and period from the store"},
    {"serve", cmd_serve, "HTTP API and web view over a store"},
};

static void usage(FILE *f) {
    fputs("usage: dyad <verb> [options] [FILE...]\n"
          "\n"
          "Reads news documents (plain text, JSON Lines, saved HTML pages) from the\n"
          "files named, or standard input when none (or '-'), and writes JSON Lines.\n"
          "\n"
          "verbs:\n", f);
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        fprintf(f, "  %-10s %s\n", verbs[i].name, verbs[i].summary);
    fputs("\n"
          "common options:\n"
          "  --input text|jsonl|html|auto   input format (default: detect)\n"
          "  --id ID          document id for a plain-text or HTML input\n"
          "  --date YYYY-MM-DD  publication date for a plain-text or HTML input\n"
          "  --dict DIR       data directory (default: $DYAD_DATA, else built-in)\n"
          "  --model DIR      model directory (default: $DYAD_MODELS, else built-in)\n"
          "  --parser FILE    parser model (name in DIR or path; default: code and\n"
          "                   serve use parser-code.bin when present, else parser.bin)\n"
          "  -j N             N threads (default: one per core); output stays in input order\n"
          "  --unbuffered     flush after each document\n"
          "  -q               no progress on a terminal\n"
          "  --help, --version\n"
          "\n"
          "exit codes: 0 ok, 1 some documents failed, 2 usage, 3 model/data, 4 output\n", f);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("dyad %s\n", dyad_version());
        cli_opts o;
        memset(&o, 0, sizeof o);
        dyad_model_options mo = dyad_model_options_default();
        dyad_model *m = NULL;
        if (dyad_model_load(&mo, &m, NULL) == DYAD_OK) printf("%s\n", dyad_model_version(m));
        else printf("model: not loadable from the default directories\n");
        dyad_model_free(m);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        if (strcmp(argv[1], verbs[i].name)) continue;
        cli_opts o;
        memset(&o, 0, sizeof o);
        o.verb = verbs[i].name;
        /* Each verb parses its own argv (it knows which options take values). */
        o.nrest = argc - 2;
        o.rest = argv + 2;
        int rc = verbs[i].fn(&o);
        cli_opts_free(&o);
        if (fflush(stdout) != 0 && rc == EXIT_OK) rc = EXIT_OUTPUT;
        return rc;
    }
    fprintf(stderr, "dyad: unknown verb '%s' (see dyad --help)\n", argv[1]);
    return EXIT_USAGE;
}
