/* A measure's chart as SVG, drawn from the presentation's series (struct
 * pres_chart): bars for the quarters with a value, the gap mark for those
 * without, the target as dashed steps, benchmarks as dotted lines, the
 * value axis, the quarters, a legend, and the text alternative as its
 * title. The web page inlines it; the same element is a whole SVG file for
 * a renderer such as librsvg. Colours are attributes, not CSS classes, so
 * it looks the same wherever it is drawn. */
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
};

/* The chart style of a layout, drawn on `background`. */
void svg_chart_style_from(const struct style *st, struct rgb background, const char *font_family,
			  struct svg_chart_style *out);

/* A CSS font-family list for face `face` of the layout: the family its font
 * file names, the fallback face's, then a generic family. `weight` gets the
 * face's weight. Names hold only letters, digits, spaces and hyphens, so
 * the list is safe in CSS and in a quoted attribute. */
void svg_font_family(const struct style *st, enum face face, char *buf, size_t n, int *weight);

/* Append the chart as an <svg> element `width` by `height` units. `title_id`
 * (escaped here) names its <title>, the text alternative, for
 * aria-labelledby; NULL for none. Nothing is drawn for a chart with no
 * point. */
void svg_chart(struct strbuf *b, const struct pres_chart *c, const struct presentation *p,
	       const struct svg_chart_style *s, double width, double height, const char *title_id);

/* "#1f3a5f" */
void svg_color(struct strbuf *b, struct rgb c);

#endif
