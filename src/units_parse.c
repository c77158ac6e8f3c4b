/* Reading amounts and tolerances exactly as the data file format writes
 * them, with a helpful "expected ..." phrase when the text is wrong. */
#include "units.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Digits shown after the point when the measure does not say (spec table). */
int unit_default_decimals(enum unit unit)
{
	switch (unit) {
	case UNIT_COUNT:
	case UNIT_PERCENT:
	case UNIT_CURRENCY:
	case UNIT_DURATION:
	case UNIT_RATING:
	case UNIT_YES_NO:
		return 0;
	case UNIT_NUMBER:
	case UNIT_MINUTES:
		return 2;
	}
	return 0;
}


/* Which way is better for a comparison. */
enum direction cmp_direction(enum cmp c)
{
	switch (c) {
	case CMP_AT_LEAST:
	case CMP_MORE_THAN:
		return DIR_HIGHER_BETTER;
	case CMP_AT_MOST:
	case CMP_LESS_THAN:
		return DIR_LOWER_BETTER;
	}
	return DIR_HIGHER_BETTER;
}

/* Half away from zero at the ninth decimal place. A product v * 1e9 that
 * lands within a hair of .5 stands for a decimal that was exactly half, so
 * it is rounded away from zero as decimal arithmetic would. */
double round9(double v)
{
	if (!isfinite(v) || fabs(v) >= 1e15)
		return v;
	double s = v * 1e9;
	double whole = trunc(s);
	double frac = fabs(s - whole);
	if (fabs(frac - 0.5) <= 1e-6)
		return (whole + copysign(1.0, s)) / 1e9;
	return round(s) / 1e9;
}

/* Writes a printf-style phrase into why (which may be NULL). */
static void set_why(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void set_why(char *why, size_t whylen, const char *fmt, ...)
{
	if (!why || whylen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
}

/* Length of a run of ASCII digits at s. */
static size_t digit_run(const char *s)
{
	size_t n = 0;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

/* Matches -?[0-9]+(\.[0-9]+)? exactly (whole: no fraction). Returns the
 * length matched, or 0; *has_point tells whether a fraction was read. */
static size_t match_decimal(const char *s, bool whole, bool *has_point)
{
	size_t i = 0;
	*has_point = false;
	if (s[i] == '-')
		i++;
	size_t n = digit_run(s + i);
	if (n == 0)
		return 0;
	i += n;
	if (s[i] == '.' && !whole) {
		size_t f = digit_run(s + i + 1);
		if (f == 0)
			return 0;
		i += 1 + f;
		*has_point = true;
	}
	return i;
}

/* True when the decimal text has a non-zero digit after the point. */
static bool has_nonzero_fraction(const char *s)
{
	const char *p = strchr(s, '.');
	if (!p)
		return false;
	for (p++; *p >= '0' && *p <= '9'; p++)
		if (*p != '0')
			return true;
	return false;
}

/* Whether matched decimal text is at most AMOUNT_MAX in magnitude, decided on
 * the digits: 999999999999999.99 is allowed although it reads as 1e15. */
static bool within_max(const char *s)
{
	static const char max[] = "1000000000000000"; /* AMOUNT_MAX written out. */
	if (*s == '-')
		s++;
	while (*s == '0' && s[1] >= '0' && s[1] <= '9')
		s++;
	size_t n = digit_run(s);
	if (n != sizeof max - 1)
		return n < sizeof max - 1;
	int c = strncmp(s, max, n);
	if (c != 0)
		return c < 0;
	for (const char *p = s + n + (s[n] == '.'); *p >= '0' && *p <= '9'; p++)
		if (*p != '0')
			return false;
	return true;
}

/* Converts matched decimal text; false beyond AMOUNT_MAX. strtod is safe here:
 * the text is plain digits and a point, and the program runs in the C locale. */
static bool decimal_value(const char *s, double *out)
{
	if (!within_max(s))
		return false;
	*out = strtod(s, NULL);
	return true;
}

bool amount_precise(const char *text, char *why, size_t whylen)
{
	const char *p = text;
	if (*p == '-')
		p++;
	size_t whole = digit_run(p);
	if (whole == 0 || (p[whole] != '.' && p[whole] != '%' && p[whole] != '\0'))
		return true;
	const char *frac = p[whole] == '.' ? p + whole + 1 : "";
	size_t places = digit_run(frac);
	while (places > 0 && frac[places - 1] == '0')
		places--;
	/* Significant digits: from the first non-zero digit to the last one
	 * that counts (trailing zeros of a fraction do not). */
	size_t lead = 0;
	while (lead < whole && p[lead] == '0')
		lead++;
	size_t digits;
	if (lead < whole) {
		digits = whole - lead + places;
	} else {
		size_t z = 0;
		while (z < places && frac[z] == '0')
			z++;
		digits = places - z;
	}
	if (places > AMOUNT_MAX_PLACES) {
		set_why(why, whylen, "has %zu decimal places; expected at most %d (amounts are "
			"compared to %d decimal places, so more would be lost without a word)",
			places, AMOUNT_MAX_PLACES, AMOUNT_MAX_PLACES);
		return false;
	}
	if (digits > AMOUNT_MAX_DIGITS) {
		set_why(why, whylen, "has %zu significant digits; expected at most %d (the most an "
			"amount is kept exactly to, so more would be rounded without a word)",
			digits, AMOUNT_MAX_DIGITS);
		return false;
	}
	return true;
}

/* The example shown to someone who wrote something else. */
static const char *unit_example(enum unit unit)
{
	switch (unit) {
	case UNIT_COUNT:
		return "342";
	case UNIT_NUMBER:
		return "8.53";
	case UNIT_PERCENT:
		return "81";
	case UNIT_CURRENCY:
		return "1250000";
	case UNIT_MINUTES:
		return "8.53";
	case UNIT_DURATION:
		return "8:37";
	case UNIT_RATING:
		return "AA+";
	case UNIT_YES_NO:
		return "yes";
	}
	return "";
}

/* Parses a duration M:SS or H:MM:SS into seconds; false with a reason. */
static bool parse_duration(const char *s, double *out, char *why, size_t whylen)
{
	const char *expect = "a duration M:SS or H:MM:SS";
	if (s[0] == '-' || s[0] == '+') {
		set_why(why, whylen, "%s such as %s (no sign: a duration is never negative)", expect,
			s[0] == '-' && parse_duration(s + 1, out, NULL, 0) ? s + 1 : "8:37");
		return false;
	}
	size_t n1 = digit_run(s);
	int parts[3];
	size_t lens[3];
	int nparts = 0;
	const char *p = s;
	for (;;) {
		size_t n = digit_run(p);
		if (n == 0 || nparts == 3)
			break;
		lens[nparts] = n;
		parts[nparts] = 0;
		/* Only the last two parts are bounded in size; the first is read as a double below. */
		if (nparts > 0 && n <= 2)
			parts[nparts] = atoi(p);
		nparts++;
		p += n;
		if (*p != ':')
			break;
		p++;
	}
	bool shape = nparts >= 2 && *p == '\0' && p[-1] != ':' && lens[1] == 2 &&
		     (nparts == 2 || lens[2] == 2);
	if (!shape) {
		if (n1 > 0 && s[n1] == '\0')
			set_why(why, whylen, "%s such as %s:00 (minutes and seconds)", expect, s);
		else
			set_why(why, whylen, "%s such as 8:37", expect);
		return false;
	}
	double lead = strtod(s, NULL); /* Minutes in M:SS, hours in H:MM:SS. */
	int last = parts[nparts - 1];
	if (last > 59 || (nparts == 3 && parts[1] > 59)) {
		double total = nparts == 2 ? lead * 60 + last : lead * 3600 + parts[1] * 60.0 + last;
		char fixed[64] = "8:37";
		if (total < 1e12) {
			long long t = (long long)total;
			if (t >= 3600)
				snprintf(fixed, sizeof fixed, "%lld:%02lld:%02lld", t / 3600, t / 60 % 60, t % 60);
			else
				snprintf(fixed, sizeof fixed, "%lld:%02lld", t / 60, t % 60);
		}
		set_why(why, whylen, "%s with %s below 60, such as %s", expect,
			last > 59 ? "seconds" : "minutes", fixed);
		return false;
	}
	double secs = nparts == 2 ? lead * 60 + last : lead * 3600 + parts[1] * 60.0 + last;
	if (!isfinite(secs) || secs > AMOUNT_MAX) {
		set_why(why, whylen, "%s of at most 1000000000000000 seconds", expect);
		return false;
	}
	*out = secs;
	return true;
}

/* Keeps the first slip found: it is the one to mention. */
static void note_once(const char **note, const char *what)
{
	if (!*note)
		*note = what;
}

/* Tries the text without the usual slips (thousands separators, a plus sign,
 * a bare point, an exponent, a unit sign): writes the repaired text and a
 * note on what was wrong, or returns false when no simple repair reads. */
static bool repair_decimal(enum unit unit, const char *s, char *fixed, size_t n, const char **note)
{
	char buf[128];
	size_t len = strlen(s);
	if (len == 0 || len >= sizeof buf)
		return false;
	*note = NULL;
	size_t j = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == ',') {
			note_once(note, "no thousands separators");
			continue;
		}
		if (c == ' ' || c == '\t') {
			note_once(note, "no spaces");
			continue;
		}
		if (c == '$' || (c == '%' && unit != UNIT_PERCENT)) {
			note_once(note, "no unit signs");
			continue;
		}
		if (c == '+' && j == 0) {
			note_once(note, "no plus sign");
			continue;
		}
		buf[j++] = c;
	}
	buf[j] = '\0';
	if (unit == UNIT_PERCENT && j > 0 && buf[j - 1] == '%')
		buf[--j] = '\0';
	if (j == 0)
		return false;
	if (strpbrk(buf, "eE")) {
		char *end;
		double v = strtod(buf, &end);
		if (*end != '\0' || !isfinite(v) || fabs(v) > AMOUNT_MAX || strpbrk(buf, "xXnN"))
			return false;
		snprintf(buf, sizeof buf, "%.15g", v);
		if (strpbrk(buf, "eE"))
			return false;
		note_once(note, "written out, no exponent");
	}
	size_t sign = buf[0] == '-';
	if (buf[sign] == '.' && strlen(buf) + 1 < sizeof buf) {
		memmove(buf + sign + 1, buf + sign, strlen(buf + sign) + 1);
		buf[sign] = '0';
		note_once(note, "a digit before the point");
	}
	if (buf[strlen(buf) - 1] == '.') {
		buf[strlen(buf) - 1] = '\0';
		note_once(note, "no point without digits after it");
	}
	if (unit == UNIT_COUNT) {
		char *dot = strchr(buf, '.');
		if (dot) {
			if (has_nonzero_fraction(buf))
				return false;
			*dot = '\0';
			note_once(note, "a count has no decimal point");
		}
	}
	bool point;
	if (!*note || match_decimal(buf, unit == UNIT_COUNT, &point) != strlen(buf))
		return false;
	double v;
	if (!decimal_value(buf, &v))
		return false;
	snprintf(fixed, n, "%s", buf);
	return true;
}

/* Parses an amount in a unit; see units.h. */
bool amount_parse(enum unit unit, const char *text, double *out, char *why, size_t whylen)
{
	if (unit == UNIT_DURATION)
		return parse_duration(text, out, why, whylen);
	bool whole = unit == UNIT_COUNT;
	bool point;
	size_t n = match_decimal(text, whole, &point);
	bool exact = n > 0 && (text[n] == '\0' || (unit == UNIT_PERCENT && text[n] == '%' &&
						   text[n + 1] == '\0'));
	if (exact) {
		if (decimal_value(text, out))
			return true;
		set_why(why, whylen, "a number from -1000000000000000 to 1000000000000000");
		return false;
	}
	const char *kind = whole ? "a whole number" : "a number";
	char fixed[128];
	const char *note;
	if (repair_decimal(unit, text, fixed, sizeof fixed, &note)) {
		set_why(why, whylen, "%s such as %s (%s)", kind, fixed, note);
		return false;
	}
	if (unit == UNIT_PERCENT)
		set_why(why, whylen, "a number such as 81 or 81%%");
	else if (unit == UNIT_CURRENCY)
		set_why(why, whylen, "a number such as 1250000 (no currency sign or thousands separators)");
	else
		set_why(why, whylen, "%s such as %s", kind, unit_example(unit));
	return false;
}

/* Parses a tolerance; see units.h. A percentage is never negative and never
 * has a sign; an amount follows the unit's grammar and is not negative. */
bool tolerance_parse(enum unit unit, bool percent_only, const char *text, struct tolerance *out,
		     char *why, size_t whylen)
{
	size_t len = strlen(text);
	const char *amount_eg = unit == UNIT_DURATION ? "0:30" : unit == UNIT_COUNT ? "2" : "1.5";
	if (len > 0 && text[len - 1] == '%') {
		bool point;
		size_t n = match_decimal(text, false, &point);
		double v;
		if (text[0] != '-' && n > 0 && n == len - 1 && decimal_value(text, &v)) {
			out->relative = true;
			out->amount = v;
			return true;
		}
	} else if (!percent_only) {
		double v;
		if (amount_parse(unit, text, &v, NULL, 0) && v >= 0 && text[0] != '-') {
			out->relative = false;
			out->amount = v;
			return true;
		}
	}
	if (percent_only)
		set_why(why, whylen,
			"a percentage such as 10%% (an amount tolerance is allowed only on a measure)");
	else
		set_why(why, whylen, "a percentage such as 10%% or an amount in the measure's unit such as %s",
			amount_eg);
	return false;
}

/* Parses a change from an earlier result; see units.h. The sign is read
 * first, so the amount after it follows the unit's own grammar (a
 * duration has none of its own). */
bool change_parse(enum unit unit, const char *text, double *out, bool *relative, char *why,
		  size_t whylen)
{
	double sign = 1;
	const char *s = text;
	if (*s == '+' || *s == '-') {
		sign = *s == '-' ? -1 : 1;
		s++;
	}
	size_t len = strlen(s);
	const char *eg = unit == UNIT_DURATION ? "-0:30" : unit == UNIT_PERCENT ? "+2" : "+10";
	if (len > 0 && s[len - 1] == '%') {
		bool point;
		size_t n = match_decimal(s, false, &point);
		double v;
		if (*s != '-' && n == len - 1 && decimal_value(s, &v)) {
			*out = sign * v;
			*relative = true;
			return true;
		}
	} else if (*s && *s != '-' && *s != '+') {
		double v;
		if (amount_parse(unit, s, &v, NULL, 0)) {
			*out = sign * v;
			*relative = false;
			return true;
		}
	}
	set_why(why, whylen, "a change such as +5%% (a share of the earlier result) or %s (an "
		"amount in the measure's unit)", eg);
	return false;
}

/* Parses one percentage such as "45%" or "45.5%", not negative; see units.h. */
bool percentage_parse(const char *text, double *out)
{
	size_t len = strlen(text);
	bool point;
	return len > 1 && text[len - 1] == '%' && text[0] != '-' &&
	       match_decimal(text, false, &point) == len - 1 && decimal_value(text, out);
}
