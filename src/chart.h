/* The chart images of the press packet (render_charts.c): for each measure
 * with a chart, a picture 1200 by 675 pixels, the size social posts and
 * 16:9 slides use, as SVG (chart_svg.c: the measure's name, its status
 * and figures, the chart the web page draws, whose report) and as PNG
 * rendered from that same SVG (chart_png.c, librsvg on cairo). */
#ifndef QREPORT_CHART_H
#define QREPORT_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "present.h"
#include "strbuf.h"
#include "style.h"
#include "svg_chart.h"
#include "ttf.h"

#define CHART_WIDTH 1200
#define CHART_HEIGHT 675

/* The picture's looks, from the layout, worked out once for a run. */
struct chart_look {
	struct svg_chart_style chart;  /* The plot's: the web page's chart, larger. */
	char heading_family[256];      /* CSS font-family lists and weights. */
	int heading_weight;
	char body_family[256];
	int body_weight;
	int bold_weight;
	struct ttf_metrics heading, body; /* Advance widths, to break lines. */
	bool has_heading, has_body;       /* Their fonts could be read. */
	char heading_color[8], text_color[8], muted_color[8], accent_color[8];
	char status_text[STATUS_COUNT][8]; /* "#rrggbb" on white: words, icons, marks. */
	char status_icon[STATUS_COUNT][8];
	char status_mark[STATUS_COUNT][8];
};

void chart_look_init(struct chart_look *k, const struct style *st);
void chart_look_free(struct chart_look *k);

/* Append measure `pm`'s picture as an SVG document: its name, its status
 * and what it was measured against, its full chart with the text
 * alternative as the picture's title, and the report it is from. */
void chart_image_svg(struct strbuf *b, const struct pres_measure *pm,
		     const struct presentation *p, const struct chart_look *k);

/* Rendering SVG to PNG for a run: the renderer's libraries opened, the
 * layout's fonts made known to it. NULL, with `why` saying what is
 * missing, when it cannot start. */
struct chart_raster;
struct chart_raster *chart_raster_new(const struct style *st, char *why, size_t whylen);
/* Render `svg` (CHART_WIDTH by CHART_HEIGHT) and append it to `png` as a
 * PNG file; false with `why` saying what failed. */
bool chart_raster_png(struct chart_raster *r, const struct strbuf *svg, struct strbuf *png,
		      char *why, size_t whylen);
void chart_raster_free(struct chart_raster *r);

#endif
