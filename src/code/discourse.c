/*
 * discourse.c — what an article says happened (discourse.h).  News writing
 * mixes the news with background: habits ("the group frequently conducts
 * bombings"), standing states ("has been encouraging allies for years"),
 * definitions ("Red notices are declared to ask ..."), history ("Last year
 * Trump withdrew ...") and the news retold ("Turkey began an offensive ...
 * The operation ...").  None of these is a new event.  The cues are
 * grammatical: habitual adverbs and "every year" adjuncts, "in recent
 * years" adjuncts, the generic present with a generic subject,
 * a resolved date before the news period, a definite event noun.
 */
#include <stdio.h>

#include "discourse.h"

static bool lemma_in(const dy_sent_view *S, int32_t t, const char *const *ws) {
    for (; *ws; ws++)
        if (dy_sv_lemma_is(S, t, *ws)) return true;
    return false;
}

static void why_set(char *why, size_t cap, const char *what, const dy_sent_view *S, int32_t t) {
    if (why && cap) snprintf(why, cap, "%s \"%.*s\"", what, (int)S->t[t].form.n, S->t[t].form.p);
}

/* MARK: - dates */

static int digits(const char *p, size_t n, size_t at, size_t k) {
    if (at + k > n) return -1;
    int v = 0;
    for (size_t i = at; i < at + k; i++) {
        if (p[i] < '0' || p[i] > '9') return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

bool dy_history_date(dy_str value, dy_str docdate) {
    int dy = digits(docdate.p, docdate.n, 0, 4), dm = digits(docdate.p, docdate.n, 5, 2),
        dd = digits(docdate.p, docdate.n, 8, 2);
    if (dy < 0 || dm < 1 || dd < 1) return false;
    const char *p = value.p;
    size_t n = value.n;
    if (n == 3 && digits(p, n, 0, 3) >= 0) return digits(p, n, 0, 3) * 10 + 9 < dy;  /* "198" */
    int y = digits(p, n, 0, 4);
    if (y < 0) return false;
    if (n == 4 || p[4] != '-') return y < dy;
    int m = digits(p, n, 5, 2);
    if (m < 1 || m > 12) return y < dy;                /* 2014-SU, 2014-Q1, 2014-W05 */
    if (n == 7 || p[7] != '-') return (dy * 12 + dm) - (y * 12 + m) >= 2;
    int d = digits(p, n, 8, 2);
    if (d < 1) return (dy * 12 + dm) - (y * 12 + m) >= 2;
    double a = y * 365.25 + m * 30.44 + d, b = dy * 365.25 + dm * 30.44 + dd;
    return b - a > 45.0;
}

/* MARK: - background clauses */

static const char *const HABIT[] = {"frequently", "often", "regularly", "routinely", "usually",
                                    "typically", "habitually", "commonly", "customarily", "normally",
                                    "traditionally", "sometimes", "occasionally", "periodically",
                                    "always", "annually", "yearly", "seldom", NULL};
/* "Nigeria previously announced it planned to join", "Saudi Arabia
 * initially denied all claims", "Duterte threatened the network's franchise
 * renewal before": an earlier telling, history behind the news.  Not
 * "earlier" (news-period context: "sanctioned Iran earlier in the month"). */
static const char *const BEFORE_NOW[] = {"previously", "formerly", "initially", "originally", NULL};
static const char *const UNIT[] = {"day", "week", "month", "year", "time", "summer", "winter", NULL};
static const char *const SPAN[] = {"year", "decade", "century", NULL};
static const char *const SPAN_MOD[] = {"recent", "past", "last", "few", "several", "many", NULL};

static bool has_child(const dy_sent_view *S, int32_t t, int deprel, const char *const *ws) {
    for (int32_t c = S->first[t]; c >= 0; c = S->next[c])
        if (S->t[c].deprel == deprel && (!ws || lemma_in(S, c, ws))) return true;
    return false;
}

/* A habit or standing-state cue among the adjuncts of clause head h. */
static bool habit_cue(const dy_sent_view *S, int32_t h, char *why, size_t cap) {
    static const char *const EVERY[] = {"every", "each", NULL};
    static const char *const OVERP[] = {"in", "over", "for", "during", "within", "throughout", NULL};
    for (int32_t c = S->first[h]; c >= 0; c = S->next[c]) {
        int d = S->t[c].deprel;
        if (d == DY_DEP_ADVMOD && lemma_in(S, c, HABIT)) {
            why_set(why, cap, "habit", S, c);
            return true;
        }
        if (d == DY_DEP_ADVMOD && lemma_in(S, c, BEFORE_NOW)) {
            why_set(why, cap, "history", S, c);
            return true;
        }
        /* a bare clause-final "before" ("threatened ... before"), not "two
         * days before", "never before", "before the vote" */
        if (d == DY_DEP_ADVMOD && dy_sv_lemma_is(S, c, "before") && c > h && !has_child(S, c, DY_DEP_ADVMOD, NULL) &&
            !has_child(S, c, DY_DEP_OBL_NPMOD, NULL) && !has_child(S, c, DY_DEP_OBL, NULL) &&
            !has_child(S, c, DY_DEP_NMOD_NPMOD, NULL)) {
            why_set(why, cap, "history", S, c);
            return true;
        }
        bool obl = d == DY_DEP_OBL || d == DY_DEP_OBL_TMOD || d == DY_DEP_OBL_NPMOD ||
                   d == DY_DEP_OBL_UNMARKED || d == DY_DEP_NMOD_TMOD;
        if (!obl) continue;
        /* "every year", "each week" */
        if (lemma_in(S, c, UNIT) && has_child(S, c, DY_DEP_DET, EVERY)) {
            why_set(why, cap, "habit", S, c);
            return true;
        }
        /* "in recent years", "for the past two decades", "for years" */
        if (lemma_in(S, c, SPAN) && S->t[c].form.n && S->t[c].form.p[S->t[c].form.n - 1] == 's') {
            bool over = false, mod = false;
            for (int32_t g = S->first[c]; g >= 0; g = S->next[g]) {
                if (S->t[g].deprel == DY_DEP_CASE && lemma_in(S, g, OVERP)) over = true;
                /* "the past two decades", not "over four years" (a plan) */
                if (S->t[g].deprel == DY_DEP_AMOD && lemma_in(S, g, SPAN_MOD)) mod = true;
            }
            bool bare = !has_child(S, c, DY_DEP_DET, NULL);
            if (over && (mod || bare)) {
                why_set(why, cap, "standing over", S, c);
                return true;
            }
        }
    }
    return false;
}

/* Present tense, no modal and no perfect: "are declared", "is", "ask". */
static bool generic_present(const dy_sent_view *S, int32_t h) {
    bool present = false;
    const dy_token *k = &S->t[h];
    const char *x = k->xpos < dy_xpos_count ? dy_xpos_names[k->xpos] : "";
    if (k->upos == DY_UPOS_VERB && (!strcmp(x, "VBZ") || !strcmp(x, "VBP"))) present = true;
    bool pass_or_cop = false;
    for (int32_t c = S->first[h]; c >= 0; c = S->next[c]) {
        int d = S->t[c].deprel;
        if (d != DY_DEP_AUX && d != DY_DEP_AUX_PASS && d != DY_DEP_COP) continue;
        const char *cx = S->t[c].xpos < dy_xpos_count ? dy_xpos_names[S->t[c].xpos] : "";
        if (d == DY_DEP_AUX && !dy_sv_lemma_is(S, c, "do")) return false;   /* modal, perfect, progressive */
        if (!strcmp(cx, "VBZ") || !strcmp(cx, "VBP")) present = true;
        else return false;
        if (d == DY_DEP_AUX_PASS || d == DY_DEP_COP) pass_or_cop = true;
    }
    return present && pass_or_cop;
}

/* "Red notices are declared to ask ...", "A red notice is a request ...":
 * a definition, in the generic present, of a kind of thing. */
static bool definition(const dy_sent_view *S, char *why, size_t cap) {
    int32_t root = -1;
    for (int32_t i = 0; i < S->n && root < 0; i++)
        if (S->t[i].head < 0) root = i;
    if (root < 0 || !generic_present(S, root)) return false;
    if (S->entry[root] >= 0 && has_child(S, root, DY_DEP_CCOMP, NULL)) {
        /* "... are told that Iran attacked": a report, not a definition */
        int r = S->lx->ents[S->entry[root]].role;
        if (r == DY_ROLE_SAY || r == DY_ROLE_CLAIM || r == DY_ROLE_ACCUSE || r == DY_ROLE_DENY) return false;
    }
    static const char *const INDEF[] = {"a", "an", NULL};
    for (int32_t c = S->first[root]; c >= 0; c = S->next[c]) {
        int d = S->t[c].deprel;
        if (d != DY_DEP_NSUBJ && d != DY_DEP_NSUBJ_PASS) continue;
        if (S->t[c].upos != DY_UPOS_NOUN || S->ment[c] >= 0 || S->entry[c] >= 0) return false;
        const char *x = S->t[c].xpos < dy_xpos_count ? dy_xpos_names[S->t[c].xpos] : "";
        bool det = has_child(S, c, DY_DEP_DET, NULL) || has_child(S, c, DY_DEP_NMOD_POSS, NULL);
        bool generic = (!strcmp(x, "NNS") && !det) || has_child(S, c, DY_DEP_DET, INDEF);
        if (!generic) return false;
        why_set(why, cap, "definition of", S, c);
        return true;
    }
    return false;
}

/* "The United States should press Ankara ...": the writer's own
 * recommendation, in a main clause with should / ought / must after its
 * subject.  Not inside what someone says (a complement or a quote hangs
 * below a speech verb and is no main clause), not the inverted condition
 * "Should Israel strike ..., Hezbollah would retaliate". */
static bool prescription(const dy_sent_view *S, int32_t h, char *why, size_t cap) {
    static const char *const OUGHT[] = {"should", "ought", "must", NULL};
    int32_t x = h;
    /* the main clause: the root, or a verb conjunct of it */
    while (x >= 0 && S->t[x].deprel == DY_DEP_CONJ && S->t[x].head >= 0) x = S->t[x].head;
    if (x < 0 || S->t[x].head >= 0) return false;
    for (int32_t c = S->first[x]; c >= 0; c = S->next[c]) {
        if (S->t[c].deprel == DY_DEP_PARATAXIS) return false;   /* ", officials said" */
        dy_str f = S->t[c].form;
        if (S->t[c].deprel == DY_DEP_PUNCT && f.n &&
            (f.p[0] == '"' || (f.n >= 3 && !memcmp(f.p, "\xe2\x80\x9c", 3))))
            return false;                                       /* a quote */
    }
    int32_t subj = -1;
    for (int32_t c = S->first[h]; c >= 0; c = S->next[c])
        if (S->t[c].deprel == DY_DEP_NSUBJ || S->t[c].deprel == DY_DEP_NSUBJ_PASS) subj = c;
    if (subj < 0) return false;
    for (int32_t c = S->first[h]; c >= 0; c = S->next[c])
        if (S->t[c].deprel == DY_DEP_AUX && c > subj && lemma_in(S, c, OUGHT)) {
            why_set(why, cap, "recommendation", S, c);
            return true;
        }
    return false;
}

/* "no such offer", "such attacks": a kind of event, not one; so is the
 * act of a relative clause on a free-choice noun ("strike any Turkish
 * forces [that deployed to the base]"). */
static bool such_kind(const dy_sent_view *S, int32_t t, char *why, size_t cap) {
    int32_t n = t;
    if (S->t[t].upos == DY_UPOS_VERB && S->t[t].deprel == DY_DEP_ACL_RELCL && S->t[t].head >= 0)
        n = S->t[t].head;
    else if (S->t[t].upos != DY_UPOS_NOUN)
        return false;
    for (int32_t c = S->first[n]; c >= 0; c = S->next[c]) {
        int d = S->t[c].deprel;
        bool such = (d == DY_DEP_AMOD || d == DY_DEP_DET || d == DY_DEP_DET_PREDET) && dy_sv_lemma_is(S, c, "such");
        /* not an event noun itself: "any US arms sales to Taiwan would
         * damage relations" is a hypothetical sale (heldout h0118) */
        bool any = n != t && d == DY_DEP_DET && dy_sv_lemma_is(S, c, "any");
        if ((such && n == t) || any) {
            why_set(why, cap, "a kind of event", S, c);
            return true;
        }
    }
    return false;
}

bool dy_background_clause(const dy_sent_view *S, int32_t t, char *why, size_t cap) {
    if (such_kind(S, t, why, cap)) return true;
    int32_t cur = t;
    for (int depth = 0; depth < 8 && cur >= 0; depth++) {
        if (habit_cue(S, cur, why, cap)) return true;
        if (S->t[cur].upos == DY_UPOS_VERB && prescription(S, cur, why, cap)) return true;
        int d = S->t[cur].deprel;
        int32_t h = S->t[cur].head;
        if (h < 0) break;
        /* up through the clause: light verb, coordinated nouns, control,
         * prepositional phrases; not out of a verb conjunct, a
         * complement clause, an adverbial clause, nor from a subject to
         * its predicate ("the visit was the first in years") */
        bool up = d == DY_DEP_OBJ || d == DY_DEP_XCOMP || d == DY_DEP_COMPOUND || d == DY_DEP_NMOD ||
                  d == DY_DEP_OBL || (d == DY_DEP_CONJ && S->t[cur].upos != DY_UPOS_VERB);
        /* "Nigeria previously announced it planned to join": what an
         * earlier statement said is as old as the statement */
        if (d == DY_DEP_CCOMP && has_child(S, h, DY_DEP_ADVMOD, BEFORE_NOW)) {
            why_set(why, cap, "history", S, h);
            return true;
        }
        if (!up) break;
        cur = h;
    }
    return definition(S, why, cap);
}

/* MARK: - document filter */

static int code_root2(const char *c) { return c[0] && c[1] ? (c[0] - '0') * 10 + (c[1] - '0') : -1; }

/* Same actor, or one the more specific telling of the other (TUR, TURMIL). */
static bool same_actor(dy_str a, dy_str b) {
    if (!a.n || !b.n) return false;
    size_t n = a.n < b.n ? a.n : b.n;
    if (a.n != b.n && n < 3) return false;
    if (a.n != b.n && n == 3 && !memcmp(a.p, "IGO", 3)) return false;
    return !memcmp(a.p, b.p, n);
}

/* The trigger is a noun with a definite determiner and no possessor: "the
 * attack", "this operation", not "Turkey's operation", "an attack". */
static bool definite_noun(const dyad_doc *doc, const dy_event *e) {
    const dy_sentence *s = &doc->sents[e->sent];
    const dy_token *T = &doc->toks[s->tok0];
    uint32_t k = e->trig_tok + e->trig_ntok - 1;
    if (k >= s->ntok || T[k].upos != DY_UPOS_NOUN) return false;
    bool def = false;
    for (uint32_t i = 0; i < s->ntok; i++) {
        if (T[i].head != (int32_t)k) continue;
        if (T[i].deprel == DY_DEP_NMOD_POSS) return false;
        if (T[i].deprel != DY_DEP_DET) continue;
        dy_str w = T[i].lemma.n ? T[i].lemma : T[i].form;
        def = dy_str_ieq(w, dy_str_c("the")) || dy_str_ieq(w, dy_str_c("this")) ||
              dy_str_ieq(w, dy_str_c("that")) || dy_str_ieq(w, dy_str_c("these")) ||
              dy_str_ieq(w, dy_str_c("those"));
    }
    return def;
}

static bool retold(const dyad_doc *doc, size_t i) {
    const dy_event *e = &doc->events[i];
    if (!definite_noun(doc, e)) return false;
    for (size_t j = 0; j < i; j++) {
        const dy_event *f = &doc->events[j];
        if (f->sent == e->sent && f->trig_tok == e->trig_tok) continue;
        if (code_root2(f->code) != code_root2(e->code)) continue;
        if (!same_actor(doc->ments[e->src].code, doc->ments[f->src].code)) continue;
        if (e->tgt >= 0 && f->tgt >= 0 && !same_actor(doc->ments[e->tgt].code, doc->ments[f->tgt].code))
            continue;
        return true;
    }
    return false;
}

/* "Al-Shabab claimed responsibility for the attack.  The group said it had
 * killed more than 10 people": after a claim of responsibility (015), the
 * claimant's own report of violence is the claim's content, not a new
 * attack. */
static bool claimed(const dyad_doc *doc, size_t i) {
    const dy_event *e = &doc->events[i];
    int r = code_root2(e->code);
    if (r < 18 || e->status != DY_ST_REPORTED || e->attr < 0) return false;
    if (!same_actor(doc->ments[e->attr].code, doc->ments[e->src].code)) return false;
    for (size_t j = 0; j < i; j++) {
        const dy_event *f = &doc->events[j];
        if (!strcmp(f->code, "015") && f->sent < e->sent &&
            same_actor(doc->ments[f->src].code, doc->ments[e->src].code))
            return true;
    }
    return false;
}

/* "Netanyahu said Israel is ready to meet Turkish officials": a party's
 * own statement of its intention is the intention (spec: a stated
 * intention is its intent code), asserted, not reported.  Only for an
 * intent code (03x), a speaker of the source's own country, and an
 * intention stated, not recalled: an adjective ("ready", "willing") or a
 * verb in the present; "said it had offered to mediate" reports an earlier
 * offer. */
static bool own_intention(const dyad_doc *doc, const dy_event *e) {
    if (e->status != DY_ST_REPORTED || e->attr < 0 || code_root2(e->code) != 3) return false;
    dy_str a = doc->ments[e->attr].code, b = doc->ments[e->src].code;
    if (a.n < 3 || b.n < 3 || memcmp(a.p, b.p, 3)) return false;
    const dy_sentence *s = &doc->sents[e->sent];
    const dy_token *T = &doc->toks[s->tok0];
    uint32_t k = e->trig_tok;
    if (k >= s->ntok) return false;
    const char *x = T[k].xpos < dy_xpos_count ? dy_xpos_names[T[k].xpos] : "";
    if (T[k].upos == DY_UPOS_ADJ) return true;
    if (T[k].upos != DY_UPOS_VERB || (strcmp(x, "VBZ") && strcmp(x, "VBP"))) return false;
    for (uint32_t i = 0; i < s->ntok; i++)
        if (T[i].head == (int32_t)k && T[i].deprel == DY_DEP_AUX) return false;
    return true;
}

dyad_status dy_discourse_filter(dyad_ctx *ctx, dyad_doc *doc) {
    for (size_t i = 0; i < doc->nevent; i++) {
        dy_event *e = &doc->events[i];
        if (own_intention(doc, e)) {
            e->status = DY_ST_ASSERTED;
            e->attr = -1;
            char buf[1024];
            int n = snprintf(buf, sizeof buf, "%.*s; own intention stated: asserted", (int)e->explain.n,
                             e->explain.p ? e->explain.p : "");
            if (n < 0) n = 0;
            if ((size_t)n >= sizeof buf) n = (int)sizeof buf - 1;
            dy_str x = dy_arena_strdup(&ctx->arena, buf, (size_t)n);
            if (!x.p) return DYAD_ENOMEM;
            e->explain = x;
        }
    }
    if (doc->nsent < 2 || !doc->nevent) return DYAD_OK;
    bool *drop = DY_ANEW(&ctx->arena, bool, doc->nevent);
    if (!drop) return DYAD_ENOMEM;
    for (size_t i = 0; i < doc->nevent; i++) drop[i] = false;
    for (size_t i = 0; i < doc->nevent; i++) {
        const dy_event *e = &doc->events[i];
        if (e->time >= 0 && dy_history_date(doc->ments[e->time].value, doc->date)) {
            drop[i] = true;
            char v[32];
            snprintf(v, sizeof v, "%.*s", (int)doc->ments[e->time].value.n, doc->ments[e->time].value.p);
            DY_TRACE(doc, e->sent, e->trig_tok, e->code, e->src, e->tgt, "dated before the news period", v);
        }
    }
    /* retold: compared with every earlier event, background ones too (a
     * retold piece of history is history) */
    for (size_t i = 0; i < doc->nevent; i++) {
        const dy_event *e = &doc->events[i];
        if (drop[i]) continue;
        if (retold(doc, i)) {
            drop[i] = true;
            DY_TRACE(doc, e->sent, e->trig_tok, e->code, e->src, e->tgt, "retold by a definite event noun", "");
        } else if (claimed(doc, i)) {
            drop[i] = true;
            DY_TRACE(doc, e->sent, e->trig_tok, e->code, e->src, e->tgt, "claimant's report after its claim", "");
        }
    }
    size_t w = 0;
    for (size_t i = 0; i < doc->nevent; i++)
        if (!drop[i]) doc->events[w++] = doc->events[i];
    doc->nevent = w;
    return DYAD_OK;
}
