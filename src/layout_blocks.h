/* The building blocks every part uses: text styles from the layout,
 * headings, paragraphs, lists and quotes laid into the flow with the keep
 * rules (headings stay with what follows; no widow or orphan lines). */
#ifndef QREPORT_LAYOUT_BLOCKS_H
#define QREPORT_LAYOUT_BLOCKS_H

#include "layout_ctx.h"
#include "layout_text.h"

enum tkind {
	T_BODY,
	T_BODY_MUTED,
	T_SMALL,        /* Small print: captions, table text. */
	T_SMALL_MUTED,
	T_LABEL,        /* Small bold labels above or beside values. */
	T_H1,
	T_H2,
	T_H3,
	T_TITLE,        /* The cover's title. */
	T_LEAD,         /* Larger body text: goal statements. */
	T_QUOTE,
};

/* The text style of a kind, from the layout's sizes and colours. */
struct tstyle lay_tstyle(const struct lay *L, enum tkind kind);

/* Lines of a block placed one flow item each. */
struct lines_opt {
	double x, width;
	int elem;                  /* Element for the text. */
	double space_before;
	unsigned char keep_inside; /* Least keep between lines (KEEP_CARD inside a card). */
	unsigned char keep_last;   /* Keep after the last line. */
	int dest;                  /* Destination at the first line, or -1. */
	const struct tblock *label;/* Drawn on the first line (a list bullet), or NULL. */
	double label_x, label_width;
	int label_elem;
	bool icon;                 /* A status icon on the first line (the legend). */
	enum status icon_status;
	double icon_x;
	bool bar;                  /* A vertical bar beside every line (pull quotes). */
	double bar_x, bar_w;
	struct rgb bar_color;
	bool bar_join;             /* The bar also spans the space before the first line. */
};

/* Defaults: column of the text area, no keep, no decorations. */
struct lines_opt lines_opt_default(const struct lay *L, int elem);
/* Place a broken block's lines into the flow; returns the first item. */
size_t flow_lines(struct lay *L, const struct tblock *b, const struct lines_opt *o);

/* Spans of a data file paragraph; runs with a link get a Link element
 * under `parent` (one per link, in reading order), runs in another
 * language a Span with its language. Lives in the arena. */
struct tspan *para_spans(struct lay *L, const struct para *p, int parent, size_t *n);
/* Element `elem` holds text in `lang`: said on it unless that is the
 * report's own language. */
void lay_set_lang(struct lay *L, int elem, const char *lang);

/* A heading of level 1..3 under `parent`, kept with what follows; returns
 * its element. `dest` (or -1) is placed at it. */
int blk_heading(struct lay *L, int level, const char *text, int parent, int dest,
		double space_before, long line);
/* A data file paragraph as a P under `parent`, in the column o->x/o->width
 * (o->elem is ignored: the P is made here). Returns the P element. */
int blk_para(struct lay *L, const struct para *p, enum tkind kind, int parent,
	     const struct lines_opt *o);
/* A plain-text paragraph (our own words) as a P under `parent`. */
int blk_text(struct lay *L, const char *text, enum tkind kind, int parent,
	     const struct lines_opt *o);

/* Text of our own drawn into `out` in a column from x, `width` wide, its
 * top at `top` (item coordinates). `text` must live as long as the layout
 * (arena or report memory). Returns the height it took. */
double put_label(struct lay *L, const char *text, enum tkind kind, enum align align, double x,
		 double top, double width, int elem, struct boxbuf *out);
/* Width of a one-line label in a kind's style. */
double label_width(struct lay *L, const char *text, enum tkind kind);

/* A list of spans being put together, in the arena. */
struct spans {
	struct tspan *v;
	size_t n, cap;
};
/* Append text (which must live as long as the layout) in a style. */
struct tspan *spans_add(struct lay *L, struct spans *s, const char *text, unsigned style);
/* Append a copy of text made in the arena (for text built on the stack). */
struct tspan *spans_add_copy(struct lay *L, struct spans *s, const char *text, unsigned style);

/* Spacing in multiples of the body line. */
double lines_of(const struct lay *L, double n);

#endif
