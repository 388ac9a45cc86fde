/* test_clean.c — the cleaner's map stays exact; rules file errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean/clean.h"
#include "harness.h"

/* Every text byte maps into raw, the map never goes back, and unchanged
 * ASCII letters map to the same letter. */
static int map_ok(const dyad_doc *doc) {
    if (doc->map[doc->text.n] > doc->raw.n) return 0;
    for (size_t i = 0; i < doc->text.n; i++) {
        if (doc->map[i] > doc->raw.n) return 0;
        if (i && doc->map[i] < doc->map[i - 1]) return 0;
        char c = doc->text.p[i];
        if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && doc->raw.p[doc->map[i]] != c)
            return 0;
    }
    for (size_t k = 0; k < doc->npara; k++) {
        const dy_para *p = &doc->paras[k];
        if (p->cend > doc->text.n || p->cstart > p->cend || p->end > doc->raw.n) return 0;
        if (doc->map[p->cstart] != p->start || doc->map[p->cend] != p->end) return 0;
    }
    return 1;
}

static dyad_doc *cleaned(dyad_ctx *ctx, const char *s, size_t n) {
    dyad_doc *doc = NULL;
    if (dyad_doc_read(ctx, DYAD_INPUT_TEXT, s, n, NULL, &doc, NULL) != DYAD_OK) return NULL;
    if (dyad_doc_process(ctx, doc, DYAD_STAGE_CLEAN, NULL) != DYAD_OK) return NULL;
    return doc;
}

TEST(clean_map_exact) {
    dyad_model_options o = dyad_model_options_default();
    o.load = DYAD_LOAD_CLEAN;
    dyad_model *m = NULL;
    CHECK_EQ_INT(dyad_model_load(&o, &m, NULL), DYAD_OK);
    dyad_ctx *ctx = dyad_ctx_new(m);
    static const char *const cases[] = {
        "BAGHDAD (AP) \xE2\x80\x94 Troops\xC2\xA0" "crossed the bor\xC2\xAD" "der.\r\n\r\nPhoto: AP\n\nTroops crossed.",
        "Le pre\xCC\x81sident  a   parle\xCC\x81.\n\nZero\xE2\x80\x8B" "width and \xEF\xBB\xBF" "BOM.",
        "By John Smith\n\nA long line that wraps without any final punctuation at its end\nand goes on here.",
        "\xE2\x80\xA8\xE2\x80\xA9x\x01y\x7f" " z \xE3\x80\x80 w",
        "Same.\n\nSame.\n\n\xE2\x80\x9C" "Same.\xE2\x80\x9D",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        dyad_doc *doc = cleaned(ctx, cases[i], strlen(cases[i]));
        CHECK(doc != NULL);
        if (doc) CHECK(map_ok(doc));
        dyad_ctx_reset(ctx);
    }
    dyad_doc *doc = cleaned(ctx, cases[0], strlen(cases[0]));
    if (doc) {
        CHECK_EQ_SLICE(doc->dateline.p, doc->dateline.n, "BAGHDAD");
        CHECK_EQ_SLICE(doc->text.p, doc->text.n, "Troops crossed the border.\n\nTroops crossed.");
        /* the paragraph starts after the dateline */
        CHECK_EQ_INT(doc->paras[0].start, 17);
    }
    dyad_ctx_reset(ctx);
    doc = cleaned(ctx, cases[1], strlen(cases[1]));
    if (doc) CHECK_EQ_SLICE(doc->text.p, doc->text.n, "Le pr\xC3\xA9sident a parl\xC3\xA9.\n\nZerowidth and BOM.");
    /* random bytes: never a crash, map always exact */
    srand(7);
    char buf[600];
    for (int r = 0; r < 300; r++) {
        size_t n = (size_t)(rand() % 600);
        for (size_t k = 0; k < n; k++) {
            int x = rand() % 10;
            buf[k] = x < 5 ? (char)('a' + rand() % 26) : x < 7 ? ' ' : x < 8 ? '\n' : (char)(rand() & 0xff);
        }
        dyad_ctx_reset(ctx);
        dyad_doc *d = NULL;
        if (dyad_doc_read(ctx, DYAD_INPUT_TEXT, buf, n, NULL, &d, NULL) != DYAD_OK) continue;
        CHECK_EQ_INT(dyad_doc_process(ctx, d, DYAD_STAGE_CLEAN, NULL), DYAD_OK);
        CHECK(map_ok(d));
    }
    dyad_ctx_free(ctx);
    dyad_model_free(m);
}

TEST(clean_rules_errors) {
    const char *path = "/tmp/dyad-test-rules.txt";
    static const char *const bad[] = {"a drop (\n", "a nosuch x\n", "a drop x\na drop y\n",
                                      "a dateline ^x\n", "lonely\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        FILE *f = fopen(path, "w");
        CHECK(f != NULL);
        if (!f) return;
        fputs("# comment\n\n", f);
        fputs(bad[i], f);
        fclose(f);
        dy_clean_rules *r = NULL;
        dyad_error err = {0};
        CHECK_EQ_INT(dy_clean_rules_load(dyad_default_allocator(), path, &r, &err), DYAD_EMODEL);
        CHECK(strstr(err.msg, "dyad-test-rules.txt:3:") != NULL || strstr(err.msg, "dyad-test-rules.txt:4:") != NULL);
        CHECK(r == NULL);
    }
    dy_clean_rules *r = NULL;
    dyad_error err = {0};
    CHECK_EQ_INT(dy_clean_rules_load(dyad_default_allocator(), "/nonexistent/rules.txt", &r, &err), DYAD_EMODEL);
    remove(path);
}
