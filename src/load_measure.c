/* Goals and measures: a measure's children in order (name, department,
 * definition, source, levels, targets, benchmarks, second figure, values,
 * commentary, next steps, notes) and the goal's measures. Attributes are
 * load_unit.c's, targets load_target.c's, values load_value.c's. */
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
		b->has_value = load_amount(ld, a, value, m, unit_ok, &b->value);
	xmlAttr *ta;
	const char *text = load_get(ld, el, "text", &ta);
	if (text) {
		b->text = load_reader_text(ld, load_collapse(ld, text), load_attr_line(ta));
		if (!*b->text)
			load_attr_error(ld, ta, "text=\"\" is empty; expected the benchmark in words, "
					"such as Top quartile of peer cities");
	}
	if (value && text)
		load_node_error(ld, el, "<benchmark> has both value= and text=; expected one of them: "
				"an amount, or the benchmark in words");
	else if (!value && !text)
		load_node_error(ld, el, "<benchmark> has neither value= nor text=; expected an amount "
				"such as value=\"5:00\", or words such as text=\"Top quartile of peer "
				"cities\"");
}

/* <second-figure>: a figure reported beside each result, in a unit of its
 * own ("90th percentile" beside the share within 8 minutes). */
static void read_second(struct loader *ld, xmlNode *el, struct measure *m)
{
	struct measure *sm = arena_calloc(&ld->r->arena, 1, sizeof *sm);
	sm->id = m->id;
	sm->name = m->name;
	xmlAttr *a;
	const char *label = load_get(ld, el, "label", &a);
	const char *l = label ? load_reader_text(ld, load_collapse(ld, label), load_attr_line(a)) : "";
	if (label && !*l)
		load_attr_error(ld, a, "label=\"\" is empty; expected the figure's name, such as 90th "
				"percentile");
	const char *unit = load_get(ld, el, "unit", &a);
	bool ok = unit && unit_parse(unit, &sm->unit) && sm->unit <= UNIT_LAST_NUMERIC;
	if (unit && !ok) {
		load_attr_error(ld, a, "unit=\"%s\" is not a unit for a second figure; expected one "
				"of count, number, percent, currency, minutes, duration",
				load_shown(ld, unit));
		return;
	}
	if (!ok)
		return;
	sm->decimals = unit_default_decimals(sm->unit);
	const char *dec = load_get(ld, el, "decimals", &a);
	if (dec && sm->unit == UNIT_DURATION)
		load_attr_error(ld, a, "decimals=\"%s\" on a duration; expected no decimals",
				load_shown(ld, dec));
	else if (dec && (strlen(dec) != 1 || dec[0] < '0' || dec[0] > '6'))
		load_attr_error(ld, a, "decimals=\"%s\" is out of range; expected a whole number from "
				"0 to 6", load_shown(ld, dec));
	else if (dec) {
		sm->decimals = dec[0] - '0';
		sm->decimals_given = true;
	}
	if (sm->unit == UNIT_CURRENCY)
		sm->currency = m->currency ? m->currency : "USD";
	m->second = sm;
	m->second_label = l;
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
	bool unit_ok = load_measure_attrs(ld, el, m, &tolerance_text);

	size_t nt = count_children(el, "target"), nb = count_children(el, "benchmark");
	size_t nv = count_children(el, "value");
	if (nv > LOAD_MAX_VALUES_PER_MEASURE)
		nv = LOAD_MAX_VALUES_PER_MEASURE;
	if (nb > LOAD_MAX_BENCHMARKS_PER_MEASURE)
		nb = LOAD_MAX_BENCHMARKS_PER_MEASURE;
	m->targets = nt ? arena_calloc(arena, nt, sizeof *m->targets) : NULL;
	m->benchmarks = nb ? arena_calloc(arena, nb, sizeof *m->benchmarks) : NULL;
	m->values = nv ? arena_calloc(arena, nv, sizeof *m->values) : NULL;
	size_t nn = count_children(el, "note");
	if (nn > LOAD_MAX_NOTES)
		nn = LOAD_MAX_NOTES;
	m->notes = nn ? arena_calloc(arena, nn, sizeof *m->notes) : NULL;
	struct load_source *tsrc = xcalloc(nt ? nt : 1, sizeof *tsrc);
	struct load_source *vsrc = xcalloc(nv ? nv : 1, sizeof *vsrc);
	bool too_many = false, too_many_benchmarks = false, too_many_notes = false;

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
			load_levels(ld, c, m, unit_ok);
		} else if (load_is(c, "source")) {
			const char *src = load_plain(ld, c);
			m->source = *src ? src : NULL;
		} else if (load_is(c, "second-figure")) {
			read_second(ld, c, m);
		} else if (load_is(c, "note")) {
			if (m->nnotes == nn) {
				if (nn == LOAD_MAX_NOTES && !too_many_notes)
					load_node_error(ld, c, "more than %d notes on one measure; expected "
							"at most %d", LOAD_MAX_NOTES, LOAD_MAX_NOTES);
				too_many_notes = true;
				continue;
			}
			load_para(ld, c, &m->notes[m->nnotes++]);
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
			load_value_element(ld, m, unit_ok, &vsrc[m->nvalues], &m->values[m->nvalues]);
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
	load_check_values(ld, m, vsrc);
	free(tsrc);
	free(vsrc);
}

/* One goal and its measures, which take their places in r->measures. */
static void load_goal(struct loader *ld, xmlNode *el, struct goal *g, size_t *next,
		      size_t *next_initiative)
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
		} else if (load_is(c, "initiative")) {
			struct initiative *in = r->initiatives[*next_initiative];
			if (!g->initiatives)
				g->initiatives = r->initiatives + *next_initiative;
			in->index = *next_initiative;
			in->goal = g;
			load_initiative(ld, c, in);
			g->ninitiatives++;
			(*next_initiative)++;
		}
	}
}

/* goals: counted first so that every array is allocated once. */
void load_goals(struct loader *ld, xmlNode *goals)
{
	struct report *r = ld->r;
	size_t ngoals = 0, nmeasures = 0, ninitiatives = 0;
	for (xmlNode *g = goals->children; g; g = g->next) {
		if (!load_is(g, "goal"))
			continue;
		ngoals++;
		for (xmlNode *m = g->children; m; m = m->next) {
			if (load_is(m, "initiative") && ++ninitiatives > LOAD_MAX_INITIATIVES) {
				load_node_error(ld, m, "more than %d initiatives; expected at most %d "
						"initiatives in one data file", LOAD_MAX_INITIATIVES,
						LOAD_MAX_INITIATIVES);
				ld->stop = true;
				return;
			}
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
	r->initiatives = arena_calloc(&r->arena, ninitiatives + 1, sizeof *r->initiatives);
	struct initiative *ins = arena_calloc(&r->arena, ninitiatives + 1, sizeof *ins);
	for (size_t i = 0; i < ninitiatives; i++)
		r->initiatives[i] = &ins[i];
	size_t next = 0, next_initiative = 0;
	for (xmlNode *c = goals->children; c && !ld->stop; c = c->next) {
		if (!load_is(c, "goal"))
			continue;
		struct goal *g = &r->goals[r->ngoals];
		g->index = r->ngoals++;
		load_goal(ld, c, g, &next, &next_initiative);
	}
	r->nmeasures = next;
	r->ninitiatives = next_initiative;
}
