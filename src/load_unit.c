/* A measure's own attributes: its unit (with a rating's levels), scale and
 * unit words, frequency and lag, aggregation and tolerance, after defaults. */
#include "load_limits.h"
#include "load_internal.h"

#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "units.h"

/* scale=, unit-label= and unit-label-one=: the size amounts are written
 * in, and the words after them. */
static void read_scale(struct loader *ld, xmlNode *el, struct measure *m, bool unit_ok)
{
	xmlAttr *a;
	const char *sc = load_get(ld, el, "scale", &a);
	if (sc) {
		static const char *const names[] = {"ones", "thousands", "millions", "billions"};
		bool ok = false;
		for (int k = SCALE_THOUSANDS; k <= SCALE_BILLIONS && !ok; k++)
			if (strcmp(sc, names[k]) == 0) {
				m->scale = (enum amount_scale)k;
				ok = true;
			}
		if (!ok)
			load_attr_error(ld, a, "scale=\"%s\" is not a scale; expected thousands, millions "
					"or billions", load_shown(ld, sc));
		else if (unit_ok && m->unit != UNIT_NUMBER && m->unit != UNIT_CURRENCY) {
			load_attr_error(ld, a, "scale=\"%s\" on a %s measure; expected scale only on a "
					"number or currency measure", load_shown(ld, sc),
					unit_name(m->unit));
			m->scale = SCALE_ONE;
		}
	}
	const char *label = load_get(ld, el, "unit-label", &a);
	if (label) {
		const char *l = load_reader_text(ld, load_collapse(ld, label), load_attr_line(a));
		bool fits = unit_ok && (m->unit == UNIT_COUNT || m->unit == UNIT_NUMBER ||
					m->unit == UNIT_DURATION);
		if (!*l)
			load_attr_error(ld, a, "unit-label=\"\" is empty; expected the words after an "
					"amount, such as tons");
		else if (strlen(l) > UNIT_LABEL_MAX)
			load_attr_error(ld, a, "unit-label=\"%s\" is %zu bytes long; expected at most %d",
					load_shown(ld, l), strlen(l), UNIT_LABEL_MAX);
		else if (unit_ok && !fits)
			load_attr_error(ld, a, "unit-label=\"%s\" on a %s measure; expected unit-label "
					"only on a count, number or duration measure", load_shown(ld, l),
					unit_name(m->unit));
		else
			m->unit_label = l;
	}
	const char *one = load_get(ld, el, "unit-label-one", &a);
	if (one && !label)
		load_attr_error(ld, a, "unit-label-one=\"%s\" without unit-label; expected "
				"unit-label= beside it, such as unit-label=\"tons\" "
				"unit-label-one=\"ton\"", load_shown(ld, one));
	else if (one && strlen(load_collapse(ld, one)) > UNIT_LABEL_MAX)
		load_attr_error(ld, a, "unit-label-one=\"%s\" is too long; expected at most %d bytes",
				load_shown(ld, one), UNIT_LABEL_MAX);
	else if (one && *load_collapse(ld, one))
		m->unit_label_one = load_reader_text(ld, load_collapse(ld, one), load_attr_line(a));
}

/* <levels>: a rating's levels, lowest first, each once. */
void load_levels(struct loader *ld, xmlNode *el, struct measure *m, bool unit_ok)
{
	if (unit_ok && m->unit != UNIT_RATING) {
		load_node_error(ld, el, "<levels> on a %s measure; expected levels only with "
				"unit=\"rating\"", unit_name(m->unit));
		return;
	}
	size_t n = 0;
	for (xmlNode *c = el->children; c; c = c->next)
		n += load_is(c, "level");
	const char **levels = arena_calloc(&ld->r->arena, n + 1, sizeof *levels);
	size_t k = 0;
	bool too_many = false;
	for (xmlNode *c = el->children; c; c = c->next) {
		if (!load_is(c, "level"))
			continue;
		if (k == LOAD_MAX_LEVELS) {
			if (!too_many)
				load_node_error(ld, c, "more than %d levels; expected at most %d levels in "
						"one rating", LOAD_MAX_LEVELS, LOAD_MAX_LEVELS);
			too_many = true;
			continue;
		}
		const char *l = load_plain(ld, c);
		if (!*l) {
			load_node_error(ld, c, "<level> is empty; expected a level's name as readers "
					"see it, such as AA+");
			continue;
		}
		bool twin = false;
		for (size_t i = 0; i < k && !twin; i++)
			twin = strcmp(levels[i], l) == 0;
		if (twin) {
			load_node_error(ld, c, "<level>%s</level> is already a level; expected each "
					"level once, lowest first", load_shown(ld, l));
			continue;
		}
		levels[k++] = l;
	}
	if (k < 2 && !too_many)
		load_node_error(ld, el, "<levels> has %zu level%s; expected at least two, lowest "
				"first", k, k == 1 ? "" : "s");
	m->levels = levels;
	m->nlevels = k;
}

/* breakdown= and since=: what a measure's parts are, and the period it
 * has been reported since. */
static void read_notes_attrs(struct loader *ld, xmlNode *el, struct measure *m)
{
	xmlAttr *a;
	const char *by = load_get(ld, el, "breakdown", &a);
	if (by) {
		const char *b = load_reader_text(ld, load_collapse(ld, by), load_attr_line(a));
		if (*b)
			m->breakdown = b;
		else
			load_attr_error(ld, a, "breakdown=\"\" is empty; expected what the parts are, "
					"such as district");
	}
	const char *since = load_get(ld, el, "since", &a);
	if (!since)
		return;
	if (!period_parse_any(since, &m->since))
		load_attr_error(ld, a, "since=\"%s\" is not a period; expected the period the "
				"measure was first reported for, such as FY2025 or 2024-07",
				load_shown(ld, since));
	else if (!period_in_range(m->since))
		load_attr_error(ld, a, "since=\"%s\" is outside the years qreport reads; expected "
				"a period from 1901 on", load_shown(ld, since));
	else
		m->has_since = true;
}

/* The kind of year an annual measure's values are for: the first value or
 * period scope that names a year says, fiscal years when none does. */
static enum period_kind year_kind(struct loader *ld, const xmlNode *el)
{
	for (const xmlNode *c = el->children; c; c = c->next) {
		if (!load_is(c, "value") && !load_is(c, "target"))
			continue;
		const char *p = load_get(ld, c, "period", NULL);
		struct period per;
		if (p && period_parse_any(p, &per) &&
		    (per.kind == PERIOD_FISCAL_YEAR || per.kind == PERIOD_CALENDAR_YEAR))
			return per.kind;
	}
	return PERIOD_FISCAL_YEAR;
}

/* frequency= and lag=: how often the measure has a result, so the kind of
 * its periods, and how far behind the report its latest may be. */
static void read_frequency(struct loader *ld, xmlNode *el, struct measure *m)
{
	xmlAttr *a;
	const char *f = load_get(ld, el, "frequency", &a);
	bool ok = !f;
	for (int k = FREQ_QUARTERLY; f && k <= FREQ_BIENNIAL && !ok; k++)
		if (strcmp(f, frequency_name((enum frequency)k)) == 0) {
			m->frequency = (enum frequency)k;
			ok = true;
		}
	if (!ok)
		load_attr_error(ld, a, "frequency=\"%s\" is not a frequency; expected monthly, "
				"quarterly, annual or biennial", load_shown(ld, f));
	switch (m->frequency) {
	case FREQ_QUARTERLY:
		m->kind = PERIOD_QUARTER;
		break;
	case FREQ_MONTHLY:
		m->kind = PERIOD_MONTH;
		break;
	case FREQ_ANNUAL:
	case FREQ_BIENNIAL:
		m->kind = year_kind(ld, el);
		break;
	}
	const char *lag = load_get(ld, el, "lag", &a);
	size_t n = lag ? strlen(lag) : 0;
	if (lag && (n == 0 || n > 2 || strspn(lag, "0123456789") != n || (n == 2 && lag[0] == '0') ||
		    atoi(lag) > LOAD_MAX_LAG))
		load_attr_error(ld, a, "lag=\"%s\" is not a lag; expected a whole number of the "
				"measure's periods from 0 to %d, such as lag=\"1\" for results one "
				"period behind", load_shown(ld, lag), LOAD_MAX_LAG);
	else if (lag)
		m->lag = atoi(lag);
}

/* The measure's own attributes; returns whether its unit is known. */
bool load_measure_attrs(struct loader *ld, xmlNode *el, struct measure *m,
			const char **tolerance_text)
{
	struct report *r = ld->r;
	xmlAttr *a;
	const char *unit = load_get(ld, el, "unit", &a);
	bool unit_ok = unit && unit_parse(unit, &m->unit);
	if (unit && !unit_ok)
		load_attr_error(ld, a, "unit=\"%s\" is not a unit; expected one of count, number, "
				"percent, currency, minutes, duration, rating, yes-no",
				load_shown(ld, unit));
	if (unit_ok)
		m->decimals = unit_default_decimals(m->unit);
	bool worded = unit_ok && (m->unit == UNIT_RATING || m->unit == UNIT_YES_NO);
	if (unit_ok && m->unit == UNIT_YES_NO) {
		static const char *const yes_no[] = {"No", "Yes"};
		m->levels = yes_no;
		m->nlevels = 2;
	}

	const char *dec = load_get(ld, el, "decimals", &a);
	if (dec && unit_ok && m->unit == UNIT_DURATION)
		load_attr_error(ld, a, "decimals=\"%s\" on a duration measure; expected no decimals "
				"(durations are shown as M:SS or H:MM:SS)", load_shown(ld, dec));
	else if (dec && worded)
		load_attr_error(ld, a, "decimals=\"%s\" on a %s measure; expected no decimals (its "
				"results are words)", load_shown(ld, dec), unit_name(m->unit));
	else if (dec && (strlen(dec) != 1 || dec[0] < '0' || dec[0] > '6'))
		load_attr_error(ld, a, "decimals=\"%s\" is out of range; expected a whole number from "
				"0 to 6", load_shown(ld, dec));
	else if (dec) {
		m->decimals = dec[0] - '0';
		m->decimals_given = true;
	}

	const char *cur = load_get(ld, el, "currency", &a);
	if (cur && unit_ok && m->unit != UNIT_CURRENCY)
		load_attr_error(ld, a, "currency=\"%s\" on a %s measure; expected currency only on a "
				"measure with unit=\"currency\"", load_shown(ld, cur), unit_name(m->unit));
	else if (cur && !(strlen(cur) == 3 && strspn(cur, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 3))
		load_attr_error(ld, a, "currency=\"%s\" is not a currency code; expected an ISO 4217 "
				"code in capitals, such as USD", load_shown(ld, cur));
	else if (cur && unit_ok)
		m->currency = arena_strdup(&r->arena, cur);
	if (unit_ok && m->unit == UNIT_CURRENCY && !m->currency)
		m->currency = "USD";
	read_scale(ld, el, m, unit_ok);

	read_frequency(ld, el, m);
	read_notes_attrs(ld, el, m);
	const char *agg = load_get(ld, el, "aggregation", &a);
	bool agg_ok = false;
	for (int k = AGG_NONE; agg && k <= AGG_CUMULATIVE && !agg_ok; k++)
		if (strcmp(agg, aggregation_name((enum aggregation)k)) == 0) {
			m->aggregation = (enum aggregation)k;
			agg_ok = true;
		}
	if (agg && !agg_ok)
		load_attr_error(ld, a, "aggregation=\"%s\" is not an aggregation; expected none, sum, "
				"average or cumulative", load_shown(ld, agg));
	else if (m->aggregation != AGG_NONE &&
		 (m->frequency == FREQ_ANNUAL || m->frequency == FREQ_BIENNIAL))
		load_attr_error(ld, a, "aggregation=\"%s\" on a measure reported %s; expected "
				"aggregation only on a monthly or quarterly measure, whose results "
				"make a year's", load_shown(ld, agg),
				m->frequency == FREQ_ANNUAL ? "once a year" : "every two years");

	m->tolerance = r->tolerance;
	*tolerance_text = NULL;
	const char *tol = load_get(ld, el, "tolerance", &a);
	char why[200];
	struct tolerance t;
	/* A rating misses by levels: a percentage of a level means nothing,
	 * so its tolerance is a whole number of levels, none by default. */
	if (worded)
		m->tolerance = (struct tolerance){.relative = false, .amount = 0};
	if (tol && worded) {
		double v;
		if (amount_parse(UNIT_COUNT, tol, &v, NULL, 0) && v >= 0 && tol[0] != '-') {
			m->tolerance = (struct tolerance){.relative = false, .amount = v,
							  .line = load_attr_line(a)};
			m->has_tolerance = true;
			*tolerance_text = tol;
		} else {
			load_attr_error(ld, a, "tolerance=\"%s\" on a %s measure; expected a whole "
					"number of levels, such as tolerance=\"1\" for one level",
					load_shown(ld, tol), unit_name(m->unit));
		}
	} else if (tol && unit_ok) {
		if (!amount_precise(tol, why, sizeof why)) {
			load_attr_error(ld, a, "tolerance=\"%s\" %s", load_shown(ld, tol), why);
		} else if (tolerance_parse(m->unit, false, tol, &t, why, sizeof why)) {
			m->tolerance = t;
			m->tolerance.line = load_attr_line(a);
			m->has_tolerance = true;
			*tolerance_text = tol;
		} else {
			load_attr_error(ld, a, "tolerance=\"%s\" is not a tolerance for a %s measure; "
					"expected %s", load_shown(ld, tol), unit_name(m->unit), why);
		}
	} else if (tol) {
		/* The unit is missing or wrong (reported): refuse only what no unit reads. */
		bool any = false;
		for (int u = UNIT_COUNT; u <= UNIT_DURATION && !any; u++)
			any = tolerance_parse((enum unit)u, false, tol, &t, why, sizeof why);
		if (!any)
			load_attr_error(ld, a, "tolerance=\"%s\" is not a tolerance; expected a percentage "
					"such as 10%% or an amount in the measure's unit",
					load_shown(ld, tol));
	}
	return unit_ok;
}

