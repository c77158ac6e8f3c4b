/* The layout engine's entry point: evaluated report + layout → pages of boxes. */
#ifndef QREPORT_LAYOUT_H
#define QREPORT_LAYOUT_H

#include "boxes.h"
#include "diag.h"
#include "metrics.h"
#include "model.h"
#include "present.h"
#include "style.h"

/* Lay out the whole report, in the words of its presentation `p`.
 * Characters no face can draw are replaced with U+FFFD (or '?') and
 * reported as warnings with the data file's line. The doc lives in `a`. */
struct doc *layout_report(const struct presentation *p, const struct style *st,
			  const struct metrics *m, struct arena *a, struct diag *d);

/* Lay out the one-page scorecard (layout_scorecard.c): always one page,
 * its table's type shrunk and its measures summed up as need be. */
struct doc *layout_scorecard(const struct presentation *p, const struct style *st,
			     const struct metrics *m, struct arena *a, struct diag *d);

#endif
