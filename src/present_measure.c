/* What a reader is told about one measure: its status and the reason for a
 * No Data, the result sentence, the target in words, the comparisons with
 * earlier quarters, and each period of its history in words. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "period.h"
#include "present_internal.h"

#define TEXT_MAX 512

/* "at most 5:00", or "at least 965 for the year" for an annual target. */
static const char *target_words(struct presentation *p, const struct measure *m,
				const struct target *t)
{
	char buf[TEXT_MAX];
	amount_format(m, t->amount, buf, sizeof buf);
	return arena_printf(&p->arena, "%s %s%s", present_cmp_words(t->cmp), buf,
			    t->per_year ? " for the year" : "");
}

/* The words a measure's periods share, made once per target: a measure's
 * dozen periods mostly have the same one. */
struct target_cache {
	const char **words; /* Per target of the measure, NULL until made. */
	const char **amount;
	const char **miss;  /* The allowed miss of a quarterly target. */
};

/* The words for target `t`, from the cache. */
static const char *cached_words(struct presentation *p, const struct measure *m,
				struct target_cache *tc, const struct target *t)
{
	size_t k = (size_t)(t - m->targets);
	if (!tc->words[k])
		tc->words[k] = target_words(p, m, t);
	return tc->words[k];
}

/* Why a period of a measure is No Data, in a few words; NULL when it is not. */
static const char *no_data_reason(struct presentation *p, const struct measure *m,
				  const struct period_eval *pe, const char *label)
{
	if (pe->computed != STATUS_NO_DATA)
		return NULL;
	if (!pe->has_actual) {
		if (m->ntargets == 0)
			return arena_printf(&p->arena, "No result reported for %s; no target set", label);
		return arena_printf(&p->arena, "No result reported for %s", label);
	}
	if (!pe->has_target)
		return m->ntargets > 0 ? arena_printf(&p->arena, "No target for %s", label)
				       : "No target set";
	if (pe->ytd && !pe->has_compared)
		return arena_printf(&p->arena, "No total for the year so far: %s has no result",
				    pres_period_label(p, pe->ytd_missing));
	return NULL;
}

/* One period of the history in words. */
static void period_words(struct presentation *p, const struct measure *m,
			 const struct period_eval *pe, struct target_cache *tc,
			 struct pres_period *pp)
{
	char buf[TEXT_MAX];
	memset(pp, 0, sizeof *pp);
	pp->pe = pe;
	const struct pres_period_words *w = pres_period_words(p, pe->period);
	pp->period_id = w->id;
	pp->period_label = w->label;
	pp->status_word = p->status_label[pe->shown];
	pp->reason = no_data_reason(p, m, pe, pp->period_label);
	pp->actual = pe->has_actual ? pres_amount(p, m, pe->actual) : NULL;
	/* The amount judged is mostly the quarter's own: one string for both. */
	if (pe->has_compared)
		pp->compared = pe->has_actual && pe->compared == pe->actual
				       ? pp->actual
				       : pres_amount(p, m, pe->compared);
	pp->target_decimals = m->decimals;
	if (!pe->has_target)
		return;
	pp->target = cached_words(p, m, tc, pe->target);
	if (pe->ytd && m->unit != UNIT_DURATION) {
		/* A pro-rated target (a quarter of 965 is 241.25) gets the places it
		 * needs, so a reader never sees "241 against 241" marked Under Goal. */
		struct measure shown = *m;
		shown.decimals = amount_places_needed(pe->target_amount, m->decimals, m->decimals + 2);
		pp->target_decimals = shown.decimals;
		pp->target_amount = pres_amount(p, &shown, pe->target_amount);
	} else {
		size_t k = (size_t)(pe->target - m->targets);
		if (!tc->amount[k])
			tc->amount[k] = pres_amount(p, m, pe->target_amount);
		pp->target_amount = tc->amount[k];
	}
	/* A quarterly target allows the same miss in every quarter it judges. */
	size_t k = (size_t)(pe->target - m->targets);
	if (!pe->ytd && tc->miss[k]) {
		pp->allowed_miss = tc->miss[k];
		return;
	}
	amount_format_size(m, pe->tolerance, buf, sizeof buf);
	pp->allowed_miss = arena_strdup(&p->arena, buf);
	if (!pe->ytd)
		tc->miss[k] = pp->allowed_miss;
}

/* The plain sentence about the report period. */
static const char *sentence(struct presentation *p, const struct measure *m,
			    const struct pres_period *cur)
{
	const struct period_eval *pe = cur->pe;
	const char *label = p->period_label;
	if (!pe->has_actual) {
		const char *none = arena_printf(&p->arena, "No result reported for %s", label);
		if (pe->has_target)
			return arena_printf(&p->arena, "%s; target %s", none, cur->target);
		if (m->ntargets > 0)
			return arena_printf(&p->arena, "No result and no target for %s", label);
		return arena_printf(&p->arena, "%s; no target set", none);
	}
	if (!pe->has_target) {
		if (m->ntargets > 0)
			return arena_printf(&p->arena, "%s; no target for %s", cur->actual, label);
		return arena_printf(&p->arena, "%s; no target set", cur->actual);
	}
	if (!pe->ytd)
		return arena_printf(&p->arena, "%s against a target of %s", cur->actual, cur->target);
	char whole[TEXT_MAX];
	amount_format(m, pe->target->amount, whole, sizeof whole);
	if (pe->has_compared)
		return arena_printf(&p->arena,
				    "%s so far this year against a target of %s %s to date (%s for "
				    "the year)",
				    cur->compared, present_cmp_words(pe->target->cmp), cur->target_amount,
				    whole);
	return arena_printf(&p->arena,
			    "%s this quarter; no total for the year so far, as %s has no result "
			    "(target %s)",
			    cur->actual, pres_period_label(p, pe->ytd_missing), cur->target);
}

/* A change as a share of the earlier result: "+2.9%". */
static const char *share_words(struct presentation *p, double pct)
{
	struct measure one = {.unit = UNIT_NUMBER, .decimals = 1};
	char buf[TEXT_MAX];
	amount_format_delta(&one, pct, buf, sizeof buf);
	return arena_printf(&p->arena, "%s%%", buf);
}

/* A comparison with an earlier quarter in words. */
static void change_words(struct presentation *p, const struct measure *m, const struct change *c,
			 const char *label, struct pres_change *pc)
{
	memset(pc, 0, sizeof *pc);
	pc->label = label;
	pc->against = c->against;
	pc->against_label = pres_period_label(p, c->against);
	pc->available = c->available;
	pc->has_previous = c->has_previous;
	pc->trend = c->trend;
	if (c->has_previous)
		pc->previous = pres_amount(p, m, c->previous);
	bool now = m->current->has_actual;
	if (!c->available) {
		pc->says_little = !c->has_previous;
		if (!now && c->has_previous)
			pc->text = arena_printf(&p->arena, "No result reported for %s to compare with %s "
					    "in %s", p->period_label, pc->previous, pc->against_label);
		else if (!now)
			pc->text = arena_printf(&p->arena, "No results for %s or %s", p->period_label,
						pc->against_label);
		else
			pc->text = arena_printf(&p->arena, "No result for %s to compare with",
						pc->against_label);
		return;
	}
	char buf[TEXT_MAX];
	amount_format_delta(m, c->delta, buf, sizeof buf);
	pc->delta = arena_strdup(&p->arena, buf);
	/* A share of a change reads oddly for percentages (points say it) and
	 * for no change at all. */
	if (c->has_pct && m->unit != UNIT_PERCENT && c->trend != TREND_UNCHANGED)
		pc->share = share_words(p, c->pct);
	pc->text = pc->share ? arena_printf(&p->arena, "%s (%s) from %s in %s", pc->delta, pc->share,
					    pc->previous, pc->against_label)
			     : arena_printf(&p->arena, "%s from %s in %s", pc->delta, pc->previous,
					    pc->against_label);
	switch (c->trend) {
	case TREND_BETTER:
		pc->trend_word = "better";
		break;
	case TREND_WORSE:
		pc->trend_word = "worse";
		break;
	case TREND_UNCHANGED:
		pc->trend_word = "unchanged";
		break;
	case TREND_NONE:
		break;
	}
}

/* "National average: 5:00; State average: 4:50", or NULL. */
static const char *benchmark_words(struct presentation *p, const struct measure *m)
{
	if (m->nbenchmarks == 0)
		return NULL;
	const char *text = "";
	for (size_t i = 0; i < m->nbenchmarks; i++)
		text = arena_printf(&p->arena, "%s%s%s: %s", text, i ? "; " : "",
				    m->benchmarks[i].label, pres_amount(p, m, m->benchmarks[i].value));
	return text;
}

/* The results a card without a chart would otherwise hide: every period
 * with a result, the latest PRES_CARD_QUARTERS of them, when the history
 * holds one besides the period the measure is judged on. NULL otherwise. */
static const char *recent_words(struct presentation *p, const struct measure *m,
				const struct pres_measure *pm)
{
	if (pm->card.drawn)
		return NULL;
	size_t n = 0, others = 0, from = m->nhistory;
	while (from > 0 && n < PRES_CARD_QUARTERS) {
		const struct period_eval *pe = &m->history[--from];
		if (!pe->has_actual)
			continue;
		n++;
		others += pe != m->current;
	}
	if (others == 0)
		return NULL;
	struct pres_buf b = {0};
	const char *sep = "";
	for (size_t k = from; k < m->nhistory; k++) {
		if (!m->history[k].has_actual)
			continue;
		pres_buf_add(&b, "%s%s: %s", sep, pm->periods[k].period_label, pm->periods[k].actual);
		sep = "; ";
	}
	return pres_buf_finish(p, &b);
}

/* See present_internal.h. */
void pres_measure_build(struct presentation *p, const struct measure *m, struct pres_measure *pm)
{
	memset(pm, 0, sizeof *pm);
	pm->m = m;
	struct target_cache tc = {
		.words = xcalloc(m->ntargets + 1, sizeof *tc.words),
		.amount = xcalloc(m->ntargets + 1, sizeof *tc.amount),
		.miss = xcalloc(m->ntargets + 1, sizeof *tc.miss),
	};
	pm->periods = arena_calloc(&p->arena, m->nhistory + 1, sizeof *pm->periods);
	for (size_t k = 0; k < m->nhistory; k++) {
		period_words(p, m, &m->history[k], &tc, &pm->periods[k]);
		if (&m->history[k] == m->current)
			pm->current = &pm->periods[k];
	}
	free(tc.words);
	free(tc.amount);
	free(tc.miss);

	const struct period_eval *pe = m->current;
	const struct pres_period *cur = pm->current;
	pm->status = pe->shown;
	pm->status_word = p->status_label[pe->shown];
	pm->reason = pe->shown == STATUS_NO_DATA ? cur->reason : NULL;
	if (pe->ytd && pe->has_compared)
		pm->result = arena_printf(&p->arena, "%s so far", cur->compared);
	else
		pm->result = cur->actual;
	pm->no_result = "no result";
	pm->sentence = sentence(p, m, cur);
	pm->summary_line = arena_printf(&p->arena, "%s: %s", m->name, pm->sentence);
	pm->continued = arena_printf(&p->arena, "%s (continued)", m->name);
	pm->has_target = pe->has_target;
	if (pe->has_target)
		pm->target = cur->target;
	else
		pm->target = m->ntargets > 0 ? arena_printf(&p->arena, "No target for %s",
							    p->period_label)
					     : "No target set";
	if (pe->ytd && pe->has_actual)
		pm->this_quarter = cur->actual;
	pm->benchmarks = benchmark_words(p, m);
	if (pe->value && pe->value->has_override && pe->computed != pe->shown)
		pm->override_note = arena_printf(&p->arena, "As reported for the quarter; by the "
						 "numbers it would be %s",
						 p->status_label[pe->computed]);
	pm->tolerance = pres_tolerance(p, m, m->tolerance);
	pm->direction = m->direction == DIR_HIGHER_BETTER ? "higher is better" : "lower is better";
	change_words(p, m, &m->vs_last_year, "On last year", &pm->vs_last_year);
	change_words(p, m, &m->vs_last_quarter, "On last quarter", &pm->vs_last_quarter);

	int first = period_index(p->r->period);
	for (size_t i = 0; i < m->nvalues; i++) {
		int k = period_index(m->values[i].period);
		if (k < first)
			first = k;
	}
	pres_charts_build(p, pm, first);
	pm->recent = recent_words(p, m, pm);
}
