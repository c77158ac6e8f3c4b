/* The Charts sheet: one chart per goal, of the measure chosen in a box
 * above it, and the Chart data sheet it reads, with every measure's series.
 *
 * A spreadsheet program pays for each chart when it opens a workbook
 * (LibreOffice about 20 ms of processor time a chart, whatever it shows),
 * so a chart per measure made a report of 2,000 measures take minutes to
 * open. A chart per goal keeps every measure's chart a choice away: the
 * box lists the goal's measures, and formulas beside the chart bring the
 * chosen one's series from Chart data. Those formulas can only give plain
 * numbers, so the chart shows amounts as plain numbers in the unit its
 * value axis names ("Percent", "Minutes"), from the presentation.
 *
 * Chart data holds one block per measure with a chart, in measure order:
 * a head row (id, name, axis title, scale, points), a row of series names,
 * then a row per quarter of its range, a gap being a blank cell. Its
 * column A holds the ids and nothing else, so the formulas find a block
 * with MATCH. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "period.h"
#include "xlsx.h"

/* Most benchmark lines a chart draws, as many as the presentation's. */
#define BENCH_COLS 4
/* A chart's size, as multiples of the library's 480 by 288 pixels, and
 * the rows of 20 pixels it covers. */
#define CHART_X_SCALE 1.5
#define CHART_Y_SCALE 1.4
#define CHART_ROWS 21

/* A section's rows, counted from its top: the goal's name, the box and
 * the chosen measure's name, axis title, block row, points and scale on
 * rows of their own, the series names, then a row per plotted quarter. */
enum {
	R_HEADING,
	R_PICK,
	R_NAME,
	R_AXIS,
	R_FIRST,
	R_POINTS,
	R_SCALE,
	R_SERIES,
	R_PLOT
};

/* The chart's measure: the measures a goal's chart may show. */
static const struct pres_chart *chart_of(const struct xlsx *x, const struct measure *m)
{
	const struct pres_chart *c = &present_measure(x->p, m)->full;
	return c->drawn ? c : NULL;
}

/* Benchmark lines drawn for a chart. */
static size_t bench_of(const struct pres_chart *c)
{
	return c->nbenchmarks < BENCH_COLS ? c->nbenchmarks : BENCH_COLS;
}

/* What turns an amount as the workbook stores it into the plain number the
 * chart shows: percent as its number (81 for 81 %), a duration in the unit
 * its axis names. */
static double plot_scale(const struct measure *m, const struct pres_chart *c)
{
	switch (m->unit) {
	case UNIT_PERCENT:
		return 100;
	case UNIT_DURATION:
		return 86400.0 / (c->axis_seconds > 0 ? c->axis_seconds : 1);
	case UNIT_COUNT:
	case UNIT_NUMBER:
	case UNIT_CURRENCY:
	case UNIT_MINUTES:
	case UNIT_RATING:
	case UNIT_YES_NO:
		return 1;
	}
	return 1;
}

/* See xlsx.h. */
void xlsx_charts_plan(struct xlsx *x)
{
	const struct report *r = x->r;
	struct xlsx_chart_plan *plan = &x->charts;
	plan->list_row = xcalloc(r->nmeasures + 1, sizeof *plan->list_row);
	plan->data_row = xcalloc(r->nmeasures + 1, sizeof *plan->data_row);
	plan->goals = xcalloc(r->ngoals + 1, sizeof *plan->goals);
	plan->ngoals = 0;

	lxw_row_t data = 1; /* Below the header row. */
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct pres_chart *c = chart_of(x, r->measures[i]);
		if (!c)
			continue;
		plan->data_row[i] = data;
		data += (lxw_row_t)(2 + c->npoints + 1);
	}
	plan->data_rows = data;

	lxw_row_t row = 0;
	for (size_t g = 0; g < r->ngoals; g++) {
		const struct goal *goal = &r->goals[g];
		struct xlsx_goal_chart gc = {.goal = goal, .goal_index = g};
		for (size_t i = 0; i < goal->nmeasures; i++) {
			const struct pres_chart *c = chart_of(x, goal->measures[i]);
			if (!c)
				continue;
			if (!gc.shown)
				gc.shown = goal->measures[i];
			gc.ncharted++;
			if (c->npoints > gc.npoints)
				gc.npoints = c->npoints;
			if (bench_of(c) > gc.nbench)
				gc.nbench = bench_of(c);
		}
		if (gc.ncharted == 0)
			continue;
		gc.top = row;
		gc.list = (lxw_row_t)(row + R_PLOT + gc.npoints + 2);
		size_t k = 0;
		for (size_t i = 0; i < goal->nmeasures; i++)
			if (chart_of(x, goal->measures[i]))
				plan->list_row[goal->measures[i]->index] = (lxw_row_t)(gc.list + k++);
		lxw_row_t end = (lxw_row_t)(gc.list + gc.ncharted);
		if (end < row + 1 + CHART_ROWS)
			end = row + 1 + CHART_ROWS;
		row = end + 2;
		plan->goals[plan->ngoals++] = gc;
	}
}

/* See xlsx.h. */
void xlsx_charts_plan_free(struct xlsx *x)
{
	free(x->charts.goals);
	free(x->charts.list_row);
	free(x->charts.data_row);
	x->charts = (struct xlsx_chart_plan){0};
}

/* ---- Chart data ---- */

/* One measure's block: head row, series names, a row per quarter. */
static void data_block(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, const struct measure *m,
		       const struct pres_chart *c)
{
	size_t nbench = bench_of(c);
	xlsx_text(x, ws, row, 0, m->id, x->label);
	xlsx_text(x, ws, row, 1, m->name, x->label);
	xlsx_text(x, ws, row, 2, c->axis_title, x->text);
	xlsx_number(x, ws, row, 3, plot_scale(m, c), x->plain);
	xlsx_number(x, ws, row, 4, (double)c->npoints, x->integer);
	lxw_row_t head = row + 1;
	xlsx_text(x, ws, head, 1, "Period", x->header);
	xlsx_text(x, ws, head, 2, c->value_name, x->header);
	xlsx_text(x, ws, head, 3, c->target_name, x->header);
	for (size_t k = 0; k < nbench; k++)
		xlsx_text(x, ws, head, (lxw_col_t)(4 + k), c->benchmarks[k].label, x->header);
	for (size_t i = 0; i < c->npoints; i++) {
		const struct pres_point *pt = &c->points[i];
		lxw_row_t r = (lxw_row_t)(head + 1 + i);
		xlsx_text(x, ws, r, 1, pt->label, x->text);
		if (pt->has_value)
			xlsx_number(x, ws, r, 2, xlsx_amount(m, pt->value), xlsx_value_format(x, m, pt->value));
		if (pt->has_target)
			xlsx_number(x, ws, r, 3, xlsx_amount(m, pt->target), xlsx_value_format(x, m, pt->target));
		for (size_t k = 0; k < nbench; k++)
			xlsx_number(x, ws, r, (lxw_col_t)(4 + k),
				    xlsx_amount(m, c->benchmarks[k].value),
				    xlsx_value_format(x, m, c->benchmarks[k].value));
	}
}

/* Write the Chart data sheet. */
void xlsx_chart_data(struct xlsx *x)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, XLSX_CHART_DATA));
	static const char *const heads[] = {"Measure ID", "Measure", "Axis", "Scale", "Points"};
	for (lxw_col_t c = 0; c < 5; c++)
		xlsx_text(x, ws, 0, c, heads[c], x->header);
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct pres_chart *c = chart_of(x, r->measures[i]);
		if (c)
			data_block(x, ws, x->charts.data_row[i], r->measures[i], c);
	}
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 30, NULL);
	worksheet_set_column(ws, 2, 3 + BENCH_COLS, 13, NULL);
	worksheet_freeze_panes(ws, 1, 0);
	xlsx_print_setup(ws, true);
}

/* ---- Charts ---- */

/* What the formulas of a section read: the columns of Chart data, rows 1
 * to the last, and the section's own cells. */
struct plot {
	lxw_worksheet *ws;
	const struct xlsx_goal_chart *gc;
	const struct measure *m;      /* Shown at first, whose values are cached. */
	const struct pres_chart *c;
	char first[16], points[16], scale[16]; /* $B$n cells of the section. */
	lxw_row_t data_rows;
	double cached_first;
};

/* A reference to column `col` of Chart data, 'Chart data'!$C$1:$C$n, in
 * `buf`: formulas are made on the stack, since the library keeps its own
 * copy and a report has thousands of them. */
static const char *data_col(char *buf, size_t n, const struct plot *s, lxw_col_t col)
{
	char a[16], b[16];
	lxw_rowcol_to_cell_abs(a, 0, col, 1, 1);
	lxw_rowcol_to_cell_abs(b, s->data_rows - 1, col, 1, 1);
	snprintf(buf, n, "'%s'!%s:%s", XLSX_CHART_DATA, a, b);
	return buf;
}

/* Room for a formula of a section. */
#define FORMULA_MAX 512

/* A label in column A and a formula in column B, its value cached. */
static void helper(struct xlsx *x, const struct plot *s, lxw_row_t row, const char *label,
		   const char *formula, double cached, lxw_format *f)
{
	xlsx_text(x, s->ws, row, 0, label, x->label);
	xlsx_formula(x, s->ws, row, 1, formula, cached, f);
}

/* A series name from the chosen block's names row, or `none` where the
 * block has none (a chart's legend would name the line "Column D"). */
static void series_name(struct xlsx *x, const struct plot *s, lxw_row_t row, lxw_col_t col,
			lxw_col_t data, const char *cached, const char *none)
{
	char ref[96], cell[160], f[FORMULA_MAX];
	snprintf(cell, sizeof cell, "INDEX(%s,%s+1)", data_col(ref, sizeof ref, s, data), s->first);
	snprintf(f, sizeof f, "=IF(ISBLANK(%s),%s,%s)", cell, xlsx_formula_string(x, none), cell);
	xlsx_formula_text(x, s->ws, row, col, f, cached && *cached ? cached : none, x->header);
}

/* One plotted row: the quarter's label and each series' plain number, or
 * #N/A where there is none, which charts leave out rather than draw as 0. */
static void plot_row(struct xlsx *x, const struct plot *s, size_t j)
{
	lxw_row_t row = (lxw_row_t)(s->gc->top + R_PLOT + j);
	const struct pres_chart *c = s->c;
	const struct pres_point *pt = j < c->npoints ? &c->points[j] : NULL;
	char col[96], cell[160], f[FORMULA_MAX];
	snprintf(f, sizeof f, "=IF(%zu<=%s,INDEX(%s,%s+%zu),\"\")", j + 1, s->points,
		 data_col(col, sizeof col, s, 1), s->first, j + 2);
	xlsx_formula_text(x, s->ws, row, 0, f, pt ? pt->label : "", x->text);
	double scale = plot_scale(s->m, c);
	size_t nb = bench_of(c);
	for (size_t k = 0; k < 2 + s->gc->nbench; k++) {
		lxw_col_t data = (lxw_col_t)(2 + k);
		snprintf(cell, sizeof cell, "INDEX(%s,%s+%zu)", data_col(col, sizeof col, s, data),
			 s->first, j + 2);
		snprintf(f, sizeof f, "=IF(%zu>%s,NA(),IF(ISNUMBER(%s),%s*%s,NA()))", j + 1,
			 s->points, cell, cell, s->scale);
		bool has = false;
		double v = 0;
		if (pt && k == 0 && pt->has_value) {
			has = true;
			v = pt->value;
		} else if (pt && k == 1 && pt->has_target) {
			has = true;
			v = pt->target;
		} else if (pt && k >= 2 && k - 2 < nb) {
			has = true;
			v = c->benchmarks[k - 2].value;
		}
		if (has)
			xlsx_formula(x, s->ws, row, (lxw_col_t)(1 + k), f, xlsx_amount(s->m, v) * scale,
				     x->plotted);
		else
			xlsx_formula_text(x, s->ws, row, (lxw_col_t)(1 + k), f, "#N/A", x->plotted);
	}
}

/* A line series of the section's plotted block, named by its names row. */
static lxw_chart_series *plot_series(struct xlsx *x, lxw_chart *chart, const struct plot *s,
				     lxw_col_t col)
{
	lxw_row_t first = (lxw_row_t)(s->gc->top + R_PLOT);
	lxw_row_t last = (lxw_row_t)(first + s->gc->npoints - 1);
	lxw_chart_series *ser = xlsx_need(x, chart_add_series(chart, NULL, NULL));
	chart_series_set_categories(ser, XLSX_CHARTS, first, 0, last, 0);
	chart_series_set_values(ser, XLSX_CHARTS, first, col, last, col);
	chart_series_set_name_range(ser, XLSX_CHARTS, (lxw_row_t)(s->gc->top + R_SERIES), col);
	/* Programs read a chart's numbers from its cells on opening; a copy
	 * inside the chart would only go stale when the box changes. */
	ser->categories->ignore_cache = LXW_TRUE;
	ser->categories->has_string_cache = LXW_TRUE;
	ser->values->ignore_cache = LXW_TRUE;
	return ser;
}

/* The chart: the result as a line with markers, the target dashed in its
 * own colour, benchmarks dotted; titled by the chosen measure's name, its
 * value axis by the unit it counts in. */
static void goal_chart(struct xlsx *x, const struct plot *s)
{
	const struct xlsx_goal_chart *gc = s->gc;
	lxw_chart *chart = xlsx_need(x, workbook_add_chart(x->wb, LXW_CHART_LINE));
	lxw_chart_series *actual = plot_series(x, chart, s, 1);
	lxw_chart_line line = {.color = x->st ? xlsx_color(x->st->color_primary) : 0x1F3864,
			       .width = 2.25};
	chart_series_set_line(actual, &line);
	chart_series_set_marker_type(actual, LXW_CHART_MARKER_CIRCLE);
	chart_series_set_marker_size(actual, 6);
	lxw_chart_series *target = plot_series(x, chart, s, 2);
	lxw_chart_line dashed = {
		.color = x->st ? xlsx_color(x->st->color_accent) : 0xC00000,
		.width = 1.75,
		.dash_type = LXW_CHART_LINE_DASH_DASH,
	};
	chart_series_set_line(target, &dashed);
	chart_series_set_marker_type(target, LXW_CHART_MARKER_NONE);
	for (size_t k = 0; k < gc->nbench; k++) {
		lxw_chart_series *b = plot_series(x, chart, s, (lxw_col_t)(3 + k));
		lxw_chart_line dotted = {
			.color = x->st ? xlsx_color(x->st->color_muted) : 0x595959,
			.width = 1.25,
			.dash_type = LXW_CHART_LINE_DASH_ROUND_DOT,
		};
		chart_series_set_line(b, &dotted);
		chart_series_set_marker_type(b, LXW_CHART_MARKER_NONE);
	}
	/* LibreOffice shows a title taken from a cell as the text cached with
	 * it, which cannot follow the box; a series name it reads from its
	 * cell, so the chosen measure and its unit are named in the legend. */
	chart_title_set_name(chart, xlsx_chart_title(x, gc->goal->name));
	lxw_chart_font title_font = {.size = 11, .bold = 1};
	chart_title_set_name_font(chart, &title_font);
	chart_axis_set_name(chart->x_axis, "Period");
	chart_axis_set_name(chart->y_axis, x->p->chart_amount_axis);
	chart_axis_set_num_format(chart->y_axis, "General");
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
	lxw_chart_options opt = {
		.description = xlsx_strdup(x, x->p->goal_chart_alt[gc->goal_index]),
		.x_scale = CHART_X_SCALE,
		.y_scale = CHART_Y_SCALE,
	};
	xlsx_check(x, worksheet_insert_chart_opt(s->ws, (lxw_row_t)(gc->top + 1),
						 (lxw_col_t)(3 + gc->nbench + 1), chart, &opt));
}

/* The goal's measures with a chart: the box's choices, each with a link
 * back to its row on the Measures sheet. */
static void choices(struct xlsx *x, const struct plot *s)
{
	const struct xlsx_goal_chart *gc = s->gc;
	lxw_row_t head = gc->list - 1;
	xlsx_text(x, s->ws, head, 0, "Measure ID", x->header);
	xlsx_text(x, s->ws, head, 1, "Measure", x->header);
	xlsx_text(x, s->ws, head, 2, XLSX_MEASURES, x->header);
	const struct goal *goal = gc->goal;
	for (size_t i = 0; i < goal->nmeasures; i++) {
		const struct measure *m = goal->measures[i];
		lxw_row_t row = x->charts.list_row[m->index];
		if (row == 0)
			continue;
		xlsx_text(x, s->ws, row, 0, m->id, x->text);
		xlsx_text(x, s->ws, row, 1, m->name, x->text);
		/* The Measures sheet lists measures in file order below its header. */
		xlsx_link(x, s->ws, row, 2, XLSX_MEASURES, (lxw_row_t)(1 + m->index), 1,
			  XLSX_MEASURES, NULL);
	}
	char a[16], b[16];
	lxw_rowcol_to_cell_abs(a, gc->list, 0, 1, 1);
	lxw_rowcol_to_cell_abs(b, (lxw_row_t)(gc->list + gc->ncharted - 1), 0, 1, 1);
	lxw_data_validation dv = {
		.validate = LXW_VALIDATION_TYPE_LIST_FORMULA,
		.value_formula = arena_printf(&x->scratch, "=%s:%s", a, b),
		.input_title = xlsx_strdup(x, x->p->chart_pick_title),
		.input_message = xlsx_strdup(x, x->p->chart_pick_help),
		.error_type = LXW_VALIDATION_ERROR_TYPE_STOP,
	};
	xlsx_check(x, worksheet_data_validation_cell(s->ws, (lxw_row_t)(gc->top + R_PICK), 1, &dv));
}

/* One goal's section: the box, the chosen measure's series as plain
 * numbers, the chart, and the list of choices. */
static void section(struct xlsx *x, lxw_worksheet *ws, const struct xlsx_goal_chart *gc)
{
	struct plot s = {.ws = ws, .gc = gc, .m = gc->shown, .c = chart_of(x, gc->shown),
			    .data_rows = x->charts.data_rows};
	lxw_row_t top = gc->top;
	lxw_rowcol_to_cell_abs(s.first, top + R_FIRST, 1, 1, 1);
	lxw_rowcol_to_cell_abs(s.points, top + R_POINTS, 1, 1, 1);
	lxw_rowcol_to_cell_abs(s.scale, top + R_SCALE, 1, 1, 1);
	char pick[16], col[96];
	lxw_rowcol_to_cell_abs(pick, top + R_PICK, 1, 1, 1);
	/* MATCH counts from the range's first row, sheet row 1. */
	double first = (double)x->charts.data_row[s.m->index] + 1;

	xlsx_text(x, ws, top + R_HEADING, 0, gc->goal->name, x->heading);
	xlsx_text(x, ws, top + R_PICK, 0, x->p->chart_pick_title, x->label);
	xlsx_text(x, ws, top + R_PICK, 1, s.m->id, x->text);
	xlsx_text(x, ws, top + R_NAME, 0, "Name", x->label);
	xlsx_formula_text(x, ws, top + R_NAME, 1,
			  arena_printf(&x->scratch, "=INDEX(%s,%s)", data_col(col, sizeof col, &s, 1), s.first),
			  s.m->name, x->text);
	xlsx_text(x, ws, top + R_AXIS, 0, "Axis", x->label);
	xlsx_formula_text(x, ws, top + R_AXIS, 1,
			  arena_printf(&x->scratch, "=INDEX(%s,%s)", data_col(col, sizeof col, &s, 2), s.first),
			  s.c->axis_title, x->text);
	helper(x, &s, top + R_FIRST, "Chart data row",
	       arena_printf(&x->scratch, "=MATCH(%s,%s,0)", pick, data_col(col, sizeof col, &s, 0)), first,
	       x->integer);
	helper(x, &s, top + R_POINTS, "Points",
	       arena_printf(&x->scratch, "=INDEX(%s,%s)", data_col(col, sizeof col, &s, 4), s.first),
	       (double)s.c->npoints, x->integer);
	helper(x, &s, top + R_SCALE, "Scale",
	       arena_printf(&x->scratch, "=INDEX(%s,%s)", data_col(col, sizeof col, &s, 3), s.first),
	       plot_scale(s.m, s.c), x->plain);

	lxw_row_t names = top + R_SERIES;
	xlsx_text(x, ws, names, 0, "Period", x->header);
	/* "Potholes repaired: Year to date (Count)": the legend names what is shown. */
	char name[16], axis[16];
	lxw_rowcol_to_cell_abs(name, top + R_NAME, 1, 1, 1);
	lxw_rowcol_to_cell_abs(axis, top + R_AXIS, 1, 1, 1);
	xlsx_formula_text(x, ws, names, 1,
			  arena_printf(&x->scratch, "=%s&\": \"&T(INDEX(%s,%s+1))&\" (\"&%s&\")\"", name,
				       data_col(col, sizeof col, &s, 2), s.first, axis),
			  arena_printf(&x->scratch, "%s: %s (%s)", s.m->name, s.c->value_name,
				       s.c->axis_title),
			  x->header);
	/* A measure without a target still has a name for the line. */
	series_name(x, &s, names, 2, 3, s.c->target_name, s.c->target_name);
	for (size_t k = 0; k < gc->nbench; k++)
		series_name(x, &s, names, (lxw_col_t)(3 + k), (lxw_col_t)(4 + k),
			    k < bench_of(s.c) ? s.c->benchmarks[k].label : NULL,
			    x->p->chart_no_benchmark);
	for (size_t j = 0; j < gc->npoints; j++)
		plot_row(x, &s, j);
	goal_chart(x, &s);
	choices(x, &s);
}

/* Write the Charts sheet: a chart per goal with a measure to show. */
void xlsx_charts(struct xlsx *x)
{
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, XLSX_CHARTS));
	const struct xlsx_chart_plan *plan = &x->charts;
	/* A page break above every section but the first: a section's chart
	 * is shorter than a page, so no chart is ever split. */
	/* In scratch memory: the library may keep the list until it closes. */
	lxw_row_t *breaks = arena_calloc(&x->scratch, plan->ngoals + 1, sizeof *breaks);
	size_t nbreaks = 0;
	for (size_t g = 0; g < plan->ngoals; g++) {
		section(x, ws, &plan->goals[g]);
		if (g > 0 && nbreaks < 1023) /* Excel's most. */
			breaks[nbreaks++] = plan->goals[g].top;
	}
	if (plan->ngoals == 0)
		xlsx_text(x, ws, 0, 0, x->p->no_charts, x->text);
	if (nbreaks > 0) {
		breaks[nbreaks] = 0; /* The list ends with a zero. */
		xlsx_check(x, worksheet_set_h_pagebreaks(ws, breaks));
	}
	worksheet_set_column(ws, 0, 0, 16, NULL);
	worksheet_set_column(ws, 1, 1, 22, NULL);
	worksheet_set_column(ws, 2, 2 + BENCH_COLS, 12, NULL);
	xlsx_print_setup(ws, false);
	worksheet_set_paper(ws, xlsx_paper(x->st));
}
