/* test_parse.c — CoNLL-U reading, the transition system and its oracle,
 * features, the model container and weight tables, and a small model
 * trained here on a slice of EWT that must beat a floor. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/model.h"
#include "harness.h"
#include "parse/parse.h"
#include "parse/pint.h"

#define A dyad_default_allocator()

static const char tricky[] =
    "# newdoc id = x\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "4.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t4:conj\tCopyOf=4\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# sent_id = 2\n"
    "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n";

TEST(conllu_reads_tricky_lines) {
    dy_conllu c;
    dyad_error err = {0};
    CHECK_EQ_INT(dy_conllu_parse(A, tricky, sizeof tricky - 1, &c, &err), DYAD_OK);
    CHECK_EQ_INT(c.ns, 2);
    CHECK_EQ_INT(c.nwords, 6);
    if (c.ns == 2) {
        CHECK_EQ_INT(c.s[0].nw, 5);
        CHECK_EQ_INT(c.s[0].nlines, 9);
        CHECK_EQ_SLICE(c.s[0].w[1].form.p, c.s[0].w[1].form.n, "do");
        CHECK_EQ_INT(c.s[0].w[1].line, 4);
        CHECK_EQ_INT(c.s[0].w[3].head, -1);
        CHECK_EQ_INT(c.s[0].w[0].head, 3);
        CHECK_EQ_INT(c.s[0].w[0].deprel, DY_DEP_NSUBJ);
        CHECK_EQ_INT(c.s[0].w[2].upos, DY_UPOS_PART);
        CHECK(dy_csent_projective(&c.s[0]));
        CHECK_EQ_INT(c.s[1].nw, 1);
    }
    dy_conllu_free(A, &c);
    static const char bad[] = "1\tA\t_\t_\t_\t_\t0\troot\t_\t_\n3\tB\t_\t_\t_\t_\t1\tdep\t_\t_\n";
    CHECK_EQ_INT(dy_conllu_parse(A, bad, sizeof bad - 1, &c, &err), DYAD_EINPUT);
    CHECK(strstr(err.msg, "line 2") != NULL);
}

TEST(oracle_reproduces_a_small_tree) {
    /* "The army seized the town quickly ." */
    int32_t gold[] = {1, 2, -1, 4, 2, 2, 2};
    int32_t out[7];
    CHECK(dy_parser_oracle_check(gold, 7, out));
    for (int i = 0; i < 7; i++) CHECK_EQ_INT(out[i], gold[i]);
    int32_t one[] = {-1}, o1[1];
    CHECK(dy_parser_oracle_check(one, 1, o1));
    CHECK_EQ_INT(o1[0], -1);
}

static char *slurp(const char *path, size_t *n) {
    char *p = NULL;
    return dy_read_file(dyad_default_allocator(), path, &p, n) == DYAD_OK ? p : NULL;
}

TEST(oracle_reproduces_projective_dev_trees) {
    size_t n;
    char *text = slurp(DYAD_SHARED_DIR "/ud/en_ewt-ud-dev.conllu", &n);
    if (!text) { fprintf(stderr, "  (skipped: no EWT dev file)\n"); return; }
    dy_conllu c;
    CHECK_EQ_INT(dy_conllu_parse(A, text, n, &c, NULL), DYAD_OK);
    size_t checked = 0, bad = 0;
    for (size_t i = 0; i < c.ns; i++) {
        const dy_csent *s = &c.s[i];
        if (!dy_csent_projective(s)) continue;
        int32_t *g = malloc(s->nw * sizeof *g), *o = malloc(s->nw * sizeof *o);
        for (size_t k = 0; k < s->nw; k++) g[k] = s->w[k].head;
        if (!dy_parser_oracle_check(g, s->nw, o)) bad++;
        else
            for (size_t k = 0; k < s->nw; k++)
                if (o[k] != g[k]) { bad++; break; }
        checked++;
        free(g);
        free(o);
    }
    CHECK(checked > 1800);
    CHECK_EQ_INT(bad, 0);
    dy_conllu_free(A, &c);
    free(text);
}

TEST(fold_and_word_features) {
    dy_arena ar;
    dy_arena_init(&ar, A);
    dy_str forms[3] = {DY_STR("\xe2\x80\x9cHello"), DY_STR("world"), DY_STR("\xe2\x80\x99s")};
    dy_pword w[3];
    CHECK(dy_pwords_init(&ar, w, forms, 3));
    CHECK_EQ_SLICE(w[0].form.p, w[0].form.n, "\"Hello");
    CHECK_EQ_SLICE(w[0].lower.p, w[0].lower.n, "\"hello");
    CHECK_EQ_SLICE(w[2].form.p, w[2].form.n, "'s");
    uint64_t f1[64], f2[64];
    size_t n1 = dy_tagger_feats(w, 3, 1, f1);
    size_t n2 = dy_tagger_feats(w, 3, 1, f2);
    CHECK(n1 > 20 && n1 == n2 && !memcmp(f1, f2, n1 * sizeof *f1));
    for (size_t i = 0; i < n1; i++) CHECK(f1[i] != 0);
    /* a different previous word changes the context features only */
    dy_str forms2[3] = {DY_STR("Goodbye"), DY_STR("world"), DY_STR("'s")};
    dy_pword w2[3];
    CHECK(dy_pwords_init(&ar, w2, forms2, 3));
    n2 = dy_tagger_feats(w2, 3, 1, f2);
    size_t same = 0;
    for (size_t i = 0; i < n1; i++) same += f1[i] == f2[i];
    CHECK(same > 10 && same < n1);
    /* "world" and "World" share the lowercase feature but not the form one */
    dy_str forms3[3] = {DY_STR("\"Hello"), DY_STR("World"), DY_STR("'s")};
    CHECK(dy_pwords_init(&ar, w2, forms3, 3));
    CHECK(w2[1].hl == w[1].hl && w2[1].hw != w[1].hw);
    dy_arena_free(&ar);
}

/* The word view's hashes are dy_hash of the folded form, its lowercase,
 * its lowercase suffixes (+ k) and its prefixes (+ k), also for forms
 * shorter than the affixes and the empty form. */
TEST(word_view_hashes_are_dy_hash) {
    dy_arena ar;
    dy_arena_init(&ar, A);
    dy_str forms[8] = {DY_STR(""), DY_STR("A"), DY_STR("Ab"), DY_STR("aBc"), DY_STR("ABCD"),
                       DY_STR("Hello-World"), DY_STR("\xe2\x80\x9cNo\xe2\x80\x9d"), DY_STR("\xc3\xa9t\xc3\xa9")};
    dy_pword w[8];
    CHECK(dy_pwords_init(&ar, w, forms, 8));
    for (size_t i = 0; i < 8; i++) {
        size_t fl = w[i].form.n;
        CHECK(w[i].hw == dy_hash(w[i].form.p, fl));
        CHECK(w[i].hl == dy_hash(w[i].lower.p, fl));
        for (size_t k = 0; k < 4; k++) {
            size_t m = k + 1 < fl ? k + 1 : fl;
            CHECK(w[i].hsuf[k] == dy_hash(w[i].lower.p + fl - m, m) + k);
        }
        for (size_t k = 0; k < 3; k++) {
            size_t m = k + 1 < fl ? k + 1 : fl;
            CHECK(w[i].hpre[k] == dy_hash(w[i].form.p, m) + k);
        }
    }
    CHECK_EQ_SLICE(w[6].form.p, w[6].form.n, "\"No\"");
    dy_arena_free(&ar);
}

/* The tagger's argmax: the first of equal largest sums, wherever it is,
 * negative sums, and the values read past n never chosen. */
TEST(argmax_of_sums_takes_the_first_largest) {
    int32_t a[16] = {-5, -3, -9, -3, -7, -3, -8, -4, 0, 0, 0, 0, 0, 0, 0, 0};
    CHECK_EQ_INT(dy_argmax_sums(a, 7), 1);       /* -3 three times; 0s past n */
    CHECK_EQ_INT(dy_argmax_sums(a, 1), 0);
    int32_t b[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 99};
    CHECK_EQ_INT(dy_argmax_sums(b, 15), 14);     /* the last one; 99 past n */
    CHECK_EQ_INT(dy_argmax_sums(b, 16), 15);
    b[9] = 15;
    CHECK_EQ_INT(dy_argmax_sums(b, 15), 9);
    b[2] = 15;
    CHECK_EQ_INT(dy_argmax_sums(b, 15), 2);
    uint64_t rng = 3;
    size_t differ = 0;
    for (int trial = 0; trial < 2000; trial++) {
        int32_t c[104];
        uint32_t n = 1 + (uint32_t)(dy_prng(&rng) % 102);
        for (int k = 0; k < 104; k++) c[k] = (int32_t)(dy_prng(&rng) % 7) - 3;
        uint32_t want = 0;
        for (uint32_t k = 1; k < n; k++)
            if (c[k] > c[want]) want = k;
        differ += dy_argmax_sums(c, n) != want;
    }
    CHECK_EQ_INT(differ, 0);
}

/* The keys of a batch are dy_feat3's, for every batch length (the wide
 * path's last eight masked), and nothing past n is written. */
TEST(feature_keys_in_a_batch_are_dy_feat3s) {
    uint64_t rng = 11, t[40] = {0}, a[40] = {0}, b[40] = {0}, c[40] = {0}, out[41];
    size_t differ = 0, past = 0;
    for (size_t n = 0; n <= 40; n++) {
        for (size_t k = 0; k < n; k++) {
            t[k] = (dy_prng(&rng) % 200) << 40;
            a[k] = dy_prng(&rng);
            b[k] = k % 3 ? dy_prng(&rng) % 1000 : 0;
            c[k] = k % 2 ? dy_prng(&rng) : 0;
        }
        out[n] = 12345;
        dy_feat3_batch(t, a, b, c, n, out);
        for (size_t k = 0; k < n; k++) differ += out[k] != dy_feat3((uint32_t)(t[k] >> 40), a[k], b[k], c[k]);
        past += out[n] != 12345;
    }
    CHECK_EQ_INT(differ, 0);
    CHECK_EQ_INT(past, 0);
}

static void tmpname(char *buf, size_t n, const char *tag) {
    snprintf(buf, n, "/tmp/dyad-test-%ld-%s.bin", (long)getpid(), tag);
}

TEST(weights_and_container_round_trip) {
    dy_pwt t;
    CHECK(dy_pwt_init(&t, 5));
    uint64_t f[3] = {DY_F1(1, 10), DY_F1(2, 20), DY_F1(3, 30)};
    for (int i = 0; i < 4; i++) {
        CHECK(dy_pwt_update(&t, f, 2, 3, 1.0f));
        CHECK(dy_pwt_update(&t, f + 1, 2, 1, -0.5f));
        dy_pwt_tick(&t);
    }
    float s1[5] = {0}, s2[5] = {0};
    dy_pwt_score(&t, f, 3, s1);
    dy_buf b;
    dy_buf_init(&b, A);
    CHECK(dy_pwt_serialize(&t, 0, 0, &b));
    char path[128], why[160], ver[41];
    tmpname(path, sizeof path, "rt");
    dy_pm_sec secs[2] = {{DY_SEC_META, "x", 1}, {DY_SEC_WEIGHTS, b.p, b.n}};
    CHECK(dy_pm_write(path, DY_PM_TAGGER, "test-1", secs, 2, why, sizeof why));
    size_t n;
    char *bytes = slurp(path, &n);
    CHECK(bytes != NULL);
    dy_pm_sec rs[8];
    size_t nrs = 0;
    CHECK(dy_pm_read(bytes, n, DY_PM_TAGGER, rs, 8, &nrs, ver, why, sizeof why));
    CHECK_EQ_STR(ver, "test-1");
    CHECK_EQ_INT(nrs, 2);
    size_t wn;
    const void *wp = dy_pm_find(rs, nrs, DY_SEC_WEIGHTS, &wn);
    dy_pw pw;
    const char *w2 = NULL;
    CHECK(wp && dy_pw_view(&pw, wp, wn, &w2) && dy_pw_check(&pw, &w2));
    dy_pw_score(&pw, f, 3, s2);
    for (int c = 0; c < 5; c++) {
        float a = s1[c], q = s2[c] * pw.scale;
        /* training scores use raw weights, the file averaged ones: same sign */
        CHECK((a > 0) == (q > 0) && (a < 0) == (q < 0));
    }
    /* the packed runtime copy scores the same, to its rounding (256 units) */
    float s3[5] = {0};
    CHECK(dy_pw_pack(A, &pw, &w2));
    dy_pw_score(&pw, f, 3, s3);
    for (int c = 0; c < 5; c++) CHECK(s3[c] - s2[c] <= 3 * 128 && s2[c] - s3[c] <= 3 * 128);
    dy_pw_unpack(A, &pw);
    CHECK(pw.prec == NULL);
    /* wrong kind, truncation, a flipped byte, another format version */
    CHECK(!dy_pm_read(bytes, n, DY_PM_PARSER, rs, 8, &nrs, ver, why, sizeof why));
    CHECK(!dy_pm_read(bytes, n - 9, DY_PM_TAGGER, rs, 8, &nrs, ver, why, sizeof why));
    CHECK(strstr(why, "checksum") != NULL);
    bytes[100] ^= 1;
    CHECK(!dy_pm_read(bytes, n, DY_PM_TAGGER, rs, 8, &nrs, ver, why, sizeof why));
    bytes[100] ^= 1;
    bytes[8] = 99;
    CHECK(!dy_pm_read(bytes, n, DY_PM_TAGGER, rs, 8, &nrs, ver, why, sizeof why));
    CHECK(strstr(why, "version") != NULL);
    free(bytes);
    unlink(path);
    dy_buf_free(&b);
    dy_pwt_free(&t);
}

/* The averaged weights of a table as a file would hold them: scores of f. */
static void file_scores(int *failed_, const dy_pwt *t, uint32_t min_count, const uint64_t *f, size_t nf,
                        float *sc) {
    dy_buf b;
    dy_buf_init(&b, A);
    CHECK(dy_pwt_serialize(t, 0, min_count, &b));
    dy_pw pw;
    const char *w2 = NULL;
    CHECK(dy_pw_view(&pw, b.p, b.n, &w2) && dy_pw_check(&pw, &w2));
    memset(sc, 0, pw.nclass * sizeof *sc);
    if (!w2) {
        dy_pw_score(&pw, f, nf, sc);
        for (uint32_t c = 0; c < pw.nclass; c++) sc[c] *= pw.scale;
    }
    dy_buf_free(&b);
}

TEST(mixed_tables_average_the_averaged_weights) {
    uint64_t f[4] = {DY_F1(1, 10), DY_F1(2, 20), DY_F1(3, 30), DY_F1(4, 40)};
    dy_pwt a, b, m;
    CHECK(dy_pwt_init(&a, 4) && dy_pwt_init(&b, 4) && dy_pwt_init(&m, 4));
    for (int i = 0; i < 6; i++) {   /* a: classes 1 and 2 on f0, f1 */
        CHECK(dy_pwt_update(&a, f, 2, 1, 1.0f));
        if (i >= 3) CHECK(dy_pwt_update(&a, f + 1, 1, 2, -0.5f));
        dy_pwt_tick(&a);
    }
    for (int i = 0; i < 4; i++) {   /* b: class 3 on f1, f2 (f2 not in a) */
        CHECK(dy_pwt_update(&b, f + 1, 2, 3, 2.0f));
        dy_pwt_tick(&b);
    }
    CHECK(dy_pwt_count(&a, f + 3, 1));   /* f3: seen, no weights: dropped */
    CHECK(dy_pwt_mix(&m, &a, 0.5) && dy_pwt_mix(&m, &b, 0.5));
    CHECK_EQ_INT(m.nfeat, 4);
    float sa[4], sb[4], sm[4];
    for (size_t k = 0; k < 4; k++) {
        file_scores(failed_, &a, 0, f + k, 1, sa);
        file_scores(failed_, &b, 0, f + k, 1, sb);
        file_scores(failed_, &m, 0, f + k, 1, sm);
        for (int c = 0; c < 4; c++) {
            float want = 0.5f * (sa[c] + sb[c]), d = sm[c] - want;
            CHECK(d < 1e-3f && d > -1e-3f);
        }
    }
    /* the mixture is not the raw weights: a's class 2 weight on f1 is -1.5,
     * averaged over its 6 ticks -0.5, mixed -0.25 */
    file_scores(failed_, &m, 0, f + 1, 1, sm);
    CHECK(sm[2] < -0.2f && sm[2] > -0.3f);
    /* a feature's occurrence count is the larger one: seen 3 times in one
     * table and once in the other, it survives --min-count 3 */
    dy_pwt c, d, m2;
    CHECK(dy_pwt_init(&c, 4) && dy_pwt_init(&d, 4) && dy_pwt_init(&m2, 4));
    for (int i = 0; i < 3; i++) CHECK(dy_pwt_count(&c, f, 1));
    CHECK(dy_pwt_count(&d, f, 1));
    CHECK(dy_pwt_update(&c, f, 1, 1, 1.0f) && dy_pwt_update(&d, f, 1, 1, 1.0f));
    dy_pwt_tick(&c);
    dy_pwt_tick(&d);    /* averaged: 1 - 1/2 in each */
    CHECK(dy_pwt_mix(&m2, &c, 0.5) && dy_pwt_mix(&m2, &d, 0.5));
    file_scores(failed_, &m2, 3, f, 1, sm);
    CHECK(sm[1] > 0.49f && sm[1] < 0.51f);
    file_scores(failed_, &d, 3, f, 1, sm);   /* d alone: dropped */
    CHECK(sm[1] == 0.0f);
    dy_pwt_free(&a);
    dy_pwt_free(&b);
    dy_pwt_free(&m);
    dy_pwt_free(&c);
    dy_pwt_free(&d);
    dy_pwt_free(&m2);
}

/* A weight table by hand: 5 classes, tsize slots {fingerprint, offset},
 * then the blob.  1 when both checks accept it, 0 when both reject it (the
 * packer saying want), -1 otherwise. */
static int table_ok(uint32_t tsize, const uint32_t *slots, uint32_t nblob, const uint32_t *blob,
                     const char *want) {
    unsigned char b[256];
    uint32_t nclass = 5, zero = 0;
    uint64_t nb = nblob;
    float scale = 1.0f;
    memcpy(b, &nclass, 4);
    memcpy(b + 4, &tsize, 4);
    memcpy(b + 8, &nb, 8);
    memcpy(b + 16, &scale, 4);
    memcpy(b + 20, &zero, 4);
    memcpy(b + 24, slots, tsize * 8);
    memcpy(b + 24 + tsize * 8, blob, nblob * 4);
    dy_pw pw;
    const char *w1 = NULL, *w2 = NULL;
    if (!dy_pw_view(&pw, b, 24 + tsize * 8 + nblob * 4, &w1)) return -1;
    bool c = dy_pw_check(&pw, &w1), p = dy_pw_pack(dyad_default_allocator(), &pw, &w2);
    dy_pw_unpack(dyad_default_allocator(), &pw);
    if (c != p) return -1;
    return p ? 1 : w2 && strstr(w2, want) ? 0 : -1;
}

TEST(weight_table_checks_reject_bad_records) {
    const uint32_t E = UINT32_MAX;
    uint32_t blob[] = {2, 100u << 8 | 0, (uint32_t)-50 << 8 | 3};
    uint32_t good[] = {7, 0, 0, E};
    CHECK_EQ_INT(table_ok(2, good, 3, blob, ""), 1);
    uint32_t badcls[] = {2, 100u << 8 | 0, 9};
    CHECK_EQ_INT(table_ok(2, good, 3, badcls, "class out of range"), 0);
    uint32_t mid[] = {7, 1, 0, E};              /* points inside the record */
    CHECK_EQ_INT(table_ok(2, mid, 3, blob, "overlap"), 0);
    uint32_t full[] = {7, 0};                   /* no empty slot */
    CHECK_EQ_INT(table_ok(1, full, 3, blob, "no empty slot"), 0);
    uint32_t longrec[] = {4, 1, 2, 3};          /* runs past the blob */
    CHECK_EQ_INT(table_ok(2, good, 4, longrec, "out of range"), 0);
}

/* A serialized table of nclass classes with weights for the features f. */
static bool table_of(dy_buf *b, uint32_t nclass, const uint64_t *f, size_t nf) {
    dy_pwt t;
    bool ok = dy_pwt_init(&t, nclass);
    for (uint32_t c = 0; ok && c < nclass; c++) {
        ok = dy_pwt_update(&t, f, nf, c, (float)c - 1.5f) && dy_pwt_update(&t, f + c % nf, 1, c, 2.0f);
        dy_pwt_tick(&t);
    }
    ok = ok && dy_pwt_serialize(&t, 0, 0, b);
    dy_pwt_free(&t);
    return ok;
}

/* 1 when a parser file of these sections loads and packs and parses, 0
 * when it is refused with a reason containing want, -1 otherwise. */
static int split_file_ok(uint32_t mclass, uint32_t lclass, bool labels, bool corrupt, const char *want) {
    uint64_t f[4] = {DY_F1(1, 10), DY_F1(2, 20), DY_F1(3, 30), DY_F1(4, 40)};
    dy_buf mb, lb;
    dy_buf_init(&mb, A);
    dy_buf_init(&lb, A);
    if (!table_of(&mb, mclass, f, 4) || !table_of(&lb, lclass, f, 4)) return -2;
    if (corrupt) {
        /* the label table's first record: a class out of range */
        uint32_t ts;
        memcpy(&ts, lb.p + 4, 4);
        unsigned char *blob = (unsigned char *)lb.p + 24 + (size_t)ts * 8;
        blob[4] = 0xFE;
    }
    static const char meta[] = "root\nnsubj\nobj";
    dy_pm_sec secs[3] = {{DY_SEC_META, meta, sizeof meta - 1}, {DY_SEC_WEIGHTS, mb.p, mb.n},
                         {DY_SEC_LABEL_WEIGHTS, lb.p, lb.n}};
    char path[128], why[160], ver[41];
    tmpname(path, sizeof path, "split");
    if (!dy_pm_write(path, DY_PM_PARSER, "split-1", secs, labels ? 3 : 2, why, sizeof why)) return -2;
    size_t n;
    char *bytes = slurp(path, &n);
    dy_pm_sec rs[8];
    size_t nrs = 0;
    int r = -1;
    dy_parser p;
    const char *w = NULL;
    if (bytes && dy_pm_read(bytes, n, DY_PM_PARSER, rs, 8, &nrs, ver, why, sizeof why)) {
        if (!dy_parser_load(&p, rs, nrs, &w) || !dy_pw_pack(A, &p.pw, &w) ||
            (p.split && !dy_pw_pack(A, &p.lw, &w))) {
            r = w && strstr(w, want) ? 0 : -1;
        } else {
            dy_arena ar;
            dy_arena_init(&ar, A);
            dy_str forms[4] = {DY_STR("Rebels"), DY_STR("seized"), DY_STR("the"), DY_STR("town")};
            dy_pword pw[4];
            int32_t head[4];
            uint8_t rel[4];
            dy_pwords_init(&ar, pw, forms, 4);
            r = dy_parser_run(&p, &ar, pw, 4, head, rel) ? 1 : -1;
            size_t roots = 0;
            for (int i = 0; i < 4; i++) roots += head[i] == -1;
            if (roots != 1) r = -1;
            dy_arena_free(&ar);
        }
        dy_pw_unpack(A, &p.pw);
        dy_pw_unpack(A, &p.lw);
    }
    free(bytes);
    unlink(path);
    dy_buf_free(&mb);
    dy_buf_free(&lb);
    return r;
}

TEST(split_parser_sections_are_checked) {
    CHECK_EQ_INT(split_file_ok(3, 3, true, false, ""), 1);                 /* 3 moves, 3 labels */
    CHECK_EQ_INT(split_file_ok(7, 3, true, false, ""), 1);                 /* 3 groups, 3 labels */
    CHECK_EQ_INT(split_file_ok(7, 3, false, false, ""), 1);                /* joint: 1 + 2 x 3 */
    CHECK_EQ_INT(split_file_ok(3, 3, false, false, "label count"), 0);     /* moves without labels */
    CHECK_EQ_INT(split_file_ok(5, 3, true, false, "3 or 7 classes"), 0);   /* 2 groups: none such */
    CHECK_EQ_INT(split_file_ok(3, 4, true, false, "label weights"), 0);    /* label table of 4 */
    CHECK_EQ_INT(split_file_ok(3, 3, true, true, "class out of range"), 0);
    CHECK_EQ_INT(split_file_ok(7, 3, true, true, "class out of range"), 0);
}

TEST(inline_move_table_keeps_the_choices) {
    /* a 3- or 7-class table packs inline: sums relative to class 0, in
     * units of 2^ishift, against the file's records scored as they are */
    for (uint32_t nc = 3; nc <= 7; nc += 4) {
        uint64_t f[6];
        for (int i = 0; i < 6; i++) f[i] = DY_F1(9, (uint64_t)i);
        dy_pwt t;
        CHECK(dy_pwt_init(&t, nc));
        for (int i = 0; i < 6; i++) {
            CHECK(dy_pwt_update(&t, f + i, 1, (uint32_t)i % nc, 1.0f + (float)i));
            CHECK(dy_pwt_update(&t, f + i, 1, (uint32_t)(i + 1) % nc, -0.25f * (float)i));
            CHECK(dy_pwt_update(&t, f + i, 1, nc - 1, 0.5f));
            dy_pwt_tick(&t);
        }
        dy_buf b;
        dy_buf_init(&b, A);
        CHECK(dy_pwt_serialize(&t, 0, 0, &b));
        dy_pw pw;
        const char *w = NULL;
        CHECK(dy_pw_view(&pw, b.p, b.n, &w) && dy_pw_check(&pw, &w));
        for (size_t k = 1; k <= 6; k++) {
            float raw[8] = {0}, pk[8] = {0};
            dy_pw_score(&pw, f, k, raw);
            CHECK(dy_pw_pack(A, &pw, &w));
            CHECK(pw.inl != NULL && pw.prec == NULL && pw.ishift >= 8);
            dy_pw_score(&pw, f, k, pk);
            float tol = (float)k * (float)(1u << pw.ishift) / 2;
            size_t nonzero = 0;
            for (uint32_t c = 1; c < nc; c++) {
                float d = (raw[c] - raw[0]) - pk[c];
                CHECK(d <= tol && -d <= tol);
                nonzero += pk[c] != 0;
            }
            CHECK(pk[0] == 0 && nonzero > 0);
            dy_pw_unpack(A, &pw);
            CHECK(pw.inl == NULL);
        }
        dy_buf_free(&b);
        dy_pwt_free(&t);
    }
}

/* The tag dictionary: forms seen at least 10 times with one tag in 99% of
 * them get that tag without scoring; a malformed section is refused. */
TEST(tag_dictionary_skips_scoring) {
    dy_buf txt;
    dy_buf_init(&txt, A);
    for (int i = 0; i < 10; i++) {
        dy_buf_printf(&txt, "1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n2\tdog\tdog\tNOUN\tNN\t_\t0\troot\t_\t_\n");
        /* "run" 9 times (too rare), "that" once of 10 as SCONJ (impure) */
        if (i < 9) dy_buf_printf(&txt, "3\trun\trun\tVERB\tVB\t_\t2\tacl\t_\t_\n");
        dy_buf_printf(&txt, "%d\tthat\tthat\t%s\t_\t2\tdep\t_\t_\n\n", i < 9 ? 4 : 3,
                      i < 9 ? "DET\tDT" : "SCONJ\tIN");
    }
    dy_conllu c;
    CHECK_EQ_INT(dy_conllu_parse(A, txt.p, txt.n, &c, NULL), DYAD_OK);
    /* two classes, DT/DET and NN/NOUN; the weights put NN on every word */
    dy_pwt pt;
    CHECK(dy_pwt_init(&pt, 2));
    uint64_t bias = DY_F1(0, 0);
    CHECK(dy_pwt_update(&pt, &bias, 1, 1, 1.0f));
    dy_pwt_tick(&pt);
    dy_buf wb, db;
    dy_buf_init(&wb, A);
    dy_buf_init(&db, A);
    CHECK(dy_pwt_serialize(&pt, 0, 0, &wb));
    static const char meta[] = "DT\tDET\nNN\tNOUN\n";
    char path[128], path2[128], why[160], ver[41];
    tmpname(path, sizeof path, "tagnodict");
    tmpname(path2, sizeof path2, "tagdict");
    dy_pm_sec secs[2] = {{DY_SEC_META, meta, sizeof meta - 1}, {DY_SEC_WEIGHTS, wb.p, wb.n}};
    CHECK(dy_pm_write(path, DY_PM_TAGGER, "test-dict", secs, 2, why, sizeof why));
    CHECK(dy_tagger_add_dict(path, &c, 0, 0, path2, why, sizeof why));
    size_t n;
    char *bytes = slurp(path2, &n);
    CHECK(bytes != NULL);
    dy_pm_sec rs[8];
    size_t nrs = 0;
    dy_tagger t;
    const char *w2 = NULL;
    CHECK(bytes && dy_pm_read(bytes, n, DY_PM_TAGGER, rs, 8, &nrs, ver, why, sizeof why));
    CHECK_EQ_STR(ver, "test-dict");
    CHECK_EQ_INT(nrs, 3);
    CHECK(nrs == 3 && dy_tagger_load(&t, rs, nrs, &w2) && dy_pw_check(&t.pw, &w2));
    dy_arena ar;
    dy_arena_init(&ar, A);
    dy_str forms[4] = {DY_STR("the"), DY_STR("that"), DY_STR("run"), DY_STR("The")};
    dy_pword w[4];
    CHECK(dy_pwords_init(&ar, w, forms, 4));
    if (nrs == 3) {
        CHECK(t.dict_size > 0);
        CHECK_EQ_INT(dy_tagger_dict(&t, w[0].hw), 0);
        CHECK_EQ_INT(dy_tagger_dict(&t, w[1].hw), -1);  /* 90% pure */
        CHECK_EQ_INT(dy_tagger_dict(&t, w[2].hw), -1);  /* seen 9 times */
        CHECK_EQ_INT(dy_tagger_dict(&t, w[3].hw), -1);  /* case kept */
        for (int packed = 0; packed < 2; packed++) {
            if (packed) CHECK(dy_pw_pack(A, &t.pw, &w2));
            dy_tagger_run(&t, w, 4);
            CHECK_EQ_INT(w[0].tag, 0);                  /* the dictionary's DT, not the weights' NN */
            CHECK_EQ_INT(w[0].xpos, dy_xpos_find(dy_str_c("DT")));
            CHECK_EQ_INT(w[0].upos, dy_upos_find(dy_str_c("DET")));
            CHECK_EQ_INT(w[1].tag, 1);
            CHECK_EQ_INT(w[2].tag, 1);
            CHECK_EQ_INT(w[3].tag, 1);
        }
        dy_pw_unpack(A, &t.pw);
        /* the weights unchanged: the same section bytes */
        size_t w1n;
        const void *w1p = dy_pm_find(rs, nrs, DY_SEC_WEIGHTS, &w1n);
        CHECK(w1p && w1n == wb.n && !memcmp(w1p, wb.p, wb.n));
        /* a stricter threshold drops "the" (seen 10 times) */
        CHECK(dy_tagdict_build(&c, t.xpos, t.upos, t.ntag, 11, 9900, &db));
        dy_tagger t2 = t;
        CHECK(dy_tagdict_view(&t2, db.p, db.n, &w2));
        CHECK_EQ_INT(dy_tagger_dict(&t2, w[0].hw), -1);
        /* and a 90% purity admits "that" */
        dy_buf_clear(&db);
        CHECK(dy_tagdict_build(&c, t.xpos, t.upos, t.ntag, 10, 9000, &db));
        CHECK(dy_tagdict_view(&t2, db.p, db.n, &w2));
        CHECK_EQ_INT(dy_tagger_dict(&t2, w[1].hw), 0);
        /* malformed sections are refused, saying what is wrong */
        size_t dn;
        const unsigned char *dp = dy_pm_find(rs, nrs, DY_SEC_TAGDICT, &dn);
        CHECK(dp != NULL && dn >= 8 + 16);
        unsigned char *bad = malloc(dn);
        uint32_t ts = 0;
        if (dp && bad) {
            memcpy(&ts, dp, 4);
            dy_tdict_slot *sl = (dy_tdict_slot *)(void *)(bad + 8);
            uint32_t used = 0;
            memcpy(bad, dp, dn);
            while (used < ts && !sl[used].key) used++;
            CHECK(used < ts);
            if (used < ts) {
                sl[used].tag = 2;   /* only 2 classes */
                CHECK(!dy_tagdict_view(&t2, bad, dn, &w2));
                CHECK_EQ_STR(w2, "tag dictionary class out of range");
                memcpy(bad, dp, dn);
                sl[used].key &= ~1ULL;
                CHECK(!dy_tagdict_view(&t2, bad, dn, &w2));
                CHECK_EQ_STR(w2, "bad tag dictionary slot");
                memcpy(bad, dp, dn);
                for (uint32_t i = 0; i < ts; i++) sl[i] = sl[used];
                CHECK(!dy_tagdict_view(&t2, bad, dn, &w2));
                CHECK_EQ_STR(w2, "tag dictionary has no empty slot");
            }
            memcpy(bad, dp, dn);
            CHECK(!dy_tagdict_view(&t2, bad, dn - 16, &w2));
            CHECK_EQ_STR(w2, "bad tag dictionary size");
            uint32_t three = 3;
            memcpy(bad, &three, 4);
            CHECK(!dy_tagdict_view(&t2, bad, dn, &w2));
            CHECK_EQ_STR(w2, "bad tag dictionary size");
            CHECK(!dy_tagdict_view(&t2, bad, 4, &w2));
            CHECK_EQ_STR(w2, "tag dictionary too short");
            /* through the loader: the section of a model file */
            memcpy(bad, dp, dn);
            if (used < ts) sl[used].tag = 7;
            dy_pm_sec bs[3] = {rs[0], rs[1], rs[2]};
            for (int i = 0; i < 3; i++)
                if (bs[i].id == DY_SEC_TAGDICT) bs[i].p = bad;
            CHECK(!dy_tagger_load(&t2, bs, 3, &w2));
            CHECK_EQ_STR(w2, "tag dictionary class out of range");
        }
        free(bad);
    }
    dy_arena_free(&ar);
    free(bytes);
    unlink(path);
    unlink(path2);
    dy_buf_free(&wb);
    dy_buf_free(&db);
    dy_buf_free(&txt);
    dy_pwt_free(&pt);
    dy_conllu_free(A, &c);
}

static int u64_cmp(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The shipped models (parse stage) and EWT dev's text, or NULL (skipped:
 * no models or no ../shared). */
static char *shipped_model_and_dev(dyad_model **m, size_t *n) {
    dyad_model_options o = dyad_model_options_default();
    o.load = DYAD_LOAD_PARSE;
    o.model_dir = DYAD_SOURCE_DIR "/models";
    o.data_dir = DYAD_SOURCE_DIR "/data";
    char *text = slurp(DYAD_SHARED_DIR "/ud/en_ewt-ud-dev.conllu", n);
    if (!text || dyad_model_load(&o, m, NULL) != DYAD_OK) {
        fprintf(stderr, "  (skipped: no models or no EWT dev)\n");
        free(text);
        return NULL;
    }
    return text;
}

/* The word sums cache: a word's own features and its context features make
 * the features of dy_tagger_feats, and tagging with the cache (cold, warm,
 * and too small for the words so that slots are replaced) gives exactly
 * the tags without it.  Uses the shipped tagger and EWT dev. */
TEST(tagger_cache_gives_the_same_tags) {
    dy_arena ar;
    dy_arena_init(&ar, A);
    dy_str forms[5] = {DY_STR("Rebels"), DY_STR("seized"), DY_STR("the"), DY_STR("UN-run"), DY_STR("town")};
    dy_pword w[5];
    CHECK(dy_pwords_init(&ar, w, forms, 5));
    for (int withclus = 0; withclus < 2; withclus++) {
        for (size_t i = 0; i < 5; i++) {
            w[i].amb = 0x10 + i;
            w[i].clus = withclus ? 0x80000000u | (uint32_t)(i + 1) << 16 | (uint32_t)(i + 2) : 0;
            w[i].tag = (uint8_t)(3 * i);
        }
        for (size_t i = 0; i < 5; i++) {
            uint64_t a[64], b[64];
            size_t na = dy_tagger_feats(w, 5, i, a);
            size_t nb = dy_tagger_feats_word(&w[i], b);
            nb += dy_tagger_feats_context(w, 5, i, b + nb);
            CHECK_EQ_INT(nb, na);
            if (na != nb) continue;
            qsort(a, na, sizeof *a, u64_cmp);
            qsort(b, nb, sizeof *b, u64_cmp);
            CHECK(!memcmp(a, b, na * sizeof *a));
        }
    }
    dyad_model *m = NULL;
    size_t n = 0;
    char *text = shipped_model_and_dev(&m, &n);
    if (!text) {
        dy_arena_free(&ar);
        return;
    }
    dy_conllu c;
    CHECK_EQ_INT(dy_conllu_parse(A, text, n, &c, NULL), DYAD_OK);
    const dy_tagger *t = dy_parse_tagger(m->parse);
    dy_tagcache *tc = dy_tagcache_new(A, t);
    CHECK(tc != NULL && t->pw.prec != NULL);
    size_t words = 0, differ = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < c.ns && i < 1000; i++) {
            size_t nw = c.s[i].nw;
            dy_str *fs = dy_arena_alloc(&ar, (nw + 1) * sizeof *fs);
            dy_pword *a = dy_arena_alloc(&ar, (nw + 1) * sizeof *a), *b = dy_arena_alloc(&ar, (nw + 1) * sizeof *b);
            if (!fs || !a || !b) break;
            for (size_t j = 0; j < nw; j++) fs[j] = c.s[i].w[j].form;
            CHECK(dy_pwords_init(&ar, a, fs, nw) && dy_pwords_init(&ar, b, fs, nw));
            dy_tagger_run(t, a, nw);
            dy_tagger_run_cached(t, tc, b, nw);
            for (size_t j = 0; j < nw; j++) {
                words++;
                differ += a[j].tag != b[j].tag || a[j].xpos != b[j].xpos || a[j].upos != b[j].upos;
            }
            dy_arena_reset(&ar);
        }
    CHECK(words > 20000);
    CHECK_EQ_INT(differ, 0);
    dy_tagcache_free(tc);
    dy_conllu_free(A, &c);
    free(text);
    dyad_model_free(m);
    dy_arena_free(&ar);
}

/* Sums of dy_pw_add over feature lists with and without dense_min (the
 * records laid out anew, pint.h), with and without AVX2. */
static void pw_sums(const dy_pw *pw, const uint64_t *f, size_t nf, bool avx2, int32_t *acc) {
    dy_pw q = *pw;
    q.avx2 = q.avx2 && avx2;
    memset(acc, 0, ((q.nclass + 7) & ~7u) * sizeof *acc);
    dy_pw_add(&q, f, nf, acc);
}

/* Records of every length from 1 to 40 weights of 40 classes: packed at the
 * file's offsets (dense from 20 weights) and laid out anew with dense rows
 * from 3 weights, the sums of any features are the same, AVX2 or not; the
 * dense rows there are more than half of the records looked up. */
TEST(dense_rows_laid_out_anew_give_the_same_sums) {
    enum { NC = 40, NF = 400 };
    dy_pwt t;
    CHECK(dy_pwt_init(&t, NC));
    uint64_t keys[NF];
    for (uint32_t i = 0; i < NF; i++) {
        keys[i] = DY_F1(7, i);
        for (uint32_t j = 0; j <= i % NC; j++) {
            CHECK(dy_pwt_update(&t, &keys[i], 1, (i * 7 + j * 3) % NC, (j & 1) ? -0.75f : 1.25f + (float)j));
            dy_pwt_tick(&t);
        }
    }
    dy_buf b;
    dy_buf_init(&b, A);
    CHECK(dy_pwt_serialize(&t, 0, 0, &b));
    dy_pw p0, p1;
    const char *w = NULL;
    CHECK(dy_pw_view(&p0, b.p, b.n, &w) && dy_pw_view(&p1, b.p, b.n, &w));
    p1.dense_min = 3;
    CHECK(dy_pw_pack(A, &p0, &w) && dy_pw_pack(A, &p1, &w));
    CHECK(p0.rslots == NULL && p1.rslots != NULL);
    uint64_t rng = 7;
    size_t differ = 0, nonzero = 0;
    for (int trial = 0; trial < 300; trial++) {
        uint64_t f[150];
        size_t nf = 1 + (size_t)(dy_prng(&rng) % 150);   /* more than 128: two rounds */
        for (size_t k = 0; k < nf; k++) {
            uint64_t r = dy_prng(&rng);
            f[k] = r % 5 == 0 ? DY_F1(8, r) : keys[r % NF];  /* some absent */
        }
        int32_t a[4][NC + 8];
        for (int v = 0; v < 4; v++) pw_sums(v < 2 ? &p0 : &p1, f, nf, v & 1, a[v]);
        for (int v = 1; v < 4; v++) differ += memcmp(a[0], a[v], NC * sizeof(int32_t)) != 0;
        for (int c = 0; c < NC; c++) nonzero += a[0][c] != 0;
    }
    CHECK_EQ_INT(differ, 0);
    CHECK(nonzero > 300 * NC / 2);
    size_t dense = 0, recs = 0;
    for (uint32_t i = 0; i < NF; i++) {
        uint32_t ts = p1.tsize, s = (uint32_t)(((uint64_t)(uint32_t)keys[i] * ts) >> 32);
        while (p1.rslots[2 * (size_t)s] != (uint32_t)(keys[i] >> 32) && p1.rslots[2 * (size_t)s + 1] != UINT32_MAX)
            s = (s + 1) % ts;
        if (p1.rslots[2 * (size_t)s + 1] == UINT32_MAX) continue;
        recs++;
        dense += p1.prec[2 * (size_t)p1.rslots[2 * (size_t)s + 1]] == 0x8000u;
    }
    CHECK(recs == NF && dense > NF / 2);
    dy_pw_unpack(A, &p0);
    dy_pw_unpack(A, &p1);
    CHECK(p1.rslots == NULL && p1.prec == NULL);
    dy_buf_free(&b);
    dy_pwt_free(&t);
}

/* The shipped tagger's table as the model loads it (dense rows from
 * TAGGER_DENSE_MIN weights, laid out anew) and packed at the file's
 * offsets: the same sums for the features of EWT dev's words. */
TEST(shipped_tagger_dense_rows_give_the_same_sums) {
    dyad_model *m = NULL;
    size_t n = 0;
    char *text = shipped_model_and_dev(&m, &n);
    if (!text) return;
    const dy_tagger *t = dy_parse_tagger(m->parse);
    CHECK(t->pw.rslots != NULL && t->pw.dense_min > 0);
    dy_pw q = t->pw;
    q.prec = NULL;
    q.rslots = NULL;
    q.inl = NULL;
    q.dense_min = 0;
    const char *w = NULL;
    CHECK(dy_pw_pack(A, &q, &w));
    dy_conllu c;
    CHECK_EQ_INT(dy_conllu_parse(A, text, n, &c, NULL), DYAD_OK);
    dy_arena ar;
    dy_arena_init(&ar, A);
    size_t words = 0, differ = 0;
    for (size_t i = 0; i < c.ns && i < 500; i++) {
        size_t nw = c.s[i].nw;
        dy_str *fs = dy_arena_alloc(&ar, (nw + 1) * sizeof *fs);
        dy_pword *pw = dy_arena_alloc(&ar, (nw + 1) * sizeof *pw);
        if (!fs || !pw) break;
        for (size_t j = 0; j < nw; j++) fs[j] = c.s[i].w[j].form;
        CHECK(dy_pwords_init(&ar, pw, fs, nw));
        dy_tagger_run(t, pw, nw);
        for (size_t j = 0; j < nw; j++) {
            uint64_t f[64];
            size_t nf = dy_tagger_feats(pw, nw, j, f);
            int32_t a[4][264];
            pw_sums(&t->pw, f, nf, true, a[0]);
            pw_sums(&t->pw, f, nf, false, a[1]);
            pw_sums(&q, f, nf, true, a[2]);
            pw_sums(&q, f, nf, false, a[3]);
            for (int v = 1; v < 4; v++) differ += memcmp(a[0], a[v], t->pw.nclass * sizeof(int32_t)) != 0;
            words++;
        }
        dy_arena_reset(&ar);
    }
    CHECK(words > 7000);
    CHECK_EQ_INT(differ, 0);
    dy_pw_unpack(A, &q);
    dy_conllu_free(A, &c);
    dy_arena_free(&ar);
    free(text);
    dyad_model_free(m);
}

/* The shipped parser as the model loads it (packed table: the sums of the
 * buffer's words and of each stack word alone are kept and reused, see
 * run_joint_packed) and with every key looked up in every state (nokeep):
 * the same trees for EWT dev's sentences, the long ones included (more
 * words than the cache has rows). */
TEST(shipped_parser_sums_kept_give_the_same_trees) {
    dyad_model *m = NULL;
    size_t n = 0;
    char *text = shipped_model_and_dev(&m, &n);
    if (!text) return;
    const dy_tagger *t = dy_parse_tagger(m->parse);
    const dy_parser *p = dy_parse_parser(m->parse);
    CHECK(p->pw.prec != NULL && !p->split);
    CHECK(!p->nokeep);
    dy_parser q = *p;
    q.nokeep = true;
    dy_conllu c;
    CHECK_EQ_INT(dy_conllu_parse(A, text, n, &c, NULL), DYAD_OK);
    dy_arena ar;
    dy_arena_init(&ar, A);
    size_t words = 0, differ = 0, longest = 0;
    for (size_t i = 0; i < c.ns && i < 600; i++) {
        size_t nw = c.s[i].nw;
        dy_str *fs = dy_arena_alloc(&ar, (nw + 1) * sizeof *fs);
        dy_pword *pw = dy_arena_alloc(&ar, (nw + 1) * sizeof *pw);
        int32_t *h0 = dy_arena_alloc(&ar, (nw + 1) * sizeof *h0), *h1 = dy_arena_alloc(&ar, (nw + 1) * sizeof *h1);
        uint8_t *r0 = dy_arena_alloc(&ar, nw + 1), *r1 = dy_arena_alloc(&ar, nw + 1);
        if (!fs || !pw || !h0 || !h1 || !r0 || !r1) break;
        for (size_t j = 0; j < nw; j++) fs[j] = c.s[i].w[j].form;
        CHECK(dy_pwords_init(&ar, pw, fs, nw));
        dy_tagger_run(t, pw, nw);
        CHECK(dy_parser_run(p, &ar, pw, nw, h0, r0));
        CHECK(dy_parser_run(&q, &ar, pw, nw, h1, r1));
        for (size_t j = 0; j < nw; j++) differ += h0[j] != h1[j] || r0[j] != r1[j];
        words += nw;
        longest = nw > longest ? nw : longest;
        dy_arena_reset(&ar);
    }
    CHECK(words > 8000 && longest > 64);
    CHECK_EQ_INT(differ, 0);
    dy_conllu_free(A, &c);
    dy_arena_free(&ar);
    free(text);
    dyad_model_free(m);
}

TEST(missing_model_names_the_file) {
    dyad_model_options o = dyad_model_options_default();
    o.load = DYAD_LOAD_PARSE;
    o.model_dir = "/nonexistent-dyad-models";
    dyad_model *m = NULL;
    dyad_error err = {0};
    CHECK_EQ_INT(dyad_model_load(&o, &m, &err), DYAD_EMODEL);
    CHECK(strstr(err.msg, "/nonexistent-dyad-models/tagger.bin") != NULL);
    CHECK(m == NULL);
}

/* A small model trained on a slice of train must beat a floor on a slice
 * of dev.  DYAD_TEST_TRAIN_SENTS shrinks it (e.g. under sanitizers). */
static void log_quiet(void *ud, const char *fmt, ...) { (void)ud; (void)fmt; }

/* The small model of small_model_trains_and_beats_floor, joint (split 0)
 * or split (1 or 3 label groups), of one run or a mixture of mix runs. */
static void small_model(int *failed_, uint32_t split, uint32_t mix) {
    size_t tn, dn;
    char *tt = slurp(DYAD_SHARED_DIR "/ud/en_ewt-ud-train.conllu", &tn);
    char *dt = slurp(DYAD_SHARED_DIR "/ud/en_ewt-ud-dev.conllu", &dn);
    if (!tt || !dt) { fprintf(stderr, "  (skipped: no EWT files)\n"); free(tt); free(dt); return; }
    dy_conllu tc, dc;
    CHECK_EQ_INT(dy_conllu_parse(A, tt, tn, &tc, NULL), DYAD_OK);
    CHECK_EQ_INT(dy_conllu_parse(A, dt, dn, &dc, NULL), DYAD_OK);
    const char *env = getenv("DYAD_TEST_TRAIN_SENTS");
#if defined(__SANITIZE_ADDRESS__)
    size_t keep = env ? (size_t)atol(env) : 600; /* sanitizers are ~10x slower */
#else
    size_t keep = env ? (size_t)atol(env) : 1500;
#endif
    if (keep < 200) keep = 200;
    size_t full_t = tc.ns, full_d = dc.ns;
    if (tc.ns > keep) tc.ns = keep;
    if (dc.ns > 300) dc.ns = 300;
    char tp[128], pp[128], why[256] = "";
    tmpname(tp, sizeof tp, "tagger");
    tmpname(pp, sizeof pp, "parser");
    dy_train_opts o = {4, 7, 1, NULL, 0, 0, "test", log_quiet, NULL, NULL, 0, 0};
    o.split = 0;
    CHECK(dy_tagger_train(&tc, NULL, &o, tp, why, sizeof why));
    o.epochs = 3;
    o.min_count = 2;
    o.split = split;
    o.mix = mix;
    CHECK(dy_parser_train(&tc, NULL, &o, pp, why, sizeof why));
    /* load the pair through the real loader, score on dev */
    char dir[128];
    snprintf(dir, sizeof dir, "/tmp/dyad-test-%ld-models", (long)getpid());
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "mkdir -p %s && mv %s %s/tagger.bin && mv %s %s/parser.bin", dir, tp, dir, pp, dir);
    CHECK(system(cmd) == 0);
    dyad_model_options mo = dyad_model_options_default();
    mo.load = DYAD_LOAD_PARSE;
    mo.model_dir = dir;
    mo.data_dir = DYAD_SOURCE_DIR "/data";
    dyad_model *m = NULL;
    dyad_error err = {0};
    CHECK_EQ_INT(dyad_model_load(&mo, &m, &err), DYAD_OK);
    if (m) {
        dyad_ctx *ctx = dyad_ctx_new(m);
        size_t words = 0, upos = 0, uas = 0, las = 0;
        for (size_t i = 0; i < dc.ns; i++) {
            const dy_csent *s = &dc.s[i];
            dyad_ctx_reset(ctx);
            dyad_doc *doc = DY_ANEW(&ctx->arena, dyad_doc, 1);
            dy_token *toks = DY_ANEW(&ctx->arena, dy_token, s->nw);
            dy_sentence sent = {0};
            sent.ntok = (uint32_t)s->nw;
            for (size_t k = 0; k < s->nw; k++) toks[k].form = toks[k].norm = s->w[k].form;
            doc->ctx = ctx;
            doc->sents = &sent;
            doc->nsent = 1;
            doc->toks = toks;
            doc->ntok = s->nw;
            CHECK_EQ_INT(dy_parse_doc(ctx, doc, false, NULL), DYAD_OK);
            for (size_t k = 0; k < s->nw; k++) {
                words++;
                upos += toks[k].upos == s->w[k].upos;
                if (toks[k].head == s->w[k].head) {
                    uas++;
                    las += toks[k].deprel == s->w[k].deprel;
                }
            }
        }
        double pu = 100.0 * (double)upos / (double)words, pa = 100.0 * (double)uas / (double)words;
        double pl = 100.0 * (double)las / (double)words;
        fprintf(stderr, "  small %s model%s (%zu sentences): UPOS %.1f UAS %.1f LAS %.1f on %zu dev words\n",
                split ? "split" : "joint", mix > 1 ? ", mixture of 2 runs" : "", tc.ns, pu, pa, pl, words);
        CHECK(pu > (keep >= 1500 ? 88.0 : 80.0));
        CHECK(pa > (keep >= 1500 ? 70.0 : 55.0));
        CHECK(pl > (keep >= 1500 ? 63.0 : 45.0));
        dyad_ctx_free(ctx);
        dyad_model_free(m);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    tc.ns = full_t;
    dc.ns = full_d;
    dy_conllu_free(A, &tc);
    dy_conllu_free(A, &dc);
    free(tt);
    free(dt);
}

TEST(small_model_trains_and_beats_floor) {
    small_model(failed_, 0, 0);
    small_model(failed_, 3, 0);
    small_model(failed_, 1, 2);
}

TEST(clusters_train_build_and_look_up) {
    /* "the X sat" contexts put cat/dog together, apart from "the" */
    static const char text[] =
        "1\tthe\t_\t_\t_\t_\t2\tdet\t_\t_\n2\tcat\t_\t_\t_\t_\t3\tnsubj\t_\t_\n3\tsat\t_\t_\t_\t_\t0\troot\t_\t_\n\n"
        "1\tthe\t_\t_\t_\t_\t2\tdet\t_\t_\n2\tdog\t_\t_\t_\t_\t3\tnsubj\t_\t_\n3\tsat\t_\t_\t_\t_\t0\troot\t_\t_\n\n"
        "1\tThe\t_\t_\t_\t_\t2\tdet\t_\t_\n2\tcat\t_\t_\t_\t_\t3\tnsubj\t_\t_\n3\tran\t_\t_\t_\t_\t0\troot\t_\t_\n\n"
        "1\tthe\t_\t_\t_\t_\t2\tdet\t_\t_\n2\tdog\t_\t_\t_\t_\t3\tnsubj\t_\t_\n3\tran\t_\t_\t_\t_\t0\troot\t_\t_\n";
    dy_conllu c;
    CHECK_EQ_INT(dy_conllu_parse(A, text, sizeof text - 1, &c, NULL), DYAD_OK);
    const dy_conllu *cs[1] = {&c};
    dy_clusters_opts o = {2, 2, 2, 5, NULL, NULL};
    dy_buf tsv, tab;
    dy_buf_init(&tsv, A);
    dy_buf_init(&tab, A);
    char why[256] = "";
    CHECK(dy_clusters_train(cs, 1, &o, &tsv, why, sizeof why));
    CHECK(dy_clusters_build(tsv.p, tsv.n, &tab, why, sizeof why));
    dy_clusters cl;
    const char *w2 = NULL;
    CHECK(dy_clusters_view(&cl, tab.p, tab.n, &w2));
    uint32_t the = dy_clusters_get(&cl, dy_hash("the", 3)), cat = dy_clusters_get(&cl, dy_hash("cat", 3));
    uint32_t dog = dy_clusters_get(&cl, dy_hash("dog", 3));
    CHECK(the != 0 && cat != 0 && dog != 0);
    CHECK_EQ_INT(cat >> 16, dog >> 16);
    CHECK(the >> 16 != cat >> 16);
    CHECK_EQ_INT(dy_clusters_get(&cl, dy_hash("zebra", 5)), 0);
    /* a truncated table is refused */
    CHECK(!dy_clusters_view(&cl, tab.p, tab.n - 8, &w2));
    CHECK(!dy_clusters_build("cat\tx\n", 6, &tab, why, sizeof why));
    dy_buf_free(&tsv);
    dy_buf_free(&tab);
    dy_conllu_free(A, &c);
}
