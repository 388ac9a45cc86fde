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

/* Fill doc->events (arena of ctx).  Needs a parsed document with actor
 * mentions; the context's model must have the lexicon loaded.  Thread-safe
 * for distinct contexts sharing one model. */
dyad_status dy_code_doc(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);

/* The parse gate: mark DY_SENT_WANT_PARSE (doc.h) each sentence that
 * could give an event or whose tree dy_code_doc reads for other sentences,
 * from the actor mentions (dy_actors_find, which reads tags only) and the
 * lemmas and forms of a tagged document.  Every other sentence provably
 * gives no event and changes no other sentence's: dy_code_doc leaves it.
 * Conservative: a sentence with an actor and any word of an event entry
 * (any tag, lemma, form or regular stem) is parsed. */
void dy_code_want_parse(dyad_ctx *ctx, dyad_doc *doc);

/* A document built from CoNLL-U text with "# actors = 1-2:IRN 5:AFGINSTAL"
 * comment lines (src/code/conllu.c: the format), processed up to the mention
 * stage, so that dyad_doc_process(..., DYAD_STAGE_CODE) codes it on gold
 * parses.  Lives in ctx's arena; text is copied.  DYAD_EINPUT on malformed
 * rows or actor spans, DYAD_ENOMEM. */
dyad_status dy_code_conllu_doc(dyad_ctx *ctx, const char *text, size_t n, const char *id,
                               const char *date, dyad_doc **out, dyad_error *err);

#endif
