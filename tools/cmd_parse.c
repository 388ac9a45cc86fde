/*
 * cmd_parse.c — `dyad parse` (raw text or --conllu in, CoNLL-U out),
 * `dyad train tagger|parser` and `dyad eval parse`.
 *
 * --conllu keeps the input's tokenization exactly: every line is written
 * back, comments, multiword-token ranges and empty nodes untouched, and on
 * word lines only LEMMA, UPOS, XPOS, HEAD and DEPREL are replaced.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/model.h"
#include "cli.h"
#include "parse/parse.h"
#include "parse/pint.h"

/* MARK: - CoNLL-U in, predictions out (threads, input order) */

typedef struct chunk {
    size_t s0, s1;              /* sentences [s0, s1) */
    dy_buf out;
    size_t words, upos, xpos, lemma, uas, las;
    bool failed;
    char msg[512];
} chunk;

typedef struct cwork {
    const dyad_model *m;
    const dy_conllu *c;
    chunk *ch;
    size_t nch, next;
    bool write, score;
    pthread_mutex_t mu;
} cwork;

static void put_cols(dy_buf *b, dy_str line, const dy_token *t) {
    /* columns 1, 2 as written; 3 lemma, 4 upos, 5 xpos; 6 as written; 7 head, 8 deprel; 9, 10 as written */
    dy_str col[10];
    int k = 0;
    size_t st = 0;
    for (size_t i = 0; i <= line.n && k < 10; i++)
        if (i == line.n || line.p[i] == '\t') { col[k++] = (dy_str){line.p + st, i - st}; st = i + 1; }
    dy_buf_putstr(b, col[0]);
    dy_buf_putc(b, '\t');
    dy_buf_putstr(b, col[1]);
    dy_buf_putc(b, '\t');
    if (t->lemma.n) {
        for (size_t i = 0; i < t->lemma.n; i++) {
            char c = t->lemma.p[i];
            dy_buf_putc(b, (c == '\t' || c == '\n' || c == '\r') ? ' ' : c);
        }
    } else {
        dy_buf_putc(b, '_');
    }
    dy_buf_printf(b, "\t%s\t%s\t", dy_upos_names[t->upos < DY_UPOS_COUNT ? t->upos : 0],
                  dy_xpos_names[t->xpos < dy_xpos_count ? t->xpos : 0]);
    dy_buf_putstr(b, col[5]);
    dy_buf_printf(b, "\t%d\t%s\t", t->head + 1, dy_deprel_names[t->deprel < dy_deprel_count ? t->deprel : 0]);
    dy_buf_putstr(b, col[8]);
    dy_buf_putc(b, '\t');
    dy_buf_putstr(b, col[9]);
    dy_buf_putc(b, '\n');
}

static void run_chunk(cwork *W, dyad_ctx *ctx, chunk *ch) {
    const dy_conllu *c = W->c;
    dy_buf_init(&ch->out, dyad_default_allocator());
    for (size_t si = ch->s0; si < ch->s1; si++) {
        const dy_csent *s = &c->s[si];
        dyad_ctx_reset(ctx);
        dyad_doc *doc = DY_ANEW(&ctx->arena, dyad_doc, 1);
        dy_token *toks = DY_ANEW(&ctx->arena, dy_token, s->nw ? s->nw : 1);
        dy_sentence *sent = DY_ANEW(&ctx->arena, dy_sentence, 1);
        if (!doc || !toks || !sent) { ch->failed = true; snprintf(ch->msg, sizeof ch->msg, "out of memory"); return; }
        doc->ctx = ctx;
        for (size_t i = 0; i < s->nw; i++) {
            toks[i].form = toks[i].norm = s->w[i].form;
            toks[i].head = -1;
        }
        sent->ntok = (uint32_t)s->nw;
        doc->sents = sent;
        doc->nsent = 1;
        doc->toks = toks;
        doc->ntok = s->nw;
        dyad_error err = {0};
        if (s->nw && dy_parse_doc(ctx, doc, false, &err) != DYAD_OK) {
            ch->failed = true;
            snprintf(ch->msg, sizeof ch->msg, "%s", err.msg);
            return;
        }
        if (W->score) {
            for (size_t i = 0; i < s->nw; i++) {
                const dy_cword *g = &s->w[i];
                const dy_token *t = &toks[i];
                ch->words++;
                ch->upos += t->upos == g->upos;
                ch->xpos += t->xpos == g->xpos;
                ch->lemma += dy_str_eq(t->lemma, g->lemma);
                if (t->head == g->head) {
                    ch->uas++;
                    ch->las += t->deprel == g->deprel;
                }
            }
        }
        if (W->write) {
            size_t wi = 0;
            for (size_t li = 0; li < s->nlines; li++) {
                if (wi < s->nw && s->w[wi].line == li) {
                    put_cols(&ch->out, s->lines[li], &toks[wi]);
                    wi++;
                } else {
                    dy_buf_putstr(&ch->out, s->lines[li]);
                    dy_buf_putc(&ch->out, '\n');
                }
            }
            dy_buf_putc(&ch->out, '\n');
        }
    }
    if (ch->out.err) { ch->failed = true; snprintf(ch->msg, sizeof ch->msg, "out of memory"); }
}

static void *worker(void *arg) {
    cwork *W = arg;
    dyad_ctx *ctx = dyad_ctx_new(W->m);
    for (;;) {
        pthread_mutex_lock(&W->mu);
        size_t i = W->next++;
        pthread_mutex_unlock(&W->mu);
        if (i >= W->nch) break;
        if (!ctx) { W->ch[i].failed = true; snprintf(W->ch[i].msg, sizeof W->ch[i].msg, "out of memory"); continue; }
        run_chunk(W, ctx, &W->ch[i]);
    }
    dyad_ctx_free(ctx);
    return NULL;
}

/* Parse every sentence of c with `jobs` threads; chunks (in order) are
 * returned for the caller to write or sum. */
static chunk *run_conllu(const dyad_model *m, const dy_conllu *c, int jobs, bool write, bool score,
                         size_t *nch) {
    const size_t per = 64;
    size_t n = (c->ns + per - 1) / per;
    chunk *ch = calloc(n ? n : 1, sizeof *ch);
    if (!ch) return NULL;
    for (size_t i = 0; i < n; i++) {
        ch[i].s0 = i * per;
        ch[i].s1 = (i + 1) * per < c->ns ? (i + 1) * per : c->ns;
    }
    cwork W = {m, c, ch, n, 0, write, score, PTHREAD_MUTEX_INITIALIZER};
    if (jobs <= 1) {
        worker(&W);
    } else {
        pthread_t th[256];
        int started = 0;
        for (int j = 0; j < jobs && j < 256; j++)
            if (pthread_create(&th[j], NULL, worker, &W) == 0) started++;
        if (!started) worker(&W);
        for (int j = 0; j < started; j++) pthread_join(th[j], NULL);
    }
    *nch = n;
    return ch;
}

static char *read_all(const char *path, size_t *n) {
    if (strcmp(path, "-")) {
        char *p = NULL;
        return dy_read_file(dyad_default_allocator(), path, &p, n) == DYAD_OK ? p : NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *p = malloc(cap);
    while (p) {
        if (len + 1 >= cap) {
            char *q = realloc(p, cap * 2);
            if (!q) { free(p); return NULL; }
            p = q;
            cap *= 2;
        }
        size_t k = fread(p + len, 1, cap - len - 1, stdin);
        len += k;
        if (k == 0) break;
    }
    if (p) { p[len] = 0; *n = len; }
    return p;
}

static bool load_conllu(const char *path, char **bytes, dy_conllu *c) {
    size_t n = 0;
    *bytes = read_all(path, &n);
    if (!*bytes) { cli_error("cannot read %s", path); return false; }
    dyad_error err = {0};
    if (dy_conllu_parse(dyad_default_allocator(), *bytes, n, c, &err) != DYAD_OK) {
        cli_error("%s: %s", path, err.msg);
        free(*bytes);
        *bytes = NULL;
        return false;
    }
    return true;
}

/* MARK: - dyad parse */

static const char parse_help[] =
    "usage: dyad parse [--conllu] [options] [FILE...]\n"
    "Tags, lemmatises and parses documents into CoNLL-U (UPOS, XPOS, LEMMA,\n"
    "HEAD, DEPREL filled; FEATS and DEPS left '_').\n"
    "  --conllu   the input is CoNLL-U: keep its sentences, words and every\n"
    "             other line exactly, fill the predicted columns\n"
    "  --model DIR  models (tagger.bin, parser.bin); -j N threads\n";

int cmd_parse(cli_opts *o) {
    for (int i = 0; i < o->nrest; i++)
        if (!strcmp(o->rest[i], "--help") || !strcmp(o->rest[i], "-h")) { fputs(parse_help, stdout); return EXIT_OK; }
    static const char *const known[] = {"--conllu", NULL};
    if (!cli_parse(o->nrest, o->rest, o, NULL) || !cli_rest_check(o, known, NULL)) return EXIT_USAGE;
    bool conllu = cli_rest_flag(o, "--conllu");
    dyad_model *m = cli_load_model(o, conllu ? DYAD_LOAD_PARSE : DYAD_LOAD_CLEAN | DYAD_LOAD_PARSE);
    if (!m) return EXIT_MODEL;
    if (!conllu) {
        int rc = cli_run_docs(o, m, DYAD_STAGE_PARSE, DYAD_OUT_CONLLU, 0);
        dyad_model_free(m);
        return rc;
    }
    int rc = EXIT_OK;
    int nf = o->nfiles ? o->nfiles : 1;
    for (int fi = 0; fi < nf; fi++) {
        const char *path = o->nfiles ? o->files[fi] : "-";
        char *bytes;
        dy_conllu c;
        if (!load_conllu(path, &bytes, &c)) { rc = EXIT_SOME_FAILED; continue; }
        size_t nch = 0;
        chunk *ch = run_conllu(m, &c, o->jobs, true, false, &nch);
        if (!ch) { cli_error("out of memory"); rc = EXIT_SOME_FAILED; }
        for (size_t i = 0; ch && i < nch; i++) {
            if (ch[i].failed) {
                cli_error("%s: sentences %zu-%zu: %s", path, ch[i].s0 + 1, ch[i].s1, ch[i].msg);
                rc = EXIT_SOME_FAILED;
            } else if (ch[i].out.n && fwrite(ch[i].out.p, 1, ch[i].out.n, stdout) != ch[i].out.n) {
                rc = EXIT_OUTPUT;
            }
            dy_buf_free(&ch[i].out);
        }
        free(ch);
        dy_conllu_free(dyad_default_allocator(), &c);
        free(bytes);
        if (o->unbuffered) fflush(stdout);
    }
    dyad_model_free(m);
    if (ferror(stdout)) rc = EXIT_OUTPUT;
    return rc;
}

/* MARK: - dyad eval parse */

static double clock_s(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int cmd_eval_parse(cli_opts *o) {
    for (int i = 0; i < o->nrest; i++)
        if (!strcmp(o->rest[i], "--help") || !strcmp(o->rest[i], "-h")) {
            fputs("usage: dyad eval parse --gold FILE.conllu [--model DIR] [-j N]\n"
                  "Parses the gold file's words (gold tokenization) and prints UPOS, XPOS,\n"
                  "lemma accuracy, UAS and LAS over all words (punctuation included) and\n"
                  "the speed.\n", stdout);
            return EXIT_OK;
        }
    static const char *const valued[] = {"--gold", NULL};
    if (!cli_parse(o->nrest, o->rest, o, valued) || !cli_rest_check(o, NULL, valued)) return EXIT_USAGE;
    const char *gold = cli_rest_value(o, "--gold");
    if (!gold) { cli_error("eval parse: --gold FILE.conllu is required"); return EXIT_USAGE; }
    dyad_model *m = cli_load_model(o, DYAD_LOAD_PARSE);
    if (!m) return EXIT_MODEL;
    char *bytes;
    dy_conllu c;
    if (!load_conllu(gold, &bytes, &c)) { dyad_model_free(m); return EXIT_USAGE; }
    double t0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    size_t nch = 0;
    chunk *ch = run_conllu(m, &c, o->jobs, false, true, &nch);
    double dt = clock_s(CLOCK_MONOTONIC) - t0, dc = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
    int rc = EXIT_OK;
    size_t w = 0, up = 0, xp = 0, le = 0, ua = 0, la = 0;
    for (size_t i = 0; ch && i < nch; i++) {
        if (ch[i].failed) { cli_error("%s: %s", gold, ch[i].msg); rc = EXIT_SOME_FAILED; }
        w += ch[i].words; up += ch[i].upos; xp += ch[i].xpos; le += ch[i].lemma;
        ua += ch[i].uas; la += ch[i].las;
        dy_buf_free(&ch[i].out);
    }
    if (!ch) rc = EXIT_SOME_FAILED;
#define PCT(x) (w ? 100.0 * (double)(x) / (double)w : 0.0)
    printf("file:     %s (%zu sentences, %zu words)\n", gold, c.ns, w);
    printf("UPOS:     %.2f\nXPOS:     %.2f\nLemma:    %.2f\nUAS:      %.2f\nLAS:      %.2f\n",
           PCT(up), PCT(xp), PCT(le), PCT(ua), PCT(la));
    printf("speed:    %.0f words/s wall, %.0f words/s per CPU second (%d thread%s, tag+lemma+parse)\n",
           dt > 0 ? (double)w / dt : 0.0, dc > 0 ? (double)w / dc : 0.0, o->jobs, o->jobs == 1 ? "" : "s");
    printf("model:    %s\n", dyad_model_version(m));
#undef PCT
    free(ch);
    dy_conllu_free(dyad_default_allocator(), &c);
    free(bytes);
    dyad_model_free(m);
    return rc;
}

/* MARK: - dyad train */

static void log_line(void *ud, const char *fmt, ...) {
    (void)ud;
    va_list ap;
    va_start(ap, fmt);
    fputs("dyad: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static const char train_help[] =
    "usage: dyad train tagger --train FILE --dev FILE -o MODEL [--epochs N] [--seed S]\n"
    "                         [--clusters TSV]\n"
    "       dyad train parser --train FILE --dev FILE -o MODEL [--tagger TAGGER.bin]\n"
    "                         [--epochs N] [--seed S] [--min-count K]\n"
    "                         [--jackknife K [--tagger-epochs N]] [--clusters TSV]\n"
    "                         [--split GROUPS] [--mix K]\n"
    "       dyad train clusters -o TSV [--fine N] [--coarse N] [--min-count K]\n"
    "                         [--passes N] FILE.conllu...\n"
    "       dyad train tagdict --train FILE --tagger TAGGER.bin -o MODEL\n"
    "                         [--min-count N] [--purity PERCENT]\n"
    "Trains on CoNLL-U (deterministic for a given seed) and writes a model\n"
    "file; progress and dev scores per epoch go to stderr.  The parser's dev\n"
    "score uses the tagger's predicted tags when --tagger is given; --jackknife K\n"
    "trains the parser on tags predicted by K taggers each trained without the\n"
    "sentences it tags (sentence i is in fold i mod K).  --clusters adds word\n"
    "class features from a table written by `train clusters`, which clusters\n"
    "the word forms of unlabelled CoNLL-U files (predictive exchange).  --split 1\n"
    "trains a move classifier (shift, left, right) and a label classifier scored\n"
    "only on arcs instead of one classifier over labelled moves; --split 3 makes\n"
    "the moves left and right per label group (docs/models.md).  --mix K trains\n"
    "the parser K times (seeds S .. S+K-1) and writes the mean of the K averaged\n"
    "weight tables.  `train tagdict`\n"
    "rewrites a tagger with the tag dictionary of --train (forms seen at least\n"
    "N times (10) with one tag in PERCENT (99) of them, which the tagger then\n"
    "does not score; `train tagger` adds it itself), its weights unchanged.\n";

static int train_tagdict(cli_opts *o) {
    static const char *const valued[] = {"--train", "--tagger", "-o", "--min-count", "--purity", NULL};
    if (!cli_parse(o->nrest - 1, o->rest + 1, o, valued) || !cli_rest_check(o, NULL, valued)) return EXIT_USAGE;
    const char *trainf = cli_rest_value(o, "--train"), *tagger = cli_rest_value(o, "--tagger");
    const char *outf = cli_rest_value(o, "-o");
    if (!trainf || !tagger || !outf) {
        cli_error("train tagdict: --train FILE, --tagger TAGGER.bin and -o MODEL are required");
        return EXIT_USAGE;
    }
    const char *mc = cli_rest_value(o, "--min-count"), *pu = cli_rest_value(o, "--purity");
    long minc = mc ? atol(mc) : 0;
    double pur = pu ? atof(pu) : 0;
    if ((mc && minc < 1) || (pu && (pur <= 0 || pur > 100))) {
        cli_error("train tagdict: --min-count takes N >= 1, --purity a percentage in (0, 100]");
        return EXIT_USAGE;
    }
    char *tb = NULL;
    dy_conllu tc;
    if (!load_conllu(trainf, &tb, &tc)) return EXIT_USAGE;
    char why[256] = "";
    bool ok = dy_tagger_add_dict(tagger, &tc, (uint32_t)minc, (uint32_t)(pur * 100 + 0.5), outf, why, sizeof why);
    if (!ok) cli_error("train tagdict: %s", why);
    else if (!o->quiet) fprintf(stderr, "dyad: wrote %s\n", outf);
    dy_conllu_free(dyad_default_allocator(), &tc);
    free(tb);
    return ok ? EXIT_OK : EXIT_SOME_FAILED;
}

static int train_clusters(cli_opts *o) {
    static const char *const valued[] = {"-o", "--fine", "--coarse", "--min-count", "--passes", NULL};
    if (!cli_parse(o->nrest - 1, o->rest + 1, o, valued) || !cli_rest_check(o, NULL, valued)) return EXIT_USAGE;
    const char *outf = cli_rest_value(o, "-o");
    if (!outf || o->nfiles < 1) { cli_error("train clusters: -o TSV and CoNLL-U files are required"); return EXIT_USAGE; }
    const char *fi = cli_rest_value(o, "--fine"), *co = cli_rest_value(o, "--coarse");
    const char *mc = cli_rest_value(o, "--min-count"), *pa = cli_rest_value(o, "--passes");
    dy_clusters_opts co2 = {fi ? (uint32_t)atoi(fi) : 512, co ? (uint32_t)atoi(co) : 64,
                            mc ? (uint32_t)atoi(mc) : 3, pa ? atoi(pa) : 12, log_line, NULL};
    if (co2.fine < 2 || co2.fine > 4096 || co2.coarse < 2 || co2.coarse > 4096 || co2.min_count < 1 || co2.iters < 1) {
        cli_error("train clusters: --fine/--coarse take 2..4096, --min-count and --passes >= 1");
        return EXIT_USAGE;
    }
    int nf = o->nfiles;
    char **bytes = calloc((size_t)nf, sizeof *bytes);
    dy_conllu *cs = calloc((size_t)nf, sizeof *cs);
    const dy_conllu **cp = calloc((size_t)nf, sizeof *cp);
    int rc = EXIT_USAGE, loaded = 0;
    dy_buf out;
    dy_buf_init(&out, dyad_default_allocator());
    if (!bytes || !cs || !cp) { cli_error("out of memory"); goto done; }
    for (; loaded < nf; loaded++) {
        if (!load_conllu(o->files[loaded], &bytes[loaded], &cs[loaded])) goto done;
        cp[loaded] = &cs[loaded];
    }
    char why[256] = "";
    if (!dy_clusters_train(cp, (size_t)nf, &co2, &out, why, sizeof why)) {
        cli_error("train clusters: %s", why);
        rc = EXIT_SOME_FAILED;
        goto done;
    }
    FILE *fo = fopen(outf, "wb");
    if (!fo || fwrite(out.p, 1, out.n, fo) != out.n || fclose(fo) != 0) {
        if (fo) fclose(fo);
        cli_error("cannot write %s", outf);
        rc = EXIT_SOME_FAILED;
        goto done;
    }
    if (!o->quiet) fprintf(stderr, "dyad: wrote %s\n", outf);
    rc = EXIT_OK;
done:
    for (int i = 0; i < loaded; i++) {
        dy_conllu_free(dyad_default_allocator(), &cs[i]);
        free(bytes[i]);
    }
    dy_buf_free(&out);
    free(bytes);
    free(cs);
    free(cp);
    return rc;
}

int cmd_train(cli_opts *o) {
    if (o->nrest < 1 || !strcmp(o->rest[0], "--help") || !strcmp(o->rest[0], "-h")) {
        fputs(train_help, o->nrest < 1 ? stderr : stdout);
        return o->nrest < 1 ? EXIT_USAGE : EXIT_OK;
    }
    const char *what = o->rest[0];
    if (!strcmp(what, "clusters")) return train_clusters(o);
    if (!strcmp(what, "tagdict")) return train_tagdict(o);
    if (strcmp(what, "tagger") && strcmp(what, "parser")) {
        cli_error("train: unknown model '%s' (tagger, parser, clusters or tagdict)", what);
        return EXIT_USAGE;
    }
    static const char *const valued[] = {"--train", "--dev", "-o", "--epochs", "--seed", "--tagger",
                                         "--min-count", "--jackknife", "--tagger-epochs", "--clusters", "--split",
                                         "--mix", NULL};
    if (!cli_parse(o->nrest - 1, o->rest + 1, o, valued) || !cli_rest_check(o, NULL, valued)) return EXIT_USAGE;
    const char *trainf = cli_rest_value(o, "--train"), *devf = cli_rest_value(o, "--dev");
    const char *outf = cli_rest_value(o, "-o"), *ep = cli_rest_value(o, "--epochs");
    const char *seeds = cli_rest_value(o, "--seed"), *tagger = cli_rest_value(o, "--tagger");
    if (!trainf || !outf) { cli_error("train: --train FILE and -o MODEL are required"); return EXIT_USAGE; }
    bool is_tagger = !strcmp(what, "tagger");
    int epochs = ep ? atoi(ep) : (is_tagger ? 10 : 15);
    unsigned long long seed = seeds ? strtoull(seeds, NULL, 10) : 1;
    if (epochs < 1 || epochs > 1000) { cli_error("train: --epochs takes 1..1000"); return EXIT_USAGE; }
    char *tb = NULL, *db = NULL;
    dy_conllu tc, dc;
    memset(&dc, 0, sizeof dc);
    if (!load_conllu(trainf, &tb, &tc)) return EXIT_USAGE;
    if (devf && !load_conllu(devf, &db, &dc)) {
        dy_conllu_free(dyad_default_allocator(), &tc);
        free(tb);
        return EXIT_USAGE;
    }
    char version[41];
    snprintf(version, sizeof version, "ewt-%s-e%d-s%llu", is_tagger ? "tag" : "dep", epochs, seed);
    char why[256] = "";
    const char *mc = cli_rest_value(o, "--min-count");
    const char *jk = cli_rest_value(o, "--jackknife"), *te = cli_rest_value(o, "--tagger-epochs");
    dy_train_opts to = {epochs, seed, mc ? (uint32_t)atoi(mc) : (is_tagger ? 1u : 2u), tagger,
                        jk ? atoi(jk) : 0, te ? atoi(te) : 8, version, log_line, NULL,
                        cli_rest_value(o, "--clusters"), 0, 0};
    const char *sp = cli_rest_value(o, "--split");
    if (sp && (is_tagger || (strcmp(sp, "1") && strcmp(sp, "3")))) {
        cli_error("train: --split takes 1 or 3 (label groups), for the parser");
        return EXIT_USAGE;
    }
    to.split = sp ? (uint32_t)atoi(sp) : 0;
    const char *mx = cli_rest_value(o, "--mix");
    if (mx && (is_tagger || atoi(mx) < 1 || atoi(mx) > 16)) {
        cli_error("train: --mix takes 1..16 (runs averaged), for the parser");
        return EXIT_USAGE;
    }
    to.mix = mx ? (uint32_t)atoi(mx) : 0;
    bool ok = is_tagger ? dy_tagger_train(&tc, devf ? &dc : NULL, &to, outf, why, sizeof why)
                        : dy_parser_train(&tc, devf ? &dc : NULL, &to, outf, why, sizeof why);
    if (!ok) cli_error("train %s: %s", what, why);
    else if (!o->quiet) fprintf(stderr, "dyad: wrote %s (%s)\n", outf, version);
    dy_conllu_free(dyad_default_allocator(), &tc);
    dy_conllu_free(dyad_default_allocator(), &dc);
    free(tb);
    free(db);
    return ok ? EXIT_OK : EXIT_SOME_FAILED;
}
