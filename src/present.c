/* The presentation of the report as a whole: status labels and meanings,
 * part titles, the period as readers see it, status counts in words and the
 * rules of the legend. Each measure's words are made in present_measure.c,
 * its charts in present_chart.c. */
#include "present.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "present_internal.h"

#define TEXT_MAX 512

/* The labels of the seed's dashboard icons, used when there is no layout. */
static const char *const default_label[STATUS_COUNT] = {
	[STATUS_NO_DATA] = "No Data",
	[STATUS_MET] = "Goal Met",
	[STATUS_UNDER] = "Under Goal",
	[STATUS_NOT_MET] = "Goal Not Met",
};

/* What each status means, by the data file format's rules. */
static const char *const meaning[STATUS_COUNT] = {
	[STATUS_MET] = "The result meets the target.",
	[STATUS_UNDER] = "The result misses the target, but by no more than the tolerance.",
	[STATUS_NOT_MET] = "The result misses the target by more than the tolerance.",
	/* One literal: a compiler may take two adjacent ones for a missing comma. */
	[STATUS_NO_DATA] = "No result was reported for the quarter, or the measure has no target to compare it with.",
};

static const char *const part_titles[PART_COUNT] = {
	[PART_COVER] = "Cover",
	[PART_CONTENTS] = "Contents",
	[PART_GLANCE] = "At a glance",
	[PART_NARRATIVE] = "Highlights",
	[PART_GOALS] = "Goal areas",
	[PART_APPENDIX] = "Appendix: every measure",
};

/* "at least", "more than", "at most", "less than" */
const char *present_cmp_words(enum cmp c)
{
	switch (c) {
	case CMP_AT_LEAST:
		return "at least";
	case CMP_MORE_THAN:
		return "more than";
	case CMP_AT_MOST:
		return "at most";
	case CMP_LESS_THAN:
		return "less than";
	}
	return "";
}

/* See present.h. */
const char *present_target_cmp_words(const struct target *t)
{
	if (t->kind != TARGET_RANGE)
		return present_cmp_words(t->cmp);
	bool strict_low = t->cmp == CMP_MORE_THAN, strict_high = t->cmp_high == CMP_LESS_THAN;
	if (strict_low && strict_high)
		return "more than; less than";
	if (strict_low)
		return "more than; at most";
	if (strict_high)
		return "at least; less than";
	return "between";
}

/* See present.h: as amount_format decides. */
int present_amount_places(const struct measure *m, double v)
{
	if (m->unit == UNIT_MINUTES && !m->decimals_given)
		return amount_places_needed(v, 0, m->decimals);
	return m->decimals;
}

/* See present.h: "10", "0.00001", "1,250.5", through the amount formatter
 * with as many places as the number has (up to nine). */
void present_plain_number(double v, char *buf, size_t n)
{
	struct measure plain = {.unit = UNIT_NUMBER};
	plain.decimals = amount_places_needed(v, 0, 9);
	amount_format(&plain, v, buf, n);
}

/* See present_internal.h. */
void pres_buf_add(struct pres_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k <= 0)
		return;
	if (b->n + (size_t)k + 1 > b->cap) {
		b->cap = (b->cap ? b->cap * 2 : 256) + (size_t)k;
		b->s = xrealloc(b->s, b->cap);
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
	va_end(ap);
	b->n += (size_t)k;
}

/* See present_internal.h. */
const char *pres_buf_finish(struct presentation *p, struct pres_buf *b)
{
	const char *s = arena_strndup(&p->arena, b->s ? b->s : "", b->n);
	free(b->s);
	*b = (struct pres_buf){0};
	return s;
}

/* The shared words, by period (index and kind) in an open-addressed table. */
struct pres_cache {
	struct pres_period_words *slots;
	size_t cap, n; /* cap is a power of two, kept at least twice n. */
};

/* The slot for `index`: its own, or the empty one where it would go. */
static struct pres_period_words *slot_of(struct pres_cache *c, int key)
{
	size_t i = ((size_t)(unsigned)key * 2654435761u) & (c->cap - 1);
	while (c->slots[i].key != -1 && c->slots[i].key != key)
		i = (i + 1) & (c->cap - 1);
	return &c->slots[i];
}

/* Double the table, keeping every entry. */
static void cache_grow(struct pres_cache *c)
{
	struct pres_period_words *old = c->slots;
	size_t n = c->cap;
	c->cap = n ? n * 2 : 64;
	c->slots = xmalloc(c->cap * sizeof *c->slots);
	for (size_t i = 0; i < c->cap; i++)
		c->slots[i].key = -1;
	for (size_t i = 0; i < n; i++)
		if (old[i].key != -1)
			*slot_of(c, old[i].key) = old[i];
	free(old);
}

/* See present_internal.h. */
const struct pres_period_words *pres_period_words(struct presentation *p, struct period per)
{
	struct pres_cache *c = p->cache;
	if (2 * (c->n + 1) > c->cap)
		cache_grow(c);
	/* Indexes count within a kind (a month's year * 12 + month, at most
	 * about 120,000), so four times one and its kind stay apart. */
	int key = period_index(per) * 4 + (int)per.kind;
	struct pres_period_words *w = slot_of(c, key);
	if (w->key == key)
		return w;
	char buf[TEXT_MAX];
	w->key = key;
	period_id(per, buf, sizeof buf);
	w->id = arena_strdup(&p->arena, buf);
	period_label(per, buf, sizeof buf);
	w->label = arena_strdup(&p->arena, buf);
	/* A year of months fits a card only by their initials; labels and
	 * text alternatives name them in full. */
	static const char *const months = "JFMAMJJASOND";
	w->group = NULL;
	w->group_starts = false;
	switch (per.kind) {
	case PERIOD_QUARTER:
		w->tick = arena_printf(&p->arena, "Q%d", per.quarter);
		w->group = arena_printf(&p->arena, "FY%02d", ((per.fy % 100) + 100) % 100);
		w->group_starts = per.quarter == 1;
		break;
	case PERIOD_MONTH:
		w->tick = arena_strndup(&p->arena, months + per.month - 1, 1);
		w->group = arena_printf(&p->arena, "%d", per.year);
		w->group_starts = per.month == 1;
		break;
	case PERIOD_FISCAL_YEAR:
		w->tick = arena_printf(&p->arena, "FY%02d", ((per.fy % 100) + 100) % 100);
		break;
	case PERIOD_CALENDAR_YEAR:
		w->tick = arena_printf(&p->arena, "%d", per.year);
		break;
	}
	c->n++;
	return w;
}

/* A period as readers see it: "Q1 FY2018". */
const char *pres_period_label(struct presentation *p, struct period per)
{
	return pres_period_words(p, per)->label;
}

/* An amount of a measure as readers see it, in the arena. */
const char *pres_amount(struct presentation *p, const struct measure *m, double v)
{
	char buf[TEXT_MAX];
	amount_format_as(m, v, p->amount_how, buf, sizeof buf);
	return arena_strdup(&p->arena, buf);
}

/* The same without a unit word, for an axis that names its unit. */
const char *pres_amount_bare(struct presentation *p, const struct measure *m, double v)
{
	char buf[TEXT_MAX];
	amount_format_as(m, v, p->amount_how | AMOUNT_BARE, buf, sizeof buf);
	return arena_strdup(&p->arena, buf);
}

/* Counts in words: each status's count and chip, and the sentence
 * "7 measures: 3 Goal Met, 4 Goal Not Met" (zero counts left out). */
static void counts_words(struct presentation *p, const int *counts, size_t total,
			 struct pres_counts *out)
{
	out->n = counts;
	out->total = total;
	const char *s = arena_printf(&p->arena, "%zu measure%s", total, total == 1 ? "" : "s");
	bool first = true;
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status st = p->order[i];
		out->count[st] = arena_printf(&p->arena, "%d", counts[st]);
		out->chip[st] = arena_printf(&p->arena, "%d %s", counts[st], p->status_label[st]);
		if (counts[st] == 0)
			continue;
		s = arena_printf(&p->arena, "%s%s%s", s, first ? ": " : ", ", out->chip[st]);
		first = false;
	}
	out->sentence = s;
}

/* A tolerance as readers see it: "10% of the target", or an amount in the
 * measure's unit ("0:30"). The report's default has no unit of its own. */
const char *pres_tolerance(struct presentation *p, const struct measure *m, struct tolerance t)
{
	char buf[TEXT_MAX];
	if (t.relative || !m) {
		present_plain_number(t.amount, buf, sizeof buf);
		return arena_printf(&p->arena, t.relative ? "%s%% of the target" : "%s", buf);
	}
	amount_format_size(m, t.amount, buf, sizeof buf);
	return arena_strdup(&p->arena, buf);
}

/* The tolerance paragraph, naming the measures that set their own. */
static const char *tolerance_rule(struct presentation *p)
{
	const struct report *r = p->r;
	enum { SHOW = 12 };
	size_t own = 0;
	const char *names = "";
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		if (!m->has_tolerance)
			continue;
		if (own < SHOW)
			names = arena_printf(&p->arena, "%s%s%s (%s)", names, own ? "; " : "", m->name,
					     pres_tolerance(p, m, m->tolerance));
		own++;
	}
	const char *deflt = pres_tolerance(p, NULL, r->tolerance);
	const char *under = p->status_label[STATUS_UNDER];
	if (own == 0)
		return arena_printf(&p->arena, "Tolerance: a result is %s when it misses its target "
				    "by no more than %s. Every measure in this report uses that "
				    "tolerance.", under, deflt);
	const char *more = own > SHOW ? arena_printf(&p->arena, "; and %zu more", own - SHOW) : "";
	return arena_printf(&p->arena, "Tolerance: a result is %s when it misses its target by no "
			    "more than %s, unless the measure sets its own tolerance. %zu measure%s "
			    "set%s their own: %s%s.", under, deflt, own, own == 1 ? "" : "s",
			    own == 1 ? "s" : "", names, more);
}

/* A list of rules from a table, in the arena. */
static struct pres_rule *rule_list(struct presentation *p, const struct pres_rule *from, size_t n)
{
	struct pres_rule *to = arena_calloc(&p->arena, n, sizeof *to);
	memcpy(to, from, n * sizeof *to);
	return to;
}

/* How a status is decided and how the workbook stores numbers, term by
 * term, for analysts. */
static void rules(struct presentation *p)
{
	const struct report *r = p->r;
	const char *tol = pres_tolerance(p, NULL, r->tolerance);
	if (!r->tolerance.relative)
		tol = arena_printf(&p->arena, "%s in the measure's unit", tol);
	const struct pres_rule status[] = {
		{"Compared amount",
		 "The period's actual. Where a target is per year, the year-to-date sum of the fiscal "
		 "year's actuals up to and including the period, compared with the target pro-rated "
		 "as target \u00d7 quarter \u00f7 4; a quarter of that year without an actual makes "
		 "the period No Data."},
		{p->status_label[STATUS_MET], "The comparison holds: at least (\u2265), more than "
					      "(>), at most (\u2264), less than (<) the target."},
		{p->status_label[STATUS_UNDER],
		 "Not met, but the miss (how far the compared amount falls on the wrong side of the "
		 "target) is within the tolerance. An amount equal to a 'more than' or 'less than' "
		 "target is in this group."},
		{p->status_label[STATUS_NOT_MET], "The miss is larger than the tolerance."},
		{p->status_label[STATUS_NO_DATA],
		 "No actual for the period, or no target applies to it; the Status reason column "
		 "says which."},
		{"Tolerance",
		 arena_printf(&p->arena,
			      "%s unless a measure sets its own. A percentage is a share of the "
			      "target compared (for an annual target, the pro-rated one); any other "
			      "tolerance is an amount in the measure's unit. The Measures sheet's "
			      "Allowed miss column gives each measure's tolerance as an amount.",
			      tol)},
		{"Equality", "Exact on the numbers as written: durations in whole seconds, other "
			     "amounts after rounding to 9 decimal places."},
		{"Override", "A status written in the data file is shown instead of the computed "
			     "one; the Measures sheet gives the computed status where they differ, "
			     "the History sheet always."},
		{"Trend", "The report period's actual against the same quarter a year before and "
			  "against the previous quarter: better, worse or unchanged in the measure's "
			  "direction."},
	};
	p->nrules = sizeof status / sizeof status[0];
	p->rules = rule_list(p, status, p->nrules);
	const struct pres_rule storage[] = {
		{"Percent", "Fractions shown with a percent format: 81% is stored as 0.81. "
			    "Differences (variance, change) are percentage points: 81% against 75% "
			    "is 6 pts."},
		{"Duration", "Spreadsheet times (fractions of a day) shown as m:ss, or h:mm:ss from "
			     "one hour up. Differences of durations are whole seconds, since "
			     "spreadsheets cannot show a negative time."},
		{"Other units", "Counts, numbers, minutes and currency are plain numbers in the unit, "
				"with the decimals the data file gives; currency carries its sign in "
				"the format only."},
		{"Variance", "The compared amount minus the target compared (live formulas), in "
			     "the unit's differences; Variance % is that difference as a share of "
			     "the target."},
		{"Dates", "Period start and end dates are real dates, in the fiscal calendar of the "
			  "data file."},
		{"Seconds", "Each column of durations has a companion column in seconds, as plain "
			    "numbers, for scripts: a data frame reads spreadsheet times as clock "
			    "times it cannot subtract."},
		{"Targets", "Target compared is the amount a period's result is compared with; for "
			    "an annual target it is the pro-rated share, and Annual target gives the "
			    "whole year's. With Comparison, Compared amount, Allowed miss and Variance, "
			    "each History row holds all its status was decided on."},
		{"Year to date", "For a measure whose quarters add up: the sum of the fiscal year's "
				 "actuals up to the period, and on the Measures sheet the same sum a "
				 "year before and the change."},
		{"Counts", "The Summary and Status by period counts are COUNTIFS formulas over the "
			   "Measures and History tables, so they follow a status changed there."},
		{"Charts", "A chart per goal shows the measure chosen in the box above it, as plain "
			   "numbers in the unit its legend names; the figures behind every measure's "
			   "chart are on the Chart data sheet."},
	};
	p->nstorage_rules = sizeof storage / sizeof storage[0];
	p->storage_rules = rule_list(p, storage, p->nstorage_rules);
}

/* The report's own words: period, dates, publication, title and counts. */
static void report_words(struct presentation *p)
{
	const struct report *r = p->r;
	char buf[TEXT_MAX];
	p->period_label = pres_period_label(p, r->period);
	period_dates_label(r->period, r->calendar, buf, sizeof buf);
	p->period_dates = arena_strdup(&p->arena, buf);
	if (r->has_published) {
		date_long_label(r->published, buf, sizeof buf);
		p->published_date = arena_strdup(&p->arena, buf);
		p->published = arena_printf(&p->arena, "Published %s", buf);
	}
	/* A title that names whose report and which quarter, as a reader
	 * choosing among a city's PDFs needs. */
	p->doc_title = arena_printf(&p->arena, "%s: %s, %s", r->organization ? r->organization : "",
				    r->title ? r->title : "", p->period_label);
	p->doc_subject = arena_printf(&p->arena, "Quarterly performance report, %s", p->period_label);
	struct pres_buf kw = {0};
	pres_buf_add(&kw, "performance measures; quarterly report; %s", p->period_label);
	if (r->plan)
		pres_buf_add(&kw, "; %s", r->plan);
	for (size_t g = 0; g < r->ngoals; g++)
		pres_buf_add(&kw, "; %s", r->goals[g].name);
	p->doc_keywords = pres_buf_finish(p, &kw);
	counts_words(p, r->counts, r->nmeasures, &p->counts);
	p->goal_counts = arena_calloc(&p->arena, r->ngoals + 1, sizeof *p->goal_counts);
	for (size_t g = 0; g < r->ngoals; g++)
		counts_words(p, r->goals[g].counts, r->goals[g].nmeasures, &p->goal_counts[g]);
	p->glance_intro = arena_printf(&p->arena, "%s, %s. %s in %zu goal area%s.", p->period_label,
				       p->period_dates, p->counts.sentence, r->ngoals,
				       r->ngoals == 1 ? "" : "s");
	p->appendix_intro = arena_printf(&p->arena,
					 "Every measure in the report with its status for %s.",
					 p->period_label);
	p->appendix_links = "Select a measure's name to go to its card.";
	p->no_measures = "No measures are reported for this goal this quarter.";
	p->chart_gap = "n/a";
	p->contents_continued = arena_printf(&p->arena, "%s (continued)", p->part_title[PART_CONTENTS]);
	p->goal_kicker = "Goal area";
	p->legend_title = "How to read this report";
	p->plan_label = "Strategic plan";
	p->goal_continued = arena_calloc(&p->arena, r->ngoals + 1, sizeof *p->goal_continued);
	p->goal_chart_alt = arena_calloc(&p->arena, r->ngoals + 1, sizeof *p->goal_chart_alt);
	for (size_t g = 0; g < r->ngoals; g++) {
		p->goal_continued[g] = arena_printf(&p->arena, "%s (continued)", r->goals[g].name);
		p->goal_chart_alt[g] = arena_printf(&p->arena,
						    "Chart of the %s measure chosen in the box beside "
						    "it: its results, target and benchmarks by "
						    "quarter, as the cells beside the chart list them.",
						    r->goals[g].name);
	}
	p->no_result_mark = "\u2014";
	p->estimate_word = "estimate";
	p->no_change = "no comparison";
	p->no_charts = "No measure has two or more periods with data yet.";
	p->chart_pick_title = "Measure";
	p->chart_pick_help = "Pick one of this goal's measures to see its chart.";
	p->chart_amount_axis = "Amount (unit in the legend)";
	p->chart_no_benchmark = "(no benchmark)";
	p->chart_link_help = "Its goal's chart: pick the measure in the box above the chart.";

	bool ytd = false, override = false, own = false, estimate = false, phased = false;
	bool earlier = false, range = false, improve = false, named = false;
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		const struct period_eval *cur = m->current;
		ytd |= cur && cur->ytd;
		override |= cur && cur->value && cur->value->has_override;
		own |= m->frequency != FREQ_QUARTERLY || m->lag > 0;
		estimate |= cur && cur->has_actual && cur->estimated;
		phased |= cur && cur->ytd && cur->target->per_year &&
			  (cur->target->phasing || m->aggregation == AGG_CUMULATIVE);
		for (size_t k = 0; k < m->ntargets; k++) {
			const struct target *t = &m->targets[k];
			earlier |= t->kind == TARGET_RELATIVE;
			range |= t->kind == TARGET_RANGE;
			improve |= t->kind == TARGET_IMPROVE;
			named |= t->reference;
		}
	}
	p->tolerance_rule = tolerance_rule(p);
	p->ytd_rule = ytd ? "Annual targets: where a target is set for the whole year, the total "
			    "so far this year is compared with the share of the target due by the "
			    "end of the quarter: a quarter of it after the first quarter, half after "
			    "the second, and so on."
			  : NULL;
	p->override_rule = override ? "Reported status: where the data gives a status for the "
				      "quarter, that status is shown, and the measure's card says "
				      "what the numbers alone would give."
				    : NULL;
	p->period_rule = own ? "Measures reported monthly, yearly or every two years are shown at "
			       "their own latest result that has ended by the end of the quarter "
			       "(as of that month or year), and so are measures whose results "
			       "come in arrears, up to as many periods behind as the measure "
			       "allows; a result older than that is shown, but the status is No "
			       "Data."
			     : NULL;
	p->estimate_rule = estimate ? "Estimates: where a period has no actual yet, its estimate "
				      "or preliminary figure is shown and judged, marked estimate."
				    : NULL;
	p->phasing_rule = phased ? "Planned targets: where a year's target is planned in uneven "
				   "parts, or results are already totals so far, the total is "
				   "compared with the part of the target the plan says is due by the "
				   "end of the period; met is on pace."
				 : NULL;
	const char *kinds = "";
	if (earlier)
		kinds = "A target set by an earlier result (the previous period, the same period a "
			"year before, or an average of several) is worked out from that result, with "
			"the change the target asks for. ";
	if (range)
		kinds = arena_printf(&p->arena, "%sA range is met inside it; a result outside is "
				     "judged against the end it passes. ", kinds);
	if (improve)
		kinds = arena_printf(&p->arena, "%sA target to do better than the period before is "
				     "met when the result is better, under when it is the same, and "
				     "not met when it is worse. ", kinds);
	if (named)
		kinds = arena_printf(&p->arena, "%sWhere a measure has several targets, the one "
				     "that decides the status is named, and the others are shown as "
				     "reached or not. ", kinds);
	p->target_rule = *kinds ? arena_printf(&p->arena, "Targets: %.*s", (int)strlen(kinds) - 1,
					       kinds)
				: NULL;
	rules(p);
}

/* What the comparisons compare, said once for the report: the cards leave
 * out a comparison with a quarter that has no result, and where no measure
 * has one at all, that is the whole of it. */
static void change_words(struct presentation *p)
{
	bool any = false, left_out = false;
	for (size_t i = 0; i < p->r->nmeasures; i++) {
		const struct pres_measure *pm = &p->measures[i];
		any |= !pm->vs_last_year.says_little || !pm->vs_last_quarter.says_little;
		/* A comparison the measure's frequency has no period for is not
		 * left out: it never was. */
		left_out |= (pm->vs_last_year.applies && pm->vs_last_year.says_little) ||
			    (pm->vs_last_quarter.applies && pm->vs_last_quarter.says_little);
		p->shows_last_year |= pm->vs_last_year.available;
	}
	if (!any) {
		struct period year = period_shift(p->r->period, -4);
		struct period quarter = period_shift(p->r->period, -1);
		p->change_rule = arena_printf(&p->arena, "No measure has a result for %s (a year "
					      "earlier) or %s (the quarter before), so no result is "
					      "compared with an earlier one.",
					      pres_period_label(p, year), pres_period_label(p, quarter));
		return;
	}
	p->change_rule = arena_printf(&p->arena, "Changes compare the quarter with the same quarter "
				      "a year earlier and with the quarter before it. Better or worse "
				      "follows the direction of the target: for a response time, lower "
				      "is better.%s", left_out ? " Where the earlier quarter has no "
				      "result, the card leaves that comparison out." : "");
}

/* See present.h. */
struct presentation *present_report(const struct report *r, const struct style *st)
{
	struct presentation *p = xcalloc(1, sizeof *p);
	arena_init(&p->arena);
	p->cache = xcalloc(1, sizeof *p->cache);
	p->r = r;
	static const enum status order[STATUS_COUNT] = {STATUS_MET, STATUS_UNDER, STATUS_NOT_MET,
							STATUS_NO_DATA};
	memcpy(p->order, order, sizeof order);
	for (int s = 0; s < STATUS_COUNT; s++) {
		p->status_label[s] = st && st->status_label[s] ? st->status_label[s] : default_label[s];
		p->status_meaning[s] = meaning[s];
	}
	for (int k = 0; k < PART_COUNT; k++)
		p->part_title[k] = part_titles[k];
	if (st && st->negative_parentheses)
		p->amount_how |= AMOUNT_PARENTHESES;
	report_words(p);
	pres_page_words(p);
	p->measures = arena_calloc(&p->arena, r->nmeasures + 1, sizeof *p->measures);
	for (size_t i = 0; i < r->nmeasures; i++)
		pres_measure_build(p, r->measures[i], &p->measures[i]);
	change_words(p);
	pres_initiatives_build(p);
	pres_press_build(p, st);
	return p;
}

/* See present.h. */
void present_free(struct presentation *p)
{
	if (!p)
		return;
	free(p->cache->slots);
	free(p->cache);
	arena_free(&p->arena);
	free(p);
}
