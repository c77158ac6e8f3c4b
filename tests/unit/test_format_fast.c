/* amount_format's integer fast path against the rounding it replaces: print
 * nine places with "%.9f", then round half away from zero on the digits.
 * Every value is formatted both ways and must come out byte for byte the
 * same: everyday amounts, random doubles, values on and beside every .5
 * boundary, negatives, zeros, and the 1e15 limit and beyond. */
#include <float.h>
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"
#include "units.h"

/* Values formatted per unit and decimals; each check covers all of them. */
#define RANDOM_VALUES 200000

/* The reference: |v| rounded as the spec says, by printing and rounding
 * the decimal string. Fills the integer digits and `decimals` fraction
 * digits, and says whether everything shown is zero. */
static void reference_digits(double v, int decimals, char *whole, char *frac, int *zero)
{
	char tmp[512], num[530];
	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	if (!isfinite(v))
		v = 0;
	snprintf(tmp, sizeof tmp, "%.9f", fabs(v));
	char *dot = strchr(tmp, '.');
	size_t nwhole = (size_t)(dot - tmp);
	num[0] = '0';
	memcpy(num + 1, tmp, nwhole);
	memcpy(num + 1 + nwhole, dot + 1, (size_t)decimals);
	size_t len = 1 + nwhole + (size_t)decimals;
	num[len] = '\0';
	if (dot[1 + decimals] >= '5') {
		for (size_t i = len; i-- > 0;) {
			if (num[i] != '9') {
				num[i]++;
				break;
			}
			num[i] = '0';
		}
	}
	*zero = strspn(num, "0") == len;
	size_t skip = 0;
	while (skip + 1 < len - (size_t)decimals && num[skip] == '0')
		skip++;
	memcpy(whole, num + skip, len - (size_t)decimals - skip);
	whole[len - (size_t)decimals - skip] = '\0';
	memcpy(frac, num + len - (size_t)decimals, (size_t)decimals);
	frac[decimals] = '\0';
}

/* What amount_format must write for a count or number, from the reference. */
static void reference_number(double v, int decimals, char *out, size_t n)
{
	char whole[512], frac[16], grouped[700];
	int zero;
	reference_digits(v, decimals, whole, frac, &zero);
	size_t len = strlen(whole), o = 0;
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			grouped[o++] = ',';
		grouped[o++] = whole[i];
	}
	grouped[o] = '\0';
	snprintf(out, n, "%s%s%s%s", v < 0 && !zero ? "-" : "", grouped, frac[0] ? "." : "", frac);
}

/* What amount_format must write for a duration in seconds, with its unit. */
static void reference_duration(double v, char *out, size_t n)
{
	char whole[512], frac[16];
	int zero;
	reference_digits(v, 0, whole, frac, &zero);
	unsigned long long s = strtoull(whole, NULL, 10);
	unsigned long long h = s / 3600, m = s / 60 % 60, sec = s % 60;
	const char *sign = v < 0 && !zero ? "-" : "";
	if (h > 0)
		snprintf(out, n, "%s%llu:%02llu:%02llu h", sign, h, m, sec);
	else
		snprintf(out, n, "%s%llu:%02llu min", sign, m, sec);
}

/* A deterministic generator, so that a failure can be replayed. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

/* A measure with just what formatting reads. */
static struct measure unit_measure(enum unit u, int decimals)
{
	struct measure m;
	memset(&m, 0, sizeof m);
	m.unit = u;
	m.decimals = decimals;
	return m;
}

/* Values to try: test case `i` of a mix of kinds, all seeded. */
static double sample(uint64_t *state, int decimals, long i)
{
	uint64_t r = next_random(state);
	double scale = pow(10, decimals);
	switch (i % 8) {
	case 0: /* A decimal as a data file writes it, with a few places. */
		return (double)(r % 100000000) / pow(10, (double)((r >> 60) % 7));
	case 1: /* Exactly half a unit of the last shown place. */
		return ((double)(r % 10000000) + 0.5) / scale;
	case 2: /* One step of the double either side of such a half. */
		return nextafter(((double)(r % 10000000) + 0.5) / scale, (r & 1) ? INFINITY : 0);
	case 3: /* Half at the ninth place, where printing itself rounds. */
		return ((double)(r % 1000000000) + 0.5) / 1e9;
	case 4: /* A uniformly random double between 0 and 1e6. */
		return (double)(r >> 11) * 0x1p-53 * 1e6;
	case 5: /* Large amounts up to and past the 1e15 limit. */
		return (double)(r % 2000000000000000ull) / pow(10, (double)(r >> 61));
	case 6: /* Binary fractions, exact ties for printf's own rounding. */
		return (double)(r % 1000000) / 1024.0;
	default: /* Sums as evaluation makes them (year-to-date, pro-rating). */
		return (double)(r % 100000) / 100.0 + (double)((r >> 20) % 100000) / 100.0 +
		       (double)((r >> 40) % 1000) / 4.0;
	}
}

/* Random and boundary values for every decimals 0..9, positive and negative. */
static void test_random(void)
{
	uint64_t state = 0x9E3779B97F4A7C15ull;
	for (int decimals = 0; decimals <= 9; decimals++) {
		struct measure m = unit_measure(UNIT_NUMBER, decimals);
		long bad = 0;
		char got[800], want[800], first[2000] = "";
		for (long i = 0; i < RANDOM_VALUES / 10; i++) {
			double v = sample(&state, decimals, i);
			if (i & 16)
				v = -v;
			amount_format(&m, v, got, sizeof got);
			reference_number(v, decimals, want, sizeof want);
			if (strcmp(got, want) != 0 && bad++ == 0)
				snprintf(first, sizeof first, "%.17g: got %s, want %s", v, got, want);
		}
		char what[80];
		snprintf(what, sizeof what, "random amounts with %d decimals match the reference",
			 decimals);
		if (!CHECK(bad == 0, what))
			printf("#   %ld differ, first %s\n", bad, first);
	}
}

/* Durations take whole seconds: random and half seconds. */
static void test_duration_random(void)
{
	uint64_t state = 12345;
	struct measure m = unit_measure(UNIT_DURATION, 0);
	long bad = 0;
	char got[128], want[128], first[300] = "";
	for (long i = 0; i < RANDOM_VALUES / 10; i++) {
		double v = sample(&state, 0, i);
		if (i & 16)
			v = -v;
		amount_format(&m, v, got, sizeof got);
		reference_duration(v, want, sizeof want);
		if (strcmp(got, want) != 0 && bad++ == 0)
			snprintf(first, sizeof first, "%.17g: got %s, want %s", v, got, want);
	}
	if (!CHECK(bad == 0, "random durations match the reference"))
		printf("#   %ld differ, first %s\n", bad, first);
}

/* Hand-picked values where a fast path could go wrong. */
static void test_edges(void)
{
	static const double values[] = {
		0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1.005, 2.675, 1.0049999999,
		1.00499999949, 1.0049999995, 1.00500000049, 9.995, 99.995, 999999.95, 0.0000005,
		0.00000049999, 0.0000000005, 0.0000000004999, 0.000976562, 1.0 / 1024, 3.0 / 2048,
		0.1 + 0.2, 0.3 - 0.1, 1e15, -1e15, 999999999999999, 1e15 + 0.5, 1e15 - 0.5,
		4503599627370495.5, 4503599627370496.0, 9007199254740991.0, 9007199254740993.0,
		1e16, 1.5e17, 1e20, 1e300, DBL_MAX, DBL_MIN, 5e-324, 123456789012.345,
		45035996.273704955, 4503599.6273704955, 0.49999999999999994, 2.4999999996,
		2.49999999949, 0.99999999996, 0.9999999995, 0.99999999949, 59.5, 3599.5, 241.25,
		7.78, 8.53, 81.5,
	};
	long bad = 0;
	char got[800], want[800];
	for (int decimals = 0; decimals <= 9; decimals++) {
		struct measure m = unit_measure(UNIT_NUMBER, decimals);
		for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
			for (int sign = 0; sign < 2; sign++) {
				double v = sign ? -values[i] : values[i];
				amount_format(&m, v, got, sizeof got);
				reference_number(v, decimals, want, sizeof want);
				if (strcmp(got, want) != 0) {
					bad++;
					printf("#   %.17g with %d decimals: got %s, want %s\n", v,
					       decimals, got, want);
				}
			}
		}
	}
	CHECK(bad == 0, "edge values (ties, neighbours, 1e15, huge, tiny) match the reference");
}

/* Every value of the form k/10^d near rounding boundaries, exhaustively. */
static void test_exhaustive_small(void)
{
	long bad = 0;
	char got[64], want[64];
	for (int decimals = 0; decimals <= 3; decimals++) {
		struct measure m = unit_measure(UNIT_NUMBER, decimals);
		for (long k = -200000; k <= 200000; k++) {
			double v = (double)k / 10000.0;
			amount_format(&m, v, got, sizeof got);
			reference_number(v, decimals, want, sizeof want);
			if (strcmp(got, want) != 0 && bad++ < 3)
				printf("#   %.17g with %d decimals: got %s, want %s\n", v, decimals,
				       got, want);
		}
	}
	CHECK(bad == 0, "every k/10000 in -20..20 matches the reference at 0..3 decimals");
}

/* Results never depend on the buffer beyond cutting to its size. */
static void test_cut(void)
{
	struct measure m = unit_measure(UNIT_NUMBER, 2);
	char full[64], cut[6];
	amount_format(&m, -1234567.891, full, sizeof full);
	amount_format(&m, -1234567.891, cut, sizeof cut);
	CHECK_STR(full, "-1,234,567.89", "a negative amount with separators");
	CHECK(strncmp(full, cut, sizeof cut - 1) == 0 && strlen(cut) == sizeof cut - 1,
	      "a short buffer holds the start of the same text");
	char one[1] = {'x'};
	amount_format(&m, 5, one, sizeof one);
	CHECK(one[0] == '\0', "a one-byte buffer holds just the terminator");
}

int main(void)
{
	test_random();
	test_duration_random();
	test_edges();
	test_exhaustive_small();
	test_cut();
	return harness_done();
}
