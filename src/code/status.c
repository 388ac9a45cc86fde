/*
 * status.c — certainty and source of an event (spec/event-record.md
 * `status`, `attribution`).  Walks from the trigger up through the clauses
 * that embed it: negation and modality in the event's own clause win
 * (negated, hypothetical), then the nearest embedding frame verb sets the
 * attribution (say → reported, claim/accuse → alleged, deny → denied).
 * Adverbs ("reportedly", "allegedly") and "according to X" count in any
 * clause on the way.  A complement of a family verb (pledge, threaten, urge,
 * demand, refuse) is not an event of its own: -1.
 */
#include <stdio.h>

#include "coder.h"

static bool word_in(const dy_sent_view *S, int32_t t, const char *const *ws) {
    for (; *ws; ws++)
        if (dy_sv_lemma_is(S, t, *ws)) return true;
    return false;
}

static const char *const NEG[] = {"not", "n't", "never", "no", "neither", "nor", "without", NULL};
static const char *const MODAL[] = {"could", "would", "might", "may", "should", "can", "will",
                                    "shall", "must", "'ll", "wo", "ca", NULL};
static const char *const COND[] = {"if", "unless", "whether", "lest", NULL};
static const char *const REPORTEDLY[] = {"reportedly", "purportedly", "apparently", "reported", NULL};
static const char *const ALLEGEDLY[] = {"allegedly", "supposedly", "purportedly", NULL};
static const char *const HEDGE[] = {"possibly", "perhaps", "maybe", "potentially", "likely", NULL};
/* nouns whose "that" clause is a claim or a report: "allegations that ...",
 * "reports that ..." */
static const char *const CLAIM_N[] = {"allegation", "accusation", "claim", "charge", "suggestion", "idea",
                                      "notion", "rumor", "rumour", "speculation", "assertion", "contention",
                                      "suspicion", "theory", "belief", NULL};
static const char *const REPORT_N[] = {"report", "news", "word", "statement", "announcement", NULL};

static void cue(char *cues, size_t cap, const char *what, const dy_sent_view *S, int32_t t) {
    if (!cues) return;
    size_t l = strlen(cues);
    if (l + 8 >= cap) return;
    snprintf(cues + l, cap - l, "%s%s \"%.*s\"", l ? "; " : "", what, (int)S->t[t].form.n,
             S->t[t].form.p);
}

static int32_t subject_actor(const dy_sent_view *S, int32_t h) {
    int32_t out[4];
    char path[DY_PATH_CAP] = "";
    int n = dy_sv_subjects(S, h, out, 4, path, 0);
    return n ? out[0] : -1;
}

/* Local cues of one clause head: returns a status or -1 for none. */
static int local_cues(const dy_sent_view *S, int32_t cur, int32_t *attr, char *cues, size_t cap,
                      bool *hypo) {
    for (int32_t c = S->first[cur]; c >= 0; c = S->next[c]) {
        int d = S->t[c].deprel;
        if ((d == DY_DEP_ADVMOD || d == DY_DEP_DET || d == DY_DEP_CC_PRECONJ || d == DY_DEP_CC) &&
            word_in(S, c, NEG)) {
            if (d == DY_DEP_CC && !dy_sv_lemma_is(S, c, "nor")) continue;
            cue(cues, cap, "negated by", S, c);
            return DY_ST_NEGATED;
        }
        if ((d == DY_DEP_AUX) && word_in(S, c, MODAL)) {
            cue(cues, cap, "modal", S, c);
            *hypo = true;
        }
        if (d == DY_DEP_MARK && word_in(S, c, COND)) {
            cue(cues, cap, "condition", S, c);
            *hypo = true;
        }
        if (d == DY_DEP_ADVMOD && word_in(S, c, HEDGE)) {
            cue(cues, cap, "hedge", S, c);
            *hypo = true;
        }
    }
    return -1;
    (void)attr;
}

/* Reporting cues of a clause: "reportedly", "allegedly", "according to X",
 * ", officials said" (parataxis).  Sets the status and attribution when found. */
static bool report_cues(const dy_sent_view *S, int32_t cur, int *st, int32_t *attr, char *cues,
                        size_t cap) {
    for (int32_t c = S->first[cur]; c >= 0; c = S->next[c]) {
        int d = S->t[c].deprel;
        if (d == DY_DEP_ADVMOD && word_in(S, c, ALLEGEDLY)) {
            cue(cues, cap, "alleged by", S, c);
            *st = DY_ST_ALLEGED;
            return true;
        }
        if (d == DY_DEP_ADVMOD && word_in(S, c, REPORTEDLY)) {
            cue(cues, cap, "reported by", S, c);
            *st = DY_ST_REPORTED;
            return true;
        }
        if (d == DY_DEP_OBL || d == DY_DEP_NMOD) {
            for (int32_t k = S->first[c]; k >= 0; k = S->next[k])
                if (S->t[k].deprel == DY_DEP_CASE && dy_sv_lemma_is(S, k, "according")) {
                    cue(cues, cap, "according to", S, c);
                    *st = DY_ST_REPORTED;
                    *attr = dy_sv_actor_np(S, c);
                    return true;
                }
        }
        if (d == DY_DEP_PARATAXIS && S->entry[c] >= 0) {
            int r = S->lx->ents[S->entry[c]].role;
            if (r == DY_ROLE_SAY || r == DY_ROLE_CLAIM || r == DY_ROLE_ACCUSE) {
                cue(cues, cap, r == DY_ROLE_SAY ? "reported by" : "claimed by", S, c);
                *st = r == DY_ROLE_SAY ? DY_ST_REPORTED : DY_ST_ALLEGED;
                *attr = subject_actor(S, c);
                return true;
            }
        }
    }
    return false;
}

/* A nominal time adjunct: "following the clash", "after the raid". */
static bool time_adjunct(const dy_sent_view *S, int32_t n) {
    static const char *const P[] = {"following", "after", "amid", "during", "since", "despite", NULL};
    for (int32_t c = S->first[n]; c >= 0; c = S->next[c])
        if (S->t[c].deprel == DY_DEP_CASE && word_in(S, c, P)) return true;
    return false;
}

/* A subjectless infinitival clause: "to help fight", "in order to
 * protect"; not "if Beijing were to blockade". */
static bool to_clause(const dy_sent_view *S, int32_t v) {
    if (S->t[v].upos != DY_UPOS_VERB) return false;
    bool to = false;
    for (int32_t c = S->first[v]; c >= 0; c = S->next[c]) {
        int d = S->t[c].deprel;
        if (d == DY_DEP_NSUBJ || d == DY_DEP_NSUBJ_PASS) return false;
        if (d != DY_DEP_MARK) continue;
        if (S->t[c].upos == DY_UPOS_PART && dy_sv_lemma_is(S, c, "to")) to = true;
        else if (!dy_sv_lemma_is(S, c, "in") && !dy_sv_lemma_is(S, c, "as")) return false;
    }
    return to;
}

/* "the first/last/only/second ... to": the noun is the one that did it. */
static bool ordinal_of(const dy_sent_view *S, int32_t n) {
    static const char *const ORD[] = {"first", "last", "only", "second", "third", "latest", "next", NULL};
    for (int32_t c = S->first[n]; c >= 0; c = S->next[c])
        if ((S->t[c].deprel == DY_DEP_AMOD || S->t[c].deprel == DY_DEP_ADVMOD) && word_in(S, c, ORD)) return true;
    return false;
}

/* A gerund marked by a preposition of topic: "focus [on ending]", "talk
 * [about reopening]"; not a means or a time ("by attacking", "after
 * meeting"). */
static bool gerund_complement(const dy_sent_view *S, int32_t v) {
    static const char *const TOPIC[] = {"on", "about", "of", "toward", "towards", NULL};
    if (S->t[v].upos != DY_UPOS_VERB || S->t[v].xpos >= dy_xpos_count ||
        strcmp(dy_xpos_names[S->t[v].xpos], "VBG"))
        return false;
    for (int32_t c = S->first[v]; c >= 0; c = S->next[c])
        if (S->t[c].deprel == DY_DEP_MARK && word_in(S, c, TOPIC)) return true;
    return false;
}

/* Nouns whose infinitival clause is only intended or tried: "plans to
 * urge", "an attempt to mediate", "a bid to reopen talks". */
static const char *const PLAN[] = {"plan", "intention", "proposal", "bid", "attempt", "effort", "idea",
                                   "option", "scheme", "ambition", "hope", "desire", "readiness",
                                   "willingness", "aim", "goal", "objective", NULL};

/* Whether cur (attached to h by d) is what the frame word h governs: its
 * clausal complement, object, or the complement the families see. */
static bool governed(const dy_sent_view *S, int32_t h, int32_t cur, int d) {
    if (d == DY_DEP_XCOMP || d == DY_DEP_CCOMP || d == DY_DEP_OBJ || d == DY_DEP_CSUBJ ||
        d == DY_DEP_NSUBJ_PASS)
        return true;
    return dy_sv_complement(S, h) == cur;
}

/* A clause that opens with "that" (a mark or the relative pronoun). */
static bool that_clause(const dy_sent_view *S, int32_t v) {
    for (int32_t c = S->first[v]; c >= 0 && c < v; c = S->next[c])
        if (S->t[c].deprel != DY_DEP_PUNCT) return dy_sv_lemma_is(S, c, "that");
    return false;
}

int dy_status_of(const dy_sent_view *S, int32_t t, int32_t *attr, char *cues, size_t cap) {
    *attr = -1;
    if (cues) cues[0] = 0;
    bool hypo = false;
    int rep = -1;          /* reported, alleged or denied: the nearest frame */
    int32_t rep_attr = -1;
    int32_t cur = t;
    bool negated = false;   /* by a frame verb: "failed to", "stopped" */
    bool outside = false;   /* climbed out of a time adjunct ("after the raid") */
    bool claim_noun = false; /* rep set by a claim or report noun's clause */
    for (int depth = 0; depth < 12 && cur >= 0; depth++) {
        bool h0 = hypo;
        int st = local_cues(S, cur, attr, cues, cap, &hypo);
        if (outside) {
            /* a time adjunct's event happened whatever the clause it hangs
             * on says: "would halt aid, [following a clash]" */
            hypo = h0;
            if (st == DY_ST_NEGATED) st = -1;
        }
        if (st == DY_ST_NEGATED && rep < 0) return st;
        if (st == DY_ST_NEGATED && rep >= 0) {
            /* "Russia did not deny that its jets struck ..." is rare; a
             * negated frame verb leaves the embedded event unconfirmed */
            return DY_ST_HYPOTHETICAL;
        }
        if (rep < 0 && report_cues(S, cur, &rep, &rep_attr, cues, cap)) {}
        int d = S->t[cur].deprel;
        int32_t h = S->t[cur].head;
        if (h < 0) break;
        const dy_lex_entry *he = S->entry[h] >= 0 ? &S->lx->ents[S->entry[h]] : NULL;
        if ((d == DY_DEP_ACL || d == DY_DEP_ACL_RELCL) && rep < 0 && S->t[h].upos == DY_UPOS_NOUN &&
            that_clause(S, cur)) {
            /* "allegations that Russia attacked", "reports that Iran
             * supplied drones": the clause is what the noun claims or
             * reports (the parser often reads it as a relative clause) */
            int k = word_in(S, h, CLAIM_N) ? DY_ST_ALLEGED : word_in(S, h, REPORT_N) ? DY_ST_REPORTED : -1;
            if (k >= 0) {
                rep = k;
                claim_noun = true;
                int32_t o = dy_sv_child(S, h, DY_DEP_NMOD_POSS);
                rep_attr = o >= 0 ? dy_sv_actor_np(S, o) : -1;
                cue(cues, cap, k == DY_ST_ALLEGED ? "alleged by" : "reported by", S, h);
                cur = h;
                continue;
            }
        }
        bool clausal = d == DY_DEP_CCOMP || d == DY_DEP_XCOMP || d == DY_DEP_ADVCL ||
                       d == DY_DEP_CSUBJ || d == DY_DEP_ACL;
        bool nominal = d == DY_DEP_OBJ || d == DY_DEP_OBL || d == DY_DEP_NMOD ||
                       d == DY_DEP_NSUBJ_PASS || d == DY_DEP_OBL_UNMARKED;
        if ((d == DY_DEP_NSUBJ || d == DY_DEP_NSUBJ_PASS) && S->t[cur].upos != DY_UPOS_VERB) {
            /* an event noun as the subject of a modal clause: "a Turkish
             * incursion would threaten the ceasefire" */
            for (int32_t c = S->first[h]; c >= 0; c = S->next[c])
                if (S->t[c].deprel == DY_DEP_AUX && word_in(S, c, MODAL)) {
                    cue(cues, cap, "modal", S, c);
                    hypo = true;
                }
            break;
        }
        if (d == DY_DEP_ADVCL && (S->t[h].upos == DY_UPOS_NOUN || S->t[h].upos == DY_UPOS_PROPN) &&
            dy_sv_has_case(S, cur, "of")) {
            /* a gerund the parser hung on a noun: "accused [Pakistan [of
             * sheltering]advcl]" is inside the accusation */
            cur = h;
            continue;
        }
        if ((d == DY_DEP_OBL || d == DY_DEP_NMOD) && S->t[cur].upos != DY_UPOS_VERB && time_adjunct(S, cur))
            outside = true;
        if (d == DY_DEP_ADVCL && to_clause(S, cur) && S->t[h].upos == DY_UPOS_VERB &&
            !(he && he->role == DY_ROLE_FAMILY && dy_sv_complement(S, h) == cur)) {
            /* a purpose clause: "sent troops [to help fight IS]" — the
             * sending is the event, the purpose is not one */
            return -1;
        }
        if (d == DY_DEP_ACL && to_clause(S, cur) && S->ment[h] < 0 &&
            (word_in(S, h, PLAN) || S->entry[h] >= 0)) {
            /* "plans to urge", "an attempt to mediate": intended only;
             * "talks to end the war": the talks' purpose */
            return -1;
        }
        if (d == DY_DEP_ACL && to_clause(S, cur) && S->ment[h] >= 0 && S->t[h].head >= 0 &&
            S->entry[S->t[h].head] >= 0 && !ordinal_of(S, h)) {
            /* "trained Syrian rebels [to fight IS]", "armed militias to
             * attack": the act the actor was made ready for, intended;
             * not "the first country to recognise Kosovo" */
            cue(cues, cap, "purpose of", S, S->t[h].head);
            return -1;
        }
        if (d == DY_DEP_ADVCL && !he && gerund_complement(S, cur)) {
            /* "focus [on ending the war]": inside what the clause says */
            cur = h;
            continue;
        }
        if (d == DY_DEP_ADVCL && !he) {
            /* an adverbial clause: its own cues only ("If Ankara sends ...") */
            break;
        }
        if (he && (clausal || nominal)) {
            switch (he->role) {
            case DY_ROLE_FAMILY:
                {
                    int32_t cp = dy_sv_complement(S, h);
                    if (cp == cur || cp == t) return -1;
                }
                break;
            case DY_ROLE_SAY:
            case DY_ROLE_CLAIM:
            case DY_ROLE_ACCUSE:
            case DY_ROLE_DENY:
                if (nominal && he->role == DY_ROLE_SAY) break;
                if (claim_noun) {
                    /* "Moscow rejected allegations that ...": denied by the
                     * subject; "officials claim to have received reports
                     * that ...": a report the subject claims is alleged by
                     * the subject; a claim said stays a claim */
                    claim_noun = false;
                    int32_t sa = subject_actor(S, h);
                    if (he->role == DY_ROLE_DENY) {
                        rep = DY_ST_DENIED;
                        rep_attr = sa;
                        cue(cues, cap, "denied by", S, h);
                    } else if (rep == DY_ST_REPORTED) {
                        rep = he->role == DY_ROLE_SAY ? DY_ST_REPORTED : DY_ST_ALLEGED;
                        rep_attr = sa;
                        cue(cues, cap, rep == DY_ST_REPORTED ? "reported by" : "alleged by", S, h);
                    } else if (rep_attr < 0) {
                        rep_attr = sa;
                    }
                    break;
                }
                if (rep == DY_ST_ALLEGED) {
                    /* "officials said Russia had accused Kyiv of attacking
                     * the plant": a claim only reported, the act hearsay
                     * twice over — the accusation is the event */
                    cue(cues, cap, "claim reported by", S, h);
                    return -1;
                }
                if (rep < 0) {
                    rep = he->role == DY_ROLE_SAY ? DY_ST_REPORTED
                        : he->role == DY_ROLE_DENY ? DY_ST_DENIED : DY_ST_ALLEGED;
                    rep_attr = subject_actor(S, h);
                    cue(cues, cap, he->role == DY_ROLE_SAY ? "reported by"
                                   : he->role == DY_ROLE_DENY ? "denied by" : "alleged by", S, h);
                }
                break;
            case DY_ROLE_NEG:
                /* keep walking: "urged X to stop attacking" is an appeal.
                 * Only what the word governs is negated or hedged, not its
                 * adjuncts: "would cease aid, [following the clash]obl" */
                if (!governed(S, h, cur, d)) break;
                if (rep < 0 && !hypo && !negated) {
                    cue(cues, cap, "negated by", S, h);
                    negated = true;
                }
                break;
            case DY_ROLE_HYPO:
                if (!governed(S, h, cur, d)) break;
                cue(cues, cap, "hedged by", S, h);
                hypo = true;
                break;
            default:
                break;
            }
            cur = h;
            continue;
        }
        if (d == DY_DEP_CONJ) { cur = h; continue; }
        if (d == DY_DEP_XCOMP && !he) {
            /* "sought to", "wants to", "is expected to": not (yet) done */
            cue(cues, cap, "unrealised", S, h);
            hypo = true;
            cur = h;
            continue;
        }
        if ((d == DY_DEP_NMOD || d == DY_DEP_OBJ || d == DY_DEP_OBL || d == DY_DEP_ACL) &&
            (S->t[h].upos == DY_UPOS_NOUN || S->t[h].upos == DY_UPOS_PROPN)) {
            /* "accused [Thailand [of attacking]acl]obj" */
            cur = h;
            continue;
        }
        if ((d == DY_DEP_CCOMP) && !he) {
            /* "officials believe that ..." without a lexicon frame: keep
             * walking so an outer "said" still attributes it */
            cur = h;
            continue;
        }
        break;
    }
    if (negated) return DY_ST_NEGATED;
    if (hypo) return DY_ST_HYPOTHETICAL;
    if (rep >= 0) {
        *attr = rep_attr;
        return rep;
    }
    return DY_ST_ASSERTED;
}
