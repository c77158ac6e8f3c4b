/* libFuzzer target: the whole pipeline on one input, in memory.
 *
 * Bytes → load_report_memory → eval_report → layout_report (bundled `plain`
 * layout) → pdf_writer_save into memory. An input whose first byte is 'X'
 * has that byte dropped and also goes through the workbook back end into a temporary
 * folder: the workbook is slower, so the fuzzer chooses when to pay for it.
 *
 * Besides crashes, leaks and hangs (and libxml2 printing a message of its
 * own on stderr), the target aborts on broken promises
 * that a user would see as a wrong result rather than a crash:
 *   - the loader returns a report although it reported an error, or
 *     returns nothing without saying why;
 *   - a message is not in the form `fuzz.xml:LINE: level: ...` on one line;
 *   - a message shows the content of a local file (the canary below)
 *     that the input itself does not contain;
 *   - a data file the loader accepted cannot be laid out or written.
 *
 * Run `make fuzz` (see the Makefile) or replay files with
 * `build-fuzz/fuzz_report FILE...`. The layouts and fonts are found like the
 * program finds them: $QREPORT_DATADIR, else the source tree the binary was
 * built in. */
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

/* The name the loader puts in front of every message. */
#define INPUT_NAME "fuzz.xml"
/* The first byte that asks for the workbook too. */
#define XLSX_MODE_BYTE 'X'
/* /etc/passwd's first line on every Unix: an external entity or XInclude
 * that reached a local file would show it in a message. */
#define LOCAL_FILE_CANARY "root:x:0:0:"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What every input shares: the layout, the fonts, where workbooks go.
 * libFuzzer calls two plain functions and passes no context, so this is the
 * one place that state can live from one call to the next. */
struct fuzz_setup {
	char *datadir;
	struct arena style_arena;
	struct style style;
	struct pdf_writer *pdf;
	const char *tmpdir;
	char xlsx_dir[64];   /* Exists only while a workbook is written. */
	char xlsx_path[96];
};

static struct fuzz_setup setup;

/* Remove the workbook and its folder, if one is being written. */
static void remove_temp(void)
{
	if (setup.xlsx_path[0])
		unlink(setup.xlsx_path);
	if (setup.xlsx_dir[0])
		rmdir(setup.xlsx_dir);
	setup.xlsx_path[0] = setup.xlsx_dir[0] = '\0';
}

/* Stop the run with a message libFuzzer keeps next to the input. */
static void fail(const char *what, const char *messages)
{
	fprintf(stderr, "fuzz_report: %s\n", what);
	if (messages && *messages)
		fprintf(stderr, "--- messages ---\n%s--- end ---\n", messages);
	remove_temp();
	abort();
}

/* Release what LLVMFuzzerInitialize made, so a replay run ends leak-free. */
static void teardown(void)
{
	remove_temp();
	pdf_writer_free(setup.pdf);
	arena_free(&setup.style_arena);
	free(setup.datadir);
}

/* Load the layout and its fonts once: every input is laid out with them. */
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
	fprintf(stderr, "fuzz_report: libxml2 printed a message of its own: %s\n", text);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	xmlSetGenericErrorFunc(NULL, on_raw_library_message);
	struct diag d;
	diag_init(&d, stderr);
	setup.datadir = find_datadir(argv && *argv ? (*argv)[0] : NULL);
	arena_init(&setup.style_arena);
	if (!style_load("plain", setup.datadir, &setup.style_arena, &d, &setup.style)) {
		fprintf(stderr, "fuzz_report: cannot load the plain layout from %s; set QREPORT_DATADIR to the source tree\n",
			setup.datadir);
		exit(1);
	}
	setup.pdf = pdf_writer_new(&setup.style, &d);
	if (!setup.pdf) {
		fprintf(stderr, "fuzz_report: cannot load the plain layout's fonts from %s\n", setup.datadir);
		exit(1);
	}
	const char *tmp = getenv("TMPDIR");
	setup.tmpdir = tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp";
	atexit(teardown);
	return 0;
}

/* Whether the `len` bytes at `s` contain `needle` (memmem is not POSIX). */
static bool span_has(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return true;
	return false;
}

/* Every message line must name the input and say its level: a quoted value
 * that carries a newline, or a message from a library that escaped the
 * loader, would break the one-line form people and editors rely on. */
static void check_messages(const char *messages, const uint8_t *data, size_t size)
{
	if (strstr(messages, LOCAL_FILE_CANARY) &&
	    !span_has((const char *)data, size, LOCAL_FILE_CANARY))
		fail("a message shows the content of a local file", messages);
	for (const char *line = messages; *line;) {
		const char *end = strchr(line, '\n');
		if (!end)
			fail("the last message does not end with a newline", messages);
		size_t len = (size_t)(end - line);
		if (strncmp(line, INPUT_NAME ":", sizeof INPUT_NAME) != 0 ||
		    !(span_has(line, len, ": error: ") || span_has(line, len, ": warning: ") ||
		      span_has(line, len, ": note: ")))
			fail("a message line is not in the form " INPUT_NAME ":LINE: level: ...", messages);
		line = end + 1;
	}
}

/* Lay out, paint into memory and, when asked, write the workbook. */
static void render(const struct report *r, bool want_xlsx, struct diag *d, FILE *msgs,
		   char **messages)
{
	struct arena layout_arena;
	arena_init(&layout_arena);
	struct presentation *p = present_report(r, &setup.style);
	struct doc *doc = layout_report(p, &setup.style, pdf_writer_metrics(setup.pdf),
					&layout_arena, d);
	fflush(msgs);
	if (!doc)
		fail("layout_report refused a data file the loader accepted", *messages);
	size_t pdf_size = 0;
	enum write_result res = pdf_writer_save(setup.pdf, doc, r, &setup.style, NULL, &pdf_size, d);
	fflush(msgs);
	if (res != WRITE_OK || pdf_size == 0)
		fail("pdf_writer_save failed on a data file the loader accepted", *messages);
	arena_free(&layout_arena);

	/* A folder per workbook, so a run that libFuzzer ends (a timeout skips
	 * every exit handler) leaves one behind only if it was writing one. */
	if (want_xlsx) {
		snprintf(setup.xlsx_dir, sizeof setup.xlsx_dir, "%s/qreport-fuzz.XXXXXX", setup.tmpdir);
		if (!mkdtemp(setup.xlsx_dir))
			fail("cannot make a temporary folder for the workbook", NULL);
		snprintf(setup.xlsx_path, sizeof setup.xlsx_path, "%s/fuzz.xlsx", setup.xlsx_dir);
		struct backend_job job = {.r = r, .st = &setup.style, .datadir = setup.datadir, .pres = p,
					  .d = d};
		res = write_output_file(render_xlsx, &job, setup.xlsx_path);
		fflush(msgs);
		if (res != WRITE_OK)
			fail("render_xlsx failed on a data file the loader accepted", *messages);
		remove_temp();
	}
	present_free(p);
}

/* One input through the whole pipeline. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool want_xlsx = size > 0 && data[0] == XLSX_MODE_BYTE;
	if (want_xlsx) {
		data++;
		size--;
	}
	char *messages = NULL;
	size_t messages_len = 0;
	FILE *msgs = open_memstream(&messages, &messages_len);
	if (!msgs)
		fail("open_memstream failed", NULL);
	struct diag d;
	diag_init(&d, msgs);

	struct report *r = load_report_memory(INPUT_NAME, (const char *)data, size, &d);
	fflush(msgs);
	if (r && d.errors)
		fail("the loader returned a report after reporting errors", messages);
	if (!r && !d.errors)
		fail("the loader refused the input without an error message", messages);
	if (r) {
		eval_report(r);
		render(r, want_xlsx, &d, msgs, &messages);
		if (d.errors)
			fail("an error was reported after the loader accepted the input", messages);
	}
	fclose(msgs);
	check_messages(messages, data, size);
	free(messages);
	report_free(r);
	return 0;
}
