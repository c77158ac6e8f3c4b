/* The evaluation pass on hand-built models: which target applies, year-to-date
 * sums and pro-rating, history, overrides, changes, counts and texts. */
#include "eval.h"
#include "harness.h"
#include "present.h"

/* The presentation of the report last evaluated with evalp: the texts
 * readers see are the presentation layer's, checked here beside the
 * numbers they come from. */
static struct presentation *the_pres;

/* Evaluate, then present with the default labels. */
static void evalp(struct report *r)
{
	eval_report(r);
	present_free(the_pres);
	the_pres = present_report(r, NULL);
}

#define P() (the_pres)
#define PM(m) (&the_pres->measures[(m)->index])

#define MAX_ITEMS 16

/* A report for City of Independence's calendar (July start, named by end). */
static struct report *new_report(int fy, int quarter)
{
	struct report *r = report_new();
	r->path = "test.xml";
	r->lang = "en-US";
	r->organization = "Test City";
	r->title = "Dashboard";
	r->calendar.start_month = 7;
	r->calendar.named_by_end = true;
	r->period.fy = fy;
	r->period.quarter = quarter;
	r->tolerance.relative = true;
	r->tolerance.amount = 10;
	r->goals = arena_calloc(&r->arena, 4, sizeof *r->goals);
	r->measures = arena_calloc(&r->arena, MAX_ITEMS, sizeof *r->measures);
	return r;
}

/* Append a goal able to hold MAX_ITEMS measures. */
static struct goal *add_goal(struct report *r, const char *id)
{
	struct goal *g = &r->goals[r->ngoals];
	g->id = id;
	g->name = id;
	g->index = r->ngoals++;
	g->measures = arena_calloc(&r->arena, MAX_ITEMS, sizeof *g->measures);
	return g;
}

/* Append a measure the way the loader leaves it: defaults applied. */
static struct measure *add_measure(struct report *r, struct goal *g, const char *id, enum unit u)
{
	struct measure *m = arena_alloc(&r->arena, sizeof *m);
	m->id = id;
	m->name = id;
	m->unit = u;
	m->decimals = u == UNIT_NUMBER || u == UNIT_MINUTES ? 2 : 0;
	m->currency = u == UNIT_CURRENCY ? "USD" : NULL;
	m->tolerance = r->tolerance;
	m->targets = arena_calloc(&r->arena, MAX_ITEMS, sizeof *m->targets);
	m->benchmarks = arena_calloc(&r->arena, MAX_ITEMS, sizeof *m->benchmarks);
	m->values = arena_calloc(&r->arena, MAX_ITEMS, sizeof *m->values);
	m->goal = g;
	m->index = r->nmeasures;
	g->measures[g->nmeasures++] = m;
	r->measures[r->nmeasures++] = m;
	return m;
}

/* A target without scope, per quarter. */
static struct target *add_target(struct measure *m, enum cmp c, double amount)
{
	struct target *t = &m->targets[m->ntargets++];
	t->cmp = c;
	t->amount = amount;
	t->scope = SCOPE_ALL;
	return t;
}

/* A value; has_actual false when `actual` is NAN. */
static struct value *add_value(struct measure *m, int fy, int quarter, double actual)
{
	struct value *v = &m->values[m->nvalues++];
	v->period.fy = fy;
	v->period.quarter = quarter;
	v->has_actual = !isnan(actual);
	v->actual = v->has_actual ? actual : 0;
	return v;
}

/* The history entry for a period, or NULL. */
static const struct period_eval *hist(const struct measure *m, int fy, int quarter)
{
	for (size_t i = 0; i < m->nhistory; i++)
		if (m->history[i].period.fy == fy && m->history[i].period.quarter == quarter)
			return &m->history[i];
	return NULL;
}

/* The seed's three Quality measures, with an illustrative FY2017-Q1 police figure. */
static void test_independence(void)
{
	struct report *r = new_report(2018, 1);
	r->has_published = true;
	r->published = (struct date){2017, 11, 13};
	struct goal *g = add_goal(r, "quality");

	struct measure *code = add_measure(r, g, "code-inspections", UNIT_PERCENT);
	add_target(code, CMP_AT_LEAST, 75);
	add_value(code, 2018, 1, 81);

	struct measure *demo = add_measure(r, g, "demolitions", UNIT_COUNT);
	demo->aggregation = AGG_SUM;
	add_target(demo, CMP_AT_LEAST, 20)->per_year = true;
	add_value(demo, 2018, 1, 5);

	struct measure *police = add_measure(r, g, "police-response", UNIT_DURATION);
	police->has_tolerance = true;
	police->tolerance = (struct tolerance){false, 30, 0};
	add_target(police, CMP_AT_MOST, 300);
	police->benchmarks[police->nbenchmarks++] = (struct benchmark){.label = "National average", .has_value = true, .value = 300};
	add_value(police, 2017, 1, 532);
	add_value(police, 2018, 1, 517);

	evalp(r);

	CHECK_STR(P()->period_label, "Q1 FY2018", "report period label");
	CHECK_STR(P()->period_dates, "Jul 1 \xe2\x80\x93 Sep 30, 2017", "report period dates");
	CHECK_INT(r->period_start.year * 10000 + r->period_start.month * 100 + r->period_start.day,
		  20170701, "period starts 2017-07-01");
	CHECK_INT(r->period_end.year * 10000 + r->period_end.month * 100 + r->period_end.day,
		  20170930, "period ends 2017-09-30");
	CHECK_STR(P()->published, "Published November 13, 2017", "published date");

	CHECK_INT(code->direction, DIR_HIGHER_BETTER, "at-least means higher is better");
	CHECK_INT(code->nhistory, 1, "code inspections have one period");
	CHECK(code->current == &code->history[0], "current points into history");
	CHECK_INT(code->current->computed, STATUS_MET, "81% against at least 75% is met");
	CHECK_INT(code->current->shown, STATUS_MET, "shown is computed without override");
	CHECK_NEAR(code->current->tolerance, 7.5, 1e-12, "10% of 75 points");
	CHECK_STR(PM(code)->current->actual, "81%", "actual text");
	CHECK_STR(PM(code)->current->target, "at least 75%", "target text");
	CHECK_STR(PM(code)->current->target_amount, "75%", "target amount text");
	CHECK_STR(PM(code)->current->compared, "81%", "compared text");
	CHECK_STR(PM(code)->sentence, "81% against a target of at least 75%", "percent summary");
	CHECK(PM(code)->benchmarks == NULL, "no benchmark text without benchmarks");

	CHECK_INT(demo->current->computed, STATUS_MET, "5 demolitions meet a quarter of 20");
	CHECK(demo->current->ytd, "annual target compares the year to date");
	CHECK_NEAR(demo->current->target_amount, 5, 0, "20 a year is 5 by Q1");
	CHECK_NEAR(demo->current->compared, 5, 0, "year to date is 5");
	CHECK_STR(PM(demo)->current->target, "at least 20 for the year", "annual target text");
	CHECK_STR(PM(demo)->sentence,
		  "5 so far this year against a target of at least 5 by the end of Q1 FY2018 (20 for the year)",
		  "annual summary");

	CHECK_INT(police->direction, DIR_LOWER_BETTER, "at-most means lower is better");
	CHECK_INT(police->current->computed, STATUS_NOT_MET, "8:37 misses 5:00 by more than 0:30");
	CHECK_NEAR(police->current->miss, 217, 0, "police miss is 217 seconds");
	CHECK_NEAR(police->current->tolerance, 30, 0, "absolute tolerance in seconds");
	CHECK_STR(PM(police)->sentence, "8:37 min against a target of at most 5:00 min", "duration summary");
	CHECK_STR(PM(police)->benchmarks, "National average: 5:00 min", "benchmark text");
	CHECK_INT(police->nhistory, 2, "police history has last year and this quarter");
	CHECK(police->current == &police->history[1], "current is the later entry");
	CHECK_INT(police->history[0].computed, STATUS_NOT_MET, "last year's 8:52 is evaluated too");
	CHECK_STR(PM(police)->periods[0].actual, "8:52 min", "last year's actual text");

	const struct change *c = &police->vs_last_year;
	CHECK(c->available, "change against the same quarter last year");
	CHECK_INT(c->against.fy * 10 + c->against.quarter, 20171, "against FY2017-Q1");
	CHECK_NEAR(c->delta, -15, 0, "15 seconds faster");
	CHECK_INT(c->trend, TREND_BETTER, "faster is better when lower is better");
	CHECK_STR(PM(police)->vs_last_year.delta, "-0:15 min", "delta text");
	CHECK_STR(PM(police)->vs_last_year.previous, "8:52 min", "previous text");
	CHECK(c->has_pct, "percentage change available");
	CHECK_NEAR(c->pct, -15.0 / 532 * 100, 1e-9, "percentage change");
	CHECK(!police->vs_last_quarter.available, "no FY2017-Q4 value, no change");
	CHECK_INT(police->vs_last_quarter.trend, TREND_NONE, "no trend without a previous quarter");
	CHECK_INT(police->vs_last_quarter.against.fy * 10 + police->vs_last_quarter.against.quarter,
		  20174, "previous quarter of Q1 is Q4 of the year before");
	CHECK(PM(police)->vs_last_quarter.delta == NULL, "no delta text without a change");

	CHECK_INT(g->counts[STATUS_MET], 2, "goal counts two met");
	CHECK_INT(g->counts[STATUS_NOT_MET], 1, "goal counts one not-met");
	CHECK_INT(g->counts[STATUS_UNDER], 0, "goal counts no under");
	CHECK_INT(r->counts[STATUS_MET], 2, "report counts two met");
	CHECK_INT(r->counts[STATUS_NOT_MET], 1, "report counts one not-met");
	report_free(r);
}

/* Annual targets: pro-rated per quarter, year-to-date sums, a missing quarter. */
static void test_annual(void)
{
	struct report *r = new_report(2018, 4);
	struct goal *g = add_goal(r, "growth");
	struct measure *jobs = add_measure(r, g, "jobs", UNIT_COUNT);
	jobs->aggregation = AGG_SUM;
	add_target(jobs, CMP_AT_LEAST, 965)->per_year = true;
	add_value(jobs, 2018, 1, 342);
	add_value(jobs, 2018, 2, 100);
	add_value(jobs, 2018, 3, 250);
	add_value(jobs, 2018, 4, 200);
	add_value(jobs, 2017, 4, 300);

	struct measure *gap = add_measure(r, g, "gap", UNIT_COUNT);
	gap->aggregation = AGG_SUM;
	add_target(gap, CMP_AT_LEAST, 20)->per_year = true;
	add_value(gap, 2018, 1, 5);
	add_value(gap, 2018, 3, 5);
	add_value(gap, 2018, 4, 5);
	evalp(r);

	static const double due[] = {241.25, 482.5, 723.75, 965};
	static const char *const due_text[] = {"241.25", "482.5", "723.75", "965"};
	static const double ytd[] = {342, 442, 692, 892};
	static const enum status want[] = {STATUS_MET, STATUS_UNDER, STATUS_UNDER, STATUS_UNDER};
	for (int q = 1; q <= 4; q++) {
		const struct period_eval *pe = hist(jobs, 2018, q);
		char what[80];
		CHECK(pe != NULL, "each quarter with an actual is in the history");
		if (!pe)
			continue;
		snprintf(what, sizeof what, "Q%d target is 965 x %d / 4", q, q);
		CHECK_NEAR(pe->target_amount, due[q - 1], 1e-9, what);
		snprintf(what, sizeof what, "Q%d target text shows the fraction", q);
		CHECK_STR(PM(jobs)->periods[pe - jobs->history].target_amount, due_text[q - 1], what);
		snprintf(what, sizeof what, "Q%d compares the year-to-date sum", q);
		CHECK_NEAR(pe->compared, ytd[q - 1], 0, what);
		snprintf(what, sizeof what, "Q%d status", q);
		CHECK_INT(pe->computed, want[q - 1], what);
		snprintf(what, sizeof what, "Q%d relative tolerance uses the pro-rated target", q);
		CHECK_NEAR(pe->tolerance, due[q - 1] / 10, 1e-9, what);
	}
	/* Q2: 442 against 482.5 misses by 40.5, within 48.25. Q4: 892 against
	 * 965 misses by 73, within 96.5. */
	CHECK_NEAR(hist(jobs, 2018, 2)->miss, 40.5, 1e-9, "Q2 miss");
	CHECK_NEAR(hist(jobs, 2017, 4)->compared, 0, 0,
		   "FY2017-Q4 cannot sum a year without its Q1..Q3");
	CHECK(!hist(jobs, 2017, 4)->has_compared, "FY2017-Q4 has no year-to-date sum");
	CHECK_INT(hist(jobs, 2017, 4)->computed, STATUS_NO_DATA, "FY2017-Q4 is no-data");
	CHECK_STR(PM(jobs)->sentence,
		  "892 so far this year against a target of at least 965 by the end of Q4 FY2018 (965 for the year)",
		  "annual summary in Q4");
	CHECK(jobs->vs_last_quarter.available, "Q4 against Q3");
	CHECK_STR(PM(jobs)->vs_last_quarter.delta, "-50", "quarter change is of actuals, not sums");
	CHECK_INT(jobs->vs_last_quarter.trend, TREND_WORSE, "fewer jobs is worse");
	CHECK(jobs->vs_last_year.available, "Q4 against last year's Q4");
	CHECK_STR(PM(jobs)->vs_last_year.delta, "-100", "year change");

	CHECK_INT(gap->current->computed, STATUS_NO_DATA, "a quarter without an actual makes no-data");
	CHECK(!gap->current->has_compared, "no year-to-date sum with Q2 missing");
	CHECK(gap->current->has_actual, "the quarter's own actual is still kept");
	CHECK(PM(gap)->current->compared == NULL, "no compared text");
	CHECK_NEAR(gap->current->target_amount, 20, 0, "the target still applies");
	CHECK_INT(hist(gap, 2018, 1)->computed, STATUS_MET, "Q1 alone sums fine");
	CHECK_INT(hist(gap, 2018, 3)->computed, STATUS_NO_DATA, "Q3 lacks Q2 too");
	CHECK(hist(gap, 2018, 2) == NULL, "a quarter without a value is not in the history");
	CHECK_STR(PM(gap)->sentence,
		  "5 this quarter; no total for the year so far, as Q2 FY2018 has no result "
		  "(target at least 20 for the year)",
		  "summary names the missing quarter");
	CHECK(gap->vs_last_quarter.available, "Q4 against Q3 for the gap measure");
	report_free(r);
}

/* A relative tolerance of an annual target is a share of the pro-rated one. */
static void test_annual_tolerance(void)
{
	struct report *r = new_report(2018, 2);
	struct goal *g = add_goal(r, "quality");
	struct measure *under = add_measure(r, g, "under", UNIT_COUNT);
	add_target(under, CMP_AT_LEAST, 20)->per_year = true;
	add_value(under, 2018, 1, 5);
	add_value(under, 2018, 2, 4);
	struct measure *missed = add_measure(r, g, "missed", UNIT_COUNT);
	add_target(missed, CMP_AT_LEAST, 20)->per_year = true;
	add_value(missed, 2018, 1, 5);
	add_value(missed, 2018, 2, 3);
	evalp(r);
	CHECK_NEAR(under->current->tolerance, 1, 1e-12, "10% of the 10 due by Q2");
	CHECK_INT(under->current->computed, STATUS_UNDER, "9 of 10 due is under");
	CHECK_INT(missed->current->computed, STATUS_NOT_MET, "8 of 10 due is not-met");
	CHECK_STR(PM(under)->current->target_amount, "10", "whole pro-rated target shows no fraction");
	report_free(r);
}

/* Scoped targets: the period beats the fiscal year beats no scope. */
static void test_target_scope(void)
{
	struct report *r = new_report(2018, 3);
	struct goal *g = add_goal(r, "quality");
	struct measure *m = add_measure(r, g, "scoped", UNIT_PERCENT);
	struct target *t;
	add_target(m, CMP_AT_LEAST, 75);
	t = add_target(m, CMP_AT_LEAST, 90);
	t->scope = SCOPE_PERIOD;
	t->scope_period = (struct period){.fy = 2018, .quarter = 2};
	t = add_target(m, CMP_AT_LEAST, 80);
	t->scope = SCOPE_FISCAL_YEAR;
	t->scope_fy = 2018;
	t = add_target(m, CMP_AT_LEAST, 95);
	t->scope = SCOPE_PERIOD;
	t->scope_period = (struct period){.fy = 2017, .quarter = 2};
	add_value(m, 2018, 3, 85);
	add_value(m, 2018, 1, 85);
	add_value(m, 2018, 2, 85);
	add_value(m, 2017, 4, 85);
	add_value(m, 2017, 2, 85);
	evalp(r);

	CHECK_INT(m->nhistory, 5, "five periods with actuals");
	for (size_t i = 1; i < m->nhistory; i++)
		CHECK(m->history[i - 1].period.fy * 4 + m->history[i - 1].period.quarter <
		      m->history[i].period.fy * 4 + m->history[i].period.quarter,
		      "history is sorted by period");
	CHECK_NEAR(hist(m, 2017, 2)->target_amount, 95, 0, "FY2017-Q2 has its own target");
	CHECK_NEAR(hist(m, 2017, 4)->target_amount, 75, 0, "FY2017-Q4 falls back to the general target");
	CHECK_NEAR(hist(m, 2018, 1)->target_amount, 80, 0, "FY2018-Q1 takes the fiscal-year target");
	CHECK_NEAR(hist(m, 2018, 2)->target_amount, 90, 0, "FY2018-Q2 takes its period target");
	CHECK_NEAR(hist(m, 2018, 3)->target_amount, 80, 0, "FY2018-Q3 takes the fiscal-year target");
	CHECK(hist(m, 2018, 2)->target == &m->targets[1], "the target pointer is the one that applied");
	CHECK_INT(hist(m, 2017, 2)->computed, STATUS_NOT_MET, "85 against 95: not-met");
	CHECK_INT(hist(m, 2017, 4)->computed, STATUS_MET, "85 against 75: met");
	CHECK_INT(hist(m, 2018, 2)->computed, STATUS_UNDER, "85 against 90: under");
	CHECK_INT(hist(m, 2018, 3)->computed, STATUS_MET, "85 against 80: met");
	report_free(r);
}

/* Targets that belong to other years leave a period with no target. */
static void test_target_elsewhere(void)
{
	struct report *r = new_report(2018, 1);
	struct goal *g = add_goal(r, "quality");
	struct measure *m = add_measure(r, g, "elsewhere", UNIT_PERCENT);
	struct target *t = add_target(m, CMP_AT_MOST, 5);
	t->scope = SCOPE_FISCAL_YEAR;
	t->scope_fy = 2017;
	t = add_target(m, CMP_AT_MOST, 4);
	t->scope = SCOPE_PERIOD;
	t->scope_period = (struct period){.fy = 2018, .quarter = 2};
	add_value(m, 2018, 1, 15);
	add_value(m, 2017, 3, 5.5);
	struct measure *none = add_measure(r, g, "untargeted", UNIT_PERCENT);
	add_value(none, 2018, 1, 81);
	struct measure *empty = add_measure(r, g, "empty", UNIT_PERCENT);
	add_target(empty, CMP_AT_LEAST, 75);
	struct measure *bare = add_measure(r, g, "bare", UNIT_PERCENT);
	struct measure *off = add_measure(r, g, "off", UNIT_PERCENT);
	t = add_target(off, CMP_AT_LEAST, 75);
	t->scope = SCOPE_FISCAL_YEAR;
	t->scope_fy = 2019;
	evalp(r);

	CHECK_INT(m->direction, DIR_LOWER_BETTER, "direction comes from targets even out of scope");
	CHECK(!m->current->has_target, "no target applies to FY2018-Q1");
	CHECK(m->current->target == NULL, "no target pointer");
	CHECK_INT(m->current->computed, STATUS_NO_DATA, "no target means no-data");
	CHECK(PM(m)->current->target == NULL, "no target text");
	CHECK_INT(hist(m, 2017, 3)->computed, STATUS_UNDER, "FY2017-Q3 uses the FY2017 target");
	CHECK_STR(PM(m)->sentence, "15%; no target for Q1 FY2018", "summary without an applying target");

	CHECK_INT(none->direction, DIR_HIGHER_BETTER, "higher is better without a target");
	CHECK_INT(none->current->computed, STATUS_NO_DATA, "no target: no-data");
	CHECK_STR(PM(none)->sentence, "81%; no target set", "summary without targets");

	CHECK_INT(empty->nhistory, 1, "the report period is evaluated without a value");
	CHECK(empty->current->value == NULL, "no value element");
	CHECK(!empty->current->has_actual, "no actual");
	CHECK(PM(empty)->current->actual == NULL, "empty actual text");
	CHECK_INT(empty->current->computed, STATUS_NO_DATA, "no actual: no-data");
	CHECK_STR(PM(empty)->sentence, "No result reported for Q1 FY2018; target at least 75%",
		  "summary without an actual");
	CHECK_STR(PM(bare)->sentence, "No result reported for Q1 FY2018; no target set",
		  "summary without actual or target");
	CHECK_STR(PM(off)->sentence, "No result and no target for Q1 FY2018",
		  "summary without actual or applying target");
	CHECK_INT(g->counts[STATUS_NO_DATA], 5, "all five count as no-data");
	report_free(r);
}

/* A status override is shown; the computed status stays beside it. */
static void test_override(void)
{
	struct report *r = new_report(2018, 2);
	struct goal *g = add_goal(r, "quality");
	struct measure *m = add_measure(r, g, "overridden", UNIT_NUMBER);
	add_target(m, CMP_AT_LEAST, 10);
	struct value *v = add_value(m, 2018, 2, 12.5);
	v->has_override = true;
	v->override = STATUS_UNDER;
	v = add_value(m, 2018, 1, 4);
	v->has_override = true;
	v->override = STATUS_MET;

	struct measure *n = add_measure(r, g, "no-actual", UNIT_NUMBER);
	add_target(n, CMP_AT_LEAST, 10);
	v = add_value(n, 2018, 2, NAN);
	v->has_override = true;
	v->override = STATUS_NOT_MET;
	v = add_value(n, 2018, 1, NAN);
	v->has_override = true;
	v->override = STATUS_MET;
	evalp(r);

	CHECK_INT(m->current->computed, STATUS_MET, "12.5 is at least 10");
	CHECK_INT(m->current->shown, STATUS_UNDER, "the override is shown");
	CHECK_INT(hist(m, 2018, 1)->computed, STATUS_NOT_MET, "earlier period computed");
	CHECK_INT(hist(m, 2018, 1)->shown, STATUS_MET, "earlier period shows its override");
	CHECK_STR(PM(m)->current->actual, "12.50", "number keeps two decimals");
	CHECK_INT(n->nhistory, 2, "a declared value without an actual is a period of the history too");
	CHECK(n->current->value == &n->values[0], "the report period's value is linked");
	CHECK_INT(n->current->computed, STATUS_NO_DATA, "override without actual computes no-data");
	CHECK_INT(n->current->shown, STATUS_NOT_MET, "override without actual is shown");
	CHECK_INT(g->counts[STATUS_UNDER], 1, "counts use shown statuses (under)");
	CHECK_INT(g->counts[STATUS_NOT_MET], 1, "counts use shown statuses (not-met)");
	CHECK_INT(g->counts[STATUS_MET], 0, "computed met is not counted when overridden");
	report_free(r);
}

/* Changes in both directions, unchanged values, zero previous values. */
static void test_trends(void)
{
	struct report *r = new_report(2018, 1);
	struct goal *g = add_goal(r, "quality");
	struct measure *up = add_measure(r, g, "up", UNIT_PERCENT);
	add_target(up, CMP_AT_LEAST, 75);
	add_value(up, 2017, 1, 75);
	add_value(up, 2017, 4, 85);
	add_value(up, 2018, 1, 81);

	struct measure *calls = add_measure(r, g, "calls", UNIT_MINUTES);
	add_target(calls, CMP_AT_MOST, 5);
	add_value(calls, 2017, 1, 8.53);
	add_value(calls, 2017, 4, 8.28);
	add_value(calls, 2018, 1, 8.53);

	struct measure *zero = add_measure(r, g, "zero", UNIT_COUNT);
	add_value(zero, 2017, 4, 0);
	add_value(zero, 2018, 1, 3);

	struct measure *money = add_measure(r, g, "money", UNIT_CURRENCY);
	add_target(money, CMP_LESS_THAN, 1000000);
	add_value(money, 2017, 1, 1250000);
	add_value(money, 2018, 1, 1251000);

	struct measure *noise = add_measure(r, g, "noise", UNIT_NUMBER);
	add_value(noise, 2017, 4, 0.3);
	add_value(noise, 2018, 1, 0.1 + 0.2);
	evalp(r);

	CHECK_INT(up->vs_last_year.trend, TREND_BETTER, "higher percent is better");
	CHECK_STR(PM(up)->vs_last_year.delta, "+6 pts", "percent change in points");
	CHECK_NEAR(up->vs_last_year.pct, 8, 1e-9, "6 points on 75 is 8 %");
	CHECK_INT(up->vs_last_quarter.trend, TREND_WORSE, "lower percent is worse");
	CHECK_STR(PM(up)->vs_last_quarter.delta, "-4 pts", "percent drop in points");
	CHECK_INT(up->vs_last_quarter.against.fy, 2017, "Q1's previous quarter is in FY2017");
	CHECK_INT(up->vs_last_quarter.against.quarter, 4, "Q1's previous quarter is Q4");
	CHECK(up->vs_last_quarter.available, "crossing fiscal years finds the value");

	CHECK_INT(calls->vs_last_year.trend, TREND_UNCHANGED, "same minutes: unchanged");
	CHECK_STR(PM(calls)->vs_last_year.delta, "0 min", "no change is a zero in the unit, unsigned");
	CHECK_INT(calls->vs_last_quarter.trend, TREND_WORSE, "longer waits are worse");
	CHECK_STR(PM(calls)->vs_last_quarter.delta, "+0.25 min", "minutes change");
	CHECK_STR(PM(calls)->vs_last_quarter.previous, "8.28 min", "previous minutes");

	CHECK(zero->vs_last_quarter.available, "change from zero is available");
	CHECK(!zero->vs_last_quarter.has_pct, "no percentage from zero");
	CHECK_INT(zero->vs_last_quarter.trend, TREND_BETTER, "more is better without a target");
	CHECK(!zero->vs_last_year.available, "no value last year");

	CHECK_INT(money->direction, DIR_LOWER_BETTER, "less-than means lower is better");
	CHECK_INT(money->vs_last_year.trend, TREND_WORSE, "spending more is worse");
	CHECK_STR(PM(money)->vs_last_year.delta, "+$1,000", "currency change");
	CHECK_STR(PM(money)->current->target, "less than $1,000,000", "currency target text");

	CHECK_INT(noise->vs_last_quarter.trend, TREND_UNCHANGED, "0.1 + 0.2 is unchanged from 0.3");
	CHECK_NEAR(noise->vs_last_quarter.delta, 0, 0, "and the delta is exactly 0");
	report_free(r);
}

/* Counts over several goals, and no published date. */
static void test_counts(void)
{
	struct report *r = new_report(2019, 3);
	struct goal *a = add_goal(r, "a");
	struct goal *b = add_goal(r, "b");
	struct goal *c = add_goal(r, "c");
	struct measure *m = add_measure(r, a, "a1", UNIT_COUNT);
	add_target(m, CMP_AT_LEAST, 10);
	add_value(m, 2019, 3, 10);
	m = add_measure(r, b, "b1", UNIT_COUNT);
	add_target(m, CMP_AT_LEAST, 10);
	add_value(m, 2019, 3, 9);
	m = add_measure(r, b, "b2", UNIT_COUNT);
	add_target(m, CMP_AT_LEAST, 10);
	add_value(m, 2019, 3, 11);
	m = add_measure(r, b, "b3", UNIT_COUNT);
	add_value(m, 2019, 3, 11);
	evalp(r);
	CHECK_INT(a->counts[STATUS_MET], 1, "goal a: one met");
	CHECK_INT(b->counts[STATUS_MET], 1, "goal b: one met");
	CHECK_INT(b->counts[STATUS_UNDER], 1, "goal b: one under");
	CHECK_INT(b->counts[STATUS_NO_DATA], 1, "goal b: one no-data");
	CHECK_INT(c->counts[STATUS_MET] + c->counts[STATUS_UNDER] + c->counts[STATUS_NOT_MET] +
		  c->counts[STATUS_NO_DATA], 0, "goal without measures counts nothing");
	CHECK_INT(r->counts[STATUS_MET], 2, "report: two met");
	CHECK_INT(r->counts[STATUS_UNDER], 1, "report: one under");
	CHECK_INT(r->counts[STATUS_NO_DATA], 1, "report: one no-data");
	CHECK_INT(r->counts[STATUS_NOT_MET], 0, "report: none not-met");
	CHECK(P()->published == NULL, "no published text without a date");
	CHECK_STR(P()->period_label, "Q3 FY2019", "label for Q3");
	report_free(r);
}

/* Several benchmarks, and values on the tolerance edge through the whole pass. */
static void test_benchmarks_and_edges(void)
{
	struct report *r = new_report(2018, 1);
	struct goal *g = add_goal(r, "quality");
	struct measure *m = add_measure(r, g, "fire", UNIT_DURATION);
	add_target(m, CMP_LESS_THAN, 517);
	m->benchmarks[m->nbenchmarks++] = (struct benchmark){.label = "National average", .has_value = true, .value = 300};
	m->benchmarks[m->nbenchmarks++] = (struct benchmark){.label = "State average", .has_value = true, .value = 3723};
	add_value(m, 2018, 1, 517 + 52);
	add_value(m, 2017, 4, 517 + 51);
	add_value(m, 2017, 3, 517);
	evalp(r);
	CHECK_STR(PM(m)->benchmarks, "National average: 5:00 min; State average: 1:02:03 h",
		  "benchmarks joined with semicolons");
	CHECK_NEAR(m->current->tolerance, 51.7, 1e-12, "10% of 8:37");
	CHECK_INT(m->current->computed, STATUS_NOT_MET, "52 s over 8:37 is not-met");
	CHECK_INT(hist(m, 2017, 4)->computed, STATUS_UNDER, "51 s over 8:37 is under");
	CHECK_INT(hist(m, 2017, 3)->computed, STATUS_UNDER, "on a less-than target is under");
	CHECK_NEAR(hist(m, 2017, 3)->miss, 0, 0, "with a miss of 0");
	report_free(r);
}

int main(void)
{
	test_independence();
	test_annual();
	test_annual_tolerance();
	test_target_scope();
	test_target_elsewhere();
	test_override();
	test_trends();
	test_counts();
	test_benchmarks_and_edges();
	return harness_done();
}
