/*
 * emit.c — writers for sentences, cleaned text and CoNLL-U.  Mentions are in
 * emit_mentions.c, events (JSONL, Phoenix, PLOVER, explain) in emit_events.c.
 */
#include "emit.h"

void dy_emit_sentences(const dyad_doc *doc, unsigned flags, dy_buf *out) {
    for (size_t i = 0; i < doc->nsent; i++) {
        const dy_sentence *s = &doc->sents[i];
        dy_buf_puts(out, "{\"doc_id\":");
        dy_buf_json_dystr(out, doc->id);
        dy_buf_printf(out, ",\"index\":%zu,\"text\":", i);
        dy_buf_json_str(out, doc->text.p + s->cstart, s->cend - s->cstart);
        dy_buf_printf(out, ",\"start\":%u,\"end\":%u", s->start, s->end);
        if (flags & DYAD_WRITE_TOKENS) {
            dy_buf_puts(out, ",\"tokens\":[");
            for (uint32_t k = 0; k < s->ntok; k++) {
                if (k) dy_buf_putc(out, ',');
                dy_buf_json_dystr(out, doc->toks[s->tok0 + k].form);
            }
            dy_buf_putc(out, ']');
        }
        dy_buf_puts(out, "}\n");
    }
}

void dy_emit_clean(const dyad_doc *doc, dy_buf *out) {
    dy_buf_putstr(out, doc->text);
    if (doc->text.n) dy_buf_putc(out, '\n');
}

void dy_emit_clean_explain(const dyad_doc *doc, dy_buf *out) {
    for (size_t i = 0; i < doc->ndrop; i++) {
        const dy_drop *d = &doc->drops[i];
        dy_buf_puts(out, "{\"doc_id\":");
        dy_buf_json_dystr(out, doc->id);
        dy_buf_puts(out, ",\"dropped\":");
        dy_buf_json_str(out, doc->raw.p + d->start, d->end - d->start);
        dy_buf_puts(out, ",\"rule\":");
        dy_buf_json_dystr(out, d->rule);
        dy_buf_puts(out, ",\"why\":");
        dy_buf_json_dystr(out, d->why);
        dy_buf_printf(out, ",\"start\":%u,\"end\":%u}\n", d->start, d->end);
    }
}

static void put_field(dy_buf *out, dy_str s) {
    if (!s.n) { dy_buf_putc(out, '_'); return; }
    for (size_t i = 0; i < s.n; i++) {
        char c = s.p[i];
        dy_buf_putc(out, (c == '\t' || c == '\n' || c == '\r') ? ' ' : c);
    }
}

void dy_emit_conllu(const dyad_doc *doc, dy_buf *out) {
    for (size_t i = 0; i < doc->nsent; i++) {
        const dy_sentence *s = &doc->sents[i];
        dy_buf_puts(out, "# doc_id = ");
        put_field(out, doc->id);
        dy_buf_printf(out, "\n# sent_id = %zu\n# text = ", i);
        put_field(out, (dy_str){doc->text.p + s->cstart, s->cend - s->cstart});
        dy_buf_putc(out, '\n');
        for (uint32_t k = 0; k < s->ntok; k++) {
            const dy_token *t = &doc->toks[s->tok0 + k];
            dy_buf_printf(out, "%u\t", k + 1);
            put_field(out, t->form);
            dy_buf_putc(out, '\t');
            put_field(out, t->lemma);
            dy_buf_printf(out, "\t%s\t%s\t_\t%d\t%s\t_\t%s\n",
                          dy_upos_names[t->upos < DY_UPOS_COUNT ? t->upos : 0],
                          dy_xpos_names[t->xpos < dy_xpos_count ? t->xpos : 0],
                          t->head + 1,
                          dy_deprel_names[t->deprel < dy_deprel_count ? t->deprel : 0],
                          (t->flags & DY_TOK_SPACE_AFTER) || k + 1 == s->ntok ? "_" : "SpaceAfter=No");
        }
        dy_buf_putc(out, '\n');
    }
}

