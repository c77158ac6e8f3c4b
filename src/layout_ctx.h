/* The layout engine's working state, shared by the layout_*.c files. */
#ifndef QREPORT_LAYOUT_CTX_H
#define QREPORT_LAYOUT_CTX_H

#include <stdbool.h>

#include "diag.h"
#include "layout_doc.h"
#include "layout_flow.h"
#include "layout_fonts.h"
#include "metrics.h"
#include "model.h"
#include "present.h"
#include "style.h"

/* Colours as used on a white page, each adjusted if needed so text reaches
 * a contrast of 4.5:1 against what it is drawn on. */
struct palette {
	struct rgb text, muted, heading, link;
	struct rgb status_text[STATUS_COUNT]; /* Status labels on white. */
	struct rgb better, worse;             /* Trend words. */
	struct rgb on_band;                   /* Muted text on the band colour. */
	struct rgb cover_text;                /* On the cover's fill. */
	struct rgb white;
};

struct lay {
	const struct report *r;
	const struct presentation *p; /* Every word a reader sees comes from here. */
	const struct style *st;
	const struct metrics *m;
	struct arena *a;       /* The doc's arena: strings that boxes show live here. */
	struct diag *d;
	struct fontcache fc;
	struct docbuild db;
	struct flow fl;
	struct palette c;
	double left, right, width; /* The text area. */
	double top, bottom;
	double line;           /* Body line height: the unit of vertical rhythm. */
	int root;              /* The Document element. */
	bool has_part[PART_COUNT];
	int part_dest[PART_COUNT]; /* Destinations of the parts that have one, else -1. */
	int *section_dest;     /* Per narrative section. */
	int *goal_dest;        /* Per goal. */
	int *measure_dest;     /* Per measure (its card in the goals part), or -1. */
	const char *page_digits; /* "0000": room the contents keep for a page number. */
};

/* Set up the state for one report; the doc will live in `a`. */
void lay_init(struct lay *L, const struct presentation *p, const struct style *st,
	      const struct metrics *m, struct arena *a, struct diag *d);
void lay_free(struct lay *L);

#endif
