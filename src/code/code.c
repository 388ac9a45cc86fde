/* code.c — placeholder: no lexicon yet. */
#include "code.h"

struct dy_lexicon { int unused; };

dyad_status dy_lexicon_load(const dyad_allocator *a, const char *data_dir,
                            dy_lexicon **out, dyad_error *err) {
    (void)data_dir;
    *out = dy_malloc(a, sizeof **out);
    return *out ? DYAD_OK : dy_err(err, DYAD_ENOMEM, "out of memory");
}
void dy_lexicon_free(const dyad_allocator *a, dy_lexicon *lx) { dy_free(a, lx); }
const dy_cameo_entry *dy_cameo_find(const dy_lexicon *lx, const char *code) {
    (void)lx; (void)code;
    return NULL;
}
dyad_status dy_code_doc(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    (void)ctx; (void)doc; (void)err;
    return DYAD_OK;
}
