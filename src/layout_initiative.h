/* A goal's initiatives: a heading, their counts, a table of each one's
 * status and milestones, and their commentary. */
#ifndef QREPORT_LAYOUT_INITIATIVE_H
#define QREPORT_LAYOUT_INITIATIVE_H

#include "layout_ctx.h"
#include "model.h"

/* Lay out goal `g`'s initiatives under element `parent`; nothing for a goal
 * without. */
void goal_initiatives(struct lay *L, const struct goal *goal, size_t g, int parent);

#endif
