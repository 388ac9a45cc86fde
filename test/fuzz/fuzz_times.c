/* fuzz_times.c — any text through clean, segment and the time recogniser.
 * The first byte picks a publication date (or none), so relative forms are
 * resolved against many weekdays and month ends.  Checks that every time
 * mention's span lies inside its sentence and its value is non-empty. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "mention/mention.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    dyad_model *m = fuzz_model(DYAD_LOAD_CLEAN);
    if (size < 1) return 0;
    char date[16];
    dyad_doc_meta meta = {"f", NULL, NULL, NULL, NULL};
    if (data[0] != 0) {
        snprintf(date, sizeof date, "20%02d-%02d-%02d", data[0] % 30, 1 + data[0] % 12,
                 1 + (data[0] * 7) % 28);
        meta.date = date;
    }
    dyad_ctx *ctx = dyad_ctx_new(m);
    dyad_doc *doc = NULL;
    if (dyad_doc_read(ctx, DYAD_INPUT_TEXT, (const char *)data + 1, size - 1, &meta, &doc, NULL) ==
            DYAD_OK &&
        dyad_doc_process(ctx, doc, DYAD_STAGE_SEGMENT, NULL) == DYAD_OK &&
        dy_times_find(ctx, doc, NULL) == DYAD_OK) {
        for (size_t i = 0; i < doc->nment; i++) {
            const dy_mention *t = &doc->ments[i];
            const dy_sentence *s = &doc->sents[t->sent];
            if (t->tok_end <= t->tok_start || t->tok_end > s->ntok || t->start > t->end ||
                t->value.n == 0 || t->head_tok < t->tok_start || t->head_tok >= t->tok_end)
                abort();
        }
    }
    dyad_ctx_free(ctx);
    return 0;
}
