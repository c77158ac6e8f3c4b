/* Periods of every kind and calendar dates: parsing ids, ordering, dates and
 * labels. Quarters are what they always were; months, fiscal years and
 * calendar years sit beside them, each kind ordered on its own. */
#include "period.h"

#include <stdio.h>
#include <string.h>

#include "source_date.h"

static const char *const month_names[12] = {
	"January", "February", "March",     "April",   "May",      "June",
	"July",    "August",   "September", "October", "November", "December",
};

/* Reads exactly `n` ASCII digits at s; false if any is not a digit. */
static bool read_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool fiscal_year_ok(int fy)
{
	return fy >= PERIOD_MIN_FY && fy <= PERIOD_MAX_FY;
}

long long date_days(struct date dt)
{
	long long y = dt.year - (dt.month <= 2);
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long mp = (dt.month + 9) % 12;
	long long doy = (153 * mp + 2) / 5 + dt.day - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Parses "FY2018-Q1" and nothing else: no spaces, no lower case, no other digit counts. */
bool period_parse(const char *s, struct period *out)
{
	int fy;
	if (strlen(s) != 9 || s[0] != 'F' || s[1] != 'Y' || !read_digits(s + 2, 4, &fy) ||
	    s[6] != '-' || s[7] != 'Q' || s[8] < '1' || s[8] > '4')
		return false;
	*out = (struct period){.fy = fy, .quarter = s[8] - '0', .kind = PERIOD_QUARTER};
	return true;
}

/* Parses any period id, exactly as the format writes it. */
bool period_parse_any(const char *s, struct period *out)
{
	if (period_parse(s, out))
		return true;
	size_t n = strlen(s);
	int y, m;
	if (n == 6 && (s[0] == 'F' || s[0] == 'C') && s[1] == 'Y' && read_digits(s + 2, 4, &y)) {
		*out = s[0] == 'F' ? (struct period){.fy = y, .kind = PERIOD_FISCAL_YEAR}
				   : (struct period){.year = y, .kind = PERIOD_CALENDAR_YEAR};
		return true;
	}
	if (n == 7 && read_digits(s, 4, &y) && s[4] == '-' && read_digits(s + 5, 2, &m) && m >= 1 &&
	    m <= 12) {
		*out = (struct period){.year = y, .month = m, .kind = PERIOD_MONTH};
		return true;
	}
	return false;
}

/* See period.h. */
bool period_in_range(struct period p)
{
	switch (p.kind) {
	case PERIOD_QUARTER:
	case PERIOD_FISCAL_YEAR:
		return fiscal_year_ok(p.fy);
	case PERIOD_MONTH:
	case PERIOD_CALENDAR_YEAR:
		return p.year >= PERIOD_MIN_YEAR && p.year <= PERIOD_MAX_YEAR;
	}
	return false;
}

/* The period's place in the total order of its kind. */
int period_index(struct period p)
{
	switch (p.kind) {
	case PERIOD_QUARTER:
		break;
	case PERIOD_MONTH:
		return p.year * 12 + p.month - 1;
	case PERIOD_FISCAL_YEAR:
		return p.fy;
	case PERIOD_CALENDAR_YEAR:
		return p.year;
	}
	return p.fy * 4 + p.quarter - 1;
}

/* The inverse of period_index on quarters (indexes are never negative: years have four digits). */
struct period period_from_index(int index)
{
	struct period p = {.fy = index / 4, .quarter = index % 4 + 1};
	return p;
}

/* See period.h. */
struct period period_of(enum period_kind kind, int index)
{
	switch (kind) {
	case PERIOD_QUARTER:
		break;
	case PERIOD_MONTH:
		return (struct period){.year = index / 12, .month = index % 12 + 1, .kind = kind};
	case PERIOD_FISCAL_YEAR:
		return (struct period){.fy = index, .kind = kind};
	case PERIOD_CALENDAR_YEAR:
		return (struct period){.year = index, .kind = kind};
	}
	return period_from_index(index);
}

/* See period.h. */
struct period period_shift(struct period p, int n)
{
	return period_of(p.kind, period_index(p) + n);
}

/* Negative, zero or positive as a is before, the same as, or after b. */
int period_cmp(struct period a, struct period b)
{
	if (a.kind != b.kind)
		return (a.kind > b.kind) - (a.kind < b.kind);
	int ia = period_index(a), ib = period_index(b);
	return (ia > ib) - (ia < ib);
}

/* See period.h. */
int period_per_year(enum period_kind kind)
{
	switch (kind) {
	case PERIOD_QUARTER:
		return 4;
	case PERIOD_MONTH:
		return 12;
	case PERIOD_FISCAL_YEAR:
	case PERIOD_CALENDAR_YEAR:
		break;
	}
	return 1;
}

/* The id as a data file writes it. */
void period_id(struct period p, char *buf, size_t n)
{
	switch (p.kind) {
	case PERIOD_QUARTER:
		break;
	case PERIOD_MONTH:
		snprintf(buf, n, "%04d-%02d", p.year, p.month);
		return;
	case PERIOD_FISCAL_YEAR:
		snprintf(buf, n, "FY%04d", p.fy);
		return;
	case PERIOD_CALENDAR_YEAR:
		snprintf(buf, n, "CY%04d", p.year);
		return;
	}
	snprintf(buf, n, "FY%04d-Q%d", p.fy, p.quarter);
}

/* The label readers see. */
void period_label(struct period p, char *buf, size_t n)
{
	switch (p.kind) {
	case PERIOD_QUARTER:
		break;
	case PERIOD_MONTH:
		snprintf(buf, n, "%s %d", month_names[p.month - 1], p.year);
		return;
	case PERIOD_FISCAL_YEAR:
		snprintf(buf, n, "FY%04d", p.fy);
		return;
	case PERIOD_CALENDAR_YEAR:
		snprintf(buf, n, "%d", p.year);
		return;
	}
	snprintf(buf, n, "Q%d FY%04d", p.quarter, p.fy);
}

/* Days in a month of the proleptic Gregorian calendar. */
int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

/* The calendar year a fiscal year starts in. A fiscal year named by its end
 * starts in the previous calendar year unless it starts in January. */
static int fiscal_start_year(int fy, struct fiscal_calendar cal)
{
	return cal.named_by_end && cal.start_month != 1 ? fy - 1 : fy;
}

/* A span of `months` months from the one `month0` months after January of
 * `year`. */
static void month_span(int year, int month0, int months, struct date *start, struct date *end)
{
	start->year = year + month0 / 12;
	start->month = month0 % 12 + 1;
	start->day = 1;
	int last0 = month0 + months - 1;
	end->year = year + last0 / 12;
	end->month = last0 % 12 + 1;
	end->day = days_in_month(end->year, end->month);
}

/* First and last day of a period. */
void period_dates(struct period p, struct fiscal_calendar cal, struct date *start, struct date *end)
{
	switch (p.kind) {
	case PERIOD_QUARTER:
		month_span(fiscal_start_year(p.fy, cal), cal.start_month - 1 + (p.quarter - 1) * 3, 3,
			   start, end);
		return;
	case PERIOD_MONTH:
		month_span(p.year, p.month - 1, 1, start, end);
		return;
	case PERIOD_FISCAL_YEAR:
		month_span(fiscal_start_year(p.fy, cal), cal.start_month - 1, 12, start, end);
		return;
	case PERIOD_CALENDAR_YEAR:
		month_span(p.year, 0, 12, start, end);
		return;
	}
}

/* "Jul 1 – Sep 30, 2017"; both years shown when the period spans a year end. */
void period_dates_label(struct period p, struct fiscal_calendar cal, char *buf, size_t n)
{
	struct date s, e;
	period_dates(p, cal, &s, &e);
	if (s.year == e.year)
		snprintf(buf, n, "%.3s %d \xe2\x80\x93 %.3s %d, %d", month_names[s.month - 1], s.day,
			 month_names[e.month - 1], e.day, e.year);
	else
		snprintf(buf, n, "%.3s %d, %d \xe2\x80\x93 %.3s %d, %d", month_names[s.month - 1],
			 s.day, s.year, month_names[e.month - 1], e.day, e.year);
}

/* See period.h. */
bool period_ends_after(struct period p, struct period q, struct fiscal_calendar cal)
{
	struct date ps, pe, qs, qe;
	period_dates(p, cal, &ps, &pe);
	period_dates(q, cal, &qs, &qe);
	return date_days(pe) > date_days(qe);
}

/* See period.h. */
bool period_fiscal_place(struct period p, struct fiscal_calendar cal, int *fy, int *place)
{
	switch (p.kind) {
	case PERIOD_QUARTER:
		*fy = p.fy;
		*place = p.quarter;
		return true;
	case PERIOD_FISCAL_YEAR:
		*fy = p.fy;
		*place = 1;
		return true;
	case PERIOD_MONTH: {
		int start_year = p.month >= cal.start_month ? p.year : p.year - 1;
		*fy = cal.named_by_end && cal.start_month != 1 ? start_year + 1 : start_year;
		*place = (p.month - cal.start_month + 12) % 12 + 1;
		return true;
	}
	case PERIOD_CALENDAR_YEAR:
		if (cal.start_month != 1)
			return false;
		*fy = p.year;
		*place = 1;
		return true;
	}
	return false;
}

/* See period.h. */
struct period period_latest_ended(enum period_kind kind, struct period report,
				  struct fiscal_calendar cal)
{
	struct date s, e;
	period_dates(report, cal, &s, &e);
	switch (kind) {
	case PERIOD_QUARTER:
		break;
	case PERIOD_MONTH:
		return (struct period){.year = e.year, .month = e.month, .kind = kind};
	case PERIOD_FISCAL_YEAR:
		return (struct period){.fy = report.quarter == 4 ? report.fy : report.fy - 1,
				       .kind = kind};
	case PERIOD_CALENDAR_YEAR:
		return (struct period){.year = e.month == 12 ? e.year : e.year - 1, .kind = kind};
	}
	return report;
}

/* Parses "YYYY-MM-DD" exactly, refusing days that do not exist. */
bool date_parse(const char *s, struct date *out)
{
	int y, m, d;
	if (strlen(s) != 10 || !read_digits(s, 4, &y) || s[4] != '-' || !read_digits(s + 5, 2, &m) ||
	    s[7] != '-' || !read_digits(s + 8, 2, &d))
		return false;
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	out->year = y;
	out->month = m;
	out->day = d;
	return true;
}

/* "November 13, 2017" */
void date_long_label(struct date d, char *buf, size_t n)
{
	snprintf(buf, n, "%s %d, %d", month_names[d.month - 1], d.day, d.year);
}

long long report_time(const struct report *r, bool *calendar_day)
{
	long long secs;
	*calendar_day = false;
	if (source_date_epoch(&secs))
		return secs;
	*calendar_day = true;
	struct date dt = r->has_published ? r->published : r->period_end;
	return date_days(dt) * 86400;
}
