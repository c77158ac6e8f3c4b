/* The web page: the whole report as one self-contained HTML file that a
 * city can put on its website as it is. CSS, icons and charts are inline,
 * the logo a data URI; it needs no script and asks for nothing else (its
 * content security policy says so to the browser). Built in memory, then
 * written through the descriptor at once. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "version.h"

/* The relative URL of back end `name`'s output beside the page, when this
 * run writes it; NULL otherwise. Heap-owned. */
static char *sibling(const struct backend_job *job, const char *name)
{
	const struct backend *be = backend_find(name, strlen(name));
	if (!be || !job->written || !job->written[be - backends])
		return NULL;
	char *file = output_name(job->r->path, be->suffix);
	char *url = html_file_url(file);
	free(file);
	return url;
}

static void head(struct html *h)
{
	const struct presentation *p = h->p;
	struct strbuf *b = &h->b;
	sb_add(b, "<!DOCTYPE html>\n<html lang=\"");
	sb_esc(b, h->r->lang ? h->r->lang : "en-US");
	sb_add(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		  /* Nothing may be fetched: the page is whole as it is. */
		  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		  "style-src 'unsafe-inline'; img-src data:\">\n<title>");
	sb_esc(b, p->doc_title);
	sb_add(b, "</title>\n<meta name=\"description\" content=\"");
	sb_esc(b, p->doc_subject);
	sb_add(b, "\">\n<meta name=\"keywords\" content=\"");
	sb_esc(b, p->doc_keywords);
	sb_add(b, "\">\n<meta name=\"generator\" content=\"qreport " QREPORT_VERSION "\">\n");
	html_css(h);
	sb_add(b, "</head>\n");
}

/* The parts in the layout's order: the cover is the masthead, always
 * first, as a page needs its title; the legend follows the appendix. */
static void body(struct html *h)
{
	struct strbuf *b = &h->b;
	sb_add(b, "<body>\n<a class=\"skip\" href=\"#main\">");
	html_text(h, h->p->page.skip_link);
	sb_add(b, "</a>\n");
	html_masthead(h);
	if (h->has_part[PART_CONTENTS])
		html_contents(h);
	sb_add(b, "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n");
	html_downloads(h);
	for (int i = 0; i < h->st->nparts; i++) {
		switch (h->st->parts[i]) {
		case PART_GLANCE:
			html_glance(h);
			break;
		case PART_NARRATIVE:
			html_narrative(h);
			break;
		case PART_GOALS:
			html_goals(h);
			break;
		case PART_APPENDIX:
			html_appendix(h);
			break;
		case PART_COVER:
		case PART_CONTENTS:
		case PART_COUNT:
			break;
		}
	}
	sb_add(b, "</main>\n");
	html_footer(h);
	svg_shared_write(b, &h->shared);
	sb_add(b, "</body>\n</html>\n");
}

/* The bar width most of the page's charts have, so the stylesheet says it
 * once: widths are whole units, a few at most. */
static double common_bar_width(const struct html *h)
{
	enum { WIDEST = 64 };
	size_t seen[WIDEST + 1] = {0};
	for (size_t i = 0; i < h->r->nmeasures; i++) {
		const struct pres_chart *c = &h->p->measures[i].card;
		if (!c->drawn)
			continue;
		double w = svg_chart_bar_width(c, &h->chart, HTML_CHART_W, HTML_CHART_H);
		if (w >= 1 && w <= WIDEST)
			seen[(int)w]++;
	}
	size_t best = 0;
	for (size_t w = 1; w <= WIDEST; w++)
		if (seen[w] > seen[best])
			best = w;
	return (double)best;
}

/* See render.h. */
enum write_result render_html(const struct backend_job *job, int out)
{
	struct html h = {.p = job->pres, .r = job->r, .st = job->st, .fd = out};
	for (int i = 0; i < job->st->nparts; i++)
		h.has_part[job->st->parts[i]] = true;
	html_palette_make(job->st, &h.c);
	svg_font_family(job->st, FACE_REGULAR, h.body_font, sizeof h.body_font, NULL);
	svg_font_family(job->st, FACE_HEADING, h.heading_font, sizeof h.heading_font,
			&h.heading_weight);
	svg_chart_style_from(job->st, (struct rgb){1, 1, 1}, h.body_font, &h.chart);
	h.chart.bar_width = common_bar_width(&h);
	h.anchored = xcalloc(job->r->nmeasures + 1, sizeof *h.anchored);
	char *csv = sibling(job, "csv"), *xlsx = sibling(job, "xlsx"), *pdf = sibling(job, "pdf");
	h.csv_href = csv;
	h.xlsx_href = xlsx;
	h.pdf_href = pdf;
	head(&h);
	body(&h);
	if (!h.err && !sb_spill(&h.b, out, 0))
		h.err = errno ? errno : EIO;
	bool ok = h.err == 0;
	int err = h.err;
	sb_free(&h.b);
	svg_shared_free(&h.shared);
	free(h.anchored);
	free(csv);
	free(xlsx);
	free(pdf);
	if (!ok) {
		diag_error(job->d, job->path, 0, "cannot write the web page: %s; the previous "
			   "version, if any, is unchanged", strerror(err));
		return WRITE_FAILED;
	}
	return WRITE_OK;
}
