/* The History sheet: tidy data, one row per measure and period, that a pivot
 * table or a data frame reads without cleaning. */
#include "period.h"
#include "xlsx.h"

enum col {
	C_ID,
	C_NAME,
	C_GOAL,
	C_UNIT,
	C_PERIOD,
	C_FY,
	C_QUARTER,
	C_START,
	C_END,
	C_ACTUAL,
	C_TARGET,
	C_COMPARED,
	C_STATUS,
	C_REASON,
	C_COMPUTED,
	C_OVERRIDE,
	C_ESTIMATE,
	C_SECOND,
	NCOLS
};

static const char *const headers[NCOLS] = {
	[C_ID] = "Measure ID",
	[C_NAME] = "Measure",
	[C_GOAL] = "Goal",
	[C_UNIT] = "Unit",
	[C_PERIOD] = "Period",
	[C_FY] = "Fiscal year",
	[C_QUARTER] = "Quarter",
	[C_START] = "Start",
	[C_END] = "End",
	[C_ACTUAL] = "Actual",
	[C_TARGET] = "Target",
	[C_COMPARED] = "Compared amount",
	[C_STATUS] = "Status",
	[C_REASON] = "Status reason",
	[C_COMPUTED] = "Computed status",
	[C_OVERRIDE] = "Override",
	[C_ESTIMATE] = "Estimate",
	[C_SECOND] = "Second figure",
};

static const double widths[NCOLS] = {
	[C_ID] = 22, [C_NAME] = 40, [C_GOAL] = 22, [C_UNIT] = 9, [C_PERIOD] = 11,
	[C_FY] = 9, [C_QUARTER] = 8, [C_START] = 11, [C_END] = 11, [C_ACTUAL] = 14,
	[C_TARGET] = 14, [C_COMPARED] = 14, [C_STATUS] = 17, [C_REASON] = 30, [C_COMPUTED] = 17,
	[C_OVERRIDE] = 9, [C_ESTIMATE] = 9, [C_SECOND] = 14,
};

/* One period of one measure. */
static void history_row(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const struct measure *m,
			const struct pres_period *pp)
{
	const struct period_eval *pe = pp->pe;
	lxw_format *val = xlsx_unit_format(x, m, XLSX_VALUE);
	const struct xlsx_period *p = xlsx_period(x, pe->period);

	xlsx_string(x, ws, row, C_ID, m->id, x->text);
	xlsx_string(x, ws, row, C_NAME, m->name, x->text);
	xlsx_string(x, ws, row, C_GOAL, m->goal ? m->goal->name : NULL, x->text);
	xlsx_string(x, ws, row, C_UNIT, unit_name(m->unit), x->text);
	xlsx_string(x, ws, row, C_PERIOD, p->id, x->text);
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
		xlsx_value(x, ws, row, C_ACTUAL, m, pe->actual, val);
	if (pe->has_target)
		xlsx_value(x, ws, row, C_TARGET, m, pe->target_amount,
			    xlsx_target_format(x, m, pp));
	if (pe->has_compared)
		xlsx_value(x, ws, row, C_COMPARED, m, pe->compared, val);
	xlsx_string(x, ws, row, C_STATUS, pp->status_word, x->status[pe->shown]);
	xlsx_string(x, ws, row, C_REASON, pp->reason, x->text);
	xlsx_string(x, ws, row, C_COMPUTED, x->p->status_label[pe->computed],
		    x->status[pe->computed]);
	xlsx_boolean(x, ws, row, C_OVERRIDE, pe->value && pe->value->has_override);
	xlsx_boolean(x, ws, row, C_ESTIMATE, pp->estimated);
	if (m->second && pe->value && pe->value->has_second)
		xlsx_value(x, ws, row, C_SECOND, m->second, pe->value->second,
			   xlsx_unit_format(x, m->second, XLSX_VALUE));
}

/* Write the History sheet. */
void xlsx_history(struct xlsx *x)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, "History"));
	lxw_row_t row = 0;
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		const struct pres_measure *pm = present_measure(x->p, m);
		for (size_t k = 0; k < m->nhistory; k++)
			history_row(x, ws, ++row, m, &pm->periods[k]);
	}
	xlsx_table(x, ws, "HistoryTable", 0, row, headers, NCOLS);
	xlsx_widths(ws, widths, NCOLS, NULL, 1000);
	worksheet_set_row(ws, 0, 30, NULL);
	worksheet_freeze_panes(ws, 1, C_NAME + 1);
	xlsx_print_setup(ws, true);
}
