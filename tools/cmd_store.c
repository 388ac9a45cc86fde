/*
 * cmd_store.c — the store verbs: `dyad ingest` (code documents, or load
 * event JSONL with --events, into SQLite), `dyad query`, `dyad stats` and
 * `dyad network` (from event JSONL files, or from the store with --db).
 *
 * Ingest commits one transaction per batch of documents (--batch, default
 * 64), each document inside its own savepoint: a killed ingest keeps every
 * committed batch, and a rerun skips the stored documents by identity.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "emit/network.h"
#include "store/store.h"

/* MARK: - shared options */

static const char *const filter_valued[] = {"--source", "--target", "--actor", "--root", "--code",
                                            "--status", "--since", "--until", "--place", "--limit",
                                            "--offset", "--quad", "--by", "--batch", NULL};

static bool wants_help(const cli_opts *o, const char *help) {
    for (int i = 0; i < o->nrest; i++)
        if (!strcmp(o->rest[i], "--help") || !strcmp(o->rest[i], "-h")) {
            fputs(help, stdout);
            return true;
        }
    return false;
}

static bool parse_long(const char *s, long lo, long hi, long *out) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return false;
    *out = v;
    return true;
}

/* Filters from --source ... --quad; false after a message. */
static bool read_filter(const cli_opts *o, dy_filter *f) {
    memset(f, 0, sizeof *f);
    f->source = cli_rest_value(o, "--source");
    f->target = cli_rest_value(o, "--target");
    f->actor = cli_rest_value(o, "--actor");
    f->root = cli_rest_value(o, "--root");
    f->code = cli_rest_value(o, "--code");
    /* what the text says happened unless asked otherwise (--status all),
     * as /api/events, /api/timeline and the network */
    f->status = cli_rest_value(o, "--status");
    if (!f->status) f->status = DY_STATUS_FACTUAL_LIST;
    f->since = cli_rest_value(o, "--since");
    f->until = cli_rest_value(o, "--until");
    f->place = cli_rest_value(o, "--place");
    const char *v;
    long n;
    if ((v = cli_rest_value(o, "--limit"))) {
        if (!parse_long(v, 0, 1L << 40, &n)) { cli_error("--limit takes a number, not '%s'", v); return false; }
        f->limit = n;
    }
    if ((v = cli_rest_value(o, "--offset"))) {
        if (!parse_long(v, 0, 1L << 40, &n)) { cli_error("--offset takes a number, not '%s'", v); return false; }
        f->offset = n;
    }
    if ((v = cli_rest_value(o, "--quad"))) {
        if (!parse_long(v, 1, 4, &n)) { cli_error("--quad takes 1, 2, 3 or 4, not '%s'", v); return false; }
        f->quad = (int)n;
    }
    dyad_error err = {0};
    if (dy_filter_check(f, &err) != DYAD_OK) {
        cli_error("%s", err.msg);
        return false;
    }
    return true;
}

static dy_store *open_store(const cli_opts *o, bool readonly) {
    if (!o->db) {
        cli_error("%s: --db FILE is required", o->verb);
        return NULL;
    }
    dy_store *s = NULL;
    dyad_error err = {0};
    if (dy_store_open(o->db, readonly, &s, &err) != DYAD_OK) {
        cli_error("%s", err.msg);
        return NULL;
    }
    return s;
}

/* MARK: - ingest */

static const char ingest_help[] =
    "usage: dyad ingest --db FILE [--events] [--batch N] [options] [FILE...]\n"
    "Codes the documents (same inputs and options as `dyad code`) and stores\n"
    "documents, sentences, events and actors in the SQLite file (created and\n"
    "migrated as needed).  --events loads event JSON Lines (the output of\n"
    "`dyad code`) instead of coding.  A document already stored (same id, else\n"
    "same content) is skipped; the same event reported by several documents is\n"
    "stored once with a mention per report.  One transaction per --batch\n"
    "documents (default 64).  A summary goes to stderr.\n";

/* A document waiting to be coded (by -j worker threads) and stored (in
 * input order, by the main thread). */
typedef struct pend {
    char *bytes;            /* owned */
    size_t n;
    dyad_input in;
    char *id;               /* owned, or NULL */
    char where[600];
    dy_coded c;
    dyad_status st;
    dyad_error err;
} pend;

typedef struct ingest_run {
    const cli_opts *o;
    const dyad_model *m;
    pend *q;
    size_t nq, capq;
    atomic_size_t next;
    dy_store *s;
    long batch, in_batch;
    long docs, added_docs, same, conflicts, failed, mentions;
    bool in_tx;
    bool db_failed;
} ingest_run;

static bool ensure_tx(ingest_run *r) {
    if (r->in_tx) return true;
    dyad_error err = {0};
    if (dy_store_begin(r->s, &err) != DYAD_OK) {
        cli_error("%s", err.msg);
        r->db_failed = true;
        return false;
    }
    r->in_tx = true;
    return true;
}

static bool commit_tx(ingest_run *r) {
    if (!r->in_tx) return true;
    dyad_error err = {0};
    r->in_tx = false;
    r->in_batch = 0;
    if (dy_store_commit(r->s, &err) != DYAD_OK) {
        cli_error("%s", err.msg);
        dy_store_rollback(r->s);
        r->db_failed = true;
        return false;
    }
    return true;
}

/* Store one document; `where` names it in messages. */
static void put_doc(ingest_run *r, const dy_store_doc *d, const json_t *events, const json_t *sents,
                    const char *where) {
    if (r->db_failed || !ensure_tx(r)) return;
    dy_doc_state state = DY_DOC_NEW;
    size_t added = 0;
    dyad_error err = {0};
    r->docs++;
    dyad_status st = dy_store_put(r->s, d, events, sents, &state, &added, &err);
    if (st != DYAD_OK) {
        cli_error("%s: %s", where, err.msg);
        r->failed++;
        if (st == DYAD_EDB) r->db_failed = true;
    } else if (state == DY_DOC_SAME) {
        r->same++;
    } else if (state == DY_DOC_CONFLICT) {
        cli_error("%s: document id '%s' is stored with other content; kept the stored one", where,
                  d->id ? d->id : "");
        r->conflicts++;
    } else {
        r->added_docs++;
        r->mentions += (long)added;
    }
    if (++r->in_batch >= r->batch) commit_tx(r);
}

static FILE *open_input(const char *path) {
    if (!strcmp(path, "-")) return stdin;
    FILE *f = fopen(path, "rb");
    if (!f) cli_error("%s: %s", path, strerror(errno));
    return f;
}

/* --events: group the records of each file by doc_id (first-seen order),
 * then store each group as one document. */
static bool ingest_events_file(ingest_run *r, const char *path) {
    FILE *f = open_input(path);
    if (!f) return false;
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    json_t *groups = json_object();   /* doc_id -> [records] or null when bad */
    json_t *order = json_array();     /* doc_ids in first-seen order */
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t k;
    bool ok = true;
    while ((k = getline(&line, &cap, f)) != -1) {
        lineno++;
        size_t n = (size_t)k;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ')) n--;
        if (!n) continue;
        json_error_t je;
        json_t *rec = json_loadb(line, n, 0, &je);
        dyad_error err = {0};
        if (!rec) {
            cli_error("%s:%zu: not JSON: %s", name, lineno, je.text);
            r->failed++;
            continue;
        }
        if (dy_store_event_check(rec, &err) != DYAD_OK) {
            cli_error("%s:%zu: %s", name, lineno, err.msg);
            const char *did = json_string_value(json_object_get(rec, "doc_id"));
            if (did) {
                /* The document cannot be stored whole: drop it all. */
                if (!json_object_get(groups, did)) json_array_append_new(order, json_string(did));
                json_object_set_new(groups, did, json_null());
            } else {
                r->failed++;
            }
            json_decref(rec);
            continue;
        }
        const char *did = json_string_value(json_object_get(rec, "doc_id"));
        json_t *g = json_object_get(groups, did);
        if (!g) {
            g = json_array();
            json_object_set_new(groups, did, g);
            json_array_append_new(order, json_string(did));
        }
        if (json_is_array(g)) json_array_append(g, rec);
        json_decref(rec);
    }
    if (ferror(f)) {
        cli_error("%s: read error", name);
        ok = false;
    }
    free(line);
    if (f != stdin) fclose(f);

    size_t i;
    json_t *v;
    json_array_foreach(order, i, v) {
        const char *did = json_string_value(v);
        json_t *g = json_object_get(groups, did);
        char where[600];
        snprintf(where, sizeof where, "%s: document '%s'", name, did);
        if (!json_is_array(g)) {
            r->docs++;
            r->failed++;
            cli_error("%s: not stored (a record was bad)", where);
            continue;
        }
        /* Content identity: the records in id order, keys sorted. */
        json_t *sorted = json_object();
        size_t j;
        json_t *rec;
        json_array_foreach(g, j, rec) json_object_set(sorted, json_string_value(json_object_get(rec, "id")), rec);
        char *canon = json_dumps(sorted, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(sorted);
        if (!canon) { cli_error("out of memory"); ok = false; break; }
        dy_store_doc d = {0};
        char hash[64];
        dy_store_hash(canon, strlen(canon), hash, sizeof hash);
        free(canon);
        const json_t *first = json_array_get(g, 0);
        d.id = did;
        d.hash = hash;
        d.report_date = json_string_value(json_object_get(first, "report_date"));
        put_doc(r, &d, g, NULL, where);
        if (r->db_failed) break;
    }
    json_decref(groups);
    json_decref(order);
    return ok;
}

/* Coding: each JSON line, or each whole file, is one document. */
static void *code_worker(void *arg) {
    ingest_run *r = arg;
    dyad_ctx *ctx = dyad_ctx_new(r->m);
    for (;;) {
        size_t k = atomic_fetch_add(&r->next, 1);
        if (k >= r->nq) break;
        pend *p = &r->q[k];
        dyad_doc_meta meta = {p->id, r->o->date, NULL, NULL, NULL};
        if (!ctx) {
            p->st = dy_err(&p->err, DYAD_ENOMEM, "out of memory");
            continue;
        }
        p->st = dy_store_code_doc(ctx, p->in, p->bytes, p->n, &meta, &p->c, &p->err);
        free(p->bytes);
        p->bytes = NULL;
    }
    dyad_ctx_free(ctx);
    return NULL;
}

/* Code the queued documents on -j threads, then store them in order. */
static void flush_pending(ingest_run *r) {
    if (!r->nq) return;
    atomic_store(&r->next, 0);
    int nth = r->o->jobs < 1 ? 1 : r->o->jobs;
    if ((size_t)nth > r->nq) nth = (int)r->nq;
    pthread_t th[256];
    int started = 0;
    if (nth > 1)
        for (int t = 0; t < nth; t++) {
            if (pthread_create(&th[t], NULL, code_worker, r) != 0) break;
            started++;
        }
    if (!started) code_worker(r);
    for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
    for (size_t k = 0; k < r->nq; k++) {
        pend *p = &r->q[k];
        if (p->st != DYAD_OK) {
            cli_error("%s: %s", p->where, p->err.msg[0] ? p->err.msg : dyad_strerror(p->st));
            r->docs++;
            r->failed++;
        } else if (!r->db_failed) {
            dy_store_doc d = {p->c.id, p->c.hash, p->c.date, p->c.title, p->c.source, p->c.url};
            put_doc(r, &d, p->c.events, p->c.sentences, p->where);
        }
        dy_coded_free(&p->c);
        free(p->bytes);
        free(p->id);
    }
    r->nq = 0;
}

/* Queue a document (bytes: copied for JSON lines, taken for whole files). */
static bool enqueue(ingest_run *r, dyad_input in, char *bytes, size_t n, const char *id, const char *where) {
    if (r->nq == r->capq) flush_pending(r);
    pend *p = &r->q[r->nq];
    memset(p, 0, sizeof *p);
    if (in == DYAD_INPUT_JSONL) {
        p->bytes = malloc(n + 1);
        if (!p->bytes) { cli_error("out of memory"); return false; }
        memcpy(p->bytes, bytes, n);
        p->bytes[n] = 0;
    } else {
        p->bytes = bytes;
    }
    p->n = n;
    p->in = in;
    p->id = id ? strdup(id) : NULL;
    snprintf(p->where, sizeof p->where, "%s", where);
    r->nq++;
    return true;
}

static bool ingest_code_file(ingest_run *r, const cli_opts *o, const char *path) {
    FILE *f = open_input(path);
    if (!f) return false;
    bool is_stdin = f == stdin;
    const char *name = is_stdin ? "<stdin>" : path;
    dyad_input in = o->input;
    size_t pn = strlen(path);
    if (in == DYAD_INPUT_AUTO && !is_stdin) {
        if ((pn > 6 && !strcmp(path + pn - 6, ".jsonl")) || (pn > 7 && !strcmp(path + pn - 7, ".ndjson")))
            in = DYAD_INPUT_JSONL;
        else if ((pn > 5 && !strcmp(path + pn - 5, ".html")) || (pn > 4 && !strcmp(path + pn - 4, ".htm")))
            in = DYAD_INPUT_HTML;
        else if (pn > 4 && !strcmp(path + pn - 4, ".txt"))
            in = DYAD_INPUT_TEXT;
    }
    if (in == DYAD_INPUT_AUTO) {
        int c;
        while ((c = getc(f)) != EOF && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {}
        if (c != EOF) ungetc(c, f);
        if (c == '{') in = DYAD_INPUT_JSONL;
    }
    char idbuf[512];
    dyad_doc_meta meta = {o->id, o->date, NULL, NULL, NULL};
    if (!meta.id && in != DYAD_INPUT_JSONL) {
        const char *base = strrchr(name, '/');
        snprintf(idbuf, sizeof idbuf, "%s", is_stdin ? "stdin" : base ? base + 1 : name);
        meta.id = idbuf;
    }
    bool ok = true;
    char *buf = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t k;
    for (;;) {
        size_t n = 0;
        char where[600];
        if (in == DYAD_INPUT_JSONL) {
            if ((k = getline(&buf, &cap, f)) == -1) break;
            lineno++;
            n = (size_t)k;
            while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) n--;
            size_t s = 0;
            while (s < n && (buf[s] == ' ' || buf[s] == '\t')) s++;
            if (s == n) continue;
            snprintf(where, sizeof where, "%s:%zu", name, lineno);
        } else {
            /* The whole file is one document. */
            size_t len = 0;
            cap = 1 << 16;
            buf = malloc(cap);
            while (buf) {
                if (len == cap) {
                    char *q = realloc(buf, cap * 2);
                    if (!q) { free(buf); buf = NULL; break; }
                    buf = q;
                    cap *= 2;
                }
                size_t got = fread(buf + len, 1, cap - len, f);
                len += got;
                if (!got) break;
            }
            if (!buf) { cli_error("out of memory"); ok = false; break; }
            n = len;
            snprintf(where, sizeof where, "%s", name);
        }
        if (!enqueue(r, in, buf, n, meta.id, where)) { ok = false; break; }
        if (in != DYAD_INPUT_JSONL) buf = NULL; /* handed over */
        if (in != DYAD_INPUT_JSONL || r->db_failed) break;
    }
    if (ferror(f)) { cli_error("%s: read error", name); ok = false; }
    free(buf);
    if (!is_stdin) fclose(f);
    return ok;
}

int cmd_ingest(cli_opts *o) {
    if (wants_help(o, ingest_help)) return EXIT_OK;
    static const char *const known[] = {"--events", NULL};
    static const char *const valued[] = {"--batch", NULL};
    if (!cli_parse(o->nrest, o->rest, o, valued) || !cli_rest_check(o, known, valued)) return EXIT_USAGE;
    ingest_run r = {0};
    r.batch = 64;
    const char *b = cli_rest_value(o, "--batch");
    if (b && !parse_long(b, 1, 1000000, &r.batch)) {
        cli_error("--batch takes a number from 1 to 1000000, not '%s'", b);
        return EXIT_USAGE;
    }
    bool events = cli_rest_flag(o, "--events");
    if (!o->db) { cli_error("ingest: --db FILE is required"); return EXIT_USAGE; }
    dyad_model *m = NULL;
    if (!events) {
        m = cli_load_model(o, DYAD_LOAD_ALL);
        if (!m) return EXIT_MODEL;
    }
    r.o = o;
    r.m = m;
    r.capq = (size_t)(o->jobs > 0 ? o->jobs : 1) * 16;
    r.q = calloc(r.capq, sizeof *r.q);
    if (!r.q) { dyad_model_free(m); cli_error("out of memory"); return EXIT_SOME_FAILED; }
    r.s = open_store(o, false);
    if (!r.s) { free(r.q); dyad_model_free(m); return EXIT_OUTPUT; }
    size_t unreadable = 0;
    int nin = o->nfiles ? o->nfiles : 1;
    for (int i = 0; i < nin && !r.db_failed; i++) {
        const char *path = o->nfiles ? o->files[i] : "-";
        bool ok = events ? ingest_events_file(&r, path) : ingest_code_file(&r, o, path);
        if (!ok) unreadable++;
    }
    flush_pending(&r);
    free(r.q);
    commit_tx(&r);
    dy_store_counts c = {0};
    dyad_error err = {0};
    dy_store_counts_get(r.s, &c, &err);
    dy_store_close(r.s);
    dyad_model_free(m);
    if (!o->quiet)
        fprintf(stderr,
                "dyad: ingest: %ld documents read: %ld stored, %ld already stored, %ld conflicting, "
                "%ld failed; %ld event reports added; store: %ld documents, %ld events, %ld mentions, "
                "%ld actors\n",
                r.docs, r.added_docs, r.same, r.conflicts, r.failed, r.mentions, c.documents, c.events,
                c.mentions, c.actors);
    if (r.db_failed) return EXIT_OUTPUT;
    return (r.failed || unreadable) ? EXIT_SOME_FAILED : EXIT_OK;
}

/* MARK: - query */

static const char query_help[] =
    "usage: dyad query --db FILE [filters] [--format jsonl|csv]\n"
    "Prints the stored events, newest first, as event records (JSON Lines)\n"
    "with \"mentions\" (reports of the event) and \"sources\" (document ids).\n"
    "filters:\n"
    "  --source CODE --target CODE   actor code prefix (RUS matches RUSGOV)\n"
    "  --actor NAME                  actor name or words, either side\n"
    "  --root RR --code C            CAMEO root (exact) / event code (prefix)\n"
    "  --quad 1-4                    quad class\n"
    "  --status S[,S...]|all         a report with status asserted|reported|alleged|\n"
    "                                denied|negated|hypothetical (any: all; default\n"
    "                                asserted,reported,alleged: what the text says\n"
    "                                happened); mentions and sources then count\n"
    "                                the reports with those statuses\n"
    "  --since DATE --until DATE     YYYY[-MM[-DD]], on the event date\n"
    "  --place CC                    location country code\n"
    "  --limit N --offset N\n";

static const char *const query_known[] = {"--help", NULL};
static const char *const stats_known[] = {"--totals", NULL};

static void csv_field(FILE *f, const char *s) {
    if (!s) return;
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

typedef struct query_out {
    bool csv;
    long n;
} query_out;

static const char *sub(const json_t *rec, const char *obj, const char *k) {
    return json_string_value(json_object_get(json_object_get(rec, obj), k));
}

static int print_event(json_t *rec, void *ud) {
    query_out *q = ud;
    q->n++;
    if (!q->csv) {
        if (json_dumpf(rec, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) != 0) return 1;
        putchar('\n');
        return ferror(stdout) ? 1 : 0;
    }
    const char *cols[] = {json_string_value(json_object_get(rec, "id")),
                          json_string_value(json_object_get(rec, "doc_id")),
                          json_string_value(json_object_get(rec, "date")),
                          sub(rec, "source", "code"),
                          sub(rec, "source", "name"),
                          sub(rec, "target", "code"),
                          sub(rec, "target", "name"),
                          json_string_value(json_object_get(rec, "code")),
                          json_string_value(json_object_get(rec, "root_code"))};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        if (i) putchar(',');
        csv_field(stdout, cols[i]);
    }
    json_t *qc = json_object_get(rec, "quad_class"), *g = json_object_get(rec, "goldstein");
    putchar(',');
    if (json_is_integer(qc)) printf("%lld", (long long)json_integer_value(qc));
    putchar(',');
    if (json_is_number(g)) printf("%.1f", json_number_value(g));
    putchar(',');
    csv_field(stdout, json_string_value(json_object_get(rec, "status")));
    printf(",%lld,", (long long)json_integer_value(json_object_get(rec, "mentions")));
    json_t *srcs = json_object_get(rec, "sources");
    size_t i;
    json_t *v;
    char joined[2048] = "";
    size_t jn = 0;
    json_array_foreach(srcs, i, v) {
        int w = snprintf(joined + jn, sizeof joined - jn, "%s%s", i ? ";" : "", json_string_value(v) ? json_string_value(v) : "");
        if (w < 0 || (size_t)w >= sizeof joined - jn) break;
        jn += (size_t)w;
    }
    csv_field(stdout, joined);
    putchar(',');
    csv_field(stdout, sub(rec, "location", "country"));
    putchar(',');
    csv_field(stdout, json_string_value(json_object_get(rec, "sentence")));
    putchar('\n');
    return ferror(stdout) ? 1 : 0;
}

int cmd_query(cli_opts *o) {
    if (wants_help(o, query_help)) return EXIT_OK;
    if (!cli_parse(o->nrest, o->rest, o, filter_valued) || !cli_rest_check(o, query_known, filter_valued))
        return EXIT_USAGE;
    query_out q = {0};
    if (o->format && !strcmp(o->format, "csv")) q.csv = true;
    else if (o->format && strcmp(o->format, "jsonl") && strcmp(o->format, "json")) {
        cli_error("query: --format takes jsonl or csv, not '%s'", o->format);
        return EXIT_USAGE;
    }
    dy_filter f;
    if (!read_filter(o, &f)) return EXIT_USAGE;
    if (!o->db) { cli_error("%s: --db FILE is required", o->verb); return EXIT_USAGE; }
    dy_store *s = open_store(o, true);
    if (!s) return EXIT_SOME_FAILED;
    if (q.csv)
        puts("id,doc_id,date,source,source_name,target,target_name,code,root_code,quad_class,goldstein,"
             "status,mentions,sources,place,sentence");
    dyad_error err = {0};
    dyad_status st = dy_store_query(s, &f, print_event, &q, &err);
    dy_store_close(s);
    if (st != DYAD_OK) { cli_error("%s", err.msg); return EXIT_SOME_FAILED; }
    if (fflush(stdout) != 0 || ferror(stdout)) { cli_error("cannot write output"); return EXIT_OUTPUT; }
    return EXIT_OK;
}

/* MARK: - stats */

static const char stats_help[] =
    "usage: dyad stats --db FILE [--by year|month|week|day] [filters]\n"
    "Prints CSV: period, source, target, events, mentions, events per quad class\n"
    "(verbal/material cooperation, verbal/material conflict) and summed\n"
    "Goldstein, per dyad and period (default month).  Filters as `dyad query`.\n"
    "--totals prints the store's row counts instead (documents, sentences,\n"
    "events, mentions, actors).\n";

static int print_stats(const dy_stats_row *r, void *ud) {
    (void)ud;
    csv_field(stdout, r->period);
    putchar(',');
    csv_field(stdout, r->source);
    putchar(',');
    csv_field(stdout, r->target);
    printf(",%ld,%ld,%ld,%ld,%ld,%ld,%.1f\n", r->events, r->mentions, r->quad[0], r->quad[1], r->quad[2],
           r->quad[3], r->goldstein);
    return ferror(stdout) ? 1 : 0;
}

int cmd_stats(cli_opts *o) {
    if (wants_help(o, stats_help)) return EXIT_OK;
    if (!cli_parse(o->nrest, o->rest, o, filter_valued) || !cli_rest_check(o, stats_known, filter_valued))
        return EXIT_USAGE;
    dy_filter f;
    if (!read_filter(o, &f)) return EXIT_USAGE;
    if (!o->db) { cli_error("%s: --db FILE is required", o->verb); return EXIT_USAGE; }
    if (cli_rest_flag(o, "--totals")) {
        dy_store *s = open_store(o, true);
        if (!s) return EXIT_SOME_FAILED;
        dy_store_counts c = {0};
        dyad_error err = {0};
        dyad_status st = dy_store_counts_get(s, &c, &err);
        dy_store_close(s);
        if (st != DYAD_OK) { cli_error("%s", err.msg); return EXIT_SOME_FAILED; }
        printf("documents,sentences,events,mentions,actors\n%ld,%ld,%ld,%ld,%ld\n", c.documents, c.sentences,
               c.events, c.mentions, c.actors);
        return EXIT_OK;
    }
    const char *by = cli_rest_value(o, "--by");
    if (!by) by = "month";
    if (strcmp(by, "year") && strcmp(by, "month") && strcmp(by, "week") && strcmp(by, "day")) {
        cli_error("stats: --by takes year, month, week or day, not '%s'", by);
        return EXIT_USAGE;
    }
    dy_store *s = open_store(o, true);
    if (!s) return EXIT_SOME_FAILED;
    puts("period,source,target,events,mentions,verbal_cooperation,material_cooperation,"
         "verbal_conflict,material_conflict,goldstein");
    dyad_error err = {0};
    dyad_status st = dy_store_stats(s, &f, by, print_stats, NULL, &err);
    dy_store_close(s);
    if (st != DYAD_OK) { cli_error("%s", err.msg); return EXIT_SOME_FAILED; }
    if (fflush(stdout) != 0 || ferror(stdout)) { cli_error("cannot write output"); return EXIT_OUTPUT; }
    return EXIT_OK;
}

/* MARK: - network */

static const char network_help[] =
    "usage: dyad network [--status LIST|all] [--format graphml|dot|json] [FILE...]\n"
    "       dyad network --db FILE [filters] [--format graphml|dot|json]\n"
    "The actor network: nodes are actor codes, edges directed dyads with event\n"
    "counts per quad class, mentions and summed Goldstein.  From event JSON\n"
    "Lines (files or stdin; every record counts once, a repeated record id is\n"
    "not counted again), or from the store with\n"
    "the filters of `dyad query` (de-duplicated events).  Default json.\n"
    "  --status LIST|all  the statuses counted, comma-separated (default\n"
    "                     asserted,reported,alleged: what the text says\n"
    "                     happened; denied, negated and hypothetical events\n"
    "                     are left out).  From the store, an event counts when\n"
    "                     one of its reports has such a status, and mentions\n"
    "                     are those reports.\n";

static int write_net(const dy_net *n, const char *format) {
    dy_buf b;
    dy_buf_init(&b, dyad_default_allocator());
    dyad_error err = {0};
    dyad_status st = dy_net_write(n, format, &b, &err);
    if (st != DYAD_OK) {
        dy_buf_free(&b);
        cli_error("network: %s", err.msg);
        return st == DYAD_EINVAL ? EXIT_USAGE : EXIT_OUTPUT;
    }
    bool ok = fwrite(b.p, 1, b.n, stdout) == b.n && fflush(stdout) == 0;
    dy_buf_free(&b);
    if (!ok) { cli_error("cannot write output"); return EXIT_OUTPUT; }
    return EXIT_OK;
}

static bool net_format_ok(const char *f) {
    if (!f || !strcmp(f, "graphml") || !strcmp(f, "dot") || !strcmp(f, "json")) return true;
    cli_error("network: --format takes graphml, dot or json, not '%s'", f);
    return false;
}

static void net_status_error(const char *v) {
    cli_error("network: --status takes 'all' or a comma-separated list of asserted, reported, alleged, "
              "denied, negated, hypothetical, not '%s'", v);
}

static int add_dyad(const dy_dyad_row *r, void *ud) {
    dy_net_actor a = {r->source, r->source_name, r->source_country, r->source_role};
    dy_net_actor b = {r->target, r->target_name, r->target_country, r->target_role};
    return dy_net_add(ud, &a, &b, r->events, r->mentions, r->quad, r->goldstein) ? 0 : 1;
}

int cmd_network_db(cli_opts *o) {
    if (!o->db) { cli_error("network: --db FILE is required"); return EXIT_USAGE; }
    if (o->nfiles) { cli_error("network: give either --db or event files, not both"); return EXIT_USAGE; }
    if (!net_format_ok(o->format)) return EXIT_USAGE;
    dy_filter f;
    if (!read_filter(o, &f)) return EXIT_USAGE;
    if (!o->db) { cli_error("%s: --db FILE is required", o->verb); return EXIT_USAGE; }
    unsigned set;
    if (!dy_status_set(f.status, &set)) { net_status_error(f.status); return EXIT_USAGE; }
    dy_store *s = open_store(o, true);
    if (!s) return EXIT_SOME_FAILED;
    dy_net *n = dy_net_new();
    dyad_error err = {0};
    dyad_status st = n ? dy_store_dyads(s, &f, add_dyad, n, &err) : dy_err(&err, DYAD_ENOMEM, "out of memory");
    dy_store_close(s);
    int rc = EXIT_SOME_FAILED;
    if (st != DYAD_OK) cli_error("network: %s", err.msg);
    else rc = write_net(n, o->format);
    dy_net_free(n);
    return rc;
}

int cmd_network(cli_opts *o) {
    if (wants_help(o, network_help)) return EXIT_OK;
    if (!cli_parse(o->nrest, o->rest, o, filter_valued) || !cli_rest_check(o, query_known, filter_valued))
        return EXIT_USAGE;
    if (o->db) return cmd_network_db(o);
    for (int i = 0; i < o->nrest; i++)
        if (o->rest[i][0] == '-' && strcmp(o->rest[i], "--status")) {
            cli_error("network: %s needs --db (event files are not filtered)", o->rest[i]);
            return EXIT_USAGE;
        }
    if (!net_format_ok(o->format)) return EXIT_USAGE;
    const char *sv = cli_rest_value(o, "--status");
    unsigned set = DY_STATUS_FACTUAL;
    if (sv && !dy_status_set(sv, &set)) { net_status_error(sv); return EXIT_USAGE; }
    dy_net *n = dy_net_new();
    if (!n) { cli_error("out of memory"); return EXIT_SOME_FAILED; }
    dy_net_set_statuses(n, set);
    size_t failed = 0;
    int nin = o->nfiles ? o->nfiles : 1;
    for (int i = 0; i < nin; i++) {
        const char *path = o->nfiles ? o->files[i] : "-";
        FILE *f = open_input(path);
        if (!f) { failed++; continue; }
        const char *name = f == stdin ? "<stdin>" : path;
        char *line = NULL;
        size_t cap = 0, lineno = 0;
        ssize_t k;
        while ((k = getline(&line, &cap, f)) != -1) {
            lineno++;
            size_t len = (size_t)k;
            while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' ')) len--;
            if (!len) continue;
            json_error_t je;
            json_t *rec = json_loadb(line, len, 0, &je);
            dyad_error err = {0};
            if (!rec) {
                cli_error("%s:%zu: not JSON: %s", name, lineno, je.text);
                failed++;
                continue;
            }
            if (dy_net_add_record(n, rec, &err) != DYAD_OK) {
                cli_error("%s:%zu: %s", name, lineno, err.msg);
                failed++;
            }
            json_decref(rec);
        }
        free(line);
        if (f != stdin) fclose(f);
    }
    int rc = write_net(n, o->format);
    dy_net_free(n);
    if (rc == EXIT_OK && failed) rc = EXIT_SOME_FAILED;
    return rc;
}
