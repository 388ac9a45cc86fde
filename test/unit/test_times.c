/* test_times.c — calendar helpers, TIMEX cutting, and the time spec files
 * (test/spec/mentions/times_*.txt) run through dy_times_find. */
#include "harness.h"
#include "mention/mention.h"
#include "mention/timex.h"
#include "mention_cases.h"

TEST(timex_calendar_roundtrip) {
    CHECK_EQ_INT(dy_days_from_civil(1970, 1, 1), 0);
    CHECK_EQ_INT(dy_days_from_civil(2019, 2, 14), 17941);
    int y, m, d;
    dy_civil_from_days(17941, &y, &m, &d);
    CHECK_EQ_INT(y * 10000 + m * 100 + d, 20190214);
    dy_civil_from_days(dy_days_from_civil(2000, 2, 29) + 1, &y, &m, &d);
    CHECK_EQ_INT(y * 10000 + m * 100 + d, 20000301);
    CHECK(dy_timex_parse_date(dy_str_c("2019-02-14T10:00Z"), &y, &m, &d));
    CHECK(!dy_timex_parse_date(dy_str_c("2019-02-30"), &y, &m, &d));
    CHECK(!dy_timex_parse_date(dy_str_c("2019/02/14"), &y, &m, &d));
}

static const char *cut(const char *v) {
    static char out[11];
    dy_timex_cut(dy_str_c(v), out);
    return out;
}

TEST(timex_cut_to_record_precision) {
    CHECK_EQ_STR(cut("2019-01-09"), "2019-01-09");
    CHECK_EQ_STR(cut("2019-01-09T15:00"), "2019-01-09");
    CHECK_EQ_STR(cut("2019-01"), "2019-01");
    CHECK_EQ_STR(cut("2019"), "2019");
    CHECK_EQ_STR(cut("2014-SU"), "2014");
    CHECK_EQ_STR(cut("2019-Q1"), "2019");
    CHECK_EQ_STR(cut("2019-W07"), "2019-02");    /* Feb 11-17 */
    CHECK_EQ_STR(cut("2019-W05"), "2019");       /* Jan 28 - Feb 3 */
    CHECK_EQ_STR(cut("2019-W05-WE"), "2019-02"); /* Feb 2-3 */
    CHECK_EQ_STR(cut("2019-W01"), "");           /* Dec 31 - Jan 6 */
    CHECK_EQ_STR(cut("198"), "");
    CHECK_EQ_STR(cut("PAST_REF"), "");
    CHECK_EQ_STR(cut("2019-13"), "2019");
}

static void fmt_times(const dyad_doc *doc, dy_buf *out) {
    for (size_t i = 0; i < doc->nment; i++) {
        const dy_mention *m = &doc->ments[i];
        if (m->kind != DY_MENTION_TIME) continue;
        dy_buf_putstr(out, m->text);
        dy_buf_putc(out, '\t');
        dy_buf_putstr(out, m->value);
        dy_buf_putc(out, '\n');
    }
}

TEST(times_spec_files) {
    int n = 0;
    int bad = mc_run_dir(DYAD_SOURCE_DIR "/test/spec/mentions", "times_", NULL, dy_times_find,
                         fmt_times, &n);
    if (bad) fprintf(stderr, "  times spec: %d of %d cases failed\n", bad, n);
    CHECK_EQ_INT(bad, 0);
    CHECK(n >= 100);
}

TEST(times_offsets_and_tokens) {
    dyad_ctx *ctx = dyad_ctx_new(NULL);
    dyad_doc *doc = NULL;
    dyad_doc_meta meta = {"t", "2019-02-14", NULL, NULL, NULL};
    const char *text = "Troops left on Jan. 9, 2019, officials said.";
    CHECK(dyad_doc_read(ctx, DYAD_INPUT_TEXT, text, strlen(text), &meta, &doc, NULL) == DYAD_OK);
    CHECK(dyad_doc_process(ctx, doc, DYAD_STAGE_SEGMENT, NULL) == DYAD_OK);
    CHECK(dy_times_find(ctx, doc, NULL) == DYAD_OK);
    CHECK_EQ_INT(doc->nment, 1);
    if (doc->nment == 1) {
        const dy_mention *m = &doc->ments[0];
        CHECK_EQ_INT(m->kind, DY_MENTION_TIME);
        CHECK_EQ_INT(m->start, 15);
        CHECK_EQ_INT(m->end, 27);
        CHECK_EQ_SLICE(m->text.p, m->text.n, "Jan. 9, 2019");
        const dy_token *t = &doc->toks[doc->sents[0].tok0 + m->tok_start];
        CHECK(t->start == 15);
        CHECK(m->tok_end > m->tok_start);
    }
    dyad_ctx_free(ctx);
}
