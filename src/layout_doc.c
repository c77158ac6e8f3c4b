#include "layout_doc.h"

#include <stdlib.h>
#include <string.h>

/* Grow a heap array so that one more element fits. */
static void *grow(void *v, size_t n, size_t *cap, size_t elem_size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	return xrealloc(v, *cap * elem_size);
}

/* Append a zeroed box to a list. */
struct box *boxbuf_push(struct boxbuf *b, enum box_kind kind, int elem)
{
	b->v = grow(b->v, b->n, &b->cap, sizeof *b->v);
	struct box *bx = &b->v[b->n++];
	memset(bx, 0, sizeof *bx);
	bx->kind = kind;
	bx->elem = elem;
	return bx;
}

/* Free a box list's storage. */
void boxbuf_free(struct boxbuf *b)
{
	free(b->v);
	b->v = NULL;
	b->n = b->cap = 0;
}

/* A filled rectangle without an outline. */
void put_rect(struct boxbuf *b, int elem, double x, double y, double w, double h,
	      struct rgb fill)
{
	struct box *bx = boxbuf_push(b, BOX_RECT, elem);
	bx->u.rect.x = x;
	bx->u.rect.y = y;
	bx->u.rect.w = w;
	bx->u.rect.h = h;
	bx->u.rect.fill = true;
	bx->u.rect.fill_color = fill;
}

/* An outlined rectangle without a fill. */
void put_frame(struct boxbuf *b, int elem, double x, double y, double w, double h,
	       struct rgb stroke, double line_width)
{
	struct box *bx = boxbuf_push(b, BOX_RECT, elem);
	bx->u.rect.x = x;
	bx->u.rect.y = y;
	bx->u.rect.w = w;
	bx->u.rect.h = h;
	bx->u.rect.stroke = true;
	bx->u.rect.stroke_color = stroke;
	bx->u.rect.line_width = line_width;
}

/* A straight line, solid or dashed. */
void put_line(struct boxbuf *b, int elem, double x1, double y1, double x2, double y2,
	      double width, struct rgb color, bool dashed)
{
	struct box *bx = boxbuf_push(b, BOX_LINE, elem);
	bx->u.line.x1 = x1;
	bx->u.line.y1 = y1;
	bx->u.line.x2 = x2;
	bx->u.line.y2 = y2;
	bx->u.line.width = width;
	bx->u.line.color = color;
	bx->u.line.dashed = dashed;
}

/* A status icon whose square has its lower left corner at (x, y). */
void put_icon(struct boxbuf *b, int elem, double x, double y, double size, enum status s)
{
	struct box *bx = boxbuf_push(b, BOX_ICON, elem);
	bx->u.icon.x = x;
	bx->u.icon.y = y;
	bx->u.icon.size = size;
	bx->u.icon.status = s;
}

/* A clickable area that jumps to a destination. */
void put_link_dest(struct boxbuf *b, int elem, double x, double y, double w, double h,
		   int dest)
{
	struct box *bx = boxbuf_push(b, BOX_LINK, elem);
	bx->u.link.x = x;
	bx->u.link.y = y;
	bx->u.link.w = w;
	bx->u.link.h = h;
	bx->u.link.dest = dest;
}

/* A clickable area that opens a URI. */
void put_link_uri(struct boxbuf *b, int elem, double x, double y, double w, double h,
		  const char *uri)
{
	struct box *bx = boxbuf_push(b, BOX_LINK, elem);
	bx->u.link.x = x;
	bx->u.link.y = y;
	bx->u.link.w = w;
	bx->u.link.h = h;
	bx->u.link.uri = uri;
	bx->u.link.dest = -1;
}

/* Move a box vertically; see layout_doc.h for why polylines get new points. */
void box_shift(struct box *bx, double dy, struct arena *a)
{
	switch (bx->kind) {
	case BOX_TEXT:
		bx->u.text.y += dy;
		break;
	case BOX_RECT:
		bx->u.rect.y += dy;
		break;
	case BOX_LINE:
		bx->u.line.y1 += dy;
		bx->u.line.y2 += dy;
		break;
	case BOX_POLYLINE: {
		struct point *p = arena_calloc(a, bx->u.poly.n, sizeof *p);
		for (size_t i = 0; i < bx->u.poly.n; i++) {
			p[i].x = bx->u.poly.points[i].x;
			p[i].y = bx->u.poly.points[i].y + dy;
		}
		bx->u.poly.points = p;
		break;
	}
	case BOX_ICON:
		bx->u.icon.y += dy;
		break;
	case BOX_IMAGE:
		bx->u.image.y += dy;
		break;
	case BOX_LINK:
		bx->u.link.y += dy;
		break;
	case BOX_DEST:
		break;
	}
}

/* Start an empty document of the given page size. */
void db_init(struct docbuild *db, double width, double height)
{
	memset(db, 0, sizeof *db);
	db->width = width;
	db->height = height;
}

/* Free the builder's heap storage. */
void db_free(struct docbuild *db)
{
	for (size_t i = 0; i < db->npages; i++)
		boxbuf_free(&db->pages[i]);
	free(db->pages);
	free(db->furniture);
	free(db->elems);
	free(db->dests);
	free(db->outline);
	memset(db, 0, sizeof *db);
}

/* Add a structure element. */
int db_elem(struct docbuild *db, enum role role, int parent, const char *alt)
{
	db->elems = grow(db->elems, db->nelems, &db->elems_cap, sizeof *db->elems);
	struct elem *e = &db->elems[db->nelems];
	memset(e, 0, sizeof *e);
	e->role = role;
	e->parent = parent;
	e->alt = alt;
	return (int)db->nelems++;
}

/* See layout_doc.h. */
struct elem_more *db_elem_more(struct docbuild *db, int e, struct arena *a)
{
	struct elem *el = &db->elems[e];
	if (!el->more)
		el->more = arena_calloc(a, 1, sizeof *el->more);
	return (struct elem_more *)el->more;
}

/* Reserve a destination; its page and position are set when it is placed. */
int db_dest(struct docbuild *db)
{
	db->dests = grow(db->dests, db->ndests, &db->dests_cap, sizeof *db->dests);
	db->dests[db->ndests].page = -1;
	db->dests[db->ndests].y = 0;
	return (int)db->ndests++;
}

/* Add a bookmark. */
void db_outline(struct docbuild *db, const char *title, int level, int dest)
{
	db->outline = grow(db->outline, db->noutline, &db->outline_cap, sizeof *db->outline);
	struct outline_item *o = &db->outline[db->noutline++];
	o->title = title;
	o->level = level;
	o->dest = dest;
}

/* Room left at the end of a finished page's list for its header and
 * footer, which are added once the page count is known. */
#define FURNITURE_ROOM 32

/* Give back what a finished page's list has to spare beyond room for
 * its furniture: lists grow by doubling, and a long report's pages would
 * otherwise hold a third again as much as they use. */
static void trim(struct boxbuf *b)
{
	if (b->cap > b->n + FURNITURE_ROOM) {
		b->cap = b->n + FURNITURE_ROOM;
		b->v = xrealloc(b->v, b->cap * sizeof *b->v);
	}
}

/* Add an empty page; the page before it is finished, but for furniture. */
size_t db_page(struct docbuild *db, bool furniture)
{
	if (db->npages)
		trim(&db->pages[db->npages - 1]);
	size_t cap = db->pages_cap;
	db->pages = grow(db->pages, db->npages, &cap, sizeof *db->pages);
	if (cap != db->pages_cap) {
		db->furniture = xrealloc(db->furniture, cap * sizeof *db->furniture);
		db->pages_cap = cap;
	}
	memset(&db->pages[db->npages], 0, sizeof *db->pages);
	db->furniture[db->npages] = furniture;
	return db->npages++;
}

/* Copy `n` elements of `size` bytes into the arena (NULL when empty). */
static void *freeze(struct arena *a, const void *v, size_t n, size_t size)
{
	if (n == 0)
		return NULL;
	void *p = arena_calloc(a, n, size);
	memcpy(p, v, n * size);
	return p;
}

/* The same string, copied into the arena (NULL stays NULL). */
static const char *keep_str(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

/* Pages are copied into the arena in runs of at least this many bytes,
 * the arena's least chunk (arena.c): each run is then one allocation of
 * exactly its size, and no chunk is left part used between pages. */
#define RUN_BYTES (64 * 1024)

/* Bytes a page takes in the document: its boxes, then their text (each
 * run NUL-terminated), rounded up so that the next page's boxes stay
 * aligned. */
static size_t page_bytes(const struct boxbuf *p)
{
	size_t text = 0;
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].kind == BOX_TEXT && p->v[i].u.text.text)
			text += p->v[i].u.text.len + 1;
	size_t align = _Alignof(struct box);
	return p->n * sizeof(struct box) + (text + align - 1) / align * align;
}

/* Copy a page's boxes to `at` and their text after them, so that the
 * document needs none of the layout's working memory; the boxes, or NULL
 * for none. */
static struct box *copy_page(const struct boxbuf *p, char *at)
{
	if (p->n == 0)
		return NULL;
	struct box *boxes = (struct box *)(void *)at;
	memcpy(boxes, p->v, p->n * sizeof *boxes);
	char *text = at + p->n * sizeof *boxes;
	for (size_t i = 0; i < p->n; i++) {
		struct box *b = &boxes[i];
		if (b->kind != BOX_TEXT || !b->u.text.text)
			continue;
		memcpy(text, b->u.text.text, b->u.text.len);
		text[b->u.text.len] = '\0';
		b->u.text.text = text;
		text += b->u.text.len + 1;
	}
	return boxes;
}

/* Copy into the arena the rest of what a page's boxes point at
 * (addresses, points, image paths); the boxes of a link split over lines
 * share its address. */
static void keep_refs(struct box *boxes, size_t n, struct arena *a)
{
	const char *uri_src = NULL, *uri_copy = NULL;
	for (size_t i = 0; i < n; i++) {
		struct box *b = &boxes[i];
		switch (b->kind) {
		case BOX_POLYLINE:
			b->u.poly.points = freeze(a, b->u.poly.points,
						  b->u.poly.points ? b->u.poly.n : 0,
						  sizeof *b->u.poly.points);
			break;
		case BOX_IMAGE:
			b->u.image.path = keep_str(a, b->u.image.path);
			break;
		case BOX_LINK:
			if (b->u.link.uri && b->u.link.uri != uri_src) {
				uri_src = b->u.link.uri;
				uri_copy = arena_strdup(a, uri_src);
			}
			if (b->u.link.uri)
				b->u.link.uri = uri_copy;
			break;
		case BOX_TEXT:
		case BOX_RECT:
		case BOX_LINE:
		case BOX_ICON:
		case BOX_DEST:
			break;
		}
	}
}

/* Copy the built document into the arena, releasing the pages' lists. */
struct doc *db_finish(struct docbuild *db, struct arena *a)
{
	struct doc *doc = arena_alloc(a, sizeof *doc);
	doc->width = db->width;
	doc->height = db->height;
	doc->npages = db->npages;
	doc->pages = arena_calloc(a, db->npages ? db->npages : 1, sizeof *doc->pages);
	for (size_t i = 0; i < db->npages;) {
		size_t j = i, bytes = 0;
		do
			bytes += page_bytes(&db->pages[j++]);
		while (j < db->npages && bytes < RUN_BYTES);
		char *at = bytes ? arena_alloc(a, bytes) : NULL;
		for (; i < j; i++) {
			size_t n = page_bytes(&db->pages[i]);
			doc->pages[i].boxes = copy_page(&db->pages[i], at);
			doc->pages[i].nboxes = db->pages[i].n;
			doc->pages[i].cap = db->pages[i].n;
			at += n;
			/* Each page's list goes as soon as it is copied, so a
			 * long document is never held twice over. */
			boxbuf_free(&db->pages[i]);
		}
	}
	/* After the runs, so that these small copies share chunks. */
	for (size_t i = 0; i < db->npages; i++)
		keep_refs(doc->pages[i].boxes, doc->pages[i].nboxes, a);
	doc->elems = freeze(a, db->elems, db->nelems, sizeof *db->elems);
	doc->nelems = db->nelems;
	for (size_t i = 0; i < db->nelems; i++) {
		struct elem *e = &doc->elems[i];
		e->alt = keep_str(a, e->alt);
		if (e->more) {
			struct elem_more *m = arena_alloc(a, sizeof *m);
			*m = *e->more;
			m->actual_text = keep_str(a, m->actual_text);
			m->lang = keep_str(a, m->lang);
			m->headers = m->nheaders ? freeze(a, m->headers, m->nheaders, sizeof *m->headers)
						 : NULL;
			e->more = m;
		}
	}
	doc->dests = freeze(a, db->dests, db->ndests, sizeof *db->dests);
	doc->ndests = db->ndests;
	doc->outline = freeze(a, db->outline, db->noutline, sizeof *db->outline);
	doc->noutline = db->noutline;
	for (size_t i = 0; i < db->noutline; i++)
		doc->outline[i].title = keep_str(a, doc->outline[i].title);
	return doc;
}
