/*
 * emit_events.c — event writers: JSON Lines records exactly as in
 * spec/event-record.md, the Phoenix tab-separated layout, PLOVER-style JSON
 * (CAMEO→PLOVER table in data/plover/) and --explain (the record plus the
 * pattern, parse paths and status cues, then one line per candidate the
 * coder dropped, with the rule, when the caller recorded them).
 */
#include <stdio.h>
#include <string.h>

#include "../code/lexicon.h"
#include "emit.h"


static const dy_lexicon *lexicon_of(const dyad_doc *doc) {
    return doc->ctx && doc->ctx->model ? doc->ctx->model->lexicon : NULL;
}

static void put_actor(dy_buf *out, const dyad_doc *doc, int32_t m) {
    if (m < 0 || (size_t)m >= doc->nment) {
        dy_buf_puts(out, "null");
        return;
    }
    const dy_mention *a = &doc->ments[m];
    dy_buf_puts(out, "{\"code\":");
    dy_buf_json_dystr(out, a->code);
    dy_buf_puts(out, ",\"name\":");
    dy_buf_json_str_or_null(out, a->name);
    dy_buf_puts(out, ",\"country\":");
    dy_buf_json_str_or_null(out, a->country.n ? a->country : DY_NULLSTR);
    dy_buf_puts(out, ",\"role\":");
    dy_buf_json_str_or_null(out, a->role.n ? a->role : DY_NULLSTR);
    dy_buf_puts(out, ",\"text\":");
    dy_buf_json_dystr(out, a->text);
    dy_buf_putc(out, '}');
}

static dy_str sentence_text(const dyad_doc *doc, uint32_t si) {
    if (si >= doc->nsent) return DY_STR("");
    const dy_sentence *s = &doc->sents[si];
    return (dy_str){doc->text.p + s->cstart, s->cend - s->cstart};
}

static dy_str trigger_text(const dyad_doc *doc, const dy_event *e) {
    if (e->sent >= doc->nsent) return DY_STR("");
    const dy_sentence *s = &doc->sents[e->sent];
    uint32_t a = e->trig_tok, b = e->trig_tok + (e->trig_ntok ? e->trig_ntok : 1) - 1;
    if (b >= s->ntok) return DY_STR("");
    const dy_token *ta = &doc->toks[s->tok0 + a], *tb = &doc->toks[s->tok0 + b];
    return (dy_str){doc->text.p + ta->cstart, tb->cend - ta->cstart};
}

static void put_location(dy_buf *out, const dyad_doc *doc, int32_t p) {
    if (p < 0 || (size_t)p >= doc->nment) {
        dy_buf_puts(out, "null");
        return;
    }
    const dy_mention *m = &doc->ments[p];
    dy_buf_puts(out, "{\"name\":");
    dy_buf_json_str_or_null(out, m->pname.p ? m->pname : m->text);
    dy_buf_puts(out, ",\"country\":");
    dy_buf_json_str_or_null(out, m->pcountry.n ? m->pcountry : DY_NULLSTR);
    dy_buf_puts(out, ",\"admin1\":");
    dy_buf_json_str_or_null(out, m->padmin1.n ? m->padmin1 : DY_NULLSTR);
    dy_buf_printf(out, ",\"lat\":%.5g,\"lon\":%.5g}", m->lat, m->lon);
}

/* "<doc_id>-<sentence, 6 digits>-<n>" as a JSON string. */
static void put_id(dy_buf *out, const dyad_doc *doc, const dy_event *e) {
    dy_buf_json_dystr(out, doc->id);
    if (!out->err && out->n) out->n -= 1; /* reopen the closing quote */
    dy_buf_printf(out, "-%06u-%u\"", e->sent, e->num);
}

static void put_record(dy_buf *out, const dyad_doc *doc, const dy_event *e, unsigned flags) {
    const dy_cameo_entry *c = dy_cameo_find(lexicon_of(doc), e->code);
    dy_buf_puts(out, "{\"id\":");
    put_id(out, doc, e);
    dy_buf_puts(out, ",\"doc_id\":");
    dy_buf_json_dystr(out, doc->id);
    dy_buf_printf(out, ",\"sentence_index\":%u", e->sent);
    if (!(flags & DYAD_WRITE_NO_TEXT)) {
        dy_buf_puts(out, ",\"sentence\":");
        dy_buf_json_dystr(out, sentence_text(doc, e->sent));
    }
    dy_buf_puts(out, ",\"report_date\":");
    dy_buf_json_str_or_null(out, doc->date.n ? doc->date : DY_NULLSTR);
    dy_buf_puts(out, ",\"date\":");
    dy_buf_json_str_or_null(out, e->date.n ? e->date : (doc->date.n ? doc->date : DY_NULLSTR));
    dy_buf_puts(out, ",\"source\":");
    put_actor(out, doc, e->src);
    dy_buf_puts(out, ",\"target\":");
    put_actor(out, doc, e->tgt);
    dy_buf_printf(out, ",\"code\":\"%s\",\"root_code\":\"%.2s\"", e->code, e->code);
    dy_buf_printf(out, ",\"quad_class\":%d,\"goldstein\":%g", c ? c->quad_class : 0,
                  c ? c->goldstein : 0.0);
    dy_buf_printf(out, ",\"status\":\"%s\",\"attribution\":", DY_STATUS_NAMES[e->status < DY_STATUS_NSTATUS ? e->status : 0]);
    put_actor(out, doc, e->attr);
    dy_buf_puts(out, ",\"location\":");
    put_location(out, doc, e->place);
    dy_buf_puts(out, ",\"trigger\":");
    dy_buf_json_dystr(out, trigger_text(doc, e));
}

void dy_emit_events(const dyad_doc *doc, unsigned flags, dy_buf *out) {
    for (size_t i = 0; i < doc->nevent; i++) {
        put_record(out, doc, &doc->events[i], flags);
        dy_buf_puts(out, "}\n");
    }
}

static void put_code_or_null(dy_buf *out, const char *c) {
    if (!c[0]) dy_buf_puts(out, "null");
    else dy_buf_json_str(out, c, strlen(c));
}

/* A candidate the coder dropped (ctx->trace, model.h): the rule that
 * dropped it and what it had found. */
static void put_dropped(dy_buf *out, const dyad_doc *doc, const dy_trace_ev *x) {
    dy_str trig = DY_STR("");
    if (x->sent < doc->nsent && x->tok < doc->sents[x->sent].ntok) {
        const dy_token *k = &doc->toks[doc->sents[x->sent].tok0 + x->tok];
        trig = (dy_str){doc->text.p + k->cstart, k->cend - k->cstart};
    }
    dy_buf_puts(out, "{\"doc_id\":");
    dy_buf_json_dystr(out, doc->id);
    dy_buf_printf(out, ",\"sentence_index\":%u,\"dropped\":{\"code\":", x->sent);
    put_code_or_null(out, x->code);
    dy_buf_puts(out, ",\"source\":");
    put_code_or_null(out, x->src);
    dy_buf_puts(out, ",\"target\":");
    put_code_or_null(out, x->tgt);
    dy_buf_puts(out, ",\"trigger\":");
    dy_buf_json_dystr(out, trig);
    dy_buf_puts(out, ",\"why\":");
    dy_buf_json_str(out, x->why, strlen(x->why));
    dy_buf_puts(out, ",\"detail\":");
    dy_buf_json_str(out, x->detail, strlen(x->detail));
    dy_buf_puts(out, "}}\n");
}

void dy_emit_explain(const dyad_doc *doc, dy_buf *out) {
    for (size_t i = 0; i < doc->nevent; i++) {
        put_record(out, doc, &doc->events[i], 0);
        dy_buf_puts(out, ",\"explain\":");
        dy_buf_json_dystr(out, doc->events[i].explain);
        dy_buf_puts(out, "}\n");
    }
    /* the dropped candidates, when the caller had the coder record them */
    const dy_trace *tr = doc->ctx ? doc->ctx->trace : NULL;
    for (size_t i = 0; tr && i < tr->n; i++)
        if (tr->ev[i].why) put_dropped(out, doc, &tr->ev[i]);
}

/* MARK: - Phoenix */

static void tsv(dy_buf *out, dy_str s) {
    for (size_t i = 0; i < s.n; i++) {
        char ch = s.p[i];
        dy_buf_putc(out, (ch == '\t' || ch == '\n' || ch == '\r') ? ' ' : ch);
    }
}

/* Phoenix columns: EventID Date Year Month Day SourceActorFull
 * SourceActorEntity SourceActorRole SourceActorAttribute TargetActorFull
 * TargetActorEntity TargetActorRole TargetActorAttribute EventCode
 * EventRootCode QuadClass GoldsteinScore Issues Lat Lon LocationName
 * StateName CountryCode SentenceID URLs NewsSources */
void dy_emit_phoenix(const dyad_doc *doc, dy_buf *out) {
    for (size_t i = 0; i < doc->nevent; i++) {
        const dy_event *e = &doc->events[i];
        const dy_cameo_entry *c = dy_cameo_find(lexicon_of(doc), e->code);
        dy_str d = e->date.n ? e->date : doc->date;
        char ymd[9] = "", y[5] = "", m[3] = "", dd[3] = "";
        if (d.n >= 4) memcpy(y, d.p, 4);
        if (d.n >= 7) memcpy(m, d.p + 5, 2);
        if (d.n >= 10) memcpy(dd, d.p + 8, 2);
        snprintf(ymd, sizeof ymd, "%s%s%s", y, m, dd);
        tsv(out, doc->id);
        dy_buf_printf(out, "-%06u-%u\t%s\t%s\t%s\t%s\t", e->sent, e->num, ymd, y, m, dd);
        for (int side = 0; side < 2; side++) {
            int32_t k = side ? e->tgt : e->src;
            if (k >= 0) {
                const dy_mention *a = &doc->ments[k];
                tsv(out, a->code);
                dy_buf_putc(out, '\t');
                tsv(out, a->country.n ? a->country : a->code);
                dy_buf_putc(out, '\t');
                tsv(out, a->role);
                dy_buf_puts(out, "\t\t");
            } else {
                dy_buf_puts(out, "\t\t\t\t");
            }
        }
        dy_buf_printf(out, "%s\t%.2s\t%d\t%g\t\t", e->code, e->code, c ? c->quad_class : 0,
                      c ? c->goldstein : 0.0);
        if (e->place >= 0) {
            const dy_mention *p = &doc->ments[e->place];
            dy_buf_printf(out, "%.5g\t%.5g\t", p->lat, p->lon);
            tsv(out, p->pname.n ? p->pname : p->text);
            dy_buf_putc(out, '\t');
            tsv(out, p->padmin1);
            dy_buf_putc(out, '\t');
            tsv(out, p->pcountry);
        } else {
            dy_buf_puts(out, "\t\t\t\t");
        }
        dy_buf_printf(out, "\t%u\t", e->sent);
        tsv(out, doc->url);
        dy_buf_putc(out, '\t');
        tsv(out, doc->source);
        dy_buf_putc(out, '\n');
    }
}

/* MARK: - PLOVER */

void dy_emit_plover(const dyad_doc *doc, unsigned flags, dy_buf *out) {
    const dy_lexicon *lx = lexicon_of(doc);
    for (size_t i = 0; i < doc->nevent; i++) {
        const dy_event *e = &doc->events[i];
        const dy_plover_row *r = dy_plover_find(lx, e->code);
        dy_buf_puts(out, "{\"id\":");
        put_id(out, doc, e);
        dy_buf_puts(out, ",\"date\":");
        dy_buf_json_str_or_null(out, e->date.n ? e->date : (doc->date.n ? doc->date : DY_NULLSTR));
        dy_buf_puts(out, ",\"event_type\":");
        dy_buf_json_str_or_null(out, r ? r->type : DY_NULLSTR);
        dy_buf_puts(out, ",\"mode\":");
        dy_buf_json_str_or_null(out, r && r->mode.n ? r->mode : DY_NULLSTR);
        dy_buf_puts(out, ",\"context\":");
        dy_buf_json_str_or_null(out, r && r->context.n ? r->context : DY_NULLSTR);
        dy_buf_puts(out, ",\"actor\":");
        dy_buf_json_str_or_null(out, doc->ments[e->src].name.p ? doc->ments[e->src].name : doc->ments[e->src].text);
        dy_buf_puts(out, ",\"actor_code\":");
        dy_buf_json_dystr(out, doc->ments[e->src].code);
        dy_buf_puts(out, ",\"recipient\":");
        if (e->tgt >= 0)
            dy_buf_json_str_or_null(out, doc->ments[e->tgt].name.p ? doc->ments[e->tgt].name : doc->ments[e->tgt].text);
        else
            dy_buf_puts(out, "null");
        dy_buf_puts(out, ",\"recipient_code\":");
        dy_buf_json_str_or_null(out, e->tgt >= 0 ? doc->ments[e->tgt].code : DY_NULLSTR);
        dy_buf_printf(out, ",\"cameo_code\":\"%s\",\"status\":\"%s\"", e->code,
                      DY_STATUS_NAMES[e->status < DY_STATUS_NSTATUS ? e->status : 0]);
        dy_buf_puts(out, ",\"location\":");
        put_location(out, doc, e->place);
        if (!(flags & DYAD_WRITE_NO_TEXT)) {
            dy_buf_puts(out, ",\"text\":");
            dy_buf_json_dystr(out, sentence_text(doc, e->sent));
        }
        dy_buf_puts(out, "}\n");
    }
}
