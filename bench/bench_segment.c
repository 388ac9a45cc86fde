/*
 * bench_segment.c — segmenter throughput on real news text.
 *
 * usage: bench_segment CORPUS_DIR [SECONDS]
 * CORPUS_DIR is ../shared/corpus: wikinews CSV files, voa JSON Lines and the
 * <BODY>s of the reuters21578 .sgm files (read here at run time, never stored).
 * Each document is read and cleaned untimed, then dy_segment is timed
 * alone; the corpus is repeated until SECONDS (default 2) have been
 * measured (thread CPU time, not wall time).  Prints sentences/s,
 * tokens/s, MB/s (cleaned text bytes) per corpus, and the peak RSS.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "base/doc.h"
#include "base/model.h"
#include "dyad.h"
#include "segment/segment.h"

typedef struct { char **p; size_t *n; size_t len, cap; } docs;

static void add(docs *d, const char *p, size_t n) {
    if (d->len == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 256;
        d->p = realloc(d->p, d->cap * sizeof *d->p);
        d->n = realloc(d->n, d->cap * sizeof *d->n);
        if (!d->p || !d->n) abort();
    }
    char *c = malloc(n + 1);
    if (!c) abort();
    memcpy(c, p, n);
    c[n] = 0;
    d->p[d->len] = c;
    d->n[d->len++] = n;
}

static char *slurp(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 20, len = 0;
    char *b = malloc(cap);
    size_t r;
    while (b && (r = fread(b + len, 1, cap - len, f)) > 0) {
        len += r;
        if (len == cap) b = realloc(b, cap *= 2);
    }
    fclose(f);
    if (b) b[len] = 0, *n = len;
    return b;
}

/* CSV url,date,title,text: the 4th field of each record. */
static void load_csv(docs *d, const char *path) {
    size_t n;
    char *s = slurp(path, &n);
    if (!s) return;
    char *field = malloc(n + 1);
    size_t fi = 0, col = 0, i = 0;
    bool header = true;
    while (i < n) {
        fi = 0;
        if (s[i] == '"') {
            i++;
            while (i < n) {
                if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') { field[fi++] = '"'; i += 2; }
                else if (s[i] == '"') { i++; break; }
                else field[fi++] = s[i++];
            }
        } else {
            while (i < n && s[i] != ',' && s[i] != '\n') field[fi++] = s[i++];
        }
        if (col == 3 && !header && fi) add(d, field, fi);
        if (i < n && s[i] == ',') { col++; i++; }
        else { col = 0; header = false; if (i < n) i++; if (i < n && s[i] == '\r') i++; }
    }
    free(field);
    free(s);
}

/* JSON Lines: the "text" string of each line (enough unescaping for news). */
static void load_jsonl(docs *d, const char *path) {
    size_t n;
    char *s = slurp(path, &n);
    if (!s) return;
    char *out = malloc(n + 1);
    for (char *line = s; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        char *t = strstr(line, "\"text\": \"");
        size_t skip = 9;
        if (!t) { t = strstr(line, "\"text\":\""); skip = 8; }
        if (t) {
            size_t o = 0;
            for (char *q = t + skip; *q && *q != '"'; q++) {
                if (*q == '\\' && q[1]) {
                    q++;
                    switch (*q) {
                    case 'n': out[o++] = '\n'; break;
                    case 't': out[o++] = '\t'; break;
                    case 'u': { /* BMP escapes to UTF-8 */
                        unsigned v = 0;
                        if (sscanf(q + 1, "%4x", &v) == 1) q += 4;
                        if (v < 0x80) out[o++] = (char)v;
                        else if (v < 0x800) { out[o++] = (char)(0xC0 | v >> 6); out[o++] = (char)(0x80 | (v & 63)); }
                        else { out[o++] = (char)(0xE0 | v >> 12); out[o++] = (char)(0x80 | ((v >> 6) & 63)); out[o++] = (char)(0x80 | (v & 63)); }
                        break;
                    }
                    default: out[o++] = *q;
                    }
                } else out[o++] = *q;
            }
            if (o) add(d, out, o);
        }
        line = nl ? nl + 1 : NULL;
    }
    free(out);
    free(s);
}

/* Reuters SGML: every <BODY>...</BODY>, entities &lt; &gt; &amp; decoded. */
static void load_sgm(docs *d, const char *path) {
    size_t n;
    char *s = slurp(path, &n);
    if (!s) return;
    for (char *b = strstr(s, "<BODY>"); b; b = strstr(b, "<BODY>")) {
        b += 6;
        char *e = strstr(b, "</BODY>");
        if (!e) break;
        char *o = malloc((size_t)(e - b) + 1);
        size_t k = 0;
        for (char *q = b; q < e; q++) {
            if (*q == '&' && !strncmp(q, "&lt;", 4)) { o[k++] = '<'; q += 3; }
            else if (*q == '&' && !strncmp(q, "&gt;", 4)) { o[k++] = '>'; q += 3; }
            else if (*q == '&' && !strncmp(q, "&amp;", 5)) { o[k++] = '&'; q += 4; }
            else o[k++] = *q;
        }
        add(d, o, k);
        free(o);
        b = e;
    }
    free(s);
}

static void load_dir(docs *d, const char *dir, const char *ext, void (*fn)(docs *, const char *)) {
    DIR *D = opendir(dir);
    if (!D) return;
    char **names = NULL;
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(D))) {
        size_t l = strlen(de->d_name), el = strlen(ext);
        if (l > el && !strcmp(de->d_name + l - el, ext)) {
            names = realloc(names, (nn + 1) * sizeof *names);
            names[nn++] = strdup(de->d_name);
        }
    }
    closedir(D);
    for (size_t i = 0; i < nn; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        fn(d, path);
        free(names[i]);
    }
    free(names);
}

/* Thread CPU time: the machine may be shared, and waiting for a core is
 * not the segmenter's cost. */
static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void run(const char *name, const docs *d, const dyad_model *m, double secs) {
    if (!d->len) { printf("%-9s (not found)\n", name); return; }
    dyad_ctx *ctx = dyad_ctx_new(m);
    double seg = 0, all0 = now();
    size_t sents = 0, toks = 0, bytes = 0, reps = 0, fails = 0;
    while (seg < secs || reps == 0) {
        for (size_t i = 0; i < d->len; i++) {
            dyad_ctx_reset(ctx);
            dyad_doc *doc;
            dyad_error err;
            if (dyad_doc_read(ctx, DYAD_INPUT_TEXT, d->p[i], d->n[i], NULL, &doc, &err) ||
                dyad_doc_process(ctx, doc, DYAD_STAGE_CLEAN, &err)) { fails++; continue; }
            double t0 = now();
            if (dy_segment(ctx, doc, &err)) { fails++; continue; }
            seg += now() - t0;
            sents += doc->nsent;
            toks += doc->ntok;
            bytes += doc->text.n;
        }
        reps++;
    }
    double all = now() - all0;
    printf("%-9s %6zu docs x%-3zu  %9.0f sentences/s  %9.0f tokens/s  %6.1f MB/s  (read+clean+segment %.1f MB/s)%s\n",
           name, d->len, reps, (double)sents / seg, (double)toks / seg, (double)bytes / seg / 1e6,
           (double)bytes / all / 1e6, fails ? "  SOME FAILED" : "");
    dyad_ctx_free(ctx);
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: bench_segment CORPUS_DIR [SECONDS]\n"); return 2; }
    double secs = argc > 2 ? atof(argv[2]) : 2.0;
    char dir[4096];
    dyad_model_options o = dyad_model_options_default();
    o.load = DYAD_LOAD_CLEAN;
    dyad_model *m;
    if (dyad_model_load(&o, &m, NULL)) { fprintf(stderr, "bench_segment: cannot load model\n"); return 3; }
    docs wn = {0}, voa = {0}, reu = {0};
    snprintf(dir, sizeof dir, "%s/wikinews", argv[1]);
    load_dir(&wn, dir, ".csv", load_csv);
    snprintf(dir, sizeof dir, "%s/voa", argv[1]);
    load_dir(&voa, dir, ".jsonl", load_jsonl);
    snprintf(dir, sizeof dir, "%s/reuters21578", argv[1]);
    load_dir(&reu, dir, ".sgm", load_sgm);
    printf("bench_segment: dy_segment alone, %.0f CPU-s per corpus\n", secs);
    run("wikinews", &wn, m, secs);
    run("voa", &voa, m, secs);
    run("reuters", &reu, m, secs);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak RSS %.1f MB (corpus texts held in memory included)\n", (double)ru.ru_maxrss / 1024.0);
    dyad_model_free(m);
    docs *all[] = {&wn, &voa, &reu};
    for (size_t k = 0; k < 3; k++) {
        for (size_t i = 0; i < all[k]->len; i++) free(all[k]->p[i]);
        free(all[k]->p);
        free(all[k]->n);
    }
    return 0;
}
