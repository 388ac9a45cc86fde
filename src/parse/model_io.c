/*
 * model_io.c — the averaged perceptron weight tables (training form and the
 * read-only runtime form) and the binary model container (header, section
 * table, CRC-32).  Format in docs/models.md.
 */
#include <zlib.h>
#include <stdio.h>
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif
#include <math.h>
#include <stdlib.h>

#include "pint.h"

/* MARK: - feature keys in a batch */

static void feat3_batch_base(const uint64_t *t, const uint64_t *a, const uint64_t *b, const uint64_t *c, size_t n,
                             uint64_t *out) {
    for (size_t k = 0; k < n; k++) out[k] = dy_feat3((uint32_t)(t[k] >> 40), a[k], b[k], c[k]);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define DY_FEAT_AVX512 1
/* dy_fmix on eight keys (vpmullq: AVX-512DQ) */
__attribute__((target("avx512f,avx512dq"))) static inline __m512i fmix8(__m512i x) {
    x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 33));
    x = _mm512_mullo_epi64(x, _mm512_set1_epi64((long long)0xff51afd7ed558ccdULL));
    x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 33));
    x = _mm512_mullo_epi64(x, _mm512_set1_epi64((long long)0xc4ceb9fe1a85ec53ULL));
    return _mm512_xor_si512(x, _mm512_srli_epi64(x, 33));
}

/* dy_feat3 on eight keys at a time, the last ones masked */
__attribute__((target("avx512f,avx512dq"))) static void feat3_batch_avx512(const uint64_t *t, const uint64_t *a,
                                                                         const uint64_t *b, const uint64_t *c,
                                                                         size_t n, uint64_t *out) {
    const __m512i seed = _mm512_set1_epi64((long long)0x51ed27f3a1b2c3d4ULL);
    const __m512i kb = _mm512_set1_epi64((long long)0x9E3779B97F4A7C15ULL);
    const __m512i kc = _mm512_set1_epi64((long long)0xC2B2AE3D27D4EB4FULL);
    const __m512i one = _mm512_set1_epi64(1);
    for (size_t k = 0; k < n; k += 8) {
        __mmask8 m = n - k >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (n - k)) - 1);
        __m512i h = _mm512_xor_si512(_mm512_maskz_loadu_epi64(m, t + k), seed);
        h = fmix8(_mm512_xor_si512(h, _mm512_maskz_loadu_epi64(m, a + k)));
        h = fmix8(_mm512_xor_si512(h, _mm512_mullo_epi64(_mm512_maskz_loadu_epi64(m, b + k), kb)));
        h = fmix8(_mm512_xor_si512(h, _mm512_mullo_epi64(_mm512_maskz_loadu_epi64(m, c + k), kc)));
        h = _mm512_mask_mov_epi64(h, _mm512_cmpeq_epi64_mask(h, _mm512_setzero_si512()), one);
        _mm512_mask_storeu_epi64(out + k, m, h);
    }
}
#endif

bool dy_feat3_batch_wide(void) {
#ifdef DY_FEAT_AVX512
    return __builtin_cpu_supports("avx512dq");
#else
    return false;
#endif
}

void dy_feat3_batch(const uint64_t *t, const uint64_t *a, const uint64_t *b, const uint64_t *c, size_t n,
                    uint64_t *out) {
#ifdef DY_FEAT_AVX512
    if (__builtin_cpu_supports("avx512dq")) {
        feat3_batch_avx512(t, a, b, c, n, out);
        return;
    }
#endif
    feat3_batch_base(t, a, b, c, n, out);
}

/* MARK: - runtime table */

static inline uint32_t slot_of(uint64_t key, uint32_t tsize) {
    return (uint32_t)(((uint64_t)(uint32_t)key * tsize) >> 32);
}

/* Three passes over up to 128 features so that the cache misses of the
 * lookups overlap: hash and prefetch the slots, probe them and prefetch the
 * records found, then add the records' weights. */

void dy_pw_score(const dy_pw *pw, const uint64_t *f, size_t nf, float *scores) {
    uint32_t idx[128];
    int64_t acc[256];           /* fixed-point sums: no conversion per weight */
    const uint32_t ts = pw->tsize;
    if (pw->prec || pw->inl) {
        int32_t acc32[256];     /* in units of 256: 2^15 per feature at most */
        memset(acc32, 0, ((pw->nclass + 7) & ~7u) * sizeof *acc32);
        dy_pw_add(pw, f, nf, acc32);
        float unit = pw->inl ? (float)(1u << pw->ishift) : 256.0f;
        for (uint32_t c = 0; c < pw->nclass; c++) scores[c] += (float)acc32[c] * unit;
        return;
    }
    memset(acc, 0, pw->nclass * sizeof *acc);
    while (nf) {
        size_t m = nf < 128 ? nf : 128, nrec = 0;
        for (size_t k = 0; k < m; k++) {
            idx[k] = slot_of(f[k], ts);
            __builtin_prefetch(&pw->slots[2 * (size_t)idx[k]]);
        }
        for (size_t k = 0; k < m; k++) {
            uint32_t fp = (uint32_t)(f[k] >> 32), i = idx[k];
            for (uint32_t probe = 0; probe < ts; probe++) {
                const uint32_t *s = &pw->slots[2 * (size_t)i];
                if (s[1] == UINT32_MAX) break;
                if (s[0] == fp) {
                    idx[nrec++] = s[1];
                    __builtin_prefetch(pw->blob + s[1]);
                    break;
                }
                if (++i == ts) i = 0;
            }
        }
        for (size_t r = 0; r < nrec; r++) {
            const uint32_t *e = pw->blob + idx[r];
            uint32_t cnt = e[0];
            for (uint32_t j = 1; j <= cnt; j++) acc[e[j] & 0xFF] += (int32_t)e[j] >> 8;
        }
        f += m;
        nf -= m;
    }
    for (uint32_t c = 0; c < pw->nclass; c++) scores[c] += (float)acc[c];
}

/* MARK: - packed runtime copy
 *
 * The file's records spend 4 bytes per weight (24-bit weight, class).  The
 * copy made at load time spends 3: a record is a u16 count, the classes
 * (u8), then the weights as int16 in units of 256 (the file's weights stay
 * under 2^23, so nothing is clipped; EWT scores are unchanged).  An odd
 * count is padded to even with a weight of 0 for the last class again, so
 * that the weights are added two at a time.  A record with weights for at
 * least half of the classes is a dense row instead: u16 DENSE, then int16
 * weights for classes 0 to nclass rounded up to 8, added eight at a time.
 * Those few records (378 of the parser's million) are the most frequent
 * features: they carry half of the weights summed, and stay in cache. */

#define DENSE 0x8000u

typedef int16_t dy_v8h __attribute__((vector_size(16)));
typedef int32_t dy_v8i __attribute__((vector_size(32)));

/* The body of dy_pw_add, compiled twice: for the baseline x86-64 (or any
 * other target) and, where the compiler can, with AVX2 (the int16 dense
 * rows then widen and add in two instructions per eight classes).  Three
 * passes over up to 128 features so that the cache misses of the lookups
 * overlap: hash and prefetch the slots, probe them and prefetch the
 * records found, then add the records' weights. */
#define DY_PW_ADD_BODY(WIDEN)                                                               \
    uint32_t idx[128];                                                                      \
    const uint32_t ts = pw->tsize, nc8 = (pw->nclass + 7) & ~7u;                            \
    const uint32_t *slots = pw->rslots ? pw->rslots : pw->slots;                            \
    const bool relocated = pw->rslots != NULL;                                              \
    const uint16_t *prec = pw->prec;                                                        \
    const uint16_t *dense[128];                                                             \
    while (nf) {                                                                            \
        size_t m = nf < 128 ? nf : 128, nrec = 0, nd = 0;                                   \
        for (size_t k = 0; k < m; k++) {                                                    \
            idx[k] = slot_of(f[k], ts);                                                     \
            __builtin_prefetch(&slots[2 * (size_t)idx[k]]);                                 \
        }                                                                                   \
        for (size_t k = 0; k < m; k++) {                                                    \
            uint32_t fp = (uint32_t)(f[k] >> 32), i = idx[k];                               \
            /* dy_pw_pack saw an empty slot: the probe ends */                              \
            for (;;) {                                                                      \
                const uint32_t *s = &slots[2 * (size_t)i];                                  \
                if (s[1] == UINT32_MAX) break;                                              \
                if (s[0] == fp) {                                                           \
                    idx[nrec++] = s[1];                                                     \
                    __builtin_prefetch(prec + 2 * (size_t)s[1]);                            \
                    __builtin_prefetch(prec + 2 * (size_t)s[1] + 32);                       \
                    if (relocated) {                                                        \
                        __builtin_prefetch(prec + 2 * (size_t)s[1] + 64);                   \
                        __builtin_prefetch(prec + 2 * (size_t)s[1] + 96);                   \
                    }                                                                       \
                    break;                                                                  \
                }                                                                           \
                if (++i == ts) i = 0;                                                       \
            }                                                                               \
        }                                                                                   \
        for (size_t r = 0; r < nrec; r++) {                                                 \
            const uint16_t *e = prec + 2 * (size_t)idx[r];                                  \
            uint32_t cnt = e[0];                                                            \
            if (cnt == DENSE) {                                                             \
                dense[nd++] = e + 1;                                                        \
                continue;                                                                   \
            }                                                                               \
            const uint8_t *cls = (const uint8_t *)(e + 1);                                  \
            const int16_t *w = (const int16_t *)(const void *)(e + 1 + cnt / 2);            \
            for (uint32_t j = 0; j < cnt; j += 2) {                                         \
                acc[cls[j]] += w[j];                                                        \
                acc[cls[j + 1]] += w[j + 1];                                                \
            }                                                                               \
        }                                                                                   \
        /* the dense rows: 32 classes at a time (four sums held while every                 \
         * row is added), then eight at a time */                                           \
        uint32_t c = 0;                                                                     \
        for (; nd && c + 32 <= nc8; c += 32) {                                              \
            dy_v8i x0, x1, x2, x3;                                                          \
            memcpy(&x0, acc + c, sizeof x0);                                                \
            memcpy(&x1, acc + c + 8, sizeof x1);                                            \
            memcpy(&x2, acc + c + 16, sizeof x2);                                           \
            memcpy(&x3, acc + c + 24, sizeof x3);                                           \
            for (size_t d = 0; d < nd; d++) {                                               \
                x0 += WIDEN(dense[d] + c);                                                  \
                x1 += WIDEN(dense[d] + c + 8);                                              \
                x2 += WIDEN(dense[d] + c + 16);                                             \
                x3 += WIDEN(dense[d] + c + 24);                                             \
            }                                                                               \
            memcpy(acc + c, &x0, sizeof x0);                                                \
            memcpy(acc + c + 8, &x1, sizeof x1);                                            \
            memcpy(acc + c + 16, &x2, sizeof x2);                                           \
            memcpy(acc + c + 24, &x3, sizeof x3);                                           \
        }                                                                                   \
        for (; nd && c < nc8; c += 8) {                                                     \
            dy_v8i x;                                                                       \
            memcpy(&x, acc + c, sizeof x);                                                  \
            for (size_t d = 0; d < nd; d++) x += WIDEN(dense[d] + c);                       \
            memcpy(acc + c, &x, sizeof x);                                                  \
        }                                                                                   \
        f += m;                                                                             \
        nf -= m;                                                                            \
    }

/* Eight int16 weights at p widened to int32. */
#define WIDEN_BASE(p)                                                                       \
    __extension__({                                                                         \
        dy_v8h h_;                                                                          \
        memcpy(&h_, (p), sizeof h_);                                                        \
        __builtin_convertvector(h_, dy_v8i);                                                \
    })

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define DY_PW_AVX2 1
/* one vpmovsxwd from memory (the generic conversion compiles to four
 * instructions) */
#define WIDEN_AVX2(p) ((dy_v8i)_mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(const void *)(p))))
__attribute__((target("avx2"))) static void pw_add_avx2(const dy_pw *pw, const uint64_t *f, size_t nf,
                                                       int32_t *acc) {
    DY_PW_ADD_BODY(WIDEN_AVX2)
}
#endif

static void pw_add_base(const dy_pw *pw, const uint64_t *f, size_t nf, int32_t *acc) {
    DY_PW_ADD_BODY(WIDEN_BASE)
}

/* An inline table (see dy_pw.inl): hash and prefetch the slots, then probe
 * them and add the differences.  NC classes, entries of NC == 3 ? 1 : 2 u64. */
#define DY_PW_INLINE(NAME, NC)                                                              \
    static void NAME(const dy_pw *pw, const uint64_t *f, size_t nf, int32_t *acc) {         \
        enum { W = (NC) == 3 ? 1 : 2 };                                                     \
        uint32_t idx[128];                                                                  \
        const uint32_t ts = pw->tsize;                                                      \
        const uint64_t *tab = pw->inl;                                                      \
        int32_t a[8] = {0, 0, 0, 0, 0, 0, 0, 0};                                            \
        while (nf) {                                                                        \
            size_t m = nf < 128 ? nf : 128;                                                 \
            for (size_t k = 0; k < m; k++) {                                                \
                idx[k] = slot_of(f[k], ts);                                                 \
                __builtin_prefetch(&tab[W * (size_t)idx[k]]);                               \
            }                                                                               \
            for (size_t k = 0; k < m; k++) {                                                \
                uint32_t fp = (uint32_t)(f[k] >> 32), i = idx[k];                           \
                for (uint32_t probe = 0; probe < ts; probe++) {                             \
                    const uint64_t *e = &tab[W * (size_t)i];                                \
                    if ((int16_t)(uint16_t)(e[0] >> 32) == INT16_MIN) break;                \
                    if ((uint32_t)e[0] == fp) {                                             \
                        a[1] += (int16_t)(uint16_t)(e[0] >> 32);                            \
                        a[2] += (int16_t)(uint16_t)(e[0] >> 48);                            \
                        for (int j = 0; j < (NC) - 3; j++)                                  \
                            a[3 + j] += (int16_t)(uint16_t)(e[W - 1] >> (16 * j));          \
                        break;                                                              \
                    }                                                                       \
                    if (++i == ts) i = 0;                                                   \
                }                                                                           \
            }                                                                               \
            f += m;                                                                         \
            nf -= m;                                                                        \
        }                                                                                   \
        for (int c = 1; c < (NC); c++) acc[c] += a[c];                                      \
    }
DY_PW_INLINE(pw_add_inline3, 3)
DY_PW_INLINE(pw_add_inline7, 7)

void dy_pw_add(const dy_pw *pw, const uint64_t *f, size_t nf, int32_t *acc) {
    if (pw->inl) {
        if (pw->nclass == 3) pw_add_inline3(pw, f, nf, acc);
        else pw_add_inline7(pw, f, nf, acc);
        return;
    }
#ifdef DY_PW_AVX2
    if (pw->avx2) {
        pw_add_avx2(pw, f, nf, acc);
        return;
    }
#endif
    pw_add_base(pw, f, nf, acc);
}

/* The unit (a power of two, at least 256) in which the differences of an
 * inline table, up to maxd, fit in int16. */
static int shift_of(int32_t maxd) {
    int shift = 8;
    while (shift < 30 && ((maxd + (1 << (shift - 1))) >> shift) > 32767) shift++;
    return shift;
}

static int16_t pack_weight(uint32_t e) {
    int32_t v = (int32_t)e >> 8;    /* |v| < 2^23: rounds half away from zero */
    int32_t q = (v >= 0 ? v + 128 : v - 128) / 256;
    return (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
}

/* The records laid out anew (pw->dense_min, see pint.h), from the packed
 * records at the file's offsets: a record of at least dense_min weights
 * becomes a dense row, the others stay as they are; each record starts at
 * an even u16 (its offset in the runtime slots is half of that, as in the
 * file).  false when memory runs out. */
static bool relocate(const dyad_allocator *a, dy_pw *pw) {
    const uint32_t ts = pw->tsize, nc8 = (pw->nclass + 7) & ~7u;
    const uint64_t nb = pw->nblob;
    const uint16_t *old = pw->prec;
    uint32_t *at = dy_malloc_big(a, (nb ? nb : 1) * 4);        /* new offset of the record at each file offset */
    uint32_t *rs = dy_malloc_big(a, (size_t)ts * 8);
    if (!at || !rs) {
        dy_free(a, at);
        dy_free(a, rs);
        return false;
    }
    uint64_t total = 0;     /* in u32 */
    for (uint64_t off = 0; off < nb;) {
        uint32_t cnt = pw->blob[off], c2 = old[2 * off];
        at[off] = (uint32_t)total;
        total += cnt >= pw->dense_min || c2 == DENSE ? (nc8 + 2) / 2 : (1 + c2 / 2 + c2 + 1) / 2;
        off += 1 + cnt;
    }
    uint16_t *rec = total < UINT32_MAX ? dy_malloc_big(a, (size_t)(total ? total : 1) * 4) : NULL;
    if (!rec) {
        dy_free(a, at);
        dy_free(a, rs);
        return false;
    }
    for (uint64_t off = 0; off < nb;) {
        const uint32_t *e = pw->blob + off;
        uint32_t cnt = e[0], c2 = old[2 * off];
        uint16_t *o = rec + 2 * (size_t)at[off];
        if (cnt >= pw->dense_min || c2 == DENSE) {
            o[0] = DENSE;
            int16_t *w = (int16_t *)(void *)(o + 1);
            memset(w, 0, (nc8 + 1) * 2);
            for (uint32_t j = 1; j <= cnt; j++) w[e[j] & 0xFF] = pack_weight(e[j]);
        } else {
            size_t n16 = 1 + c2 / 2 + c2;
            memcpy(o, old + 2 * off, n16 * 2);
            if (n16 & 1) o[n16] = 0;
        }
        off += 1 + cnt;
    }
    for (uint32_t i = 0; i < ts; i++) {
        uint32_t off = pw->slots[2 * (size_t)i + 1];
        rs[2 * (size_t)i] = pw->slots[2 * (size_t)i];
        rs[2 * (size_t)i + 1] = off == UINT32_MAX ? UINT32_MAX : at[off];
    }
    dy_free(a, at);
    dy_free(a, pw->prec);
    pw->prec = rec;
    pw->rslots = rs;
    return true;
}

/* The packed record of the file's record at blob[off] starts at u16 2 x off
 * (it is never longer: dense rows only replace records of at least half of
 * the classes), so the file's slots serve as they are.  One pass along the
 * blob, which must be whole records with classes in range, then one along
 * the slots, each empty or pointing at the start of a record: the whole
 * check of the table, in sequential reads (dy_pw_check reads at random). */
bool dy_pw_pack(const dyad_allocator *a, dy_pw *pw, const char **why) {
    const uint32_t ts = pw->tsize, nc8 = (pw->nclass + 7) & ~7u;
    const uint64_t nb = pw->nblob;
    const bool inl = pw->nclass == 3 || pw->nclass == 7;    /* an inline table instead of records */
    uint16_t *rec = inl ? NULL : dy_malloc_big(a, (nb ? nb : 1) * 4);
    uint64_t *start = dy_malloc(a, (nb / 64 + 1) * 8);   /* record starts */
    if ((!inl && !rec) || !start) {
        dy_free(a, rec);
        dy_free(a, start);
        return false;
    }
    memset(start, 0, (nb / 64 + 1) * 8);
    bool ok = true;
    for (uint64_t off = 0; off < nb && ok;) {
        const uint32_t *e = pw->blob + off;
        uint32_t cnt = e[0];
        if (cnt == 0 || cnt > pw->nclass || off + 1 + cnt > nb) { *why = "weight record out of range"; ok = false; break; }
        for (uint32_t j = 1; j <= cnt; j++)
            if ((e[j] & 0xFF) >= pw->nclass) { *why = "weight class out of range"; ok = false; }
        start[off / 64] |= 1ULL << (off % 64);
        if (inl) {
            off += 1 + cnt;
            continue;
        }
        uint16_t *o = rec + 2 * off;
        if (2 * cnt >= nc8) {
            o[0] = DENSE;
            int16_t *w = (int16_t *)(void *)(o + 1);
            memset(w, 0, nc8 * 2);
            for (uint32_t j = 1; j <= cnt && ok; j++) w[e[j] & 0xFF] = pack_weight(e[j]);
        } else {
            uint32_t c2 = (cnt + 1) & ~1u;     /* 3 c2 + 2 <= 4 (cnt + 1) bytes */
            o[0] = (uint16_t)c2;
            uint8_t *cls = (uint8_t *)(o + 1);
            int16_t *w = (int16_t *)(void *)(o + 1 + c2 / 2);
            for (uint32_t j = 1; j <= cnt; j++) {
                cls[j - 1] = (uint8_t)(e[j] & 0xFF);
                w[j - 1] = pack_weight(e[j]);
            }
            if (cnt & 1) {
                cls[cnt] = cls[cnt - 1];
                w[cnt] = 0;
            }
        }
        off += 1 + cnt;
    }
    uint32_t empty = 0;
    for (uint32_t i = 0; i < ts && ok; i++) {
        uint32_t off = pw->slots[2 * (size_t)i + 1];
        if (off == UINT32_MAX) empty++;
        else if (off >= nb || !(start[off / 64] >> (off % 64) & 1)) { *why = "weight records overlap"; ok = false; }
    }
    if (ok && !empty) { *why = "weights table has no empty slot"; ok = false; }
    dy_free(a, start);
    if (!ok) {
        dy_free(a, rec);
        return false;
    }
    pw->prec = rec;
    if (!inl && pw->dense_min && 2 * pw->dense_min < nc8 && !relocate(a, pw)) {
        pw->prec = NULL;
        dy_free(a, rec);
        return false;
    }
    if (inl) {
        /* the differences of the file's weights (|d| < 2^24), in units of
         * 2^shift with the smallest shift >= 8 that fits them in int16 */
        const uint32_t nc = pw->nclass, W = nc == 3 ? 1 : 2;
        uint64_t *tab = dy_malloc_big(a, (size_t)ts * 8 * W);
        if (!tab) return false;
        int32_t maxd = 0;
        for (int pass = 0; pass < 2; pass++) {
            int shift = shift_of(maxd);
            for (uint32_t i = 0; i < ts; i++) {
                uint64_t *t = &tab[W * (size_t)i];
                uint32_t off = pw->slots[2 * (size_t)i + 1];
                if (off == UINT32_MAX) {
                    t[0] = (uint64_t)(uint16_t)INT16_MIN << 32;
                    if (W == 2) t[1] = 0;
                    continue;
                }
                int32_t wc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
                uint32_t cnt = pw->blob[off];
                for (uint32_t j = 1; j <= cnt; j++) wc[pw->blob[off + j] & 0xFF] = (int32_t)pw->blob[off + j] >> 8;
                uint16_t q16[8] = {0, 0, 0, 0, 0, 0, 0, 0};
                for (uint32_t c = 1; c < nc; c++) {
                    int32_t d = wc[c] - wc[0], ad = d < 0 ? -d : d;
                    if (pass == 0) {
                        if (ad > maxd) maxd = ad;
                        continue;
                    }
                    int32_t q = (ad + (1 << (shift - 1))) >> shift;     /* half away from zero */
                    if (q > 32767) q = 32767;
                    q16[c] = (uint16_t)(int16_t)(d < 0 ? -q : q);
                }
                t[0] = pw->slots[2 * (size_t)i] | (uint64_t)q16[1] << 32 | (uint64_t)q16[2] << 48;
                if (W == 2)
                    t[1] = (uint64_t)q16[3] | (uint64_t)q16[4] << 16 | (uint64_t)q16[5] << 32 | (uint64_t)q16[6] << 48;
            }
        }
        pw->inl = tab;
        pw->ishift = (uint8_t)shift_of(maxd);
    }
#ifdef DY_PW_AVX2
    pw->avx2 = __builtin_cpu_supports("avx2");
#endif
    return true;
}

void dy_pw_unpack(const dyad_allocator *a, dy_pw *pw) {
    dy_free(a, pw->prec);
    dy_free(a, pw->inl);
    dy_free(a, pw->rslots);
    pw->prec = NULL;
    pw->inl = NULL;
    pw->rslots = NULL;
}

bool dy_pw_view(dy_pw *pw, const void *p, size_t n, const char **why) {
    const unsigned char *b = p;
    if (n < 24) { *why = "weights section too short"; return false; }
    uint32_t nclass, tsize;
    uint64_t nblob;
    float scale;
    memcpy(&nclass, b, 4);
    memcpy(&tsize, b + 4, 4);
    memcpy(&nblob, b + 8, 8);
    memcpy(&scale, b + 16, 4);
    if (nclass == 0 || nclass > 256) { *why = "bad class count"; return false; }
    if (tsize == 0 || tsize > (1u << 30)) { *why = "bad table size"; return false; }
    if (nblob >= UINT32_MAX) { *why = "bad weight count"; return false; }
    if (!(scale > 0) || scale > 1e6f) { *why = "bad weight scale"; return false; }
    uint64_t need = 24 + (uint64_t)tsize * 8 + nblob * 4;
    if (need != n) { *why = "weights section length does not match its counts"; return false; }
    if (((uintptr_t)(b + 24)) % 4) { *why = "misaligned weights"; return false; }
    pw->nclass = nclass;
    pw->tsize = tsize;
    pw->nblob = nblob;
    pw->scale = scale;
    pw->slots = (const uint32_t *)(const void *)(b + 24);
    pw->blob = pw->slots + 2 * (size_t)tsize;
    pw->prec = NULL;
    pw->inl = NULL;
    pw->avx2 = false;
    pw->dense_min = 0;
    pw->rslots = NULL;
    return true;
}

bool dy_pw_check(const dy_pw *pw, const char **why) {
    const uint32_t tsize = pw->tsize, nclass = pw->nclass;
    const uint64_t nblob = pw->nblob;
    uint32_t empty = 0;
    for (uint32_t i = 0; i < tsize; i++) {
        /* the records are read at random: fetch a few slots ahead */
        if (i + 16 < tsize && pw->slots[2 * (size_t)(i + 16) + 1] < nblob)
            __builtin_prefetch(pw->blob + pw->slots[2 * (size_t)(i + 16) + 1]);
        uint32_t off = pw->slots[2 * (size_t)i + 1];
        if (off == UINT32_MAX) { empty++; continue; }
        if (off >= nblob) { *why = "weight record out of range"; return false; }
        uint32_t cnt = pw->blob[off];
        if (cnt > nclass || (uint64_t)off + 1 + cnt > nblob) { *why = "weight record out of range"; return false; }
        for (uint32_t j = 1; j <= cnt; j++)
            if ((pw->blob[off + j] & 0xFF) >= nclass) { *why = "weight class out of range"; return false; }
    }
    if (!empty) { *why = "weights table has no empty slot"; return false; }
    return true;
}

/* MARK: - training table */

bool dy_pwt_init(dy_pwt *t, uint32_t nclass) {
    memset(t, 0, sizeof *t);
    t->nclass = nclass;
    t->tsize = 1 << 16;
    t->tab = calloc(t->tsize, sizeof *t->tab);
    t->c = 1;
    return t->tab != NULL;
}

void dy_pwt_free(dy_pwt *t) {
    if (!t->tab) return;
    for (size_t i = 0; i < t->tsize; i++) free(t->tab[i].e);
    free(t->tab);
    t->tab = NULL;
}

static dy_pwt_feat *pwt_find(const dy_pwt *t, uint64_t key) {
    size_t mask = t->tsize - 1, i = key & mask;
    for (;;) {
        dy_pwt_feat *f = &t->tab[i];
        if (f->key == key || !f->key) return f;
        i = (i + 1) & mask;
    }
}

void dy_pwt_score(const dy_pwt *t, const uint64_t *f, size_t nf, float *scores) {
    for (size_t k = 0; k < nf; k++) {
        const dy_pwt_feat *x = pwt_find(t, f[k]);
        if (!x->key) continue;
        for (uint32_t j = 0; j < x->n; j++) scores[x->e[j].cls] += x->e[j].w;
    }
}

static bool pwt_grow(dy_pwt *t) {
    size_t ns = t->tsize * 2;
    dy_pwt_feat *nt = calloc(ns, sizeof *nt);
    if (!nt) return false;
    for (size_t i = 0; i < t->tsize; i++) {
        if (!t->tab[i].key) continue;
        size_t j = t->tab[i].key & (ns - 1);
        while (nt[j].key) j = (j + 1) & (ns - 1);
        nt[j] = t->tab[i];
    }
    free(t->tab);
    t->tab = nt;
    t->tsize = ns;
    return true;
}

/* Feature x's entry for class cls, added (zero) when it has none; NULL
 * when out of memory. */
static dy_pwt_ent *pwt_entry(dy_pwt_feat *x, uint32_t cls) {
    uint32_t j = 0;
    while (j < x->n && x->e[j].cls != cls) j++;
    if (j < x->n) return &x->e[j];
    if (x->n == x->cap) {
        uint32_t nc = x->cap ? x->cap * 2 : 2;
        dy_pwt_ent *ne = realloc(x->e, nc * sizeof *ne);
        if (!ne) return NULL;
        x->e = ne;
        x->cap = nc;
    }
    x->e[x->n] = (dy_pwt_ent){0, 0, cls};
    return &x->e[x->n++];
}

bool dy_pwt_update(dy_pwt *t, const uint64_t *f, size_t nf, uint32_t cls, float delta) {
    for (size_t k = 0; k < nf; k++) {
        if ((t->nfeat + 1) * 2 > t->tsize && !pwt_grow(t)) return false;
        dy_pwt_feat *x = pwt_find(t, f[k]);
        if (!x->key) { x->key = f[k]; t->nfeat++; }
        dy_pwt_ent *e = pwt_entry(x, cls);
        if (!e) return false;
        e->w += delta;
        e->u += t->c * delta;
    }
    return true;
}

bool dy_pwt_mix(dy_pwt *dst, const dy_pwt *src, double factor) {
    for (size_t i = 0; i < src->tsize; i++) {
        const dy_pwt_feat *x = &src->tab[i];
        if (!x->key) continue;
        if ((dst->nfeat + 1) * 2 > dst->tsize && !pwt_grow(dst)) return false;
        dy_pwt_feat *y = pwt_find(dst, x->key);
        if (!y->key) { y->key = x->key; dst->nfeat++; }
        if (x->seen > y->seen) y->seen = x->seen;
        for (uint32_t j = 0; j < x->n; j++) {
            dy_pwt_ent *e = pwt_entry(y, x->e[j].cls);
            if (!e) return false;
            e->w += (float)(factor * (x->e[j].w - x->e[j].u / src->c));
        }
    }
    return true;
}

bool dy_pwt_count(dy_pwt *t, const uint64_t *f, size_t nf) {
    for (size_t k = 0; k < nf; k++) {
        if ((t->nfeat + 1) * 2 > t->tsize && !pwt_grow(t)) return false;
        dy_pwt_feat *x = pwt_find(t, f[k]);
        if (!x->key) { x->key = f[k]; t->nfeat++; }
        if (x->seen < UINT32_MAX) x->seen++;
    }
    return true;
}

static void put32(dy_buf *b, uint32_t v) { dy_buf_put(b, &v, 4); }
static void put64(dy_buf *b, uint64_t v) { dy_buf_put(b, &v, 8); }

static bool keep_feat(const dy_pwt_feat *x, uint32_t min_count) {
    return x->key && x->n && (x->seen == 0 || x->seen >= min_count);
}

bool dy_pwt_serialize(const dy_pwt *t, float min_abs, uint32_t min_count, dy_buf *out) {
    /* Count kept entries and features; find the largest weight. */
    size_t nkeep = 0, nf = 0;
    double maxw = 0;
    for (size_t i = 0; i < t->tsize; i++) {
        const dy_pwt_feat *x = &t->tab[i];
        if (!keep_feat(x, min_count)) continue;
        size_t k = 0;
        for (uint32_t j = 0; j < x->n; j++) {
            double a = x->e[j].w - x->e[j].u / t->c;
            if (a >= min_abs || a <= -min_abs) {
                k++;
                if (a > maxw) maxw = a;
                if (-a > maxw) maxw = -a;
            }
        }
        if (k) { nf++; nkeep += k; }
    }
    uint32_t ts = (uint32_t)(2 * nf + 16);
    float scale = maxw > 0 ? (float)(maxw / 8000000.0) : 1.0f;
    size_t nblob = nf + nkeep;
    uint32_t *slots = malloc((size_t)ts * 8);
    uint32_t *blob = malloc((nblob ? nblob : 1) * 4);
    if (!slots || !blob) { free(slots); free(blob); return false; }
    for (uint32_t i = 0; i < ts; i++) { slots[2 * (size_t)i] = 0; slots[2 * (size_t)i + 1] = UINT32_MAX; }
    size_t e = 0;
    for (size_t i = 0; i < t->tsize; i++) {
        const dy_pwt_feat *x = &t->tab[i];
        if (!keep_feat(x, min_count)) continue;
        size_t start = e++;
        for (uint32_t j = 0; j < x->n; j++) {
            double a = x->e[j].w - x->e[j].u / t->c;
            if (!(a >= min_abs || a <= -min_abs)) continue;
            long q = lround(a / scale);
            if (q > 8388607) q = 8388607;
            if (q < -8388607) q = -8388607;
            blob[e++] = ((uint32_t)(int32_t)q << 8) | (x->e[j].cls & 0xFF);
        }
        if (e == start + 1) { e = start; continue; }
        blob[start] = (uint32_t)(e - start - 1);
        uint32_t s = slot_of(x->key, ts);
        while (slots[2 * (size_t)s + 1] != UINT32_MAX) if (++s == ts) s = 0;
        slots[2 * (size_t)s] = (uint32_t)(x->key >> 32);
        slots[2 * (size_t)s + 1] = (uint32_t)start;
    }
    put32(out, t->nclass);
    put32(out, ts);
    put64(out, e);
    dy_buf_put(out, &scale, 4);
    put32(out, 0);
    dy_buf_put(out, slots, (size_t)ts * 8);
    dy_buf_put(out, blob, e * 4);
    free(slots);
    free(blob);
    return !out->err;
}

/* MARK: - container */

static const char PM_MAGIC[8] = {'D', 'Y', 'A', 'D', 'P', 'M', '\r', '\n'};

/* CRC-32 (IEEE 802.3, the same as zlib's): zlib's table-driven version runs
 * at GB/s, which matters because every run checks the whole model file. */
uint32_t dy_crc32(const void *p, size_t n) {
    uLong c = crc32(0L, Z_NULL, 0);
    const Bytef *b = p;
    while (n > 0) {
        uInt k = n > (size_t)1 << 30 ? (uInt)1 << 30 : (uInt)n;
        c = crc32(c, b, k);
        b += k;
        n -= k;
    }
    return (uint32_t)c;
}

bool dy_pm_write(const char *path, uint32_t kind, const char *version, const dy_pm_sec *secs,
                 size_t nsec, char *why, size_t whyn) {
    dy_buf b;
    dy_buf_init(&b, dyad_default_allocator());
    dy_buf_put(&b, PM_MAGIC, 8);
    put32(&b, DY_PM_FORMAT);
    put32(&b, kind);
    put32(&b, (uint32_t)nsec);
    put32(&b, 0);
    char v[40] = {0};
    snprintf(v, sizeof v, "%s", version);
    dy_buf_put(&b, v, 40);
    uint64_t off = 64 + nsec * 24;
    for (size_t i = 0; i < nsec; i++) {
        put32(&b, secs[i].id);
        put32(&b, 0);
        put64(&b, off);
        put64(&b, secs[i].n);
        off += (secs[i].n + 7) & ~(uint64_t)7;
    }
    for (size_t i = 0; i < nsec; i++) {
        dy_buf_put(&b, secs[i].p, secs[i].n);
        static const char zero[8];
        dy_buf_put(&b, zero, ((secs[i].n + 7) & ~(size_t)7) - secs[i].n);
    }
    uint32_t crc = dy_crc32(b.p, b.n);
    put32(&b, crc);
    bool ok = !b.err;
    if (!ok) snprintf(why, whyn, "out of memory");
    if (ok) {
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(b.p, 1, b.n, f) != b.n || fclose(f) != 0) {
            snprintf(why, whyn, "cannot write %s", path);
            ok = false;
        }
    }
    dy_buf_free(&b);
    return ok;
}

bool dy_pm_read(const void *bytes, size_t n, uint32_t kind, dy_pm_sec *secs, size_t maxsec,
                size_t *nsec, char version[41], char *why, size_t whyn) {
    const unsigned char *b = bytes;
    uint32_t one = 1;
    unsigned char le;
    memcpy(&le, &one, 1);
    if (!le) { snprintf(why, whyn, "big-endian hosts are not supported"); return false; }
    if (n < 68) { snprintf(why, whyn, "truncated (%zu bytes)", n); return false; }
    if (memcmp(b, PM_MAGIC, 8)) { snprintf(why, whyn, "not a dyad model file (bad magic)"); return false; }
    uint32_t fmt, k, ns;
    memcpy(&fmt, b + 8, 4);
    memcpy(&k, b + 12, 4);
    memcpy(&ns, b + 16, 4);
    if (fmt != DY_PM_FORMAT) {
        snprintf(why, whyn, "model format version %u, this program reads version %u", fmt, DY_PM_FORMAT);
        return false;
    }
    if (k != kind) { snprintf(why, whyn, "wrong model kind %u (expected %u)", k, kind); return false; }
    if (ns > maxsec) { snprintf(why, whyn, "too many sections (%u)", ns); return false; }
    if ((uint64_t)64 + (uint64_t)ns * 24 + 4 > n) { snprintf(why, whyn, "truncated section table"); return false; }
    uint32_t crc;
    memcpy(&crc, b + n - 4, 4);
    if (dy_crc32(b, n - 4) != crc) { snprintf(why, whyn, "checksum mismatch (truncated or corrupt)"); return false; }
    memcpy(version, b + 24, 40);
    version[40] = 0;
    for (size_t i = 0; i < 40 && version[i]; i++)
        if ((unsigned char)version[i] < 0x20 || (unsigned char)version[i] > 0x7e) version[i] = '?';
    for (uint32_t i = 0; i < ns; i++) {
        const unsigned char *e = b + 64 + (size_t)i * 24;
        uint64_t off, len;
        memcpy(&secs[i].id, e, 4);
        memcpy(&off, e + 8, 8);
        memcpy(&len, e + 16, 8);
        if (off % 8 || off > n - 4 || len > n - 4 - off) {
            snprintf(why, whyn, "section %u out of bounds", i);
            return false;
        }
        secs[i].p = b + off;
        secs[i].n = (size_t)len;
    }
    *nsec = ns;
    return true;
}

const void *dy_pm_find(const dy_pm_sec *secs, size_t nsec, uint32_t id, size_t *n) {
    for (size_t i = 0; i < nsec; i++)
        if (secs[i].id == id) { *n = secs[i].n; return secs[i].p; }
    *n = 0;
    return NULL;
}
