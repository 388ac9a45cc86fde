/* emit_events.c — placeholder until the coder lands: event records
 * (spec/event-record.md), Phoenix, PLOVER and --explain writers. */
#include "emit.h"

void dy_emit_events(const dyad_doc *doc, unsigned flags, dy_buf *out) { (void)doc; (void)flags; (void)out; }
void dy_emit_phoenix(const dyad_doc *doc, dy_buf *out) { (void)doc; (void)out; }
void dy_emit_plover(const dyad_doc *doc, unsigned flags, dy_buf *out) { (void)doc; (void)flags; (void)out; }
void dy_emit_explain(const dyad_doc *doc, dy_buf *out) { (void)doc; (void)out; }
