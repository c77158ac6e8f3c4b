/* A measure's card on the page: the name, department and status in a band,
 * the facts (result, comparisons, benchmark, definition) beside the chart
 * and its figures as a table, then the commentary and next steps. Every
 * word is the presentation's. */
#include <stdio.h>
#include <string.h>

#include "html.h"

/* One fact: a label and a value already in words. */
static void fact(struct html *h, const char *label, const char *value)
{
	if (!value)
		return;
	sb_add(&h->b, "<dt>");
	html_text(h, label);
	sb_add(&h->b, "</dt><dd>");
	html_text(h, value);
	sb_add(&h->b, "</dd>");
}

/* A comparison with an earlier quarter, its trend word in colour. */
static void change(struct html *h, const struct pres_change *c)
{
	/* Nothing to compare with says nothing, as on the PDF's cards. */
	if (c->says_little || !c->applies || !c->text)
		return;
	sb_add(&h->b, "<dt>");
	html_text(h, c->label);
	sb_add(&h->b, "</dt><dd>");
	html_text(h, c->text);
	if (c->trend_word) {
		/* A no-break space after the dash: "— worse" never parts. */
		sb_add(&h->b, " \xE2\x80\x94\xC2\xA0");
		const char *cls = c->trend == TREND_BETTER ? "better"
				  : c->trend == TREND_WORSE ? "worse"
							    : NULL;
		html_elem(h, "b", cls, c->trend_word);
	}
	sb_add(&h->b, "</dd>");
}

/* The facts, in the PDF card's order. */
static void facts(struct html *h, const struct measure *m, const struct pres_measure *pm)
{
	const struct pres_page *w = &h->p->page;
	sb_add(&h->b, "<dl>");
	fact(h, w->result, pm->sentence);
	/* Beside a total to date, the period's own result. */
	fact(h, pm->this_period_label ? pm->this_period_label : w->this_quarter, pm->this_quarter);
	fact(h, w->to_date, pm->to_date);
	fact(h, w->pace, pm->pace);
	fact(h, pm->second_label, pm->second);
	fact(h, w->targets, pm->targets_text);
	fact(h, w->status, pm->reason);
	fact(h, w->latest, pm->latest);
	fact(h, w->benchmark, pm->benchmarks);
	fact(h, w->status, pm->override_note);
	change(h, &pm->vs_last_year);
	change(h, &pm->vs_last_quarter);
	fact(h, w->results, pm->recent);
	fact(h, w->reported, pm->frequency_note);
	fact(h, w->history, pm->since_note);
	fact(h, w->source, pm->source);
	if (m->definition.nruns > 0) {
		sb_add(&h->b, "<dt>");
		html_text(h, w->definition);
		sb_add(&h->b, "</dt><dd>");
		html_para(h, &m->definition);
		sb_add(&h->b, "</dd>");
	}
	sb_add(&h->b, "</dl>");
}

/* A cell of a chart's table: the amount, or the words for none with the
 * dash the eye expects. */
static void amount_cell(struct html *h, const char *text, const char *none)
{
	sb_add(&h->b, "<td>");
	if (text) {
		html_text(h, text);
	} else {
		sb_add(&h->b, "<span aria-hidden=\"true\">");
		html_text(h, h->p->no_result_mark);
		sb_add(&h->b, "</span><span class=\"vh\">");
		html_text(h, none);
		sb_add(&h->b, "</span>");
	}
	sb_add(&h->b, "</td>");
}

/* The chart, with the same series as a table for those who cannot see it
 * or want the numbers. */
static void chart(struct html *h, const struct pres_chart *c)
{
	const struct pres_page *w = &h->p->page;
	struct strbuf *b = &h->b;
	sb_add(b, "<figure>");
	/* The chart's name is its text alternative, said once in the page: as
	 * the caption of the table of the same figures. */
	char id[32];
	snprintf(id, sizeof id, "c%zu", ++h->charts);
	svg_chart(b, c, h->p, &h->chart, HTML_CHART_W, HTML_CHART_H, id, SVG_INLINE, &h->shared);
	sb_add(b, "<details><summary>");
	html_text(h, w->chart_figures);
	/* One body, its first row the column headers: cells are scoped. */
	sb_add(b, "</summary><table><caption id=\"");
	sb_add(b, id);
	sb_add(b, "\">");
	html_text(h, c->alt);
	sb_add(b, "</caption><tbody><tr><th scope=\"col\">");
	html_text(h, w->quarter);
	sb_add(b, "</th><th scope=\"col\">");
	html_text(h, c->value_name);
	sb_add(b, "</th>");
	if (c->nsegments > 0) {
		sb_add(b, "<th scope=\"col\">");
		html_text(h, c->target_name);
		sb_add(b, "</th>");
	}
	sb_add(b, "</tr>");
	for (size_t i = 0; i < c->npoints; i++) {
		const struct pres_point *pt = &c->points[i];
		sb_add(b, "<tr><th scope=\"row\">");
		html_text(h, pt->label);
		sb_add(b, "</th>");
		amount_cell(h, pt->has_value ? pt->value_text : NULL, w->no_value);
		if (c->nsegments > 0)
			amount_cell(h, !pt->has_target ? NULL
				    : pt->range_text ? pt->range_text
						     : pt->target_text,
				    w->no_target);
		sb_add(b, "</tr>");
	}
	sb_add(b, "</tbody></table></details></figure>");
}

/* The judged period's breakdown: each part and its figure. */
static void breakdown(struct html *h, const struct pres_measure *pm)
{
	const struct pres_period *cur = pm->current;
	if (!pm->breakdown_title || !cur || cur->nparts == 0)
		return;
	struct strbuf *b = &h->b;
	sb_add(b, "<table class=\"parts\"><tbody><tr><th scope=\"col\">");
	html_text(h, pm->breakdown_title);
	sb_add(b, "</th><th scope=\"col\">");
	html_text(h, pm->judged_label);
	sb_add(b, "</th></tr>");
	for (size_t i = 0; i < cur->nparts; i++) {
		sb_add(b, "<tr><th scope=\"row\">");
		html_text(h, cur->parts[i].label);
		sb_add(b, "</th>");
		amount_cell(h, cur->parts[i].value, pm->no_result);
		sb_add(b, "</tr>");
	}
	sb_add(b, "</tbody></table>");
}

/* Commentary or next steps under their heading. */
static void notes(struct html *h, const char *title, const struct paras *ps)
{
	if (ps->n == 0)
		return;
	html_elem(h, "h4", NULL, title);
	for (size_t i = 0; i < ps->n; i++) {
		sb_add(&h->b, "<p>");
		html_para(h, &ps->items[i]);
		sb_add(&h->b, "</p>");
	}
}

void html_card(struct html *h, const struct measure *m)
{
	const struct pres_measure *pm = present_measure(h->p, m);
	const struct pres_page *w = &h->p->page;
	struct strbuf *b = &h->b;
	sb_add(b, "<article class=\"card\"");
	if (!h->anchored[m->index]) {
		h->anchored[m->index] = true;
		sb_add(b, " id=\"");
		html_id(h, "m-", m->id);
		sb_addc(b, '"');
	}
	sb_printf(b, "><div class=\"head b-%s\"><div>", status_name(pm->status));
	html_elem(h, "h3", NULL, m->name);
	if (m->department)
		html_elem(h, "p", "sub", m->department);
	sb_add(b, "</div>");
	html_status(h, pm->status, pm->status_word, "p");
	sb_add(b, "</div>");
	facts(h, m, pm);
	if (pm->card.drawn)
		chart(h, &pm->card);
	breakdown(h, pm);
	notes(h, w->commentary, &m->commentary);
	notes(h, w->next_steps, &m->action);
	sb_add(b, "</article>\n");
	html_spill(h);
}

void html_measure_line(struct html *h, const struct measure *m)
{
	const struct pres_measure *pm = present_measure(h->p, m);
	struct strbuf *b = &h->b;
	sb_add(b, "<li>");
	html_status(h, pm->status, pm->status_word, "span");
	sb_add(b, " <a href=\"#");
	html_id(h, "m-", m->id);
	sb_add(b, "\">");
	html_text(h, m->name);
	sb_add(b, "</a> ");
	html_elem(h, "span", "muted", pm->sentence);
	sb_add(b, "</li>");
}
