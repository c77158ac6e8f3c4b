/* The evaluation pass: for every measure, which target applies to which
 * period, the year-to-date sums, statuses and changes, decided once so that
 * every output shows the same decision. What readers are told about them
 * is the presentation layer's (present*.c). */
#include "eval.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "units.h"

/* Whether amounts of this measure are compared exactly in whole seconds. */
static bool is_duration(const struct measure *m)
{
	return m->unit == UNIT_DURATION;
}

/* Round as the spec's arithmetic rule says, except for durations, which stay exact. */
static double settle(const struct measure *m, double v)
{
	return is_duration(m) ? v : round9(v);
}

/* The file's value element for a period, or NULL. */
static const struct value *find_value(const struct measure *m, struct period p)
{
	for (size_t i = 0; i < m->nvalues; i++)
		if (period_cmp(m->values[i].period, p) == 0)
			return &m->values[i];
	return NULL;
}

/* The target for a period: one scoped to the period beats one scoped to its
 * fiscal year, which beats one without scope (spec "Targets"). */
static const struct target *target_for(const struct measure *m, struct period p)
{
	const struct target *best = NULL;
	int best_rank = -1;
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct target *t = &m->targets[i];
		int rank = -1;
		switch (t->scope) {
		case SCOPE_ALL:
			rank = 0;
			break;
		case SCOPE_FISCAL_YEAR:
			rank = t->scope_fy == p.fy ? 1 : -1;
			break;
		case SCOPE_PERIOD:
			rank = t->scope_fy == p.fy && t->scope_quarter == p.quarter ? 2 : -1;
			break;
		}
		if (rank > best_rank) {
			best = t;
			best_rank = rank;
		}
	}
	return best;
}

/* Sum of the actuals of p's fiscal year from Q1 to p. False when a quarter
 * has no actual, and then *missing names the first such quarter. */
static bool ytd_sum(const struct measure *m, struct period p, double *sum, struct period *missing)
{
	double s = 0;
	for (int q = 1; q <= p.quarter; q++) {
		struct period each = {.fy = p.fy, .quarter = q};
		const struct value *v = find_value(m, each);
		if (!v || !v->has_actual) {
			*missing = each;
			return false;
		}
		s += v->actual;
	}
	*sum = settle(m, s);
	return true;
}

/* Evaluate one period of a measure: target, compared amount, status. */
static void eval_period(const struct measure *m, struct period_eval *pe)
{
	pe->value = find_value(m, pe->period);
	pe->has_actual = pe->value && pe->value->has_actual;
	pe->actual = pe->has_actual ? pe->value->actual : 0;
	pe->computed = STATUS_NO_DATA;
	const struct target *t = target_for(m, pe->period);
	if (m->aggregation_sum || (t && t->per_year)) {
		pe->has_ytd_sum = ytd_sum(m, pe->period, &pe->ytd_sum, &pe->ytd_missing);
		pe->ytd_gap = !pe->has_ytd_sum;
	}

	if (t) {
		pe->target = t;
		pe->has_target = true;
		pe->ytd = t->per_year;
		/* An annual target is spread evenly: by Q2, half of it is due. */
		pe->target_amount = t->per_year ? settle(m, t->amount * pe->period.quarter / 4.0)
						: t->amount;
		if (t->per_year) {
			pe->has_compared = pe->has_ytd_sum;
			pe->compared = pe->ytd_sum;
		} else if (pe->has_actual) {
			pe->has_compared = true;
			pe->compared = pe->actual;
		}
		pe->tolerance = tolerance_amount(m->tolerance, pe->target_amount);
		if (pe->has_compared)
			pe->computed = status_decide(t->cmp, pe->compared, pe->target_amount,
						     pe->tolerance, is_duration(m), &pe->miss);
	}
	pe->shown = pe->value && pe->value->has_override ? pe->value->override : pe->computed;
}

/* Orders period indexes for qsort. */
static int index_order(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Every period the file declares a value for (with a result or not: a
 * quarter said to have no data is still a row of the history), plus the
 * report period, each evaluated. */
static void build_history(struct report *r, struct measure *m)
{
	int *idx = xmalloc((m->nvalues + 1) * sizeof *idx);
	size_t n = 0;
	idx[n++] = period_index(r->period);
	for (size_t i = 0; i < m->nvalues; i++)
		idx[n++] = period_index(m->values[i].period);
	qsort(idx, n, sizeof *idx, index_order);
	size_t uniq = 0;
	for (size_t i = 0; i < n; i++)
		if (uniq == 0 || idx[uniq - 1] != idx[i])
			idx[uniq++] = idx[i];

	m->history = arena_calloc(&r->arena, uniq, sizeof *m->history);
	m->nhistory = uniq;
	m->current = NULL;
	for (size_t i = 0; i < uniq; i++) {
		struct period_eval *pe = &m->history[i];
		pe->period = period_from_index(idx[i]);
		eval_period(m, pe);
		if (period_cmp(pe->period, r->period) == 0)
			m->current = pe;
	}
	free(idx);
}

/* Better, worse or unchanged, judged in the measure's direction. */
static enum trend trend_of(const struct measure *m, double current, double previous)
{
	if (settle(m, current) == settle(m, previous))
		return TREND_UNCHANGED;
	bool up = current > previous;
	switch (m->direction) {
	case DIR_HIGHER_BETTER:
		return up ? TREND_BETTER : TREND_WORSE;
	case DIR_LOWER_BETTER:
		return up ? TREND_WORSE : TREND_BETTER;
	}
	return TREND_NONE;
}

/* The report period's actual against another period's. The other
 * period's actual is kept even when the report period has none, so
 * readers can still be shown it. */
static void eval_change(const struct measure *m, struct period against, struct change *c)
{
	memset(c, 0, sizeof *c);
	c->against = against;
	c->trend = TREND_NONE;
	const struct period_eval *cur = m->current;
	const struct value *v = find_value(m, against);
	if (!v || !v->has_actual)
		return;
	c->has_previous = true;
	c->previous = v->actual;
	if (!cur->has_actual)
		return;
	c->available = true;
	c->delta = settle(m, settle(m, cur->actual) - settle(m, v->actual));
	c->has_pct = settle(m, v->actual) != 0;
	c->pct = c->has_pct ? c->delta / fabs(v->actual) * 100.0 : 0;
	c->trend = trend_of(m, cur->actual, v->actual);
}

/* Everything eval.h promises for one measure. */
static void eval_measure(struct report *r, struct measure *m)
{
	m->direction = m->ntargets > 0 ? cmp_direction(m->targets[0].cmp) : DIR_HIGHER_BETTER;
	build_history(r, m);
	struct period p = r->period;
	struct period last_year = {.fy = p.fy - 1, .quarter = p.quarter};
	/* Q1's previous quarter is Q4 of the previous fiscal year. */
	struct period last_quarter = period_from_index(period_index(p) - 1);
	eval_change(m, last_year, &m->vs_last_year);
	eval_change(m, last_quarter, &m->vs_last_quarter);
}

/* Fill every field of the model that eval.c owns; see eval.h. */
void eval_report(struct report *r)
{
	period_dates(r->period, r->calendar, &r->period_start, &r->period_end);
	memset(r->counts, 0, sizeof r->counts);
	for (size_t g = 0; g < r->ngoals; g++) {
		struct goal *goal = &r->goals[g];
		memset(goal->counts, 0, sizeof goal->counts);
		for (size_t i = 0; i < goal->nmeasures; i++) {
			struct measure *m = goal->measures[i];
			eval_measure(r, m);
			goal->counts[m->current->shown]++;
			r->counts[m->current->shown]++;
		}
	}
}

/* See eval.h. */
const struct target *eval_target_for(const struct measure *m, struct period p, double *amount)
{
	const struct target *t = target_for(m, p);
	if (t && amount)
		*amount = t->per_year ? settle(m, t->amount * p.quarter / 4.0) : t->amount;
	return t;
}
