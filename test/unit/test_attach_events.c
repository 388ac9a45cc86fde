/*
 * test_attach_events.c — event-level date and place: gold parses (compact
 * CoNLL-U as in test_code.c) coded by the real coder after the time and
 * place recognisers ran, so dy_attach_time_place is exercised through
 * dy_code_doc.  Each event is projected as "CODE DATE PLACE" joined by
 * " | ".  Publication date 2019-02-14 (a Thursday).
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/model.h"
#include "code/code.h"
#include "harness.h"
#include "testdoc.h"
#include "mention/mention.h"

static dyad_model *model(void) {
    static dyad_model *m;
    if (!m) {
        dyad_model_options o = dyad_model_options_default();
        o.data_dir = DYAD_SOURCE_DIR "/data";
        o.load = DYAD_LOAD_CODE | DYAD_LOAD_PLACES;
        dyad_error err = {0};
        if (dyad_model_load(&o, &m, &err) != DYAD_OK) {
            fprintf(stderr, "model: %s\n", err.msg);
            return NULL;
        }
    }
    return m;
}

static void expand(const char *actors, const char *compact, char *out, size_t cap) {
    testdoc_expand(actors, compact, out, cap);
}

/* Stable order by (sentence, start) with antecedents remapped, as the
 * mention stage leaves it. */
static void sort_mentions(dyad_doc *doc) {
    size_t n = doc->nment;
    dy_mention *tmp = malloc(n * sizeof *tmp);
    int32_t *to = malloc(n * sizeof *to);
    size_t *ord = malloc(n * sizeof *ord);
    if (!tmp || !to || !ord) abort();
    for (size_t i = 0; i < n; i++) ord[i] = i;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0; j--) {
            const dy_mention *a = &doc->ments[ord[j - 1]], *b = &doc->ments[ord[j]];
            if (a->sent < b->sent || (a->sent == b->sent && a->start <= b->start)) break;
            size_t t = ord[j]; ord[j] = ord[j - 1]; ord[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++) to[ord[i]] = (int32_t)i;
    for (size_t i = 0; i < n; i++) {
        tmp[i] = doc->ments[ord[i]];
        if (tmp[i].antecedent >= 0) tmp[i].antecedent = to[tmp[i].antecedent];
    }
    memcpy(doc->ments, tmp, n * sizeof *tmp);
    free(tmp); free(to); free(ord);
}

static const char *events(const char *actors, const char *compact) {
    static char result[4096];
    static char conllu[16384];
    dyad_model *m = model();
    if (!m) return "no model";
    expand(actors, compact, conllu, sizeof conllu);
    dyad_ctx *ctx = dyad_ctx_new(m);
    dyad_doc *doc = NULL;
    dyad_error err = {0};
    result[0] = 0;
    if (dy_code_conllu_doc(ctx, conllu, strlen(conllu), "t", "2019-02-14", &doc, &err) != DYAD_OK) {
        snprintf(result, sizeof result, "error: %s", err.msg);
    } else {
        /* the conllu reader allocated room for its actors only */
        dy_mention *copy = DY_ANEW(&ctx->arena, dy_mention, doc->nment + 64);
        memcpy(copy, doc->ments, doc->nment * sizeof *copy);
        doc->ments = copy;
        size_t keep = doc->nment;
        doc->nment = 0;
        for (size_t i = 0; i < keep; i++) *dy_mention_push(ctx, doc) = copy[i];
        if (dy_times_find(ctx, doc, &err) != DYAD_OK || dy_places_find(ctx, doc, &err) != DYAD_OK ||
            (sort_mentions(doc), dyad_doc_process(ctx, doc, DYAD_STAGE_CODE, &err)) != DYAD_OK) {
            snprintf(result, sizeof result, "error: %s", err.msg);
        } else {
            size_t n = 0;
            for (size_t i = 0; i < doc->nevent; i++) {
                const dy_event *e = &doc->events[i];
                const dy_mention *p = e->place >= 0 ? &doc->ments[e->place] : NULL;
                n += (size_t)snprintf(result + n, sizeof result - n, "%s%s %.*s %.*s", i ? " | " : "", e->code,
                                      (int)e->date.n, e->date.p, p ? (int)p->pname.n : 4, p ? p->pname.p : "none");
            }
        }
    }
    dyad_ctx_free(ctx);
    return result;
}

TEST(event_dates_and_places_two_events_one_sentence) {
    CHECK_EQ_STR(events("1:SYRREB 3-4:SYRGOV 11:SYRMIL 13:SYRREB",
                        "Rebels rebel NOUN 2 nsubj\n"
                        "attacked attack VERB 0 root\n"
                        "government government NOUN 4 compound\n"
                        "forces force NOUN 2 obj\n"
                        "in in ADP 6 case\n"
                        "Homs Homs PROPN 2 obl\n"
                        "on on ADP 8 case\n"
                        "Monday Monday PROPN 2 obl\n"
                        "and and CCONJ 12 cc\n"
                        "the the DET 11 det\n"
                        "army army NOUN 12 nsubj\n"
                        "shelled shell VERB 2 conj\n"
                        "rebel rebel NOUN 14 compound\n"
                        "positions position NOUN 12 obj\n"
                        "in in ADP 16 case\n"
                        "Idlib Idlib PROPN 12 obl\n"
                        "on on ADP 18 case\n"
                        "Tuesday Tuesday PROPN 12 obl\n"
                        ". . PUNCT 2 punct\n"),
                 "190 2019-02-11 Homs | 194 2019-02-12 Idlib");
}

TEST(event_date_is_the_events_not_the_reports) {
    CHECK_EQ_STR(events("1:IRQCOP 6:IRQ 9:IRQMIL",
                        "Police police NOUN 2 nsubj\n"
                        "said say VERB 0 root\n"
                        "on on ADP 4 case\n"
                        "Tuesday Tuesday PROPN 2 obl\n"
                        "that that SCONJ 7 mark\n"
                        "gunmen gunman NOUN 7 nsubj\n"
                        "killed kill VERB 2 ccomp\n"
                        "three three NUM 9 nummod\n"
                        "soldiers soldier NOUN 7 obj\n"
                        "in in ADP 11 case\n"
                        "Kirkuk Kirkuk PROPN 7 obl\n"
                        "last last ADJ 13 amod\n"
                        "week week NOUN 7 obl:tmod\n"
                        ". . PUNCT 2 punct\n"),
                 "190 2019-02 Kirkuk");
}

TEST(event_without_time_or_place_gets_the_report_date) {
    CHECK_EQ_STR(events("1:TUR 3:SYRREB",
                        "Turkey Turkey PROPN 2 nsubj\n"
                        "attacked attack VERB 0 root\n"
                        "rebels rebel NOUN 2 obj\n"
                        ". . PUNCT 2 punct\n"),
                 "190 2019-02-14 none");
}

/* The year is the report's: in a document of two sentences an earlier
 * year would make both events background (src/code/discourse.c). */
TEST(event_place_from_and_time_in_own_clause_across_sentences) {
    CHECK_EQ_STR(events("1:PSEINS 7:ISR",
                        "Militants militant NOUN 2 nsubj\n"
                        "fired fire VERB 0 root\n"
                        "rockets rocket NOUN 2 obj\n"
                        "from from ADP 5 case\n"
                        "Gaza Gaza PROPN 2 obl\n"
                        "at at ADP 7 case\n"
                        "Israel Israel PROPN 2 obl\n"
                        "in in ADP 9 case\n"
                        "2019 2019 NUM 2 obl\n"
                        ". . PUNCT 2 punct\n"
                        "-- 1:ISR 5:PSEHAM\n"
                        "Israel Israel PROPN 2 nsubj\n"
                        "struck strike VERB 0 root\n"
                        "back back ADV 2 advmod\n"
                        "against against ADP 5 case\n"
                        "Hamas Hamas PROPN 2 obl\n"
                        "the the DET 7 det\n"
                        "next next ADJ 7 amod\n"
                        "day day NOUN 2 obl:tmod\n"
                        ". . PUNCT 2 punct\n"),
                 "194 2019 Gaza | 190 2019 none");
}
