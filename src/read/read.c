/* read.c — document readers (placeholder until the readers land: text only). */
#include "read.h"

dyad_input dy_read_detect(const char *p, size_t n) {
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n')) i++;
    if (i < n && p[i] == '<') return DYAD_INPUT_HTML;
    if (i < n && p[i] == '{') return DYAD_INPUT_JSONL;
    return DYAD_INPUT_TEXT;
}

dyad_status dy_read_text(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n, dyad_error *err) {
    doc->raw = dy_arena_strdup(&ctx->arena, p, n);
    if (!doc->raw.p) return dy_err(err, DYAD_ENOMEM, "out of memory");
    return DYAD_OK;
}

dyad_status dy_read_jsonl(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n, dyad_error *err) {
    (void)ctx; (void)doc; (void)p; (void)n;
    return dy_err(err, DYAD_EINPUT, "JSON Lines input is not implemented yet");
}

dyad_status dy_read_html(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n, dyad_error *err) {
    (void)ctx; (void)doc; (void)p; (void)n;
    return dy_err(err, DYAD_EINPUT, "HTML input is not implemented yet");
}
