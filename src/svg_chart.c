/* Drawing a measure's chart as SVG. Everything it shows (which quarters,
 * values, gaps, target steps, benchmarks, ticks, names and the text
 * alternative) is the presentation's series; this file only places it. */
#include "svg_chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout_color.h"
#include "ttf.h"

/* Contrast asked of each colour, a little above WCAG's 4.5:1 for text and
 * 3:1 for graphics, so the colour rounded to eight bits per channel still
 * meets it. */
#define TEXT_MIN 4.6
#define MARK_MIN 3.1

/* A colour rounded to what "#rrggbb" can say. */
static struct rgb quantize(struct rgb c)
{
	return (struct rgb){round(c.r * 255) / 255, round(c.g * 255) / 255, round(c.b * 255) / 255};
}

void svg_color(struct strbuf *b, struct rgb c)
{
	c = quantize(c);
	sb_printf(b, "#%02x%02x%02x", (unsigned)lround(c.r * 255), (unsigned)lround(c.g * 255),
		  (unsigned)lround(c.b * 255));
}

/* See svg_chart.h. */
void svg_chart_style_from(const struct style *st, struct rgb background, const char *font_family,
			  struct svg_chart_style *out)
{
	memset(out, 0, sizeof *out);
	snprintf(out->font_family, sizeof out->font_family, "%s", font_family);
	out->font_size = 12;
	out->background = background;
	out->text = quantize(readable_on(st->color_muted, background, TEXT_MIN));
	out->bar = quantize(readable_on(st->color_primary, background, MARK_MIN));
	/* Earlier quarters lighter than the report quarter, yet still a mark
	 * that stands out from the page. */
	out->bar_past = quantize(readable_on(mix(out->bar, background, 0.45), background, MARK_MIN));
	out->target = quantize(readable_on(st->color_text, background, MARK_MIN));
	out->benchmark = quantize(readable_on(st->color_muted, background, MARK_MIN));
	out->grid = quantize(st->color_rule);
}

/* See svg_chart.h. */
void svg_font_family(const struct style *st, enum face face, char *buf, size_t n, int *weight)
{
	struct ttf_face main = {0}, fallback = {0};
	if (st->font_path[face])
		ttf_face_read(st->font_path[face], &main);
	enum face fb = face == FACE_BOLD || face == FACE_HEADING ? FACE_FALLBACK_BOLD : FACE_FALLBACK;
	if (st->font_path[fb])
		ttf_face_read(st->font_path[fb], &fallback);
	if (weight)
		*weight = main.family[0] ? main.weight : face == FACE_REGULAR ? 400 : 700;
	/* The generic family follows the brand face: a serif face falls back
	 * to a serif. */
	const char *generic = main.family[0] ? (main.serif ? "serif" : "sans-serif")
					     : (fallback.serif ? "serif" : "sans-serif");
	size_t k = 0;
	buf[0] = '\0';
	if (main.family[0])
		k += (size_t)snprintf(buf + k, n - k, "'%s', ", main.family);
	if (k < n && fallback.family[0] && strcmp(fallback.family, main.family) != 0)
		k += (size_t)snprintf(buf + k, n - k, "'%s', ", fallback.family);
	if (k < n)
		snprintf(buf + k, n - k, "%s", generic);
}

/* Where things go on the chart. */
struct geom {
	double px, pw;      /* The plot's left edge and width. */
	double ptop, pbot;  /* Its top and its bottom (the lowest tick). */
	double slot;        /* Width per quarter. */
	double lo, hi;
};

/* Where an amount sits. */
static double ypos(const struct geom *g, double v)
{
	return g->pbot - (v - g->lo) / (g->hi - g->lo) * (g->pbot - g->ptop);
}

/* A rough width of a label: the page's font is not known here, so a
 * generous average advance of 0.6 em per character. */
static double text_w(const char *s, double size)
{
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		chars += (*p & 0xC0) != 0x80;
	return (double)chars * size * 0.6;
}

/* A text element, squeezed into `room` units when it looks longer (0:
 * never). */
static void text_fit(struct strbuf *b, double x, double y, const char *anchor, const char *s,
		     double size, double room)
{
	sb_add(b, "<text x=\"");
	sb_num(b, x);
	sb_add(b, "\" y=\"");
	sb_num(b, y);
	if (room > 0 && text_w(s, size) > room) {
		sb_add(b, "\" textLength=\"");
		sb_num(b, room);
		sb_add(b, "\" lengthAdjust=\"spacingAndGlyphs");
	}
	if (anchor) {
		sb_add(b, "\" text-anchor=\"");
		sb_add(b, anchor);
	}
	sb_add(b, "\">");
	sb_esc(b, s);
	sb_add(b, "</text>");
}

/* A text element of any length. */
static void text(struct strbuf *b, double x, double y, const char *anchor, const char *s)
{
	text_fit(b, x, y, anchor, s, 0, 0);
}

/* A horizontal line from x0 to x1 at y. */
static void hline(struct strbuf *b, double x0, double x1, double y)
{
	sb_add(b, "M");
	sb_num(b, x0);
	sb_addc(b, ' ');
	sb_num(b, y);
	sb_add(b, "H");
	sb_num(b, x1);
}

/* The target: steps across the quarters each amount applies to, joined
 * where one run follows another, absent where no target applies. */
static void target_path(struct strbuf *b, const struct pres_chart *c, const struct geom *g)
{
	for (size_t k = 0; k < c->nsegments;) {
		size_t end = k;
		while (end + 1 < c->nsegments && c->segments[end + 1].first == c->segments[end].last + 1)
			end++;
		for (size_t i = k; i <= end; i++) {
			const struct pres_segment *s = &c->segments[i];
			double y = ypos(g, s->amount);
			double x0 = g->px + (double)s->first * g->slot;
			double x1 = g->px + (double)(s->last + 1) * g->slot;
			sb_add(b, i == k ? "M" : "L");
			sb_num(b, x0);
			sb_addc(b, ' ');
			sb_num(b, y);
			sb_add(b, "H");
			sb_num(b, x1);
		}
		k = end + 1;
	}
}

/* See svg_chart.h. Laid out from the top: plot, quarters, legend. */
void svg_chart(struct strbuf *b, const struct pres_chart *c, const struct presentation *p,
	       const struct svg_chart_style *s, double width, double height, const char *title_id)
{
	const size_t n = c->npoints;
	if (n == 0)
		return;
	const double fs = s->font_size, lh = fs * 1.3;
	double axis_w = 0;
	for (size_t k = 0; k < c->nticks; k++)
		axis_w = fmax(axis_w, text_w(c->ticks[k], fs));
	axis_w = fmin(axis_w + fs * 0.5, width * 0.35);
	struct geom g = {.lo = c->lo, .hi = c->hi > c->lo ? c->hi : c->lo + 1};
	g.px = axis_w + 2;
	g.pw = width - g.px - 2;
	g.slot = g.pw / (double)n;
	/* Quarters on one line ("Q1 FY18") where they fit, else the quarter
	 * with the fiscal year beneath where a year starts. */
	bool one_line = true;
	for (size_t i = 0; i < n && one_line; i++)
		one_line = text_w(c->points[i].quarter, fs) + text_w(c->points[i].year, fs) + fs * 0.6 <=
			   g.slot * 0.95;
	size_t legend_rows = 1 + (c->nbenchmarks > 0);
	double legend_top = height - lh * (double)legend_rows - 2;
	g.ptop = fs * 0.7;
	g.pbot = legend_top - lh * (one_line ? 1 : 2) - fs * 0.6;
	if (g.pbot < g.ptop + lh * 2)
		g.pbot = g.ptop + lh * 2;

	sb_add(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
	sb_num(b, width);
	sb_addc(b, ' ');
	sb_num(b, height);
	sb_add(b, "\" width=\"");
	sb_num(b, width);
	sb_add(b, "\" height=\"");
	sb_num(b, height);
	sb_add(b, "\" role=\"img\"");
	if (title_id) {
		sb_add(b, " aria-labelledby=\"");
		sb_esc(b, title_id);
		sb_addc(b, '"');
	}
	sb_add(b, " font-family=\"");
	sb_esc(b, s->font_family);
	sb_add(b, "\" font-size=\"");
	sb_num(b, fs);
	sb_add(b, "\"><title");
	if (title_id) {
		sb_add(b, " id=\"");
		sb_esc(b, title_id);
		sb_addc(b, '"');
	}
	sb_addc(b, '>');
	sb_esc(b, c->alt);
	sb_add(b, "</title>");

	/* Gridlines, the zero line darker. */
	sb_add(b, "<path fill=\"none\" stroke=\"");
	svg_color(b, s->grid);
	sb_add(b, "\" stroke-width=\"1\" d=\"");
	for (size_t k = 0; k < c->nticks; k++) {
		double v = c->lo + (double)k * c->step;
		if (fabs(v) >= c->step * 1e-6)
			hline(b, g.px, g.px + g.pw, ypos(&g, v));
	}
	sb_add(b, "\"/>");
	double zero = ypos(&g, 0 > c->lo ? 0 : c->lo);
	sb_add(b, "<path fill=\"none\" stroke=\"");
	svg_color(b, s->text);
	sb_add(b, "\" stroke-width=\"1\" d=\"");
	hline(b, g.px, g.px + g.pw, zero);
	sb_add(b, "\"/>");

	/* Value labels, then the quarters beneath the plot, in the text colour. */
	sb_add(b, "<g fill=\"");
	svg_color(b, s->text);
	sb_add(b, "\">");
	for (size_t k = 0; k < c->nticks; k++)
		text(b, axis_w, ypos(&g, c->lo + (double)k * c->step) + fs * 0.35, "end", c->ticks[k]);
	double qy = g.pbot + fs * 1.25;
	for (size_t i = 0; i < n; i++) {
		const struct pres_point *pt = &c->points[i];
		double mid = g.px + ((double)i + 0.5) * g.slot;
		if (one_line) {
			sb_add(b, "<text x=\"");
			sb_num(b, mid);
			sb_add(b, "\" y=\"");
			sb_num(b, qy);
			sb_add(b, "\" text-anchor=\"middle\">");
			sb_esc(b, pt->quarter);
			sb_addc(b, ' ');
			sb_esc(b, pt->year);
			sb_add(b, "</text>");
			continue;
		}
		text(b, mid, qy, "middle", pt->quarter);
		if (pt->period.quarter == 1 || i == 0)
			text(b, g.px + (double)i * g.slot + g.slot * 0.15, qy + lh, NULL, pt->year);
	}
	/* A gap in the results says so, so it never reads as a zero; quarters
	 * before the first result or declared value stay empty. */
	bool started = false;
	for (size_t i = 0; i < n; i++) {
		const struct pres_point *pt = &c->points[i];
		if (pt->has_value)
			started = true;
		else if (started || pt->declared)
			text(b, g.px + ((double)i + 0.5) * g.slot, zero - fs * 0.4, "middle", p->chart_gap);
	}
	sb_add(b, "</g>");
	/* Year boundaries when the years go on a line of their own. */
	if (!one_line) {
		sb_add(b, "<path stroke=\"");
		svg_color(b, s->grid);
		sb_add(b, "\" d=\"");
		for (size_t i = 1; i < n; i++)
			if (c->points[i].period.quarter == 1) {
				double x = g.px + (double)i * g.slot;
				sb_add(b, "M");
				sb_num(b, x);
				sb_addc(b, ' ');
				sb_num(b, g.pbot);
				sb_add(b, "V");
				sb_num(b, qy + lh);
			}
		sb_add(b, "\"/>");
	}

	/* Bars: earlier quarters lighter, the report quarter in full colour. */
	for (int current = 0; current < 2; current++) {
		sb_add(b, "<path class=\"bars\" fill=\"");
		svg_color(b, current ? s->bar : s->bar_past);
		sb_add(b, "\" d=\"");
		for (size_t i = 0; i < n; i++) {
			const struct pres_point *pt = &c->points[i];
			if (!pt->has_value || pt->current != (current == 1))
				continue;
			double y1 = ypos(&g, pt->value);
			double top = fmin(zero, y1), h = fabs(y1 - zero);
			sb_add(b, "M");
			sb_num(b, g.px + (double)i * g.slot + g.slot * 0.2);
			sb_addc(b, ' ');
			sb_num(b, top);
			sb_add(b, "h");
			sb_num(b, g.slot * 0.6);
			sb_add(b, "v");
			sb_num(b, fmax(h, 1));
			sb_add(b, "h");
			sb_num(b, -g.slot * 0.6);
			sb_add(b, "z");
		}
		sb_add(b, "\"/>");
	}

	/* Benchmarks: dotted across the whole plot. */
	if (c->nbenchmarks > 0) {
		sb_add(b, "<path class=\"benchmark\" fill=\"none\" stroke=\"");
		svg_color(b, s->benchmark);
		sb_add(b, "\" stroke-width=\"2\" stroke-dasharray=\"2 3\" d=\"");
		for (size_t k = 0; k < c->nbenchmarks; k++)
			hline(b, g.px, g.px + g.pw, ypos(&g, c->benchmarks[k].value));
		sb_add(b, "\"/>");
	}
	/* The target over a halo in the background colour, so it shows across
	 * the bars too. */
	if (c->nsegments > 0) {
		struct strbuf d = {0};
		target_path(&d, c, &g);
		sb_add(b, "<path fill=\"none\" stroke=\"");
		svg_color(b, s->background);
		sb_add(b, "\" stroke-width=\"4\" d=\"");
		sb_addn(b, d.s, d.n);
		sb_add(b, "\"/><path class=\"target\" fill=\"none\" stroke=\"");
		svg_color(b, s->target);
		sb_add(b, "\" stroke-width=\"2\" stroke-dasharray=\"6 3\" d=\"");
		sb_addn(b, d.s, d.n);
		sb_add(b, "\"/>");
		sb_free(&d);
	}

	/* Legend: a swatch for the bars, a dash for the target, then the
	 * benchmarks on a line of their own. */
	double ly = legend_top + lh * 0.5;
	double x = g.px;
	sb_add(b, "<rect x=\"");
	sb_num(b, x);
	sb_add(b, "\" y=\"");
	sb_num(b, ly - fs * 0.45);
	sb_add(b, "\" width=\"");
	sb_num(b, fs * 0.9);
	sb_add(b, "\" height=\"");
	sb_num(b, fs * 0.9);
	sb_add(b, "\" fill=\"");
	svg_color(b, s->bar);
	sb_add(b, "\"/>");
	x += fs * 1.3;
	sb_add(b, "<g fill=\"");
	svg_color(b, s->text);
	sb_add(b, "\">");
	/* The legend's names share the row; a long one is squeezed to fit. */
	double half = (width - x) / 2 - fs;
	text_fit(b, x, ly + fs * 0.35, NULL, c->value_name, fs, c->nsegments ? half : width - x - 2);
	double tx = x + fmin(text_w(c->value_name, fs), half) + fs;
	if (c->nsegments > 0)
		text_fit(b, tx + fs * 2.3, ly + fs * 0.35, NULL, c->target_name, fs,
			 width - tx - fs * 2.3 - 2);
	double by = ly + lh;
	if (c->nbenchmarks > 0) {
		struct strbuf names = {0};
		for (size_t k = 0; k < c->nbenchmarks; k++) {
			if (k)
				sb_add(&names, "; ");
			sb_add(&names, c->benchmarks[k].label);
		}
		sb_addc(&names, '\0');
		text_fit(b, g.px + fs * 2.3, by + fs * 0.35, NULL, names.s, fs,
			 width - g.px - fs * 2.3 - 2);
		sb_free(&names);
	}
	sb_add(b, "</g>");
	if (c->nsegments > 0) {
		sb_add(b, "<path fill=\"none\" stroke=\"");
		svg_color(b, s->target);
		sb_add(b, "\" stroke-width=\"2\" stroke-dasharray=\"6 3\" d=\"");
		hline(b, tx, tx + fs * 1.8, ly);
		sb_add(b, "\"/>");
	}
	if (c->nbenchmarks > 0) {
		sb_add(b, "<path fill=\"none\" stroke=\"");
		svg_color(b, s->benchmark);
		sb_add(b, "\" stroke-width=\"2\" stroke-dasharray=\"2 3\" d=\"");
		hline(b, g.px, g.px + fs * 1.8, by);
		sb_add(b, "\"/>");
	}
	sb_add(b, "</svg>");
}
