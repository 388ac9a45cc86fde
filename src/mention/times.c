/* times.c — placeholder until temporal expressions land. */
#include "mention.h"

dyad_status dy_times_find(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    (void)ctx; (void)doc; (void)err;
    return DYAD_OK;
}
