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
		polyline(out, fig, pts, n, 3.2, L->c.white, false);
		polyline(out, fig, pts, n, 1.2, L->c.text, true);
		/* A range: its upper end as a second line. */
		if (nh > 0) {
			polyline(out, fig, highs, nh, 3.2, L->c.white, false);
			polyline(out, fig, highs, nh, 1.2, L->c.text, true);
		}
		k = end + 1;
	}
}

/* A period's label on one line: "Q1 FY18", "Nov 2017", "FY24". */
static const char *tick_text(struct lay *L, const struct pres_point *pt)
{
	return pt->group ? arena_printf(L->a, "%s %s", pt->tick, pt->group) : pt->tick;
}

/* See layout_chart.h. Layout from the top: plot, period labels, legend. */
void chart_draw(struct lay *L, const struct pres_chart *c, int parent, double x, double top,
		double w, double h)
{
	int fig = db_elem(&L->db, ROLE_FIGURE, parent, c->alt);
	struct boxbuf *out = &L->fl.boxes;
	const struct style *st = L->st;
	const size_t n = c->npoints;
	double small = st->size_small;
	double lh = small * st->leading;

	/* Tick labels decide how much room the value axis takes. */
	double axis_w = 0;
	for (size_t k = 0; k < c->nticks; k++)
		axis_w = fmax(axis_w, label_width(L, c->ticks[k], T_SMALL_MUTED));
	axis_w += small * 0.6;
	if (axis_w > w * 0.4)
		axis_w = w * 0.4;

	double px = x + axis_w, pw = w - axis_w;
	double slot_w = n ? pw / (double)n : pw;
	/* Period labels on one line ("Q1 FY18") if they fit a slot, else the
	 * quarter (month) with its year beneath where a year starts. */
	bool two_lines = false;
	for (size_t i = 0; i < n && !two_lines; i++)
		two_lines = label_width(L, tick_text(L, &c->points[i]), T_SMALL_MUTED) > slot_w * 0.95;
	double xlab_h = lh * (two_lines ? 2 : 1);
	size_t legend_rows = 1 + (c->nbenchmarks > 0);
	double legend_h = lh * (double)legend_rows;
	double ptop = top - lh / 2;
	double pbot = top - h + legend_h + xlab_h + small * 0.6;
	double ph = ptop - pbot;
	if (ph < lh * 2) {
		ph = lh * 2;
		pbot = ptop - ph;
	}
	struct scale sc = {c->lo, c->hi, pbot, ph};

	/* Grid and value labels. */
	for (size_t k = 0; k < c->nticks; k++) {
		double v = c->lo + (double)k * c->step;
		double y = ypos(&sc, v);
		bool zero = fabs(v) < c->step * 1e-6;
		put_line(out, fig, px, y, px + pw, y, zero ? 0.8 : 0.3, zero ? L->c.muted : st->color_rule,
			 false);
		put_label(L, c->ticks[k], T_SMALL_MUTED, ALIGN_RIGHT, x, y + lh / 2, axis_w - small * 0.6,
			  fig, out);
	}

	/* Bars: earlier quarters lighter, the report quarter in full colour. */
	struct rgb past = mix(st->color_primary, L->c.white, 0.5);
	bool started = false; /* A quarter so far had a result. */
	double y0 = ypos(&sc, 0 > c->lo ? 0 : c->lo);
	for (size_t i = 0; i < n; i++) {
		const struct pres_point *pt = &c->points[i];
		double sx = px + (double)i * slot_w;
		if (pt->has_value) {
			double y1 = ypos(&sc, pt->value);
			put_rect(out, fig, sx + slot_w * 0.2, fmin(y0, y1), slot_w * 0.6, fabs(y1 - y0),
				 pt->current ? st->color_primary : past);
			started = true;
		} else if (started || pt->declared) {
			/* A gap in the results says so, so it never reads as a zero;
			 * quarters before the first result or declared value stay empty. */
			put_label(L, L->p->chart_gap, T_SMALL_MUTED, ALIGN_CENTER, sx - slot_w,
				  y0 + lh + small * 0.2, slot_w * 3, fig, out);
		}
		if (!two_lines) {
			put_label(L, tick_text(L, pt), T_SMALL_MUTED, ALIGN_CENTER, sx - slot_w,
				  pbot - small * 0.3, slot_w * 3, fig, out);
			continue;
		}
		put_label(L, pt->tick, T_SMALL_MUTED, ALIGN_CENTER, sx, pbot - small * 0.3, slot_w, fig,
			  out);
		if (!pt->group)
			continue;
		/* A year's label needs the room of two slots; a first slot just
		 * before a new year goes without. */
		bool year_starts = pt->group_starts;
		if (year_starts && i > 0)
			put_line(out, fig, sx, pbot, sx, pbot - small * 0.3 - lh * 2, 0.4, st->color_rule,
				 false);
		if (year_starts || (i == 0 && (n == 1 || !c->points[1].group_starts)))
			put_label(L, pt->group, T_SMALL_MUTED, ALIGN_LEFT, sx + slot_w * 0.2,
				  pbot - small * 0.3 - lh, slot_w * 1.8, fig, out);
	}
	target_steps(L, c, &sc, px, slot_w, fig, out);
	/* Benchmarks: dotted in the muted colour, across the whole plot. */
	for (size_t k = 0; k < c->nbenchmarks; k++) {
		double y = ypos(&sc, c->benchmarks[k].value);
		struct point *pts = arena_calloc(L->a, 2, sizeof *pts);
		pts[0] = (struct point){px, y};
		pts[1] = (struct point){px + pw, y};
		polyline(out, fig, pts, 2, 0.9, L->c.muted, true);
	}

	/* Legend: a swatch for the bars, a dash for the target, then the
	 * benchmarks on a line of their own. */
	double ly = top - h + legend_h;
	double sw = small * 0.9;
	double lx = px;
	put_rect(out, fig, lx, ly - lh / 2 - sw / 2, sw, sw, st->color_primary);
	lx += sw + small * 0.4;
	put_label(L, c->value_name, T_SMALL_MUTED, ALIGN_LEFT, lx, ly, pw, fig, out);
	lx += label_width(L, c->value_name, T_SMALL_MUTED) + small * 1.5;
	if (c->nsegments > 0) {
		put_line(out, fig, lx, ly - lh / 2, lx + small * 2, ly - lh / 2, 1.2, L->c.text, true);
		lx += small * 2.4;
		put_label(L, c->target_name, T_SMALL_MUTED, ALIGN_LEFT, lx, ly, px + pw - lx, fig, out);
	}
	if (c->nbenchmarks > 0) {
		ly -= lh;
		lx = px;
		put_line(out, fig, lx, ly - lh / 2, lx + small * 2, ly - lh / 2, 0.9, L->c.muted, true);
		lx += small * 2.4;
		const char *names = "";
		for (size_t k = 0; k < c->nbenchmarks; k++)
			names = arena_printf(L->a, "%s%s%s", names, k ? "; " : "", c->benchmarks[k].label);
		put_label(L, names, T_SMALL_MUTED, ALIGN_LEFT, lx, ly, px + pw - lx, fig, out);
	}
}
