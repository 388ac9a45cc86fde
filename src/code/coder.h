/*
 * coder.h — internals shared by code.c (triggers, actors, frames) and
 * status.c (status and attribution): a view of one parsed sentence with
 * child lists, the actor mention over each token and the lexicon entry
 * matched at each token.
 */
#ifndef DY_CODER_H
#define DY_CODER_H

#include "lexicon.h"

#define DY_PATH_CAP 160

typedef struct dy_sent_view {
    const dyad_doc *doc;
    const dy_lexicon *lx;
    uint32_t si;                /* sentence index */
    const dy_token *t;          /* the sentence's tokens */
    int32_t n;
    int32_t *first, *next;      /* children: first child, next sibling (-1 ends) */
    int32_t *ment;              /* actor mention over each token, or -1 */
    int32_t *entry;             /* lexicon entry matched at each token, or -1 */
} dy_sent_view;

bool dy_sv_lemma_is(const dy_sent_view *S, int32_t t, const char *w);
int32_t dy_sv_child(const dy_sent_view *S, int32_t t, int deprel);
int32_t dy_sv_case(const dy_sent_view *S, int32_t t);
bool dy_sv_has_case(const dy_sent_view *S, int32_t t, const char *prep);
int32_t dy_sv_actor_np(const dy_sent_view *S, int32_t tok);
int dy_sv_subjects(const dy_sent_view *S, int32_t t, int32_t *out, int max, char *path, int depth);
int32_t dy_sv_complement(const dy_sent_view *S, int32_t h);

/* Record in doc->ctx->trace (model.h) a candidate the coder dropped: at
 * token tok of sentence si, code, source and target mentions (-1 when
 * none or not known), the rule and its cue (may be NULL).  Call through
 * DY_TRACE, which costs one test when no trace is asked for. */
void dy_trace_note(const dyad_doc *doc, uint32_t si, uint32_t tok, const char *code, int32_t src, int32_t tgt,
                   const char *why, const char *detail);
#define DY_TRACE(doc, ...) \
    do { \
        if ((doc)->ctx->trace) dy_trace_note((doc), __VA_ARGS__); \
    } while (0)

/* Status of the event whose trigger is t (status.c).  *attr gets the
 * attribution mention or -1; cues (may be NULL) gets the words that set it;
 * returns -1 when the event is consumed by a frame (a family verb codes it
 * as an intent, threat, appeal, demand or rejection instead). */
int dy_status_of(const dy_sent_view *S, int32_t t, int32_t *attr, char *cues, size_t cap);

#endif
