/*
 * emit.h — writers for every output form (dyad_output).  Each appends whole
 * lines to a dy_buf; dyad_doc_write hands finished buffers to the sink.
 */
#ifndef DY_EMIT_H
#define DY_EMIT_H

#include "../base/model.h"

void dy_emit_sentences(const dyad_doc *doc, unsigned flags, dy_buf *out);
void dy_emit_clean(const dyad_doc *doc, dy_buf *out);
void dy_emit_clean_explain(const dyad_doc *doc, dy_buf *out);
void dy_emit_conllu(const dyad_doc *doc, dy_buf *out);
void dy_emit_mentions(const dyad_doc *doc, dy_buf *out);
void dy_emit_events(const dyad_doc *doc, unsigned flags, dy_buf *out);
void dy_emit_phoenix(const dyad_doc *doc, dy_buf *out);
void dy_emit_plover(const dyad_doc *doc, unsigned flags, dy_buf *out);
void dy_emit_explain(const dyad_doc *doc, dy_buf *out);

#endif
