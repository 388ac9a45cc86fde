/*
 * tagger.c — the part-of-speech tagger: a greedy averaged perceptron over
 * joint (XPOS, UPOS) classes with word, affix, shape and context features,
 * left to right with the two previous predicted tags as features.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pint.h"

/* MARK: - word view */

size_t dy_pfold(const char *p, size_t n, char *out, size_t cap) {
    size_t o = 0;
    for (size_t i = 0; i < n && o + 4 < cap;) {
        const unsigned char *u = (const unsigned char *)p + i;
        if (i + 2 < n && u[0] == 0xE2 && u[1] == 0x80) {
            const char *r = NULL;
            switch (u[2]) {
            case 0x98: case 0x99: case 0x9A: case 0x9B: case 0xB2: r = "'"; break;
            case 0x9C: case 0x9D: case 0x9E: case 0x9F: case 0xB3: r = "\""; break;
            case 0x93: case 0x94: case 0x95: r = "--"; break;
            case 0x90: case 0x91: r = "-"; break;
            case 0xA6: r = "..."; break;
            default: break;
            }
            if (r) {
                size_t k = strlen(r);
                memcpy(out + o, r, k);
                o += k;
                i += 3;
                continue;
            }
        }
        if (i + 1 < n && u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB)) {
            out[o++] = '"';
            i += 2;
            continue;
        }
        out[o++] = p[i++];
    }
    return o;
}

static uint64_t shape_hash(dy_str s) {
    char buf[16];
    size_t k = 0;
    char last = 0;
    int run = 0;
    for (size_t i = 0; i < s.n && k < sizeof buf - 1; i++) {
        unsigned char c = (unsigned char)s.p[i];
        char m = c >= 'A' && c <= 'Z' ? 'X' : c >= 'a' && c <= 'z' ? 'x' : c >= '0' && c <= '9' ? 'd'
                 : c >= 0x80 ? 'u' : (char)c;
        if (m == last) {
            if (++run >= 2) continue;
        } else {
            run = 0;
        }
        buf[k++] = m;
        last = m;
    }
    return dy_hash(buf, k) ^ (s.n > 6 ? 7u : s.n);
}

bool dy_pwords_init(dy_arena *ar, dy_pword *w, const dy_str *forms, size_t n) {
    for (size_t i = 0; i < n; i++) {
        dy_pword *x = &w[i];
        memset(x, 0, sizeof *x);
        size_t cap = forms[i].n * 3 + 8;
        char *f = dy_arena_alloc(ar, cap * 2);
        if (!f) return false;
        size_t fl = dy_pfold(forms[i].p, forms[i].n, f, cap);
        char *l = f + cap;
        for (size_t k = 0; k < fl; k++) l[k] = (f[k] >= 'A' && f[k] <= 'Z') ? (char)(f[k] + 32) : f[k];
        x->form = (dy_str){f, fl};
        x->lower = (dy_str){l, fl};
        /* dy_hash (FNV-1a) of the form, keeping the hashes of its first
         * one, two and three bytes on the way: the prefix features */
        uint64_t h = DY_FNV_BASIS, pre[4];
        pre[0] = h;
        for (size_t k = 0; k < fl; k++) {
            h = (h ^ (unsigned char)f[k]) * DY_FNV_PRIME;
            if (k < 3) pre[k + 1] = h;
        }
        x->hw = h;
        x->hl = dy_hash(l, fl);
        for (size_t k = 0; k < 4; k++) {
            size_t m = k + 1 < fl ? k + 1 : fl;
            x->hsuf[k] = dy_hash(l + fl - m, m) + k;
        }
        for (size_t k = 0; k < 3; k++) x->hpre[k] = pre[k + 1 < fl ? k + 1 : fl] + k;
        x->hshape = shape_hash(x->form);
    }
    return true;
}

/* MARK: - features */

#define BOS1 0x1111ULL
#define BOS2 0x2222ULL
#define EOS1 0x3333ULL
#define EOS2 0x4444ULL

enum { TAGGER_MAXF = 64, TAGGER_DENSE_MIN = 16 };

/* Digits, hyphen, inner and initial capitals, lowercase letters. */
static unsigned char_flags(const dy_pword *x) {
    unsigned fl = 0;
    for (size_t c = 0; c < x->form.n; c++) {
        char ch = x->form.p[c];
        if (ch >= '0' && ch <= '9') fl |= 1;
        else if (ch == '-') fl |= 2;
        else if (ch >= 'A' && ch <= 'Z') fl |= c ? 4 : 8;
        else if (ch >= 'a' && ch <= 'z') fl |= 16;
    }
    return fl;
}

size_t dy_tagger_feats(const dy_pword *w, size_t n, size_t i, uint64_t *f) {
    size_t k = 0;
    const dy_pword *x = &w[i];
    uint64_t lm1 = i >= 1 ? w[i - 1].hl : BOS1, lm2 = i >= 2 ? w[i - 2].hl : BOS2;
    uint64_t lp1 = i + 1 < n ? w[i + 1].hl : EOS1, lp2 = i + 2 < n ? w[i + 2].hl : EOS2;
    uint64_t tm1 = i >= 1 ? w[i - 1].tag + 1u : 300, tm2 = i >= 2 ? w[i - 2].tag + 1u : 301;
    uint64_t sm1 = i >= 1 ? w[i - 1].hsuf[2] : BOS1, sp1 = i + 1 < n ? w[i + 1].hsuf[2] : EOS1;
    uint64_t shm1 = i >= 1 ? w[i - 1].hshape : BOS1, shp1 = i + 1 < n ? w[i + 1].hshape : EOS1;
    f[k++] = DY_F1(0, 0);
    f[k++] = DY_F1(1, x->hw);
    f[k++] = DY_F1(2, x->hl);
    for (int j = 0; j < 4; j++) f[k++] = DY_F1(3 + (uint32_t)j, x->hsuf[j]);
    for (int j = 0; j < 3; j++) f[k++] = DY_F1(7 + (uint32_t)j, x->hpre[j]);
    f[k++] = DY_F1(10, x->hshape);
    f[k++] = DY_F1(11, lm1);
    f[k++] = DY_F1(12, lm2);
    f[k++] = DY_F1(13, lp1);
    f[k++] = DY_F1(14, lp2);
    f[k++] = DY_F1(15, tm1);
    f[k++] = DY_F1(16, tm2);
    f[k++] = DY_F2(17, tm1, tm2);
    f[k++] = DY_F2(18, tm1, x->hl);
    f[k++] = DY_F1(19, sm1);
    f[k++] = DY_F1(20, sp1);
    f[k++] = DY_F2(21, lm1, x->hl);
    f[k++] = DY_F2(22, x->hl, lp1);
    f[k++] = DY_F1(23, shp1);
    f[k++] = DY_F1(24, shm1);
    f[k++] = DY_F2(25, i == 0, x->form.n && x->form.p[0] >= 'A' && x->form.p[0] <= 'Z');
    f[k++] = DY_F2(26, tm1, x->hsuf[2]);
    f[k++] = DY_F2(27, x->hw, lp1);
    f[k++] = DY_F2(28, lm1, lp1);
    f[k++] = DY_F2(29, tm1, lp1);
    f[k++] = DY_F1(30, i + 1 < n ? w[i + 1].hsuf[1] : EOS2);
    f[k++] = DY_F2(31, x->hshape, tm1);
    uint64_t a0 = x->amb, ap1 = i + 1 < n ? w[i + 1].amb : EOS1, ap2 = i + 2 < n ? w[i + 2].amb : EOS2;
    uint64_t am1 = i >= 1 ? w[i - 1].amb : BOS1;
    f[k++] = DY_F1(32, a0);
    f[k++] = DY_F1(33, ap1);
    f[k++] = DY_F1(34, ap2);
    f[k++] = DY_F2(35, a0, ap1);
    f[k++] = DY_F2(36, tm1, a0);
    f[k++] = DY_F3(37, tm1, a0, ap1);
    f[k++] = DY_F2(38, x->hl, ap1);
    f[k++] = DY_F2(39, am1, a0);
    unsigned fl = char_flags(x);
    f[k++] = DY_F1(40, fl);
    f[k++] = DY_F2(41, fl, tm1);
    if (x->clus) {
        uint32_t cm1 = i >= 1 ? w[i - 1].clus : 0x7FFFFFFF, cp1 = i + 1 < n ? w[i + 1].clus : 0x7FFFFFFE;
        uint32_t cp2 = i + 2 < n ? w[i + 2].clus : 0x7FFFFFFD;
        uint32_t f0 = x->clus >> 16, fm1 = cm1 >> 16, fp1 = cp1 >> 16;
        f[k++] = DY_F1(42, f0);
        f[k++] = DY_F1(43, x->clus & 0xFFFF);
        f[k++] = DY_F1(44, fp1);
        f[k++] = DY_F1(45, fm1);
        f[k++] = DY_F2(46, f0, tm1);
        f[k++] = DY_F2(47, f0, fp1);
        f[k++] = DY_F1(48, cp2 & 0xFFFF);
    }
    return k;
}

/* The features of dy_tagger_feats that depend on the word's form alone
 * (bias, form, lowercase, suffixes, prefixes, shape, ambiguity class,
 * character flags, word classes) and the others (its neighbours, the
 * previous tags, its position): together the same multiset of features. */
size_t dy_tagger_feats_word(const dy_pword *x, uint64_t *f) {
    size_t k = 0;
    f[k++] = DY_F1(0, 0);
    f[k++] = DY_F1(1, x->hw);
    f[k++] = DY_F1(2, x->hl);
    for (int j = 0; j < 4; j++) f[k++] = DY_F1(3 + (uint32_t)j, x->hsuf[j]);
    for (int j = 0; j < 3; j++) f[k++] = DY_F1(7 + (uint32_t)j, x->hpre[j]);
    f[k++] = DY_F1(10, x->hshape);
    f[k++] = DY_F1(32, x->amb);
    f[k++] = DY_F1(40, char_flags(x));
    if (x->clus) {
        f[k++] = DY_F1(42, x->clus >> 16);
        f[k++] = DY_F1(43, x->clus & 0xFFFF);
    }
    return k;
}

__attribute__((always_inline)) static inline size_t feats_context_of(const dy_pword *w, size_t n, size_t i,
                                                                    uint64_t *f, const bool batch) {
    size_t k = 0;
    /* batch: each key's template and values, hashed in one batch at the end */
    uint64_t xt[TAGGER_MAXF], xa[TAGGER_MAXF], xb[TAGGER_MAXF], xc[TAGGER_MAXF];
#define C3(t, a, b, c) \
    (batch ? (void)(xt[k] = (uint64_t)(t) << 40, xa[k] = (a), xb[k] = (b), xc[k] = (c), k++) \
           : (void)(f[k++] = dy_feat3((t), (a), (b), (c))))
#define C1(t, a) C3((t), (a), 0, 0)
#define C2(t, a, b) C3((t), (a), (b), 0)
    const dy_pword *x = &w[i];
    uint64_t lm1 = i >= 1 ? w[i - 1].hl : BOS1, lm2 = i >= 2 ? w[i - 2].hl : BOS2;
    uint64_t lp1 = i + 1 < n ? w[i + 1].hl : EOS1, lp2 = i + 2 < n ? w[i + 2].hl : EOS2;
    uint64_t tm1 = i >= 1 ? w[i - 1].tag + 1u : 300, tm2 = i >= 2 ? w[i - 2].tag + 1u : 301;
    uint64_t sm1 = i >= 1 ? w[i - 1].hsuf[2] : BOS1, sp1 = i + 1 < n ? w[i + 1].hsuf[2] : EOS1;
    uint64_t shm1 = i >= 1 ? w[i - 1].hshape : BOS1, shp1 = i + 1 < n ? w[i + 1].hshape : EOS1;
    C1(11, lm1);
    C1(12, lm2);
    C1(13, lp1);
    C1(14, lp2);
    C1(15, tm1);
    C1(16, tm2);
    C2(17, tm1, tm2);
    C2(18, tm1, x->hl);
    C1(19, sm1);
    C1(20, sp1);
    C2(21, lm1, x->hl);
    C2(22, x->hl, lp1);
    C1(23, shp1);
    C1(24, shm1);
    C2(25, i == 0, x->form.n && x->form.p[0] >= 'A' && x->form.p[0] <= 'Z');
    C2(26, tm1, x->hsuf[2]);
    C2(27, x->hw, lp1);
    C2(28, lm1, lp1);
    C2(29, tm1, lp1);
    C1(30, i + 1 < n ? w[i + 1].hsuf[1] : EOS2);
    C2(31, x->hshape, tm1);
    uint64_t a0 = x->amb, ap1 = i + 1 < n ? w[i + 1].amb : EOS1, ap2 = i + 2 < n ? w[i + 2].amb : EOS2;
    uint64_t am1 = i >= 1 ? w[i - 1].amb : BOS1;
    C1(33, ap1);
    C1(34, ap2);
    C2(35, a0, ap1);
    C2(36, tm1, a0);
    C3(37, tm1, a0, ap1);
    C2(38, x->hl, ap1);
    C2(39, am1, a0);
    C2(41, char_flags(x), tm1);
    if (x->clus) {
        uint32_t cm1 = i >= 1 ? w[i - 1].clus : 0x7FFFFFFF, cp1 = i + 1 < n ? w[i + 1].clus : 0x7FFFFFFE;
        uint32_t cp2 = i + 2 < n ? w[i + 2].clus : 0x7FFFFFFD;
        uint32_t f0 = x->clus >> 16, fm1 = cm1 >> 16, fp1 = cp1 >> 16;
        C1(44, fp1);
        C1(45, fm1);
        C2(46, f0, tm1);
        C2(47, f0, fp1);
        C1(48, cp2 & 0xFFFF);
    }
    #undef C1
#undef C2
#undef C3
    if (batch) dy_feat3_batch(xt, xa, xb, xc, k, f);
    return k;
}

/* The keys hashed one at a time, or in one batch where dy_feat3_batch
 * hashes eight at a time: the same keys. */
size_t dy_tagger_feats_context(const dy_pword *w, size_t n, size_t i, uint64_t *f) {
    return dy_feat3_batch_wide() ? feats_context_of(w, n, i, f, true) : feats_context_of(w, n, i, f, false);
}

/* The largest sum first (a loop the compiler vectorizes), then the first
 * block of four that holds it, then the class in it. */
uint32_t dy_argmax_sums(const int32_t *a, uint32_t n) {
    int32_t m = a[0];
    for (uint32_t k = 1; k < n; k++) m = a[k] > m ? a[k] : m;
    uint32_t c = 0;
    while (!((a[c] == m) | (a[c + 1] == m) | (a[c + 2] == m) | (a[c + 3] == m))) c += 4;
    while (a[c] != m) c++;
    return c;
}

static uint32_t argmax(const float *s, uint32_t n) {
    uint32_t b = 0;
    for (uint32_t c = 1; c < n; c++)
        if (s[c] > s[b]) b = c;
    return b;
}

void dy_tagger_amb(const dy_tagger *t, dy_pword *w, size_t n) {
    for (size_t i = 0; i < n; i++) {
        w[i].amb = 0;
        w[i].clus = t->clus.size ? 0x80000000u | dy_clusters_get(&t->clus, w[i].hl) : 0;
        if (!t->amb_size) continue;
        uint64_t key = w[i].hl | 1;
        uint32_t mask = t->amb_size - 1, j = (uint32_t)key & mask;
        while (t->amb[j].key) {
            if (t->amb[j].key == key) { w[i].amb = t->amb[j].mask; break; }
            j = (j + 1) & mask;
        }
    }
}

int dy_tagger_dict(const dy_tagger *t, uint64_t hw) {
    if (!t->dict_size) return -1;
    uint64_t key = hw | 1;
    uint32_t mask = t->dict_size - 1, j = (uint32_t)key & mask;
    while (t->dict[j].key) {
        if (t->dict[j].key == key) return (int)t->dict[j].tag;
        j = (j + 1) & mask;
    }
    return -1;
}

/* MARK: - word sums cache
 *
 * The sums of a word's own features (dy_tagger_feats_word) depend on its
 * form alone: a context keeps them for the last form seen at each of 4096
 * places (direct-mapped on the form's hash), so that a form met again costs
 * one row copy instead of 15 lookups.  Integer sums of the packed table:
 * the tags are exactly those without the cache. */

enum { TAGCACHE_SIZE = 4096 };

struct dy_tagcache {
    const dyad_allocator *a;
    const dy_tagger *t;         /* the tagger the sums are of */
    uint32_t nc8;
    uint64_t key[TAGCACHE_SIZE];    /* hw | 1; 0 = empty */
    int32_t acc[];              /* TAGCACHE_SIZE rows of nc8 */
};

dy_tagcache *dy_tagcache_new(const dyad_allocator *a, const dy_tagger *t) {
    uint32_t nc8 = (t->pw.nclass + 7) & ~7u;
    dy_tagcache *c = dy_malloc(a, sizeof *c + (size_t)TAGCACHE_SIZE * nc8 * sizeof(int32_t));
    if (!c) return NULL;
    c->a = a;
    c->t = t;
    c->nc8 = nc8;
    memset(c->key, 0, sizeof c->key);
    return c;
}

void dy_tagcache_free(dy_tagcache *c) {
    if (c) dy_free(c->a, c);
}

void dy_tagger_run(const dy_tagger *t, dy_pword *w, size_t n) { dy_tagger_run_cached(t, NULL, w, n); }

void dy_tagger_run_cached(const dy_tagger *t, dy_tagcache *tc, dy_pword *w, size_t n) {
    uint64_t f[TAGGER_MAXF];
    float s[256];
    dy_tagger_amb(t, w, n);
    int32_t acc[256];           /* packed tables: sums in units of 256 */
    uint32_t nc8 = (t->pw.nclass + 7) & ~7u;
    if (tc && (tc->t != t || tc->nc8 != nc8)) tc = NULL;
    for (size_t i = 0; i < n; i++) {
        int d = dy_tagger_dict(t, w[i].hw);
        uint32_t c;
        if (d >= 0) {
            /* a form with one tag in training: not scored */
            c = (uint32_t)d;
        } else if (t->pw.prec) {
            if (tc) {
                uint64_t key = w[i].hw | 1;
                size_t slot = (size_t)(dy_fmix(key) & (TAGCACHE_SIZE - 1));
                int32_t *row = tc->acc + slot * nc8;
                if (tc->key[slot] != key) {
                    size_t nf = dy_tagger_feats_word(&w[i], f);
                    memset(row, 0, nc8 * sizeof *row);
                    dy_pw_add(&t->pw, f, nf, row);
                    tc->key[slot] = key;
                }
                memcpy(acc, row, nc8 * sizeof *acc);
                size_t nf = dy_tagger_feats_context(w, n, i, f);
                dy_pw_add(&t->pw, f, nf, acc);
            } else {
                size_t nf = dy_tagger_feats(w, n, i, f);
                memset(acc, 0, nc8 * sizeof *acc);
                dy_pw_add(&t->pw, f, nf, acc);
            }
            /* the same argmax as on the float scores (the sums times 256,
             * exact) */
            c = dy_argmax_sums(acc, t->ntag);
        } else {
            size_t nf = dy_tagger_feats(w, n, i, f);
            memset(s, 0, t->ntag * sizeof *s);
            dy_pw_score(&t->pw, f, nf, s);
            c = argmax(s, t->ntag);
        }
        w[i].tag = (uint8_t)c;
        w[i].xpos = t->xpos[c];
        w[i].upos = t->upos[c];
    }
}

/* MARK: - model */

bool dy_tagger_load(dy_tagger *t, const dy_pm_sec *secs, size_t nsec, const char **why) {
    memset(t, 0, sizeof *t);
    size_t mn, wn;
    const char *meta = dy_pm_find(secs, nsec, DY_SEC_META, &mn);
    const void *wt = dy_pm_find(secs, nsec, DY_SEC_WEIGHTS, &wn);
    if (!meta || !wt) { *why = "missing tagger section"; return false; }
    /* META: lines "XPOS\tUPOS\n", one per class. */
    size_t pos = 0;
    while (pos < mn) {
        size_t e = pos;
        while (e < mn && meta[e] != '\n') e++;
        size_t tab = pos;
        while (tab < e && meta[tab] != '\t') tab++;
        if (tab == e || t->ntag >= 255) { *why = "bad tag table"; return false; }
        int x = dy_xpos_find((dy_str){meta + pos, tab - pos});
        int u = dy_upos_find((dy_str){meta + tab + 1, e - tab - 1});
        if (!x || !u) { *why = "unknown tag in tag table"; return false; }
        t->xpos[t->ntag] = (uint8_t)x;
        t->upos[t->ntag] = (uint8_t)u;
        t->ntag++;
        pos = e + 1;
    }
    if (!t->ntag) { *why = "empty tag table"; return false; }
    if (!dy_pw_view(&t->pw, wt, wn, why)) return false;
    if (t->pw.nclass != t->ntag) { *why = "tag count does not match weights"; return false; }
    /* records of 16 weights or more scored as dense rows (bench/RESULTS.md
     * "Session 9 - tagger") */
    t->pw.dense_min = TAGGER_DENSE_MIN;
    size_t an;
    const unsigned char *amb = dy_pm_find(secs, nsec, DY_SEC_AMB, &an);
    if (amb) {
        uint32_t ts;
        if (an < 8) { *why = "ambiguity table too short"; return false; }
        memcpy(&ts, amb, 4);
        if (!ts || (ts & (ts - 1)) || (uint64_t)ts * 16 + 8 != an) { *why = "bad ambiguity table"; return false; }
        t->amb = (const dy_amb_slot *)(const void *)(amb + 8);
        t->amb_size = ts;
        bool empty = false;
        for (uint32_t i = 0; i < ts && !empty; i++) empty = t->amb[i].key == 0;
        if (!empty) { *why = "ambiguity table has no empty slot"; return false; }
    }
    size_t cn;
    const void *ct = dy_pm_find(secs, nsec, DY_SEC_CLUSTERS, &cn);
    if (ct && !dy_clusters_view(&t->clus, ct, cn, why)) return false;
    size_t dn;
    const void *dt = dy_pm_find(secs, nsec, DY_SEC_TAGDICT, &dn);
    if (dt && !dy_tagdict_view(t, dt, dn, why)) return false;
    return true;
}

bool dy_tagdict_view(dy_tagger *t, const void *p, size_t n, const char **why) {
    uint32_t ts;
    if (n < 8) { *why = "tag dictionary too short"; return false; }
    memcpy(&ts, p, 4);
    if (!ts || (ts & (ts - 1)) || (uint64_t)ts * sizeof(dy_tdict_slot) + 8 != n) {
        *why = "bad tag dictionary size";
        return false;
    }
    const dy_tdict_slot *d = (const dy_tdict_slot *)(const void *)((const char *)p + 8);
    bool empty = false;
    for (uint32_t i = 0; i < ts; i++) {
        if (!d[i].key) { empty = true; continue; }
        if (!(d[i].key & 1) || d[i].zero) { *why = "bad tag dictionary slot"; return false; }
        if (d[i].tag >= t->ntag) { *why = "tag dictionary class out of range"; return false; }
    }
    if (!empty) { *why = "tag dictionary has no empty slot"; return false; }
    t->dict = d;
    t->dict_size = ts;
    return true;
}

/* MARK: - training */

typedef struct tsent { dy_pword *w; uint8_t *gold; size_t n; } tsent;

/* Views of every sentence of c with gold tag classes (pairs table grows). */
static tsent *make_views(const dy_conllu *c, dy_arena *ar, uint16_t pair_of[64][32], uint8_t *px,
                         uint8_t *pu, uint32_t *npair, bool grow_pairs) {
    tsent *v = calloc(c->ns ? c->ns : 1, sizeof *v);
    if (!v) return NULL;
    for (size_t i = 0; i < c->ns; i++) {
        const dy_csent *s = &c->s[i];
        dy_str *forms = malloc((s->nw ? s->nw : 1) * sizeof *forms);
        v[i].w = dy_arena_alloc(ar, (s->nw ? s->nw : 1) * sizeof(dy_pword));
        v[i].gold = dy_arena_alloc(ar, s->nw ? s->nw : 1);
        if (!forms || !v[i].w || !v[i].gold) { free(forms); free(v); return NULL; }
        for (size_t k = 0; k < s->nw; k++) forms[k] = s->w[k].form;
        dy_pwords_init(ar, v[i].w, forms, s->nw);
        free(forms);
        v[i].n = s->nw;
        for (size_t k = 0; k < s->nw; k++) {
            uint8_t x = s->w[k].xpos < 64 ? s->w[k].xpos : 0, u = s->w[k].upos < 32 ? s->w[k].upos : 0;
            if (pair_of[x][u] == 0xFFFF) {
                if (grow_pairs && *npair < 255) {
                    px[*npair] = x;
                    pu[*npair] = u;
                    pair_of[x][u] = (uint16_t)(*npair)++;
                }
            }
            v[i].gold[k] = pair_of[x][u] == 0xFFFF ? 255 : (uint8_t)pair_of[x][u];
        }
    }
    return v;
}

typedef struct hx { uint64_t h; uint8_t x; } hx;

static int hx_cmp(const void *a, const void *b) {
    const hx *p = a, *q = b;
    if (p->h != q->h) return p->h < q->h ? -1 : 1;
    return (int)p->x - (int)q->x;
}

/* Ambiguity classes: for words seen at least 5 times, the XPOS tags they
 * had at least twice.  Serialized as u32 size, u32 zero, size x {key, mask}. */
static bool build_amb(const tsent *v, size_t ns, const uint8_t *px, dy_buf *out) {
    size_t nw = 0;
    for (size_t i = 0; i < ns; i++) nw += v[i].n;
    hx *a = malloc((nw ? nw : 1) * sizeof *a);
    if (!a) return false;
    size_t k = 0;
    for (size_t i = 0; i < ns; i++)
        for (size_t j = 0; j < v[i].n; j++)
            if (v[i].gold[j] != 255) a[k++] = (hx){v[i].w[j].hl | 1, px[v[i].gold[j]]};
    qsort(a, k, sizeof *a, hx_cmp);
    size_t nkeys = 0;
    for (size_t i = 0; i < k; i++) nkeys += i == 0 || a[i].h != a[i - 1].h;
    uint32_t ts = 16;
    while (ts < nkeys * 2) ts *= 2;
    dy_amb_slot *t = calloc(ts, sizeof *t);
    if (!t) { free(a); return false; }
    for (size_t i = 0; i < k;) {
        size_t j = i;
        while (j < k && a[j].h == a[i].h) j++;
        uint64_t mask = 0;
        for (size_t r = i; r < j;) {
            size_t e = r;
            while (e < j && a[e].x == a[r].x) e++;
            if (e - r >= 2) mask |= 1ULL << (a[r].x & 63);
            r = e;
        }
        if (j - i >= 5 && mask) {
            uint32_t s = (uint32_t)a[i].h & (ts - 1);
            while (t[s].key) s = (s + 1) & (ts - 1);
            t[s] = (dy_amb_slot){a[i].h, mask};
        }
        i = j;
    }
    uint32_t hdr[2] = {ts, 0};
    dy_buf_put(out, hdr, 8);
    dy_buf_put(out, t, (size_t)ts * sizeof *t);
    free(t);
    free(a);
    return !out->err;
}

/* The tag dictionary of a trained tagger (chosen on EWT dev, bench/RESULTS.md
 * "Session 8 — tagger"): forms seen at least DICT_MIN_COUNT times with one
 * tag class in at least DICT_PURITY_BP / 10000 of them. */
enum { DICT_MIN_COUNT = 10, DICT_PURITY_BP = 9900 };

typedef struct hc { uint64_t h; uint32_t c; } hc;

static int hc_cmp(const void *a, const void *b) {
    const hc *p = a, *q = b;
    if (p->h != q->h) return p->h < q->h ? -1 : 1;
    return p->c < q->c ? -1 : p->c > q->c;
}

bool dy_tagdict_build(const dy_conllu *train, const uint8_t *px, const uint8_t *pu, uint32_t ntag,
                      uint32_t min_count, uint32_t purity_bp, dy_buf *out) {
    uint16_t pair_of[64][32];
    memset(pair_of, 0xFF, sizeof pair_of);
    for (uint32_t c = 0; c < ntag; c++)
        if (px[c] < 64 && pu[c] < 32) pair_of[px[c]][pu[c]] = (uint16_t)c;
    hc *a = malloc((train->nwords ? train->nwords : 1) * sizeof *a);
    if (!a) return false;
    size_t k = 0;
    char buf[256];
    for (size_t i = 0; i < train->ns; i++)
        for (size_t j = 0; j < train->s[i].nw; j++) {
            const dy_cword *cw = &train->s[i].w[j];
            if (k >= train->nwords) break;
            /* the hash dy_pwords_init gives the folded form (longer forms
             * are never in the dictionary) */
            if (cw->form.n * 3 + 8 > sizeof buf) continue;
            size_t fl = dy_pfold(cw->form.p, cw->form.n, buf, cw->form.n * 3 + 8);
            uint16_t c = cw->xpos < 64 && cw->upos < 32 ? pair_of[cw->xpos][cw->upos] : 0xFFFF;
            a[k++] = (hc){dy_hash(buf, fl) | 1, c};
        }
    qsort(a, k, sizeof *a, hc_cmp);
    size_t nkeys = 0;
    for (size_t i = 0; i < k; i++) nkeys += i == 0 || a[i].h != a[i - 1].h;
    hc *keep = malloc((nkeys ? nkeys : 1) * sizeof *keep);
    if (!keep) { free(a); return false; }
    size_t nk = 0;
    for (size_t i = 0; i < k;) {
        size_t j = i, best = 0;
        uint32_t bc = 0xFFFF;
        while (j < k && a[j].h == a[i].h) j++;
        for (size_t r = i; r < j;) {
            size_t e = r;
            while (e < j && a[e].c == a[r].c) e++;
            if (e - r > best) { best = e - r; bc = a[r].c; }
            r = e;
        }
        if (j - i >= min_count && bc < ntag && best * 10000 >= (size_t)purity_bp * (j - i))
            keep[nk++] = (hc){a[i].h, bc};
        i = j;
    }
    uint32_t ts = 16;
    while (ts < nk * 2) ts *= 2;
    dy_tdict_slot *t = calloc(ts, sizeof *t);
    if (!t) { free(a); free(keep); return false; }
    for (size_t i = 0; i < nk; i++) {
        uint32_t s = (uint32_t)keep[i].h & (ts - 1);
        while (t[s].key) s = (s + 1) & (ts - 1);
        t[s] = (dy_tdict_slot){keep[i].h, keep[i].c, 0};
    }
    uint32_t hdr[2] = {ts, 0};
    dy_buf_put(out, hdr, 8);
    dy_buf_put(out, t, (size_t)ts * sizeof *t);
    free(t);
    free(keep);
    free(a);
    return !out->err;
}

static void eval_tags(const dy_tagger *t, tsent *v, size_t ns, const uint8_t *px, const uint8_t *pu,
                      double *xacc, double *uacc) {
    size_t tot = 0, xo = 0, uo = 0;
    for (size_t i = 0; i < ns; i++) {
        dy_tagger_run(t, v[i].w, v[i].n);
        for (size_t k = 0; k < v[i].n; k++) {
            tot++;
            uint8_t g = v[i].gold[k];
            if (g == 255) continue;
            xo += v[i].w[k].xpos == px[g];
            uo += v[i].w[k].upos == pu[g];
        }
    }
    *xacc = tot ? 100.0 * (double)xo / (double)tot : 0;
    *uacc = tot ? 100.0 * (double)uo / (double)tot : 0;
}

bool dy_tagger_train(const dy_conllu *train, const dy_conllu *dev, const dy_train_opts *o,
                     const char *out_path, char *why, size_t whyn) {
    int epochs = o->epochs;
    dy_plog log = o->log;
    void *logud = o->logud;
    uint16_t pair_of[64][32];
    uint8_t px[256], pu[256];
    uint32_t npair = 0;
    memset(pair_of, 0xFF, sizeof pair_of);
    dy_arena ar;
    dy_arena_init(&ar, dyad_default_allocator());
    bool ok = false;
    dy_pwt pwt;
    memset(&pwt, 0, sizeof pwt);
    dy_buf wbuf, meta, lem, amb, cbuf, dict;
    dy_buf_init(&amb, dyad_default_allocator());
    dy_buf_init(&dict, dyad_default_allocator());
    dy_buf_init(&cbuf, dyad_default_allocator());
    dy_clusters clus;
    dy_buf_init(&wbuf, dyad_default_allocator());
    dy_buf_init(&meta, dyad_default_allocator());
    dy_buf_init(&lem, dyad_default_allocator());
    size_t *order = NULL;
    tsent *tv = NULL, *dv = NULL;
    if (!dy_clusters_load_tsv(o->clusters_path, &cbuf, &clus, why, whyn)) goto done;
    tv = make_views(train, &ar, pair_of, px, pu, &npair, true);
    dv = dev ? make_views(dev, &ar, pair_of, px, pu, &npair, false) : NULL;
    order = malloc((train->ns ? train->ns : 1) * sizeof *order);
    if (!tv || (dev && !dv) || !order || !dy_pwt_init(&pwt, npair)) {
        snprintf(why, whyn, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < train->ns; i++) order[i] = i;
    if (!build_amb(tv, train->ns, px, &amb) ||
        !dy_tagdict_build(train, px, pu, npair, DICT_MIN_COUNT, DICT_PURITY_BP, &dict)) {
        snprintf(why, whyn, "out of memory");
        goto done;
    }
    {
        dy_tagger at;
        memset(&at, 0, sizeof at);
        memcpy(&at.amb_size, amb.p, 4);
        at.amb = (const dy_amb_slot *)(const void *)(amb.p + 8);
        at.clus = clus;
        for (size_t i = 0; i < train->ns; i++) dy_tagger_amb(&at, tv[i].w, tv[i].n);
    }
    uint64_t rng = o->seed ? o->seed : 1;
    uint64_t f[TAGGER_MAXF];
    float s[256];
    for (int ep = 0; ep < epochs; ep++) {
        dy_shuffle(order, train->ns, &rng);
        size_t tot = 0, right = 0;
        for (size_t oi = 0; oi < train->ns; oi++) {
            tsent *x = &tv[order[oi]];
            for (size_t k = 0; k < x->n; k++) {
                size_t nf = dy_tagger_feats(x->w, x->n, k, f);
                memset(s, 0, npair * sizeof *s);
                dy_pwt_score(&pwt, f, nf, s);
                if (ep == 0 && o->min_count > 1 && !dy_pwt_count(&pwt, f, nf)) {
                    snprintf(why, whyn, "out of memory");
                    goto done;
                }
                uint32_t p = argmax(s, npair), g = x->gold[k];
                if (p != g) {
                    if (!dy_pwt_update(&pwt, f, nf, g, 1.0f) || !dy_pwt_update(&pwt, f, nf, p, -1.0f)) {
                        snprintf(why, whyn, "out of memory");
                        goto done;
                    }
                } else {
                    right++;
                }
                tot++;
                dy_pwt_tick(&pwt);
                x->w[k].tag = (uint8_t)p;
            }
        }
        if (log) {
            char extra[128] = "";
            if (dv) {
                dy_buf_clear(&wbuf);
                if (!dy_pwt_serialize(&pwt, 0, o->min_count, &wbuf)) { snprintf(why, whyn, "out of memory"); goto done; }
                /* the buffer may not be 8-aligned at 16: copy into aligned memory */
                void *al = malloc(wbuf.n);
                if (!al) { snprintf(why, whyn, "out of memory"); goto done; }
                memcpy(al, wbuf.p, wbuf.n);
                dy_tagger t;
                const char *w2;
                memset(&t, 0, sizeof t);
                if (dy_pw_view(&t.pw, al, wbuf.n, &w2) && dy_pw_check(&t.pw, &w2)) {
                    memcpy(&t.amb_size, amb.p, 4);
                    t.amb = (const dy_amb_slot *)(const void *)(amb.p + 8);
                    t.clus = clus;
                    t.ntag = npair;
                    memcpy(t.xpos, px, npair);
                    memcpy(t.upos, pu, npair);
                    if (!dy_tagdict_view(&t, dict.p, dict.n, &w2)) t.dict_size = 0;
                    double xa, ua;
                    eval_tags(&t, dv, dev->ns, px, pu, &xa, &ua);
                    snprintf(extra, sizeof extra, "; dev XPOS %.2f UPOS %.2f", xa, ua);
                }
                free(al);
            }
            log(logud, "tagger epoch %d: train %.2f%% (%zu features)%s", ep + 1,
                tot ? 100.0 * (double)right / (double)tot : 0.0, pwt.nfeat, extra);
        }
    }
    dy_buf_clear(&wbuf);
    if (!dy_pwt_serialize(&pwt, 1e-4f, o->min_count, &wbuf)) { snprintf(why, whyn, "out of memory"); goto done; }
    for (uint32_t c = 0; c < npair; c++) dy_buf_printf(&meta, "%s\t%s\n", dy_xpos_names[px[c]], dy_upos_names[pu[c]]);
    if (!dy_lemma_table(train, &lem) || meta.err) { snprintf(why, whyn, "out of memory"); goto done; }
    dy_pm_sec secs[6] = {{DY_SEC_META, meta.p, meta.n},         {DY_SEC_WEIGHTS, wbuf.p, wbuf.n},
                         {DY_SEC_LEMMAS, lem.p, lem.n},         {DY_SEC_AMB, amb.p, amb.n},
                         {DY_SEC_TAGDICT, dict.p, dict.n},      {DY_SEC_CLUSTERS, cbuf.p, cbuf.n}};
    ok = dy_pm_write(out_path, DY_PM_TAGGER, o->version, secs, clus.size ? 6 : 5, why, whyn);
done:
    dy_pwt_free(&pwt);
    dy_buf_free(&wbuf);
    dy_buf_free(&meta);
    dy_buf_free(&lem);
    dy_buf_free(&amb);
    dy_buf_free(&dict);
    dy_buf_free(&cbuf);
    free(order);
    free(tv);
    free(dv);
    dy_arena_free(&ar);
    return ok;
}

bool dy_tagger_add_dict(const char *tagger_path, const dy_conllu *train, uint32_t min_count, uint32_t purity_bp,
                        const char *out_path, char *why, size_t whyn) {
    char *bytes = NULL;
    size_t n = 0;
    if (dy_read_file(dyad_default_allocator(), tagger_path, &bytes, &n) != DYAD_OK) {
        snprintf(why, whyn, "cannot read %s", tagger_path);
        return false;
    }
    dy_pm_sec secs[8], keep[8];
    size_t nsec = 0, nk = 0;
    char ver[41];
    dy_tagger t;
    const char *w2 = "bad model";
    bool ok = false;
    dy_buf dict;
    dy_buf_init(&dict, dyad_default_allocator());
    if (!dy_pm_read(bytes, n, DY_PM_TAGGER, secs, 8, &nsec, ver, why, whyn)) goto done;
    if (!dy_tagger_load(&t, secs, nsec, &w2)) { snprintf(why, whyn, "%s: %s", tagger_path, w2); goto done; }
    if (!dy_tagdict_build(train, t.xpos, t.upos, t.ntag, min_count ? min_count : DICT_MIN_COUNT,
                          purity_bp ? purity_bp : DICT_PURITY_BP, &dict)) {
        snprintf(why, whyn, "out of memory");
        goto done;
    }
    /* the sections as they are, a tag dictionary there replaced */
    for (size_t i = 0; i < nsec; i++)
        if (secs[i].id != DY_SEC_TAGDICT) keep[nk++] = secs[i];
    if (nk >= 8) { snprintf(why, whyn, "%s: too many sections", tagger_path); goto done; }
    keep[nk++] = (dy_pm_sec){DY_SEC_TAGDICT, dict.p, dict.n};
    ok = dy_pm_write(out_path, DY_PM_TAGGER, ver, keep, nk, why, whyn);
done:
    dy_buf_free(&dict);
    free(bytes);
    return ok;
}
