/*
 * timex.h — calendar helpers shared by the time recogniser (times.c) and
 * event attachment (attach.c).  Internal.
 */
#ifndef DY_TIMEX_H
#define DY_TIMEX_H

#include "../base/base.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (m 1..12, d 1..31). */
int64_t dy_days_from_civil(int y, int m, int d);
/* Inverse of dy_days_from_civil. */
void dy_civil_from_days(int64_t z, int *y, int *m, int *d);
/* Parse "YYYY-MM-DD" (anything may follow); false when it is not a date. */
bool dy_timex_parse_date(dy_str s, int *y, int *m, int *d);
/* Cut a TIMEX3 value to what an event record can hold: "YYYY-MM-DD",
 * "YYYY-MM" or "YYYY" (weeks and weekends become their month when they lie
 * in one month, else their year; seasons, quarters and halves their year).
 * Writes at most 11 bytes (NUL included) into out; returns its length, or 0
 * when the value has no such form (decades, centuries, PAST_REF, ...). */
size_t dy_timex_cut(dy_str value, char out[11]);

#endif
