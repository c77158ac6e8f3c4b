/* Reader-facing amounts and changes: every unit, signs, rounding, separators. */
#include "harness.h"
#include "units.h"

/* A measure with just what formatting reads. */
static struct measure unit_measure(enum unit u, int decimals, const char *currency)
{
	struct measure m;
	memset(&m, 0, sizeof m);
	m.unit = u;
	m.decimals = decimals;
	m.currency = currency;
	return m;
}

/* amount_format into a fresh buffer each call. */
static const char *fmt(enum unit u, int decimals, const char *currency, double v)
{
	static char buf[8][128];
	static int next;
	char *b = buf[next++ % 8];
	struct measure m = unit_measure(u, decimals, currency);
	amount_format(&m, v, b, 128);
	return b;
}

/* amount_format_delta into a fresh buffer each call. */
static const char *delta(enum unit u, int decimals, const char *currency, double v)
{
	static char buf[8][128];
	static int next;
	char *b = buf[next++ % 8];
	struct measure m = unit_measure(u, decimals, currency);
	amount_format_delta(&m, v, b, 128);
	return b;
}

/* Whole counts with thousands separators. */
static void test_count(void)
{
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, 342), "342", "count 342");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, 59870), "59,870", "count 59,870");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, 0), "0", "count 0");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, 999), "999", "count 999 has no separator");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, 1000), "1,000", "count 1,000");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, 100000), "100,000", "count 100,000");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, 1234567), "1,234,567", "count 1,234,567");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, -5), "-5", "negative count");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, -1234), "-1,234", "negative count with separator");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, 1e15), "1,000,000,000,000,000", "count at the 1e15 limit");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, -999999999999999), "-999,999,999,999,999",
		  "huge negative count");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, 241.25), "241", "fraction of a count rounds");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, 2.5), "3", "count half rounds away from zero");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, -2.5), "-3", "negative half rounds away from zero");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, -0.4), "0", "never -0");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, -0.0), "0", "negative zero prints as 0");
	CHECK_STR(fmt(UNIT_COUNT, 0, NULL, 999.5), "1,000", "carry adds a digit and a separator");
}

/* Numbers with the measure's decimals, rounded half away from zero. */
static void test_number(void)
{
	CHECK_STR(fmt(UNIT_NUMBER, 2, NULL, 1234.5), "1,234.50", "number 1,234.50");
	CHECK_STR(fmt(UNIT_NUMBER, 2, NULL, -2.5), "-2.50", "negative number");
	CHECK_STR(fmt(UNIT_NUMBER, 2, NULL, 0.125), "0.13", "0.125 rounds up to 0.13");
	CHECK_STR(fmt(UNIT_NUMBER, 2, NULL, -0.125), "-0.13", "-0.125 rounds to -0.13");
	CHECK_STR(fmt(UNIT_NUMBER, 2, NULL, 1.005), "1.01", "1.005 rounds as the decimal it was");
	CHECK_STR(fmt(UNIT_NUMBER, 2, NULL, 2.675), "2.68", "2.675 rounds as the decimal it was");
	CHECK_STR(fmt(UNIT_NUMBER, 2, NULL, 1.004999), "1.00", "just below half rounds down");
	CHECK_STR(fmt(UNIT_NUMBER, 2, NULL, 9.995), "10.00", "carry into the whole part");
	CHECK_STR(fmt(UNIT_NUMBER, 2, NULL, -0.004), "0.00", "tiny negative is not -0.00");
	CHECK_STR(fmt(UNIT_NUMBER, 0, NULL, 7.5), "8", "number with no decimals");
	CHECK_STR(fmt(UNIT_NUMBER, 6, NULL, 3.1415926), "3.141593", "six decimals");
	CHECK_STR(fmt(UNIT_NUMBER, 6, NULL, 0.0000005), "0.000001", "half at the sixth place");
	CHECK_STR(fmt(UNIT_NUMBER, 2, NULL, 0.1 + 0.2), "0.30", "binary noise does not show");
	CHECK_STR(fmt(UNIT_NUMBER, 2, NULL, 123456789012.345), "123,456,789,012.35",
		  "large number keeps its decimals");
	CHECK_STR(fmt(UNIT_NUMBER, 1, NULL, 999999.95), "1,000,000.0", "carry through separators");
}

/* Percent points, with and without decimals. */
static void test_percent(void)
{
	CHECK_STR(fmt(UNIT_PERCENT, 0, NULL, 81), "81%", "percent 81%");
	CHECK_STR(fmt(UNIT_PERCENT, 1, NULL, 81.5), "81.5%", "percent with one decimal");
	CHECK_STR(fmt(UNIT_PERCENT, 0, NULL, 81.5), "82%", "percent rounds half up");
	CHECK_STR(fmt(UNIT_PERCENT, 0, NULL, -3), "-3%", "negative percent");
	CHECK_STR(fmt(UNIT_PERCENT, 0, NULL, 1500), "1,500%", "large percent");
	CHECK_STR(fmt(UNIT_PERCENT, 0, NULL, 0), "0%", "zero percent");
}

/* Currency symbols and codes. */
static void test_currency(void)
{
	CHECK_STR(fmt(UNIT_CURRENCY, 0, "USD", 1250000), "$1,250,000", "dollars");
	CHECK_STR(fmt(UNIT_CURRENCY, 0, NULL, 1250000), "$1,250,000", "no code means dollars");
	CHECK_STR(fmt(UNIT_CURRENCY, 0, "EUR", 1250), "\xe2\x82\xac" "1,250", "euros");
	CHECK_STR(fmt(UNIT_CURRENCY, 0, "GBP", 1250), "\xc2\xa3" "1,250", "pounds");
	CHECK_STR(fmt(UNIT_CURRENCY, 0, "JPY", 1250), "\xc2\xa5" "1,250", "yen");
	CHECK_STR(fmt(UNIT_CURRENCY, 0, "CHF", 1250), "CHF 1,250", "other codes are written out");
	CHECK_STR(fmt(UNIT_CURRENCY, 0, "USD", -5), "-$5", "negative dollars");
	CHECK_STR(fmt(UNIT_CURRENCY, 0, "CHF", -1250), "-CHF 1,250", "negative other currency");
	CHECK_STR(fmt(UNIT_CURRENCY, 2, "USD", 19.999), "$20.00", "cents round up");
	struct measure usd = unit_measure(UNIT_CURRENCY, 0, "USD");
	char buf[64];
	amount_format_as(&usd, -184000, AMOUNT_PARENTHESES, buf, sizeof buf);
	CHECK_STR(buf, "($184,000)", "negative dollars as accounts show them");
	amount_format_as(&usd, 184000, AMOUNT_PARENTHESES, buf, sizeof buf);
	CHECK_STR(buf, "$184,000", "positive dollars have no parentheses");
	amount_format_as(&usd, -0.4, AMOUNT_PARENTHESES, buf, sizeof buf);
	CHECK_STR(buf, "$0", "nor a negative that shows as zero");
	struct measure cnt = unit_measure(UNIT_COUNT, 0, NULL);
	amount_format_as(&cnt, -5, AMOUNT_PARENTHESES, buf, sizeof buf);
	CHECK_STR(buf, "-5", "only currency is written so");
	CHECK_STR(fmt(UNIT_CURRENCY, 0, "USD", 1e15), "$1,000,000,000,000,000", "huge dollars");
}

/* Minutes as decimals with a unit word. */
static void test_minutes(void)
{
	CHECK_STR(fmt(UNIT_MINUTES, 2, NULL, 8.53), "8.53 min", "minutes");
	CHECK_STR(fmt(UNIT_MINUTES, 2, NULL, 5), "5 min", "minutes without decimals= as written: 5");
	CHECK_STR(fmt(UNIT_MINUTES, 2, NULL, 8.5), "8.5 min", "8.5, up to the two places of the default");
	struct measure given = unit_measure(UNIT_MINUTES, 2, NULL);
	given.decimals_given = true;
	char buf[64];
	amount_format(&given, 5, buf, sizeof buf);
	CHECK_STR(buf, "5.00 min", "whole minutes keep the decimals the data file gives");
	amount_format_as(&given, 8.5, AMOUNT_BARE, buf, sizeof buf);
	CHECK_STR(buf, "8.50", "bare, for an axis that names the unit");
	struct measure dm = unit_measure(UNIT_DURATION, 0, NULL);
	amount_format_as(&dm, 517, AMOUNT_BARE, buf, sizeof buf);
	CHECK_STR(buf, "8:37", "a bare duration");
	CHECK_STR(fmt(UNIT_MINUTES, 1, NULL, 7.78), "7.8 min", "minutes with one decimal");
	CHECK_STR(fmt(UNIT_MINUTES, 2, NULL, -0.25), "-0.25 min", "negative minutes");
	CHECK_STR(fmt(UNIT_MINUTES, 2, NULL, 1234.5), "1,234.5 min", "many minutes");
}

/* Durations: M:SS below an hour, H:MM:SS from one hour. */
static void test_duration(void)
{
	CHECK_STR(fmt(UNIT_DURATION, 0, NULL, 517), "8:37 min", "8:37");
	CHECK_STR(fmt(UNIT_DURATION, 0, NULL, 300), "5:00 min", "5:00");
	CHECK_STR(fmt(UNIT_DURATION, 0, NULL, 5), "0:05 min", "seconds only");
	CHECK_STR(fmt(UNIT_DURATION, 0, NULL, 0), "0:00 min", "zero duration");
	CHECK_STR(fmt(UNIT_DURATION, 0, NULL, 3599), "59:59 min", "just under an hour");
	CHECK_STR(fmt(UNIT_DURATION, 0, NULL, 3600), "1:00:00 h", "one hour");
	CHECK_STR(fmt(UNIT_DURATION, 0, NULL, 3723), "1:02:03 h", "1:02:03");
	CHECK_STR(fmt(UNIT_DURATION, 0, NULL, 4500), "1:15:00 h", "75 minutes shown with hours");
	CHECK_STR(fmt(UNIT_DURATION, 0, NULL, 360000), "100:00:00 h", "a hundred hours");
	CHECK_STR(fmt(UNIT_DURATION, 0, NULL, 75.25), "1:15 min", "fraction of a second rounds");
	CHECK_STR(fmt(UNIT_DURATION, 0, NULL, 59.5), "1:00 min", "half a second rounds up");
	CHECK_STR(fmt(UNIT_DURATION, 0, NULL, -15), "-0:15 min", "negative duration");
	CHECK_STR(fmt(UNIT_DURATION, 3, NULL, 517), "8:37 min", "decimals never apply to durations");
	CHECK_STR(fmt(UNIT_DURATION, 0, NULL, 1e15), "277777777777:46:40 h", "huge duration");
}

/* Signed changes, percentage points, and a bare 0 for no change. */
static void test_delta(void)
{
	CHECK_STR(delta(UNIT_COUNT, 0, NULL, 3), "+3", "count up");
	CHECK_STR(delta(UNIT_COUNT, 0, NULL, -3), "-3", "count down");
	CHECK_STR(delta(UNIT_COUNT, 0, NULL, 12000), "+12,000", "count up with separator");
	CHECK_STR(delta(UNIT_COUNT, 0, NULL, 0), "0", "no change is 0");
	CHECK_STR(delta(UNIT_COUNT, 0, NULL, -0.0), "0", "negative zero change is 0");
	CHECK_STR(delta(UNIT_COUNT, 0, NULL, 0.4), "0", "change too small to show is 0");
	CHECK_STR(delta(UNIT_DURATION, 0, NULL, -15), "-0:15 min", "duration down");
	CHECK_STR(delta(UNIT_DURATION, 0, NULL, 75), "+1:15 min", "duration up");
	CHECK_STR(delta(UNIT_DURATION, 0, NULL, 3723), "+1:02:03 h", "duration up over an hour");
	CHECK_STR(delta(UNIT_DURATION, 0, NULL, 0), "0:00 min", "no duration change is 0:00, unsigned");
	CHECK_STR(delta(UNIT_PERCENT, 0, NULL, 6), "+6 pts", "percentage points up");
	CHECK_STR(delta(UNIT_PERCENT, 0, NULL, -6), "-6 pts", "percentage points down");
	CHECK_STR(delta(UNIT_PERCENT, 1, NULL, 2.5), "+2.5 pts", "points with a decimal");
	CHECK_STR(delta(UNIT_PERCENT, 0, NULL, 1), "+1 pt", "one point is singular");
	CHECK_STR(delta(UNIT_PERCENT, 0, NULL, 0), "0 pts", "no percent change is 0 pts, unsigned");
	CHECK_STR(delta(UNIT_CURRENCY, 0, "USD", 1000), "+$1,000", "dollars up");
	CHECK_STR(delta(UNIT_CURRENCY, 0, "USD", -1000), "-$1,000", "dollars down");
	CHECK_STR(delta(UNIT_CURRENCY, 0, "CHF", 50), "+CHF 50", "other currency up");
	CHECK_STR(delta(UNIT_MINUTES, 2, NULL, 0.25), "+0.25 min", "minutes up");
	CHECK_STR(delta(UNIT_MINUTES, 2, NULL, -0.004), "0.00 min", "rounded-away minutes change is unsigned zero");
	CHECK_STR(delta(UNIT_NUMBER, 2, NULL, -2.5), "-2.50", "number down");
	CHECK_STR(delta(UNIT_NUMBER, 2, NULL, 0.3 - 0.1), "+0.20", "number up without noise");
}

/* A short buffer gets a truncated but terminated string. */
static void test_truncation(void)
{
	char buf[4];
	struct measure m = unit_measure(UNIT_COUNT, 0, NULL);
	amount_format(&m, 1234567, buf, sizeof buf);
	CHECK_STR(buf, "1,2", "output is cut to the buffer and terminated");
}

int main(void)
{
	test_count();
	test_number();
	test_percent();
	test_currency();
	test_minutes();
	test_duration();
	test_delta();
	test_truncation();
	return harness_done();
}
