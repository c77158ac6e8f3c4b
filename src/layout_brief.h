/* The narrative's measure lines: a compact entry per measure a section
 * names, linking to its card (layout_brief.c). */
#ifndef QREPORT_LAYOUT_BRIEF_H
#define QREPORT_LAYOUT_BRIEF_H

#include <stddef.h>

#include "layout_blocks.h"
#include "model.h"

/* The measures `ms[0..n)` as a list under `sect`, the first entry
 * `space_before` below what precedes it; the cards themselves where the
 * report has no goals part to hold them. */
void brief_measures(struct lay *L, struct measure *const *ms, size_t n, int sect,
		    double space_before);

#endif
