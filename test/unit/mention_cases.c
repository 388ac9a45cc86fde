/* mention_cases.c — see mention_cases.h. */
#define _POSIX_C_SOURCE 200809L
#include "mention_cases.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

static void trim_nl(char *s) {
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = 0;
}

static void trim_tail(dy_buf *b) {
    while (b->n && (b->p[b->n - 1] == '\n' || b->p[b->n - 1] == ' ')) b->n--;
}

static int run_case(const char *path, const char *title, const char *date, dy_buf *in, dy_buf *exp,
                    const dyad_model *model, mc_run run, mc_format fmt) {
    dyad_ctx *ctx = dyad_ctx_new(model);
    dyad_doc *doc = NULL;
    dyad_error err = {0};
    dyad_doc_meta meta = {"t", date[0] ? date : NULL, NULL, NULL, NULL};
    dyad_status st = dyad_doc_read(ctx, DYAD_INPUT_TEXT, in->p ? in->p : "", in->n, &meta, &doc, &err);
    if (st == DYAD_OK) st = dyad_doc_process(ctx, doc, DYAD_STAGE_SEGMENT, &err);
    if (st == DYAD_OK) st = run(ctx, doc, &err);
    int bad = 0;
    dy_buf got;
    dy_buf_init(&got, NULL);
    if (st != DYAD_OK) {
        dy_buf_printf(&got, "error: %s", err.msg);
    } else {
        fmt(doc, &got);
    }
    trim_tail(&got);
    trim_tail(exp);
    if (got.n != exp->n || (got.n && memcmp(got.p, exp->p, got.n))) {
        fprintf(stderr, "  %s: case \"%s\"\n--- expected\n%.*s\n--- got\n%.*s\n", path, title,
                (int)exp->n, exp->p ? exp->p : "", (int)got.n, got.p ? got.p : "");
        bad = 1;
    }
    dy_buf_free(&got);
    dyad_ctx_free(ctx);
    return bad;
}

int mc_run_file(const char *path, const dyad_model *model, mc_run run, mc_format fmt, int *ncases) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "  cannot open %s\n", path);
        return 1;
    }
    char line[4096], date[32] = "", cdate[32] = "", title[256] = "";
    dy_buf in, exp;
    dy_buf_init(&in, NULL);
    dy_buf_init(&exp, NULL);
    int state = 0; /* 0 header, 1 input, 2 expected */
    int fails = 0;
    while (fgets(line, sizeof line, f)) {
        trim_nl(line);
        bool hdr = !strncmp(line, "### ", 4);
        if (state == 2 && (hdr || line[0] == '$')) {
            fails += run_case(path, title, cdate, &in, &exp, model, run, fmt);
            (*ncases)++;
            state = 0;
        }
        if (hdr) {
            snprintf(title, sizeof title, "%.200s", line + 4);
            snprintf(cdate, sizeof cdate, "%s", date);
            dy_buf_clear(&in);
            dy_buf_clear(&exp);
            state = 1;
            continue;
        }
        if (state == 0) {
            const char *d = line[0] == '$' ? strstr(line, "--date ") : NULL;
            if (line[0] == '$') date[0] = 0;
            if (d) sscanf(d + 7, "%31s", date);
            continue;
        }
        if (state == 1 && in.n == 0 && (line[0] == '$' || line[0] == '|' || line[0] == '?')) {
            const char *d = line[0] == '$' ? strstr(line, "--date ") : NULL;
            if (line[0] == '$') cdate[0] = 0;
            if (d) sscanf(d + 7, "%31s", cdate);
            continue;
        }
        if (state == 1 && !strcmp(line, ".")) {
            state = 2;
            continue;
        }
        dy_buf *b = state == 1 ? &in : &exp;
        if (state == 1 && !strcmp(line, "\\.")) dy_buf_puts(b, ".");
        else dy_buf_puts(b, line);
        dy_buf_putc(b, '\n');
    }
    if (state == 2) {
        fails += run_case(path, title, cdate, &in, &exp, model, run, fmt);
        (*ncases)++;
    }
    fclose(f);
    dy_buf_free(&in);
    dy_buf_free(&exp);
    return fails;
}

int mc_run_dir(const char *dir, const char *prefix, const dyad_model *model, mc_run run,
               mc_format fmt, int *ncases) {
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "  cannot open %s\n", dir);
        return 1;
    }
    int fails = 0;
    struct dirent *e;
    size_t pl = strlen(prefix);
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, pl) || n < 4 || strcmp(e->d_name + n - 4, ".txt")) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        fails += mc_run_file(path, model, run, fmt, ncases);
    }
    closedir(d);
    return fails;
}
