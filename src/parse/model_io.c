/*
 * model_io.c — the averaged perceptron weight tables (training form and the
 * read-only runtime form) and the binary model container (header, section
 * table, CRC-32).  Format in docs/models.md.
 */
#include <zlib.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>

#include "pint.h"

/* MARK: - runtime table */

static inline uint32_t slot_of(uint64_t key, uint32_t tsize) {
    return (uint32_t)(((uint64_t)(uint32_t)key * tsize) >> 32);
}

/* Three passes over up to 128 features so that the cache misses of the
 * lookups overlap: hash and prefetch the slots, probe them and prefetch the
 * records found, then add the records' weights. */
static void score_packed(const dy_pw *pw, const uint64_t *f, size_t nf, int64_t *acc);

void dy_pw_score(const dy_pw *pw, const uint64_t *f, size_t nf, float *scores) {
    uint32_t idx[128];
    int64_t acc[256];           /* fixed-point sums: no conversion per weight */
    const uint32_t ts = pw->tsize;
    memset(acc, 0, pw->nclass * sizeof *acc);
    if (pw->prec) {
        score_packed(pw, f, nf, acc);
        nf = 0;
    }
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
 * copy made at load time spends 3: a record is u16 count, the classes (u8,
 * padded to an even count), then the weights as int16 in units of 256 (the
 * file's weights stay under 2^23, so nothing is clipped; EWT scores are
 * unchanged).  Scoring reads about a quarter fewer cache lines. */

static void score_packed(const dy_pw *pw, const uint64_t *f, size_t nf, int64_t *acc) {
    uint32_t idx[128];
    const uint32_t ts = pw->tsize;
    const uint32_t *slots = pw->pslots;
    const uint16_t *prec = pw->prec;
    while (nf) {
        size_t m = nf < 128 ? nf : 128, nrec = 0;
        for (size_t k = 0; k < m; k++) {
            idx[k] = slot_of(f[k], ts);
            __builtin_prefetch(&slots[2 * (size_t)idx[k]]);
        }
        for (size_t k = 0; k < m; k++) {
            uint32_t fp = (uint32_t)(f[k] >> 32), i = idx[k];
            for (uint32_t probe = 0; probe < ts; probe++) {
                const uint32_t *s = &slots[2 * (size_t)i];
                if (s[1] == UINT32_MAX) break;
                if (s[0] == fp) {
                    idx[nrec++] = s[1];
                    __builtin_prefetch(prec + s[1]);
                    __builtin_prefetch(prec + s[1] + 32);
                    break;
                }
                if (++i == ts) i = 0;
            }
        }
        for (size_t r = 0; r < nrec; r++) {
            const uint16_t *e = prec + idx[r];
            uint32_t cnt = e[0];
            const uint8_t *cls = (const uint8_t *)(e + 1);
            const int16_t *w = (const int16_t *)(const void *)(e + 1 + (cnt + 1) / 2);
            for (uint32_t j = 0; j < cnt; j++) acc[cls[j]] += (int32_t)w[j] * 256;
        }
        f += m;
        nf -= m;
    }
}

/* Records sorted by entry count, largest first: the features with many
 * classes are the frequent ones, so the hot records share pages. */
typedef struct { uint32_t slot, cnt; } pack_ord;
static int pack_cmp(const void *a, const void *b) {
    const pack_ord *x = a, *y = b;
    if (x->cnt != y->cnt) return x->cnt > y->cnt ? -1 : 1;
    return x->slot < y->slot ? -1 : x->slot > y->slot;
}

bool dy_pw_pack(const dyad_allocator *a, dy_pw *pw) {
    const uint32_t ts = pw->tsize;
    size_t nrec = 0, words = 0;
    for (uint32_t i = 0; i < ts; i++) {
        uint32_t off = pw->slots[2 * (size_t)i + 1];
        if (off == UINT32_MAX) continue;
        uint32_t cnt = pw->blob[off];
        nrec++;
        words += 1 + (cnt + 1) / 2 + cnt;
    }
    pack_ord *ord = dy_malloc(a, (nrec ? nrec : 1) * sizeof *ord);
    uint32_t *slots = dy_malloc(a, (size_t)ts * 8);
    uint16_t *rec = dy_malloc(a, (words ? words : 1) * 2);
    if (!ord || !slots || !rec || words >= UINT32_MAX) {
        dy_free(a, ord);
        dy_free(a, slots);
        dy_free(a, rec);
        return false;
    }
    memcpy(slots, pw->slots, (size_t)ts * 8);
    size_t k = 0;
    for (uint32_t i = 0; i < ts; i++) {
        uint32_t off = pw->slots[2 * (size_t)i + 1];
        if (off != UINT32_MAX) ord[k++] = (pack_ord){i, pw->blob[off]};
    }
    qsort(ord, nrec, sizeof *ord, pack_cmp);
    size_t pos = 0;
    for (size_t r = 0; r < nrec; r++) {
        const uint32_t *e = pw->blob + pw->slots[2 * (size_t)ord[r].slot + 1];
        uint32_t cnt = e[0];
        slots[2 * (size_t)ord[r].slot + 1] = (uint32_t)pos;
        uint16_t *o = rec + pos;
        o[0] = (uint16_t)cnt;
        uint8_t *cls = (uint8_t *)(o + 1);
        int16_t *w = (int16_t *)(void *)(o + 1 + (cnt + 1) / 2);
        for (uint32_t j = 1; j <= cnt; j++) {
            long q = lround((double)((int32_t)e[j] >> 8) / 256.0);
            cls[j - 1] = (uint8_t)(e[j] & 0xFF);
            w[j - 1] = (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
        }
        if (cnt & 1) cls[cnt] = 0;
        pos += 1 + (cnt + 1) / 2 + cnt;
    }
    dy_free(a, ord);
    pw->pslots = slots;
    pw->prec = rec;
    return true;
}

void dy_pw_unpack(const dyad_allocator *a, dy_pw *pw) {
    dy_free(a, pw->pslots);
    dy_free(a, pw->prec);
    pw->pslots = NULL;
    pw->prec = NULL;
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
    pw->pslots = NULL;
    pw->prec = NULL;
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

bool dy_pwt_update(dy_pwt *t, const uint64_t *f, size_t nf, uint32_t cls, float delta) {
    for (size_t k = 0; k < nf; k++) {
        if ((t->nfeat + 1) * 2 > t->tsize && !pwt_grow(t)) return false;
        dy_pwt_feat *x = pwt_find(t, f[k]);
        if (!x->key) { x->key = f[k]; t->nfeat++; }
        uint32_t j = 0;
        while (j < x->n && x->e[j].cls != cls) j++;
        if (j == x->n) {
            if (x->n == x->cap) {
                uint32_t nc = x->cap ? x->cap * 2 : 2;
                dy_pwt_ent *ne = realloc(x->e, nc * sizeof *ne);
                if (!ne) return false;
                x->e = ne;
                x->cap = nc;
            }
            x->e[j] = (dy_pwt_ent){0, 0, cls};
            x->n++;
        }
        x->e[j].w += delta;
        x->e[j].u += t->c * delta;
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
