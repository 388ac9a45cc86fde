/*
 * ud.h — Universal Dependencies tag sets as small enums with static name
 * tables: UPOS, Penn Treebank XPOS as used in UD English EWT, and the
 * dependency relations (with EWT's subtypes).
 */
#ifndef DY_UD_H
#define DY_UD_H

#include "base.h"

enum dy_upos {
    DY_UPOS_NONE = 0,
    DY_UPOS_ADJ, DY_UPOS_ADP, DY_UPOS_ADV, DY_UPOS_AUX, DY_UPOS_CCONJ,
    DY_UPOS_DET, DY_UPOS_INTJ, DY_UPOS_NOUN, DY_UPOS_NUM, DY_UPOS_PART,
    DY_UPOS_PRON, DY_UPOS_PROPN, DY_UPOS_PUNCT, DY_UPOS_SCONJ, DY_UPOS_SYM,
    DY_UPOS_VERB, DY_UPOS_X,
    DY_UPOS_COUNT
};

extern const char *const dy_upos_names[DY_UPOS_COUNT];
extern const char *const dy_xpos_names[];   /* index 0 = "_" (none) */
extern const size_t dy_xpos_count;
extern const char *const dy_deprel_names[]; /* index 0 = "_" (none) */
extern const size_t dy_deprel_count;

/* Lookups by name; 0 when unknown. */
int dy_upos_find(dy_str s);
int dy_xpos_find(dy_str s);
int dy_deprel_find(dy_str s);

/* Frequently tested relations, checked against the table at start-up by the
 * unit tests (test/unit/test_ud.c). */
enum dy_deprel_id {
    DY_DEP_NONE = 0, DY_DEP_ROOT, DY_DEP_PUNCT, DY_DEP_CASE, DY_DEP_NSUBJ,
    DY_DEP_DET, DY_DEP_ADVMOD, DY_DEP_OBJ, DY_DEP_AMOD, DY_DEP_OBL,
    DY_DEP_CONJ, DY_DEP_COMPOUND, DY_DEP_MARK, DY_DEP_NMOD, DY_DEP_CC,
    DY_DEP_AUX, DY_DEP_COP, DY_DEP_ADVCL, DY_DEP_NMOD_POSS, DY_DEP_XCOMP,
    DY_DEP_CCOMP, DY_DEP_ACL_RELCL, DY_DEP_FLAT, DY_DEP_PARATAXIS,
    DY_DEP_NUMMOD, DY_DEP_APPOS, DY_DEP_ACL, DY_DEP_AUX_PASS,
    DY_DEP_NSUBJ_PASS, DY_DEP_OBL_UNMARKED, DY_DEP_NMOD_UNMARKED,
    DY_DEP_DISCOURSE, DY_DEP_COMPOUND_PRT, DY_DEP_IOBJ, DY_DEP_LIST,
    DY_DEP_EXPL, DY_DEP_FIXED, DY_DEP_NMOD_DESC, DY_DEP_OBL_AGENT,
    DY_DEP_CSUBJ, DY_DEP_NSUBJ_OUTER, DY_DEP_DET_PREDET, DY_DEP_VOCATIVE,
    DY_DEP_GOESWITH, DY_DEP_ADVCL_RELCL, DY_DEP_CC_PRECONJ,
    DY_DEP_REPARANDUM, DY_DEP_ORPHAN, DY_DEP_CSUBJ_PASS, DY_DEP_DISLOCATED,
    DY_DEP_DEP, DY_DEP_CSUBJ_OUTER, DY_DEP_NMOD_NPMOD, DY_DEP_NMOD_TMOD,
    DY_DEP_OBL_NPMOD, DY_DEP_OBL_TMOD, DY_DEP_FLAT_FOREIGN, DY_DEP_DET_POSS,
    DY_DEP_COUNT_
};

#endif
