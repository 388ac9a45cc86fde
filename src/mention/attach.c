/*
 * attach.c — give an event its time and place.
 *
 * Candidates are the time and place mentions of the event's sentence.  With
 * a parse, a mention whose clause (the nearest verb above it, or the clause
 * head above a nominal trigger) is the trigger's clause wins; without one,
 * the mention nearest the trigger wins, with penalties for clause
 * boundaries in between (";", "but", "while", "after", ...) and for the
 * reporting time ("said on Tuesday").  Places need a place preposition
 * ("in", "near", "at", ...) or stand alone; "from" counts only when it
 * hangs on the trigger itself ("fired rockets from Gaza"), not on a noun
 * ("an envoy from Qatar").  Without a candidate: the publication date and
 * the dateline place (the empty-span place mention of dy_places_find).
 */
#include "mention.h"
#include "timex.h"

static bool form_is(const dy_token *t, const char *s) { return dy_str_ieq(t->form, dy_str_c(s)); }

static bool form_in(const dy_token *t, const char *const *list) {
    for (size_t i = 0; list[i]; i++)
        if (form_is(t, list[i])) return true;
    return false;
}

static const char *const BOUNDARY[] = {";", "but", "while", "whereas", "after", "before", "when",
                                       "although", "though", "because", "since", "until", "as",
                                       "which", "who", "where", ":", NULL};
static const char *const REPORT[] = {"said", "says", "told", "announced", "reported", "stated",
                                     "added", "confirmed", "claimed", NULL};
static const char *const LOC_PREP[] = {"in", "near", "at", "outside", "inside", "around", "across",
                                       "throughout", "into", "on", "within", "off", "along", "over",
                                       "of", "to", "toward", "towards", "through", "between", NULL};

/* The clause a token belongs to: the nearest VERB/AUX ancestor (itself
 * included), else the root. */
static int32_t clause_of(const dy_token *T, uint32_t n, int32_t t) {
    for (int hops = 0; t >= 0 && (uint32_t)t < n && hops < 64; hops++) {
        if (T[t].upos == DY_UPOS_VERB) return t;
        if (T[t].head < 0) return t;
        t = T[t].head;
    }
    return -1;
}

/* The token a mention hangs on: the head of its head token (outside it). */
static int32_t governor(const dy_token *T, uint32_t n, const dy_mention *m) {
    int32_t h = (int32_t)m->head_tok;
    for (int hops = 0; h >= 0 && (uint32_t)h < n && hops < 8; hops++) {
        if (h < (int32_t)m->tok_start || h >= (int32_t)m->tok_end) return h;
        h = T[h].head;
    }
    return -1;
}

static int boundaries(const dy_token *T, uint32_t a, uint32_t b) {
    int k = 0;
    for (uint32_t t = a; t < b; t++)
        if (form_in(&T[t], BOUNDARY)) k++;
    return k;
}

/* Preposition before a mention (skipping "the" and direction words). */
static const dy_token *prep_before(const dy_token *T, const dy_mention *m) {
    int32_t t = (int32_t)m->tok_start - 1;
    if (t >= 0 && form_is(&T[t], "the")) t--;
    return t >= 0 ? &T[t] : NULL;
}

/* Whether token t of sentence si is inside a time mention other than
 * mention self. */
static bool inside_time(const dyad_doc *doc, uint32_t si, int32_t t, size_t self) {
    if (t < 0) return false;
    for (size_t i = 0; i < doc->nment; i++) {
        const dy_mention *m = &doc->ments[i];
        if (i != self && m->kind == DY_MENTION_TIME && m->sent == si && (uint32_t)t >= m->tok_start &&
            (uint32_t)t < m->tok_end)
            return true;
    }
    return false;
}

static int32_t pick(const dyad_doc *doc, const dy_event *ev, int kind) {
    if (ev->sent >= doc->nsent) return -1;
    const dy_sentence *s = &doc->sents[ev->sent];
    const dy_token *T = doc->toks + s->tok0;
    uint32_t n = s->ntok;
    uint32_t trig = ev->trig_tok < n ? ev->trig_tok : 0;
    uint32_t trig_end = trig + (ev->trig_ntok ? ev->trig_ntok : 1);
    bool parsed = dy_sent_parsed(doc, s);
    int32_t tclause = parsed ? clause_of(T, n, (int32_t)trig) : -1;
    int32_t best = -1;
    int bs = -1000000;
    for (size_t i = 0; i < doc->nment; i++) {
        const dy_mention *m = &doc->ments[i];
        if (m->kind != kind || m->sent != ev->sent || m->tok_end <= m->tok_start || m->tok_end > n) continue;
        if (kind == DY_MENTION_TIME) {
            char cut[11];
            if (!dy_timex_cut(m->value, cut)) continue;
        }
        /* distance in tokens between the trigger and the mention */
        uint32_t a, b;
        if (m->tok_start >= trig_end) a = trig_end, b = m->tok_start;
        else if (m->tok_end <= trig) a = m->tok_end, b = trig;
        else a = b = 0;
        int dist = (int)(b - a);
        int sc = 1000 - dist - 40 * boundaries(T, a, b);
        const dy_token *pb = prep_before(T, m);
        bool from = pb && form_is(pb, "from");
        if (kind == DY_MENTION_PLACE && pb && form_in(pb, LOC_PREP)) sc += 5;
        /* a place that is also the event's source or target ("fired rockets
         * from Gaza at Israel") says less about where it happened */
        if (kind == DY_MENTION_PLACE)
            for (int k = 0; k < 2; k++) {
                int32_t a_ = k ? ev->tgt : ev->src;
                if (a_ < 0 || (size_t)a_ >= doc->nment) continue;
                const dy_mention *am = &doc->ments[a_];
                if (am->sent == m->sent && am->tok_start < m->tok_end && m->tok_start < am->tok_end) sc -= 20;
            }
        if (kind == DY_MENTION_TIME && m->tok_start > 0) {
            /* "said on Tuesday": the reporting time, unless the trigger is that verb */
            int32_t t = (int32_t)m->tok_start - 1;
            if (t >= 0 && form_is(&T[t], "on")) t--;
            if (t >= 0 && form_in(&T[t], REPORT) && (uint32_t)t != trig) sc -= 60;
        }
        if (parsed && kind == DY_MENTION_TIME && inside_time(doc, ev->sent, governor(T, n, m), i))
            continue;   /* "this year" of "March of this year": the month says more */
        /* "since 2023" starts a state ("have fought alongside it since
         * 2023", "in custody since Feb. 24"): it dates no act */
        if (kind == DY_MENTION_TIME && pb && form_is(pb, "since")) continue;
        if (parsed) {
            int32_t gov = governor(T, n, m);
            int32_t mclause = gov >= 0 ? clause_of(T, n, gov) : -1;
            if (mclause >= 0 && mclause == tclause) sc += 500;
            /* a time inside a relative clause the trigger is not in dates
             * that clause: "The army, which lost the city in May, retook it" */
            if (kind == DY_MENTION_TIME && mclause >= 0 && mclause != tclause &&
                T[mclause].deprel == DY_DEP_ACL_RELCL)
                continue;
            /* "from" only when it hangs on the trigger itself */
            if (from && gov != (int32_t)trig) continue;
        } else if (from) {
            /* "fired rockets from Gaza": close after the trigger */
            if (!(m->tok_start >= trig_end && dist <= 4 && !boundaries(T, a, b))) continue;
        }
        if (sc > bs) bs = sc, best = (int32_t)i;
    }
    return best;
}

void dy_attach_time_place(dyad_ctx *ctx, const dyad_doc *doc, dy_event *ev) {
    ev->time = pick(doc, ev, DY_MENTION_TIME);
    ev->place = pick(doc, ev, DY_MENTION_PLACE);
    if (ev->place < 0)
        for (size_t i = 0; i < doc->nment; i++) {
            const dy_mention *m = &doc->ments[i];
            if (m->kind == DY_MENTION_PLACE && m->tok_end == m->tok_start) { /* the dateline */
                ev->place = (int32_t)i;
                break;
            }
        }
    ev->date = doc->date.n > 10 ? (dy_str){doc->date.p, 10} : doc->date;
    if (ev->time >= 0) {
        char cut[11];
        size_t k = dy_timex_cut(doc->ments[ev->time].value, cut);
        dy_str d = k ? dy_arena_strdup(&ctx->arena, cut, k) : DY_NULLSTR;
        if (d.p) ev->date = d;
        else ev->time = -1;
    }
}
