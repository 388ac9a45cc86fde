/*
 * segment.h — tokens and sentences with byte offsets into the raw input.
 * Needs no model: abbreviation lists are static tables.
 */
#ifndef DY_SEGMENT_H
#define DY_SEGMENT_H

#include "../base/model.h"

/* Fill doc->sents and doc->toks from doc->text/doc->paras/doc->map. */
dyad_status dy_segment(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);

#endif
