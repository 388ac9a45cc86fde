/*
 * parser.c — labelled dependency parser: arc-hybrid transitions with the
 * root at the end of the buffer (so exactly one word attaches to it),
 * greedy decoding with an averaged perceptron over Zhang & Nivre style
 * features, trained with the Goldberg & Nivre dynamic oracle (exploration
 * after the first epoch).
 *
 * Classes: 0 = SHIFT, 1 + 2l = LEFT with label l, 2 + 2l = RIGHT with l.
 *
 * A split model (dyad train parser --split G, section DY_SEC_LABEL_WEIGHTS)
 * instead has a move classifier, classes 0 = SHIFT, 1 + 2g = LEFT and 2 +
 * 2g = RIGHT for each of G label groups (1 or 3, see label_group), and a
 * label classifier scored only when the move makes an arc.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pint.h"

#define NONE_W 0x5151ULL
#define ROOT_W 0x7777ULL
#define NONE_T 2000u
#define ROOT_T 2001u
#define NONE_L 200u

typedef struct pstate {
    size_t n;                   /* words; node n is ROOT */
    int32_t *stack;
    size_t sp;
    size_t b;                   /* buffer front; n = ROOT */
    int32_t *head;              /* per word, -2 = none yet, n = ROOT */
    uint8_t *lab;               /* label index per word */
    int32_t *lc1, *lc2, *rc1, *rc2;  /* per node, -1 none */
    uint8_t *nl, *nr;
    uint64_t *lset, *rset;      /* label sets of left/right dependents */
} pstate;

static bool state_alloc(pstate *s, dy_arena *ar, size_t n) {
    size_t m = n + 1;
    s->n = n;
    s->stack = dy_arena_alloc(ar, m * sizeof(int32_t));
    s->head = dy_arena_alloc(ar, m * sizeof(int32_t));
    s->lab = dy_arena_alloc(ar, m);
    s->lc1 = dy_arena_alloc(ar, 4 * m * sizeof(int32_t));
    s->nl = dy_arena_alloc(ar, 2 * m);
    s->lset = dy_arena_alloc(ar, 2 * m * sizeof(uint64_t));
    if (!s->stack || !s->head || !s->lab || !s->lc1 || !s->nl || !s->lset) return false;
    s->lc2 = s->lc1 + m;
    s->rc1 = s->lc2 + m;
    s->rc2 = s->rc1 + m;
    s->nr = s->nl + m;
    s->rset = s->lset + m;
    return true;
}

static void state_init(pstate *s) {
    size_t m = s->n + 1;
    s->sp = 0;
    s->b = 0;
    for (size_t i = 0; i < m; i++) {
        s->head[i] = -2;
        s->lab[i] = 0;
        s->lc1[i] = s->lc2[i] = s->rc1[i] = s->rc2[i] = -1;
        s->nl[i] = s->nr[i] = 0;
        s->lset[i] = s->rset[i] = 0;
    }
}

static inline bool terminal(const pstate *s) { return s->b == s->n && s->sp == 0; }

static bool legal(const pstate *s, uint32_t cls, uint32_t rootlab) {
    if (cls == 0) return s->b < s->n;
    uint32_t l = (cls - 1) >> 1;
    if (cls & 1) { /* LEFT */
        if (s->sp < 1) return false;
        if (s->b < s->n) return l != rootlab;
        return s->sp == 1 && l == rootlab;
    }
    return s->sp >= 2 && l != rootlab;
}

static void add_arc(pstate *s, int32_t h, int32_t d, uint8_t l) {
    s->head[d] = h;
    s->lab[d] = l;
    if (d < h) {
        s->lc2[h] = s->lc1[h];
        s->lc1[h] = d;
        if (s->nl[h] < 255) s->nl[h]++;
        s->lset[h] |= 1ULL << (l & 63);
    } else {
        s->rc2[h] = s->rc1[h];
        s->rc1[h] = d;
        if (s->nr[h] < 255) s->nr[h]++;
        s->rset[h] |= 1ULL << (l & 63);
    }
}

static void apply(pstate *s, uint32_t cls) {
    if (cls == 0) {
        s->stack[s->sp++] = (int32_t)s->b++;
        return;
    }
    uint8_t l = (uint8_t)((cls - 1) >> 1);
    int32_t s0 = s->stack[--s->sp];
    if (cls & 1) add_arc(s, (int32_t)s->b, s0, l);
    else add_arc(s, s->stack[s->sp - 1], s0, l);
}

/* MARK: - dynamic oracle (gold heads: n = ROOT) */

static void arc_costs(const pstate *s, const int32_t *g, int *cl, int *cr, int *csh) {
    size_t n = s->n;
    *cl = *cr = *csh = 1 << 20;
    if (s->sp >= 1) {
        int32_t s0 = s->stack[s->sp - 1];
        int deps = 0;
        for (size_t d = s->b; d < n; d++) deps += g[d] == s0;
        bool head_in_b = g[s0] >= (int32_t)s->b;   /* includes ROOT (n) */
        bool head_s1 = s->sp >= 2 && g[s0] == s->stack[s->sp - 2];
        *cl = deps + ((g[s0] != (int32_t)s->b && (head_s1 || head_in_b)) ? 1 : 0);
        if (s->sp >= 2) *cr = deps + (head_in_b ? 1 : 0);
    }
    if (s->b < n) {
        int32_t b = (int32_t)s->b;
        int c = 0;
        for (size_t i = 0; i < s->sp; i++) {
            int32_t x = s->stack[i];
            if (g[x] == b) c++;
            if (g[b] == x && i + 1 < s->sp) c++;
        }
        *csh = c;
    }
}

static int cost_of(const pstate *s, const int32_t *g, const uint8_t *glab, uint32_t cls, int cl,
                   int cr, int csh) {
    if (cls == 0) return csh;
    uint8_t l = (uint8_t)((cls - 1) >> 1);
    int32_t s0 = s->stack[s->sp - 1];
    if (cls & 1) return cl + (g[s0] == (int32_t)s->b && glab[s0] != l);
    return cr + (g[s0] == s->stack[s->sp - 2] && glab[s0] != l);
}

bool dy_parser_oracle_check(const int32_t *gold, size_t n, int32_t *out) {
    dy_arena ar;
    dy_arena_init(&ar, dyad_default_allocator());
    pstate s;
    int32_t *g = dy_arena_alloc(&ar, (n + 1) * sizeof *g);
    uint8_t *gl = dy_arena_alloc(&ar, n + 1);
    bool ok = g && gl && state_alloc(&s, &ar, n);
    if (ok) {
        for (size_t i = 0; i < n; i++) { g[i] = gold[i] < 0 ? (int32_t)n : gold[i]; gl[i] = gold[i] < 0 ? 0 : 1; }
        g[n] = -1;
        state_init(&s);
        const uint32_t rootlab = 0, lab = 1;
        while (ok && !terminal(&s)) {
            int cl, cr, csh;
            arc_costs(&s, g, &cl, &cr, &csh);
            uint32_t cand[3] = {1 + 2 * (s.b == n ? rootlab : lab), 2 + 2 * lab, 0};
            uint32_t pick = 99;
            for (int k = 0; k < 3 && pick == 99; k++) {
                uint32_t c = cand[k];
                if (!legal(&s, c, rootlab)) continue;
                if (cost_of(&s, g, gl, c, cl, cr, csh) == 0) pick = c;
            }
            if (pick == 99) ok = false;
            else apply(&s, pick);
        }
        for (size_t i = 0; ok && i < n; i++) out[i] = s.head[i] == (int32_t)n ? -1 : s.head[i];
    }
    dy_arena_free(&ar);
    return ok;
}

/* MARK: - features */

typedef struct ptok { uint64_t w; uint32_t t; uint32_t l; } ptok;

static inline ptok tok_at(const pstate *s, const dy_pword *w, int32_t i) {
    if (i < 0) return (ptok){NONE_W, NONE_T, NONE_L};
    if ((size_t)i == s->n) return (ptok){ROOT_W, ROOT_T, NONE_L};
    uint32_t l = s->head[i] >= -1 ? s->lab[i] : NONE_L;
    return (ptok){w[i].hl, (uint32_t)w[i].xpos * 32u + w[i].upos, l};
}

enum { PARSER_MAXF = 128 };

static uint32_t dist_bucket(int32_t d) {
    if (d < 0) d = -d;
    return d <= 4 ? (uint32_t)d : d <= 7 ? 5u : d <= 12 ? 6u : 7u;
}

#define NONE_C 0xFFFFFFFEu
#define ROOT_C 0xFFFFFFFDu

static inline uint32_t clus_at(const pstate *s, const uint32_t *cl, int32_t i) {
    if (i < 0) return NONE_C;
    if ((size_t)i == s->n) return ROOT_C;
    return cl[i];
}

/* The groups of feature templates (see feats_of). */
enum {
    G_STATE,    /* the state's: two or more places of it, or distances */
    G_B,        /* the buffer's words alone (not b0's dependents) */
    G_S0,       /* s0 alone with its left dependents (fixed once on the stack) */
    G_S0R,      /* s0 with its right dependents */
    G_S1,       /* s1 alone with its dependents */
    G_S2,       /* s2 alone */
    G_N
};

/* Features of the state; cl (may be NULL: no word-class features) gives
 * each word's (fine + 1) << 16 | (coarse + 1) class, 0 = none.  Each
 * template belongs to a group: the keys of group g are made only when bit
 * g of want is set (G_STATE always) and go to out[g], or with flat (for
 * training) every group but G_B's to out[G_STATE], in template order.
 * The features of the buffer's words alone only change when the buffer
 * moves, those of one stack word alone with its dependents only when it
 * gets a dependent: the runtime sums them once (per word, per word and
 * dependent counts) and reuses the sums. */
__attribute__((always_inline)) static inline void feats_of(const pstate *s, const dy_pword *w, const uint32_t *cl,
                                                           uint64_t *const *out, size_t *nout, unsigned want,
                                                           const bool flat, const bool batch) {
    int32_t is0 = s->sp >= 1 ? s->stack[s->sp - 1] : -1;
    int32_t is1 = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
    int32_t is2 = s->sp >= 3 ? s->stack[s->sp - 3] : -1;
    int32_t ib0 = (int32_t)s->b;
    int32_t ib1 = s->b + 1 <= s->n ? (int32_t)s->b + 1 : -1;
    int32_t ib2 = s->b + 2 <= s->n ? (int32_t)s->b + 2 : -1;
    ptok s0 = tok_at(s, w, is0), s1 = tok_at(s, w, is1), s2 = tok_at(s, w, is2);
    ptok b0 = tok_at(s, w, ib0), b1 = tok_at(s, w, ib1), b2 = tok_at(s, w, ib2);
    ptok s0l = tok_at(s, w, is0 >= 0 ? s->lc1[is0] : -1), s0l2 = tok_at(s, w, is0 >= 0 ? s->lc2[is0] : -1);
    ptok s0r = tok_at(s, w, is0 >= 0 ? s->rc1[is0] : -1), s0r2 = tok_at(s, w, is0 >= 0 ? s->rc2[is0] : -1);
    ptok s1l = tok_at(s, w, is1 >= 0 ? s->lc1[is1] : -1), s1r = tok_at(s, w, is1 >= 0 ? s->rc1[is1] : -1);
    ptok b0l = tok_at(s, w, s->lc1[ib0]), b0l2 = tok_at(s, w, s->lc2[ib0]);
    uint32_t d0 = is0 >= 0 ? dist_bucket(ib0 - is0) : 9, d1 = is1 >= 0 ? dist_bucket(is0 - is1) : 9;
    uint32_t s0nl = is0 >= 0 ? s->nl[is0] : 99, s0nr = is0 >= 0 ? s->nr[is0] : 99;
    uint32_t b0nl = s->nl[ib0];
    uint64_t s0ls = is0 >= 0 ? s->lset[is0] : 1ULL << 63, s0rs = is0 >= 0 ? s->rset[is0] : 1ULL << 63;
    uint64_t b0ls = s->lset[ib0];
    uint64_t s1rs = is1 >= 0 ? s->rset[is1] : 1ULL << 63;
    uint32_t t = 0;             /* template id: its place in this list */
    /* each key's template and values, hashed in one batch per group at the
     * end (group g from xo[g]) */
    enum { XN = PARSER_MAXF + 4 * 32 + 32 };
    static const uint16_t xo[G_N] = {0, PARSER_MAXF, PARSER_MAXF + 32, PARSER_MAXF + 64, PARSER_MAXF + 96,
                                     PARSER_MAXF + 128};
    uint64_t xt[XN], xa[XN], xb[XN], xc[XN];
    size_t kk[G_N] = {0, 0, 0, 0, 0, 0};
#define GI(g) (flat && (g) != G_B ? G_STATE : (g))
#define G3(g, a, b, c)                                                                                    \
    (++t, !(GI(g) == G_STATE || (want & (1u << (g))))                                                     \
              ? (void)0                                                                                   \
              : batch ? (void)(xt[xo[GI(g)] + kk[GI(g)]] = (uint64_t)t << 40, xa[xo[GI(g)] + kk[GI(g)]] = (a), \
                               xb[xo[GI(g)] + kk[GI(g)]] = (b), xc[xo[GI(g)] + kk[GI(g)]] = (c), kk[GI(g)]++) \
                      : (void)(out[GI(g)][kk[GI(g)]++] = dy_feat3(t, (a), (b), (c))))
#define F3(a, b, c) G3(G_STATE, a, b, c)
#define F1(a) F3((a), 0, 0)
#define F2(a, b) F3((a), (b), 0)
#define B3(a, b, c) G3(G_B, a, b, c)
#define B1(a) B3((a), 0, 0)
#define B2(a, b) B3((a), (b), 0)
#define Z1(a) G3(G_S0, (a), 0, 0)
#define Z2(a, b) G3(G_S0, (a), (b), 0)
#define Z3(a, b, c) G3(G_S0, (a), (b), (c))
#define R1(a) G3(G_S0R, (a), 0, 0)
#define R2(a, b) G3(G_S0R, (a), (b), 0)
#define R3(a, b, c) G3(G_S0R, (a), (b), (c))
#define O1(a) G3(G_S1, (a), 0, 0)
#define O2(a, b) G3(G_S1, (a), (b), 0)
#define T1(a) G3(G_S2, (a), 0, 0)
#define T2(a, b) G3(G_S2, (a), (b), 0)
    /* unigrams */
    Z1(s0.w); Z1(s0.t); Z2(s0.w, s0.t);
    O1(s1.w); O1(s1.t); O2(s1.w, s1.t);
    B1(b0.w); B1(b0.t); B2(b0.w, b0.t);
    B1(b1.w); B1(b1.t); B2(b1.w, b1.t);
    B1(b2.w); B1(b2.t); T1(s2.t); T2(s2.w, s2.t);
    /* children */
    Z1(s0l.w); Z2(s0l.t, s0l.l); Z1(s0l.l);
    R1(s0r.w); R2(s0r.t, s0r.l); R1(s0r.l);
    Z2(s0l2.t, s0l2.l); R2(s0r2.t, s0r2.l);
    O2(s1l.t, s1l.l); O2(s1r.t, s1r.l); O1(s1r.w);
    F1(b0l.w); F2(b0l.t, b0l.l); F1(b0l.l); F2(b0l2.t, b0l2.l);
    /* pairs */
    F3(s0.w, s0.t, b0.w ^ ((uint64_t)b0.t << 48)); F3(s0.w, s0.t, b0.w); F3(s0.w, b0.w, b0.t);
    F3(s0.w, s0.t, b0.t); F3(s0.t, b0.w, b0.t); F2(s0.w, b0.w); F2(s0.t, b0.t); B2(b0.t, b1.t);
    F3(s1.w, s1.t, s0.w ^ ((uint64_t)s0.t << 48)); F2(s1.w, s0.w); F2(s1.t, s0.t);
    F3(s1.w, s1.t, s0.t); F3(s1.t, s0.w, s0.t); F3(s1.w, s0.w, s0.t); F3(s1.w, s1.t, s0.w);
    F2(s0.w, b1.t); B2(b0.w, b1.t); F2(s1.t, b0.t); F2(s1.w, b0.w);
    /* triples of tags */
    B3(b0.t, b1.t, b2.t); F3(s0.t, b0.t, b1.t); F3(s1.t, s0.t, b0.t); F3(s0.t, s0l.t, b0.t);
    F3(s0.t, s0r.t, b0.t); F3(s0.t, b0.t, b0l.t); Z3(s0.t, s0l.t, s0l2.t); R3(s0.t, s0r.t, s0r2.t);
    F3(b0.t, b0l.t, b0l2.t); F3(s1.t, s0.t, s0l.t); F3(s1.t, s0.t, s0r.t); F3(s1.t, s1r.t, s0.t);
    F3(s1.t, s1l.t, s0.t); F3(s2.t, s1.t, s0.t); F3(s1.t, s0.t, b1.t);
    F3(s0.w, s0l.t, b0.t); F3(s0.t, s0l.l, b0.w); F3(s1.w, s0.t, s0l.l);
    /* distance */
    F2(s0.w, d0); F2(s0.t, d0); F2(b0.w, d0); F2(b0.t, d0); F3(s0.t, b0.t, d0);
    F2(s1.w, d1); F2(s0.w, d1); F3(s1.t, s0.t, d1); F3(s1.w, s0.t, d1);
    /* valency */
    R2(s0.w, s0nr); R2(s0.t, s0nr); Z2(s0.w, s0nl); Z2(s0.t, s0nl); F2(b0.w, b0nl); F2(b0.t, b0nl);
    F3(s1.t, s0.t, s0nl);
    /* label sets */
    Z2(s0.w, s0ls); Z2(s0.t, s0ls); R2(s0.w, s0rs); R2(s0.t, s0rs); F2(b0.w, b0ls); F2(b0.t, b0ls);
    F3(s1.t, s1rs, s0.t); R3(s0.t, s0ls, s0rs);
    /* suffix/prefix of the top words */
    Z2(is0 >= 0 ? w[is0].hsuf[2] : NONE_W, s0.t); B2((size_t)ib0 < s->n ? w[ib0].hsuf[2] : NONE_W, b0.t);
    F3(is0 >= 0 ? w[is0].hsuf[1] : NONE_W, (size_t)ib0 < s->n ? w[ib0].hsuf[1] : NONE_W, s0.t ^ (b0.t << 16));
    if (cl) {
        uint32_t cs0 = clus_at(s, cl, is0), cs1 = clus_at(s, cl, is1), cb0 = clus_at(s, cl, ib0);
        uint32_t cb1 = clus_at(s, cl, ib1);
        uint32_t fs0 = cs0 >> 16, fs1 = cs1 >> 16, fb0 = cb0 >> 16, fb1 = cb1 >> 16;
        uint32_t ks0 = cs0 & 0xFFFF, ks1 = cs1 & 0xFFFF, kb0 = cb0 & 0xFFFF, kb1 = cb1 & 0xFFFF;
        Z2(fs0, s0.t); B2(fb0, b0.t); O2(fs1, s1.t); B2(fb1, b1.t);
        F2(fs0, fb0); F3(fs0, s0.t, b0.t); F3(s0.t, fb0, b0.t);
        F2(fs1, fs0); F3(fs1, s1.t, s0.t); F3(s1.t, fs0, s0.t);
        F3(ks0, kb0, kb1); F3(ks1, ks0, kb0); F3(ks0, kb0, d0);
    }
#undef G3
#undef F1
#undef F2
#undef F3
#undef B1
#undef B2
#undef B3
#undef Z1
#undef Z2
#undef Z3
#undef R1
#undef R2
#undef R3
#undef O1
#undef O2
#undef T1
#undef T2
#undef GI
    for (unsigned g = 0; g < G_N; g++) {
        nout[g] = kk[g];
        if (batch && kk[g]) dy_feat3_batch(xt + xo[g], xa + xo[g], xb + xo[g], xc + xo[g], kk[g], out[g]);
    }
}

/* The keys hashed one at a time inline, or (batch: where dy_feat3_batch
 * has eight-wide multiplies) gathered first and hashed in one batch: the
 * same keys. */
static void feats_split(const pstate *s, const dy_pword *w, const uint32_t *cl, uint64_t *const *out,
                        size_t *nout, unsigned want, bool flat, bool batch) {
    if (flat) {
        if (batch) feats_of(s, w, cl, out, nout, want, true, true);
        else feats_of(s, w, cl, out, nout, want, true, false);
    } else {
        if (batch) feats_of(s, w, cl, out, nout, want, false, true);
        else feats_of(s, w, cl, out, nout, want, false, false);
    }
}

/* MARK: - split model: the label of an arc
 *
 * The split model chooses the move (SHIFT, LEFT, RIGHT, per label group)
 * with the features above and, when the move makes an arc, its label with
 * these 52 (45 without word classes): the head h (b0 for LEFT, s1 for
 * RIGHT), the dependent d (s0, whose own dependents are all attached by
 * then), the other candidate head o, their children, label sets,
 * neighbours, suffixes and distance.  Every template is conjoined with the
 * direction. */
enum { LABEL_MAXF = 64 };

static size_t label_feats(const pstate *s, const dy_pword *w, const uint32_t *cl, bool left, uint64_t *f) {
    int32_t id = s->stack[s->sp - 1];
    int32_t ih = left ? (int32_t)s->b : s->stack[s->sp - 2];
    int32_t io = left ? (s->sp >= 2 ? s->stack[s->sp - 2] : -1) : (int32_t)s->b;  /* the other candidate head */
    ptok d = tok_at(s, w, id), h = tok_at(s, w, ih), o = tok_at(s, w, io);
    ptok dl = tok_at(s, w, s->lc1[id]), dr = tok_at(s, w, s->rc1[id]);
    ptok dm1 = tok_at(s, w, id > 0 ? id - 1 : -1), dp1 = tok_at(s, w, id + 1 < (int32_t)s->n ? id + 1 : -1);
    ptok hc = tok_at(s, w, left ? s->lc1[ih] : s->rc1[ih]);
    uint64_t hset = left ? s->lset[ih] : s->rset[ih];
    uint32_t dist = dist_bucket(ih - id);
    uint32_t dnl = s->nl[id], dnr = s->nr[id];
    size_t k = 0;
    uint32_t t = left ? 0 : 1;  /* template id: 2 x its place in this list + direction */
#define L1(a) f[k++] = dy_feat3((t += 2) | 0x4000u, (a), 0, 0)
#define L2(a, b) f[k++] = dy_feat3((t += 2) | 0x4000u, (a), (b), 0)
#define L3(a, b, c) f[k++] = dy_feat3((t += 2) | 0x4000u, (a), (b), (c))
    L1(d.w); L1(d.t); L2(d.w, d.t);
    L1(h.w); L1(h.t); L2(h.w, h.t);
    L2(h.t, d.t); L2(h.w, d.t); L2(h.t, d.w); L2(h.w, d.w);
    L3(h.t, d.t, dist); L2(d.w, dist); L3(h.w, d.t, dist);
    L2(d.t, dl.l); L2(d.t, dr.l); L3(d.t, dl.t, dr.t); L3(h.t, dl.w, d.t); L2(dl.w, d.t);
    L3(h.t, d.t, s->lset[id]); L3(h.t, d.t, s->rset[id]);
    L2(h.t, hset); L3(h.t, d.t, hset); L3(h.t, d.t, hc.l);
    L3(h.t, d.t, dm1.t); L3(h.t, d.t, dp1.t); L2(dm1.w, d.t);
    L3(h.t, d.t, o.t); L3(d.t, dnl, dnr);
    L2(id >= 0 ? w[id].hsuf[2] : NONE_W, d.t); L3(id >= 0 ? w[id].hsuf[2] : NONE_W, h.t, d.t);
    {
        ptok dl2 = tok_at(s, w, s->lc2[id]), dr2 = tok_at(s, w, s->rc2[id]);
        ptok hm1 = tok_at(s, w, ih > 0 ? ih - 1 : -1), hp1 = tok_at(s, w, ih + 1 < (int32_t)s->n ? ih + 1 : -1);
        uint64_t hother = left ? s->rset[ih] : s->lset[ih];
        L2(dr.w, d.t); L2(h.w, dl.w); L3(h.w, dl.w, d.t); L2(o.w, d.t); L3(o.w, h.t, d.t);
        L3(h.t, d.t, hp1.t); L3(h.t, d.t, hm1.t); L3(h.t, d.t, hother); L3(h.w, d.t, hother);
        L2(ih < (int32_t)s->n ? w[ih].hsuf[2] : NONE_W, d.t); L3(d.t, dl.l, dl2.l); L3(d.t, dr.l, dr2.l);
        L3(d.w, dl.l, dr.l); L3(dm1.t, dp1.t, d.t); L3(h.t, d.w, dist);
    }
    if (cl) {
        uint32_t cd = clus_at(s, cl, id), ch = clus_at(s, cl, ih);
        uint32_t fd = cd >> 16, fh = ch >> 16;
        L2(fd, d.t); L2(fh, h.t); L2(fh, fd); L3(fh, d.t, h.t); L3(h.t, fd, d.t);
        L3(ch & 0xFFFF, cd & 0xFFFF, dist); L2(fh, d.w);
    }
#undef L1
#undef L2
#undef L3
    return k;
}

/* All the features (for training), in template order with the buffer's
 * words' last. */
static size_t parser_feats(const pstate *s, const dy_pword *w, const uint32_t *cl, uint64_t *f) {
    uint64_t fb[PARSER_MAXF];
    uint64_t *out[G_N] = {f, fb, NULL, NULL, NULL, NULL};
    size_t nout[G_N];
    feats_split(s, w, cl, out, nout, ~0u, true, false);
    memcpy(f + nout[G_STATE], fb, nout[G_B] * sizeof *fb);
    return nout[G_STATE] + nout[G_B];
}

/* MARK: - runtime */

bool dy_parser_load(dy_parser *p, const dy_pm_sec *secs, size_t nsec, const char **why) {
    memset(p, 0, sizeof *p);
    size_t mn, wn;
    const char *meta = dy_pm_find(secs, nsec, DY_SEC_META, &mn);
    const void *wt = dy_pm_find(secs, nsec, DY_SEC_WEIGHTS, &wn);
    if (!meta || !wt) { *why = "missing parser section"; return false; }
    size_t pos = 0;
    while (pos < mn) {
        size_t e = pos;
        while (e < mn && meta[e] != '\n') e++;
        int d = dy_deprel_find((dy_str){meta + pos, e - pos});
        if (!d || p->nlab >= 127) { *why = "bad label table"; return false; }
        p->lab[p->nlab++] = (uint8_t)d;
        pos = e + 1;
    }
    if (!p->nlab || p->lab[0] != DY_DEP_ROOT) { *why = "label table must start with root"; return false; }
    if (!dy_pw_view(&p->pw, wt, wn, why)) return false;
    size_t ln;
    const void *lt = dy_pm_find(secs, nsec, DY_SEC_LABEL_WEIGHTS, &ln);
    if (lt) {
        /* split model: moves SHIFT, LEFT, RIGHT (x 1 or 3 label groups);
         * labels scored on arcs */
        if (!dy_pw_view(&p->lw, lt, ln, why)) return false;
        if (p->pw.nclass != 3 && p->pw.nclass != 7) { *why = "move weights must have 3 or 7 classes"; return false; }
        if (p->lw.nclass != p->nlab) { *why = "label count does not match label weights"; return false; }
        p->split = true;
    } else if (p->pw.nclass != 1 + 2 * p->nlab) {
        *why = "label count does not match weights";
        return false;
    }
    size_t cn;
    const void *ct = dy_pm_find(secs, nsec, DY_SEC_CLUSTERS, &cn);
    if (ct && !dy_clusters_view(&p->clus, ct, cn, why)) return false;
    return true;
}

static uint32_t best_legal(const pstate *s, const float *sc, uint32_t ncls) {
    uint32_t best = UINT32_MAX;
    for (uint32_t c = 0; c < ncls; c++) {
        if (!legal(s, c, 0)) continue;
        if (best == UINT32_MAX || sc[c] > sc[best]) best = c;
    }
    return best;
}

/* best_legal on the integer sums of packed tables (the same choice: the
 * float scores are those sums times 256, exact below 2^24), with the
 * legality of the classes (see legal()) worked out once per state: SHIFT
 * while the buffer has words, LEFT with a label other than root (odd
 * classes from 3) while it has words, the root arc (class 1) when only
 * ROOT is left and one word is on the stack, RIGHT with a label other than
 * root (even classes from 4) with two words on the stack.  Ties go to the
 * lowest class, as in best_legal. */
static uint32_t best_legal_int(const pstate *s, const int32_t *acc, uint32_t ncls) {
    bool buf = s->b < s->n, okl = s->sp >= 1 && buf, okr = s->sp >= 2, root = s->sp == 1 && !buf;
    /* the largest legal sum first (loops the compiler vectorizes), then
     * the lowest legal class that has it */
    uint32_t c0 = okl ? 3 : 4, step = okl && okr ? 1 : 2;
    bool arcs = (okl || okr) && c0 < ncls, any = buf || root || arcs;
    if (!any) return UINT32_MAX;
    int32_t m = INT32_MIN;
    if (buf) m = acc[0];
    if (root && acc[1] > m) m = acc[1];
    if (arcs && step == 1)
        for (uint32_t c = 3; c < ncls; c++) m = acc[c] > m ? acc[c] : m;
    else if (arcs)
        for (uint32_t c = c0; c < ncls; c += 2) m = acc[c] > m ? acc[c] : m;
    if (buf && acc[0] == m) return 0;
    if (root && acc[1] == m) return 1;
    uint32_t c = c0;
    if (step == 1)
        while (c + 4 <= ncls && !((acc[c] == m) | (acc[c + 1] == m) | (acc[c + 2] == m) | (acc[c + 3] == m))) c += 4;
    while (acc[c] != m) c += step;
    return c;
}

/* The label group of a split model's move classes (SHIFT, then LEFT and
 * RIGHT for each group): with one group the moves are SHIFT, LEFT, RIGHT;
 * with three, core arguments and obliques, function words and modifiers,
 * clauses and the rest. */
static uint32_t label_group(uint8_t deprel, uint32_t ngroup) {
    if (ngroup < 3) return 0;
    static const char *const g0[] = {"nsubj", "nsubj:pass", "nsubj:outer", "obj", "iobj", "csubj", "csubj:pass",
                                     "csubj:outer", "expl", "obl", "obl:unmarked", "obl:agent", "obl:npmod",
                                     "obl:tmod", "nmod", "nmod:unmarked", "nmod:desc", "nmod:npmod", "nmod:tmod", NULL};
    static const char *const g1[] = {"det", "det:predet", "det:poss", "case", "mark", "cc", "cc:preconj", "aux",
                                     "aux:pass", "cop", "punct", "amod", "advmod", "nummod", "compound",
                                     "compound:prt", "flat", "flat:foreign", "fixed", "goeswith", "discourse",
                                     "nmod:poss", NULL};
    const char *name = dy_deprel_names[deprel];
    for (const char *const *x = g0; *x; x++)
        if (!strcmp(name, *x)) return 0;
    for (const char *const *x = g1; *x; x++)
        if (!strcmp(name, *x)) return 1;
    return 2;
}

/* The move of the split model among the legal ones (ties to the lowest):
 * SHIFT while the buffer has words, LEFT while it has words or (the root
 * arc) when only ROOT is left with one word on the stack, RIGHT with two
 * words on the stack. */
static uint32_t best_move(const pstate *s, const int32_t *acc, uint32_t ncls) {
    bool buf = s->b < s->n;
    bool okl = s->sp >= 1 && (buf || s->sp == 1), okr = s->sp >= 2;
    uint32_t best = UINT32_MAX;
    for (uint32_t c = 0; c < ncls; c++) {
        bool ok = c == 0 ? buf : (c & 1) ? okl : okr;
        if (ok && (best == UINT32_MAX || acc[c] > acc[best])) best = c;
    }
    return best;
}

/* The direction of a move class: 0 SHIFT, 1 LEFT, 2 RIGHT. */
static inline uint32_t move_dir(uint32_t c) { return c == 0 ? 0 : (c & 1) ? 1 : 2; }

/* The label of the arc that move makes: root for the arc to ROOT, else the
 * best label other than root (ties to the lowest). */
static uint32_t best_label(const int32_t *acc, uint32_t nlab) {
    if (nlab < 2) return 0;
    uint32_t best = 1;
    for (uint32_t l = 2; l < nlab; l++)
        if (acc[l] > acc[best]) best = l;
    return best;
}

/* The joint class of a split move and label (see apply). */
static inline uint32_t joint_class(uint32_t mv, uint32_t l) { return mv == 0 ? 0 : mv == 1 ? 1 + 2 * l : 2 + 2 * l; }

/* Scores of a table on features f: packed integer sums, or the file's
 * records (a table not packed: dy_pw_check passed) rounded the same way. */
static void score_int(const dy_pw *pw, const uint64_t *f, size_t nf, int32_t *acc) {
    if (pw->prec || pw->inl) {
        dy_pw_add(pw, f, nf, acc);
        return;
    }
    float sc[256];
    memset(sc, 0, pw->nclass * sizeof *sc);
    dy_pw_score(pw, f, nf, sc);
    for (uint32_t c = 0; c < pw->nclass; c++) {
        float v = sc[c] / 256.0f;
        acc[c] += v > 1e9f ? 1000000000 : v < -1e9f ? -1000000000 : (int32_t)v;
    }
}

static bool run_split(const dy_parser *p, pstate *s, const dy_pword *w, size_t n, const uint32_t *cl,
                      int32_t *head, uint8_t *deprel, bool batch) {
    uint64_t f[PARSER_MAXF], fb[PARSER_MAXF], fl[LABEL_MAXF];
    int32_t accb[256], acc[256], lacc[256];
    uint32_t nlab = p->nlab, nl8 = (p->lw.nclass + 7) & ~7u;
    size_t lastb = SIZE_MAX;
    while (!terminal(s)) {
        uint32_t mv;
        if (s->sp == 0) mv = 0;
        else if (s->b == n && s->sp == 1) mv = 1;
        else {
            uint64_t *out[G_N] = {f, fb, NULL, NULL, NULL, NULL};
            size_t no[G_N];
            feats_split(s, w, cl, out, no, s->b != lastb ? 1u << G_B : 0, true, batch);
            size_t nb = no[G_B], nf = no[G_STATE];
            if (s->b != lastb) {
                memset(accb, 0, 8 * sizeof *accb);
                score_int(&p->pw, fb, nb, accb);
                lastb = s->b;
            }
            memcpy(acc, accb, 8 * sizeof *acc);
            score_int(&p->pw, f, nf, acc);
            mv = best_move(s, acc, p->pw.nclass);
            if (mv == UINT32_MAX) return false;
            mv = move_dir(mv);
        }
        uint32_t l = 0;     /* root for the arc to ROOT */
        if (mv == 2 || (mv == 1 && s->b < n)) {
            size_t nf = label_feats(s, w, cl, mv == 1, fl);
            memset(lacc, 0, nl8 * sizeof *lacc);
            score_int(&p->lw, fl, nf, lacc);
            l = best_label(lacc, nlab);
        }
        apply(s, joint_class(mv, l));
    }
    for (size_t i = 0; i < n; i++) {
        int32_t h = s->head[i];
        head[i] = (h < 0 || h == (int32_t)n) ? -1 : h;
        deprel[i] = p->lab[s->lab[i] < p->nlab ? s->lab[i] : 0];
    }
    return true;
}

/* The sums of a stack word's own groups (G_S0 .. G_S2), kept for reuse:
 * 32 rows per group (16 past 128 classes), direct-mapped on the word's
 * index (the words near the top of the stack are near each other in the
 * sentence; 16 rows give 0.4% more instructions on VOA), a row
 * valid while its tag is the word's index and key for that group (its
 * dependent counts; see cache_key).  Words whose counts reached 255 (they
 * no longer count) are not kept.  Index n + 1 is for no word (s1 or s2
 * empty). */
enum { NCACHE = G_N - G_S0, CACHE_ROWS = NCACHE * 16 * 256 };

static uint32_t cache_key(const pstate *s, int32_t i, unsigned g) {
    if (i < 0 || g == G_S2) return 1;
    if (s->nl[i] == 255 || s->nr[i] == 255) return 0;
    return g == G_S0 ? 1u + s->nl[i] : 1u + ((uint32_t)s->nl[i] << 8 | s->nr[i]);
}

/* acc = b + the NCACHE rows r, nc8 (a multiple of 8) sums: eight at a
 * time (with AVX2 where the table's scoring uses it). */
typedef int32_t pv8i __attribute__((vector_size(32)));
#define SUM_ROWS_BODY                                                                       \
    for (uint32_t c = 0; c < nc8; c += 8) {                                                 \
        pv8i x, y;                                                                          \
        memcpy(&x, b + c, sizeof x);                                                        \
        for (unsigned g = 0; g < NCACHE; g++) {                                             \
            memcpy(&y, r[g] + c, sizeof y);                                                 \
            x += y;                                                                         \
        }                                                                                   \
        memcpy(acc + c, &x, sizeof x);                                                      \
    }
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PARSER_AVX2 1
__attribute__((target("avx2"))) static void sum_rows_avx2(int32_t *restrict acc, const int32_t *restrict b,
                                                         const int32_t *const *r, uint32_t nc8) {
    SUM_ROWS_BODY
}
#endif
static void sum_rows_base(int32_t *restrict acc, const int32_t *restrict b, const int32_t *const *r,
                          uint32_t nc8) {
    SUM_ROWS_BODY
}

static void sum_rows(int32_t *acc, const int32_t *b, const int32_t *const *r, uint32_t nc8, bool avx2) {
#ifdef PARSER_AVX2
    if (avx2) {
        sum_rows_avx2(acc, b, r, nc8);
        return;
    }
#endif
    (void)avx2;
    sum_rows_base(acc, b, r, nc8);
}

/* The joint model on packed tables: acc = the sums of the buffer's words
 * (accb, kept while b stays), of s0, s1 and s2 alone (the cache), and of
 * the rest of the state. */
static bool run_joint_packed(const dy_parser *p, pstate *s, const dy_pword *w, size_t n, const uint32_t *cl,
                             bool batch) {
    uint64_t f[PARSER_MAXF], fb[PARSER_MAXF], fz[NCACHE][PARSER_MAXF];
    int32_t accb[256], acc[256];
    uint32_t ncls = p->pw.nclass, nc8 = (ncls + 7) & ~7u;
    const uint32_t ways = nc8 <= 128 ? 32 : 16;
    int32_t crow[CACHE_ROWS];   /* NCACHE x ways rows of nc8 */
    uint64_t ctag[NCACHE * 32];
    memset(ctag, 0, sizeof ctag);
    size_t lastb = SIZE_MAX;
    while (!terminal(s)) {
        /* one legal move needs no scores: SHIFT on an empty stack, the
         * root arc when only ROOT is left in the buffer */
        if (s->sp == 0) { apply(s, 0); continue; }
        if (s->b == n && s->sp == 1) { apply(s, 1); continue; }
        uint64_t tag[NCACHE];
        size_t at[NCACHE];
        int32_t *rows[NCACHE];
        unsigned want = s->b != lastb || p->nokeep ? 1u << G_B : 0;
        for (unsigned g = 0; g < NCACHE; g++) {
            unsigned d = g < 2 ? 0 : g - 1;    /* s0 for G_S0 and G_S0R, s1, s2 */
            int32_t i = s->sp > d ? s->stack[s->sp - 1 - d] : -1;
            uint64_t id = i < 0 ? n + 1 : (size_t)i;
            uint32_t key = cache_key(s, i, G_S0 + g);
            at[g] = g * ways + (id & (ways - 1));
            rows[g] = crow + at[g] * nc8;
            tag[g] = key ? id << 32 | key : 0;
            if (!key || ctag[at[g]] != tag[g] || p->nokeep) want |= 1u << (G_S0 + g);
        }
        uint64_t *out[G_N] = {f, fb, fz[0], fz[1], fz[2], fz[3]};
        size_t no[G_N];
        feats_split(s, w, cl, out, no, want, false, batch);
        if (want & (1u << G_B)) {
            memset(accb, 0, nc8 * sizeof *accb);
            dy_pw_add(&p->pw, fb, no[G_B], accb);
            lastb = s->b;
        }
        for (unsigned g = 0; g < NCACHE; g++) {
            if (!(want & (1u << (G_S0 + g)))) continue;
            memset(rows[g], 0, nc8 * sizeof *rows[g]);
            dy_pw_add(&p->pw, fz[g], no[G_S0 + g], rows[g]);
            ctag[at[g]] = tag[g];
        }
        sum_rows(acc, accb, (const int32_t *const *)rows, nc8, p->pw.avx2);
        dy_pw_add(&p->pw, f, no[G_STATE], acc);
        uint32_t c = best_legal_int(s, acc, ncls);
        if (c == UINT32_MAX) return false;
        apply(s, c);
    }
    return true;
}

bool dy_parser_run(const dy_parser *p, dy_arena *ar, const dy_pword *w, size_t n, int32_t *head,
                   uint8_t *deprel) {
    pstate s;
    if (!state_alloc(&s, ar, n)) return false;
    state_init(&s);
    uint64_t f[PARSER_MAXF], fb[PARSER_MAXF];
    float sc[256];
    uint32_t ncls = p->pw.nclass;
    uint32_t *cl = NULL;
    const bool batch = dy_feat3_batch_wide();
    if (p->clus.size) {
        cl = dy_arena_alloc(ar, (n + 1) * sizeof *cl);
        if (!cl) return false;
        for (size_t i = 0; i < n; i++) cl[i] = dy_clusters_get(&p->clus, w[i].hl);
    }
    if (p->split) return run_split(p, &s, w, n, cl, head, deprel, batch);
    if (p->pw.prec) {
        if (!run_joint_packed(p, &s, w, n, cl, batch)) return false;
    } else {
        while (!terminal(&s)) {
            if (s.sp == 0) { apply(&s, 0); continue; }
            if (s.b == n && s.sp == 1) { apply(&s, 1); continue; }
            uint64_t *out[G_N] = {f, fb, NULL, NULL, NULL, NULL};
            size_t no[G_N];
            feats_split(&s, w, cl, out, no, 1u << G_B, true, batch);
            memcpy(f + no[G_STATE], fb, no[G_B] * sizeof *fb);
            memset(sc, 0, ncls * sizeof *sc);
            dy_pw_score(&p->pw, f, no[G_STATE] + no[G_B], sc);
            uint32_t c = best_legal(&s, sc, ncls);
            if (c == UINT32_MAX) return false;
            apply(&s, c);
        }
    }
    for (size_t i = 0; i < n; i++) {
        int32_t h = s.head[i];
        head[i] = (h < 0 || h == (int32_t)n) ? -1 : h;
        deprel[i] = p->lab[s.lab[i] < p->nlab ? s.lab[i] : 0];
    }
    return true;
}

/* MARK: - training */

typedef struct psent {
    dy_pword *w;
    uint32_t *cl;               /* word classes (NULL without clusters) */
    int32_t *g;                 /* gold heads, n = ROOT */
    uint8_t *gl;                /* gold label index */
    size_t n;
    bool proj;
} psent;

static bool eval_dev(const dy_parser *p, dy_arena *ar, const psent *v, size_t ns, double *uas, double *las) {
    size_t tot = 0, u = 0, l = 0;
    for (size_t i = 0; i < ns; i++) {
        const psent *x = &v[i];
        int32_t *h = dy_arena_alloc(ar, (x->n + 1) * sizeof *h);
        uint8_t *d = dy_arena_alloc(ar, x->n + 1);
        if (!h || !d || !dy_parser_run(p, ar, x->w, x->n, h, d)) return false;
        for (size_t k = 0; k < x->n; k++) {
            if (x->w[k].upos == DY_UPOS_PUNCT && 0) continue;
            int32_t gh = x->g[k] == (int32_t)x->n ? -1 : x->g[k];
            tot++;
            if (h[k] == gh) {
                u++;
                if (d[k] == p->lab[x->gl[k]]) l++;
            }
        }
    }
    *uas = tot ? 100.0 * (double)u / (double)tot : 0;
    *las = tot ? 100.0 * (double)l / (double)tot : 0;
    return true;
}

static psent *parser_views(const dy_conllu *c, dy_arena *ar, const uint8_t *labidx,
                           const dy_tagger *tagger, const dy_clusters *clus) {
    psent *v = calloc(c->ns ? c->ns : 1, sizeof *v);
    if (!v) return NULL;
    for (size_t i = 0; i < c->ns; i++) {
        const dy_csent *s = &c->s[i];
        size_t n = s->nw;
        dy_str *forms = dy_arena_alloc(ar, (n + 1) * sizeof *forms);
        v[i].w = dy_arena_alloc(ar, (n + 1) * sizeof(dy_pword));
        v[i].g = dy_arena_alloc(ar, (n + 1) * sizeof(int32_t));
        v[i].gl = dy_arena_alloc(ar, n + 1);
        if (!forms || !v[i].w || !v[i].g || !v[i].gl) { free(v); return NULL; }
        for (size_t k = 0; k < n; k++) forms[k] = s->w[k].form;
        dy_pwords_init(ar, v[i].w, forms, n);
        v[i].n = n;
        v[i].proj = dy_csent_projective(s);
        for (size_t k = 0; k < n; k++) {
            v[i].w[k].xpos = s->w[k].xpos;
            v[i].w[k].upos = s->w[k].upos;
            v[i].g[k] = s->w[k].head < 0 ? (int32_t)n : s->w[k].head;
            v[i].gl[k] = labidx[s->w[k].deprel];
        }
        v[i].g[n] = -1;
        v[i].cl = NULL;
        if (clus->size) {
            v[i].cl = dy_arena_alloc(ar, (n + 1) * sizeof(uint32_t));
            if (!v[i].cl) { free(v); return NULL; }
            for (size_t k = 0; k < n; k++) v[i].cl[k] = dy_clusters_get(clus, v[i].w[k].hl);
        }
        if (tagger) dy_tagger_run(tagger, v[i].w, n);
    }
    return v;
}

/* Replace the gold tags of the training views by tags predicted by taggers
 * trained on the other folds (sentence i is in fold i % K). */
static bool jackknife_tags(const dy_conllu *train, psent *tv, const dy_train_opts *o, const char *out_path,
                           char *why, size_t whyn) {
    int K = o->jackknife;
    char tmp[1200];
    snprintf(tmp, sizeof tmp, "%s.jackknife.tmp", out_path);
    dy_csent *sub = malloc((train->ns ? train->ns : 1) * sizeof *sub);
    if (!sub) { snprintf(why, whyn, "out of memory"); return false; }
    size_t right = 0, total = 0;
    for (int k = 0; k < K; k++) {
        dy_conllu c;
        memset(&c, 0, sizeof c);
        c.s = sub;
        for (size_t i = 0; i < train->ns; i++)
            if ((int)(i % (size_t)K) != k) { sub[c.ns++] = train->s[i]; c.nwords += train->s[i].nw; }
        dy_train_opts to = *o;
        to.epochs = o->tagger_epochs > 0 ? o->tagger_epochs : 8;
        to.min_count = 1;
        to.log = NULL;
        to.version = "jackknife";
        if (!dy_tagger_train(&c, NULL, &to, tmp, why, whyn)) { free(sub); return false; }
        char *bytes = NULL;
        size_t n = 0;
        dy_pm_sec secs[8];
        size_t nsec;
        char ver[41];
        const char *w2 = NULL;
        dy_tagger tg;
        bool ok = dy_read_file(dyad_default_allocator(), tmp, &bytes, &n) == DYAD_OK &&
                  dy_pm_read(bytes, n, DY_PM_TAGGER, secs, 8, &nsec, ver, why, whyn) &&
                  dy_tagger_load(&tg, secs, nsec, &w2) && dy_pw_check(&tg.pw, &w2);
        if (!ok) {
            if (w2) snprintf(why, whyn, "jackknife tagger: %s", w2);
            free(bytes);
            free(sub);
            remove(tmp);
            return false;
        }
        for (size_t i = (size_t)k; i < train->ns; i += (size_t)K) {
            dy_tagger_run(&tg, tv[i].w, tv[i].n);
            for (size_t j = 0; j < tv[i].n; j++) {
                total++;
                right += tv[i].w[j].upos == train->s[i].w[j].upos;
            }
        }
        free(bytes);
        remove(tmp);
        if (o->log) o->log(o->logud, "jackknife fold %d/%d tagged", k + 1, K);
    }
    if (o->log)
        o->log(o->logud, "jackknife: training UPOS accuracy %.2f", total ? 100.0 * (double)right / (double)total : 0.0);
    free(sub);
    return true;
}

/* One move of training the split model (dynamic oracle, as the joint
 * model): the move classifier learns the unlabelled costs; on an arc whose
 * head is right the label classifier learns the gold label.  After the
 * first epoch the predicted move (and label) is followed nine times in ten
 * when wrong. */
static bool train_split_step(pstate *s, const psent *x, dy_pwt *pwt, dy_pwt *lwt, const uint8_t *grp, int ep,
                             uint32_t min_count,
                             uint64_t *rng, uint64_t *f, uint64_t *fl, float *sc, float *lsc, size_t *steps,
                             size_t *right, size_t *lsteps, size_t *lright) {
    size_t n = x->n;
    uint32_t mv;
    if (s->sp == 0) mv = 0;
    else if (s->b == n && s->sp == 1) mv = 1;
    else {
        size_t nf = parser_feats(s, x->w, x->cl, f);
        memset(sc, 0, pwt->nclass * sizeof *sc);
        dy_pwt_score(pwt, f, nf, sc);
        if (ep == 0 && min_count > 1 && !dy_pwt_count(pwt, f, nf)) return false;
        int cl, cr, csh;
        arc_costs(s, x->g, &cl, &cr, &csh);
        bool buf = s->b < n;
        bool okl = s->sp >= 1 && (buf || s->sp == 1), okr = s->sp >= 2;
        int32_t d0 = s->stack[s->sp - 1];
        uint32_t gg = grp[x->gl[d0]];
        int cost[256];
        uint32_t pred = UINT32_MAX, gold = UINT32_MAX;
        for (uint32_t c = 0; c < pwt->nclass; c++) {
            bool ok = c == 0 ? buf : (c & 1) ? okl : okr;
            if (!ok) continue;
            uint32_t g = (c - 1) / 2;
            cost[c] = c == 0 ? csh : (c & 1) ? cl + (x->g[d0] == (int32_t)s->b && gg != g)
                                             : cr + (x->g[d0] == s->stack[s->sp - 2] && gg != g);
            if (pred == UINT32_MAX || sc[c] > sc[pred]) pred = c;
            if (cost[c] == 0 && (gold == UINT32_MAX || sc[c] > sc[gold])) gold = c;
        }
        if (gold == UINT32_MAX) { /* cannot happen on projective trees */
            s->b = n;
            s->sp = 0;
            return true;
        }
        (*steps)++;
        if (cost[pred] > 0) {
            if (!dy_pwt_update(pwt, f, nf, gold, 1.0f) || !dy_pwt_update(pwt, f, nf, pred, -1.0f)) return false;
        } else {
            (*right)++;
        }
        dy_pwt_tick(pwt);
        mv = gold;
        if (cost[pred] == 0) mv = pred;
        else if (ep > 0 && (dy_prng(rng) % 10) < 9) mv = pred;
        mv = move_dir(mv);
    }
    uint32_t l = 0;
    if (mv == 2 || (mv == 1 && s->b < n)) {
        bool left = mv == 1;
        int32_t d = s->stack[s->sp - 1], h = left ? (int32_t)s->b : s->stack[s->sp - 2];
        size_t nf = label_feats(s, x->w, x->cl, left, fl);
        memset(lsc, 0, lwt->nclass * sizeof *lsc);
        dy_pwt_score(lwt, fl, nf, lsc);
        if (ep == 0 && min_count > 1 && !dy_pwt_count(lwt, fl, nf)) return false;
        uint32_t pl = 1;
        for (uint32_t c = 2; c < lwt->nclass; c++)
            if (lsc[c] > lsc[pl]) pl = c;
        l = pl;
        if (x->g[d] == h) {
            uint32_t gl = x->gl[d];
            (*lsteps)++;
            if (gl != pl && gl != 0) {
                if (!dy_pwt_update(lwt, fl, nf, gl, 1.0f) || !dy_pwt_update(lwt, fl, nf, pl, -1.0f)) return false;
                if (ep == 0 || (dy_prng(rng) % 10) >= 9) l = gl;
            } else {
                (*lright)++;
            }
            dy_pwt_tick(lwt);
        }
    }
    apply(s, joint_class(mv, l));
    return true;
}

/* The dev scores of the tables as they stand (unpruned), as a log suffix. */
static bool dev_extra(const dy_pwt *pwt, const dy_pwt *lwt, const dy_train_opts *o, const uint8_t *lab,
                      uint32_t nlab, const dy_clusters *clus, const psent *dv, size_t ns, bool predicted,
                      dy_arena *sar, dy_buf *wbuf, dy_buf *lbuf, char *extra, size_t en) {
    dy_buf_clear(wbuf);
    dy_buf_clear(lbuf);
    if (!dy_pwt_serialize(pwt, 0, o->min_count, wbuf) || (o->split && !dy_pwt_serialize(lwt, 0, o->min_count, lbuf)))
        return false;
    dy_parser p;
    const char *w2;
    memset(&p, 0, sizeof p);
    p.split = o->split;
    if (dy_pw_view(&p.pw, wbuf->p, wbuf->n, &w2) && dy_pw_check(&p.pw, &w2) &&
        (!o->split || (dy_pw_view(&p.lw, lbuf->p, lbuf->n, &w2) && dy_pw_check(&p.lw, &w2)))) {
        p.nlab = nlab;
        p.clus = *clus;
        memcpy(p.lab, lab, nlab);
        double uas = 0, las = 0;
        dy_arena_reset(sar);
        eval_dev(&p, sar, dv, ns, &uas, &las);
        snprintf(extra, en, "; dev UAS %.2f LAS %.2f%s", uas, las, predicted ? " (predicted tags)" : " (gold tags)");
    }
    return true;
}

bool dy_parser_train(const dy_conllu *train, const dy_conllu *dev, const dy_train_opts *o,
                     const char *out_path, char *why, size_t whyn) {
    int epochs = o->epochs;
    const char *tagger_path = o->tagger_path;
    dy_plog log = o->log;
    void *logud = o->logud;
    /* Labels: root first, then every other relation of the table. */
    uint8_t labidx[256];
    uint8_t lab[128];
    uint32_t nlab = 0;
    memset(labidx, 0, sizeof labidx);
    lab[nlab] = DY_DEP_ROOT;
    labidx[DY_DEP_ROOT] = (uint8_t)nlab++;
    for (size_t d = 1; d < dy_deprel_count && nlab < 127; d++) {
        if (d == DY_DEP_ROOT) continue;
        lab[nlab] = (uint8_t)d;
        labidx[d] = (uint8_t)nlab++;
    }
    uint32_t ngroup = o->split ? o->split : 1;
    uint8_t grp[128];
    for (uint32_t l = 0; l < nlab; l++) grp[l] = (uint8_t)label_group(lab[l], ngroup);
    uint32_t ncls = o->split ? 1 + 2 * ngroup : 1 + 2 * nlab;
    dy_arena ar;
    dy_arena_init(&ar, dyad_default_allocator());
    dy_pwt pwt, lwt;
    memset(&pwt, 0, sizeof pwt);
    memset(&lwt, 0, sizeof lwt);
    dy_buf wbuf, lbuf, meta;
    dy_buf_init(&wbuf, dyad_default_allocator());
    dy_buf_init(&lbuf, dyad_default_allocator());
    dy_buf_init(&meta, dyad_default_allocator());
    bool ok = false;
    char *tbytes = NULL;
    size_t tn = 0;
    dy_tagger tagger, *tg = NULL;
    if (tagger_path) {
        dy_pm_sec secs[8];
        size_t nsec;
        char ver[41];
        const char *w2 = NULL;
        if (dy_read_file(dyad_default_allocator(), tagger_path, &tbytes, &tn) != DYAD_OK ||
            !dy_pm_read(tbytes, tn, DY_PM_TAGGER, secs, 8, &nsec, ver, why, whyn) ||
            !dy_tagger_load(&tagger, secs, nsec, &w2) || !dy_pw_check(&tagger.pw, &w2)) {
            if (w2) snprintf(why, whyn, "%s: %s", tagger_path, w2);
            else if (!tbytes) snprintf(why, whyn, "cannot read %s", tagger_path);
            free(tbytes);
            return false;
        }
        tg = &tagger;
    }
    psent *tv = NULL, *dv = NULL;
    size_t *order = NULL;
    dy_buf cbuf;
    dy_buf_init(&cbuf, dyad_default_allocator());
    dy_clusters clus;
    memset(&clus, 0, sizeof clus);
    if (!dy_clusters_load_tsv(o->clusters_path, &cbuf, &clus, why, whyn)) goto done;
    tv = parser_views(train, &ar, labidx, NULL, &clus);
    dv = dev ? parser_views(dev, &ar, labidx, tg, &clus) : NULL;
    order = malloc((train->ns ? train->ns : 1) * sizeof *order);
    if (!tv || (dev && !dv) || !order || !dy_pwt_init(&pwt, ncls) ||
        (o->split && !dy_pwt_init(&lwt, nlab))) {
        snprintf(why, whyn, "out of memory");
        goto done;
    }
    if (o->jackknife > 1 && !jackknife_tags(train, tv, o, out_path, why, whyn)) goto done;
    size_t nproj = 0;
    for (size_t i = 0; i < train->ns; i++) order[i] = i, nproj += tv[i].proj;
    uint64_t rng = o->seed ? o->seed : 1;
    uint64_t f[PARSER_MAXF], fl[LABEL_MAXF];
    float sc[256], lsc[256];
    size_t lsteps = 0, lright = 0;
    dy_arena sar;
    dy_arena_init(&sar, dyad_default_allocator());
    /* --mix K: K runs (seeds seed .. seed + K - 1, the same start order),
     * their averaged weights averaged into mpwt / mlwt */
    uint32_t nrun = o->mix > 1 ? o->mix : 1;
    dy_pwt mpwt, mlwt;
    memset(&mpwt, 0, sizeof mpwt);
    memset(&mlwt, 0, sizeof mlwt);
    if (nrun > 1 && (!dy_pwt_init(&mpwt, ncls) || (o->split && !dy_pwt_init(&mlwt, nlab)))) {
        snprintf(why, whyn, "out of memory");
        goto done2;
    }
    for (uint32_t run = 0; run < nrun; run++) {
        if (run > 0) {
            dy_pwt_free(&pwt);
            dy_pwt_free(&lwt);
            if (!dy_pwt_init(&pwt, ncls) || (o->split && !dy_pwt_init(&lwt, nlab))) {
                snprintf(why, whyn, "out of memory");
                goto done2;
            }
            rng = (o->seed ? o->seed : 1) + run;
            for (size_t i = 0; i < train->ns; i++) order[i] = i;
        }
        for (int ep = 0; ep < epochs; ep++) {
            dy_shuffle(order, train->ns, &rng);
            size_t steps = 0, right = 0;
            for (size_t oi = 0; oi < train->ns; oi++) {
                psent *x = &tv[order[oi]];
                if (!x->proj || !x->n) continue;
                dy_arena_reset(&sar);
                pstate s;
                if (!state_alloc(&s, &sar, x->n)) { snprintf(why, whyn, "out of memory"); goto done2; }
                state_init(&s);
                while (o->split && !terminal(&s)) {
                    if (!train_split_step(&s, x, &pwt, &lwt, grp, ep, o->min_count, &rng, f, fl, sc, lsc, &steps,
                                          &right, &lsteps, &lright)) {
                        snprintf(why, whyn, "out of memory");
                        goto done2;
                    }
                }
                while (!o->split && !terminal(&s)) {
                    size_t nf = parser_feats(&s, x->w, x->cl, f);
                    memset(sc, 0, ncls * sizeof *sc);
                    dy_pwt_score(&pwt, f, nf, sc);
                    if (ep == 0 && o->min_count > 1 && !dy_pwt_count(&pwt, f, nf)) {
                        snprintf(why, whyn, "out of memory");
                        goto done2;
                    }
                    int cl, cr, csh;
                    arc_costs(&s, x->g, &cl, &cr, &csh);
                    uint32_t pred = UINT32_MAX, gold = UINT32_MAX;
                    int pcost = 0;
                    for (uint32_t c = 0; c < ncls; c++) {
                        if (!legal(&s, c, 0)) continue;
                        int cost = cost_of(&s, x->g, x->gl, c, cl, cr, csh);
                        if (pred == UINT32_MAX || sc[c] > sc[pred]) { pred = c; pcost = cost; }
                        if (cost == 0 && (gold == UINT32_MAX || sc[c] > sc[gold])) gold = c;
                    }
                    if (gold == UINT32_MAX) break; /* cannot happen on projective trees */
                    steps++;
                    if (pcost > 0) {
                        if (!dy_pwt_update(&pwt, f, nf, gold, 1.0f) || !dy_pwt_update(&pwt, f, nf, pred, -1.0f)) {
                            snprintf(why, whyn, "out of memory");
                            goto done2;
                        }
                    } else {
                        right++;
                    }
                    dy_pwt_tick(&pwt);
                    uint32_t next = gold;
                    if (pcost == 0) next = pred;
                    else if (ep > 0 && (dy_prng(&rng) % 10) < 9) next = pred;
                    apply(&s, next);
                }
            }
            if (log) {
                char extra[128] = "";
                if (dv && !dev_extra(&pwt, &lwt, o, lab, nlab, &clus, dv, dev->ns, tg != NULL, &sar, &wbuf, &lbuf,
                                     extra, sizeof extra)) {
                    snprintf(why, whyn, "out of memory");
                    goto done2;
                }
                char lx[96] = "";
                if (o->split)
                    snprintf(lx, sizeof lx, ", labels %.2f%% right (%zu features)",
                             lsteps ? 100.0 * (double)lright / (double)lsteps : 0.0, lwt.nfeat);
                log(logud, "parser epoch %d: %zu/%zu projective sentences, transitions %.2f%% right (%zu features)%s%s",
                    ep + 1, nproj, train->ns, steps ? 100.0 * (double)right / (double)steps : 0.0, pwt.nfeat, lx,
                    extra);
                lsteps = lright = 0;
            }
        }
        if (nrun > 1 &&
            (!dy_pwt_mix(&mpwt, &pwt, 1.0 / nrun) || (o->split && !dy_pwt_mix(&mlwt, &lwt, 1.0 / nrun)))) {
            snprintf(why, whyn, "out of memory");
            goto done2;
        }
    }
    if (nrun > 1) {
        dy_pwt_free(&pwt);
        dy_pwt_free(&lwt);
        pwt = mpwt;
        lwt = mlwt;
        memset(&mpwt, 0, sizeof mpwt);
        memset(&mlwt, 0, sizeof mlwt);
        char extra[128] = "";
        if (dv && !dev_extra(&pwt, &lwt, o, lab, nlab, &clus, dv, dev->ns, tg != NULL, &sar, &wbuf, &lbuf, extra,
                             sizeof extra)) {
            snprintf(why, whyn, "out of memory");
            goto done2;
        }
        if (log) log(logud, "parser: mixture of %u runs (%zu features)%s", nrun, pwt.nfeat, extra);
    }
    dy_buf_clear(&wbuf);
    dy_buf_clear(&lbuf);
    if (!dy_pwt_serialize(&pwt, 1e-4f, o->min_count, &wbuf) ||
        (o->split && !dy_pwt_serialize(&lwt, 1e-4f, o->min_count, &lbuf))) {
        snprintf(why, whyn, "out of memory");
        goto done2;
    }
    for (uint32_t l = 0; l < nlab; l++) dy_buf_printf(&meta, "%s\n", dy_deprel_names[lab[l]]);
    if (meta.err) { snprintf(why, whyn, "out of memory"); goto done2; }
    {
        dy_pm_sec secs[4] = {{DY_SEC_META, meta.p, meta.n > 0 ? meta.n - 1 : 0}, {DY_SEC_WEIGHTS, wbuf.p, wbuf.n}};
        size_t nsec = 2;
        if (o->split) secs[nsec++] = (dy_pm_sec){DY_SEC_LABEL_WEIGHTS, lbuf.p, lbuf.n};
        if (clus.size) secs[nsec++] = (dy_pm_sec){DY_SEC_CLUSTERS, cbuf.p, cbuf.n};
        ok = dy_pm_write(out_path, DY_PM_PARSER, o->version, secs, nsec, why, whyn);
    }
done2:
    dy_arena_free(&sar);
    dy_pwt_free(&mpwt);
    dy_pwt_free(&mlwt);
done:
    dy_buf_free(&cbuf);
    dy_pwt_free(&pwt);
    dy_pwt_free(&lwt);
    dy_buf_free(&wbuf);
    dy_buf_free(&lbuf);
    dy_buf_free(&meta);
    free(order);
    free(tv);
    free(dv);
    free(tbytes);
    dy_arena_free(&ar);
    return ok;
}
