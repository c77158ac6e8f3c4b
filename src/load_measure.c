/* Goals and measures: attributes after defaults (unit, frequency, lag,
 * aggregation, tolerance), benchmarks and values read in the measure's unit
 * and for periods of its kind, one value per period, none for a period the
 * report period has not seen end. Targets are load_target.c's. */
#include "load_limits.h"
#include "load_internal.h"

#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "units.h"

/* One benchmark element. */
static void read_benchmark(struct loader *ld, xmlNode *el, struct measure *m, bool unit_ok,
			   struct benchmark *b)
{
	b->line = load_line(el);
	xmlAttr *a;
	const char *label = load_get(ld, el, "label", &a);
	if (label) {
		b->label = load_reader_text(ld, load_collapse(ld, label), load_attr_line(a));
		if (!*b->label)
			load_attr_error(ld, a, "label=\"\" is empty; expected the benchmark's name, such "
					"as National average");
	}
	const char *value = load_get(ld, el, "value", &a);
	if (value)
		load_amount(ld, a, value, m, unit_ok, &b->value);
}

/* One value element. */
static void read_value(struct loader *ld, struct measure *m, bool unit_ok, struct load_source *src,
		       struct value *v)
{
	xmlNode *el = src->el;
	struct report *r = ld->r;
	v->line = load_line(el);
	xmlAttr *a;
	bool ok = false;
	const char *period = load_get(ld, el, "period", &a);
	if (period && load_measure_period(ld, a, period, m, &v->period)) {
		ok = true;
		char rp[16];
		period_id(r->period, rp, sizeof rp);
		if (!ld->has_period) {
			/* Nothing to compare with: the report period was reported. */
		} else if (v->period.kind == PERIOD_QUARTER && period_cmp(v->period, r->period) > 0) {
			load_attr_error(ld, a, "period=\"%s\" is after the report period %s; expected "
					"values for %s and earlier only", period, rp, rp);
		} else if (period_ends_after(v->period, r->period, r->calendar)) {
			struct date s, e;
			char when[64];
			period_dates(r->period, r->calendar, &s, &e);
			date_long_label(e, when, sizeof when);
			load_attr_error(ld, a, "period=\"%s\" ends after the report period %s, which "
					"ends %s; expected values only for periods that have ended by "
					"then", period, rp, when);
		}
	}
	const char *actual = load_get(ld, el, "actual", &a);
	if (actual)
		v->has_actual = load_amount(ld, a, actual, m, unit_ok, &v->actual);
	const char *estimate = load_get(ld, el, "estimate", &a);
	if (estimate)
		v->has_estimate = load_amount(ld, a, estimate, m, unit_ok, &v->estimate);
	const char *status = load_get(ld, el, "status", &a);
	if (status) {
		v->has_override = true;
		if (strcmp(status, "met") == 0)
			v->override = STATUS_MET;
		else if (strcmp(status, "under") == 0)
			v->override = STATUS_UNDER;
		else if (strcmp(status, "not-met") == 0)
			v->override = STATUS_NOT_MET;
		else
			load_attr_error(ld, a, "status=\"%s\" is not a status; expected met, under or "
					"not-met", load_shown(ld, status));
	}
	src->key_ok = ok;
}

/* A key per scope or period, and where the element stands, for finding twins. */
struct keyed {
	long key;
	size_t pos;
};

/* Orders by key, then by position in the file. */
static int keyed_order(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Two values for one period: reported on the second. */
static void check_value_periods(struct loader *ld, const struct measure *m,
				const struct load_source *src)
{
	struct keyed *k = xcalloc(m->nvalues ? m->nvalues : 1, sizeof *k);
	size_t n = 0;
	for (size_t i = 0; i < m->nvalues; i++)
		if (src[i].key_ok)
			k[n++] = (struct keyed){ period_index(m->values[i].period), i };
	qsort(k, n, sizeof *k, keyed_order);
	size_t first = 0;
	for (size_t i = 1; i < n; i++) {
		if (k[i].key != k[first].key) {
			first = i;
			continue;
		}
		const struct value *v = &m->values[k[i].pos];
		char id[16];
		period_id(v->period, id, sizeof id);
		load_error(ld, v->line, "a second value for %s: the value on line %d has the same "
			   "period; expected one value per period", id, m->values[k[first].pos].line);
	}
	free(k);
}

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
		const char *l = load_collapse(ld, label);
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
		m->unit_label_one = load_collapse(ld, one);
}

/* <levels>: a rating's levels, lowest first, each once. */
static void read_levels(struct loader *ld, xmlNode *el, struct measure *m, bool unit_ok)
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
static bool read_measure_attrs(struct loader *ld, xmlNode *el, struct measure *m,
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
	else if (dec)
		m->decimals = dec[0] - '0';

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

/* Counts children of el named `name`. */
static size_t count_children(const xmlNode *el, const char *name)
{
	size_t n = 0;
	for (const xmlNode *c = el->children; c; c = c->next)
		n += load_is(c, name);
	return n;
}

/* One measure: its attributes, then its children in order, then the rules. */
static void load_measure(struct loader *ld, xmlNode *el, struct measure *m)
{
	struct arena *arena = &ld->r->arena;
	m->line = load_line(el);
	m->id = load_id(ld, el, ID_MEASURE, m);
	const char *tolerance_text;
	bool unit_ok = read_measure_attrs(ld, el, m, &tolerance_text);

	size_t nt = count_children(el, "target"), nb = count_children(el, "benchmark");
	size_t nv = count_children(el, "value");
	if (nv > LOAD_MAX_VALUES_PER_MEASURE)
		nv = LOAD_MAX_VALUES_PER_MEASURE;
	if (nb > LOAD_MAX_BENCHMARKS_PER_MEASURE)
		nb = LOAD_MAX_BENCHMARKS_PER_MEASURE;
	m->targets = nt ? arena_calloc(arena, nt, sizeof *m->targets) : NULL;
	m->benchmarks = nb ? arena_calloc(arena, nb, sizeof *m->benchmarks) : NULL;
	m->values = nv ? arena_calloc(arena, nv, sizeof *m->values) : NULL;
	struct load_source *tsrc = xcalloc(nt ? nt : 1, sizeof *tsrc);
	struct load_source *vsrc = xcalloc(nv ? nv : 1, sizeof *vsrc);
	bool too_many = false, too_many_benchmarks = false;

	for (xmlNode *c = el->children; c; c = c->next) {
		if (load_is(c, "name")) {
			m->name = load_plain(ld, c);
			if (!*m->name)
				load_node_error(ld, c, "<name> is empty; expected the measure's name as "
						"readers see it");
		} else if (load_is(c, "department")) {
			const char *d = load_plain(ld, c);
			m->department = *d ? d : NULL;
		} else if (load_is(c, "definition")) {
			load_para(ld, c, &m->definition);
		} else if (load_is(c, "levels")) {
			read_levels(ld, c, m, unit_ok);
		} else if (load_is(c, "target")) {
			tsrc[m->ntargets].el = c;
			load_target(ld, m, unit_ok, &tsrc[m->ntargets], &m->targets[m->ntargets]);
			m->ntargets++;
		} else if (load_is(c, "benchmark")) {
			if (m->nbenchmarks == nb) {
				if (!too_many_benchmarks)
					load_node_error(ld, c, "measure \"%s\" has more than %d benchmarks; "
							"expected at most %d benchmarks in one measure",
							m->id ? m->id : "", LOAD_MAX_BENCHMARKS_PER_MEASURE,
							LOAD_MAX_BENCHMARKS_PER_MEASURE);
				too_many_benchmarks = true;
				continue;
			}
			read_benchmark(ld, c, m, unit_ok, &m->benchmarks[m->nbenchmarks++]);
		} else if (load_is(c, "value")) {
			if (m->nvalues == nv) {
				if (!too_many)
					load_node_error(ld, c, "measure \"%s\" has more than %d values; "
							"expected at most %d values (periods) in one "
							"measure",
							m->id ? m->id : "", LOAD_MAX_VALUES_PER_MEASURE,
							LOAD_MAX_VALUES_PER_MEASURE);
				too_many = true;
				continue;
			}
			vsrc[m->nvalues].el = c;
			read_value(ld, m, unit_ok, &vsrc[m->nvalues], &m->values[m->nvalues]);
			m->nvalues++;
		} else if (load_is(c, "commentary") || load_is(c, "action")) {
			/* Text for an earlier quarter is still read, so that its
			 * mistakes are found, but it is left out of the report. */
			struct paras stale;
			struct paras *to = load_is(c, "commentary") ? &m->commentary : &m->action;
			load_paras(ld, c, load_text_current(ld, c) ? to : &stale);
		}
	}
	if (!m->name)
		m->name = "";
	if (unit_ok && m->unit == UNIT_RATING && !m->levels)
		load_node_error(ld, el, "a rating measure has no <levels>; expected <levels> after "
				"<definition>, with its levels lowest first, such as "
				"<levels><level>A</level><level>AA</level><level>AAA</level></levels>");
	load_check_targets(ld, m, tsrc, unit_ok, tolerance_text);
	check_value_periods(ld, m, vsrc);
	free(tsrc);
	free(vsrc);
}

/* One goal and its measures, which take their places in r->measures. */
static void load_goal(struct loader *ld, xmlNode *el, struct goal *g, size_t *next)
{
	struct report *r = ld->r;
	g->line = load_line(el);
	g->id = load_id(ld, el, ID_GOAL, g);
	xmlAttr *a;
	const char *name = load_get(ld, el, "name", &a);
	g->name = name ? load_reader_text(ld, load_collapse(ld, name), load_attr_line(a)) : "";
	if (name)
		load_cell_text(ld, load_attr_line(a), strlen(g->name));
	if (name && !*g->name)
		load_attr_error(ld, a, "name=\"\" is empty; expected the goal's name as readers see "
				"it, such as Quality");
	g->measures = r->measures + *next;
	for (xmlNode *c = el->children; c && !ld->stop; c = c->next) {
		if (load_is(c, "statement")) {
			load_para(ld, c, &g->statement);
		} else if (load_is(c, "measure")) {
			struct measure *m = r->measures[*next];
			m->index = *next;
			m->goal = g;
			load_measure(ld, c, m);
			g->nmeasures++;
			(*next)++;
		}
	}
}

/* goals: counted first so that every array is allocated once. */
void load_goals(struct loader *ld, xmlNode *goals)
{
	struct report *r = ld->r;
	size_t ngoals = 0, nmeasures = 0;
	for (xmlNode *g = goals->children; g; g = g->next) {
		if (!load_is(g, "goal"))
			continue;
		ngoals++;
		for (xmlNode *m = g->children; m; m = m->next) {
			if (!load_is(m, "measure"))
				continue;
			if (++nmeasures > LOAD_MAX_MEASURES) {
				load_node_error(ld, m, "more than %d measures; expected at most %d measures "
						"in one data file", LOAD_MAX_MEASURES, LOAD_MAX_MEASURES);
				ld->stop = true;
				return;
			}
		}
	}
	r->goals = arena_calloc(&r->arena, ngoals ? ngoals : 1, sizeof *r->goals);
	r->measures = arena_calloc(&r->arena, nmeasures ? nmeasures : 1, sizeof *r->measures);
	struct measure *all = arena_calloc(&r->arena, nmeasures ? nmeasures : 1, sizeof *all);
	for (size_t i = 0; i < nmeasures; i++)
		r->measures[i] = &all[i];
	size_t next = 0;
	for (xmlNode *c = goals->children; c && !ld->stop; c = c->next) {
		if (!load_is(c, "goal"))
			continue;
		struct goal *g = &r->goals[r->ngoals];
		g->index = r->ngoals++;
		load_goal(ld, c, g, &next);
	}
	r->nmeasures = next;
}
