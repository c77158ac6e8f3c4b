/* Periods: fiscal quarters (FY2018-Q1), calendar months (2017-11), fiscal
 * and calendar years (FY2018, CY2024); their ids, order, dates and labels. */
#ifndef QREPORT_PERIOD_H
#define QREPORT_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* The fiscal years qreport reads: every quarter of them, under any fiscal
 * calendar, falls in the calendar years 1901 to 9999, which both the PDF
 * and the workbook can date (a spreadsheet's dates start in 1900). */
#define PERIOD_MIN_FY 1902
#define PERIOD_MAX_FY 9998
/* The calendar years a date (published) may have. */
#define DATE_MIN_YEAR 1901

/* Whether a fiscal year is within PERIOD_MIN_FY..PERIOD_MAX_FY. */
bool fiscal_year_ok(int fy);
/* The calendar years a month or calendar year may be in. */
#define PERIOD_MIN_YEAR 1901
#define PERIOD_MAX_YEAR 9999
/* Whether a period of any kind is within the years qreport reads. */
bool period_in_range(struct period p);

/* Parse "FY2018-Q1" exactly; false if the text is not a quarter's id. */
bool period_parse(const char *s, struct period *out);
/* Parse a period id of any kind: "FY2018-Q1", "2017-11", "FY2018", "CY2024". */
bool period_parse_any(const char *s, struct period *out);

/* A period's place among the periods of its kind: fy * 4 + quarter - 1 for
 * a quarter, year * 12 + month - 1 for a month, the year for a year. */
int period_index(struct period p);
/* The quarter with that index (the inverse of period_index on quarters). */
struct period period_from_index(int index);
/* The period of a kind with that index. */
struct period period_of(enum period_kind kind, int index);
/* The period `n` periods of its own kind later (earlier when negative). */
struct period period_shift(struct period p, int n);
/* Periods of one kind in time order; periods of different kinds are
 * ordered by kind first, which only sorting needs. */
int period_cmp(struct period a, struct period b);
/* How many periods of the kind a year holds: 4, 12, or 1. */
int period_per_year(enum period_kind kind);

/* "FY2018-Q1", "2017-11", "FY2018", "CY2024": the id as a data file writes it. */
void period_id(struct period p, char *buf, size_t n);
/* "Q1 FY2018", "November 2017", "FY2018", "2024": the label readers see. */
void period_label(struct period p, char *buf, size_t n);

/* First and last day of the period under the calendar. */
void period_dates(struct period p, struct fiscal_calendar cal, struct date *start, struct date *end);
/* "Jul 1 – Sep 30, 2017", or "Nov 1, 2025 – Jan 31, 2026" across a year end. */
void period_dates_label(struct period p, struct fiscal_calendar cal, char *buf, size_t n);
/* Whether period p ends after period q does. */
bool period_ends_after(struct period p, struct period q, struct fiscal_calendar cal);

/* Where a period falls in the fiscal calendar: its fiscal year and its
 * place in that year (the quarter 1..4, the fiscal month 1..12, 1 for a
 * fiscal year). False for a calendar year, which is in two fiscal years
 * unless the fiscal year starts in January. */
bool period_fiscal_place(struct period p, struct fiscal_calendar cal, int *fy, int *place);
/* The latest period of `kind` that ends by the end of quarter `report`. */
struct period period_latest_ended(enum period_kind kind, struct period report,
				  struct fiscal_calendar cal);

/* Parse "YYYY-MM-DD" exactly, checking the day exists. */
bool date_parse(const char *s, struct date *out);
/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar
 * (negative before it). */
long long date_days(struct date d);

/* The one date every output carries, in seconds since 1970 (negative
 * before it): SOURCE_DATE_EPOCH when set and valid, else the data file's
 * published date, else the last day of the report period. Never the clock,
 * so the same inputs give the same bytes. *calendar_day is true when it is
 * a calendar day (midnight, in no particular time zone) rather than an
 * instant. */
long long report_time(const struct report *r, bool *calendar_day);

/* "November 13, 2017" */
void date_long_label(struct date d, char *buf, size_t n);
int days_in_month(int year, int month);

#endif
