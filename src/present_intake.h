/* The words of the intake workbook (qreport template): what a department
 * is told about filling it in, and how each measure's figure is written.
 * Made by the presentation layer, drawn by xlsx_intake.c. */
#ifndef QREPORT_PRESENT_INTAKE_H
#define QREPORT_PRESENT_INTAKE_H

#include <stddef.h>

#include "arena.h"
#include "present.h"

/* The quarters of context the intake shows before the one to fill in. */
#define PRES_INTAKE_HISTORY 4

/* How to write an amount in one unit. */
struct pres_entry {
	const char *unit;        /* For the Unit column: "Percent points", "Minutes:seconds" */
	const char *example;     /* "94.3" */
	const char *hint_title;  /* The cell's prompt title: "Actual, percent points" (at most 32) */
	const char *hint;        /* The prompt: "Type 94.3 for 94.3% (or 94.3%), not 0.943." */
	const char *error;       /* When a typed value is refused. */
	const char *rule;        /* The line on the Instructions sheet. */
};

struct pres_intake_measure {
	const struct pres_entry *entry;
	const char *period_id;                        /* The period its figure is due for: "FY2018-Q2",
						       * "2017-11" for a monthly measure. */
	const char *target;                           /* The target for the quarter, or "None set". */
	const char *history[PRES_INTAKE_HISTORY];     /* Results, oldest first; NULL for none.
						       * Where the measure's periods are not the
						       * heading's quarters, each names its period:
						       * "November 2017: 5:12". */
};

struct pres_intake {
	const char *title;       /* "Figures for Q2 FY2018 (Oct 1 – Dec 31, 2017)" */
	const char *subtitle;    /* "City of Independence, Missouri: Performance Dashboard" */
	const char *period_id;   /* "FY2018-Q2", for the Period column */
	const char *history_label[PRES_INTAKE_HISTORY]; /* "Q2 FY2017" ... oldest first */
	const char **steps;      /* The Instructions sheet, paragraph by paragraph. */
	size_t nsteps;
	const char *units_heading; /* "How to write the Actual" */
	const struct pres_entry *entries[UNIT_YES_NO + 1]; /* By enum unit. */
	struct pres_intake_measure *measures; /* One per r->measures, same order. */
};

/* The intake's words for the presentation's report, in `a`. */
const struct pres_intake *present_intake(const struct presentation *p, struct arena *a);

#endif
