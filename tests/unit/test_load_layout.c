/* Layout files: the bundled layouts load as designed, and every broken
 * layout in tests/bad-layouts/ gives exactly the messages in its .err file.
 * Run from the top of the source tree. QREPORT_UPDATE_GOLDEN=1 rewrites the
 * .err files from the current messages (review the diff before committing). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "harness.h"
#include "style.h"

#define BAD_DIR "tests/bad-layouts"

/* Load a layout, collecting messages into *msgs (heap-owned). */
static bool load(const char *name, struct arena *a, struct style *st, char **msgs, int *errors,
		 int *warnings)
{
	size_t len;
	FILE *out = open_memstream(msgs, &len);
	struct diag d;
	diag_init(&d, out);
	bool ok = style_load(name, ".", a, &d, st);
	fclose(out);
	*errors = d.errors;
	*warnings = d.warnings;
	return ok;
}

/* Whether `s` ends with `tail`. */
static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

/* Read a whole small file; NULL if it cannot be read. Heap-owned. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	int c;
	while ((c = fgetc(f)) != EOF)
		fputc(c, out);
	fclose(out);
	fclose(f);
	return buf;
}

/* The independence layout loads exactly as designed. */
static void test_independence(void)
{
	struct arena a;
	arena_init(&a);
	struct style st;
	char *msgs;
	int errors, warnings;
	bool ok = load("independence", &a, &st, &msgs, &errors, &warnings);
	CHECK(ok, "independence loads");
	CHECK_STR(msgs, "", "independence loads without messages");
	CHECK_INT(errors + warnings, 0, "independence: no errors or warnings");
	CHECK_STR(st.name, "independence", "independence: name from the file name");
	CHECK_NEAR(st.page_width, 612, 1e-9, "independence: US Letter width");
	CHECK_NEAR(st.page_height, 792, 1e-9, "independence: US Letter height");
	CHECK_NEAR(st.margin_left, 54, 1e-9, "independence: 0.75in left margin");
	CHECK_NEAR(st.margin_top, 61.2, 1e-9, "independence: 0.85in top margin");
	CHECK(st.font_path[FACE_REGULAR] && st.font_path[FACE_REGULAR][0] == '/' &&
		      ends_with(st.font_path[FACE_REGULAR], "/fonts/OpenSans-Regular.ttf"),
	      "independence: regular face is Open Sans, as an absolute path");
	CHECK(st.font_path[FACE_HEADING] && ends_with(st.font_path[FACE_HEADING], "/OpenSans-Semibold.ttf"),
	      "independence: headings in Open Sans Semibold");
	CHECK(st.font_path[FACE_FALLBACK_BOLD] &&
		      ends_with(st.font_path[FACE_FALLBACK_BOLD], "/DejaVuSans-Bold.ttf"),
	      "independence: DejaVu Sans Bold as the bold fallback");
	CHECK_INT(st.font_line[FACE_ITALIC], 11, "independence: italic face named on line 11");
	CHECK(st.logo_path && ends_with(st.logo_path, "/layouts/independence-emblem.png"),
	      "independence: the emblem is the logo");
	CHECK_NEAR(st.color_primary.r * 255, 0x1F, 1e-9, "independence: navy primary (red)");
	CHECK_NEAR(st.color_primary.b * 255, 0x5F, 1e-9, "independence: navy primary (blue)");
	CHECK_NEAR(st.color_accent.g * 255, 0xA2, 1e-9, "independence: gold accent (green)");
	CHECK_STR(st.status_label[STATUS_MET], "Goal Met", "independence: met label");
	CHECK_STR(st.status_label[STATUS_NOT_MET], "Goal Not Met", "independence: not-met label");
	CHECK_NEAR(st.size_body, 9.5, 1e-9, "independence: body size");
	CHECK_NEAR(st.leading, 1.4, 1e-9, "independence: leading");
	CHECK_STR(st.header_right, "{title} · {period}", "independence: header right");
	CHECK_INT(st.nparts, 6, "independence: all six parts");
	CHECK_INT(st.parts[0], PART_COVER, "independence: cover first");
	CHECK_INT(st.parts[5], PART_APPENDIX, "independence: appendix last");
	free(msgs);
	arena_free(&a);
}

/* The plain layout loads, by file name, and suits grayscale printing. */
static void test_plain(void)
{
	struct arena a;
	arena_init(&a);
	struct style st;
	char *msgs;
	int errors, warnings;
	bool ok = load("layouts/plain.xml", &a, &st, &msgs, &errors, &warnings);
	CHECK(ok, "plain loads by file name");
	CHECK_STR(msgs, "", "plain loads without messages");
	CHECK_STR(st.name, "plain", "plain: name from the file name");
	CHECK_NEAR(st.page_width, 595.2755906, 1e-6, "plain: A4 width");
	CHECK_NEAR(st.page_height, 841.8897638, 1e-6, "plain: A4 height");
	CHECK_NEAR(st.margin_bottom, 20 / 25.4 * 72, 1e-9, "plain: 20mm margins");
	CHECK(st.logo_path == NULL, "plain: no logo");
	CHECK(st.font_path[FACE_REGULAR] && ends_with(st.font_path[FACE_REGULAR], "/LiberationSerif-Regular.ttf"),
	      "plain: Liberation Serif body");
	/* Grayscale printing: the four status colours must differ clearly in lightness. */
	double l[STATUS_COUNT];
	for (int i = 0; i < STATUS_COUNT; i++)
		l[i] = 0.2126 * st.status_color[i].r + 0.7152 * st.status_color[i].g +
		       0.0722 * st.status_color[i].b;
	bool apart = true;
	for (int i = 0; i < STATUS_COUNT; i++)
		for (int j = i + 1; j < STATUS_COUNT; j++)
			if (fabs(l[i] - l[j]) < 0.08)
				apart = false;
	CHECK(apart, "plain: status colours differ in lightness");
	free(msgs);
	arena_free(&a);
}

/* Fallbacks, and faces a layout leaves out. */
static void test_defaults(void)
{
	struct style st;
	style_defaults(&st);
	CHECK_STR(st.status_label[STATUS_UNDER], "Under Goal", "defaults: under label");
	CHECK_STR(st.status_label[STATUS_NO_DATA], "No Data", "defaults: no-data label");
	CHECK_INT(st.nparts, PART_COUNT, "defaults: every part");
	CHECK(st.font_path[FACE_REGULAR] == NULL, "defaults: no font until a layout is read");

	/* A layout that names nothing falls back to DejaVu Sans for every face. */
	struct arena a;
	arena_init(&a);
	char *msgs;
	int errors, warnings;
	char tmp[] = "/tmp/qreport-layout-XXXXXX";
	int fd = mkstemp(tmp);
	FILE *f = fdopen(fd, "w");
	fputs("<layout format=\"1\"/>\n", f);
	fclose(f);
	bool ok = load(tmp, &a, &st, &msgs, &errors, &warnings);
	remove(tmp);
	CHECK(ok, "an empty layout loads");
	CHECK_STR(msgs, "", "an empty layout gives no messages");
	CHECK(st.font_path[FACE_BOLD_ITALIC] && ends_with(st.font_path[FACE_BOLD_ITALIC], "/DejaVuSans-Bold.ttf"),
	      "an empty layout: bold-italic borrows bold's default");
	CHECK(st.font_path[FACE_ITALIC] && ends_with(st.font_path[FACE_ITALIC], "/DejaVuSans.ttf"),
	      "an empty layout: italic borrows regular's default");
	free(msgs);
	arena_free(&a);
}

/* An unknown layout name lists the bundled ones. */
static void test_unknown_name(void)
{
	struct arena a;
	arena_init(&a);
	struct style st;
	char *msgs;
	int errors, warnings;
	bool ok = load("fancy", &a, &st, &msgs, &errors, &warnings);
	CHECK(!ok, "an unknown layout name fails");
	CHECK_STR(msgs,
		  "qreport: error: unknown layout 'fancy'; expected independence or plain, or the path of a layout file\n",
		  "an unknown layout name lists the bundled ones");
	free(msgs);
	arena_free(&a);
}

/* qsort order for file names. */
static int cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Every tests/bad-layouts/NAME.xml against NAME.err. */
static void test_bad_layouts(void)
{
	DIR *dp = opendir(BAD_DIR);
	CHECK(dp != NULL, "tests/bad-layouts exists (run from the top of the source tree)");
	if (!dp)
		return;
	char *names[256];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL && n < 256)
		if (strlen(e->d_name) > 4 && strcmp(e->d_name + strlen(e->d_name) - 4, ".xml") == 0)
			names[n++] = xstrdup(e->d_name);
	closedir(dp);
	qsort(names, n, sizeof *names, cmp_names);
	CHECK(n >= 10, "at least ten bad layouts to check");
	bool update = getenv("QREPORT_UPDATE_GOLDEN") != NULL;
	for (size_t i = 0; i < n; i++) {
		char path[512], golden[512], what[600];
		snprintf(path, sizeof path, BAD_DIR "/%s", names[i]);
		snprintf(golden, sizeof golden, BAD_DIR "/%.*s.err", (int)(strlen(names[i]) - 4), names[i]);
		struct arena a;
		arena_init(&a);
		struct style st;
		char *msgs;
		int errors, warnings;
		bool ok = load(path, &a, &st, &msgs, &errors, &warnings);
		if (update) {
			FILE *f = fopen(golden, "w");
			fputs(msgs, f);
			fclose(f);
		}
		char *want = slurp(golden);
		snprintf(what, sizeof what, "%s: messages match %s", names[i], golden);
		CHECK_STR(msgs, want ? want : "(no .err file)", what);
		snprintf(what, sizeof what, "%s: fails exactly when it reports an error", names[i]);
		CHECK(ok == (errors == 0) && (errors > 0 || warnings > 0), what);
		snprintf(what, sizeof what, "%s: every message names the layout file and a line", names[i]);
		bool located = true;
		for (char *line = msgs; *line;) {
			char *end = strchr(line, '\n');
			if (strncmp(line, path, strlen(path)) != 0 || line[strlen(path)] != ':' ||
			    line[strlen(path) + 1] < '1' || line[strlen(path) + 1] > '9')
				located = false;
			line = end ? end + 1 : line + strlen(line);
		}
		CHECK(located, what);
		snprintf(what, sizeof what, "%s: every message says what was expected", names[i]);
		bool expected = true;
		for (char *line = msgs; *line;) {
			char *end = strchr(line, '\n');
			size_t len = end ? (size_t)(end - line) : strlen(line);
			char *mark = strstr(line, "; expected ");
			if (!mark || mark > line + len)
				expected = false;
			line += len + (end != NULL);
		}
		CHECK(expected, what);
		free(want);
		free(msgs);
		free(names[i]);
		arena_free(&a);
	}
}

/* <numbers negative-currency="parentheses"/> is read; minus is the fallback. */
static void test_numbers(void)
{
	struct arena a;
	arena_init(&a);
	struct style st;
	char *msgs;
	int errors, warnings;
	char tmp[] = "/tmp/qreport-layout-XXXXXX";
	int fd = mkstemp(tmp);
	FILE *f = fdopen(fd, "w");
	fputs("<layout format=\"1\">\n  <numbers negative-currency=\"parentheses\"/>\n</layout>\n", f);
	fclose(f);
	bool ok = load(tmp, &a, &st, &msgs, &errors, &warnings);
	remove(tmp);
	CHECK(ok && st.negative_parentheses, "negative currency in parentheses is read");
	free(msgs);
	ok = load("plain", &a, &st, &msgs, &errors, &warnings);
	CHECK(ok && !st.negative_parentheses, "a layout that says nothing writes a minus sign");
	free(msgs);
	arena_free(&a);
}

/* Run every test. */
/* Every one of the press packet's words has a name, fallback words and
 * placeholders, and its fallback uses only placeholders it may hold, so
 * that a layout copying a fallback is never refused. */
static void test_press_catalogue(void)
{
	bool named = true, closed = true, allowed = true;
	for (int w = 0; w < PW_COUNT; w++) {
		const struct press_word_info *info = press_word_info((enum press_word)w);
		if (!info->name || !info->fallback || !info->placeholders) {
			named = false;
			continue;
		}
		CHECK(press_word_find(info->name) == (enum press_word)w, info->name);
		for (const char *p = info->fallback; (p = strchr(p, '{')) != NULL;) {
			const char *end = strchr(p, '}');
			if (!end) {
				closed = false;
				break;
			}
			bool known = false;
			for (const char *const *k = info->placeholders; *k; k++)
				known |= strlen(*k) == (size_t)(end - p - 1) &&
					 strncmp(*k, p + 1, (size_t)(end - p - 1)) == 0;
			if (!known) {
				printf("# %s: %.*s\n", info->name, (int)(end - p + 1), p);
				allowed = false;
			}
			p = end + 1;
		}
	}
	CHECK(named, "every press word has a name, fallback words and placeholders");
	CHECK(closed, "every fallback closes its braces");
	CHECK(allowed, "every fallback uses only the placeholders its words may hold");
	CHECK(press_word_find("no-such-words") == PW_COUNT, "an unknown name is not found");
}

/* A layout's own words replace the fallbacks one by one; the scorecard's
 * least type size is read; the rest keep their fallbacks. */
static void test_press_words(void)
{
	char dir[] = "/tmp/qreport-press-XXXXXX";
	CHECK(mkdtemp(dir) != NULL, "a scratch folder is made");
	char path[64];
	snprintf(path, sizeof path, "%s/press.xml", dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL, "a scratch layout file is made");
	if (!f)
		return;
	const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			  "<layout format=\"1\">\n"
			  "  <press scorecard-min-type=\"8pt\">\n"
			  "    <words name=\"headline\" text=\"{name} a atteint {met} objectifs sur {measures}\"/>\n"
			  "    <words name=\"end\" text=\"\"/>\n"
			  "  </press>\n"
			  "</layout>\n";
	CHECK(fputs(xml, f) >= 0 && fclose(f) == 0, "the scratch layout is written");
	struct arena a;
	arena_init(&a);
	struct style st;
	char *msgs = NULL;
	int errors, warnings;
	bool ok = load(path, &a, &st, &msgs, &errors, &warnings);
	CHECK(ok && errors == 0, "a layout with its own press words loads");
	CHECK_STR(st.press_word[PW_HEADLINE], "{name} a atteint {met} objectifs sur {measures}",
		  "its headline is its own");
	CHECK_INT(st.press_word_line[PW_HEADLINE], 4, "the headline's line is kept for messages");
	CHECK_STR(st.press_word[PW_END], "", "empty words leave the end mark out");
	CHECK_STR(st.press_word[PW_LEAD], press_word_info(PW_LEAD)->fallback,
		  "words it leaves out keep their fallback");
	CHECK_NEAR(st.scorecard_least_type, 8, 1e-9, "the scorecard's least type size is read");
	struct style d;
	style_defaults(&d);
	CHECK_NEAR(d.scorecard_least_type, SCORECARD_LEAST_TYPE, 1e-9,
		   "without a layout the scorecard shrinks to 7pt at least");
	free(msgs);
	arena_free(&a);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	test_press_catalogue();
	test_press_words();
	test_independence();
	test_plain();
	test_defaults();
	test_unknown_name();
	test_numbers();
	test_bad_layouts();
	return harness_done();
}
