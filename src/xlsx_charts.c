/* The Charts sheet: for each measure with two or more periods of data, its
 * actual against its target over time. Each chart reads a small block of
 * data written beside it, so sorting or filtering the History table never
 * scrambles or blanks it. libxlsxwriter 1.1.4 cannot combine column and
 * line charts, so both series are lines, the target dashed.
 *
 * A report can have thousands of these charts, so each sets only what it
 * needs: literal series names, and no copy of the plotted cells inside the
 * chart (see plot_cells). */
#include <math.h>
#include <stdio.h>

#include "period.h"
#include "xlsx.h"

#define SHEET "Charts"
#define CHART_COL 4    /* Charts start in column E, right of their data. */
#define CHART_ROWS 16  /* A chart at its default size covers about 15 rows. */

/* The value axis: the cells' format, and for durations bounds and ticks at
 * whole seconds or minutes, since automatic ones on fractions of a day fall
 * on times such as 1:26. */
static void value_axis(lxw_chart *chart, const struct measure *m, const struct pres_chart *c)
{
	char code[128];
	if (m->unit != UNIT_DURATION) {
		xlsx_format_code(m, XLSX_VALUE, code, sizeof code);
		chart_axis_set_num_format(chart->y_axis, code);
		return;
	}
	static const double steps[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
				       3600, 7200, 14400, 43200, 86400};
	double lo = c->lo, hi = c->hi;
	double span = hi > lo ? hi - lo : (hi > 0 ? hi / 2 : 60);
	double step = steps[sizeof steps / sizeof steps[0] - 1];
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if (span / steps[i] <= 6) {
			step = steps[i];
			break;
		}
	}
	/* A line on the bottom edge hides in the axis: leave a step below it. */
	double from = floor(lo / step) * step, to = ceil(hi / step) * step;
	if (from == lo && from >= step)
		from -= step;
	if (to <= from)
		to = from + step;
	chart_axis_set_min(chart->y_axis, from / 86400.0);
	chart_axis_set_max(chart->y_axis, to / 86400.0);
	chart_axis_set_major_unit(chart->y_axis, step / 86400.0);
	chart_axis_set_num_format(chart->y_axis, hi >= 3600 ? "[h]:mm:ss" : "[m]:ss");
}

/* Plot the cells rows first..last of `col`, against the period labels in
 * column A. Spreadsheet programs read a chart's numbers from its cells on
 * opening; the copy libxlsxwriter would also store in the chart (its cache)
 * is for programs that embed charts without their sheet, and more than
 * halves the time and bytes a chart costs, so it is left out. The labels
 * stay a text reference, as the cells hold text. */
static void plot_cells(lxw_chart_series *s, lxw_row_t first, lxw_row_t last, lxw_col_t col)
{
	chart_series_set_categories(s, SHEET, first, 0, last, 0);
	chart_series_set_values(s, SHEET, first, col, last, col);
	s->categories->ignore_cache = LXW_TRUE;
	s->categories->has_string_cache = LXW_TRUE;
	s->values->ignore_cache = LXW_TRUE;
}

/* Most benchmark lines a chart draws, as many as the presentation's. */
#define BENCH_COLS 4

/* One measure's data block and chart, from its presentation's series:
 * every quarter of the range a row (a gap is a blank cell, drawn as a gap),
 * the target only where one applies, a column per benchmark. Returns the
 * row after the block. */
static lxw_row_t measure_chart(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row,
			       const struct measure *m)
{
	const struct pres_chart *c = &present_measure(x->p, m)->full;
	lxw_format *val = xlsx_unit_format(x, m, XLSX_VALUE);
	size_t nbench = c->nbenchmarks < BENCH_COLS ? c->nbenchmarks : BENCH_COLS;

	xlsx_string(x, ws, row, 0, m->name, x->label);
	lxw_row_t head = row + 1;
	xlsx_string(x, ws, head, 0, "Period", x->header);
	xlsx_string(x, ws, head, 1, c->value_name, x->header);
	xlsx_string(x, ws, head, 2, c->target_name, x->header);
	for (size_t k = 0; k < nbench; k++)
		xlsx_string(x, ws, head, (lxw_col_t)(3 + k), c->benchmarks[k].label, x->header);
	lxw_row_t r = head;
	for (size_t i = 0; i < c->npoints; i++) {
		const struct pres_point *pt = &c->points[i];
		r++;
		xlsx_string(x, ws, r, 0, pt->label, x->text);
		if (pt->has_value)
			xlsx_number(x, ws, r, 1, xlsx_amount(m, pt->value), val);
		if (pt->has_target)
			xlsx_number(x, ws, r, 2, xlsx_amount(m, pt->target), val);
		for (size_t k = 0; k < nbench; k++)
			xlsx_number(x, ws, r, (lxw_col_t)(3 + k), xlsx_amount(m, c->benchmarks[k].value),
				    val);
	}

	lxw_chart *chart = xlsx_need(x, workbook_add_chart(x->wb, LXW_CHART_LINE));
	lxw_chart_series *actual = xlsx_need(x, chart_add_series(chart, NULL, NULL));
	plot_cells(actual, head + 1, r, 1);
	chart_series_set_name(actual, c->value_name);
	lxw_chart_line line = {.color = x->st ? xlsx_color(x->st->color_primary) : 0x1F3864,
			       .width = 2.25};
	chart_series_set_line(actual, &line);
	chart_series_set_marker_type(actual, LXW_CHART_MARKER_CIRCLE);
	chart_series_set_marker_size(actual, 6);
	if (c->nsegments > 0) {
		lxw_chart_series *target = xlsx_need(x, chart_add_series(chart, NULL, NULL));
		plot_cells(target, head + 1, r, 2);
		chart_series_set_name(target, c->target_name);
		lxw_chart_line dashed = {
			.color = x->st ? xlsx_color(x->st->color_accent) : 0xC00000,
			.width = 1.75,
			.dash_type = LXW_CHART_LINE_DASH_DASH,
		};
		chart_series_set_line(target, &dashed);
		chart_series_set_marker_type(target, LXW_CHART_MARKER_NONE);
	}
	for (size_t k = 0; k < nbench; k++) {
		lxw_chart_series *b = xlsx_need(x, chart_add_series(chart, NULL, NULL));
		plot_cells(b, head + 1, r, (lxw_col_t)(3 + k));
		chart_series_set_name(b, c->benchmarks[k].label);
		lxw_chart_line dotted = {
			.color = x->st ? xlsx_color(x->st->color_muted) : 0x595959,
			.width = 1.25,
			.dash_type = LXW_CHART_LINE_DASH_ROUND_DOT,
		};
		chart_series_set_line(b, &dotted);
		chart_series_set_marker_type(b, LXW_CHART_MARKER_NONE);
	}
	/* The library reads a title starting with "=" as a cell reference. */
	chart_title_set_name(chart, m->name[0] == '=' ? arena_printf(&x->scratch, " %s", m->name)
						      : m->name);
	lxw_chart_font title_font = {.size = 11, .bold = 1};
	chart_title_set_name_font(chart, &title_font);
	value_axis(chart, m, c);
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
	lxw_chart_options opt = {.description = xlsx_strdup(x, c->alt)};
	xlsx_check(x, worksheet_insert_chart_opt(ws, row, CHART_COL + (lxw_col_t)nbench, chart, &opt));

	lxw_row_t end = r + 2;
	return end > row + CHART_ROWS ? end : row + CHART_ROWS;
}

/* Write the Charts sheet: one chart per measure with a history. */
void xlsx_charts(struct xlsx *x)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, SHEET));
	lxw_row_t row = 0;
	for (size_t i = 0; i < r->nmeasures; i++)
		if (present_measure(x->p, r->measures[i])->full.drawn)
			row = measure_chart(x, ws, row, r->measures[i]);
	if (row == 0)
		xlsx_string(x, ws, 0, 0, x->p->no_charts, x->text);
	worksheet_set_column(ws, 0, 0, 14, NULL);
	worksheet_set_column(ws, 1, 2, 13, NULL);
	xlsx_print_setup(ws, false);
}
