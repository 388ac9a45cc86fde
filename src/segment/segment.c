/* segment.c — placeholder: whitespace tokens, one sentence per paragraph. */
#include "segment.h"

dyad_status dy_segment(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    dy_arena *A = &ctx->arena;
    size_t cap = doc->text.n / 2 + 1;
    doc->toks = DY_ANEW(A, dy_token, cap);
    doc->sents = DY_ANEW(A, dy_sentence, doc->npara + 1);
    if (!doc->toks || !doc->sents) return dy_err(err, DYAD_ENOMEM, "out of memory");
    const char *p = doc->text.p;
    for (size_t k = 0; k < doc->npara; k++) {
        dy_para *pa = &doc->paras[k];
        dy_sentence *s = &doc->sents[doc->nsent++];
        *s = (dy_sentence){pa->start, pa->end, pa->cstart, pa->cend, (uint32_t)doc->ntok, 0, (uint32_t)k};
        size_t i = pa->cstart;
        while (i < pa->cend) {
            while (i < pa->cend && (p[i] == ' ' || p[i] == '\n')) i++;
            if (i >= pa->cend) break;
            size_t b = i;
            while (i < pa->cend && p[i] != ' ' && p[i] != '\n') i++;
            dy_token *t = &doc->toks[doc->ntok++];
            memset(t, 0, sizeof *t);
            t->cstart = (uint32_t)b; t->cend = (uint32_t)i;
            t->start = doc->map[b]; t->end = doc->map[i];
            t->form = t->norm = (dy_str){p + b, i - b};
            t->head = -1;
            s->ntok++;
        }
    }
    return DYAD_OK;
}
