/* Amounts, tolerances and unit names as the data file writes them. */
#include "harness.h"
#include "units.h"

/* Parses and returns whether it read; the reason lands in why. */
static bool parse(enum unit u, const char *text, double *v, char *why)
{
	why[0] = '\0';
	*v = -12345;
	return amount_parse(u, text, v, why, 200);
}

static void ok(enum unit u, const char *text, double want)
{
	char why[200], what[120];
	double v;
	snprintf(what, sizeof what, "%s \"%s\" reads as %g", unit_name(u), text, want);
	bool good = parse(u, text, &v, why);
	CHECK(good && v == want, what);
	if (!good)
		printf("#   why: %s\n", why);
	else if (v != want)
		printf("#   got %.17g\n", v);
}

static void bad(enum unit u, const char *text, const char *want_why)
{
	char why[200], what[120];
	double v;
	snprintf(what, sizeof what, "%s \"%s\" is refused", unit_name(u), text);
	CHECK(!parse(u, text, &v, why), what);
	snprintf(what, sizeof what, "%s \"%s\": reason", unit_name(u), text);
	CHECK_STR(why, want_why, what);
}

static void test_decimal(void)
{
	ok(UNIT_NUMBER, "342", 342);
	ok(UNIT_NUMBER, "8.53", 8.53);
	ok(UNIT_NUMBER, "-2.5", -2.5);
	ok(UNIT_NUMBER, "007", 7);
	ok(UNIT_NUMBER, "0.000001", 0.000001);
	ok(UNIT_CURRENCY, "1250000", 1250000);
	ok(UNIT_MINUTES, "8.53", 8.53);
	ok(UNIT_NUMBER, "1000000000000000", 1e15);
	ok(UNIT_NUMBER, "-1000000000000000", -1e15);
	ok(UNIT_NUMBER, "1000000000000000.000", 1e15);
	ok(UNIT_NUMBER, "0001000000000000000", 1e15);
	ok(UNIT_CURRENCY, "-999999999999999.99", -999999999999999.99);
	bad(UNIT_NUMBER, "1000000000000001", "a number from -1000000000000000 to 1000000000000000");
	bad(UNIT_NUMBER, "1000000000000000.5", "a number from -1000000000000000 to 1000000000000000");
	bad(UNIT_NUMBER, "99999999999999999999999", "a number from -1000000000000000 to 1000000000000000");
	bad(UNIT_NUMBER, ".5", "a number such as 0.5 (a digit before the point)");
	bad(UNIT_NUMBER, "-.5", "a number such as -0.5 (a digit before the point)");
	bad(UNIT_NUMBER, "5.", "a number such as 5 (no point without digits after it)");
	bad(UNIT_NUMBER, "+5", "a number such as 5 (no plus sign)");
	bad(UNIT_NUMBER, "1e5", "a number such as 100000 (written out, no exponent)");
	bad(UNIT_NUMBER, "2.5E-3", "a number such as 0.0025 (written out, no exponent)");
	bad(UNIT_NUMBER, "NaN", "a number such as 8.53");
	bad(UNIT_NUMBER, "inf", "a number such as 8.53");
	bad(UNIT_NUMBER, "", "a number such as 8.53");
	bad(UNIT_NUMBER, " 5", "a number such as 5 (no spaces)");
	bad(UNIT_NUMBER, "5 ", "a number such as 5 (no spaces)");
	bad(UNIT_NUMBER, "1,234.5", "a number such as 1234.5 (no thousands separators)");
	bad(UNIT_NUMBER, "8:37", "a number such as 8.53");
	bad(UNIT_NUMBER, "5%", "a number such as 5 (no unit signs)");
	bad(UNIT_NUMBER, "--5", "a number such as 8.53");
	bad(UNIT_NUMBER, "0x10", "a number such as 8.53");
	bad(UNIT_CURRENCY, "$1,250,000", "a number such as 1250000 (no unit signs)");
	bad(UNIT_CURRENCY, "USD 5", "a number such as 1250000 (no currency sign or thousands separators)");
}

static void test_count(void)
{
	ok(UNIT_COUNT, "342", 342);
	ok(UNIT_COUNT, "-3", -3);
	ok(UNIT_COUNT, "0", 0);
	bad(UNIT_COUNT, "60,000", "a whole number such as 60000 (no thousands separators)");
	bad(UNIT_COUNT, "5.0", "a whole number such as 5 (a count has no decimal point)");
	bad(UNIT_COUNT, "5.5", "a whole number such as 342");
	bad(UNIT_COUNT, "1e5", "a whole number such as 100000 (written out, no exponent)");
	bad(UNIT_COUNT, "NaN", "a whole number such as 342");
	bad(UNIT_COUNT, "", "a whole number such as 342");
}

static void test_percent(void)
{
	ok(UNIT_PERCENT, "81", 81);
	ok(UNIT_PERCENT, "81%", 81);
	ok(UNIT_PERCENT, "12.5%", 12.5);
	ok(UNIT_PERCENT, "-3%", -3);
	bad(UNIT_PERCENT, "81%%", "a number such as 81 or 81%");
	bad(UNIT_PERCENT, "%81", "a number such as 81 or 81%");
	bad(UNIT_PERCENT, "81 %", "a number such as 81 (no spaces)");
	bad(UNIT_PERCENT, "0.81.", "a number such as 0.81 (no point without digits after it)");
	bad(UNIT_PERCENT, "8.1.5", "a number such as 81 or 81%");
}

static void test_duration(void)
{
	ok(UNIT_DURATION, "8:37", 8 * 60 + 37);
	ok(UNIT_DURATION, "0:00", 0);
	ok(UNIT_DURATION, "75:00", 75 * 60);
	ok(UNIT_DURATION, "08:37", 8 * 60 + 37);
	ok(UNIT_DURATION, "1:02:03", 3723);
	ok(UNIT_DURATION, "01:02:03", 3723);
	ok(UNIT_DURATION, "100:00:00", 360000);
	bad(UNIT_DURATION, "8:75", "a duration M:SS or H:MM:SS with seconds below 60, such as 9:15");
	bad(UNIT_DURATION, "1:75:00", "a duration M:SS or H:MM:SS with minutes below 60, such as 2:15:00");
	bad(UNIT_DURATION, "1:02:60", "a duration M:SS or H:MM:SS with seconds below 60, such as 1:03:00");
	bad(UNIT_DURATION, "-5:00", "a duration M:SS or H:MM:SS such as 5:00 (no sign: a duration is never negative)");
	bad(UNIT_DURATION, "+5:00", "a duration M:SS or H:MM:SS such as 8:37 (no sign: a duration is never negative)");
	bad(UNIT_DURATION, "5", "a duration M:SS or H:MM:SS such as 5:00 (minutes and seconds)");
	bad(UNIT_DURATION, "8:7", "a duration M:SS or H:MM:SS such as 8:37");
	bad(UNIT_DURATION, "8:370", "a duration M:SS or H:MM:SS such as 8:37");
	bad(UNIT_DURATION, "1:2:03", "a duration M:SS or H:MM:SS such as 8:37");
	bad(UNIT_DURATION, "1:02:03:04", "a duration M:SS or H:MM:SS such as 8:37");
	bad(UNIT_DURATION, "8:37.5", "a duration M:SS or H:MM:SS such as 8:37");
	bad(UNIT_DURATION, "8:", "a duration M:SS or H:MM:SS such as 8:37");
	bad(UNIT_DURATION, ":37", "a duration M:SS or H:MM:SS such as 8:37");
	bad(UNIT_DURATION, "8:37:", "a duration M:SS or H:MM:SS such as 8:37");
	bad(UNIT_DURATION, "", "a duration M:SS or H:MM:SS such as 8:37");
	bad(UNIT_DURATION, " 8:37", "a duration M:SS or H:MM:SS such as 8:37");
	bad(UNIT_DURATION, "99999999999999999999:00",
	    "a duration M:SS or H:MM:SS of at most 1000000000000000 seconds");
}

static void test_tolerance(void)
{
	struct tolerance t = { false, 0, 0 };
	char why[200];
	CHECK(tolerance_parse(UNIT_COUNT, true, "10%", &t, why, sizeof why), "10% reads");
	CHECK(t.relative && t.amount == 10, "10% is relative 10");
	CHECK(tolerance_parse(UNIT_DURATION, false, "2.5%", &t, why, sizeof why) && t.relative &&
		      t.amount == 2.5,
	      "2.5% on a duration");
	CHECK(tolerance_parse(UNIT_DURATION, false, "0:30", &t, why, sizeof why) && !t.relative &&
		      t.amount == 30,
	      "0:30 is 30 seconds");
	CHECK(tolerance_parse(UNIT_COUNT, false, "2", &t, why, sizeof why) && !t.relative &&
		      t.amount == 2,
	      "2 on a count");
	CHECK(tolerance_parse(UNIT_PERCENT, false, "5", &t, why, sizeof why) && !t.relative &&
		      t.amount == 5,
	      "5 on a percent measure is 5 points");
	CHECK(tolerance_parse(UNIT_PERCENT, false, "0%", &t, why, sizeof why) && t.relative &&
		      t.amount == 0,
	      "0% reads");
	CHECK(!tolerance_parse(UNIT_COUNT, true, "2", &t, why, sizeof why), "meta tolerance as amount");
	CHECK_STR(why, "a percentage such as 10% (an amount tolerance is allowed only on a measure)",
		  "reason for an amount where a percentage is needed");
	CHECK(!tolerance_parse(UNIT_DURATION, false, "30s", &t, why, sizeof why), "30s refused");
	CHECK_STR(why, "a percentage such as 10% or an amount in the measure's unit such as 0:30",
		  "reason names the unit's example");
	CHECK(!tolerance_parse(UNIT_COUNT, false, "-2", &t, why, sizeof why), "negative amount");
	CHECK(!tolerance_parse(UNIT_COUNT, false, "-5%", &t, why, sizeof why), "negative percentage");
	CHECK(!tolerance_parse(UNIT_COUNT, false, "5%%", &t, why, sizeof why), "5%% refused");
	CHECK(!tolerance_parse(UNIT_COUNT, false, "%", &t, why, sizeof why), "bare % refused");
	CHECK(!tolerance_parse(UNIT_COUNT, false, "", &t, why, sizeof why), "empty refused");
	CHECK(!tolerance_parse(UNIT_COUNT, false, "2.5", &t, why, sizeof why), "2.5 on a count");
	CHECK(!tolerance_parse(UNIT_NUMBER, false, "1e2%", &t, why, sizeof why), "exponent refused");
}

static void test_names(void)
{
	enum unit u = UNIT_COUNT;
	const char *names[] = { "count", "number", "percent", "currency", "minutes", "duration" };
	for (int i = 0; i < 6; i++) {
		CHECK(unit_parse(names[i], &u) && (int)u == i, names[i]);
		CHECK_STR(unit_name(u), names[i], "unit_name is unit_parse's inverse");
	}
	CHECK(!unit_parse("Count", &u), "unit names are case-sensitive");
	CHECK(!unit_parse("percents", &u), "no plural");
	CHECK(!unit_parse("", &u), "no empty unit");
	CHECK_INT(unit_default_decimals(UNIT_COUNT), 0, "count decimals");
	CHECK_INT(unit_default_decimals(UNIT_CURRENCY), 0, "currency decimals");
	CHECK_INT(unit_default_decimals(UNIT_PERCENT), 0, "percent decimals");
	CHECK_INT(unit_default_decimals(UNIT_MINUTES), 2, "minutes decimals");
	CHECK_INT(unit_default_decimals(UNIT_NUMBER), 2, "number decimals");
	CHECK_INT(unit_default_decimals(UNIT_DURATION), 0, "duration decimals");

	CHECK_STR(cmp_name(CMP_AT_LEAST), "at-least", "cmp_name at-least");
	CHECK_STR(cmp_name(CMP_MORE_THAN), "more-than", "cmp_name more-than");
	CHECK_STR(cmp_name(CMP_AT_MOST), "at-most", "cmp_name at-most");
	CHECK_STR(cmp_name(CMP_LESS_THAN), "less-than", "cmp_name less-than");
	CHECK_INT(cmp_direction(CMP_AT_LEAST), DIR_HIGHER_BETTER, "at-least: higher is better");
	CHECK_INT(cmp_direction(CMP_MORE_THAN), DIR_HIGHER_BETTER, "more-than: higher is better");
	CHECK_INT(cmp_direction(CMP_AT_MOST), DIR_LOWER_BETTER, "at-most: lower is better");
	CHECK_INT(cmp_direction(CMP_LESS_THAN), DIR_LOWER_BETTER, "less-than: lower is better");
}

static void test_round9(void)
{
	CHECK(round9(0.1 + 0.2) == round9(0.3), "0.1 + 0.2 rounds to 0.3");
	CHECK(round9(1.0000000004) == 1.0, "below half rounds down");
	CHECK(round9(1.0000000006) == round9(1.000000001), "above half rounds up");
	CHECK(round9(2.0000000005) == round9(2.000000001), "half rounds away from zero");
	CHECK(round9(-2.0000000005) == round9(-2.000000001), "negative half rounds away from zero");
	CHECK(round9(0.0000000005) == 0.000000001, "smallest half rounds up");
	CHECK(round9(75 * 0.1) == 7.5, "10% of 75");
	CHECK(round9(1e15) == 1e15, "large values stay");
	CHECK(round9(-0.0000000004) == 0, "tiny negative rounds to zero");
	CHECK(round9(123456.123456789) == 123456.123456789, "nine places kept");
}

int main(void)
{
	test_decimal();
	test_count();
	test_percent();
	test_duration();
	test_tolerance();
	test_names();
	test_round9();
	return harness_done();
}
