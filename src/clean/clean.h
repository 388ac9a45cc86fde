/*
 * clean.h — article cleaning: duplicate paragraphs, pull quotes, photo
 * credits, bylines, promos, datelines, Unicode normalisation.  Rules live in
 * data/clean/rules.txt (format in docs/cleaning.md), not in code.
 */
#ifndef DY_CLEAN_H
#define DY_CLEAN_H

#include "../base/model.h"

typedef struct dy_clean_rules dy_clean_rules;

/* Load rules from a file; DYAD_EMODEL with file:line on a bad rule. */
dyad_status dy_clean_rules_load(const dyad_allocator *a, const char *path,
                                dy_clean_rules **out, dyad_error *err);
void dy_clean_rules_free(const dyad_allocator *a, dy_clean_rules *r);

/* Fill doc->text, map, paras, drops, dateline from doc->raw. */
dyad_status dy_clean(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);

#endif
