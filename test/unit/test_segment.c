/* test_segment.c — segmenter: offsets through the map, multi-byte text,
 * norms and flags, paragraph limits, pathological input in near-linear time. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <time.h>

#include "base/doc.h"
#include "base/model.h"
#include "harness.h"
#include "segment/segment.h"

bool dy_seg_tables_sorted(void);

typedef struct fixture {
    dyad_ctx ctx;
    dyad_doc doc;
} fixture;

/* A document whose cleaned text equals its raw text (identity map), with
 * paragraphs at blank lines, like the placeholder cleaner. */
static dyad_status seg_plain(fixture *f, const char *text, size_t n) {
    memset(f, 0, sizeof *f);
    dy_arena_init(&f->ctx.arena, NULL);
    dyad_doc *d = &f->doc;
    d->ctx = &f->ctx;
    d->raw = d->text = (dy_str){text, n};
    d->map = DY_ANEW(&f->ctx.arena, uint32_t, n + 1);
    d->paras = DY_ANEW(&f->ctx.arena, dy_para, n / 2 + 2);
    for (size_t i = 0; i <= n; i++) d->map[i] = (uint32_t)i;
    size_t i = 0;
    while (i < n) {
        while (i < n && text[i] == '\n') i++;
        if (i >= n) break;
        size_t s = i;
        while (i < n && !(text[i] == '\n' && i + 1 < n && text[i + 1] == '\n')) i++;
        d->paras[d->npara++] = (dy_para){(uint32_t)s, (uint32_t)i, (uint32_t)s, (uint32_t)i, 0};
    }
    return dy_segment(&f->ctx, d, NULL);
}

static void fixture_free(fixture *f) { dy_arena_free(&f->ctx.arena); }

/* CPU time: the test machine may be shared. */
static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Every token and sentence: raw[start,end) == text[cstart,cend) (identity),
 * ordered, inside its paragraph. */
static int check_invariants(const dyad_doc *d) {
    int bad = 0;
    for (size_t i = 0; i < d->ntok; i++) {
        const dy_token *t = &d->toks[i];
        if (t->cend <= t->cstart || t->form.p != d->text.p + t->cstart || t->form.n != t->cend - t->cstart) bad++;
        if (i && t->cstart < d->toks[i - 1].cend) bad++;
        if (t->head != -1) bad++;
    }
    size_t next = 0;
    for (size_t i = 0; i < d->nsent; i++) {
        const dy_sentence *s = &d->sents[i];
        if (s->tok0 != next || s->ntok == 0 || s->ntok > DY_SEG_MAX_SENT_TOKENS) bad++;
        next = s->tok0 + s->ntok;
        const dy_para *p = &d->paras[s->para];
        if (s->cstart < p->cstart || s->cend > p->cend) bad++;
        if (!(d->toks[s->tok0].flags & DY_TOK_SENT_START)) bad++;
        if (s->start != d->toks[s->tok0].start || s->end != d->toks[next - 1].end) bad++;
    }
    if (next != d->ntok) bad++;
    return bad;
}

TEST(segment_tables_sorted) { CHECK(dy_seg_tables_sorted()); }

TEST(segment_offsets_identity_multibyte) {
    static const char text[] =
        "Erdoğan’s envoy met al-Sisi in Rostov-on-Don on Jan. 5. “We will fight,” he said.\n\n"
        "Ukraine’s forces—backed by the U.S.—held Kyiv. Prices rose 3.5% to €250,000…";
    fixture f;
    CHECK_EQ_INT(seg_plain(&f, text, sizeof text - 1), DYAD_OK);
    dyad_doc *d = &f.doc;
    CHECK_EQ_INT(check_invariants(d), 0);
    for (size_t i = 0; i < d->ntok; i++) {
        const dy_token *t = &d->toks[i];
        CHECK_EQ_INT(t->start, t->cstart);
        CHECK_EQ_INT(t->end, t->cend);
    }
    CHECK_EQ_INT(d->nsent, 4);
    CHECK_EQ_SLICE(d->toks[0].form.p, d->toks[0].form.n, "Erdoğan");
    CHECK_EQ_SLICE(d->toks[1].form.p, d->toks[1].form.n, "’s");
    CHECK_EQ_SLICE(d->toks[1].norm.p, d->toks[1].norm.n, "'s");
    CHECK_EQ_INT(d->sents[2].para, 1);
    fixture_free(&f);
}

/* Raw text with markup the cleaner dropped: tokens map back through map[]. */
TEST(segment_offsets_through_map) {
    static const char raw[] = "<p>The <b>U.S.</b> envoy’s car left.</p>\n<p>Gen. Ali said “no.”</p>";
    /* Keep the characters outside tags; paragraphs joined by "\n\n". */
    char text[128];
    uint32_t map[129];
    size_t n = 0;
    bool tag = false;
    size_t para_end = 0;
    for (size_t i = 0; i < sizeof raw - 1; i++) {
        if (raw[i] == '<') { tag = true; continue; }
        if (raw[i] == '>') { tag = false; continue; }
        if (tag) continue;
        if (raw[i] == '\n') {
            para_end = n;
            map[n] = (uint32_t)i; text[n++] = '\n';
            map[n] = (uint32_t)i; text[n++] = '\n';
            continue;
        }
        map[n] = (uint32_t)i;
        text[n++] = raw[i];
    }
    map[n] = sizeof raw - 1;
    fixture f;
    memset(&f, 0, sizeof f);
    dy_arena_init(&f.ctx.arena, NULL);
    dyad_doc *d = &f.doc;
    d->raw = (dy_str){raw, sizeof raw - 1};
    d->text = (dy_str){text, n};
    d->map = map;
    dy_para paras[2] = {{0, (uint32_t)para_end, 0, 0, 0}, {(uint32_t)para_end + 2, (uint32_t)n, 0, 0, 0}};
    d->paras = paras;
    d->npara = 2;
    CHECK_EQ_INT(dy_segment(&f.ctx, d, NULL), DYAD_OK);
    CHECK_EQ_INT(d->nsent, 2);
    for (size_t i = 0; i < d->ntok; i++) {
        const dy_token *t = &d->toks[i];
        /* the raw slice is the form exactly (no tag inside any token) */
        CHECK_EQ_SLICE(raw + t->start, t->end - t->start, dy_arena_strdup(&f.ctx.arena, t->form.p, t->form.n).p);
    }
    CHECK_EQ_SLICE(d->toks[1].form.p, d->toks[1].form.n, "U.S.");
    CHECK_EQ_INT(d->toks[1].start, 10);
    CHECK_EQ_INT(d->toks[1].end, 14);
    CHECK_EQ_SLICE(raw + d->sents[0].start, d->sents[0].end - d->sents[0].start, "The <b>U.S.</b> envoy’s car left.");
    CHECK_EQ_SLICE(raw + d->sents[1].start, d->sents[1].end - d->sents[1].start, "Gen. Ali said “no.”");
    fixture_free(&f);
}

TEST(segment_norm_and_flags) {
    static const char text[] = "“Don’t go,” said ‘Ali’. Then he left";
    fixture f;
    CHECK_EQ_INT(seg_plain(&f, text, sizeof text - 1), DYAD_OK);
    dyad_doc *d = &f.doc;
    const char *norms[] = {"\"", "Do", "n't", "go", ",", "\"", "said", "'", "Ali", "'", ".", "Then", "he", "left"};
    CHECK_EQ_INT(d->ntok, 14);
    for (size_t i = 0; i < d->ntok && i < 14; i++) CHECK_EQ_SLICE(d->toks[i].norm.p, d->toks[i].norm.n, norms[i]);
    CHECK(d->toks[1].flags & DY_TOK_CAP);
    CHECK(d->toks[1].flags & DY_TOK_SENT_START ? false : true); /* the quote starts it */
    CHECK(d->toks[0].flags & DY_TOK_SENT_START);
    CHECK(!(d->toks[1].flags & DY_TOK_SPACE_AFTER));
    CHECK(d->toks[3].flags & DY_TOK_SPACE_AFTER ? false : true); /* "go" then "," */
    CHECK(d->toks[5].flags & DY_TOK_SPACE_AFTER);
    CHECK(d->toks[11].flags & DY_TOK_SENT_START);
    CHECK(d->toks[11].flags & DY_TOK_CAP);
    CHECK(!(d->toks[13].flags & DY_TOK_SPACE_AFTER));
    CHECK_EQ_INT(d->nsent, 2);
    fixture_free(&f);
}

TEST(segment_invalid_utf8_and_controls) {
    static const char text[] = "Bad \xff\xfe bytes\x01 here. \xe2\x80 Trunc\xc3";
    fixture f;
    CHECK_EQ_INT(seg_plain(&f, text, sizeof text - 1), DYAD_OK);
    CHECK_EQ_INT(check_invariants(&f.doc), 0);
    CHECK_EQ_INT(f.doc.nsent, 2);
    fixture_free(&f);
}

TEST(segment_empty_and_blank) {
    fixture f;
    CHECK_EQ_INT(seg_plain(&f, "", 0), DYAD_OK);
    CHECK_EQ_INT(f.doc.nsent, 0);
    fixture_free(&f);
    CHECK_EQ_INT(seg_plain(&f, " \t \xc2\xa0 ", 6), DYAD_OK);
    CHECK_EQ_INT(f.doc.nsent, 0);
    CHECK_EQ_INT(f.doc.ntok, 0);
    fixture_free(&f);
}

/* Pathological inputs: each must run in well under a second. */
TEST(segment_pathological_linear) {
    size_t n = 1u << 20;
    char *buf = malloc(4 * n + 16);
    fixture f;
    /* 1 MB single word */
    memset(buf, 'a', n);
    double t0 = now();
    CHECK_EQ_INT(seg_plain(&f, buf, n), DYAD_OK);
    CHECK_EQ_INT(f.doc.ntok, 1);
    fixture_free(&f);
    /* 1 MB of initials-like and dotted junk: a.a.a.a... and U.S.U.S... */
    for (size_t i = 0; i < n; i++) buf[i] = (i & 1) ? '.' : 'a';
    CHECK_EQ_INT(seg_plain(&f, buf, n), DYAD_OK);
    CHECK_EQ_INT(check_invariants(&f.doc), 0);
    fixture_free(&f);
    /* 100k sentences */
    size_t k = 0;
    for (size_t i = 0; i < 100000; i++) { memcpy(buf + k, "He left. ", 9); k += 9; }
    CHECK_EQ_INT(seg_plain(&f, buf, k), DYAD_OK);
    CHECK_EQ_INT(f.doc.nsent, 100000);
    fixture_free(&f);
    /* lines of only punctuation, and 1 MB of '(' then '"' then '-' */
    k = 0;
    for (size_t i = 0; i < 20000; i++) { memcpy(buf + k, "?!.,;:-- ...\n", 13); k += 13; }
    CHECK_EQ_INT(seg_plain(&f, buf, k), DYAD_OK);
    CHECK_EQ_INT(check_invariants(&f.doc), 0);
    fixture_free(&f);
    /* token-dense input costs memory (one dy_token per byte): 256 KB */
    size_t q = n / 4;
    memset(buf, '(', q);
    CHECK_EQ_INT(seg_plain(&f, buf, q), DYAD_OK);
    CHECK_EQ_INT(f.doc.ntok, q);
    CHECK_EQ_INT(check_invariants(&f.doc), 0);
    fixture_free(&f);
    for (size_t i = 0; i < q; i++) buf[i] = "(a.@-"[i % 5];
    CHECK_EQ_INT(seg_plain(&f, buf, q), DYAD_OK);
    CHECK_EQ_INT(check_invariants(&f.doc), 0);
    fixture_free(&f);
    memcpy(buf, "http://", 7);
    memset(buf + 7, 'x', n - 7);
    CHECK_EQ_INT(seg_plain(&f, buf, n), DYAD_OK);
    CHECK_EQ_INT(f.doc.ntok, 1);
    fixture_free(&f);
    double dt = now() - t0;
#if defined(__SANITIZE_ADDRESS__)
    double limit = 30.0; /* unoptimised, instrumented build */
#else
    double limit = 3.0;
#endif
    CHECK(dt < limit);
    if (dt >= limit) fprintf(stderr, "  pathological inputs took %.2f CPU-s\n", dt);
    free(buf);
}
