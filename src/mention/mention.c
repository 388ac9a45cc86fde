/* mention.c — runs the actor, time and place recognisers and sorts the
 * mentions by sentence and position. */
#include <stdlib.h>

#include "mention.h"

dy_mention *dy_mention_push(dyad_ctx *ctx, dyad_doc *doc) {
    /* Capacity doubles at powers of two (>= 16). */
    size_t n = doc->nment;
    if (n >= 16 && (n & (n - 1)) == 0) {
        dy_mention *m = dy_arena_grow(&ctx->arena, doc->ments, n, n * 2, sizeof *m);
        if (!m) return NULL;
        doc->ments = m;
    } else if (n == 0) {
        doc->ments = DY_ANEW(&ctx->arena, dy_mention, 16);
        if (!doc->ments) return NULL;
    }
    dy_mention *m = &doc->ments[doc->nment++];
    memset(m, 0, sizeof *m);
    m->antecedent = -1;
    return m;
}

dyad_status dy_mention_doc(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    dyad_status st = dy_actors_find(ctx, doc, err);
    if (st == DYAD_OK) st = dy_times_places_find(ctx, doc, err);
    if (st == DYAD_OK) st = dy_mention_sort(ctx, doc, err);
    return st;
}

dyad_status dy_times_places_find(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    dyad_status st = dy_times_find(ctx, doc, err);
    if (st == DYAD_OK && ctx->model && ctx->model->gaz) st = dy_places_find(ctx, doc, err);
    return st;
}

dyad_status dy_mention_sort(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    /* Recognisers append in their own order; antecedent indexes are fixed up
     * by the actor recogniser itself, so sorting must keep actor order: only
     * a stable merge by (sent, start) that maps indexes would be safe.  The
     * actor pass runs first and is already sorted; times and places are only
     * referenced by events, which are coded after this, so a stable sort with
     * index remapping is done here. */
    size_t n = doc->nment;
    if (n < 2) return DYAD_OK;
    uint32_t *order = DY_ANEW(&ctx->arena, uint32_t, n);
    int32_t *newidx = DY_ANEW(&ctx->arena, int32_t, n);
    dy_mention *sorted = DY_ANEW(&ctx->arena, dy_mention, n + 16);
    if (!order || !newidx || !sorted) return dy_err(err, DYAD_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) order[i] = (uint32_t)i;
    /* insertion sort keyed on (sent, start): stable, and n is small per doc */
    for (size_t i = 1; i < n; i++) {
        uint32_t v = order[i];
        size_t j = i;
        while (j > 0) {
            const dy_mention *a = &doc->ments[order[j - 1]], *b = &doc->ments[v];
            if (a->sent < b->sent || (a->sent == b->sent && a->start <= b->start)) break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
    for (size_t i = 0; i < n; i++) newidx[order[i]] = (int32_t)i;
    for (size_t i = 0; i < n; i++) {
        sorted[i] = doc->ments[order[i]];
        if (sorted[i].antecedent >= 0) sorted[i].antecedent = newidx[sorted[i].antecedent];
    }
    doc->ments = sorted;
    return DYAD_OK;
}
