/* Pages of positioned boxes: what the layout engine produces and a back end
 * paints. Coordinates are PDF points, origin at the bottom left of the page,
 * y growing upward; a text box's y is its baseline. */
#ifndef QREPORT_BOXES_H
#define QREPORT_BOXES_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "style.h"

/* What a piece of content is in the document, for a tagged PDF. */
enum role {
	ROLE_DOCUMENT,
	ROLE_SECT,
	ROLE_H1,
	ROLE_H2,
	ROLE_H3,
	ROLE_P,
	ROLE_L,
	ROLE_LI,
	ROLE_LBL,
	ROLE_LBODY,
	ROLE_BLOCKQUOTE,
	ROLE_TOC,
	ROLE_TOCI,
	ROLE_TABLE,
	ROLE_TR,
	ROLE_TH,
	ROLE_TD,
	ROLE_FIGURE,
	ROLE_LINK,
	ROLE_CAPTION,
	ROLE_SPAN,    /* A phrase set apart: one in another language. */
};

/* What few elements say besides their role: kept apart, since a long
 * report has hundreds of thousands of elements. */
struct elem_more {
	const int *headers;      /* Table cell: the TH elements (which have ids) it lies */
	unsigned char nheaders;  /* under, this many; NULL for none. */
	const char *actual_text; /* Words read in place of what is drawn ("no result" for a
				  * dash), or NULL. */
	const char *lang;        /* BCP 47 language of its text where that is not the
				  * document's, or NULL. */
};

/* A structure element; boxes point at the innermost one they belong to.
 * Children follow their parent in `doc.elems`, in reading order. */
struct elem {
	enum role role;
	int parent;        /* Index in doc.elems, -1 for the root. */
	const char *alt;   /* Text alternative (figures), or NULL. */
	bool th_row_scope; /* TH: heads a row rather than a column. */
	bool has_id;       /* Has an identifier: other cells name it among their headers. */
	unsigned short colspan; /* Table cell: the columns it spans; 0 or 1 for one. */
	const struct elem_more *more; /* Headers, words read instead, language; or NULL. */
};

enum box_kind {
	BOX_TEXT,     /* One run of text in one face. */
	BOX_RECT,     /* Filled and/or stroked rectangle. */
	BOX_LINE,     /* Straight line. */
	BOX_POLYLINE, /* Connected points (chart series). */
	BOX_ICON,     /* A status icon, drawn as vectors by the back end. */
	BOX_IMAGE,    /* The logo. */
	BOX_LINK,     /* Clickable area: a URI or a destination. */
	BOX_DEST,     /* A place links and bookmarks jump to. */
};

struct point {
	double x, y;
};

struct box {
	enum box_kind kind;
	int elem; /* Index in doc.elems; -1 marks an artifact (furniture, decoration). */
	union {
		struct {
			double x, y;       /* Baseline start. */
			double width;      /* As measured by the layout. */
			enum face face;
			double size;
			struct rgb color;
			const char *text;  /* UTF-8 the face can draw. */
			size_t len;        /* Bytes of text. */
		} text;
		struct {
			double x, y, w, h;
			bool fill, stroke;
			struct rgb fill_color, stroke_color;
			double line_width;
		} rect;
		struct {
			double x1, y1, x2, y2;
			double width;
			struct rgb color;
			bool dashed;
		} line;
		struct {
			struct point *points;
			size_t n;
			double width;
			struct rgb color;
			bool dashed;
			bool markers;     /* Draw a dot at each point. */
		} poly;
		struct {
			double x, y, size; /* Lower-left corner and side of its square. */
			enum status status;
		} icon;
		struct {
			double x, y, w, h;
			const char *path;
		} image;
		struct {
			double x, y, w, h;
			const char *uri; /* External link, or NULL. */
			int dest;        /* Index in doc.dests when uri is NULL. */
		} link;
		struct {
			int dest;        /* Index in doc.dests. */
		} dest;
	} u;
};

struct page {
	struct box *boxes;
	size_t nboxes;
	size_t cap;
};

struct dest {
	int page;   /* 0-based. */
	double y;   /* Top of what the destination shows. */
};

struct outline_item {
	const char *title;
	int level;  /* 0 top level. */
	int dest;
};

struct doc {
	double width, height;
	struct page *pages;
	size_t npages;
	struct elem *elems;
	size_t nelems;
	struct dest *dests;
	size_t ndests;
	struct outline_item *outline;
	size_t noutline;
	/* The document information, in the presentation's words; NULL to leave out. */
	const char *title, *author, *subject, *keywords;
};

#endif
