/* fuzz_segment.c — any bytes as cleaned text (identity map, paragraphs at
 * blank lines, the first byte choosing a shifted map as if the cleaner had
 * dropped bytes) through dy_segment; checks the output invariants: tokens
 * ordered, inside their paragraph, forms slicing the text, raw offsets
 * ordered and in range, sentences tiling the tokens. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/doc.h"
#include "base/model.h"
#include "segment/segment.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    unsigned mode = data[0];
    data++, size--;
    dyad_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    dy_arena_init(&ctx.arena, NULL);
    dyad_doc d;
    memset(&d, 0, sizeof d);
    d.ctx = &ctx;
    char *text = malloc(size + 1);
    if (!text) abort();
    memcpy(text, data, size);
    /* raw: every byte of text, with one extra byte after each `gap`-th one */
    size_t gap = (mode & 7) + 1;
    size_t rawn = size + size / gap + 1;
    char *raw = malloc(rawn + 1);
    d.map = DY_ANEW(&ctx.arena, uint32_t, size + 1);
    d.paras = DY_ANEW(&ctx.arena, dy_para, size / 2 + 2);
    if (!raw || !d.map || !d.paras) abort();
    size_t r = 0;
    for (size_t i = 0; i < size; i++) {
        d.map[i] = (uint32_t)r;
        raw[r++] = text[i];
        if ((mode & 8) && i % gap == gap - 1) raw[r++] = '#';
    }
    d.map[size] = (uint32_t)r;
    d.raw = (dy_str){raw, r};
    d.text = (dy_str){text, size};
    size_t i = 0;
    while (i < size) {
        while (i < size && text[i] == '\n') i++;
        if (i >= size) break;
        size_t s = i;
        while (i < size && !(text[i] == '\n' && i + 1 < size && text[i + 1] == '\n')) i++;
        d.paras[d.npara++] = (dy_para){(uint32_t)s, (uint32_t)i, d.map[s], d.map[i], 0};
    }
    if (dy_segment(&ctx, &d, NULL) == DYAD_OK) {
        size_t next = 0;
        for (size_t k = 0; k < d.ntok; k++) {
            const dy_token *t = &d.toks[k];
            if (t->cend <= t->cstart || t->cend > size) abort();
            if (t->form.p != text + t->cstart || t->form.n != t->cend - t->cstart) abort();
            if (k && t->cstart < d.toks[k - 1].cend) abort();
            if (t->start >= t->end || t->end > r) abort();
            if (k && t->start < d.toks[k - 1].end) abort();
            if (!t->norm.p || t->norm.n > t->form.n) abort();
        }
        for (size_t k = 0; k < d.nsent; k++) {
            const dy_sentence *s = &d.sents[k];
            if (s->tok0 != next || !s->ntok || s->ntok > DY_SEG_MAX_SENT_TOKENS) abort();
            next += s->ntok;
            if (s->para >= d.npara) abort();
            if (s->cstart < d.paras[s->para].cstart || s->cend > d.paras[s->para].cend) abort();
        }
        if (next != d.ntok) abort();
    }
    dy_arena_free(&ctx.arena);
    free(text);
    free(raw);
    return 0;
}
