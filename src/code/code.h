/*
 * code.h — event coding: the event lexicon (data/events/, docs/patterns.md),
 * the CAMEO code table, and the coder that turns parsed, actor-tagged
 * sentences into dy_events with status and attribution.
 */
#ifndef DY_CODE_H
#define DY_CODE_H

#include "../base/model.h"

typedef struct dy_lexicon dy_lexicon;

/* One row of the CAMEO table. */
typedef struct dy_cameo_entry {
    const char *code;       /* "072" */
    const char *name;
    double goldstein;
    int quad_class;         /* 0..4 */
} dy_cameo_entry;

dyad_status dy_lexicon_load(const dyad_allocator *a, const char *data_dir,
                            dy_lexicon **out, dyad_error *err);
void dy_lexicon_free(const dyad_allocator *a, dy_lexicon *lx);

/* NULL when the code is unknown.  Borrowed from the lexicon. */
const dy_cameo_entry *dy_cameo_find(const dy_lexicon *lx, const char *code);

/* Fill doc->events. */
dyad_status dy_code_doc(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);

#endif
