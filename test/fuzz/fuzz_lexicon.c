/* fuzz_lexicon.c — any bytes as an event lexicon file (after a fixed class
 * and family prelude), then finish (sort, index, CAMEO check), lookups and
 * coverage; and the same bytes as CoNLL-U with actor lines, coded.  Must
 * never crash or leak. */
#include <stdlib.h>

#include "fuzz_common.h"
#include "code/code.h"
#include "code/lexicon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    dyad_model *m = fuzz_model(DYAD_LOAD_CODE);
    const dyad_allocator *a = dyad_default_allocator();
    dy_lexicon *lx = dy_lexicon_new(a);
    if (!lx) return 0;
    static const char prelude[] = "@w weapon arms\n!f 030 07=033 072=0332\n";
    char *p1 = malloc(sizeof prelude);
    char *p2 = malloc(size + 1);
    if (!p1 || !p2) { free(p1); free(p2); dy_lexicon_free(a, lx); return 0; }
    memcpy(p1, prelude, sizeof prelude);
    memcpy(p2, data, size);
    p2[size] = 0;
    dyad_error err;
    /* add_text owns the text it is given, on success and on failure */
    if (dy_lexicon_add_text(lx, "prelude", p1, sizeof prelude - 1, &err) != DYAD_OK) {
        free(p2);
        p2 = NULL;
    }
    if (p2 && dy_lexicon_add_text(lx, "fuzz", p2, size, &err) == DYAD_OK &&
        dy_lexicon_finish(lx, &err) == DYAD_OK) {
        size_t first, n;
        dy_lexicon_lookup(lx, DY_LEX_VERB, DY_STR("send"), &first, &n);
        dy_lexicon_lookup(lx, DY_LEX_NOUN, DY_STR("attack"), &first, &n);
        uint32_t roots;
        dy_lexicon_coverage(lx, &roots);
        dy_lex_family_map(lx, 0, "0721");
    }
    dy_lexicon_free(a, lx);
    /* the same bytes as CoNLL-U, coded with the real lexicon */
    dyad_ctx *ctx = dyad_ctx_new(m);
    dyad_doc *doc = NULL;
    if (ctx && dy_code_conllu_doc(ctx, (const char *)data, size, "f", "2020-01-01", &doc, NULL) == DYAD_OK &&
        dyad_doc_process(ctx, doc, DYAD_STAGE_CODE, NULL) == DYAD_OK) {
        dyad_doc_write(doc, DYAD_OUT_EXPLAIN, 0, fuzz_null_sink, NULL, NULL);
        dyad_doc_write(doc, DYAD_OUT_PHOENIX, 0, fuzz_null_sink, NULL, NULL);
        dyad_doc_write(doc, DYAD_OUT_PLOVER, 0, fuzz_null_sink, NULL, NULL);
    }
    dyad_ctx_free(ctx);
    return 0;
}
