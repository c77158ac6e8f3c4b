/* Colour arithmetic for legible pages: WCAG contrast and mixing. */
#ifndef QREPORT_LAYOUT_COLOR_H
#define QREPORT_LAYOUT_COLOR_H

#include "style.h"

/* The least contrast body text may have against its background. */
#define TEXT_CONTRAST 4.5
/* The least contrast a graphic a reader needs (a chart's bar, point or
 * line) may have against its background (WCAG 1.4.11). */
#define MARK_CONTRAST 3.0

/* WCAG 2 contrast ratio, 1..21. */
double contrast_ratio(struct rgb a, struct rgb b);
/* a with a share t (0..1) of b mixed in. */
struct rgb mix(struct rgb a, struct rgb b, double t);
/* fg moved towards black (or white on a dark background) just far enough
 * to reach `min` contrast against bg; fg itself when it already does. */
struct rgb readable_on(struct rgb fg, struct rgb bg, double min);

#endif
