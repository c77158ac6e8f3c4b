/* Evaluation: statuses, year-to-date sums, trends and display strings,
 * computed once after loading so that every renderer shows the same thing. */
#ifndef QREPORT_EVAL_H
#define QREPORT_EVAL_H

#include "model.h"

/* Fill every "Filled by eval.c" field of the report. The report must have
 * passed the loader's checks; evaluation itself cannot fail. */
void eval_report(struct report *r);

/* The status rule on its own (spec "Status" 2-4), for one comparison:
 * `compared` against `target` with an allowed miss of `tolerance` (an amount).
 * Writes the miss (0 when met) to *miss when miss is not NULL.
 * `duration` compares whole seconds exactly instead of rounding to 9 places. */
enum status status_decide(enum cmp cmp, double compared, double target, double tolerance,
			  bool duration, double *miss);

/* The allowed miss, as an amount, for a tolerance against a compared target. */
double tolerance_amount(struct tolerance t, double target);

/* "met", "under", "not-met", "no-data": the words of the data file and --check. */
const char *status_name(enum status s);
/* Default reader labels: "Goal Met", "Under Goal", "Goal Not Met", "No Data". */
const char *status_default_label(enum status s);
/* "better", "worse", "unchanged", "" */
const char *trend_name(enum trend t);

#endif
