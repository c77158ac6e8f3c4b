/* Labels that name a measure's facts and the columns of its tables, and the
 * words of the web page that no other output has: the skip link, the links
 * to the run's other outputs, the opening of a chart's figures. Numbers for
 * data files are written here too, so no back end formats an amount. */
#include <stdio.h>
#include <string.h>

#include "present_internal.h"

/* See present.h. */
void present_data_number(double v, char *buf, size_t n)
{
	snprintf(buf, n, "%.9f", round9(v));
	char *end = buf + strlen(buf);
	if (strchr(buf, '.')) {
		while (end > buf && end[-1] == '0')
			*--end = '\0';
		if (end > buf && end[-1] == '.')
			*--end = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, n, "0");
}

/* See present_internal.h. */
void pres_page_words(struct presentation *p)
{
	struct pres_page *w = &p->page;
	w->result = "Result";
	w->this_quarter = "This quarter";
	w->results = "Results";
	w->to_date = "Year to date";
	w->pace = "Pace";
	w->targets = "Targets";
	w->latest = "Latest result";
	w->reported = "Reported";
	w->history = "History";
	w->source = "Source";
	w->initiative = "Initiative";
	w->milestone = "Milestone";
	w->due = "Due";
	w->progress = "Progress";
	w->status = "Status";
	w->benchmark = "Benchmark";
	w->definition = "Definition";
	w->commentary = "Commentary";
	w->next_steps = "Next steps";
	w->measure = "Measure";
	w->target = "Target";
	w->quarter = "Quarter";
	w->skip_link = "Skip to the report";
	w->downloads = "Download the data";
	w->csv_link = "Open data (CSV)";
	w->csv_note = "Every measure's result, target and status for each quarter, one row per "
		      "measure and quarter.";
	w->xlsx_link = "Workbook (Excel)";
	w->xlsx_note = "The same figures with charts and notes, for analysts.";
	w->pdf_link = "Printable report (PDF)";
	w->pdf_note = arena_printf(&p->arena, "This report for %s, laid out for printing.",
				   p->period_label);
	w->chart_figures = "The chart's figures";
	w->no_value = "no result";
	w->no_target = "no target";
}
