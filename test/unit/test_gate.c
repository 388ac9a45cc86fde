/*
 * test_gate.c — the event coder's parse gate (src/base/doc.h): a document
 * processed straight to DYAD_STAGE_CODE leaves unparsed the sentences that
 * cannot give an event, parses those the coder or a document-level rule
 * needs, and codes the same events as a document parsed in full.
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/model.h"
#include "harness.h"

static dyad_model *full_model(void) {
    static dyad_model *m;
    static bool tried;
    if (!tried) {
        tried = true;
        dyad_model_options o = dyad_model_options_default();
        o.data_dir = DYAD_SOURCE_DIR "/data";
        o.model_dir = DYAD_SOURCE_DIR "/models";
        dyad_error err = {0};
        if (dyad_model_load(&o, &m, &err) != DYAD_OK) fprintf(stderr, "  model: %s\n", err.msg);
    }
    return m;
}

typedef struct outbuf { char *p; size_t n, cap; } outbuf;

static int out_sink(const char *p, size_t n, void *ud) {
    outbuf *b = ud;
    if (b->n + n + 1 > b->cap) {
        size_t c = (b->n + n + 1) * 2;
        char *q = realloc(b->p, c);
        if (!q) return 1;
        b->p = q;
        b->cap = c;
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = 0;
    return 0;
}

/* The event records of one document (text or a JSON line), gated (straight
 * to the code stage) or parsed in full (mention stage first); *unparsed gets
 * the number of sentences the gate left. */
static bool code_doc(dyad_ctx *ctx, dyad_input in, const char *text, size_t n, bool gated, outbuf *out,
                     size_t *unparsed) {
    dyad_doc_meta meta = {"t", "2024-05-01", NULL, NULL, NULL};
    dyad_doc *doc;
    bool ok = dyad_doc_read(ctx, in, text, n, &meta, &doc, NULL) == DYAD_OK &&
              (gated || dyad_doc_process(ctx, doc, DYAD_STAGE_MENTION, NULL) == DYAD_OK) &&
              dyad_doc_process(ctx, doc, DYAD_STAGE_CODE, NULL) == DYAD_OK &&
              dyad_doc_write(doc, DYAD_OUT_EXPLAIN, 0, out_sink, out, NULL) == DYAD_OK;
    if (ok && unparsed) *unparsed += dy_doc_unparsed(doc);
    dyad_ctx_reset(ctx);
    return ok;
}

static const char *const PROBE =
    "The weather was mild and the markets were calm.\n"                 /* 0 no actor */
    "Police arrested dozens of protesters in Nairobi.\n"                /* 1 an event */
    "Russian officials were in a good mood.\n"                          /* 2 actors, no event word */
    "The storm reached the coast on Tuesday.\n"                         /* 3 a tense, the next anchor */
    "Two days later, the coast was calm.\n"                             /* 4 anchored on 3 */
    "Its troops were tired.\n"                                          /* 5 "its" + a bare body */
    "The oil field is about 160 km east of the capital, Riyadh.\n"      /* 6 a capital, no cue */
    "He said the talks were useful.\n"                                  /* 7 no actor */
    "The foreign ministers of Egypt, Greece and Cyprus were pleased.\n"  /* 8 a role of states */
    "The rain stopped on Friday.\n"                                     /* 9 a tense, no anchor after */
    "Russian officials took a long walk.\n"                             /* 10 take needs an object word */
    "Russian officials took control of the airport.\n";                 /* 11 take control */

TEST(gate_leaves_sentences_without_events_unparsed) {
    dyad_model *m = full_model();
    CHECK(m != NULL);
    if (!m) return;
    dyad_ctx *ctx = dyad_ctx_new(m);
    dyad_doc_meta meta = {"t", "2024-05-01", NULL, NULL, NULL};
    dyad_doc *doc;
    CHECK(dyad_doc_read(ctx, DYAD_INPUT_TEXT, PROBE, strlen(PROBE), &meta, &doc, NULL) == DYAD_OK);
    CHECK(dyad_doc_process(ctx, doc, DYAD_STAGE_CODE, NULL) == DYAD_OK);
    CHECK_EQ_INT(doc->nsent, 12);
    if (doc->nsent != 12) {
        dyad_ctx_free(ctx);
        return;
    }
    static const bool unparsed[12] = {true, false, true, false, true, false, false, true, false, true, true, false};
    /* no actor mention and none the actor pass needed a tag for: untagged
     * (7: "He" has no antecedent) */
    static const bool untagged[12] = {true, false, false, false, true, false, false, true, false, true, false, false};
    for (size_t si = 0; si < 12; si++) {
        const dy_sentence *s = &doc->sents[si];
        if (((s->flags & DY_SENT_UNPARSED) != 0) != unparsed[si]) fprintf(stderr, "  sentence %zu\n", si);
        if (((s->flags & DY_SENT_UNTAGGED) != 0) != untagged[si]) fprintf(stderr, "  sentence %zu tags\n", si);
        CHECK(((s->flags & DY_SENT_UNPARSED) != 0) == unparsed[si]);
        CHECK(((s->flags & DY_SENT_UNTAGGED) != 0) == untagged[si]);
        CHECK(!(s->flags & DY_SENT_WANT_PARSE));
        CHECK(dy_sent_parsed(doc, s) == !unparsed[si]);
        /* tagged and lemmatised unless untagged; a tree only when parsed */
        bool root = false, tree = false;
        for (uint32_t i = 0; i < s->ntok; i++) {
            const dy_token *t = &doc->toks[s->tok0 + i];
            if (untagged[si]) CHECK(t->upos == 0 && t->xpos == 0 && t->lemma.n == 0);
            else CHECK(t->upos != 0 && t->xpos != 0 && t->lemma.n > 0);
            root |= t->head < 0 && t->deprel == DY_DEP_ROOT;
            tree |= t->head >= 0 || t->deprel != DY_DEP_NONE;
        }
        CHECK(root == !unparsed[si]);
        CHECK(tree == !unparsed[si]);
    }
    CHECK_EQ_INT(dy_doc_unparsed(doc), 6);
    CHECK(doc->nevent >= 1);
    if (doc->nevent) CHECK_EQ_INT(doc->events[0].sent, 1);
    for (size_t i = 0; i < doc->nevent; i++) CHECK(!unparsed[doc->events[i].sent]);
    /* no tree to write: CoNLL-U and mentions need the full parse */
    outbuf b = {0};
    CHECK_EQ_INT(dyad_doc_write(doc, DYAD_OUT_CONLLU, 0, out_sink, &b, NULL), DYAD_EINVAL);
    CHECK_EQ_INT(dyad_doc_write(doc, DYAD_OUT_MENTIONS, 0, out_sink, &b, NULL), DYAD_EINVAL);
    CHECK_EQ_INT(dyad_doc_write(doc, DYAD_OUT_EVENTS, 0, out_sink, &b, NULL), DYAD_OK);
    dyad_ctx_reset(ctx);
    /* processed to the mentions first, every sentence is parsed */
    CHECK(dyad_doc_read(ctx, DYAD_INPUT_TEXT, PROBE, strlen(PROBE), &meta, &doc, NULL) == DYAD_OK);
    CHECK(dyad_doc_process(ctx, doc, DYAD_STAGE_MENTION, NULL) == DYAD_OK);
    CHECK(dyad_doc_process(ctx, doc, DYAD_STAGE_CODE, NULL) == DYAD_OK);
    CHECK_EQ_INT(dy_doc_unparsed(doc), 0);
    CHECK_EQ_INT(dyad_doc_write(doc, DYAD_OUT_CONLLU, 0, out_sink, &b, NULL), DYAD_OK);
    free(b.p);
    dyad_ctx_free(ctx);
}

/* The tagger skip (doc.h): the actor pass tags an untagged sentence where
 * it reads a tag (a one-word dictionary match, which a pronoun tag
 * rejects; a pronoun or "the" + a group's last word with an antecedent),
 * and a sentence with an actor mention is tagged; the others stay
 * untagged. */
static const char *const PROBE_TAGS =
    "The weather was mild and the markets were calm.\n"                 /* 0 nothing */
    "Kenya is a large country.\n"                                       /* 1 a one-word match */
    "It has many lakes.\n"                                              /* 2 "It": Kenya */
    "The Southern Transitional Council was formed in Aden.\n"           /* 3 a multi-word name */
    "Observers said the council was quiet.\n"                           /* 4 "the council": 3 */
    "The sea was calm.\n"                                               /* 5 nothing */
    "The wind was calm.\n"                                              /* 6 nothing */
    "The sky was clear.\n"                                              /* 7 nothing */
    "It seemed the council was tired.\n"                                /* 8 3 is too far */
    "It was a long day.\n";                                             /* 9 expletive "It" */

TEST(gate_leaves_sentences_without_actors_untagged) {
    dyad_model *m = full_model();
    CHECK(m != NULL);
    if (!m) return;
    dyad_ctx *ctx = dyad_ctx_new(m);
    dyad_doc_meta meta = {"t", "2024-05-01", NULL, NULL, NULL};
    dyad_doc *doc;
    CHECK(dyad_doc_read(ctx, DYAD_INPUT_TEXT, PROBE_TAGS, strlen(PROBE_TAGS), &meta, &doc, NULL) == DYAD_OK);
    CHECK(dyad_doc_process(ctx, doc, DYAD_STAGE_CODE, NULL) == DYAD_OK);
    CHECK_EQ_INT(doc->nsent, 10);
    static const bool untagged[10] = {true, false, false, false, false, true, true, true, true, true};
    for (size_t si = 0; si < 10 && si < doc->nsent; si++) {
        const dy_sentence *s = &doc->sents[si];
        if (((s->flags & DY_SENT_UNTAGGED) != 0) != untagged[si]) fprintf(stderr, "  sentence %zu tags\n", si);
        CHECK(((s->flags & DY_SENT_UNTAGGED) != 0) == untagged[si]);
        CHECK(!untagged[si] || (s->flags & DY_SENT_UNPARSED));
    }
    /* the mentions are those of the tagged document: "It" and "the council"
     * resolved as when every sentence is tagged */
    size_t na = 0;
    char got[256] = "";
    for (size_t i = 0; i < doc->nment; i++) {
        const dy_mention *x = &doc->ments[i];
        if (x->kind != DY_MENTION_ACTOR) continue;
        na++;
        size_t l = strlen(got);
        snprintf(got + l, sizeof got - l, "%u:%.*s ", x->sent, (int)x->code.n, x->code.p);
    }
    dyad_ctx_reset(ctx);
    CHECK(dyad_doc_read(ctx, DYAD_INPUT_TEXT, PROBE_TAGS, strlen(PROBE_TAGS), &meta, &doc, NULL) == DYAD_OK);
    CHECK(dyad_doc_process(ctx, doc, DYAD_STAGE_MENTION, NULL) == DYAD_OK);
    char want[256] = "";
    for (size_t i = 0; i < doc->nment; i++) {
        const dy_mention *x = &doc->ments[i];
        if (x->kind != DY_MENTION_ACTOR) continue;
        size_t l = strlen(want);
        snprintf(want + l, sizeof want - l, "%u:%.*s ", x->sent, (int)x->code.n, x->code.p);
    }
    CHECK(na >= 4);
    if (strcmp(got, want)) fprintf(stderr, "  gated %s\n  full  %s\n", got, want);
    CHECK(!strcmp(got, want));
    dyad_ctx_free(ctx);
}

/* The same events (with their explanations: parse paths, status cues),
 * gated or not, on the probe and on the texts of gold sets. */
TEST(gate_codes_the_same_events) {
    dyad_model *m = full_model();
    CHECK(m != NULL);
    if (!m) return;
    dyad_ctx *ctx = dyad_ctx_new(m);
    outbuf a = {0}, b = {0};
    size_t unparsed = 0, docs = 0;
    CHECK(code_doc(ctx, DYAD_INPUT_TEXT, PROBE, strlen(PROBE), true, &a, &unparsed));
    CHECK(code_doc(ctx, DYAD_INPUT_TEXT, PROBE, strlen(PROBE), false, &b, NULL));
    static const char *const sets[] = {"analysis", "articles", "articles_d", "codebook_a", NULL};
    for (const char *const *set = sets; *set; set++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/test/gold/%s.jsonl", DYAD_SOURCE_DIR, *set);
        FILE *f = fopen(path, "rb");
        CHECK(f != NULL);
        if (!f) continue;
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while ((n = getline(&line, &cap, f)) > 1) {
            size_t an = a.n, bn = b.n;
            CHECK(code_doc(ctx, DYAD_INPUT_JSONL, line, (size_t)n, true, &a, &unparsed));
            CHECK(code_doc(ctx, DYAD_INPUT_JSONL, line, (size_t)n, false, &b, NULL));
            if (a.n - an != b.n - bn || memcmp(a.p + an, b.p + bn, a.n - an))
                fprintf(stderr, "  %s: gated output differs: %.60s\n", *set, line);
            docs++;
        }
        free(line);
        fclose(f);
    }
    CHECK(docs > 300);
    CHECK(a.n > 0 && a.n == b.n && !memcmp(a.p, b.p, a.n));
    CHECK(unparsed > 0);
    free(a.p);
    free(b.p);
    dyad_ctx_free(ctx);
}
