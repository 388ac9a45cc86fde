/* test_actors.c — the recogniser on a stand-in dictionary written to a
 * temporary data directory: composition, dates, case, coreference, offsets. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "mention/mention.h"

static const char stand_in[] =
    "Turkey | Turkish; Turks | TUR | type=state\n"
    "Sudan | Sudanese | SDN | type=state\n"
    "United States | US; U.S.; American | USA | type=state\n"
    "Afghanistan | Afghan | AFG | type=state\n"
    "Lebanon | Lebanese | LBN | type=state\n"
    "Ankara | | TURGOV | type=state; capital=1; country=TUR\n"
    "Kremlin | | RUSGOV | type=state; capital=1; country=RUS\n"
    "Russia | Russian | RUS | type=state\n"
    "Helmand | | AFG | type=place; country=AFG\n"
    "George W. Bush | | USAGOV 2001-01-20..2009-01-20; USAELI | type=person; country=USA; gender=m\n"
    "Mevlut Cavusoglu | | TURGOV 2014-08-29..2015-08-28; TURGOV 2015-11-24..2023-06-04 | type=person; country=TUR; gender=m\n"
    "Taliban | | AFGINSTAL | type=group; plural=1\n"
    "Hamas | | PSEREBHMS | type=group\n"
    "rebels | rebel | REB | type=agent; plural=1\n"
    "president | | GOV | type=agent\n"
    "foreign minister | | GOV | type=agent\n"
    "provincial governor | governor | GOV | type=agent\n"
    "officials | | GOV | type=agent; plural=1\n"
    "government | | GOV | type=agent\n"
    "police | | COP | type=agent; plural=1\n"
    "officers | | MIL | type=agent; plural=1\n";

static dyad_model *model(char *dir) {
    strcpy(dir, "/tmp/dyad-actors-XXXXXX");
    if (!mkdtemp(dir)) return NULL;
    char p[300];
    snprintf(p, sizeof p, "%s/actors", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/actors/test.txt", dir);
    FILE *f = fopen(p, "w");
    if (!f) return NULL;
    fputs(stand_in, f);
    fclose(f);
    dyad_model_options o = dyad_model_options_default();
    o.data_dir = dir;
    o.load = DYAD_LOAD_ACTORS;
    dyad_model *m = NULL;
    dyad_error err = {0};
    if (dyad_model_load(&o, &m, &err) != DYAD_OK) fprintf(stderr, "  load: %s\n", err.msg);
    return m;
}

static void cleanup(const char *dir) {
    char p[300];
    snprintf(p, sizeof p, "%s/actors/test.txt", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/actors", dir);
    rmdir(p);
    rmdir(dir);
}

/* "text=code" for each actor mention, joined by "|"; '*' after a pronoun. */
static void run(const dyad_model *m, const char *date, const char *text, char *out, size_t cap) {
    dyad_ctx *ctx = dyad_ctx_new(m);
    dyad_doc *doc = NULL;
    dyad_doc_meta meta = {"t", date, NULL, NULL, NULL};
    out[0] = 0;
    if (dyad_doc_read(ctx, DYAD_INPUT_TEXT, text, strlen(text), &meta, &doc, NULL) == DYAD_OK &&
        dyad_doc_process(ctx, doc, DYAD_STAGE_SEGMENT, NULL) == DYAD_OK &&
        dy_actors_find(ctx, doc, NULL) == DYAD_OK) {
        size_t o = 0;
        for (size_t i = 0; i < doc->nment; i++) {
            const dy_mention *x = &doc->ments[i];
            if (x->kind != DY_MENTION_ACTOR) continue;
            int k = snprintf(out + o, cap - o, "%s%.*s=%.*s%s", o ? "|" : "", (int)x->text.n,
                             x->text.p, (int)x->code.n, x->code.p, x->pronoun ? "*" : "");
            if (k < 0 || (size_t)k >= cap - o) break;
            o += (size_t)k;
        }
    }
    dyad_ctx_free(ctx);
}

#define EXPECT(date, text, want)                 \
    do {                                         \
        char got_[1024];                         \
        run(m, date, text, got_, sizeof got_);   \
        CHECK_EQ_STR(got_, want);                \
    } while (0)

TEST(actors_recognise) {
    char dir[64];
    dyad_model *m = model(dir);
    CHECK(m != NULL);
    if (!m) return;
    EXPECT("2015-01-01", "Sudanese rebels attacked.", "Sudanese rebels=SDNREB");
    EXPECT("2015-01-01", "Lebanese officials met Turkish police officers.",
           "Lebanese officials=LBNGOV|Turkish police officers=TURCOP");
    EXPECT("2015-01-01", "Turkish Foreign Minister Mevlut Cavusoglu spoke.",
           "Turkish Foreign Minister Mevlut Cavusoglu=TURGOV");
    EXPECT("2012-05-01", "Turkish Foreign Minister Mevlut Cavusoglu spoke.",
           "Turkish Foreign Minister Mevlut Cavusoglu=TURELI");
    EXPECT("2005-03-01", "George W. Bush spoke.", "George W. Bush=USAGOV");
    EXPECT("2012-03-01", "George W. Bush spoke.", "George W. Bush=USAELI");
    EXPECT("2005-03-01", "Former President George W. Bush spoke.",
           "Former President George W. Bush=USAELI");
    EXPECT("2015-01-01", "Helmand Provincial Governor Gulab Mangal said so.",
           "Helmand Provincial Governor Gulab Mangal=AFGGOV");
    EXPECT("2015-01-01", "Ankara's envoy went to talks in Ankara.", "Ankara=TURGOV");
    EXPECT("2015-01-01", "They told us the US would help.", "US=USA");
    EXPECT("2015-01-01", "The foreign minister of Turkey arrived.", "foreign minister of Turkey=TURGOV");
    EXPECT("2015-01-01", "The Taliban said they would fight. The group denied it.",
           "Taliban=AFGINSTAL|they=AFGINSTAL*|The group=AFGINSTAL*");
    EXPECT("2015-01-01", "Russia warned Turkey. It said the government would act.",
           "Russia=RUS|Turkey=TUR|It=TUR*|the government=TURGOV*");
    EXPECT("2015-01-01", "It was not clear whether Hamas agreed.", "Hamas=PSEREBHMS");
    EXPECT("2015-01-01", "The Kremlin said it would respond.", "Kremlin=RUSGOV|it=RUSGOV*");
    EXPECT("", "Mevlut Cavusoglu said he would go.", "Mevlut Cavusoglu=TURGOV|he=TURGOV*");
    EXPECT("2015-01-01", "turkey and rebels", "rebels=REB");
    EXPECT("2015-01-01", "Mevlüt Çavuşoğlu met Cavusoglu's aides.",
           "Mevlüt Çavuşoğlu=TURGOV|Cavusoglu=TURGOV");
    dyad_model_free(m);
    cleanup(dir);
}

TEST(actors_offsets) {
    char dir[64];
    dyad_model *m = model(dir);
    if (!m) return;
    dyad_ctx *ctx = dyad_ctx_new(m);
    dyad_doc *doc = NULL;
    const char *text = "Troops left.  Then Sudanese rebels fled.";
    CHECK(dyad_doc_read(ctx, DYAD_INPUT_TEXT, text, strlen(text), NULL, &doc, NULL) == DYAD_OK);
    CHECK(dyad_doc_process(ctx, doc, DYAD_STAGE_SEGMENT, NULL) == DYAD_OK);
    CHECK(dy_actors_find(ctx, doc, NULL) == DYAD_OK);
    CHECK_EQ_INT(doc->nment, 1);
    if (doc->nment == 1) {
        const dy_mention *x = &doc->ments[0];
        CHECK_EQ_INT(x->start, 19);
        CHECK_EQ_INT(x->end, 34);
        CHECK_EQ_SLICE(x->country.p, x->country.n, "SDN");
        CHECK_EQ_SLICE(x->role.p, x->role.n, "REB");
        CHECK_EQ_INT(x->ent, DY_ENT_AGENT);
        CHECK_EQ_INT(x->plural, 1);
        const dy_token *t = &doc->toks[doc->sents[x->sent].tok0 + x->tok_start];
        CHECK_EQ_INT(t->start, 19);
        CHECK_EQ_INT(x->tok_end - x->tok_start, 2);
    }
    dyad_ctx_free(ctx);
    dyad_model_free(m);
    cleanup(dir);
}

TEST(actors_load_error_names_line) {
    char dir[64];
    strcpy(dir, "/tmp/dyad-actors-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    char p[300];
    snprintf(p, sizeof p, "%s/actors", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/actors/test.txt", dir);
    FILE *f = fopen(p, "w");
    if (!f) return;
    fputs("A | | ABC | type=state\nB | | bad | type=state\n", f);
    fclose(f);
    dyad_model_options o = dyad_model_options_default();
    o.data_dir = dir;
    o.load = DYAD_LOAD_ACTORS;
    dyad_model *m = NULL;
    dyad_error err = {0};
    CHECK_EQ_INT(dyad_model_load(&o, &m, &err), DYAD_EMODEL);
    CHECK(strstr(err.msg, "test.txt:2:") != NULL);
    cleanup(dir);
}
