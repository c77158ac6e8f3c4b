/* Typesetting a paragraph: styled spans of UTF-8 → fragments in one face
 * each (with the fallback face for characters the brand face lacks) →
 * lines no wider than the column → text, link and underline boxes. */
#ifndef QREPORT_LAYOUT_TEXT_H
#define QREPORT_LAYOUT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "layout_ctx.h"

enum align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

/* A stretch of text in one style. */
struct tspan {
	const char *text;
	size_t len;
	unsigned style;   /* RUN_BOLD | RUN_ITALIC, applied to the block's face. */
	const char *href; /* External link, or NULL. */
	int dest;         /* Internal link to a destination, or -1. */
	int elem;         /* Element for its boxes (a Link), or -1 for the block's. */
	bool has_color;   /* Drawn in `color` instead of the block's colour. */
	struct rgb color;
};

struct tstyle {
	enum face face;   /* Base face: regular, bold, italic, bold italic or heading. */
	double size;
	double leading;   /* Line height as a multiple of the size. */
	struct rgb color;
	struct rgb link_color;
	bool underline_links;
	enum align align;
};

/* Part of a word in one face. */
struct tfrag {
	const char *s;      /* What to draw: source bytes or a replacement character. */
	size_t len;
	size_t off;         /* Byte offset in its span, or (size_t)-1 for a replacement. */
	unsigned span;
	enum face face;
	double w;           /* Points. */
	double glue;        /* Space after it, points. */
	unsigned glue_bytes;/* Source bytes of that space when in the same span. */
	bool brk;           /* A line may end after it. */
};

struct tline {
	size_t first, n;    /* In lfrags. */
	double width;       /* Without the space after the last fragment. */
};

/* A shaped and broken paragraph. Owns its arrays (free with text_free). */
struct tblock {
	const struct tspan *spans;
	size_t nspans;
	struct tstyle ts;
	struct tfrag *frags;   /* Shaped, before breaking. */
	size_t nfrags;
	struct tfrag *lfrags;  /* After breaking: overlong words cut into pieces. */
	size_t nlfrags;
	struct tline *lines;
	size_t nlines;
	double line_h, ascent, descent; /* Points; descent is positive. */
	double min_width;      /* The widest word: narrower columns cut words. */
	double max_width;      /* Everything on one line. */
};

/* Shape spans (which must outlive the block) for `ts`. Characters no face
 * has are replaced and reported once per character against file:line. */
void text_shape(struct lay *L, struct tblock *b, const struct tspan *spans, size_t n,
		const struct tstyle *ts, const char *file, long line);
/* Break into lines at most `width` points wide (may be called again). */
void text_break(struct lay *L, struct tblock *b, double width);
/* Height of all lines. */
double text_height(const struct tblock *b);
/* Boxes for line i, in a column from x that is `width` wide, the line's top
 * edge at `top`. Text boxes belong to `elem` unless their span says otherwise. */
void text_line_boxes(struct lay *L, const struct tblock *b, size_t i, double x, double top,
		     double width, int elem, struct boxbuf *out);
/* Baseline offset below a line's top edge. */
double text_baseline(const struct tblock *b);
void text_free(struct tblock *b);

/* One span of plain text (no style, no link). */
struct tspan tspan_plain(const char *text);
/* A single-span block broken at `width`: the common case for labels. */
void text_plain(struct lay *L, struct tblock *b, const char *text, const struct tstyle *ts,
		double width, const char *file, long line);

/* Decode one UTF-8 character at s (n bytes available); *len gets its
 * length. Invalid input gives 0xFFFFFFFF with *len 1. */
unsigned utf8_decode(const char *s, size_t n, size_t *len);

#endif
