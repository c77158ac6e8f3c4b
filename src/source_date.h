/* SOURCE_DATE_EPOCH: the creation time that reproducible builds ask every
 * output to carry instead of the clock. */
#ifndef QREPORT_SOURCE_DATE_H
#define QREPORT_SOURCE_DATE_H

#include <stdbool.h>

#include "diag.h"
#include "model.h"

/* Seconds since 1970 in a PDF date's range: up to the end of year 9999. */
#define SOURCE_DATE_MAX 253402300799LL

/* The variable's value in *secs when it is set and valid. Both back ends
 * read it this way, so they agree on what is valid. */
bool source_date_epoch(long long *secs);

/* The one date every output carries, in seconds since 1970 (negative
 * before it): SOURCE_DATE_EPOCH when set and valid, else the data file's
 * published date, else the last day of the report period. Never the clock,
 * so the same inputs give the same bytes. *calendar_day is true when it is
 * a calendar day (midnight, in no particular time zone) rather than an
 * instant. */
long long report_time(const struct report *r, bool *calendar_day);

/* Warn, once per run, when the variable is set but not valid; the outputs
 * then fall back to the report's own date. */
void source_date_check(struct diag *d);

#endif
