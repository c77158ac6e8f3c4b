/* Evaluation: statuses, year-to-date sums and trends, computed once after
 * loading so that every output shows the same decision. */
#ifndef QREPORT_EVAL_H
#define QREPORT_EVAL_H

#include "model.h"

/* Fill every "Filled by eval.c" field of the report. The report must have
 * passed the loader's checks; evaluation itself cannot fail. */
void eval_report(struct report *r);

/* A target worked out at one period. */
struct target_at {
	const struct target *target; /* NULL when none applies. */
	bool has_amount;             /* Its amount is known (a relative target's earlier
				      * result exists). */
	double amount;               /* Pro-rated for a target to date; a range's lower bound;
				      * a relative target's baseline changed as it says. */
	double high;                 /* A range's upper bound. */
	bool has_baseline;           /* A relative or improvement target's earlier result. */
	double baseline;
	struct period baseline_period;
	bool baseline_missing;       /* It has none: `missing` is the period without one. */
	struct period missing;
};

/* The deciding target that applies to any period of the measure's kind
 * (the most specific scope), worked out into *at; NULL when none applies.
 * For periods outside the history too, such as a chart's. */
const struct target *eval_target_for(const struct report *r, const struct measure *m,
				     struct period p, struct target_at *at);
/* Target t (which applies to p) worked out at p. */
const struct target *eval_target_at(const struct report *r, const struct measure *m,
				    const struct target *t, struct period p, struct target_at *at);

/* The status rule on its own (spec "Status" 2-4), for one comparison:
 * `compared` against `target` with an allowed miss of `tolerance` (an amount).
 * Writes the miss (0 when met) to *miss when miss is not NULL.
 * `duration` compares whole seconds exactly instead of rounding to 9 places. */
enum status status_decide(enum cmp cmp, double compared, double target, double tolerance,
			  bool duration, double *miss);

/* The allowed miss, as an amount, for a tolerance against a compared target. */
double tolerance_amount(struct tolerance t, double target);


#endif
