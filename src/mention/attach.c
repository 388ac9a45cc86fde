/* attach.c — placeholder: every event gets the report date, no place. */
#include "mention.h"

void dy_attach_time_place(dyad_ctx *ctx, const dyad_doc *doc, dy_event *ev) {
    (void)ctx;
    ev->time = -1;
    ev->place = -1;
    ev->date = doc->date;
}
