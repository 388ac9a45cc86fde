/*
 * bench_code.c — event coding throughput.
 *
 * usage: bench_code CORPUS_DIR GOLD.jsonl [SECONDS] [NAME=FILE.jsonl ...]
 * 1. End to end: the VOA JSON Lines stories of CORPUS_DIR (../shared/corpus,
 *    read at run time), and each further NAME=FILE.jsonl given (Wikinews,
 *    WCEP converted to JSON Lines), from raw JSON text to event records as
 *    `dyad code` runs them (straight to the events: the parse gate and the
 *    tagger skip of src/base/doc.h): on one thread in thread CPU time with
 *    each stage's share (ctx->prof: read, clean, segment, actors, tag, the
 *    gate's decision, parse, times and places, code, JSON writing) and the
 *    share of sentences left untagged and unparsed, then on 1 and 2
 *    threads in wall-clock time (one context per thread, the model
 *    shared), as `dyad code -j N` runs.  Needs the parser model; skipped
 *    without it.
 * 2. Coder alone: the gold parses of GOLD.jsonl ("conllu" fields, e.g.
 *    test/gold/petr_validate.jsonl), only the code stage timed.
 * Each corpus is repeated until SECONDS (default 2) have been measured.
 * Prints sentences/s and events/s, and the peak RSS.
 */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <pthread.h>
#include <time.h>

#include "base/model.h"
#include "code/code.h"
#include "dyad.h"

static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef struct { char **p; size_t len, cap; } lines;

static void load_lines(lines *L, const char *path, const char *field) {
    FILE *f = fopen(path, "rb");
    if (!f) return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        char *keep = NULL;
        if (field) {
            json_t *j = json_loadb(line, (size_t)n, 0, NULL);
            const char *s = json_string_value(json_object_get(j, field));
            if (s) keep = strdup(s);
            json_decref(j);
        } else if (n > 2) {
            keep = strndup(line, (size_t)n);
        }
        if (!keep) continue;
        if (L->len == L->cap) {
            L->cap = L->cap ? L->cap * 2 : 256;
            L->p = realloc(L->p, L->cap * sizeof *L->p);
            if (!L->p) abort();
        }
        L->p[L->len++] = keep;
    }
    free(line);
    fclose(f);
}

static int null_sink(const char *p, size_t n, void *ud) {
    (void)p;
    *(size_t *)ud += n;
    return 0;
}

/* One thread, straight to the events as `dyad code` runs, thread CPU time,
 * each stage timed (ctx->prof; a tree without it gives the total only). */
static void stage_times(const dyad_model *m, const char *name, const lines *L, double secs) {
    double total = 0, tread = 0, twrite = 0;
    size_t sents = 0, events = 0, words = 0, outbytes = 0;
    dyad_ctx *ctx = dyad_ctx_new(m);
#ifdef DY_PROF
    dy_prof prof;
    memset(&prof, 0, sizeof prof);
    ctx->prof = &prof;
#endif
    while (L->len && total < secs) {
        for (size_t i = 0; i < L->len; i++) {
            dyad_doc *doc;
            double c = cpu_now();
            bool ok = dyad_doc_read(ctx, DYAD_INPUT_JSONL, L->p[i], strlen(L->p[i]), NULL, &doc, NULL) == DYAD_OK;
            double c2 = cpu_now();
            tread += c2 - c;
            if (ok && dyad_doc_process(ctx, doc, DYAD_STAGE_CODE, NULL) == DYAD_OK) {
                double c3 = cpu_now();
                dyad_doc_write(doc, DYAD_OUT_EVENTS, 0, null_sink, &outbytes, NULL);
                twrite += cpu_now() - c3;
                sents += dyad_doc_sentence_count(doc);
                events += dyad_doc_event_count(doc);
                words += doc->ntok;
            }
            total += cpu_now() - c;
            dyad_ctx_reset(ctx);
        }
    }
    dyad_ctx_free(ctx);
    if (!(total > 0) || !sents) return;
    printf("code end-to-end (%s, %zu documents, %.1f words/sentence), 1 thread, CPU time: %.0f sentences/s, %.0f words/s, %.0f events/s\n",
           name, L->len, (double)words / (double)sents, (double)sents / total, (double)words / total,
           (double)events / total);
#ifdef DY_PROF
    static const char *const names[DY_PROF_COUNT] = {"clean", "segment", "actors", "tag", "gate", "parse",
                                                     "times+places", "code"};
    printf("  %.1f%% of sentences left untagged, %.1f%% unparsed; stage share: read %.1f%%",
           100.0 * (double)prof.untagged / (double)sents, 100.0 * (double)prof.unparsed / (double)sents,
           100.0 * tread / total);
    for (int k = 0; k < DY_PROF_COUNT; k++) printf(" %s %.1f%%", names[k], 100.0 * prof.t[k] / total);
    printf(" write %.1f%%\n", 100.0 * twrite / total);
#else
    (void)tread;
    (void)twrite;
#endif
}

typedef struct job {
    const dyad_model *m;
    const lines *L;
    size_t part, nparts;
    double secs;
    size_t sents, events;
} job;

static void *run_job(void *arg) {
    job *j = arg;
    dyad_ctx *ctx = dyad_ctx_new(j->m);
    size_t outbytes = 0;
    double t0 = now();
    while (now() - t0 < j->secs) {
        for (size_t i = j->part; i < j->L->len; i += j->nparts) {
            dyad_doc *doc;
            if (dyad_doc_read(ctx, DYAD_INPUT_JSONL, j->L->p[i], strlen(j->L->p[i]), NULL, &doc, NULL) == DYAD_OK &&
                dyad_doc_process(ctx, doc, DYAD_STAGE_CODE, NULL) == DYAD_OK) {
                dyad_doc_write(doc, DYAD_OUT_EVENTS, 0, null_sink, &outbytes, NULL);
                j->sents += dyad_doc_sentence_count(doc);
                j->events += dyad_doc_event_count(doc);
            }
            dyad_ctx_reset(ctx);
        }
    }
    dyad_ctx_free(ctx);
    return NULL;
}

/* nt threads over the stories, wall-clock time. */
static void threaded(const dyad_model *m, const char *name, const lines *L, int nt, double secs) {
    job jobs[2];
    pthread_t th[2];
    double t0 = now();
    for (int k = 0; k < nt; k++) {
        jobs[k] = (job){m, L, (size_t)k, (size_t)nt, secs, 0, 0};
        if (pthread_create(&th[k], NULL, run_job, &jobs[k]) != 0) return;
    }
    size_t sents = 0, events = 0;
    for (int k = 0; k < nt; k++) {
        pthread_join(th[k], NULL);
        sents += jobs[k].sents;
        events += jobs[k].events;
    }
    double el = now() - t0;
    printf("code end-to-end (%s), %d thread%s, wall clock: %.0f sentences/s, %.0f events/s\n", name, nt,
           nt > 1 ? "s" : "", (double)sents / el, (double)events / el);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_code CORPUS_DIR GOLD.jsonl [SECONDS] [NAME=FILE.jsonl ...]\n");
        return 2;
    }
    double secs = argc > 3 ? atof(argv[3]) : 2.0;
    dyad_model *m = NULL;
    dyad_model_options o = dyad_model_options_default();
    dyad_error err = {0};
    bool full = dyad_model_load(&o, &m, &err) == DYAD_OK;
    if (!full) {
        fprintf(stderr, "bench_code: end to end skipped (%s)\n", err.msg);
        o.load = DYAD_LOAD_CODE;
        if (dyad_model_load(&o, &m, &err) != DYAD_OK) {
            fprintf(stderr, "bench_code: %s\n", err.msg);
            return 3;
        }
    }
    dyad_ctx *ctx = dyad_ctx_new(m);
    size_t outbytes = 0;
    if (full) {
        lines L = {0};
        char path[2048];
        snprintf(path, sizeof path, "%s/voa/voa_stories.first18.jsonl", argv[1]);
        load_lines(&L, path, NULL);
        snprintf(path, sizeof path, "%s/voa/smoke_test_stories.jsonl", argv[1]);
        load_lines(&L, path, NULL);
        stage_times(m, "voa", &L, secs);
        for (int nt = 1; nt <= 2; nt++) threaded(m, "voa", &L, nt, secs);
        for (size_t i = 0; i < L.len; i++) free(L.p[i]);
        free(L.p);
        for (int a = 4; a < argc; a++) {
            const char *eq = strchr(argv[a], '=');
            if (!eq) continue;
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)(eq - argv[a]), argv[a]);
            lines X = {0};
            load_lines(&X, eq + 1, NULL);
            stage_times(m, name, &X, secs);
            for (int nt = 1; nt <= 2; nt++) threaded(m, name, &X, nt, secs);
            for (size_t i = 0; i < X.len; i++) free(X.p[i]);
            free(X.p);
        }
    }
    lines G = {0};
    load_lines(&G, argv[2], "conllu");
    size_t sents = 0, events = 0;
    double el = 0;
    while (G.len && el < secs) {
        for (size_t i = 0; i < G.len; i++) {
            dyad_doc *doc;
            if (dy_code_conllu_doc(ctx, G.p[i], strlen(G.p[i]), "b", "2020-01-01", &doc, NULL) == DYAD_OK) {
                double t = now();
                if (dyad_doc_process(ctx, doc, DYAD_STAGE_CODE, NULL) == DYAD_OK) {
                    dyad_doc_write(doc, DYAD_OUT_EVENTS, 0, null_sink, &outbytes, NULL);
                    sents += dyad_doc_sentence_count(doc);
                    events += dyad_doc_event_count(doc);
                }
                el += now() - t;
            }
            dyad_ctx_reset(ctx);
        }
    }
    if (el > 0)
        printf("code stage alone (gold parses, %zu sentences): %.0f sentences/s, %.0f events/s\n", G.len,
               (double)sents / el, (double)events / el);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak RSS %ld MB\n", ru.ru_maxrss / 1024);
    for (size_t i = 0; i < G.len; i++) free(G.p[i]);
    free(G.p);
    dyad_ctx_free(ctx);
    dyad_model_free(m);
    return 0;
}
