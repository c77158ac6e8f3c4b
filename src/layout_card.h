/* A measure card: name and status, the result in plain words, benchmark,
 * year to date, changes on last year and last quarter, a chart of recent
 * quarters, commentary and next steps. Kept on one page unless taller. */
#ifndef QREPORT_LAYOUT_CARD_H
#define QREPORT_LAYOUT_CARD_H

#include "layout_ctx.h"
#include "model.h"

enum card_kind {
	CARD_FULL,  /* In its goal's section: everything, and the measure's destination. */
	CARD_BRIEF, /* In the narrative: no chart or next steps; the name links to the full card. */
};

void card_measure(struct lay *L, const struct measure *m, int parent, enum card_kind kind,
		  double space_before);

/* "better", "worse", "unchanged" (NULL for no trend) and the colour it is
 * drawn in. */
const char *trend_word(const struct lay *L, enum trend t, struct rgb *color);

/* The period a change compares against: the same quarter a year earlier,
 * or the quarter before. */
struct period period_last_year(struct period p);
struct period period_last_quarter(struct period p);

#endif
