/* Drawing a measure's card chart. Everything it shows (which quarters,
 * values, gaps, target steps, benchmarks, ticks, names and the text
 * alternative) is the presentation's series; this file only places it. */
#include "layout_chart.h"

#include <math.h>
#include <string.h>

#include "layout_blocks.h"
#include "layout_color.h"

/* The value axis: amounts lo..hi drawn from y = bottom, `height` tall. */
struct scale {
	double lo, hi, bottom, height;
};

/* Where an amount sits on the page. */
static double ypos(const struct scale *sc, double v)
{
	return sc->bottom + (v - sc->lo) / (sc->hi - sc->lo) * sc->height;
}

/* A polyline of `n` points, dashed or solid. */
static void polyline(struct boxbuf *out, int fig, struct point *pts, size_t n, double width,
		     struct rgb color, bool dashed)
{
	struct box *bx = boxbuf_push(out, BOX_POLYLINE, fig);
	bx->u.poly.points = pts;
	bx->u.poly.n = n;
	bx->u.poly.width = width;
	bx->u.poly.color = color;
	bx->u.poly.dashed = dashed;
	bx->u.poly.markers = false;
}

/* The target: dashed steps across the quarters each amount applies to,
 * joined where one run follows another and absent where no target applies,
 * over a white halo so it shows across the bars too. */
static void target_steps(struct lay *L, const struct pres_chart *c, const struct scale *sc,
			 double px, double slot_w, int fig, struct boxbuf *out)
{
	for (size_t k = 0; k < c->nsegments;) {
		/* Runs that touch are drawn as one line with steps. */
		size_t end = k;
		while (end + 1 < c->nsegments && c->segments[end + 1].first == c->segments[end].last + 1)
			end++;
		size_t n = 2 * (end - k + 1);
		struct point *pts = arena_calloc(L->a, n, sizeof *pts);
		struct point *highs = arena_calloc(L->a, n, sizeof *highs);
		size_t j = 0, nh = 0;
		for (size_t g = k; g <= end; g++) {
			const struct pres_segment *s = &c->segments[g];
			double y = ypos(sc, s->amount);
			pts[j++] = (struct point){px + (double)s->first * slot_w, y};
			pts[j++] = (struct point){px + (double)(s->last + 1) * slot_w, y};
			if (s->has_high) {
				double yh = ypos(sc, s->high);
				highs[nh++] = (struct point){px + (double)s->first * slot_w, yh};
				highs[nh++] = (struct point){px + (double)(s->last + 1) * slot_w, yh};
			}
		}
		polyline(out, -1, pts, n, 3.4, L->c.white, false); /* A halo: decoration. */
		polyline(out, fig, pts, n, 1.4, L->c.text, true);
		/* A range: its upper end as a second line. */
		if (nh > 0) {
			polyline(out, -1, highs, nh, 3.4, L->c.white, false);
			polyline(out, fig, highs, nh, 1.4, L->c.text, true);
		}
		k = end + 1;
	}
}

/* The colours of a chart's marks on a white page, each at least
 * MARK_CONTRAST against it: the report quarter in the primary colour,
 * earlier quarters lighter, the target in the text colour. */
struct marks {
	struct rgb now, past, target, benchmark, axis;
};

static struct marks chart_marks(const struct lay *L)
{
	struct marks k;
	k.now = readable_on(L->st->color_primary, L->c.white, MARK_CONTRAST);
	k.past = readable_on(mix(k.now, L->c.white, 0.45), L->c.white, MARK_CONTRAST);
	k.target = L->c.text;
	k.benchmark = L->c.muted;
	k.axis = L->c.muted;
	return k;
}

/* A dot of diameter `d` (a polyline of one point), over a white ring when
 * `ring` so that it stands out from a line through it. */
static void dot(struct boxbuf *out, int fig, struct lay *L, double x, double y, double d,
		struct rgb color, bool ring)
{
	if (ring) {
		struct point *w = arena_calloc(L->a, 1, sizeof *w);
		*w = (struct point){x, y};
		polyline(out, -1, w, 1, (d / 2 + 0.7) / 1.6, L->c.white, false);
	}
	struct point *pt = arena_calloc(L->a, 1, sizeof *pt);
	*pt = (struct point){x, y};
	polyline(out, fig, pt, 1, d / 3.2, color, false);
}

/* The results as points joined by lines, broken where a quarter has none
 * (one polyline with a dot at each point per run, which keeps a long
 * report's boxes few); the report quarter's point larger. */
static void draw_lines(struct lay *L, const struct pres_chart *c, const struct scale *sc,
		       const struct marks *k, double px, double slot_w, int fig, struct boxbuf *out)
{
	const size_t n = c->npoints;
	for (size_t i = 0; i < n;) {
		if (!c->points[i].has_value) {
			i++;
			continue;
		}
		size_t end = i;
		while (end + 1 < n && c->points[end + 1].has_value)
			end++;
		struct point *pts = arena_calloc(L->a, end - i + 1, sizeof *pts);
		for (size_t j = i; j <= end; j++)
			pts[j - i] = (struct point){px + ((double)j + 0.5) * slot_w,
						    ypos(sc, c->points[j].value)};
		polyline(out, fig, pts, end - i + 1, 1.5, k->now, false);
		out->v[out->n - 1].u.poly.markers = true;
		i = end + 1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct pres_point *pt = &c->points[i];
		if (pt->has_value && pt->current)
			dot(out, fig, L, px + ((double)i + 0.5) * slot_w, ypos(sc, pt->value), 6.5, k->now,
			    true);
	}
}

/* See layout_chart.h. Layout from the top: the axis's unit, the plot,
 * period labels with the years beneath where the presentation names them,
 * the legend. */
void chart_draw(struct lay *L, const struct pres_chart *c, int parent, double x, double top,
		double w, double h)
{
	int fig = db_elem(&L->db, ROLE_FIGURE, parent, c->alt);
	struct boxbuf *out = &L->fl.boxes;
	const struct style *st = L->st;
	const size_t n = c->npoints;
	double small = st->size_small;
	double lh = small * st->leading;
	struct marks k = chart_marks(L);

	/* Tick labels decide how much room the value axis takes. */
	double axis_w = 0;
	for (size_t t = 0; t < c->nticks; t++)
		axis_w = fmax(axis_w, label_width(L, c->ticks[t], T_SMALL_MUTED));
	axis_w += small * 0.6;
	if (axis_w > w * 0.4)
		axis_w = w * 0.4;

	double px = x + axis_w, pw = w - axis_w;
	double slot_w = n ? pw / (double)n : pw;
	double xlab_h = lh * 2;
	size_t legend_rows = 1 + (c->nbenchmarks > 0);
	double legend_h = lh * (double)legend_rows;
	bool unit = c->axis_unit && c->axis_unit[0];
	double ptop = top - (unit ? lh * 1.4 : lh / 2);
	double pbot = top - h + legend_h + xlab_h + small * 0.6;
	double ph = ptop - pbot;
	if (ph < lh * 2) {
		ph = lh * 2;
		pbot = ptop - ph;
	}
	struct scale sc = {c->lo, c->hi, pbot, ph};
	if (unit)
		put_label(L, c->axis_unit, T_SMALL_MUTED, ALIGN_LEFT, x, top, w, fig, out);

	/* Grid and value labels. The grid is faint and solid, decoration
	 * beside the ticks' words: the target's dashes stand apart from it. */
	for (size_t t = 0; t < c->nticks; t++) {
		double v = c->lo + (double)t * c->step;
		double y = ypos(&sc, v);
		bool base = fabs(v) < c->step * 1e-6 || (c->lines && t == 0);
		put_line(out, base ? fig : -1, px, y, px + pw, y, base ? 0.8 : 0.3,
			 base ? k.axis : st->color_rule, false);
		put_label(L, c->ticks[t], T_SMALL_MUTED, ALIGN_RIGHT, x, y + lh / 2, axis_w - small * 0.6,
			  fig, out);
	}

	/* Bars: earlier periods lighter, the one judged in full colour. */
	bool started = false; /* A quarter so far had a result. */
	double y0 = ypos(&sc, 0 > c->lo ? 0 : c->lo);
	for (size_t i = 0; i < n; i++) {
		const struct pres_point *pt = &c->points[i];
		double sx = px + (double)i * slot_w;
		if (pt->has_value && !c->lines) {
			double y1 = ypos(&sc, pt->value);
			put_rect(out, fig, sx + slot_w * 0.2, fmin(y0, y1), slot_w * 0.6, fabs(y1 - y0),
				 pt->current ? k.now : k.past);
		}
		if (pt->has_value) {
			started = true;
		} else if (started || pt->declared) {
			/* A gap in the results says so, so it never reads as a zero;
			 * quarters before the first result or declared value stay empty. */
			put_label(L, L->p->chart_gap, T_SMALL_MUTED, ALIGN_CENTER, sx - slot_w,
				  pbot + lh + small * 0.2, slot_w * 3, fig, out);
		}
		put_label(L, pt->tick, T_SMALL_MUTED, ALIGN_CENTER, sx, pbot - small * 0.3, slot_w, fig,
			  out);
		/* The year beneath, where the presentation names it; a rule
		 * between the periods where a year starts. */
		if (pt->group && pt->group_starts && i > 0)
			put_line(out, -1, sx, pbot, sx, pbot - small * 0.3 - lh * 2, 0.4, st->color_rule,
				 false);
		if (c->year_marks[i])
			put_label(L, c->year_marks[i], T_SMALL_MUTED, ALIGN_LEFT, sx + slot_w * 0.2,
				  pbot - small * 0.3 - lh, slot_w * 1.8, fig, out);
	}
	if (c->lines)
		draw_lines(L, c, &sc, &k, px, slot_w, fig, out);
	target_steps(L, c, &sc, px, slot_w, fig, out);
	/* Benchmarks: dotted in the muted colour, across the whole plot. */
	for (size_t b = 0; b < c->nbenchmarks; b++) {
		double y = ypos(&sc, c->benchmarks[b].value);
		struct point *pts = arena_calloc(L->a, 2, sizeof *pts);
		pts[0] = (struct point){px, y};
		pts[1] = (struct point){px + pw, y};
		polyline(out, fig, pts, 2, 0.9, k.benchmark, true);
	}

	/* Legend: a swatch for the values (a bar, or a point on a line), a dash
	 * for the target, then the benchmarks on a line of their own. */
	double ly = top - h + legend_h;
	double sw = small * 0.9;
	double lx = px;
	if (c->lines) {
		struct point *pts = arena_calloc(L->a, 2, sizeof *pts);
		pts[0] = (struct point){lx, ly - lh / 2};
		pts[1] = (struct point){lx + small * 2, ly - lh / 2};
		polyline(out, fig, pts, 2, 1.5, k.now, false);
		dot(out, fig, L, lx + small, ly - lh / 2, 4.2, k.now, true);
		lx += small * 2.4;
	} else {
		put_rect(out, fig, lx, ly - lh / 2 - sw / 2, sw, sw, k.now);
		lx += sw + small * 0.4;
	}
	put_label(L, c->value_name, T_SMALL_MUTED, ALIGN_LEFT, lx, ly, pw, fig, out);
	lx += label_width(L, c->value_name, T_SMALL_MUTED) + small * 1.5;
	if (c->nsegments > 0) {
		put_line(out, fig, lx, ly - lh / 2, lx + small * 2, ly - lh / 2, 1.4, k.target, true);
		lx += small * 2.4;
		put_label(L, c->target_name, T_SMALL_MUTED, ALIGN_LEFT, lx, ly, px + pw - lx, fig, out);
	}
	if (c->nbenchmarks > 0) {
		ly -= lh;
		lx = px;
		put_line(out, fig, lx, ly - lh / 2, lx + small * 2, ly - lh / 2, 0.9, k.benchmark, true);
		lx += small * 2.4;
		const char *names = "";
		for (size_t b = 0; b < c->nbenchmarks; b++)
			names = arena_printf(L->a, "%s%s%s", names, b ? "; " : "", c->benchmarks[b].label);
		put_label(L, names, T_SMALL_MUTED, ALIGN_LEFT, lx, ly, px + pw - lx, fig, out);
	}
}
