#include "layout_flow.h"

#include <stdlib.h>
#include <string.h>

/* An empty flow for a text area from `top` down to `bottom`. */
void flow_init(struct flow *f, double top, double bottom)
{
	memset(f, 0, sizeof *f);
	f->top = top;
	f->bottom = bottom;
	f->open = (size_t)-1;
}

/* Free the flow's items and pending boxes. */
void flow_free(struct flow *f)
{
	free(f->items);
	boxbuf_free(&f->boxes);
	free(f->fixes);
	memset(f, 0, sizeof *f);
}

/* Start an item. */
size_t flow_open(struct flow *f, double space_before, unsigned char keep)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		f->items = xrealloc(f->items, f->cap * sizeof *f->items);
	}
	struct vitem *it = &f->items[f->n];
	memset(it, 0, sizeof *it);
	it->space_before = space_before;
	it->keep = keep;
	it->first = f->boxes.n;
	it->dest = -1;
	it->head = -1;
	f->open = f->n;
	return f->n++;
}

/* Finish an item: it owns the boxes pushed since flow_open. */
void flow_close(struct flow *f, size_t item, double height)
{
	struct vitem *it = &f->items[item];
	it->n = f->boxes.n - it->first;
	it->height = height;
	f->open = (size_t)-1;
}

/* Record a page number fix-up. */
void flow_page_number(struct flow *f, size_t box, int dest, double right)
{
	if (f->nfixes == f->fixes_cap) {
		f->fixes_cap = f->fixes_cap ? f->fixes_cap * 2 : 64;
		f->fixes = xrealloc(f->fixes, f->fixes_cap * sizeof *f->fixes);
	}
	struct page_fix *x = &f->fixes[f->nfixes++];
	x->box = box;
	x->page = 0;
	x->dest = dest;
	x->right = right;
}

/* Placement state while pages are cut. */
struct placer {
	struct flow *f;
	struct docbuild *db;
	struct arena *a;
	size_t next_fix; /* Fix-ups are in box order, as are placements. */
};

/* Copy an item's boxes onto a page with its top edge at `top`.
 * `copy` marks a repeated table head: its boxes become artifacts. */
static void place(struct placer *pl, size_t page, const struct vitem *it, double top, bool copy)
{
	struct flow *f = pl->f;
	struct docbuild *db = pl->db;
	if (it->dest >= 0 && !copy) {
		db->dests[it->dest].page = (int)page;
		db->dests[it->dest].y = top + 4; /* A little air above what it shows. */
		struct box *d = boxbuf_push(&db->pages[page], BOX_DEST, -1);
		d->u.dest.dest = it->dest;
	}
	double dy = it->full_page ? 0 : top;
	for (size_t i = it->first; i < it->first + it->n; i++) {
		struct boxbuf *pb = &db->pages[page];
		struct box *bx = boxbuf_push(pb, BOX_TEXT, -1);
		*bx = f->boxes.v[i];
		if (copy)
			bx->elem = -1;
		box_shift(bx, dy, pl->a);
		if (copy)
			continue;
		while (pl->next_fix < f->nfixes && f->fixes[pl->next_fix].box == i) {
			f->fixes[pl->next_fix].page = page;
			f->fixes[pl->next_fix].box = pb->n - 1;
			pl->next_fix++;
		}
	}
}

/* Whether item j must start a new page (it is not the first on this one). */
static bool forced_break(const struct vitem *it)
{
	return it->new_page || it->full_page;
}

/* The break point for a page starting at item i that overflows at item j:
 * the latest break of the weakest keep strength in (i, j]. */
static size_t choose_break(const struct flow *f, size_t i, size_t j)
{
	size_t best[3] = {0, 0, 0};
	for (size_t b = j; b > i; b--) {
		unsigned k = f->items[b - 1].keep;
		if (k > KEEP_ALWAYS)
			k = KEEP_ALWAYS;
		if (best[k] == 0)
			best[k] = b;
		if (k == KEEP_NONE)
			break;
	}
	for (int k = 0; k < 3; k++)
		if (best[k])
			return best[k];
	return i + 1; /* One item taller than the page: it stands alone. */
}

/* Cut the flow into pages. Each page is filled greedily; on overflow the
 * break goes back to the best allowed point, so the work stays linear
 * (every item is looked at a bounded number of times). */
void flow_paginate(struct flow *f, struct docbuild *db, struct arena *a)
{
	struct placer pl = {f, db, a, 0};
	double avail = f->top - f->bottom;
	size_t i = 0;
	while (i < f->n) {
		const struct vitem *first = &f->items[i];
		if (first->full_page) {
			size_t page = db_page(db, false);
			place(&pl, page, first, 0, false);
			i++;
			continue;
		}
		/* A table row that opens a page brings its table's head along. */
		double used = 0;
		const struct vitem *head = NULL;
		if (first->head >= 0 && (size_t)first->head < i) {
			head = &f->items[first->head];
			used = head->height;
		}
		size_t j = i;
		bool overflow = false;
		double y = used;
		while (j < f->n) {
			const struct vitem *it = &f->items[j];
			if (j > i && forced_break(it))
				break;
			double sp = j > i ? it->space_before : 0;
			if (j > i && y + sp + it->height > avail + 1e-6) {
				overflow = true;
				break;
			}
			y += sp + it->height;
			j++;
		}
		size_t end = overflow ? choose_break(f, i, j) : j;
		size_t page = db_page(db, true);
		double top = f->top;
		if (head) {
			place(&pl, page, head, top, true);
			top -= head->height;
		}
		for (size_t k = i; k < end; k++) {
			const struct vitem *it = &f->items[k];
			if (k > i)
				top -= it->space_before;
			place(&pl, page, it, top, false);
			top -= it->height;
		}
		i = end;
	}
}
