/* The Summary sheet: what the report is, and each goal's statuses with a chart. */
#include <stdio.h>
#include <string.h>

#include "xlsx.h"

#define SHEET "Summary"
#define NCOLS (2 + STATUS_COUNT) /* Goal, one column per status, Total. */

/* A label and its text on one row; returns the next row. */
static lxw_row_t fact(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const char *label,
		      const char *value)
{
	if (!value)
		return row;
	xlsx_string(x, ws, row, 0, label, x->label);
	xlsx_string(x, ws, row, 1, value, x->text);
	return row + 1;
}

/* A label and a date on one row; returns the next row. */
static lxw_row_t fact_date(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const char *label,
			   struct date d)
{
	xlsx_string(x, ws, row, 0, label, x->label);
	xlsx_date(x, ws, row, 1, d, x->date);
	return row + 1;
}

/* Table headers must differ; a layout could give two statuses one label. */
static const char *unique_header(struct xlsx *x, const char **names, int n, const char *want)
{
	const char *name = want;
	for (int k = 2;; k++) {
		bool clash = false;
		for (int i = 0; i < n; i++)
			if (strcmp(names[i], name) == 0)
				clash = true;
		if (!clash)
			return name;
		name = arena_printf(&x->scratch, "%s (%d)", want, k);
	}
}

/* The stacked bar chart of statuses per goal, in the status colours. */
static void goal_chart(struct xlsx *x, lxw_worksheet *ws, lxw_row_t head, size_t ngoals)
{
	lxw_chart *chart = xlsx_need(x, workbook_add_chart(x->wb, LXW_CHART_BAR_STACKED));
	lxw_row_t first = head + 1, last = (lxw_row_t)(head + ngoals);
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = x->p->order[i];
		lxw_col_t col = (lxw_col_t)(1 + i);
		lxw_chart_series *ser = xlsx_need(x, chart_add_series(chart, NULL, NULL));
		chart_series_set_categories(ser, SHEET, first, 0, last, 0);
		chart_series_set_values(ser, SHEET, first, col, last, col);
		chart_series_set_name_range(ser, SHEET, head, col);
		struct rgb c = x->st ? x->st->status_color[s] : (struct rgb){0.5, 0.5, 0.5};
		lxw_chart_fill fill = {.color = xlsx_color(c)};
		chart_series_set_fill(ser, &fill);
	}
	chart_title_set_name(chart, "Measures by status and goal");
	/* In a bar chart the library's y axis holds the categories (goals),
	 * listed bottom up; reversed, the first goal is on top. */
	chart_axis_set_reverse(chart->y_axis);
	chart_axis_set_crossing_max(chart->y_axis); /* Keeps the counts along the bottom. */
	chart_axis_set_name(chart->x_axis, "Measures");
	int most = 0;
	for (size_t g = 0; g < ngoals; g++)
		if ((int)x->r->goals[g].nmeasures > most)
			most = (int)x->r->goals[g].nmeasures;
	if (most <= 10)
		chart_axis_set_major_unit(chart->x_axis, 1); /* Whole measures, not 0.5. */
	chart_axis_set_num_format(chart->x_axis, "0");
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	chart_set_series_gap(chart, 60);

	double rows = ngoals < 6 ? 6 : (double)ngoals;
	lxw_chart_options opt = {.x_scale = 1.3, .y_scale = rows / 6.0 > 1 ? rows / 6.0 : 1};
	xlsx_check(x, worksheet_insert_chart_opt(ws, 0, NCOLS + 1, chart, &opt));
}

/* Write the Summary sheet. */
void xlsx_summary(struct xlsx *x)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, SHEET));
	lxw_row_t row = 0;

	xlsx_string(x, ws, row++, 0, r->title, x->title);
	if (r->subtitle)
		xlsx_string(x, ws, row++, 0, r->subtitle, x->subtitle);
	row++;
	row = fact(x, ws, row, "Organization", r->organization);
	row = fact(x, ws, row, "Plan", r->plan);
	row = fact(x, ws, row, "Report period", x->p->period_label);
	row = fact(x, ws, row, "Period dates", x->p->period_dates);
	row = fact_date(x, ws, row, "Period start", r->period_start);
	row = fact_date(x, ws, row, "Period end", r->period_end);
	if (r->has_published)
		row = fact_date(x, ws, row, "Published", r->published);
	row++;

	xlsx_string(x, ws, row++, 0, "Measures by status and goal", x->heading);
	lxw_row_t head = row;
	const char *names[NCOLS];
	int n = 0;
	names[n++] = "Goal";
	for (int i = 0; i < STATUS_COUNT; i++) {
		const char *want = x->p->status_label[x->p->order[i]];
		names[n] = unique_header(x, names, n, want);
		n++;
	}
	names[n] = unique_header(x, names, n, "Total");
	n++;

	char f[96], a[16], b[16];
	for (size_t g = 0; g < r->ngoals; g++) {
		const struct goal *goal = &r->goals[g];
		row = (lxw_row_t)(head + 1 + g);
		xlsx_string(x, ws, row, 0, goal->name, x->text);
		int total = 0;
		for (int i = 0; i < STATUS_COUNT; i++) {
			int c = goal->counts[x->p->order[i]];
			xlsx_number(x, ws, row, (lxw_col_t)(1 + i), c, x->integer);
			total += c;
		}
		lxw_rowcol_to_cell(a, row, 1);
		lxw_rowcol_to_cell(b, row, STATUS_COUNT);
		snprintf(f, sizeof f, "=SUM(%s:%s)", a, b);
		xlsx_formula(x, ws, row, NCOLS - 1, f, total, x->integer);
	}
	lxw_row_t last = (lxw_row_t)(head + r->ngoals);
	xlsx_table(x, ws, "GoalStatus", head, last, names, NCOLS);
	if (last == head)
		last = head + 1; /* The table's empty row. */

	/* Totals sit below the table so that sorting the goals leaves them be. */
	row = last + 1;
	xlsx_string(x, ws, row, 0, "All goals", x->label);
	int all = 0;
	for (lxw_col_t c = 1; c < NCOLS; c++) {
		double cached;
		if (c < NCOLS - 1) {
			cached = r->counts[x->p->order[c - 1]];
			all += r->counts[x->p->order[c - 1]];
		} else {
			cached = all;
		}
		lxw_rowcol_to_cell(a, head + 1, c);
		lxw_rowcol_to_cell(b, last, c);
		snprintf(f, sizeof f, "=SUM(%s:%s)", a, b);
		xlsx_formula(x, ws, row, c, f, cached, x->label);
	}

	if (r->ngoals > 0)
		goal_chart(x, ws, head, r->ngoals);

	static const double widths[NCOLS] = {30, 13, 13, 13, 13, 10};
	xlsx_widths(ws, widths, NCOLS, NULL, 1000);
	xlsx_print_setup(ws, false);
	worksheet_activate(ws);
}
