#include "layout_table.h"

#include <stdlib.h>
#include <string.h>

/* Room left and right of cell text, in proportion to its size. */
static double pad_x(const struct tstyle *ts)
{
	return ts->size * 0.6;
}

/* Room above and below cell text. */
static double pad_y(const struct tstyle *ts)
{
	return ts->size * 0.45;
}

/* Side of a status icon in a cell. */
static double icon_size(const struct tstyle *ts)
{
	return ts->size * 1.1;
}

/* Width an icon takes from the cell's text, with its gap. */
static double icon_room(const struct tstyle *ts)
{
	return icon_size(ts) + ts->size * 0.45;
}

/* A plain-text cell. */
void tcell_text(struct lay *L, struct tcell *c, const char *text)
{
	memset(c, 0, sizeof *c);
	c->dest = -1;
	if (!text || !*text)
		return;
	c->spans = arena_alloc(L->a, sizeof *c->spans);
	*c->spans = tspan_plain(arena_strdup(L->a, text));
	c->nspans = 1;
}

/* See layout_table.h. */
void tcell_result(struct lay *L, struct tcell *c, const struct pres_measure *pm)
{
	tcell_text(L, c, pm->result ? pm->result : L->p->no_result_mark);
	/* A dash is read as what it means. */
	if (!pm->result)
		c->actual_text = pm->no_result;
}

/* Style of a cell: the head row in labels, the body in the table's kind. */
static struct tstyle cell_style(const struct lay *L, const struct table *t, size_t col, bool head)
{
	struct tstyle ts = lay_tstyle(L, head ? T_LABEL : t->kind);
	ts.align = t->cols[col].align;
	return ts;
}

/* Shape all cells; a column is at least as wide as its widest word. */
void table_shape(struct lay *L, struct table *t)
{
	size_t nc = t->ncols;
	t->blocks = xcalloc((t->nrows + 1) * nc, sizeof *t->blocks);
	t->minw = arena_calloc(L->a, nc, sizeof *t->minw);
	t->maxw = arena_calloc(L->a, nc, sizeof *t->maxw);
	t->widths = arena_calloc(L->a, nc, sizeof *t->widths);
	for (size_t c = 0; c < nc; c++) {
		struct tstyle ts = cell_style(L, t, c, true);
		struct tspan *sp = arena_alloc(L->a, sizeof *sp);
		*sp = tspan_plain(t->cols[c].head);
		struct tblock *b = &t->blocks[c];
		text_shape(L, b, sp, 1, &ts, L->st->path, 0);
		t->minw[c] = b->min_width + 2 * pad_x(&ts);
		t->maxw[c] = b->max_width + 2 * pad_x(&ts);
	}
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < nc; c++) {
			const struct tcell *cell = &t->cells[r * nc + c];
			struct tstyle ts = cell_style(L, t, c, false);
			struct tblock *b = &t->blocks[(r + 1) * nc + c];
			text_shape(L, b, cell->spans, cell->spans ? cell->nspans : 0, &ts, L->r->path,
				   cell->line);
			double extra = 2 * pad_x(&ts) + (cell->icon ? icon_room(&ts) : 0);
			if (b->min_width + extra > t->minw[c])
				t->minw[c] = b->min_width + extra;
			if (b->max_width + extra > t->maxw[c])
				t->maxw[c] = b->max_width + extra;
		}
	}
}

/* The most of a table's width one column's widest word may claim: a longer
 * word (a 300-letter name) is cut inside its column rather than squeezing
 * every other column down to a letter a line. */
#define WORD_SHARE 0.4

/* Least widths with overlong words capped: each at most WORD_SHARE of the
 * table, and, if even then they do not fit, the widest brought down to a
 * common cap so that the narrow columns keep their words whole. */
static void cap_least(const double *minw, size_t nc, double W, double *out)
{
	double cap = W * WORD_SHARE, sum = 0;
	for (size_t c = 0; c < nc; c++)
		sum += minw[c] < cap ? minw[c] : cap;
	if (sum > W) {
		/* Bisect the cap at which the capped widths just fill the table. */
		double lo = 0, hi = cap;
		for (int i = 0; i < 60; i++) {
			double mid = (lo + hi) / 2, s = 0;
			for (size_t c = 0; c < nc; c++)
				s += minw[c] < mid ? minw[c] : mid;
			if (s > W)
				hi = mid;
			else
				lo = mid;
		}
		cap = lo;
	}
	for (size_t c = 0; c < nc; c++)
		out[c] = minw[c] < cap ? minw[c] : cap;
}

/* Whether a column keeps its natural width when not everything fits:
 * figures and statuses (not prose) no wider than a fifth of the table. */
static bool keeps_natural(const struct tcol *col, double natural, double W)
{
	return !col->prose && natural <= W * 0.2;
}

/* Share `room` among the columns marked in `open` (their extra widths
 * beyond the least in `want`, given in `give`): a column that wants no more
 * than an even share gets what it wants, again and again while that frees
 * room; the rest share what is left in proportion to what they lack, so a
 * column with one enormous cell cannot starve a modest one. */
static void share_room(double room, const double *want, bool *open, double *give, size_t nc)
{
	for (bool changed = true; changed;) {
		changed = false;
		size_t n = 0;
		for (size_t c = 0; c < nc; c++)
			n += open[c];
		if (n == 0)
			return;
		double even = room / (double)n;
		for (size_t c = 0; c < nc; c++)
			if (open[c] && want[c] <= even) {
				give[c] = want[c];
				room -= want[c];
				open[c] = false;
				changed = true;
			}
	}
	double lack = 0;
	for (size_t c = 0; c < nc; c++)
		lack += open[c] ? want[c] : 0;
	for (size_t c = 0; c < nc; c++)
		if (open[c])
			give[c] = lack > 0 ? room * want[c] / lack : 0;
}

/* Widths: everything at its natural width when that fits, the spare room
 * shared in proportion. Otherwise every column gets its widest word (capped,
 * see cap_least); then short columns (see keeps_natural) get their natural
 * width so they never wrap, and the others share what is left (share_room).
 * If even the short ones do not fit, all share in proportion. */
void table_fit(struct lay *L, struct table *t, const double *minw_in, const double *maxw)
{
	size_t nc = t->ncols;
	if (!minw_in)
		minw_in = t->minw;
	if (!maxw)
		maxw = t->maxw;
	double W = t->width;
	double *minw = arena_calloc(L->a, nc, sizeof *minw);
	double *want = arena_calloc(L->a, nc, sizeof *want);
	double *give = arena_calloc(L->a, nc, sizeof *give);
	bool *open = arena_calloc(L->a, nc, sizeof *open);
	cap_least(minw_in, nc, W, minw);
	double smin = 0, smax = 0, short_want = 0;
	for (size_t c = 0; c < nc; c++) {
		want[c] = maxw[c] > minw[c] ? maxw[c] - minw[c] : 0;
		smin += minw[c];
		smax += minw[c] + want[c];
		open[c] = !keeps_natural(&t->cols[c], maxw[c], W);
		if (!open[c])
			short_want += want[c];
	}
	if (smax > W && smin <= W && short_want <= W - smin) {
		for (size_t c = 0; c < nc; c++)
			give[c] = want[c];
		share_room(W - smin - short_want, want, open, give, nc);
	}
	for (size_t c = 0; c < nc; c++) {
		if (smax <= W)
			t->widths[c] = smax > 0 ? (minw[c] + want[c]) * W / smax : W / (double)nc;
		else if (smin > W)
			t->widths[c] = minw[c] * W / smin;
		else if (short_want <= W - smin)
			t->widths[c] = minw[c] + give[c];
		else
			t->widths[c] = minw[c] + (W - smin) * want[c] / (smax - smin);
	}
}

/* One row as one flow item: band, cell text, icons, bottom rule. */
static size_t flow_row(struct lay *L, struct table *t, size_t r, int table_elem, size_t head)
{
	size_t nc = t->ncols;
	bool is_head = r == 0;
	struct flow *f = &L->fl;
	int tr = db_elem(&L->db, ROLE_TR, table_elem, NULL);
	double h = 0;
	for (size_t c = 0; c < nc; c++) {
		const struct tcell *cell = is_head ? NULL : &t->cells[(r - 1) * nc + c];
		struct tstyle ts = cell_style(L, t, c, is_head);
		double room = t->widths[c] - 2 * pad_x(&ts) - (cell && cell->icon ? icon_room(&ts) : 0);
		text_break(L, &t->blocks[r * nc + c], room > 1 ? room : 1);
		double ch = text_height(&t->blocks[r * nc + c]);
		if (cell && cell->icon && ch < t->blocks[r * nc + c].line_h)
			ch = t->blocks[r * nc + c].line_h;
		ch += 2 * pad_y(&ts);
		if (ch > h)
			h = ch;
	}
	/* Like lines of a paragraph: no row left alone at the foot with the
	 * head, none alone at the head of the next page. */
	unsigned char keep = KEEP_NONE;
	if (is_head || (t->nrows >= 4 && (r == 1 || r == t->nrows - 1)))
		keep = KEEP_ALWAYS;
	size_t it = flow_open(f, is_head ? t->space_before : 0, keep);
	f->items[it].head = is_head ? -1 : (int)head;
	if (!is_head && t->band && r % 2 == 0)
		put_rect(&f->boxes, -1, t->x, -h, t->width, h, L->st->color_band);
	double x = t->x;
	for (size_t c = 0; c < nc; c++) {
		struct tcell *cell = is_head ? NULL : &t->cells[(r - 1) * nc + c];
		struct tstyle ts = cell_style(L, t, c, is_head);
		bool th = is_head || (cell && cell->row_head);
		int e = db_elem(&L->db, th ? ROLE_TH : ROLE_TD, tr, NULL);
		L->db.elems[e].th_row_scope = !is_head;
		if (cell)
			if (cell->actual_text)
				db_elem_more(&L->db, e, L->a)->actual_text = cell->actual_text;
		if (is_head)
			t->head_cells[c] = e;
		const struct tblock *b = &t->blocks[r * nc + c];
		double tx = x + pad_x(&ts);
		double room = t->widths[c] - 2 * pad_x(&ts);
		if (cell && cell->icon) {
			double isz = icon_size(&ts);
			double mid = -pad_y(&ts) - b->line_h / 2;
			/* The cell's word says what the icon shows: the icon is
			 * decoration then, and names its status only alone. */
			put_icon(&f->boxes, b->nfrags ? -1 : e, tx, mid - isz / 2, isz, cell->status);
			tx += icon_room(&ts);
			room -= icon_room(&ts);
		}
		if (cell && cell->dest >= 0 && cell->nspans > 0) {
			int link = db_elem(&L->db, ROLE_LINK, e, NULL);
			for (size_t s = 0; s < cell->nspans; s++) {
				cell->spans[s].dest = cell->dest;
				cell->spans[s].elem = link;
			}
		}
		for (size_t i = 0; i < b->nlines; i++)
			text_line_boxes(L, b, i, tx, -pad_y(&ts) - (double)i * b->line_h,
					room > 1 ? room : 1, e, &f->boxes);
		x += t->widths[c];
	}
	if (is_head)
		put_line(&f->boxes, -1, t->x, -h, t->x + t->width, -h, 1.0, L->c.heading, false);
	else
		put_line(&f->boxes, -1, t->x, -h, t->x + t->width, -h, 0.4, L->st->color_rule, false);
	flow_close(f, it, h);
	return it;
}

/* The line above a repeated head row: a spare item, drawn only as a copy
 * (an artifact: the table's own heading is tagged where it first stands).
 * One that needs more than two lines is left out: -1. */
static int continued_caption(struct lay *L, const struct table *t)
{
	struct flow *f = &L->fl;
	struct tstyle ts = lay_tstyle(L, T_H3);
	struct tblock b;
	text_plain(L, &b, t->continued, &ts, t->width, L->r->path, t->continued_line);
	if (b.nlines > 2) {
		text_free(&b);
		return -1;
	}
	size_t it = flow_open(f, 0, KEEP_ALWAYS);
	f->items[it].spare = true;
	for (size_t i = 0; i < b.nlines; i++)
		text_line_boxes(L, &b, i, t->x, -(double)i * b.line_h, t->width, -1, &f->boxes);
	flow_close(f, it, text_height(&b) + L->line * 0.3);
	text_free(&b);
	return (int)it;
}

/* Lay out the whole table: head, then one item per row pointing back at
 * the head so each page the table reaches repeats it (with the caption
 * saying whose table it is, if there is one). */
void table_flow(struct lay *L, struct table *t)
{
	int cap = t->continued ? continued_caption(L, t) : -1;
	int te = db_elem(&L->db, ROLE_TABLE, t->parent, NULL);
	t->head_cells = arena_calloc(L->a, t->ncols, sizeof *t->head_cells);
	size_t head = flow_row(L, t, 0, te, 0);
	L->fl.items[head].caption = cap;
	for (size_t r = 1; r <= t->nrows; r++) {
		flow_row(L, t, r, te, head);
		/* The row's boxes are in the flow: its shaped cells can go now
		 * rather than with the whole table (a long one has thousands). */
		for (size_t c = 0; c < t->ncols; c++)
			text_free(&t->blocks[r * t->ncols + c]);
	}
	for (size_t c = 0; c < t->ncols; c++)
		text_free(&t->blocks[c]);
	free(t->blocks);
	t->blocks = NULL;
}
