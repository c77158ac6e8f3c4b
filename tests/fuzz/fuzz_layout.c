/* libFuzzer target: layout files, with the logo and font they may bring.
 *
 * An input is a layout file, optionally followed by a line "==logo==" and
 * the bytes of an image, and by a line "==font==" and the bytes of a font.
 * They are written as layout.xml, logo.img and font.ttf into one folder, so
 * a layout that names file="logo.img" or file="font.ttf" reads them (the
 * bundled fonts and the emblem stay reachable through the data folder).
 * Each layout goes through style_load (the XML reader, the TrueType reader,
 * libpng and libjpeg), then pdf_writer_new (the fonts' metrics), then lays
 * out a fixed small report and writes the PDF into memory (libharu's font
 * and image loaders).
 *
 * Besides crashes, leaks and hangs, the target aborts on broken promises
 * (and when libxml2 would print a message of its own on stderr):
 *   - style_load refuses a layout without an error, or accepts one after
 *     reporting an error;
 *   - a layout that style_load and pdf_writer_new accept (what
 *     `--check --layout` calls fine) cannot be laid out or written;
 *   - a message is not in the form `LAYOUT:LINE: level: ...` on one line
 *     (or `qreport: level: ...` for a message about no file).
 *
 * Replay files with `build-fuzz/fuzz_layout FILE...`; `make fuzz-layout`
 * runs it. */
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdarg.h>

#include <libxml/xmlerror.h>

#include "arena.h"
#include "diag.h"
#include "eval.h"
#include "layout.h"
#include "load.h"
#include "model.h"
#include "paths.h"
#include "present.h"
#include "render.h"
#include "style.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A small report with every kind of text the layout draws. */
static const char report_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<report format=\"1\"><meta><organization>City of Fuzz</organization>"
	"<title>Dashboard</title><subtitle>Layouts</subtitle><plan>Plan 2030</plan>"
	"<fiscal-year start-month=\"7\" named-by=\"end\"/><period>FY2018-Q1</period>"
	"<published>2017-11-13</published></meta>"
	"<goals><goal id=\"g\" name=\"Quality of life\"><statement>Better, <b>faster</b>, "
	"<a href=\"https://example.org\">linked</a>.</statement>"
	"<measure id=\"m1\" unit=\"percent\"><name>Residents satisfied</name>"
	"<department>Parks</department><target at-least=\"75\"/>"
	"<benchmark label=\"National\" value=\"70\"/>"
	"<value period=\"FY2017-Q1\" actual=\"71\"/><value period=\"FY2017-Q4\" actual=\"74\"/>"
	"<value period=\"FY2018-Q1\" actual=\"78\"/><commentary>Up <i>again</i>.</commentary>"
	"</measure><measure id=\"m2\" unit=\"duration\"><name>Response time</name>"
	"<target at-most=\"5:00\"/><value period=\"FY2018-Q1\" actual=\"6:10\"/>"
	"<action>Hire.</action></measure></goal></goals>"
	"<narrative><section id=\"s\" title=\"Highlights\"><p>Text \xc3\xa9\xe2\x80\x93 more.</p>"
	"<measures refs=\"m1 m2\"/></section></narrative></report>\n";

/* What every input shares. libFuzzer passes no context, so it lives here. */
struct fuzz_setup {
	char *datadir;
	char dir[64];           /* Where the input's files are written. */
	char layout_path[96];
	char logo_path[96];
	char font_path[96];
	struct report *report;
};

static struct fuzz_setup setup;

static void teardown(void)
{
	unlink(setup.layout_path);
	unlink(setup.logo_path);
	unlink(setup.font_path);
	rmdir(setup.dir);
	report_free(setup.report);
	free(setup.datadir);
}

static void fail(const char *what, const char *messages)
{
	fprintf(stderr, "fuzz_layout: %s\n", what);
	if (messages && *messages)
		fprintf(stderr, "--- messages ---\n%s--- end ---\n", messages);
	abort();
}

/* libxml2's own printer: a message that reaches it would be printed raw
 * on stderr, outside the program's message form. */
static void on_raw_library_message(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void on_raw_library_message(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	fprintf(stderr, "fuzz_layout: libxml2 printed a message of its own: %s\n", text);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	xmlSetGenericErrorFunc(NULL, on_raw_library_message);
	setup.datadir = find_datadir(argv && *argv ? (*argv)[0] : NULL);
	const char *tmp = getenv("TMPDIR");
	snprintf(setup.dir, sizeof setup.dir, "%s/qreport-fuzz-layout.XXXXXX",
		 tmp && *tmp && strlen(tmp) < 30 ? tmp : "/tmp");
	if (!mkdtemp(setup.dir)) {
		fprintf(stderr, "fuzz_layout: cannot make a temporary folder\n");
		exit(1);
	}
	snprintf(setup.layout_path, sizeof setup.layout_path, "%s/layout.xml", setup.dir);
	snprintf(setup.logo_path, sizeof setup.logo_path, "%s/logo.img", setup.dir);
	snprintf(setup.font_path, sizeof setup.font_path, "%s/font.ttf", setup.dir);
	struct diag d;
	diag_init(&d, stderr);
	setup.report = load_report_memory("fuzz.xml", report_xml, sizeof report_xml - 1, &d);
	if (!setup.report) {
		fprintf(stderr, "fuzz_layout: the built-in report does not load\n");
		exit(1);
	}
	eval_report(setup.report);
	atexit(teardown);
	return 0;
}

/* Where `marker` (a whole line) starts in data[0, size), or size. */
static size_t find_marker(const uint8_t *data, size_t size, const char *marker)
{
	size_t n = strlen(marker);
	for (size_t i = 0; i + n <= size; i++)
		if ((i == 0 || data[i - 1] == '\n') && memcmp(data + i, marker, n) == 0)
			return i;
	return size;
}

/* Write bytes to `path`, or remove it when there are none to write. */
static void put_file(const char *path, const uint8_t *data, size_t size, bool present)
{
	unlink(path);
	if (!present)
		return;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		fail("cannot write an input file", NULL);
	while (size > 0) {
		ssize_t w = write(fd, data, size);
		if (w <= 0)
			fail("cannot write an input file", NULL);
		data += w;
		size -= (size_t)w;
	}
	close(fd);
}

/* Every message line names the layout (or no file) and says its level. */
static void check_messages(const char *messages)
{
	size_t llen = strlen(setup.layout_path);
	for (const char *line = messages; *line;) {
		const char *end = strchr(line, '\n');
		if (!end)
			fail("the last message does not end with a newline", messages);
		bool named = (strncmp(line, setup.layout_path, llen) == 0 &&
			      (line[llen] == ':')) ||
			     strncmp(line, "qreport: ", 9) == 0;
		const char *level = strstr(line, ": error: ");
		if (!level || level > end)
			level = strstr(line, ": warning: ");
		if (!level || level > end)
			level = strstr(line, ": note: ");
		if (!named || !level || level > end)
			fail("a message line is not in the form LAYOUT:LINE: level: ...", messages);
		line = end + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t logo_at = find_marker(data, size, "==logo==\n");
	size_t font_at = find_marker(data, size, "==font==\n");
	size_t layout_end = logo_at < font_at ? logo_at : font_at;
	put_file(setup.layout_path, data, layout_end, true);
	if (logo_at < size) {
		size_t from = logo_at + 9, to = font_at > logo_at ? font_at : size;
		put_file(setup.logo_path, data + from, to - from, true);
	} else {
		put_file(setup.logo_path, NULL, 0, false);
	}
	if (font_at < size) {
		size_t from = font_at + 9, to = logo_at > font_at ? logo_at : size;
		put_file(setup.font_path, data + from, to - from, true);
	} else {
		put_file(setup.font_path, NULL, 0, false);
	}

	char *messages = NULL;
	size_t messages_len = 0;
	FILE *msgs = open_memstream(&messages, &messages_len);
	if (!msgs)
		fail("open_memstream failed", NULL);
	struct diag d;
	diag_init(&d, msgs);
	struct arena a;
	arena_init(&a);
	struct style st;
	bool ok = style_load(setup.layout_path, setup.datadir, &a, &d, &st);
	fflush(msgs);
	if (ok && d.errors)
		fail("style_load accepted a layout after reporting an error", messages);
	if (!ok && !d.errors)
		fail("style_load refused a layout without an error message", messages);
	struct pdf_writer *w = ok ? pdf_writer_new(&st, &d) : NULL;
	fflush(msgs);
	if (w && d.errors)
		fail("pdf_writer_new made a writer after reporting an error", messages);
	if (w) {
		struct arena layout_arena;
		arena_init(&layout_arena);
		struct presentation *pres = present_report(setup.report, &st);
		struct doc *doc = layout_report(pres, &st, pdf_writer_metrics(w), &layout_arena, &d);
		fflush(msgs);
		if (!doc)
			fail("a layout that --check accepts cannot be laid out", messages);
		size_t pdf_size = 0;
		enum write_result res = pdf_writer_save(w, doc, setup.report, &st, NULL, &pdf_size, &d);
		fflush(msgs);
		if (res != WRITE_OK || pdf_size == 0 || d.errors)
			fail("a layout that --check accepts cannot be written", messages);
		arena_free(&layout_arena);
		present_free(pres);
		pdf_writer_free(w);
	}
	fclose(msgs);
	check_messages(messages);
	free(messages);
	arena_free(&a);
	return 0;
}
