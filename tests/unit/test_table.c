/* Tables: column widths (an overlong word included), wrapped cells,
 * right-aligned numbers, banding, the head row repeated on each page (with
 * a caption saying whose table it is), rows never split. */
#include "harness.h"
#include "layout_fixture.h"
#include "layout_table.h"

static const struct tcol cols[] = {
	{"Measure", ALIGN_LEFT, true},
	{"Status", ALIGN_LEFT, false},
	{"Result", ALIGN_RIGHT, false},
};

/* A table of n rows: a name, a status with its icon, a number. */
static void build(struct fixture *fx, struct table *t, size_t n, const char *name)
{
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->ncols = 3;
	t->nrows = n;
	t->cells = arena_calloc(&fx->a, n * 3, sizeof *t->cells);
	t->parent = fx->L.root;
	t->x = 50;
	t->width = 500;
	t->band = true;
	t->kind = T_SMALL;
	for (size_t r = 0; r < n; r++) {
		struct tcell *c = &t->cells[r * 3];
		tcell_text(&fx->L, &c[0], name);
		tcell_text(&fx->L, &c[1], "Goal Met");
		c[1].icon = true;
		c[1].status = STATUS_MET;
		char num[32];
		snprintf(num, sizeof num, "%zu", r * 7);
		tcell_text(&fx->L, &c[2], num);
	}
}

/* Whether a page has a text box reading exactly `s`, and whether it is an artifact. */
static const struct box *find_text(const struct docbuild *db, size_t page, const char *s)
{
	for (size_t i = 0; i < db->pages[page].n; i++) {
		const struct box *b = &db->pages[page].v[i];
		if (b->kind == BOX_TEXT && b->u.text.len == strlen(s) &&
		    memcmp(b->u.text.text, s, b->u.text.len) == 0)
			return b;
	}
	return NULL;
}

static void test_widths(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct table t;
	build(&fx, &t, 3, "Short name");
	table_shape(&fx.L, &t);
	/* 8 pt text: characters 4 pt wide; padding 4.8 pt a side. */
	CHECK_NEAR(t.maxw[0], 10 * 4 + 9.6, 1e-9, "natural width of a column is its longest cell");
	CHECK_NEAR(t.minw[0], 7 * 4 + 9.6, 1e-9, "least width of a column is its longest word, the head's included");
	table_fit(&fx.L, &t, NULL, NULL);
	double sum = t.widths[0] + t.widths[1] + t.widths[2];
	CHECK_NEAR(sum, 500, 1e-6, "columns fill the table's width");
	CHECK(t.widths[0] >= t.maxw[0] && t.widths[1] >= t.maxw[1], "no column narrower than its content when it all fits");
	table_flow(&fx.L, &t);
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	/* The number column is right-aligned: its text ends at the column's right edge less padding. */
	const struct box *b = find_text(&fx.L.db, 0, "14");
	CHECK(b != NULL, "the number is drawn");
	if (b)
		CHECK_NEAR(b->u.text.x + b->u.text.width, 550 - 4.8, 1e-6, "numbers are right-aligned");
	fixture_free(&fx);

	fixture_init(&fx);
	build(&fx, &t, 2,
	      "A very long measure name that cannot possibly fit in one line of a narrow column "
	      "because it goes on and on about what is measured and how often");
	table_shape(&fx.L, &t);
	table_fit(&fx.L, &t, NULL, NULL);
	CHECK_NEAR(t.widths[0] + t.widths[1] + t.widths[2], 500, 1e-6, "wide content still fills exactly");
	CHECK(t.widths[1] >= t.minw[1] - 1e-9 && t.widths[2] >= t.minw[2] - 1e-9,
	      "every column keeps its least width");
	table_flow(&fx.L, &t);
	CHECK_NEAR(fx.L.fl.items[1].height, 2 * 8 * 1.2 + 2 * 8 * 0.45, 1e-9,
		   "the long name wraps to two lines and the row grows to hold them");
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	int inside = 1;
	for (size_t i = 0; i < fx.L.db.pages[0].n; i++) {
		const struct box *x = &fx.L.db.pages[0].v[i];
		if (x->kind == BOX_TEXT && (x->u.text.x < 50 - 1e-6 || x->u.text.x + x->u.text.width > 550 + 1e-6))
			inside = 0;
	}
	CHECK(inside, "no cell text runs outside the table");
	fixture_free(&fx);
}

/* A 300-letter word is cut inside its own column; the others keep theirs whole. */
static void test_overlong_word(void)
{
	struct fixture fx;
	fixture_init(&fx);
	char word[301];
	memset(word, 'w', 300);
	word[300] = '\0';
	struct table t;
	build(&fx, &t, 2, word);
	table_shape(&fx.L, &t);
	CHECK_NEAR(t.minw[0], 300 * 4 + 9.6, 1e-9, "the word alone is wider than the table");
	table_fit(&fx.L, &t, NULL, NULL);
	CHECK_NEAR(t.widths[0] + t.widths[1] + t.widths[2], 500, 1e-6, "the columns still fill the table");
	CHECK(t.widths[1] >= t.maxw[1] - 1e-9 && t.widths[2] >= t.maxw[2] - 1e-9,
	      "the status and number columns keep their natural width");
	CHECK(t.widths[0] > 500 * 0.5, "the column with the word takes the rest");
	table_flow(&fx.L, &t);
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	CHECK(find_text(&fx.L.db, 0, "Goal Met") && find_text(&fx.L.db, 0, "Status"),
	      "the status and its head are whole words on one line");
	int inside = 1, pieces = 0;
	for (size_t i = 0; i < fx.L.db.pages[0].n; i++) {
		const struct box *x = &fx.L.db.pages[0].v[i];
		if (x->kind != BOX_TEXT)
			continue;
		if (x->u.text.x < 50 - 1e-6 || x->u.text.x + x->u.text.width > 550 + 1e-6)
			inside = 0;
		pieces += x->u.text.len > 0 && x->u.text.text[0] == 'w';
	}
	CHECK(inside, "no piece of the word runs outside the table");
	CHECK(pieces >= 2 * 3, "the word is cut over several lines in each row");

	/* Several wide columns that cannot all have their words: the narrow one keeps its own. */
	static const struct tcol three[] = {{"A", ALIGN_LEFT, true}, {"B", ALIGN_LEFT, true}, {"C", ALIGN_LEFT, true}};
	double minw[3] = {400, 300, 150}, maxw[3] = {400, 300, 150};
	t.cols = three;
	table_fit(&fx.L, &t, minw, maxw);
	CHECK_NEAR(t.widths[0] + t.widths[1] + t.widths[2], 500, 1e-6, "capped columns fill the table");
	CHECK_NEAR(t.widths[2], 150, 1e-6, "a column narrower than the cap keeps its least width");
	CHECK_NEAR(t.widths[0], t.widths[1], 1e-6, "the wide ones share the rest alike");
	fixture_free(&fx);
}

/* When not everything fits: figures keep their width, a modest prose column
 * keeps its own, and long prose columns share the rest by what they lack. */
static void test_prose(void)
{
	struct fixture fx;
	fixture_init(&fx);
	const struct tcol three[] = {{"Area", ALIGN_LEFT, true},
				     {"Measure", ALIGN_LEFT, true},
				     {"Result", ALIGN_RIGHT, false}};
	struct table t;
	build(&fx, &t, 1, "");
	t.cols = three;
	tcell_text(&fx.L, &t.cells[0], "Healthy Places");
	tcell_text(&fx.L, &t.cells[1], "A measure with a name long enough that it has to wrap "
					"over several lines of the column whatever it is given");
	tcell_text(&fx.L, &t.cells[2], "12,345");
	table_shape(&fx.L, &t);
	CHECK(t.maxw[0] + t.maxw[1] + t.maxw[2] > 500, "the cells do not fit on one line each");
	table_fit(&fx.L, &t, NULL, NULL);
	CHECK_NEAR(t.widths[2], t.maxw[2], 1e-6, "a figure keeps its natural width");
	CHECK_NEAR(t.widths[0], t.maxw[0], 1e-6, "a modest prose column keeps its natural width");
	CHECK_NEAR(t.widths[1], 500 - t.maxw[0] - t.maxw[2], 1e-6, "the long one takes the rest");

	/* Least 50, 50 and 40; natural 400, 800 and 40: 360 points to share,
	 * both prose columns lack more than half of it, so they share 350 : 750. */
	double minw[3] = {50, 50, 40}, maxw[3] = {400, 800, 40};
	table_fit(&fx.L, &t, minw, maxw);
	CHECK_NEAR(t.widths[0], 50 + 360.0 * 350 / 1100, 1e-6, "long prose columns share by what they lack");
	CHECK_NEAR(t.widths[1], 50 + 360.0 * 750 / 1100, 1e-6, "the longer getting more");
	CHECK_NEAR(t.widths[2], 40, 1e-6, "beside a figure at its natural width");
	table_flow(&fx.L, &t); /* Frees what table_shape made. */
	fixture_free(&fx);
}

/* A table with a caption for its continuations: above the repeated head on
 * every page but the first, never on the first, and the rows still fit. */
static void test_continued(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct table t;
	build(&fx, &t, 150, "Name");
	t.continued = "Goal one, continued";
	table_shape(&fx.L, &t);
	table_fit(&fx.L, &t, NULL, NULL);
	table_flow(&fx.L, &t);
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	size_t pages = fx.L.db.npages;
	CHECK(pages >= 3, "150 rows continue over several pages");
	int placed = 1, above = 1, inside = 1, seen = 0;
	for (size_t p = 0; p < pages; p++) {
		const struct box *c = find_text(&fx.L.db, p, "Goal one, continued");
		const struct box *h = find_text(&fx.L.db, p, "Measure");
		if ((p == 0) != (c == NULL) || (c && c->elem != -1))
			placed = 0;
		if (c && (!h || c->u.text.y <= h->u.text.y || c->u.text.y > 750))
			above = 0;
		for (size_t i = 0; i < fx.L.db.pages[p].n; i++) {
			const struct box *b = &fx.L.db.pages[p].v[i];
			if (b->kind == BOX_LINE && b->u.line.y1 < 50 - 1e-6)
				inside = 0;
			seen += b->kind == BOX_ICON;
		}
	}
	CHECK(placed, "the caption stands on every continuation page, as an artifact, and not on the first");
	CHECK(above, "it sits above the repeated head row, inside the text area");
	CHECK(inside, "rows still end above the bottom margin");
	CHECK_INT(seen, 150, "every row drawn once");
	fixture_free(&fx);
}

static void test_pages(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct table t;
	build(&fx, &t, 150, "Name");
	table_shape(&fx.L, &t);
	table_fit(&fx.L, &t, NULL, NULL);
	table_flow(&fx.L, &t);
	double row_h = fx.L.fl.items[1].height;
	CHECK_NEAR(row_h, 8 * 1.2 + 2 * 8 * 0.45, 1e-9, "a one-line row: line plus padding");
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	size_t pages = fx.L.db.npages;
	CHECK(pages >= 3, "150 rows continue over several pages");
	int heads = 0, artifacts = 1;
	for (size_t p = 0; p < pages; p++) {
		const struct box *h = find_text(&fx.L.db, p, "Measure");
		heads += h != NULL;
		if (p > 0 && h && h->elem != -1)
			artifacts = 0;
		if (p == 0 && (!h || h->elem < 0 || fx.L.db.elems[h->elem].role != ROLE_TH))
			artifacts = 0;
	}
	CHECK_INT(heads, pages, "the head row is on every page the table reaches");
	CHECK(artifacts, "the first head is tagged TH; repeats are artifacts");

	/* Rows whole and inside the text area; every row drawn exactly once. */
	int inside = 1, seen = 0;
	for (size_t p = 0; p < pages; p++)
		for (size_t i = 0; i < fx.L.db.pages[p].n; i++) {
			const struct box *b = &fx.L.db.pages[p].v[i];
			if (b->kind == BOX_LINE && b->u.line.y1 < 50 - 1e-6)
				inside = 0;
			if (b->kind == BOX_ICON)
				seen++;
		}
	CHECK(inside, "no row runs past the bottom margin");
	CHECK_INT(seen, 150, "every row drawn once, none split between pages");

	int band_ok = 1;
	for (size_t r = 1; r <= 6; r++) {
		/* Items: 0 head, then row r; its first box is a band for even rows. */
		const struct vitem *it = &fx.L.fl.items[r];
		const struct box *first = &fx.L.fl.boxes.v[it->first];
		bool banded = first->kind == BOX_RECT && first->u.rect.fill &&
			      first->u.rect.fill_color.r == fx.st.color_band.r;
		if (banded != (r % 2 == 0))
			band_ok = 0;
	}
	CHECK(band_ok, "every other row is banded in the layout's band colour");
	CHECK(fx.L.fl.items[0].keep == KEEP_ALWAYS, "the head row is kept with the first row");
	fixture_free(&fx);
}

static void test_links_and_elems(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct table t;
	build(&fx, &t, 2, "Linked name");
	int d = db_dest(&fx.L.db);
	t.cells[0].dest = d;
	table_shape(&fx.L, &t);
	table_fit(&fx.L, &t, NULL, NULL);
	size_t e0 = fx.L.db.nelems;
	table_flow(&fx.L, &t);
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	int links = 0;
	for (size_t i = 0; i < fx.L.db.pages[0].n; i++)
		links += fx.L.db.pages[0].v[i].kind == BOX_LINK && fx.L.db.pages[0].v[i].u.link.dest == d;
	CHECK_INT(links, 1, "a linked cell gets a link area to its destination");
	CHECK_INT(fx.L.db.elems[e0].role, ROLE_TABLE, "a Table element");
	CHECK_INT(fx.L.db.elems[e0 + 1].role, ROLE_TR, "then a row");
	CHECK_INT(fx.L.db.elems[e0 + 2].role, ROLE_TH, "of heads");
	size_t tds = 0, trs = 0, lk = 0;
	for (size_t i = e0; i < fx.L.db.nelems; i++) {
		tds += fx.L.db.elems[i].role == ROLE_TD;
		trs += fx.L.db.elems[i].role == ROLE_TR;
		lk += fx.L.db.elems[i].role == ROLE_LINK;
	}
	CHECK_INT(trs, 3, "one TR per row and the head");
	CHECK_INT(tds, 6, "one TD per body cell");
	CHECK_INT(lk, 1, "a Link element inside the linked cell");
	fixture_free(&fx);
}

static void test_row_taller_than_page(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct table t;
	size_t words = 3000;
	char *text = arena_alloc(&fx.a, words * 5 + 1);
	for (size_t i = 0; i < words; i++)
		memcpy(text + i * 5, "word ", 5);
	text[words * 5 - 1] = '\0';
	build(&fx, &t, 3, "Name");
	tcell_text(&fx.L, &t.cells[3], text);
	table_shape(&fx.L, &t);
	table_fit(&fx.L, &t, NULL, NULL);
	table_flow(&fx.L, &t);
	CHECK(fx.L.fl.items[2].height > 1400, "a row with 3,000 words is taller than two pages");
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	CHECK(fx.L.db.npages >= 3, "it goes over several pages");
	size_t lines = 0, heads = 0;
	int inside = 1;
	for (size_t p = 0; p < fx.L.db.npages; p++) {
		heads += find_text(&fx.L.db, p, "Measure") != NULL;
		for (size_t i = 0; i < fx.L.db.pages[p].n; i++) {
			const struct box *b = &fx.L.db.pages[p].v[i];
			if (b->kind != BOX_TEXT)
				continue;
			if (b->u.text.y - 2 < 50 || b->u.text.y + 8 > 750)
				inside = 0;
			if (b->u.text.len >= 4 && memcmp(b->u.text.text, "word", 4) == 0)
				lines++;
		}
	}
	/* 8 pt text is 4 pt a character; "word " five characters. */
	double room = t.widths[0] - 9.6;
	size_t per_line = (size_t)((room + 4) / 20);
	CHECK_INT(lines, (words + per_line - 1) / per_line, "every line of the cell is drawn, once");
	CHECK(inside, "no line is cut or runs past the top or bottom of the text area");
	CHECK_INT(heads, fx.L.db.npages, "the head row is repeated above each part of the row");
	fixture_free(&fx);
}

int main(void)
{
	test_widths();
	test_overlong_word();
	test_prose();
	test_pages();
	test_continued();
	test_links_and_elems();
	test_row_taller_than_page();
	return harness_done();
}
