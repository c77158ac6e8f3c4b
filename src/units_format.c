/* Writing amounts for readers: "81%", "8:37", "$1,250,000", "+6 pts".
 * Done on decimal digits rather than with printf's "%'.2f", so the output
 * never depends on the locale and rounds half away from zero. */
#include "units.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Wide enough for "%.9f" of any double (309 integer digits and 9 places). */
#define DIGITS_MAX 480
/* Digits with separators, then with a currency code or unit word around them. */
#define GROUPED_MAX (DIGITS_MAX * 2 + 32)
#define TEXT_MAX (GROUPED_MAX + 32)

/* A magnitude as decimal digits, already rounded for display. */
struct digits {
	char whole[DIGITS_MAX]; /* Integer part, no separators, at least "0". */
	char frac[16];          /* Exactly `decimals` digits. */
	bool zero;              /* Every digit is 0: such a value never gets a sign. */
};

/* Round |v| half away from zero to `decimals` places, as if v were the
 * decimal the data file wrote: printing 9 places first turns the binary
 * 1.00499999… back into 1.005, which then rounds to 1.01. */
static void to_digits(double v, int decimals, struct digits *out)
{
	char tmp[DIGITS_MAX];
	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	if (!isfinite(v))
		v = 0; /* Never produced by the loader; keeps the output printable. */
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

/* "1,234,567.50": the digits with thousands separators and the point. */
static void digits_text(const struct digits *dg, char *buf, size_t n)
{
	char tmp[DIGITS_MAX * 2];
	size_t len = strlen(dg->whole), o = 0;
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			tmp[o++] = ',';
		tmp[o++] = dg->whole[i];
	}
	tmp[o] = '\0';
	if (dg->frac[0])
		snprintf(buf, n, "%s.%s", tmp, dg->frac);
	else
		snprintf(buf, n, "%s", tmp);
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

/* "8:37" or "1:02:03" for a number of whole seconds. */
static void duration_text(const struct digits *dg, char *buf, size_t n)
{
	unsigned long long s = strtoull(dg->whole, NULL, 10);
	unsigned long long h = s / 3600, m = s / 60 % 60, sec = s % 60;
	if (h > 0)
		snprintf(buf, n, "%llu:%02llu:%02llu", h, m, sec);
	else
		snprintf(buf, n, "%llu:%02llu", m, sec);
}

/* The magnitude |v| in the measure's unit, without a sign. `delta` turns
 * percent into percentage points, since a change of 81 % to 87 % is not 6 %.
 * Sets *zero when what is shown is nothing but zeros. */
static void magnitude_text(const struct measure *m, double v, bool delta, char *buf, size_t n,
			   bool *zero)
{
	struct digits dg;
	char num[GROUPED_MAX];
	switch (m->unit) {
	case UNIT_DURATION:
		to_digits(v, 0, &dg);
		duration_text(&dg, buf, n);
		*zero = dg.zero;
		return;
	case UNIT_COUNT:
	case UNIT_NUMBER:
	case UNIT_PERCENT:
	case UNIT_CURRENCY:
	case UNIT_MINUTES:
		break;
	}
	to_digits(v, m->decimals, &dg);
	digits_text(&dg, num, sizeof num);
	*zero = dg.zero;
	switch (m->unit) {
	case UNIT_COUNT:
	case UNIT_NUMBER:
	case UNIT_DURATION:
		snprintf(buf, n, "%s", num);
		break;
	case UNIT_PERCENT:
		if (delta)
			snprintf(buf, n, "%s %s", num, strcmp(num, "1") == 0 ? "pt" : "pts");
		else
			snprintf(buf, n, "%s%%", num);
		break;
	case UNIT_CURRENCY: {
		const char *sym = currency_symbol(m->currency);
		if (sym)
			snprintf(buf, n, "%s%s", sym, num);
		else
			snprintf(buf, n, "%s %s", m->currency, num);
		break;
	}
	case UNIT_MINUTES:
		snprintf(buf, n, "%s min", num);
		break;
	}
}

/* An amount as readers see it; negative amounts carry a leading "-". */
void amount_format(const struct measure *m, double v, char *buf, size_t n)
{
	char mag[TEXT_MAX];
	bool zero;
	magnitude_text(m, v, false, mag, sizeof mag, &zero);
	snprintf(buf, n, "%s%s", v < 0 && !zero ? "-" : "", mag);
}

/* A change with its sign always written, and a bare "0" for no change. */
void amount_format_delta(const struct measure *m, double delta, char *buf, size_t n)
{
	char mag[TEXT_MAX];
	bool zero;
	magnitude_text(m, delta, true, mag, sizeof mag, &zero);
	if (zero)
		snprintf(buf, n, "0");
	else
		snprintf(buf, n, "%s%s", delta < 0 ? "-" : "+", mag);
}
