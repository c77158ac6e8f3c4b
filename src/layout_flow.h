/* Page flow: the report as one vertical list of items (text lines, table
 * rows, card parts), cut into pages where the keep rules allow. */
#ifndef QREPORT_LAYOUT_FLOW_H
#define QREPORT_LAYOUT_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "layout_doc.h"

/* How strongly a page break after an item is avoided. The paginator takes
 * the latest break of the weakest kind that fits, so a card (KEEP_CARD) is
 * split only when it cannot fit on a page of its own, and a heading or a
 * widow/orphan line (KEEP_ALWAYS) only when nothing else can. */
enum keep { KEEP_NONE = 0, KEEP_CARD = 1, KEEP_ALWAYS = 2 };

/* One unbreakable piece of the flow. Its boxes are drawn with y relative to
 * the item's top edge (content goes downward, to y = -height). */
struct vitem {
	double height;
	double space_before; /* Dropped at the top of a page. */
	size_t first, n;     /* Its boxes in flow.boxes. */
	int dest;            /* Destination at the item's top, or -1. */
	int head;            /* Item repeated atop each page this item starts (a table head, a
			      * goal row continued), or -1; a repeated item's own head is
			      * repeated above it. */
	int caption;         /* Item drawn above this one where it is repeated (the table's
			      * name, continued), or -1. */
	bool spare;          /* Drawn only as such a copy, never in its own place. */
	unsigned char keep;  /* enum keep, for a break right after this item. */
	bool new_page;       /* Starts a page. */
	bool full_page;      /* Has a page of its own, no furniture, boxes in page coordinates. */
};

/* A text box that will show the page number of a destination. */
struct page_fix {
	size_t box;   /* Before pagination: index in flow.boxes; after: in its page. */
	size_t page;
	int dest;
	double right; /* The number's right edge. */
};

struct flow {
	struct vitem *items;
	size_t n, cap;
	struct boxbuf boxes;
	struct page_fix *fixes;
	size_t nfixes, fixes_cap;
	double top, bottom;  /* y of the text area's top and bottom edges. */
	size_t open;         /* The item being built, or (size_t)-1. */
};

void flow_init(struct flow *f, double top, double bottom);
void flow_free(struct flow *f);

/* Start an item; boxes pushed onto f->boxes until flow_close belong to it.
 * Returns its index (pointers into f->items move as the list grows). */
size_t flow_open(struct flow *f, double space_before, unsigned char keep);
void flow_close(struct flow *f, size_t item, double height);
/* Note that box `box` of f->boxes shows the page number of `dest`. */
void flow_page_number(struct flow *f, size_t box, int dest, double right);

/* Cut the items into pages appended to `db`, placing destinations and
 * resolving page number fix-ups to (page, box). */
void flow_paginate(struct flow *f, struct docbuild *db, struct arena *a);

#endif
