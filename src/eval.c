/* The evaluation pass: for every measure, which target applies to which
 * period, the year-to-date sums, statuses, changes and the reader-facing
 * strings, so that the PDF, the workbook and the dump all say the same. */
#include "eval.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "units.h"

#define TEXT_MAX 512 /* Enough for any formatted amount or label. */

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

/* An amount as readers see it, kept in the report's arena. */
static const char *amount_text(struct report *r, const struct measure *m, double v)
{
	char buf[TEXT_MAX];
	amount_format(m, v, buf, sizeof buf);
	return arena_strdup(&r->arena, buf);
}

/* A pro-rated target (a quarter of 965 is 241.25) shown with the extra
 * places it needs, so a reader never sees "241 against 241" marked under. */
static const char *prorated_text(struct report *r, const struct measure *m, double v,
				 int *decimals)
{
	struct measure shown = *m;
	for (int extra = 0; extra < 2 && !is_duration(m); extra++) {
		double scale = pow(10, shown.decimals);
		double scaled = round9(v * scale);
		if (scaled == round(scaled))
			break;
		shown.decimals++;
	}
	*decimals = shown.decimals;
	return amount_text(r, &shown, v);
}

/* "Q1 FY2018", kept in the report's arena. */
static const char *label_text(struct report *r, struct period p)
{
	char buf[TEXT_MAX];
	period_label(p, buf, sizeof buf);
	return arena_strdup(&r->arena, buf);
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
		struct period each = {p.fy, q};
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

/* "at most 5:00", or "at least 20 for the year" for an annual target. */
static const char *target_words(struct report *r, const struct measure *m, const struct target *t)
{
	char buf[TEXT_MAX];
	amount_format(m, t->amount, buf, sizeof buf);
	return arena_printf(&r->arena, "%s %s%s", cmp_words(t->cmp), buf,
			    t->per_year ? " for the year" : "");
}

/* The texts of a target, which every period it applies to shares: made on
 * first use, since a measure's dozen periods mostly have the same target. */
struct target_texts {
	const char *words;  /* "at most 5:00", or NULL until made. */
	const char *amount; /* "5:00", for a quarterly target; NULL until made. */
};

/* Evaluate one period of a measure: target, compared amount, status, texts.
 * `texts` has one entry per target of the measure. */
static void eval_period(struct report *r, const struct measure *m, struct period_eval *pe,
			struct target_texts *texts)
{
	pe->value = find_value(m, pe->period);
	pe->has_actual = pe->value && pe->value->has_actual;
	pe->actual = pe->has_actual ? pe->value->actual : 0;
	pe->computed = STATUS_NO_DATA;
	pe->actual_text = pe->has_actual ? amount_text(r, m, pe->actual) : "";
	pe->target_text = "";
	pe->target_amount_text = "";
	pe->compared_text = "";

	const struct target *t = target_for(m, pe->period);
	if (t) {
		pe->target = t;
		pe->has_target = true;
		pe->ytd = t->per_year;
		/* An annual target is spread evenly: by Q2, half of it is due. */
		pe->target_amount = t->per_year ? settle(m, t->amount * pe->period.quarter / 4.0)
						: t->amount;
		if (t->per_year) {
			struct period missing;
			pe->has_compared = ytd_sum(m, pe->period, &pe->compared, &missing);
		} else if (pe->has_actual) {
			pe->has_compared = true;
			pe->compared = pe->actual;
		}
		pe->tolerance = tolerance_amount(m->tolerance, pe->target_amount);
		if (pe->has_compared)
			pe->computed = status_decide(t->cmp, pe->compared, pe->target_amount,
						     pe->tolerance, is_duration(m), &pe->miss);
		struct target_texts *tt = &texts[t - m->targets];
		if (!tt->words)
			tt->words = target_words(r, m, t);
		pe->target_text = tt->words;
		pe->target_decimals = m->decimals;
		if (t->per_year) {
			pe->target_amount_text =
				prorated_text(r, m, pe->target_amount, &pe->target_decimals);
		} else {
			if (!tt->amount)
				tt->amount = amount_text(r, m, pe->target_amount);
			pe->target_amount_text = tt->amount;
		}
		if (pe->has_compared)
			pe->compared_text = amount_text(r, m, pe->compared);
	}
	pe->shown = pe->value && pe->value->has_override ? pe->value->override : pe->computed;
}

/* Orders period indexes for qsort. */
static int index_order(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Every period with an actual, plus the report period, each evaluated. */
static void build_history(struct report *r, struct measure *m)
{
	int *idx = xmalloc((m->nvalues + 1) * sizeof *idx);
	size_t n = 0;
	idx[n++] = period_index(r->period);
	for (size_t i = 0; i < m->nvalues; i++)
		if (m->values[i].has_actual)
			idx[n++] = period_index(m->values[i].period);
	qsort(idx, n, sizeof *idx, index_order);
	size_t uniq = 0;
	for (size_t i = 0; i < n; i++)
		if (uniq == 0 || idx[uniq - 1] != idx[i])
			idx[uniq++] = idx[i];

	m->history = arena_calloc(&r->arena, uniq, sizeof *m->history);
	m->nhistory = uniq;
	m->current = NULL;
	struct target_texts *texts = xcalloc(m->ntargets + 1, sizeof *texts);
	for (size_t i = 0; i < uniq; i++) {
		struct period_eval *pe = &m->history[i];
		pe->period = period_from_index(idx[i]);
		eval_period(r, m, pe, texts);
		if (period_cmp(pe->period, r->period) == 0)
			m->current = pe;
	}
	free(texts);
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

/* The report period's actual against another period's, if both have one. */
static void eval_change(struct report *r, const struct measure *m, struct period against,
			struct change *c)
{
	memset(c, 0, sizeof *c);
	c->against = against;
	c->trend = TREND_NONE;
	c->previous_text = "";
	c->delta_text = "";
	const struct period_eval *cur = m->current;
	const struct value *v = find_value(m, against);
	if (!cur->has_actual || !v || !v->has_actual)
		return;
	char buf[TEXT_MAX];
	c->available = true;
	c->previous = v->actual;
	c->delta = settle(m, settle(m, cur->actual) - settle(m, v->actual));
	c->has_pct = settle(m, v->actual) != 0;
	c->pct = c->has_pct ? c->delta / fabs(v->actual) * 100.0 : 0;
	c->trend = trend_of(m, cur->actual, v->actual);
	c->previous_text = amount_text(r, m, v->actual);
	amount_format_delta(m, c->delta, buf, sizeof buf);
	c->delta_text = arena_strdup(&r->arena, buf);
}

/* "National average: 5:00", several joined by "; ", or NULL. */
static const char *benchmark_words(struct report *r, const struct measure *m)
{
	if (m->nbenchmarks == 0)
		return NULL;
	const char *text = "";
	for (size_t i = 0; i < m->nbenchmarks; i++) {
		char buf[TEXT_MAX];
		amount_format(m, m->benchmarks[i].value, buf, sizeof buf);
		text = arena_printf(&r->arena, "%s%s%s: %s", text, i ? "; " : "",
				    m->benchmarks[i].label, buf);
	}
	return text;
}

/* One plain sentence for council members about the report period. */
static const char *summary_words(struct report *r, const struct measure *m)
{
	const struct period_eval *pe = m->current;
	const char *label = r->period_label;
	if (!pe->has_actual) {
		if (pe->has_target)
			return arena_printf(&r->arena, "No data for %s; target %s", label,
					    pe->target_text);
		if (m->ntargets > 0)
			return arena_printf(&r->arena, "No data for %s; no target for this quarter",
					    label);
		return arena_printf(&r->arena, "No data for %s; no target set", label);
	}
	if (!pe->has_target) {
		if (m->ntargets > 0)
			return arena_printf(&r->arena, "%s; no target for %s", pe->actual_text,
					    label);
		return arena_printf(&r->arena, "%s; no target set", pe->actual_text);
	}
	if (!pe->ytd)
		return arena_printf(&r->arena, "%s against a target of %s", pe->actual_text,
				    pe->target_text);
	char whole[TEXT_MAX];
	amount_format(m, pe->target->amount, whole, sizeof whole);
	if (pe->has_compared)
		return arena_printf(&r->arena,
				    "%s so far this year against a target of %s %s to date (%s for the year)",
				    pe->compared_text, cmp_words(pe->target->cmp),
				    pe->target_amount_text, whole);
	struct period missing;
	double unused;
	ytd_sum(m, pe->period, &unused, &missing);
	return arena_printf(&r->arena,
			    "%s this quarter; no total for the year so far, as %s has no data "
			    "(target %s)",
			    pe->actual_text, label_text(r, missing), pe->target_text);
}

/* Everything eval.h promises for one measure. */
static void eval_measure(struct report *r, struct measure *m)
{
	m->direction = m->ntargets > 0 ? cmp_direction(m->targets[0].cmp) : DIR_HIGHER_BETTER;
	build_history(r, m);
	struct period p = r->period;
	struct period last_year = {p.fy - 1, p.quarter};
	/* Q1's previous quarter is Q4 of the previous fiscal year. */
	struct period last_quarter = period_from_index(period_index(p) - 1);
	eval_change(r, m, last_year, &m->vs_last_year);
	eval_change(r, m, last_quarter, &m->vs_last_quarter);
	m->benchmark_text = benchmark_words(r, m);
	m->summary = summary_words(r, m);
}

/* The report's own labels: period, its dates, the publication date. */
static void eval_labels(struct report *r)
{
	char buf[TEXT_MAX];
	r->period_label = label_text(r, r->period);
	period_dates_label(r->period, r->calendar, buf, sizeof buf);
	r->period_dates = arena_strdup(&r->arena, buf);
	period_dates(r->period, r->calendar, &r->period_start, &r->period_end);
	r->published_text = NULL;
	if (r->has_published) {
		date_long_label(r->published, buf, sizeof buf);
		r->published_text = arena_strdup(&r->arena, buf);
	}
}

/* Fill every field of the model that eval.c owns; see eval.h. */
void eval_report(struct report *r)
{
	eval_labels(r);
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
