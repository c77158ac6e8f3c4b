/* The intake workbook's words: the steps a department follows, and for
 * each unit how its figure is written, so that what departments type is
 * what qreport import reads. */
#include "present_intake.h"

#include <stdio.h>
#include <string.h>

#include "import_rows.h"
#include "period.h"
#include "units.h"

/* How each unit's figure is written (enum unit order). Excel limits a
 * prompt's title to 32 characters and its text to 255. */
static const struct pres_entry entries[] = {
	[UNIT_COUNT] = { "Count", "342", "Actual: a whole number",
			 "Type the count, such as 342 or 1,234.",
			 "Type a whole number, such as 342.",
			 "Count: a whole number, such as 342 or 1,234." },
	[UNIT_NUMBER] = { "Number", "8.53", "Actual: a number",
			  "Type the number, such as 8.53.",
			  "Type a number, such as 8.53.",
			  "Number: a number with a point before any decimals, such as 8.53." },
	[UNIT_PERCENT] = { "Percent points", "94.3", "Actual: percent points",
			   "Type 94.3 for 94.3% (or type 94.3%), not 0.943.",
			   "Type the percentage in points, such as 94.3.",
			   "Percent points: 94.3 for 94.3%, or 94.3% with the sign; never 0.943." },
	[UNIT_CURRENCY] = { "Money", "1250000", "Actual: an amount of money",
			    "Type the amount, such as 1250000 or $1,250,000.",
			    "Type an amount, such as 1250000.",
			    "Money: an amount in the measure's currency, such as 1250000 or "
			    "$1,250,000." },
	[UNIT_MINUTES] = { "Minutes", "8.53", "Actual: minutes",
			   "Type decimal minutes, such as 8.53 (not 8:32).",
			   "Type decimal minutes, such as 8.53.",
			   "Minutes: decimal minutes, such as 8.53 for eight and a half minutes." },
	[UNIT_DURATION] = { "Minutes:seconds", "8:37", "Actual: minutes:seconds",
			    "Type minutes and seconds, such as 8:37, or 1:02:03 from an hour up.",
			    "Type minutes and seconds with a colon, such as 8:37.",
			    "Minutes:seconds: such as 8:37, or hours, minutes and seconds such as "
			    "1:02:03; the cell keeps what you type as text." },
	[UNIT_RATING] = { "Rating", "AA+", "Actual: a rating",
			  "Type the rating as the measure's levels write it, such as AA+.",
			  "Type one of the measure's levels, such as AA+.",
			  "Rating: one of the measure's levels as written in the data file, such "
			  "as AA+." },
	[UNIT_YES_NO] = { "Yes or no", "yes", "Actual: yes or no",
			  "Type yes or no.",
			  "Type yes or no.",
			  "Yes or no: the word yes or no." },
};

/* The result a measure had in a quarter, as readers see it, or NULL. */
static const char *result_in(const struct pres_measure *pm, struct period q)
{
	for (size_t i = 0; i < pm->m->nhistory; i++)
		if (period_cmp(pm->periods[i].pe->period, q) == 0)
			return pm->periods[i].actual;
	return NULL;
}

const struct pres_intake *present_intake(const struct presentation *p, struct arena *a)
{
	const struct report *r = p->r;
	struct pres_intake *in = arena_calloc(a, 1, sizeof *in);
	char id[16];
	period_id(r->period, id, sizeof id);
	in->period_id = arena_strdup(a, id);
	in->title = arena_printf(a, "Figures for %s (%s)", p->period_label, p->period_dates);
	in->subtitle = arena_printf(a, "%s: %s", r->organization, r->title);
	int now = period_index(r->period);
	for (int i = 0; i < PRES_INTAKE_HISTORY; i++) {
		char label[24];
		period_label(period_from_index(now - PRES_INTAKE_HISTORY + i), label, sizeof label);
		in->history_label[i] = arena_strdup(a, label);
	}
	const char *steps[] = {
		arena_printf(a, "This workbook collects the figures of %s for %s (%s).",
			     r->title, p->period_label, p->period_dates),
		"On the Measures sheet, fill in the three yellow columns for each of your "
		"measures: Actual, Commentary and Next steps. The other columns are locked.",
		"Filter the Department column (the arrow in its heading) to see only your "
		"measures.",
		"Actual is the figure for the period in the Period column (the quarter, or a "
		"month or a year for a measure counted so), written as the Unit column says "
		"(see below). Leave it empty when there is no figure yet.",
		"Commentary says what happened this quarter and why; Next steps says what the "
		"department will do. Start a new line (Alt+Enter in Excel, Ctrl+Enter in "
		"LibreOffice) for a new paragraph.",
		arena_printf(a, "Target is the target that applies to %s, and the four columns "
			     "before Period are the last four results, for context; for a measure "
			     "counted by month or by year, each says which period it is for.",
			     p->period_label),
		"Please leave the ID and Period columns and the headings as they are: they "
		"say where each figure goes.",
		"Return the workbook to the performance team, who read it back with "
		"qreport import.",
	};
	in->nsteps = sizeof steps / sizeof *steps;
	in->steps = arena_calloc(a, in->nsteps, sizeof *in->steps);
	for (size_t i = 0; i < in->nsteps; i++)
		in->steps[i] = arena_strdup(a, steps[i]);
	in->units_heading = "How to write the Actual";
	for (int u = UNIT_COUNT; u <= UNIT_YES_NO; u++)
		in->entries[u] = &entries[u];
	in->measures = arena_calloc(a, r->nmeasures ? r->nmeasures : 1, sizeof *in->measures);
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct pres_measure *pm = &p->measures[i];
		struct pres_intake_measure *im = &in->measures[i];
		im->entry = &entries[pm->m->unit];
		im->target = pm->target;
		struct period due = import_due_period(r, pm->m);
		char due_id[16];
		period_id(due, due_id, sizeof due_id);
		im->period_id = arena_strdup(a, due_id);
		/* The heading's quarters, or the measure's own periods named. */
		bool own = period_cmp(due, r->period) != 0;
		for (int k = 0; k < PRES_INTAKE_HISTORY; k++) {
			struct period q = period_shift(due, k - PRES_INTAKE_HISTORY);
			const char *result = result_in(pm, q);
			if (result && own) {
				char label[32];
				period_label(q, label, sizeof label);
				result = arena_printf(a, "%s: %s", label, result);
			}
			im->history[k] = result;
		}
	}
	return in;
}
