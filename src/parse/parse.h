/*
 * parse.h — POS tagger (UPOS+XPOS), lemmatizer and labelled dependency
 * parser, trained on UD English EWT by `dyad train`.  Model files live in
 * models/ (binary: magic, version, checksum; see docs/models.md).
 */
#ifndef DY_PARSE_H
#define DY_PARSE_H

#include "../base/model.h"

typedef struct dy_parse_model dy_parse_model;

/* Free what the tagger keeps in ctx between documents (ctx->tagcache). */
void dy_parse_ctx_free(dyad_ctx *ctx);

/* Load the tagger, parser and lemma tables from model_dir (and data_dir for
 * the lemmatizer's exception lists); the parser from parser_file, a name in
 * model_dir or, with a '/', a path.  DYAD_EMODEL naming the file when one is
 * missing, truncated, corrupt or of another format version. */
dyad_status dy_parse_model_load(const dyad_allocator *a, const char *model_dir,
                                const char *parser_file, const char *data_dir,
                                dy_parse_model **out, dyad_error *err);
void dy_parse_model_free(const dyad_allocator *a, dy_parse_model *m);
const char *dy_parse_model_version(const dy_parse_model *m);

/* Tag, lemmatise and parse every sentence of doc (fills upos, xpos, lemma,
 * head, deprel of doc->toks).  With names, each run of proper names
 * ("Russian President Vladimir Putin") is parsed as its last word, its other
 * words attached to that word as compounds: for the pipeline when it finds
 * actors (names are actors there and the run's inner structure does not
 * matter), while `dyad parse` keeps the treebank's analysis.  Thread-safe for distinct
 * contexts. */
dyad_status dy_parse_doc(dyad_ctx *ctx, dyad_doc *doc, bool names, dyad_error *err);

/* The same in two steps, for the event coder's parse gate (doc.h,
 * src/base/pipeline.c).  dy_parse_doc_tag tags and lemmatises every
 * sentence and marks it DY_SENT_UNPARSED (no tree); dy_parse_doc_wanted
 * parses each unparsed sentence marked DY_SENT_WANT_PARSE and clears the
 * marks (every DY_SENT_WANT_PARSE).  A sentence parsed this way gets exactly what dy_parse_doc gives it. */
dyad_status dy_parse_doc_tag(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);
/* Lazier still: dy_parse_doc_untagged marks every sentence DY_SENT_UNPARSED
 * and DY_SENT_UNTAGGED (no tags, no lemmas, no tree) and dy_parse_sent_tag
 * tags and lemmatises sentence si when it is untagged (a no-op otherwise);
 * dy_parse_doc_wanted tags an untagged sentence before parsing it.  A
 * sentence tagged this way gets exactly what dy_parse_doc_tag gives it. */
dyad_status dy_parse_doc_untagged(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err);
dyad_status dy_parse_sent_tag(dyad_ctx *ctx, dyad_doc *doc, size_t si, dyad_error *err);
dyad_status dy_parse_doc_wanted(dyad_ctx *ctx, dyad_doc *doc, bool names, dyad_error *err);

#endif
