/* The Measures sheet: one row per measure for the report period, with live
 * variance and change formulas whose values are cached. Every amount of a
 * duration has a companion column in seconds, since a data frame reads
 * spreadsheet times as clock times it cannot subtract. */
#include <math.h>
#include <stdio.h>

#include "xlsx.h"

enum col {
	C_ID,
	C_NAME,
	C_GOAL_ID,
	C_GOAL,
	C_PERIOD,
	C_JUDGED,
	C_FREQUENCY,
	C_CHART,
	C_DEPARTMENT,
	C_UNIT,
	C_DIRECTION,
	C_ACTUAL,
	C_ESTIMATE,
	C_YTD,
	C_YTD_YEAR_AGO,
	C_CHANGE_YTD,
	C_COMPARED,
	C_COMPARISON,
	C_TARGET,
	C_TARGET_HIGH,
	C_ANNUAL,
	C_PER,
	C_VARIANCE,
	C_VARIANCE_PCT,
	C_ALLOWED,
	C_STATUS,
	C_REASON,
	C_COMPUTED,
	C_YEAR_AGO,
	C_CHANGE_YEAR,
	C_TREND_YEAR,
	C_LAST_QUARTER,
	C_CHANGE_QUARTER,
	C_TREND_QUARTER,
	C_TARGETS,
	C_PACE,
	C_BENCHMARK,
	C_SUMMARY,
	C_COMMENTARY,
	C_ACTION,
	C_SECOND_NAME,
	C_SECOND,
	C_SOURCE,
	C_NOTES,
	C_ACTUAL_S,
	C_YTD_S,
	C_YTD_YEAR_AGO_S,
	C_COMPARED_S,
	C_TARGET_S,
	C_TARGET_HIGH_S,
	C_ANNUAL_S,
	C_YEAR_AGO_S,
	C_LAST_QUARTER_S,
	C_SECOND_S,
	NCOLS
};

static const char *const headers[NCOLS] = {
	[C_ID] = "Measure ID",
	[C_NAME] = "Measure",
	[C_GOAL_ID] = "Goal ID",
	[C_GOAL] = "Goal",
	[C_PERIOD] = "Period",
	[C_JUDGED] = "Period judged",
	[C_FREQUENCY] = "Frequency",
	[C_CHART] = "Chart",
	[C_DEPARTMENT] = "Department",
	[C_UNIT] = "Unit",
	[C_DIRECTION] = "Direction",
	[C_ACTUAL] = "Actual",
	[C_ESTIMATE] = "Estimate",
	[C_YTD] = "Year-to-date actual",
	[C_YTD_YEAR_AGO] = "Prior year-to-date",
	[C_CHANGE_YTD] = "Year-to-date change",
	[C_COMPARED] = "Compared amount",
	[C_COMPARISON] = "Comparison",
	[C_TARGET] = "Target compared",
	[C_TARGET_HIGH] = "Target upper end",
	[C_ANNUAL] = "Annual target",
	[C_PER] = "Target per",
	[C_VARIANCE] = "Variance",
	[C_VARIANCE_PCT] = "Variance %",
	[C_ALLOWED] = "Allowed miss",
	[C_STATUS] = "Status",
	[C_REASON] = "Status reason",
	[C_COMPUTED] = "Computed status",
	[C_YEAR_AGO] = "Actual a year ago",
	[C_CHANGE_YEAR] = "Change on a year ago",
	[C_TREND_YEAR] = "Trend on a year ago",
	[C_LAST_QUARTER] = "Actual last quarter",
	[C_CHANGE_QUARTER] = "Change on last quarter",
	[C_TREND_QUARTER] = "Trend on last quarter",
	[C_TARGETS] = "Targets",
	[C_PACE] = "Pace",
	[C_BENCHMARK] = "Benchmark",
	[C_SUMMARY] = "Summary",
	[C_COMMENTARY] = "Commentary",
	[C_ACTION] = "Next steps",
	[C_SECOND_NAME] = "Second figure",
	[C_SECOND] = "Second figure value",
	[C_SOURCE] = "Source",
	[C_NOTES] = "Notes",
	[C_ACTUAL_S] = "Actual (seconds)",
	[C_YTD_S] = "Year-to-date actual (seconds)",
	[C_YTD_YEAR_AGO_S] = "Prior year-to-date (seconds)",
	[C_COMPARED_S] = "Compared amount (seconds)",
	[C_TARGET_S] = "Target compared (seconds)",
	[C_TARGET_HIGH_S] = "Target upper end (seconds)",
	[C_ANNUAL_S] = "Annual target (seconds)",
	[C_YEAR_AGO_S] = "Actual a year ago (seconds)",
	[C_LAST_QUARTER_S] = "Actual last quarter (seconds)",
	[C_SECOND_S] = "Second figure value (seconds)",
};

/* Each amount column's companion in seconds, for durations. */
static const lxw_col_t seconds_of[NCOLS] = {
	[C_ACTUAL] = C_ACTUAL_S, [C_YTD] = C_YTD_S, [C_YTD_YEAR_AGO] = C_YTD_YEAR_AGO_S,
	[C_COMPARED] = C_COMPARED_S, [C_TARGET] = C_TARGET_S, [C_TARGET_HIGH] = C_TARGET_HIGH_S,
	[C_ANNUAL] = C_ANNUAL_S,
	[C_YEAR_AGO] = C_YEAR_AGO_S, [C_LAST_QUARTER] = C_LAST_QUARTER_S, [C_SECOND] = C_SECOND_S,
};

static const double widths[NCOLS] = {
	[C_ID] = 22, [C_NAME] = 40, [C_GOAL_ID] = 16, [C_GOAL] = 22, [C_PERIOD] = 11,
	[C_JUDGED] = 11, [C_FREQUENCY] = 11, [C_CHART] = 8, [C_ESTIMATE] = 9,
	[C_TARGET_HIGH] = 14, [C_PER] = 9, [C_TARGETS] = 40, [C_PACE] = 24, [C_TARGET_HIGH_S] = 12, [C_DEPARTMENT] = 22, [C_UNIT] = 9, [C_DIRECTION] = 15, [C_ACTUAL] = 14,
	[C_YTD] = 14, [C_YTD_YEAR_AGO] = 14, [C_CHANGE_YTD] = 15, [C_COMPARED] = 14,
	[C_COMPARISON] = 11, [C_TARGET] = 14, [C_ANNUAL] = 14, [C_VARIANCE] = 15,
	[C_VARIANCE_PCT] = 11, [C_ALLOWED] = 14, [C_STATUS] = 17, [C_REASON] = 30,
	[C_COMPUTED] = 17, [C_YEAR_AGO] = 14, [C_CHANGE_YEAR] = 15, [C_TREND_YEAR] = 11,
	[C_LAST_QUARTER] = 14, [C_CHANGE_QUARTER] = 15, [C_TREND_QUARTER] = 11,
	[C_BENCHMARK] = 30, [C_SUMMARY] = 40, [C_COMMENTARY] = 60, [C_ACTION] = 50,
	[C_SECOND_NAME] = 18, [C_SECOND] = 14, [C_SOURCE] = 30, [C_NOTES] = 50,
	[C_ACTUAL_S] = 12, [C_YTD_S] = 12, [C_YTD_YEAR_AGO_S] = 12, [C_COMPARED_S] = 12,
	[C_TARGET_S] = 12, [C_ANNUAL_S] = 12, [C_YEAR_AGO_S] = 12, [C_LAST_QUARTER_S] = 12,
	[C_SECOND_S] = 12,
};

/* A cell name such as "J2". */
static const char *cell(char *buf, lxw_row_t row, enum col c)
{
	lxw_rowcol_to_cell(buf, row, (lxw_col_t)c);
	return buf;
}

/* An amount of the measure in column `c`, with its seconds beside. */
static void amount(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, enum col c,
		   const struct measure *m, double v, lxw_format *f)
{
	xlsx_amount_cells(x, ws, row, (lxw_col_t)c, seconds_of[c], m, v, f);
}

/* A live difference of two columns in the unit's differences, its value
 * cached. Rounded to nine places as amounts are decided: the stored amounts
 * are decimals a double holds only nearly (0.87 - 0.8 is 0.06999...), and a
 * difference must show as the cached one does, even on a rounding edge. */
static void difference(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, enum col into,
		       enum col from, enum col minus, const struct measure *m, double cached,
		       lxw_format *f)
{
	char a[16], b[16], formula[96];
	snprintf(formula, sizeof formula, "=ROUND((%s-%s)%s,9)", cell(a, row, from), cell(b, row, minus),
		 xlsx_delta_factor(m));
	xlsx_formula(x, ws, row, (lxw_col_t)into, formula, xlsx_delta(m, cached), f);
}

/* What a target without per= is for: one period of the measure's. */
static const char *per_word(const struct measure *m, const struct target *t)
{
	if (t->per_year)
		return "year";
	if (t->per_quarter)
		return "quarter";
	switch (m->frequency) {
	case FREQ_QUARTERLY:
		break;
	case FREQ_MONTHLY:
		return "month";
	case FREQ_ANNUAL:
		return "year";
	case FREQ_BIENNIAL:
		return "two years";
	}
	return "quarter";
}

/* The target columns: the comparison, the amount compared (a range's
 * lower end, and its upper end), the year's amount where the target is
 * annual, the allowed miss and the variance. */
static void target(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const struct measure *m,
		   const struct pres_period *pp)
{
	const struct period_eval *pe = pp->pe;
	const struct target *t = pe->target;
	if (!t || !pe->has_target)
		return;
	xlsx_text(x, ws, row, C_COMPARISON, xlsx_comparison(x, t), x->text);
	amount(x, ws, row, C_TARGET, m, pe->target_amount, xlsx_target_format(x, m, pp));
	if (t->kind == TARGET_RANGE)
		amount(x, ws, row, C_TARGET_HIGH, m, pe->target_high, NULL);
	if (t->per_year)
		amount(x, ws, row, C_ANNUAL, m, t->amount, NULL);
	xlsx_text(x, ws, row, C_PER, per_word(m, t), x->text);
	xlsx_number(x, ws, row, C_ALLOWED, xlsx_delta(m, pe->tolerance),
		    xlsx_amount_format(x, m, XLSX_MISS, pp->miss_decimals));
	/* A range has no one amount to miss by. */
	if (!pe->has_compared || t->kind == TARGET_RANGE)
		return;
	/* Levels are words, which no formula subtracts: their variance is a
	 * number of levels. */
	if (xlsx_worded(m)) {
		xlsx_number(x, ws, row, C_VARIANCE, pe->compared - pe->target_amount,
			    xlsx_unit_format(x, m, XLSX_DELTA));
		return;
	}
	difference(x, ws, row, C_VARIANCE, C_COMPARED, C_TARGET, m,
		   pe->compared - pe->target_amount,
		   xlsx_amount_format(x, m, XLSX_DELTA, pp->variance_decimals));
	if (pe->target_amount != 0) {
		char a[16], b[16], f[96];
		snprintf(f, sizeof f, "=ROUND((%s-%s)/ABS(%s),9)", cell(a, row, C_COMPARED),
			 cell(b, row, C_TARGET), b);
		xlsx_formula(x, ws, row, C_VARIANCE_PCT, f,
			     xlsx_round9((pe->compared - pe->target_amount) / fabs(pe->target_amount)),
			     x->ratio);
	}
}

/* An earlier period's actual (whenever it has one, even if the report
 * period has none), the change to now and its trend. */
static void change(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const struct measure *m,
		   const struct change *ch, const struct pres_change *pc, enum col now, enum col prev,
		   enum col delta, int trend)
{
	if (!ch->has_previous)
		return;
	amount(x, ws, row, prev, m, ch->previous, NULL);
	if (!ch->available)
		return;
	if (pc && trend >= 0)
		xlsx_text(x, ws, row, (lxw_col_t)trend, pc->trend_word, x->text);
	/* Levels are words: their difference is a number of levels, not a
	 * formula. */
	if (xlsx_worded(m)) {
		xlsx_number(x, ws, row, delta, ch->delta, xlsx_unit_format(x, m, XLSX_DELTA));
		return;
	}
	difference(x, ws, row, delta, now, prev, m, ch->delta, xlsx_unit_format(x, m, XLSX_DELTA));
}

/* Write wrapped text; returns the lines it needs in its column. */
static int wrapped(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, enum col c, const char *s)
{
	xlsx_text(x, ws, row, c, s, x->wrap);
	return xlsx_text_lines(s, widths[c]);
}

/* The larger of two line counts. */
static int most(int a, int b)
{
	return a > b ? a : b;
}

/* One measure's row. */
static void measure_row(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const struct measure *m)
{
	const struct period_eval *pe = m->current;
	const struct pres_measure *pm = present_measure(x->p, m);

	xlsx_text(x, ws, row, C_ID, m->id, x->text);
	int lines = wrapped(x, ws, row, C_NAME, m->name);
	xlsx_text(x, ws, row, C_GOAL_ID, m->goal ? m->goal->id : NULL, x->text);
	xlsx_text(x, ws, row, C_GOAL, m->goal ? m->goal->name : NULL, x->text);
	/* The report's period, so a quarter's extract stacks on the last; the
	 * measure's own latest, which it is judged on, beside it. */
	xlsx_text(x, ws, row, C_PERIOD, xlsx_period(x, x->r->period)->id, x->text);
	xlsx_text(x, ws, row, C_JUDGED, pm->current->period_id, x->text);
	xlsx_text(x, ws, row, C_FREQUENCY, frequency_name(m->frequency), x->text);
	xlsx_chart_link(x, ws, row, C_CHART, m);
	xlsx_text(x, ws, row, C_DEPARTMENT, m->department, x->text);
	xlsx_text(x, ws, row, C_UNIT, unit_name(m->unit), x->text);
	xlsx_text(x, ws, row, C_DIRECTION, pm->direction, x->text);
	lines = most(lines, wrapped(x, ws, row, C_TARGETS, pm->targets_text));
	xlsx_text(x, ws, row, C_PACE, pm->pace, x->text);
	lines = most(lines, wrapped(x, ws, row, C_BENCHMARK, pm->benchmarks));
	lines = most(lines, wrapped(x, ws, row, C_SUMMARY, pm->sentence));
	lines = most(lines, wrapped(x, ws, row, C_COMMENTARY, xlsx_paras_text(x, &m->commentary)));
	lines = most(lines, wrapped(x, ws, row, C_ACTION, xlsx_paras_text(x, &m->action)));
	xlsx_text(x, ws, row, C_SECOND_NAME, pm->second_label, x->text);
	if (m->second && pe->value && pe->value->has_second)
		amount(x, ws, row, C_SECOND, m->second, pe->value->second, NULL);
	lines = most(lines, wrapped(x, ws, row, C_SOURCE, pm->source));
	const struct paras notes = {m->notes, m->nnotes};
	lines = most(lines, wrapped(x, ws, row, C_NOTES, xlsx_paras_text(x, &notes)));

	/* The period's figure: its actual, or an estimate until there is one. */
	if (pe->has_actual)
		amount(x, ws, row, C_ACTUAL, m, pe->actual, NULL);
	xlsx_boolean(x, ws, row, C_ESTIMATE, pm->estimated);
	if (pe->has_year_sum)
		amount(x, ws, row, C_YTD, m, pe->year_sum, NULL);
	change(x, ws, row, m, &m->ytd_vs_last_year, NULL, C_YTD, C_YTD_YEAR_AGO, C_CHANGE_YTD, -1);
	if (pe->has_compared)
		amount(x, ws, row, C_COMPARED, m, pe->compared, NULL);
	target(x, ws, row, m, pm->current);
	xlsx_text(x, ws, row, C_STATUS, pm->status_word, x->status[pe->shown]);
	lines = most(lines, wrapped(x, ws, row, C_REASON, pm->reason));
	if (pe->computed != pe->shown)
		xlsx_text(x, ws, row, C_COMPUTED, x->p->status_label[pe->computed],
			    x->status[pe->computed]);
	change(x, ws, row, m, &m->vs_last_year, &pm->vs_last_year, C_ACTUAL, C_YEAR_AGO,
	       C_CHANGE_YEAR, C_TREND_YEAR);
	change(x, ws, row, m, &m->vs_last_quarter, &pm->vs_last_quarter, C_ACTUAL, C_LAST_QUARTER,
	       C_CHANGE_QUARTER, C_TREND_QUARTER);
	xlsx_fit_row(ws, row, lines);
}

/* Write the Measures sheet. */
void xlsx_measures(struct xlsx *x)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, XLSX_MEASURES));
	xlsx_table(x, ws, XLSX_MEASURE_TABLE, 0, (lxw_row_t)r->nmeasures, headers, NCOLS);
	worksheet_set_row(ws, 0, 30, NULL);
	for (size_t i = 0; i < r->nmeasures; i++)
		measure_row(x, ws, (lxw_row_t)(1 + i), r->measures[i]);
	xlsx_widths(ws, widths, NCOLS, x->wrap, 30);
	worksheet_freeze_panes(ws, 1, C_NAME + 1);
	xlsx_print_wide(x, ws, C_NAME, C_NOTES, (lxw_row_t)(r->nmeasures ? r->nmeasures : 1));
}
