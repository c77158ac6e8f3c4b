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
	it->caption = -1;
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

/* Vertical extent of a box in its item's coordinates. Text reaches about
 * its size above the baseline and a quarter of it below. */
static void box_extent(const struct box *b, double *top, double *bottom)
{
	switch (b->kind) {
	case BOX_TEXT:
		*top = b->u.text.y + b->u.text.size;
		*bottom = b->u.text.y - b->u.text.size * 0.25;
		return;
	case BOX_RECT:
		*top = b->u.rect.y + b->u.rect.h;
		*bottom = b->u.rect.y;
		return;
	case BOX_LINE:
		*top = b->u.line.y1 > b->u.line.y2 ? b->u.line.y1 : b->u.line.y2;
		*bottom = b->u.line.y1 < b->u.line.y2 ? b->u.line.y1 : b->u.line.y2;
		return;
	case BOX_POLYLINE:
		*top = -1e300;
		*bottom = 1e300;
		for (size_t i = 0; i < b->u.poly.n; i++) {
			if (b->u.poly.points[i].y > *top)
				*top = b->u.poly.points[i].y;
			if (b->u.poly.points[i].y < *bottom)
				*bottom = b->u.poly.points[i].y;
		}
		return;
	case BOX_ICON:
		*top = b->u.icon.y + b->u.icon.size;
		*bottom = b->u.icon.y;
		return;
	case BOX_IMAGE:
		*top = b->u.image.y + b->u.image.h;
		*bottom = b->u.image.y;
		return;
	case BOX_LINK:
		*top = b->u.link.y + b->u.link.h;
		*bottom = b->u.link.y;
		return;
	case BOX_DEST:
		break;
	}
	*top = *bottom = 0;
}

/* Filled rectangles (bands, backgrounds, bars) and link areas may be cut
 * between pages (a link then has a part on each); everything else moves
 * whole. */
static bool clippable(const struct box *b)
{
	return (b->kind == BOX_RECT && b->u.rect.fill && !b->u.rect.stroke) || b->kind == BOX_LINK;
}

/* Put the fix-ups of box i of an item placed out of order. */
static void fix_placed(struct placer *pl, size_t i, size_t page, size_t at)
{
	struct flow *f = pl->f;
	for (size_t k = pl->next_fix; k < f->nfixes && f->fixes[k].box <= i; k++)
		if (f->fixes[k].box == i) {
			f->fixes[k].page = page;
			f->fixes[k].box = at;
		}
}

/* The head a repeated head itself repeats above it (a group's heading row
 * under its table's head row), or NULL. Only an earlier item can be one, so
 * a chain always ends. */
static const struct vitem *outer_head(const struct flow *f, const struct vitem *head)
{
	if (head->head < 0 || (size_t)head->head >= (size_t)(head - f->items))
		return NULL;
	return &f->items[head->head];
}

/* Height of a repeated head with its caption, if any, and the heads it
 * repeats above it. */
static double head_height(const struct flow *f, const struct vitem *head)
{
	double h = 0;
	for (; head; head = outer_head(f, head))
		h += head->height + (head->caption >= 0 ? f->items[head->caption].height : 0);
	return h;
}

/* Place a repeated head at `top`: first the heads it repeats above it, then
 * its caption, then itself; returns the height they take. */
static double place_head(struct placer *pl, size_t page, const struct vitem *head, double top)
{
	if (!head)
		return 0;
	double h = place_head(pl, page, outer_head(pl->f, head), top);
	if (head->caption >= 0) {
		const struct vitem *cap = &pl->f->items[head->caption];
		place(pl, page, cap, top - h, true);
		h += cap->height;
	}
	place(pl, page, head, top - h, true);
	return h + head->height;
}

/* An item taller than a page (a table row or card part holding an
 * enormous text) goes over as many pages as it needs. Each cut falls above
 * every box that would cross the page's foot, so no line of text is cut;
 * backgrounds are clipped to each page. */
static void place_sliced(struct placer *pl, const struct vitem *it, const struct vitem *head,
			 double avail)
{
	struct flow *f = pl->f;
	struct docbuild *db = pl->db;
	double c = 1e300; /* The slice's top edge; the first has none. */
	double from = 0;  /* Where the slice's content starts, item coordinates. */
	for (bool first = true;; first = false) {
		size_t page = db_page(db, true);
		double ptop = f->top, room = avail;
		double used = place_head(pl, page, head, ptop);
		ptop -= used;
		room -= used;
		if (first && it->dest >= 0) {
			db->dests[it->dest].page = (int)page;
			db->dests[it->dest].y = ptop + 4;
			boxbuf_push(&db->pages[page], BOX_DEST, -1)->u.dest.dest = it->dest;
		}
		double limit = from - room, cut = limit;
		for (size_t i = it->first; i < it->first + it->n; i++) {
			double t, b;
			box_extent(&f->boxes.v[i], &t, &b);
			if (!clippable(&f->boxes.v[i]) && t <= c && t > limit && b < limit && t > cut)
				cut = t;
		}
		if (cut >= from - 1e-6)
			cut = limit; /* One box taller than the page: nothing better to do. */
		bool more = false;
		double dy = ptop - from;
		for (size_t i = it->first; i < it->first + it->n; i++) {
			const struct box *src = &f->boxes.v[i];
			double t, b;
			box_extent(src, &t, &b);
			bool clip = clippable(src);
			if (clip ? b < cut : t <= cut)
				more = true;
			if (clip ? (t <= cut || b > c) : (t > c || t <= cut))
				continue;
			struct boxbuf *pb = &db->pages[page];
			struct box *bx = boxbuf_push(pb, BOX_TEXT, -1);
			*bx = *src;
			if (clip) {
				double top = t < c ? t : c, bot = b > cut ? b : cut;
				if (bx->kind == BOX_LINK) {
					bx->u.link.y = bot;
					bx->u.link.h = top - bot;
				} else {
					bx->u.rect.y = bot;
					bx->u.rect.h = top - bot;
				}
			}
			box_shift(bx, dy, pl->a);
			fix_placed(pl, i, page, pb->n - 1);
		}
		if (!more)
			break;
		c = cut;
		from = cut;
	}
	while (pl->next_fix < f->nfixes && f->fixes[pl->next_fix].box < it->first + it->n)
		pl->next_fix++;
}

/* Whether item j must start a new page (it is not the first on this one). */
static bool forced_break(const struct vitem *it)
{
	return it->new_page || it->full_page;
}

/* A page the best break would fill to less than this share of its height
 * is filled further by a weaker break inside a card, when there is one: a
 * card goes on to the next page rather than leave this one mostly empty. */
#define FILL_LEAST 0.5

/* Height items i..end-1 take on a page, with the spaces between them. */
static double items_height(const struct flow *f, size_t i, size_t end)
{
	double h = 0;
	for (size_t k = i; k < end; k++)
		if (!f->items[k].spare)
			h += (k > i ? f->items[k].space_before : 0) + f->items[k].height;
	return h;
}

/* The break point for a page starting at item i that overflows at item j:
 * the latest break of the weakest keep strength in (i, j], unless that
 * leaves the page less than FILL_LEAST full (`used` is taken by a repeated
 * head, `avail` the page) and a break inside a card fills it more. */
static size_t choose_break(const struct flow *f, size_t i, size_t j, double used, double avail)
{
	size_t best[3] = {0, 0, 0};
	for (size_t b = j; b > i; b--) {
		if (f->items[b - 1].spare)
			continue; /* Not on the page: a break after it is one before it. */
		unsigned k = f->items[b - 1].keep;
		if (k > KEEP_ALWAYS)
			k = KEEP_ALWAYS;
		if (best[k] == 0)
			best[k] = b;
		if (k == KEEP_NONE)
			break;
	}
	if (best[KEEP_NONE] && best[KEEP_CARD] > best[KEEP_NONE] &&
	    used + items_height(f, i, best[KEEP_NONE]) < avail * FILL_LEAST)
		return best[KEEP_CARD];
	for (int k = 0; k < 3; k++)
		if (best[k])
			return best[k];
	return i + 1; /* One item taller than the page: it stands alone. */
}

/* Fewest boxes worth moving to give back the flow's placed ones. */
#define COMPACT_MIN 4096

/* The first item whose boxes may still be copied once items before `i`
 * are placed: `i` itself, or an earlier table head (with its caption and
 * the heads it repeats above it) that a later row repeats atop its pages. */
static size_t first_live(const struct flow *f, size_t i)
{
	size_t low = i;
	for (size_t k = i; k < f->n; k++) {
		if (f->items[k].head < 0 || (size_t)f->items[k].head >= k)
			continue;
		for (const struct vitem *h = &f->items[f->items[k].head]; h; h = outer_head(f, h)) {
			size_t at = (size_t)(h - f->items);
			if (at < low)
				low = at;
			if (h->caption >= 0 && (size_t)h->caption < low)
				low = (size_t)h->caption;
		}
	}
	return low;
}

/* Drop the boxes of items placed for good once they are half the flow's
 * list, moving the rest to its front: the pages hold copies, so the boxes
 * are otherwise held twice while the pages fill. Box indices in items and
 * in unplaced page number fix-ups move with them. */
static void compact(struct placer *pl, size_t i)
{
	struct flow *f = pl->f;
	if (i >= f->n || f->items[i].first < COMPACT_MIN || f->items[i].first < f->boxes.n / 2)
		return; /* Too little placed yet to be worth a look. */
	size_t low = first_live(f, i);
	size_t off = low < f->n ? f->items[low].first : f->boxes.n;
	if (off < COMPACT_MIN || off < f->boxes.n / 2)
		return;
	size_t keep = f->boxes.n - off;
	memmove(f->boxes.v, f->boxes.v + off, keep * sizeof *f->boxes.v);
	f->boxes.n = keep;
	f->boxes.cap = keep ? keep : 1;
	f->boxes.v = xrealloc(f->boxes.v, f->boxes.cap * sizeof *f->boxes.v);
	for (size_t k = 0; k < f->n; k++) {
		struct vitem *it = &f->items[k];
		if (k < low) {
			it->first = 0;
			it->n = 0; /* Placed; never read again. */
		} else {
			it->first -= off;
		}
	}
	for (size_t k = pl->next_fix; k < f->nfixes; k++)
		f->fixes[k].box -= off;
}

/* Cut the flow into pages. Each page is filled greedily; on overflow the
 * break goes back to the best allowed point, so the work stays linear
 * (every item is looked at a bounded number of times). The flow's boxes
 * are used up as they are placed: only the items from `i` on (and the
 * heads they repeat) keep theirs. */
void flow_paginate(struct flow *f, struct docbuild *db, struct arena *a)
{
	struct placer pl = {f, db, a, 0};
	double avail = f->top - f->bottom;
	size_t i = 0;
	while (i < f->n) {
		compact(&pl, i);
		const struct vitem *first = &f->items[i];
		if (first->spare) {
			i++;
			continue;
		}
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
			used = head_height(f, head);
			/* A head that would take half the page is not worth repeating
			 * (and one taller than the page would leave no room at all). */
			if (used > avail / 2) {
				head = NULL;
				used = 0;
			}
		}
		if (first->height > avail - used + 1e-6) {
			place_sliced(&pl, first, head, avail);
			i++;
			continue;
		}
		size_t j = i;
		bool overflow = false;
		double y = used;
		while (j < f->n) {
			const struct vitem *it = &f->items[j];
			if (it->spare) {
				j++;
				continue;
			}
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
		size_t end = overflow ? choose_break(f, i, j, used, avail) : j;
		size_t page = db_page(db, true);
		double top = f->top - place_head(&pl, page, head, f->top);
		for (size_t k = i; k < end; k++) {
			const struct vitem *it = &f->items[k];
			if (it->spare)
				continue;
			if (k > i)
				top -= it->space_before;
			place(&pl, page, it, top, false);
			top -= it->height;
		}
		i = end;
	}
}
