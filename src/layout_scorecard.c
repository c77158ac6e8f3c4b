/* The scorecard: the quarter on one page, for the press packet. The
 * organization, title, dates and the four status counts head it; below, a
 * table with every goal area and each of its measures on a line (status
 * icon and word, measure, result, target); a note says where the rest is.
 *
 * It always stays one page. The table's type starts at the layout's body
 * size and shrinks in half points down to the layout's least scorecard
 * size (7 pt unless the layout says more). Then each goal lists only its
 * first measures and sums up the rest in a line ("and 12 more measures:
 * 5 Goal Met, ..."): as many as fit, shared among the goals in turn, so
 * that no goal lists more than one measure more than another that has
 * them; a goal's row always gives its counts. Last, where not even every
 * goal's row fits, the first goals are shown and one line sums up the
 * others. Every one of those lines is the presentation's (struct
 * pres_scorecard). */
#include "layout.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout_blocks.h"
#include "layout_ctx.h"
#include "layout_image.h"
#include "layout_parts.h"
#include "layout_table.h"

/* The table's rows are set tighter than running text: one line each,
 * with a little room above and below. */
#define SC_LEADING 1.15
#define SC_PAD_Y 0.18
/* As the table code measures its cells (layout_table.c), so that the
 * widths it fits are the widths these rows draw in. */
#define CELL_PAD_X 0.6
#define CELL_ICON 1.1
#define CELL_ICON_GAP 0.45
/* How much the type shrinks at a time. */
#define SC_STEP 0.5

static const struct tcol sc_cols[] = {
	{"Status", ALIGN_LEFT, false},
	{"Measure", ALIGN_LEFT, true},
	{"Result", ALIGN_RIGHT, false},
	{"Target", ALIGN_LEFT, true},
};
#define SC_NCOLS (sizeof sc_cols / sizeof sc_cols[0])

/* What the table shows. */
struct plan {
	double size;     /* The table's type size. */
	size_t slots;    /* Measures to list, shared among the goals in turn;
			  * SIZE_MAX for all. */
	size_t goals;    /* Goals shown; the others are summed up in one line. */
};

struct scorecard {
	struct lay L;
	struct style st;           /* The layout's, with the table's type. */
	const struct style *orig;  /* The layout's own. */
	struct boxbuf *page;       /* The one page. */
	double top, bottom;        /* Where the table may go. */
	int root;
};

/* The measures goal `g` of `ngoals` lists under a plan: its share of the
 * slots, or all of them when that leaves one alone to sum up (a line
 * saying "and 1 more" takes the room of the measure itself). */
static size_t listed(const struct goal *g, size_t ngoals, const struct plan *pl)
{
	if (pl->slots == SIZE_MAX)
		return g->nmeasures;
	size_t share = pl->slots / ngoals + (g->index < pl->slots % ngoals);
	return g->nmeasures <= share + 1 ? g->nmeasures : share;
}

/* Whether any measure is listed: the table then has its head row. */
static bool lists_any(const struct report *r, const struct plan *pl)
{
	for (size_t g = 0; g < r->ngoals && g < pl->goals; g++)
		if (listed(&r->goals[g], r->ngoals, pl))
			return true;
	return false;
}

/* Type for the table at `size`, or (size 0) the layout's own for the head
 * of the page. */
static void set_type(struct scorecard *s, double size)
{
	const struct style *o = s->orig;
	if (size <= 0) {
		s->st.size_body = o->size_body;
		s->st.size_small = o->size_small;
		s->st.leading = o->leading;
	} else {
		s->st.size_body = size;
		s->st.size_small = fmin(o->size_small, size);
		s->st.leading = fmin(o->leading, SC_LEADING);
	}
	s->L.line = s->st.size_body * s->st.leading;
}

/* A row's height for text blocks of `lines` lines. */
static double row_height(const struct tstyle *ts, size_t lines)
{
	double lh = ts->size * ts->leading;
	return (double)(lines ? lines : 1) * lh + 2 * ts->size * SC_PAD_Y;
}

/* The fewest points the table can take under a plan: every row one line. */
static double least_height(struct scorecard *s, const struct plan *pl)
{
	const struct report *r = s->L.r;
	size_t rows = lists_any(r, pl);
	size_t goals = pl->goals < r->ngoals ? pl->goals : r->ngoals;
	for (size_t g = 0; g < goals; g++) {
		size_t n = listed(&r->goals[g], r->ngoals, pl);
		rows += 1 + n + (n < r->goals[g].nmeasures && n > 0) + (r->goals[g].nmeasures == 0);
	}
	rows += goals < r->ngoals;
	double lh = pl->size * fmin(s->orig->leading, SC_LEADING);
	return (double)rows * (lh + 2 * pl->size * SC_PAD_Y);
}

/* One line of words across the table: a goal's row or a line summing up.
 * Draws when `out` is not NULL (text in element `e`); returns its height. */
static double wide_row(struct scorecard *s, const struct tspan *spans, size_t nspans,
		       struct tstyle ts, double y, bool band, int e, long line,
		       struct boxbuf *out)
{
	struct lay *L = &s->L;
	double px = ts.size * CELL_PAD_X, py = ts.size * SC_PAD_Y;
	struct tblock b;
	text_shape(L, &b, spans, nspans, &ts, L->r->path, line);
	text_break(L, &b, L->width - 2 * px);
	double h = row_height(&ts, b.nlines);
	if (out) {
		if (band)
			put_rect(out, -1, L->left, y - h, L->width, h, L->st->color_band);
		for (size_t i = 0; i < b.nlines; i++)
			text_line_boxes(L, &b, i, L->left + px, y - py - (double)i * b.line_h,
					L->width - 2 * px, e, out);
		put_line(out, -1, L->left, y - h, L->right, y - h, 0.4, L->st->color_rule, false);
	}
	text_free(&b);
	return h;
}

/* A goal's row: its name (in `th`, the header of its measures) and its
 * counts (in `td`). */
static double goal_row(struct scorecard *s, const struct goal *g, double y, int th, int td,
		       struct boxbuf *out)
{
	struct lay *L = &s->L;
	struct spans sp = {0};
	struct tspan *name = spans_add(L, &sp, g->name, RUN_BOLD);
	name->elem = th;
	/* A goal without measures says so in the row after. */
	if (g->nmeasures > 0) {
		struct tspan *gap = spans_add(L, &sp, "  ", 0);
		gap->elem = td;
		struct tspan *c = spans_add(L, &sp, L->p->goal_counts[g->index].sentence, 0);
		c->has_color = true;
		c->color = L->c.on_band;
		c->elem = td;
	}
	struct tstyle ts = lay_tstyle(L, T_BODY);
	ts.color = L->c.heading;
	return wide_row(s, sp.v, sp.n, ts, y, true, th, g->line, out);
}

/* A muted line of our own words across the table. */
static double note_row(struct scorecard *s, const char *text, double y, int e, struct boxbuf *out)
{
	struct lay *L = &s->L;
	struct tspan *sp = arena_alloc(L->a, sizeof *sp);
	*sp = tspan_plain(text);
	return wide_row(s, sp, 1, lay_tstyle(L, T_BODY_MUTED), y, false, e, 0, out);
}

/* Header cells `a`, `b` and `c` (c -1 for none) as cell `e`'s headers. */
static void tie(struct lay *L, int e, int a, int b, int c)
{
	int *h = arena_calloc(L->a, 3, sizeof *h);
	h[0] = a;
	h[1] = b;
	h[2] = c;
	struct elem_more *more = db_elem_more(&L->db, e, L->a);
	more->headers = h;
	more->nheaders = (unsigned char)(c >= 0 ? 3 : b >= 0 ? 2 : 1);
}

/* A cell of the head row or of a measure's row, from the top of its row. */
static void draw_cell(struct lay *L, const struct tblock *b, const struct tcell *cell, double x,
		      double width, double y, int e, struct boxbuf *out)
{
	double sz = b->ts.size;
	double tx = x + sz * CELL_PAD_X, room = width - 2 * sz * CELL_PAD_X;
	double top = y - sz * SC_PAD_Y;
	if (cell && cell->icon) {
		double isz = sz * CELL_ICON, mid = top - b->line_h / 2;
		/* The status word beside it says what the icon shows. */
		put_icon(out, b->nfrags ? -1 : e, tx, mid - isz / 2, isz, cell->status);
		tx += sz * (CELL_ICON + CELL_ICON_GAP);
		room -= sz * (CELL_ICON + CELL_ICON_GAP);
	}
	for (size_t i = 0; i < b->nlines; i++)
		text_line_boxes(L, b, i, tx, top - (double)i * b->line_h, room > 1 ? room : 1, e, out);
}

/* The room for a cell's text in its column. */
static double cell_room(const struct tblock *b, const struct tcell *cell, double width)
{
	double sz = b->ts.size;
	double room = width - 2 * sz * CELL_PAD_X -
		      (cell && cell->icon ? sz * (CELL_ICON + CELL_ICON_GAP) : 0);
	return room > 1 ? room : 1;
}

/* The table under a plan, from `y` down: measured, or drawn into `out`
 * with its elements under `parent`. Returns its height. */
static double table_pass(struct scorecard *s, const struct plan *pl, double y0, int parent,
			 struct boxbuf *out)
{
	struct lay *L = &s->L;
	const struct report *r = L->r;
	const struct presentation *p = L->p;
	set_type(s, pl->size);
	size_t goals = pl->goals < r->ngoals ? pl->goals : r->ngoals;
	size_t nrows = 0;
	for (size_t g = 0; g < goals; g++)
		nrows += listed(&r->goals[g], r->ngoals, pl);
	struct table t;
	memset(&t, 0, sizeof t);
	t.cols = sc_cols;
	t.ncols = SC_NCOLS;
	t.nrows = nrows;
	t.cells = arena_calloc(L->a, nrows * SC_NCOLS + 1, sizeof *t.cells);
	t.x = L->left;
	t.width = L->width;
	t.kind = T_BODY;
	size_t row = 0;
	for (size_t g = 0; g < goals; g++) {
		const struct goal *goal = &r->goals[g];
		for (size_t i = 0; i < listed(goal, r->ngoals, pl); i++) {
			const struct measure *m = goal->measures[i];
			const struct pres_measure *pm = present_measure(p, m);
			struct tcell *c = &t.cells[SC_NCOLS * row++];
			tcell_text(L, &c[0], pm->status_word);
			c[0].icon = true;
			c[0].status = pm->status;
			tcell_text(L, &c[1], m->name);
			c[1].line = m->line;
			c[1].row_head = true;
			tcell_result(L, &c[2], pm);
			/* A year's target is judged by what is due by now, as in
			 * the report's tables: the whole alone would set "123 so
			 * far" against 240 under "Goal Met". */
			tcell_text(L, &c[3], pm->target_due ? pm->target_due : pm->target);
		}
	}
	table_shape(L, &t);
	table_fit(L, &t, NULL, NULL);

	double y = y0;
	int te = out ? db_elem(&L->db, ROLE_TABLE, parent, NULL) : -1;
	/* The head row, over measures' rows only. */
	bool any = nrows > 0;
	int tr = out && any ? db_elem(&L->db, ROLE_TR, te, NULL) : -1;
	int head[SC_NCOLS] = {-1, -1, -1, -1};
	double h = 0;
	for (size_t c = 0; c < SC_NCOLS && any; c++) {
		text_break(L, &t.blocks[c], cell_room(&t.blocks[c], NULL, t.widths[c]));
		h = fmax(h, row_height(&t.blocks[c].ts, t.blocks[c].nlines));
	}
	if (out && any) {
		double x = L->left;
		for (size_t c = 0; c < SC_NCOLS; c++) {
			head[c] = db_elem(&L->db, ROLE_TH, tr, NULL);
			L->db.elems[head[c]].has_id = true;
			draw_cell(L, &t.blocks[c], NULL, x, t.widths[c], y, head[c], out);
			x += t.widths[c];
		}
		put_line(out, -1, L->left, y - h, L->right, y - h, 1.0, L->c.heading, false);
	}
	y -= h;

	row = 0;
	for (size_t g = 0; g < goals; g++) {
		const struct goal *goal = &r->goals[g];
		size_t n = listed(goal, r->ngoals, pl);
		int gth = -1, gtd = -1;
		if (out) {
			/* The goal's name heads the measures under it; its counts
			 * are a cell of its row. */
			int gtr = db_elem(&L->db, ROLE_TR, te, NULL);
			gth = db_elem(&L->db, ROLE_TH, gtr, NULL);
			L->db.elems[gth].colspan = 2;
			L->db.elems[gth].th_row_scope = true;
			L->db.elems[gth].has_id = true;
			if (goal->nmeasures > 0) {
				gtd = db_elem(&L->db, ROLE_TD, gtr, NULL);
				L->db.elems[gtd].colspan = SC_NCOLS - 2;
				tie(L, gtd, gth, -1, -1);
			} else {
				L->db.elems[gth].colspan = SC_NCOLS;
			}
			int dest = db_dest(&L->db);
			L->db.dests[dest].page = 0;
			L->db.dests[dest].y = y;
			db_outline(&L->db, goal->name, 1, dest);
		}
		y -= goal_row(s, goal, y, gth, gtd, out);
		if (goal->nmeasures == 0) {
			int e = -1;
			if (out) {
				int ntr = db_elem(&L->db, ROLE_TR, te, NULL);
				e = db_elem(&L->db, ROLE_TD, ntr, NULL);
				L->db.elems[e].colspan = SC_NCOLS;
				tie(L, e, gth, -1, -1);
			}
			y -= note_row(s, p->no_measures, y, e, out);
		}
		for (size_t i = 0; i < n; i++, row++) {
			struct tcell *cells = &t.cells[row * SC_NCOLS];
			struct tblock *blocks = &t.blocks[(row + 1) * SC_NCOLS];
			double rh = 0;
			for (size_t c = 0; c < SC_NCOLS; c++) {
				text_break(L, &blocks[c], cell_room(&blocks[c], &cells[c], t.widths[c]));
				rh = fmax(rh, row_height(&blocks[c].ts, blocks[c].nlines));
			}
			if (out) {
				int mtr = db_elem(&L->db, ROLE_TR, te, NULL);
				int e[SC_NCOLS];
				for (size_t c = 0; c < SC_NCOLS; c++) {
					e[c] = db_elem(&L->db, cells[c].row_head ? ROLE_TH : ROLE_TD, mtr,
						       NULL);
					if (cells[c].actual_text)
						db_elem_more(&L->db, e[c], L->a)->actual_text =
							cells[c].actual_text;
				}
				/* The measure's name heads its row; every cell names its
				 * column's head, its goal's row and the name. */
				L->db.elems[e[1]].th_row_scope = true;
				L->db.elems[e[1]].has_id = true;
				tie(L, e[1], head[1], gth, -1);
				for (size_t c = 0; c < SC_NCOLS; c++)
					if (c != 1)
						tie(L, e[c], head[c], gth, e[1]);
				double x = L->left;
				for (size_t c = 0; c < SC_NCOLS; c++) {
					draw_cell(L, &blocks[c], &cells[c], x, t.widths[c], y, e[c], out);
					x += t.widths[c];
				}
				put_line(out, -1, L->left, y - rh, L->right, y - rh, 0.4,
					 L->st->color_rule, false);
			}
			y -= rh;
			for (size_t c = 0; c < SC_NCOLS; c++)
				text_free(&blocks[c]);
		}
		if (n > 0 && n < goal->nmeasures) {
			int e = -1;
			if (out) {
				int mtr = db_elem(&L->db, ROLE_TR, te, NULL);
				e = db_elem(&L->db, ROLE_TD, mtr, NULL);
				L->db.elems[e].colspan = SC_NCOLS;
				tie(L, e, gth, -1, -1);
			}
			y -= note_row(s, p->scorecard.more[g][n], y, e, out);
		}
	}
	if (goals < r->ngoals) {
		int e = -1;
		if (out) {
			int mtr = db_elem(&L->db, ROLE_TR, te, NULL);
			e = db_elem(&L->db, ROLE_TD, mtr, NULL);
			L->db.elems[e].colspan = SC_NCOLS;
		}
		y -= note_row(s, p->scorecard.more_goals[goals], y, e, out);
	}
	for (size_t c = 0; c < SC_NCOLS; c++)
		text_free(&t.blocks[c]);
	free(t.blocks);
	return y0 - y;
}

/* Whether the table fits under a plan. */
static bool fits(struct scorecard *s, const struct plan *pl)
{
	double room = s->top - s->bottom;
	return least_height(s, pl) <= room && table_pass(s, pl, s->top, -1, NULL) <= room;
}

/* The plan: the largest type at which everything fits; else the least
 * type with as many measures per goal as fit; else goals' counts alone;
 * else as many goals as fit. */
static struct plan choose(struct scorecard *s)
{
	const struct report *r = s->L.r;
	double least = fmax(s->orig->scorecard_least_type, SCORECARD_LEAST_TYPE);
	double start = fmax(s->orig->size_body, least);
	struct plan pl = {start, SIZE_MAX, r->ngoals};
	/* The layout's body size, then down by half points to the least. */
	for (double size = start;;) {
		pl.size = size;
		if (fits(s, &pl))
			return pl;
		if (size <= least)
			break;
		double next = floor(size / SC_STEP) * SC_STEP;
		if (next >= size)
			next -= SC_STEP;
		size = fmax(least, next);
	}
	/* At the least size: as many measures as fit, shared among the goals. */
	pl.size = least;
	pl.slots = 0;
	if (fits(s, &pl)) {
		size_t lo = 0, hi = r->nmeasures;
		while (lo < hi) {
			size_t mid = lo + (hi - lo + 1) / 2;
			pl.slots = mid;
			if (fits(s, &pl))
				lo = mid;
			else
				hi = mid - 1;
		}
		pl.slots = lo;
		return pl;
	}
	/* Not even a row per goal: as many goals as fit. */
	size_t lo = 0, hi = r->ngoals;
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		pl.goals = mid;
		if (fits(s, &pl))
			lo = mid;
		else
			hi = mid - 1;
	}
	pl.goals = lo;
	return pl;
}

/* Draw a block of text with its top at `y`; returns its height. */
static double put_block(struct lay *L, const char *text, struct tstyle ts, double width, double y,
			int e, long line, struct boxbuf *out)
{
	struct tblock b;
	text_plain(L, &b, text, &ts, width, line ? L->r->path : L->st->path, line);
	for (size_t i = 0; i < b.nlines; i++)
		text_line_boxes(L, &b, i, L->left, y - (double)i * b.line_h, width, e, out);
	double h = text_height(&b);
	text_free(&b);
	return h;
}

/* The head of the page: the organization, the title, the dates, the logo
 * on the right, and a tile for each status. Returns where it ends. */
static double page_head(struct scorecard *s)
{
	struct lay *L = &s->L;
	const struct style *st = s->orig;
	const struct report *r = L->r;
	struct boxbuf *out = s->page;
	set_type(s, 0);
	double y = L->top;
	double width = L->width;
	double logo_h = 0, logo_w = 0;
	if (st->logo_path) {
		double aspect = image_aspect(st->logo_path);
		logo_h = fmin(st->size_h1 * 3, 72);
		logo_w = fmin(logo_h * aspect, width * 0.3);
		logo_h = logo_w / aspect;
		struct box *bx = boxbuf_push(out, BOX_IMAGE, -1);
		bx->u.image.x = L->right - logo_w;
		bx->u.image.y = y - logo_h;
		bx->u.image.w = logo_w;
		bx->u.image.h = logo_h;
		bx->u.image.path = st->logo_path;
		width -= logo_w + L->line;
	}
	double top = y;
	int dest = db_dest(&L->db);
	L->db.dests[dest].page = 0;
	L->db.dests[dest].y = st->page_height;
	db_outline(&L->db, L->p->scorecard.title, 0, dest);
	if (r->organization && *r->organization) {
		y -= put_block(L, r->organization, lay_tstyle(L, T_LABEL), width, y,
			       db_elem(&L->db, ROLE_P, s->root, NULL), r->organization_line, out);
		y -= L->line * 0.2;
	}
	/* An H1 in the size of a second-level heading: the title fits a line. */
	struct tstyle title = lay_tstyle(L, T_H1);
	title.size = st->size_h2;
	y -= put_block(L, L->p->scorecard.title, title, width, y,
		       db_elem(&L->db, ROLE_H1, s->root, NULL), 0, out);
	y -= L->line * 0.2;
	y -= put_block(L, L->p->scorecard.dates, lay_tstyle(L, T_BODY_MUTED), width, y,
		       db_elem(&L->db, ROLE_P, s->root, NULL), 0, out);
	y = fmin(y, top - logo_h) - L->line * 0.8;
	put_rect(out, -1, L->left, y, L->width, st->size_body * 0.25, st->color_accent);
	y -= L->line * 0.8;
	y -= draw_tiles(L, &L->p->counts, s->root, L->left, y, L->width, out);
	return y - L->line * 0.8;
}

/* See layout.h. */
struct doc *layout_scorecard(const struct presentation *p, const struct style *st,
			     const struct metrics *m, struct arena *a, struct diag *d)
{
	struct arena work;
	arena_init(&work);
	struct scorecard s;
	memset(&s, 0, sizeof s);
	s.orig = st;
	s.st = *st;
	struct lay *L = &s.L;
	lay_init(L, p, &s.st, m, &work, d);
	s.root = L->root;
	size_t pg = db_page(&L->db, false);
	s.page = &L->db.pages[pg];

	double y = page_head(&s);
	/* The note at the foot, in the layout's small type. */
	struct tstyle ns = lay_tstyle(L, T_SMALL_MUTED);
	struct tblock nb;
	text_plain(L, &nb, p->scorecard.note, &ns, L->width, st->path, 0);
	double note_h = text_height(&nb);
	s.top = y;
	s.bottom = L->bottom + note_h + L->line * 0.6;

	struct plan pl = choose(&s);
	table_pass(&s, &pl, s.top, s.root, s.page);
	int ne = db_elem(&L->db, ROLE_P, s.root, NULL);
	for (size_t i = 0; i < nb.nlines; i++)
		text_line_boxes(L, &nb, i, L->left, L->bottom + note_h - (double)i * nb.line_h,
				L->width, ne, s.page);
	text_free(&nb);

	struct doc *doc = db_finish(&L->db, a);
	doc->title = arena_strdup(a, p->scorecard.doc_title);
	doc->author = p->r->organization ? arena_strdup(a, p->r->organization) : NULL;
	doc->subject = arena_strdup(a, p->doc_subject);
	doc->keywords = arena_strdup(a, p->doc_keywords);
	lay_free(L);
	arena_free(&work);
	return doc;
}
