#include "layout_parts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_blocks.h"
#include "layout_card.h"
#include "layout_table.h"

/* The goal is not a column: each goal's measures follow a row naming it. */
static const struct tcol appendix_cols[] = {
	{"Measure", ALIGN_LEFT, true},
	{"Target", ALIGN_LEFT, true},
	{"Result", ALIGN_RIGHT, false},
	{"Status", ALIGN_LEFT, false},
	{"On last year", ALIGN_RIGHT, false},
};
#define APPENDIX_NCOLS (sizeof appendix_cols / sizeof appendix_cols[0])

/* Room around cell text and the status icon's size and gap, in the same
 * proportions to the text's size as the table code draws its rows with,
 * so the head row (laid by the table code) and these rows line up. */
#define CELL_PAD_X 0.6
#define CELL_PAD_Y 0.45
#define CELL_ICON 1.1
#define CELL_ICON_GAP 0.45

/* The change on last year with its direction in words, or a dash read as
 * words. */
static void change_cell(struct lay *L, const struct pres_change *ch, struct tcell *c)
{
	if (!ch->available) {
		tcell_text(L, c, L->p->no_result_mark);
		c->actual_text = L->p->no_change;
		return;
	}
	struct spans sp = {0};
	spans_add(L, &sp, ch->delta, 0);
	if (ch->trend_word) {
		spans_add(L, &sp, " ", 0);
		struct tspan *w = spans_add(L, &sp, ch->trend_word, RUN_BOLD);
		w->has_color = true;
		w->color = trend_color(L, ch->trend);
	}
	memset(c, 0, sizeof *c);
	c->spans = sp.v;
	c->nspans = sp.n;
	c->dest = -1;
}

/* A measure's `n` cells, in the order of appendix_cols. */
static void measure_cells(struct lay *L, const struct measure *m, struct tcell *c, size_t n)
{
	const struct pres_measure *pm = present_measure(L->p, m);
	tcell_text(L, &c[0], m->name);
	c[0].dest = L->measure_dest[m->index];
	c[0].line = m->line;
	c[0].row_head = true;
	tcell_text(L, &c[1], pm->target_due ? pm->target_due : pm->target);
	tcell_result(L, &c[2], pm);
	tcell_text(L, &c[3], pm->status_word);
	c[3].icon = true;
	c[3].status = pm->status;
	if (n > 4)
		change_cell(L, &pm->vs_last_year, &c[4]);
}

/* A goal's row as one flow item: its name in bold across the whole table on
 * the band colour. The row proper is a TR holding one TH that heads the
 * measures after it; with `th` -1 it is the copy repeated where the goal's
 * measures go on to a new page (`text` then says it is continued), an
 * artifact drawn only there. Either way the table's head row is repeated
 * above it. Returns the item. */
static size_t goal_row(struct lay *L, const struct table *t, const char *text, long line, int th,
		       size_t head)
{
	struct flow *f = &L->fl;
	struct tstyle ts = lay_tstyle(L, t->kind);
	ts.face = FACE_BOLD;
	double px = ts.size * CELL_PAD_X, py = ts.size * CELL_PAD_Y;
	struct tblock b;
	text_plain(L, &b, text, &ts, t->width - 2 * px, L->r->path, line);
	double h = text_height(&b) + 2 * py;
	size_t it = flow_open(f, 0, KEEP_ALWAYS);
	f->items[it].head = (int)head;
	f->items[it].spare = th < 0;
	put_rect(&f->boxes, -1, t->x, -h, t->width, h, L->st->color_band);
	for (size_t i = 0; i < b.nlines; i++)
		text_line_boxes(L, &b, i, t->x + px, -py - (double)i * b.line_h, t->width - 2 * px, th,
				&f->boxes);
	put_line(&f->boxes, -1, t->x, -h, t->x + t->width, -h, 0.4, L->st->color_rule, false);
	flow_close(f, it, h);
	text_free(&b);
	return it;
}

/* Header cells `a`, `b` and `c` (c -1 for none) as a cell's headers. */
static void tie(struct lay *L, int e, int a, int b, int c)
{
	int *h = arena_calloc(L->a, 3, sizeof *h);
	h[0] = a;
	h[1] = b;
	h[2] = c;
	struct elem_more *more = db_elem_more(&L->db, e, L->a);
	more->headers = h;
	more->nheaders = c >= 0 ? 3 : 2;
}

/* Row `r` of the table (0 the first measure) as one flow item under the
 * TR it makes in `te`: cell text, the status icon, the name a link, a rule
 * below. No band: the band colour marks the goals' rows. `head` is repeated
 * atop a page it opens. The name heads its row, and each cell names its
 * headers: its column's, its goal's row (`goal_th`) and the name. */
static void measure_row(struct lay *L, struct table *t, size_t r, int te, size_t head,
			unsigned char keep, int goal_th)
{
	size_t nc = t->ncols;
	struct flow *f = &L->fl;
	struct tblock *blocks = &t->blocks[(r + 1) * nc];
	struct tcell *cells = &t->cells[r * nc];
	double sz = lay_tstyle(L, t->kind).size;
	double h = 0;
	for (size_t c = 0; c < nc; c++) {
		double room = t->widths[c] - 2 * sz * CELL_PAD_X -
			      (cells[c].icon ? sz * (CELL_ICON + CELL_ICON_GAP) : 0);
		text_break(L, &blocks[c], room > 1 ? room : 1);
		double ch = text_height(&blocks[c]);
		if (cells[c].icon && ch < blocks[c].line_h)
			ch = blocks[c].line_h;
		ch += 2 * sz * CELL_PAD_Y;
		if (ch > h)
			h = ch;
	}
	int tr = db_elem(&L->db, ROLE_TR, te, NULL);
	size_t it = flow_open(f, 0, keep);
	f->items[it].head = (int)head;
	double x = t->x;
	int name_th = -1;
	for (size_t c = 0; c < nc; c++) {
		struct tcell *cell = &cells[c];
		const struct tblock *b = &blocks[c];
		int e = db_elem(&L->db, cell->row_head ? ROLE_TH : ROLE_TD, tr, NULL);
		if (cell->actual_text)
			db_elem_more(&L->db, e, L->a)->actual_text = cell->actual_text;
		if (cell->row_head) {
			L->db.elems[e].th_row_scope = true;
			L->db.elems[e].has_id = true;
			name_th = e;
			tie(L, e, t->head_cells[c], goal_th, -1);
		} else {
			tie(L, e, t->head_cells[c], goal_th, name_th);
		}
		double tx = x + sz * CELL_PAD_X, room = t->widths[c] - 2 * sz * CELL_PAD_X;
		if (cell->icon) {
			double isz = sz * CELL_ICON, mid = -sz * CELL_PAD_Y - b->line_h / 2;
			/* The status word beside it says what the icon shows. */
			put_icon(&f->boxes, b->nfrags ? -1 : e, tx, mid - isz / 2, isz, cell->status);
			tx += sz * (CELL_ICON + CELL_ICON_GAP);
			room -= sz * (CELL_ICON + CELL_ICON_GAP);
		}
		if (cell->dest >= 0 && cell->nspans > 0) {
			int link = db_elem(&L->db, ROLE_LINK, e, NULL);
			for (size_t s = 0; s < cell->nspans; s++) {
				cell->spans[s].dest = cell->dest;
				cell->spans[s].elem = link;
			}
		}
		for (size_t i = 0; i < b->nlines; i++)
			text_line_boxes(L, b, i, tx, -sz * CELL_PAD_Y - (double)i * b->line_h,
					room > 1 ? room : 1, e, &f->boxes);
		x += t->widths[c];
	}
	put_line(&f->boxes, -1, t->x, -h, t->x + t->width, -h, 0.4, L->st->color_rule, false);
	flow_close(f, it, h);
}

/* The table of every measure, grouped by goal, continuing across pages
 * under its head row. The table code lays the head row (a table of no
 * rows, its columns fitted to every measure's cells); the rows follow here
 * because a goal's row spans the columns. A goal's row is kept with its
 * first measure, and where its measures go on to a new page a copy of it,
 * continued, follows the repeated head row. */
static void measures_table(struct lay *L, int sect)
{
	const struct report *r = L->r;
	struct table t;
	memset(&t, 0, sizeof t);
	t.cols = appendix_cols;
	/* A column of nothing but dashes says nothing: the legend says once
	 * that no measure has an earlier result to compare with. */
	t.ncols = L->p->shows_last_year ? APPENDIX_NCOLS : APPENDIX_NCOLS - 1;
	t.nrows = r->nmeasures;
	t.cells = arena_calloc(L->a, r->nmeasures * APPENDIX_NCOLS + 1, sizeof *t.cells);
	t.parent = sect;
	t.x = L->left;
	t.width = L->width;
	t.kind = T_SMALL;
	t.space_before = L->line * 0.8;
	size_t row = 0;
	for (size_t g = 0; g < r->ngoals; g++)
		for (size_t i = 0; i < r->goals[g].nmeasures; i++)
			measure_cells(L, r->goals[g].measures[i], &t.cells[t.ncols * row++], t.ncols);
	t.nrows = row;
	table_shape(L, &t);
	table_fit(L, &t, NULL, NULL);

	/* The head: the Table element is the first table_flow makes, and the
	 * head row the last item it adds. */
	struct table ht = t;
	ht.nrows = 0;
	ht.cells = NULL;
	table_shape(L, &ht);
	table_fit(L, &ht, t.minw, t.maxw);
	int te = (int)L->db.nelems;
	table_flow(L, &ht);
	size_t head = L->fl.n - 1;
	t.head_cells = ht.head_cells;
	for (size_t c = 0; c < t.ncols; c++)
		L->db.elems[t.head_cells[c]].has_id = true;

	row = 0;
	for (size_t g = 0; g < r->ngoals; g++) {
		const struct goal *goal = &r->goals[g];
		if (goal->nmeasures == 0)
			continue;
		const char *cont = L->p->goal_continued[g];
		size_t copy = goal_row(L, &t, cont, goal->line, -1, head);
		/* The goal's row is one header cell across every column: it heads
		 * the measures under it, which name it among their headers. */
		int tr = db_elem(&L->db, ROLE_TR, te, NULL);
		int th = db_elem(&L->db, ROLE_TH, tr, NULL);
		L->db.elems[th].colspan = (unsigned short)t.ncols;
		L->db.elems[th].has_id = true;
		goal_row(L, &t, goal->name, goal->line, th, head);
		for (size_t i = 0; i < goal->nmeasures; i++, row++) {
			/* Like the lines of a paragraph: a goal's first measure is not
			 * left alone at the foot of a page, nor its last at the head. */
			bool edge = i == 0 || i + 2 == goal->nmeasures;
			unsigned char keep = edge && goal->nmeasures >= 4 ? KEEP_ALWAYS : KEEP_NONE;
			measure_row(L, &t, row, te, copy, keep, th);
			/* The row's boxes are in the flow: its shaped cells can go. */
			for (size_t c = 0; c < t.ncols; c++)
				text_free(&t.blocks[(row + 1) * t.ncols + c]);
		}
	}
	for (size_t c = 0; c < t.ncols; c++)
		text_free(&t.blocks[c]);
	free(t.blocks);
}

/* The legend: each icon and label with its meaning, then the rules. */
static void legend(struct lay *L, int sect)
{
	int gs = db_elem(&L->db, ROLE_SECT, sect, NULL);
	blk_heading(L, 2, L->p->legend_title, gs, -1, L->line * 2, 0);
	int list = db_elem(&L->db, ROLE_L, gs, NULL);
	struct tstyle lts = lay_tstyle(L, T_BODY);
	lts.face = FACE_BOLD;
	double isz = L->st->size_body * 1.2;
	/* Measured in the face the labels are drawn in, so a wider bold face
	 * still gets the room it needs; a label wider than the column wraps. */
	double label_w = 0;
	for (int i = 0; i < STATUS_COUNT; i++) {
		struct tblock mb;
		text_plain(L, &mb, L->p->status_label[i], &lts, 1e9, L->st->path, 0);
		label_w = fmax(label_w, mb.max_width);
		text_free(&mb);
	}
	label_w += L->st->size_body * 0.2;
	if (label_w > L->width * 0.35)
		label_w = L->width * 0.35;
	double indent = isz * 1.6 + label_w + L->line;
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = L->p->order[i];
		int li = db_elem(&L->db, ROLE_LI, list, NULL);
		int lbl = db_elem(&L->db, ROLE_LBL, li, NULL);
		int body = db_elem(&L->db, ROLE_LBODY, li, NULL);
		struct tstyle ts = lts;
		ts.color = L->c.status_text[s];
		struct tblock lb;
		text_plain(L, &lb, L->p->status_label[s], &ts, label_w, L->st->path, 0);
		struct lines_opt o = lines_opt_default(L, -1);
		o.x = L->left + indent;
		o.width = L->width - indent;
		o.space_before = L->line * (i ? 0.4 : 0.6);
		o.icon = true;
		o.icon_status = s;
		o.icon_x = L->left;
		o.label = &lb;
		o.label_x = L->left + isz * 1.6;
		o.label_width = label_w;
		o.label_elem = lbl;
		/* The legend holds together like a card: it goes on to the next
		 * page whole rather than leave its last lines alone there. */
		o.keep_inside = o.keep_last = KEEP_CARD;
		blk_text(L, L->p->status_meaning[s], T_BODY, body, &o);
		text_free(&lb);
	}

	struct lines_opt o = lines_opt_default(L, -1);
	o.keep_inside = o.keep_last = KEEP_CARD;
	o.space_before = L->line;
	blk_text(L, L->p->tolerance_rule, T_BODY, gs, &o);
	o.space_before = L->line * 0.6;
	if (L->p->ytd_rule)
		blk_text(L, L->p->ytd_rule, T_BODY, gs, &o);
	const char *more[] = {L->p->phasing_rule, L->p->target_rule, L->p->period_rule,
			      L->p->estimate_rule, L->p->initiative_rule};
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		if (more[i])
			blk_text(L, more[i], T_BODY, gs, &o);
	if (L->p->override_rule)
		blk_text(L, L->p->override_rule, T_BODY, gs, &o);
	o.keep_last = KEEP_NONE;
	blk_text(L, L->p->change_rule, T_BODY, gs, &o);
}

/* The appendix: every measure in one table, then the legend. */
void part_appendix(struct lay *L)
{
	int sect = db_elem(&L->db, ROLE_SECT, L->root, NULL);
	int dest = L->part_dest[PART_APPENDIX];
	db_outline(&L->db, L->p->part_title[PART_APPENDIX], 0, dest);
	blk_heading(L, 1, L->p->part_title[PART_APPENDIX], sect, dest, 0, 0);
	struct lines_opt o = lines_opt_default(L, -1);
	o.space_before = L->line * 0.4;
	/* Only when there are cards to go to does the table say they link. */
	const char *intro = L->has_part[PART_GOALS]
				    ? arena_printf(L->a, "%s %s", L->p->appendix_intro, L->p->appendix_links)
				    : L->p->appendix_intro;
	blk_text(L, intro, T_BODY_MUTED, sect, &o);
	if (L->r->nmeasures > 0)
		measures_table(L, sect);
	legend(L, sect);
}
