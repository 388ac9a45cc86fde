/*
 * cli.c — the document loop shared by the verbs that read articles.
 *
 * Inputs are read in batches; each batch is processed by -j worker threads
 * (each with its own dyad_ctx, all sharing one dyad_model), and the outputs
 * are written in input order.  A document that fails gives an error record
 * on stderr naming the file (and line for JSON Lines) and the loop goes on.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include "base/model.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void cli_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("dyad: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static bool parse_input(const char *s, dyad_input *out) {
    if (!strcmp(s, "text")) *out = DYAD_INPUT_TEXT;
    else if (!strcmp(s, "jsonl")) *out = DYAD_INPUT_JSONL;
    else if (!strcmp(s, "html")) *out = DYAD_INPUT_HTML;
    else if (!strcmp(s, "auto")) *out = DYAD_INPUT_AUTO;
    else return false;
    return true;
}

static bool valid_date(const char *s) {
    int y, mo, d;
    char tail;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3) return false;
    return s[4] == '-' && s[7] == '-' && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

bool cli_parse(int argc, char **argv, cli_opts *o, const char *const *valued) {
    const char *verb = o->verb;
    memset(o, 0, sizeof *o);
    o->verb = verb;
    /* one process uses every core unless -j says otherwise */
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = ncpu < 1 ? 1 : ncpu > 256 ? 256 : (int)ncpu;
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    o->rest = calloc((size_t)argc + 1, sizeof *o->rest);
    o->owned[0] = o->files;
    o->owned[1] = o->rest;
    if (!o->files || !o->rest) { cli_error("out of memory"); return false; }
    bool only_files = false;
    for (int i = 0; i < argc; i++) {
        char *a = argv[i];
        const char *val = NULL;
#define TAKES(name)                                                                  \
    (!strcmp(a, name) ? (i + 1 < argc ? (val = argv[++i], true)                      \
                                      : (cli_error("%s needs a value", name), false)) \
                      : (!strncmp(a, name "=", sizeof(name)) ? (val = a + sizeof(name), true) : false))
        if (only_files || a[0] != '-' || !strcmp(a, "-")) { o->files[o->nfiles++] = a; continue; }
        if (!strcmp(a, "--")) { only_files = true; continue; }
        if (TAKES("--input")) {
            if (!parse_input(val, &o->input)) { cli_error("--input takes text, jsonl, html or auto, not '%s'", val); return false; }
        } else if (TAKES("--id")) o->id = val;
        else if (TAKES("--date")) {
            if (!valid_date(val)) { cli_error("--date takes YYYY-MM-DD, not '%s'", val); return false; }
            o->date = val;
        } else if (TAKES("--dict") || TAKES("--data")) o->data_dir = val;
        else if (TAKES("--model")) o->model_dir = val;
        else if (TAKES("--parser")) o->parser = val;
        else if (TAKES("--format")) o->format = val;
        else if (TAKES("--db")) o->db = val;
        else if (TAKES("-j") || TAKES("--jobs") || (!strncmp(a, "-j", 2) && a[2] && (val = a + 2))) {
            char *end;
            long j = strtol(val, &end, 10);
            if (*end || j < 1 || j > 256) { cli_error("-j takes a number from 1 to 256"); return false; }
            o->jobs = (int)j;
        } else if (!strcmp(a, "--explain")) o->explain = true;
        else if (!strcmp(a, "--no-text")) o->no_text = true;
        else if (!strcmp(a, "--unbuffered")) o->unbuffered = true;
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) o->quiet = true;
        else if (val == NULL && (!strcmp(a, "--input") || !strcmp(a, "--id") || !strcmp(a, "--date") ||
                                 !strcmp(a, "--dict") || !strcmp(a, "--data") || !strcmp(a, "--model") ||
                                 !strcmp(a, "--parser") ||
                                 !strcmp(a, "--format") || !strcmp(a, "--db") || !strcmp(a, "-j") ||
                                 !strcmp(a, "--jobs")))
            return false; /* TAKES printed the message */
        else {
            /* Unknown to the common parser: the verb decides.  Options the
             * verb lists in `valued` keep their value next to them in rest
             * ("--gold FILE" or "--gold=FILE" both give "--gold", "FILE"). */
            o->rest[o->nrest++] = a;
            for (const char *const *v = valued; v && *v; v++) {
                size_t vn = strlen(*v);
                if (!strcmp(a, *v)) {
                    if (i + 1 >= argc) { cli_error("%s needs a value", a); return false; }
                    o->rest[o->nrest++] = argv[++i];
                    break;
                }
                if (!strncmp(a, *v, vn) && a[vn] == '=') {
                    a[vn] = 0;
                    o->rest[o->nrest++] = a + vn + 1;
                    break;
                }
            }
        }
#undef TAKES
    }
    return true;
}

void cli_opts_free(cli_opts *o) {
    free(o->owned[0]);
    free(o->owned[1]);
    o->owned[0] = o->owned[1] = NULL;
}

dyad_model *cli_load_model(const cli_opts *o, unsigned load) {
    dyad_model_options mo = dyad_model_options_default();
    mo.data_dir = o->data_dir;
    mo.model_dir = o->model_dir;
    mo.parser = o->parser;
    mo.load = load;
    dyad_model *m = NULL;
    dyad_error err = {0};
    if (dyad_model_load(&mo, &m, &err) != DYAD_OK) {
        cli_error("cannot load model: %s", err.msg[0] ? err.msg : dyad_strerror(err.code));
        return NULL;
    }
    return m;
}

int cli_file_sink(const char *p, size_t n, void *ud) {
    return fwrite(p, 1, n, (FILE *)ud) == n ? 0 : -1;
}

/* MARK: - jobs */

typedef struct job {
    char *bytes;            /* owned */
    size_t n;
    dyad_input input;
    const char *name;       /* file name (borrowed from argv or "<stdin>") */
    size_t line;            /* 1-based for JSON Lines, else 0 */
    /* results */
    char *out;              /* owned, whole lines */
    size_t out_n, out_cap;
    dyad_status st;
    char msg[600];
    size_t nsent;
} job;

typedef struct run {
    const cli_opts *o;
    const dyad_model *m;
    dyad_stage stage;
    dyad_output form;
    unsigned flags;
    job *jobs;
    size_t njobs;
    atomic_size_t next;
} run;

static int job_sink(const char *p, size_t n, void *ud) {
    job *j = ud;
    if (j->out_n + n > j->out_cap) {
        size_t cap = j->out_cap ? j->out_cap : 4096;
        while (cap < j->out_n + n) cap *= 2;
        char *q = realloc(j->out, cap);
        if (!q) return -1;
        j->out = q;
        j->out_cap = cap;
    }
    memcpy(j->out + j->out_n, p, n);
    j->out_n += n;
    return 0;
}

static void do_job(run *r, dyad_ctx *ctx, job *j) {
    dyad_error err = {0};
    dyad_doc_meta meta = {r->o->id, r->o->date, NULL, NULL, NULL};
    char idbuf[512];
    if (!meta.id && j->input != DYAD_INPUT_JSONL) {
        /* A bare file is named after its base name; stdin after "stdin". */
        const char *base = strrchr(j->name, '/');
        base = base ? base + 1 : j->name;
        snprintf(idbuf, sizeof idbuf, "%s", strcmp(j->name, "<stdin>") ? base : "stdin");
        meta.id = idbuf;
    }
    /* --explain also prints the candidates the coder dropped: have it
     * record them (in ctx's arena, for this document only) */
    dy_trace trace = {0};
    if (r->form == DYAD_OUT_EXPLAIN) ctx->trace = &trace;
    dyad_doc *doc = NULL;
    dyad_status st = dyad_doc_read(ctx, j->input, j->bytes, j->n, &meta, &doc, &err);
    if (st == DYAD_OK) st = dyad_doc_process(ctx, doc, r->stage, &err);
    if (st == DYAD_OK)
        st = dyad_doc_write(doc, r->form, r->flags, job_sink, j, &err);
    if (st != DYAD_OK) {
        /* Nothing half-written: drop any partial output of this document. */
        j->out_n = 0;
        snprintf(j->msg, sizeof j->msg, "%s", err.msg[0] ? err.msg : dyad_strerror(st));
    } else {
        j->nsent = dyad_doc_sentence_count(doc);
    }
    j->st = st;
    free(j->bytes);
    j->bytes = NULL;
    ctx->trace = NULL;
    dyad_ctx_reset(ctx);
}

static void *worker(void *arg) {
    run *r = arg;
    dyad_ctx *ctx = dyad_ctx_new(r->m);
    for (;;) {
        size_t k = atomic_fetch_add(&r->next, 1);
        if (k >= r->njobs) break;
        job *j = &r->jobs[k];
        if (!ctx) {
            j->st = DYAD_ENOMEM;
            snprintf(j->msg, sizeof j->msg, "out of memory");
            continue;
        }
        do_job(r, ctx, j);
    }
    dyad_ctx_free(ctx);
    return NULL;
}

/* MARK: - the loop */

typedef struct loop {
    run r;
    size_t cap;
    size_t batch_bytes;
    size_t ndocs, nfailed, nsent;
    bool out_failed;
    bool progress;
    time_t last_progress;
} loop;

static void flush_batch(loop *L) {
    run *r = &L->r;
    if (!r->njobs) return;
    atomic_store(&r->next, 0);
    int nth = r->o->jobs;
    if ((size_t)nth > r->njobs) nth = (int)r->njobs;
    if (nth <= 1) {
        worker(r);
    } else {
        pthread_t th[256];
        int started = 0;
        for (int t = 0; t < nth; t++)
            if (pthread_create(&th[t], NULL, worker, r) == 0) started++;
            else break;
        if (started == 0) worker(r);
        for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
    }
    for (size_t k = 0; k < r->njobs; k++) {
        job *j = &r->jobs[k];
        L->ndocs++;
        if (j->st != DYAD_OK) {
            L->nfailed++;
            if (j->line)
                fprintf(stderr, "dyad: %s:%zu: %s\n", j->name, j->line, j->msg);
            else
                fprintf(stderr, "dyad: %s: %s\n", j->name, j->msg);
        } else if (!L->out_failed && j->out_n) {
            if (fwrite(j->out, 1, j->out_n, stdout) != j->out_n) L->out_failed = true;
            if (r->o->unbuffered && fflush(stdout) != 0) L->out_failed = true;
        }
        L->nsent += j->nsent;
        free(j->out);
        free(j->bytes);
    }
    r->njobs = 0;
    L->batch_bytes = 0;
    if (L->progress) {
        time_t now = time(NULL);
        if (now != L->last_progress) {
            fprintf(stderr, "\rdyad: %zu documents, %zu sentences, %zu failed", L->ndocs, L->nsent,
                    L->nfailed);
            L->last_progress = now;
        }
    }
}

static void add_job(loop *L, char *bytes, size_t n, dyad_input input, const char *name, size_t line) {
    run *r = &L->r;
    if (r->njobs == L->cap) flush_batch(L);
    job *j = &r->jobs[r->njobs++];
    memset(j, 0, sizeof *j);
    j->bytes = bytes;
    j->n = n;
    j->input = input;
    j->name = name;
    j->line = line;
    L->batch_bytes += n;
    if (L->batch_bytes > ((size_t)64 << 20)) flush_batch(L);
}

static bool has_suffix(const char *s, const char *suf) {
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

/* Read a whole stream; NULL with errno on failure. */
static char *slurp(FILE *f, size_t *n) {
    size_t cap = 1 << 16, len = 0;
    char *p = malloc(cap);
    if (!p) return NULL;
    for (;;) {
        if (len == cap) {
            char *q = realloc(p, cap * 2);
            if (!q) { free(p); return NULL; }
            p = q;
            cap *= 2;
        }
        size_t k = fread(p + len, 1, cap - len, f);
        len += k;
        if (k == 0) break;
    }
    if (ferror(f)) { free(p); return NULL; }
    *n = len;
    return p;
}

/* Feed one input (file or stdin) to the loop; false when it cannot be read. */
static bool feed_input(loop *L, const char *path) {
    const cli_opts *o = L->r.o;
    bool is_stdin = !strcmp(path, "-");
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        return false;
    }
    dyad_input in = o->input;
    if (in == DYAD_INPUT_AUTO && !is_stdin) {
        if (has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson")) in = DYAD_INPUT_JSONL;
        else if (has_suffix(path, ".html") || has_suffix(path, ".htm")) in = DYAD_INPUT_HTML;
        else if (has_suffix(path, ".txt")) in = DYAD_INPUT_TEXT;
    }
    bool ok = true;
    if (in == DYAD_INPUT_JSONL || in == DYAD_INPUT_AUTO) {
        /* Peek: auto-detected JSON means JSON Lines. */
        int c = EOF;
        if (in == DYAD_INPUT_AUTO) {
            while ((c = getc(f)) != EOF && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {}
            if (c != EOF) ungetc(c, f);
            if (c == '{') in = DYAD_INPUT_JSONL;
        }
        if (in == DYAD_INPUT_JSONL) {
            char *line = NULL;
            size_t cap = 0, lineno = 0;
            ssize_t k;
            size_t nonblank = 0;
            while ((k = getline(&line, &cap, f)) != -1) {
                lineno++;
                size_t n = (size_t)k;
                while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
                size_t s = 0;
                while (s < n && (line[s] == ' ' || line[s] == '\t')) s++;
                if (s == n) continue; /* blank lines separate nothing */
                nonblank++;
                char *copy = malloc(n + 1);
                if (!copy) { cli_error("out of memory"); ok = false; break; }
                memcpy(copy, line, n);
                copy[n] = 0;
                add_job(L, copy, n, DYAD_INPUT_JSONL, name, lineno);
            }
            if (ferror(f)) { cli_error("%s: read error", name); ok = false; }
            free(line);
            if (ok && nonblank == 0) {
                cli_error("%s: empty input: no JSON Lines documents", name);
                ok = false;
            }
            if (!is_stdin) fclose(f);
            return ok;
        }
    }
    size_t n = 0;
    char *bytes = slurp(f, &n);
    if (!bytes) {
        cli_error("%s: %s", name, errno ? strerror(errno) : "read error");
        if (!is_stdin) fclose(f);
        return false;
    }
    if (!is_stdin) fclose(f);
    add_job(L, bytes, n, in, name, 0);
    return true;
}

int cli_run_docs(const cli_opts *o, const dyad_model *m, dyad_stage stage, dyad_output form,
                 unsigned write_flags) {
    loop L;
    memset(&L, 0, sizeof L);
    L.r.o = o;
    L.r.m = m;
    L.r.stage = stage;
    L.r.form = form;
    L.r.flags = write_flags;
    L.cap = (size_t)o->jobs * 16;
    L.r.jobs = calloc(L.cap, sizeof *L.r.jobs);
    if (!L.r.jobs) { cli_error("out of memory"); return EXIT_SOME_FAILED; }
    L.progress = !o->quiet && isatty(2);
    size_t unreadable = 0;
    if (o->nfiles == 0) {
        if (!feed_input(&L, "-")) unreadable++;
    }
    for (int i = 0; i < o->nfiles; i++)
        if (!feed_input(&L, o->files[i])) unreadable++;
    flush_batch(&L);
    free(L.r.jobs);
    if (L.progress && L.ndocs) fputc('\n', stderr);
    if (fflush(stdout) != 0 || ferror(stdout)) L.out_failed = true;
    if (L.out_failed) {
        cli_error("cannot write output: %s", strerror(errno ? errno : EIO));
        return EXIT_OUTPUT;
    }
    if (L.nfailed || unreadable) return EXIT_SOME_FAILED;
    return EXIT_OK;
}

/* MARK: - verb options */

const char *cli_rest_value(const cli_opts *o, const char *name) {
    for (int i = 0; i + 1 < o->nrest; i++)
        if (!strcmp(o->rest[i], name)) return o->rest[i + 1];
    return NULL;
}

bool cli_rest_flag(const cli_opts *o, const char *name) {
    for (int i = 0; i < o->nrest; i++)
        if (!strcmp(o->rest[i], name)) return true;
    return false;
}

static bool in_list(const char *s, const char *const *list) {
    for (; list && *list; list++)
        if (!strcmp(s, *list)) return true;
    return false;
}

bool cli_rest_check(const cli_opts *o, const char *const *known, const char *const *valued) {
    for (int i = 0; i < o->nrest; i++) {
        if (in_list(o->rest[i], valued)) { i++; continue; }
        if (!in_list(o->rest[i], known)) {
            cli_error("%s: unknown option '%s' (see dyad %s --help)", o->verb, o->rest[i], o->verb);
            return false;
        }
    }
    return true;
}
