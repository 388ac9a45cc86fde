/*
 * segment.c — the segmentation stage: tokenize each paragraph
 * (tokenize.c), cut it into sentences (sentence.c), then fill each token's
 * raw offsets, flags and normalised form.
 */
#include <string.h>

#include "seg_internal.h"

/* Raw end offset of clean text [.., ce): just past the raw character that
 * text byte ce-1 came from, and never past the raw position of byte ce (so
 * nothing the cleaner dropped after the token is included). */
static uint32_t raw_end(const dyad_doc *d, size_t ce) {
    uint32_t lim = d->map[ce];
    uint32_t r = d->map[ce - 1] + 1;
    if (r >= lim) return r;
    const unsigned char *raw = (const unsigned char *)d->raw.p;
    /* finish a multi-byte character, then any combining marks (U+0300-036F) */
    while (r < lim && r < d->raw.n) {
        if ((raw[r] & 0xC0) == 0x80) { r++; continue; }
        if (raw[r] == 0xCC || (raw[r] == 0xCD && r + 1 < d->raw.n && raw[r + 1] < 0xB0)) { r += 2; continue; }
        break;
    }
    return r < lim ? r : lim;
}

/* Typographic quotes → ASCII; other bytes unchanged.  Copies only when the
 * form holds one. */
static dy_str fold_quotes(dy_arena *A, dy_str f, bool *oom) {
    const unsigned char *p = (const unsigned char *)f.p;
    size_t i;
    for (i = 0; i + 2 < f.n; i++)
        if (p[i] == 0xE2 && p[i + 1] == 0x80 && p[i + 2] >= 0x98 && p[i + 2] <= 0x9F) break;
    if (i + 2 >= f.n) return f;
    char *o = dy_arena_alloc(A, f.n + 1);
    if (!o) { *oom = true; return f; }
    size_t n = 0;
    for (i = 0; i < f.n;) {
        if (i + 2 < f.n && p[i] == 0xE2 && p[i + 1] == 0x80 && p[i + 2] >= 0x98 && p[i + 2] <= 0x9F) {
            o[n++] = p[i + 2] <= 0x9B ? '\'' : '"';
            i += 3;
        } else {
            o[n++] = (char)p[i++];
        }
    }
    o[n] = 0;
    return (dy_str){o, n};
}

static bool space_at(const dyad_doc *d, size_t k) {
    if (k >= d->text.n) return false;
    size_t l;
    return dy_seg_class(dy_u8dec((const unsigned char *)d->text.p + k, d->text.n - k, &l)) == DY_CC_SPACE;
}

dyad_status dy_segment(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    dy_seg S = {doc, &ctx->arena, 0, NULL, 0};
    doc->ntok = doc->nsent = 0;
    if (!doc->map && doc->text.n) return dy_err(err, DYAD_EINVAL, "segment: no offset map");
    if (doc->text.n >= UINT32_MAX) return dy_err(err, DYAD_ELIMIT, "document too large to segment");
    /* News text averages 5-6 bytes a token: size for that, grow if denser. */
    S.cap = doc->text.n / 5 + 16;
    if (S.cap > UINT32_MAX) S.cap = UINT32_MAX;
    doc->toks = dy_arena_alloc(S.A, dy_mul(S.cap, sizeof *doc->toks));
    S.kind = dy_arena_alloc(S.A, S.cap);
    if (!doc->toks || !S.kind) return dy_err(err, DYAD_ENOMEM, "out of memory segmenting");
    S.nsent_cap = S.cap / 16 + 4;
    doc->sents = dy_arena_alloc(S.A, dy_mul(S.nsent_cap, sizeof *doc->sents));
    if (!doc->sents) return dy_err(err, DYAD_ENOMEM, "out of memory segmenting");
    for (size_t k = 0; k < doc->npara; k++) {
        const dy_para *pa = &doc->paras[k];
        size_t b = pa->cstart, e = pa->cend;
        if (e > doc->text.n) e = doc->text.n;
        if (b >= e) continue;
        size_t t0 = doc->ntok;
        dyad_status st = dy_seg_tokenize(&S, b, e, err);
        if (!st && doc->ntok > t0) st = dy_seg_sentences(&S, (uint32_t)k, t0, doc->ntok, err);
        if (st) return st;
    }
    bool oom = false;
    for (size_t i = 0; i < doc->ntok; i++) {
        dy_token *t = &doc->toks[i];
        t->start = doc->map[t->cstart];
        t->end = raw_end(doc, t->cend);
        t->norm = fold_quotes(S.A, t->form, &oom);
        size_t l;
        if (dy_seg_upper(dy_u8dec((const unsigned char *)t->form.p, t->form.n, &l))) t->flags |= DY_TOK_CAP;
        if (space_at(doc, t->cend)) t->flags |= DY_TOK_SPACE_AFTER;
    }
    if (oom) return dy_err(err, DYAD_ENOMEM, "out of memory segmenting");
    for (size_t i = 0; i < doc->nsent; i++) {
        dy_sentence *s = &doc->sents[i];
        doc->toks[s->tok0].flags |= DY_TOK_SENT_START;
        s->start = doc->toks[s->tok0].start;
        s->end = doc->toks[s->tok0 + s->ntok - 1].end;
    }
    return DYAD_OK;
}
