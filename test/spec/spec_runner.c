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
 */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
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

typedef struct counts {
    int passed, failed;
} counts;

static void finish_case(const char *bin, const char *file, int line, const char *title,
                        const char *cmd, const char *proj, int want_exit, sbuf *input,
                        sbuf *expect, counts *c) {
    sbuf raw = {0}, got = {0};
    int status = -1;
    if (!input->p) sb_puts(input, "");
    if (!expect->p) sb_puts(expect, "");
    if (run_case(bin, cmd, input->p, input->n, &raw, &status) != 0) {
        fprintf(stderr, "%s:%d: %s: cannot run\n", file, line, title);
        c->failed++;
        return;
    }
    if (proj && *proj) project(raw.p, proj, &got);
    else sb_put(&got, raw.p, raw.n);
    if (!got.p) sb_puts(&got, "");
    trim_trailing_blank(&got);
    trim_trailing_blank(expect);
    if (strcmp(got.p, expect->p) || status != want_exit) {
        fprintf(stderr, "FAIL %s:%d: %s\n  $ dyad %s\n--- expected (exit %d)\n%s\n--- got (exit %d)\n%s\n\n",
                file, line, title, cmd, want_exit, expect->p, status, got.p);
        c->failed++;
    } else {
        c->passed++;
    }
    free(raw.p);
    free(got.p);
}

static void run_file(const char *bin, const char *path, counts *c) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        c->failed++;
        return;
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
            if (in_case) finish_case(bin, path, case_line, title, cmd, proj, want_exit, &input, &expect, c);
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
    if (in_case) finish_case(bin, path, case_line, title, cmd, proj, want_exit, &input, &expect, c);
    free(line);
    free(input.p);
    free(expect.p);
    fclose(f);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: spec_runner DYAD_BIN FILE...\n");
        return 2;
    }
    counts c = {0, 0};
    for (int i = 2; i < argc; i++) run_file(argv[1], argv[i], &c);
    printf("spec: %d passed, %d failed\n", c.passed, c.failed);
    return c.failed ? 1 : 0;
}
