/* The presentation layer: the words readers are told about the cases that
 * once read untrue (tests/data/truths.xml), the chart series and their text
 * alternatives, and the report's own words. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "harness.h"
#include "load.h"
#include "present.h"
#include "units.h"

/* The presentation of measure `id`, or NULL. */
static const struct pres_measure *find(const struct presentation *p, const char *id)
{
	for (size_t i = 0; i < p->r->nmeasures; i++)
		if (strcmp(p->measures[i].m->id, id) == 0)
			return &p->measures[i];
	return NULL;
}

/* The chart point for period id `pid` ("FY2025-Q4"), or NULL. */
static const struct pres_point *point(const struct pres_chart *c, int fy, int quarter)
{
	for (size_t i = 0; i < c->npoints; i++)
		if (c->points[i].period.fy == fy && c->points[i].period.quarter == quarter)
			return &c->points[i];
	return NULL;
}

/* The report quarter's figure is declared empty; last year's exists. */
static void test_empty_now(const struct presentation *p)
{
	const struct pres_measure *pm = find(p, "empty-now");
	if (!CHECK(pm != NULL, "empty-now is presented"))
		return;
	CHECK_INT(pm->status, STATUS_NO_DATA, "no result: No Data");
	CHECK_STR(pm->reason, "No result reported for Q2 FY2026",
		  "the reason names the report quarter, not the year-ago one");
	CHECK(pm->result == NULL, "no result to show");
	CHECK(pm->vs_last_year.has_previous, "last year's figure is kept");
	CHECK_STR(pm->vs_last_year.previous, "85%", "last year's figure in words");
	CHECK_STR(pm->vs_last_year.text,
		  "No result reported for Q2 FY2026 to compare with 85% in Q2 FY2025",
		  "the year comparison says which result is missing and shows last year's");
	CHECK_STR(pm->vs_last_quarter.previous, "88%", "last quarter's figure in words");
	CHECK(!pm->vs_last_year.says_little, "a line with last year's figure says something");
	CHECK(pm->m->vs_last_year.has_previous && pm->m->vs_last_year.previous == 85,
	      "the model keeps last year's number for the workbook");
}

/* A card without a chart still shows every result (issue: figures were
 * only in the workbook). */
static void test_recent(const struct presentation *p)
{
	const struct pres_measure *pm = find(p, "survey");
	if (!CHECK(pm != NULL, "survey is presented"))
		return;
	CHECK(!pm->card.drawn, "one result in the card's window: no chart");
	CHECK_STR(pm->recent, "Q2 FY2024: 71%; Q2 FY2025: 74%",
		  "the results the chart would have shown are listed");
	pm = find(p, "off-target");
	if (!CHECK(pm != NULL, "off-target is presented"))
		return;
	CHECK_STR(pm->recent, "Q1 FY2026: 44",
		  "an earlier quarter's result is listed");
	CHECK_STR(pm->sentence, "No result and no target for Q2 FY2026",
		  "the sentence names the quarter without a target");
	CHECK_STR(pm->target, "No target for Q2 FY2026", "as the tables do");
	pm = find(p, "flat");
	if (!CHECK(pm != NULL, "flat is presented"))
		return;
	CHECK_STR(pm->vs_last_quarter.text, "0 pts from 39% in Q1 FY2026",
		  "no change on a percent measure is in points");
	CHECK(pm->recent == NULL, "a charted measure lists nothing more");
	const struct pres_measure *police = find(p, "no-target");
	CHECK(police && police->recent == NULL, "a chart shows the results: no list");
}

/* Results without any target. */
static void test_no_target(const struct presentation *p)
{
	const struct pres_measure *pm = find(p, "no-target");
	if (!CHECK(pm != NULL, "no-target is presented"))
		return;
	CHECK_INT(pm->status, STATUS_NO_DATA, "no target: still No Data, as the format says");
	CHECK_STR(pm->reason, "No target set", "readers are told why");
	CHECK_STR(pm->result, "470", "and the result is shown");
	CHECK_STR(pm->target, "No target set", "the target column says so too");
	CHECK_INT(pm->card.nsegments, 0, "no target line");
	CHECK(strstr(pm->card.alt, "no target applies") != NULL, "the alternative says so");
}

/* A target scoped to one fiscal year is drawn over that year only. */
static void test_fy_target(const struct presentation *p)
{
	const struct pres_measure *pm = find(p, "fy-target");
	if (!CHECK(pm != NULL, "fy-target is presented"))
		return;
	const struct pres_chart *c = &pm->card;
	CHECK_INT(c->nsegments, 1, "one run of the target");
	if (c->nsegments == 1) {
		const struct pres_point *from = &c->points[c->segments[0].first];
		const struct pres_point *to = &c->points[c->segments[0].last];
		CHECK(from->period.fy == 2026 && from->period.quarter == 1 && to->period.fy == 2026 &&
			      to->period.quarter == 2,
		      "the target runs over FY2026 only");
	}
	const struct pres_point *q = point(c, 2025, 3);
	CHECK(q && q->has_value && !q->has_target, "no target is drawn over FY2025");
	CHECK(strstr(c->alt, "Target at most 10, Q1 FY2026 to Q2 FY2026") != NULL,
	      "the alternative gives the target's quarters");
}

/* A year-to-date chart has its sums for earlier years too. */
static void test_ytd_years(const struct presentation *p)
{
	const struct pres_measure *pm = find(p, "ytd-years");
	if (!CHECK(pm != NULL, "ytd-years is presented"))
		return;
	const struct pres_chart *c = &pm->card;
	CHECK(c->ytd, "the chart plots the year to date");
	static const struct {
		int fy, q;
		double sum;
	} want[] = {{2025, 1, 80}, {2025, 2, 175}, {2025, 3, 245}, {2025, 4, 335},
		    {2026, 1, 110}, {2026, 2, 210}};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct pres_point *pt = point(c, want[i].fy, want[i].q);
		char what[96];
		snprintf(what, sizeof what, "FY%d-Q%d year to date is %g", want[i].fy, want[i].q,
			 want[i].sum);
		CHECK(pt && pt->has_value && pt->value == want[i].sum, what);
	}
	const struct pres_point *q = point(c, 2025, 4);
	CHECK(q && !q->has_target, "FY2025 has no annual target to draw");
	CHECK_INT(c->nsegments, 2, "the pro-rated target steps between Q1 and Q2");
	CHECK(strstr(c->alt, "Q4 FY2025 335") != NULL, "the alternative gives FY2025's sums");
}

/* A quarter declared without a figure is a gap on the axis and a row. */
static void test_gap(const struct presentation *p)
{
	const struct pres_measure *pm = find(p, "gap");
	if (!CHECK(pm != NULL, "gap is presented"))
		return;
	const struct pres_point *q = point(&pm->card, 2025, 4);
	CHECK(q && q->declared && !q->has_value, "the declared empty quarter is on the axis, empty");
	bool row = false;
	for (size_t i = 0; i < pm->m->nhistory; i++)
		if (pm->m->history[i].period.fy == 2025 && pm->m->history[i].period.quarter == 4)
			row = pm->m->history[i].shown == STATUS_NO_DATA &&
			      pm->periods[i].reason != NULL;
	CHECK(row, "it is a History period, No Data with its reason");
	CHECK_INT(pm->card.nbenchmarks, 2, "both benchmarks are on the chart");
	CHECK(strstr(pm->card.alt, "Q4 FY2025 no result") != NULL, "the alternative marks the gap");
	CHECK(strstr(pm->card.alt, "State average 34.5; Peer cities 28.0") != NULL,
	      "the alternative names the benchmarks");
	CHECK_STR(pm->benchmarks, "State average: 34.5; Peer cities: 28.0", "every benchmark in words");
	/* The axis holds every value, target and benchmark drawn; all of them
	 * sit far from zero (26 to 34.5), so points and lines on a scaled axis
	 * show their differences, with the unit left to the axis. */
	CHECK(pm->card.lines, "values far from zero are drawn as points and lines");
	CHECK(pm->card.lo > 0 && pm->card.lo <= 26 && pm->card.hi >= 34.5,
	      "on an axis scaled to every value and benchmark, not from zero");
	CHECK_STR(pm->card.axis_unit, "", "a number has no unit to name");
}

/* Bars start at zero; the axis names its unit; the ticks leave a unit word
 * to the axis; the years are named where they start. */
static void test_axis(const struct presentation *p)
{
	const struct pres_measure *pm = find(p, "ytd-years");
	if (CHECK(pm != NULL, "ytd-years is presented")) {
		CHECK(!pm->card.lines && pm->card.lo <= 0, "a year to date is drawn as bars from zero");
		CHECK_STR(pm->card.axis_unit, "count", "a count's axis says so");
		const struct pres_chart *c = &pm->card;
		int named = 0, right = 1;
		for (size_t i = 0; i < c->npoints; i++) {
			bool want = c->points[i].period.quarter == 1 ||
				    (i == 0 && c->npoints > 1 && c->points[1].period.quarter != 1);
			right &= want == (c->year_marks[i] != NULL);
			named += c->year_marks[i] != NULL;
			if (c->year_marks[i]) {
				char fy[16];
				snprintf(fy, sizeof fy, "FY%02d", c->points[i].period.fy % 100);
				right &= strcmp(c->year_marks[i], fy) == 0;
			}
		}
		CHECK(named >= 2 && right, "each first quarter names its fiscal year, and so does "
					   "the first one shown");
	}
	pm = find(p, "tiny-tolerance");
	if (CHECK(pm != NULL, "tiny-tolerance is presented")) {
		CHECK_STR(pm->card.axis_unit, "minutes", "a minutes axis says minutes");
		bool bare = pm->card.nticks > 0;
		for (size_t i = 0; i < pm->card.nticks; i++)
			bare &= strstr(pm->card.ticks[i], "min") == NULL;
		CHECK(bare, "and its ticks are bare numbers");
	}
}

/* Amounts go through the amount formatter, never printf's %g. */
static void test_amounts(const struct presentation *p)
{
	const struct pres_measure *pm = find(p, "tiny-tolerance");
	if (CHECK(pm != NULL, "tiny-tolerance is presented"))
		CHECK_STR(pm->tolerance, "0.00001% of the target", "a tiny tolerance as written");
	pm = find(p, "noise");
	if (CHECK(pm != NULL, "noise is presented")) {
		CHECK_INT(pm->status, STATUS_UNDER, "a miss equal to the allowed 0.42 is under");
		CHECK_STR(pm->tolerance, "0.42 pts", "an amount tolerance of a percent is points");
		CHECK_STR(pm->current->allowed_miss, "0.42 pts", "the allowed miss");
	}
	char buf[64];
	present_plain_number(0.00001, buf, sizeof buf);
	CHECK_STR(buf, "0.00001", "plain number, small");
	present_plain_number(1250.5, buf, sizeof buf);
	CHECK_STR(buf, "1,250.5", "plain number, grouped");
	present_plain_number(10, buf, sizeof buf);
	CHECK_STR(buf, "10", "plain number, whole");
}

/* What the workbook's columns need: the places an allowed miss and a
 * variance show, a measure's comparisons, the unit a chart of plain
 * numbers counts in. */
static void test_workbook_words(const struct presentation *p)
{
	const struct pres_measure *pm = find(p, "noise");
	if (CHECK(pm != NULL, "noise is presented")) {
		CHECK_INT(pm->current->miss_decimals, 2, "an allowed miss of 0.42 shows two places");
		CHECK_INT(pm->current->variance_decimals, 2, "a variance shows the measure's two places");
		CHECK_STR(pm->comparisons, "at least", "the comparison its target makes");
		CHECK_INT(pm->tolerance_decimals, 2, "an amount tolerance of 0.42 needs two places");
		CHECK_STR(pm->full.axis_title, "percent", "a percentage's chart counts in percent");
	}
	pm = find(p, "fy-target");
	if (CHECK(pm != NULL, "fy-target is presented")) {
		CHECK_INT(pm->current->miss_decimals, 0, "an allowed miss of a whole count shows none");
		CHECK_STR(pm->comparisons, "at most", "at most");
	}
	CHECK(p->chart_pick_help && p->chart_link_help && p->chart_amount_axis && p->goal_chart_alt,
	      "the workbook's chart words are presented");
	/* Noise of binary arithmetic is no decimal place: a tenth of
	 * 1,518,410.5 is 151841.05000000002, two places. */
	CHECK_INT(amount_places_needed(1518410.5 * 0.1, 0, 6), 2, "places without binary noise");
	CHECK_INT(amount_places_needed(4434169.650000002, 0, 6), 2, "noise at large magnitudes");
	CHECK_INT(amount_places_needed(0.000000001, 0, 9), 9, "a real ninth place stays");
	CHECK_INT(amount_places_needed(755895.4125, 0, 6), 4, "four places of a pro-rated share");
}

/* Words of the report as a whole. */
static void test_report_words(const struct presentation *p)
{
	CHECK_STR(p->period_label, "Q2 FY2026", "period label");
	CHECK_STR(p->period_dates, "Oct 1 \xe2\x80\x93 Dec 31, 2025", "period dates");
	CHECK_STR(p->doc_title, "City of Testing: Quarterly Performance Report, Q2 FY2026",
		  "a title that names the city and the quarter");
	CHECK_STR(p->counts.sentence, "11 measures: 4 Goal Met, 2 Under Goal, 1 Goal Not Met, 4 No Data",
		  "counts in words, good news first");
	CHECK_STR(p->counts.chip[STATUS_NO_DATA], "4 No Data", "a chip");
	CHECK_STR(p->status_label[STATUS_NOT_MET], "Goal Not Met", "default label without a layout");
	CHECK_INT(p->order[0], STATUS_MET, "met first");
	CHECK_INT(p->order[3], STATUS_NO_DATA, "no data last");
	CHECK(p->nrules > 0 && p->rules[0].term && p->rules[0].text, "the rules are listed");
}

/* The layout's labels are the presentation's. */
static void test_labels(const struct report *r)
{
	struct style st;
	style_defaults(&st);
	st.status_label[STATUS_MET] = "On Track";
	struct presentation *p = present_report(r, &st);
	const struct pres_measure *pm = find(p, "fy-target");
	CHECK_STR(pm ? pm->status_word : NULL, "On Track", "a measure's status word is the layout's");
	CHECK(strstr(p->counts.sentence, "4 On Track") != NULL, "so are the counts");
	present_free(p);
}

/* A negative currency amount as the layout says accounts show it; changes
 * keep their sign. */
static void test_negative_currency(void)
{
	static const char xml[] =
		"<report format=\"1\"><meta><organization>O</organization><title>T</title>"
		"<fiscal-year start-month=\"7\" named-by=\"end\"/><period>FY2018-Q2</period></meta>"
		"<goals><goal id=\"g\" name=\"G\"><measure id=\"fund\" unit=\"currency\">"
		"<name>Fund balance</name><target at-least=\"-50000\"/>"
		"<value period=\"FY2018-Q1\" actual=\"-150000\"/>"
		"<value period=\"FY2018-Q2\" actual=\"-184000\"/></measure></goal></goals></report>";
	struct diag d;
	diag_init(&d, stderr);
	struct report *r = load_report_memory("negative.xml", xml, sizeof xml - 1, &d);
	if (!CHECK(r != NULL, "a fund in deficit loads"))
		return;
	eval_report(r);
	struct style st;
	style_defaults(&st);
	struct presentation *p = present_report(r, &st);
	CHECK_STR(p->measures[0].sentence, "-$184,000 against a target of at least -$50,000",
		  "by default with a minus sign");
	present_free(p);
	st.negative_parentheses = true;
	p = present_report(r, &st);
	CHECK_STR(p->measures[0].sentence, "($184,000) against a target of at least ($50,000)",
		  "or in parentheses, as the layout says");
	CHECK_STR(p->measures[0].vs_last_quarter.text, "-$34,000 (-22.7%) from ($150,000) in Q1 FY2018",
		  "a change keeps its sign");
	present_free(p);
	report_free(r);
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	struct report *r = load_report("tests/data/truths.xml", &d);
	if (!CHECK(r != NULL, "tests/data/truths.xml loads"))
		return 1;
	eval_report(r);
	struct presentation *p = present_report(r, NULL);
	test_empty_now(p);
	test_no_target(p);
	test_recent(p);
	test_fy_target(p);
	test_ytd_years(p);
	test_gap(p);
	test_axis(p);
	test_amounts(p);
	test_report_words(p);
	test_workbook_words(p);
	test_labels(r);
	test_negative_currency();
	present_free(p);
	report_free(r);
	return harness_done();
}
