/* The page's parts, in the layout's order: the masthead (the cover), the
 * contents, the links to the run's other outputs, at a glance (status
 * counts and a tile per goal area), the narrative, the goal areas with
 * their measures' cards, and the table of every measure with the legend. */
#include <string.h>

#include "html.h"

/* The logo as a data URI, so the page needs no other file. */
static void logo(struct html *h)
{
	const unsigned char *d = h->st->logo_data;
	size_t n = h->st->logo_size;
	if (!d || n < 4)
		return;
	const char *type = d[0] == 0x89 && d[1] == 'P' ? "image/png" : "image/jpeg";
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct strbuf *b = &h->b;
	/* Decoration: the organization's name is written beside it. */
	sb_printf(b, "<img alt=\"\" src=\"data:%s;base64,", type);
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)d[i] << 16 | (i + 1 < n ? (unsigned)d[i + 1] << 8 : 0) |
			     (i + 2 < n ? d[i + 2] : 0);
		sb_addc(b, b64[v >> 18 & 63]);
		sb_addc(b, b64[v >> 12 & 63]);
		sb_addc(b, i + 1 < n ? b64[v >> 6 & 63] : '=');
		sb_addc(b, i + 2 < n ? b64[v & 63] : '=');
	}
	sb_add(b, "\">");
}

void html_masthead(struct html *h)
{
	const struct report *r = h->r;
	const struct presentation *p = h->p;
	struct strbuf *b = &h->b;
	sb_add(b, "<header class=\"mast\"><div class=\"wrap\">");
	logo(h);
	sb_add(b, "<div>");
	html_elem(h, "p", "org", r->organization);
	html_elem(h, "h1", NULL, r->title);
	if (r->subtitle)
		html_elem(h, "p", "subtitle", r->subtitle);
	sb_add(b, "</div></div></header>\n<div class=\"wrap when\"><p>");
	html_elem(h, "span", "period", p->period_label);
	sb_add(b, "<br>");
	html_elem(h, "span", "muted", p->period_dates);
	sb_add(b, "</p>");
	if (r->plan) {
		sb_add(b, "<p>");
		html_elem(h, "span", "label", p->plan_label);
		html_text(h, r->plan);
		sb_add(b, "</p>");
	}
	if (p->published)
		html_elem(h, "p", "muted", p->published);
	sb_add(b, "</div>\n");
}

/* One entry of the contents. */
static void toc_link(struct html *h, const char *prefix, const char *id, const char *text)
{
	sb_add(&h->b, "<li><a href=\"#");
	html_id(h, prefix, id);
	sb_add(&h->b, "\">");
	html_text(h, text);
	sb_add(&h->b, "</a></li>");
}

void html_contents(struct html *h)
{
	const struct presentation *p = h->p;
	const struct report *r = h->r;
	struct strbuf *b = &h->b;
	sb_add(b, "<nav class=\"toc\" aria-label=\"");
	html_attr(h, p->part_title[PART_CONTENTS]);
	sb_add(b, "\"><div class=\"wrap\"><ul>");
	for (int i = 0; i < h->st->nparts; i++) {
		switch (h->st->parts[i]) {
		case PART_GLANCE:
			toc_link(h, "", "glance", p->part_title[PART_GLANCE]);
			break;
		case PART_NARRATIVE:
			for (size_t s = 0; s < r->nsections; s++)
				toc_link(h, "s-", r->sections[s].id, r->sections[s].title);
			break;
		case PART_GOALS:
			for (size_t g = 0; g < r->ngoals; g++)
				toc_link(h, "g-", r->goals[g].id, r->goals[g].name);
			break;
		case PART_APPENDIX:
			toc_link(h, "", "appendix", p->part_title[PART_APPENDIX]);
			toc_link(h, "", "legend", p->legend_title);
			break;
		case PART_COVER:
		case PART_CONTENTS:
		case PART_COUNT:
			break;
		}
	}
	if (h->csv_href || h->xlsx_href || h->pdf_href)
		toc_link(h, "", "data", p->page.downloads);
	sb_add(b, "</ul></div></nav>\n");
}

/* One link to another output of the run, with what it holds. */
static void download(struct html *h, const char *href, const char *type, const char *text,
		     const char *note)
{
	if (!href)
		return;
	sb_add(&h->b, "<li><a href=\"");
	sb_esc(&h->b, href);
	sb_printf(&h->b, "\" type=\"%s\" download>", type);
	html_text(h, text);
	sb_add(&h->b, "</a> ");
	html_elem(h, "span", "small", note);
	sb_add(&h->b, "</li>");
}

void html_downloads(struct html *h)
{
	const struct pres_page *w = &h->p->page;
	if (!h->csv_href && !h->xlsx_href && !h->pdf_href)
		return;
	sb_add(&h->b, "<section class=\"dl\" id=\"data\"><h2>");
	html_text(h, w->downloads);
	sb_add(&h->b, "</h2><ul>");
	download(h, h->csv_href, "text/csv", w->csv_link, w->csv_note);
	download(h, h->xlsx_href,
		 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", w->xlsx_link,
		 w->xlsx_note);
	download(h, h->pdf_href, "application/pdf", w->pdf_link, w->pdf_note);
	sb_add(&h->b, "</ul></section>\n");
}

/* Status counts as chips: icon and "3 Goal Met", in the legend's order. */
static void chips(struct html *h, const struct pres_counts *pc)
{
	sb_add(&h->b, "<ul class=\"chips\">");
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = h->p->order[i];
		sb_add(&h->b, "<li>");
		html_status(h, s, pc->chip[s], "span");
		sb_add(&h->b, "</li>");
	}
	sb_add(&h->b, "</ul>");
}

void html_glance(struct html *h)
{
	const struct presentation *p = h->p;
	const struct report *r = h->r;
	struct strbuf *b = &h->b;
	sb_add(b, "<section id=\"glance\"><h2>");
	html_text(h, p->part_title[PART_GLANCE]);
	sb_add(b, "</h2>");
	html_elem(h, "p", "lead", p->glance_intro);
	sb_add(b, "<ul class=\"counts\">");
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = p->order[i];
		sb_printf(b, "<li class=\"b-%s\">", status_name(s));
		html_elem(h, "span", "n", p->counts.count[s]);
		sb_addc(b, ' ');
		html_status(h, s, p->status_label[s], "span");
		sb_add(b, "</li>");
	}
	sb_add(b, "</ul><ul class=\"tiles\">");
	/* A tile per goal area, linking to it when the page shows goals. */
	bool link = h->has_part[PART_GOALS];
	for (size_t g = 0; g < r->ngoals; g++) {
		sb_add(b, "<li>");
		if (link) {
			sb_add(b, "<a class=\"tile\" href=\"#");
			html_id(h, "g-", r->goals[g].id);
			sb_add(b, "\">");
		} else {
			sb_add(b, "<div class=\"tile\">");
		}
		html_elem(h, "span", "label", p->goal_kicker);
		html_elem(h, "span", "tile-name", r->goals[g].name);
		html_text(h, p->goal_counts[g].sentence);
		sb_add(b, link ? "</a>" : "</div>");
		sb_add(b, "</li>");
	}
	sb_add(b, "</ul></section>\n");
}

/* A narrative block. */
static void block(struct html *h, const struct block *bk)
{
	struct strbuf *b = &h->b;
	switch (bk->kind) {
	case BLOCK_PARAGRAPH:
		sb_add(b, "<p>");
		html_para(h, &bk->u.paragraph);
		sb_add(b, "</p>\n");
		break;
	case BLOCK_QUOTE:
		sb_add(b, "<figure class=\"quote\"><blockquote><p>\xE2\x80\x9C");
		html_para(h, &bk->u.quote.text);
		sb_add(b, "\xE2\x80\x9D</p></blockquote><figcaption>\xE2\x80\x94\xC2\xA0");
		html_text(h, bk->u.quote.by);
		if (bk->u.quote.role) {
			sb_add(b, ", ");
			html_text(h, bk->u.quote.role);
		}
		sb_add(b, "</figcaption></figure>\n");
		break;
	case BLOCK_LIST:
		sb_add(b, "<ul>");
		for (size_t i = 0; i < bk->u.list.n; i++) {
			sb_add(b, "<li>");
			html_para(h, &bk->u.list.items[i]);
			sb_add(b, "</li>");
		}
		sb_add(b, "</ul>\n");
		break;
	case BLOCK_HEADING:
		/* A sub-heading of the section's h2. */
		sb_add(b, "<h3");
		if (bk->u.heading.lang) {
			sb_add(b, " lang=\"");
			sb_esc(b, bk->u.heading.lang);
			sb_add(b, "\"");
		}
		sb_add(b, ">");
		html_text(h, bk->u.heading.text);
		sb_add(b, "</h3>\n");
		break;
	case BLOCK_MEASURES:
		/* A line each, linking to the card in its goal area; without goal
		 * areas, the cards themselves. */
		if (!h->has_part[PART_GOALS]) {
			for (size_t i = 0; i < bk->u.measures.n; i++)
				html_card(h, bk->u.measures.items[i]);
			break;
		}
		sb_add(b, "<ul class=\"lines\">");
		for (size_t i = 0; i < bk->u.measures.n; i++)
			html_measure_line(h, bk->u.measures.items[i]);
		sb_add(b, "</ul>\n");
		break;
	}
}

void html_narrative(struct html *h)
{
	const struct report *r = h->r;
	for (size_t s = 0; s < r->nsections; s++) {
		const struct section *sec = &r->sections[s];
		sb_add(&h->b, "<section id=\"");
		html_id(h, "s-", sec->id);
		sb_add(&h->b, "\">");
		html_elem(h, "h2", NULL, sec->title);
		for (size_t i = 0; i < sec->nblocks; i++)
			block(h, &sec->blocks[i]);
		sb_add(&h->b, "</section>\n");
	}
}

/* A goal's initiatives: a table with a row per milestone, the initiative's
 * name and status on its first, then each initiative's commentary. */
static void initiatives(struct html *h, const struct goal *goal, size_t g)
{
	if (goal->ninitiatives == 0)
		return;
	const struct presentation *p = h->p;
	const struct pres_page *w = &p->page;
	struct strbuf *b = &h->b;
	html_elem(h, "h3", "initiatives", p->initiatives_title);
	html_elem(h, "p", "muted", p->goal_initiatives[g]);
	/* Five columns may not fit a phone: the table scrolls in its own box,
	 * which the keyboard can reach, and the page never does. */
	sb_add(b, "<section class=\"scroll\" tabindex=\"0\" aria-label=\"");
	html_attr(h, p->initiatives_title);
	sb_add(b, "\"><table class=\"plan\"><thead><tr>");
	const char *heads[] = {w->initiative, w->status, w->milestone, w->due, w->progress};
	for (size_t k = 0; k < sizeof heads / sizeof *heads; k++) {
		sb_add(b, "<th scope=\"col\">");
		html_text(h, heads[k]);
		sb_add(b, "</th>");
	}
	sb_add(b, "</tr></thead>");
	for (size_t i = 0; i < goal->ninitiatives; i++) {
		const struct initiative *in = goal->initiatives[i];
		const struct pres_initiative *pi = &p->initiatives[in->index];
		size_t n = pi->nmilestones ? pi->nmilestones : 1;
		/* An initiative's rows are a group its name heads. */
		sb_add(b, "<tbody>");
		for (size_t k = 0; k < n; k++) {
			sb_add(b, "<tr>");
			if (k == 0) {
				sb_printf(b, "<th scope=\"rowgroup\" rowspan=\"%zu\">", n);
				html_text(h, in->name);
				if (in->department) {
					sb_add(b, " <span class=\"muted\">(");
					html_text(h, in->department);
					sb_add(b, ")</span>");
				}
				sb_printf(b, "</th><td rowspan=\"%zu\">", n);
				html_text(h, pi->status_word);
				sb_add(b, "</td>");
			}
			if (pi->nmilestones == 0) {
				sb_add(b, "<td colspan=\"3\">");
				html_text(h, pi->summary);
				sb_add(b, "</td></tr>");
				continue;
			}
			const struct pres_milestone *pm = &pi->milestones[k];
			html_elem(h, "td", NULL, pm->text);
			html_elem(h, "td", NULL, pm->due);
			sb_add(b, "<td>");
			html_text(h, pm->status_word);
			if (pm->ms->overdue) {
				sb_add(b, ", <b>");
				html_text(h, p->overdue_word);
				sb_add(b, "</b>");
			}
			sb_add(b, "</td></tr>");
		}
		sb_add(b, "</tbody>");
	}
	sb_add(b, "</table></section>\n");
	for (size_t i = 0; i < goal->ninitiatives; i++) {
		const struct initiative *in = goal->initiatives[i];
		if (in->commentary.n == 0)
			continue;
		html_elem(h, "h4", NULL, in->name);
		for (size_t k = 0; k < in->commentary.n; k++) {
			sb_add(b, "<p>");
			html_para(h, &in->commentary.items[k]);
			sb_add(b, "</p>");
		}
	}
	html_spill(h);
}

void html_goals(struct html *h)
{
	const struct report *r = h->r;
	const struct presentation *p = h->p;
	for (size_t g = 0; g < r->ngoals; g++) {
		const struct goal *goal = &r->goals[g];
		sb_add(&h->b, "<section id=\"");
		html_id(h, "g-", goal->id);
		sb_add(&h->b, "\">");
		html_elem(h, "p", "kicker", p->goal_kicker);
		html_elem(h, "h2", NULL, goal->name);
		if (goal->statement.nruns > 0) {
			sb_add(&h->b, "<p class=\"lead\">");
			html_para(h, &goal->statement);
			sb_add(&h->b, "</p>");
		}
		if (goal->nmeasures == 0)
			html_elem(h, "p", "muted", p->no_measures);
		else
			chips(h, &p->goal_counts[g]);
		for (size_t i = 0; i < goal->nmeasures; i++)
			html_card(h, goal->measures[i]);
		initiatives(h, goal, g);
		sb_add(&h->b, "</section>\n");
	}
}

/* A header cell of the table of every measure. */
static void col(struct html *h, const char *text)
{
	sb_add(&h->b, "<th scope=\"col\">");
	html_text(h, text);
	sb_add(&h->b, "</th>");
}

/* The legend: each icon and label with its meaning, then the rules. */
static void legend(struct html *h)
{
	const struct presentation *p = h->p;
	struct strbuf *b = &h->b;
	sb_add(b, "<section id=\"legend\"><h2>");
	html_text(h, p->legend_title);
	sb_add(b, "</h2><dl class=\"legend\">");
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = p->order[i];
		sb_add(b, "<div>");
		html_status(h, s, p->status_label[s], "dt");
		html_elem(h, "dd", NULL, p->status_meaning[s]);
		sb_add(b, "</div>");
	}
	sb_add(b, "</dl>");
	/* The rules in the PDF's order, those this report needs. */
	const char *rules[] = {p->tolerance_rule, p->ytd_rule, p->phasing_rule, p->target_rule,
			       p->period_rule, p->estimate_rule, p->initiative_rule,
			       p->override_rule, p->change_rule};
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
		if (rules[i])
			html_elem(h, "p", NULL, rules[i]);
	sb_add(b, "</section>\n");
}

void html_appendix(struct html *h)
{
	const struct presentation *p = h->p;
	const struct report *r = h->r;
	const struct pres_page *w = &p->page;
	struct strbuf *b = &h->b;
	bool link = h->has_part[PART_GOALS];
	sb_add(b, "<section id=\"appendix\"><h2>");
	html_text(h, p->part_title[PART_APPENDIX]);
	sb_add(b, "</h2>");
	html_elem(h, "p", NULL, p->appendix_intro);
	if (link)
		html_elem(h, "p", NULL, p->appendix_links);
	sb_add(b, "<table class=\"every\"><thead><tr>");
	col(h, w->measure);
	col(h, w->status);
	col(h, w->result);
	col(h, w->target);
	sb_add(b, "</tr></thead>\n");
	for (size_t g = 0; g < r->ngoals; g++) {
		const struct goal *goal = &r->goals[g];
		if (goal->nmeasures == 0)
			continue;
		sb_add(b, "<tbody><tr><th colspan=\"4\" scope=\"rowgroup\">");
		html_text(h, goal->name);
		sb_add(b, "</th></tr>\n");
		for (size_t i = 0; i < goal->nmeasures; i++) {
			const struct measure *m = goal->measures[i];
			const struct pres_measure *pm = present_measure(p, m);
			sb_add(b, "<tr><th scope=\"row\">");
			if (link) {
				sb_add(b, "<a href=\"#");
				html_id(h, "m-", m->id);
				sb_add(b, "\">");
			}
			html_text(h, m->name);
			sb_add(b, link ? "</a></th>" : "</th>");
			/* The word in a span of its own: on a phone the cell's label
			 * comes before it, the icon right beside the word. */
			sb_add(b, "<td>");
			html_status(h, pm->status, pm->status_word, "span");
			sb_add(b, "</td>");
			sb_add(b, "<td>");
			if (pm->result) {
				html_text(h, pm->result);
			} else {
				sb_add(b, "<span aria-hidden=\"true\">");
				html_text(h, p->no_result_mark);
				sb_add(b, "</span><span class=\"vh\">");
				html_text(h, pm->no_result);
				sb_add(b, "</span>");
			}
			sb_add(b, "</td>");
			html_elem(h, "td", NULL, pm->target);
			sb_add(b, "</tr>\n");
			html_spill(h);
		}
		sb_add(b, "</tbody>\n");
	}
	sb_add(b, "</table></section>\n");
	legend(h);
}

void html_footer(struct html *h)
{
	const struct presentation *p = h->p;
	sb_add(&h->b, "<footer class=\"foot\"><div class=\"wrap\">");
	html_elem(h, "p", NULL, p->doc_title);
	if (p->published)
		html_elem(h, "p", NULL, p->published);
	sb_add(&h->b, "</div></footer>\n");
}
