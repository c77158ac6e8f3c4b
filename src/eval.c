/* The evaluation pass: for every measure, the period it is judged on, which
 * target applies to which period, the totals to date, statuses and changes,
 * decided once so that every output shows the same decision. What readers
 * are told about them is the presentation layer's (present*.c). */
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

/* How many of its own periods lie between one result of the measure and
 * the next: two years for a biennial measure, one period otherwise. */
static int step_of(const struct measure *m)
{
	return m->frequency == FREQ_BIENNIAL ? 2 : 1;
}

/* The file's value element for a period, or NULL. */
static const struct value *find_value(const struct measure *m, struct period p)
{
	for (size_t i = 0; i < m->nvalues; i++)
		if (period_cmp(m->values[i].period, p) == 0)
			return &m->values[i];
	return NULL;
}

/* A value's figure: its actual, or where it has none its estimate. */
static bool figure_of(const struct value *v, double *out, bool *estimated)
{
	if (v && v->has_actual) {
		*out = v->actual;
		if (estimated)
			*estimated = false;
		return true;
	}
	if (v && v->has_estimate) {
		*out = v->estimate;
		if (estimated)
			*estimated = true;
		return true;
	}
	return false;
}

/* The figure of a period, or false when it has none. */
static bool figure_at(const struct measure *m, struct period p, double *out, bool *estimated)
{
	return figure_of(find_value(m, p), out, estimated);
}

/* How well target t's scope fits period p: 2 for the period itself, 1 for
 * its fiscal year, 0 for every period, -1 when it does not apply. */
static int scope_rank(const struct report *r, const struct target *t, struct period p)
{
	int fy, place;
	switch (t->scope) {
	case SCOPE_ALL:
		return 0;
	case SCOPE_FISCAL_YEAR:
		return period_fiscal_place(p, r->calendar, &fy, &place) && fy == t->scope_fy ? 1 : -1;
	case SCOPE_PERIOD:
		return period_cmp(t->scope_period, p) == 0 ? 2 : -1;
	}
	return -1;
}

/* The deciding target for a period: one scoped to the period beats one
 * scoped to its fiscal year, which beats one without scope (spec
 * "Targets"). Targets that do not decide are left to check_references. */
static const struct target *target_for(const struct report *r, const struct measure *m,
				       struct period p)
{
	const struct target *best = NULL;
	int best_rank = -1;
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct target *t = &m->targets[i];
		if (t->reference)
			continue;
		int rank = scope_rank(r, t, p);
		if (rank > best_rank) {
			best = t;
			best_rank = rank;
		}
	}
	return best;
}

/* The periods a total to date covers for period p: the fiscal year so far,
 * or for a per-quarter target the quarter so far. Writes the first period
 * and returns how many there are (p the last); 1 when p stands alone. */
static int to_date_span(const struct report *r, const struct measure *m, struct period p,
			bool per_quarter, struct period *first)
{
	int fy, place;
	*first = p;
	if (!period_fiscal_place(p, r->calendar, &fy, &place) || p.kind == PERIOD_FISCAL_YEAR)
		return 1;
	int n = place;
	if (per_quarter && p.kind == PERIOD_MONTH)
		n = (place - 1) % 3 + 1;
	(void)m;
	*first = period_shift(p, -(n - 1));
	return n;
}

/* The total to date at p: the sum or mean of the figures of the span, or
 * for a cumulative measure p's own figure. False when a period of the span
 * has no figure, and then *missing names the first such period. */
static bool to_date(const struct report *r, const struct measure *m, struct period p,
		    bool per_quarter, double *total, struct period *missing, bool *estimated)
{
	*estimated = false;
	if (m->aggregation == AGG_CUMULATIVE) {
		bool est;
		if (!figure_at(m, p, total, &est)) {
			*missing = p;
			return false;
		}
		*estimated = est;
		return true;
	}
	struct period first;
	int n = to_date_span(r, m, p, per_quarter, &first);
	double s = 0;
	for (int k = 0; k < n; k++) {
		struct period each = period_shift(first, k);
		double v;
		bool est;
		if (!figure_at(m, each, &v, &est)) {
			*missing = each;
			return false;
		}
		*estimated |= est;
		s += v;
	}
	*total = settle(m, m->aggregation == AGG_AVERAGE ? s / n : s);
	return true;
}

/* The share of a target to date due by the end of p, as numerator and
 * denominator so that whole results stay exact (965 × 1 ÷ 4 is 241.25):
 * the phasing's percentage, or an even spread over the year (or quarter). */
static double pro_rated(const struct report *r, const struct measure *m, const struct target *t,
			struct period p, double amount)
{
	if (m->aggregation == AGG_AVERAGE || !(t->per_year || t->per_quarter))
		return amount;
	int fy, place;
	if (!period_fiscal_place(p, r->calendar, &fy, &place))
		return amount;
	if (t->per_quarter && p.kind == PERIOD_MONTH)
		return settle(m, amount * ((place - 1) % 3 + 1) / 3.0);
	if (t->phasing && (size_t)place <= t->nphasing)
		return settle(m, amount * t->phasing[place - 1] / 100.0);
	return settle(m, amount * place / (double)period_per_year(p.kind));
}

/* The earlier result a relative or improvement target starts from, at p.
 * False when a period it needs has no figure (*missing names it). */
static bool baseline_at(const struct measure *m, const struct target *t, struct period p,
			double *out, struct period *at, struct period *missing)
{
	int step = step_of(m);
	enum baseline b = t->kind == TARGET_IMPROVE ? BASELINE_PREVIOUS : t->baseline;
	int n = b == BASELINE_AVERAGE ? t->over : 1;
	int back = b == BASELINE_LAST_YEAR ? period_per_year(m->kind) : step;
	*at = period_shift(p, -back);
	double s = 0;
	for (int k = 0; k < n; k++) {
		struct period each = period_shift(p, -back - k * step);
		double v;
		if (!figure_at(m, each, &v, NULL)) {
			*missing = each;
			return false;
		}
		s += v;
	}
	*out = settle(m, s / n);
	return true;
}

/* See eval.h. */
const struct target *eval_target_at(const struct report *r, const struct measure *m,
				    const struct target *t, struct period p, struct target_at *at)
{
	memset(at, 0, sizeof *at);
	at->target = t;
	if (!t)
		return NULL;
	switch (t->kind) {
	case TARGET_AMOUNT:
		at->has_amount = true;
		at->amount = pro_rated(r, m, t, p, t->amount);
		break;
	case TARGET_RANGE:
		at->has_amount = true;
		at->amount = t->amount;
		at->high = t->high;
		break;
	case TARGET_RELATIVE:
	case TARGET_IMPROVE: {
		double base;
		if (!baseline_at(m, t, p, &base, &at->baseline_period, &at->missing)) {
			at->baseline_missing = true;
			break;
		}
		at->has_baseline = true;
		at->baseline = base;
		at->has_amount = true;
		if (t->kind == TARGET_IMPROVE || !t->has_change)
			at->amount = base;
		else if (t->change_relative)
			at->amount = settle(m, base * (100.0 + t->change) / 100.0);
		else
			at->amount = settle(m, base + t->change);
		break;
	}
	}
	return t;
}

/* See eval.h. */
const struct target *eval_target_for(const struct report *r, const struct measure *m,
				     struct period p, struct target_at *at)
{
	return eval_target_at(r, m, target_for(r, m, p), p, at);
}

/* The status of `compared` against a target worked out at a period, with
 * the allowed miss and the miss. A range is judged against the bound on
 * the side the amount lies; an improvement allows no miss. */
static enum status judge(const struct measure *m, const struct target *t,
			 const struct target_at *at, double compared, double *tolerance,
			 double *miss)
{
	bool dur = is_duration(m);
	switch (t->kind) {
	case TARGET_IMPROVE:
		*tolerance = 0;
		return status_decide(t->cmp, compared, at->amount, 0, dur, miss);
	case TARGET_RANGE: {
		bool low_side = compared - at->amount <= at->high - compared;
		*tolerance = tolerance_amount(m->tolerance, low_side ? at->amount : at->high);
		enum status s = status_decide(t->cmp, compared, at->amount,
					      tolerance_amount(m->tolerance, at->amount), dur, miss);
		if (s != STATUS_MET) {
			*tolerance = tolerance_amount(m->tolerance, at->amount);
			return s;
		}
		s = status_decide(t->cmp_high, compared, at->high,
				  tolerance_amount(m->tolerance, at->high), dur, miss);
		if (s != STATUS_MET)
			*tolerance = tolerance_amount(m->tolerance, at->high);
		return s;
	}
	case TARGET_AMOUNT:
	case TARGET_RELATIVE:
		break;
	}
	*tolerance = tolerance_amount(m->tolerance, at->amount);
	return status_decide(t->cmp, compared, at->amount, *tolerance, dur, miss);
}

/* Whether a measure keeps totals to date: quarterly and monthly measures
 * with an aggregation. */
static bool keeps_totals(const struct measure *m)
{
	return m->aggregation != AGG_NONE &&
	       (m->frequency == FREQ_QUARTERLY || m->frequency == FREQ_MONTHLY);
}

/* Evaluate one period of a measure: target, compared amount, status. */
static void eval_period(const struct report *r, const struct measure *m, struct period_eval *pe)
{
	pe->value = find_value(m, pe->period);
	pe->has_actual = figure_of(pe->value, &pe->actual, &pe->estimated);
	if (!pe->has_actual)
		pe->actual = 0;
	pe->computed = STATUS_NO_DATA;
	const struct target *t = target_for(r, m, pe->period);
	bool to_date_target = t && (t->per_year || t->per_quarter);
	if (keeps_totals(m) || to_date_target) {
		pe->has_ytd_sum = to_date(r, m, pe->period, t && t->per_quarter, &pe->ytd_sum,
					  &pe->ytd_missing, &pe->ytd_estimated);
		pe->ytd_gap = !pe->has_ytd_sum;
		pe->has_year_sum = pe->has_ytd_sum;
		pe->year_sum = pe->ytd_sum;
		/* A month judged against its quarter's target totals the
		 * quarter so far; the year so far is a total of its own. */
		if (t && t->per_quarter && pe->period.kind == PERIOD_MONTH) {
			struct period missing;
			bool estimated;
			pe->has_year_sum = to_date(r, m, pe->period, false, &pe->year_sum, &missing,
						   &estimated);
		}
	}
	if (!t) {
		pe->shown = pe->value && pe->value->has_override ? pe->value->override : pe->computed;
		return;
	}
	pe->target = t;
	struct target_at at;
	eval_target_at(r, m, t, pe->period, &at);
	pe->has_baseline = at.has_baseline;
	pe->baseline = at.baseline;
	pe->baseline_period = at.baseline_missing ? at.missing : at.baseline_period;
	pe->baseline_missing = at.baseline_missing;
	pe->has_target = at.has_amount;
	pe->target_amount = at.amount;
	pe->target_high = at.high;
	pe->ytd = to_date_target;
	if (to_date_target) {
		pe->has_compared = pe->has_ytd_sum;
		pe->compared = pe->ytd_sum;
	} else if (pe->has_actual) {
		pe->has_compared = true;
		pe->compared = pe->actual;
	}
	if (pe->has_target && t->kind != TARGET_IMPROVE)
		pe->tolerance = tolerance_amount(m->tolerance, pe->target_amount);
	if (pe->has_target && pe->has_compared)
		pe->computed = judge(m, t, &at, pe->compared, &pe->tolerance, &pe->miss);
	pe->shown = pe->value && pe->value->has_override ? pe->value->override : pe->computed;
}

/* Orders periods for qsort. */
static int period_order(const void *a, const void *b)
{
	return period_cmp(*(const struct period *)a, *(const struct period *)b);
}

/* The period a measure is judged on, and the earliest its lag allows: the
 * latest with a figure among the latest periods of its kind that have
 * ended by the end of the report quarter, as many as its lag allows (for
 * a biennial measure, two years each), or with no figure there the latest
 * of them. A quarterly measure without lag is judged on the report
 * period, as every measure once was. */
static struct period judged_period(const struct report *r, const struct measure *m,
				   struct period *first)
{
	struct period latest = m->kind == PERIOD_QUARTER
				       ? r->period
				       : period_latest_ended(m->kind, r->period, r->calendar);
	int span = (m->lag + 1) * step_of(m);
	*first = period_shift(latest, -(span - 1));
	struct period best = latest;
	bool found = false;
	for (size_t i = 0; i < m->nvalues; i++) {
		const struct value *v = &m->values[i];
		if (!(v->has_actual || v->has_estimate) || period_cmp(v->period, *first) < 0 ||
		    period_cmp(v->period, latest) > 0)
			continue;
		if (!found || period_cmp(v->period, best) > 0)
			best = v->period;
		found = true;
	}
	return best;
}

/* Every period the file declares a value for (with a result or not: a
 * period said to have no data is still a row of the history), plus the
 * judged period, each evaluated. */
static void build_history(struct report *r, struct measure *m)
{
	struct period *ps = xmalloc((m->nvalues + 1) * sizeof *ps);
	size_t n = 0;
	struct period judged = judged_period(r, m, &m->window_first);
	ps[n++] = judged;
	for (size_t i = 0; i < m->nvalues; i++)
		ps[n++] = m->values[i].period;
	qsort(ps, n, sizeof *ps, period_order);
	size_t uniq = 0;
	for (size_t i = 0; i < n; i++)
		if (uniq == 0 || period_cmp(ps[uniq - 1], ps[i]) != 0)
			ps[uniq++] = ps[i];

	m->history = arena_calloc(&r->arena, uniq, sizeof *m->history);
	m->nhistory = uniq;
	m->current = NULL;
	m->latest = NULL;
	for (size_t i = 0; i < uniq; i++) {
		struct period_eval *pe = &m->history[i];
		pe->period = ps[i];
		eval_period(r, m, pe);
		if (period_cmp(pe->period, judged) == 0)
			m->current = pe;
		if (pe->has_actual)
			m->latest = pe;
	}
	m->as_of = m->kind != PERIOD_QUARTER || period_cmp(judged, r->period) != 0;
	free(ps);
}

/* How far an amount lies outside a range (0 inside it). */
static double outside(double v, double lo, double hi)
{
	return v < lo ? lo - v : v > hi ? v - hi : 0;
}

/* The range a measure's results are judged against at its judged period,
 * or its first range target. */
static const struct target *range_of(const struct measure *m)
{
	if (m->current && m->current->target && m->current->target->kind == TARGET_RANGE)
		return m->current->target;
	for (size_t i = 0; i < m->ntargets; i++)
		if (m->targets[i].kind == TARGET_RANGE)
			return &m->targets[i];
	return NULL;
}

/* Better, worse or unchanged, judged in the measure's direction. Within a
 * range, nearer the range is better; two results inside it, or as far
 * outside, are neither. */
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
	case DIR_WITHIN: {
		const struct target *t = range_of(m);
		if (!t)
			return TREND_NONE;
		double a = settle(m, outside(current, t->amount, t->high));
		double b = settle(m, outside(previous, t->amount, t->high));
		return a == b ? TREND_NONE : a < b ? TREND_BETTER : TREND_WORSE;
	}
	}
	return TREND_NONE;
}

/* The judged period's figure against another period's. The other
 * period's figure is kept even when the judged period has none, so
 * readers can still be shown it. */
static void eval_change(const struct measure *m, bool applies, struct period against,
			struct change *c)
{
	memset(c, 0, sizeof *c);
	c->applies = applies;
	c->against = against;
	c->trend = TREND_NONE;
	const struct period_eval *cur = m->current;
	double prev;
	if (!applies || !figure_at(m, against, &prev, NULL))
		return;
	c->has_previous = true;
	c->previous = prev;
	if (!cur->has_actual)
		return;
	c->available = true;
	c->delta = settle(m, settle(m, cur->actual) - settle(m, prev));
	c->has_pct = settle(m, prev) != 0;
	c->pct = c->has_pct ? c->delta / fabs(prev) * 100.0 : 0;
	c->trend = trend_of(m, cur->actual, prev);
}

/* The targets that do not decide, checked at the judged period: for each
 * label, the one with the most specific scope that applies. */
static void check_references(struct report *r, struct measure *m)
{
	m->nchecks = 0;
	m->checks = NULL;
	size_t n = 0;
	for (size_t i = 0; i < m->ntargets; i++)
		n += m->targets[i].reference;
	if (n == 0)
		return;
	struct period p = m->current->period;
	m->checks = arena_calloc(&r->arena, n, sizeof *m->checks);
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct target *t = &m->targets[i];
		int rank = t->reference ? scope_rank(r, t, p) : -1;
		if (rank < 0)
			continue;
		/* A same-labelled one seen before with a narrower or equal scope wins. */
		bool beaten = false;
		for (size_t k = 0; k < m->ntargets && !beaten; k++) {
			const struct target *o = &m->targets[k];
			if (k == i || !o->reference || strcmp(o->label, t->label) != 0)
				continue;
			int ro = scope_rank(r, o, p);
			beaten = ro > rank || (ro == rank && k < i);
		}
		if (beaten)
			continue;
		struct target_check *c = &m->checks[m->nchecks++];
		c->target = t;
		struct target_at at;
		eval_target_at(r, m, t, p, &at);
		c->has_amount = at.has_amount;
		c->amount = at.amount;
		c->high = at.high;
		double compared = 0;
		struct period missing;
		bool est;
		if (t->per_year || t->per_quarter)
			c->has_compared = to_date(r, m, p, t->per_quarter, &compared, &missing, &est);
		else if (m->current->has_actual) {
			c->has_compared = true;
			compared = m->current->actual;
		}
		double tol, miss;
		if (c->has_amount && c->has_compared) {
			struct measure exact = *m;
			exact.tolerance = (struct tolerance){.relative = false, .amount = 0};
			c->reached = judge(&exact, t, &at, compared, &tol, &miss) == STATUS_MET;
		}
	}
}

/* The direction a target says is better. */
static enum direction target_direction(const struct target *t)
{
	return t->kind == TARGET_RANGE ? DIR_WITHIN : cmp_direction(t->cmp);
}

/* The judged period's total to date against the one at the same period a
 * year before, for a measure that keeps totals (its figures sum, average
 * or accumulate over the fiscal year). */
static void eval_ytd_change(const struct report *r, const struct measure *m, struct period against,
			    struct change *c)
{
	memset(c, 0, sizeof *c);
	c->applies = keeps_totals(m);
	c->against = against;
	c->trend = TREND_NONE;
	const struct period_eval *cur = m->current;
	struct period missing;
	double previous;
	bool estimated;
	if (!c->applies || !to_date(r, m, against, false, &previous, &missing, &estimated))
		return;
	c->has_previous = true;
	c->previous = previous;
	if (!cur->has_year_sum)
		return;
	c->available = true;
	c->delta = settle(m, cur->year_sum - previous);
	c->has_pct = previous != 0;
	c->pct = c->has_pct ? c->delta / fabs(previous) * 100.0 : 0;
	c->trend = trend_of(m, cur->year_sum, previous);
}

/* Everything eval.h promises for one measure. */
static void eval_measure(struct report *r, struct measure *m)
{
	m->direction = m->ntargets > 0 ? target_direction(&m->targets[0]) : DIR_HIGHER_BETTER;
	build_history(r, m);
	struct period p = m->current->period;
	/* A biennial measure has no result a year before; an annual one's
	 * period before is the year before. */
	bool biennial = m->frequency == FREQ_BIENNIAL;
	bool annual = m->frequency == FREQ_ANNUAL;
	eval_change(m, !biennial, period_shift(p, -period_per_year(p.kind)), &m->vs_last_year);
	/* Q1's previous quarter is Q4 of the previous fiscal year. */
	eval_change(m, !annual, period_shift(p, -step_of(m)), &m->vs_last_quarter);
	check_references(r, m);
	eval_ytd_change(r, m, period_shift(p, -period_per_year(p.kind)), &m->ytd_vs_last_year);
}

/* An initiative's milestones: each overdue when due by the end of the
 * report period and not complete. The goal counts its initiatives. */
static void eval_initiative(const struct report *r, struct initiative *in)
{
	for (size_t i = 0; i < in->nmilestones; i++) {
		struct milestone *ms = &in->milestones[i];
		ms->overdue = ms->has_due && ms->status != PROGRESS_COMPLETE &&
			      !period_ends_after(ms->due, r->period, r->calendar);
	}
	in->goal->initiative_counts[in->status]++;
}

/* Fill every field of the model that eval.c owns; see eval.h. */
void eval_report(struct report *r)
{
	period_dates(r->period, r->calendar, &r->period_start, &r->period_end);
	memset(r->counts, 0, sizeof r->counts);
	for (size_t g = 0; g < r->ngoals; g++) {
		struct goal *goal = &r->goals[g];
		memset(goal->counts, 0, sizeof goal->counts);
		memset(goal->initiative_counts, 0, sizeof goal->initiative_counts);
		for (size_t i = 0; i < goal->nmeasures; i++) {
			struct measure *m = goal->measures[i];
			eval_measure(r, m);
			goal->counts[m->current->shown]++;
			r->counts[m->current->shown]++;
		}
	}
	for (size_t i = 0; i < r->ninitiatives; i++)
		eval_initiative(r, r->initiatives[i]);
}
