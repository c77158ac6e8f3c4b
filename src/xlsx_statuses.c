/* The Status by period sheet: how many measures of each goal had each
 * status in each period, one row per goal and period, as COUNTIFS over the
 * History sheet with their values cached. The library writes no pivot
 * table, and formulas follow an analyst's edits to History as a pivot
 * table would only after a refresh. */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "period.h"
#include "xlsx.h"

#define SHEET "Status by period"
#define NCOLS (3 + STATUS_COUNT + 1) /* Goal ID, goal, period, a column per status, total. */

/* A period and how many measures had each shown status in it. */
struct slot {
	struct period period;
	int counts[STATUS_COUNT];
};

/* Periods in time order, kinds apart. */
static int slot_order(const void *a, const void *b)
{
	return period_cmp(((const struct slot *)a)->period, ((const struct slot *)b)->period);
}

/* The goal's periods, each once, with their status counts; heap-owned. */
static struct slot *goal_slots(const struct goal *g, size_t *n)
{
	size_t cap = 0;
	for (size_t i = 0; i < g->nmeasures; i++)
		cap += g->measures[i]->nhistory;
	struct slot *all = xcalloc(cap + 1, sizeof *all);
	size_t k = 0;
	for (size_t i = 0; i < g->nmeasures; i++) {
		const struct measure *m = g->measures[i];
		for (size_t h = 0; h < m->nhistory; h++) {
			all[k].period = m->history[h].period;
			all[k].counts[m->history[h].shown] = 1;
			k++;
		}
	}
	qsort(all, k, sizeof *all, slot_order);
	size_t u = 0;
	for (size_t i = 0; i < k; i++) {
		if (u > 0 && period_cmp(all[u - 1].period, all[i].period) == 0) {
			for (int s = 0; s < STATUS_COUNT; s++)
				all[u - 1].counts[s] += all[i].counts[s];
			continue;
		}
		all[u++] = all[i];
	}
	*n = u;
	return all;
}

/* Measures whose shown status reads `label` (a layout may give two
 * statuses one label; COUNTIFS then counts both). */
static int label_count(const struct presentation *p, const int *counts, const char *label)
{
	int n = 0;
	for (int s = 0; s < STATUS_COUNT; s++)
		if (strcasecmp(p->status_label[s], label) == 0)
			n += counts[s];
	return n;
}

/* Write the Status by period sheet. */
void xlsx_status_periods(struct xlsx *x)
{
	const struct report *r = x->r;
	const struct presentation *p = x->p;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, SHEET));
	const char *names[NCOLS];
	names[0] = "Goal ID";
	names[1] = "Goal";
	names[2] = "Period";
	for (int i = 0; i < STATUS_COUNT; i++)
		names[3 + i] = p->status_label[p->order[i]];
	names[NCOLS - 1] = "Total";
	/* Table headers must differ, and a layout may give two statuses one label. */
	for (int i = 1; i < NCOLS; i++)
		for (int j = 0; j < i; j++)
			if (strcasecmp(names[i], names[j]) == 0)
				names[i] = arena_printf(&x->scratch, "%s (%d)", names[i], i);

	/* Each goal's periods first: the table is made before its rows. */
	struct slot **slots = xcalloc(r->ngoals + 1, sizeof *slots);
	size_t *nslots = xcalloc(r->ngoals + 1, sizeof *nslots);
	size_t rows = 0;
	for (size_t g = 0; g < r->ngoals; g++) {
		slots[g] = goal_slots(&r->goals[g], &nslots[g]);
		rows += nslots[g];
	}
	xlsx_table(x, ws, "StatusByPeriod", 0, (lxw_row_t)rows, names, NCOLS);
	worksheet_set_row(ws, 0, 30, NULL);
	char goal_range[64], period_range[64], status_range[64];
	xlsx_history_ranges(x, goal_range, period_range, status_range, sizeof goal_range);
	const char *crit[STATUS_COUNT];
	for (int i = 0; i < STATUS_COUNT; i++)
		crit[i] = xlsx_criterion(x, p->status_label[p->order[i]]);
	lxw_row_t row = 0;
	for (size_t g = 0; g < r->ngoals; g++) {
		const struct goal *goal = &r->goals[g];
		const char *goal_crit = xlsx_criterion(x, goal->id);
		size_t n = nslots[g];
		for (size_t k = 0; k < n; k++) {
			row++;
			const struct xlsx_period *per = xlsx_period(x, slots[g][k].period);
			xlsx_text(x, ws, row, 0, goal->id, x->text);
			xlsx_text(x, ws, row, 1, goal->name, x->text);
			xlsx_text(x, ws, row, 2, per->id, x->text);
			const char *period_crit = xlsx_criterion(x, per->id);
			int total = 0;
			for (int i = 0; i < STATUS_COUNT; i++) {
				const char *label = p->status_label[p->order[i]];
				int c = label_count(p, slots[g][k].counts, label);
				char f[1024];
				snprintf(f, sizeof f, "=COUNTIFS(%s,%s,%s,%s,%s,%s)", goal_range,
					 goal_crit, period_range, period_crit, status_range, crit[i]);
				xlsx_formula(x, ws, row, (lxw_col_t)(3 + i), f, c, x->integer);
				total += c;
			}
			char a[16], b[16], f[48];
			lxw_rowcol_to_cell(a, row, 3);
			lxw_rowcol_to_cell(b, row, 3 + STATUS_COUNT - 1);
			snprintf(f, sizeof f, "=SUM(%s:%s)", a, b);
			xlsx_formula(x, ws, row, NCOLS - 1, f, total, x->integer);
		}
		free(slots[g]);
	}
	free(slots);
	free(nslots);
	static const double widths[NCOLS] = {16, 30, 11, 13, 13, 13, 13, 9};
	xlsx_widths(ws, widths, NCOLS, NULL, 1000);
	worksheet_freeze_panes(ws, 1, 0);
	xlsx_print_setup(ws, true);
}
