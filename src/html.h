/* Shared by the web page back end's files (render_html.c, html_*.c) and
 * nothing else. The page is built in one buffer, then written at once. */
#ifndef QREPORT_HTML_H
#define QREPORT_HTML_H

#include <stdbool.h>

#include "model.h"
#include "present.h"
#include "render.h"
#include "strbuf.h"
#include "style.h"
#include "svg_chart.h"

/* Colours as "#rrggbb", each made legible on what it is drawn on. */
struct html_palette {
	char text[8], muted[8], heading[8], link[8], rule[8], band[8], page[8];
	char on_band[8];                /* Muted text on the band. */
	char cover_text[8], cover_fill[8];
	char accent[8];                 /* Decoration only: bars beside quotes. */
	char focus[8];                  /* The focus ring on the page and the band. */
	char status_text[STATUS_COUNT][8]; /* Status words, on the page or the band. */
	char status_icon[STATUS_COUNT][8]; /* Icon fills: 3:1 on the page and the band. */
	char status_mark[STATUS_COUNT][8]; /* The check, cross... inside an icon. */
	char stripe[STATUS_COUNT][8];   /* A card's edge in its status colour. */
	char better[8], worse[8];       /* Trend words. */
};

/* Everything the page's writers share. */
struct html {
	struct strbuf b;               /* What is made and not yet written. */
	int fd;                        /* Where the page goes. */
	int err;                       /* The first failed write's errno, or 0. */
	const struct presentation *p;
	const struct report *r;
	const struct style *st;
	struct html_palette c;
	struct svg_chart_style chart;
	struct svg_shared shared;      /* Pieces the page's charts share. */
	char body_font[256], heading_font[256];
	int heading_weight;
	bool has_part[PART_COUNT];     /* Which parts the layout shows. */
	bool *anchored;                /* Per measure: its card's anchor is written. */
	size_t charts;                 /* Charts drawn so far: each names its caption. */
	/* Links to the run's other outputs, or NULL: escaped-ready relative URLs. */
	const char *csv_href, *xlsx_href, *pdf_href;
};

/* ---- html_text.c ---- */

/* Write what is made so far once there is enough of it (a card, a goal
 * area): the page never waits whole in memory. */
void html_spill(struct html *h);

/* Text escaped for an element's content. */
void html_text(struct html *h, const char *s);
/* Text escaped for an attribute's value in double quotes. */
void html_attr(struct html *h, const char *s);
/* A paragraph of the data file's rich text: bold, italic, links (only
 * http, https and mailto ones; any other stays text). */
void html_para(struct html *h, const struct para *p);
/* <tag class="cls">text</tag>, the text escaped; `cls` NULL for none. */
void html_elem(struct html *h, const char *tag, const char *cls, const char *text);
/* An id attribute's value: `prefix` then the data file's id, escaped. */
void html_id(struct html *h, const char *prefix, const char *id);
/* A file name as a relative URL: every byte but unreserved ones
 * percent-encoded, so a name can never read as a scheme or a fragment. */
char *html_file_url(const char *name);
/* Whether a link target from the data file may be a link (the format's
 * rule: http, https, mailto). */
bool html_link_ok(const char *href);
/* Text as a CSS string's contents, for generated labels. */
void html_css_string(struct html *h, const char *s);

/* ---- html_icons.c ---- */

/* The status icons' style rules: each drawn before the word of an element
 * of class "st s-STATUS". */
void html_icon_css(struct html *h);
/* A status's word with its icon: <tag class="st s-met">Goal Met</tag>. */
void html_status(struct html *h, enum status s, const char *word, const char *tag);

/* ---- html_css.c ---- */

void html_palette_make(const struct style *st, struct html_palette *c);
void html_css(struct html *h);

/* ---- html_card.c ---- */

/* The size of a card's chart, in CSS pixels at its natural size. */
#define HTML_CHART_W 300
#define HTML_CHART_H 200

/* A measure's card, on its own anchor (#m-ID) the first time it is drawn. */
void html_card(struct html *h, const struct measure *m);
/* The narrative's line for a measure: its status, its name linking to its
 * card, the result against the target. */
void html_measure_line(struct html *h, const struct measure *m);

/* ---- html_parts.c ---- */

void html_masthead(struct html *h);
void html_contents(struct html *h);
void html_downloads(struct html *h);
void html_glance(struct html *h);
void html_narrative(struct html *h);
void html_goals(struct html *h);
void html_appendix(struct html *h);
void html_footer(struct html *h);

#endif
