/* The loader on small documents in memory: a good one fills every field of
 * the model, and each broken rule is reported on the right line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "load.h"
#include "period.h"

/* Loads `text` as "t.xml"; *msgs gets everything printed (caller frees). */
static struct report *load(const char *text, char **msgs, int *errors)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct diag d;
	diag_init(&d, f);
	struct report *r = load_report_memory("t.xml", text, strlen(text), &d);
	fclose(f);
	*msgs = buf;
	if (errors)
		*errors = d.errors;
	return r;
}

/* The report of the good example, piece by piece. */
static const char *const good =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"                              /* 1 */
	"<!-- A report that uses every part of the format. -->\n"                 /* 2 */
	"<report format=\"1\" lang=\"fr-CA\">\n"                                  /* 3 */
	"  <meta>\n"                                                              /* 4 */
	"    <period> FY2025-Q3 </period>\n"                                      /* 5 */
	"    <title>Quarterly\n      Report</title>\n"                            /* 6-7 */
	"    <organization>City of  Riverbend</organization>\n"                   /* 8 */
	"    <subtitle>Spring</subtitle>\n"                                       /* 9 */
	"    <plan>Riverbend 2030</plan>\n"                                       /* 10 */
	"    <fiscal-year start-month=\"10\" named-by=\"start\"/>\n"              /* 11 */
	"    <published>2026-08-14</published>\n"                                /* 12 */
	"    <tolerance>5%</tolerance>\n"                                         /* 13 */
	"  </meta>\n"                                                             /* 14 */
	"  <goals>\n"                                                             /* 15 */
	"    <goal id=\"safe\" name=\" Safe   Community \">\n"                    /* 16 */
	"      <statement>Residents are <i>safe</i>.</statement>\n"               /* 17 */
	"      <measure id=\"police\" unit=\"duration\" tolerance=\"0:45\">\n"    /* 18 */
	"        <name>Police response</name>\n"                                  /* 19 */
	"        <department>Police</department>\n"                               /* 20 */
	"        <definition>From <b>dispatch</b> to arrival.</definition>\n"     /* 21 */
	"        <target at-most=\"6:00\"/>\n"                                    /* 22 */
	"        <target less-than=\"5:30\" fiscal-year=\"2025\"/>\n"             /* 23 */
	"        <target at-most=\"5:00\" period=\"FY2025-Q3\"/>\n"               /* 24 */
	"        <benchmark label=\"National  median\" value=\"7:00\"/>\n"        /* 25 */
	"        <value period=\"FY2024-Q3\" actual=\"1:02:03\"/>\n"              /* 26 */
	"        <value period=\"FY2025-Q3\" actual=\"06:32\" status=\"under\"/>\n" /* 27 */
	"        <commentary>The Department was working to resolve <b>15 vacancies</b>\n" /* 28 */
	"          and responded to 28 calls.</commentary>\n"                     /* 29 */
	"        <action>\n"                                                      /* 30 */
	"          <p>Graduate the academy class.</p>\n"                          /* 31 */
	"          <p>  </p>\n"                                                   /* 32 */
	"          <p>Review <a href=\"https://example.org/beats\">beat <b>maps</b></a>.</p>\n" /* 33 */
	"        </action>\n"                                                     /* 34 */
	"      </measure>\n"                                                      /* 35 */
	"      <measure id=\"grants\" unit=\"currency\" aggregation=\"sum\">\n"   /* 36 */
	"        <name>Grants received</name>\n"                                  /* 37 */
	"        <target at-least=\"1000000\" per=\"year\"/>\n"                   /* 38 */
	"        <value period=\"FY2025-Q1\" actual=\"250000.50\"/>\n"            /* 39 */
	"        <value period=\"FY2025-Q2\" status=\"met\"/>\n"                  /* 40 */
	"      </measure>\n"                                                      /* 41 */
	"      <measure id=\"budget\" unit=\"currency\" currency=\"EUR\" decimals=\"2\">\n" /* 42 */
	"        <name>Budget</name>\n"                                           /* 43 */
	"      </measure>\n"                                                      /* 44 */
	"    </goal>\n"                                                           /* 45 */
	"    <goal id=\"partners\" name=\"Partners\"/>\n"                         /* 46 */
	"    <goal id=\"numbers\" name=\"Numbers\">\n"                            /* 47 */
	"      <measure id=\"pct\" unit=\"percent\" tolerance=\"2\">\n"           /* 48 */
	"        <name>Share</name>\n"                                            /* 49 */
	"        <target more-than=\"75%\"/>\n"                                   /* 50 */
	"        <value period=\"FY2025-Q3\" actual=\"81%\"/>\n"                  /* 51 */
	"      </measure>\n"                                                      /* 52 */
	"      <measure id=\"num\" unit=\"number\"><name>N</name></measure>\n"    /* 53 */
	"      <measure id=\"min\" unit=\"minutes\" decimals=\"0\" tolerance=\"0.5\"><name>M</name>\n" /* 54 */
	"        <target at-most=\"0\"/></measure>\n"                             /* 55 */
	"      <measure id=\"cnt\" unit=\"count\" tolerance=\"0%\"><name>C</name>\n" /* 56 */
	"        <value period=\"FY2025-Q3\" actual=\"-3\"/></measure>\n"         /* 57 */
	"    </goal>\n"                                                           /* 58 */
	"  </goals>\n"                                                            /* 59 */
	"  <narrative>\n"                                                         /* 60 */
	"    <section id=\"overview\" title=\"Making  the grade\">\n"             /* 61 */
	"      <p><b>RIVERBEND</b> \xe2\x80\x93 the city\xc2\xa0relaunched <![CDATA[its <dashboard>]]>\n" /* 62 */
	"        today &amp; to<!-- a comment -->day&#33;</p>\n"                  /* 63 */
	"      <quote by=\"Ana Ruiz\" role=\"City Manager\">It is <i>important</i>.</quote>\n" /* 64 */
	"      <list>\n"                                                          /* 65 */
	"        <item><i>Customer:</i> service</item>\n"                         /* 66 */
	"        <item>Growth</item>\n"                                           /* 67 */
	"      </list>\n"                                                         /* 68 */
	"      <?ignored processing instruction?>\n"                              /* 69 */
	"      <measures refs=\" pct\n police \"/>\n"                             /* 70-71 */
	"    </section>\n"                                                        /* 72 */
	"    <section id=\"empty\" title=\"Nothing yet\"/>\n"                     /* 73 */
	"  </narrative>\n"                                                        /* 74 */
	"</report>\n";

static void check_run(const struct para *p, size_t i, const char *text, unsigned style,
		      const char *href, const char *what)
{
	char w[160];
	snprintf(w, sizeof w, "%s: run %zu", what, i);
	if (!CHECK(i < p->nruns, w))
		return;
	CHECK_STR(p->runs[i].text, text, w);
	snprintf(w, sizeof w, "%s: run %zu style", what, i);
	CHECK_INT(p->runs[i].style, style, w);
	snprintf(w, sizeof w, "%s: run %zu link", what, i);
	if (href)
		CHECK_STR(p->runs[i].href, href, w);
	else
		CHECK(p->runs[i].href == NULL, w);
}

static void test_good(void)
{
	char *msgs;
	int errors;
	struct report *r = load(good, &msgs, &errors);
	if (!CHECK(r != NULL, "the good document loads")) {
		printf("# %s", msgs);
		free(msgs);
		return;
	}
	CHECK_STR(msgs, "", "no messages");
	CHECK_INT(errors, 0, "no errors");
	free(msgs);

	CHECK_STR(r->path, "t.xml", "path");
	CHECK_STR(r->lang, "fr-CA", "lang");
	CHECK_STR(r->organization, "City of Riverbend", "organization, white space collapsed");
	CHECK_STR(r->title, "Quarterly Report", "title across lines");
	CHECK_STR(r->subtitle, "Spring", "subtitle");
	CHECK_STR(r->plan, "Riverbend 2030", "plan");
	CHECK_INT(r->calendar.start_month, 10, "start month");
	CHECK(!r->calendar.named_by_end, "named by start");
	CHECK(r->period.fy == 2025 && r->period.quarter == 3, "report period, spaces trimmed");
	CHECK(r->has_published, "published given");
	CHECK(r->published.year == 2026 && r->published.month == 8 && r->published.day == 14,
	      "published date");
	CHECK(r->tolerance.relative, "default tolerance relative");
	CHECK_NEAR(r->tolerance.amount, 5, 0, "default tolerance 5%");
	CHECK_INT(r->tolerance.line, 13, "default tolerance line");

	CHECK_INT(r->ngoals, 3, "three goals");
	CHECK_INT(r->nmeasures, 7, "seven measures");
	const struct goal *safe = &r->goals[0];
	CHECK_STR(safe->id, "safe", "goal id");
	CHECK_STR(safe->name, "Safe Community", "goal name collapsed and trimmed");
	CHECK_INT(safe->line, 16, "goal line");
	CHECK_INT(safe->index, 0, "goal index");
	CHECK_INT(safe->nmeasures, 3, "goal has three measures");
	check_run(&safe->statement, 0, "Residents are ", 0, NULL, "statement");
	check_run(&safe->statement, 1, "safe", RUN_ITALIC, NULL, "statement");
	check_run(&safe->statement, 2, ".", 0, NULL, "statement");
	CHECK_INT(safe->statement.line, 17, "statement line");
	CHECK_INT(r->goals[1].nmeasures, 0, "a goal without measures");
	CHECK_INT(r->goals[1].statement.nruns, 0, "no statement");
	CHECK_INT(r->goals[2].index, 2, "third goal index");

	for (size_t i = 0; i < r->nmeasures; i++) {
		CHECK_INT(r->measures[i]->index, i, "measure index is its place in file order");
		CHECK(r->measures[i]->goal != NULL, "measure knows its goal");
	}
	CHECK(safe->measures[2] == r->measures[2], "goal measures point into the flat list");
	CHECK(r->goals[2].measures[0] == r->measures[3], "third goal's first measure is fourth");
	CHECK(r->measures[3]->goal == &r->goals[2], "and knows its goal");

	const struct measure *police = r->measures[0];
	CHECK_STR(police->id, "police", "measure id");
	CHECK_STR(police->name, "Police response", "measure name");
	CHECK_STR(police->department, "Police", "department");
	CHECK_INT(police->line, 18, "measure line");
	CHECK_INT(police->unit, UNIT_DURATION, "unit");
	CHECK_INT(police->decimals, 0, "duration decimals");
	CHECK(police->currency == NULL, "no currency unless a currency measure");
	CHECK(police->aggregation == AGG_NONE, "aggregation none by default");
	CHECK(police->has_tolerance, "own tolerance");
	CHECK(!police->tolerance.relative, "amount tolerance");
	CHECK_NEAR(police->tolerance.amount, 45, 0, "0:45 is 45 seconds");
	CHECK_INT(police->tolerance.line, 18, "tolerance line");
	check_run(&police->definition, 0, "From ", 0, NULL, "definition");
	check_run(&police->definition, 1, "dispatch", RUN_BOLD, NULL, "definition");
	check_run(&police->definition, 2, " to arrival.", 0, NULL, "definition");

	CHECK_INT(police->ntargets, 3, "three targets");
	CHECK_INT(police->targets[0].cmp, CMP_AT_MOST, "at-most");
	CHECK_NEAR(police->targets[0].amount, 360, 0, "6:00 is 360 s");
	CHECK_INT(police->targets[0].scope, SCOPE_ALL, "target for every period");
	CHECK(!police->targets[0].per_year, "per quarter by default");
	CHECK_INT(police->targets[0].line, 22, "target line");
	CHECK_INT(police->targets[1].cmp, CMP_LESS_THAN, "less-than");
	CHECK_INT(police->targets[1].scope, SCOPE_FISCAL_YEAR, "fiscal-year scope");
	CHECK_INT(police->targets[1].scope_fy, 2025, "scope year");
	CHECK_INT(police->targets[2].scope, SCOPE_PERIOD, "period scope");
	CHECK(police->targets[2].scope_period.fy == 2025 && police->targets[2].scope_period.quarter == 3,
	      "scope period");
	CHECK_INT(police->nbenchmarks, 1, "one benchmark");
	CHECK_STR(police->benchmarks[0].label, "National median", "benchmark label collapsed");
	CHECK_NEAR(police->benchmarks[0].value, 420, 0, "benchmark value");
	CHECK_INT(police->benchmarks[0].line, 25, "benchmark line");
	CHECK_INT(police->nvalues, 2, "two values");
	CHECK(police->values[0].period.fy == 2024 && police->values[0].period.quarter == 3,
	      "value period");
	CHECK(police->values[0].has_actual, "actual given");
	CHECK_NEAR(police->values[0].actual, 3723, 0, "H:MM:SS");
	CHECK(!police->values[0].has_override, "no override");
	CHECK_NEAR(police->values[1].actual, 392, 0, "leading zero duration");
	CHECK(police->values[1].has_override && police->values[1].override == STATUS_UNDER,
	      "status override");
	CHECK_INT(police->values[1].line, 27, "value line");

	CHECK_INT(police->commentary.n, 1, "inline commentary is one paragraph");
	const struct para *com = &police->commentary.items[0];
	CHECK_INT(com->line, 28, "commentary line");
	check_run(com, 0, "The Department was working to resolve ", 0, NULL, "commentary");
	check_run(com, 1, "15 vacancies", RUN_BOLD, NULL, "commentary");
	check_run(com, 2, " and responded to 28 calls.", 0, NULL,
		  "commentary: one space kept across the run and the line break");
	CHECK_INT(com->nruns, 3, "commentary has three runs");
	CHECK_INT(police->action.n, 2, "action: two paragraphs, the empty one left out");
	check_run(&police->action.items[0], 0, "Graduate the academy class.", 0, NULL, "action p1");
	CHECK_INT(police->action.items[1].line, 33, "second paragraph's line");
	check_run(&police->action.items[1], 0, "Review ", 0, NULL, "action p2");
	check_run(&police->action.items[1], 1, "beat ", 0, "https://example.org/beats", "link");
	check_run(&police->action.items[1], 2, "maps", RUN_BOLD, "https://example.org/beats",
		  "bold inside a link");
	check_run(&police->action.items[1], 3, ".", 0, NULL, "after the link");

	const struct measure *grants = r->measures[1];
	CHECK_STR(grants->currency, "USD", "currency defaults to USD");
	CHECK_INT(grants->decimals, 0, "currency decimals default");
	CHECK(grants->aggregation == AGG_SUM, "aggregation sum");
	CHECK(!grants->has_tolerance, "no own tolerance");
	CHECK(grants->tolerance.relative && grants->tolerance.amount == 5,
	      "tolerance after defaults is the report's");
	CHECK(grants->targets[0].per_year, "per year");
	CHECK_NEAR(grants->values[0].actual, 250000.5, 0, "decimal actual");
	CHECK(!grants->values[1].has_actual && grants->values[1].has_override &&
		      grants->values[1].override == STATUS_MET,
	      "override without actual");
	CHECK(grants->department == NULL, "no department");
	CHECK_INT(grants->definition.nruns, 0, "no definition");
	CHECK_INT(grants->commentary.n, 0, "no commentary");

	const struct measure *budget = r->measures[2];
	CHECK_STR(budget->currency, "EUR", "explicit currency");
	CHECK_INT(budget->decimals, 2, "explicit decimals");
	CHECK_INT(budget->ntargets + budget->nvalues + budget->nbenchmarks, 0, "nothing else");

	const struct measure *pct = r->measures[3];
	CHECK_INT(pct->decimals, 0, "percent decimals");
	CHECK(!pct->tolerance.relative && pct->tolerance.amount == 2, "points tolerance");
	CHECK_NEAR(pct->targets[0].amount, 75, 0, "target with %");
	CHECK_NEAR(pct->values[0].actual, 81, 0, "actual with %");
	CHECK_INT(r->measures[4]->decimals, 2, "number decimals");
	CHECK_INT(r->measures[5]->decimals, 0, "explicit zero decimals on minutes");
	CHECK_NEAR(r->measures[6]->values[0].actual, -3, 0, "negative count");
	CHECK(r->measures[6]->tolerance.relative && r->measures[6]->tolerance.amount == 0,
	      "0% tolerance");

	CHECK_INT(r->nsections, 2, "two sections");
	const struct section *s = &r->sections[0];
	CHECK_STR(s->id, "overview", "section id");
	CHECK_STR(s->title, "Making the grade", "section title collapsed");
	CHECK_INT(s->line, 61, "section line");
	CHECK_INT(s->nblocks, 4, "four blocks");
	CHECK_INT(s->blocks[0].kind, BLOCK_PARAGRAPH, "paragraph");
	const struct para *p = &s->blocks[0].u.paragraph;
	check_run(p, 0, "RIVERBEND", RUN_BOLD, NULL, "narrative");
	check_run(p, 1,
		  " \xe2\x80\x93 the city\xc2\xa0relaunched its <dashboard> today & today!", 0,
		  NULL, "en dash kept, no-break space kept, CDATA, entity, comment ignored");
	CHECK_INT(s->blocks[1].kind, BLOCK_QUOTE, "quote");
	CHECK_STR(s->blocks[1].u.quote.by, "Ana Ruiz", "quote by");
	CHECK_STR(s->blocks[1].u.quote.role, "City Manager", "quote role");
	check_run(&s->blocks[1].u.quote.text, 1, "important", RUN_ITALIC, NULL, "quote text");
	CHECK_INT(s->blocks[2].kind, BLOCK_LIST, "list");
	CHECK_INT(s->blocks[2].u.list.n, 2, "two items");
	check_run(&s->blocks[2].u.list.items[0], 0, "Customer:", RUN_ITALIC, NULL, "item");
	check_run(&s->blocks[2].u.list.items[0], 1, " service", 0, NULL, "item");
	CHECK_INT(s->blocks[3].kind, BLOCK_MEASURES, "measure cards");
	CHECK_INT(s->blocks[3].u.measures.n, 2, "two refs");
	CHECK(s->blocks[3].u.measures.items[0] == r->measures[3], "first ref");
	CHECK(s->blocks[3].u.measures.items[1] == r->measures[0], "second ref");
	CHECK_INT(s->blocks[3].line, 70, "block line");
	CHECK_INT(r->sections[1].nblocks, 0, "an empty section");
	report_free(r);
}

/* Defaults when meta leaves things out. */
static void test_defaults(void)
{
	const char *doc = "<report format=\"1\"><meta><organization>O</organization>"
			  "<title>T</title><fiscal-year start-month=\"7\" named-by=\"end\"/>"
			  "<period>FY2018-Q1</period></meta><goals><goal id=\"g\" name=\"G\">"
			  "<measure id=\"m\" unit=\"count\"><name>N</name></measure></goal></goals>"
			  "</report>";
	char *msgs;
	struct report *r = load(doc, &msgs, NULL);
	if (!CHECK(r != NULL, "a minimal document loads")) {
		printf("# %s", msgs);
		free(msgs);
		return;
	}
	free(msgs);
	CHECK_STR(r->lang, "en-US", "lang defaults to en-US");
	CHECK(r->subtitle == NULL && r->plan == NULL, "no subtitle, no plan");
	CHECK(!r->has_published, "no published date");
	CHECK(r->tolerance.relative && r->tolerance.amount == 10 && r->tolerance.line == 0,
	      "tolerance defaults to 10%");
	CHECK(r->calendar.named_by_end && r->calendar.start_month == 7, "calendar");
	CHECK_INT(r->nsections, 0, "no narrative");
	CHECK_INT(r->measures[0]->tolerance.amount, 10, "measure gets the default tolerance");
	CHECK_INT(r->measures[0]->line, 1, "line 1");
	report_free(r);
}

/* A document around one measure's body, the measure starting on line 5. */
static char *with_measure(const char *attrs, const char *body)
{
	char *doc = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&doc, &n);
	fprintf(f,
		"<report format=\"1\"><meta><organization>O</organization><title>T</title>\n"
		"<fiscal-year start-month=\"7\" named-by=\"end\"/><period>FY2018-Q1</period>\n"
		"</meta><goals>\n"
		"<goal id=\"g\" name=\"G\">\n"
		"<measure id=\"m\" %s>\n"
		"%s\n"
		"</measure></goal></goals></report>\n",
		attrs, body);
	fclose(f);
	return doc;
}

/* The messages are exactly `want`; loading fails unless want is "". */
static void expect(const char *doc, const char *want, const char *what)
{
	char *msgs;
	int errors;
	struct report *r = load(doc, &msgs, &errors);
	CHECK((r == NULL) == (*want != '\0'), what);
	CHECK_STR(msgs, want, what);
	CHECK((errors > 0) == (*want != '\0'), what);
	report_free(r);
	free(msgs);
}

/* Same, for a measure. */
static void expect_measure(const char *attrs, const char *body, const char *want, const char *what)
{
	char *doc = with_measure(attrs, body);
	expect(doc, want, what);
	free(doc);
}

/* Whether loading `doc` prints `part` somewhere in its messages. */
static void expect_in(const char *doc, const char *part, const char *what)
{
	char *msgs;
	struct report *r = load(doc, &msgs, NULL);
	if (!CHECK(r == NULL && strstr(msgs, part) != NULL, what))
		printf("#   got  \"%s\"\n#   want it to hold \"%s\"\n", msgs, part);
	report_free(r);
	free(msgs);
}

/* Same, for a measure. */
static void expect_measure_in(const char *attrs, const char *body, const char *part,
			      const char *what)
{
	char *doc = with_measure(attrs, body);
	expect_in(doc, part, what);
	free(doc);
}

/* Attribute values are quoted as written: their spaces show, and what an
 * attribute must escape is escaped; control characters reach diag.c, which
 * shows them as U+XXXX. */
static void test_quoting(void)
{
	expect_measure("unit=\"count\"", "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\" 300 \"/>",
		       "t.xml:7: error: actual=\" 300 \" is not a number for a count measure; expected "
		       "a whole number such as 300 (no spaces)\n",
		       "the spaces around a value are shown");
	expect_measure("unit=\"duration\"", "<name>N</name>\n<target at-most=\"5:00 \"/>",
		       "t.xml:7: error: at-most=\"5:00 \" is not a duration; expected a duration M:SS "
		       "or H:MM:SS such as 8:37\n",
		       "a trailing space on a duration is shown");
	expect_measure("unit=\"count\"", "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\"\t5\"/>",
		       "t.xml:7: error: actual=\" 5\" is not a number for a count measure; expected "
		       "a whole number such as 5 (no spaces)\n",
		       "a literal tab, which XML reads as a space, is shown as one");
	expect_measure_in("unit=\"count\"",
			  "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\"&#9;5&#10;\"/>",
			  "t.xml:7: error: actual=\"&#9;5&#10;\" is not",
			  "a tab and a line break written as references are shown as written");
	expect_measure_in("unit=\"count\"",
			  "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\"&quot;5&quot; &amp; &lt;6\"/>",
			  "t.xml:7: error: actual=\"&quot;5&quot; & <6\" is not",
			  "ampersands and less-than signs are quoted as meant, the delimiting quote escaped");
	expect_measure_in("unit=\"count\"",
			  "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\""
			  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx&quot;\"/>",
			  "actual=\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\" is not",
			  "a long value is cut short before an escape, never inside one");
	expect_measure_in("unit=\"count\"",
			  "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\""
			  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\xc3\xa9x\"/>",
			  "actual=\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\" is not",
			  "a long value is cut short before a character, never inside one");
	expect_measure_in("unit=\"count\"",
			  "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\"5&#x85;&#x9B;\"/>",
			  "t.xml:7: error: actual=\"5U+0085U+009B\" is not",
			  "C1 controls in a value are shown as code points");
	expect_measure_in("unit=\"count\"",
			  "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\"&#x202E;5&#x2066;\"/>",
			  "t.xml:7: error: actual=\"U+202E5U+2066\" is not",
			  "bidirectional overrides in a value are shown as code points");
	expect_measure_in("unit=\"count\"",
			  "<name>N</name>\n<commentary>See <a href=\"&#x7F;javascript:x\">this</a>"
			  "</commentary>",
			  "href=\"U+007Fjavascript:x\" is not an allowed link",
			  "DEL in a link is shown as a code point");
	expect("<report format=\"1\">\n<meta>\x01</meta></report>",
	       "t.xml:2: error: the character U+0001, which XML does not allow; expected text "
	       "without control characters other than tab and line breaks\n",
	       "a raw control character in text is named by its code point");
	expect("<report format=\"1\">\n<meta>&#x1B;</meta></report>",
	       "t.xml:2: error: a character reference to U+001B, a character XML does not allow; "
	       "expected a reference to a character allowed in XML, such as &#8211;\n",
	       "a reference to a control character is named by its code point");
	expect("<report format=\"1\"\nlang=\"\x02\"></report>",
	       "t.xml:2: error: a character XML does not allow in an attribute value; expected "
	       "text without control characters\n",
	       "a raw control character in an attribute");
	expect_in("<report format=\"1\"><meta>\n<period>FY2018\n  &#x9B;Q1</period>\n</meta></report>",
	       "t.xml:2: error: <period>FY2018 U+009BQ1</period> is not a period",
	       "element text is collapsed, then its controls shown");
}

static void test_rules(void)
{
	expect_measure("unit=\"count\"", "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\"60,000\"/>",
		       "t.xml:7: error: actual=\"60,000\" is not a number for a count measure; expected "
		       "a whole number such as 60000 (no thousands separators)\n",
		       "thousands separator on its line");
	expect_measure("unit=\"count\"", "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\"5.0\"/>",
		       "t.xml:7: error: actual=\"5.0\" is not a number for a count measure; expected a "
		       "whole number such as 5 (a count has no decimal point)\n",
		       "5.0 on a count");
	expect_measure("unit=\"number\" decimals=\"7\"", "<name>N</name>",
		       "t.xml:5: error: decimals=\"7\" is out of range; expected a whole number from 0 "
		       "to 6\n",
		       "decimals above 6");
	expect_measure("unit=\"percent\"", "<name>N</name>\n<benchmark label=\"B\" value=\"80%\"/>"
		       "<value period=\"FY2018-Q1\" actual=\"81%\"/>", "",
		       "% on every value of a percent measure");
	expect_measure("unit=\"number\"", "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\"81%\"/>",
		       "t.xml:7: error: actual=\"81%\" is not a number for a number measure; expected "
		       "a number such as 81 (no unit signs)\n",
		       "% only on percent measures");
	expect_measure("unit=\"duration\" tolerance=\"5%\"",
		       "<name>N</name>\n<target at-least=\"0:00\"/>\n<target at-least=\"1:00\" "
		       "period=\"FY2018-Q1\"/>",
		       "t.xml:7: error: at-least=\"0:00\" is zero and the measure's tolerance=\"5%\" is "
		       "relative to it; expected an amount tolerance such as tolerance=\"0:30\" (a "
		       "percentage of zero is always zero)\n",
		       "relative tolerance against a zero target, on the target's line");
	expect_measure("unit=\"count\" tolerance=\"1\"", "<name>N</name>\n<target at-least=\"0\"/>", "",
		       "an amount tolerance with a zero target");
	expect_measure("unit=\"count\"", "<name>N</name>\n<target/>\n<target at-least=\"1\" more-than=\"2\" "
		       "period=\"FY2018-Q1\"/>",
		       "t.xml:7: error: <target> has no comparison; expected one of at-least, "
		       "more-than, at-most or less-than, such as at-least=\"75\"\n"
		       "t.xml:8: error: <target> has both at-least and more-than; expected one of "
		       "at-least or more-than, one of at-most or less-than, or one of each for a "
		       "range\n",
		       "a target needs one comparison, or one of each side for a range");
	expect_measure("unit=\"count\" aggregation=\"sum\"",
		       "<name>N</name>\n<target at-least=\"20\" per=\"year\"/>\n"
		       "<target at-least=\"5\" period=\"FY2018-Q1\"/>\n"
		       "<target at-least=\"6\" period=\"FY2018-Q1\" per=\"year\"/>",
		       "t.xml:9: error: a second target for FY2018-Q1: the target on line 8 has the "
		       "same scope; expected at most one target for each period, each fiscal year, "
		       "and every period\n",
		       "two targets for one quarter");
	expect_measure("unit=\"count\"", "<name>N</name>\n<target at-least=\"5\" fiscal-year=\"FY18\"/>",
		       "t.xml:7: error: fiscal-year=\"FY18\" is not a fiscal year; expected its four "
		       "digits, such as 2018\n",
		       "fiscal-year syntax");
	expect_measure("unit=\"count\"", "<name>N</name>\n<target at-least=\"5\" per=\"month\"/>",
		       "t.xml:7: error: per=\"month\" is not a target period; expected quarter or year\n",
		       "per values");
	expect_measure("unit=\"count\"", "<name>N</name>\n<value period=\"FY2018-Q1\" status=\"ok\"/>",
		       "t.xml:7: error: status=\"ok\" is not a status; expected met, under or not-met\n",
		       "status values");
	expect_measure("unit=\"currency\" currency=\"usd\"", "<name>N</name>",
		       "t.xml:5: error: currency=\"usd\" is not a currency code; expected an ISO 4217 "
		       "code in capitals, such as USD\n",
		       "currency code");
	expect_measure("unit=\"count\"", "<name> </name>",
		       "t.xml:6: error: <name> is empty; expected the measure's name as readers see it\n",
		       "empty name");
	expect_measure("unit=\"count\"", "<name>N</name>\n<commentary><p>A</p><b>B</b></commentary>",
		       "t.xml:7: error: <commentary> mixes text with <p> paragraphs; expected either "
		       "text alone or only <p> elements inside <commentary>\n",
		       "mixing with an inline element");
	expect_measure("unit=\"count\"", "<name>N</name>\n<action>x <a href=\"mailto:a@b.c\"> </a></action>",
		       "t.xml:7: error: a link with no text; expected the words to show for the link "
		       "inside <a>\n",
		       "a link needs text");
	expect_measure("unit=\"count\"", "<name>N</name>\n<action><a href=\"MailTo:a@b.c\">write</a>"
		       "<a href=\"Http://x\">x</a></action>", "",
		       "link schemes in any case");
	expect_measure("unit=\"count\"", "<target at-least=\"1\"/>\n<name>N</name>",
		       "t.xml:7: error: <name> is out of order in <measure>; expected it before "
		       "<target> (the order is <name>, <department>, <definition>, <source>, <levels>, "
		       "<target>, <benchmark>, <second-figure>, <value>, <commentary>, <action>, "
		       "<note>)\n",
		       "child order inside measure: the element expected first is the one reported");
	expect_measure("unit=\"count\"", "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\"x\"/>\n"
		       "<target at-least=\"y\"/>",
		       "t.xml:7: error: actual=\"x\" is not a number for a count measure; expected a "
		       "whole number such as 342\n"
		       "t.xml:8: error: <target> is out of order in <measure>; expected it before "
		       "<value> (the order is <name>, <department>, <definition>, <source>, <levels>, "
		       "<target>, <benchmark>, <second-figure>, <value>, <commentary>, <action>, "
		       "<note>)\n"
		       "t.xml:8: error: at-least=\"y\" is not a number for a count measure; expected a "
		       "whole number such as 342\n",
		       "an element out of order is still checked");
	expect_measure("unit=\"count\"", "<name>N</name>\n<name>M</name>",
		       "t.xml:7: error: a second <name> in <measure>; expected only one\n",
		       "a second name");
	expect_measure("unit=\"count\"", "<nmae>N</nmae>\n<target at-least=\"1\"/>",
		       "t.xml:6: error: unknown element <nmae> in <measure>; expected <name>\n",
		       "a misspelt required element is reported once");
	expect_measure("unit=\"count\"", "<target at-least=\"1\"/>\n<value period=\"FY2018-Q1\" "
		       "actual=\"x\"/>",
		       "t.xml:5: error: missing <name> in <measure>; expected one <name> inside "
		       "<measure>\n"
		       "t.xml:7: error: actual=\"x\" is not a number for a count measure; expected a "
		       "whole number such as 342\n",
		       "a missing name does not hide the rest of the measure");
	expect_measure("unit=\"count\"", "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\"1\"\n"
		       "  bad=\"2\"/>",
		       "t.xml:8: error: unknown attribute bad on <value>; expected one of period, "
		       "actual, second, estimate, status\n",
		       "an unknown attribute on its own line");
	expect_measure("unit=\"count\"", "<name>N</name>\n<value actual=\"1\"/>",
		       "t.xml:7: error: missing attribute period on <value>; expected for example "
		       "period=\"FY2018-Q1\"\n",
		       "a missing attribute");
	expect_measure("unit=\"count\"", "<name>N</name>\n<target at-least=\"1\">many</target>",
		       "t.xml:7: error: text \"many\" inside <target>; expected <target> to be empty, "
		       "with everything in its attributes\n",
		       "text in an empty element");
	expect_measure("unit=\"count\"", "<name>N</name>\n\n  words\n",
		       "t.xml:8: error: text \"words\" directly inside <measure>; expected only "
		       "elements there\n",
		       "stray text on the line of its first word");
	expect_measure("unit=\"count\"", "<name>N</name><definition>A <p>b</p></definition>",
		       "t.xml:6: error: <p> is out of place in <definition>; expected one of <b>, <i>, "
		       "<a>, <span> here\n",
		       "no paragraphs in a definition");
	expect_measure("unit=\"count\"", "<name>N</name><commentary><a href=\"http://a\">x <b><a "
		       "href=\"http://b\">y</a></b></a></commentary>",
		       "t.xml:6: error: a link <a> inside another link; expected text, <b> or <i> "
		       "inside <a>\n",
		       "a link nested deeper inside a link");
	expect_measure("unit=\"counts\" tolerance=\"x\"",
		       "<name>N</name>\n<value period=\"FY2018-Q1\" actual=\"60,000\"/>\n"
		       "<value period=\"FY2018-Q2\" actual=\"8:37\"/>",
		       "t.xml:5: error: unit=\"counts\" is not a unit; expected one of count, number, "
		       "percent, currency, minutes, duration, rating, yes-no\n"
		       "t.xml:5: error: tolerance=\"x\" is not a tolerance; expected a percentage such "
		       "as 10% or an amount in the measure's unit\n"
		       "t.xml:7: error: actual=\"60,000\" is not a number or a duration in any unit; "
		       "expected a number such as 60000 (no thousands separators)\n"
		       "t.xml:8: error: period=\"FY2018-Q2\" is after the report period FY2018-Q1; "
		       "expected values for FY2018-Q1 and earlier only\n",
		       "without a unit, amounts no unit reads are still refused");
	expect_measure("unit=\"count\"", "<name xml:lang=\"en\">N</name>",
		       "t.xml:6: error: unknown attribute xml:lang on <name>; expected no attributes on "
		       "<name>\n",
		       "namespaced attributes are unknown too");
}

static void test_document_rules(void)
{
	expect("<report format=\"1\" lang=\"en-US\">\n<meta>\n<title>T</title>\n"
	       "<organization>O</organization>\n<period>FY2018-Q4</period>\n"
	       "<fiscal-year start-month=\"7\" named-by=\"end\"/>\n<title>U</title>\n</meta>\n"
	       "<goals><goal id=\"g\" name=\"G\"/></goals>\n</report>\n",
	       "t.xml:7: error: a second <title> in <meta>; expected only one\n",
	       "meta children in any order, each once");
	expect("<report format=\"1\">\n<goals><goal id=\"g\" name=\"\"/></goals>\n"
	       "<meta><organization>O</organization><title>T</title>"
	       "<fiscal-year start-month=\"7\" named-by=\"end\"/><period>FY2018-Q1</period></meta>\n"
	       "</report>\n",
	       "t.xml:2: error: name=\"\" is empty; expected the goal's name as readers see it, "
	       "such as Quality\n"
	       "t.xml:3: error: <meta> is out of order in <report>; expected it before <goals> (the "
	       "order is <meta>, <goals>, <narrative>)\n",
	       "meta after goals: both are still read");
	expect("<report format=\"1\">\n<goals><goal id=\"g\" name=\"G\"/></goals>\n</report>\n",
	       "t.xml:1: error: missing <meta> in <report>; expected one <meta> inside <report>\n",
	       "a missing meta is reported once and goals are still checked");
	expect("<report format=\"1\">\n<meta><organization>O</organization><title>T</title>"
	       "<fiscal-year start-month=\"7\" named-by=\"end\"/><period>FY2018-Q1</period></meta>\n"
	       "<goals/>\n<narrative><section id=\"g\" title=\"S\"><list/></section></narrative>\n"
	       "</report>\n",
	       "t.xml:3: error: missing <goal> in <goals>; expected at least one <goal> inside "
	       "<goals>\n"
	       "t.xml:4: error: missing <item> in <list>; expected at least one <item> inside "
	       "<list>\n",
	       "repeating children need at least one");
	expect("<report format=\"1\">\n<meta><organization>O</organization><title>T</title>"
	       "<fiscal-year start-month=\"7\" named-by=\"end\"/><period>FY2018-Q1</period></meta>\n"
	       "<goals><goal id=\"dup\" name=\"G\"/></goals>\n"
	       "<narrative><section id=\"dup\" title=\"S\"><measures refs=\"\"/></section>"
	       "</narrative>\n</report>\n",
	       "t.xml:4: error: duplicate id \"dup\": the goal on line 3 has it already; expected "
	       "every goal, measure, initiative and section to have an id of its own\n"
	       "t.xml:4: error: refs=\"\" names no measure; expected the ids of one or more measures, "
	       "separated by spaces, such as refs=\"code-inspections demolitions\"\n",
	       "ids are unique across goals and sections; refs is not empty");
	expect("<report format=\"1\">\n<meta><organization>O</organization><title>T</title>"
	       "<fiscal-year start-month=\"07\" named-by=\"end\"/><period>FY2018-Q1</period>"
	       "<tolerance>-5%</tolerance></meta>\n<goals><goal id=\"g\" name=\"\"/></goals>\n"
	       "</report>\n",
	       "t.xml:2: error: start-month=\"07\" is not a month; expected a number from 1 "
	       "(January) to 12 (December)\n"
	       "t.xml:2: error: <tolerance>-5%</tolerance> is not a percentage; expected a "
	       "percentage such as 10% (an amount tolerance is allowed only on a measure)\n"
	       "t.xml:3: error: name=\"\" is empty; expected the goal's name as readers see it, "
	       "such as Quality\n",
	       "meta values");
	expect("<report format=\"1\" version=\"2\"/>",
	       "t.xml:1: error: unknown attribute version on <report>; expected one of format, "
	       "lang\n"
	       "t.xml:1: error: missing <meta> in <report>; expected one <meta> inside <report>\n"
	       "t.xml:1: error: missing <goals> in <report>; expected one <goals> inside <report>\n",
	       "an empty report");
	expect("<report><meta/></report>",
	       "t.xml:1: error: missing attribute format on <report>; expected for example "
	       "format=\"1\"\n"
	       "t.xml:1: error: missing <organization> in <meta>; expected one <organization> inside "
	       "<meta>\n"
	       "t.xml:1: error: missing <title> in <meta>; expected one <title> inside <meta>\n"
	       "t.xml:1: error: missing <fiscal-year> in <meta>; expected one <fiscal-year> inside "
	       "<meta>\n"
	       "t.xml:1: error: missing <period> in <meta>; expected one <period> inside <meta>\n"
	       "t.xml:1: error: missing <goals> in <report>; expected one <goals> inside <report>\n",
	       "every missing piece at once");
	expect("<report format=\"1.0\"/>",
	       "t.xml:1: error: format=\"1.0\" is not a format this version reads; expected "
	       "format=\"1\"\n",
	       "format is exactly 1");
	expect("<?xml version=\"1.0\" encoding=\"latin1\"?><report/>",
	       "t.xml:1: error: encoding=\"latin1\" is not supported; expected UTF-8 (save the file "
	       "as UTF-8 and declare encoding=\"UTF-8\", or leave the encoding out)\n",
	       "encoding names other than UTF-8");
	expect("<report format=\"1\">\n<meta>\n<organization>caf\xe9</organization></meta>\n"
	       "<goals>\xff\xfe</goals></report>",
	       "t.xml:3: error: invalid UTF-8 (byte 0xE9); expected UTF-8 text: save the file as "
	       "UTF-8\n"
	       "t.xml:4: error: invalid UTF-8 (byte 0xFF); expected UTF-8 text: save the file as "
	       "UTF-8\n",
	       "invalid UTF-8, each line once");
	expect("<report format=\"1\">\xed\xa0\x80</report>",
	       "t.xml:1: error: invalid UTF-8 (byte 0xED); expected UTF-8 text: save the file as "
	       "UTF-8\n",
	       "an encoded surrogate is not UTF-8");
	expect("<report format=\"1\">\xc0\xaf</report>",
	       "t.xml:1: error: invalid UTF-8 (byte 0xC0); expected UTF-8 text: save the file as "
	       "UTF-8\n",
	       "an overlong form is not UTF-8");
	expect("<?xml version=\"1.0\"?>\n<!-- c -->\n<?pi x?>\n<!DOCTYPE report [\n"
	       "<!ENTITY a \"b\">]>\n<report/>",
	       "t.xml:4: error: a DOCTYPE declaration is not allowed; expected a data file without "
	       "a DTD or entity declarations, starting with <report>\n",
	       "a DOCTYPE after comments and PIs, on its line");
	expect("<report format=\"1\">&ent;</report>",
	       "t.xml:1: error: unknown entity &ent;; expected one of &amp; &lt; &gt; &quot; &apos; "
	       "or a character reference such as &#8211;\n",
	       "entities are not defined");
	expect("", "t.xml: error: the file is empty; expected an XML document with a <report> "
		   "element\n",
	       "an empty file");
	expect("<report format=\"1\">\n<meta>\n</report>\n",
	       "t.xml:3: error: end tag </report> does not match the start tag <meta> on line 2; "
	       "expected </meta>\n",
	       "malformed XML: the first error only");
}

/* A BOM is fine, and so is an XML declaration without encoding. */
static void test_bom(void)
{
	char *doc = with_measure("unit=\"count\"", "<name>N</name>");
	size_t n = strlen(doc);
	char *bom = malloc(n + 4);
	memcpy(bom, "\xef\xbb\xbf", 3);
	memcpy(bom + 3, doc, n + 1);
	char *msgs;
	struct report *r = load(bom, &msgs, NULL);
	CHECK(r != NULL, "a UTF-8 byte order mark is fine");
	CHECK_STR(msgs, "", "and says nothing");
	if (r)
		CHECK_INT(r->measures[0]->line, 5, "lines count from the first byte after the mark");
	report_free(r);
	free(msgs);
	free(bom);
	free(doc);
}

/* Lines past 65535, where libxml2 needs XML_PARSE_BIG_LINES. */
static void test_big_lines(void)
{
	size_t cap = 80 * 70000 + 1000, n = 0;
	char *doc = malloc(cap);
	n += (size_t)sprintf(doc + n, "<report format=\"1\"><meta><organization>O</organization>"
				      "<title>T</title><fiscal-year start-month=\"7\" "
				      "named-by=\"end\"/><period>FY2018-Q1</period></meta>\n");
	for (int i = 0; i < 70000; i++)
		n += (size_t)sprintf(doc + n, "<!-- line %d -->\n", i + 2);
	n += (size_t)sprintf(doc + n, "<goals><goal id=\"g\" name=\"G\"><measure id=\"m\" "
				      "unit=\"count\"><name>N</name>\n<value period=\"FY2018-Q1\" "
				      "actual=\"1.5\"/></measure></goal></goals></report>\n");
	expect(doc, "t.xml:70003: error: actual=\"1.5\" is not a number for a count measure; "
		    "expected a whole number such as 342\n",
	       "line numbers past 65535");
	free(doc);
}

/* The id table grows past its first size and still finds every id. */
static void test_many_ids(void)
{
	size_t cap = 200 * 3000 + 1000, n = 0;
	char *doc = malloc(cap);
	n += (size_t)sprintf(doc + n, "<report format=\"1\"><meta><organization>O</organization>"
				      "<title>T</title><fiscal-year start-month=\"7\" "
				      "named-by=\"end\"/><period>FY2018-Q1</period></meta>\n<goals>"
				      "<goal id=\"g\" name=\"G\">\n");
	for (int i = 0; i < 3000; i++)
		n += (size_t)sprintf(doc + n, "<measure id=\"m%d\" unit=\"count\"><name>N</name>"
					      "</measure>\n", i);
	n += (size_t)sprintf(doc + n, "</goal></goals><narrative><section id=\"s\" title=\"S\">"
				      "<measures refs=\"m2999 m0 m1500\"/></section></narrative>"
				      "</report>\n");
	char *msgs;
	struct report *r = load(doc, &msgs, NULL);
	CHECK(r != NULL, "3000 measures load");
	if (r) {
		CHECK_INT(r->nmeasures, 3000, "all of them");
		const struct block *b = &r->sections[0].blocks[0];
		CHECK(b->u.measures.items[0] == r->measures[2999] &&
			      b->u.measures.items[1] == r->measures[0] &&
			      b->u.measures.items[2] == r->measures[1500],
		      "refs find them");
	}
	report_free(r);
	free(msgs);
	free(doc);
}

/* Limits: nesting depth and the number of values. */
static void test_limits(void)
{
	char *body = malloc(10000);
	size_t n = (size_t)sprintf(body, "<name>N</name><commentary>");
	for (int i = 0; i < LOAD_MAX_DEPTH; i++)
		n += (size_t)sprintf(body + n, "<b>");
	n += (size_t)sprintf(body + n, "deep");
	for (int i = 0; i < LOAD_MAX_DEPTH; i++)
		n += (size_t)sprintf(body + n, "</b>");
	sprintf(body + n, "</commentary>");
	char *doc = with_measure("unit=\"count\"", body);
	char *msgs;
	struct report *r = load(doc, &msgs, NULL);
	CHECK(r == NULL, "elements nested too deep are refused");
	CHECK(strstr(msgs, "t.xml:6: error: <b> is nested 65 levels deep; expected at most 64 "
			   "levels of nested elements\n") == msgs,
	      "with a message saying how deep");
	report_free(r);
	free(msgs);
	free(doc);
	free(body);

	body = malloc(LOAD_MAX_VALUES_PER_MEASURE * 60 + 100);
	n = (size_t)sprintf(body, "<name>N</name>\n");
	for (int i = 0; i <= LOAD_MAX_VALUES_PER_MEASURE; i++)
		n += (size_t)sprintf(body + n, "<value period=\"FY%04d-Q%d\" actual=\"1\"/>\n",
				     1918 + i / 4, i % 4 + 1);
	doc = with_measure("unit=\"count\"", body);
	char want[200];
	snprintf(want, sizeof want,
		 "t.xml:%d: error: measure \"m\" has more than %d values; expected at most %d values "
		 "(periods) in one measure\n",
		 7 + LOAD_MAX_VALUES_PER_MEASURE, LOAD_MAX_VALUES_PER_MEASURE,
		 LOAD_MAX_VALUES_PER_MEASURE);
	expect(doc, want, "too many values in one measure");
	free(doc);
	free(body);
}

/* The format tables behind messages agree with the schema's text. */
static void test_names_match_schema(void)
{
	FILE *f = fopen("schema/report-1.xsd", "r");
	if (!CHECK(f != NULL, "schema/report-1.xsd is readable from the top folder"))
		return;
	static char xsd[200000];
	size_t n = fread(xsd, 1, sizeof xsd - 1, f);
	xsd[n] = '\0';
	fclose(f);
	const char *attrs[] = { "format", "lang", "start-month", "named-by", "id", "name", "unit",
				"decimals", "currency", "aggregation", "tolerance", "at-least",
				"more-than", "at-most", "less-than", "per", "period", "fiscal-year",
				"label", "value", "actual", "status", "title", "by", "role", "refs",
				"href", "for" };
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
		char pat[80], what[120];
		snprintf(pat, sizeof pat, "<xs:attribute name=\"%s\"", attrs[i]);
		snprintf(what, sizeof what, "the schema declares attribute %s", attrs[i]);
		CHECK(strstr(xsd, pat) != NULL, what);
	}
}

/* Text written for a quarter: for= on commentary, action and sections.
 * Last quarter's text is left out of the report with a warning on its line;
 * this quarter's stays; a later quarter or a wrong period is an error. */
static void test_written_for(void)
{
	static const char doc[] =
		"<report format=\"1\"><meta><organization>O</organization><title>T</title>\n" /* 1 */
		"<fiscal-year start-month=\"7\" named-by=\"end\"/><period>FY2018-Q2</period>\n" /* 2 */
		"<published>2018-01-15</published>\n"                                           /* 3 */
		"</meta><goals><goal id=\"g\" name=\"G\">\n"                                  /* 4 */
		"<measure id=\"m\" unit=\"count\"><name>N</name>\n"                          /* 5 */
		"<commentary for=\"FY2018-Q1\">Old words.</commentary>\n"                      /* 6 */
		"<action for=\"FY2018-Q2\">New steps.</action></measure>\n"                   /* 7 */
		"<measure id=\"n\" unit=\"count\"><name>N</name>\n"                          /* 8 */
		"<commentary>Unmarked words stay.</commentary>\n"                              /* 9 */
		"<action for=\"FY2017-Q4\"><p>Older steps.</p></action></measure>\n"          /* 10 */
		"</goal></goals><narrative>\n"                                                 /* 11 */
		"<section id=\"old\" title=\"Old\" for=\"FY2018-Q1\"><p>x</p></section>\n"   /* 12 */
		"<section id=\"now\" title=\"Now\" for=\"FY2018-Q2\"><p>y</p></section>\n"   /* 13 */
		"<section id=\"always\" title=\"Always\"><p>z</p></section>\n"               /* 14 */
		"</narrative></report>\n";
	char *msgs;
	int errors;
	struct report *r = load(doc, &msgs, &errors);
	if (CHECK(r != NULL, "text for an earlier quarter does not stop the file loading")) {
		CHECK_INT(r->measures[0]->commentary.n, 0, "last quarter's commentary is left out");
		CHECK_INT(r->measures[0]->action.n, 1, "this quarter's next steps stay");
		CHECK_INT(r->measures[1]->commentary.n, 1, "text without for= stays");
		CHECK_INT(r->measures[1]->action.n, 0, "next steps from two quarters ago are left out");
		CHECK_INT(r->nsections, 2, "last quarter's section is left out");
		CHECK_STR(r->sections[0].id, "now", "this quarter's section comes first");
		CHECK_STR(r->sections[1].id, "always", "a section without for= stays");
	}
	CHECK_INT(errors, 0, "no errors for earlier text");
	CHECK_STR(msgs,
		  "t.xml:6: warning: <commentary> was written for Q1 FY2018 and the report is for "
		  "Q2 FY2018, so it is left out of the report; expected it brought up to date and "
		  "marked <commentary for=\"FY2018-Q2\">, or deleted\n"
		  "t.xml:10: warning: <action> (next steps) was written for Q4 FY2017 and the report "
		  "is for Q2 FY2018, so it is left out of the report; expected it brought up to date "
		  "and marked <action for=\"FY2018-Q2\">, or deleted\n"
		  "t.xml:12: warning: <section id=\"old\"> was written for Q1 FY2018 and the report "
		  "is for Q2 FY2018, so it is left out of the report; expected it brought up to date "
		  "and marked <section for=\"FY2018-Q2\">, or deleted\n",
		  "a warning with the line of every text written for an earlier quarter");
	report_free(r);
	free(msgs);

	expect_measure("unit=\"count\"", "<name>N</name>\n<commentary for=\"FY2018-Q2\">x</commentary>",
		       "t.xml:7: error: for=\"FY2018-Q2\" is after the report period FY2018-Q1; "
		       "expected text written for FY2018-Q1 or an earlier quarter\n",
		       "text for a later quarter is an error");
	expect_measure_in("unit=\"count\"", "<name>N</name>\n<action for=\"Q1\">x</action>",
			  "t.xml:7: error: for=\"Q1\" is not a period; expected the period id",
			  "for= that is not a period is an error");

	/* The publication date: last quarter's, kept by a file made for the next. */
	static const char stale_date[] =
		"<report format=\"1\"><meta><organization>O</organization><title>T</title>\n"
		"<fiscal-year start-month=\"7\" named-by=\"end\"/><period>FY2018-Q2</period>\n"
		"<published>2017-11-13</published>\n"
		"</meta><goals><goal id=\"g\" name=\"G\"/></goals></report>\n";
	r = load(stale_date, &msgs, &errors);
	CHECK(r != NULL && errors == 0, "a publication date before the period's end still loads");
	CHECK_STR(msgs,
		  "t.xml:3: warning: <published>2017-11-13</published> is before the end of the "
		  "report period FY2018-Q2 (December 31, 2017); expected the day this report is "
		  "published, after the quarter it covers\n",
		  "a publication date before the period's end is warned about");
	report_free(r);
	free(msgs);
}

/* Languages of parts and sub-headings: xml:lang on a text element, on a
 * commentary for its paragraphs (which may give their own), <span> for a
 * phrase; <h> in a section. */
static void test_languages(void)
{
	static const char doc[] =
		"<report format=\"1\" lang=\"en-US\"><meta><organization>O</organization>"
		"<title>T</title><fiscal-year start-month=\"7\" named-by=\"end\"/>"
		"<period>FY2018-Q1</period></meta><goals><goal id=\"g\" name=\"G\">"
		"<statement xml:lang=\"es\">Para todos.</statement>"
		"<measure id=\"m\" unit=\"count\"><name>N</name><target at-least=\"1\"/>"
		"<value period=\"FY2018-Q1\" actual=\"2\"/><commentary xml:lang=\"fr\"><p>Bonjour.</p>"
		"<p xml:lang=\"de\">Guten Tag, <span xml:lang=\"pl\"><i>cze\xC5\x9B\xC4\x87</i></span>.</p>"
		"</commentary></measure></goal></goals><narrative><section id=\"s\" title=\"S\">"
		"<h xml:lang=\"pl\">Dzie\xC5\x84 dobry</h><p>Plain.</p></section></narrative></report>";
	char *msgs;
	int errors;
	struct report *r = load(doc, &msgs, &errors);
	CHECK_STR(msgs, "", "languages of parts load without a word");
	if (!r) {
		free(msgs);
		return;
	}
	const struct measure *m = r->measures[0];
	CHECK_STR(r->goals[0].statement.lang, "es", "a statement in Spanish");
	CHECK_STR(m->commentary.items[0].lang, "fr", "a commentary's paragraph takes its language");
	CHECK_STR(m->commentary.items[1].lang, "de", "or gives its own");
	const struct para *p = &m->commentary.items[1];
	CHECK(p->nruns == 3 && p->runs[0].lang == NULL && p->runs[1].lang &&
		      strcmp(p->runs[1].lang, "pl") == 0 && (p->runs[1].style & RUN_ITALIC) &&
		      p->runs[2].lang == NULL,
	      "a phrase in a span is a run in its language, styled as written");
	const struct section *sec = &r->sections[0];
	CHECK(sec->nblocks == 2 && sec->blocks[0].kind == BLOCK_HEADING &&
		      strcmp(sec->blocks[0].u.heading.text, "Dzie\xC5\x84 dobry") == 0 &&
		      strcmp(sec->blocks[0].u.heading.lang, "pl") == 0,
	      "a sub-heading, in its language");
	CHECK(sec->blocks[1].u.paragraph.lang == NULL, "text that gives none is in the report's");
	report_free(r);
	free(msgs);
}

/* A bare web address in text is a link to itself; punctuation around it
 * is not part of it; inside a link the data file writes, it is text. */
static void test_bare_addresses(void)
{
	static const char doc[] =
		"<report format=\"1\"><meta><organization>O</organization><title>T</title>"
		"<fiscal-year start-month=\"7\" named-by=\"end\"/><period>FY2018-Q1</period></meta>"
		"<goals><goal id=\"g\" name=\"G\"><statement>See www.city.example/plan, or "
		"(https://city.example/a?x=1). Linked: <a href=\"https://a.example/\">"
		"https://b.example/</a>. Not www. nor https://.</statement></goal></goals></report>";
	char *msgs;
	int errors;
	struct report *r = load(doc, &msgs, &errors);
	CHECK_STR(msgs, "", "bare addresses load without a word");
	if (!r) {
		free(msgs);
		return;
	}
	const struct para *p = &r->goals[0].statement;
	const char *got = "";
	for (size_t i = 0; i < p->nruns; i++)
		got = arena_printf(&r->arena, "%s[%s|%s]", got, p->runs[i].text,
				   p->runs[i].href ? p->runs[i].href : "");
	CHECK_STR(got, "[See |][www.city.example/plan|https://www.city.example/plan][, or (|]"
		       "[https://city.example/a?x=1|https://city.example/a?x=1][). Linked: |]"
		       "[https://b.example/|https://a.example/][. Not www. nor https://.|]",
		  "each bare address links to itself, the written link keeps its own");
	report_free(r);
	free(msgs);
}

int main(void)
{
	test_good();
	test_defaults();
	test_rules();
	test_quoting();
	test_document_rules();
	test_bom();
	test_big_lines();
	test_many_ids();
	test_limits();
	test_names_match_schema();
	test_written_for();
	test_languages();
	test_bare_addresses();
	return harness_done();
}
