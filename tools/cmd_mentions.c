/*
 * cmd_mentions.c — `dyad mentions` (actors, times and places as JSON Lines)
 * and `dyad dict` (check and import actor dictionaries; docs/dictionaries.md).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "base/model.h"
#include "mention/dict.h"
#include "mention/dict_import.h"

static const char mentions_help[] =
    "usage: dyad mentions [--actors] [--date YYYY-MM-DD] [--dict DIR] [options] [FILE...]\n"
    "Prints one JSON object per mention:\n"
    "  {\"doc_id\", \"sentence_index\", \"kind\": \"actor\", \"text\", \"start\", \"end\",\n"
    "   \"code\", \"name\", \"country\", \"role\"}\n"
    "and times and places in their own forms.  --date sets the document date,\n"
    "which picks the code of date-bounded actors (leaders in and out of office).\n"
    "--actors prints actor mentions only.\n";

int cmd_mentions(cli_opts *o) {
    for (int i = 0; i < o->nrest; i++)
        if (!strcmp(o->rest[i], "--help") || !strcmp(o->rest[i], "-h")) {
            fputs(mentions_help, stdout);
            return EXIT_OK;
        }
    static const char *const known[] = {"--actors", NULL};
    if (!cli_parse(o->nrest, o->rest, o, NULL) || !cli_rest_check(o, known, NULL)) return EXIT_USAGE;
    bool actors_only = cli_rest_flag(o, "--actors");
    unsigned need = DYAD_LOAD_CLEAN | DYAD_LOAD_ACTORS | DYAD_LOAD_PLACES;
    /* The parse helps (POS keeps "us" from being the US) but is optional:
     * without a parser model the mentions are found on word forms. */
    dyad_model_options mo = dyad_model_options_default();
    mo.data_dir = o->data_dir;
    mo.model_dir = o->model_dir;
    mo.parser = o->parser;
    mo.load = need | DYAD_LOAD_PARSE;
    dyad_model *m = NULL;
    if (dyad_model_load(&mo, &m, NULL) != DYAD_OK) {
        m = cli_load_model(o, need);
        if (!m) return EXIT_MODEL;
    }
    int rc = cli_run_docs(o, m, DYAD_STAGE_MENTION, DYAD_OUT_MENTIONS,
                          actors_only ? DYAD_WRITE_ACTORS_ONLY : 0);
    dyad_model_free(m);
    return rc;
}

/* MARK: - dict */

static const char dict_help[] =
    "usage: dyad dict check FILE...\n"
    "       dyad dict import --from petrarch|tabari FILE...\n"
    "       dyad dict stats [--dict DIR]\n"
    "check: reads actor dictionaries in dyad's format (docs/dictionaries.md) and\n"
    "  prints FILE:LINE: error|warning: MESSAGE for bad fields, codes and dates,\n"
    "  overlapping date ranges and duplicate entries; exit 1 when any error,\n"
    "  then a summary line on stderr.\n"
    "import: converts TABARI/PETRARCH .actors and .agents files to dyad's format\n"
    "  on stdout (a summary of counts on stderr).\n"
    "stats: entries by type in each file of the loaded data directory's actors/.\n";

static void print_diag(void *ud, const char *file, unsigned line, int sev, const char *msg) {
    (void)ud;
    printf("%s:%u: %s: %s\n", file, line, sev ? "warning" : "error", msg);
}

static char *read_all(const char *path, size_t *n) {
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *p = malloc(cap);
    while (p) {
        if (len == cap) {
            char *q = realloc(p, cap * 2);
            if (!q) { free(p); p = NULL; break; }
            p = q;
            cap *= 2;
        }
        size_t k = fread(p + len, 1, cap - len, f);
        len += k;
        if (k == 0) break;
    }
    if (f != stdin) fclose(f);
    *n = len;
    return p;
}

static int dict_check(int argc, char **argv) {
    if (argc == 0) { cli_error("dict check: no FILE"); return EXIT_USAGE; }
    dy_dict d;
    dy_dict_init(&d, NULL);
    size_t nerr = 0, nwarn = 0;
    int rc = EXIT_OK;
    for (int i = 0; i < argc; i++) {
        size_t n = 0;
        char *text = read_all(argv[i], &n);
        if (!text) { cli_error("%s: cannot read", argv[i]); rc = EXIT_USAGE; continue; }
        const char *name = dy_dict_str(&d, argv[i], strlen(argv[i]));
        if (!name || dy_dict_parse(&d, name, text, n, print_diag, NULL, &nerr) != DYAD_OK) {
            free(text);
            cli_error("out of memory");
            dy_dict_free(&d);
            return EXIT_SOME_FAILED;
        }
        free(text);
    }
    if (dy_dict_compile(&d) != DYAD_OK) {
        cli_error("out of memory");
        dy_dict_free(&d);
        return EXIT_SOME_FAILED;
    }
    /* warnings of parse_line are printed but not counted by parse */
    dy_dict_check(&d, print_diag, NULL, &nerr, &nwarn);
    fprintf(stderr, "dyad: %zu entries, %zu aliases, %zu codes: %zu errors, %zu shared-alias warnings\n",
            d.n, d.naliases, d.ncodes, nerr, nwarn);
    dy_dict_free(&d);
    if (rc != EXIT_OK) return rc;
    return nerr ? EXIT_SOME_FAILED : EXIT_OK;
}

static int sink_stdout(const char *p, size_t n, void *ud) {
    (void)ud;
    return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

static int dict_import(int argc, char **argv) {
    const char *from = NULL;
    int nf = 0;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return EXIT_SOME_FAILED;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--from") && i + 1 < argc) from = argv[++i];
        else if (!strncmp(argv[i], "--from=", 7)) from = argv[i] + 7;
        else if (argv[i][0] == '-' && argv[i][1]) { cli_error("dict import: unknown option %s", argv[i]); free(files); return EXIT_USAGE; }
        else files[nf++] = argv[i];
    }
    int fmt = -1;
    if (from && !strcmp(from, "petrarch")) fmt = DY_IMPORT_PETRARCH;
    else if (from && !strcmp(from, "tabari")) fmt = DY_IMPORT_TABARI;
    if (fmt < 0 || nf == 0) {
        cli_error("dict import needs --from petrarch|tabari and a FILE");
        free(files);
        return EXIT_USAGE;
    }
    int rc = EXIT_OK;
    for (int i = 0; i < nf; i++) {
        size_t n = 0;
        char *text = read_all(files[i], &n);
        if (!text) { cli_error("%s: cannot read", files[i]); rc = EXIT_SOME_FAILED; continue; }
        dy_import_stats stats;
        if (dy_dict_import(fmt, files[i], text, n, sink_stdout, NULL, &stats) != DYAD_OK) {
            cli_error("%s: cannot convert (out of memory or output error)", files[i]);
            rc = EXIT_OUTPUT;
        }
        fprintf(stderr,
                "dyad: %s: %zu entries, %zu synonyms, %zu codes (%zu date-restricted), %zu agents, "
                "%zu skipped lines\n",
                files[i], stats.entries, stats.synonyms, stats.codes, stats.dated, stats.agents,
                stats.skipped);
        free(text);
    }
    free(files);
    if (fflush(stdout) != 0) return EXIT_OUTPUT;
    return rc;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Counts by type of the .txt files of DIR/actors (DIR: --dict, $DYAD_DATA or built-in). */
static int dict_stats(cli_opts *o, int argc, char **argv) {
    if (!cli_parse(argc, argv, o, NULL) || !cli_rest_check(o, NULL, NULL)) return EXIT_USAGE;
    dyad_model *m = cli_load_model(o, DYAD_LOAD_ACTORS);
    if (!m) return EXIT_MODEL;
    char dir[1100];
    snprintf(dir, sizeof dir, "%s/actors", m->data_dir);
    dyad_model_free(m);
    DIR *dh = opendir(dir);
    if (!dh) { cli_error("cannot open %s", dir); return EXIT_MODEL; }
    char *names[256];
    int nn = 0;
    struct dirent *de;
    while ((de = readdir(dh)) && nn < 256) {
        size_t l = strlen(de->d_name);
        if (l > 4 && de->d_name[0] != '.' && !strcmp(de->d_name + l - 4, ".txt")) names[nn++] = strdup(de->d_name);
    }
    closedir(dh);
    qsort(names, (size_t)nn, sizeof *names, cmp_str);
    static const char *const tn[] = {"states", "people", "groups", "orgs", "agents", "places"};
    size_t tot[6] = {0}, caps = 0, ranged = 0, latest = 0;
    printf("%-16s %7s %7s %7s %7s %7s %7s %8s\n", "file", tn[0], tn[1], tn[2], tn[3], tn[4], tn[5], "aliases");
    for (int i = 0; i < nn; i++) {
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t n = 0, nerr = 0;
        char *text = read_all(path, &n);
        dy_dict d;
        dy_dict_init(&d, NULL);
        if (text) dy_dict_parse(&d, names[i], text, n, NULL, NULL, &nerr);
        free(text);
        size_t c[6] = {0};
        for (size_t k = 0; k < d.n; k++) {
            if (d.e[k].type < 6) c[d.e[k].type]++;
            if (d.e[k].capital) caps++;
        }
        for (size_t k = 0; k < d.ncodes; k++) {
            if (!d.codes[k].ranged) continue;
            ranged++;
            if (d.codes[k].from != DY_DATE_OPEN_FROM && (size_t)d.codes[k].from > latest) latest = (size_t)d.codes[k].from;
            if (d.codes[k].to != DY_DATE_OPEN_TO && (size_t)d.codes[k].to > latest) latest = (size_t)d.codes[k].to;
        }
        printf("%-16s %7zu %7zu %7zu %7zu %7zu %7zu %8zu\n", names[i], c[0], c[1], c[2], c[3], c[4], c[5],
               d.naliases);
        for (int t = 0; t < 6; t++) tot[t] += c[t];
        dy_dict_free(&d);
        free(names[i]);
    }
    printf("%-16s %7zu %7zu %7zu %7zu %7zu %7zu\n", "total", tot[0], tot[1], tot[2], tot[3], tot[4], tot[5]);
    printf("capitals and seats of government: %zu; date-bounded codes: %zu; latest date in a range: %04zu-%02zu-%02zu\n",
           caps, ranged, latest / 10000, latest / 100 % 100, latest % 100);
    return EXIT_OK;
}

int cmd_dict(cli_opts *o) {
    int argc = o->nrest;
    char **argv = o->rest;
    if (argc == 0 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
        fputs(dict_help, argc ? stdout : stderr);
        return argc ? EXIT_OK : EXIT_USAGE;
    }
    if (!strcmp(argv[0], "check")) return dict_check(argc - 1, argv + 1);
    if (!strcmp(argv[0], "import")) return dict_import(argc - 1, argv + 1);
    if (!strcmp(argv[0], "stats")) return dict_stats(o, argc - 1, argv + 1);
    cli_error("dict: unknown subcommand '%s' (check, import)", argv[0]);
    return EXIT_USAGE;
}
