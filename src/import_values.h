/* A spreadsheet's value as an amount in a measure's unit (import_values.c). */
#ifndef QREPORT_IMPORT_VALUES_H
#define QREPORT_IMPORT_VALUES_H

#include <stdbool.h>

#include "import_table.h"
#include "model.h"
#include "period.h"
#include "units.h"

struct amount_read {
	bool empty;            /* Nothing in the cell: no value given. */
	double value;          /* In the unit: percent points, seconds for a duration. */
	char text[64];         /* As the data file writes it: "94.3", "8:37", "1250000". */
	bool explicit_percent; /* Written with % or in a percent-formatted cell. */
	char why[400];         /* When it cannot be read: what is wrong; expected what. */
};

/* Reads a cell (NULL: empty) as an amount of a measure in `unit` (and
 * `currency` for money); false with out->why when it cannot be read
 * without doubt. */
bool import_amount(const struct import_cell *c, enum unit unit, const char *currency,
		   struct amount_read *out);

/* Whether a percent value for period p looks like a fraction typed for a
 * percentage (0.943 for 94.3 %): below 1 (and not 0) where the measure's
 * other values are all 1 or more, or where every value is below 1. */
bool import_looks_like_fraction(const struct measure *m, double v, struct period p);

#endif
