/* A small chart of a measure's last quarters: bars for the results, the
 * target as a dashed line, value axis and quarter labels, as a Figure with
 * a text alternative listing the values. */
#ifndef QREPORT_LAYOUT_CHART_H
#define QREPORT_LAYOUT_CHART_H

#include <stdbool.h>

#include "layout_ctx.h"
#include "model.h"

/* How many quarters a chart shows: the report's and those before it. */
#define CHART_QUARTERS 8

/* Whether the measure has results for at least two of the quarters a chart
 * shows (the last CHART_QUARTERS up to the report's). */
bool chart_has_data(const struct lay *L, const struct measure *m);
/* Draw the chart into the open flow item within (x, top, w, h), item
 * coordinates; the Figure element goes under `parent`. */
void chart_measure(struct lay *L, const struct measure *m, int parent, double x, double top,
		   double w, double h);

#endif
