/* Editing a data file in place: what changes is written anew, every other
 * byte stays, new elements take the indentation and line ends of the file,
 * and the result loads. Also the next quarter's file name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cycle.h"
#include "datafile_edit.h"
#include "harness.h"
#include "load.h"
#include "period.h"

static char dir[] = "/tmp/qreport-edit.XXXXXX";

/* Writes `text` to a file in the scratch folder; the path is static. */
static const char *write_file(const char *name, const char *text)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	fputs(text, f);
	fclose(f);
	return path;
}

/* Whether `bytes` load without errors. */
static bool loads(const char *bytes, size_t len)
{
	FILE *null = fopen("/dev/null", "w");
	struct diag d;
	diag_init(&d, null);
	struct report *r = load_report_memory("t.xml", bytes, len, &d);
	bool ok = r && d.errors == 0;
	report_free(r);
	fclose(null);
	return ok;
}

static const char head[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<!-- a comment that stays -->\n"
	"<report format=\"1\">\n"
	"  <meta>\n"
	"    <organization>O&#160;O</organization>\n"
	"    <title>T</title>\n"
	"    <fiscal-year start-month=\"7\" named-by=\"end\"/>\n"
	"    <period>FY2018-Q4</period>\n"
	"  </meta>\n"
	"  <goals>\n"
	"    <goal id=\"g\" name=\"G\">\n";

/* The edits the cycle makes, on a file written the way people write them. */
static void test_next_edits(void)
{
	char doc[4096];
	snprintf(doc, sizeof doc, "%s%s", head,
		 "      <measure id=\"a\" unit=\"percent\">\n"
		 "        <name>A</name>\n"
		 "        <target at-least=\"75\"/>\n"
		 "        <value period=\"FY2018-Q3\" actual=\"80\"/>\n"
		 "        <commentary>Old &amp; true.</commentary>\n"
		 "      </measure>\n"
		 "      <measure id=\"b\" unit=\"count\">\n"
		 "        <name>B</name>\n"
		 "        <action\n"
		 "          for=\"FY2018-Q2\">Kept as it is.</action>\n"
		 "      </measure>\n"
		 "      <measure id=\"c\" unit=\"count\" frequency=\"monthly\">\n"
		 "        <name>C</name>\n"
		 "        <value period=\"2018-09\" actual=\"3\"/>\n"
		 "      </measure>\n"
		 "    </goal>\n"
		 "  </goals>\n"
		 "  <narrative>\n"
		 "    <section id=\"s\" title=\"S\"><p>x</p></section>\n"
		 "  </narrative>\n"
		 "</report>\n");
	const char *path = write_file("next.xml", doc);
	FILE *null = fopen("/dev/null", "w");
	struct diag d;
	diag_init(&d, null);
	struct datafile *f = datafile_open(path, &d);
	if (!CHECK(f != NULL, "a data file opens for editing"))
		return;
	CHECK(!datafile_changed(f), "nothing changed yet");
	struct period q1 = { .fy = 2019, .quarter = 1 }, q4 = { .fy = 2018, .quarter = 4 };
	datafile_set_period(f, q1);
	CHECK_INT(datafile_add_empty_values(f, q1), 2,
		  "an empty value on each quarterly measure, none on a monthly one");
	CHECK_INT(datafile_mark_texts(f, q4), 2, "texts without for= are marked");
	size_t len;
	char *out = datafile_render(f, &len);
	datafile_free(f);
	char want[4096];
	snprintf(want, sizeof want, "%s", head);
	char *p = strstr(want, "FY2018-Q4");
	memcpy(p, "FY2019-Q1", 9);
	strcat(want,
	       "      <measure id=\"a\" unit=\"percent\">\n"
	       "        <name>A</name>\n"
	       "        <target at-least=\"75\"/>\n"
	       "        <value period=\"FY2018-Q3\" actual=\"80\"/>\n"
	       "        <value period=\"FY2019-Q1\"/>\n"
	       "        <commentary for=\"FY2018-Q4\">Old &amp; true.</commentary>\n"
	       "      </measure>\n"
	       "      <measure id=\"b\" unit=\"count\">\n"
	       "        <name>B</name>\n"
	       "        <value period=\"FY2019-Q1\"/>\n"
	       "        <action\n"
	       "          for=\"FY2018-Q2\">Kept as it is.</action>\n"
	       "      </measure>\n"
	       "      <measure id=\"c\" unit=\"count\" frequency=\"monthly\">\n"
	       "        <name>C</name>\n"
	       "        <value period=\"2018-09\" actual=\"3\"/>\n"
	       "      </measure>\n"
	       "    </goal>\n"
	       "  </goals>\n"
	       "  <narrative>\n"
	       "    <section id=\"s\" title=\"S\" for=\"FY2018-Q4\"><p>x</p></section>\n"
	       "  </narrative>\n"
	       "</report>\n");
	CHECK_STR(out, want, "only what changed is different, character references and all");
	CHECK(loads(out, len), "the edited file loads");
	free(out);
	fclose(null);
}

/* Values and texts as an import sets them: in period order, replacing
 * what was there, in a file with CR LF line ends. */
static void test_import_edits(void)
{
	static const char doc[] =
		"<report format=\"1\">\r\n"
		"  <meta><organization>O</organization><title>T</title>\r\n"
		"    <fiscal-year start-month=\"7\" named-by=\"end\"/><period>FY2018-Q2</period>\r\n"
		"  </meta>\r\n"
		"  <goals>\r\n"
		"    <goal id=\"g\" name=\"G\">\r\n"
		"      <measure id=\"a\" unit=\"duration\">\r\n"
		"        <name>A</name>\r\n"
		"        <value period=\"FY2018-Q2\"/>\r\n"
		"        <commentary for=\"FY2018-Q1\"><p>Old.</p></commentary>\r\n"
		"      </measure>\r\n"
		"      <measure id=\"b\" unit=\"count\"><name>B</name><value period=\"FY2018-Q2\" actual=\"3\"/></measure>\r\n"
		"    </goal>\r\n"
		"  </goals>\r\n"
		"</report>\r\n";
	const char *path = write_file("import.xml", doc);
	FILE *null = fopen("/dev/null", "w");
	struct diag d;
	diag_init(&d, null);
	struct datafile *f = datafile_open(path, &d);
	if (!CHECK(f != NULL, "a CR LF file opens for editing"))
		return;
	struct period q1 = { .fy = 2018, .quarter = 1 }, q2 = { .fy = 2018, .quarter = 2 };
	CHECK(datafile_has_measure(f, "a") && !datafile_has_measure(f, "zz"), "measures by id");
	CHECK(datafile_set_actual(f, "a", q2, "8:37"), "an actual on an empty value");
	CHECK(datafile_set_actual(f, "a", q1, "9:01"), "an actual for a quarter with no value");
	CHECK(datafile_set_text(f, "a", DATAFILE_COMMENTARY, "  First line.\n\nSecond <line>. ", q2),
	      "commentary replaced");
	CHECK(datafile_set_text(f, "a", DATAFILE_ACTION, "Hire & train.", q2), "next steps added");
	CHECK(datafile_set_actual(f, "b", q2, "4"), "an actual replaced");
	CHECK(datafile_set_text(f, "b", DATAFILE_COMMENTARY, "C.", q2), "commentary added");
	CHECK(datafile_set_text(f, "b", DATAFILE_ACTION, "N.", q2),
	      "next steps added after new commentary");
	CHECK(!datafile_set_actual(f, "zz", q2, "1"), "no such measure");
	size_t len;
	char *out = datafile_render(f, &len);
	datafile_free(f);
	static const char want[] =
		"<report format=\"1\">\r\n"
		"  <meta><organization>O</organization><title>T</title>\r\n"
		"    <fiscal-year start-month=\"7\" named-by=\"end\"/><period>FY2018-Q2</period>\r\n"
		"  </meta>\r\n"
		"  <goals>\r\n"
		"    <goal id=\"g\" name=\"G\">\r\n"
		"      <measure id=\"a\" unit=\"duration\">\r\n"
		"        <name>A</name>\r\n"
		"        <value period=\"FY2018-Q1\" actual=\"9:01\"/>\r\n"
		"        <value period=\"FY2018-Q2\" actual=\"8:37\"/>\r\n"
		"        <commentary for=\"FY2018-Q2\">\r\n"
		"          <p>First line.</p>\r\n"
		"          <p>Second &lt;line&gt;.</p>\r\n"
		"        </commentary>\r\n"
		"        <action for=\"FY2018-Q2\">Hire &amp; train.</action>\r\n"
		"      </measure>\r\n"
		"      <measure id=\"b\" unit=\"count\"><name>B</name><value period=\"FY2018-Q2\" actual=\"4\"/><commentary for=\"FY2018-Q2\">C.</commentary><action for=\"FY2018-Q2\">N.</action></measure>\r\n"
		"    </goal>\r\n"
		"  </goals>\r\n"
		"</report>\r\n";
	CHECK_STR(out, want, "values in period order, texts in the format's order, CR LF kept");
	CHECK(loads(out, len), "the edited file loads");
	free(out);
	fclose(null);
}

/* Saving: a file that would not load is refused and the old one stays;
 * a good one replaces it whole. */
static void test_save(void)
{
	const char *path = write_file("save.xml", "old");
	char *p = strdup(path);
	char *msgs = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&msgs, &n);
	struct diag d;
	diag_init(&d, m);
	CHECK_INT(datafile_save(p, "<report/>", 9, &d, NULL), 1, "bytes that do not load are refused");
	fclose(m);
	CHECK(strstr(msgs, "would not load, so it was not written") != NULL, "and it says so");
	free(msgs);
	FILE *f = fopen(p, "r");
	char buf[16] = "";
	fgets(buf, sizeof buf, f);
	fclose(f);
	CHECK_STR(buf, "old", "the old file is untouched");
	free(p);
}

/* Next quarter's name keeps the spelling of the old one. */
static void test_next_name(void)
{
	struct period q1 = { .fy = 2018, .quarter = 1 }, q2 = { .fy = 2018, .quarter = 2 }, q4 = { .fy = 2018, .quarter = 4 }, next_q1 = { .fy = 2019, .quarter = 1 };
	char *s = cycle_next_name("data/independence-fy2018-q1.xml", q1, q2);
	CHECK_STR(s, "data/independence-fy2018-q2.xml", "fy2018-q1 becomes fy2018-q2");
	free(s);
	s = cycle_next_name("FY2018_Q4 report.xml", q4, next_q1);
	CHECK_STR(s, "FY2019_Q1 report.xml", "a new fiscal year, capitals and underscore kept");
	free(s);
	s = cycle_next_name("city-2018-Q1.xml", q1, q2);
	CHECK_STR(s, "city-2018-Q2.xml", "a year without FY");
	free(s);
	s = cycle_next_name("fy2018-q1/report.xml", q1, q2);
	CHECK(s == NULL, "only the file name is looked at, not its folder");
	free(s);
	s = cycle_next_name("r-fy2018-q12.xml", q1, q2);
	CHECK(s == NULL, "a longer number is not the period");
	free(s);
	s = cycle_next_name("r-fy2017-q1.xml", q1, q2);
	CHECK(s == NULL, "another period is not the report period");
	free(s);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_next_edits();
	test_import_edits();
	test_save();
	test_next_name();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return harness_done();
}
