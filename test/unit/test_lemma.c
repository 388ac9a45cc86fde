/* test_lemma.c — the lemmatizer on WordNet exceptions and suffix rules
 * (without the treebank table) and with a table entry. */
#include "base/base.h"
#include "harness.h"
#include "parse/pint.h"

static const char *lem(const dy_lemmatizer *l, dy_arena *ar, const char *form, const char *xpos) {
    dy_str s = dy_lemma(l, ar, dy_str_c(form), dy_xpos_find(dy_str_c(xpos)), 0);
    dy_str c = dy_arena_strdup(ar, s.p, s.n);
    return c.p;
}

TEST(lemma_rules_and_exceptions) {
    const dyad_allocator *a = dyad_default_allocator();
    static const char tab[] = "lay\tVBD\tlie\nus\tPRP\twe\n";
    dy_lemmatizer *l = NULL;
    dyad_error err = {0};
    CHECK_EQ_INT(dy_lemma_load(a, DYAD_SOURCE_DIR "/data", tab, sizeof tab - 1, &l, &err), DYAD_OK);
    if (!l) return;
    dy_arena ar;
    dy_arena_init(&ar, a);
    static const char *const cases[][3] = {
        {"fought", "VBD", "fight"}, {"seized", "VBD", "seize"}, {"seized", "VBN", "seize"},
        {"arming", "VBG", "arm"}, {"militias", "NNS", "militia"}, {"was", "VBD", "be"},
        {"better", "JJR", "good"}, {"children", "NNS", "child"}, {"attacked", "VBD", "attack"},
        {"stopped", "VBD", "stop"}, {"making", "VBG", "make"}, {"killed", "VBN", "kill"},
        {"carries", "VBZ", "carry"}, {"forces", "NNS", "force"}, {"crises", "NNS", "crisis"},
        {"bigger", "JJR", "big"}, {"largest", "JJS", "large"}, {"happier", "JJR", "happy"},
        {"women", "NNS", "woman"}, {"taken", "VBN", "take"}, {"dying", "VBG", "die"},
        {"The", "DT", "the"}, {"Baghdad", "NNP", "Baghdad"}, {"lay", "VBD", "lie"},
        {"us", "PRP", "we"}, {"passes", "VBZ", "pass"}, {"used", "VBN", "use"},
        {"agreed", "VBD", "agree"}, {"continued", "VBD", "continue"}, {"running", "VBG", "run"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = lem(l, &ar, cases[i][0], cases[i][1]);
        if (strcmp(got, cases[i][2]))
            fprintf(stderr, "  lemma(%s/%s) = %s, expected %s\n", cases[i][0], cases[i][1], got, cases[i][2]);
        CHECK_EQ_STR(got, cases[i][2]);
    }
    dy_arena_free(&ar);
    dy_lemma_free(a, l);
}

TEST(lemma_missing_lists_is_a_model_error) {
    dy_lemmatizer *l = NULL;
    dyad_error err = {0};
    CHECK_EQ_INT(dy_lemma_load(dyad_default_allocator(), "/nonexistent", NULL, 0, &l, &err), DYAD_EMODEL);
    CHECK(strstr(err.msg, "/nonexistent/lemma/noun.exc") != NULL);
}
