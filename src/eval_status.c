/* The status rule (spec "Status" 2-4 and its fine points). Pure functions, so they can be tested on their own. */
#include "eval.h"

#include <math.h>

#include "units.h"

/* Which side of the target is good, and whether landing on it counts. */
static bool cmp_holds(enum cmp cmp, double compared, double target)
{
	switch (cmp) {
	case CMP_AT_LEAST:
		return compared >= target;
	case CMP_MORE_THAN:
		return compared > target;
	case CMP_AT_MOST:
		return compared <= target;
	case CMP_LESS_THAN:
		return compared < target;
	}
	return false;
}

/* How far `compared` lies on the wrong side of `target` (0 on the target). */
static double wrong_side(enum cmp cmp, double compared, double target)
{
	switch (cmp) {
	case CMP_AT_LEAST:
	case CMP_MORE_THAN:
		return target - compared;
	case CMP_AT_MOST:
	case CMP_LESS_THAN:
		return compared - target;
	}
	return 0;
}

/* met, under or not-met for one comparison; see eval.h. */
enum status status_decide(enum cmp cmp, double compared, double target, double tolerance,
			  bool duration, double *miss)
{
	/* Durations are whole seconds, exact in binary, and their thresholds
	 * must not be rounded (10 % of 8:37 is 51.7 s, not 52 s). Other amounts
	 * were decimals in the file: rounding to 9 places undoes binary noise
	 * such as 0.1 + 0.2 != 0.3 before any comparison. */
	if (!duration) {
		compared = round9(compared);
		target = round9(target);
		tolerance = round9(tolerance);
	}
	double m = 0;
	enum status s;
	if (cmp_holds(cmp, compared, target)) {
		s = STATUS_MET;
	} else {
		m = wrong_side(cmp, compared, target);
		if (!duration)
			m = round9(m);
		/* m is 0 only on a strict target, which the spec calls under. */
		s = m >= 0 && m <= tolerance ? STATUS_UNDER : STATUS_NOT_MET;
	}
	if (miss)
		*miss = m;
	return s;
}

/* The allowed miss as an amount: N % of |target|, or the amount as written. */
double tolerance_amount(struct tolerance t, double target)
{
	if (!t.relative)
		return t.amount;
	/* Multiplying before dividing keeps whole results exact (10 × 520 / 100
	 * is 52, where 0.1 × 520 is not quite); the 9-place rounding then only
	 * removes binary noise, never a meaningful fraction such as 51.7 s. */
	return round9(t.amount * fabs(target) / 100.0);
}
