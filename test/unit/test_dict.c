/* test_dict.c — the actor dictionary format: parser errors, dates, code by
 * date, lookup keys and case rules, cross-entry checks, the importer. */
#include <stdlib.h>

#include "harness.h"
#include "mention/dict.h"
#include "mention/dict_import.h"

typedef struct diags {
    char last[600];
    int n, nwarn;
} diags;

static void collect(void *ud, const char *file, unsigned line, int sev, const char *msg) {
    diags *D = ud;
    snprintf(D->last, sizeof D->last, "%s:%u: %s", file, line, msg);
    if (sev) D->nwarn++;
    else D->n++;
}

static size_t parse(dy_dict *d, const char *text, diags *D) {
    size_t nerr = 0;
    dy_dict_parse(d, "t.txt", text, strlen(text), collect, D, &nerr);
    return nerr;
}

TEST(dict_dates) {
    CHECK_EQ_INT(dy_dict_date("2012-05-07", 10, false), 20120507);
    CHECK_EQ_INT(dy_dict_date("2012-05-07", 10, true), 20120507);
    CHECK_EQ_INT(dy_dict_date("2012-05", 7, false), 20120501);
    CHECK_EQ_INT(dy_dict_date("2012-12", 7, true), 20130101);
    CHECK_EQ_INT(dy_dict_date("2012", 4, true), 20130101);
    CHECK_EQ_INT(dy_dict_date("2012-02-30", 10, false), -1);
    CHECK_EQ_INT(dy_dict_date("2012-13", 7, false), -1);
    CHECK_EQ_INT(dy_dict_date("12-05-07", 8, false), -1);
    CHECK_EQ_INT(dy_dict_date("2012-02-29", 10, false), 20120229);
}

TEST(dict_parse_errors) {
    dy_dict d;
    dy_dict_init(&d, NULL);
    diags D = {{0}, 0, 0};
    CHECK_EQ_INT(parse(&d, "A | | ABC\n", &D), 0);                    /* 3 fields ok */
    CHECK_EQ_INT(parse(&d, "only | two\n", &D), 1);
    CHECK_EQ_INT(parse(&d, "X | | abc | type=state\n", &D), 1);       /* lowercase code */
    CHECK_EQ_INT(parse(&d, "X | | ABCD | type=state\n", &D), 1);      /* not groups of 3 */
    CHECK_EQ_INT(parse(&d, "X | | ABC 2012-13-01.. | type=state\n", &D), 1);
    CHECK_EQ_INT(parse(&d, "X | | ABC 2010..2012; ABCGOV 2011..2013 | type=person\n", &D), 1);
    CHECK(strstr(D.last, "overlapping") != NULL);
    CHECK_EQ_INT(parse(&d, "X | | ABC; ABCGOV | type=person\n", &D), 1); /* two defaults */
    CHECK_EQ_INT(parse(&d, "X | | ABC | type=thing\n", &D), 1);
    CHECK_EQ_INT(parse(&d, "X | | ABC .. | type=state\n", &D), 1);
    CHECK_EQ_INT(parse(&d, "X | | ABC 2012..2010 | type=state\n", &D), 1);
    CHECK_EQ_INT(parse(&d, "\n# comment\n\nY | | ABC 2000..2008-05-07; ABC 2008-05-07.. | type=person; colour=red\n", &D), 0);
    CHECK_EQ_INT(D.nwarn, 2); /* no type=; unknown key */
    CHECK(strstr(D.last, "t.txt:4:") != NULL);
    CHECK_EQ_INT(d.n, 2);
    dy_dict_free(&d);
}

TEST(dict_code_by_date) {
    dy_dict d;
    dy_dict_init(&d, NULL);
    diags D = {{0}, 0, 0};
    parse(&d,
          "Russia | Russian | RUS | type=state\n"
          "Vladimir Putin | Putin | RUSGOV 2000-05-07..2008-05-07; RUSGOV 2012-05-07..; RUSELI | type=person; gender=m\n"
          "George W. Bush | | USAGOV 2001-01-20..2009-01-20 | type=person; country=USA\n"
          "George H. W. Bush | | USAGOV 1989-01-20..1993-01-20 | type=person; country=USA\n",
          &D);
    CHECK_EQ_INT(D.n, 0);
    CHECK_EQ_INT(dy_dict_compile(&d), DYAD_OK);
    const dy_dict_entry *p = &d.e[1], *b = &d.e[2];
    CHECK_EQ_STR(p->country, "RUS");
    CHECK_EQ_STR(dy_dict_code_at(&d, p, 20050101), "RUSGOV");
    CHECK_EQ_STR(dy_dict_code_at(&d, p, 20100101), "RUSELI");
    CHECK_EQ_STR(dy_dict_code_at(&d, p, 20080507), "RUSELI");
    CHECK_EQ_STR(dy_dict_code_at(&d, p, 20080506), "RUSGOV");
    CHECK_EQ_STR(dy_dict_code_at(&d, b, 20050101), "USAGOV");
    CHECK_EQ_STR(dy_dict_code_at(&d, b, 20120101), "USAELI");   /* out of office */
    CHECK_EQ_STR(dy_dict_code_at(&d, b, 0), "USAGOV");          /* no date: latest */
    /* the surname names both Bushes */
    dy_dict_hit h[4];
    CHECK_EQ_INT(dy_dict_lookup(&d, "bush", 4, h, 4), 2);
    CHECK(h[0].implicit);
    CHECK_EQ_INT(dy_dict_lookup(&d, "george", 6, h, 4), 0);     /* prefix only */
    CHECK_EQ_INT(dy_dict_lookup(&d, "boris", 5, h, 4), -1);
    CHECK_EQ_INT(dy_dict_lookup(&d, "george w bush", 13, h, 4), 1);
    CHECK(dy_dict_is_country(&d, "RUS"));
    CHECK(!dy_dict_is_country(&d, "USA")); /* no USA state entry here */
    dy_dict_free(&d);
}

TEST(dict_words_and_case) {
    dy_word_span w[16];
    const char *s = "Ankara's U.S.-backed al-Qaeda rebels' \xE2\x80\x9C" "d'Ivoire\xE2\x80\x9D";
    size_t n = dy_dict_split(s, strlen(s), w, 16);
    CHECK_EQ_INT(n, 11);
    CHECK_EQ_SLICE(s + w[0].off, w[0].len, "Ankara");
    CHECK(w[1].poss);
    CHECK_EQ_SLICE(s + w[2].off, w[2].len, "U.S.");
    CHECK_EQ_SLICE(s + w[3].off, w[3].len, "backed");
    CHECK_EQ_SLICE(s + w[5].off, w[5].len, "Qaeda");
    CHECK(w[7].poss);
    CHECK(w[8].punct);
    CHECK_EQ_SLICE(s + w[9].off, w[9].len, "d'Ivoire");
    char buf[64];
    int cs;
    const char *cav = "\xC3\x87" "avu\xC5\x9F" "o\xC4\x9F" "lu";
    dy_dict_norm_word(cav, strlen(cav), buf, sizeof buf, &cs);
    CHECK_EQ_STR(buf, "cavusoglu");
    CHECK_EQ_INT(cs, 1);
    dy_dict_norm_word("U.S.", 4, buf, sizeof buf, &cs);
    CHECK_EQ_STR(buf, "us");
    CHECK_EQ_INT(cs, 2);
    dy_dict_norm_word("us", 2, buf, sizeof buf, &cs);
    CHECK_EQ_INT(cs, 0);
}

TEST(dict_check_duplicates) {
    dy_dict d;
    dy_dict_init(&d, NULL);
    diags D = {{0}, 0, 0};
    parse(&d, "Hamas | | PSEREBHMS | type=group\nHamas | | PSEREB | type=group\nGeorgia | | GEO | type=state\n", &D);
    parse(&d, "Georgia Smith | Georgia | USAGOV | type=person\n", &D);
    dy_dict_compile(&d);
    size_t ne = 0, nw = 0;
    dy_dict_check(&d, collect, &D, &ne, &nw);
    CHECK_EQ_INT(ne, 1);
    CHECK_EQ_INT(nw, 1);
    dy_dict_free(&d);
}

static int to_buf(const char *p, size_t n, void *ud) {
    dy_buf_put(ud, p, n);
    return 0;
}

TEST(dict_import_tabari) {
    const char *src =
        "# comment\n"
        "AFGHANISTAN_  [AFG]\n"
        "+AFGHAN_\n"
        "ALBERT_PINTAT_  # CountryInfo.txt\n"
        "\t[ANDELI 610101-000101]\n"
        "\t[ANDGOV >050527]\n"
        "\t[ANDELI]\n"
        "ALLEGATION   ;ab 26 Jul 2005\n"
        "CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]\n"
        "FARMER_ [~AGR]\n"
        "UN_ [IGOUNO]\n";
    dy_buf b;
    dy_buf_init(&b, NULL);
    dy_import_stats st;
    CHECK_EQ_INT(dy_dict_import(DY_IMPORT_TABARI, "x.actors", src, strlen(src), to_buf, &b, &st), DYAD_OK);
    const char *out = dy_buf_cstr(&b);
    CHECK_EQ_INT(st.entries, 5);
    CHECK_EQ_INT(st.skipped, 1);
    CHECK_EQ_INT(st.dated, 2);
    CHECK_EQ_INT(st.agents, 2);
    CHECK(strstr(out, "Afghanistan | Afghan | AFG | type=state") != NULL);
    CHECK(strstr(out, "Albert Pintat |  | ANDELI 1961-01-01..2000-01-02; ANDGOV 2005-05-27..; ANDELI | type=person") != NULL);
    CHECK(strstr(out, "chamber of commerce | chambers of commerce | BUS | type=agent") != NULL);
    CHECK(strstr(out, "farmer | farmers | AGR | type=agent") != NULL);
    CHECK(strstr(out, "UN |  | IGOUNO | type=org") != NULL);
    /* and what it writes parses */
    dy_dict d;
    dy_dict_init(&d, NULL);
    diags D = {{0}, 0, 0};
    CHECK_EQ_INT(parse(&d, out, &D), 0);
    CHECK_EQ_INT(d.n, 5);
    dy_dict_free(&d);
    dy_buf_free(&b);
}
