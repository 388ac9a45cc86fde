/* fuzz_pipeline.c — any bytes through read (first byte picks the format),
 * clean and segment, and every text output form.  Must never crash. */
#include <stdlib.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    dyad_model *m = fuzz_model(DYAD_LOAD_CLEAN);
    if (size < 1) return 0;
    dyad_input in = (dyad_input)(data[0] % 4);
    dyad_ctx *ctx = dyad_ctx_new(m);
    dyad_doc *doc = NULL;
    if (dyad_doc_read(ctx, in, (const char *)data + 1, size - 1, NULL, &doc, NULL) == DYAD_OK &&
        dyad_doc_process(ctx, doc, DYAD_STAGE_SEGMENT, NULL) == DYAD_OK) {
        dyad_doc_write(doc, DYAD_OUT_SENTENCES, 0, fuzz_null_sink, NULL, NULL);
        dyad_doc_write(doc, DYAD_OUT_CLEAN, 0, fuzz_null_sink, NULL, NULL);
        dyad_doc_write(doc, DYAD_OUT_CLEAN_EXPLAIN, 0, fuzz_null_sink, NULL, NULL);
    }
    dyad_ctx_free(ctx);
    return 0;
}
