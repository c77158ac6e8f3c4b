/* SOURCE_DATE_EPOCH: the creation time that reproducible builds ask every
 * output to carry instead of the clock. */
#ifndef QREPORT_SOURCE_DATE_H
#define QREPORT_SOURCE_DATE_H

#include <stdbool.h>

#include "diag.h"

/* Seconds since 1970 in a PDF date's range: up to the end of year 9999. */
#define SOURCE_DATE_MAX 253402300799LL

/* The variable's value in *secs when it is set and valid. Both back ends
 * read it this way, so they agree on what is valid. */
bool source_date_epoch(long long *secs);

/* Warn, once per run, when the variable is set but not valid; the outputs
 * then fall back to the report's own date. */
void source_date_check(struct diag *d);

#endif
