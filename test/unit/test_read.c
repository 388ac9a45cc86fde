/* test_read.c — readers: text, JSON Lines, HTML; dates; UTF-8 repair. */
#include <string.h>

#include "harness.h"
#include "read/read.h"

static dyad_doc *rd(dyad_ctx *ctx, dyad_input in, const char *s, dyad_status *st) {
    dyad_doc *doc = NULL;
    *st = dyad_doc_read(ctx, in, s, strlen(s), NULL, &doc, NULL);
    return doc;
}

TEST(read_dates) {
    char d[11];
    CHECK(dy_date_norm("2020-03-04T10:00:00Z", 20, d)); CHECK_EQ_STR(d, "2020-03-04");
    CHECK(dy_date_norm("2020/3/4", 8, d)); CHECK_EQ_STR(d, "2020-03-04");
    CHECK(dy_date_norm("20200304", 8, d)); CHECK_EQ_STR(d, "2020-03-04");
    const char *a = "Wed, 04 Mar 2020 10:00:00 GMT";
    CHECK(dy_date_norm(a, strlen(a), d)); CHECK_EQ_STR(d, "2020-03-04");
    a = "March 4, 2020";
    CHECK(dy_date_norm(a, strlen(a), d)); CHECK_EQ_STR(d, "2020-03-04");
    a = "4th Sept. 2019";
    CHECK(dy_date_norm(a, strlen(a), d)); CHECK_EQ_STR(d, "2019-09-04");
    a = "2025-03-14 20:30:26Z";
    CHECK(dy_date_norm(a, strlen(a), d)); CHECK_EQ_STR(d, "2025-03-14");
    CHECK(!dy_date_norm("2019-02-30", 10, d));
    CHECK(!dy_date_norm("yesterday", 9, d));
    CHECK(!dy_date_norm("", 0, d));
}

TEST(read_text_repairs_utf8) {
    dyad_ctx *ctx = dyad_ctx_new(NULL);
    dyad_status st;
    dyad_doc *doc = rd(ctx, DYAD_INPUT_TEXT, "ab\xff" "c\xe2\x80", &st);
    CHECK_EQ_INT(st, DYAD_OK);
    if (doc) CHECK_EQ_STR(doc->raw.p, "ab\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD");
    dyad_doc *d2 = NULL;
    CHECK_EQ_INT(dyad_doc_read(ctx, DYAD_INPUT_TEXT, "a\0b text", 8, NULL, &d2, NULL), DYAD_OK);
    if (d2) CHECK_EQ_STR(d2->raw.p, "a\xEF\xBF\xBD" "b text");
    rd(ctx, DYAD_INPUT_TEXT, "   \n", &st);
    CHECK_EQ_INT(st, DYAD_EINPUT);
    dyad_ctx_free(ctx);
}

TEST(read_jsonl_fields) {
    dyad_ctx *ctx = dyad_ctx_new(NULL);
    dyad_status st;
    dyad_doc *doc = rd(ctx, DYAD_INPUT_JSONL,
                       "{\"id\":42,\"published\":\"2025-03-14 20:30:26Z\",\"title\":\" T \","
                       "\"source\":\"VOA\",\"url\":null,\"text\":\"Hello.\",\"x\":[1]}",
                       &st);
    CHECK_EQ_INT(st, DYAD_OK);
    if (doc) {
        CHECK_EQ_STR(doc->id.p, "42");
        CHECK_EQ_STR(doc->date.p, "2025-03-14");
        CHECK_EQ_STR(doc->title.p, "T");
        CHECK_EQ_STR(doc->source.p, "VOA");
        CHECK(doc->url.p == NULL);
        CHECK_EQ_STR(doc->raw.p, "Hello.");
    }
    dyad_error err = {0};
    dyad_doc *d2 = NULL;
    const char *bad = "{\"text\": 5}";
    CHECK_EQ_INT(dyad_doc_read(ctx, DYAD_INPUT_JSONL, bad, strlen(bad), NULL, &d2, &err), DYAD_EINPUT);
    CHECK(strstr(err.msg, "\"text\" must be a string") != NULL);
    bad = "{\"text\": \"abc";
    CHECK_EQ_INT(dyad_doc_read(ctx, DYAD_INPUT_JSONL, bad, strlen(bad), NULL, &d2, &err), DYAD_EINPUT);
    CHECK(strstr(err.msg, "truncated") != NULL);
    bad = "{\"text\": \"abc\"} x";
    CHECK_EQ_INT(dyad_doc_read(ctx, DYAD_INPUT_JSONL, bad, strlen(bad), NULL, &d2, &err), DYAD_EINPUT);
    dyad_ctx_free(ctx);
}

static const char page[] =
    "<!DOCTYPE html><html><head><title>Site | Troops cross</title>"
    "<meta property=\"og:title\" content=\"Troops cross the border\">"
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-05-06T08:00:00Z\"}</script>"
    "</head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
    "<header><h1>Troops cross the border</h1></header>"
    "<div class=\"share-bar\"><a>Facebook</a> <a>Twitter</a></div>"
    "<article><div class=\"article-body\">"
    "<figure><img src=\"a.jpg\"><figcaption>Soldiers near the border on Monday.</figcaption></figure>"
    "<p>Troops crossed the border on Monday, officials said, in the largest incursion since the war began last year.</p>"
    "<p>The United Nations called for calm and said it would send observers to <a class=\"meta-loc\" "
    "href=\"/x\">South Sudan</a><span class=\"sr-only\"> (opens in a new window)</span> within days.</p>"
    "<p>Soldiers near the border on Monday.</p>"
    "<div class=\"newsletter-signup\"><p>Sign up for our daily briefing, delivered to your inbox every morning.</p></div>"
    "<p>Talks are due to resume in Geneva next week, diplomats said, although neither side has confirmed.</p>"
    "</div></article>"
    "<aside><h2>Related</h2><ul><li><a href=\"/x\">Another story about something else entirely</a></li></ul></aside>"
    "<footer>Copyright 2024</footer></body></html>";

TEST(read_html_article) {
    dyad_ctx *ctx = dyad_ctx_new(NULL);
    dyad_status st;
    dyad_doc *doc = rd(ctx, DYAD_INPUT_HTML, page, &st);
    CHECK_EQ_INT(st, DYAD_OK);
    if (doc) {
        CHECK_EQ_STR(doc->title.p, "Troops cross the border");
        CHECK_EQ_STR(doc->date.p, "2024-05-06");
        CHECK_EQ_INT(doc->ncaptions, 1);
        if (doc->ncaptions) CHECK_EQ_SLICE(doc->captions[0].p, doc->captions[0].n, "Soldiers near the border on Monday.");
        CHECK(strstr(doc->raw.p, "Troops crossed the border on Monday") != NULL);
        CHECK(strstr(doc->raw.p, "Talks are due") != NULL);
        /* a link in a sentence stays whatever its class; hidden text goes */
        CHECK(strstr(doc->raw.p, "observers to South Sudan within days") != NULL);
        CHECK(strstr(doc->raw.p, "new window") == NULL);
        CHECK(strstr(doc->raw.p, "Home") == NULL);
        CHECK(strstr(doc->raw.p, "Facebook") == NULL);
        CHECK(strstr(doc->raw.p, "Sign up") == NULL);
        CHECK(strstr(doc->raw.p, "Another story") == NULL);
        CHECK(strstr(doc->raw.p, "Copyright") == NULL);
        /* the caption printed as a body paragraph is dropped by the cleaner */
        CHECK_EQ_INT(dyad_doc_process(ctx, doc, DYAD_STAGE_CLEAN, NULL), DYAD_OK);
        CHECK(strstr(doc->text.p, "Soldiers near") == NULL);
        CHECK_EQ_INT(doc->npara, 3);
    }
    rd(ctx, DYAD_INPUT_HTML, "<html><head><title>x</title></head></html>", &st);
    CHECK_EQ_INT(st, DYAD_EINPUT);
    dyad_ctx_free(ctx);
}

/* An article split over one container per paragraph group with ads between
 * (the Telegraph layout): the whole article is read, not the best part. */
static const char split_page[] =
    "<html><body><div class=\"page\"><nav><a href=\"/\">Home</a></nav><div class=\"wrap\">"
    "<div class=\"block\"><div class=\"component-content\">"
    "<p>Zimbabwe's army said on Wednesday it had taken custody of President Robert Mugabe, his wife and two ministers, in what it called a targeted operation.</p>"
    "<p>Troops and armoured vehicles blocked the roads to the main government offices, parliament and the courts in central Harare, witnesses said.</p></div></div>"
    "<div class=\"ad-slot\">Advertisement</div>"
    "<div class=\"block\"><div class=\"component-content\">"
    "<p>South Africa's president, Jacob Zuma, said he had spoken to Mugabe, who told him he was confined to his home but was fine, and sent envoys to Harare.</p>"
    "<p>The African Union said the takeover seemed like a coup and demanded that constitutional order be restored at once in the country.</p></div></div>"
    "<div class=\"ad-slot\">Advertisement</div>"
    "<div class=\"block\"><div class=\"component-content\">"
    "<p>The United States embassy in Harare closed to the public and urged American citizens to shelter in place, in a statement issued overnight.</p>"
    "<p>Britain, the former colonial power, said it was monitoring the situation closely and called for calm and restraint from all sides.</p></div></div>"
    "<div class=\"block\"><div class=\"component-content\">"
    "<p>Analysts said the move, which followed the sacking of the vice president, settled a long struggle over who would succeed the 93-year-old leader.</p>"
    "<p>Mugabe has ruled Zimbabwe since independence from Britain in 1980, and had said he would stand again in elections due next year.</p></div></div>"
    "</div></div></body></html>";

/* A hover card inside a sentence: its headlines go, the name stays. */
static const char card_page[] =
    "<html><body><article><div class=\"field-items\">"
    "<p>A New York man pleaded guilty to charges he threatened to kill Rep. <span class=\"people\">"
    "<a href=\"/people/omar\">Ilhan Omar</a><span class=\"people-block\"><span>"
    "<a href=\"/a\">Progressives oppose funding bill over surveillance authority rider</a> "
    "<a href=\"/b\">Omar asks court to apply compassion in sentencing man convicted of threats</a> "
    "<a href=\"/c\">MORE</a></span></span></span> (D-Minn.), the office announced Monday.</p>"
    "<p>Patrick Carlineo Jr., 55, could face up to 10 years in prison after pleading guilty to threatening to assault and murder a U.S. official.</p>"
    "<p>His attorney said in a statement that her client did not intend to cause harm and had taken responsibility for his language.</p>"
    "</div></article></body></html>";

TEST(read_html_split_article_and_cards) {
    dyad_ctx *ctx = dyad_ctx_new(NULL);
    dyad_status st;
    dyad_doc *doc = rd(ctx, DYAD_INPUT_HTML, split_page, &st);
    CHECK_EQ_INT(st, DYAD_OK);
    if (doc) {
        CHECK(strstr(doc->raw.p, "taken custody of President Robert Mugabe") != NULL);
        CHECK(strstr(doc->raw.p, "demanded that constitutional order") != NULL);
        CHECK(strstr(doc->raw.p, "shelter in place") != NULL);
        CHECK(strstr(doc->raw.p, "stand again in elections") != NULL);
        CHECK(strstr(doc->raw.p, "Advertisement") == NULL);
        CHECK(strstr(doc->raw.p, "Home") == NULL);
    }
    doc = rd(ctx, DYAD_INPUT_HTML, card_page, &st);
    CHECK_EQ_INT(st, DYAD_OK);
    if (doc) {
        CHECK(strstr(doc->raw.p, "threatened to kill Rep. Ilhan Omar (D-Minn.), the office") != NULL);
        CHECK(strstr(doc->raw.p, "surveillance") == NULL);
        CHECK(strstr(doc->raw.p, "MORE") == NULL);
        CHECK(strstr(doc->raw.p, "Patrick Carlineo") != NULL);
    }
    dyad_ctx_free(ctx);
}

/* A figure written without <figure>: an image with short text blocks in a
 * div ("media__cap" has no caption word); its text goes to the captions.
 * An icon inside a paragraph, and a div with an image and a paragraph of
 * prose, stay in the body. */
static const char imgbox_page[] =
    "<html><body><article><div class=\"article-body\">"
    "<p>Kurdish-led fighters clashed with government troops near Deir ez-Zor on Friday, a monitoring group said, in the worst fighting in months.</p>"
    "<div class=\"media media--inline\"><img src=\"a.jpg\" alt=\"x\">"
    "<p class=\"media__cap\">The commander speaks to reporters in Hasakah, September 2026</p>"
    "<p class=\"media__note\">Photo: Dalia Hamad</p></div>"
    "<p>The two sides signed a prisoner-exchange agreement in Damascus on Sunday, <img src=\"icon.png\"> officials said, days after the clashes.</p>"
    "<div class=\"lede\"><img src=\"b.jpg\"><p>Turkish drones struck positions of the group near Kobani on Monday, the defence ministry said in a statement that gave no figures for casualties, and warned that more strikes would follow if attacks continued.</p></div>"
    "</div></article></body></html>";

TEST(read_html_image_box_caption) {
    dyad_ctx *ctx = dyad_ctx_new(NULL);
    dyad_status st;
    dyad_doc *doc = rd(ctx, DYAD_INPUT_HTML, imgbox_page, &st);
    CHECK_EQ_INT(st, DYAD_OK);
    if (doc) {
        CHECK(strstr(doc->raw.p, "speaks to reporters") == NULL);
        CHECK(strstr(doc->raw.p, "Dalia Hamad") == NULL);
        CHECK_EQ_INT(doc->ncaptions >= 1, 1);
        if (doc->ncaptions) {
            dy_str c = doc->captions[0];
            bool in = false;
            for (size_t i = 0; i + 19 <= c.n && !in; i++) in = !memcmp(c.p + i, "speaks to reporters", 19);
            CHECK(in);
        }
        CHECK(strstr(doc->raw.p, "signed a prisoner-exchange agreement") != NULL);
        CHECK(strstr(doc->raw.p, "Turkish drones struck positions") != NULL);
    }
    dyad_ctx_free(ctx);
}
