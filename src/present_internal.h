/* Shared by the presentation layer's files (present*.c) and nothing else. */
#ifndef QREPORT_PRESENT_INTERNAL_H
#define QREPORT_PRESENT_INTERNAL_H

#include "present.h"
#include "units.h"

/* Text built piece by piece on the heap, then kept in the arena: long
 * descriptions grow in amortised constant time. */
struct pres_buf {
	char *s;
	size_t n, cap;
};
void pres_buf_add(struct pres_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text in the presentation's arena; the buffer is freed. */
const char *pres_buf_finish(struct presentation *p, struct pres_buf *b);

/* A period's words, made once per report however many measures, charts
 * and rows show the period: a report of thousands of measures shares a
 * few dozen of them. */
struct pres_period_words {
	int key;             /* period_index and kind together, or -1 for an empty slot. */
	const char *id;      /* "FY2018-Q1", "2017-11" */
	const char *label;   /* "Q1 FY2018", "November 2017" */
	const char *tick;    /* Its short name on a chart: "Q1", "N", "FY18", "2024" */
	const char *group;   /* The year it is in, "FY18", "2017", or NULL for a year */
	bool group_starts;   /* A year starts with it. */
};
const struct pres_period_words *pres_period_words(struct presentation *p, struct period per);
/* "Q1 FY2018", in the presentation's arena. */
const char *pres_period_label(struct presentation *p, struct period per);
/* An amount of `m` as readers see it, in the arena. */
const char *pres_amount(struct presentation *p, const struct measure *m, double v);
/* The same without a unit word ("8:37", "8.5"), for an axis that names it. */
const char *pres_amount_bare(struct presentation *p, const struct measure *m, double v);
/* "10% of the target" or an amount ("0:30"); `m` NULL for the report's default. */
const char *pres_tolerance(struct presentation *p, const struct measure *m, struct tolerance t);

/* The labels and the web page's words (present_page.c), once the period's
 * label is made. */
void pres_page_words(struct presentation *p);

/* The initiatives' words (present_initiative.c). */
void pres_initiatives_build(struct presentation *p);
/* Everything present.h promises for one measure (present_measure.c). */
void pres_measure_build(struct presentation *p, const struct measure *m, struct pres_measure *pm);
/* A measure's charts (present_chart.c): the card's, over its latest
 * periods (PRES_CARD_QUARTERS quarters, PRES_CARD_MONTHS months,
 * PRES_CARD_YEARS years) up to the judged one, and the full one from its
 * first value; its periods' words are made already. */
void pres_charts_build(struct presentation *p, struct pres_measure *pm);

/* The press packet's words (present_press.c), once every measure's are
 * made; `st` NULL for the fallbacks. */
void pres_press_build(struct presentation *p, const struct style *st);

#endif
