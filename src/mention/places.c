/* places.c — placeholder until the gazetteer lands. */
#include "mention.h"

struct dy_gazetteer { int unused; };

dyad_status dy_gazetteer_load(const dyad_allocator *a, const char *data_dir,
                              dy_gazetteer **out, dyad_error *err) {
    (void)data_dir;
    *out = dy_malloc(a, sizeof **out);
    return *out ? DYAD_OK : dy_err(err, DYAD_ENOMEM, "out of memory");
}
void dy_gazetteer_free(const dyad_allocator *a, dy_gazetteer *g) { dy_free(a, g); }
dyad_status dy_places_find(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    (void)ctx; (void)doc; (void)err;
    return DYAD_OK;
}
