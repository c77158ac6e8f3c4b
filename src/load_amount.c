/* Amounts and periods as a measure reads them: an amount in the measure's
 * unit, and a period of the measure's own kind (a quarter, a month or a
 * year) that the report period covers, each refused with a message naming
 * what was written and what the measure expects. */
#include "load_internal.h"

#include <string.h>

#include "period.h"
#include "units.h"

/* An amount attribute that does not read in the unit. */
static void amount_error(struct loader *ld, xmlAttr *a, enum unit unit, const char *text,
			 const char *why)
{
	const char *name = (const char *)a->name;
	if (!*text && strcmp(name, "actual") == 0)
		load_attr_error(ld, a, "actual=\"\" is empty; expected %s, or no actual attribute "
				"when the period has no data", why);
	else if (!*text)
		load_attr_error(ld, a, "%s=\"\" is empty; expected %s", name, why);
	else if (unit == UNIT_DURATION)
		load_attr_error(ld, a, "%s=\"%s\" is not a duration; expected %s", name,
				load_shown(ld, text), why);
	else
		load_attr_error(ld, a, "%s=\"%s\" is not a number for a %s measure; expected %s", name,
				load_shown(ld, text), unit_name(unit), why);
}

/* A rating's or yes/no's amount: its level by name (for a yes/no, yes or
 * no), kept as the level's place, 1 for the lowest. */
static bool level_amount(struct loader *ld, xmlAttr *a, const char *text, const struct measure *m,
			 double *out)
{
	const char *name = (const char *)a->name;
	if (m->unit == UNIT_YES_NO) {
		if (strcmp(text, "yes") == 0 || strcmp(text, "no") == 0) {
			*out = text[0] == 'y' ? 2 : 1;
			return true;
		}
		load_attr_error(ld, a, "%s=\"%s\" is not yes or no; expected yes or no", name,
				load_shown(ld, text));
		return false;
	}
	if (!m->levels) /* Reported: the rating has no levels. */
		return false;
	for (size_t i = 0; i < m->nlevels; i++)
		if (strcmp(m->levels[i], text) == 0) {
			*out = (double)(i + 1);
			return true;
		}
	/* The levels, as many as fit a line. */
	char list[400];
	size_t len = 0;
	list[0] = '\0';
	for (size_t i = 0; i < m->nlevels && len < sizeof list - 80; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "",
					load_shown(ld, m->levels[i]));
	load_attr_error(ld, a, "%s=\"%s\" is not a level of this rating; expected one of %s%s",
			name, load_shown(ld, text), list, len >= sizeof list - 80 ? ", ..." : "");
	return false;
}

/* See load_internal.h. */
bool load_amount(struct loader *ld, xmlAttr *a, const char *text, const struct measure *m,
		 bool unit_ok, double *out)
{
	char why[200];
	if (unit_ok && (m->unit == UNIT_RATING || m->unit == UNIT_YES_NO))
		return level_amount(ld, a, text, m, out);
	if (unit_ok) {
		if (!amount_parse(m->unit, text, out, why, sizeof why)) {
			amount_error(ld, a, m->unit, text, why);
			return false;
		}
		if (!amount_precise(text, why, sizeof why)) {
			load_attr_error(ld, a, "%s=\"%s\" %s", (const char *)a->name,
					load_shown(ld, text), why);
			return false;
		}
		return true;
	}
	for (int u = UNIT_COUNT; u <= UNIT_DURATION; u++)
		if (amount_parse((enum unit)u, text, out, NULL, 0))
			return false;
	amount_parse(UNIT_NUMBER, text, out, why, sizeof why);
	load_attr_error(ld, a, "%s=\"%s\" is not a number or a duration in any unit; expected %s",
			(const char *)a->name, load_shown(ld, text), why);
	return false;
}

/* "a quarter", "a month", "a fiscal year", "a calendar year" */
static const char *kind_words(enum period_kind k)
{
	switch (k) {
	case PERIOD_QUARTER:
		break;
	case PERIOD_MONTH:
		return "a month";
	case PERIOD_FISCAL_YEAR:
		return "a fiscal year";
	case PERIOD_CALENDAR_YEAR:
		return "a calendar year";
	}
	return "a quarter";
}

/* What a measure of this frequency writes, with an example. */
static const char *expected_period(enum frequency f)
{
	switch (f) {
	case FREQ_QUARTERLY:
		break;
	case FREQ_MONTHLY:
		return "a month as YYYY-MM, such as 2017-11";
	case FREQ_ANNUAL:
	case FREQ_BIENNIAL:
		return "a fiscal year such as FY2018 or a calendar year such as CY2024";
	}
	return "a period id such as FY2018-Q1";
}

/* The frequency whose values are periods of this kind. */
static const char *frequency_for(enum period_kind k)
{
	switch (k) {
	case PERIOD_QUARTER:
		break;
	case PERIOD_MONTH:
		return "monthly";
	case PERIOD_FISCAL_YEAR:
	case PERIOD_CALENDAR_YEAR:
		return "annual";
	}
	return "quarterly";
}

/* See load_internal.h. */
bool load_measure_period(struct loader *ld, xmlAttr *a, const char *text, const struct measure *m,
			 struct period *out)
{
	const char *name = (const char *)a->name;
	if (!period_parse_any(text, out)) {
		if (m->frequency == FREQ_QUARTERLY)
			load_attr_error(ld, a, "%s=\"%s\" is not a period; expected a period id such as "
					"FY2018-Q1", name, load_shown(ld, text));
		else
			load_attr_error(ld, a, "%s=\"%s\" is not a period; expected %s", name,
					load_shown(ld, text), expected_period(m->frequency));
		return false;
	}
	if (!period_in_range(*out)) {
		if (out->kind == PERIOD_QUARTER || out->kind == PERIOD_FISCAL_YEAR)
			load_attr_error(ld, a, "%s=\"%s\" is outside the fiscal years qreport reads; "
					"expected FY%d to FY%d", name, load_shown(ld, text),
					PERIOD_MIN_FY, PERIOD_MAX_FY);
		else
			load_attr_error(ld, a, "%s=\"%s\" is outside the years qreport reads; expected "
					"%d to %d", name, load_shown(ld, text), PERIOD_MIN_YEAR,
					PERIOD_MAX_YEAR);
		return false;
	}
	if (out->kind == m->kind)
		return true;
	bool yearly = m->frequency == FREQ_ANNUAL || m->frequency == FREQ_BIENNIAL;
	bool year = out->kind == PERIOD_FISCAL_YEAR || out->kind == PERIOD_CALENDAR_YEAR;
	if (yearly && year)
		load_attr_error(ld, a, "%s=\"%s\" is %s, but this measure's years are %ss; expected "
				"every year of one measure to be of one kind, such as %s", name,
				load_shown(ld, text), kind_words(out->kind), kind_words(m->kind) + 2,
				m->kind == PERIOD_FISCAL_YEAR ? "FY2024" : "CY2024");
	else
		load_attr_error(ld, a, "%s=\"%s\" is %s, but the measure is %s; expected %s, or "
				"frequency=\"%s\" on the measure", name, load_shown(ld, text),
				kind_words(out->kind), frequency_name(m->frequency),
				expected_period(m->frequency), frequency_for(out->kind));
	return false;
}
