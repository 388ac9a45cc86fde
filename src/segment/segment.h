/*
 * segment.h — tokens and sentences with byte offsets into the raw input.
 * Needs no model: abbreviation lists are static tables (abbrev.c).
 *
 * Input:  doc->text (UTF-8, NFC; curly quotes and dashes may be present;
 *         invalid bytes are tolerated and become one-byte tokens),
 *         doc->paras[].cstart/cend, doc->map (text offset -> raw offset).
 * Output: doc->toks and doc->sents.  Tokens follow UD English-EWT: clitics
 *         and possessives split (do n't, ca n't, Turkey 's), punctuation
 *         split, hyphenated words, numbers (250,000, 3.5, 1990s), URLs,
 *         e-mails, @handles and abbreviations with their period (U.S.,
 *         Gen.) kept whole.  tok.form is a slice of doc->text, tok.norm the
 *         form with typographic quotes folded to ASCII (’ ‘ → ', “ ” → "),
 *         tok.head = -1, lemma empty.  Sentences never cross paragraphs and
 *         hold at most DY_SEG_MAX_SENT_TOKENS tokens (longer runs without a
 *         boundary, e.g. tables or lines of punctuation, are cut there).
 *         A sentence's start/end are its first token's start and last
 *         token's end; its text is doc->text[cstart, cend).
 */
#ifndef DY_SEGMENT_H
#define DY_SEGMENT_H

#include "../base/model.h"

#define DY_SEG_MAX_SENT_TOKENS 400

/* Fill doc->sents and doc->toks from doc->text/doc->paras/doc->map. */
dyad_status dy_segment(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);

#endif
