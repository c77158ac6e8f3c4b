/* The History sheet: tidy data, one row per measure and period, that a pivot
 * table or a data frame reads without cleaning. Each row carries what its
 * status was decided on (the amount compared, the comparison, the target
 * compared, the allowed miss and the variance), so any past status can be
 * worked out again from the sheet alone. */
#include <stdio.h>

#include "period.h"
#include "xlsx.h"

enum col {
	C_ID,
	C_NAME,
	C_GOAL_ID,
	C_GOAL,
	C_UNIT,
	C_PERIOD,
	C_FY,
	C_QUARTER,
	C_START,
	C_END,
	C_ACTUAL,
	C_YTD,
	C_COMPARED,
	C_COMPARISON,
	C_TARGET,
	C_TARGET_HIGH,
	C_ANNUAL,
	C_VARIANCE,
	C_ALLOWED,
	C_STATUS,
	C_REASON,
	C_COMPUTED,
	C_OVERRIDE,
	C_ESTIMATE,
	C_SECOND,
	C_ACTUAL_S,
	C_YTD_S,
	C_COMPARED_S,
	C_TARGET_S,
	C_TARGET_HIGH_S,
	C_ANNUAL_S,
	C_SECOND_S,
	NCOLS
};

static const char *const headers[NCOLS] = {
	[C_ID] = "Measure ID",
	[C_NAME] = "Measure",
	[C_GOAL_ID] = "Goal ID",
	[C_GOAL] = "Goal",
	[C_UNIT] = "Unit",
	[C_PERIOD] = "Period",
	[C_FY] = "Fiscal year",
	[C_QUARTER] = "Quarter",
	[C_START] = "Start",
	[C_END] = "End",
	[C_ACTUAL] = "Actual",
	[C_YTD] = "Year-to-date actual",
	[C_COMPARED] = "Compared amount",
	[C_COMPARISON] = "Comparison",
	[C_TARGET] = "Target compared",
	[C_TARGET_HIGH] = "Target upper end",
	[C_ANNUAL] = "Annual target",
	[C_VARIANCE] = "Variance",
	[C_ALLOWED] = "Allowed miss",
	[C_STATUS] = "Status",
	[C_REASON] = "Status reason",
	[C_COMPUTED] = "Computed status",
	[C_OVERRIDE] = "Override",
	[C_ESTIMATE] = "Estimate",
	[C_SECOND] = "Second figure",
	[C_ACTUAL_S] = "Actual (seconds)",
	[C_YTD_S] = "Year-to-date actual (seconds)",
	[C_COMPARED_S] = "Compared amount (seconds)",
	[C_TARGET_S] = "Target compared (seconds)",
	[C_TARGET_HIGH_S] = "Target upper end (seconds)",
	[C_ANNUAL_S] = "Annual target (seconds)",
	[C_SECOND_S] = "Second figure (seconds)",
};

/* Each amount column's companion in seconds, for durations. */
static const lxw_col_t seconds_of[NCOLS] = {
	[C_ACTUAL] = C_ACTUAL_S, [C_YTD] = C_YTD_S, [C_COMPARED] = C_COMPARED_S,
	[C_TARGET] = C_TARGET_S, [C_TARGET_HIGH] = C_TARGET_HIGH_S, [C_ANNUAL] = C_ANNUAL_S,
	[C_SECOND] = C_SECOND_S,
};

static const double widths[NCOLS] = {
	[C_ID] = 22, [C_NAME] = 40, [C_GOAL_ID] = 16, [C_GOAL] = 22, [C_UNIT] = 9,
	[C_PERIOD] = 11, [C_FY] = 9, [C_QUARTER] = 8, [C_START] = 11, [C_END] = 11,
	[C_ACTUAL] = 14, [C_YTD] = 14, [C_COMPARED] = 14, [C_COMPARISON] = 11, [C_TARGET] = 14,
	[C_ANNUAL] = 14, [C_VARIANCE] = 14, [C_ALLOWED] = 14, [C_STATUS] = 17, [C_REASON] = 30,
	[C_COMPUTED] = 17, [C_OVERRIDE] = 9, [C_ACTUAL_S] = 12, [C_YTD_S] = 12,
	[C_COMPARED_S] = 12, [C_TARGET_S] = 12, [C_ANNUAL_S] = 12, [C_TARGET_HIGH] = 14,
	[C_ESTIMATE] = 9, [C_TARGET_HIGH_S] = 12, [C_SECOND] = 14, [C_SECOND_S] = 12,
};

/* An amount of the measure in column `c`, with its seconds beside. */
static void amount(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, enum col c,
		   const struct measure *m, double v, lxw_format *f)
{
	xlsx_amount_cells(x, ws, row, (lxw_col_t)c, seconds_of[c], m, v, f);
}

/* What the period was judged on: the target's comparison and amounts, the
 * allowed miss, and the variance as a live formula. */
static void judged(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const struct measure *m,
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
	char a[16], b[16], f[96];
	lxw_rowcol_to_cell(a, row, C_COMPARED);
	lxw_rowcol_to_cell(b, row, C_TARGET);
	snprintf(f, sizeof f, "=ROUND((%s-%s)%s,9)", a, b, xlsx_delta_factor(m));
	xlsx_formula(x, ws, row, C_VARIANCE, f, xlsx_delta(m, pe->compared - pe->target_amount),
		     xlsx_amount_format(x, m, XLSX_DELTA, pp->variance_decimals));
}

/* One period of one measure. */
static void history_row(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const struct measure *m,
			const struct pres_period *pp)
{
	const struct period_eval *pe = pp->pe;
	const struct xlsx_period *p = xlsx_period(x, pe->period);

	xlsx_text(x, ws, row, C_ID, m->id, x->text);
	xlsx_text(x, ws, row, C_NAME, m->name, x->text);
	xlsx_text(x, ws, row, C_GOAL_ID, m->goal ? m->goal->id : NULL, x->text);
	xlsx_text(x, ws, row, C_GOAL, m->goal ? m->goal->name : NULL, x->text);
	xlsx_text(x, ws, row, C_UNIT, unit_name(m->unit), x->text);
	xlsx_text(x, ws, row, C_PERIOD, p->id, x->text);
	/* A month's fiscal year and quarter; a year has no quarter, and a
	 * calendar year no one fiscal year unless the fiscal year starts in
	 * January. */
	if (p->has_fy)
		xlsx_number(x, ws, row, C_FY, p->fy, x->integer);
	if (p->quarter)
		xlsx_number(x, ws, row, C_QUARTER, p->quarter, x->integer);
	xlsx_date(x, ws, row, C_START, p->start, x->date);
	xlsx_date(x, ws, row, C_END, p->end, x->date);
	if (pe->has_actual)
		amount(x, ws, row, C_ACTUAL, m, pe->actual, NULL);
	if (pe->has_year_sum)
		amount(x, ws, row, C_YTD, m, pe->year_sum, NULL);
	if (pe->has_compared)
		amount(x, ws, row, C_COMPARED, m, pe->compared, NULL);
	judged(x, ws, row, m, pp);
	xlsx_text(x, ws, row, C_STATUS, pp->status_word, x->status[pe->shown]);
	xlsx_text(x, ws, row, C_REASON, pp->reason, x->text);
	xlsx_text(x, ws, row, C_COMPUTED, x->p->status_label[pe->computed],
		    x->status[pe->computed]);
	xlsx_boolean(x, ws, row, C_OVERRIDE, pe->value && pe->value->has_override);
	xlsx_boolean(x, ws, row, C_ESTIMATE, pp->estimated);
	if (m->second && pe->value && pe->value->has_second)
		amount(x, ws, row, C_SECOND, m->second, pe->value->second, NULL);
}

/* See xlsx.h: History's goal ids, periods and statuses as absolute
 * ranges, for the formulas of Status by period. */
void xlsx_history_ranges(const struct xlsx *x, char *goal, char *period, char *status, size_t n)
{
	size_t rows = 0;
	for (size_t i = 0; i < x->r->nmeasures; i++)
		rows += x->r->measures[i]->nhistory;
	lxw_row_t last = (lxw_row_t)(rows ? rows : 1);
	const lxw_col_t cols[3] = {C_GOAL_ID, C_PERIOD, C_STATUS};
	char *out[3] = {goal, period, status};
	for (int k = 0; k < 3; k++) {
		char a[16], b[16];
		lxw_rowcol_to_cell_abs(a, 1, cols[k], 1, 1);
		lxw_rowcol_to_cell_abs(b, last, cols[k], 1, 1);
		snprintf(out[k], n, "%s!%s:%s", XLSX_HISTORY, a, b);
	}
}

/* Write the History sheet. It has a row per measure and period, most of
 * a large workbook's cells, so it is written a row at a time, each row
 * leaving memory as the next begins (the library's constant_memory mode,
 * 50 MB less at 2,000 measures). The library sets that mode for the whole
 * workbook and has no tables in it, which the other sheets need; it reads
 * the setting when a sheet is added, so it is on for this sheet alone.
 * Rows go in order, the header row first, and filters take the place of
 * a table. */
void xlsx_history(struct xlsx *x)
{
	const struct report *r = x->r;
	x->wb->options.constant_memory = LXW_TRUE;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, XLSX_HISTORY));
	x->wb->options.constant_memory = LXW_FALSE;
	for (lxw_col_t c = 0; c < NCOLS; c++)
		xlsx_string(x, ws, 0, c, headers[c], x->header);
	worksheet_set_row(ws, 0, 30, NULL);
	lxw_row_t row = 0;
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		const struct pres_measure *pm = present_measure(x->p, m);
		for (size_t k = 0; k < m->nhistory; k++)
			history_row(x, ws, ++row, m, &pm->periods[k]);
	}
	xlsx_check(x, worksheet_autofilter(ws, 0, 0, row ? row : 1, NCOLS - 1));
	xlsx_widths(ws, widths, NCOLS, NULL, 1000);
	worksheet_freeze_panes(ws, 1, C_NAME + 1);
	xlsx_print_wide(x, ws, C_NAME, C_SECOND, row ? row : 1);
}
