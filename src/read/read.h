/*
 * read.h — document readers: plain text, one JSON Lines record, a saved
 * HTML news page.  Each fills doc->id/date/title/source/url/raw (and
 * captions for HTML) in the context's arena.  Invalid UTF-8 in raw is
 * replaced by U+FFFD here, so later stages see valid UTF-8 only.
 */
#ifndef DY_READ_H
#define DY_READ_H

#include "../base/model.h"

dyad_status dy_read_text(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n, dyad_error *err);
dyad_status dy_read_jsonl(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n, dyad_error *err);
dyad_status dy_read_html(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n, dyad_error *err);
/* Guess the input kind from the first bytes. */
dyad_input dy_read_detect(const char *p, size_t n);

#endif
