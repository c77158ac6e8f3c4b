/* A measure's chart as data: every quarter of its range on the axis (gaps
 * marked), the values plotted, the target as steps where it applies, the
 * benchmarks, the value axis, and the text alternative written from this
 * same series, so that every drawing of it and its description agree. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "eval.h"
#include "period.h"
#include "present_internal.h"

#define TEXT_MAX 512
#define MAX_TICKS 12

/* Whether the chart plots year-to-date sums: the report quarter is judged
 * on the year so far. */
static bool plots_ytd(const struct measure *m)
{
	return m->aggregation_sum && m->current && m->current->ytd;
}

/* A round step for about `n` intervals over `range`: 1, 2, 2.5 or 5 times
 * a power of ten, or for durations a whole number of seconds or minutes
 * that reads well on a clock. */
static double nice_step(const struct measure *m, double range, int n)
{
	double raw = range / n;
	if (m->unit == UNIT_DURATION) {
		static const double secs[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600,
					      7200, 18000, 36000};
		for (size_t i = 0; i < sizeof secs / sizeof secs[0]; i++)
			if (secs[i] >= raw)
				return secs[i];
		return ceil(raw / 36000) * 36000;
	}
	/* Never finer than the measure's decimals, and a whole number of its
	 * smallest shown unit, so no two ticks read alike. */
	double finest = pow(10, -m->decimals);
	double p = pow(10, floor(log10(raw)));
	static const double mult[] = {1, 2, 2.5, 5, 10};
	for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++) {
		double step = p * mult[i];
		double units = step / finest;
		if (step >= raw && step >= finest && fabs(units - round(units)) < 1e-6)
			return step;
	}
	return fmax(p * 10, finest);
}

/* The value axis over everything the chart draws, from zero so that bar
 * lengths compare honestly. */
static void axis(struct presentation *p, const struct measure *m, struct pres_chart *c)
{
	double lo = 0, hi = 0;
	for (size_t i = 0; i < c->npoints; i++) {
		const struct pres_point *pt = &c->points[i];
		if (pt->has_value) {
			lo = fmin(lo, pt->value);
			hi = fmax(hi, pt->value);
		}
		if (pt->has_target) {
			lo = fmin(lo, pt->target);
			hi = fmax(hi, pt->target);
		}
	}
	for (size_t i = 0; i < c->nbenchmarks; i++) {
		lo = fmin(lo, c->benchmarks[i].value);
		hi = fmax(hi, c->benchmarks[i].value);
	}
	if (hi - lo <= 0)
		hi = lo + (m->unit == UNIT_DURATION ? 60 : 1);
	double step = nice_step(m, hi - lo, 4);
	lo = floor(lo / step + 1e-9) * step;
	hi = ceil(hi / step - 1e-9) * step;
	if (hi <= lo)
		hi = lo + step;
	int nticks = (int)floor((hi - lo) / step + 0.5) + 1;
	if (nticks > MAX_TICKS) {
		/* Too many for the room: widen the step and go again. */
		step = nice_step(m, hi - lo, MAX_TICKS - 1);
		lo = floor(lo / step + 1e-9) * step;
		hi = ceil(hi / step - 1e-9) * step;
		nticks = (int)floor((hi - lo) / step + 0.5) + 1;
		if (nticks > MAX_TICKS)
			nticks = MAX_TICKS;
	}
	c->lo = lo;
	c->hi = hi;
	c->step = step;
	/* Ticks show as many places as the step needs, not the measure's. */
	struct measure tick_m = *m;
	if (m->unit != UNIT_DURATION)
		tick_m.decimals = amount_places_needed(step, 0, m->decimals);
	c->nticks = (size_t)nticks;
	c->ticks = arena_calloc(&p->arena, c->nticks, sizeof *c->ticks);
	for (size_t k = 0; k < c->nticks; k++)
		c->ticks[k] = pres_amount(p, &tick_m, lo + (double)k * step);
}

/* The target line as runs of quarters with one amount and comparison. */
static void segments(struct presentation *p, const struct pres_point *pts, size_t n,
		     const enum cmp *cmps, struct pres_chart *c)
{
	c->segments = arena_calloc(&p->arena, n + 1, sizeof *c->segments);
	c->nsegments = 0;
	for (size_t i = 0; i < n; i++) {
		if (!pts[i].has_target)
			continue;
		struct pres_segment *last = c->nsegments ? &c->segments[c->nsegments - 1] : NULL;
		if (last && last->last + 1 == i && round9(pts[last->first].target) == round9(pts[i].target) &&
		    cmps[last->first] == cmps[i]) {
			last->last = i;
			continue;
		}
		c->segments[c->nsegments++] = (struct pres_segment){
			.first = i, .last = i, .amount = pts[i].target, .text = pts[i].target_text,
		};
	}
}

/* The text alternative, from the series as drawn: every quarter from the
 * first with a result, the target's runs, the benchmarks. */
static const char *alt_text(struct presentation *p, const struct measure *m,
			    const struct pres_chart *c, const enum cmp *cmps)
{
	struct pres_buf b = {0};
	pres_buf_add(&b, "Chart of %s%s", m->name,
		     c->ytd ? ", year to date, by quarter" : " by quarter");
	size_t from = 0;
	while (from < c->npoints && !c->points[from].has_value)
		from++;
	if (from < c->npoints)
		pres_buf_add(&b, ", %s to %s: ", c->points[from].label,
			     c->points[c->npoints - 1].label);
	else
		pres_buf_add(&b, ": no results");
	for (size_t i = from; i < c->npoints; i++) {
		const struct pres_point *pt = &c->points[i];
		pres_buf_add(&b, "%s%s %s", i > from ? ", " : "", pt->label,
			     pt->has_value ? pt->value_text : "no result");
	}
	for (size_t k = 0; k < c->nsegments; k++) {
		const struct pres_segment *g = &c->segments[k];
		pres_buf_add(&b, "; %s %s %s, %s", k ? "then" : c->target_name,
			     present_cmp_words(cmps[g->first]), g->text, c->points[g->first].label);
		if (g->last != g->first)
			pres_buf_add(&b, " to %s", c->points[g->last].label);
	}
	if (c->nsegments == 0 && c->npoints > 0)
		pres_buf_add(&b, "; no target applies");
	for (size_t k = 0; k < c->nbenchmarks; k++)
		pres_buf_add(&b, "; %s %s", c->benchmarks[k].label, c->benchmarks[k].value_text);
	pres_buf_add(&b, ".");
	return pres_buf_finish(p, &b);
}

/* Longest span a chart covers: a century of quarters, as many as a
 * measure may have values. */
#define MAX_POINTS 400

/* The points of quarters first..last, each with its value, target and
 * comparison. */
static void series(struct presentation *p, const struct pres_measure *pm, bool ytd, int first,
		   int last, struct pres_point *points, enum cmp *cmps)
{
	const struct measure *m = pm->m;
	size_t h = 0, n = (size_t)(last - first + 1);
	/* Most targets apply to many quarters: their words are made once. */
	const struct target *last_t = NULL;
	double last_amount = 0;
	const char *last_text = NULL;
	for (size_t i = 0; i < n; i++) {
		struct pres_point *pt = &points[i];
		pt->period = period_from_index(first + (int)i);
		const struct pres_period_words *w = pres_period_words(p, pt->period);
		pt->label = w->label;
		pt->quarter = w->quarter;
		pt->year = w->year;
		pt->current = period_cmp(pt->period, p->r->period) == 0;
		/* The history is sorted: walk it beside the axis. */
		while (h < m->nhistory && period_cmp(m->history[h].period, pt->period) < 0)
			h++;
		const struct period_eval *pe =
			h < m->nhistory && period_cmp(m->history[h].period, pt->period) == 0
				? &m->history[h]
				: NULL;
		pt->declared = pe && pe->value;
		if (pe && ytd && pe->has_ytd_sum) {
			pt->has_value = true;
			pt->value = pe->ytd_sum;
		} else if (pe && !ytd && pe->has_actual) {
			pt->has_value = true;
			pt->value = pe->actual;
		}
		/* The period's own words where they say the same amount. */
		const struct pres_period *pp = pe ? &pm->periods[pe - m->history] : NULL;
		if (pt->has_value)
			pt->value_text = pp && pp->actual && pe->actual == pt->value     ? pp->actual
					 : pp && pp->compared && pe->compared == pt->value ? pp->compared
											   : pres_amount(p, m, pt->value);
		/* Only targets judged the way the chart plots: a quarterly target
		 * says nothing about a year-to-date sum, nor an annual one about
		 * a quarter. */
		double amount;
		const struct target *t = eval_target_for(m, pt->period, &amount);
		if (t && t->per_year == ytd) {
			pt->has_target = true;
			pt->target = amount;
			cmps[i] = t->cmp;
			if (t != last_t || amount != last_amount) {
				struct measure shown = *m;
				if (t->per_year && m->unit != UNIT_DURATION)
					shown.decimals = amount_places_needed(amount, m->decimals,
									      m->decimals + 2);
				last_text = pres_amount(p, &shown, amount);
				last_t = t;
				last_amount = amount;
			}
			pt->target_text = last_text;
		}
	}
}

/* A chart over `n` of the series' points: what is drawn of them, the
 * target's runs, the benchmarks, the axis and the text alternative. */
static void window(struct presentation *p, const struct measure *m, bool ytd,
		   struct pres_point *points, const enum cmp *cmps, size_t n, struct pres_chart *c)
{
	memset(c, 0, sizeof *c);
	c->ytd = ytd;
	c->value_name = ytd ? "Year to date" : "Result";
	c->target_name = ytd ? "Target to date" : "Target";
	c->points = points;
	c->npoints = n;
	size_t valued = 0;
	for (size_t i = 0; i < n; i++)
		valued += points[i].has_value;
	c->drawn = valued >= 2;
	/* A benchmark is a quarter's figure: it says nothing about a year so far. */
	c->nbenchmarks = ytd ? 0 : m->nbenchmarks;
	c->benchmarks = arena_calloc(&p->arena, c->nbenchmarks + 1, sizeof *c->benchmarks);
	for (size_t k = 0; k < c->nbenchmarks; k++)
		c->benchmarks[k] = (struct pres_benchmark){
			.label = m->benchmarks[k].label,
			.value = m->benchmarks[k].value,
			.value_text = pres_amount(p, m, m->benchmarks[k].value),
		};
	segments(p, points, n, cmps, c);
	axis(p, m, c);
	c->alt = alt_text(p, m, c, cmps);
}

/* See present_internal.h. Both charts end at the report quarter, so one
 * series serves them: each is a window on its last quarters. */
void pres_charts_build(struct presentation *p, struct pres_measure *pm, int first)
{
	const struct measure *m = pm->m;
	int last = period_index(p->r->period);
	if (last - first + 1 > MAX_POINTS)
		first = last - MAX_POINTS + 1;
	int card_first = last - PRES_CARD_QUARTERS + 1;
	int lo = first < card_first ? first : card_first;
	size_t n = (size_t)(last - lo + 1);
	struct pres_point *points = arena_calloc(&p->arena, n, sizeof *points);
	enum cmp *cmps = arena_calloc(&p->arena, n, sizeof *cmps);
	bool ytd = plots_ytd(m);
	series(p, pm, ytd, lo, last, points, cmps);
	size_t at = (size_t)(card_first - lo);
	window(p, m, ytd, points + at, cmps + at, n - at, &pm->card);
	at = (size_t)(first - lo);
	window(p, m, ytd, points + at, cmps + at, n - at, &pm->full);
}
