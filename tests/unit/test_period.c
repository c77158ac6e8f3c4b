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
	struct period p = { 0, 0 };
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
	struct period a = { 2018, 1 }, b = { 2017, 4 }, c = { 2018, 1 };
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
	struct period p = { 2018, 1 };
	period_id(p, buf, sizeof buf);
	CHECK_STR(buf, "FY2018-Q1", "id");
	period_label(p, buf, sizeof buf);
	CHECK_STR(buf, "Q1 FY2018", "label");
	period_label((struct period){ 2025, 3 }, buf, sizeof buf);
	CHECK_STR(buf, "Q3 FY2025", "label of Q3");
}

static void test_dates(void)
{
	struct fiscal_calendar july_end = { 7, true }, july_start = { 7, false };
	struct date s, e;
	period_dates((struct period){ 2018, 1 }, july_end, &s, &e);
	CHECK_INT(ymd(s), 20170701, "FY2018-Q1 starts 2017-07-01 (named by end)");
	CHECK_INT(ymd(e), 20170930, "FY2018-Q1 ends 2017-09-30");
	period_dates((struct period){ 2018, 4 }, july_end, &s, &e);
	CHECK_INT(ymd(s), 20180401, "FY2018-Q4 starts 2018-04-01");
	CHECK_INT(ymd(e), 20180630, "FY2018-Q4 ends 2018-06-30");
	period_dates((struct period){ 2018, 2 }, july_end, &s, &e);
	CHECK_INT(ymd(e), 20171231, "FY2018-Q2 ends 2017-12-31");
	period_dates((struct period){ 2017, 1 }, july_start, &s, &e);
	CHECK_INT(ymd(s), 20170701, "FY2017 starts 2017-07-01 (named by start)");
	period_dates((struct period){ 2017, 3 }, july_start, &s, &e);
	CHECK_INT(ymd(s), 20180101, "FY2017-Q3 starts 2018-01-01 (named by start)");
	CHECK_INT(ymd(e), 20180331, "FY2017-Q3 ends 2018-03-31");

	struct fiscal_calendar jan_end = { 1, true }, jan_start = { 1, false };
	period_dates((struct period){ 2020, 1 }, jan_end, &s, &e);
	CHECK_INT(ymd(s), 20200101, "calendar-year fiscal year named by end");
	CHECK_INT(ymd(e), 20200331, "Q1 of a calendar year ends in March");
	period_dates((struct period){ 2020, 4 }, jan_start, &s, &e);
	CHECK_INT(ymd(s), 20201001, "Q4 of a calendar year named by start");
	CHECK_INT(ymd(e), 20201231, "and ends on Dec 31");

	struct fiscal_calendar oct_end = { 10, true };
	period_dates((struct period){ 2025, 3 }, oct_end, &s, &e);
	CHECK_INT(ymd(s), 20250401, "FY2025-Q3 with October start");
	CHECK_INT(ymd(e), 20250630, "ends June 30");

	struct fiscal_calendar feb_end = { 2, true };
	period_dates((struct period){ 2024, 1 }, feb_end, &s, &e);
	CHECK_INT(ymd(e), 20230430, "February start: Q1 ends Apr 30");
	period_dates((struct period){ 2024, 4 }, feb_end, &s, &e);
	CHECK_INT(ymd(s), 20231101, "February start: Q4 starts Nov 1");
	CHECK_INT(ymd(e), 20240131, "and ends Jan 31 of the next calendar year");

	struct fiscal_calendar dec_start = { 12, false };
	period_dates((struct period){ 2019, 1 }, dec_start, &s, &e);
	CHECK_INT(ymd(s), 20191201, "December start, named by start");
	CHECK_INT(ymd(e), 20200229, "ends on a leap day");
}

static void test_dates_label(void)
{
	char buf[64];
	period_dates_label((struct period){ 2018, 1 }, (struct fiscal_calendar){ 7, true }, buf,
			   sizeof buf);
	CHECK_STR(buf, "Jul 1 " EN_DASH " Sep 30, 2017", "dates label within a year");
	period_dates_label((struct period){ 2026, 3 }, (struct fiscal_calendar){ 5, true }, buf,
			   sizeof buf);
	CHECK_STR(buf, "Nov 1, 2025 " EN_DASH " Jan 31, 2026", "dates label across a year end");
	period_dates_label((struct period){ 2018, 4 }, (struct fiscal_calendar){ 7, true }, buf,
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

int main(void)
{
	test_parse();
	test_order();
	test_labels();
	test_dates();
	test_dates_label();
	test_date_parse();
	test_long_label();
	return harness_done();
}
