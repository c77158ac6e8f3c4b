/* A measure card: name and status, the result in plain words, benchmark,
 * year to date, changes on last year and last quarter, a chart of recent
 * quarters, commentary and next steps. Kept on one page unless taller. */
#ifndef QREPORT_LAYOUT_CARD_H
#define QREPORT_LAYOUT_CARD_H

#include "layout_ctx.h"
#include "model.h"

/* The card of `m` under `parent`, the measure's destination at its top. */
void card_measure(struct lay *L, const struct measure *m, int parent, double space_before);

/* The colour a trend's word is drawn in; the word is the presentation's. */
struct rgb trend_color(const struct lay *L, enum trend t);

#endif
