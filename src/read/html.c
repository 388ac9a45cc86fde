/* html.c — the HTML article extractor (placeholder). */
#include "read.h"

dyad_status dy_html_extract(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n,
                            dyad_error *err) {
    (void)ctx; (void)doc; (void)p; (void)n;
    return dy_err(err, DYAD_EINPUT, "HTML input is not implemented yet");
}
