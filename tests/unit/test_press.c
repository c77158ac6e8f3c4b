/* The press packet's words: the release's headline, lead, goal paragraphs
 * and quotes, and the scorecard's lines that sum up what it leaves out,
 * from the layout's templates or their fallbacks, with the presentation's
 * figures. Run from the top of the source tree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eval.h"
#include "harness.h"
#include "load.h"
#include "present.h"

/* The presentation of a data file, with `st` (NULL for the fallbacks). */
static struct presentation *present_file(const char *path, const struct style *st,
					 struct report **r)
{
	struct diag d;
	diag_init(&d, stderr);
	d.quiet = 1;
	*r = load_report(path, &d);
	if (!*r || d.errors)
		return NULL;
	eval_report(*r);
	return present_report(*r, st);
}

/* How many times `needle` occurs in `hay`. */
static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* The release of the bundled example, word for word where it matters. */
static void test_independence(void)
{
	struct report *r;
	struct presentation *p = present_file("examples/independence-fy2018-q1.xml", NULL, &r);
	if (!CHECK(p != NULL, "the example loads"))
		return;
	const struct pres_release *rel = &p->release;
	CHECK_STR(rel->headline,
		  "Independence met 3 of 7 performance goals in the first quarter of fiscal 2018",
		  "the headline is built from the figures");
	CHECK_STR(rel->dateline, "INDEPENDENCE, Mo. \u2013", "the dateline is the data file's");
	CHECK_STR(rel->date_line, "For release November 13, 2017", "dated as published");
	CHECK_STR(rel->lead,
		  "Independence met 3 of the 7 performance goals in its Performance Dashboard for "
		  "the first quarter of fiscal 2018, from July 1, 2017 to September 30, 2017. Of the "
		  "others, 4 were not met.",
		  "the lead gives the counts, and what became of the others");
	CHECK_INT(rel->nquotes, 2, "both quotes of the narrative");
	const char *q = rel->nquotes ? rel->quotes[0] : "";
	CHECK(strncmp(q, "\u201cIt\u2019s important", strlen("\u201cIt\u2019s important")) == 0,
	      "a quote opens with its quotation mark");
	CHECK(strstr(q, "stakeholders,\u201d said Zach Walker, City Manager.") != NULL,
	      "its full stop becomes a comma before who said it, with the role");
	CHECK_INT(rel->ngoals, 4, "a paragraph per goal area");
	if (rel->ngoals == 4) {
		CHECK_STR(rel->goals[0].heading, "Goal area: Customer Focused", "a goal's heading");
		CHECK_STR(rel->goals[1].text, "No measures are reported for this goal area this quarter.",
			  "a goal without measures says so");
		const char *quality = rel->goals[3].text;
		CHECK(strncmp(quality, "Goals met in this area: 2 of 4.", 31) == 0,
		      "a goal's paragraph starts with its counts");
		const char *met = strstr(quality, "Code Enforcement cases inspected in 5 days or less "
						  "\u2013 Goal Met, with 81% against a target of at "
						  "least 75%.");
		const char *not_met = strstr(quality, "Police dispatch to officer arrival on scene "
						      "\u2013 Goal Not Met, with 8:37 min against a target "
						      "of at most 5:00 min.");
		CHECK(met && not_met && met < not_met, "what was met comes before what was not");
	}
	/* Every measure once, in its goal's paragraph. */
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		char what[300];
		snprintf(what, sizeof what, "%s is named once in the release", m->id);
		int n = 0;
		for (size_t g = 0; g < rel->ngoals; g++)
			n += count(rel->goals[g].text, m->name);
		CHECK_INT(n, 1, what);
	}
	CHECK_STR(rel->closing,
		  "The full Performance Dashboard for the first quarter of fiscal 2018, with every "
		  "measure's definition, commentary and history, and the data behind it are "
		  "available from the City of Independence, Missouri.",
		  "the closing line points to the full report and its data");
	CHECK_STR(rel->end, "###", "the end mark");
	CHECK_STR(p->scorecard.title, "Performance Dashboard scorecard, Q1 FY2018", "scorecard title");
	CHECK_STR(p->scorecard.doc_title,
		  "City of Independence, Missouri: Performance Dashboard scorecard, Q1 FY2018",
		  "its document title names the city");
	present_free(p);
	report_free(r);
}

/* The lines standing for what the scorecard leaves out add up. */
static void test_more(void)
{
	struct report *r;
	struct presentation *p = present_file("examples/riverbend-fy2025-q3.xml", NULL, &r);
	if (!CHECK(p != NULL, "riverbend loads"))
		return;
	const struct goal *g = &r->goals[0];
	CHECK(g->nmeasures == 6, "the first goal has six measures");
	/* Its last five: the first measure's status taken from the goal's. */
	int n[STATUS_COUNT];
	memcpy(n, g->counts, sizeof n);
	n[p->measures[g->measures[0]->index].status]--;
	char want[300] = "and 5 more measures: ", *w = want + strlen(want);
	const char *sep = "";
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = p->order[i];
		if (n[s]) {
			w += sprintf(w, "%s%d %s", sep, n[s], p->status_label[s]);
			sep = ", ";
		}
	}
	strcat(want, "; see the full report");
	CHECK_STR(p->scorecard.more[0][1], want, "the measures after the first, counted");
	CHECK(p->scorecard.more[0][0] == NULL, "nothing stands for a whole goal");
	CHECK(strncmp(p->scorecard.more_goals[1], "and 5 more goal areas with 26 measures: ", 40) == 0,
	      "the goals after the first, counted");
	const char *rest = p->release.lead;
	CHECK(strstr(rest, "Of the others, 8 came within the allowed margin of their goals, 7 were "
			   "not met and 3 had no result to judge.") != NULL,
	      "the others listed with the layout's 'and'");
	CHECK(strstr(p->release.quotes[1], "said Agnieszka Dąbrowska, Chair, Riverbend") != NULL,
	      "a long role follows the name");
	present_free(p);
	report_free(r);
}

/* A report of one measure takes the words for one; a quote that asks
 * keeps its question mark; a layout's own words are used. */
static void test_one(void)
{
	char dir[] = "/tmp/qreport-press-XXXXXX";
	if (!CHECK(mkdtemp(dir) != NULL, "a scratch folder"))
		return;
	char path[64];
	snprintf(path, sizeof path, "%s/one.xml", dir);
	FILE *f = fopen(path, "w");
	if (!CHECK(f != NULL, "a scratch data file"))
		return;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<report format=\"1\"><meta><organization>Town of One</organization>"
	      "<title>Report</title><fiscal-year start-month=\"1\" named-by=\"end\"/>"
	      "<period>FY2024-Q3</period></meta><goals><goal id=\"g\" name=\"Only\">"
	      "<measure id=\"m\" unit=\"count\"><name>Things done</name><target at-least=\"5\"/>"
	      "<value period=\"FY2024-Q3\" actual=\"3\"/></measure></goal></goals>"
	      "<narrative><section id=\"s\" title=\"S\"><quote by=\"Ann Lee\">Why not?</quote>"
	      "</section></narrative></report>\n", f);
	fclose(f);
	struct style st;
	style_defaults(&st);
	st.press_word[PW_CLOSING] = "Voir {organization} {nothing}.";
	st.press_word[PW_END] = "";
	struct report *r;
	struct presentation *p = present_file(path, &st, &r);
	if (CHECK(p != NULL, "the one-measure file loads")) {
		CHECK_STR(p->release.headline,
			  "Town of One met 0 of its 1 performance goal in the third quarter of fiscal 2024",
			  "one measure: the words for one; no short name: the organization");
		CHECK(strstr(p->release.lead, "Of the others, 1 was not met.") != NULL,
		      "one not met: the words for one");
		CHECK(p->release.date_line == NULL, "no publication date: no date line");
		CHECK(p->release.dateline == NULL, "no dateline in the data file: none");
		CHECK_STR(p->release.quotes[0], "\u201cWhy not?\u201d said Ann Lee.",
			  "a question keeps its mark; no role: the words without one");
		CHECK_STR(p->release.closing, "Voir Town of One {nothing}.",
			  "the layout's words, a placeholder nothing fills left as written");
		CHECK(p->release.end == NULL, "empty words leave the end mark out");
		present_free(p);
	}
	report_free(r);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	test_independence();
	test_more();
	test_one();
	return harness_done();
}
