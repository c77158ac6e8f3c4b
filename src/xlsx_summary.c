/* The Summary sheet: what the report is, and each goal's statuses with a chart. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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

/* Whether the layout tells statuses apart by lightness alone: greys, as
 * the plain layout's are, close enough on a screen to be taken for one
 * another. */
static bool grey_statuses(const struct style *st)
{
	if (!st)
		return true;
	for (int s = 0; s < STATUS_COUNT; s++) {
		struct rgb c = st->status_color[s];
		if (fabs(c.r - c.g) > 0.04 || fabs(c.g - c.b) > 0.04)
			return false;
	}
	return true;
}

/* A pattern per status, in the order statuses are listed, for layouts
 * whose status colours are greys: each bar part then differs in texture
 * too, on a screen and in black-and-white print. */
static const uint8_t status_patterns[STATUS_COUNT] = {
	LXW_CHART_PATTERN_NONE, /* The first, good news: solid. */
	LXW_CHART_PATTERN_WIDE_UPWARD_DIAGONAL,
	LXW_CHART_PATTERN_SMALL_GRID,
	LXW_CHART_PATTERN_NARROW_HORIZONTAL,
};

/* Tallest the chart is drawn, in multiples of its default height: a
 * landscape page holds it whole, however many goals there are. */
#define CHART_MAX_SCALE 2.0

/* The stacked bar chart of statuses per goal, in the status colours. */
static void goal_chart(struct xlsx *x, lxw_worksheet *ws, lxw_row_t head, size_t ngoals)
{
	lxw_chart *chart = xlsx_need(x, workbook_add_chart(x->wb, LXW_CHART_BAR_STACKED));
	lxw_row_t first = head + 1, last = (lxw_row_t)(head + ngoals);
	bool patterned = grey_statuses(x->st);
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = x->p->order[i];
		lxw_col_t col = (lxw_col_t)(1 + i);
		lxw_chart_series *ser = xlsx_need(x, chart_add_series(chart, NULL, NULL));
		chart_series_set_categories(ser, SHEET, first, 0, last, 0);
		chart_series_set_values(ser, SHEET, first, col, last, col);
		chart_series_set_name_range(ser, SHEET, head, col);
		struct rgb c = x->st ? x->st->status_color[s] : (struct rgb){0.5, 0.5, 0.5};
		if (patterned && status_patterns[i] != LXW_CHART_PATTERN_NONE) {
			lxw_chart_pattern pattern = {.fg_color = xlsx_color(c),
						     .bg_color = LXW_COLOR_WHITE,
						     .type = status_patterns[i]};
			chart_series_set_pattern(ser, &pattern);
		} else {
			lxw_chart_fill fill = {.color = xlsx_color(c)};
			chart_series_set_fill(ser, &fill);
		}
		if (patterned) {
			/* An outline keeps neighbouring parts apart. */
			lxw_chart_line outline = {.color = LXW_COLOR_BLACK, .width = 0.75};
			chart_series_set_line(ser, &outline);
		}
	}
	chart_title_set_name(chart, "Measures by status and goal");
	/* In a bar chart the library's y axis holds the categories (goals),
	 * listed bottom up; reversed, the first goal is on top. */
	chart_axis_set_reverse(chart->y_axis);
	chart_axis_set_crossing_max(chart->y_axis); /* Keeps the counts along the bottom. */
	chart_axis_set_name(chart->x_axis, "Measures");
	chart_axis_set_name(chart->y_axis, "Goal");
	int most = 0;
	for (size_t g = 0; g < ngoals; g++)
		if ((int)x->r->goals[g].nmeasures > most)
			most = (int)x->r->goals[g].nmeasures;
	if (most <= 10)
		chart_axis_set_major_unit(chart->x_axis, 1); /* Whole measures, not 0.5. */
	chart_axis_set_num_format(chart->x_axis, "0");
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	chart_set_series_gap(chart, 60);

	double scale = (double)ngoals / 6.0;
	if (scale < 1)
		scale = 1;
	if (scale > CHART_MAX_SCALE)
		scale = CHART_MAX_SCALE;
	lxw_chart_options opt = {.x_scale = 1.3, .y_scale = scale};
	xlsx_check(x, worksheet_insert_chart_opt(ws, 0, NCOLS + 1, chart, &opt));
}

/* How many measures show status label `label`: a layout may give two
 * statuses one label (or two that differ only in case), and a count of
 * the label counts both, as the spreadsheet's COUNTIFS does. */
static int label_count(const struct presentation *p, const int *counts, const char *label)
{
	int n = 0;
	for (int s = 0; s < STATUS_COUNT; s++)
		if (strcasecmp(p->status_label[s], label) == 0)
			n += counts[s];
	return n;
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

	/* Each count is a COUNTIFS over the Measures table, so an analyst who
	 * changes a status there sees the counts follow. */
	char a[16], b[16];
	int column_total[NCOLS] = {0};
	lxw_row_t last = (lxw_row_t)(head + r->ngoals);
	xlsx_table(x, ws, "GoalStatus", head, last, names, NCOLS);
	for (size_t g = 0; g < r->ngoals; g++) {
		const struct goal *goal = &r->goals[g];
		row = (lxw_row_t)(head + 1 + g);
		xlsx_string(x, ws, row, 0, goal->name, x->text);
		int total = 0;
		for (int i = 0; i < STATUS_COUNT; i++) {
			const char *label = x->p->status_label[x->p->order[i]];
			int c = label_count(x->p, goal->counts, label);
			const char *f = arena_printf(&x->scratch,
						     "=COUNTIFS(%s[Goal ID],%s,%s[Status],%s)",
						     XLSX_MEASURE_TABLE, xlsx_criterion(x, goal->id),
						     XLSX_MEASURE_TABLE, xlsx_criterion(x, label));
			xlsx_formula(x, ws, row, (lxw_col_t)(1 + i), f, c, x->integer);
			total += c;
			column_total[1 + i] += c;
		}
		lxw_rowcol_to_cell(a, row, 1);
		lxw_rowcol_to_cell(b, row, STATUS_COUNT);
		xlsx_formula(x, ws, row, NCOLS - 1, arena_printf(&x->scratch, "=SUM(%s:%s)", a, b),
			     total, x->integer);
		column_total[NCOLS - 1] += total;
	}
	if (last == head)
		last = head + 1; /* The table's empty row. */

	/* Totals sit below the table so that sorting the goals leaves them be. */
	row = last + 1;
	xlsx_string(x, ws, row, 0, "All goals", x->label);
	for (lxw_col_t c = 1; c < NCOLS; c++) {
		lxw_rowcol_to_cell(a, head + 1, c);
		lxw_rowcol_to_cell(b, last, c);
		xlsx_formula(x, ws, row, c, arena_printf(&x->scratch, "=SUM(%s:%s)", a, b),
			     column_total[c], x->label);
	}

	if (r->ngoals > 0)
		goal_chart(x, ws, head, r->ngoals);

	static const double widths[NCOLS] = {30, 13, 13, 13, 13, 10};
	xlsx_widths(ws, widths, NCOLS, NULL, 1000);
	xlsx_print_setup(ws, false);
	worksheet_activate(ws);
}
