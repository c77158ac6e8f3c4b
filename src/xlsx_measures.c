/* The Measures sheet: one row per measure for the report period, with live
 * variance and change formulas whose values are cached. */
#include <math.h>
#include <stdio.h>

#include "xlsx.h"

enum col {
	C_GOAL,
	C_ID,
	C_NAME,
	C_DEPARTMENT,
	C_UNIT,
	C_DIRECTION,
	C_COMPARISON,
	C_TARGET,
	C_PER,
	C_ACTUAL,
	C_YTD,
	C_PRORATED,
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
	C_BENCHMARK,
	C_BENCHMARK_VALUE,
	C_SUMMARY,
	C_COMMENTARY,
	C_ACTION,
	C_FREQUENCY,
	C_JUDGED,
	C_ESTIMATE,
	C_TARGET_HIGH,
	C_TARGETS,
	C_PACE,
	C_SECOND_NAME,
	C_SECOND,
	C_SOURCE,
	C_NOTES,
	NCOLS
};

static const char *const headers[NCOLS] = {
	[C_GOAL] = "Goal",
	[C_ID] = "Measure ID",
	[C_NAME] = "Measure",
	[C_DEPARTMENT] = "Department",
	[C_UNIT] = "Unit",
	[C_DIRECTION] = "Direction",
	[C_COMPARISON] = "Comparison",
	[C_TARGET] = "Target",
	[C_PER] = "Target per",
	[C_ACTUAL] = "Actual",
	[C_YTD] = "Year-to-date actual",
	[C_PRORATED] = "Pro-rated target",
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
	[C_BENCHMARK] = "Benchmark",
	[C_BENCHMARK_VALUE] = "Benchmark value",
	[C_SUMMARY] = "Summary",
	[C_COMMENTARY] = "Commentary",
	[C_ACTION] = "Next steps",
	[C_FREQUENCY] = "Frequency",
	[C_JUDGED] = "Period judged",
	[C_ESTIMATE] = "Estimate",
	[C_TARGET_HIGH] = "Target upper end",
	[C_TARGETS] = "Targets",
	[C_PACE] = "Pace",
	[C_SECOND_NAME] = "Second figure",
	[C_SECOND] = "Second figure value",
	[C_SOURCE] = "Source",
	[C_NOTES] = "Notes",
};

static const double widths[NCOLS] = {
	[C_GOAL] = 22, [C_ID] = 22, [C_NAME] = 40, [C_DEPARTMENT] = 22, [C_UNIT] = 9,
	[C_DIRECTION] = 15, [C_COMPARISON] = 11, [C_TARGET] = 14, [C_PER] = 9,
	[C_ACTUAL] = 14, [C_YTD] = 14, [C_PRORATED] = 14, [C_VARIANCE] = 15,
	[C_VARIANCE_PCT] = 11, [C_ALLOWED] = 14, [C_STATUS] = 17, [C_REASON] = 30, [C_COMPUTED] = 17,
	[C_YEAR_AGO] = 14, [C_CHANGE_YEAR] = 15, [C_TREND_YEAR] = 11, [C_LAST_QUARTER] = 14,
	[C_CHANGE_QUARTER] = 15, [C_TREND_QUARTER] = 11, [C_BENCHMARK] = 30,
	[C_BENCHMARK_VALUE] = 14, [C_SUMMARY] = 40, [C_COMMENTARY] = 60, [C_ACTION] = 50,
	[C_FREQUENCY] = 11, [C_JUDGED] = 14, [C_ESTIMATE] = 9, [C_TARGET_HIGH] = 14,
	[C_TARGETS] = 40, [C_PACE] = 24, [C_SECOND_NAME] = 18, [C_SECOND] = 14, [C_SOURCE] = 30,
	[C_NOTES] = 50,
};

/* What a target without per= is for: one period of the measure's. */
static const char *xlsx_per_word(const struct measure *m)
{
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

/* A cell name such as "J2". */
static const char *cell(char *buf, lxw_row_t row, enum col c)
{
	lxw_rowcol_to_cell(buf, row, (lxw_col_t)c);
	return buf;
}

/* The variance columns: compared amount against the target that applied. */
static void variance(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const struct measure *m,
		     const struct period_eval *pe)
{
	/* A range has no one amount to miss by; an improvement's is the
	 * result before. */
	if (!pe->has_compared || !pe->has_target || pe->target->kind == TARGET_RANGE ||
	    xlsx_worded(m))
		return;
	/* An annual target compares the year to date with the pro-rated
	 * target; any other compares the quarter's actual with the target. */
	enum col got = pe->ytd ? C_YTD : C_ACTUAL;
	enum col want = pe->ytd ? C_PRORATED : C_TARGET;
	char a[16], b[16], f[96];
	cell(a, row, got);
	cell(b, row, want);
	snprintf(f, sizeof f, "=(%s-%s)%s", a, b, xlsx_delta_factor(m));
	xlsx_formula(x, ws, row, C_VARIANCE, f, xlsx_delta(m, pe->compared - pe->target_amount),
		     xlsx_unit_format(x, m, XLSX_DELTA));
	if (pe->target_amount != 0) {
		snprintf(f, sizeof f, "=(%s-%s)/ABS(%s)", a, b, b);
		xlsx_formula(x, ws, row, C_VARIANCE_PCT, f,
			     (pe->compared - pe->target_amount) / fabs(pe->target_amount), x->ratio);
	}
}

/* An earlier period's actual (whenever it has one, even if the report
 * period has none), the change to now and its trend. */
static void change(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const struct measure *m,
		   const struct change *ch, const struct pres_change *pc, enum col prev,
		   enum col delta, enum col trend)
{
	if (!ch->has_previous)
		return;
	xlsx_value(x, ws, row, prev, m, ch->previous,
		    xlsx_unit_format(x, m, XLSX_VALUE));
	if (!ch->available)
		return;
	xlsx_string(x, ws, row, trend, pc->trend_word, x->text);
	/* Levels are words: their difference is a number of levels, not a
	 * formula. */
	if (xlsx_worded(m)) {
		xlsx_number(x, ws, row, delta, ch->delta, xlsx_unit_format(x, m, XLSX_DELTA));
		return;
	}
	char a[16], b[16], f[96];
	snprintf(f, sizeof f, "=(%s-%s)%s", cell(a, row, C_ACTUAL), cell(b, row, prev),
		 xlsx_delta_factor(m));
	xlsx_formula(x, ws, row, delta, f, xlsx_delta(m, ch->delta),
		     xlsx_unit_format(x, m, XLSX_DELTA));
}

/* Write wrapped text; returns the lines it needs in its column. */
static int wrapped(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, enum col c, const char *s)
{
	xlsx_string(x, ws, row, c, s, x->wrap);
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
	lxw_format *val = xlsx_unit_format(x, m, XLSX_VALUE);
	const struct period_eval *pe = m->current;
	const struct pres_measure *pm = present_measure(x->p, m);

	xlsx_string(x, ws, row, C_GOAL, m->goal ? m->goal->name : NULL, x->text);
	xlsx_string(x, ws, row, C_ID, m->id, x->text);
	int lines = wrapped(x, ws, row, C_NAME, m->name);
	xlsx_string(x, ws, row, C_DEPARTMENT, m->department, x->text);
	xlsx_string(x, ws, row, C_UNIT, unit_name(m->unit), x->text);
	xlsx_string(x, ws, row, C_DIRECTION, pm->direction, x->text);
	lines = most(lines, wrapped(x, ws, row, C_BENCHMARK, pm->benchmarks));
	if (m->nbenchmarks > 0)
		xlsx_value(x, ws, row, C_BENCHMARK_VALUE, m, m->benchmarks[0].value,
			    val);
	lines = most(lines, wrapped(x, ws, row, C_SUMMARY, pm->sentence));
	lines = most(lines, wrapped(x, ws, row, C_COMMENTARY, xlsx_paras_text(x, &m->commentary)));
	lines = most(lines, wrapped(x, ws, row, C_ACTION, xlsx_paras_text(x, &m->action)));

	const struct target *t = pe->target;
	if (t && pe->has_target) {
		xlsx_string(x, ws, row, C_COMPARISON,
			    t->kind == TARGET_RANGE ? "between" : present_cmp_words(t->cmp), x->text);
		/* A target to date is the year's (the part due is Pro-rated
		 * target); any other is the amount the period was judged on. */
		if (pe->ytd)
			xlsx_value(x, ws, row, C_TARGET, m, t->amount, val);
		else
			xlsx_value(x, ws, row, C_TARGET, m, pe->target_amount,
				    xlsx_target_format(x, m, pm->current));
		if (t->kind == TARGET_RANGE)
			xlsx_value(x, ws, row, C_TARGET_HIGH, m, pe->target_high, val);
		xlsx_string(x, ws, row, C_PER,
			    t->per_year ? "year" : t->per_quarter ? "quarter" : xlsx_per_word(m),
			    x->text);
	}
	xlsx_string(x, ws, row, C_FREQUENCY, frequency_name(m->frequency), x->text);
	xlsx_string(x, ws, row, C_JUDGED, pm->current->period_id, x->text);
	xlsx_boolean(x, ws, row, C_ESTIMATE, pm->estimated);
	lines = most(lines, wrapped(x, ws, row, C_TARGETS, pm->targets_text));
	xlsx_string(x, ws, row, C_PACE, pm->pace, x->text);
	xlsx_string(x, ws, row, C_SECOND_NAME, pm->second_label, x->text);
	if (m->second && pe->value && pe->value->has_second)
		xlsx_value(x, ws, row, C_SECOND, m->second, pe->value->second,
			   xlsx_unit_format(x, m->second, XLSX_VALUE));
	lines = most(lines, wrapped(x, ws, row, C_SOURCE, pm->source));
	const struct paras notes = {m->notes, m->nnotes};
	lines = most(lines, wrapped(x, ws, row, C_NOTES, xlsx_paras_text(x, &notes)));
	if (pe->has_actual)
		xlsx_value(x, ws, row, C_ACTUAL, m, pe->actual, val);
	if (pe->ytd && pe->has_compared)
		xlsx_value(x, ws, row, C_YTD, m, pe->compared, val);
	if (pe->ytd && pe->has_target)
		xlsx_value(x, ws, row, C_PRORATED, m, pe->target_amount,
			    xlsx_target_format(x, m, pm->current));
	variance(x, ws, row, m, pe);
	if (pe->has_target && t->kind != TARGET_IMPROVE)
		xlsx_number(x, ws, row, C_ALLOWED, xlsx_delta(m, pe->tolerance),
			    xlsx_unit_format(x, m, XLSX_MISS));
	xlsx_string(x, ws, row, C_STATUS, pm->status_word, x->status[pe->shown]);
	lines = most(lines, wrapped(x, ws, row, C_REASON, pm->reason));
	if (pe->computed != pe->shown)
		xlsx_string(x, ws, row, C_COMPUTED, x->p->status_label[pe->computed],
			    x->status[pe->computed]);
	/* The actual columns compare with the period's own figure, which the
	 * Actual column holds (an estimate where there is no actual yet). */
	change(x, ws, row, m, &m->vs_last_year, &pm->vs_last_year, C_YEAR_AGO, C_CHANGE_YEAR,
	       C_TREND_YEAR);
	change(x, ws, row, m, &m->vs_last_quarter, &pm->vs_last_quarter, C_LAST_QUARTER,
	       C_CHANGE_QUARTER, C_TREND_QUARTER);
	xlsx_fit_row(ws, row, lines);
}

/* Write the Measures sheet. */
void xlsx_measures(struct xlsx *x)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, "Measures"));
	for (size_t i = 0; i < r->nmeasures; i++)
		measure_row(x, ws, (lxw_row_t)(1 + i), r->measures[i]);
	xlsx_table(x, ws, "MeasureTable", 0, (lxw_row_t)r->nmeasures, headers, NCOLS);
	/* Variance compares the year to date on some rows and the quarter on
	 * others; that is intended, so Excel should not flag the differences. */
	char range[32];
	lxw_rowcol_to_range(range, 1, C_VARIANCE, (lxw_row_t)(r->nmeasures ? r->nmeasures : 1),
			    C_CHANGE_QUARTER);
	xlsx_check(x, worksheet_ignore_errors(ws, LXW_IGNORE_FORMULA_DIFFERS, range));
	xlsx_widths(ws, widths, NCOLS, x->wrap, 30);
	worksheet_set_row(ws, 0, 30, NULL);
	worksheet_freeze_panes(ws, 1, C_NAME + 1);
	xlsx_print_setup(ws, true);
}
