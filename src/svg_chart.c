/* Drawing a measure's chart as SVG. Everything it shows (which quarters,
 * values, gaps, target steps, benchmarks, ticks, names and the text
 * alternative) is the presentation's series; this file only places it. */
#include "svg_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
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

/* See svg_chart.h. */
void svg_chart_css(struct strbuf *b, const struct svg_chart_style *s)
{
	sb_add(b, ".qc{font-family:");
	sb_add(b, s->font_family);
	sb_add(b, ";font-size:");
	sb_num(b, s->font_size);
	sb_add(b, "px");
	if (s->bar_width > 0) {
		/* Inherited by the bars, whose own width says otherwise. */
		sb_add(b, ";stroke-width:");
		sb_num(b, s->bar_width);
	}
	sb_add(b, "}.qc text{fill:");
	svg_color(b, s->text);
	sb_add(b, "}.qc .x{text-anchor:middle}.qc .bars{fill:none;stroke:");
	svg_color(b, s->bar_past);
	sb_add(b, "}.qc .now{stroke:");
	svg_color(b, s->bar);
	sb_add(b, "}.qc .line{fill:none;stroke-width:2;stroke:");
	svg_color(b, s->bar);
	sb_add(b, "}.qc .dots{stroke-width:1.5;fill:");
	svg_color(b, s->bar);
	sb_add(b, ";stroke:");
	svg_color(b, s->background);
	sb_add(b, "}.qc .halo{fill:none;stroke:");
	svg_color(b, s->background);
	sb_add(b, ";stroke-width:4}.qc .target{fill:none;stroke:");
	svg_color(b, s->target);
	sb_add(b, ";stroke-width:2;stroke-dasharray:6 3}.qc .benchmark{fill:none;stroke:");
	svg_color(b, s->benchmark);
	sb_add(b, ";stroke-width:2;stroke-dasharray:2 3}");
}

/* See svg_chart.h. */
void svg_status_icon(struct strbuf *b, enum status s, const char *fill, const char *mark, double x,
		     double y, double size)
{
	sb_add(b, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20'");
	if (size > 0) {
		sb_add(b, " x='");
		sb_num(b, x);
		sb_add(b, "' y='");
		sb_num(b, y);
		sb_add(b, "' width='");
		sb_num(b, size);
		sb_add(b, "' height='");
		sb_num(b, size);
		sb_add(b, "'");
	}
	sb_add(b, ">");
	switch (s) {
	case STATUS_MET:
		sb_printf(b, "<circle cx='10' cy='10' r='10' fill='%s'/>"
			  "<path d='M5.4 9.6 8.6 13 14.8 6.4' fill='none' stroke='%s' "
			  "stroke-width='2.6' stroke-linecap='round' stroke-linejoin='round'/>",
			  fill, mark);
		break;
	case STATUS_UNDER:
		sb_printf(b, "<path d='M.8 18.4H19.2L10 1.6Z' fill='%s' stroke='%s' "
			  "stroke-width='1.6' stroke-linejoin='round'/>"
			  "<path d='M10 6.8V11.6' stroke='%s' stroke-width='2.4' stroke-linecap='round'/>"
			  "<circle cx='10' cy='15.2' r='1.4' fill='%s'/>",
			  fill, fill, mark, mark);
		break;
	case STATUS_NOT_MET:
		sb_printf(b, "<rect x='1.6' y='1.6' width='16.8' height='16.8' fill='%s' stroke='%s' "
			  "stroke-width='1.6' stroke-linejoin='round'/>"
			  "<path d='M6.2 6.2 13.8 13.8M6.2 13.8 13.8 6.2' stroke='%s' stroke-width='2.6' "
			  "stroke-linecap='round'/>",
			  fill, fill, mark);
		break;
	case STATUS_NO_DATA:
		sb_printf(b, "<circle cx='10' cy='10' r='8.9' fill='#fff' stroke='%s' stroke-width='2.2'/>"
			  "<path d='M6 10H14' stroke='%s' stroke-width='2.4' stroke-linecap='round'/>",
			  fill, fill);
		break;
	}
	sb_add(b, "</svg>");
}

/* Most pieces a page shares; past it, a piece is drawn in place. */
#define MAX_SHARED 512

void svg_shared_write(struct strbuf *b, const struct svg_shared *sh)
{
	if (!sh || sh->n == 0)
		return;
	sb_add(b, "<svg class=\"qc defs\" aria-hidden=\"true\"><defs>");
	sb_addn(b, sh->defs.s, sh->defs.n);
	sb_add(b, "</defs></svg>\n");
}

void svg_shared_free(struct svg_shared *sh)
{
	for (size_t i = 0; i < sh->n; i++)
		free(sh->pieces[i]);
	free(sh->pieces);
	sb_free(&sh->defs);
	*sh = (struct svg_shared){0};
}

/* A piece of a chart (markup in `piece`): in place, or a reference to the
 * same piece drawn once for the page. */
static void piece(struct strbuf *b, struct strbuf *piece, struct svg_shared *sh)
{
	sb_addc(piece, '\0');
	size_t k = 0;
	while (sh && k < sh->n && strcmp(sh->pieces[k], piece->s) != 0)
		k++;
	if (!sh || (k == sh->n && sh->n == MAX_SHARED)) {
		sb_addn(b, piece->s, piece->n - 1);
		return;
	}
	if (k == sh->n) {
		sh->pieces = xrealloc(sh->pieces, (sh->n + 1) * sizeof *sh->pieces);
		sh->pieces[sh->n++] = xstrdup(piece->s);
		sb_printf(&sh->defs, "<g id=\"qs%zu\">", k);
		sb_addn(&sh->defs, piece->s, piece->n - 1);
		sb_add(&sh->defs, "</g>");
	}
	sb_printf(b, "<use href=\"#qs%zu\"/>", k);
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

/* A text element at whole units, squeezed into `room` units when it looks
 * longer (0: never). */
static void text_fit(struct strbuf *b, double x, double y, const char *s, double size, double room)
{
	sb_add(b, "<text x=\"");
	sb_int(b, x);
	sb_add(b, "\" y=\"");
	sb_int(b, y);
	if (room > 0 && text_w(s, size) > room) {
		sb_add(b, "\" textLength=\"");
		sb_int(b, room);
		sb_add(b, "\" lengthAdjust=\"spacingAndGlyphs");
	}
	sb_add(b, "\">");
	sb_text(b, s);
	sb_add(b, "</text>");
}

/* A text element of any length. */
static void text(struct strbuf *b, double x, double y, const char *s)
{
	text_fit(b, x, y, s, 0, 0);
}

/* Start a path of class `cls`. */
static void path(struct strbuf *b, const char *cls)
{
	sb_add(b, "<path class=\"");
	sb_add(b, cls);
	sb_add(b, "\" d=\"");
}

/* How a piece that charts share is painted. Pieces are used by reference
 * (<use>), and a page's style rules do not reach inside a reference, so
 * they carry their colours as attributes. */
enum paint { PAINT_GRID, PAINT_ZERO, PAINT_TEXT, PAINT_KEY, PAINT_TARGET };

static void paint(struct strbuf *b, const struct svg_chart_style *s, enum paint k)
{
	switch (k) {
	case PAINT_GRID:
		sb_add(b, " fill=\"none\" stroke-width=\"1\" stroke=\"");
		svg_color(b, s->grid);
		break;
	case PAINT_ZERO:
		sb_add(b, " fill=\"none\" stroke-width=\"1\" stroke=\"");
		svg_color(b, s->text);
		break;
	case PAINT_TEXT:
		sb_add(b, " fill=\"");
		svg_color(b, s->text);
		break;
	case PAINT_KEY:
		sb_add(b, " class=\"key\" fill=\"");
		svg_color(b, s->bar);
		break;
	case PAINT_TARGET:
		sb_add(b, " class=\"target\" fill=\"none\" stroke-width=\"2\" stroke-dasharray=\"6 3\" "
			  "stroke=\"");
		svg_color(b, s->target);
		break;
	}
	sb_addc(b, '"');
}

/* Start a painted path. */
static void painted(struct strbuf *b, const struct svg_chart_style *s, enum paint k)
{
	sb_add(b, "<path");
	paint(b, s, k);
	sb_add(b, " d=\"");
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

/* The target: steps across the periods each amount applies to, joined
 * where one run follows another, absent where no target applies; with
 * `high`, a range's upper ends instead, where runs have them. */
static void target_path(struct strbuf *b, const struct pres_chart *c, const struct geom *g,
			bool high)
{
	bool joined = false; /* The last step drawn ends where the next starts. */
	for (size_t k = 0; k < c->nsegments; k++) {
		const struct pres_segment *s = &c->segments[k];
		if (high && !s->has_high) {
			joined = false;
			continue;
		}
		double y = ypos(g, high ? s->high : s->amount);
		sb_add(b, joined ? "L" : "M");
		sb_num(b, g->px + (double)s->first * g->slot);
		sb_addc(b, ' ');
		sb_num(b, y);
		sb_add(b, "H");
		sb_num(b, g->px + (double)(s->last + 1) * g->slot);
		joined = k + 1 < c->nsegments && c->segments[k + 1].first == s->last + 1;
	}
}

/* The root element and the text alternative. */
static void open_svg(struct strbuf *b, const struct pres_chart *c, const struct svg_chart_style *s,
		     double width, double height, const char *labelled_by, enum svg_mode mode)
{
	sb_add(b, mode == SVG_DOCUMENT ? "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qc\""
				       : "<svg class=\"qc\"");
	sb_add(b, " viewBox=\"0 0 ");
	sb_num(b, width);
	sb_addc(b, ' ');
	sb_num(b, height);
	if (mode == SVG_DOCUMENT) {
		sb_add(b, "\" width=\"");
		sb_num(b, width);
		sb_add(b, "\" height=\"");
		sb_num(b, height);
	}
	sb_add(b, "\" role=\"img\"");
	if (labelled_by) {
		sb_add(b, " aria-labelledby=\"");
		sb_esc(b, labelled_by);
		sb_addc(b, '"');
	}
	sb_addc(b, '>');
	if (mode == SVG_DOCUMENT) {
		sb_add(b, "<style>");
		svg_chart_css(b, s);
		sb_add(b, "</style>");
	}
	if (!labelled_by) {
		sb_add(b, "<title>");
		sb_text(b, c->alt);
		sb_add(b, "</title>");
	}
}

/* Where the plot goes: the value axis takes what its widest label needs,
 * in steps of a font size, so that charts with labels of about one width
 * share their pieces; the axis's unit above it where there is one; each
 * period's short name beneath the plot, its year on a line below. */
static struct geom geometry(const struct pres_chart *c, const struct svg_chart_style *s,
			    double width, double height, double *axis_w, double *legend_top)
{
	const size_t n = c->npoints;
	const double fs = s->font_size, lh = fs * 1.3;
	double aw = 0;
	for (size_t k = 0; k < c->nticks; k++)
		aw = fmax(aw, text_w(c->ticks[k], fs));
	aw = fmin(ceil((aw + fs * 0.5) / fs) * fs, width * 0.35);
	struct geom g = {.lo = c->lo, .hi = c->hi > c->lo ? c->hi : c->lo + 1};
	g.px = aw + 2;
	g.pw = width - g.px - 2;
	g.slot = g.pw / (double)(n ? n : 1);
	size_t legend_rows = 1 + (c->nbenchmarks > 0);
	double lt = height - lh * (double)legend_rows - 2;
	bool unit = c->axis_unit && c->axis_unit[0];
	g.ptop = unit ? lh * 1.5 : fs * 0.7;
	g.pbot = lt - lh * 2 - fs * 0.6;
	if (g.pbot < g.ptop + lh * 2)
		g.pbot = g.ptop + lh * 2;
	*axis_w = aw;
	*legend_top = lt;
	return g;
}

/* A bar's width in whole units: six tenths of a period's room as if the
 * value axis took a tenth of the chart, so that charts of as many periods
 * have bars of one width, whatever their axis takes; never more than
 * three quarters of the room there is. */
static double bar_width(const struct geom *g, double width, size_t n)
{
	return fmax(round(fmin(g->slot * 0.75, width * 0.9 / (double)(n ? n : 1) * 0.6)), 1);
}

/* See svg_chart.h. */
double svg_chart_bar_width(const struct pres_chart *c, const struct svg_chart_style *s,
			   double width, double height)
{
	double axis_w, legend_top;
	struct geom g = geometry(c, s, width, height, &axis_w, &legend_top);
	return bar_width(&g, width, c->npoints);
}

/* The value axis: the faint grid, the base line (zero, or the lowest tick
 * where values are joined by lines) in the text colour, the tick labels
 * right-aligned, and the axis's unit above them. */
static void value_axis(struct strbuf *b, const struct pres_chart *c, const struct svg_chart_style *s,
		       const struct geom *g, double axis_w)
{
	const double fs = s->font_size;
	double base = c->lines ? c->lo : 0 > c->lo ? 0 : c->lo;
	painted(b, s, PAINT_GRID);
	for (size_t k = 0; k < c->nticks; k++) {
		double v = c->lo + (double)k * c->step;
		if (fabs(v - base) >= c->step * 1e-6)
			hline(b, g->px, g->px + g->pw, ypos(g, v));
	}
	sb_add(b, "\"/>");
	painted(b, s, PAINT_ZERO);
	hline(b, g->px, g->px + g->pw, ypos(g, base));
	sb_add(b, "\"/><g");
	paint(b, s, PAINT_TEXT);
	sb_addc(b, '>');
	if (c->axis_unit && c->axis_unit[0])
		text(b, 0, fs, c->axis_unit);
	sb_add(b, "<g text-anchor=\"end\">");
	for (size_t k = 0; k < c->nticks; k++)
		text(b, axis_w, ypos(g, c->lo + (double)k * c->step) + fs * 0.35, c->ticks[k]);
	sb_add(b, "</g></g>");
}

/* Each period's short name beneath the plot, the year below where the
 * presentation names it, and a rule between periods where a year starts. */
static void periods(struct strbuf *b, const struct pres_chart *c, const struct svg_chart_style *s,
		    const struct geom *g, double qy, double lh)
{
	size_t n = c->npoints;
	sb_add(b, "<g");
	paint(b, s, PAINT_TEXT);
	sb_add(b, "><g text-anchor=\"middle\">");
	for (size_t i = 0; i < n; i++)
		text(b, g->px + ((double)i + 0.5) * g->slot, qy, c->points[i].tick);
	sb_add(b, "</g>");
	for (size_t i = 0; i < n; i++)
		if (c->year_marks && c->year_marks[i])
			text(b, g->px + (double)i * g->slot + g->slot * 0.15, qy + lh, c->year_marks[i]);
	sb_add(b, "</g>");
	size_t at = b->n;
	painted(b, s, PAINT_GRID);
	size_t empty = b->n;
	for (size_t i = 1; i < n; i++)
		if (c->points[i].group && c->points[i].group_starts) {
			sb_add(b, "M");
			sb_int(b, g->px + (double)i * g->slot);
			sb_addc(b, ' ');
			sb_int(b, g->pbot);
			sb_add(b, "V");
			sb_int(b, qy + lh);
		}
	if (b->n == empty)
		b->n = at;
	else
		sb_add(b, "\"/>");
}

/* A point on a line of values, ringed in the background colour so that it
 * stands out from the line through it. */
static void dot(struct strbuf *b, double x, double y, double r)
{
	sb_add(b, "<circle cx=\"");
	sb_num(b, x);
	sb_add(b, "\" cy=\"");
	sb_num(b, y);
	sb_add(b, "\" r=\"");
	sb_num(b, r);
	sb_add(b, "\"/>");
}

/* The legend's first line: a swatch for the values (a bar, or a point on a
 * line) and, with a target, a dash for it; a long name is squeezed to fit. */
static void legend(struct strbuf *b, const struct pres_chart *c, const struct svg_chart_style *s,
		   const struct geom *g, double ly, double width)
{
	const double fs = s->font_size;
	double x = g->px;
	if (c->lines) {
		sb_add(b, "<g class=\"key\" fill=\"");
		svg_color(b, s->bar);
		sb_add(b, "\" stroke=\"");
		svg_color(b, s->bar);
		sb_add(b, "\"><path stroke-width=\"2\" d=\"");
		hline(b, x, x + fs * 1.8, ly);
		sb_add(b, "\"/><circle stroke=\"");
		svg_color(b, s->background);
		sb_add(b, "\" stroke-width=\"1.5\" cx=\"");
		sb_num(b, x + fs * 0.9);
		sb_add(b, "\" cy=\"");
		sb_num(b, ly);
		sb_add(b, "\" r=\"3.5\"/></g>");
		x += fs * 2.3;
	} else {
		sb_add(b, "<rect");
		paint(b, s, PAINT_KEY);
		sb_add(b, " x=\"");
		sb_int(b, x);
		sb_add(b, "\" y=\"");
		sb_int(b, ly - fs * 0.45);
		sb_add(b, "\" width=\"");
		sb_int(b, fs * 0.9);
		sb_add(b, "\" height=\"");
		sb_int(b, fs * 0.9);
		sb_add(b, "\"/>");
		x += fs * 1.3;
	}
	sb_add(b, "<g");
	paint(b, s, PAINT_TEXT);
	sb_addc(b, '>');
	double half = (width - x) / 2 - fs;
	text_fit(b, x, ly + fs * 0.35, c->value_name, fs, c->nsegments ? half : width - x - 2);
	double tx = x + fmin(text_w(c->value_name, fs), half) + fs;
	if (c->nsegments > 0)
		text_fit(b, tx + fs * 2.3, ly + fs * 0.35, c->target_name, fs, width - tx - fs * 2.3 - 2);
	sb_add(b, "</g>");
	if (c->nsegments == 0)
		return;
	painted(b, s, PAINT_TARGET);
	hline(b, tx, tx + fs * 1.8, ly);
	sb_add(b, "\"/>");
}

/* The values as bars from zero: earlier periods lighter, the one judged in
 * full colour, each a vertical stroke as wide as the bar. */
static void bars(struct strbuf *b, const struct pres_chart *c, const struct svg_chart_style *s,
		 const struct geom *g, double width)
{
	double bar_w = bar_width(g, width, c->npoints);
	double zero = round(ypos(g, 0 > c->lo ? 0 : c->lo));
	for (int current = 0; current < 2; current++) {
		size_t at = b->n;
		sb_add(b, current ? "<path class=\"bars now\"" : "<path class=\"bars\"");
		if (bar_w != s->bar_width) {
			sb_add(b, " stroke-width=\"");
			sb_int(b, bar_w);
			sb_addc(b, '"');
		}
		sb_add(b, " d=\"");
		size_t empty = b->n;
		for (size_t i = 0; i < c->npoints; i++) {
			const struct pres_point *pt = &c->points[i];
			if (!pt->has_value || pt->current != (current == 1))
				continue;
			double y1 = round(ypos(g, pt->value));
			if (y1 == zero)
				y1 = zero - 1; /* A zero still shows as a sliver. */
			sb_add(b, "M");
			sb_int(b, g->px + ((double)i + 0.5) * g->slot);
			sb_addc(b, ' ');
			sb_int(b, zero);
			sb_add(b, "V");
			sb_int(b, y1);
		}
		if (b->n == empty)
			b->n = at; /* No bar of this kind: no empty path. */
		else
			sb_add(b, "\"/>");
	}
}

/* The values as points joined by lines, broken where a period has none;
 * the one judged larger. */
static void lines(struct strbuf *b, const struct pres_chart *c, const struct geom *g)
{
	size_t n = c->npoints;
	sb_add(b, "<path class=\"line\" d=\"");
	for (size_t i = 0; i < n; i++) {
		if (!c->points[i].has_value)
			continue;
		bool joined = i > 0 && c->points[i - 1].has_value;
		sb_add(b, joined ? "L" : "M");
		sb_num(b, g->px + ((double)i + 0.5) * g->slot);
		sb_addc(b, ' ');
		sb_num(b, ypos(g, c->points[i].value));
	}
	sb_add(b, "\"/><g class=\"dots\">");
	for (size_t i = 0; i < n; i++)
		if (c->points[i].has_value)
			dot(b, g->px + ((double)i + 0.5) * g->slot, ypos(g, c->points[i].value),
			    c->points[i].current ? 4.5 : 3);
	sb_add(b, "</g>");
}

/* See svg_chart.h. Laid out from the top: the axis's unit, the plot, the
 * periods beneath it, the legend. */
void svg_chart(struct strbuf *b, const struct pres_chart *c, const struct presentation *p,
	       const struct svg_chart_style *s, double width, double height,
	       const char *labelled_by, enum svg_mode mode, struct svg_shared *shared)
{
	const size_t n = c->npoints;
	if (n == 0)
		return;
	if (mode == SVG_DOCUMENT)
		shared = NULL;
	const double fs = s->font_size, lh = fs * 1.3;
	double axis_w, legend_top;
	struct geom g = geometry(c, s, width, height, &axis_w, &legend_top);
	double qy = g.pbot + fs * 1.25;
	double ly = legend_top + lh * 0.5;

	open_svg(b, c, s, width, height, labelled_by, mode);
	/* What many charts draw alike, each a piece: the value axis, and the
	 * periods with the legend's first line. */
	struct strbuf tmp = {0};
	value_axis(&tmp, c, s, &g, axis_w);
	piece(b, &tmp, shared);
	tmp.n = 0;
	periods(&tmp, c, s, &g, qy, lh);
	legend(&tmp, c, s, &g, ly, width);
	piece(b, &tmp, shared);
	tmp.n = 0;

	/* A gap in the results says so, so it never reads as a zero; periods
	 * before the first result or declared value stay empty. */
	double gap_y = c->lines ? g.pbot - fs * 0.4 : ypos(&g, 0 > c->lo ? 0 : c->lo) - fs * 0.4;
	bool started = false, gaps = false;
	for (size_t i = 0; i < n; i++) {
		const struct pres_point *pt = &c->points[i];
		if (pt->has_value) {
			started = true;
		} else if (started || pt->declared) {
			if (!gaps)
				sb_add(b, "<g class=\"x\">");
			gaps = true;
			text(b, g.px + ((double)i + 0.5) * g.slot, gap_y, p->chart_gap);
		}
	}
	if (gaps)
		sb_add(b, "</g>");

	if (c->lines)
		lines(b, c, &g);
	else
		bars(b, c, s, &g, width);

	/* Benchmarks: dotted across the whole plot. */
	if (c->nbenchmarks > 0) {
		path(b, "benchmark");
		for (size_t k = 0; k < c->nbenchmarks; k++)
			hline(b, g.px, g.px + g.pw, ypos(&g, c->benchmarks[k].value));
		sb_add(b, "\"/>");
	}
	/* The target (and a range's upper end) over a halo in the background
	 * colour, so it shows across the bars too. */
	for (int high = 0; high < 2 && c->nsegments > 0; high++) {
		target_path(&tmp, c, &g, high == 1);
		if (tmp.n > 0) {
			path(b, "halo");
			sb_addn(b, tmp.s, tmp.n);
			sb_add(b, "\"/>");
			path(b, "target");
			sb_addn(b, tmp.s, tmp.n);
			sb_add(b, "\"/>");
		}
		tmp.n = 0;
	}
	sb_free(&tmp);

	/* Benchmarks' names on a line of their own. */
	if (c->nbenchmarks > 0) {
		double by = ly + lh;
		struct strbuf names = {0};
		for (size_t k = 0; k < c->nbenchmarks; k++) {
			if (k)
				sb_add(&names, "; ");
			sb_add(&names, c->benchmarks[k].label);
		}
		sb_addc(&names, '\0');
		text_fit(b, g.px + fs * 2.3, by + fs * 0.35, names.s, fs, width - g.px - fs * 2.3 - 2);
		sb_free(&names);
		path(b, "benchmark");
		hline(b, g.px, g.px + fs * 1.8, by);
		sb_add(b, "\"/>");
	}
	sb_add(b, "</svg>");
}
