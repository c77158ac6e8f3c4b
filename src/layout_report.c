/* The layout engine's entry point: the report's parts in the layout's
 * order, laid into one flow, cut into pages, then page numbers, header and
 * footer filled in once the page count is known. */
#include "layout.h"

#include "layout_ctx.h"
#include "layout_parts.h"

/* Destinations for everything that links or bookmarks point at, reserved
 * before any part is laid out so a link may precede its target. */
static void reserve_dests(struct lay *L)
{
	const struct report *r = L->r;
	static const enum part headed[] = {PART_CONTENTS, PART_GLANCE, PART_APPENDIX};
	for (size_t i = 0; i < sizeof headed / sizeof headed[0]; i++)
		if (L->has_part[headed[i]])
			L->part_dest[headed[i]] = db_dest(&L->db);
	L->section_dest = arena_calloc(L->a, r->nsections + 1, sizeof *L->section_dest);
	L->goal_dest = arena_calloc(L->a, r->ngoals + 1, sizeof *L->goal_dest);
	L->measure_dest = arena_calloc(L->a, r->nmeasures + 1, sizeof *L->measure_dest);
	for (size_t i = 0; i < r->nsections; i++)
		L->section_dest[i] = L->has_part[PART_NARRATIVE] ? db_dest(&L->db) : -1;
	for (size_t i = 0; i < r->ngoals; i++)
		L->goal_dest[i] = L->has_part[PART_GOALS] ? db_dest(&L->db) : -1;
	for (size_t i = 0; i < r->nmeasures; i++)
		L->measure_dest[i] = L->has_part[PART_GOALS] ? db_dest(&L->db) : -1;
	/* Page numbers are filled in after pagination, into room reserved now:
	 * four digits, or more when a generous estimate of the page count (two
	 * pages per measure, section and goal) needs them. A longer number is
	 * still right-aligned and whole; it only eats into the dotted leader. */
	size_t bound = 16 + 2 * (r->nmeasures + r->nsections + r->ngoals), digits = 4;
	for (size_t b = 10000; b <= bound && digits < 12; b *= 10)
		digits++;
	L->page_digits = arena_strndup(L->a, "000000000000", digits);
}

/* Lay out one part, starting it on a new page. */
static void lay_part(struct lay *L, enum part p)
{
	size_t first = L->fl.n;
	switch (p) {
	case PART_COVER:
		part_cover(L);
		break;
	case PART_CONTENTS:
		part_contents(L);
		break;
	case PART_GLANCE:
		part_glance(L);
		break;
	case PART_NARRATIVE:
		part_narrative(L);
		break;
	case PART_GOALS:
		part_goals(L);
		break;
	case PART_APPENDIX:
		part_appendix(L);
		break;
	case PART_COUNT:
		break;
	}
	if (L->fl.n > first)
		L->fl.items[first].new_page = true;
}

/* See layout.h. The parts are laid out in working memory of their own
 * (spans, table cells, measurements, text made for boxes), and only the
 * finished document is copied into `a`: the working memory goes before
 * the document is painted, when memory use peaks. */
struct doc *layout_report(const struct presentation *p, const struct style *st,
			  const struct metrics *m, struct arena *a, struct diag *d)
{
	struct arena work;
	arena_init(&work);
	struct lay L;
	lay_init(&L, p, st, m, &work, d);
	reserve_dests(&L);
	bool seen[PART_COUNT] = {false};
	for (int i = 0; i < st->nparts; i++) {
		enum part part = st->parts[i];
		if (part < 0 || part >= PART_COUNT || seen[part])
			continue; /* The layout reader refuses these; a part appears once. */
		lay_part(&L, part);
		seen[part] = true;
	}
	flow_paginate(&L.fl, &L.db, &work);
	/* The pages hold copies of the flow's boxes now: drop the originals
	 * before the pages are copied into the arena, the moment memory peaks. */
	boxbuf_free(&L.fl.boxes);
	if (L.db.npages == 0)
		db_page(&L.db, true);
	fill_page_numbers(&L);
	add_furniture(&L);
	struct doc *doc = db_finish(&L.db, a);
	doc->title = arena_strdup(a, p->doc_title);
	doc->author = p->r->organization ? arena_strdup(a, p->r->organization) : NULL;
	doc->subject = arena_strdup(a, p->doc_subject);
	doc->keywords = arena_strdup(a, p->doc_keywords);
	lay_free(&L);
	arena_free(&work);
	return doc;
}
