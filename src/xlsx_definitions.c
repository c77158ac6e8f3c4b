/* The Definitions sheet, one row per measure with what the data file says
 * it is (definition, unit, decimals, direction, comparisons, aggregation,
 * tolerance, benchmarks, links), and the Benchmarks sheet, one row per
 * benchmark with its value as a number, or its words. */
#include <string.h>

#include "xlsx.h"

enum col {
	C_ID,
	C_NAME,
	C_GOAL_ID,
	C_GOAL,
	C_DEPARTMENT,
	C_DEFINITION,
	C_UNIT,
	C_UNIT_WORDS,
	C_SCALE,
	C_CURRENCY,
	C_DECIMALS,
	C_LEVELS,
	C_FREQUENCY,
	C_LAG,
	C_DIRECTION,
	C_COMPARISON,
	C_AGGREGATION,
	C_TOLERANCE,
	C_TOLERANCE_PCT,
	C_TOLERANCE_AMOUNT,
	C_BENCHMARKS,
	C_NBENCHMARKS,
	C_LINKS,
	NCOLS
};

static const char *const headers[NCOLS] = {
	[C_ID] = "Measure ID",
	[C_NAME] = "Measure",
	[C_GOAL_ID] = "Goal ID",
	[C_GOAL] = "Goal",
	[C_DEPARTMENT] = "Department",
	[C_DEFINITION] = "Definition",
	[C_UNIT] = "Unit",
	[C_UNIT_WORDS] = "Unit words",
	[C_SCALE] = "Scale",
	[C_CURRENCY] = "Currency",
	[C_DECIMALS] = "Decimals",
	[C_LEVELS] = "Levels",
	[C_FREQUENCY] = "Frequency",
	[C_LAG] = "Lag",
	[C_DIRECTION] = "Direction",
	[C_COMPARISON] = "Comparison",
	[C_AGGREGATION] = "Aggregation",
	[C_TOLERANCE] = "Tolerance",
	[C_TOLERANCE_PCT] = "Tolerance (% of target)",
	[C_TOLERANCE_AMOUNT] = "Tolerance (amount)",
	[C_BENCHMARKS] = "Benchmarks",
	[C_NBENCHMARKS] = "Benchmark count",
	[C_LINKS] = "Links",
};

static const double widths[NCOLS] = {
	[C_ID] = 22, [C_NAME] = 40, [C_GOAL_ID] = 16, [C_GOAL] = 22, [C_DEPARTMENT] = 22,
	[C_DEFINITION] = 50, [C_UNIT] = 9, [C_UNIT_WORDS] = 16, [C_SCALE] = 10, [C_CURRENCY] = 9,
	[C_DECIMALS] = 9, [C_LEVELS] = 24, [C_FREQUENCY] = 11, [C_LAG] = 6,
	[C_DIRECTION] = 15, [C_COMPARISON] = 12, [C_AGGREGATION] = 11, [C_TOLERANCE] = 18,
	[C_TOLERANCE_PCT] = 11, [C_TOLERANCE_AMOUNT] = 11, [C_BENCHMARKS] = 36,
	[C_NBENCHMARKS] = 10, [C_LINKS] = 40,
};

/* Append the links of `p` not yet in `out` (space separated) to it. */
static const char *add_links(struct xlsx *x, const char *out, const struct para *p)
{
	const char *more = xlsx_para_links(x, p);
	while (*more) {
		size_t n = strcspn(more, " ");
		bool seen = false;
		for (const char *o = out; *o;) {
			size_t k = strcspn(o, " ");
			if (k == n && strncmp(o, more, n) == 0)
				seen = true;
			o += k;
			while (*o == ' ')
				o++;
		}
		if (!seen)
			out = arena_printf(&x->scratch, "%s%s%.*s", out, *out ? " " : "", (int)n, more);
		more += n;
		while (*more == ' ')
			more++;
	}
	return out;
}

/* Every link of a measure's definition, commentary and next steps, each once. */
static const char *measure_links(struct xlsx *x, const struct measure *m)
{
	const char *out = add_links(x, "", &m->definition);
	for (size_t i = 0; i < m->commentary.n; i++)
		out = add_links(x, out, &m->commentary.items[i]);
	for (size_t i = 0; i < m->action.n; i++)
		out = add_links(x, out, &m->action.items[i]);
	return out;
}

/* The data file's word for a scale: "millions", or NULL for ones. */
static const char *scale_word(enum amount_scale s)
{
	switch (s) {
	case SCALE_ONE:
		break;
	case SCALE_THOUSANDS:
		return "thousands";
	case SCALE_MILLIONS:
		return "millions";
	case SCALE_BILLIONS:
		return "billions";
	}
	return NULL;
}

/* A rating's levels (or a yes/no's), lowest first, as readers see them. */
static const char *levels_of(struct xlsx *x, const struct measure *m)
{
	if (!xlsx_worded(m) || m->nlevels == 0)
		return NULL;
	const char *out = m->levels[0];
	for (size_t i = 1; i < m->nlevels; i++)
		out = arena_printf(&x->scratch, "%s; %s", out, m->levels[i]);
	return out;
}

/* One measure's definition row. */
static void definition_row(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row,
			   const struct measure *m)
{
	const struct pres_measure *pm = present_measure(x->p, m);
	xlsx_text(x, ws, row, C_ID, m->id, x->text);
	xlsx_text(x, ws, row, C_NAME, m->name, x->wrap);
	xlsx_text(x, ws, row, C_GOAL_ID, m->goal ? m->goal->id : NULL, x->text);
	xlsx_text(x, ws, row, C_GOAL, m->goal ? m->goal->name : NULL, x->text);
	xlsx_text(x, ws, row, C_DEPARTMENT, m->department, x->text);
	const char *definition = m->definition.nruns ? xlsx_para_text(x, &m->definition) : NULL;
	xlsx_text(x, ws, row, C_DEFINITION, definition, x->wrap);
	xlsx_text(x, ws, row, C_UNIT, unit_name(m->unit), x->text);
	xlsx_text(x, ws, row, C_UNIT_WORDS, m->unit_label, x->text);
	xlsx_text(x, ws, row, C_SCALE, scale_word(m->scale), x->text);
	xlsx_text(x, ws, row, C_CURRENCY, m->unit == UNIT_CURRENCY ? m->currency : NULL, x->text);
	if (m->unit != UNIT_DURATION && !xlsx_worded(m))
		xlsx_number(x, ws, row, C_DECIMALS, m->decimals, x->integer);
	xlsx_text(x, ws, row, C_LEVELS, levels_of(x, m), x->wrap);
	xlsx_text(x, ws, row, C_FREQUENCY, frequency_name(m->frequency), x->text);
	xlsx_number(x, ws, row, C_LAG, m->lag, x->integer);
	xlsx_text(x, ws, row, C_DIRECTION, pm->direction, x->text);
	xlsx_text(x, ws, row, C_COMPARISON, pm->comparisons, x->text);
	xlsx_text(x, ws, row, C_AGGREGATION, aggregation_name(m->aggregation), x->text);
	xlsx_text(x, ws, row, C_TOLERANCE, pm->tolerance, x->text);
	if (m->tolerance.relative)
		xlsx_number(x, ws, row, C_TOLERANCE_PCT, m->tolerance.amount, x->plain);
	else
		xlsx_number(x, ws, row, C_TOLERANCE_AMOUNT, xlsx_delta(m, m->tolerance.amount),
			    xlsx_amount_format(x, m, XLSX_MISS, pm->tolerance_decimals));
	xlsx_text(x, ws, row, C_BENCHMARKS, pm->benchmarks, x->wrap);
	xlsx_number(x, ws, row, C_NBENCHMARKS, (double)m->nbenchmarks, x->integer);
	const char *links = measure_links(x, m);
	xlsx_text(x, ws, row, C_LINKS, links, x->wrap);
	int lines = xlsx_text_lines(definition, widths[C_DEFINITION]);
	int more = xlsx_text_lines(m->name, widths[C_NAME]);
	lines = more > lines ? more : lines;
	more = xlsx_text_lines(pm->benchmarks, widths[C_BENCHMARKS]);
	lines = more > lines ? more : lines;
	more = xlsx_text_lines(links, widths[C_LINKS]);
	xlsx_fit_row(ws, row, more > lines ? more : lines);
}

/* Write the Definitions sheet. */
void xlsx_definitions(struct xlsx *x)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, "Definitions"));
	xlsx_table(x, ws, "DefinitionTable", 0, (lxw_row_t)r->nmeasures, headers, NCOLS);
	worksheet_set_row(ws, 0, 30, NULL);
	for (size_t i = 0; i < r->nmeasures; i++)
		definition_row(x, ws, (lxw_row_t)(1 + i), r->measures[i]);
	xlsx_widths(ws, widths, NCOLS, NULL, 1000);
	worksheet_freeze_panes(ws, 1, C_NAME + 1);
	xlsx_print_wide(x, ws, C_NAME, NCOLS - 1, (lxw_row_t)(r->nmeasures ? r->nmeasures : 1));
}

/* The Benchmarks sheet's columns. */
enum bcol { B_ID, B_NAME, B_GOAL_ID, B_UNIT, B_ORDER, B_LABEL, B_VALUE, B_WORDS, B_VALUE_S, NBCOLS };

static const char *const bheaders[NBCOLS] = {
	[B_ID] = "Measure ID", [B_NAME] = "Measure", [B_GOAL_ID] = "Goal ID", [B_UNIT] = "Unit",
	[B_ORDER] = "Order", [B_LABEL] = "Benchmark", [B_VALUE] = "Value",
	[B_WORDS] = "In words", [B_VALUE_S] = "Value (seconds)",
};

/* Write the Benchmarks sheet: every benchmark of every measure, in file order. */
void xlsx_benchmarks(struct xlsx *x)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, "Benchmarks"));
	size_t rows = 0;
	for (size_t i = 0; i < r->nmeasures; i++)
		rows += r->measures[i]->nbenchmarks;
	xlsx_table(x, ws, "BenchmarkTable", 0, (lxw_row_t)rows, bheaders, NBCOLS);
	lxw_row_t row = 0;
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		for (size_t k = 0; k < m->nbenchmarks; k++) {
			row++;
			xlsx_text(x, ws, row, B_ID, m->id, x->text);
			xlsx_text(x, ws, row, B_NAME, m->name, x->text);
			xlsx_text(x, ws, row, B_GOAL_ID, m->goal ? m->goal->id : NULL, x->text);
			xlsx_text(x, ws, row, B_UNIT, unit_name(m->unit), x->text);
			xlsx_number(x, ws, row, B_ORDER, (double)(k + 1), x->integer);
			xlsx_text(x, ws, row, B_LABEL, m->benchmarks[k].label, x->text);
			/* A benchmark in words has no amount: its Value stays
			 * blank, never a zero a script would average in. */
			if (m->benchmarks[k].has_value)
				xlsx_amount_cells(x, ws, row, B_VALUE, B_VALUE_S, m,
						  m->benchmarks[k].value, NULL);
			else
				xlsx_text(x, ws, row, B_WORDS, m->benchmarks[k].text, x->text);
		}
	}
	static const double bwidths[NBCOLS] = {22, 40, 16, 9, 7, 30, 14, 30, 12};
	xlsx_widths(ws, bwidths, NBCOLS, NULL, 1000);
	worksheet_freeze_panes(ws, 1, B_NAME + 1);
	xlsx_print_setup(ws, true);
}
