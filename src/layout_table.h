/* Tables: column widths from the content, wrapped cells, numbers aligned
 * right, banded rows, and the head row repeated on every page the table
 * continues to. A row is one flow item, so it is never split. */
#ifndef QREPORT_LAYOUT_TABLE_H
#define QREPORT_LAYOUT_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "layout_blocks.h"

struct tcol {
	const char *head;  /* Column heading. */
	enum align align;  /* ALIGN_RIGHT for numbers. */
	bool prose;        /* Words (names, targets) that may wrap to give figures room. */
};

struct tcell {
	struct tspan *spans; /* In the arena; NULL or nspans 0 for an empty cell. */
	size_t nspans;
	bool icon;           /* A status icon before the text. */
	enum status status;
	int dest;            /* The whole cell links to this destination, or -1. */
	long line;           /* Data file line for warnings about its characters. */
	bool row_head;       /* Heads its row (a measure's name): a TH of row scope. */
	const char *actual_text; /* Words read in place of what it shows (a dash), or NULL. */
};

struct table {
	const struct tcol *cols;
	size_t ncols;
	struct tcell *cells;  /* nrows x ncols, row by row. */
	size_t nrows;
	int parent;           /* Element the Table goes under. */
	double x, width;
	double space_before;
	bool band;            /* Shade every other row. */
	enum tkind kind;      /* Text style of the cells. */
	const char *continued;/* Drawn above the head row where the table goes on to a new
			       * page ("Growth, continued"), or NULL. Must outlive the layout. */
	long continued_line;  /* Data file line of its words, for warnings about them. */
	/* Filled by table_shape and table_fit. */
	struct tblock *blocks;  /* Shaped cells, (nrows + 1) x ncols: the head row first. */
	double *minw, *maxw;    /* Per column, padding included. */
	double *widths;
	/* Filled by table_flow: the head row's TH elements, per column. */
	int *head_cells;
};

/* One cell of plain text in the arena (copied). */
void tcell_text(struct lay *L, struct tcell *c, const char *text);
/* A measure's result: the presentation's words, or its mark for none. */
void tcell_result(struct lay *L, struct tcell *c, const struct pres_measure *pm);

/* Shape every cell and measure the columns' least and natural widths. */
void table_shape(struct lay *L, struct table *t);
/* Choose column widths from least/natural widths (another table's, to line
 * several tables up, or the table's own when NULL). */
void table_fit(struct lay *L, struct table *t, const double *minw, const double *maxw);
/* Lay the table into the flow and free what table_shape made. */
void table_flow(struct lay *L, struct table *t);

#endif
