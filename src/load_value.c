/* Values: one period's figure (its actual, estimate and second figure),
 * its breakdown into parts, and a status override; one value per period,
 * none for a period the report period has not seen end. */
#include "load_limits.h"
#include "load_internal.h"

#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "units.h"

/* A value's parts: each a label and an actual in the measure's unit, each
 * label once, on a measure that says what its parts are. */
static void read_parts(struct loader *ld, xmlNode *el, struct measure *m, bool unit_ok,
		       struct value *v)
{
	size_t n = 0;
	for (xmlNode *c = el->children; c; c = c->next)
		n += load_is(c, "part");
	if (n == 0)
		return;
	if (n > LOAD_MAX_PARTS)
		n = LOAD_MAX_PARTS;
	v->parts = arena_calloc(&ld->r->arena, n, sizeof *v->parts);
	bool told = false;
	for (xmlNode *c = el->children; c; c = c->next) {
		if (!load_is(c, "part"))
			continue;
		if (!m->breakdown && ld->breakdown_told != m) {
			load_node_error(ld, c, "<part> in a value of measure \"%s\", which does not say "
					"what its parts are; expected breakdown= on the measure, such "
					"as breakdown=\"district\"", m->id ? m->id : "");
			ld->breakdown_told = m;
		}
		if (v->nparts == n) {
			if (!told)
				load_node_error(ld, c, "more than %d parts in one value; expected at most "
						"%d", LOAD_MAX_PARTS, LOAD_MAX_PARTS);
			told = true;
			continue;
		}
		struct value_part *pt = &v->parts[v->nparts];
		pt->line = load_line(c);
		xmlAttr *a;
		const char *label = load_get(ld, c, "label", &a);
		if (label) {
			pt->label = load_reader_text(ld, load_collapse(ld, label), load_attr_line(a));
			if (!*pt->label)
				load_attr_error(ld, a, "label=\"\" is empty; expected the part's name, "
						"such as North District");
			for (size_t i = 0; i < v->nparts && *pt->label; i++)
				if (strcmp(v->parts[i].label, pt->label) == 0) {
					load_attr_error(ld, a, "label=\"%s\" is already a part of this "
							"value, on line %d; expected each part once",
							load_shown(ld, pt->label), v->parts[i].line);
					break;
				}
		} else {
			pt->label = "";
		}
		const char *actual = load_get(ld, c, "actual", &a);
		if (actual)
			pt->has_actual = load_amount(ld, a, actual, m, unit_ok, &pt->actual);
		v->nparts++;
	}
}

/* One value element. */
void load_value_element(struct loader *ld, struct measure *m, bool unit_ok,
			struct load_source *src, struct value *v)
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
	const char *second = load_get(ld, el, "second", &a);
	if (second && !m->second)
		load_attr_error(ld, a, "second=\"%s\" on a measure without a second figure; expected "
				"<second-figure label=\"...\" unit=\"...\"/> before the measure's "
				"values, naming it", load_shown(ld, second));
	else if (second)
		v->has_second = load_amount(ld, a, second, m->second, true, &v->second);
	read_parts(ld, el, m, unit_ok, v);
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
void load_check_values(struct loader *ld, const struct measure *m, const struct load_source *src)
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

