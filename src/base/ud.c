/* ud.c — name tables for UPOS, XPOS and dependency relations (see ud.h). */
#include "ud.h"

const char *const dy_upos_names[DY_UPOS_COUNT] = {
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

const char *const dy_xpos_names[] = {
    "_", "NN", "IN", "DT", "NNP", "PRP", "JJ", "RB", ".", "VB", "NNS", ",",
    "CC", "VBD", "VBP", "VBZ", "CD", "VBN", "VBG", "MD", "TO", "PRP$",
    "-RRB-", "-LRB-", "WDT", ":", "WRB", "``", "''", "WP", "RP", "UH",
    "POS", "HYPH", "NNPS", "JJR", "JJS", "EX", "NFP", "RBR", "ADD", "GW",
    "$", "SYM", "PDT", "LS", "FW", "RBS", "AFX", "WP$", "XX"};
const size_t dy_xpos_count = sizeof dy_xpos_names / sizeof dy_xpos_names[0];

/* Order matches enum dy_deprel_id. */
const char *const dy_deprel_names[] = {
    "_", "root", "punct", "case", "nsubj", "det", "advmod", "obj", "amod",
    "obl", "conj", "compound", "mark", "nmod", "cc", "aux", "cop", "advcl",
    "nmod:poss", "xcomp", "ccomp", "acl:relcl", "flat", "parataxis",
    "nummod", "appos", "acl", "aux:pass", "nsubj:pass", "obl:unmarked",
    "nmod:unmarked", "discourse", "compound:prt", "iobj", "list", "expl",
    "fixed", "nmod:desc", "obl:agent", "csubj", "nsubj:outer", "det:predet",
    "vocative", "goeswith", "advcl:relcl", "cc:preconj", "reparandum",
    "orphan", "csubj:pass", "dislocated", "dep", "csubj:outer",
    "nmod:npmod", "nmod:tmod", "obl:npmod", "obl:tmod", "flat:foreign",
    "det:poss"};
const size_t dy_deprel_count = sizeof dy_deprel_names / sizeof dy_deprel_names[0];

static int find(const char *const *names, size_t count, dy_str s) {
    for (size_t i = 1; i < count; i++)
        if (dy_str_eqc(s, names[i])) return (int)i;
    return 0;
}

int dy_upos_find(dy_str s) { return find(dy_upos_names, DY_UPOS_COUNT, s); }
int dy_xpos_find(dy_str s) { return find(dy_xpos_names, dy_xpos_count, s); }
int dy_deprel_find(dy_str s) { return find(dy_deprel_names, dy_deprel_count, s); }
