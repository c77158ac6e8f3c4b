#include "layout_chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout_blocks.h"
#include "layout_color.h"
#include "period.h"
#include "units.h"

/* One quarter on the chart. */
struct slot {
	struct period period;
	const struct period_eval *pe; /* NULL: no value that quarter. */
	bool has_value;
	double value;
	bool has_target;
	double target;
};

/* Whether the chart plots year-to-date sums (the report period's target is annual). */
static bool plots_ytd(const struct measure *m)
{
	return m->current && m->current->ytd;
}

/* The amount a period contributes to the chart, if any. */
static bool slot_value(const struct measure *m, const struct period_eval *pe, double *v)
{
	if (plots_ytd(m)) {
		if (!pe->has_compared)
			return false;
		*v = pe->compared;
		return true;
	}
	if (!pe->has_actual)
		return false;
	*v = pe->actual;
	return true;
}

/* The last CHART_QUARTERS quarters up to the report period, each with its
 * value if it has one; the same span on every card, so their quarters line
 * up down the page. Returns how many quarters have a value. */
static size_t collect(const struct lay *L, const struct measure *m, struct slot *s)
{
	int last = period_index(L->r->period);
	int first = last - CHART_QUARTERS + 1;
	for (size_t k = 0; k < CHART_QUARTERS; k++) {
		memset(&s[k], 0, sizeof s[k]);
		s[k].period = period_from_index(first + (int)k);
	}
	size_t valued = 0;
	for (size_t i = 0; i < m->nhistory; i++) {
		const struct period_eval *pe = &m->history[i];
		int pi = period_index(pe->period);
		if (pi < first || pi > last)
			continue;
		struct slot *sl = &s[pi - first];
		sl->pe = pe;
		sl->has_value = slot_value(m, pe, &sl->value);
		sl->has_target = pe->has_target;
		sl->target = pe->target_amount;
		valued += sl->has_value;
	}
	return valued;
}

/* A chart is worth its room with two quarters to compare: one bar says no
 * more than the result beside it. */
bool chart_has_data(const struct lay *L, const struct measure *m)
{
	struct slot s[CHART_QUARTERS];
	return collect(L, m, s) >= 2;
}

/* A round step for about `n` intervals over `range`: 1, 2, 2.5 or 5 times
 * a power of ten, or for durations a whole number of seconds or minutes
 * that reads well on a clock. */
static double nice_step(const struct measure *m, double range, int n)
{
	double raw = range / n;
	if (m->unit == UNIT_DURATION) {
		static const double secs[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600,
					      7200, 18000, 36000};
		for (size_t i = 0; i < sizeof secs / sizeof secs[0]; i++)
			if (secs[i] >= raw)
				return secs[i];
		return ceil(raw / 36000) * 36000;
	}
	/* Never finer than the measure's decimals, and a whole number of its
	 * smallest shown unit, so no two ticks read alike. */
	double finest = pow(10, -m->decimals);
	double p = pow(10, floor(log10(raw)));
	static const double mult[] = {1, 2, 2.5, 5, 10};
	for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++) {
		double step = p * mult[i];
		double units = step / finest;
		if (step >= raw && step >= finest && fabs(units - round(units)) < 1e-6)
			return step;
	}
	return fmax(p * 10, finest);
}

/* "Q1 FY18" */
static const char *short_label(struct lay *L, struct period p)
{
	return arena_printf(L->a, "Q%d FY%02d", p.quarter, ((p.fy % 100) + 100) % 100);
}

/* A growable string in the arena for the alt text. */
struct sbuf {
	char *s;
	size_t n, cap;
};

/* Append text to the alt text being built. */
static void sb_add(struct lay *L, struct sbuf *b, const char *text)
{
	size_t k = strlen(text);
	if (b->n + k + 1 > b->cap) {
		size_t cap = (b->cap ? b->cap * 2 : 128) + k;
		char *s = arena_alloc(L->a, cap);
		if (b->n)
			memcpy(s, b->s, b->n);
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->n, text, k + 1);
	b->n += k;
}

/* "Chart of NAME by quarter, year to date: Q1 FY2017 8:52, ...; target at most 5:00." */
static const char *alt_text(struct lay *L, const struct measure *m, const struct slot *s, size_t n)
{
	struct sbuf b = {0};
	char buf[128], pl[32];
	sb_add(L, &b, "Bar chart of ");
	sb_add(L, &b, m->name);
	sb_add(L, &b, plots_ytd(m) ? ", year to date by quarter: " : " by quarter: ");
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (!s[i].has_value)
			continue;
		period_label(s[i].period, pl, sizeof pl);
		amount_format(m, s[i].value, buf, sizeof buf);
		sb_add(L, &b, any ? ", " : "");
		sb_add(L, &b, pl);
		sb_add(L, &b, " ");
		sb_add(L, &b, buf);
		any = true;
	}
	const struct period_eval *cur = m->current;
	if (cur && cur->has_target && cur->target) {
		sb_add(L, &b, "; target ");
		sb_add(L, &b, cmp_words(cur->target->cmp));
		sb_add(L, &b, " ");
		sb_add(L, &b, cur->target_amount_text);
		if (plots_ytd(m))
			sb_add(L, &b, " to date");
	}
	sb_add(L, &b, ".");
	return b.s;
}

/* The value axis: amounts lo..hi drawn from y = bottom, `height` tall. */
struct scale {
	double lo, hi, bottom, height;
};

/* Where an amount sits on the page. */
static double ypos(const struct scale *sc, double v)
{
	return sc->bottom + (v - sc->lo) / (sc->hi - sc->lo) * sc->height;
}

/* The chart itself. Layout from the top: plot, quarter labels, legend. */
void chart_measure(struct lay *L, const struct measure *m, int parent, double x, double top,
		   double w, double h)
{
	struct slot s[CHART_QUARTERS];
	collect(L, m, s);
	const size_t n = CHART_QUARTERS;
	int fig = db_elem(&L->db, ROLE_FIGURE, parent, alt_text(L, m, s, n));
	struct boxbuf *out = &L->fl.boxes;
	const struct style *st = L->st;
	double small = st->size_small;
	double lh = small * st->leading;

	/* Value range, from zero so bar lengths compare honestly. */
	double lo = 0, hi = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i].has_value) {
			lo = fmin(lo, s[i].value);
			hi = fmax(hi, s[i].value);
		}
		if (s[i].has_target) {
			lo = fmin(lo, s[i].target);
			hi = fmax(hi, s[i].target);
		}
	}
	if (hi - lo <= 0)
		hi = lo + (m->unit == UNIT_DURATION ? 60 : 1);
	double step = nice_step(m, hi - lo, 4);
	lo = floor(lo / step + 1e-9) * step;
	hi = ceil(hi / step - 1e-9) * step;
	if (hi <= lo)
		hi = lo + step;

	/* Tick labels decide how much room the value axis takes; they show as
	 * many decimals as the step needs, not the measure's. */
	struct measure tick_m = *m;
	if (m->unit != UNIT_DURATION) {
		int dec = 0;
		while (dec < m->decimals && fabs(step * pow(10, dec) - round(step * pow(10, dec))) > 1e-9)
			dec++;
		tick_m.decimals = dec;
	}
	char buf[128];
	double axis_w = 0;
	int nticks = (int)floor((hi - lo) / step + 0.5) + 1;
	if (nticks > 12)
		nticks = 12;
	const char *tick_text[12];
	for (int k = 0; k < nticks; k++) {
		amount_format(&tick_m, lo + k * step, buf, sizeof buf);
		tick_text[k] = arena_strdup(L->a, buf);
		axis_w = fmax(axis_w, label_width(L, tick_text[k], T_SMALL_MUTED));
	}
	axis_w += small * 0.6;
	if (axis_w > w * 0.4)
		axis_w = w * 0.4;

	double px = x + axis_w, pw = w - axis_w;
	double slot_w = pw / CHART_QUARTERS;
	/* Quarter labels on one line if they fit a slot, else on two. */
	bool two_lines = false;
	for (size_t i = 0; i < n && !two_lines; i++)
		two_lines = label_width(L, short_label(L, s[i].period), T_SMALL_MUTED) > slot_w * 0.95;
	double xlab_h = lh * (two_lines ? 2 : 1);
	double legend_h = lh;
	double ptop = top - lh / 2;
	double pbot = top - h + legend_h + xlab_h + small * 0.6;
	double ph = ptop - pbot;
	if (ph < lh * 2) {
		ph = lh * 2;
		pbot = ptop - ph;
	}
	struct scale sc = {lo, hi, pbot, ph};

	/* Grid and value labels. */
	for (int k = 0; k < nticks; k++) {
		double v = lo + k * step;
		double y = ypos(&sc, v);
		bool zero = fabs(v) < step * 1e-6;
		put_line(out, fig, px, y, px + pw, y, zero ? 0.8 : 0.3,
			 zero ? L->c.muted : st->color_rule, false);
		put_label(L, tick_text[k], T_SMALL_MUTED, ALIGN_RIGHT, x, y + lh / 2,
			  axis_w - small * 0.6, fig, out);
	}

	/* Bars: earlier quarters lighter, the report quarter in full colour. */
	struct rgb past = mix(st->color_primary, L->c.white, 0.5);
	int last = period_index(L->r->period);
	struct point *tp = arena_calloc(L->a, n + 2, sizeof *tp);
	size_t ntp = 0;
	bool started = false; /* A quarter so far had a result. */
	for (size_t i = 0; i < n; i++) {
		double sx = px + (double)i * slot_w;
		double cx = sx + slot_w / 2;
		double y0 = ypos(&sc, 0 > lo ? 0 : lo);
		if (s[i].has_value) {
			double y1 = ypos(&sc, s[i].value);
			bool now = period_index(s[i].period) == last;
			put_rect(out, fig, sx + slot_w * 0.2, fmin(y0, y1), slot_w * 0.6, fabs(y1 - y0),
				 now ? st->color_primary : past);
			started = true;
		} else if (started) {
			/* A gap in the results says so, so it never reads as a zero;
			 * quarters before the first result stay empty. */
			put_label(L, "n/a", T_SMALL_MUTED, ALIGN_CENTER, sx - slot_w, y0 + lh + small * 0.2,
				  slot_w * 3, fig, out);
		}
		if (s[i].has_target) {
			tp[ntp].x = cx;
			tp[ntp].y = ypos(&sc, s[i].target);
			ntp++;
		}
		/* One line "Q1 FY18" when it fits; else the quarter, with the
		 * fiscal year beneath where a year starts (and at the left). */
		if (!two_lines) {
			put_label(L, short_label(L, s[i].period), T_SMALL_MUTED, ALIGN_CENTER, sx - slot_w,
				  pbot - small * 0.3, slot_w * 3, fig, out);
			continue;
		}
		put_label(L, arena_printf(L->a, "Q%d", s[i].period.quarter), T_SMALL_MUTED, ALIGN_CENTER,
			  sx, pbot - small * 0.3, slot_w, fig, out);
		/* A year's label needs the room of two slots; a first slot just
		 * before a new year goes without. */
		bool year_starts = s[i].period.quarter == 1;
		if (year_starts && i > 0)
			put_line(out, fig, sx, pbot, sx, pbot - small * 0.3 - lh * 2, 0.4, st->color_rule,
				 false);
		if (year_starts || (i == 0 && (s[i].period.quarter != 4 || n == 1)))
			put_label(L, arena_printf(L->a, "FY%02d", ((s[i].period.fy % 100) + 100) % 100),
				  T_SMALL_MUTED, ALIGN_LEFT, sx + slot_w * 0.2, pbot - small * 0.3 - lh,
				  slot_w * 1.8, fig, out);
	}
	/* The target: dashed, run out to the plot's edges, over a white halo
	 * so it shows across the bars too. */
	if (ntp > 0) {
		struct point *pts = arena_calloc(L->a, ntp + 2, sizeof *pts);
		pts[0].x = px;
		pts[0].y = tp[0].y;
		memcpy(pts + 1, tp, ntp * sizeof *tp);
		pts[ntp + 1].x = px + pw;
		pts[ntp + 1].y = tp[ntp - 1].y;
		for (int pass = 0; pass < 2; pass++) {
			struct box *bx = boxbuf_push(out, BOX_POLYLINE, fig);
			bx->u.poly.points = pts;
			bx->u.poly.n = ntp + 2;
			bx->u.poly.width = pass ? 1.2 : 3.2;
			bx->u.poly.color = pass ? L->c.text : L->c.white;
			bx->u.poly.dashed = pass == 1;
			bx->u.poly.markers = false;
		}
	}

	/* Legend: a swatch for the bars, a dash for the target. */
	double ly = top - h + legend_h;
	double sw = small * 0.9;
	double lx = px;
	put_rect(out, fig, lx, ly - lh / 2 - sw / 2, sw, sw, st->color_primary);
	lx += sw + small * 0.4;
	const char *bars = plots_ytd(m) ? "Year to date" : "Result";
	put_label(L, bars, T_SMALL_MUTED, ALIGN_LEFT, lx, ly, pw, fig, out);
	lx += label_width(L, bars, T_SMALL_MUTED) + small * 1.5;
	if (ntp > 0) {
		put_line(out, fig, lx, ly - lh / 2, lx + small * 2, ly - lh / 2, 1.2, L->c.text, true);
		lx += small * 2.4;
		put_label(L, plots_ytd(m) ? "Target to date" : "Target", T_SMALL_MUTED, ALIGN_LEFT,
			  lx, ly, px + pw - lx, fig, out);
	}
}
