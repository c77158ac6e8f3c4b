/* The Initiatives sheet: tidy data, one row per initiative and milestone
 * (an initiative without milestones has one row). Left out of a workbook
 * with no initiatives. */
#include "xlsx.h"

enum col {
	C_GOAL,
	C_ID,
	C_NAME,
	C_DEPARTMENT,
	C_STATUS,
	C_MILESTONE,
	C_DUE,
	C_MILESTONE_STATUS,
	C_OVERDUE,
	C_SUMMARY,
	NCOLS
};

static const char *const headers[NCOLS] = {
	[C_GOAL] = "Goal",
	[C_ID] = "Initiative ID",
	[C_NAME] = "Initiative",
	[C_DEPARTMENT] = "Department",
	[C_STATUS] = "Status",
	[C_MILESTONE] = "Milestone",
	[C_DUE] = "Due",
	[C_MILESTONE_STATUS] = "Milestone status",
	[C_OVERDUE] = "Overdue",
	[C_SUMMARY] = "Summary",
};

static const double widths[NCOLS] = {
	[C_GOAL] = 22, [C_ID] = 22, [C_NAME] = 36, [C_DEPARTMENT] = 20, [C_STATUS] = 13,
	[C_MILESTONE] = 36, [C_DUE] = 15, [C_MILESTONE_STATUS] = 16, [C_OVERDUE] = 9,
	[C_SUMMARY] = 50,
};

/* Write the Initiatives sheet, if the report has initiatives. */
void xlsx_initiatives(struct xlsx *x)
{
	const struct report *r = x->r;
	if (r->ninitiatives == 0)
		return;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, "Initiatives"));
	lxw_row_t row = 0;
	for (size_t i = 0; i < r->ninitiatives; i++) {
		const struct initiative *in = r->initiatives[i];
		const struct pres_initiative *pi = &x->p->initiatives[i];
		size_t n = pi->nmilestones ? pi->nmilestones : 1;
		for (size_t k = 0; k < n; k++) {
			row++;
			xlsx_string(x, ws, row, C_GOAL, in->goal ? in->goal->name : NULL, x->text);
			xlsx_string(x, ws, row, C_ID, in->id, x->text);
			xlsx_string(x, ws, row, C_NAME, in->name, x->text);
			xlsx_string(x, ws, row, C_DEPARTMENT, in->department, x->text);
			xlsx_string(x, ws, row, C_STATUS, pi->status_word, x->text);
			xlsx_string(x, ws, row, C_SUMMARY, pi->summary, x->text);
			if (pi->nmilestones == 0)
				continue;
			const struct pres_milestone *pm = &pi->milestones[k];
			xlsx_string(x, ws, row, C_MILESTONE, pm->text, x->text);
			xlsx_string(x, ws, row, C_DUE, pm->due, x->text);
			xlsx_string(x, ws, row, C_MILESTONE_STATUS, pm->status_word, x->text);
			xlsx_boolean(x, ws, row, C_OVERDUE, pm->ms->overdue);
		}
	}
	xlsx_table(x, ws, "InitiativeTable", 0, row, headers, NCOLS);
	xlsx_widths(ws, widths, NCOLS, NULL, 1000);
	worksheet_set_row(ws, 0, 30, NULL);
	worksheet_freeze_panes(ws, 1, C_NAME + 1);
	xlsx_print_setup(ws, true);
}
