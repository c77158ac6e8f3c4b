/* What an import reads, whatever the file was: sheets (one for a CSV) of
 * rows of cells, each cell as the spreadsheet stored it (text, or a number
 * with its number format), and where it stood, so that every message can
 * say FILE:LINE: for a CSV and FILE:SHEET!CELL: for a workbook. Filled by
 * import_csv.c and xlsxread.c, read by the import. */
#ifndef QREPORT_IMPORT_TABLE_H
#define QREPORT_IMPORT_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

/* Limits that keep a hostile spreadsheet bounded; far above a real intake
 * (2,000 measures by 14 columns is 28,000 cells). docs/limits.md. */
#define IMPORT_MAX_FILE_BYTES (64L * 1024 * 1024)   /* The CSV or XLSX file itself. */
#define IMPORT_MAX_CELLS 1000000L                   /* Cells with content, all sheets. */
#define IMPORT_MAX_TEXT 32767                       /* Characters in one cell, as Excel allows. */

enum cell_kind {
	CELL_EMPTY,
	CELL_TEXT,    /* Text: a CSV field, a shared or inline string, a formula's text. */
	CELL_NUMBER,  /* A number, with the cell's number format. */
	CELL_BOOLEAN, /* TRUE or FALSE. */
	CELL_ERROR,   /* An error value such as #DIV/0!; `text` holds it. */
	CELL_DATE,    /* A date stored as ISO 8601 text (t="d"); `text` holds it. */
};

/* What a number format shows a number as. */
enum numfmt_kind {
	NUMFMT_GENERAL, /* General, or no format. */
	NUMFMT_NUMBER,  /* Digits, separators, currency, fractions, exponents. */
	NUMFMT_PERCENT, /* The number times 100 with a % sign. */
	NUMFMT_DATE,    /* A calendar date, with or without a time. */
	NUMFMT_TIME,    /* A time: see the flags. */
	NUMFMT_TEXT,    /* @: what is typed stays text. */
};

struct numfmt {
	enum numfmt_kind kind;
	bool hours;     /* NUMFMT_TIME: shows hours (h). */
	bool seconds;   /* Shows seconds (s). */
	bool elapsed;   /* Shows elapsed time ([h], [m] or [s]), not a time of day. */
	bool ampm;      /* A time of day with AM/PM. */
	const char *code; /* The format code, for messages ("0.0%", "[h]:mm:ss"). */
};

struct import_cell {
	int col;           /* 0 for A. */
	enum cell_kind kind;
	const char *text;  /* CELL_TEXT, CELL_ERROR, CELL_DATE; else NULL. */
	double number;     /* CELL_NUMBER, CELL_BOOLEAN (0 or 1). */
	struct numfmt fmt; /* CELL_NUMBER read from a workbook; GENERAL otherwise. */
};

struct import_row {
	long number;               /* A CSV's line (its first), a sheet's row (1 for row 1). */
	struct import_cell *cells; /* Cells with content, by column; sparse. */
	size_t ncells;
};

struct import_sheet {
	const char *name;          /* The sheet's name; NULL for a CSV. */
	struct import_row *rows;   /* Rows with content, in order. */
	size_t nrows;
};

struct import_book {
	struct arena arena;        /* Owns everything below. */
	const char *path;          /* The file as named on the command line. */
	struct import_sheet *sheets;
	size_t nsheets;
};

void import_book_init(struct import_book *b, const char *path);
void import_book_free(struct import_book *b);

/* The cell of a row in a column, or NULL when it is empty. */
const struct import_cell *import_cell_at(const struct import_row *r, int col);

/* Where a cell (or, with col < 0, a row) is, as messages name it:
 * "values.xlsx:Police!D7", "values.xlsx:'Q2 data'!D7", "values.csv:7".
 * Written into buf; for a CSV it is FILE:LINE, so a message printed with
 * diag's file = this and line = 0 reads FILE:LINE: error: ... */
void import_where(const struct import_book *b, const struct import_sheet *s,
		  const struct import_row *r, int col, char *buf, size_t n);
/* A column's letters: 0 is A, 26 is AA. */
void import_column_name(int col, char *buf, size_t n);

/* The file to import, read whole with a ceiling: heap-owned and
 * NUL-terminated, or NULL after reporting why it cannot be read. */
char *import_read_file(struct import_book *b, size_t *len, struct diag *d);

/* What a number format code shows a number as (xlsxread.c). */
struct numfmt import_numfmt_classify(const char *code);

/* Read a CSV (import_csv.c) or an XLSX workbook (xlsxread.c) into `b`.
 * Every problem is reported through `d`; false if there was any. */
bool import_read_csv(struct import_book *b, struct diag *d);
bool xlsx_read(struct import_book *b, struct diag *d);

#endif
