/* A measure's chart as data: every period of its range on the axis (gaps
 * marked; a biennial measure's results only, as it has none between), the
 * values plotted, the target as steps where it applies (both ends of a
 * range), the benchmarks, the value axis, and the text alternative written
 * from this same series, so that every drawing of it and its description
 * agree. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "period.h"
#include "present_internal.h"

#define TEXT_MAX 512
#define MAX_TICKS 12

/* Whether the chart plots totals to date: the judged period is judged on
 * the year (or quarter) so far. */
static bool plots_ytd(const struct measure *m)
{
	return m->aggregation != AGG_NONE && m->current && m->current->ytd;
}

/* Whether a target is judged on a total to date. */
static bool to_date_target(const struct target *t)
{
	return t->per_year || t->per_quarter;
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

/* Values sit far from zero when the least of them is more than this share
 * of the greatest (both of one sign): bars from zero would then differ by
 * less than a third of their length, and points on a scaled axis show the
 * differences instead. */
#define FAR_FROM_ZERO (2.0 / 3.0)

/* The unit the value axis's ticks count in. */
static const char *axis_unit(const struct measure *m, double hi)
{
	/* The unit's own words, which the ticks leave out, name it. */
	if (m->unit_label && m->unit != UNIT_DURATION)
		return m->unit_label;
	switch (m->unit) {
	case UNIT_COUNT:
		return "count";
	case UNIT_NUMBER:
		return "";
	case UNIT_PERCENT:
		return "percent";
	case UNIT_CURRENCY:
		return m->currency ? m->currency : "USD";
	case UNIT_MINUTES:
		return "minutes";
	case UNIT_DURATION:
		return hi >= 3600 ? "h:mm:ss" : "min:sec";
	case UNIT_RATING:
	case UNIT_YES_NO:
		return "levels";
	}
	return "";
}

/* The value axis over everything the chart draws: from zero for bars, so
 * that their lengths compare honestly; scaled to the values where they all
 * sit far from zero, for points and lines. */
static void axis(struct presentation *p, const struct measure *m, struct pres_chart *c)
{
	double vlo = 1e300, vhi = -1e300;
	for (size_t i = 0; i < c->npoints; i++) {
		const struct pres_point *pt = &c->points[i];
		if (pt->has_value) {
			vlo = fmin(vlo, pt->value);
			vhi = fmax(vhi, pt->value);
		}
		if (pt->has_target) {
			vlo = fmin(vlo, pt->target);
			vhi = fmax(vhi, pt->target);
		}
		if (pt->has_high)
			vhi = fmax(vhi, pt->high);
	}
	for (size_t i = 0; i < c->nbenchmarks; i++) {
		vlo = fmin(vlo, c->benchmarks[i].value);
		vhi = fmax(vhi, c->benchmarks[i].value);
	}
	if (vlo > vhi)
		vlo = vhi = 0;
	/* A year so far starts small each year: its bars always start at zero. */
	c->lines = !c->ytd && ((vlo > 0 && vlo > vhi * FAR_FROM_ZERO) ||
			       (vhi < 0 && vhi < vlo * FAR_FROM_ZERO));
	double lo = c->lines ? vlo : fmin(vlo, 0), hi = c->lines ? vhi : fmax(vhi, 0);
	if (c->lines) {
		/* A little room beyond the values, so no point sits on the frame. */
		double pad = (hi - lo) * 0.1;
		lo -= pad;
		hi += pad;
		if (vlo > 0 && lo < 0)
			lo = 0;
		if (vhi < 0 && hi > 0)
			hi = 0;
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
	c->axis_unit = axis_unit(m, fmax(fabs(lo), fabs(hi)));
	/* Ticks show as many places as the step needs, not the measure's, and
	 * leave the unit to the axis where it is a word ("minutes"). */
	struct measure tick_m = *m;
	/* The unit's words would crowd the axis; the legend and the card say them. */
	tick_m.unit_label = tick_m.unit_label_one = NULL;
	if (m->unit != UNIT_DURATION) {
		tick_m.decimals = amount_places_needed(step, 0, m->decimals);
		tick_m.decimals_given = true;
	}
	c->nticks = (size_t)nticks;
	c->ticks = arena_calloc(&p->arena, c->nticks, sizeof *c->ticks);
	for (size_t k = 0; k < c->nticks; k++)
		c->ticks[k] = pres_amount_bare(p, &tick_m, lo + (double)k * step);
}

/* The target line as runs of periods with one amount (one range) and
 * comparison. */
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
		    cmps[last->first] == cmps[i] && pts[last->first].has_high == pts[i].has_high &&
		    (!pts[i].has_high || round9(pts[last->first].high) == round9(pts[i].high))) {
			last->last = i;
			continue;
		}
		c->segments[c->nsegments++] = (struct pres_segment){
			.first = i, .last = i, .amount = pts[i].target, .text = pts[i].target_text,
			.has_high = pts[i].has_high, .high = pts[i].high, .high_text = pts[i].high_text,
		};
	}
}

/* The text alternative, from the series as drawn: every quarter from the
 * first with a result, the target's runs, the benchmarks. */
static const char *alt_text(struct presentation *p, const struct measure *m,
			    const struct pres_chart *c, const enum cmp *cmps)
{
	struct pres_buf b = {0};
	const char *by = m->frequency == FREQ_MONTHLY	 ? "by month"
			 : m->frequency == FREQ_QUARTERLY ? "by quarter"
			 : m->frequency == FREQ_ANNUAL	 ? "by year"
							 : "every two years";
	const char *span = !c->ytd ? "" : m->current->target->per_quarter ? ", quarter to date,"
									    : ", year to date,";
	pres_buf_add(&b, "Chart of %s%s %s", m->name, span, by);
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
		if (g->has_high)
			pres_buf_add(&b, "; %s %s to %s, %s", k ? "then" : c->target_name, g->text,
				     g->high_text, c->points[g->first].label);
		else
			pres_buf_add(&b, "; %s %s %s, %s", k ? "then" : c->target_name,
				     present_cmp_words(cmps[g->first]), g->text,
				     c->points[g->first].label);
		if (g->last != g->first)
			pres_buf_add(&b, " to %s", c->points[g->last].label);
	}
	const struct target *t = m->current ? m->current->target : NULL;
	if (c->nsegments == 0 && t && t->kind == TARGET_IMPROVE)
		pres_buf_add(&b, "; the target is to be %s than the period before",
			     t->cmp == CMP_MORE_THAN ? "higher" : "lower");
	else if (c->nsegments == 0 && c->npoints > 0)
		pres_buf_add(&b, "; no target applies");
	for (size_t k = 0; k < c->nbenchmarks; k++)
		pres_buf_add(&b, "; %s %s", c->benchmarks[k].label, c->benchmarks[k].value_text);
	pres_buf_add(&b, ".");
	return pres_buf_finish(p, &b);
}

/* Where the axis names the year: wherever one starts (a fiscal year's
 * first quarter, a year's first month), and at the chart's first period so
 * that it never starts unnamed, unless a year starts right after it (the
 * two names would collide). Periods that are years name themselves. */
static void year_marks(struct presentation *p, struct pres_chart *c)
{
	c->year_marks = arena_calloc(&p->arena, c->npoints + 1, sizeof *c->year_marks);
	for (size_t i = 0; i < c->npoints; i++) {
		const struct pres_point *pt = &c->points[i];
		bool first = i == 0 && (c->npoints == 1 || !c->points[1].group_starts);
		if (pt->group && (pt->group_starts || first))
			c->year_marks[i] = pt->group;
	}
}

/* Longest span a chart covers: as many periods as a measure may have
 * values. */
#define MAX_POINTS 400

/* The points of the periods `pers`, each with its value, target and
 * comparison. */
static void series(struct presentation *p, const struct pres_measure *pm, bool ytd,
		   const struct period *pers, size_t n, struct pres_point *points, enum cmp *cmps)
{
	const struct measure *m = pm->m;
	const struct report *r = p->r;
	size_t h = 0;
	/* Most targets apply to many periods: their words are made once. */
	const struct target *last_t = NULL;
	double last_amount = 0, last_high = 0;
	const char *last_text = NULL, *last_high_text = NULL, *last_range = NULL;
	for (size_t i = 0; i < n; i++) {
		struct pres_point *pt = &points[i];
		pt->period = pers[i];
		const struct pres_period_words *w = pres_period_words(p, pt->period);
		pt->label = w->label;
		pt->tick = w->tick;
		pt->group = w->group;
		pt->group_starts = w->group_starts;
		pt->current = period_cmp(pt->period, m->current->period) == 0;
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
		/* An estimate says so wherever its figure is read out. */
		if (pt->has_value && (ytd ? pe->ytd_estimated : pe->estimated))
			pt->value_text = arena_printf(&p->arena, "%s (%s)", pt->value_text,
						      p->estimate_word);
		/* Only targets judged the way the chart plots: a quarterly target
		 * says nothing about a year-to-date sum, nor an annual one about
		 * a quarter. An improvement has no line: it is the bar before. */
		struct target_at at;
		const struct target *t = eval_target_for(r, m, pt->period, &at);
		if (!t || to_date_target(t) != ytd || !at.has_amount || t->kind == TARGET_IMPROVE)
			continue;
		pt->has_target = true;
		pt->target = at.amount;
		cmps[i] = t->cmp;
		if (t != last_t || at.amount != last_amount || at.high != last_high) {
			struct measure shown = *m;
			if ((to_date_target(t) || t->kind == TARGET_RELATIVE) && m->unit != UNIT_DURATION)
				shown.decimals = amount_places_needed(at.amount, m->decimals,
								      m->decimals + 2);
			last_text = pres_amount(p, &shown, at.amount);
			last_high_text = t->kind == TARGET_RANGE ? pres_amount(p, m, at.high) : NULL;
			last_range = last_high_text ? arena_printf(&p->arena, "%s to %s", last_text,
								   last_high_text)
						    : NULL;
			last_t = t;
			last_amount = at.amount;
			last_high = at.high;
		}
		pt->target_text = last_text;
		if (t->kind == TARGET_RANGE) {
			pt->has_high = true;
			pt->high = at.high;
			pt->high_text = last_high_text;
			pt->range_text = last_range;
		}
	}
}

/* The value axis's unit in words, for a chart that shows amounts as plain
 * numbers (the workbook's chart of a chosen measure): the axis's own unit,
 * and a duration in seconds, minutes or hours, as its axis spans. */
static void axis_title(const struct measure *m, struct pres_chart *c)
{
	c->axis_seconds = 0;
	if (m->unit != UNIT_DURATION) {
		c->axis_title = c->axis_unit && *c->axis_unit ? c->axis_unit : "number";
		return;
	}
	double top = fmax(fabs(c->lo), fabs(c->hi));
	c->axis_seconds = top <= 120 ? 1 : top <= 7200 ? 60 : 3600;
	c->axis_title = top <= 120 ? "seconds" : top <= 7200 ? "minutes" : "hours";
}

/* A chart over `n` of the series' points: what is drawn of them, the
 * target's runs, the benchmarks, the axis and the text alternative. */
static void window(struct presentation *p, const struct measure *m, bool ytd,
		   struct pres_point *points, const enum cmp *cmps, size_t n, struct pres_chart *c)
{
	memset(c, 0, sizeof *c);
	c->ytd = ytd;
	bool per_quarter = ytd && m->current->target && m->current->target->per_quarter;
	c->value_name = !ytd ? "Result" : per_quarter ? "Quarter to date" : "Year to date";
	c->target_name = ytd ? "Target to date" : "Target";
	c->points = points;
	c->npoints = n;
	size_t valued = 0;
	for (size_t i = 0; i < n; i++)
		valued += points[i].has_value;
	/* A rating's levels are words, not lengths: they are listed instead. */
	c->drawn = valued >= 2 && m->unit <= UNIT_LAST_NUMERIC;
	/* A benchmark is a period's figure: it says nothing about a year so far. */
	/* A benchmark in words has no line to draw. */
	c->benchmarks = arena_calloc(&p->arena, ytd ? 1 : m->nbenchmarks + 1, sizeof *c->benchmarks);
	c->nbenchmarks = 0;
	for (size_t k = 0; !ytd && k < m->nbenchmarks; k++)
		if (m->benchmarks[k].has_value)
			c->benchmarks[c->nbenchmarks++] = (struct pres_benchmark){
				.label = m->benchmarks[k].label,
				.value = m->benchmarks[k].value,
				.value_text = pres_amount(p, m, m->benchmarks[k].value),
			};
	segments(p, points, n, cmps, c);
	axis(p, m, c);
	year_marks(p, c);
	axis_title(m, c);
	c->alt = alt_text(p, m, c, cmps);
}

/* How many periods a card's chart shows: two years of quarters, a year of
 * months, six years or results. */
static size_t card_periods(const struct measure *m)
{
	switch (m->frequency) {
	case FREQ_QUARTERLY:
		break;
	case FREQ_MONTHLY:
		return PRES_CARD_MONTHS;
	case FREQ_ANNUAL:
	case FREQ_BIENNIAL:
		return PRES_CARD_YEARS;
	}
	return PRES_CARD_QUARTERS;
}

/* See present_internal.h. Both charts end at the judged period, so one
 * series serves them: each is a window on its last periods. A chart's
 * periods follow one another, gaps and all, but for a biennial measure's,
 * which are its results alone. */
void pres_charts_build(struct presentation *p, struct pres_measure *pm)
{
	const struct measure *m = pm->m;
	size_t card = card_periods(m), full, n;
	struct period *pers;
	if (m->frequency == FREQ_BIENNIAL) {
		size_t upto = (size_t)(m->current - m->history) + 1;
		n = full = upto < MAX_POINTS ? upto : MAX_POINTS;
		if (card > n)
			card = n;
		pers = xcalloc(n + 1, sizeof *pers);
		for (size_t i = 0; i < n; i++)
			pers[i] = m->history[upto - n + i].period;
	} else {
		int last = period_index(m->current->period), first = last;
		for (size_t i = 0; i < m->nvalues; i++) {
			int k = period_index(m->values[i].period);
			if (k < first)
				first = k;
		}
		full = (size_t)(last - first + 1);
		if (full > MAX_POINTS)
			full = MAX_POINTS;
		n = full > card ? full : card;
		pers = xcalloc(n + 1, sizeof *pers);
		for (size_t i = 0; i < n; i++)
			pers[i] = period_shift(m->current->period, (int)i - (int)(n - 1));
	}
	struct pres_point *points = arena_calloc(&p->arena, n + 1, sizeof *points);
	enum cmp *cmps = arena_calloc(&p->arena, n + 1, sizeof *cmps);
	bool ytd = plots_ytd(m);
	series(p, pm, ytd, pers, n, points, cmps);
	free(pers);
	window(p, m, ytd, points + (n - card), cmps + (n - card), card, &pm->card);
	window(p, m, ytd, points + (n - full), cmps + (n - full), full, &pm->full);
}
