/* A measure's card chart drawn from its presentation (present.h): bars for
 * the results, the target as dashed steps where it applies, benchmarks,
 * value axis and quarter labels, as a Figure with the series' text
 * alternative. */
#ifndef QREPORT_LAYOUT_CHART_H
#define QREPORT_LAYOUT_CHART_H

#include "layout_ctx.h"
#include "present.h"

/* Draw `c` into the open flow item within (x, top, w, h), item
 * coordinates; the Figure element goes under `parent`. */
void chart_draw(struct lay *L, const struct pres_chart *c, int parent, double x, double top,
		double w, double h);

#endif
