/* Targets: an amount, a range, an earlier result (changed or not) or
 * direction alone; to date over the year or quarter, evenly or by a
 * phasing; scoped to a period or a fiscal year; named, and deciding or
 * only shown. Then the rules that tie a measure's targets together: one
 * direction, one deciding target per scope (and one per name and scope
 * among the others), targets to date only where results add up, and no
 * relative tolerance against a zero target. */
#include "load_limits.h"
#include "load_internal.h"

#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "units.h"

static const char *const cmp_attrs[] = {"at-least", "more-than", "at-most", "less-than"};

/* Whether a comparison is a lower bound (at-least, more-than). */
static bool lower_bound(enum cmp c)
{
	return c == CMP_AT_LEAST || c == CMP_MORE_THAN;
}

/* The earlier result a comparison names, if it names one. */
static bool baseline_word(const char *text, enum baseline *out)
{
	if (strcmp(text, "previous") == 0)
		*out = BASELINE_PREVIOUS;
	else if (strcmp(text, "last-year") == 0)
		*out = BASELINE_LAST_YEAR;
	else if (strcmp(text, "average") == 0)
		*out = BASELINE_AVERAGE;
	else
		return false;
	return true;
}

/* A whole number from lo to hi written plainly; false otherwise. */
static bool small_number(const char *s, int lo, int hi, int *out)
{
	size_t n = strlen(s);
	if (n == 0 || n > 3 || strspn(s, "0123456789") != n || (n > 1 && s[0] == '0'))
		return false;
	*out = atoi(s);
	return *out >= lo && *out <= hi;
}

/* The comparison attributes: one, or a lower and an upper bound (a range),
 * or better= alone. Fills t->kind, cmp and the source's comparison. */
static void read_comparison(struct loader *ld, struct measure *m, bool unit_ok,
			    struct load_source *src, struct target *t)
{
	xmlNode *el = src->el;
	xmlAttr *found[4] = {0};
	int n = 0;
	xmlAttr *lower = NULL, *upper = NULL, *twin = NULL, *twin_of = NULL;
	for (int i = 0; i < 4; i++) {
		xmlAttr *a = load_attr(el, cmp_attrs[i]);
		if (!a)
			continue;
		found[n++] = a;
		xmlAttr **side = lower_bound((enum cmp)i) ? &lower : &upper;
		if (*side && !twin) {
			twin = a;
			twin_of = *side;
		} else if (!*side) {
			*side = a;
		}
	}
	xmlAttr *better = load_attr(el, "better");
	if (better && n > 0) {
		load_node_error(ld, el, "<target> has both better= and %s=; expected either a "
				"comparison or better= alone", (const char *)found[0]->name);
		return;
	}
	if (better) {
		const char *b = load_value(ld, better);
		t->kind = TARGET_IMPROVE;
		if (strcmp(b, "higher") == 0)
			t->cmp = CMP_MORE_THAN;
		else if (strcmp(b, "lower") == 0)
			t->cmp = CMP_LESS_THAN;
		else {
			load_attr_error(ld, better, "better=\"%s\" is not a direction; expected higher "
					"or lower", load_shown(ld, b));
			return;
		}
		src->cmp_ok = true;
		src->attr = "better";
		src->text = b;
		return;
	}
	if (n == 0) {
		load_node_error(ld, el, "<target> has no comparison; expected one of at-least, "
				"more-than, at-most or less-than, such as at-least=\"75\"");
		return;
	}
	if (twin) {
		load_node_error(ld, el, "<target> has both %s and %s; expected one of at-least or "
				"more-than, one of at-most or less-than, or one of each for a range",
				(const char *)twin_of->name, (const char *)twin->name);
		return;
	}
	for (int i = 0; i < 4; i++)
		if (lower && strcmp((const char *)lower->name, cmp_attrs[i]) == 0)
			t->cmp = (enum cmp)i;
	if (lower && upper) {
		t->kind = TARGET_RANGE;
		for (int i = 0; i < 4; i++)
			if (strcmp((const char *)upper->name, cmp_attrs[i]) == 0)
				t->cmp_high = (enum cmp)i;
		const char *lo = load_value(ld, lower), *hi = load_value(ld, upper);
		enum baseline b;
		if (baseline_word(lo, &b) || baseline_word(hi, &b)) {
			load_node_error(ld, el, "<target> is a range from %s=\"%s\" to %s=\"%s\"; "
					"expected amounts for both ends of a range, not an earlier "
					"result", (const char *)lower->name, load_shown(ld, lo),
					(const char *)upper->name, load_shown(ld, hi));
			return;
		}
		bool ok = load_amount(ld, lower, lo, m, unit_ok, &t->amount);
		ok = load_amount(ld, upper, hi, m, unit_ok, &t->high) && ok;
		src->cmp_ok = true;
		src->attr = (const char *)lower->name;
		src->text = lo;
		src->amount_ok = ok;
		if (ok && t->amount > t->high)
			load_node_error(ld, el, "<target> is a range from %s=\"%s\" to %s=\"%s\", whose "
					"low end is above its high end; expected the lower amount in %s",
					(const char *)lower->name, load_shown(ld, lo),
					(const char *)upper->name, load_shown(ld, hi),
					(const char *)lower->name);
		return;
	}
	xmlAttr *a = lower ? lower : upper;
	for (int i = 0; i < 4; i++)
		if (strcmp((const char *)a->name, cmp_attrs[i]) == 0)
			t->cmp = (enum cmp)i;
	src->cmp_ok = true;
	src->attr = cmp_attrs[t->cmp];
	src->text = load_value(ld, a);
	if (baseline_word(src->text, &t->baseline)) {
		t->kind = TARGET_RELATIVE;
		src->amount_ok = true;
		return;
	}
	t->kind = TARGET_AMOUNT;
	src->amount_ok = load_amount(ld, a, src->text, m, unit_ok, &t->amount);
}

/* change= and over=: what a relative target does with its earlier result. */
static void read_relative(struct loader *ld, struct measure *m, bool unit_ok,
			  struct load_source *src, struct target *t)
{
	xmlNode *el = src->el;
	xmlAttr *ca, *oa;
	const char *change = load_get(ld, el, "change", &ca);
	const char *over = load_get(ld, el, "over", &oa);
	bool relative = t->kind == TARGET_RELATIVE;
	if (change && !relative) {
		load_attr_error(ld, ca, "change=\"%s\" on a target that is not an earlier result; "
				"expected change= only with at-least=\"last-year\", "
				"less-than=\"previous\" and the like", load_shown(ld, change));
	} else if (change && unit_ok) {
		char why[200];
		bool worded = m->unit == UNIT_RATING || m->unit == UNIT_YES_NO;
		/* A rating changes by whole levels. */
		if (change_parse(worded ? UNIT_COUNT : m->unit, change, &t->change,
				 &t->change_relative, why, sizeof why) &&
		    !(worded && t->change_relative))
			t->has_change = true;
		else if (worded)
			load_attr_error(ld, ca, "change=\"%s\" on a %s measure; expected a whole number "
					"of levels, such as change=\"+1\"", load_shown(ld, change),
					unit_name(m->unit));
		else
			load_attr_error(ld, ca, "change=\"%s\" is not a change; expected %s",
					load_shown(ld, change), why);
	}
	bool average = relative && t->baseline == BASELINE_AVERAGE;
	if (over && !average)
		load_attr_error(ld, oa, "over=\"%s\" on a target that is not an average; expected "
				"over= only with an earlier average, such as less-than=\"average\" "
				"over=\"3\"", load_shown(ld, over));
	else if (over && !small_number(over, 1, 20, &t->over))
		load_attr_error(ld, oa, "over=\"%s\" is not a number of periods; expected a whole "
				"number from 1 to 20, such as over=\"3\"", load_shown(ld, over));
	else if (average && !over)
		load_node_error(ld, el, "%s=\"average\" does not say over how many periods; expected "
				"over=\"N\" beside it, such as over=\"3\" for the average of the three "
				"periods before", src->attr);
	if (relative && t->baseline == BASELINE_LAST_YEAR && m->frequency == FREQ_BIENNIAL)
		load_node_error(ld, el, "%s=\"last-year\" on a measure reported every two years; "
				"expected %s=\"previous\", the result two years before",
				src->attr, src->attr);
}

/* phasing="20% 45% 80% 100%": the share of the year's target due by the
 * end of each period of the year. */
static void read_phasing(struct loader *ld, struct measure *m, xmlNode *el, struct target *t)
{
	xmlAttr *a;
	const char *text = load_get(ld, el, "phasing", &a);
	if (!text)
		return;
	int per = period_per_year(m->kind);
	double *shares = arena_calloc(&ld->r->arena, (size_t)per, sizeof *shares);
	int n = 0;
	double last = 0;
	const char *s = text;
	char word[64];
	while (*s) {
		while (*s && load_is_space(*s))
			s++;
		if (!*s)
			break;
		size_t len = 0;
		while (s[len] && !load_is_space(s[len]))
			len++;
		snprintf(word, sizeof word, "%.*s", (int)(len < sizeof word ? len : sizeof word - 1), s);
		s += len;
		double v;
		if (len >= sizeof word || !percentage_parse(word, &v) || v > 100) {
			load_attr_error(ld, a, "phasing=\"%s\" has \"%s\", which is not a share of the "
					"year; expected percentages from 0%% to 100%%, such as "
					"phasing=\"20%% 45%% 80%% 100%%\"", load_shown(ld, text),
					load_shown(ld, word));
			return;
		}
		if (v < last) {
			load_attr_error(ld, a, "phasing=\"%s\" falls from %g%% to %s; expected shares "
					"due so far, each at least the one before", load_shown(ld, text),
					last, load_shown(ld, word));
			return;
		}
		if (n < per)
			shares[n] = v;
		n++;
		last = v;
	}
	if (n != per || last != 100) {
		load_attr_error(ld, a, "phasing=\"%s\" has %d share%s%s; expected %d, one for each %s "
				"of the fiscal year, the last 100%%", load_shown(ld, text), n,
				n == 1 ? "" : "s", n == per ? " and does not end at 100%" : "", per,
				m->kind == PERIOD_MONTH ? "month" : "quarter");
		return;
	}
	t->phasing = shares;
	t->nphasing = (size_t)per;
}

/* period= and fiscal-year=: which periods the target applies to. */
static bool read_scope(struct loader *ld, struct measure *m, xmlNode *el, struct target *t)
{
	xmlAttr *pa, *fa;
	const char *period = load_get(ld, el, "period", &pa);
	const char *fy = load_get(ld, el, "fiscal-year", &fa);
	struct period p;
	bool period_ok = period && load_measure_period(ld, pa, period, m, &p);
	bool fy_digits = fy && strlen(fy) == 4 && strspn(fy, "0123456789") == 4;
	bool fy_ok = fy_digits && fiscal_year_ok(atoi(fy));
	if (fy && !fy_digits)
		load_attr_error(ld, fa, "fiscal-year=\"%s\" is not a fiscal year; expected its four "
				"digits, such as 2018", load_shown(ld, fy));
	else if (fy && !fy_ok)
		load_attr_error(ld, fa, "fiscal-year=\"%s\" is outside the fiscal years qreport "
				"reads; expected %d to %d", load_shown(ld, fy), PERIOD_MIN_FY,
				PERIOD_MAX_FY);
	else if (fy && m->kind == PERIOD_CALENDAR_YEAR && ld->r->calendar.start_month != 1) {
		load_attr_error(ld, fa, "fiscal-year=\"%s\" on a measure of calendar years, which "
				"fall in two fiscal years; expected period=\"CY%s\" for one calendar "
				"year", load_shown(ld, fy), load_shown(ld, fy));
		fy_ok = false;
	}
	t->scope = SCOPE_ALL;
	bool ok = (!period || period_ok) && (!fy || fy_ok);
	if (period && fy) {
		load_node_error(ld, el, "<target> has both period= and fiscal-year=; expected at most "
				"one of them: period= for one quarter or fiscal-year= for one year");
		ok = false;
	} else if (period_ok) {
		t->scope = SCOPE_PERIOD;
		t->scope_period = p;
	} else if (fy_ok) {
		t->scope = SCOPE_FISCAL_YEAR;
		t->scope_fy = atoi(fy);
	}
	return ok;
}

/* See load_internal.h. */
void load_target(struct loader *ld, struct measure *m, bool unit_ok, struct load_source *src,
		 struct target *t)
{
	xmlNode *el = src->el;
	t->line = load_line(el);
	read_comparison(ld, m, unit_ok, src, t);
	read_relative(ld, m, unit_ok, src, t);

	xmlAttr *a;
	const char *per = load_get(ld, el, "per", &a);
	if (per && strcmp(per, "year") == 0)
		t->per_year = true;
	else if (per && strcmp(per, "quarter") == 0)
		t->per_quarter = m->frequency == FREQ_MONTHLY;
	else if (per)
		load_attr_error(ld, a, "per=\"%s\" is not a target period; expected quarter or year",
				load_shown(ld, per));
	src->per_text = per;
	read_phasing(ld, m, el, t);

	const char *label = load_get(ld, el, "label", &a);
	if (label) {
		t->label = load_reader_text(ld, load_collapse(ld, label), load_attr_line(a));
		if (!*t->label)
			load_attr_error(ld, a, "label=\"\" is empty; expected the target's name, such as "
					"Stretch");
	}
	const char *decides = load_get(ld, el, "decides", &a);
	if (decides && strcmp(decides, "no") == 0)
		t->reference = true;
	else if (decides && strcmp(decides, "yes") != 0)
		load_attr_error(ld, a, "decides=\"%s\" is not yes or no; expected decides=\"no\" for "
				"a target shown beside the one that decides", load_shown(ld, decides));
	if (t->reference && !(t->label && *t->label))
		load_node_error(ld, el, "<target decides=\"no\"> has no label; expected a name for "
				"it, such as label=\"Stretch\"");
	src->key_ok = read_scope(ld, m, el, t);
}

/* A key per scope, and where the target stands, for finding twins. */
struct keyed {
	const char *label;  /* Targets that do not decide clash only under one name. */
	long key;
	size_t pos;
};

/* Orders by name (deciding targets first), scope, then position in the file. */
static int keyed_order(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (!x->label != !y->label)
		return x->label ? 1 : -1;
	int c = x->label ? strcmp(x->label, y->label) : 0;
	if (c != 0)
		return c;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Whether two keyed targets clash: the same scope, and both deciding or
 * both of one name. */
static bool same_scope(const struct keyed *x, const struct keyed *y)
{
	return x->key == y->key && !x->label == !y->label &&
	       (!x->label || strcmp(x->label, y->label) == 0);
}

/* Two deciding targets with the same scope, or two that do not decide with
 * the same name and scope: reported on the second. Sorting puts twins
 * together, the first written first. */
static void check_target_scopes(struct loader *ld, const struct measure *m,
				const struct load_source *src)
{
	struct keyed *k = xcalloc(m->ntargets ? m->ntargets : 1, sizeof *k);
	size_t n = 0;
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct target *t = &m->targets[i];
		if (!src[i].key_ok || (t->reference && !t->label))
			continue;
		long key = t->scope == SCOPE_ALL	   ? 0
			   : t->scope == SCOPE_FISCAL_YEAR ? 1000000L + t->scope_fy
							   : 2000000L + period_index(t->scope_period);
		k[n++] = (struct keyed){t->reference ? t->label : NULL, key, i};
	}
	qsort(k, n, sizeof *k, keyed_order);
	size_t first = 0;
	for (size_t i = 1; i < n; i++) {
		if (!same_scope(&k[i], &k[first])) {
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
			period_id(t->scope_period, what, sizeof what);
			break;
		}
		if (k[i].label)
			load_error(ld, t->line, "a second target labelled \"%s\" for %s: the target on "
				   "line %d has the same name and scope; expected at most one target of "
				   "a name for each period, each fiscal year, and every period",
				   load_shown(ld, t->label), what, m->targets[k[first].pos].line);
		else
			load_error(ld, t->line, "a second target for %s: the target on line %d has the "
				   "same scope; expected at most one target for each period, each fiscal "
				   "year, and every period", what, m->targets[k[first].pos].line);
	}
	free(k);
}

/* The direction a target says is better. */
static enum direction direction_of(const struct target *t)
{
	return t->kind == TARGET_RANGE ? DIR_WITHIN : cmp_direction(t->cmp);
}

/* What a target is, for a message: "a range", "an earlier result". */
static const char *kind_words(const struct target *t)
{
	switch (t->kind) {
	case TARGET_AMOUNT:
		break;
	case TARGET_RANGE:
		return "a range target";
	case TARGET_RELATIVE:
		return "a target set by an earlier result";
	case TARGET_IMPROVE:
		return "a better= target";
	}
	return "an amount target";
}

/* per= and phasing= against the measure's frequency and aggregation. */
static void check_to_date(struct loader *ld, const struct measure *m, const struct target *t,
			  const struct load_source *src)
{
	bool yearly = m->frequency == FREQ_ANNUAL || m->frequency == FREQ_BIENNIAL;
	const char *per = src->per_text;
	if (per && yearly && (t->per_year || strcmp(per, "quarter") == 0)) {
		load_error(ld, t->line, "per=\"%s\" on a measure reported once a year or less; "
			   "expected no per: such a measure's targets are for its own year",
			   load_shown(ld, per));
		return;
	}
	bool to_date = t->per_year || t->per_quarter;
	if (to_date && t->kind != TARGET_AMOUNT) {
		load_error(ld, t->line, "per=\"%s\" on %s; expected per= only on a target with an "
			   "amount, such as at-least=\"965\" per=\"year\"", per, kind_words(t));
		return;
	}
	if (t->per_year && m->aggregation == AGG_NONE)
		load_error(ld, t->line, "per=\"year\" needs aggregation=\"sum\" on the measure; "
			   "expected <measure ... aggregation=\"sum\"> so that %s values add up over "
			   "the year", m->frequency == FREQ_MONTHLY ? "monthly" : "quarterly");
	if (t->per_quarter && m->aggregation != AGG_SUM && m->aggregation != AGG_AVERAGE)
		load_error(ld, t->line, "per=\"quarter\" on a monthly measure needs aggregation=\"sum\" "
			   "or \"average\"; expected one of them on the measure, so that its months "
			   "make a quarter's figure");
	if (t->phasing && !t->per_year)
		load_error(ld, t->line, "phasing= on a target that is not per=\"year\"; expected "
			   "phasing only on an annual target of a measure whose results add up");
	else if (t->phasing && m->aggregation == AGG_AVERAGE)
		load_error(ld, t->line, "phasing= on a measure with aggregation=\"average\"; expected "
			   "no phasing, since an average is not due in parts");
}

/* See load_internal.h. */
void load_check_targets(struct loader *ld, const struct measure *m,
			const struct load_source *src, bool unit_ok, const char *tolerance_text)
{
	check_target_scopes(ld, m, src);
	if (!unit_ok)
		return;
	const struct target *ref = NULL;
	size_t ref_i = 0;
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct target *t = &m->targets[i];
		check_to_date(ld, m, t, &src[i]);
		if (!src[i].cmp_ok)
			continue;
		if (!ref) {
			ref = t;
			ref_i = i;
		} else if (direction_of(t) != direction_of(ref)) {
			if (direction_of(t) == DIR_WITHIN || direction_of(ref) == DIR_WITHIN) {
				load_error(ld, t->line, "%s=\"%s\" is %s, but the target on line %d is "
					   "%s; expected every target of a measure to be a range, or none",
					   src[i].attr, load_shown(ld, src[i].text), kind_words(t),
					   ref->line, kind_words(ref));
			} else {
				bool higher = direction_of(t) == DIR_HIGHER_BETTER;
				load_error(ld, t->line, "%s=\"%s\" says %s is better, but the target on "
					   "line %d (%s) says %s is better; expected every target of a "
					   "measure to agree on the direction",
					   src[i].attr, load_shown(ld, src[i].text),
					   higher ? "higher" : "lower", ref->line, src[ref_i].attr,
					   higher ? "lower" : "higher");
			}
		}
		bool zero = src[i].amount_ok &&
			    ((t->kind == TARGET_AMOUNT && t->amount == 0) ||
			     (t->kind == TARGET_RANGE && (t->amount == 0 || t->high == 0)));
		if (m->tolerance.relative && zero) {
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
