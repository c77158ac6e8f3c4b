/* The About sheet: where the workbook came from, the status legend, the
 * rules that decide a status, and how numbers are stored. */
#include <stdio.h>
#include <string.h>

#include "eval.h"
#include "version.h"
#include "xlsx.h"

/* Characters of rule text that fit on one line of the merged B:D range. */
#define LINE_CHARS 95.0

/* A label and a value; returns the next row. */
static lxw_row_t fact(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const char *label,
		      const char *value)
{
	if (!value)
		return row;
	xlsx_string(x, ws, row, 0, label, x->label);
	xlsx_string(x, ws, row, 1, value, x->text);
	return row + 1;
}

/* A named rule over the merged columns B:D, tall enough for its text. */
static lxw_row_t rule(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const char *name,
		      lxw_format *name_format, const char *text)
{
	xlsx_string(x, ws, row, 0, name, name_format);
	xlsx_check(x, worksheet_merge_range(ws, row, 1, row, 3, text, x->wrap));
	/* Merged cells never grow to fit their text, so size the row here. */
	int lines = (int)(strlen(text) / LINE_CHARS) + 1;
	worksheet_set_row(ws, row, 15.0 * lines + 2, NULL);
	return row + 1;
}

/* The status legend: symbol, label, the data file's word and the meaning. */
static lxw_row_t legend(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row)
{
	xlsx_string(x, ws, row++, 0, "Status legend", x->heading);
	xlsx_string(x, ws, row, 0, "Symbol", x->label);
	xlsx_string(x, ws, row, 1, "Status", x->label);
	xlsx_string(x, ws, row, 2, "In the data file", x->label);
	xlsx_string(x, ws, row, 3, "Meaning", x->label);
	row++;
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = xlsx_status_order[i];
		xlsx_string(x, ws, row, 0, xlsx_status_symbol(s), x->swatch[s]);
		xlsx_string(x, ws, row, 1, xlsx_status_label(x, s), x->status[s]);
		xlsx_string(x, ws, row, 2, status_name(s), x->text);
		xlsx_string(x, ws, row, 3, xlsx_status_meaning(s), x->wrap);
		row++;
	}
	return row + 1;
}

/* The status rules in words, with this report's default tolerance. */
static lxw_row_t rules(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row)
{
	const struct report *r = x->r;
	const char *tol = r->tolerance.relative
				  ? arena_printf(&x->scratch, "%g%% of the target", r->tolerance.amount)
				  : arena_printf(&x->scratch, "%g in the measure's unit",
						 r->tolerance.amount);
	xlsx_string(x, ws, row++, 0, "How a status is decided", x->heading);
	row = rule(x, ws, row, "Compared amount", x->label,
		   "The period's actual. Where a target is per year, the year-to-date sum of the "
		   "fiscal year's actuals up to and including the period, compared with the "
		   "target pro-rated as target \u00d7 quarter \u00f7 4; a quarter of that year "
		   "without an actual makes the period No Data.");
	row = rule(x, ws, row, xlsx_status_label(x, STATUS_MET), x->status[STATUS_MET],
		   "The comparison holds: at least (\u2265), more than (>), at most (\u2264), "
		   "less than (<) the target.");
	row = rule(x, ws, row, xlsx_status_label(x, STATUS_UNDER), x->status[STATUS_UNDER],
		   "Not met, but the miss (how far the compared amount falls on the wrong side "
		   "of the target) is within the tolerance. An amount equal to a 'more than' or "
		   "'less than' target is in this group.");
	row = rule(x, ws, row, xlsx_status_label(x, STATUS_NOT_MET), x->status[STATUS_NOT_MET],
		   "The miss is larger than the tolerance.");
	row = rule(x, ws, row, xlsx_status_label(x, STATUS_NO_DATA), x->status[STATUS_NO_DATA],
		   "No actual for the period, or no target applies to it.");
	row = rule(x, ws, row, "Tolerance", x->label,
		   arena_printf(&x->scratch,
				"%s unless a measure sets its own. A percentage is a share of the "
				"target compared (for an annual target, the pro-rated one); any other "
				"tolerance is an amount in the measure's unit. The Measures sheet's "
				"Allowed miss column gives each measure's tolerance as an amount.",
				tol));
	row = rule(x, ws, row, "Equality", x->label,
		   "Exact on the numbers as written: durations in whole seconds, other amounts "
		   "after rounding to 9 decimal places.");
	row = rule(x, ws, row, "Override", x->label,
		   "A status written in the data file is shown instead of the computed one; the "
		   "Measures sheet gives the computed status where they differ, the History "
		   "sheet always.");
	row = rule(x, ws, row, "Trend", x->label,
		   "The report period's actual against the same quarter a year before and "
		   "against the previous quarter: better, worse or unchanged in the measure's "
		   "direction.");
	return row + 1;
}

/* How amounts of each unit are stored, so formulas give the right numbers. */
static lxw_row_t storage(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row)
{
	xlsx_string(x, ws, row++, 0, "How numbers are stored", x->heading);
	row = rule(x, ws, row, "Percent", x->label,
		   "Fractions shown with a percent format: 81% is stored as 0.81. Differences "
		   "(variance, change) are percentage points: 81% against 75% is 6 pts.");
	row = rule(x, ws, row, "Duration", x->label,
		   "Spreadsheet times (fractions of a day) shown as m:ss, or h:mm:ss from one "
		   "hour up. Differences of durations are whole seconds, since spreadsheets "
		   "cannot show a negative time.");
	row = rule(x, ws, row, "Other units", x->label,
		   "Counts, numbers, minutes and currency are plain numbers in the unit, with "
		   "the decimals the data file gives; currency carries its sign in the format "
		   "only.");
	row = rule(x, ws, row, "Variance", x->label,
		   "The compared amount minus the target that applied (live formulas); "
		   "Variance % is that difference as a share of the target.");
	row = rule(x, ws, row, "Dates", x->label,
		   "Period start and end dates are real dates, in the fiscal calendar of the "
		   "data file.");
	return row;
}

/* Write the About sheet. */
void xlsx_about(struct xlsx *x)
{
	const struct report *r = x->r;
	const struct style *st = x->st;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, "About"));
	lxw_row_t row = 0;

	xlsx_string(x, ws, row++, 0, "About this workbook", x->title);
	row++;
	row = fact(x, ws, row, "Report", r->title);
	row = fact(x, ws, row, "Organization", r->organization);
	if (r->period_label)
		row = fact(x, ws, row, "Report period",
			   arena_printf(&x->scratch, "%s (%s)", r->period_label,
					r->period_dates ? r->period_dates : ""));
	const char *base = r->path ? strrchr(r->path, '/') : NULL;
	row = fact(x, ws, row, "Source file", base ? base + 1 : r->path);
	row = fact(x, ws, row, "Generated by", "qreport " QREPORT_VERSION);
	row = fact(x, ws, row, "Layout", st && st->name ? st->name : "default");
	row++;
	row = legend(x, ws, row);
	row = rules(x, ws, row);
	storage(x, ws, row);

	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 1, 22, NULL);
	worksheet_set_column(ws, 2, 2, 16, NULL);
	worksheet_set_column(ws, 3, 3, 70, NULL);
	xlsx_print_setup(ws, false);
}
