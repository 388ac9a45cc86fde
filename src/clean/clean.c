/* clean.c — placeholder cleaner: paragraphs at blank lines, no rules yet. */
#include "clean.h"

struct dy_clean_rules { int unused; };

dyad_status dy_clean_rules_load(const dyad_allocator *a, const char *path,
                                dy_clean_rules **out, dyad_error *err) {
    (void)path;
    *out = dy_malloc(a, sizeof **out);
    if (!*out) return dy_err(err, DYAD_ENOMEM, "out of memory");
    return DYAD_OK;
}

void dy_clean_rules_free(const dyad_allocator *a, dy_clean_rules *r) { dy_free(a, r); }

dyad_status dy_clean(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    dy_arena *A = &ctx->arena;
    doc->text = doc->raw;
    doc->map = dy_arena_alloc(A, dy_mul(doc->raw.n + 1, sizeof *doc->map));
    size_t cap = 16;
    doc->paras = DY_ANEW(A, dy_para, cap);
    if (!doc->map || !doc->paras) return dy_err(err, DYAD_ENOMEM, "out of memory");
    for (size_t i = 0; i <= doc->raw.n; i++) doc->map[i] = (uint32_t)i;
    size_t i = 0, n = doc->raw.n;
    const char *p = doc->raw.p;
    while (i < n) {
        while (i < n && (p[i] == '\n' || p[i] == '\r' || p[i] == ' ')) i++;
        if (i >= n) break;
        size_t s = i;
        while (i < n && !(p[i] == '\n' && i + 1 < n && p[i + 1] == '\n')) i++;
        size_t e = i;
        while (e > s && (p[e - 1] == '\n' || p[e - 1] == ' ' || p[e - 1] == '\r')) e--;
        if (doc->npara == cap) {
            doc->paras = dy_arena_grow(A, doc->paras, cap, cap * 2, sizeof *doc->paras);
            if (!doc->paras) return dy_err(err, DYAD_ENOMEM, "out of memory");
            cap *= 2;
        }
        doc->paras[doc->npara++] = (dy_para){(uint32_t)s, (uint32_t)e, (uint32_t)s, (uint32_t)e, 0};
    }
    return DYAD_OK;
}
