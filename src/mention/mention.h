/*
 * mention.h — actors (dictionaries + coreference), times and places.
 * dy_mention_doc runs all three recognisers and leaves doc->ments sorted by
 * (sentence, start).
 */
#ifndef DY_MENTION_H
#define DY_MENTION_H

#include "../base/model.h"

typedef struct dy_actor_dict dy_actor_dict;
typedef struct dy_gazetteer dy_gazetteer;

/* Actor and agent dictionaries from <data_dir>/actors/ (docs/dictionaries.md). */
dyad_status dy_actors_load(const dyad_allocator *a, const char *data_dir,
                           dy_actor_dict **out, dyad_error *err);
void dy_actors_free(const dyad_allocator *a, dy_actor_dict *d);

/* Gazetteer from <data_dir>/places/. */
dyad_status dy_gazetteer_load(const dyad_allocator *a, const char *data_dir,
                              dy_gazetteer **out, dyad_error *err);
void dy_gazetteer_free(const dyad_allocator *a, dy_gazetteer *g);

/* Recognise actors (needs DYAD_LOAD_ACTORS), and times and places when the
 * model has them; fills doc->ments. */
dyad_status dy_mention_doc(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);

#endif
