/* Spreadsheet values as amounts: text as people type it, numbers with the
 * cell's number format, what number formats show, the fraction warning,
 * and how messages name a cell. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "import_table.h"
#include "import_values.h"

/* A text cell. */
static struct import_cell text(const char *s)
{
	struct import_cell c;
	memset(&c, 0, sizeof c);
	c.kind = CELL_TEXT;
	c.text = s;
	c.fmt = import_numfmt_classify("General");
	return c;
}

/* A number cell with a format code. */
static struct import_cell number(double v, const char *code)
{
	struct import_cell c;
	memset(&c, 0, sizeof c);
	c.kind = CELL_NUMBER;
	c.number = v;
	c.fmt = import_numfmt_classify(code);
	return c;
}

/* The cell reads as `want` (the data file's text) in the unit. */
static void reads(struct import_cell c, enum unit u, const char *want, const char *what)
{
	struct amount_read a;
	bool ok = import_amount(&c, u, u == UNIT_CURRENCY ? "USD" : NULL, &a);
	if (!CHECK(ok && !a.empty, what))
		printf("#   refused: %s\n", a.why);
	else
		CHECK_STR(a.text, want, what);
}

/* The cell is refused, and the reason holds `part`. */
static void refused(struct import_cell c, enum unit u, const char *part, const char *what)
{
	struct amount_read a;
	bool ok = import_amount(&c, u, u == UNIT_CURRENCY ? "USD" : NULL, &a);
	if (!CHECK(!ok && strstr(a.why, part) != NULL, what))
		printf("#   got %s \"%s\"\n#   want it to hold \"%s\"\n", ok ? "read as" : "why",
		       ok ? a.text : a.why, part);
}

static void test_text(void)
{
	reads(text("$1,250,000"), UNIT_CURRENCY, "1250000", "$1,250,000 is money");
	reads(text(" USD 1,250.50 "), UNIT_CURRENCY, "1250.5", "a currency code before the amount");
	reads(text("-$1,250"), UNIT_CURRENCY, "-1250", "a minus before the dollar sign");
	reads(text("1,234"), UNIT_COUNT, "1234", "1,234 is a count with a thousands separator");
	reads(text("12.0"), UNIT_COUNT, "12", "12.0 is the count 12");
	reads(text("12.5%"), UNIT_PERCENT, "12.5", "12.5% is 12.5 percent points");
	reads(text("12.5 %"), UNIT_PERCENT, "12.5", "a space before the percent sign");
	reads(text("94.3"), UNIT_PERCENT, "94.3", "a bare percentage is in points");
	reads(text(" 8:37 "), UNIT_DURATION, "8:37", "8:37 with spaces around it");
	reads(text("1:02:03"), UNIT_DURATION, "1:02:03", "hours, minutes and seconds");
	reads(text("0:08:37"), UNIT_DURATION, "8:37", "no hours is minutes and seconds");
	reads(text("\xc2\xa0" "8.53\xc2\xa0"), UNIT_MINUTES, "8.53", "no-break spaces around it");
	reads(text("-2.5"), UNIT_NUMBER, "-2.5", "a negative number");
	struct amount_read a;
	struct import_cell blank = text("   ");
	CHECK(import_amount(&blank, UNIT_COUNT, NULL, &a) && a.empty, "spaces alone are no value");
	CHECK(import_amount(NULL, UNIT_COUNT, NULL, &a) && a.empty, "no cell is no value");
	struct import_cell pct = text("12.5%");
	import_amount(&pct, UNIT_PERCENT, NULL, &a);
	CHECK(a.explicit_percent, "a percent sign says it is a percentage");

	refused(text("4,5"), UNIT_PERCENT, "comma that is not a thousands separator",
		"4,5 could be 4.5 or 45");
	refused(text("1,2345"), UNIT_COUNT, "comma that is not a thousands separator",
		"a comma in the wrong place");
	refused(text("8,53"), UNIT_MINUTES, "point before the decimals", "a decimal comma");
	refused(text("1e6"), UNIT_COUNT, "not a number", "an exponent");
	refused(text("12.5"), UNIT_COUNT, "not a whole number", "a count with a fraction");
	refused(text("\xe2\x82\xac" "5"), UNIT_CURRENCY, "another currency", "euros for dollars");
	refused(text("8:37"), UNIT_MINUTES, "decimal minutes", "a time for decimal minutes");
	refused(text("8:7"), UNIT_DURATION, "not a duration", "8:7 is no duration");
	refused(text("-8:37"), UNIT_DURATION, "never negative", "a negative duration");
	refused(text("(1,234)"), UNIT_CURRENCY, "sign spreadsheets do not write",
		"accounting brackets");
	refused(text("5%"), UNIT_COUNT, "is a percentage", "a percentage for a count");
	refused(text("2000000000000000"), UNIT_NUMBER, "beyond", "beyond 10^15");
}

static void test_numbers(void)
{
	reads(number(0.125, "0.0%"), UNIT_PERCENT, "12.5", "0.125 in a percent cell is 12.5");
	reads(number(94.3, "General"), UNIT_PERCENT, "94.3", "94.3 in a General cell");
	reads(number(0.1 + 0.2, "General"), UNIT_NUMBER, "0.3", "float noise rounded to 9 places");
	reads(number(517.0 / 86400, "[h]:mm:ss"), UNIT_DURATION, "8:37", "an elapsed time serial");
	reads(number(517.0 / 86400, "mm:ss"), UNIT_DURATION, "8:37", "a minutes:seconds serial");
	reads(number(3723.0 / 86400, "h:mm:ss"), UNIT_DURATION, "1:02:03", "an h:mm:ss serial");
	reads(number(1250000, "[$$-409]#,##0.00;[RED]\\-[$$-409]#,##0.00"), UNIT_CURRENCY,
	      "1250000", "a currency-formatted number");
	reads(number(342, "#,##0"), UNIT_COUNT, "342", "a count with separators shown");
	reads(number(14069026.29, "#,##0.00"), UNIT_CURRENCY, "14069026.29",
	      "no more than fifteen significant digits, so no float noise");
	struct amount_read a;
	struct import_cell g = number(0.943, "General");
	import_amount(&g, UNIT_PERCENT, NULL, &a);
	CHECK(!a.explicit_percent, "a bare 0.943 is not said to be a percentage");

	refused(number(517.0 / 86400, "h:mm"), UNIT_DURATION, "hours and minutes",
		"8:37 in an hours:minutes cell is ambiguous");
	refused(number(0.359027777777778, "hh:mm:ss\\ AM/PM"), UNIT_DURATION, "time of day",
		"a time of day for a duration");
	refused(number(517, "General"), UNIT_DURATION, "seconds or minutes",
		"a bare number for a duration");
	refused(number(43000, "yyyy-mm-dd"), UNIT_COUNT, "date", "a date for a count");
	refused(number(0.5, "0%"), UNIT_COUNT, "percentage", "a percent cell for a count");
	refused(number(0.5, "[h]:mm:ss"), UNIT_MINUTES, "decimal minutes", "a time for minutes");
	struct import_cell b = { 0 };
	b.kind = CELL_BOOLEAN;
	refused(b, UNIT_COUNT, "yes/no", "TRUE or FALSE");
	struct import_cell e = { 0 };
	e.kind = CELL_ERROR;
	e.text = "#DIV/0!";
	refused(e, UNIT_NUMBER, "#DIV/0!", "an error value");
}

/* What a format code shows a number as. */
static void test_formats(void)
{
	struct {
		const char *code;
		enum numfmt_kind kind;
	} cases[] = {
		{"General", NUMFMT_GENERAL}, {"0.00", NUMFMT_NUMBER}, {"#,##0", NUMFMT_NUMBER},
		{"0%", NUMFMT_PERCENT}, {"0.0%;[Red]-0.0%", NUMFMT_PERCENT},
		{"yyyy-mm-dd", NUMFMT_DATE}, {"mmm-yy", NUMFMT_DATE}, {"d/m/yy h:mm", NUMFMT_DATE},
		{"[h]:mm:ss", NUMFMT_TIME}, {"mm:ss", NUMFMT_TIME}, {"h:mm AM/PM", NUMFMT_TIME},
		{"@", NUMFMT_TEXT}, {"0.00E+00", NUMFMT_NUMBER}, {"\"m\"0.0", NUMFMT_NUMBER},
		{"[$$-409]#,##0.00", NUMFMT_NUMBER}, {"[Blue]0.00", NUMFMT_NUMBER},
		{"0\\%", NUMFMT_NUMBER},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char what[80];
		snprintf(what, sizeof what, "the format %s", cases[i].code);
		CHECK_INT(import_numfmt_classify(cases[i].code).kind, cases[i].kind, what);
	}
	struct numfmt f = import_numfmt_classify("[h]:mm:ss");
	CHECK(f.elapsed && f.hours && f.seconds && !f.ampm, "[h]:mm:ss is elapsed hours to seconds");
	f = import_numfmt_classify("h:mm");
	CHECK(f.hours && !f.seconds && !f.elapsed, "h:mm shows hours and minutes");
	f = import_numfmt_classify("hh:mm:ss\\ AM/PM");
	CHECK(f.ampm, "AM/PM is a time of day");
}

/* A percent measure with values in points. */
static void test_fraction(void)
{
	struct value vals[2] = {
		{ .period = { .fy = 2018, .quarter = 1 }, .has_actual = true, .actual = 81 },
		{ .period = { .fy = 2017, .quarter = 4 }, .has_actual = true, .actual = 78 },
	};
	struct measure m;
	memset(&m, 0, sizeof m);
	m.unit = UNIT_PERCENT;
	m.values = vals;
	m.nvalues = 2;
	struct period q2 = { .fy = 2018, .quarter = 2 };
	CHECK(import_looks_like_fraction(&m, 0.943, q2), "0.943 among 81 and 78 looks like a fraction");
	CHECK(!import_looks_like_fraction(&m, 94.3, q2), "94.3 does not");
	CHECK(!import_looks_like_fraction(&m, 0, q2), "0 does not");
	m.nvalues = 0;
	CHECK(import_looks_like_fraction(&m, 0.943, q2), "0.943 as the only value looks like one");
	vals[0].actual = 0.5;
	vals[1].actual = 0.7;
	m.nvalues = 2;
	CHECK(import_looks_like_fraction(&m, 0.943, q2), "every value below 1 looks like fractions");
	vals[1].actual = 3;
	CHECK(!import_looks_like_fraction(&m, 0.943, q2), "values on both sides of 1 do not");
	m.unit = UNIT_NUMBER;
	CHECK(!import_looks_like_fraction(&m, 0.943, q2), "only a percent measure is checked");
}

/* How messages name a place. */
static void test_where(void)
{
	struct import_book b;
	import_book_init(&b, "values.xlsx");
	struct import_row row = { 7, NULL, 0 };
	struct import_sheet police = { "Police", &row, 1 }, spaced = { "Q2 data", &row, 1 };
	struct import_sheet csv = { NULL, &row, 1 };
	char buf[128];
	import_where(&b, &police, &row, 3, buf, sizeof buf);
	CHECK_STR(buf, "values.xlsx:Police!D7", "a cell of a sheet");
	import_where(&b, &spaced, &row, 27, buf, sizeof buf);
	CHECK_STR(buf, "values.xlsx:'Q2 data'!AB7", "a sheet name with a space is quoted");
	b.path = "values.csv";
	import_where(&b, &csv, &row, 3, buf, sizeof buf);
	CHECK_STR(buf, "values.csv:7", "a CSV's line");
	import_book_free(&b);
}

int main(void)
{
	test_text();
	test_numbers();
	test_formats();
	test_fraction();
	test_where();
	return harness_done();
}
