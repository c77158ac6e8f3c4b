/* Fiscal periods: ids like FY2018-Q1, their dates and their labels. */
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

/* Parse "FY2018-Q1" exactly; false if the text is not a period id. */
bool period_parse(const char *s, struct period *out);

/* A total order: fy * 4 + quarter - 1. */
int period_index(struct period p);
struct period period_from_index(int index);
int period_cmp(struct period a, struct period b);

/* "FY2018-Q1" */
void period_id(struct period p, char *buf, size_t n);
/* "Q1 FY2018" */
void period_label(struct period p, char *buf, size_t n);

/* First and last day of the quarter under the calendar. */
void period_dates(struct period p, struct fiscal_calendar cal, struct date *start, struct date *end);
/* "Jul 1 – Sep 30, 2017", or "Nov 1, 2025 – Jan 31, 2026" across a year end. */
void period_dates_label(struct period p, struct fiscal_calendar cal, char *buf, size_t n);

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
