/* Fiscal periods and calendar dates: parsing ids, ordering, dates and labels. */
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
	out->fy = fy;
	out->quarter = s[8] - '0';
	return true;
}

/* The period's place in the total order of quarters. */
int period_index(struct period p)
{
	return p.fy * 4 + p.quarter - 1;
}

/* The inverse of period_index (indexes are never negative: years have four digits). */
struct period period_from_index(int index)
{
	struct period p = { index / 4, index % 4 + 1 };
	return p;
}

/* Negative, zero or positive as a is before, the same as, or after b. */
int period_cmp(struct period a, struct period b)
{
	int ia = period_index(a), ib = period_index(b);
	return (ia > ib) - (ia < ib);
}

/* The id as a data file writes it. */
void period_id(struct period p, char *buf, size_t n)
{
	snprintf(buf, n, "FY%04d-Q%d", p.fy, p.quarter);
}

/* The label readers see. */
void period_label(struct period p, char *buf, size_t n)
{
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

/* First and last day of a quarter. A fiscal year named by its end starts in the
 * previous calendar year unless it starts in January. */
void period_dates(struct period p, struct fiscal_calendar cal, struct date *start, struct date *end)
{
	int year = p.fy;
	if (cal.named_by_end && cal.start_month != 1)
		year--;
	int month0 = cal.start_month - 1 + (p.quarter - 1) * 3; /* Months since January of `year`. */
	start->year = year + month0 / 12;
	start->month = month0 % 12 + 1;
	start->day = 1;
	int last0 = month0 + 2;
	end->year = year + last0 / 12;
	end->month = last0 % 12 + 1;
	end->day = days_in_month(end->year, end->month);
}

/* "Jul 1 – Sep 30, 2017"; both years shown when the quarter spans a year end. */
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
