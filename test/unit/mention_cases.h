/*
 * mention_cases.h — run the time/place spec files (test/spec/times_*.txt,
 * test/spec/places_*.txt) through the library directly, recogniser by
 * recogniser, so they are checked even before the `mentions` verb exists and
 * without the actor dictionaries.  Only the parts of the spec format these
 * files use are read: `$ ... --date D` commands, `### title`, input lines,
 * `.`, expected lines "text<TAB>value..." (the projection is fixed by the
 * caller's formatter).
 */
#ifndef DYAD_MENTION_CASES_H
#define DYAD_MENTION_CASES_H

#include "base/model.h"

/* Format the mentions of one kind in doc as expected lines into out. */
typedef void (*mc_format)(const dyad_doc *doc, dy_buf *out);
/* Run the recognisers this test needs on a segmented doc. */
typedef dyad_status (*mc_run)(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);

/* Returns the number of failing cases (details on stderr); *ncases gets the
 * number of cases run.  model may be NULL. */
int mc_run_file(const char *path, const dyad_model *model, mc_run run, mc_format fmt, int *ncases);
/* Same for every file in dir whose name starts with prefix and ends in .txt. */
int mc_run_dir(const char *dir, const char *prefix, const dyad_model *model, mc_run run,
               mc_format fmt, int *ncases);

#endif
