/* Reading a spreadsheet's value into an amount in a measure's unit, the way
 * people write numbers in spreadsheets: "$1,250,000", "1,234", "12.5%",
 * "8:37", spaces around them, a cell formatted as a percent holding 0.125,
 * a time serial in a cell formatted as minutes and seconds. Whatever could
 * be read two ways is refused, saying how to write it so that it cannot:
 * "8,37" (a decimal comma, or a thousands separator in the wrong place?),
 * "8:37" in an hours:minutes cell (eight hours?), a date, an exponent. */
#include "import_values.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes the reason into out->why. */
static bool fail(struct amount_read *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static bool fail(struct amount_read *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out->why, sizeof out->why, fmt, ap);
	va_end(ap);
	return false;
}

/* The value as the data file writes it: whole for a count, M:SS or H:MM:SS
 * for a duration, else the shortest decimal to nine places. */
static void canonical(enum unit unit, double v, char *buf, size_t n)
{
	if (unit == UNIT_DURATION) {
		long long t = llround(v);
		if (t >= 3600)
			snprintf(buf, n, "%lld:%02lld:%02lld", t / 3600, t / 60 % 60, t % 60);
		else
			snprintf(buf, n, "%lld:%02lld", t / 60, t % 60);
		return;
	}
	v = round9(v);
	if (v == 0)
		v = 0; /* No "-0". */
	/* At most nine decimals and fifteen significant digits, as the format
	 * allows: a double holds no more, and printing more shows its noise. */
	int whole = 1;
	for (double a = fabs(v); a >= 10 && whole < 16; a /= 10)
		whole++;
	int places = 15 - whole;
	snprintf(buf, n, "%.*f", places > 9 ? 9 : places < 0 ? 0 : places, v);
	char *dot = strchr(buf, '.');
	if (dot) {
		char *end = buf + strlen(buf);
		while (end > dot + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == dot + 1)
			*dot = '\0';
	}
}

/* Stores the value and its text once it is known to fit the unit. */
static bool accept(enum unit unit, double v, struct amount_read *out)
{
	if (!isfinite(v) || fabs(v) > AMOUNT_MAX)
		return fail(out, "the amount is beyond 10^15; expected an amount of at most 1000000000000000");
	if (unit == UNIT_COUNT && round9(v) != floor(round9(v))) {
		char shown[64];
		canonical(UNIT_NUMBER, v, shown, sizeof shown);
		return fail(out, "%s is not a whole number, and the measure counts; expected a whole "
			    "number such as %.0f", shown, floor(v));
	}
	if (unit == UNIT_DURATION && v < 0)
		return fail(out, "the amount is negative, and a duration never is; expected minutes and seconds "
			    "such as 8:37");
	out->value = unit == UNIT_DURATION ? (double)llround(v) : round9(v);
	canonical(unit, out->value, out->text, sizeof out->text);
	/* What the data file will hold must read back as the same amount. */
	double back;
	if (!amount_parse(unit, out->text, &back, NULL, 0))
		return fail(out, "the amount cannot be written in the data file as %s; expected an amount such "
			    "as the measure's others", out->text);
	return true;
}

/* Characters taken as white space around a value: ASCII space and tab, and
 * the no-break spaces spreadsheets put between digits and a % or currency. */
static size_t space_at(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		return 1;
	if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2; /* U+00A0 */
	if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xAF)
		return 3; /* U+202F */
	return 0;
}

/* Copies text without white space at either end into buf; false if too long. */
static bool trimmed(const char *s, char *buf, size_t n)
{
	size_t k;
	while ((k = space_at(s)) > 0)
		s += k;
	size_t len = strlen(s);
	if (len >= n)
		return false;
	memcpy(buf, s, len + 1);
	/* Trailing: step back over whole spaces. */
	for (;;) {
		size_t l = strlen(buf);
		if (l >= 1 && space_at(buf + l - 1) == 1)
			buf[l - 1] = '\0';
		else if (l >= 2 && space_at(buf + l - 2) == 2)
			buf[l - 2] = '\0';
		else if (l >= 3 && space_at(buf + l - 3) == 3)
			buf[l - 3] = '\0';
		else
			break;
	}
	return true;
}

/* Removes a prefix (or suffix) if present, with white space beside it. */
static bool strip_prefix(char *s, const char *p)
{
	size_t n = strlen(p);
	if (strncmp(s, p, n) != 0)
		return false;
	size_t k = n, sp;
	while ((sp = space_at(s + k)) > 0)
		k += sp;
	memmove(s, s + k, strlen(s + k) + 1);
	return true;
}

static bool strip_suffix(char *s, const char *p)
{
	size_t n = strlen(p), len = strlen(s);
	if (len < n || strcmp(s + len - n, p) != 0)
		return false;
	s[len - n] = '\0';
	char tmp[128];
	if (trimmed(s, tmp, sizeof tmp))
		strcpy(s, tmp);
	return true;
}

/* Reads a number as spreadsheets write one: an optional minus, digits with
 * commas only between groups of three, an optional point and decimals. */
static bool read_decimal(const char *s, enum unit unit, double *v, struct amount_read *out,
			 const char *shown)
{
	char digits[128];
	size_t n = 0;
	const char *p = s;
	if (*p == '-')
		digits[n++] = *p++;
	if (*p == '+' || *p == '(')
		return fail(out, "\"%s\" has a sign spreadsheets do not write; expected a number "
			    "such as %s (a minus for a negative amount)", shown,
			    unit == UNIT_COUNT ? "1234" : "1234.5");
	size_t group = 0, groups = 0;
	bool comma = false;
	for (; *p && *p != '.'; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n + 1 >= sizeof digits)
				return fail(out, "\"%s\" is too long a number; expected at most 10^15", shown);
			digits[n++] = *p;
			group++;
		} else if (*p == ',') {
			if ((groups == 0 && (group == 0 || group > 3)) || (groups > 0 && group != 3))
				return fail(out, "\"%s\" has a comma that is not a thousands separator; "
					    "expected a point before the decimals and commas only between "
					    "groups of three digits, such as 1,234.5", shown);
			comma = true;
			groups++;
			group = 0;
		} else {
			return fail(out, "\"%s\" is not a number; expected a number such as %s", shown,
				    unit == UNIT_COUNT ? "1,234" : "1,234.5");
		}
	}
	if (group == 0 || (comma && group != 3))
		return fail(out, "\"%s\" has a comma that is not a thousands separator; expected a "
			    "point before the decimals and commas only between groups of three "
			    "digits, such as 1,234.5", shown);
	if (*p == '.') {
		digits[n++] = *p++;
		size_t f = 0;
		for (; *p >= '0' && *p <= '9'; p++, f++) {
			if (n + 1 >= sizeof digits)
				return fail(out, "\"%s\" has too many decimals; expected at most 9", shown);
			digits[n++] = *p;
		}
		if (f == 0 || *p)
			return fail(out, "\"%s\" is not a number; expected a number such as 1,234.5",
				    shown);
	}
	digits[n] = '\0';
	*v = strtod(digits, NULL);
	return true;
}

/* Currency signs as people type them, and the codes each may stand for. */
static const struct {
	const char *sign, *codes;
} currency_signs[] = {
	/* Longer signs first, so that US$ is not read as $. */
	{"US$", "USD"}, {"C$", "CAD"}, {"A$", "AUD"}, {"NZ$", "NZD"},
	{"$", "USD CAD AUD NZD MXN SGD HKD"},
	{"\xe2\x82\xac", "EUR"}, {"\xc2\xa3", "GBP"}, {"\xc2\xa5", "JPY CNY"},
};

/* Whether a space-separated list holds a code. */
static bool has_code(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; (p = strstr(p, code)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

/* Takes the measure's currency sign or code off the front or back of s
 * (after a minus, as in -$1,250). False, with the sign in *other, when s
 * is written in another currency. */
static bool strip_currency(char *s, const char *code, const char **other)
{
	*other = NULL;
	char *body = s[0] == '-' ? s + 1 : s;
	for (size_t i = 0; i < sizeof currency_signs / sizeof *currency_signs; i++) {
		const char *sign = currency_signs[i].sign;
		if (strncmp(body, sign, strlen(sign)) != 0 && !strip_suffix(body, sign))
			continue;
		if (!has_code(currency_signs[i].codes, code)) {
			*other = sign;
			return false;
		}
		strip_prefix(body, sign);
		break;
	}
	if (!strip_prefix(body, code))
		strip_suffix(body, code);
	return true;
}

/* Reads text as an amount in the unit. */
static bool read_text(const char *text, enum unit unit, const char *currency,
		      struct amount_read *out)
{
	char s[128];
	if (!trimmed(text, s, sizeof s))
		return fail(out, "\"%.40s...\" is too long for an amount; expected a number", text);
	if (!*s) {
		out->empty = true;
		return true;
	}
	char shown[128];
	snprintf(shown, sizeof shown, "%s", s);
	double v;
	switch (unit) {
	case UNIT_RATING:
		/* A level is a word the data file holds as written; the loader
		 * checks it against the measure's levels when the file is read. */
		if (strlen(s) >= sizeof out->text)
			return fail(out, "\"%.40s...\" is too long for a rating's level; expected one "
				    "of the measure's levels", s);
		memcpy(out->text, s, strlen(s) + 1);
		return true;
	case UNIT_YES_NO:
		for (char *c = s; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		if (strcmp(s, "yes") != 0 && strcmp(s, "no") != 0)
			return fail(out, "\"%s\" is not yes or no; expected yes or no", shown);
		out->value = s[0] == 'y' ? 2 : 1;
		memcpy(out->text, s, strlen(s) + 1);
		return true;
	case UNIT_DURATION: {
		char why[200];
		if (amount_parse(UNIT_DURATION, s, &v, why, sizeof why))
			return accept(unit, v, out);
		return fail(out, "\"%s\" is not a duration; expected %s", shown, why);
	}
	case UNIT_PERCENT:
		if (strip_suffix(s, "%"))
			out->explicit_percent = true;
		if (!read_decimal(s, unit, &v, out, shown))
			return false;
		return accept(unit, v, out);
	case UNIT_CURRENCY: {
		const char *other;
		if (!strip_currency(s, currency, &other))
			return fail(out, "\"%s\" is in another currency (%s), and the measure is in %s; "
				    "expected an amount in %s", shown, other, currency, currency);
		if (!read_decimal(s, unit, &v, out, shown))
			return false;
		return accept(unit, v, out);
	}
	case UNIT_COUNT:
	case UNIT_NUMBER:
	case UNIT_MINUTES:
		if (strchr(s, '%'))
			return fail(out, "\"%s\" is a percentage, and the measure is a %s; expected a "
				    "number such as %s", shown, unit_name(unit),
				    unit == UNIT_COUNT ? "342" : "8.53");
		if (strchr(s, ':'))
			return fail(out, "\"%s\" looks like a time, and the measure is %s; expected %s",
				    shown, unit == UNIT_MINUTES ? "in decimal minutes" : "a number",
				    unit == UNIT_MINUTES ? "decimal minutes such as 8.53" : "a number");
		if (!read_decimal(s, unit, &v, out, shown))
			return false;
		return accept(unit, v, out);
	}
	return fail(out, "the cell cannot be read");
}

/* Seconds in a time serial (a fraction of a day), if whole. */
static bool serial_seconds(double days, double *secs)
{
	double s = days * 86400.0;
	double r = round(s);
	*secs = r;
	return fabs(s - r) < 0.001;
}

/* Reads a number cell, with what its format says about it. */
static bool read_number(const struct import_cell *c, enum unit unit, struct amount_read *out)
{
	const struct numfmt *f = &c->fmt;
	double v = c->number;
	char shown[64];
	canonical(UNIT_NUMBER, v, shown, sizeof shown);
	if (f->kind == NUMFMT_DATE)
		return fail(out, "the cell holds a date (format %s); expected %s", f->code,
			    unit == UNIT_DURATION ? "minutes and seconds such as 8:37"
						  : "a number, formatted as a number");
	switch (unit) {
	case UNIT_RATING:
	case UNIT_YES_NO:
		return fail(out, "the cell holds the number %s, and the measure is %s; expected %s",
			    shown, unit == UNIT_RATING ? "a rating" : "a yes or no",
			    unit == UNIT_RATING ? "one of its levels, typed as text" : "yes or no");
	case UNIT_DURATION: {
		if (f->kind != NUMFMT_TIME)
			return fail(out, "the cell holds the number %s, which could be seconds or minutes; "
				    "expected minutes and seconds such as 8:37, typed as text or in a "
				    "cell formatted as [m]:ss", shown);
		if (f->ampm)
			return fail(out, "the cell holds a time of day (format %s); expected a duration in "
				    "minutes and seconds such as 8:37, typed as text or in a cell "
				    "formatted as [m]:ss", f->code);
		if (f->hours && !f->seconds)
			return fail(out, "the cell holds a time formatted as hours and minutes (%s), so 8:37 "
				    "there is 8 hours 37 minutes; expected minutes and seconds: type "
				    "0:08:37, or format the cell as text and type 8:37", f->code);
		double secs;
		if (!serial_seconds(v, &secs))
			return fail(out, "the cell holds a time with a fraction of a second; expected whole "
				    "seconds such as 8:37");
		return accept(unit, secs, out);
	}
	case UNIT_PERCENT:
		if (f->kind == NUMFMT_TIME)
			return fail(out, "the cell holds a time (format %s); expected a percentage such as 94.3 "
				    "or 94.3%%", f->code);
		if (f->kind == NUMFMT_PERCENT) {
			out->explicit_percent = true;
			return accept(unit, v * 100.0, out);
		}
		return accept(unit, v, out);
	case UNIT_COUNT:
	case UNIT_NUMBER:
	case UNIT_MINUTES:
	case UNIT_CURRENCY:
		if (f->kind == NUMFMT_TIME)
			return fail(out, "the cell holds a time (format %s), and the measure is %s; expected %s",
				    f->code, unit == UNIT_MINUTES ? "in decimal minutes" : "a number",
				    unit == UNIT_MINUTES ? "decimal minutes such as 8.53" : "a number");
		if (f->kind == NUMFMT_PERCENT)
			return fail(out, "the cell holds a percentage (format %s), and the measure is %s; "
				    "expected a number formatted as a number", f->code,
				    unit == UNIT_CURRENCY ? "money" : unit_name(unit));
		return accept(unit, v, out);
	}
	return fail(out, "the cell cannot be read");
}

bool import_amount(const struct import_cell *c, enum unit unit, const char *currency,
		   struct amount_read *out)
{
	memset(out, 0, sizeof *out);
	if (!c) {
		out->empty = true;
		return true;
	}
	switch (c->kind) {
	case CELL_EMPTY:
		out->empty = true;
		return true;
	case CELL_TEXT:
		return read_text(c->text, unit, currency ? currency : "USD", out);
	case CELL_NUMBER:
		return read_number(c, unit, out);
	case CELL_BOOLEAN:
		return fail(out, "the cell holds %s, a yes/no value; expected an amount",
			    c->number ? "TRUE" : "FALSE");
	case CELL_ERROR:
		return fail(out, "the cell holds the error %s (a formula that failed); expected an amount",
			    c->text);
	case CELL_DATE:
		return fail(out, "the cell holds the date %s; expected an amount", c->text);
	}
	return fail(out, "the cell cannot be read");
}

bool import_looks_like_fraction(const struct measure *m, double v, struct period p)
{
	if (m->unit != UNIT_PERCENT || v == 0 || fabs(v) >= 1)
		return false;
	size_t others = 0, big = 0;
	for (size_t i = 0; i < m->nvalues; i++) {
		const struct value *val = &m->values[i];
		if (!val->has_actual || period_cmp(val->period, p) == 0)
			continue;
		others++;
		big += fabs(val->actual) >= 1;
	}
	/* Below 1 where the others are 1 or more, or where all of them are
	 * below 1 too (a measure kept in fractions from the start). */
	return others == 0 || big == others || big == 0;
}
