/* Units: reading amounts as the data file writes them, and writing them for readers. */
#ifndef QREPORT_UNITS_H
#define QREPORT_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* Largest magnitude a number may have (spec: at most 1e15). */
#define AMOUNT_MAX 1e15

/* Parse an amount in `unit` from attribute text. Durations give seconds.
 * On failure returns false and writes into `why` what was expected, as a
 * phrase that completes "expected ...", e.g. "a whole number such as 342". */
bool amount_parse(enum unit unit, const char *text, double *out, char *why, size_t whylen);

/* Most significant digits an amount may have: what a double keeps exactly
 * (DBL_DIG), so that amounts are compared and shown as written. */
#define AMOUNT_MAX_DIGITS 15
/* Most decimal places: amounts are compared to 9 places. */
#define AMOUNT_MAX_PLACES 9

/* Whether decimal text (as amount_parse reads it) is within the precision
 * amounts keep. False with `why` set to a phrase completing
 * `NAME="TEXT" ...`, such as "has 17 significant digits; expected ...".
 * Text that is not a decimal (durations) passes. */
bool amount_precise(const char *text, char *why, size_t whylen);

/* Parse a tolerance: "10%" (relative) or an amount in `unit` (absolute).
 * `percent_only` refuses amounts, as meta/tolerance must be a percentage. */
bool tolerance_parse(enum unit unit, bool percent_only, const char *text,
		     struct tolerance *out, char *why, size_t whylen);

/* Parse a relative target's change from its earlier result: "+5%" or
 * "-10%" (a share of it, *relative true), or a signed amount in the unit
 * ("+2", "-0:30"). A trailing % always means a share, on a percent
 * measure too: points are written without it. */
bool change_parse(enum unit unit, const char *text, double *out, bool *relative, char *why,
		  size_t whylen);
/* Parse one percentage, "45%" or "45.5%", not negative. */
bool percentage_parse(const char *text, double *out);

/* Default decimals shown for a unit (spec table). */
int unit_default_decimals(enum unit unit);

/* Reader-facing amount: "81%", "8:37 min", "1:02:03 h", "8.53 min", "5 min",
 * "$1,250,000", "342", "1,234.50". Thousands separators for readers;
 * decimals as the measure says (minutes without decimals= as written, up
 * to two). */
void amount_format(const struct measure *m, double v, char *buf, size_t n);

/* How amount_format_as writes an amount. */
enum {
	AMOUNT_BARE = 1,        /* Without a unit word: "8:37", "8.5" (an axis names it). */
	AMOUNT_PARENTHESES = 2, /* A negative currency amount as accounts show it: "($184,000)". */
};
/* amount_format, written as `how` (AMOUNT_* flags) says. */
void amount_format_as(const struct measure *m, double v, unsigned how, char *buf, size_t n);
/* The same with an explicit sign: "+5", "-0:15", "+2.5 pts" for percent changes. */
void amount_format_delta(const struct measure *m, double delta, char *buf, size_t n);

/* A size without a sign, such as an allowed miss, with every place it has
 * up to six: "0.5 pts", "24.125", "0:30 min", "51.7 s". */
void amount_format_size(const struct measure *m, double v, char *buf, size_t n);
/* The fewest places, between at_least and at_most, that show `v` exactly. */
int amount_places_needed(double v, int at_least, int at_most);
enum direction cmp_direction(enum cmp c);

/* Round half away from zero to 9 decimal places (spec's arithmetic rule). */
double round9(double v);

#endif
