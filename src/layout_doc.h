/* Building a struct doc: growable pages of boxes, the element tree,
 * destinations and bookmarks, frozen into the caller's arena at the end. */
#ifndef QREPORT_LAYOUT_DOC_H
#define QREPORT_LAYOUT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "boxes.h"

/* A growable list of boxes in heap memory. */
struct boxbuf {
	struct box *v;
	size_t n, cap;
};

struct docbuild {
	double width, height;
	struct boxbuf *pages;     /* Heap; one box list per page. */
	bool *furniture;          /* Per page: gets header and footer. */
	size_t npages, pages_cap;
	struct elem *elems;
	size_t nelems, elems_cap;
	struct dest *dests;       /* page -1 until the destination is placed. */
	size_t ndests, dests_cap;
	struct outline_item *outline;
	size_t noutline, outline_cap;
};

/* Append a zeroed box of `kind` belonging to `elem` (-1: artifact). */
struct box *boxbuf_push(struct boxbuf *b, enum box_kind kind, int elem);
void boxbuf_free(struct boxbuf *b);

/* Shorthands for the boxes every part draws. */
void put_rect(struct boxbuf *b, int elem, double x, double y, double w, double h,
	      struct rgb fill);
void put_frame(struct boxbuf *b, int elem, double x, double y, double w, double h,
	       struct rgb stroke, double line_width);
void put_line(struct boxbuf *b, int elem, double x1, double y1, double x2, double y2,
	      double width, struct rgb color, bool dashed);
void put_icon(struct boxbuf *b, int elem, double x, double y, double size, enum status s);
void put_link_dest(struct boxbuf *b, int elem, double x, double y, double w, double h,
		   int dest);
void put_link_uri(struct boxbuf *b, int elem, double x, double y, double w, double h,
		  const char *uri);

/* Move a box up by dy points. Polyline points are copied into `a` so that a
 * box placed twice (a repeated table head) never shares moved points. */
void box_shift(struct box *bx, double dy, struct arena *a);

void db_init(struct docbuild *db, double width, double height);
/* Release everything the builder holds (after db_finish or instead of it). */
void db_free(struct docbuild *db);
/* A new structure element under `parent` (-1 for the root); returns its index. */
int db_elem(struct docbuild *db, enum role role, int parent, const char *alt);
/* What element `e` says besides its role, made in `a` the first time. */
struct elem_more *db_elem_more(struct docbuild *db, int e, struct arena *a);
/* A new destination, not yet placed; returns its index. */
int db_dest(struct docbuild *db);
void db_outline(struct docbuild *db, const char *title, int level, int dest);
/* Start a page; returns its index. `furniture`: gets header and footer. */
size_t db_page(struct docbuild *db, bool furniture);
/* The finished document, copied into `a`; the builder's page lists are
 * released as they are copied (db_free still frees the rest). */
struct doc *db_finish(struct docbuild *db, struct arena *a);

#endif
