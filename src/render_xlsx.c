/* The companion workbook: the evaluated report as sheets an analyst can sort,
 * filter, chart and recompute. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "outfile.h"
#include "render.h"
#include "period.h"
#include "xlsx.h"

/* The workbook's creation time: the one date every output carries. */
static time_t created_time(const struct report *r)
{
	bool day;
	return (time_t)report_time(r, &day);
}

/* libxlsxwriter reports some failures only by printing "[ERROR]..." on the
 * standard error stream: a cell whose memory could not be allocated is left
 * out while the write still returns success, so the workbook would come out
 * short and look whole. While the library runs, the stream goes to a
 * temporary file; afterwards the program's own lines are passed on, the
 * library's are put in the program's form, and any library error refuses
 * the workbook. */
struct capture {
	int saved;  /* The real standard error. */
	FILE *file; /* Where the stream goes meanwhile. */
	const char *path; /* The workbook, for messages passed on. */
	struct diag *d;
};

/* The capture in progress, for an exit from deep inside (the program's
 * allocators stop it when memory runs out): its message would otherwise
 * stay in the capture's file. A process writes one workbook at a time. */
static struct capture *active_capture;

/* At exit: give the stream back and pass on what was said meanwhile. */
static void capture_at_exit(void)
{
	struct capture *c = active_capture;
	if (!c)
		return;
	active_capture = NULL;
	fflush(stderr);
	dup2(c->saved, STDERR_FILENO);
	rewind(c->file);
	char why[200];
	xlsx_pass_on(c->file, stderr, c->path, c->d, why, sizeof why);
	fflush(stderr);
}

/* Start capturing; false when no temporary file can be made. */
static bool capture_begin(struct capture *c)
{
	fflush(stderr);
	c->file = temp_stream();
	c->saved = -1;
	if (!c->file)
		return false;
	c->saved = dup(STDERR_FILENO);
	if (c->saved < 0 || dup2(fileno(c->file), STDERR_FILENO) < 0) {
		if (c->saved >= 0)
			close(c->saved);
		fclose(c->file);
		return false;
	}
	static bool hooked;
	if (!hooked)
		hooked = atexit(capture_at_exit) == 0;
	active_capture = c;
	return true;
}

bool xlsx_pass_on(FILE *in, FILE *out, const char *path, struct diag *d, char *why,
		  size_t why_size)
{
	bool library_error = false;
	char line[1024];
	bool line_start = true;
	while (fgets(line, sizeof line, in)) {
		bool whole = strchr(line, '\n') != NULL;
		bool is_error = line_start && strncmp(line, "[ERROR]", 7) == 0;
		bool is_warning = line_start && strncmp(line, "[WARNING]", 9) == 0;
		if (!is_error && !is_warning) {
			fputs(line, out);
			line_start = whole;
			continue;
		}
		/* "[ERROR][worksheet.c:858]: Memory allocation failed." */
		const char *words = strstr(line, "]: ");
		words = words ? words + 3 : line;
		int n = (int)strcspn(words, "\n");
		if (is_warning)
			diag_warn(d, path, 0, "the spreadsheet library says: %.*s", n, words);
		else if (!library_error)
			snprintf(why, why_size, "%.*s", n, words);
		library_error = library_error || is_error;
		while (!whole && fgets(line, sizeof line, in)) /* The rest of a long line. */
			whole = strchr(line, '\n') != NULL;
		line_start = true;
	}
	return library_error;
}

/* Give the stream back and pass on what was said meanwhile. Returns true
 * when the library reported an error; `why` gets its first one's words. */
static bool capture_end(struct capture *c, const char *path, struct diag *d, char *why,
			size_t why_size)
{
	active_capture = NULL;
	fflush(stderr);
	dup2(c->saved, STDERR_FILENO);
	close(c->saved);
	rewind(c->file);
	bool library_error = xlsx_pass_on(c->file, stderr, path, d, why, why_size);
	fclose(c->file);
	return library_error;
}

/* Why closing failed, in words: for file and zip errors the system's own
 * reason ("No space left on device"), which the library's silenced message
 * would have given, else the library's description of the error. */
static const char *close_reason(lxw_error e, int err)
{
	bool file_error = e == LXW_ERROR_CREATING_XLSX_FILE || e == LXW_ERROR_CREATING_TMPFILE ||
			  e == LXW_ERROR_ZIP_FILE_OPERATION;
	return file_error && err != 0 ? strerror(err) : lxw_strerror(e);
}

/* Title, subject, author and the rest of the document properties. */
static void set_properties(struct xlsx *x, time_t created)
{
	const struct report *r = x->r;
	lxw_doc_properties p = {
		.title = xlsx_strdup(x, x->p->doc_title),
		.subject = xlsx_strdup(x, x->p->doc_subject),
		.author = xlsx_strdup(x, r->organization),
		.company = xlsx_strdup(x, r->organization),
		.category = xlsx_strdup(x, "Performance report"),
		.keywords = xlsx_strdup(x, x->p->doc_keywords),
		.comments = r->subtitle ? xlsx_strdup(x, r->subtitle) : NULL,
		.created = created,
	};
	xlsx_check(x, workbook_set_properties(x->wb, &p));
}

/* Every sheet, in the order readers meet them. Where the charts go is
 * worked out first, so that the Measures sheet can link to them. */
static void write_sheets(struct xlsx *x)
{
	xlsx_charts_plan(x);
	xlsx_summary(x);
	xlsx_measures(x);
	xlsx_history(x);
	xlsx_breakdown(x);
	xlsx_status_periods(x);
	xlsx_charts(x);
	xlsx_initiatives(x);
	xlsx_definitions(x);
	xlsx_benchmarks(x);
	xlsx_narrative(x);
	xlsx_chart_data(x);
	xlsx_about(x);
}

/* The library writes the workbook by name; it gets a name in a private
 * scratch folder (mode 0700, in TMPDIR, else /tmp), and the finished bytes
 * are copied through the output's descriptor. The output folder itself is
 * never written by name. */
struct scratch {
	char dir[4096];
	char file[4200];
};

/* Make the scratch folder; false with errno set. */
static bool scratch_begin(struct scratch *s)
{
	const char *tmpdir = getenv("TMPDIR");
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	if ((size_t)snprintf(s->dir, sizeof s->dir, "%s/qreport-xlsx.XXXXXX", tmpdir) >= sizeof s->dir) {
		errno = ENAMETOOLONG;
		return false;
	}
	if (!mkdtemp(s->dir))
		return false;
	snprintf(s->file, sizeof s->file, "%s/workbook.xlsx", s->dir);
	return true;
}

static void scratch_end(struct scratch *s)
{
	unlink(s->file);
	rmdir(s->dir);
}

/* Copy the finished workbook into `out`; false with errno set. */
static bool copy_into(const char *from, int out)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return false;
	char buf[65536];
	bool ok = true;
	for (;;) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ok = n == 0;
			break;
		}
		if (!write_all(out, buf, (size_t)n)) {
			ok = false;
			break;
		}
	}
	int err = errno;
	close(in);
	errno = err;
	return ok;
}

enum write_result render_xlsx(const struct backend_job *job, int out)
{
	const struct report *r = job->r;
	const char *path = job->path;
	struct diag *d = job->d;
	struct xlsx x = {.r = r, .p = job->pres, .st = job->st, .d = d, .err = LXW_NO_ERROR,
			 .real_stderr = -1};
	for (size_t i = 0; i < XLSX_PERIOD_SLOTS; i++)
		x.periods[i].index = -1;
	arena_init(&x.scratch);
	enum write_result result = WRITE_FAILED;
	time_t created = created_time(r);

	struct scratch scratch = {{0}, {0}};
	struct capture cap = {.path = path, .d = d};
	if (!scratch_begin(&scratch) || !capture_begin(&cap)) {
		diag_error(d, path, 0, "cannot start the workbook: no temporary file (%s); "
			   "expected a writable temporary folder (TMPDIR, else /tmp)", strerror(errno));
		if (scratch.dir[0] && scratch.file[0])
			scratch_end(&scratch);
		goto cleanup;
	}
	x.real_stderr = cap.saved;
	/* The library keeps each part in a scratch file until the end; it
	 * would put them in /tmp whatever TMPDIR says. */
	const char *tmpdir = getenv("TMPDIR");
	lxw_workbook_options options = {
		.tmpdir = tmpdir && *tmpdir ? xlsx_strdup(&x, tmpdir) : NULL,
	};
	x.wb = workbook_new_opt(scratch.file, &options);
	lxw_error closed = LXW_NO_ERROR;
	int close_errno = 0;
	if (x.wb) {
		set_properties(&x, created);
		xlsx_formats_init(&x);
		write_sheets(&x);
		/* Closing writes the file and frees the workbook, even after an error. */
		errno = 0;
		closed = workbook_close(x.wb);
		close_errno = errno;
	}
	char why[200] = "";
	bool library_error = capture_end(&cap, path, d, why, sizeof why);
	if (!x.wb) {
		diag_error(d, path, 0,
			   "cannot start the workbook (out of memory or no temporary folder); "
			   "expected a writable temporary folder (TMPDIR, else /tmp)");
		goto done;
	}
	x.wb = NULL;
	if (x.err != LXW_NO_ERROR) {
		diag_error(d, path, 0, "cannot build the workbook: %s; expected data within "
			   "spreadsheet limits", lxw_strerror(x.err));
		goto done;
	}
	if (closed != LXW_NO_ERROR) {
		diag_error(d, path, 0, "cannot write the workbook: %s; expected a writable "
			   "output folder with free space", close_reason(closed, close_errno));
		goto done;
	}
	if (library_error) {
		diag_error(d, path, 0, "cannot build the workbook: the spreadsheet library "
			   "says \"%s\"; expected enough memory to hold the workbook", why);
		goto done;
	}
	if (!copy_into(scratch.file, out)) {
		diag_error(d, path, 0, "cannot write the workbook: %s; the previous version, if "
			   "any, is unchanged", strerror(errno));
		goto done;
	}
	if (x.truncated)
		diag_warn(d, r->path, r->cell_cut_line, "this text is longer than a spreadsheet cell "
			  "holds (32,767 characters) and was cut short in the workbook, as was any "
			  "other text that long; the PDF shows it whole");
	result = WRITE_OK;
done:
	scratch_end(&scratch);
cleanup:
	xlsx_charts_plan_free(&x);
	xlsx_formats_free(&x);
	free(x.join);
	arena_free(&x.scratch);
	return result;
}
