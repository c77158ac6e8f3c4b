/* Evaluation: statuses, year-to-date sums and trends, computed once after
 * loading so that every output shows the same decision. */
#ifndef QREPORT_EVAL_H
#define QREPORT_EVAL_H

#include "model.h"

/* Fill every "Filled by eval.c" field of the report. The report must have
 * passed the loader's checks; evaluation itself cannot fail. */
void eval_report(struct report *r);

/* The target that applies to any quarter of the measure (the most specific
 * scope), or NULL; *amount gets the amount compared, pro-rated for an
 * annual target. For quarters outside the history too, such as a chart's. */
const struct target *eval_target_for(const struct measure *m, struct period p, double *amount);

/* The status rule on its own (spec "Status" 2-4), for one comparison:
 * `compared` against `target` with an allowed miss of `tolerance` (an amount).
 * Writes the miss (0 when met) to *miss when miss is not NULL.
 * `duration` compares whole seconds exactly instead of rounding to 9 places. */
enum status status_decide(enum cmp cmp, double compared, double target, double tolerance,
			  bool duration, double *miss);

/* The allowed miss, as an amount, for a tolerance against a compared target. */
double tolerance_amount(struct tolerance t, double target);


#endif
