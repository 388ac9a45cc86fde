/*
 * spec_runner.c — runs spec files (test/spec/NAME.txt) against the dyad binary.
 *
 * A spec file is a list of cases:
 *
 *     $ sentences --date 2020-03-01     default command for the cases below
 *     | text                            default projection (optional)
 *     ### title of the case
 *     $ ...                             (optional) this case's own command
 *     | ...                             (optional) this case's projection
 *     ? 1                               (optional) expected exit code
 *     input lines
 *     .
 *     expected output lines
 *
 * The input is fed to `dyad <command>` on standard input.  With a projection
 * (comma-separated dotted JSON paths, e.g. `source.code,code,target.code`),
 * each JSON output line becomes its values joined by tabs (null → "null");
 * without one, output is compared as text.  Trailing blank lines are ignored.
 * A line "\." in the input stands for a literal ".".
 * Usage: spec_runner DYAD_BIN FILE...   Ends with "spec: N passed, N failed".
 * The cases run DYAD_SPEC_JOBS at a time (default: the number of online
 * CPUs); failures are reported in file order.
 */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n) {
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1) cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p) abort();
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}
static void sb_puts(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

static void trim_trailing_blank(sbuf *b) {
    while (b->n && (b->p[b->n - 1] == '\n' || b->p[b->n - 1] == ' ')) b->p[--b->n] = 0;
}

static void put_value(sbuf *out, json_t *v) {
    if (!v || json_is_null(v)) sb_puts(out, "null");
    else if (json_is_string(v)) sb_put(out, json_string_value(v), json_string_length(v));
    else if (json_is_integer(v)) {
        char t[32];
        snprintf(t, sizeof t, "%lld", (long long)json_integer_value(v));
        sb_puts(out, t);
    } else if (json_is_real(v)) {
        char t[32];
        snprintf(t, sizeof t, "%g", json_real_value(v));
        sb_puts(out, t);
    } else if (json_is_true(v)) sb_puts(out, "true");
    else if (json_is_false(v)) sb_puts(out, "false");
    else {
        char *s = json_dumps(v, JSON_COMPACT);
        sb_puts(out, s ? s : "?");
        free(s);
    }
}

/* Project JSON lines of `in` onto the comma-separated paths of `proj`. */
static void project(const char *in, const char *proj, sbuf *out) {
    const char *line = in;
    while (*line) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        json_error_t e;
        json_t *j = json_loadb(line, n, 0, &e);
        if (!j) {
            sb_puts(out, "!not json: ");
            sb_put(out, line, n);
        } else {
            char paths[1024];
            snprintf(paths, sizeof paths, "%s", proj);
            int first = 1;
            for (char *save, *tok = strtok_r(paths, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
                while (*tok == ' ') tok++;
                char *end = tok + strlen(tok);
                while (end > tok && end[-1] == ' ') *--end = 0;
                json_t *v = j;
                char seg[256];
                snprintf(seg, sizeof seg, "%s", tok);
                for (char *s2, *k = strtok_r(seg, ".", &s2); k && v; k = strtok_r(NULL, ".", &s2))
                    v = json_is_object(v) ? json_object_get(v, k) : NULL;
                if (!first) sb_puts(out, "\t");
                first = 0;
                put_value(out, v);
            }
            json_decref(j);
        }
        sb_puts(out, "\n");
        line += n;
        if (*line == '\n') line++;
    }
}

static int run_case(const char *bin, const char *cmd, const char *input, size_t ninput,
                    sbuf *out, int *status) {
    char tmpl[] = "/tmp/dyad-spec-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) return -1;
    if (write(fd, input, ninput) != (ssize_t)ninput) { close(fd); unlink(tmpl); return -1; }
    close(fd);
    sbuf c = {0};
    sb_puts(&c, bin);
    sb_puts(&c, " ");
    sb_puts(&c, cmd);
    sb_puts(&c, " < ");
    sb_puts(&c, tmpl);
    sb_puts(&c, " 2>/dev/null");
    FILE *f = popen(c.p, "r");
    free(c.p);
    if (!f) { unlink(tmpl); return -1; }
    char tmp[4096];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) sb_put(out, tmp, k);
    int st = pclose(f);
    unlink(tmpl);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
    if (!out->p) sb_puts(out, "");
    return 0;
}

/* One parsed case; `report` is filled by the worker that runs it. */
typedef struct spec_case {
    const char *bin, *file;
    int line, want_exit, failed;
    char *title, *cmd, *proj;
    sbuf input, expect, report;
} spec_case;

typedef struct case_list {
    spec_case *v;
    size_t n, cap;
    atomic_size_t next;
} case_list;

static char *dupstr(const char *s) {
    char *d = strdup(s);
    if (!d) abort();
    return d;
}

static void sb_copy(sbuf *dst, const sbuf *src) {
    *dst = (sbuf){0};
    sb_put(dst, src->p ? src->p : "", src->n);
}

static void add_case(case_list *l, const char *bin, const char *file, int line, const char *title,
                     const char *cmd, const char *proj, int want_exit, const sbuf *input,
                     const sbuf *expect) {
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v) abort();
    }
    spec_case *k = &l->v[l->n++];
    *k = (spec_case){.bin = bin, .file = file, .line = line, .want_exit = want_exit,
                     .title = dupstr(title), .cmd = dupstr(cmd), .proj = dupstr(proj)};
    sb_copy(&k->input, input);
    sb_copy(&k->expect, expect);
}

static void run_one(spec_case *k) {
    sbuf raw = {0}, got = {0};
    int status = -1;
    if (run_case(k->bin, k->cmd, k->input.p, k->input.n, &raw, &status) != 0) {
        sb_puts(&k->report, k->file);
        sb_puts(&k->report, ": cannot run: ");
        sb_puts(&k->report, k->title);
        sb_puts(&k->report, "\n");
        k->failed = 1;
        return;
    }
    if (*k->proj) project(raw.p, k->proj, &got);
    else sb_put(&got, raw.p, raw.n);
    if (!got.p) sb_puts(&got, "");
    trim_trailing_blank(&got);
    trim_trailing_blank(&k->expect);
    if (strcmp(got.p, k->expect.p) || status != k->want_exit) {
        char head[64];
        snprintf(head, sizeof head, ":%d: ", k->line);
        sb_puts(&k->report, "FAIL ");
        sb_puts(&k->report, k->file);
        sb_puts(&k->report, head);
        sb_puts(&k->report, k->title);
        sb_puts(&k->report, "\n  $ dyad ");
        sb_puts(&k->report, k->cmd);
        snprintf(head, sizeof head, "\n--- expected (exit %d)\n", k->want_exit);
        sb_puts(&k->report, head);
        sb_puts(&k->report, k->expect.p);
        snprintf(head, sizeof head, "\n--- got (exit %d)\n", status);
        sb_puts(&k->report, head);
        sb_puts(&k->report, got.p);
        sb_puts(&k->report, "\n\n");
        k->failed = 1;
    }
    free(raw.p);
    free(got.p);
}

static void *worker(void *arg) {
    case_list *l = arg;
    for (size_t i; (i = atomic_fetch_add(&l->next, 1)) < l->n;) run_one(&l->v[i]);
    return NULL;
}

static int run_file(const char *bin, const char *path, case_list *l) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        return -1;
    }
    char defcmd[1024] = "", defproj[1024] = "";
    char cmd[1024] = "", proj[1024] = "", title[512] = "";
    int want_exit = 0, in_case = 0, in_expect = 0, header = 0, case_line = 0, lineno = 0;
    sbuf input = {0}, expect = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t k;
    while ((k = getline(&line, &cap, f)) != -1) {
        lineno++;
        if (k && line[k - 1] == '\n') line[--k] = 0;
        if (!strncmp(line, "### ", 4)) {
            if (in_case) add_case(l, bin, path, case_line, title, cmd, proj, want_exit, &input, &expect);
            in_case = 1;
            in_expect = 0;
            header = 1;
            case_line = lineno;
            snprintf(title, sizeof title, "%s", line + 4);
            snprintf(cmd, sizeof cmd, "%s", defcmd);
            snprintf(proj, sizeof proj, "%s", defproj);
            want_exit = 0;
            input.n = expect.n = 0;
            if (input.p) input.p[0] = 0;
            if (expect.p) expect.p[0] = 0;
            continue;
        }
        if (!in_case) {
            if (!strncmp(line, "$ ", 2)) snprintf(defcmd, sizeof defcmd, "%s", line + 2);
            else if (!strncmp(line, "| ", 2)) snprintf(defproj, sizeof defproj, "%s", line + 2);
            continue;
        }
        if (header) {
            if (!strncmp(line, "$ ", 2)) { snprintf(cmd, sizeof cmd, "%s", line + 2); continue; }
            if (!strncmp(line, "| ", 2)) { snprintf(proj, sizeof proj, "%s", line + 2); continue; }
            if (!strcmp(line, "|")) { proj[0] = 0; continue; }
            if (!strncmp(line, "? ", 2)) { want_exit = atoi(line + 2); continue; }
            header = 0;
        }
        if (!in_expect && !strcmp(line, ".")) { in_expect = 1; continue; }
        sbuf *b = in_expect ? &expect : &input;
        sb_puts(b, (!in_expect && !strcmp(line, "\\.")) ? "." : line);
        sb_puts(b, "\n");
    }
    if (in_case) add_case(l, bin, path, case_line, title, cmd, proj, want_exit, &input, &expect);
    free(line);
    free(input.p);
    free(expect.p);
    fclose(f);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: spec_runner DYAD_BIN FILE...\n");
        return 2;
    }
    case_list l = {0};
    int failed = 0, passed = 0;
    for (int i = 2; i < argc; i++)
        if (run_file(argv[1], argv[i], &l) != 0) failed++;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    const char *e = getenv("DYAD_SPEC_JOBS");
    if (e && *e) jobs = atol(e);
    if (jobs < 1) jobs = 1;
    if (jobs > 64) jobs = 64;
    json_object_seed(0); /* before the workers parse JSON */
    pthread_t t[64];
    long started = 0;
    for (; started < jobs - 1; started++)
        if (pthread_create(&t[started], NULL, worker, &l) != 0) break;
    worker(&l);
    for (long i = 0; i < started; i++) pthread_join(t[i], NULL);
    for (size_t i = 0; i < l.n; i++) {
        spec_case *k = &l.v[i];
        if (k->failed) {
            fputs(k->report.p, stderr);
            failed++;
        } else {
            passed++;
        }
        free(k->title);
        free(k->cmd);
        free(k->proj);
        free(k->input.p);
        free(k->expect.p);
        free(k->report.p);
    }
    free(l.v);
    printf("spec: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
