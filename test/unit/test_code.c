/*
 * test_code.c — the coder on hand-built parses, independent of the tagger,
 * parser and actor dictionaries.  Each case is a compact parse: one token per
 * line "FORM LEMMA UPOS HEAD DEPREL" (HEAD 1-based, 0 = root) plus an
 * actors line, expanded to CoNLL-U for dy_code_conllu_doc.  Results are
 * projected as "SRC CODE TGT STATUS ATTR" joined by " | ".
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/model.h"
#include "code/code.h"
#include "code/lexicon.h"
#include "harness.h"
#include "testdoc.h"

static dyad_model *model(void) {
    static dyad_model *m;
    if (!m) {
        dyad_model_options o = dyad_model_options_default();
        o.data_dir = DYAD_SOURCE_DIR "/data";
        o.load = DYAD_LOAD_CODE;
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

static const char *STATUS[] = {"asserted", "reported", "alleged", "denied", "negated", "hypothetical"};

static const char *code(const char *actors, const char *compact) {
    static char result[4096];
    static char conllu[16384];
    dyad_model *m = model();
    if (!m) return "no model";
    expand(actors, compact, conllu, sizeof conllu);
    dyad_ctx *ctx = dyad_ctx_new(m);
    dyad_doc *doc = NULL;
    dyad_error err = {0};
    result[0] = 0;
    if (dy_code_conllu_doc(ctx, conllu, strlen(conllu), "t", "2020-05-01", &doc, &err) != DYAD_OK ||
        dyad_doc_process(ctx, doc, DYAD_STAGE_CODE, &err) != DYAD_OK) {
        snprintf(result, sizeof result, "error: %s", err.msg);
    } else {
        size_t n = 0;
        for (size_t i = 0; i < doc->nevent; i++) {
            const dy_event *e = &doc->events[i];
            n += (size_t)snprintf(result + n, sizeof result - n, "%s%.*s %s %.*s %s %.*s", i ? " | " : "",
                                  (int)doc->ments[e->src].code.n, doc->ments[e->src].code.p, e->code,
                                  e->tgt >= 0 ? (int)doc->ments[e->tgt].code.n : 4,
                                  e->tgt >= 0 ? doc->ments[e->tgt].code.p : "null", STATUS[e->status],
                                  e->attr >= 0 ? (int)doc->ments[e->attr].code.n : 4,
                                  e->attr >= 0 ? doc->ments[e->attr].code.p : "null");
        }
    }
    dyad_ctx_free(ctx);
    return result;
}

TEST(lexicon_loads_and_covers_cameo) {
    dyad_model *m = model();
    CHECK(m != NULL);
    if (!m) return;
    uint32_t roots;
    size_t n = dy_lexicon_coverage(m->lexicon, &roots);
    if (n < 250) fprintf(stderr, "  coverage %zu codes\n", n);
    CHECK(n >= 250);
    for (int r = 1; r <= 20; r++) CHECK(roots & (1u << r));
    const dy_cameo_entry *c = dy_cameo_find(m->lexicon, "072");
    CHECK(c && c->quad_class == 2 && c->goldstein > 8.2 && c->goldstein < 8.4);
    CHECK(dy_cameo_find(m->lexicon, "999") == NULL);
}

TEST(code_svo) {
    CHECK_EQ_STR(code("1:TUR 4-5:SYRREB",
                      "Turkey Turkey PROPN 2 nsubj\n"
                      "attacked attack VERB 0 root\n"
                      "the the DET 5 det\n"
                      "Syrian Syrian ADJ 5 amod\n"
                      "rebels rebel NOUN 2 obj\n"
                      ". . PUNCT 2 punct\n"),
                 "TUR 190 SYRREB asserted null");
}

TEST(code_passive_agent) {
    CHECK_EQ_STR(code("1-2:SYRREB 6:TUR",
                      "Syrian Syrian ADJ 2 amod\n"
                      "rebels rebel NOUN 4 nsubj:pass\n"
                      "were be AUX 4 aux:pass\n"
                      "attacked attack VERB 0 root\n"
                      "by by ADP 6 case\n"
                      "Turkey Turkey PROPN 4 obl:agent\n"),
                 "TUR 190 SYRREB asserted null");
}

TEST(code_negated) {
    CHECK_EQ_STR(code("1:TUR 5-6:SYRREB",
                      "Turkey Turkey PROPN 4 nsubj\n"
                      "did do AUX 4 aux\n"
                      "not not PART 4 advmod\n"
                      "attack attack VERB 0 root\n"
                      "Syrian Syrian ADJ 6 amod\n"
                      "rebels rebel NOUN 4 obj\n"),
                 "TUR 190 SYRREB negated null");
}

TEST(code_denied_is_not_the_attack) {
    /* Damascus denied using chemical weapons. */
    CHECK_EQ_STR(code("1:SYR",
                      "Damascus Damascus PROPN 2 nsubj\n"
                      "denied deny VERB 0 root\n"
                      "using use VERB 2 xcomp\n"
                      "chemical chemical ADJ 5 amod\n"
                      "weapons weapon NOUN 3 obj\n"),
                 "SYR 016 null asserted null | SYR 2041 null denied SYR");
}

TEST(code_accuse_and_alleged_event) {
    /* Israel accused Iran of arming Hezbollah. */
    CHECK_EQ_STR(code("1:ISR 3:IRN 6:LBNHEZ",
                      "Israel Israel PROPN 2 nsubj\n"
                      "accused accuse VERB 0 root\n"
                      "Iran Iran PROPN 2 obj\n"
                      "of of SCONJ 5 mark\n"
                      "arming arm VERB 2 advcl\n"
                      "Hezbollah Hezbollah PROPN 5 obj\n"),
                 "ISR 112 IRN asserted null | IRN 072 LBNHEZ alleged ISR");
}

TEST(code_according_to_reported) {
    /* Russian jets bombed rebels, according to Turkey. */
    CHECK_EQ_STR(code("1-2:RUSMIL 4:SYRREB 8:TUR",
                      "Russian Russian ADJ 2 amod\n"
                      "jets jet NOUN 3 nsubj\n"
                      "bombed bomb VERB 0 root\n"
                      "rebels rebel NOUN 3 obj\n"
                      ", , PUNCT 8 punct\n"
                      "according accord VERB 8 case\n"
                      "to to ADP 6 fixed\n"
                      "Turkey Turkey PROPN 3 obl\n"),
                 "RUSMIL 195 SYRREB reported TUR");
}

TEST(code_said_that_reported) {
    /* Ankara said that Kurdish militants attacked Turkish troops. */
    CHECK_EQ_STR(code("1:TUR 4-5:KURREB 7-8:TURMIL",
                      "Ankara Ankara PROPN 2 nsubj\n"
                      "said say VERB 0 root\n"
                      "that that SCONJ 6 mark\n"
                      "Kurdish Kurdish ADJ 5 amod\n"
                      "militants militant NOUN 6 nsubj\n"
                      "attacked attack VERB 2 ccomp\n"
                      "Turkish Turkish ADJ 8 amod\n"
                      "troops troops NOUN 6 obj\n"),
                 "KURREB 190 TURMIL reported TUR");
}

TEST(code_conditional_hypothetical) {
    /* If Ankara attacks Kurdish fighters, Damascus will respond. */
    CHECK_EQ_STR(code("2:TUR 4-5:KURREB 7:SYR",
                      "If if SCONJ 3 mark\n"
                      "Ankara Ankara PROPN 3 nsubj\n"
                      "attacks attack VERB 9 advcl\n"
                      "Kurdish Kurdish ADJ 5 amod\n"
                      "fighters fighter NOUN 3 obj\n"
                      ", , PUNCT 9 punct\n"
                      "Damascus Damascus PROPN 9 nsubj\n"
                      "will will AUX 9 aux\n"
                      "respond respond VERB 0 root\n"),
                 "TUR 190 KURREB hypothetical null");
}

TEST(code_modal_hypothetical) {
    CHECK_EQ_STR(code("1:IRN 4:ISR",
                      "Iran Iran PROPN 3 nsubj\n"
                      "could could AUX 3 aux\n"
                      "attack attack VERB 0 root\n"
                      "Israel Israel PROPN 3 obj\n"),
                 "IRN 190 ISR hypothetical null");
}

TEST(code_intent_family) {
    /* Iran pledged to send aid to Syria. */
    CHECK_EQ_STR(code("1:IRN 7:SYR",
                      "Iran Iran PROPN 2 nsubj\n"
                      "pledged pledge VERB 0 root\n"
                      "to to PART 4 mark\n"
                      "send send VERB 2 xcomp\n"
                      "aid aid NOUN 4 obj\n"
                      "to to ADP 7 case\n"
                      "Syria Syria PROPN 4 obl\n"),
                 "IRN 033 SYR asserted null");
}

TEST(code_threat_family) {
    /* Turkey threatened to attack Kurdish forces. */
    CHECK_EQ_STR(code("1:TUR 5-6:KURMIL",
                      "Turkey Turkey PROPN 2 nsubj\n"
                      "threatened threaten VERB 0 root\n"
                      "to to PART 4 mark\n"
                      "attack attack VERB 2 xcomp\n"
                      "Kurdish Kurdish ADJ 6 amod\n"
                      "forces force NOUN 4 obj\n"),
                 "TUR 1384 KURMIL asserted null");
}

TEST(code_appeal_object_control) {
    /* The UN urged Israel to release prisoners. */
    CHECK_EQ_STR(code("2:IGOUNO 4:ISR",
                      "The the DET 2 det\n"
                      "UN UN PROPN 3 nsubj\n"
                      "urged urge VERB 0 root\n"
                      "Israel Israel PROPN 3 obj\n"
                      "to to PART 6 mark\n"
                      "release release VERB 3 xcomp\n"
                      "prisoners prisoner NOUN 6 obj\n"),
                 "IGOUNO 0253 ISR asserted null");
}

TEST(code_reciprocal_meeting) {
    CHECK_EQ_STR(code("1:RUSGOV 3:TURGOV",
                      "Putin Putin PROPN 2 nsubj\n"
                      "met meet VERB 0 root\n"
                      "Erdogan Erdogan PROPN 2 obj\n"),
                 "RUSGOV 040 TURGOV asserted null | TURGOV 040 RUSGOV asserted null");
}

TEST(code_compound_subject) {
    /* Hezbollah and Moscow attacked the rebels. */
    CHECK_EQ_STR(code("1:LBNHEZ 3:RUS 6:SYRREB",
                      "Hezbollah Hezbollah PROPN 4 nsubj\n"
                      "and and CCONJ 3 cc\n"
                      "Moscow Moscow PROPN 1 conj\n"
                      "attacked attack VERB 0 root\n"
                      "the the DET 6 det\n"
                      "rebels rebel NOUN 4 obj\n"),
                 "LBNHEZ 190 SYRREB asserted null | RUS 190 SYRREB asserted null");
}

TEST(code_nominal_event_possessor) {
    /* Turkey's shelling of Kurdish positions continued. */
    CHECK_EQ_STR(code("1:TUR 5:KUR",
                      "Turkey Turkey PROPN 3 nmod:poss\n"
                      "'s 's PART 1 case\n"
                      "shelling shelling NOUN 7 nsubj\n"
                      "of of ADP 6 case\n"
                      "Kurdish Kurdish ADJ 6 amod\n"
                      "positions position NOUN 3 nmod\n"
                      "continued continue VERB 0 root\n"),
                 "TUR 194 KUR asserted null");
}

TEST(code_light_verb_noun_event) {
    /* Israel launched airstrikes on Hamas. */
    CHECK_EQ_STR(code("1:ISR 5:PSEHAM",
                      "Israel Israel PROPN 2 nsubj\n"
                      "launched launch VERB 0 root\n"
                      "airstrikes airstrike NOUN 2 obj\n"
                      "on on ADP 5 case\n"
                      "Hamas Hamas PROPN 3 nmod\n"),
                 "ISR 195 PSEHAM asserted null");
}

TEST(code_allies_fight_alongside) {
    /* Hezbollah fought alongside Syrian troops against rebels. */
    CHECK_EQ_STR(code("1:LBNHEZ 4-5:SYRMIL",
                      "Hezbollah Hezbollah PROPN 2 nsubj\n"
                      "fought fight VERB 0 root\n"
                      "alongside alongside ADP 5 case\n"
                      "Syrian Syrian ADJ 5 amod\n"
                      "troops troops NOUN 2 obl\n"),
                 "LBNHEZ 062 SYRMIL asserted null | SYRMIL 062 LBNHEZ asserted null");
}

TEST(code_no_source_no_event) {
    CHECK_EQ_STR(code("4:SYR",
                      "Gunmen gunman NOUN 2 nsubj\n"
                      "attacked attack VERB 0 root\n"
                      "a a DET 4 det\n"
                      "Syrian Syrian ADJ 5 amod\n"
                      "checkpoint checkpoint NOUN 2 obj\n"),
                 "");
}

TEST(code_dedup_within_document) {
    CHECK_EQ_STR(code("1:TUR 3:SYR",
                      "Turkey Turkey PROPN 2 nsubj\n"
                      "attacked attack VERB 0 root\n"
                      "Syria Syria PROPN 2 obj\n"
                      "-- 1:TUR 3:SYR\n"
                      "Turkey Turkey PROPN 2 nsubj\n"
                      "attacked attack VERB 0 root\n"
                      "Syria Syria PROPN 2 obj\n"),
                 "TUR 190 SYR asserted null");
}

TEST(code_relative_clause_source) {
    /* Hezbollah, which attacked Israel, ... */
    CHECK_EQ_STR(code("1:LBNHEZ 5:ISR",
                      "Hezbollah Hezbollah PROPN 7 nsubj\n"
                      ", , PUNCT 1 punct\n"
                      "which which PRON 4 nsubj\n"
                      "attacked attack VERB 1 acl:relcl\n"
                      "Israel Israel PROPN 4 obj\n"
                      ", , PUNCT 1 punct\n"
                      "denied deny VERB 0 root\n"
                      "it it PRON 7 obj\n"),
                 "LBNHEZ 190 ISR asserted null | LBNHEZ 016 null asserted null");
}

TEST(code_refused_to_withdraw) {
    /* Russia refused to withdraw its troops. */
    CHECK_EQ_STR(code("1:RUS",
                      "Russia Russia PROPN 2 nsubj\n"
                      "refused refuse VERB 0 root\n"
                      "to to PART 4 mark\n"
                      "withdraw withdraw VERB 2 xcomp\n"
                      "its its PRON 6 nmod:poss\n"
                      "troops troops NOUN 4 obj\n"),
                 "RUS 1246 null asserted null");
}

TEST(code_stated_intention_is_intent) {
    /* Israel announced it would free Palestinian prisoners. */
    CHECK_EQ_STR(code("1:ISR 3:ISR@0 6-7:PSE",
                      "Israel Israel PROPN 2 nsubj\n"
                      "announced announce VERB 0 root\n"
                      "it it PRON 5 nsubj\n"
                      "would would AUX 5 aux\n"
                      "free free VERB 2 ccomp\n"
                      "Palestinian Palestinian ADJ 7 amod\n"
                      "prisoners prisoner NOUN 5 obj\n"),
                 "ISR 0353 PSE asserted null");
}

TEST(code_light_verb_held_talks_with) {
    /* The US envoy held talks with Lebanon's president. */
    CHECK_EQ_STR(code("2-3:USAGOV 7-9:LBNGOV",
                      "The the DET 3 det\n"
                      "US US PROPN 3 compound\n"
                      "envoy envoy NOUN 4 nsubj\n"
                      "held hold VERB 0 root\n"
                      "talks talk NOUN 4 obj\n"
                      "with with ADP 9 case\n"
                      "Lebanon Lebanon PROPN 9 nmod:poss\n"
                      "'s 's PART 7 case\n"
                      "president president NOUN 5 nmod\n"),
                 "USAGOV 046 LBNGOV asserted null | LBNGOV 046 USAGOV asserted null");
}

TEST(code_hypothetical_event_noun_subject) {
    /* A Turkish incursion would threaten the ceasefire. */
    CHECK_EQ_STR(code("2:TUR",
                      "A a DET 3 det\n"
                      "Turkish Turkish ADJ 3 amod\n"
                      "incursion incursion NOUN 5 nsubj\n"
                      "would would AUX 5 aux\n"
                      "threaten threaten VERB 0 root\n"
                      "the the DET 7 det\n"
                      "ceasefire ceasefire NOUN 5 obj\n"),
                 "TUR 190 null hypothetical null");
}
