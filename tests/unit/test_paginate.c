/* Pagination: page breaks, dropped space at page tops, widow and orphan
 * control, headings kept with what follows, cards kept whole or split
 * when taller than a page, forced breaks, destinations and page numbers,
 * repeated table heads with their captions, and a group heading repeated
 * under its table's head. */
#include "harness.h"
#include "layout_fixture.h"

/* An item of height h whose one box records its number in rect.x. */
static size_t add(struct flow *f, double h, double space, unsigned char keep)
{
	size_t it = flow_open(f, space, keep);
	put_rect(&f->boxes, -1, (double)it, -h, 1, h, (struct rgb){0, 0, 0});
	flow_close(f, it, h);
	return it;
}

/* The number of the first item (by rect.x) on a page, -1 if none. */
static long first_on(const struct docbuild *db, size_t page)
{
	if (page >= db->npages)
		return -1;
	for (size_t i = 0; i < db->pages[page].n; i++)
		if (db->pages[page].v[i].kind == BOX_RECT)
			return (long)db->pages[page].v[i].u.rect.x;
	return -1;
}

/* Rect boxes on a page. */
static size_t rects_on(const struct docbuild *db, size_t page)
{
	size_t n = 0;
	for (size_t i = 0; i < db->pages[page].n; i++)
		n += db->pages[page].v[i].kind == BOX_RECT;
	return n;
}

static void test_breaks(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct flow *f = &fx.L.fl;
	CHECK_NEAR(f->top - f->bottom, 700, 1e-9, "the fixture's text area is 700 pt tall");
	for (int i = 0; i < 100; i++)
		add(f, 12, 0, KEEP_NONE);
	flow_paginate(f, &fx.L.db, &fx.a);
	CHECK_INT(fx.L.db.npages, 2, "100 lines of 12 pt need two pages");
	CHECK_INT(rects_on(&fx.L.db, 0), 58, "58 lines fill the first page");
	CHECK_INT(first_on(&fx.L.db, 1), 58, "the second page starts with the next line");
	const struct box *b = &fx.L.db.pages[1].v[0];
	CHECK_NEAR(b->u.rect.y, 750 - 12, 1e-9, "it sits at the top of the text area");
	fixture_free(&fx);

	fixture_init(&fx);
	f = &fx.L.fl;
	for (int i = 0; i < 60; i++)
		add(f, 12, 6, KEEP_NONE);
	flow_paginate(f, &fx.L.db, &fx.a);
	CHECK_INT(rects_on(&fx.L.db, 0), 39, "space between items counts (12 + 38 x 18 <= 700)");
	CHECK_NEAR(fx.L.db.pages[1].v[0].u.rect.y, 750 - 12, 1e-9, "space before is dropped at a page top");
	fixture_free(&fx);

	fixture_init(&fx);
	f = &fx.L.fl;
	add(f, 12, 0, KEEP_NONE);
	size_t forced = add(f, 12, 0, KEEP_NONE);
	f->items[forced].new_page = true;
	size_t cover = add(f, 800, 0, KEEP_NONE);
	f->items[cover].full_page = true;
	add(f, 12, 0, KEEP_NONE);
	flow_paginate(f, &fx.L.db, &fx.a);
	CHECK_INT(fx.L.db.npages, 4, "forced breaks and a full page each start a page");
	CHECK(!fx.L.db.furniture[2] && fx.L.db.furniture[1], "a full page has no header or footer");
	CHECK_NEAR(fx.L.db.pages[2].v[0].u.rect.y, -800, 1e-9, "a full page's boxes are in page coordinates");
	fixture_free(&fx);
}

/* Fill the page with n filler lines of 12 pt. */
static void filler(struct flow *f, int n)
{
	for (int i = 0; i < n; i++)
		add(f, 12, 0, KEEP_NONE);
}

/* A paragraph of `lines` lines of the body style (12 pt each), one word a line. */
static void para_lines(struct fixture *fx, int lines)
{
	static char text[2048];
	text[0] = '\0';
	for (int i = 0; i < lines; i++)
		strcat(text, i ? " wordwordwo" : "wordwordwo");
	struct lines_opt o = lines_opt_default(&fx->L, -1);
	o.width = 50; /* Ten characters: one word a line. */
	blk_text(&fx->L, arena_strdup(&fx->a, text), T_BODY, fx->L.root, &o);
}

/* Text lines (not filler rects) on a page. */
static size_t texts_on(const struct docbuild *db, size_t page)
{
	size_t n = 0;
	for (size_t i = 0; page < db->npages && i < db->pages[page].n; i++)
		n += db->pages[page].v[i].kind == BOX_TEXT;
	return n;
}

static void test_widows_orphans(void)
{
	struct fixture fx;
	fixture_init(&fx);
	filler(&fx.L.fl, 57); /* 684 pt: room for one more line. */
	para_lines(&fx, 5);
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	CHECK_INT(texts_on(&fx.L.db, 0), 0, "a paragraph's first line is not left alone at the foot (orphan)");
	CHECK_INT(texts_on(&fx.L.db, 1), 5, "the whole paragraph moves to the next page");
	fixture_free(&fx);

	fixture_init(&fx);
	filler(&fx.L.fl, 54); /* Room for four lines. */
	para_lines(&fx, 5);
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	CHECK_INT(texts_on(&fx.L.db, 0), 3, "three lines stay so that the last is not alone (widow)");
	CHECK_INT(texts_on(&fx.L.db, 1), 2, "two lines go to the next page");
	fixture_free(&fx);

	fixture_init(&fx);
	filler(&fx.L.fl, 55); /* Room for three lines. */
	para_lines(&fx, 3);
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	CHECK_INT(texts_on(&fx.L.db, 0), 3, "a paragraph that fits is not moved");
	fixture_free(&fx);

	fixture_init(&fx);
	filler(&fx.L.fl, 56); /* Room for two lines. */
	para_lines(&fx, 3);
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	CHECK_INT(texts_on(&fx.L.db, 0), 0, "a three-line paragraph cannot split without a widow or orphan");
	fixture_free(&fx);
}

static void test_headings(void)
{
	struct fixture fx;
	fixture_init(&fx);
	/* Heading 20 pt x 1.1 = 22 pt; room for it and one body line only. */
	filler(&fx.L.fl, 55); /* 660 pt used, 40 left. */
	blk_heading(&fx.L, 1, "Heading", fx.L.root, -1, 0, 0);
	para_lines(&fx, 4);
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	CHECK_INT(texts_on(&fx.L.db, 0), 0, "a heading is not left at the foot of a page");
	CHECK_INT(texts_on(&fx.L.db, 1), 5, "it goes over with the lines that follow it");
	fixture_free(&fx);

	fixture_init(&fx);
	filler(&fx.L.fl, 50); /* 100 pt left: heading and several lines fit. */
	blk_heading(&fx.L, 1, "Heading", fx.L.root, -1, 0, 0);
	para_lines(&fx, 10);
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	CHECK(texts_on(&fx.L.db, 0) >= 3, "with room for two lines the heading stays, with its lines");
	fixture_free(&fx);
}

/* A card of n parts of height h each, held together with KEEP_CARD. */
static size_t card(struct flow *f, int n, double h)
{
	size_t first = f->n;
	for (int i = 0; i < n; i++)
		add(f, h, 0, i + 1 < n ? KEEP_CARD : KEEP_NONE);
	return first;
}

static void test_cards(void)
{
	struct fixture fx;
	fixture_init(&fx);
	filler(&fx.L.fl, 40); /* 480 pt used, 220 left. */
	size_t c = card(&fx.L.fl, 5, 60); /* 300 pt: does not fit. */
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	CHECK_INT(rects_on(&fx.L.db, 0), 40, "a card that does not fit is not split");
	CHECK_INT(first_on(&fx.L.db, 1), (long)c, "it starts the next page, whole");
	CHECK_INT(rects_on(&fx.L.db, 1), 5, "all its parts are together");
	fixture_free(&fx);

	fixture_init(&fx);
	filler(&fx.L.fl, 40);
	c = card(&fx.L.fl, 20, 50); /* 1000 pt: taller than a page. */
	filler(&fx.L.fl, 1);
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	CHECK_INT(first_on(&fx.L.db, 1), (long)c, "a card taller than a page starts a fresh page");
	CHECK_INT(rects_on(&fx.L.db, 1), 14, "and is split where the page is full");
	CHECK_INT(first_on(&fx.L.db, 2), (long)c + 14, "continuing on the next");
	CHECK_INT(fx.L.db.npages, 3, "nothing else moves");
	fixture_free(&fx);

	/* Moving a card on would leave the page less than half full: it is
	 * split instead, here and for one taller than a page. */
	fixture_init(&fx);
	filler(&fx.L.fl, 10); /* 120 pt used. */
	c = card(&fx.L.fl, 5, 120); /* 600 pt: fits a page, not what is left. */
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	CHECK_INT(rects_on(&fx.L.db, 0), 14, "a card goes on after a page's first sixth");
	CHECK_INT(first_on(&fx.L.db, 1), (long)c + 4, "and is split where the page is full");
	fixture_free(&fx);

	fixture_init(&fx);
	filler(&fx.L.fl, 10);
	c = card(&fx.L.fl, 20, 50);
	filler(&fx.L.fl, 1);
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	CHECK_INT(rects_on(&fx.L.db, 0), 21, "a card taller than a page does too");
	CHECK_INT(first_on(&fx.L.db, 1), (long)c + 11, "continuing on the next");
	CHECK_INT(fx.L.db.npages, 2, "the line after it follows it");
	fixture_free(&fx);

	/* Where the break before a card leaves the page half full or more,
	 * the card moves on whole. */
	fixture_init(&fx);
	filler(&fx.L.fl, 30); /* 360 pt: just over half. */
	c = card(&fx.L.fl, 5, 80);
	flow_paginate(&fx.L.fl, &fx.L.db, &fx.a);
	CHECK_INT(rects_on(&fx.L.db, 0), 30, "a card after half a page is not split");
	CHECK_INT(first_on(&fx.L.db, 1), (long)c, "it starts the next page, whole");
	fixture_free(&fx);
}

/* One item taller than a page (a contents entry holding an enormous title):
 * its lines go over pages uncut, and its link area is cut to each page. */
static void test_tall_item(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct flow *f = &fx.L.fl;
	size_t it = flow_open(f, 0, KEEP_NONE);
	for (int i = 0; i < 100; i++) {
		struct box *t = boxbuf_push(&f->boxes, BOX_TEXT, -1);
		t->u.text.y = -12.0 * i - 10;
		t->u.text.size = 10;
		t->u.text.text = "x";
		t->u.text.len = 1;
	}
	put_link_dest(&f->boxes, -1, 50, -1200, 500, 1200, 0);
	flow_close(f, it, 1200);
	(void)db_dest(&fx.L.db);
	flow_paginate(f, &fx.L.db, &fx.a);
	CHECK_INT(fx.L.db.npages, 2, "a 1,200 pt item goes over two pages");
	int links = 0, inside = 1, lines = 0;
	double height = 0;
	for (size_t p = 0; p < fx.L.db.npages; p++)
		for (size_t i = 0; i < fx.L.db.pages[p].n; i++) {
			const struct box *b = &fx.L.db.pages[p].v[i];
			if (b->kind == BOX_TEXT) {
				lines++;
				if (b->u.text.y - 2.5 < 50 - 1e-6 || b->u.text.y + 10 > 750 + 1e-6)
					inside = 0;
			}
			if (b->kind != BOX_LINK)
				continue;
			links++;
			height += b->u.link.h;
			if (b->u.link.y < 50 - 1e-6 || b->u.link.y + b->u.link.h > 750 + 1e-6)
				inside = 0;
		}
	CHECK_INT(lines, 100, "every line drawn once");
	CHECK_INT(links, 2, "the link has a part on each page");
	CHECK_NEAR(height, 1200, 1e-6, "the parts add up to the whole");
	CHECK(inside, "lines and link parts stay inside the text area");
	fixture_free(&fx);
}

static void test_dests_and_numbers(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct flow *f = &fx.L.fl;
	int d = db_dest(&fx.L.db);
	/* The contents entry's number box comes before its destination. */
	size_t it = flow_open(f, 0, KEEP_NONE);
	struct box *num = boxbuf_push(&f->boxes, BOX_TEXT, -1);
	num->u.text.text = "";
	num->u.text.size = 10;
	flow_page_number(f, f->boxes.n - 1, d, 500);
	flow_close(f, it, 12);
	filler(f, 100);
	size_t target = add(f, 12, 0, KEEP_NONE);
	f->items[target].dest = d;
	flow_paginate(f, &fx.L.db, &fx.a);
	CHECK_INT(fx.L.db.dests[d].page, 1, "the destination lands on the second page");
	CHECK_NEAR(fx.L.db.dests[d].y, 750 - 12 * 43 + 4, 1e-9, "just above the top of its item (43 fillers before it)");
	int has_dest_box = 0;
	for (size_t i = 0; i < fx.L.db.pages[1].n; i++)
		has_dest_box |= fx.L.db.pages[1].v[i].kind == BOX_DEST &&
				fx.L.db.pages[1].v[i].u.dest.dest == d;
	CHECK(has_dest_box, "a BOX_DEST marks it on its page");
	CHECK_INT(f->fixes[0].page, 0, "the page number box is found on its page");
	struct box *b = &fx.L.db.pages[f->fixes[0].page].v[f->fixes[0].box];
	CHECK(b->kind == BOX_TEXT, "the fix-up points at the number's box");
	fixture_free(&fx);
}

/* Repeated heads: with a spare caption above them on continuation pages,
 * the caption never in its own place, and a head too tall to repeat left off
 * rather than leaving rows no room. */
static void test_repeated_heads(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct flow *f = &fx.L.fl;
	size_t cap = add(f, 20, 0, KEEP_ALWAYS);
	f->items[cap].spare = true;
	size_t head = add(f, 30, 0, KEEP_ALWAYS);
	f->items[head].caption = (int)cap;
	for (int i = 0; i < 60; i++)
		f->items[add(f, 20, 0, KEEP_NONE)].head = (int)head;
	flow_paginate(f, &fx.L.db, &fx.a);
	/* Page one: head + 33 rows (30 + 33 x 20 = 690); then caption, head and 32 rows. */
	CHECK_INT(fx.L.db.npages, 2, "sixty rows under a head take two pages");
	CHECK_INT(first_on(&fx.L.db, 0), (long)head, "the first page starts with the head, no caption");
	CHECK_INT(rects_on(&fx.L.db, 0), 34, "the head and 33 rows fill it");
	CHECK_INT(first_on(&fx.L.db, 1), (long)cap, "the next page starts with the caption");
	CHECK_INT(rects_on(&fx.L.db, 1), 2 + 27, "then the head and the 27 rows left");
	fixture_free(&fx);

	fixture_init(&fx);
	f = &fx.L.fl;
	head = add(f, 400, 0, KEEP_ALWAYS);
	for (int i = 0; i < 60; i++)
		f->items[add(f, 20, 0, KEEP_NONE)].head = (int)head;
	flow_paginate(f, &fx.L.db, &fx.a);
	/* 400 + 15 rows; then 35 rows a page without the head. */
	CHECK_INT(fx.L.db.npages, 3, "a head taller than half the page is not repeated");
	CHECK_INT(rects_on(&fx.L.db, 1), 35, "the rows have the page to themselves");
	fixture_free(&fx);

	fixture_init(&fx);
	f = &fx.L.fl;
	head = add(f, 750, 0, KEEP_ALWAYS);
	for (int i = 0; i < 10; i++)
		f->items[add(f, 20, 0, KEEP_NONE)].head = (int)head;
	flow_paginate(f, &fx.L.db, &fx.a);
	CHECK_INT(fx.L.db.npages, 3, "a head taller than a page goes over two, and the rows follow");
	CHECK_INT(rects_on(&fx.L.db, 2), 10, "all on the third page");
	fixture_free(&fx);
}

/* The number of the k-th rect on a page, -1 if none. */
static long nth_on(const struct docbuild *db, size_t page, size_t k)
{
	if (page >= db->npages)
		return -1;
	for (size_t i = 0; i < db->pages[page].n; i++)
		if (db->pages[page].v[i].kind == BOX_RECT && k-- == 0)
			return (long)db->pages[page].v[i].u.rect.x;
	return -1;
}

/* A spare group heading whose own head is the table's head row: where the
 * group's rows go on to a new page, the table's caption and head come
 * first, then the group's heading, all copies; a row that points at the
 * table's head brings only that. */
static void test_chained_heads(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct flow *f = &fx.L.fl;
	size_t cap = add(f, 20, 0, KEEP_ALWAYS);
	f->items[cap].spare = true;
	size_t head = add(f, 30, 0, KEEP_ALWAYS);
	f->items[head].caption = (int)cap;
	size_t group = add(f, 15, 0, KEEP_ALWAYS);
	f->items[group].spare = true;
	f->items[group].head = (int)head;
	for (int i = 0; i < 60; i++)
		f->items[add(f, 20, 0, KEEP_NONE)].head = (int)group;
	flow_paginate(f, &fx.L.db, &fx.a);
	/* Page one: head + 33 rows (690 of 700); then 20 + 30 + 15 = 65 and 31 rows. */
	CHECK_INT(fx.L.db.npages, 2, "sixty rows under a group heading take two pages");
	CHECK_INT(rects_on(&fx.L.db, 0), 34, "the first page has the head and 33 rows, no group copy");
	CHECK(nth_on(&fx.L.db, 1, 0) == (long)cap && nth_on(&fx.L.db, 1, 1) == (long)head &&
		      nth_on(&fx.L.db, 1, 2) == (long)group,
	      "the next page starts with the caption, the head, then the group heading");
	CHECK_INT(nth_on(&fx.L.db, 1, 3), (long)group + 34, "then the rows left, in order");
	CHECK_INT(rects_on(&fx.L.db, 1), 3 + 27, "all 27 of them");
	double y_head = 0, y_group = 0;
	for (size_t i = 0; i < fx.L.db.pages[1].n; i++) {
		const struct box *b = &fx.L.db.pages[1].v[i];
		if (b->kind == BOX_RECT && (size_t)b->u.rect.x == head)
			y_head = b->u.rect.y;
		if (b->kind == BOX_RECT && (size_t)b->u.rect.x == group)
			y_group = b->u.rect.y;
	}
	CHECK_NEAR(y_head - y_group, 15, 1e-9, "the group heading sits right under the head");
	fixture_free(&fx);

	fixture_init(&fx);
	f = &fx.L.fl;
	head = add(f, 30, 0, KEEP_ALWAYS);
	group = add(f, 15, 0, KEEP_ALWAYS);
	f->items[group].spare = true;
	f->items[group].head = (int)head;
	/* 30 + 32 rows + the next heading = 690: it would fit, but then end the page. */
	for (int i = 0; i < 32; i++)
		f->items[add(f, 20, 0, KEEP_NONE)].head = (int)group;
	size_t next = add(f, 20, 0, KEEP_ALWAYS); /* The next group's own heading row. */
	f->items[next].head = (int)head;
	add(f, 20, 0, KEEP_NONE);
	flow_paginate(f, &fx.L.db, &fx.a);
	CHECK_INT(fx.L.db.npages, 2, "a group heading that would end the page goes to the next");
	CHECK(nth_on(&fx.L.db, 1, 0) == (long)head && nth_on(&fx.L.db, 1, 1) == (long)next,
	      "under the table's head alone, with no copy of the group before it");
	fixture_free(&fx);
}

int main(void)
{
	test_breaks();
	test_widows_orphans();
	test_headings();
	test_cards();
	test_dests_and_numbers();
	test_repeated_heads();
	test_chained_heads();
	test_tall_item();
	return harness_done();
}
