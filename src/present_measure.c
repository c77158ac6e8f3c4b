/* What a reader is told about one measure: its status and the reason for a
 * No Data, the period it is judged on ("as of November 2024"), the result
 * sentence, the targets in words and which one decides, the comparisons
 * with earlier periods, and each period of its history in words. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "period.h"
#include "present_internal.h"

#define TEXT_MAX 512

/* "quarter", "month", "year", or for a biennial measure "result": what one
 * of the measure's periods is called. */
static const char *period_noun(const struct measure *m)
{
	switch (m->frequency) {
	case FREQ_QUARTERLY:
		break;
	case FREQ_MONTHLY:
		return "month";
	case FREQ_ANNUAL:
		return "year";
	case FREQ_BIENNIAL:
		return "result";
	}
	return "quarter";
}

/* The earlier result a relative or improvement target starts from, in
 * words: "the previous quarter", "the same month last year", "the average
 * of the 3 years before". */
static const char *baseline_words(struct presentation *p, const struct measure *m,
				  const struct target *t)
{
	enum baseline b = t->kind == TARGET_IMPROVE ? BASELINE_PREVIOUS : t->baseline;
	if (b == BASELINE_AVERAGE && t->over > 1)
		return arena_printf(&p->arena, "the average of the %d %ss before", t->over,
				    period_noun(m));
	if (b == BASELINE_LAST_YEAR)
		return m->frequency == FREQ_ANNUAL
			       ? "last year"
			       : arena_printf(&p->arena, "the same %s last year", period_noun(m));
	return arena_printf(&p->arena, "the previous %s", period_noun(m));
}

/* Whether a comparison is met at or above its amount. */
static bool lower_end(enum cmp c)
{
	return c == CMP_AT_LEAST || c == CMP_MORE_THAN;
}

/* "at most 5:00" */
static const char *bound_words(struct presentation *p, const struct measure *m, enum cmp c,
			       double v)
{
	return arena_printf(&p->arena, "%s %s", present_cmp_words(c), pres_amount(p, m, v));
}

/* A target in words, the same for every period: "at most 5:00", "at least
 * 965 for the year", "98% to 100%", "at least 5% above last year",
 * "higher than the previous quarter"; a named one ends "(Minimum)". A
 * relative target's amount, which differs by period, is added by
 * target_at_words. */
static const char *target_words(struct presentation *p, const struct measure *m,
				const struct target *t)
{
	const char *w = "";
	/* A yes/no target is the answer it asks for. */
	if (m->unit == UNIT_YES_NO && t->kind == TARGET_AMOUNT) {
		w = lower_end(t->cmp) ? "yes" : "no";
		return t->label ? arena_printf(&p->arena, "%s (%s)", w, t->label) : w;
	}
	switch (t->kind) {
	case TARGET_AMOUNT:
		w = arena_printf(&p->arena, "%s%s", bound_words(p, m, t->cmp, t->amount),
				 t->per_year ? " for the year" : t->per_quarter ? " for the quarter" : "");
		break;
	case TARGET_RANGE:
		if (t->cmp == CMP_AT_LEAST && t->cmp_high == CMP_AT_MOST)
			w = arena_printf(&p->arena, "%s to %s", pres_amount(p, m, t->amount),
					 pres_amount(p, m, t->high));
		else
			w = arena_printf(&p->arena, "%s and %s", bound_words(p, m, t->cmp, t->amount),
					 bound_words(p, m, t->cmp_high, t->high));
		break;
	case TARGET_RELATIVE: {
		const char *base = baseline_words(p, m, t);
		if (!t->has_change || t->change == 0) {
			w = arena_printf(&p->arena, "%s %s", present_cmp_words(t->cmp), base);
			break;
		}
		char size[TEXT_MAX];
		if (t->change_relative) {
			present_plain_number(fabs(t->change), size, sizeof size);
			strncat(size, "%", sizeof size - strlen(size) - 1);
		} else {
			amount_format_size(m, fabs(t->change), size, sizeof size);
		}
		w = arena_printf(&p->arena, "%s %s %s %s", present_cmp_words(t->cmp), size,
				 t->change > 0 ? "above" : "below", base);
		break;
	}
	case TARGET_IMPROVE:
		w = arena_printf(&p->arena, "%s than %s", t->cmp == CMP_MORE_THAN ? "higher" : "lower",
				 baseline_words(p, m, t));
		break;
	}
	return t->label ? arena_printf(&p->arena, "%s (%s)", w, t->label) : w;
}

/* The words a measure's periods share, made once per target: a measure's
 * dozen periods mostly have the same one. */
struct target_cache {
	const char **words; /* Per target of the measure, NULL until made. */
	const char **amount;
	const char **miss;  /* The allowed miss of a target for each period, not to date. */
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

/* A target's words at one period: a relative or improvement target with
 * the amount it works out to there, "at least 5% above last year (1,296)". */
static const char *target_at_words(struct presentation *p, const struct measure *m,
				   const char *words, const struct target *t, bool has_amount,
				   double amount)
{
	if ((t->kind != TARGET_RELATIVE && t->kind != TARGET_IMPROVE) || !has_amount)
		return words;
	return arena_printf(&p->arena, "%s (%s)", words, pres_amount(p, m, amount));
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
	if (pe->target && pe->baseline_missing)
		return arena_printf(&p->arena, "No result for %s to set the target by",
				    pres_period_label(p, pe->baseline_period));
	if (!pe->has_target)
		return m->ntargets > 0 ? arena_printf(&p->arena, "No target for %s", label)
				       : "No target set";
	if (pe->ytd && !pe->has_compared)
		return arena_printf(&p->arena, "No total for the %s so far: %s has no result",
				    pe->target->per_quarter ? "quarter" : "year",
				    pres_period_label(p, pe->ytd_missing));
	return NULL;
}

/* A figure with its kind: "$306.5 million (estimate)". */
static const char *figure_words(struct presentation *p, const char *figure, bool estimated)
{
	return estimated ? arena_printf(&p->arena, "%s (%s)", figure, p->estimate_word) : figure;
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
	pp->estimated = pe->estimated;
	if (pe->value && pe->value->has_estimate)
		pp->estimate = pres_amount(p, m, pe->value->estimate);
	/* The amount judged is mostly the period's own: one string for both. */
	if (pe->has_compared)
		pp->compared = pe->has_actual && pe->compared == pe->actual
				       ? pp->actual
				       : pres_amount(p, m, pe->compared);
	if (pe->value && pe->value->has_second && m->second)
		pp->second = pres_amount(p, m->second, pe->value->second);
	if (pe->value && pe->value->nparts > 0) {
		pp->nparts = pe->value->nparts;
		pp->parts = arena_calloc(&p->arena, pp->nparts, sizeof *pp->parts);
		for (size_t i = 0; i < pp->nparts; i++) {
			const struct value_part *pt = &pe->value->parts[i];
			pp->parts[i].label = pt->label;
			pp->parts[i].value = pt->has_actual ? pres_amount(p, m, pt->actual) : NULL;
		}
	}
	pp->target_decimals = m->decimals;
	if (!pe->has_target)
		return;
	bool duration = m->unit == UNIT_DURATION;
	/* As the allowed miss reads (amount_format_size): minutes the data
	 * file gives no decimals for show only the places they have. */
	bool as_written = duration || (m->unit == UNIT_MINUTES && !m->decimals_given);
	pp->miss_decimals = amount_places_needed(pe->tolerance, as_written ? 0 : m->decimals, 6);
	pp->target = cached_words(p, m, tc, pe->target);
	if (pe->ytd && m->unit != UNIT_DURATION) {
		/* A pro-rated target (a quarter of 965 is 241.25) gets the places it
		 * needs, so a reader never sees "241 against 241" marked Under Goal. */
		struct measure shown = *m;
		shown.decimals = amount_places_needed(pe->target_amount, m->decimals, m->decimals + 2);
		pp->target_decimals = shown.decimals;
		pp->target_amount = pres_amount(p, &shown, pe->target_amount);
	} else if (pe->target->kind == TARGET_AMOUNT || pe->target->kind == TARGET_RANGE) {
		size_t k = (size_t)(pe->target - m->targets);
		if (!tc->amount[k])
			tc->amount[k] = pres_amount(p, m, pe->target_amount);
		pp->target_amount = tc->amount[k];
	} else {
		/* An average of earlier results, or a share of one, rarely ends
		 * at the measure's places: show the two more it may need. */
		struct measure shown = *m;
		if (m->unit != UNIT_DURATION)
			shown.decimals =
				amount_places_needed(pe->target_amount, m->decimals, m->decimals + 2);
		pp->target_decimals = shown.decimals;
		pp->target_amount = pres_amount(p, &shown, pe->target_amount);
	}
	if (pe->target->kind == TARGET_RELATIVE || pe->target->kind == TARGET_IMPROVE)
		pp->target = arena_printf(&p->arena, "%s (%s)", pp->target, pp->target_amount);
	if (pe->target->kind == TARGET_RANGE)
		pp->target_high = pres_amount(p, m, pe->target_high);
	/* A difference has the places of the target it is taken from: an
	 * actual has no more than the measure's, a duration none. */
	pp->variance_decimals = duration ? amount_places_needed(pe->target_amount, 0, 6)
					 : pp->target_decimals;
	/* An amount target for each period allows the same miss in every
	 * period it judges. */
	size_t k = (size_t)(pe->target - m->targets);
	bool same_miss = !pe->ytd && pe->target->kind == TARGET_AMOUNT;
	if (same_miss && tc->miss[k]) {
		pp->allowed_miss = tc->miss[k];
		return;
	}
	amount_format_size(m, pe->tolerance, buf, sizeof buf);
	pp->allowed_miss = arena_strdup(&p->arena, buf);
	if (same_miss)
		tc->miss[k] = pp->allowed_miss;
}

/* " from October 2024 to November 2024" when the measure's lag lets its
 * result be for one of several periods, else " for November 2024". */
static const char *window_words(struct presentation *p, const struct measure *m,
				const char *label)
{
	if (period_cmp(m->window_first, m->current->period) == 0)
		return arena_printf(&p->arena, " for %s", label);
	return arena_printf(&p->arena, " from %s to %s", pres_period_label(p, m->window_first),
			    label);
}

/* Whether the decisive target is an annual one with a plan for the year
 * (a phasing, or results that are already totals to date): its sentence
 * and pace speak of the plan. */
static bool planned(const struct measure *m, const struct period_eval *pe)
{
	return pe->ytd && pe->target->per_year &&
	       (pe->target->phasing || m->aggregation == AGG_CUMULATIVE);
}

/* An amount due by the end of a period on a target for the year (or
 * quarter), as a page shows it: a count with at most one decimal (241.25
 * of 965 shows as 241.3, which no whole count equals unless it is met),
 * other amounts with the places they need, up to two more than the
 * measure's. The status is decided on the exact amount. */
static const char *due_amount(struct presentation *p, const struct measure *m, double v)
{
	struct measure shown = *m;
	if (m->unit != UNIT_DURATION) {
		int most = m->unit == UNIT_COUNT ? m->decimals + 1 : m->decimals + 2;
		shown.decimals = amount_places_needed(v, m->decimals, most);
		shown.decimals_given = true;
	}
	return pres_amount(p, &shown, v);
}

/* What a target for the year (or quarter) asks by the end of the judged
 * period, beside the whole: "at least 241.3 by the end of Q1 FY2018 (965
 * for the year)". */
static const char *due_words(struct presentation *p, const struct measure *m,
			     const struct pres_period *cur)
{
	const struct period_eval *pe = cur->pe;
	return arena_printf(&p->arena, "%s %s by the end of %s (%s for the %s)",
			    present_cmp_words(pe->target->cmp), due_amount(p, m, pe->target_amount),
			    cur->period_label, pres_amount(p, m, pe->target->amount),
			    pe->target->per_quarter ? "quarter" : "year");
}

/* The plain sentence about the judged period. */
static const char *sentence(struct presentation *p, const struct measure *m,
			    const struct pres_period *cur)
{
	const struct period_eval *pe = cur->pe;
	const char *label = cur->period_label;
	if (!pe->has_actual) {
		const char *none = arena_printf(&p->arena, "No result reported%s",
						window_words(p, m, label));
		if (pe->has_target)
			return arena_printf(&p->arena, "%s; target %s", none, cur->target);
		if (pe->target)
			return arena_printf(&p->arena, "%s; target %s", none,
					    target_words(p, m, pe->target));
		if (m->ntargets > 0)
			return arena_printf(&p->arena, "No result and no target for %s", label);
		return arena_printf(&p->arena, "%s; no target set", none);
	}
	const char *fig = figure_words(p, cur->actual, pe->estimated);
	const char *when = m->as_of ? arena_printf(&p->arena, " as of %s", label) : "";
	if (pe->target && pe->baseline_missing)
		return arena_printf(&p->arena, "%s%s; no result for %s to set the target by (target %s)",
				    fig, when, pres_period_label(p, pe->baseline_period),
				    target_words(p, m, pe->target));
	if (!pe->has_target) {
		if (m->ntargets > 0)
			return arena_printf(&p->arena, "%s; no target for %s", fig, label);
		return arena_printf(&p->arena, "%s%s; no target set", fig, when);
	}
	if (!pe->ytd && m->unit == UNIT_YES_NO)
		return arena_printf(&p->arena, "%s%s; the target is %s", fig, when, cur->target);
	if (!pe->ytd)
		return arena_printf(&p->arena, "%s%s against a target of %s", fig, when, cur->target);
	const char *span = pe->target->per_quarter ? "quarter" : "year";
	const char *whole = pres_amount(p, m, pe->target->amount);
	if (pe->has_compared && planned(m, pe))
		return arena_printf(&p->arena,
				    "%s so far this year%s against a target of %s %s due by %s on the "
				    "year's plan (%s for the year)",
				    figure_words(p, cur->compared, pe->ytd_estimated), when,
				    present_cmp_words(pe->target->cmp), due_amount(p, m, pe->target_amount),
				    label, whole);
	if (pe->has_compared)
		return arena_printf(&p->arena, "%s so far this %s%s against a target of %s",
				    figure_words(p, cur->compared, pe->ytd_estimated), span, when,
				    due_words(p, m, cur));
	return arena_printf(&p->arena,
			    "%s this %s; no total for the %s so far, as %s has no result (target %s)",
			    fig, period_noun(m), span, pres_period_label(p, pe->ytd_missing),
			    cur->target);
}

/* A change as a share of the earlier result: "+2.9%". */
static const char *share_words(struct presentation *p, double pct)
{
	struct measure one = {.unit = UNIT_NUMBER, .decimals = 1};
	char buf[TEXT_MAX];
	amount_format_delta(&one, pct, buf, sizeof buf);
	return arena_printf(&p->arena, "%s%%", buf);
}

/* "better", "worse", "unchanged", or NULL. */
static const char *trend_word(enum trend t)
{
	switch (t) {
	case TREND_BETTER:
		return "better";
	case TREND_WORSE:
		return "worse";
	case TREND_UNCHANGED:
		return "unchanged";
	case TREND_NONE:
		break;
	}
	return NULL;
}

/* A comparison with an earlier period in words. */
static void change_words(struct presentation *p, const struct measure *m, const struct change *c,
			 const char *label, struct pres_change *pc)
{
	memset(pc, 0, sizeof *pc);
	pc->label = label;
	pc->applies = c->applies;
	pc->against = c->against;
	pc->against_label = pres_period_label(p, c->against);
	pc->available = c->available;
	pc->has_previous = c->has_previous;
	pc->trend = c->trend;
	if (!c->applies) {
		pc->says_little = true;
		return;
	}
	if (c->has_previous)
		pc->previous = pres_amount(p, m, c->previous);
	bool now = m->current->has_actual;
	const char *judged = pres_period_label(p, m->current->period);
	if (!c->available) {
		pc->says_little = !c->has_previous;
		if (!now && c->has_previous)
			pc->text = arena_printf(&p->arena, "No result reported for %s to compare with %s "
					    "in %s", judged, pc->previous, pc->against_label);
		else if (!now)
			pc->text = arena_printf(&p->arena, "No results for %s or %s", judged,
						pc->against_label);
		else
			pc->text = arena_printf(&p->arena, "No result for %s to compare with",
						pc->against_label);
		return;
	}
	char buf[TEXT_MAX];
	if ((m->unit == UNIT_YES_NO || m->unit == UNIT_RATING) && c->trend == TREND_UNCHANGED) {
		/* A level that stays is the same, not zero levels apart. */
		pc->text = arena_printf(&p->arena, "the same as in %s", pc->against_label);
		pc->delta = "the same";
		pc->trend_word = trend_word(c->trend);
		return;
	}
	if (m->unit == UNIT_YES_NO) {
		/* A yes or no does not change by an amount: it stays or turns. */
		pc->text = c->trend == TREND_UNCHANGED
				   ? arena_printf(&p->arena, "as in %s", pc->against_label)
				   : arena_printf(&p->arena, "from %s in %s", pc->previous,
						  pc->against_label);
		pc->delta = arena_printf(&p->arena, "from %s", pc->previous);
		pc->trend_word = trend_word(c->trend);
		return;
	}
	amount_format_delta(m, c->delta, buf, sizeof buf);
	pc->delta = arena_strdup(&p->arena, buf);
	/* A share of a change reads oddly for percentages (points say it) and
	 * for no change at all. */
	if (c->has_pct && m->unit != UNIT_PERCENT && m->unit <= UNIT_LAST_NUMERIC &&
	    c->trend != TREND_UNCHANGED)
		pc->share = share_words(p, c->pct);
	pc->text = pc->share ? arena_printf(&p->arena, "%s (%s) from %s in %s", pc->delta, pc->share,
					    pc->previous, pc->against_label)
			     : arena_printf(&p->arena, "%s from %s in %s", pc->delta, pc->previous,
					    pc->against_label);
	pc->trend_word = trend_word(c->trend);
}

/* "National average: 5:00; State average: 4:50", or NULL. */
static const char *benchmark_words(struct presentation *p, const struct measure *m)
{
	if (m->nbenchmarks == 0)
		return NULL;
	const char *text = "";
	for (size_t i = 0; i < m->nbenchmarks; i++) {
		const struct benchmark *b = &m->benchmarks[i];
		text = arena_printf(&p->arena, "%s%s%s: %s", text, i ? "; " : "", b->label,
				    b->has_value ? pres_amount(p, m, b->value) : b->text);
	}
	return text;
}

/* The comparisons a measure's targets make, each once: "at least". */
static const char *comparison_words(struct presentation *p, const struct measure *m)
{
	if (m->ntargets == 0)
		return NULL;
	struct pres_buf b = {0};
	for (size_t i = 0; i < m->ntargets; i++) {
		const char *w = present_target_cmp_words(&m->targets[i]);
		size_t j = 0;
		while (j < i && strcmp(present_target_cmp_words(&m->targets[j]), w) != 0)
			j++;
		if (j == i)
			pres_buf_add(&b, "%s%s", b.n ? ", " : "", w);
	}
	return pres_buf_finish(p, &b);
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
		const struct pres_period *pp = &pm->periods[k];
		if (!m->history[k].has_actual)
			continue;
		pres_buf_add(&b, "%s%s: %s", sep, pp->period_label,
			     figure_words(p, pp->actual, pp->estimated));
		sep = "; ";
	}
	return pres_buf_finish(p, &b);
}

/* "one month", "2 quarters" */
static const char *periods_words(struct presentation *p, const struct measure *m, int n)
{
	const char *noun = m->frequency == FREQ_BIENNIAL ? "two-year period" : period_noun(m);
	if (n == 1)
		return arena_printf(&p->arena, "one %s", noun);
	return arena_printf(&p->arena, "%d %ss", n, noun);
}

/* How often the measure is reported and how far behind: "Monthly, up to
 * one month in arrears". NULL for a quarterly measure without lag, which
 * is what a quarterly report takes for granted. */
static const char *frequency_note(struct presentation *p, const struct measure *m)
{
	const char *how = "quarterly";
	switch (m->frequency) {
	case FREQ_QUARTERLY:
		if (m->lag == 0)
			return NULL;
		break;
	case FREQ_MONTHLY:
		how = "monthly";
		break;
	case FREQ_ANNUAL:
		how = m->kind == PERIOD_CALENDAR_YEAR ? "each calendar year" : "each fiscal year";
		break;
	case FREQ_BIENNIAL:
		how = "every two years";
		break;
	}
	if (m->lag == 0)
		return arena_printf(&p->arena, "%c%s", how[0] - 'a' + 'A', how + 1);
	return arena_printf(&p->arena, "%c%s, up to %s in arrears", how[0] - 'a' + 'A', how + 1,
			    periods_words(p, m, m->lag));
}

/* The deciding target and the others, each in words with whether it is
 * reached, when the measure names its targets or has one that does not
 * decide. */
static void targets_list(struct presentation *p, const struct measure *m, struct pres_measure *pm)
{
	const struct period_eval *pe = m->current;
	bool named = pe->target && pe->target->label;
	if (m->nchecks == 0 && !named)
		return;
	pm->targets = arena_calloc(&p->arena, m->nchecks + 1, sizeof *pm->targets);
	struct pres_buf b = {0};
	if (pe->target) {
		struct pres_target *t = &pm->targets[pm->ntargets++];
		t->label = pe->target->label;
		t->words = pe->has_target ? pm->current->target : target_words(p, m, pe->target);
		t->decides = true;
		t->outcome = p->status_label[pe->computed];
		pres_buf_add(&b, "%s, which decides", t->words);
	}
	for (size_t i = 0; i < m->nchecks; i++) {
		const struct target_check *c = &m->checks[i];
		struct pres_target *t = &pm->targets[pm->ntargets++];
		t->label = c->target->label;
		t->words = target_at_words(p, m, target_words(p, m, c->target), c->target,
					   c->has_amount, c->amount);
		t->outcome = !c->has_amount || !c->has_compared ? "not known"
			     : c->reached			  ? "reached"
								  : "not reached";
		pres_buf_add(&b, "%s%s: %s", b.n ? "; " : "", t->words, t->outcome);
	}
	pm->targets_text = pres_buf_finish(p, &b);
}

/* "New measure in FY2025" when the measure was first reported in the
 * report's fiscal year, else "Reported since FY2019"; NULL without since=. */
static const char *since_words(struct presentation *p, const struct measure *m)
{
	if (!m->has_since)
		return NULL;
	const struct report *r = p->r;
	struct date ss, se, fs, fe;
	period_dates(m->since, r->calendar, &ss, &se);
	period_dates((struct period){.fy = r->period.fy, .kind = PERIOD_FISCAL_YEAR}, r->calendar,
		     &fs, &fe);
	char fy[16];
	period_label((struct period){.fy = r->period.fy, .kind = PERIOD_FISCAL_YEAR}, fy, sizeof fy);
	if (date_days(ss) >= date_days(fs) && date_days(ss) <= date_days(fe))
		return arena_printf(&p->arena, "New measure in %s", fy);
	return arena_printf(&p->arena, "Reported since %s", pres_period_label(p, m->since));
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
	pm->judged_label = cur->period_label;
	if (m->as_of)
		pm->as_of = arena_printf(&p->arena, "as of %s", cur->period_label);
	pm->frequency_note = frequency_note(p, m);
	pm->estimated = pe->has_actual && pe->estimated;
	pm->status = pe->shown;
	pm->status_word = p->status_label[pe->shown];
	pm->reason = pe->shown == STATUS_NO_DATA ? cur->reason : NULL;
	if (pm->reason && !pe->has_actual)
		pm->reason = arena_printf(&p->arena, "No result reported%s%s",
					  window_words(p, m, cur->period_label),
					  m->ntargets == 0 ? "; no target set" : "");
	const char *result = NULL;
	if (pe->ytd && pe->has_compared)
		result = arena_printf(&p->arena, "%s so far",
				      figure_words(p, cur->compared, pe->ytd_estimated));
	else if (cur->actual)
		result = figure_words(p, cur->actual, pe->estimated);
	pm->result = result && m->as_of ? arena_printf(&p->arena, "%s, %s", result, cur->period_label)
					: result;
	pm->no_result = "no result";
	pm->sentence = sentence(p, m, cur);
	pm->summary_line = arena_printf(&p->arena, "%s: %s", m->name, pm->sentence);
	pm->continued = arena_printf(&p->arena, "%s (continued)", m->name);
	pm->has_target = pe->has_target;
	if (pe->has_target && pe->ytd && (pe->target->per_year || pe->target->per_quarter))
		pm->target_due = due_words(p, m, cur);
	if (pe->has_target)
		pm->target = cur->target;
	else if (pe->target)
		pm->target = target_words(p, m, pe->target);
	else
		pm->target = m->ntargets > 0 ? arena_printf(&p->arena, "No target for %s",
							    cur->period_label)
					     : "No target set";
	if (pe->ytd && pe->has_actual && m->aggregation != AGG_CUMULATIVE)
		pm->this_quarter = figure_words(p, cur->actual, pe->estimated);
	pm->this_period_label = m->frequency == FREQ_MONTHLY ? "This month" : "This quarter";
	if (pe->has_target && planned(m, pe) && pe->has_compared)
		pm->pace = pe->computed == STATUS_MET ? "On pace for the year's target"
						      : "Not on pace for the year's target";
	if (m->frequency == FREQ_MONTHLY && !pe->ytd && pe->has_ytd_sum &&
	    m->aggregation != AGG_CUMULATIVE)
		pm->to_date = arena_printf(&p->arena, m->aggregation == AGG_AVERAGE
							      ? "%s on average so far this year"
							      : "%s so far this year",
					   figure_words(p, pres_amount(p, m, pe->ytd_sum),
							pe->ytd_estimated));
	/* A measure judged on its own latest period says how old a result it
	 * would not judge is; a quarterly one without lag has always shown
	 * the quarter before in its comparisons. */
	bool own_period = m->frequency != FREQ_QUARTERLY || m->lag > 0;
	if (!pe->has_actual && m->latest && own_period) {
		const struct pres_period *lp = &pm->periods[m->latest - m->history];
		pm->latest = arena_printf(&p->arena, "%s in %s, older than this report judges",
					  figure_words(p, lp->actual, lp->estimated), lp->period_label);
	}
	pm->benchmarks = benchmark_words(p, m);
	if (pe->value && pe->value->has_override && pe->computed != pe->shown)
		pm->override_note = arena_printf(&p->arena, "As reported for the %s; by the "
						 "numbers it would be %s", period_noun(m),
						 p->status_label[pe->computed]);
	pm->tolerance = pres_tolerance(p, m, m->tolerance);
	pm->tolerance_decimals = amount_places_needed(
		m->tolerance.amount,
		m->unit == UNIT_DURATION || m->tolerance.relative ||
				(m->unit == UNIT_MINUTES && !m->decimals_given)
			? 0
			: m->decimals,
		6);
	pm->comparisons = comparison_words(p, m);
	switch (m->direction) {
	case DIR_HIGHER_BETTER:
		pm->direction = "higher is better";
		break;
	case DIR_LOWER_BETTER:
		pm->direction = "lower is better";
		break;
	case DIR_WITHIN:
		pm->direction = "within the range is better";
		break;
	}
	targets_list(p, m, pm);
	pm->second_label = m->second_label;
	pm->second = cur->second;
	if (cur->nparts > 0 && m->breakdown)
		pm->breakdown_title = arena_printf(&p->arena, "By %s", m->breakdown);
	pm->source = m->source;
	pm->since_note = since_words(p, m);
	change_words(p, m, &m->vs_last_year, "On last year", &pm->vs_last_year);
	const char *before = m->frequency == FREQ_MONTHLY	   ? "On last month"
			     : m->frequency == FREQ_BIENNIAL ? "On the previous result"
							      : "On last quarter";
	change_words(p, m, &m->vs_last_quarter, before, &pm->vs_last_quarter);

	pres_charts_build(p, pm);
	pm->recent = recent_words(p, m, pm);
}
