/* Writing amounts for readers: "81%", "8:37", "$1,250,000", "+6 pts".
 * Done on decimal digits rather than with printf's "%'.2f", so the output
 * never depends on the locale and rounds half away from zero. */
#include "units.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Wide enough for "%.9f" of any double (309 integer digits and 9 places). */
#define DIGITS_MAX 480
/* Digits with separators, then with a currency code or unit word around them. */
#define GROUPED_MAX (DIGITS_MAX * 2 + 32)
#define TEXT_MAX (GROUPED_MAX + 32)
/* The places the data file's decimals are judged at (see to_digits). */
#define PLACES 9

/* A magnitude as decimal digits, already rounded for display. */
struct digits {
	char whole[DIGITS_MAX]; /* Integer part, no separators, at least "0". */
	char frac[16];          /* Exactly `decimals` digits. */
	bool zero;              /* Every digit is 0: such a value never gets a sign. */
};

/* Text built up to a size limit, cut as snprintf cuts: the caller's buffer
 * always ends up terminated, holding as much of the text as fits. */
struct text {
	char *buf;
	size_t cap;  /* Bytes in buf, terminator included. */
	size_t len;  /* Bytes written so far, never more than cap - 1. */
};

/* Start text in `buf` of `n` bytes. */
static void text_init(struct text *t, char *buf, size_t n)
{
	t->buf = buf;
	t->cap = n;
	t->len = 0;
	if (n > 0)
		buf[0] = '\0';
}

/* Append `k` bytes of `s`, as many as fit. */
static void text_put(struct text *t, const char *s, size_t k)
{
	if (t->cap == 0)
		return;
	size_t room = t->cap - 1 - t->len;
	if (k > room)
		k = room;
	memcpy(t->buf + t->len, s, k);
	t->len += k;
	t->buf[t->len] = '\0';
}

/* Append a string. */
static void text_str(struct text *t, const char *s)
{
	text_put(t, s, strlen(s));
}

/* Powers of ten up to 10^PLACES, exact both as integers and as doubles. */
static const uint64_t pow10_int[PLACES + 1] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
};

/* "123" for 123, into buf (at least 21 bytes); returns the length. */
static size_t utoa(uint64_t v, char *buf)
{
	char tmp[24];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	for (size_t i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

/* The slow path's answer as one integer, worked out without printing: the
 * digits of |v| rounded to PLACES places as printf does it (to nearest, ties
 * to even, on the exact binary value), then half away from zero to
 * `decimals`. Returns false, leaving the work to the slow path, when the
 * scaled value is too large for exact integer arithmetic or lies so near a
 * rounding boundary that the two roundings could disagree. */
static bool rounded_fast(double a, int decimals, uint64_t *out)
{
	if (decimals >= PLACES)
		return false; /* The slow path handles a 9th place of its own. */
	double scale = (double)pow10_int[decimals];
	double x = a * scale;
	if (!(x < 0x1p52)) /* Also refuses NaN and infinity. */
		return false;
	/* a·scale is exactly x + lo, and x - n is exact below 2^52, so e is
	 * the exact distance from the nearest integer, give or take one
	 * rounding of a number below one. */
	double lo = fma(a, scale, -x);
	double n = floor(x + 0.5);
	double e = (x - n) + lo;
	/* The distance in units of the ninth place: the printed digits are
	 * n·unit + round(t), which rounds half up to n + 1 once round(t)
	 * reaches unit/2, and to n - 1 below -unit/2 (e can be a hair under
	 * -0.5). The error in t is below 1e-6, so further from a boundary
	 * than that the answer is certain. */
	uint64_t unit = pow10_int[PLACES - decimals];
	double t = e * (double)unit;
	double up = (double)(unit / 2) - 0.5, down = -(double)(unit / 2) - 0.5;
	if (fabs(t - up) < 1e-6 || fabs(t - down) < 1e-6)
		return false;
	if (t > up)
		n += 1;
	else if (t < down)
		n -= 1;
	*out = (uint64_t)n;
	return true;
}

/* The digits of an integer that counts units of the last shown place. */
static void digits_from_int(uint64_t scaled, int decimals, struct digits *out)
{
	uint64_t p = pow10_int[decimals];
	utoa(scaled / p, out->whole);
	uint64_t f = scaled % p;
	for (int i = decimals - 1; i >= 0; i--) {
		out->frac[i] = (char)('0' + f % 10);
		f /= 10;
	}
	out->frac[decimals] = '\0';
	out->zero = scaled == 0;
}

/* Round |v| half away from zero to `decimals` places, as if v were the
 * decimal the data file wrote: printing 9 places first turns the binary
 * 1.00499999… back into 1.005, which then rounds to 1.01. */
static void to_digits_slow(double v, int decimals, struct digits *out)
{
	char tmp[DIGITS_MAX];
	snprintf(tmp, sizeof tmp, "%.9f", fabs(v));
	char *dot = strchr(tmp, '.');
	size_t nwhole = dot ? (size_t)(dot - tmp) : strlen(tmp);
	const char *frac9 = dot ? dot + 1 : "000000000";

	/* Room for a carry into a new leading digit. */
	char num[DIGITS_MAX + 16];
	num[0] = '0';
	memcpy(num + 1, tmp, nwhole);
	memcpy(num + 1 + nwhole, frac9, (size_t)decimals);
	size_t len = 1 + nwhole + (size_t)decimals;
	num[len] = '\0';
	if (frac9[decimals] >= '5') {
		size_t i = len;
		while (i-- > 0) {
			if (num[i] == '9') {
				num[i] = '0';
			} else {
				num[i]++;
				break;
			}
		}
	}
	const char *w = num;
	size_t wlen = len - (size_t)decimals;
	while (wlen > 1 && *w == '0') {
		w++;
		wlen--;
	}
	memcpy(out->whole, w, wlen);
	out->whole[wlen] = '\0';
	memcpy(out->frac, num + len - (size_t)decimals, (size_t)decimals);
	out->frac[decimals] = '\0';
	out->zero = strspn(num, "0") == len;
}

/* |v| rounded for display: integer arithmetic for the everyday amounts,
 * printing and rounding on the digits for the rest. Both give the same
 * digits (tests/unit/test_format_fast.c compares them). */
static void to_digits(double v, int decimals, struct digits *out)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > PLACES)
		decimals = PLACES;
	if (!isfinite(v))
		v = 0; /* Never produced by the loader; keeps the output printable. */
	uint64_t scaled;
	if (rounded_fast(fabs(v), decimals, &scaled))
		digits_from_int(scaled, decimals, out);
	else
		to_digits_slow(v, decimals, out);
}

/* "1,234,567.50": the digits with thousands separators and the point. */
static void digits_text(const struct digits *dg, struct text *t)
{
	char tmp[DIGITS_MAX * 2];
	size_t len = strlen(dg->whole), o = 0;
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			tmp[o++] = ',';
		tmp[o++] = dg->whole[i];
	}
	text_put(t, tmp, o);
	if (dg->frac[0]) {
		text_put(t, ".", 1);
		text_str(t, dg->frac);
	}
}

/* The symbol written before a currency amount, or NULL to write the code. */
static const char *currency_symbol(const char *code)
{
	static const struct {
		const char *code, *symbol;
	} symbols[] = {
		{"USD", "$"},
		{"EUR", "\xe2\x82\xac"}, /* UTF-8 of the euro, pound and yen signs. */
		{"GBP", "\xc2\xa3"},
		{"JPY", "\xc2\xa5"},
	};
	if (!code)
		return "$"; /* The spec's default currency. */
	for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
		if (strcmp(code, symbols[i].code) == 0)
			return symbols[i].symbol;
	return NULL;
}

/* Append a number of at least two digits, as "%02llu" writes it. */
static void two_digits(struct text *t, unsigned long long v)
{
	char buf[24];
	size_t n = utoa(v, buf);
	if (n < 2)
		text_put(t, "0", 1);
	text_put(t, buf, n);
}

/* "8:37" or "1:02:03" for a number of whole seconds. */
static void duration_text(const struct digits *dg, struct text *t)
{
	char buf[24];
	unsigned long long s = strtoull(dg->whole, NULL, 10);
	unsigned long long h = s / 3600, m = s / 60 % 60, sec = s % 60;
	if (h > 0) {
		text_put(t, buf, utoa(h, buf));
		text_put(t, ":", 1);
		two_digits(t, m);
	} else {
		text_put(t, buf, utoa(m, buf));
	}
	text_put(t, ":", 1);
	two_digits(t, sec);
}

/* " million" after an amount written in millions, "" for ones. */
static const char *scale_word(enum amount_scale sc)
{
	switch (sc) {
	case SCALE_ONE:
		break;
	case SCALE_THOUSANDS:
		return " thousand";
	case SCALE_MILLIONS:
		return " million";
	case SCALE_BILLIONS:
		return " billion";
	}
	return "";
}

/* The measure's words after an amount, " tons", the singular after exactly
 * one where it has one. */
static void label_text(const struct measure *m, const struct digits *dg, struct text *t)
{
	if (!m->unit_label)
		return;
	bool one = strcmp(dg->whole, "1") == 0 && strspn(dg->frac, "0") == strlen(dg->frac);
	text_put(t, " ", 1);
	text_str(t, one && m->unit_label_one ? m->unit_label_one : m->unit_label);
}

/* A rating's level by its place, 1 for the lowest; "?" out of the scale. */
static const char *level_name(const struct measure *m, double v)
{
	double k = round(v);
	if (!m->levels || k < 1 || k > (double)m->nlevels)
		return "?";
	return m->levels[(size_t)k - 1];
}

/* The magnitude |v| in the measure's unit, without a sign, appended to `t`.
 * `delta` turns percent into percentage points, since a change of 81 % to
 * 87 % is not 6 %, and a rating's into levels. `word`: times end in their
 * unit ("7:47 min", "8.5 min", "1:02:03 h", or a duration's own words), so
 * every time in a report reads alike. Sets *zero when what is shown is
 * nothing but zeros. */
static void magnitude_text(const struct measure *m, double v, bool delta, bool word,
			   struct text *t, bool *zero)
{
	struct digits dg;
	int decimals = m->decimals;
	switch (m->unit) {
	case UNIT_DURATION:
		to_digits(v, 0, &dg);
		duration_text(&dg, t);
		*zero = dg.zero;
		if (m->unit_label)
			label_text(m, &dg, t);
		else if (word)
			text_str(t, strtoull(dg.whole, NULL, 10) >= 3600 ? " h" : " min");
		return;
	case UNIT_RATING:
	case UNIT_YES_NO:
		to_digits(v, 0, &dg);
		*zero = dg.zero;
		if (!delta) {
			*zero = false;
			text_str(t, level_name(m, v));
			return;
		}
		digits_text(&dg, t);
		text_str(t, strcmp(dg.whole, "1") == 0 ? " level" : " levels");
		return;
	case UNIT_MINUTES:
		/* Minutes the data file gives no decimals for show the places
		 * they are written with, up to the default: 5, not 5.00. */
		if (!m->decimals_given)
			decimals = amount_places_needed(v, 0, m->decimals);
		break;
	case UNIT_COUNT:
	case UNIT_NUMBER:
	case UNIT_PERCENT:
	case UNIT_CURRENCY:
		break;
	}
	to_digits(v, decimals, &dg);
	*zero = dg.zero;
	switch (m->unit) {
	case UNIT_COUNT:
	case UNIT_NUMBER:
	case UNIT_DURATION:
	case UNIT_RATING:
	case UNIT_YES_NO:
		digits_text(&dg, t);
		text_str(t, scale_word(m->scale));
		label_text(m, &dg, t);
		break;
	case UNIT_PERCENT:
		digits_text(&dg, t);
		if (!delta)
			text_put(t, "%", 1);
		else if (strcmp(dg.whole, "1") == 0 && !dg.frac[0])
			text_put(t, " pt", 3);
		else
			text_put(t, " pts", 4);
		break;
	case UNIT_CURRENCY: {
		const char *sym = currency_symbol(m->currency);
		if (sym) {
			text_str(t, sym);
		} else {
			text_str(t, m->currency);
			text_put(t, " ", 1);
		}
		digits_text(&dg, t);
		text_str(t, scale_word(m->scale));
		break;
	}
	case UNIT_MINUTES:
		digits_text(&dg, t);
		if (word)
			text_put(t, " min", 4);
		break;
	}
}

/* See units.h. */
void amount_format_as(const struct measure *m, double v, unsigned how, char *buf, size_t n)
{
	char mag[TEXT_MAX];
	struct text t;
	bool zero;
	text_init(&t, mag, sizeof mag);
	magnitude_text(m, v, false, !(how & AMOUNT_BARE), &t, &zero);
	text_init(&t, buf, n);
	bool negative = v < 0 && !zero;
	bool parens = negative && (how & AMOUNT_PARENTHESES) && m->unit == UNIT_CURRENCY;
	if (negative)
		text_put(&t, parens ? "(" : "-", 1);
	text_put(&t, mag, strlen(mag));
	if (parens)
		text_put(&t, ")", 1);
}

/* An amount as readers see it; negative amounts carry a leading "-". */
void amount_format(const struct measure *m, double v, char *buf, size_t n)
{
	amount_format_as(m, v, 0, buf, n);
}

/* A change with its sign always written; no change is a zero in the unit
 * without a sign ("0 pts", "0:00"). */
void amount_format_delta(const struct measure *m, double delta, char *buf, size_t n)
{
	char mag[TEXT_MAX];
	struct text t;
	bool zero;
	text_init(&t, mag, sizeof mag);
	magnitude_text(m, delta, true, true, &t, &zero);
	text_init(&t, buf, n);
	if (!zero)
		text_put(&t, delta < 0 ? "-" : "+", 1);
	text_put(&t, mag, strlen(mag));
}

/* See units.h. */
int amount_places_needed(double v, int at_least, int at_most)
{
	/* Amounts are decided to nine places, and arithmetic on them leaves
	 * binary noise past that (a tenth of 1,518,410.5 is 151841.05000000002)
	 * or, for large amounts, in the last bits of the double: neither is a
	 * place of the amount. */
	double a = fabs(v);
	int d = at_least;
	while (d < at_most) {
		double p = (double)pow10_int[d];
		double off = fabs(a - round(a * p) / p);
		if (off < 0.5e-9 || off <= a * 8 * DBL_EPSILON)
			break;
		d++;
	}
	return d;
}

/* A size without a sign, such as an allowed miss: "0.5 pts", "24.125",
 * "0:30", or seconds with their fraction where a duration's is not whole
 * ("51.7 s"). Shown with every place it has, up to six. */
void amount_format_size(const struct measure *m, double v, char *buf, size_t n)
{
	char mag[TEXT_MAX];
	struct text t;
	bool zero;
	text_init(&t, mag, sizeof mag);
	if (m->unit == UNIT_DURATION && round9(v) != floor(round9(v))) {
		struct measure secs = *m;
		secs.unit = UNIT_NUMBER;
		secs.decimals = amount_places_needed(v, 0, 6);
		magnitude_text(&secs, v, true, true, &t, &zero);
		text_put(&t, " s", 2);
	} else {
		struct measure shown = *m;
		shown.decimals = amount_places_needed(v, m->decimals, 6);
		magnitude_text(&shown, v, true, true, &t, &zero);
	}
	text_init(&t, buf, n);
	text_put(&t, mag, strlen(mag));
}
