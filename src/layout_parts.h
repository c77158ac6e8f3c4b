/* The report's parts, each laid into the flow (the cover has a page of its
 * own), and what is filled in once pages are known. */
#ifndef QREPORT_LAYOUT_PARTS_H
#define QREPORT_LAYOUT_PARTS_H

#include "layout_ctx.h"

void part_cover(struct lay *L);
void part_contents(struct lay *L);
void part_glance(struct lay *L);
void part_narrative(struct lay *L);
void part_goals(struct lay *L);
void part_appendix(struct lay *L);

/* What a goal without measures says, wherever it is listed. */
#define NO_MEASURES_TEXT "No measures are reported for this goal this quarter."

/* Statuses in the order readers meet them: good news first. */
extern const enum status status_order[STATUS_COUNT];
/* "4 measures: 2 Goal Met, 1 Under Goal" for status counts (zeros left out). */
const char *counts_text(struct lay *L, const int *counts, size_t total);
/* A measure's result for a table cell: the quarter's actual, or for an
 * annual target the year-to-date total it is judged on; a dash if none. */
const char *result_text(struct lay *L, const struct measure *m);
/* One line (more if narrow) of every status's icon, count and label, as a
 * P under `parent`; `keep` is the keep after it. */
void status_chips(struct lay *L, const int *counts, int parent, double space_before,
		  unsigned char keep);
/* The same drawn into `out` with its top at `top` (page or item
 * coordinates), `width` wide; returns its height (with `out` NULL, only
 * measures). */
double draw_chips(struct lay *L, const int *counts, int elem, double x, double top, double width,
		  struct boxbuf *out);

/* Four tiles, one per status, with its icon, count and label, drawn into
 * `out` as a list under `parent` with the tiles' top at `top`; returns
 * their height. With `out` NULL, only measures. */
double draw_tiles(struct lay *L, const int *counts, int parent, double x, double top,
		  double width, struct boxbuf *out);

/* Titles of the parts that have a heading and a contents entry. */
extern const char *const part_title[PART_COUNT];

/* After pagination: page numbers in the contents, then header and footer. */
void fill_page_numbers(struct lay *L);
void add_furniture(struct lay *L);

#endif
