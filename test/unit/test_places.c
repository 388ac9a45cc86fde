/* test_places.c — gazetteer loading (speed, corruption) and the place spec
 * files (test/spec/mentions/places_*.txt) run through dy_places_find. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "mention/mention.h"
#include "mention_cases.h"

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: immune to a busy machine */
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static dyad_model *places_model(void) {
    dyad_model_options o = dyad_model_options_default();
    o.load = DYAD_LOAD_CLEAN | DYAD_LOAD_PLACES;
    dyad_model *m = NULL;
    dyad_error err = {0};
    if (dyad_model_load(&o, &m, &err) != DYAD_OK) fprintf(stderr, "  load: %s\n", err.msg);
    return m;
}

TEST(places_gazetteer_loads_fast) {
    double t0 = now_ms();
    dyad_model *m = places_model();
    double t = now_ms() - t0;
    CHECK(m != NULL);
    CHECK(m && m->gaz);
    if (getenv("DYAD_VERBOSE")) fprintf(stderr, "  gazetteer load: %.1f ms\n", t);
    CHECK(t < 1500); /* ~25 ms release; generous for sanitizer and valgrind builds */
    dyad_model_free(m);
}

static void write_file(const char *path, const char *s) {
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(s, f);
        fclose(f);
    }
}

static dyad_status load_dir(const char *dir, dyad_error *err) {
    dy_gazetteer *g = NULL;
    dyad_status st = dy_gazetteer_load(dyad_default_allocator(), dir, &g, err);
    dy_gazetteer_free(dyad_default_allocator(), g);
    return st;
}

TEST(places_gazetteer_rejects_corruption) {
    char dir[] = "/tmp/dyad-gaz-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char sub[128], gz[160], al[160];
    snprintf(sub, sizeof sub, "%s/places", dir);
    mkdir(sub, 0700);
    snprintf(gz, sizeof gz, "%s/gazetteer.tsv", sub);
    snprintf(al, sizeof al, "%s/aliases.txt", sub);
    const char *good = "#dyad-gazetteer\t1\n# c\n"
                       "C\tSyria\tSYR\t\t35.0\t38.0\t0\tcountry\tSyrian Arab Republic\n"
                       "D\tSyrian\tSYR\n"
                       "P\tHoms\tSYR\tHoms\t34.7\t36.7\t775404\tPPLA\t\n";
    dyad_error err = {0};
    write_file(gz, good);
    write_file(al, "alias\tHims\tHoms\tSYR\nstop\tPolice\nplace\tGhouta\tSYR\tRif Dimashq\t33.5\t36.4\t100000\tregion\n");
    CHECK_EQ_INT(load_dir(dir, &err), DYAD_OK);
    write_file(gz, "dyad gazetteer 2\n");
    CHECK_EQ_INT(load_dir(dir, &err), DYAD_EMODEL);
    CHECK(strstr(err.msg, "gazetteer.tsv:1:") != NULL);
    write_file(gz, "#dyad-gazetteer\t1\nP\tHoms\tSYR\tHoms\t134.7\t36.7\t775404\tPPLA\t\n");
    CHECK_EQ_INT(load_dir(dir, &err), DYAD_EMODEL);
    CHECK(strstr(err.msg, "gazetteer.tsv:2:") != NULL);
    write_file(gz, "#dyad-gazetteer\t1\n\nP\tHoms\tSYR\n");
    CHECK_EQ_INT(load_dir(dir, &err), DYAD_EMODEL);
    CHECK(strstr(err.msg, "gazetteer.tsv:3:") != NULL);
    write_file(gz, "#dyad-gazetteer\t1\nP\tHoms\tsy\tHoms\t34.7\t36.7\t775404\tPPLA\t\n");
    CHECK_EQ_INT(load_dir(dir, &err), DYAD_EMODEL);
    write_file(gz, good);
    write_file(al, "# x\nalias\tNowhere\tAtlantis\tSYR\n");
    CHECK_EQ_INT(load_dir(dir, &err), DYAD_EMODEL);
    CHECK(strstr(err.msg, "aliases.txt:2:") != NULL);
    write_file(al, "city\tHoms\n");
    CHECK_EQ_INT(load_dir(dir, &err), DYAD_EMODEL);
    CHECK(strstr(err.msg, "aliases.txt:1:") != NULL);
    unlink(al);
    CHECK_EQ_INT(load_dir(dir, &err), DYAD_EMODEL);
    unlink(gz);
    CHECK_EQ_INT(load_dir(dir, &err), DYAD_EMODEL);
    rmdir(sub);
    rmdir(dir);
}

static dyad_status run_places(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    dyad_status st = dy_times_find(ctx, doc, err);
    if (st == DYAD_OK) st = dy_places_find(ctx, doc, err);
    return st;
}

static void fmt_places(const dyad_doc *doc, dy_buf *out) {
    for (size_t i = 0; i < doc->nment; i++) {
        const dy_mention *m = &doc->ments[i];
        if (m->kind != DY_MENTION_PLACE) continue;
        dy_buf_putstr(out, m->text);
        dy_buf_putc(out, '\t');
        dy_buf_putstr(out, m->pname);
        dy_buf_putc(out, '\t');
        dy_buf_putstr(out, m->pcountry);
        dy_buf_putc(out, '\t');
        if (m->padmin1.p) dy_buf_putstr(out, m->padmin1);
        else dy_buf_puts(out, "null");
        dy_buf_putc(out, '\n');
    }
}

TEST(places_spec_files) {
    dyad_model *m = places_model();
    CHECK(m != NULL);
    if (!m) return;
    int n = 0;
    int bad = mc_run_dir(DYAD_SOURCE_DIR "/test/spec/mentions", "places_", m, run_places, fmt_places, &n);
    if (bad) fprintf(stderr, "  places spec: %d of %d cases failed\n", bad, n);
    CHECK_EQ_INT(bad, 0);
    CHECK(n >= 80);
    dyad_model_free(m);
}
