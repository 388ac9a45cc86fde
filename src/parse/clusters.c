/*
 * clusters.c — word classes learned from unlabelled text, used as parser
 * features (a word-class back-off for rare words, as Brown clusters are in
 * Koo et al. 2008).
 *
 * Training is the predictive exchange algorithm (Uszkoreit & Brants 2008):
 * a class bigram model P(w_i | class(w_{i-1})) whose likelihood
 *     sum_{c,w} N(c,w) log N(c,w) - sum_c N(c) log N(c)
 * is raised by moving one word at a time to the class that gains most,
 * words in order of frequency, for a fixed number of passes.  It is run
 * twice, for a fine and a coarse set of classes.  Deterministic: the
 * initial classes are given by frequency rank.
 *
 * Words are lowercased folded forms (the parser's dy_pword.lower); words
 * seen fewer than min_count times get no class.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pint.h"

/* MARK: - runtime table */

bool dy_clusters_view(dy_clusters *c, const void *p, size_t n, const char **why) {
    memset(c, 0, sizeof *c);
    if (n < 8) { *why = "cluster table too short"; return false; }
    uint32_t ts;
    memcpy(&ts, p, 4);
    if (!ts || (ts & (ts - 1)) || (uint64_t)ts * sizeof(dy_clus_slot) + 8 != n) {
        *why = "bad cluster table";
        return false;
    }
    c->slot = (const dy_clus_slot *)(const void *)((const char *)p + 8);
    c->size = ts;
    bool empty = false;
    for (uint32_t i = 0; i < ts && !empty; i++) empty = c->slot[i].key == 0;
    if (!empty) { *why = "cluster table has no empty slot"; c->size = 0; return false; }
    return true;
}

uint32_t dy_clusters_get(const dy_clusters *c, uint64_t hl) {
    if (!c->size) return 0;
    uint64_t key = hl | 1;
    uint32_t mask = c->size - 1, j = (uint32_t)key & mask;
    while (c->slot[j].key) {
        if (c->slot[j].key == key) return c->slot[j].cls;
        j = (j + 1) & mask;
    }
    return 0;
}

/* MARK: - training */

typedef struct vword { uint64_t h; dy_str s; uint32_t count; } vword;
typedef struct vocab {
    vword *w;
    size_t n, cap;
    uint32_t *slot;             /* open addressing: index + 1, 0 = empty */
    size_t tsize;
} vocab;

static bool vocab_grow(vocab *v) {
    size_t ts = v->tsize ? v->tsize * 2 : 1 << 16;
    uint32_t *sl = calloc(ts, sizeof *sl);
    if (!sl) return false;
    for (size_t i = 0; i < v->n; i++) {
        size_t j = (size_t)v->w[i].h & (ts - 1);
        while (sl[j]) j = (j + 1) & (ts - 1);
        sl[j] = (uint32_t)i + 1;
    }
    free(v->slot);
    v->slot = sl;
    v->tsize = ts;
    return true;
}

/* Index of the word (added when new); UINT32_MAX when out of memory. */
static uint32_t vocab_id(vocab *v, dy_str s, uint64_t h) {
    if ((v->n + 1) * 2 > v->tsize && !vocab_grow(v)) return UINT32_MAX;
    size_t j = (size_t)h & (v->tsize - 1);
    while (v->slot[j]) {
        vword *x = &v->w[v->slot[j] - 1];
        if (x->h == h && x->s.n == s.n && !memcmp(x->s.p, s.p, s.n)) return v->slot[j] - 1;
        j = (j + 1) & (v->tsize - 1);
    }
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 4096;
        vword *nw = realloc(v->w, nc * sizeof *nw);
        if (!nw) return UINT32_MAX;
        v->w = nw;
        v->cap = nc;
    }
    v->w[v->n] = (vword){h, s, 0};
    v->slot[j] = (uint32_t)v->n + 1;
    return (uint32_t)v->n++;
}

typedef struct bigram { uint32_t a, b, n; } bigram;

static int cmp_bigram(const void *x, const void *y) {
    const bigram *p = x, *q = y;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    if (p->b != q->b) return p->b < q->b ? -1 : 1;
    return 0;
}

static inline double xlogx(double x) { return x > 0 ? x * log(x) : 0; }

/* Predictive exchange over nv clustered words (ids 0..nv-1 in frequency
 * order); successors ids 0..nw-1.  cls receives the classes. */
static bool exchange(const bigram *bg, const size_t *start, size_t nv, size_t nw, const uint32_t *cnt,
                     uint32_t k, int iters, uint32_t *cls, dy_plog log, void *logud) {
    double *N = calloc((size_t)k * nw, sizeof *N);
    double *Nc = calloc(k, sizeof *Nc);
    double *gain = malloc(k * sizeof *gain);
    if (!N || !Nc || !gain) { free(N); free(Nc); free(gain); return false; }
    for (size_t v = 0; v < nv; v++) cls[v] = (uint32_t)(v % k);
    for (size_t v = 0; v < nv; v++) {
        Nc[cls[v]] += cnt[v];
        for (size_t e = start[v]; e < start[v + 1]; e++) N[(size_t)cls[v] * nw + bg[e].b] += bg[e].n;
    }
    for (int it = 0; it < iters; it++) {
        size_t moved = 0;
        for (size_t v = 0; v < nv; v++) {
            uint32_t a = cls[v];
            double nvv = cnt[v];
            /* take v out of its class */
            Nc[a] -= nvv;
            for (size_t e = start[v]; e < start[v + 1]; e++) N[(size_t)a * nw + bg[e].b] -= bg[e].n;
            for (uint32_t c = 0; c < k; c++) {
                double g = -(xlogx(Nc[c] + nvv) - xlogx(Nc[c]));
                const double *row = N + (size_t)c * nw;
                for (size_t e = start[v]; e < start[v + 1]; e++) {
                    double x = row[bg[e].b];
                    g += xlogx(x + bg[e].n) - xlogx(x);
                }
                gain[c] = g;
            }
            uint32_t best = a;
            for (uint32_t c = 0; c < k; c++)
                if (gain[c] > gain[best] + 1e-9) best = c;
            if (best != a) moved++;
            cls[v] = best;
            Nc[best] += nvv;
            for (size_t e = start[v]; e < start[v + 1]; e++) N[(size_t)best * nw + bg[e].b] += bg[e].n;
        }
        double ll = 0;
        for (size_t i = 0; i < (size_t)k * nw; i++) ll += xlogx(N[i]);
        for (uint32_t c = 0; c < k; c++) ll -= xlogx(Nc[c]);
        if (log) log(logud, "clusters k=%u pass %d: %zu words moved, objective %.0f", k, it + 1, moved, ll);
        if (!moved) break;
    }
    free(N);
    free(Nc);
    free(gain);
    return true;
}

typedef struct rank { uint32_t id, count; } rank;
static int cmp_rank(const void *x, const void *y) {
    const rank *p = x, *q = y;
    if (p->count != q->count) return p->count > q->count ? -1 : 1;
    return p->id < q->id ? -1 : p->id > q->id;
}

bool dy_clusters_train(const dy_conllu *const *cs, size_t nc, const dy_clusters_opts *o, dy_buf *out,
                       char *why, size_t whyn) {
    vocab v;
    memset(&v, 0, sizeof v);
    dy_arena ar;
    dy_arena_init(&ar, dyad_default_allocator());
    uint32_t *toks = NULL;
    size_t ntok = 0, tcap = 0;
    bool ok = false;
    bigram *bg = NULL;
    rank *rk = NULL;
    uint32_t *remap = NULL, *cntv = NULL, *fine = NULL, *coarse = NULL;
    size_t *start = NULL;
    const uint32_t BOUND = UINT32_MAX - 1;
    /* token stream of word ids, sentence boundaries as BOUND */
    for (size_t c = 0; c < nc; c++) {
        for (size_t i = 0; i < cs[c]->ns; i++) {
            const dy_csent *s = &cs[c]->s[i];
            dy_arena_reset(&ar);
            if (ntok + s->nw + 1 > tcap) {
                size_t ncap = tcap ? tcap * 2 : 1 << 20;
                while (ncap < ntok + s->nw + 1) ncap *= 2;
                uint32_t *nt = realloc(toks, ncap * sizeof *nt);
                if (!nt) goto oom;
                toks = nt;
                tcap = ncap;
            }
            toks[ntok++] = BOUND;
            for (size_t k = 0; k < s->nw; k++) {
                dy_str f = s->w[k].form;
                char *buf = malloc(f.n * 3 + 8);
                if (!buf) goto oom;
                size_t fl = dy_pfold(f.p, f.n, buf, f.n * 3 + 8);
                for (size_t j = 0; j < fl; j++) if (buf[j] >= 'A' && buf[j] <= 'Z') buf[j] = (char)(buf[j] + 32);
                uint64_t h = dy_hash(buf, fl);
                uint32_t id = vocab_id(&v, (dy_str){buf, fl}, h);
                if (id == UINT32_MAX) { free(buf); goto oom; }
                if (v.w[id].s.p != buf) free(buf);
                v.w[id].count++;
                toks[ntok++] = id;
            }
        }
    }
    if (!v.n) { snprintf(why, whyn, "no words to cluster"); goto done; }
    /* rank by frequency; clustered words are those seen >= min_count */
    rk = malloc(v.n * sizeof *rk);
    remap = malloc(v.n * sizeof *remap);
    if (!rk || !remap) goto oom;
    for (size_t i = 0; i < v.n; i++) rk[i] = (rank){(uint32_t)i, v.w[i].count};
    qsort(rk, v.n, sizeof *rk, cmp_rank);
    size_t nv = 0;
    while (nv < v.n && rk[nv].count >= o->min_count) nv++;
    for (size_t r = 0; r < v.n; r++) remap[rk[r].id] = (uint32_t)r;
    /* successor ids: rank r < nv, else nv (rare), nv + 1 = boundary */
    size_t nw = nv + 2;
    size_t nbg = 0;
    bg = malloc(ntok * sizeof *bg);
    if (!bg) goto oom;
    for (size_t t = 0; t + 1 < ntok; t++) {
        if (toks[t] == BOUND) continue;
        uint32_t a = remap[toks[t]];
        if (a >= nv) continue;
        uint32_t b = toks[t + 1] == BOUND ? (uint32_t)nv + 1 : remap[toks[t + 1]];
        if (toks[t + 1] != BOUND && b >= nv) b = (uint32_t)nv;
        bg[nbg++] = (bigram){a, b, 1};
    }
    /* the last token of the stream precedes the end */
    if (ntok && toks[ntok - 1] != BOUND && remap[toks[ntok - 1]] < nv)
        bg[nbg++] = (bigram){remap[toks[ntok - 1]], (uint32_t)nv + 1, 1};
    qsort(bg, nbg, sizeof *bg, cmp_bigram);
    size_t m = 0;
    for (size_t i = 0; i < nbg; i++) {
        if (m && bg[m - 1].a == bg[i].a && bg[m - 1].b == bg[i].b) bg[m - 1].n++;
        else bg[m++] = bg[i];
    }
    nbg = m;
    start = calloc(nv + 1, sizeof *start);
    cntv = calloc(nv ? nv : 1, sizeof *cntv);
    fine = calloc(nv ? nv : 1, sizeof *fine);
    coarse = calloc(nv ? nv : 1, sizeof *coarse);
    if (!start || !cntv || !fine || !coarse) goto oom;
    for (size_t i = 0, e = 0; i < nv; i++) {
        start[i] = e;
        while (e < nbg && bg[e].a == i) cntv[i] += bg[e++].n;
        start[i + 1] = e;
    }
    if (o->log)
        o->log(o->logud, "clusters: %zu tokens, %zu word types, %zu clustered (seen >= %u), %zu bigram types",
               ntok, v.n, nv, o->min_count, nbg);
    if (!exchange(bg, start, nv, nw, cntv, o->fine, o->iters, fine, o->log, o->logud) ||
        !exchange(bg, start, nv, nw, cntv, o->coarse, o->iters, coarse, o->log, o->logud))
        goto oom;
    for (size_t r = 0; r < nv; r++) {
        const vword *x = &v.w[rk[r].id];
        dy_buf_printf(out, "%.*s\t%u\t%u\t%u\n", (int)x->s.n, x->s.p, fine[r], coarse[r], x->count);
    }
    if (out->err) goto oom;
    ok = true;
    goto done;
oom:
    snprintf(why, whyn, "out of memory");
done:
    for (size_t i = 0; i < v.n; i++) free((char *)(uintptr_t)v.w[i].s.p);
    free(v.w);
    free(v.slot);
    free(toks);
    free(bg);
    free(rk);
    free(remap);
    free(cntv);
    free(fine);
    free(coarse);
    free(start);
    dy_arena_free(&ar);
    return ok;
}

/* Serialized table from the TSV written by dy_clusters_train
 * ("word\tfine\tcoarse\tcount" lines): u32 size T (power of two), u32 zero,
 * T x {u64 key (FNV-1a of the lowercased folded form, low bit set; 0 =
 * empty), u32 (fine + 1) << 16 | (coarse + 1), u32 zero}; slot = key & (T-1),
 * linear probing. */
bool dy_clusters_build(const char *tsv, size_t n, dy_buf *out, char *why, size_t whyn) {
    size_t lines = 0;
    for (size_t i = 0; i < n; i++) lines += tsv[i] == '\n';
    uint32_t ts = 16;
    while (ts < lines * 2 + 2) ts *= 2;
    dy_clus_slot *t = calloc(ts, sizeof *t);
    if (!t) { snprintf(why, whyn, "out of memory"); return false; }
    size_t pos = 0, ln = 0;
    while (pos < n) {
        size_t e = pos;
        while (e < n && tsv[e] != '\n') e++;
        ln++;
        size_t t1 = pos;
        while (t1 < e && tsv[t1] != '\t') t1++;
        char num[64];
        size_t rl = e - t1 < sizeof num ? e - t1 : sizeof num - 1;
        memcpy(num, tsv + t1, rl);
        num[rl] = 0;
        unsigned fc = 0, cc = 0;
        if (t1 >= e || sscanf(num, "\t%u\t%u", &fc, &cc) != 2 || fc > 0xFFFE || cc > 0xFFFE) {
            snprintf(why, whyn, "clusters line %zu: expected word<TAB>fine<TAB>coarse", ln);
            free(t);
            return false;
        }
        uint64_t key = dy_hash(tsv + pos, t1 - pos) | 1;
        uint32_t j = (uint32_t)key & (ts - 1);
        while (t[j].key && t[j].key != key) j = (j + 1) & (ts - 1);
        t[j] = (dy_clus_slot){key, (fc + 1) << 16 | (cc + 1), 0};
        pos = e + 1;
    }
    uint32_t hdr[2] = {ts, 0};
    dy_buf_put(out, hdr, sizeof hdr);
    dy_buf_put(out, t, (size_t)ts * sizeof *t);
    free(t);
    if (out->err) { snprintf(why, whyn, "out of memory"); return false; }
    return true;
}

bool dy_clusters_load_tsv(const char *path, dy_buf *out, dy_clusters *c, char *why, size_t whyn) {
    memset(c, 0, sizeof *c);
    if (!path) return true;
    char *cb = NULL;
    size_t cn = 0;
    const char *w2 = NULL;
    if (dy_read_file(dyad_default_allocator(), path, &cb, &cn) != DYAD_OK) {
        snprintf(why, whyn, "cannot read %s", path);
        return false;
    }
    bool ok = dy_clusters_build(cb, cn, out, why, whyn) && dy_clusters_view(c, out->p, out->n, &w2);
    free(cb);
    if (!ok && w2) snprintf(why, whyn, "%s: %s", path, w2);
    return ok;
}
