/*
 * discourse.h — what an article says happened, as opposed to what it
 * explains, recalls or retells (discourse.c): background clauses (habits,
 * standing states, definitions), history before the news period, and an
 * event retold by a definite event noun ("the attack", "the operation").
 */
#ifndef DY_DISCOURSE_H
#define DY_DISCOURSE_H

#include "../base/model.h"
#include "coder.h"

/* True when the clause of trigger t tells background rather than news:
 * a habit ("frequently conducts bombings", "every year"), a standing state
 * over years ("has increased cooperation in the last few years"), or
 * a definition in the generic present ("Red notices are declared to ask
 * ...").  why (may be NULL) gets the cue. */
bool dy_background_clause(const dy_sent_view *S, int32_t t, char *why, size_t cap);

/* True when a TIMEX value (2018, 2018-05, 2018-05-03, 198 for the 1980s)
 * lies before the news period of a document dated docdate (YYYY-MM-DD):
 * an earlier year, a month two or more months back, a day over 45 days
 * back.  False when either is unparsable. */
bool dy_history_date(dy_str value, dy_str docdate);

/* Drop, in a document of more than one sentence, the events dated before
 * the news period ("Last year Trump withdrew ...") and the events retold
 * by a definite event noun whose root code and actors repeat an earlier
 * event of the document ("Turkey began an offensive ... the operation"),
 * and a claimant's own report of violence after its claim of
 * responsibility (015) ("the group said it had killed 10 people"). */
dyad_status dy_discourse_filter(dyad_ctx *ctx, dyad_doc *doc);

#endif
