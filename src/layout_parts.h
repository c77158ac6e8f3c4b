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

/* One line (more if narrow) of every status's icon, count and label, as a
 * P under `parent`; `keep` is the keep after it. */
void status_chips(struct lay *L, const struct pres_counts *pc, int parent, double space_before,
		  unsigned char keep);
/* The same drawn into `out` with its top at `top` (page or item
 * coordinates), `width` wide; returns its height (with `out` NULL, only
 * measures). */
double draw_chips(struct lay *L, const struct pres_counts *pc, int elem, double x, double top,
		  double width, struct boxbuf *out);

/* Four tiles, one per status, with its icon, count and label, drawn into
 * `out` as a list under `parent` with the tiles' top at `top`; returns
 * their height. With `out` NULL, only measures. */
double draw_tiles(struct lay *L, const struct pres_counts *pc, int parent, double x, double top,
		  double width, struct boxbuf *out);


/* After pagination: page numbers in the contents, then header and footer. */
void fill_page_numbers(struct lay *L);
void add_furniture(struct lay *L);

#endif
