/* A measure's chart as SVG, drawn from the presentation's series (struct
 * pres_chart): bars for the quarters with a value, the gap mark for those
 * without, the target as dashed steps, benchmarks as dotted lines, the
 * value axis, the quarters, a legend, and the text alternative as its
 * title. The web page inlines it, its looks in the page's stylesheet once;
 * as a file of its own (for a renderer such as librsvg) it carries them in
 * its own style element. */
#ifndef QREPORT_SVG_CHART_H
#define QREPORT_SVG_CHART_H

#include <stdbool.h>

#include "present.h"
#include "strbuf.h"
#include "style.h"

struct svg_chart_style {
	char font_family[256];  /* A CSS font-family list (svg_font_family). */
	double font_size;       /* In the chart's units (CSS pixels on a page). */
	struct rgb background;  /* What the chart is drawn on. */
	/* Made to stand out from the background: labels by 4.5:1 or more,
	 * marks (bars, target, benchmarks) by 3:1 or more. */
	struct rgb text, bar, bar_past, target, benchmark;
	struct rgb grid;        /* Gridlines: decoration, light. */
	double bar_width;       /* The width most bars have, said once in the
				 * style rather than on each chart; 0 for none. */
};

/* Where the chart goes. */
enum svg_mode {
	SVG_INLINE,   /* In a web page whose stylesheet holds svg_chart_css(). */
	SVG_DOCUMENT, /* A file of its own: namespace, size and style included. */
};

/* Pieces that many charts of a page draw alike (the quarters beneath the
 * plot, the legend's first line), each drawn once in the page and used by
 * reference: a report's cards mostly show the same eight quarters. */
struct svg_shared {
	struct strbuf defs;  /* <g id="qs0">...</g>, for svg_shared_write. */
	char **pieces;       /* Each piece's markup, heap-owned, to compare. */
	size_t n;
};

/* The shared pieces, in a hidden element the charts' references reach;
 * nothing when there are none. Anywhere in the page. */
void svg_shared_write(struct strbuf *b, const struct svg_shared *sh);
void svg_shared_free(struct svg_shared *sh);

/* The chart style of a layout, drawn on `background`. */
void svg_chart_style_from(const struct style *st, struct rgb background, const char *font_family,
			  struct svg_chart_style *out);

/* A CSS font-family list for face `face` of the layout: the family its font
 * file names, the fallback face's, then a generic family. `weight` gets the
 * face's weight. Names hold only letters, digits, spaces and hyphens, so
 * the list is safe in CSS and in a quoted attribute. */
void svg_font_family(const struct style *st, enum face face, char *buf, size_t n, int *weight);

/* The style rules of the charts' classes (scoped to svg.qc), for a page's
 * stylesheet or a chart's own style element. */
void svg_chart_css(struct strbuf *b, const struct svg_chart_style *s);

/* Append the chart as an <svg> element `width` by `height` units, an image
 * whose name is the chart's text alternative: its own <title>, or, when
 * `labelled_by` is not NULL, the element of that id (escaped here), where
 * the caller puts the same text. `shared` (inline only) collects the pieces
 * charts share; NULL draws everything in place. Nothing is drawn for a
 * chart with no point. */
void svg_chart(struct strbuf *b, const struct pres_chart *c, const struct presentation *p,
	       const struct svg_chart_style *s, double width, double height,
	       const char *labelled_by, enum svg_mode mode, struct svg_shared *shared);

/* The width of the chart's bars, for a page to give bar_width its most
 * common value. */
double svg_chart_bar_width(const struct pres_chart *c, const struct svg_chart_style *s,
			   double width, double height);

/* A status's icon, the shapes of the PDF's (pdf_icons.c): a disc with a
 * check mark for met, a triangle with an exclamation mark for under, a
 * square with a cross for not met, a hollow ring with a dash for no data;
 * in its fill and mark colours ("#2e7d32"), as an <svg> element in single
 * quotes, so that it can also sit in a CSS string. With `size` above 0 it
 * is placed at x, y, `size` units a side; else it fills what holds it. */
void svg_status_icon(struct strbuf *b, enum status s, const char *fill, const char *mark, double x,
		     double y, double size);

/* "#1f3a5f" */
void svg_color(struct strbuf *b, struct rgb c);

#endif
