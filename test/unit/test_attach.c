/* test_attach.c — dy_attach_time_place on documents segmented and
 * mention-tagged for real (times and places), with events built by hand
 * (the coder's part), including two events in one sentence. */
#include <stdio.h>

#include "harness.h"
#include "mention/mention.h"

typedef struct att {
    dyad_model *m;
    dyad_ctx *ctx;
    dyad_doc *doc;
} att;

static bool att_open(att *a, const char *text, const char *date) {
    dyad_model_options o = dyad_model_options_default();
    o.load = DYAD_LOAD_CLEAN | DYAD_LOAD_PLACES;
    memset(a, 0, sizeof *a);
    if (dyad_model_load(&o, &a->m, NULL) != DYAD_OK) return false;
    a->ctx = dyad_ctx_new(a->m);
    dyad_doc_meta meta = {"t", date, NULL, NULL, NULL};
    return dyad_doc_read(a->ctx, DYAD_INPUT_TEXT, text, strlen(text), &meta, &a->doc, NULL) == DYAD_OK &&
           dyad_doc_process(a->ctx, a->doc, DYAD_STAGE_SEGMENT, NULL) == DYAD_OK &&
           dy_mention_doc(a->ctx, a->doc, NULL) == DYAD_OK;
}

static void att_close(att *a) {
    dyad_ctx_free(a->ctx);
    dyad_model_free(a->m);
}

/* Token index of the first token spelled w in sentence s. */
static uint32_t tok_of(const dyad_doc *d, uint32_t s, const char *w) {
    const dy_sentence *se = &d->sents[s];
    for (uint32_t i = 0; i < se->ntok; i++)
        if (dy_str_eqc(d->toks[se->tok0 + i].form, w)) return i;
    return 0;
}

/* "date|time text|place name" for an event triggered by word w. */
static const char *attach(att *a, uint32_t sent, const char *w) {
    static char out[256];
    dy_event ev;
    memset(&ev, 0, sizeof ev);
    ev.sent = sent;
    ev.trig_tok = tok_of(a->doc, sent, w);
    ev.trig_ntok = 1;
    ev.src = ev.tgt = ev.attr = -1;
    dy_attach_time_place(a->ctx, a->doc, &ev);
    const dy_mention *t = ev.time >= 0 ? &a->doc->ments[ev.time] : NULL;
    const dy_mention *p = ev.place >= 0 ? &a->doc->ments[ev.place] : NULL;
    snprintf(out, sizeof out, "%.*s|%.*s|%.*s", (int)ev.date.n, ev.date.p ? ev.date.p : "",
             t ? (int)t->text.n : 4, t ? t->text.p : "none", p ? (int)p->pname.n : 4,
             p ? p->pname.p : "none");
    return out;
}

TEST(attach_two_events_one_sentence) {
    att a;
    CHECK(att_open(&a, "Rebels attacked Homs on Monday and the army shelled Idlib on Tuesday.", "2019-02-14"));
    CHECK_EQ_STR(attach(&a, 0, "attacked"), "2019-02-11|Monday|Homs");
    CHECK_EQ_STR(attach(&a, 0, "shelled"), "2019-02-12|Tuesday|Idlib");
    att_close(&a);
}

TEST(attach_reporting_time_is_not_the_event_time) {
    att a;
    CHECK(att_open(&a, "Police said on Tuesday that gunmen killed three people in Kirkuk last week.", "2019-02-14"));
    CHECK_EQ_STR(attach(&a, 0, "killed"), "2019-02|last week|Kirkuk");
    CHECK_EQ_STR(attach(&a, 0, "said"), "2019-02-12|Tuesday|Kirkuk");
    att_close(&a);
}

TEST(attach_falls_back_to_report_date_and_dateline) {
    att a;
    CHECK(att_open(&a, "NAIROBI (Reuters) - Police fired tear gas at protesters.\n\nThe opposition condemned the move.",
                   "2019-02-14"));
    CHECK_EQ_STR(attach(&a, 0, "fired"), "2019-02-14|none|Nairobi");
    CHECK_EQ_STR(attach(&a, 1, "condemned"), "2019-02-14|none|Nairobi");
    att_close(&a);
}

TEST(attach_cuts_to_supported_precision) {
    att a;
    CHECK(att_open(&a, "The army withdrew in June 2017. Talks collapsed in the summer of 2014. "
                       "Violence peaked in the 1980s. Troops left Jan. 9, 2019.",
                   "2019-02-14"));
    CHECK_EQ_STR(attach(&a, 0, "withdrew"), "2017-06|June 2017|none");
    CHECK_EQ_STR(attach(&a, 1, "collapsed"), "2014|summer of 2014|none");
    CHECK_EQ_STR(attach(&a, 2, "peaked"), "2019-02-14|none|none");
    CHECK_EQ_STR(attach(&a, 3, "left"), "2019-01-09|Jan. 9, 2019|none");
    att_close(&a);
}

TEST(attach_from_only_where_the_act_happened) {
    att a;
    CHECK(att_open(&a, "An envoy from Qatar met officials in Cairo. Militants fired rockets from Gaza.", "2019-02-14"));
    CHECK_EQ_STR(attach(&a, 0, "met"), "2019-02-14|none|Cairo");
    CHECK_EQ_STR(attach(&a, 1, "fired"), "2019-02-14|none|Gaza");
    att_close(&a);
}

TEST(attach_no_date_no_place) {
    att a;
    CHECK(att_open(&a, "Talks collapsed.", NULL));
    dy_event ev;
    memset(&ev, 0, sizeof ev);
    ev.trig_tok = 1;
    ev.trig_ntok = 1;
    dy_attach_time_place(a.ctx, a.doc, &ev);
    CHECK_EQ_INT(ev.time, -1);
    CHECK_EQ_INT(ev.place, -1);
    CHECK_EQ_INT(ev.date.n, 0);
    att_close(&a);
}
