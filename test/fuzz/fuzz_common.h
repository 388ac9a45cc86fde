/* fuzz_common.h — what the fuzz targets share: the model loaded once per
 * process, a sink that drops output, and the reader + cleaner round with
 * the document's invariants (a valid, monotonic map back to the input). */
#ifndef DY_FUZZ_COMMON_H
#define DY_FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>

#include "base/model.h"
#include "dyad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline int fuzz_null_sink(const char *p, size_t n, void *ud) {
    (void)p; (void)n; (void)ud;
    return 0;
}

/* The parts of the model named by load (DYAD_LOAD_*), from the source tree. */
static inline dyad_model *fuzz_model(unsigned load) {
    static dyad_model *m;
    if (!m) {
        dyad_model_options o = dyad_model_options_default();
        o.data_dir = DYAD_SOURCE_DIR "/data";
        o.load = load;
        if (dyad_model_load(&o, &m, NULL) != DYAD_OK) abort();
    }
    return m;
}

/* Read bytes as format, clean, check the map, write the clean outputs. */
static inline void fuzz_read_clean(dyad_input format, const uint8_t *data, size_t size) {
    dyad_ctx *ctx = dyad_ctx_new(fuzz_model(DYAD_LOAD_CLEAN));
    dyad_doc *doc = NULL;
    if (dyad_doc_read(ctx, format, (const char *)data, size, NULL, &doc, NULL) == DYAD_OK &&
        dyad_doc_process(ctx, doc, DYAD_STAGE_CLEAN, NULL) == DYAD_OK) {
        for (size_t i = 0; i < doc->text.n; i++)
            if (doc->map[i] > doc->raw.n || (i && doc->map[i] < doc->map[i - 1])) abort();
        if (doc->map[doc->text.n] > doc->raw.n) abort();
        dyad_doc_write(doc, DYAD_OUT_CLEAN, 0, fuzz_null_sink, NULL, NULL);
        dyad_doc_write(doc, DYAD_OUT_CLEAN_EXPLAIN, 0, fuzz_null_sink, NULL, NULL);
    }
    dyad_ctx_free(ctx);
}

#endif
