/* Period ids, fiscal calendars, dates and their labels. */
#include "harness.h"
#include "period.h"

#define EN_DASH "\xe2\x80\x93"

/* Dates as one comparable number, 20170701. */
static int ymd(struct date d)
{
	return d.year * 10000 + d.month * 100 + d.day;
}

static void test_parse(void)
{
	struct period p = { .fy = 0, .quarter = 0 };
	CHECK(period_parse("FY2018-Q1", &p), "FY2018-Q1 parses");
	CHECK_INT(p.fy, 2018, "fiscal year");
	CHECK_INT(p.quarter, 1, "quarter");
	CHECK(period_parse("FY0999-Q4", &p) && p.fy == 999 && p.quarter == 4, "leading zero year");
	const char *bad[] = { "FY2018-Q5", "FY2018-Q0", "FY18-Q1",    "fy2018-q1", "FY2018Q1",
			      " FY2018-Q1", "FY2018-Q1 ", "FY20180-Q1", "FY2018-Q",  "",
			      "FY2018-Q12", "Q1 FY2018", "FY-2018-Q1", "FY201a-Q1" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char what[80];
		snprintf(what, sizeof what, "\"%s\" is not a period", bad[i]);
		CHECK(!period_parse(bad[i], &p), what);
	}
}

static void test_order(void)
{
	struct period a = { .fy = 2018, .quarter = 1 }, b = { .fy = 2017, .quarter = 4 }, c = { .fy = 2018, .quarter = 1 };
	CHECK_INT(period_index(a), 2018 * 4, "index of Q1");
	CHECK_INT(period_index(b), 2018 * 4 - 1, "Q4 of the year before is just before");
	CHECK(period_cmp(a, b) > 0, "later compares greater");
	CHECK(period_cmp(b, a) < 0, "earlier compares less");
	CHECK_INT(period_cmp(a, c), 0, "same compares equal");
	for (int i = 8000; i < 8012; i++) {
		struct period p = period_from_index(i);
		CHECK_INT(period_index(p), i, "from_index and index are inverse");
	}
	struct period q = period_from_index(2018 * 4 + 3);
	CHECK(q.fy == 2018 && q.quarter == 4, "from_index gives Q4");
}

static void test_labels(void)
{
	char buf[64];
	struct period p = { .fy = 2018, .quarter = 1 };
	period_id(p, buf, sizeof buf);
	CHECK_STR(buf, "FY2018-Q1", "id");
	period_label(p, buf, sizeof buf);
	CHECK_STR(buf, "Q1 FY2018", "label");
	period_label((struct period){ .fy = 2025, .quarter = 3 }, buf, sizeof buf);
	CHECK_STR(buf, "Q3 FY2025", "label of Q3");
}

static void test_dates(void)
{
	struct fiscal_calendar july_end = { 7, true }, july_start = { 7, false };
	struct date s, e;
	period_dates((struct period){ .fy = 2018, .quarter = 1 }, july_end, &s, &e);
	CHECK_INT(ymd(s), 20170701, "FY2018-Q1 starts 2017-07-01 (named by end)");
	CHECK_INT(ymd(e), 20170930, "FY2018-Q1 ends 2017-09-30");
	period_dates((struct period){ .fy = 2018, .quarter = 4 }, july_end, &s, &e);
	CHECK_INT(ymd(s), 20180401, "FY2018-Q4 starts 2018-04-01");
	CHECK_INT(ymd(e), 20180630, "FY2018-Q4 ends 2018-06-30");
	period_dates((struct period){ .fy = 2018, .quarter = 2 }, july_end, &s, &e);
	CHECK_INT(ymd(e), 20171231, "FY2018-Q2 ends 2017-12-31");
	period_dates((struct period){ .fy = 2017, .quarter = 1 }, july_start, &s, &e);
	CHECK_INT(ymd(s), 20170701, "FY2017 starts 2017-07-01 (named by start)");
	period_dates((struct period){ .fy = 2017, .quarter = 3 }, july_start, &s, &e);
	CHECK_INT(ymd(s), 20180101, "FY2017-Q3 starts 2018-01-01 (named by start)");
	CHECK_INT(ymd(e), 20180331, "FY2017-Q3 ends 2018-03-31");

	struct fiscal_calendar jan_end = { 1, true }, jan_start = { 1, false };
	period_dates((struct period){ .fy = 2020, .quarter = 1 }, jan_end, &s, &e);
	CHECK_INT(ymd(s), 20200101, "calendar-year fiscal year named by end");
	CHECK_INT(ymd(e), 20200331, "Q1 of a calendar year ends in March");
	period_dates((struct period){ .fy = 2020, .quarter = 4 }, jan_start, &s, &e);
	CHECK_INT(ymd(s), 20201001, "Q4 of a calendar year named by start");
	CHECK_INT(ymd(e), 20201231, "and ends on Dec 31");

	struct fiscal_calendar oct_end = { 10, true };
	period_dates((struct period){ .fy = 2025, .quarter = 3 }, oct_end, &s, &e);
	CHECK_INT(ymd(s), 20250401, "FY2025-Q3 with October start");
	CHECK_INT(ymd(e), 20250630, "ends June 30");

	struct fiscal_calendar feb_end = { 2, true };
	period_dates((struct period){ .fy = 2024, .quarter = 1 }, feb_end, &s, &e);
	CHECK_INT(ymd(e), 20230430, "February start: Q1 ends Apr 30");
	period_dates((struct period){ .fy = 2024, .quarter = 4 }, feb_end, &s, &e);
	CHECK_INT(ymd(s), 20231101, "February start: Q4 starts Nov 1");
	CHECK_INT(ymd(e), 20240131, "and ends Jan 31 of the next calendar year");

	struct fiscal_calendar dec_start = { 12, false };
	period_dates((struct period){ .fy = 2019, .quarter = 1 }, dec_start, &s, &e);
	CHECK_INT(ymd(s), 20191201, "December start, named by start");
	CHECK_INT(ymd(e), 20200229, "ends on a leap day");
}

static void test_dates_label(void)
{
	char buf[64];
	period_dates_label((struct period){ .fy = 2018, .quarter = 1 }, (struct fiscal_calendar){ 7, true }, buf,
			   sizeof buf);
	CHECK_STR(buf, "Jul 1 " EN_DASH " Sep 30, 2017", "dates label within a year");
	period_dates_label((struct period){ .fy = 2026, .quarter = 3 }, (struct fiscal_calendar){ 5, true }, buf,
			   sizeof buf);
	CHECK_STR(buf, "Nov 1, 2025 " EN_DASH " Jan 31, 2026", "dates label across a year end");
	period_dates_label((struct period){ .fy = 2018, .quarter = 4 }, (struct fiscal_calendar){ 7, true }, buf,
			   sizeof buf);
	CHECK_STR(buf, "Apr 1 " EN_DASH " Jun 30, 2018", "dates label of Q4");
}

static void test_date_parse(void)
{
	struct date d = { 0, 0, 0 };
	CHECK(date_parse("2017-11-13", &d), "a date parses");
	CHECK_INT(ymd(d), 20171113, "its fields");
	CHECK(date_parse("2016-02-29", &d), "leap day in a leap year");
	CHECK(date_parse("2000-02-29", &d), "leap day in a year divisible by 400");
	CHECK(!date_parse("1900-02-29", &d), "no leap day in 1900");
	CHECK(!date_parse("2017-02-29", &d), "no leap day in 2017");
	CHECK(!date_parse("2017-04-31", &d), "April has 30 days");
	CHECK(!date_parse("2017-13-01", &d), "no month 13");
	CHECK(!date_parse("2017-00-10", &d), "no month 0");
	CHECK(!date_parse("2017-01-00", &d), "no day 0");
	CHECK(!date_parse("2017-1-13", &d), "month needs two digits");
	CHECK(!date_parse("17-11-13", &d), "year needs four digits");
	CHECK(!date_parse("2017-11-13T00:00", &d), "no time");
	CHECK(!date_parse("2017/11/13", &d), "dashes only");
	CHECK(!date_parse("", &d), "empty");
	CHECK_INT(days_in_month(2024, 2), 29, "February 2024");
	CHECK_INT(days_in_month(2023, 2), 28, "February 2023");
	CHECK_INT(days_in_month(2100, 2), 28, "February 2100");
	CHECK_INT(days_in_month(2023, 12), 31, "December");
	CHECK_INT(days_in_month(2023, 9), 30, "September");
}

static void test_long_label(void)
{
	char buf[64];
	date_long_label((struct date){ 2017, 11, 13 }, buf, sizeof buf);
	CHECK_STR(buf, "November 13, 2017", "long date");
	date_long_label((struct date){ 2025, 1, 1 }, buf, sizeof buf);
	CHECK_STR(buf, "January 1, 2025", "long date in January");
}

/* Months, fiscal years and calendar years beside quarters. */
static void test_kinds(void)
{
	struct period p;
	char buf[64];
	CHECK(period_parse_any("2017-11", &p) && p.kind == PERIOD_MONTH && p.year == 2017 &&
		      p.month == 11, "a month parses");
	CHECK(period_parse_any("FY2018", &p) && p.kind == PERIOD_FISCAL_YEAR && p.fy == 2018,
	      "a fiscal year parses");
	CHECK(period_parse_any("CY2024", &p) && p.kind == PERIOD_CALENDAR_YEAR && p.year == 2024,
	      "a calendar year parses");
	CHECK(period_parse_any("FY2018-Q3", &p) && p.kind == PERIOD_QUARTER && p.quarter == 3,
	      "a quarter parses as any period");
	CHECK(!period_parse("2017-11", &p) && !period_parse("FY2018", &p),
	      "period_parse reads quarters only, as the report's period must be");
	const char *bad[] = { "2017-13", "2017-00", "2017-1", "17-11", "FY18", "CY2024-Q1", "cy2024",
			      "2017-11-01", "FY2018-M01", " 2017-11", "Y2024", "CY202", "2017/11" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(buf, sizeof buf, "\"%s\" is not a period", bad[i]);
		CHECK(!period_parse_any(bad[i], &p), buf);
	}

	struct period nov = { .kind = PERIOD_MONTH, .year = 2017, .month = 11 };
	period_id(nov, buf, sizeof buf);
	CHECK_STR(buf, "2017-11", "a month's id");
	period_label(nov, buf, sizeof buf);
	CHECK_STR(buf, "November 2017", "a month's label");
	period_label((struct period){ .kind = PERIOD_FISCAL_YEAR, .fy = 2018 }, buf, sizeof buf);
	CHECK_STR(buf, "FY2018", "a fiscal year's label");
	period_id((struct period){ .kind = PERIOD_CALENDAR_YEAR, .year = 2024 }, buf, sizeof buf);
	CHECK_STR(buf, "CY2024", "a calendar year's id");
	period_label((struct period){ .kind = PERIOD_CALENDAR_YEAR, .year = 2024 }, buf, sizeof buf);
	CHECK_STR(buf, "2024", "a calendar year's label");

	struct period dec = period_shift(nov, 1), jan = period_shift(nov, 2);
	CHECK(dec.month == 12 && dec.year == 2017 && jan.month == 1 && jan.year == 2018,
	      "months shift across a year end");
	CHECK(period_cmp(jan, nov) > 0 && period_cmp(nov, period_shift(jan, -2)) == 0,
	      "months order in time");
	struct period q = period_shift((struct period){ .fy = 2018, .quarter = 1 }, -1);
	CHECK(q.kind == PERIOD_QUARTER && q.fy == 2017 && q.quarter == 4,
	      "quarters shift as period_from_index does");
	CHECK_INT(period_per_year(PERIOD_MONTH), 12, "twelve months a year");

	struct fiscal_calendar july = { 7, true };
	struct date s, e;
	period_dates(nov, july, &s, &e);
	CHECK(ymd(s) == 20171101 && ymd(e) == 20171130, "a month's dates");
	period_dates((struct period){ .kind = PERIOD_FISCAL_YEAR, .fy = 2018 }, july, &s, &e);
	CHECK(ymd(s) == 20170701 && ymd(e) == 20180630, "a fiscal year's dates");
	period_dates((struct period){ .kind = PERIOD_CALENDAR_YEAR, .year = 2024 }, july, &s, &e);
	CHECK(ymd(s) == 20240101 && ymd(e) == 20241231, "a calendar year's dates");

	int fy, place;
	CHECK(period_fiscal_place(nov, july, &fy, &place) && fy == 2018 && place == 5,
	      "November 2017 is the fifth month of FY2018 under a July start");
	CHECK(period_fiscal_place((struct period){ .kind = PERIOD_MONTH, .year = 2018, .month = 6 },
				  july, &fy, &place) && fy == 2018 && place == 12,
	      "June 2018 is FY2018's last month");
	CHECK(period_fiscal_place(nov, (struct fiscal_calendar){ 7, false }, &fy, &place) &&
		      fy == 2017, "named by its start, the same month is in FY2017");
	CHECK(!period_fiscal_place((struct period){ .kind = PERIOD_CALENDAR_YEAR, .year = 2024 },
				   july, &fy, &place),
	      "a calendar year has no one fiscal year under a July start");

	struct period r = { .fy = 2018, .quarter = 1 };
	struct period lm = period_latest_ended(PERIOD_MONTH, r, july);
	CHECK(lm.year == 2017 && lm.month == 9, "Q1 FY2018's last month is September 2017");
	CHECK_INT(period_latest_ended(PERIOD_FISCAL_YEAR, r, july).fy, 2017,
		  "the latest fiscal year ended by Q1 FY2018 is FY2017");
	CHECK_INT(period_latest_ended(PERIOD_FISCAL_YEAR, (struct period){ .fy = 2018, .quarter = 4 }, july).fy, 2018,
		  "by Q4 it is the report's own year");
	CHECK_INT(period_latest_ended(PERIOD_CALENDAR_YEAR, (struct period){ .fy = 2018, .quarter = 2 }, july).year,
		  2017, "Q2 FY2018 ends in December 2017, so CY2017 has ended");
	CHECK_INT(period_latest_ended(PERIOD_CALENDAR_YEAR, r, july).year, 2016,
		  "by September 2017, CY2016 is the latest ended");
	CHECK(period_ends_after((struct period){ .kind = PERIOD_MONTH, .year = 2017, .month = 10 },
				r, july), "October 2017 ends after Q1 FY2018");
	CHECK(!period_ends_after(lm, r, july), "September 2017 does not");
	CHECK(period_in_range((struct period){ .kind = PERIOD_CALENDAR_YEAR, .year = 1901 }) &&
		      !period_in_range((struct period){ .kind = PERIOD_MONTH, .year = 1900, .month = 12 }),
	      "calendar years from 1901");
}

int main(void)
{
	test_kinds();
	test_parse();
	test_order();
	test_labels();
	test_dates();
	test_dates_label();
	test_date_parse();
	test_long_label();
	return harness_done();
}
