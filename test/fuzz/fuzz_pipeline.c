/* fuzz_pipeline.c — any bytes through read (first byte picks the format),
 * clean and segment, and every text output form.  Must never crash. */
#include <stdint.h>
#include <stdlib.h>

#include "dyad.h"

static int null_sink(const char *p, size_t n, void *ud) {
    (void)p; (void)n; (void)ud;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static dyad_model *m;
    if (!m) {
        dyad_model_options o = dyad_model_options_default();
        o.load = DYAD_LOAD_CLEAN;
        if (dyad_model_load(&o, &m, NULL) != DYAD_OK) abort();
    }
    if (size < 1) return 0;
    dyad_input in = (dyad_input)(data[0] % 4);
    dyad_ctx *ctx = dyad_ctx_new(m);
    dyad_doc *doc = NULL;
    if (dyad_doc_read(ctx, in, (const char *)data + 1, size - 1, NULL, &doc, NULL) == DYAD_OK &&
        dyad_doc_process(ctx, doc, DYAD_STAGE_SEGMENT, NULL) == DYAD_OK) {
        dyad_doc_write(doc, DYAD_OUT_SENTENCES, 0, null_sink, NULL, NULL);
        dyad_doc_write(doc, DYAD_OUT_CLEAN, 0, null_sink, NULL, NULL);
        dyad_doc_write(doc, DYAD_OUT_CLEAN_EXPLAIN, 0, null_sink, NULL, NULL);
    }
    dyad_ctx_free(ctx);
    return 0;
}
