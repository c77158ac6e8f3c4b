/* The Breakdown sheet: tidy data, one row per measure, period and part,
 * for the measures whose results are broken down (by district, by
 * division). Left out of a workbook with no breakdown. A duration's
 * parts have their seconds beside them, as on every sheet. */
#include "xlsx.h"

enum col { C_ID, C_NAME, C_GOAL, C_PERIOD, C_JUDGED, C_BY, C_PART, C_UNIT, C_ACTUAL, C_ACTUAL_S, NCOLS };

static const char *const headers[NCOLS] = {
	[C_ID] = "Measure ID",
	[C_NAME] = "Measure",
	[C_GOAL] = "Goal",
	[C_PERIOD] = "Period",
	[C_JUDGED] = "Period judged",
	[C_BY] = "Breakdown",
	[C_PART] = "Part",
	[C_UNIT] = "Unit",
	[C_ACTUAL] = "Actual",
	[C_ACTUAL_S] = "Actual (seconds)",
};

static const double widths[NCOLS] = {
	[C_ID] = 22, [C_NAME] = 40, [C_GOAL] = 22, [C_PERIOD] = 11, [C_JUDGED] = 9,
	[C_BY] = 16, [C_PART] = 26, [C_UNIT] = 9, [C_ACTUAL] = 14, [C_ACTUAL_S] = 12,
};

/* Whether any measure's values have parts. */
static bool any_parts(const struct report *r)
{
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		for (size_t k = 0; k < m->nvalues; k++)
			if (m->values[k].nparts > 0)
				return true;
	}
	return false;
}

/* Write the Breakdown sheet, if the report has a breakdown. */
void xlsx_breakdown(struct xlsx *x)
{
	const struct report *r = x->r;
	if (!any_parts(r))
		return;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, "Breakdown"));
	lxw_row_t row = 0;
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		const struct pres_measure *pm = present_measure(x->p, m);
		for (size_t k = 0; k < m->nhistory; k++) {
			const struct period_eval *pe = &m->history[k];
			if (!pe->value)
				continue;
			for (size_t j = 0; j < pe->value->nparts; j++) {
				const struct value_part *pt = &pe->value->parts[j];
				row++;
				xlsx_string(x, ws, row, C_ID, m->id, x->text);
				xlsx_string(x, ws, row, C_NAME, m->name, x->text);
				xlsx_string(x, ws, row, C_GOAL, m->goal ? m->goal->name : NULL, x->text);
				xlsx_string(x, ws, row, C_PERIOD, pm->periods[k].period_id, x->text);
				xlsx_boolean(x, ws, row, C_JUDGED, pe == m->current);
				xlsx_string(x, ws, row, C_BY, m->breakdown, x->text);
				xlsx_string(x, ws, row, C_PART, pt->label, x->text);
				xlsx_string(x, ws, row, C_UNIT, unit_name(m->unit), x->text);
				if (pt->has_actual)
					xlsx_amount_cells(x, ws, row, C_ACTUAL, C_ACTUAL_S, m,
							  pt->actual, NULL);
			}
		}
	}
	xlsx_table(x, ws, "BreakdownTable", 0, row, headers, NCOLS);
	xlsx_widths(ws, widths, NCOLS, NULL, 1000);
	worksheet_set_row(ws, 0, 30, NULL);
	worksheet_freeze_panes(ws, 1, C_NAME + 1);
	xlsx_print_setup(ws, true);
}
