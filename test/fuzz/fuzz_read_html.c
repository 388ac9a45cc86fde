/* fuzz_read_html.c — any bytes through the html reader, then clean and the
 * clean outputs; the document's invariants (valid map) are checked. */
#include <stdint.h>
#include <stdlib.h>

#include "base/model.h"
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
        o.data_dir = DYAD_SOURCE_DIR "/data";
        o.load = DYAD_LOAD_CLEAN;
        if (dyad_model_load(&o, &m, NULL) != DYAD_OK) abort();
    }
    dyad_ctx *ctx = dyad_ctx_new(m);
    dyad_doc *doc = NULL;
    if (dyad_doc_read(ctx, DYAD_INPUT_HTML, (const char *)data, size, NULL, &doc, NULL) == DYAD_OK &&
        dyad_doc_process(ctx, doc, DYAD_STAGE_CLEAN, NULL) == DYAD_OK) {
        for (size_t i = 0; i < doc->text.n; i++)
            if (doc->map[i] > doc->raw.n || (i && doc->map[i] < doc->map[i - 1])) abort();
        if (doc->map[doc->text.n] > doc->raw.n) abort();
        dyad_doc_write(doc, DYAD_OUT_CLEAN, 0, null_sink, NULL, NULL);
        dyad_doc_write(doc, DYAD_OUT_CLEAN_EXPLAIN, 0, null_sink, NULL, NULL);
    }
    dyad_ctx_free(ctx);
    return 0;
}
