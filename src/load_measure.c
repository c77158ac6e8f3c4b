/* Goals and measures: attributes after defaults, targets, benchmarks and
 * values read in the measure's unit, and the rules that tie them together
 * (one direction, one target per scope, one value per period, annual targets
 * on summed measures, no relative tolerance against a zero target). */
#include "load_limits.h"
#include "load_internal.h"

#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "units.h"

/* A target or value as read, with what the rules need to point back at it. */
struct source {
	xmlNode *el;
	const char *text;   /* The comparison's amount as written (targets). */
	const char *attr;   /* The comparison's attribute name (targets). */
	bool cmp_ok;        /* Exactly one comparison (targets). */
	bool amount_ok;     /* Its amount reads in the unit (targets). */
	bool key_ok;        /* The scope (targets) or period (values) reads. */
};

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

/* Reads an amount attribute in the measure's unit; false (after reporting)
 * if it does not read. Without a known unit (already reported) the text is
 * still refused if no unit at all could read it. */
static bool read_amount(struct loader *ld, xmlAttr *a, const char *text, const struct measure *m,
			bool unit_ok, double *out)
{
	char why[200];
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

/* Reads a period attribute; false (after reporting) if it is not a period id. */
static bool read_period(struct loader *ld, xmlAttr *a, const char *text, struct period *out)
{
	if (period_parse(text, out)) {
		if (fiscal_year_ok(out->fy))
			return true;
		load_attr_error(ld, a, "%s=\"%s\" is outside the fiscal years qreport reads; "
				"expected FY%d to FY%d", (const char *)a->name, load_shown(ld, text),
				PERIOD_MIN_FY, PERIOD_MAX_FY);
		return false;
	}
	load_attr_error(ld, a, "%s=\"%s\" is not a period; expected a period id such as FY2018-Q1",
			(const char *)a->name, load_shown(ld, text));
	return false;
}

static const char *const cmp_attrs[] = { "at-least", "more-than", "at-most", "less-than" };

/* One target element. */
static void read_target(struct loader *ld, struct measure *m, bool unit_ok, struct source *src,
			struct target *t)
{
	xmlNode *el = src->el;
	t->line = load_line(el);
	xmlAttr *found = NULL, *second = NULL;
	for (int i = 0; i < 4; i++) {
		xmlAttr *a = load_attr(el, cmp_attrs[i]);
		if (!a)
			continue;
		if (!found) {
			found = a;
			t->cmp = (enum cmp)i;
		} else if (!second) {
			second = a;
		}
	}
	if (!found) {
		load_node_error(ld, el, "<target> has no comparison; expected one of at-least, "
				"more-than, at-most or less-than, such as at-least=\"75\"");
	} else if (second) {
		load_node_error(ld, el, "<target> has both %s and %s; expected exactly one of "
				"at-least, more-than, at-most or less-than",
				(const char *)found->name, (const char *)second->name);
	} else {
		src->cmp_ok = true;
		src->attr = cmp_attrs[t->cmp];
		src->text = load_value(ld, found);
		src->amount_ok = read_amount(ld, found, src->text, m, unit_ok, &t->amount);
	}

	xmlAttr *a;
	const char *per = load_get(ld, el, "per", &a);
	if (per && strcmp(per, "year") == 0)
		t->per_year = true;
	else if (per && strcmp(per, "quarter") != 0)
		load_attr_error(ld, a, "per=\"%s\" is not a target period; expected quarter or year",
				load_shown(ld, per));

	xmlAttr *pa, *fa;
	const char *period = load_get(ld, el, "period", &pa);
	const char *fy = load_get(ld, el, "fiscal-year", &fa);
	struct period p;
	bool period_ok = period && read_period(ld, pa, period, &p);
	bool fy_digits = fy && strlen(fy) == 4 && strspn(fy, "0123456789") == 4;
	bool fy_ok = fy_digits && fiscal_year_ok(atoi(fy));
	if (fy && !fy_digits)
		load_attr_error(ld, fa, "fiscal-year=\"%s\" is not a fiscal year; expected its four "
				"digits, such as 2018", load_shown(ld, fy));
	else if (fy && !fy_ok)
		load_attr_error(ld, fa, "fiscal-year=\"%s\" is outside the fiscal years qreport "
				"reads; expected %d to %d", load_shown(ld, fy), PERIOD_MIN_FY,
				PERIOD_MAX_FY);
	t->scope = SCOPE_ALL;
	bool ok = (!period || period_ok) && (!fy || fy_ok);
	if (period && fy) {
		load_node_error(ld, el, "<target> has both period= and fiscal-year=; expected at most "
				"one of them: period= for one quarter or fiscal-year= for one year");
		ok = false;
	} else if (period_ok) {
		t->scope = SCOPE_PERIOD;
		t->scope_fy = p.fy;
		t->scope_quarter = p.quarter;
	} else if (fy_ok) {
		t->scope = SCOPE_FISCAL_YEAR;
		t->scope_fy = atoi(fy);
	}
	src->key_ok = ok;
}

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
		read_amount(ld, a, value, m, unit_ok, &b->value);
}

/* One value element. */
static void read_value(struct loader *ld, struct measure *m, bool unit_ok, struct source *src,
		       struct value *v)
{
	xmlNode *el = src->el;
	struct report *r = ld->r;
	v->line = load_line(el);
	xmlAttr *a;
	bool ok = false;
	const char *period = load_get(ld, el, "period", &a);
	if (period && read_period(ld, a, period, &v->period)) {
		ok = true;
		if (ld->has_period && period_cmp(v->period, r->period) > 0) {
			char rp[16];
			period_id(r->period, rp, sizeof rp);
			load_attr_error(ld, a, "period=\"%s\" is after the report period %s; expected "
					"values for %s and earlier only", period, rp, rp);
		}
	}
	const char *actual = load_get(ld, el, "actual", &a);
	if (actual)
		v->has_actual = read_amount(ld, a, actual, m, unit_ok, &v->actual);
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

/* Two targets with the same scope: reported on the second. Sorting by scope
 * and then by position puts twins together, the first written first. */
static void check_target_scopes(struct loader *ld, const struct measure *m,
				const struct source *src)
{
	struct keyed *k = xcalloc(m->ntargets ? m->ntargets : 1, sizeof *k);
	size_t n = 0;
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct target *t = &m->targets[i];
		if (!src[i].key_ok)
			continue;
		long key = t->scope == SCOPE_ALL	 ? 0
			   : t->scope == SCOPE_FISCAL_YEAR ? 100000L + t->scope_fy
							  : 200000L + t->scope_fy * 4L + t->scope_quarter;
		k[n++] = (struct keyed){ key, i };
	}
	qsort(k, n, sizeof *k, keyed_order);
	size_t first = 0;
	for (size_t i = 1; i < n; i++) {
		if (k[i].key != k[first].key) {
			first = i;
			continue;
		}
		const struct target *t = &m->targets[k[i].pos];
		char what[64];
		switch (t->scope) {
		case SCOPE_ALL:
			snprintf(what, sizeof what, "every period (no period= or fiscal-year=)");
			break;
		case SCOPE_FISCAL_YEAR:
			snprintf(what, sizeof what, "fiscal year %04d", t->scope_fy);
			break;
		case SCOPE_PERIOD:
			period_id((struct period){.fy = t->scope_fy, .quarter = t->scope_quarter}, what,
				  sizeof what);
			break;
		}
		load_error(ld, t->line, "a second target for %s: the target on line %d has the same "
			   "scope; expected at most one target for each period, each fiscal year, and "
			   "every period", what, m->targets[k[first].pos].line);
	}
	free(k);
}

/* Two values for one period: reported on the second. */
static void check_value_periods(struct loader *ld, const struct measure *m,
				const struct source *src)
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

/* The rules between a measure's targets and its attributes. */
static void check_targets(struct loader *ld, const struct measure *m, const struct source *src,
			  const char *tolerance_text)
{
	const struct target *ref = NULL;
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct target *t = &m->targets[i];
		if (t->per_year && !m->aggregation_sum)
			load_error(ld, t->line, "per=\"year\" needs aggregation=\"sum\" on the measure; "
				   "expected <measure ... aggregation=\"sum\"> so that quarterly values "
				   "add up over the year");
		if (!src[i].cmp_ok)
			continue;
		if (!ref) {
			ref = t;
		} else if (cmp_direction(t->cmp) != cmp_direction(ref->cmp)) {
			bool higher = cmp_direction(t->cmp) == DIR_HIGHER_BETTER;
			load_error(ld, t->line, "%s=\"%s\" says %s is better, but the target on line %d "
				   "(%s) says %s is better; expected every target of a measure to agree "
				   "on the direction",
				   src[i].attr, load_shown(ld, src[i].text), higher ? "higher" : "lower",
				   ref->line, cmp_name(ref->cmp), higher ? "lower" : "higher");
		}
		if (m->tolerance.relative && src[i].amount_ok && t->amount == 0) {
			const char *eg = m->unit == UNIT_DURATION ? "0:30" : "2";
			if (tolerance_text)
				load_error(ld, t->line, "%s=\"%s\" is zero and the measure's tolerance=\"%s\" "
					   "is relative to it; expected an amount tolerance such as "
					   "tolerance=\"%s\" (a percentage of zero is always zero)",
					   src[i].attr, load_shown(ld, src[i].text),
					   load_shown(ld, tolerance_text), eg);
			else
				load_error(ld, t->line, "%s=\"%s\" is zero and the default tolerance %g%% "
					   "is relative to it; expected an amount tolerance on the "
					   "measure such as tolerance=\"%s\" (a percentage of zero is always "
					   "zero)",
					   src[i].attr, load_shown(ld, src[i].text), m->tolerance.amount, eg);
		}
	}
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
				"percent, currency, minutes, duration", load_shown(ld, unit));
	if (unit_ok)
		m->decimals = unit_default_decimals(m->unit);

	const char *dec = load_get(ld, el, "decimals", &a);
	if (dec && unit_ok && m->unit == UNIT_DURATION)
		load_attr_error(ld, a, "decimals=\"%s\" on a duration measure; expected no decimals "
				"(durations are shown as M:SS or H:MM:SS)", load_shown(ld, dec));
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

	const char *agg = load_get(ld, el, "aggregation", &a);
	if (agg && strcmp(agg, "sum") == 0)
		m->aggregation_sum = true;
	else if (agg && strcmp(agg, "none") != 0)
		load_attr_error(ld, a, "aggregation=\"%s\" is not an aggregation; expected none or sum",
				load_shown(ld, agg));

	m->tolerance = r->tolerance;
	*tolerance_text = NULL;
	const char *tol = load_get(ld, el, "tolerance", &a);
	char why[200];
	struct tolerance t;
	if (tol && unit_ok) {
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
	struct source *tsrc = xcalloc(nt ? nt : 1, sizeof *tsrc);
	struct source *vsrc = xcalloc(nv ? nv : 1, sizeof *vsrc);
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
		} else if (load_is(c, "target")) {
			tsrc[m->ntargets].el = c;
			read_target(ld, m, unit_ok, &tsrc[m->ntargets], &m->targets[m->ntargets]);
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
	check_target_scopes(ld, m, tsrc);
	if (unit_ok)
		check_targets(ld, m, tsrc, tolerance_text);
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
