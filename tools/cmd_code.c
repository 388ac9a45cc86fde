/*
 * cmd_code.c — `dyad code` (event records from articles, or from CoNLL-U
 * with actor annotations via --conllu) and `dyad eval code --gold FILE`
 * (precision and recall against a gold file; format below).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/doc.h"
#include "cli.h"
#include "code/code.h"
#include "eval_why.h"

static const char code_help[] =
    "usage: dyad code [--format json|phoenix|plover] [--explain] [--no-text] [-j N]\n"
    "                 [--id ID] [--date YYYY-MM-DD] [--conllu] [FILE...]\n"
    "Codes political events: one JSON object per event (spec/event-record.md).\n"
    "  --format phoenix   Phoenix tab-separated rows\n"
    "  --format plover    PLOVER-style JSON (CAMEO->PLOVER, data/plover/)\n"
    "  --explain          add the pattern, parse paths and status cues, and a\n"
    "                     line per dropped candidate with the rule that dropped it\n"
    "  --no-text          leave the sentence text out\n"
    "  --conllu           input is CoNLL-U with '# actors = 1-2:IRN 5:SYR' lines\n"
    "                     (gold parses; no tagger, parser or actor dictionary)\n"
    "  --dump-conllu      print the parse and actors of stdin in that format\n";

static int write_sink(const char *p, size_t n, void *ud) { return cli_file_sink(p, n, ud); }

static char *slurp(FILE *f, size_t *n) {
    size_t cap = 1 << 16, len = 0;
    char *p = malloc(cap);
    if (!p) return NULL;
    size_t k;
    while ((k = fread(p + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap) {
            char *q = realloc(p, cap * 2);
            if (!q) { free(p); return NULL; }
            p = q;
            cap *= 2;
        }
    }
    *n = len;
    return p;
}

/* Code one CoNLL-U text; returns 0 or an exit code. */
static int code_conllu_text(const cli_opts *o, dyad_ctx *ctx, const char *text, size_t n,
                            const char *id, dyad_output form, unsigned flags) {
    dyad_doc *doc = NULL;
    dyad_error err = {0};
    dyad_status st = dy_code_conllu_doc(ctx, text, n, id, o->date, &doc, &err);
    if (st == DYAD_OK) st = dyad_doc_process(ctx, doc, DYAD_STAGE_CODE, &err);
    if (st == DYAD_OK) st = dyad_doc_write(doc, form, flags, write_sink, stdout, &err);
    dyad_ctx_reset(ctx);
    if (st != DYAD_OK) {
        cli_error("%s: %s", id ? id : "conllu", err.msg[0] ? err.msg : dyad_strerror(st));
        return st == DYAD_EIO ? EXIT_OUTPUT : EXIT_SOME_FAILED;
    }
    return EXIT_OK;
}

static int run_conllu(const cli_opts *o, const dyad_model *m, dyad_output form, unsigned flags) {
    dyad_ctx *ctx = dyad_ctx_new(m);
    if (!ctx) { cli_error("out of memory"); return EXIT_SOME_FAILED; }
    int rc = EXIT_OK;
    int nf = o->nfiles ? o->nfiles : 1;
    for (int i = 0; i < nf; i++) {
        const char *name = o->nfiles ? o->files[i] : "-";
        FILE *f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
        if (!f) { cli_error("cannot open %s", name); rc = EXIT_SOME_FAILED; continue; }
        size_t n;
        char *text = slurp(f, &n);
        if (f != stdin) fclose(f);
        if (!text) { cli_error("out of memory"); rc = EXIT_SOME_FAILED; continue; }
        const char *id = o->id ? o->id : strcmp(name, "-") ? name : "stdin";
        int r = code_conllu_text(o, ctx, text, n, id, form, flags);
        free(text);
        if (r == EXIT_OUTPUT) { rc = r; break; }
        if (r) rc = r;
    }
    dyad_ctx_free(ctx);
    if (fflush(stdout) != 0) rc = EXIT_OUTPUT;
    return rc;
}

/* --dump-conllu: the parse and actor mentions of each input text in the
 * --conllu input format, to freeze a pipeline's reading for tests or to
 * hand-correct into gold. */
static void dump_conllu(const dyad_doc *doc) {
    for (size_t si = 0; si < doc->nsent; si++) {
        const dy_sentence *s = &doc->sents[si];
        printf("# text = %.*s\n# actors =", (int)(s->cend - s->cstart), doc->text.p + s->cstart);
        for (size_t i = 0; i < doc->nment; i++) {
            const dy_mention *m = &doc->ments[i];
            if (m->sent != si || m->kind != DY_MENTION_ACTOR || !m->code.n) continue;
            if (m->tok_end > m->tok_start + 1) printf(" %u-%u:%.*s", m->tok_start + 1, m->tok_end, (int)m->code.n, m->code.p);
            else printf(" %u:%.*s", m->tok_start + 1, (int)m->code.n, m->code.p);
        }
        putchar('\n');
        for (uint32_t k = 0; k < s->ntok; k++) {
            const dy_token *t = &doc->toks[s->tok0 + k];
            printf("%u\t%.*s\t%.*s\t%s\t%s\t_\t%d\t%s\t_\t%s\n", k + 1, (int)t->form.n, t->form.p,
                   (int)(t->lemma.n ? t->lemma.n : t->form.n), t->lemma.n ? t->lemma.p : t->form.p,
                   dy_upos_names[t->upos < DY_UPOS_COUNT ? t->upos : 0],
                   dy_xpos_names[t->xpos < dy_xpos_count ? t->xpos : 0], t->head + 1,
                   dy_deprel_names[t->deprel < dy_deprel_count ? t->deprel : 0],
                   (t->flags & DY_TOK_SPACE_AFTER) || k + 1 == s->ntok ? "_" : "SpaceAfter=No");
        }
        putchar('\n');
    }
}

static int run_dump(const cli_opts *o, const dyad_model *m) {
    dyad_ctx *ctx = dyad_ctx_new(m);
    size_t n;
    char *text = slurp(stdin, &n);
    if (!ctx || !text) { free(text); dyad_ctx_free(ctx); return EXIT_SOME_FAILED; }
    dyad_doc_meta meta = {o->id, o->date, NULL, NULL, NULL};
    dyad_doc *doc;
    dyad_error err = {0};
    int rc = EXIT_OK;
    if (dyad_doc_read(ctx, DYAD_INPUT_TEXT, text, n, &meta, &doc, &err) != DYAD_OK ||
        dyad_doc_process(ctx, doc, DYAD_STAGE_MENTION, &err) != DYAD_OK) {
        cli_error("%s", err.msg);
        rc = EXIT_SOME_FAILED;
    } else {
        dump_conllu(doc);
    }
    free(text);
    dyad_ctx_free(ctx);
    return rc;
}

int cmd_code(cli_opts *o) {
    for (int i = 0; i < o->nrest; i++)
        if (!strcmp(o->rest[i], "--help") || !strcmp(o->rest[i], "-h")) {
            fputs(code_help, stdout);
            return EXIT_OK;
        }
    static const char *const known[] = {"--conllu", "--dump-conllu", NULL};
    int argc = o->nrest;
    char **argv = o->rest;
    if (!cli_parse(argc, argv, o, NULL) || !cli_rest_check(o, known, NULL)) return EXIT_USAGE;
    dyad_output form = DYAD_OUT_EVENTS;
    if (o->format && !strcmp(o->format, "phoenix")) form = DYAD_OUT_PHOENIX;
    else if (o->format && !strcmp(o->format, "plover")) form = DYAD_OUT_PLOVER;
    else if (o->format && strcmp(o->format, "json") && strcmp(o->format, "jsonl")) {
        cli_error("code: --format takes json, phoenix or plover, not '%s'", o->format);
        return EXIT_USAGE;
    }
    if (o->explain) form = DYAD_OUT_EXPLAIN;
    unsigned flags = o->no_text ? DYAD_WRITE_NO_TEXT : 0;
    bool conllu = cli_rest_flag(o, "--conllu");
    dyad_model *m = cli_load_model(o, conllu ? DYAD_LOAD_CODE : DYAD_LOAD_ALL);
    if (!m) return EXIT_MODEL;
    int rc = cli_rest_flag(o, "--dump-conllu") ? run_dump(o, m)
           : conllu ? run_conllu(o, m, form, flags) : cli_run_docs(o, m, DYAD_STAGE_CODE, form, flags);
    dyad_model_free(m);
    return rc;
}

/* MARK: - eval code */

static const char eval_help[] =
    "usage: dyad eval code --gold FILE [--verbose] [--why|--why-counts] [--dict DIR] [--model DIR]\n"
    "FILE is JSON Lines, one sentence or document per line:\n"
    "  {\"id\": \"...\", \"date\": \"YYYY-MM-DD\", \"text\": \"...\"  (or \"conllu\": \"...\"),\n"
    "   \"events\": [{\"source\": \"IRN\", \"code\": \"072\", \"target\": \"AFGINSTAL\",\n"
    "               \"status\": \"alleged\"}, ...]}\n"
    "\"conllu\" holds a gold parse with '# actors = ...' lines (see dyad code --conllu);\n"
    "\"target\" null or absent means none; \"status\" is optional.  Prints precision,\n"
    "recall and F1 at root (two-digit) and full-code level, matching (source,\n"
    "target, code) tuples, plus source/target/status agreement and attribution\n"
    "agreement (over matched events whose gold \"attribution\" is an actor code:\n"
    "the predicted attribution's code must equal it).\n"
    "  --why         for each gold event missed at root level, the first cause in\n"
    "                pipeline order (evidence sentence, cleaner, actor mentions,\n"
    "                parse gate, triggers, the rule that dropped the candidate,\n"
    "                other actors), and for each extra event what the gold has in\n"
    "                its sentence; one line each, then the tables of causes\n"
    "  --why-counts  the tables only (for held-out sets)\n";

typedef struct tuple { char src[32], tgt[32], code[8], status[16], attr[32]; bool used; } tuple;

static void tcopy(char *dst, size_t n, const char *s) {
    snprintf(dst, n, "%s", s ? s : "");
}

typedef struct evsink { tuple *t; size_t n, cap; } evsink;

static int collect_sink(const char *p, size_t n, void *ud) {
    evsink *s = ud;
    const char *end = p + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        json_error_t e;
        json_t *j = json_loadb(p, len, 0, &e);
        if (j) {
            if (s->n == s->cap) {
                s->cap = s->cap ? s->cap * 2 : 16;
                s->t = realloc(s->t, s->cap * sizeof *s->t);
                if (!s->t) { json_decref(j); return -1; }
            }
            tuple *t = &s->t[s->n++];
            memset(t, 0, sizeof *t);
            tcopy(t->src, sizeof t->src, json_string_value(json_object_get(json_object_get(j, "source"), "code")));
            tcopy(t->tgt, sizeof t->tgt, json_string_value(json_object_get(json_object_get(j, "target"), "code")));
            tcopy(t->code, sizeof t->code, json_string_value(json_object_get(j, "code")));
            tcopy(t->status, sizeof t->status, json_string_value(json_object_get(j, "status")));
            tcopy(t->attr, sizeof t->attr, json_string_value(json_object_get(json_object_get(j, "attribution"), "code")));
            json_decref(j);
        }
        p += len + 1;
    }
    return 0;
}

typedef struct counts { size_t tp, np, ng; } counts;

/* Agreement on one field of the matched events: ok of n. */
typedef struct agree { size_t ok, n; } agree;

static void match(tuple *g, size_t ng, tuple *p, size_t np, size_t codelen, counts *c,
                  agree *status, agree *attr) {
    for (size_t i = 0; i < np; i++) p[i].used = false;
    for (size_t i = 0; i < ng; i++) g[i].used = false;
    c->np += np;
    c->ng += ng;
    for (size_t i = 0; i < ng; i++)
        for (size_t j = 0; j < np; j++) {
            if (p[j].used) continue;
            if (strcmp(g[i].src, p[j].src) || strcmp(g[i].tgt, p[j].tgt)) continue;
            if (codelen ? strncmp(g[i].code, p[j].code, codelen) : strcmp(g[i].code, p[j].code)) continue;
            p[j].used = g[i].used = true;
            c->tp++;
            if (status && g[i].status[0]) {
                status->n++;
                if (!strcmp(g[i].status, p[j].status)) status->ok++;
            }
            /* who says so, where the gold names somebody: a predicted
             * attribution of another actor or none is a disagreement */
            if (attr && g[i].attr[0]) {
                attr->n++;
                if (!strcmp(g[i].attr, p[j].attr)) attr->ok++;
            }
            break;
        }
}

static void report(const char *what, const counts *c) {
    double p = c->np ? (double)c->tp / (double)c->np : 0, r = c->ng ? (double)c->tp / (double)c->ng : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%-6s precision %.3f  recall %.3f  F1 %.3f  (%zu matched, %zu predicted, %zu gold)\n",
           what, p, r, f, c->tp, c->np, c->ng);
}

int cmd_eval_code(cli_opts *o) {
    for (int i = 0; i < o->nrest; i++)
        if (!strcmp(o->rest[i], "--help") || !strcmp(o->rest[i], "-h")) {
            fputs(eval_help, stdout);
            return EXIT_OK;
        }
    static const char *const valued[] = {"--gold", NULL};
    static const char *const known[] = {"--verbose", "--why", "--why-counts", NULL};
    int argc = o->nrest;
    char **argv = o->rest;
    if (!cli_parse(argc, argv, o, valued) || !cli_rest_check(o, known, valued)) return EXIT_USAGE;
    const char *gold = cli_rest_value(o, "--gold");
    bool verbose = cli_rest_flag(o, "--verbose");
    bool why_lines = cli_rest_flag(o, "--why"), why = why_lines || cli_rest_flag(o, "--why-counts");
    why_tally tally;
    memset(&tally, 0, sizeof tally);
    dy_trace trace = {0};
    if (!gold) { cli_error("eval code: --gold FILE is required"); return EXIT_USAGE; }
    FILE *f = fopen(gold, "rb");
    if (!f) { cli_error("cannot open %s", gold); return EXIT_USAGE; }
    size_t n;
    char *text = slurp(f, &n);
    fclose(f);
    if (!text) { cli_error("out of memory"); return EXIT_SOME_FAILED; }
    /* text needs only the parts the gold file uses */
    bool any_text = false;
    for (char *l = text; l && l < text + n && !any_text;) {
        char *nl = memchr(l, '\n', (size_t)(text + n - l));
        size_t len = nl ? (size_t)(nl - l) : (size_t)(text + n - l);
        bool has = false;
        for (size_t k = 0; k + 8 <= len && !has; k++) has = !memcmp(l + k, "\"conllu\"", 8);
        if (len > 2 && !has) any_text = true;
        l = nl ? nl + 1 : NULL;
    }
    dyad_model *m = cli_load_model(o, any_text ? DYAD_LOAD_ALL : DYAD_LOAD_CODE);
    if (!m) { free(text); return EXIT_MODEL; }
    dyad_ctx *ctx = dyad_ctx_new(m);
    counts root = {0}, full = {0}, src = {0}, tgt = {0};
    agree status = {0}, attr = {0};
    size_t docs = 0, failed = 0;
    evsink pred = {0};
    tuple *g = NULL;
    size_t gcap = 0;
    char *line = text, *end = text + n;
    while (line < end) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t len = nl ? (size_t)(nl - line) : (size_t)(end - line);
        char *next = line + len + 1;
        json_error_t e;
        json_t *j = len ? json_loadb(line, len, 0, &e) : NULL;
        line = next;
        if (!j) continue;
        docs++;
        const char *id = json_string_value(json_object_get(j, "id"));
        const char *date = json_string_value(json_object_get(j, "date"));
        json_t *ev = json_object_get(j, "events");
        size_t ng = json_array_size(ev);
        if (ng > gcap) { gcap = ng * 2; g = realloc(g, gcap * sizeof *g); }
        for (size_t i = 0; i < ng; i++) {
            json_t *x = json_array_get(ev, i);
            memset(&g[i], 0, sizeof g[i]);
            tcopy(g[i].src, sizeof g[i].src, json_string_value(json_object_get(x, "source")));
            tcopy(g[i].tgt, sizeof g[i].tgt, json_string_value(json_object_get(x, "target")));
            tcopy(g[i].code, sizeof g[i].code, json_string_value(json_object_get(x, "code")));
            tcopy(g[i].status, sizeof g[i].status, json_string_value(json_object_get(x, "status")));
            tcopy(g[i].attr, sizeof g[i].attr, json_string_value(json_object_get(x, "attribution")));
        }
        pred.n = 0;
        memset(&trace, 0, sizeof trace);
        if (ctx) ctx->trace = why ? &trace : NULL;
        dyad_doc *doc = NULL;
        dyad_error err = {0};
        dyad_status st;
        const char *conllu = json_string_value(json_object_get(j, "conllu"));
        if (conllu) {
            st = dy_code_conllu_doc(ctx, conllu, strlen(conllu), id, date, &doc, &err);
        } else {
            const char *t = json_string_value(json_object_get(j, "text"));
            dyad_doc_meta meta = {id, date, NULL, NULL, NULL};
            st = dyad_doc_read(ctx, DYAD_INPUT_TEXT, t ? t : "", t ? strlen(t) : 0, &meta, &doc, &err);
        }
        if (st == DYAD_OK) st = dyad_doc_process(ctx, doc, DYAD_STAGE_CODE, &err);
        if (st == DYAD_OK) st = dyad_doc_write(doc, DYAD_OUT_EVENTS, DYAD_WRITE_NO_TEXT, collect_sink, &pred, &err);
        if (st != DYAD_OK) {
            failed++;
            if (verbose) fprintf(stderr, "%s: %s\n", id ? id : "?", err.msg);
        }
        match(g, ng, pred.t, pred.n, 2, &root, NULL, NULL);
        if (why && st == DYAD_OK && pred.n == doc->nevent) {
            why_gold *wg = calloc(ng + 1, sizeof *wg);
            bool *pm = calloc(pred.n + 1, sizeof *pm);
            if (wg && pm) {
                for (size_t i = 0; i < ng; i++) {
                    wg[i] = (why_gold){g[i].src, g[i].tgt, g[i].code,
                                       json_string_value(json_object_get(json_array_get(ev, i), "evidence")),
                                       g[i].used};
                }
                for (size_t i = 0; i < pred.n; i++) pm[i] = pred.t[i].used;
                why_doc(doc, &trace, wg, ng, pm, why_lines, &tally);
            }
            free(wg);
            free(pm);
        }
        dyad_ctx_reset(ctx);
        match(g, ng, pred.t, pred.n, 0, &full, &status, &attr);
        if (verbose) {
            bool bad = false;
            for (size_t i = 0; i < ng; i++) bad |= !g[i].used;
            for (size_t i = 0; i < pred.n; i++) bad |= !pred.t[i].used;
            if (bad) {
                printf("%s:", id ? id : "?");
                for (size_t i = 0; i < ng; i++)
                    if (!g[i].used) printf(" missed %s-%s-%s", g[i].src, g[i].code, g[i].tgt[0] ? g[i].tgt : "null");
                for (size_t i = 0; i < pred.n; i++)
                    if (!pred.t[i].used) printf(" extra %s-%s-%s", pred.t[i].src, pred.t[i].code, pred.t[i].tgt[0] ? pred.t[i].tgt : "null");
                putchar('\n');
            }
        }
        /* agreement: for gold events whose code was predicted (any actors) */
        for (size_t i = 0; i < ng; i++) {
            for (size_t k = 0; k < pred.n; k++) {
                if (strcmp(g[i].code, pred.t[k].code)) continue;
                src.ng++;
                tgt.ng++;
                if (!strcmp(g[i].src, pred.t[k].src)) src.tp++;
                if (!strcmp(g[i].tgt, pred.t[k].tgt)) tgt.tp++;
                break;
            }
        }
        json_decref(j);
    }
    printf("documents %zu (failed %zu)\n", docs, failed);
    report("root", &root);
    report("code", &full);
    printf("source agreement %.3f, target agreement %.3f (over %zu gold events whose code was found)\n",
           src.ng ? (double)src.tp / (double)src.ng : 0, tgt.ng ? (double)tgt.tp / (double)tgt.ng : 0, src.ng);
    printf("status agreement %.3f (over %zu matched events with a gold status)\n",
           status.n ? (double)status.ok / (double)status.n : 0, status.n);
    printf("attribution agreement %.3f (over %zu matched events with a gold attribution)\n",
           attr.n ? (double)attr.ok / (double)attr.n : 0, attr.n);
    if (why) why_report(&tally);
    free(g);
    free(pred.t);
    dyad_ctx_free(ctx);
    dyad_model_free(m);
    free(text);
    return failed ? EXIT_SOME_FAILED : EXIT_OK;
}
