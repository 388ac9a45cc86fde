/*
 * read.h — document readers: plain text, one JSON Lines record, a saved
 * HTML news page.  Each fills doc->id/date/title/source/url/raw (and
 * captions for HTML) in the context's arena.  Invalid UTF-8 in raw is
 * replaced by U+FFFD here (NUL bytes too), so later stages see valid UTF-8
 * only.  Metadata already set on the document (the caller's dyad_doc_meta)
 * wins over the document's own fields.
 *
 * Bad input gives DYAD_EINPUT with a message that says what is wrong (the
 * CLI prefixes file and line): empty document, binary data, truncated JSON,
 * a field of the wrong type, no "text"/"html" field, HTML with no article
 * text.  Documents larger than DY_READ_MAX_BYTES give DYAD_ELIMIT.
 */
#ifndef DY_READ_H
#define DY_READ_H

#include "../base/model.h"

/* Largest document (bytes as given to a reader) accepted. */
#define DY_READ_MAX_BYTES ((size_t)32 << 20)

dyad_status dy_read_text(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n, dyad_error *err);
dyad_status dy_read_jsonl(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n, dyad_error *err);
dyad_status dy_read_html(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n, dyad_error *err);
/* Guess the input kind from the first bytes. */
dyad_input dy_read_detect(const char *p, size_t n);

/* MARK: helpers shared by the readers (read.c) */

/* Copy p[0..n) into the arena as valid UTF-8: each invalid byte and each NUL
 * becomes U+FFFD.  NUL-terminated; .p == NULL on OOM. */
dy_str dy_utf8_repair(dy_arena *a, const char *p, size_t n);
/* Normalise a date as found in metadata ("2020-03-04T10:00:00Z", "2020/3/4",
 * "March 4, 2020", "Wed, 04 Mar 2020 10:00:00 GMT", "4 March 2020") to
 * YYYY-MM-DD in out (11 bytes with the NUL).  false when not understood. */
bool dy_date_norm(const char *s, size_t n, char out[11]);
/* Set doc->date from s when the caller gave none and s is a date. */
void dy_read_set_date(dyad_ctx *ctx, dyad_doc *doc, const char *s, size_t n);

/* The HTML extractor (html.c): fills raw (paragraphs joined by "\n\n"),
 * captions, and title/date when the document has none. */
dyad_status dy_html_extract(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n,
                            dyad_error *err);

#endif
