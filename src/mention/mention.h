/*
 * mention.h — actors (dictionaries + coreference), times and places.
 * dy_mention_doc runs the recognisers and leaves doc->ments sorted by
 * (sentence, start).  Each recogniser appends to doc->ments with
 * dy_mention_push.
 */
#ifndef DY_MENTION_H
#define DY_MENTION_H

#include "../base/model.h"

typedef struct dy_actor_dict dy_actor_dict;
typedef struct dy_gazetteer dy_gazetteer;

/* Actor and agent dictionaries from <data_dir>/actors/ (docs/dictionaries.md).
 * src/mention/actors.c */
dyad_status dy_actors_load(const dyad_allocator *a, const char *data_dir,
                           dy_actor_dict **out, dyad_error *err);
void dy_actors_free(const dyad_allocator *a, dy_actor_dict *d);
/* Find actor mentions (with coreference) in a parsed document. */
dyad_status dy_actors_find(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);
/* The same on a document with sentences left DY_SENT_UNTAGGED (the parse
 * gate, doc.h): where the pass reads a tag of such a sentence it first has
 * tag(ud, doc, si) tag it (false: out of memory), so the mentions are those
 * of the tagged document. */
typedef bool (*dy_actors_tag_fn)(void *ud, dyad_doc *doc, uint32_t si);
dyad_status dy_actors_find_lazy(dyad_ctx *ctx, dyad_doc *doc, dy_actors_tag_fn tag, void *ud, dyad_error *err);

/* Temporal expressions, normalised against doc->date.  src/mention/times.c */
dyad_status dy_times_find(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);

/* Gazetteer from <data_dir>/places/.  src/mention/places.c */
dyad_status dy_gazetteer_load(const dyad_allocator *a, const char *data_dir,
                              dy_gazetteer **out, dyad_error *err);
void dy_gazetteer_free(const dyad_allocator *a, dy_gazetteer *g);
/* Place mentions (needs the gazetteer; a no-op without one). */
dyad_status dy_places_find(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);

/* Append a zeroed mention to doc->ments (antecedent = -1); NULL on OOM. */
dy_mention *dy_mention_push(dyad_ctx *ctx, dyad_doc *doc);

/* Give an event its time and place (src/mention/attach.c): a time or place
 * mention in the event's own clause first (found from the trigger token
 * through the parse), then the sentence's, else the document date and the
 * dateline.  Sets ev->time, ev->place (mention indexes or -1) and ev->date
 * (cut to the precision the text supports; arena memory of ctx). */
void dy_attach_time_place(dyad_ctx *ctx, const dyad_doc *doc, dy_event *ev);
/* Recode an actor mention for an event dated `date` (YYYY[-MM[-DD]]) outside
 * the document's own period: a dated dictionary entry ("President Clinton"
 * in "In 1997, ...") gets the code it had then.  True when changed.
 * src/mention/actors.c */
bool dy_actors_recode(const dyad_ctx *ctx, const dyad_doc *doc, dy_mention *m, dy_str date);

/* Run all recognisers (src/mention/mention.c): dy_actors_find, then
 * dy_times_places_find, then dy_mention_sort. */
dyad_status dy_mention_doc(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);
/* Times, then places (which read the actor and time mentions). */
dyad_status dy_times_places_find(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);
/* Sort doc->ments by (sentence, start), stably, antecedents remapped. */
dyad_status dy_mention_sort(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);

#endif
