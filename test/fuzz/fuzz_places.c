/* fuzz_places.c — any text through clean, segment, times and places (with
 * the shipped gazetteer) and attachment of a made-up event at every token.
 * Checks spans and that attached indexes point at mentions of their kind. */
#include <stdint.h>
#include <stdlib.h>

#include "base/model.h"
#include "mention/mention.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static dyad_model *m;
    if (!m) {
        dyad_model_options o = dyad_model_options_default();
        o.load = DYAD_LOAD_CLEAN | DYAD_LOAD_PLACES;
        if (dyad_model_load(&o, &m, NULL) != DYAD_OK) abort();
    }
    dyad_doc_meta meta = {"f", "2019-02-14", NULL, NULL, NULL};
    dyad_ctx *ctx = dyad_ctx_new(m);
    dyad_doc *doc = NULL;
    if (dyad_doc_read(ctx, DYAD_INPUT_TEXT, (const char *)data, size, &meta, &doc, NULL) == DYAD_OK &&
        dyad_doc_process(ctx, doc, DYAD_STAGE_SEGMENT, NULL) == DYAD_OK &&
        dy_mention_doc(ctx, doc, NULL) == DYAD_OK) {
        for (size_t i = 0; i < doc->nment; i++) {
            const dy_mention *t = &doc->ments[i];
            if (t->sent >= doc->nsent || t->tok_end > doc->sents[t->sent].ntok || t->tok_end < t->tok_start)
                abort();
            if (t->kind == DY_MENTION_PLACE && (t->pcountry.n != 3 || !t->pname.n)) abort();
        }
        for (uint32_t s = 0; s < doc->nsent && s < 8; s++)
            for (uint32_t k = 0; k < doc->sents[s].ntok && k < 64; k++) {
                dy_event ev = {0};
                ev.sent = s;
                ev.trig_tok = k;
                ev.trig_ntok = 1;
                dy_attach_time_place(ctx, doc, &ev);
                if (ev.time >= 0 && doc->ments[ev.time].kind != DY_MENTION_TIME) abort();
                if (ev.place >= 0 && doc->ments[ev.place].kind != DY_MENTION_PLACE) abort();
                if (ev.date.n != 0 && ev.date.n != 4 && ev.date.n != 7 && ev.date.n != 10) abort();
            }
    }
    dyad_ctx_free(ctx);
    return 0;
}
