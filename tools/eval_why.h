/*
 * eval_why.h — `dyad eval code --why`: for each gold event the coder
 * missed (root level) the first cause, in pipeline order, and for each
 * event it emitted that matched nothing what the gold says of its
 * sentence (tools/eval_why.c).
 */
#ifndef DYAD_EVAL_WHY_H
#define DYAD_EVAL_WHY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/model.h"

/* One gold event as eval code reads it; matched: at root level. */
typedef struct why_gold {
    const char *src, *tgt, *code, *evidence;   /* tgt "" when none; evidence may be NULL */
    bool matched;
} why_gold;

enum {
    WHY_EVIDENCE,       /* evidence not found in the text */
    WHY_CLEANER,        /* evidence in text the cleaner removed */
    WHY_SRC_ABSENT,     /* no actor mention of the source's code */
    WHY_SRC_OTHER,      /* the source's country found with another code */
    WHY_TGT_ABSENT,
    WHY_TGT_OTHER,
    WHY_GATE,           /* the sentence was not parsed: no trigger word */
    WHY_NO_TRIGGER,     /* parsed, no trigger of any code made a candidate */
    WHY_OTHER_ROOT,     /* triggers of other roots only */
    WHY_DROPPED,        /* a candidate of the root with the gold actors, dropped by a rule */
    WHY_OTHER_ACTORS,   /* the root coded with other actors */
    WHY_ELSEWHERE,      /* the event was produced, matched to another gold event */
    WHY_NCAUSE
};

enum { WHY_FP_NO_GOLD, WHY_FP_OTHER_ROOT, WHY_FP_OTHER_ACTORS, WHY_FP_REPEAT, WHY_NFP };

#define WHY_MAXRULE 48
typedef struct why_tally {
    size_t miss[WHY_NCAUSE], fp[WHY_NFP];
    const char *rule[WHY_MAXRULE];          /* drop rules seen under WHY_DROPPED */
    size_t nrule, rulecount[WHY_MAXRULE];
} why_tally;

/* Explain the misses of one coded document (stage CODE, with its trace):
 * gold g[0..ng) with matched set, predicted events doc->events[0..np) with
 * pmatched (root level).  Prints one line per miss and per extra event
 * when lines, and adds the causes to t. */
void why_doc(const dyad_doc *doc, const dy_trace *tr, const why_gold *g, size_t ng, const bool *pmatched,
             bool lines, why_tally *t);

/* The cause tables. */
void why_report(const why_tally *t);

#endif
