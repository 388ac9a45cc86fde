/* bench_parse.c — tag + lemmatise + parse speed on one thread over a
 * CoNLL-U file's words (gold tokenization), repeated R times.
 *   build/bench_parse FILE.conllu [R] [MODEL_DIR]
 * Times thread CPU (the machine is shared).  Prints words/s and sentences/s for the whole parse stage (documents of
 * 20 sentences through dy_parse_doc, as the pipeline calls it). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/model.h"
#include "parse/parse.h"
#include "parse/pint.h"

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench_parse FILE.conllu [REPEAT] [MODEL_DIR]\n");
        return 2;
    }
    int reps = argc > 2 ? atoi(argv[2]) : 3;
    if (reps < 1) reps = 1;
    const dyad_allocator *a = dyad_default_allocator();
    char *text = NULL;
    size_t n = 0;
    if (dy_read_file(a, argv[1], &text, &n) != DYAD_OK) { fprintf(stderr, "cannot read %s\n", argv[1]); return 1; }
    dy_conllu c;
    dyad_error err = {0};
    if (dy_conllu_parse(a, text, n, &c, &err) != DYAD_OK) { fprintf(stderr, "%s\n", err.msg); return 1; }
    dyad_model_options mo = dyad_model_options_default();
    mo.load = DYAD_LOAD_PARSE;
    if (argc > 3) mo.model_dir = argv[3];
    dyad_model *m = NULL;
    if (dyad_model_load(&mo, &m, &err) != DYAD_OK) { fprintf(stderr, "%s\n", err.msg); return 3; }
    dyad_ctx *ctx = dyad_ctx_new(m);
    /* one document per 20 sentences, like a news article */
    size_t words = 0, sents = 0;
    double best = 1e30;
    for (int r = 0; r < reps; r++) {
        {
            double t0 = now_s();
            words = sents = 0;
            for (size_t s0 = 0; s0 < c.ns; s0 += 20) {
                size_t s1 = s0 + 20 < c.ns ? s0 + 20 : c.ns, nt = 0;
                for (size_t i = s0; i < s1; i++) nt += c.s[i].nw;
                dyad_ctx_reset(ctx);
                dyad_doc *doc = DY_ANEW(&ctx->arena, dyad_doc, 1);
                dy_token *toks = DY_ANEW(&ctx->arena, dy_token, nt + 1);
                dy_sentence *ss = DY_ANEW(&ctx->arena, dy_sentence, s1 - s0);
                size_t k = 0;
                for (size_t i = s0; i < s1; i++) {
                    ss[i - s0].tok0 = (uint32_t)k;
                    ss[i - s0].ntok = (uint32_t)c.s[i].nw;
                    for (size_t j = 0; j < c.s[i].nw; j++, k++) toks[k].form = toks[k].norm = c.s[i].w[j].form;
                }
                doc->ctx = ctx;
                doc->toks = toks;
                doc->ntok = nt;
                doc->sents = ss;
                doc->nsent = s1 - s0;
                if (dy_parse_doc(ctx, doc, false, &err) != DYAD_OK) { fprintf(stderr, "%s\n", err.msg); return 1; }
                words += nt;
                sents += s1 - s0;
            }
            double dt = now_s() - t0;
            if (dt < best) best = dt;
        }
    }
    /* the tagger alone (word view + tagging, with the context's word sums
     * cache as the pipeline tags), to split the time */
    double tbest = 1e30;
    const dy_tagger *tg = dy_parse_tagger(m->parse);
    dy_tagcache *tc = dy_tagcache_new(a, tg);
    for (int r = 0; r < reps; r++) {
        double t0 = now_s();
        for (size_t i = 0; i < c.ns; i++) {
            size_t nw = c.s[i].nw;
            dyad_ctx_reset(ctx);
            dy_str *forms = DY_ANEW(&ctx->arena, dy_str, nw + 1);
            dy_pword *w = DY_ANEW(&ctx->arena, dy_pword, nw + 1);
            for (size_t j = 0; j < nw; j++) forms[j] = c.s[i].w[j].form;
            dy_pwords_init(&ctx->arena, w, forms, nw);
            dy_tagger_run_cached(tg, tc, w, nw);
        }
        double dt = now_s() - t0;
        if (dt < tbest) tbest = dt;
    }
    printf("bench_parse: %s, %zu sentences, %zu words, best of %d\n", argv[1], sents, words, reps);
    printf("  tag+lemma+parse: %.0f words/s, %.0f sentences/s (1 thread)\n", (double)words / best,
           (double)sents / best);
    printf("  tagger alone: %.0f words/s (%.0f%% of the stage's time)\n", (double)words / tbest,
           100.0 * tbest / best);
    printf("  model: %s\n", dyad_model_version(m));
    dy_tagcache_free(tc);
    dyad_ctx_free(ctx);
    dyad_model_free(m);
    dy_conllu_free(a, &c);
    free(text);
    return 0;
}
