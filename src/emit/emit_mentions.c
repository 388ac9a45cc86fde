/*
 * emit_mentions.c — `dyad mentions`: one JSON object per mention.
 *   actor: {"doc_id","sentence_index","kind":"actor","text","start","end",
 *           "code","name","country","role"}
 *   time:  {..., "kind":"time", "text","start","end","value"}
 *   place: {..., "kind":"place","text","start","end","name","country",
 *           "admin1","lat","lon"}
 */
#include "emit.h"

void dy_emit_mentions(const dyad_doc *doc, dy_buf *out) {
    static const char *const kinds[] = {"actor", "time", "place"};
    for (size_t i = 0; i < doc->nment; i++) {
        const dy_mention *m = &doc->ments[i];
        dy_buf_puts(out, "{\"doc_id\":");
        dy_buf_json_dystr(out, doc->id);
        dy_buf_printf(out, ",\"sentence_index\":%u,\"kind\":\"%s\",\"text\":", m->sent,
                      kinds[m->kind <= DY_MENTION_PLACE ? m->kind : 0]);
        dy_buf_json_dystr(out, m->text);
        dy_buf_printf(out, ",\"start\":%u,\"end\":%u", m->start, m->end);
        switch (m->kind) {
        case DY_MENTION_ACTOR:
            dy_buf_puts(out, ",\"code\":");
            dy_buf_json_str_or_null(out, m->code);
            dy_buf_puts(out, ",\"name\":");
            dy_buf_json_str_or_null(out, m->name);
            dy_buf_puts(out, ",\"country\":");
            dy_buf_json_str_or_null(out, m->country);
            dy_buf_puts(out, ",\"role\":");
            dy_buf_json_str_or_null(out, m->role);
            break;
        case DY_MENTION_TIME:
            dy_buf_puts(out, ",\"value\":");
            dy_buf_json_str_or_null(out, m->value);
            break;
        case DY_MENTION_PLACE:
            dy_buf_puts(out, ",\"name\":");
            dy_buf_json_str_or_null(out, m->pname);
            dy_buf_puts(out, ",\"country\":");
            dy_buf_json_str_or_null(out, m->pcountry);
            dy_buf_puts(out, ",\"admin1\":");
            dy_buf_json_str_or_null(out, m->padmin1);
            dy_buf_printf(out, ",\"lat\":%.4f,\"lon\":%.4f", m->lat, m->lon);
            break;
        }
        dy_buf_puts(out, "}\n");
    }
}
