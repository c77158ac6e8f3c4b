/* The workbook back end's shared parts: one context per workbook, the cell
 * formats made once for it, and one writer per sheet (xlsx_*.c). Only the
 * workbook back end includes this header, and with it xlsxwriter.h. */
#ifndef QREPORT_XLSX_H
#define QREPORT_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <xlsxwriter.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "present.h"
#include "style.h"

/* How an amount of a measure is shown: the amount itself, a signed
 * difference, or an allowed miss (a difference without sign). */
enum xlsx_amount_kind { XLSX_VALUE, XLSX_DELTA, XLSX_MISS };

/* A number format made for one unit, decimals and currency. */
struct xlsx_unit_format {
	enum unit unit;
	int decimals;
	const char *currency;     /* NULL unless unit is currency. */
	enum amount_scale scale;  /* Shown in thousands, millions, billions. */
	const char *label;        /* The unit's words after the amount, or NULL. */
	enum xlsx_amount_kind kind;
	lxw_format *format;       /* Owned by the workbook. */
};

/* A period's texts and dates, worked out once per workbook. */
struct xlsx_period {
	int index;                 /* period_index, or -1 when the slot is empty. */
	enum period_kind kind;     /* Indexes count within a kind. */
	char id[24];               /* "FY2018-Q1", "2017-11" */
	char label[24];            /* "Q1 FY2018", "November 2017" */
	struct date start, end;    /* Under the report's calendar. */
	bool has_fy;               /* It lies in one fiscal year: */
	int fy;                    /* that year, */
	int quarter;               /* and its fiscal quarter, or 0 for a year. */
};

/* Slots in the period cache; a report's periods are consecutive, so any
 * span shorter than this many quarters never evicts. */
#define XLSX_PERIOD_SLOTS 64

/* Sheet and table names that formulas and links of other sheets name. */
#define XLSX_MEASURES "Measures"
#define XLSX_MEASURE_TABLE "MeasureTable"
#define XLSX_HISTORY "History"
#define XLSX_CHARTS "Charts"
#define XLSX_CHART_DATA "Chart data"

/* One goal's chart on the Charts sheet: a chart of the measure chosen in
 * its box, read through formulas from the Chart data sheet. */
struct xlsx_goal_chart {
	const struct goal *goal;
	size_t goal_index;
	const struct measure *shown;  /* The measure chosen at first: the goal's first with a chart. */
	lxw_row_t top;                /* The section's first row on Charts. */
	lxw_row_t list;               /* The first row of its list of measures. */
	size_t ncharted;              /* Its measures with a chart, listed from `list` on. */
	size_t npoints;               /* Rows the plotted block has: the most points of its measures. */
	size_t nbench;                /* Benchmark series: the most benchmarks of its measures. */
};

/* Where the charts and their data go, worked out before any sheet is
 * written, so that links from the Measures sheet can point at them. */
struct xlsx_chart_plan {
	struct xlsx_goal_chart *goals; /* Heap-owned; goals with at least one chart. */
	size_t ngoals;
	lxw_row_t *list_row;  /* Per measure index: its row in its goal's list, 0 without a chart. */
	lxw_row_t *data_row;  /* Per measure index: its block's first row on Chart data. */
	lxw_row_t data_rows;  /* Rows the Chart data sheet uses. */
};

/* Everything the sheet writers share while one workbook is written. */
struct xlsx {
	lxw_workbook *wb;          /* Owned; closed by render_xlsx. */
	const struct report *r;
	const struct presentation *p; /* Every word a reader sees comes from here. */
	const struct style *st;
	struct diag *d;
	struct arena scratch;      /* Strings handed to the library; freed with the context. */
	char *join;                /* Heap-owned buffer for xlsx_paras_text. */
	size_t join_len, join_cap;
	lxw_error err;             /* First failed write, LXW_NO_ERROR when none. */
	int real_stderr;           /* The standard error stream while the library's is captured; -1 when not. */
	bool truncated;            /* Some text was cut to the cell limit. */

	struct xlsx_period periods[XLSX_PERIOD_SLOTS]; /* By period index modulo the size. */

	struct xlsx_unit_format *units; /* Heap-owned cache, grown as units appear. */
	size_t nunits, capunits;

	lxw_format *title;         /* Report title on the Summary sheet. */
	lxw_format *subtitle;
	lxw_format *heading;       /* Bold, for headings within a sheet. */
	lxw_format *label;         /* Bold labels beside a value. */
	lxw_format *header;        /* Table header cells: bold, wrapped. */
	lxw_format *text;          /* Plain text aligned to the top. */
	lxw_format *wrap;          /* Long text, wrapped. */
	lxw_format *date;          /* Calendar dates. */
	lxw_format *integer;       /* Counts of measures, years, quarters. */
	lxw_format *ratio;         /* Variance as a share of the target. */
	lxw_format *plain;         /* A plain number, shown as it is: seconds beside times. */
	lxw_format *link;          /* A link within the workbook. */
	lxw_format *plotted;       /* A chart's plain numbers, to three places. */
	lxw_format *status[STATUS_COUNT]; /* Fill, colour and symbol per status. */
	lxw_format *swatch[STATUS_COUNT]; /* The status fill alone, for legends. */

	struct xlsx_chart_plan charts;
};

/* Sort what was printed while the library ran (`in`, read from where it
 * is): the program's own lines go on to `out`, the library's warnings
 * become warnings naming `path`, and its errors refuse the workbook. True
 * when it printed an error; `why` gets the first one's words. */
bool xlsx_pass_on(FILE *in, FILE *out, const char *path, struct diag *d, char *why,
		  size_t why_size);

/* Make the workbook's fixed formats (colours and labels from the style). */
void xlsx_formats_init(struct xlsx *x);
void xlsx_formats_free(struct xlsx *x);
/* The number format for amounts (or differences) of measure `m`, made on first use. */
lxw_format *xlsx_unit_format(struct xlsx *x, const struct measure *m, enum xlsx_amount_kind kind);
/* The same with `decimals` places (at most six): a difference from a
 * pro-rated target, an allowed miss, as the presentation shows them. */
lxw_format *xlsx_amount_format(struct xlsx *x, const struct measure *m, enum xlsx_amount_kind kind,
			       int decimals);
/* The format for amount `v` of `m`, with the places readers see it with. */
lxw_format *xlsx_value_format(struct xlsx *x, const struct measure *m, double v);
/* The format for a period's target amount, with the places the PDF shows. */
lxw_format *xlsx_target_format(struct xlsx *x, const struct measure *m,
			       const struct pres_period *pp);
/* The Excel number format code for a unit's amounts: exposed for chart axes. */
void xlsx_format_code(const struct measure *m, enum xlsx_amount_kind kind, char *buf, size_t n);

/* An amount in the unit as a spreadsheet stores it: percent as a fraction,
 * duration as a fraction of a day; rounded to the places the format
 * decides with, so that 97.9 % is stored as 0.979, not 0.9790000000000001. */
double xlsx_amount(const struct measure *m, double v);
/* `v` to nine decimal places, as the nearest double to that decimal. */
double xlsx_round9(double v);
/* A difference of two amounts: percentage points, duration in seconds. */
double xlsx_delta(const struct measure *m, double v);
/* The formula factor that turns a difference of stored amounts into a stored delta. */
const char *xlsx_delta_factor(const struct measure *m);

/* A layout colour as the library's 0xRRGGBB. */
lxw_color_t xlsx_color(struct rgb c);

/* The symbol that tells a status apart without colour. */
const char *xlsx_status_symbol(enum status s);

/* `p`, or a message and exit when the library could not allocate it. */
void *xlsx_need(struct xlsx *x, void *p);

/* An amount of `m` in column `col`, as xlsx_amount stores it, in format
 * `f` (NULL: the amount's own, xlsx_value_format); for a duration also its
 * seconds, as a plain number, in `seconds_col` (0: none). */
void xlsx_amount_cells(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		       lxw_col_t seconds_col, const struct measure *m, double v, lxw_format *f);
/* A link from a measure's row to its goal's chart, where it has one. */
void xlsx_chart_link(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		     const struct measure *m);
/* A link to a cell of another sheet, shown as `text`; `tip` may be NULL. */
void xlsx_link(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	       const char *sheet, lxw_row_t to_row, lxw_col_t to_col, const char *text,
	       const char *tip);
/* A COUNTIFS criterion that matches `text` exactly, quoted for a formula:
 * "=Goal Met", with the wildcards *, ? and ~ escaped. In scratch memory. */
const char *xlsx_criterion(struct xlsx *x, const char *text);
/* A chart title as the library takes it: one starting with "=" would be
 * read as a cell reference. In scratch memory. */
const char *xlsx_chart_title(struct xlsx *x, const char *text);
/* `text` as a string in a formula: quoted, its quotes doubled. In scratch memory. */
const char *xlsx_formula_string(struct xlsx *x, const char *text);
/* A formula cell whose value is text, cached. */
void xlsx_formula_text(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		       const char *formula, const char *cached, lxw_format *f);

/* Writing cells: each records the first library error in x->err. */
/* Text, or nothing at all when there is none: a blank cell costs memory
 * on every row of a large sheet. */
void xlsx_text(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
	       lxw_format *f);
void xlsx_string(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		 const char *s, lxw_format *f);
void xlsx_number(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		 double v, lxw_format *f);
void xlsx_formula(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		  const char *formula, double cached, lxw_format *f);
void xlsx_date(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	       struct date d, lxw_format *f);
void xlsx_boolean(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, bool v);
/* An amount of measure `m` as stored (xlsx_amount): a number, or for a
 * rating or yes/no the level's words as the data file writes them. */
void xlsx_value(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		const struct measure *m, double v, lxw_format *f);
/* The comparison a target makes, as the Comparison columns name it:
 * "at least", or for a range "between" (both ends included) or its two
 * comparisons, "more than; at most". */
const char *xlsx_comparison(struct xlsx *x, const struct target *t);
/* Whether amounts of `m` are words (a rating, a yes/no), which no formula
 * subtracts. */
bool xlsx_worded(const struct measure *m);
void xlsx_check(struct xlsx *x, lxw_error e);

/* A copy the library may keep (it takes `char *`), living in x->scratch. */
char *xlsx_strdup(struct xlsx *x, const char *s);
/* Plain text of a paragraph, in scratch memory. */
const char *xlsx_para_text(struct xlsx *x, const struct para *p);
/* Plain text of several paragraphs joined by blank lines, valid until the
 * next call: for cell text, which the library copies. */
const char *xlsx_paras_text(struct xlsx *x, const struct paras *ps);
/* The link targets of a paragraph, space separated, or "" when none. */
const char *xlsx_para_links(struct xlsx *x, const struct para *p);

/* A period's id, label and dates: History and Charts repeat a few periods
 * on thousands of rows. Valid until the next call for another period. */
const struct xlsx_period *xlsx_period(struct xlsx *x, struct period p);

/* Lines a wrapped text needs in a column `width` characters wide. */
int xlsx_text_lines(const char *s, double width);
/* Set a row's height for `lines` lines of text (no change for one line). */
void xlsx_fit_row(lxw_worksheet *ws, lxw_row_t row, int lines);

/* A data sheet's table: headers from `names`, covering rows first..last
 * (last is raised to leave one empty data row when there is no data). */
void xlsx_table(struct xlsx *x, lxw_worksheet *ws, const char *name, lxw_row_t first,
		lxw_row_t last, const char *const *names, lxw_col_t ncols);
/* Column widths, wrapping long text. */
void xlsx_widths(lxw_worksheet *ws, const double *widths, lxw_col_t ncols, lxw_format *wrap,
		 double wrap_from);
/* Landscape, fit to one page wide, page numbers in the footer, and the header
 * row repeated on every page when `repeat_row` is true. */
void xlsx_print_setup(lxw_worksheet *ws, bool repeat_row);
/* A table too wide for one page: landscape on the layout's paper at a
 * readable scale, across pages row band by row band, with the header row
 * and columns A to `repeat_to` on every page, printing columns A to
 * `last_col` of rows 0 to `last_row`. */
void xlsx_print_wide(struct xlsx *x, lxw_worksheet *ws, lxw_col_t repeat_to, lxw_col_t last_col,
		     lxw_row_t last_row);
/* The layout's paper as the library numbers it (0: the printer's own). */
uint8_t xlsx_paper(const struct style *st);
/* The printable height of a landscape page of that paper, in points,
 * between the library's default margins. */
double xlsx_landscape_height(const struct style *st);

/* History's goal ids, periods and statuses as absolute ranges
 * (History!$C$2:$C$n), each in a buffer of `n` bytes. */
void xlsx_history_ranges(const struct xlsx *x, char *goal, char *period, char *status, size_t n);

/* Plan the Charts and Chart data sheets (x->charts); free the plan. */
void xlsx_charts_plan(struct xlsx *x);
void xlsx_charts_plan_free(struct xlsx *x);

/* The sheets, in the order the workbook lists them. */
void xlsx_summary(struct xlsx *x);
void xlsx_measures(struct xlsx *x);
void xlsx_history(struct xlsx *x);
void xlsx_breakdown(struct xlsx *x);
void xlsx_status_periods(struct xlsx *x);
void xlsx_charts(struct xlsx *x);
void xlsx_initiatives(struct xlsx *x);
void xlsx_definitions(struct xlsx *x);
void xlsx_benchmarks(struct xlsx *x);
void xlsx_narrative(struct xlsx *x);
void xlsx_chart_data(struct xlsx *x);
void xlsx_about(struct xlsx *x);

#endif
