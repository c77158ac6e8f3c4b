/* The kinds of measure and target real reports need (tests/data/kinds.xml):
 * the period each is judged on, the numbers evaluation decides, and the
 * words readers are told about them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "harness.h"
#include "load.h"
#include "period.h"
#include "present.h"

/* The presentation of measure `id`, or NULL. */
static const struct pres_measure *find(const struct presentation *p, const char *id)
{
	for (size_t i = 0; i < p->r->nmeasures; i++)
		if (strcmp(p->measures[i].m->id, id) == 0)
			return &p->measures[i];
	return NULL;
}

/* "2024-11" */
static const char *judged_id(const struct pres_measure *pm)
{
	return pm->current->period_id;
}

static void test_frequency(const struct presentation *p)
{
	const struct pres_measure *pm = find(p, "monthly-lag");
	if (!CHECK(pm != NULL, "monthly-lag is presented"))
		return;
	CHECK_STR(judged_id(pm), "2024-11", "a month in arrears: judged on November, not December");
	CHECK(pm->m->as_of, "judged on a period other than the report's");
	CHECK_INT(pm->status, STATUS_MET, "5:12 is at most 5:30");
	CHECK_STR(pm->sentence, "5:12 min as of November 2024 against a target of at most 5:30 min",
		  "the sentence says as of when");
	CHECK_STR(pm->result, "5:12 min, November 2024", "the table cell names the month");
	CHECK_STR(pm->frequency_note, "Monthly, up to one month in arrears", "how it is reported");
	CHECK_STR(pm->vs_last_quarter.label, "On last month", "a month is compared with the one before");
	CHECK_STR(pm->vs_last_quarter.text, "-0:08 min (-2.5%) from 5:20 min in October 2024",
		  "against October");
	CHECK_STR(pm->second, "8:20 min", "the second figure beside November's");
	CHECK_STR(pm->second_label, "90th percentile", "with its name");
	CHECK_STR(pm->breakdown_title, "By district", "the breakdown says what its parts are");
	CHECK(pm->current->nparts == 4 && strcmp(pm->current->parts[2].value, "5:41 min") == 0 &&
		      pm->current->parts[3].value == NULL,
	      "the judged month's parts, one without a figure");
	CHECK_STR(pm->source, "Computer-aided dispatch", "where the figures come from");
	CHECK_STR(pm->since_note, "New measure in FY2025", "new this fiscal year");
	CHECK(pm->m->nnotes == 1, "its note is kept");
	CHECK(pm->card.npoints == PRES_CARD_MONTHS && pm->card.points[11].current,
	      "the card charts a year of months, ending with the judged one");
	CHECK_STR(pm->card.points[11].label, "November 2024", "charted months are named in full");

	pm = find(p, "monthly-stale");
	if (!CHECK(pm != NULL, "monthly-stale is presented"))
		return;
	CHECK_STR(judged_id(pm), "2024-12", "without lag December is due");
	CHECK_INT(pm->status, STATUS_NO_DATA, "no December result: No Data");
	CHECK_STR(pm->reason, "No result reported for December 2024", "the reason names December");
	CHECK_STR(pm->latest, "98% in October 2024, older than this report judges",
		  "the older result is still shown");

	pm = find(p, "annual-estimate");
	if (!CHECK(pm != NULL, "annual-estimate is presented"))
		return;
	CHECK_STR(judged_id(pm), "FY2024", "FY2024 ended in June, FY2025 has not");
	CHECK(pm->estimated && pm->m->current->estimated, "its figure is an estimate");
	CHECK_INT(pm->status, STATUS_MET, "the estimate is judged while there is no actual");
	CHECK_STR(pm->sentence,
		  "$306.5 million (estimate) as of FY2024 against a target of at least $300.0 "
		  "million", "readers are told it is an estimate, in millions");
	CHECK_NEAR(pm->m->current->actual, 306.5, 1e-9, "amounts are kept as written, in millions");
	CHECK(!pm->vs_last_quarter.applies, "an annual measure has no quarter before");
	CHECK(pm->vs_last_year.applies && pm->vs_last_year.available, "but has last year");

	pm = find(p, "survey");
	if (!CHECK(pm != NULL, "survey is presented"))
		return;
	CHECK_STR(judged_id(pm), "CY2024", "a calendar year");
	CHECK_INT(pm->status, STATUS_UNDER, "73 misses 75 by 2, within 10%");
	CHECK(!pm->vs_last_year.applies, "a biennial measure has no result a year before");
	CHECK_STR(pm->vs_last_quarter.text, "+2 pts from 71% in 2022", "it has the one two years before");
	CHECK_INT(pm->card.npoints, 3, "its chart has its results only, no empty years between");
	CHECK_STR(pm->benchmarks, "Peer cities: Among the top quarter of 12 peer cities",
		  "a benchmark in words");
	CHECK_INT(pm->card.nbenchmarks, 0, "has no line on the chart");
}

static void test_targets(const struct presentation *p)
{
	const struct pres_measure *pm = find(p, "relative-year");
	if (!CHECK(pm != NULL, "relative-year is presented"))
		return;
	CHECK_NEAR(pm->m->current->target_amount, 1050, 1e-9, "1,000 and 5% is 1,050");
	CHECK_INT(pm->status, STATUS_MET, "1,060 is at least 1,050");
	CHECK_STR(pm->target, "at least 5% above the same quarter last year (1,050)",
		  "the target says what it is and what it came to");

	pm = find(p, "relative-previous");
	if (!CHECK(pm != NULL, "relative-previous is presented"))
		return;
	CHECK_INT(pm->status, STATUS_MET, "6:05 is less than 6:20");
	CHECK_STR(pm->target, "less than the previous quarter (6:20 min)", "previous quarter's, in words");

	pm = find(p, "average");
	if (!CHECK(pm != NULL, "average is presented"))
		return;
	CHECK_NEAR(pm->m->current->target_amount, 4.333333333, 1e-9, "the mean of 4.0, 4.4, 4.6");
	CHECK_INT(pm->status, STATUS_UNDER, "4.5 misses by 0.167, within 10%");
	CHECK_STR(pm->target, "less than the average of the 3 years before (4.333)",
		  "an average shown with the places it needs");

	pm = find(p, "no-baseline");
	if (!CHECK(pm != NULL, "no-baseline is presented"))
		return;
	CHECK_INT(pm->status, STATUS_NO_DATA, "nothing to compare with: No Data");
	CHECK_STR(pm->reason, "No result for Q2 FY2024 to set the target by", "the reason names it");

	pm = find(p, "range");
	if (!CHECK(pm != NULL, "range is presented"))
		return;
	CHECK_INT(pm->status, STATUS_UNDER, "21% is 1 point above 20%, within 10% of 20");
	CHECK_NEAR(pm->m->current->miss, 1, 1e-9, "the miss is from the end passed");
	CHECK_STR(pm->target, "15% to 20%", "a range in words");
	CHECK_INT(pm->vs_last_year.trend, TREND_WORSE, "from inside the range to outside is worse");
	CHECK(pm->card.nsegments > 0 && pm->card.segments[0].has_high, "the chart draws both ends");

	pm = find(p, "improve");
	if (!CHECK(pm != NULL, "improve is presented"))
		return;
	CHECK_INT(pm->status, STATUS_MET, "42 after 40 is better");
	CHECK_STR(pm->target, "higher than the previous quarter (40)", "direction only, in words");

	pm = find(p, "two-targets");
	if (!CHECK(pm != NULL, "two-targets is presented"))
		return;
	CHECK_INT(pm->status, STATUS_MET, "the minimum decides");
	CHECK_INT(pm->ntargets, 2, "both targets are shown");
	CHECK(pm->ntargets == 2 && pm->targets[0].decides && !pm->targets[1].decides,
	      "the deciding one first");
	CHECK_STR(pm->targets_text,
		  "at least 90% (Minimum), which decides; at least 95% (Stretch): not reached",
		  "which target decided, and the other's outcome");
}

static void test_to_date(const struct presentation *p)
{
	const struct pres_measure *pm = find(p, "capital-spent");
	if (!CHECK(pm != NULL, "capital-spent is presented"))
		return;
	CHECK_NEAR(pm->m->current->target_amount, 30, 1e-9, "30% of the year's target is due by Q2");
	CHECK_NEAR(pm->m->current->compared, 31, 1e-9, "a cumulative result is its own total");
	CHECK_INT(pm->status, STATUS_MET, "31% by Q2 is on the plan");
	CHECK_STR(pm->pace, "On pace for the year's target", "on pace");
	CHECK(pm->this_quarter == NULL, "a cumulative result is not repeated as the quarter's own");

	pm = find(p, "riders");
	if (!CHECK(pm != NULL, "riders is presented"))
		return;
	CHECK_NEAR(pm->m->current->compared, 203000, 1e-9, "October and November add up");
	CHECK_NEAR(pm->m->current->target_amount, 200000, 1e-9, "two months of the quarter's target");
	CHECK_INT(pm->status, STATUS_MET, "203,000 is at least 200,000");
	CHECK_STR(pm->this_period_label, "This month", "the month's own figure is named so");

	pm = find(p, "tons");
	if (!CHECK(pm != NULL, "tons is presented"))
		return;
	CHECK_INT(pm->status, STATUS_UNDER, "December's 777 misses 800 by 23, within 80");
	CHECK_STR(pm->to_date, "4,854 tons so far this year", "the year so far beside the month");
	CHECK_STR(pm->vs_last_quarter.text, "-25 tons (-3.1%) from 802 tons in November 2024",
		  "changes in the unit's words");
}

static void test_words(const struct presentation *p)
{
	const struct pres_measure *pm = find(p, "bond-rating");
	if (!CHECK(pm != NULL, "bond-rating is presented"))
		return;
	CHECK_NEAR(pm->m->current->actual, 6, 1e-9, "AA+ is the sixth level of seven");
	CHECK_INT(pm->status, STATUS_MET, "AA+ is at least AA");
	CHECK_STR(pm->sentence, "AA+ as of 2024 against a target of at least AA", "levels by name");
	CHECK_STR(pm->vs_last_year.text, "+1 level from AA in 2023", "a change in levels");
	CHECK(!pm->card.drawn, "levels are not charted as lengths");
	CHECK_STR(pm->recent, "2022: AA; 2023: AA; 2024: AA+", "they are listed instead");

	pm = find(p, "clean-audit");
	if (!CHECK(pm != NULL, "clean-audit is presented"))
		return;
	CHECK_INT(pm->status, STATUS_MET, "yes is what the target asks");
	CHECK_STR(pm->sentence, "Yes as of FY2024; the target is yes", "a yes or no in words");
	CHECK_STR(pm->vs_last_year.text, "the same as in FY2023", "an answer that stays");

	pm = find(p, "score");
	if (!CHECK(pm != NULL, "score is presented"))
		return;
	CHECK_STR(pm->result, "3.8 on a 1 to 5 scale", "the unit's words after the amount");
	bool worded_ticks = false;
	for (size_t i = 0; i < pm->card.nticks; i++)
		worded_ticks |= strstr(pm->card.ticks[i], "scale") != NULL;
	CHECK(pm->card.drawn && pm->card.nticks > 0 && !worded_ticks,
	      "but not on the chart's ticks");
	CHECK_STR(pm->card.axis_unit, "on a 1 to 5 scale", "the axis names them once");
}

static void test_initiatives(const struct presentation *p)
{
	const struct report *r = p->r;
	if (!CHECK(r->ninitiatives == 3, "three initiatives"))
		return;
	const struct pres_initiative *pi = &p->initiatives[0];
	CHECK_STR(pi->status_word, "Delayed", "an initiative's status in words");
	CHECK(pi->nmilestones == 3 && !pi->milestones[0].ms->overdue &&
		      pi->milestones[1].ms->overdue && !pi->milestones[2].ms->overdue,
	      "the design due in November and not finished is overdue; the rest are not");
	CHECK_STR(pi->milestones[1].line, "Design finished, due November 2024: On Track, overdue",
		  "a milestone in one line");
	CHECK_STR(pi->summary,
		  "1 of 3 milestones complete; next: Design finished, due November 2024",
		  "where the milestones stand");
	CHECK_STR(pi->overdue_note, "1 milestone overdue", "overdue counted");
	CHECK_STR(p->initiatives[1].summary, "All 1 milestone complete", "all done");
	CHECK_STR(p->initiatives[2].summary, "No milestones set", "none set");
	const struct goal *g = r->initiatives[0]->goal;
	CHECK_STR(p->goal_initiatives[g->index], "3 initiatives: 1 Complete, 1 Delayed, 1 Not Started",
		  "the goal's initiatives counted");
	CHECK_INT(g->counts[STATUS_MET] + g->counts[STATUS_UNDER] + g->counts[STATUS_NOT_MET] +
			  g->counts[STATUS_NO_DATA],
		  (long)g->nmeasures, "initiatives do not count among the measures");
	CHECK(p->initiative_rule != NULL, "the legend explains them");
}

static void test_rules(const struct presentation *p)
{
	CHECK(p->period_rule != NULL, "the legend explains results as of their own period");
	CHECK(p->estimate_rule != NULL, "and estimates");
	CHECK(p->phasing_rule != NULL, "and planned targets");
	CHECK(p->target_rule && strstr(p->target_rule, "range") && strstr(p->target_rule, "earlier"),
	      "and the kinds of target used");
}

/* Loads a document built in memory; returns the messages (caller frees). */
static char *load_messages(const char *doc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct diag d;
	diag_init(&d, f);
	struct report *r = load_report_memory("t.xml", doc, strlen(doc), &d);
	fclose(f);
	report_free(r);
	return buf;
}

/* A document whose one measure (and initiative) holds `body`. */
static char *document(const char *attrs, const char *body, const char *initiative)
{
	const char *fmt = "<report format=\"1\"><meta><organization>O</organization><title>T</title>"
			  "<fiscal-year start-month=\"7\" named-by=\"end\"/><period>FY2025-Q2</period>"
			  "</meta><goals><goal id=\"g\" name=\"G\"><measure id=\"m\" %s><name>N</name>%s"
			  "</measure>%s</goal></goals></report>";
	size_t n = strlen(fmt) + strlen(attrs) + strlen(body) + strlen(initiative) + 1;
	char *doc = malloc(n);
	snprintf(doc, n, fmt, attrs, body, initiative);
	return doc;
}

/* n copies of `piece`, numbered from 1 where it has a %d (heap). */
static char *repeat(const char *piece, int n)
{
	size_t cap = (strlen(piece) + 12) * (size_t)n + 1, len = 0;
	char *out = malloc(cap);
	out[0] = '\0';
	for (int i = 1; i <= n; i++)
		len += (size_t)snprintf(out + len, cap - len, piece, i);
	return out;
}

/* One past each new limit is refused with a message that names it. */
static void test_limits(void)
{
	struct {
		const char *what, *attrs, *piece, *before, *after, *want;
		int n;
		bool initiative;
	} cases[] = {
		{"parts", "unit=\"count\" breakdown=\"district\"", "<part label=\"p%d\" actual=\"1\"/>",
		 "<value period=\"FY2025-Q2\" actual=\"3\">", "</value>",
		 "more than 50 parts in one value", 51, false},
		{"levels", "unit=\"rating\"", "<level>L%d</level>", "<levels>", "</levels>",
		 "more than 50 levels", 51, false},
		{"notes", "unit=\"count\"", "<note>n%d</note>", "", "", "more than 20 notes", 21, false},
		{"milestones", "unit=\"count\"", "<milestone status=\"on-track\">s%d</milestone>",
		 "<initiative id=\"i\" status=\"on-track\"><name>I</name>", "</initiative>",
		 "more than 100 milestones", 101, true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *many = repeat(cases[i].piece, cases[i].n);
		size_t n = strlen(cases[i].before) + strlen(many) + strlen(cases[i].after) + 1;
		char *body = malloc(n);
		snprintf(body, n, "%s%s%s", cases[i].before, many, cases[i].after);
		char *doc = cases[i].initiative ? document(cases[i].attrs, "", body)
						: document(cases[i].attrs, body, "");
		char *msgs = load_messages(doc);
		char what[80];
		snprintf(what, sizeof what, "one too many %s is refused, once", cases[i].what);
		size_t times = 0;
		for (const char *at = msgs; (at = strstr(at, cases[i].want)); at++)
			times++;
		CHECK(times == 1, what);
		free(msgs);
		free(doc);
		free(body);
		free(many);
	}
}

int main(void)
{
	test_limits();
	struct diag d;
	diag_init(&d, stderr);
	struct report *r = load_report("tests/data/kinds.xml", &d);
	if (!CHECK(r != NULL, "tests/data/kinds.xml loads"))
		return harness_done();
	eval_report(r);
	struct presentation *p = present_report(r, NULL);
	test_frequency(p);
	test_targets(p);
	test_to_date(p);
	test_words(p);
	test_initiatives(p);
	test_rules(p);
	present_free(p);
	report_free(r);
	return harness_done();
}
