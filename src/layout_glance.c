#include "layout_parts.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout_blocks.h"
#include "layout_table.h"

/* Every status with its icon and count, zeros muted, wrapping if need be;
 * with `out` NULL, only measures. */
double draw_chips(struct lay *L, const struct pres_counts *pc, int elem, double x0, double top,
		  double width, struct boxbuf *out)
{
	struct tstyle ts = lay_tstyle(L, T_SMALL);
	double isz = ts.size * 1.2, gap = ts.size * 0.4, sep = ts.size * 1.8;
	struct tblock b[STATUS_COUNT];
	double lh = 0;
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = L->p->order[i];
		struct tstyle cts = ts;
		if (pc->n[s] == 0)
			cts.color = L->c.muted;
		text_plain(L, &b[i], pc->chip[s], &cts, width - isz - gap, L->st->path, 0);
		lh = fmax(lh, b[i].line_h);
	}
	double x = x0, y = top, right = x0 + width;
	double row_h = lh; /* The tallest chip on the current row. */
	for (int i = 0; i < STATUS_COUNT; i++) {
		double tw = 0;
		for (size_t k = 0; k < b[i].nlines; k++)
			tw = fmax(tw, b[i].lines[k].width);
		double w = isz + gap + tw;
		if (x > x0 && x + w > right) {
			x = x0;
			y -= row_h;
			row_h = lh;
		}
		double base = y - text_baseline(&b[i]);
		/* The chip's words name the status: the icon is decoration. */
		bool worded = b[i].nfrags > 0;
		if (out)
			put_icon(out, worded ? -1 : elem, x, base - b[i].descent, isz, L->p->order[i]);
		/* Every line: a chip too wide for one line wraps, never loses words. */
		for (size_t k = 0; out && k < b[i].nlines; k++)
			text_line_boxes(L, &b[i], k, x + isz + gap, y - (double)k * b[i].line_h,
					right - x - isz - gap, elem, out);
		row_h = fmax(row_h, text_height(&b[i]));
		x += w + sep;
		text_free(&b[i]);
	}
	return top - y + row_h;
}

/* The chips as a flow item. */
void status_chips(struct lay *L, const struct pres_counts *pc, int parent, double space_before,
		  unsigned char keep)
{
	struct flow *f = &L->fl;
	int p = db_elem(&L->db, ROLE_P, parent, NULL);
	size_t it = flow_open(f, space_before, keep);
	double h = draw_chips(L, pc, p, L->left, 0, L->width, &f->boxes);
	flow_close(f, it, h);
}

/* See layout_parts.h. */
double draw_tiles(struct lay *L, const struct pres_counts *pc, int parent, double x0, double top,
		  double width, struct boxbuf *out)
{
	double gap = L->line;
	double tw = (width - 3 * gap) / 4;
	double pad = L->line * 0.7;
	double isz = L->st->size_h1;
	struct tstyle cts = lay_tstyle(L, T_H1);
	struct tstyle lts = lay_tstyle(L, T_SMALL);
	struct tblock cb[STATUS_COUNT], lb[STATUS_COUNT];
	double h = 0;
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = L->p->order[i];
		text_plain(L, &cb[i], pc->count[s], &cts, tw - 3 * pad - isz, L->st->path, 0);
		text_plain(L, &lb[i], L->p->status_label[s], &lts, tw - 2 * pad, L->st->path, 0);
		h = fmax(h, fmax(text_height(&cb[i]), isz) + text_height(&lb[i]));
	}
	h += 2 * pad;
	if (!out) {
		for (int i = 0; i < STATUS_COUNT; i++) {
			text_free(&cb[i]);
			text_free(&lb[i]);
		}
		return h;
	}
	int list = db_elem(&L->db, ROLE_L, parent, NULL);
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = L->p->order[i];
		int li = db_elem(&L->db, ROLE_LI, list, NULL);
		int body = db_elem(&L->db, ROLE_LBODY, li, NULL);
		double x = x0 + i * (tw + gap);
		put_rect(out, -1, x, top - h, tw, h, L->st->color_band);
		put_rect(out, -1, x, top - pad * 0.35, tw, pad * 0.35, L->st->status_color[s]);
		double ch = fmax(text_height(&cb[i]), isz);
		/* The tile's label names the status: the icon is decoration. */
		put_icon(out, lb[i].nfrags ? -1 : body, x + pad, top - pad - ch / 2 - isz / 2, isz, s);
		for (size_t k = 0; k < cb[i].nlines; k++)
			text_line_boxes(L, &cb[i], k, x + 2 * pad + isz,
					top - pad - (ch - text_height(&cb[i])) / 2, tw - 3 * pad - isz,
					body, out);
		for (size_t k = 0; k < lb[i].nlines; k++)
			text_line_boxes(L, &lb[i], k, x + pad, top - pad - ch - (double)k * lb[i].line_h,
					tw - 2 * pad, body, out);
		text_free(&cb[i]);
		text_free(&lb[i]);
	}
	return h;
}

/* The tiles as a flow item. */
static void tiles(struct lay *L, int sect)
{
	struct flow *f = &L->fl;
	size_t it = flow_open(f, L->line * 1.2, KEEP_NONE);
	double h = draw_tiles(L, &L->p->counts, sect, L->left, 0, L->width, &f->boxes);
	flow_close(f, it, h);
}

static const struct tcol glance_cols[] = {
	{"Status", ALIGN_LEFT, false},
	{"Measure", ALIGN_LEFT, true},
	{"Result", ALIGN_RIGHT, false},
	{"Target", ALIGN_LEFT, true},
};
#define GLANCE_NCOLS (sizeof glance_cols / sizeof glance_cols[0])

/* The table of one goal's measures (not yet shaped). */
static void goal_table(struct lay *L, const struct goal *g, struct table *t)
{
	memset(t, 0, sizeof *t);
	t->cols = glance_cols;
	t->ncols = GLANCE_NCOLS;
	t->nrows = g->nmeasures;
	t->cells = arena_calloc(L->a, g->nmeasures * GLANCE_NCOLS + 1, sizeof *t->cells);
	t->x = L->left;
	t->width = L->width;
	t->band = true;
	t->kind = T_BODY;
	t->space_before = L->line * 0.5;
	for (size_t i = 0; i < g->nmeasures; i++) {
		const struct measure *m = g->measures[i];
		const struct pres_measure *pm = present_measure(L->p, m);
		struct tcell *c = &t->cells[i * GLANCE_NCOLS];
		tcell_text(L, &c[0], pm->status_word);
		c[0].icon = true;
		c[0].status = pm->status;
		tcell_text(L, &c[1], m->name);
		c[1].dest = L->measure_dest[m->index];
		c[1].line = m->line;
		c[1].row_head = true;
		tcell_result(L, &c[2], pm);
		/* A target for the year shows what is due by now beside it. */
		tcell_text(L, &c[3], pm->target_due ? pm->target_due : pm->target);
	}
}

/* At a glance: totals as tiles, then every measure by goal area, each
 * linking to its card; the tables share column widths so they line up. */
void part_glance(struct lay *L)
{
	const struct report *r = L->r;
	int sect = db_elem(&L->db, ROLE_SECT, L->root, NULL);
	int dest = L->part_dest[PART_GLANCE];
	db_outline(&L->db, L->p->part_title[PART_GLANCE], 0, dest);
	blk_heading(L, 1, L->p->part_title[PART_GLANCE], sect, dest, 0, 0);
	struct lines_opt o = lines_opt_default(L, -1);
	o.space_before = L->line * 0.5;
	blk_text(L, L->p->glance_intro, T_LEAD, sect, &o);
	tiles(L, sect);

	struct table *tables = arena_calloc(L->a, r->ngoals + 1, sizeof *tables);
	double minw[GLANCE_NCOLS] = {0}, maxw[GLANCE_NCOLS] = {0};
	for (size_t g = 0; g < r->ngoals; g++) {
		if (r->goals[g].nmeasures == 0)
			continue;
		goal_table(L, &r->goals[g], &tables[g]);
		table_shape(L, &tables[g]);
		for (size_t c = 0; c < GLANCE_NCOLS; c++) {
			minw[c] = fmax(minw[c], tables[g].minw[c]);
			maxw[c] = fmax(maxw[c], tables[g].maxw[c]);
		}
	}
	for (size_t g = 0; g < r->ngoals; g++) {
		const struct goal *goal = &r->goals[g];
		int gs = db_elem(&L->db, ROLE_SECT, sect, NULL);
		blk_heading(L, 2, goal->name, gs, -1, L->line * 1.6, goal->line);
		if (goal->nmeasures == 0) {
			struct lines_opt co = lines_opt_default(L, -1);
			co.space_before = L->line * 0.2;
			blk_text(L, L->p->no_measures, T_BODY_MUTED, gs, &co);
			continue;
		}
		status_chips(L, &L->p->goal_counts[g], gs, L->line * 0.2, KEEP_ALWAYS);
		tables[g].parent = gs;
		tables[g].continued = L->p->goal_continued[g];
		tables[g].continued_line = goal->line;
		table_fit(L, &tables[g], minw, maxw);
		table_flow(L, &tables[g]);
	}
}
