/* From sheets of cells to rows about measures (import_rows.c): the header
 * row that names the columns, each row's measure (by id, or by its exact
 * name), its period, and its actual, commentary and next steps, each read
 * and checked, every problem reported at the cell it is about. */
#ifndef QREPORT_IMPORT_ROWS_H
#define QREPORT_IMPORT_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "import_table.h"
#include "import_values.h"
#include "model.h"

/* The columns an import reads; every other column is left alone. */
enum import_column { COL_ID, COL_MEASURE, COL_PERIOD, COL_ACTUAL, COL_COMMENTARY, COL_NEXT_STEPS,
		     NCOLUMNS };

/* One row that says something about a measure. */
struct import_entry {
	const struct import_sheet *sheet;
	const struct import_row *row;
	struct measure *m;
	struct period period;
	int col[NCOLUMNS];          /* Where each column is (-1 when absent), for messages. */
	bool has_actual;
	struct amount_read actual;
	const char *commentary;     /* Trimmed, NULL when empty; in the book's arena. */
	const char *next_steps;
};

struct import_rows {
	struct import_entry *entries; /* Heap-owned, sorted by measure then period. */
	size_t n;
	size_t sheets_read;           /* Sheets with a header row. */
};

/* Reads every row of every sheet that has a header row; texts go to the
 * book's arena. A row without a period is for `given` (--period) when that
 * is of its measure's kind, else for the period its figure is due for.
 * Every problem is reported through `d` at its cell; false if there was any. */
bool import_rows_read(struct import_book *b, const struct report *r,
		      const struct period *given, struct import_rows *out, struct diag *d);
/* The period whose figure a measure owes the report: the latest of its
 * kind ended by the end of the report quarter, less its lag. */
struct period import_due_period(const struct report *r, const struct measure *m);
void import_rows_free(struct import_rows *rows);

/* Where an entry's cell is, for messages (see import_where). */
void import_entry_where(const struct import_book *b, const struct import_entry *e,
			enum import_column col, char *buf, size_t n);

#endif
