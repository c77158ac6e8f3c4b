/* The companion workbook: the evaluated report as sheets an analyst can sort,
 * filter, chart and recompute. Written to a temporary file beside the target
 * and renamed into place only when complete. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "outfile.h"
#include "render.h"
#include "xlsx.h"

/* Days from 1970-01-01 to a proleptic Gregorian date. */
static long long days_since_epoch(struct date dt)
{
	long long y = dt.year - (dt.month <= 2);
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long mp = (dt.month + 9) % 12;
	long long doy = (153 * mp + 2) / 5 + dt.day - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The workbook's creation time: SOURCE_DATE_EPOCH when set, else the
 * published date, else the end of the report period. Never the clock, so the
 * same inputs always give the same bytes. */
static time_t created_time(const struct report *r, struct diag *d)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (errno == 0 && *end == '\0' && v > 0 && isdigit((unsigned char)sde[0]))
			return (time_t)v;
		diag_warn(d, NULL, 0,
			  "SOURCE_DATE_EPOCH is '%s'; expected seconds since 1970 such as "
			  "1510531200, so the workbook uses the report's date instead",
			  sde);
	}
	struct date dt = r->has_published ? r->published : r->period_end;
	if (dt.year < 1970)
		return (time_t)86400; /* Unevaluated model: any fixed time will do. */
	return (time_t)(days_since_epoch(dt) * 86400);
}

/* Send the standard error stream to /dev/null while the library creates or
 * writes the file: on a full disk or a missing folder it prints its own
 * "[ERROR] ..." lines, which name no data file and say less than the
 * message the program gives for the same failure. Returns the saved
 * descriptor for quiet_end, or -1 when nothing was changed. */
static int quiet_begin(void)
{
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	if (saved < 0)
		return -1;
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null < 0 || dup2(null, STDERR_FILENO) < 0) {
		if (null >= 0)
			close(null);
		close(saved);
		return -1;
	}
	close(null);
	return saved;
}

/* Give the standard error stream back after quiet_begin. */
static void quiet_end(int saved)
{
	if (saved < 0)
		return;
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
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
static void set_properties(struct xlsx *x)
{
	const struct report *r = x->r;
	const char *period = r->period_label ? r->period_label : "";
	lxw_doc_properties p = {
		.title = xlsx_strdup(x, r->title),
		.subject = arena_printf(&x->scratch, "%s performance measures, %s",
					r->organization ? r->organization : "", period),
		.author = xlsx_strdup(x, r->organization),
		.company = xlsx_strdup(x, r->organization),
		.category = xlsx_strdup(x, "Performance report"),
		.keywords = arena_printf(&x->scratch, "performance measures, %s%s%s",
					 r->plan ? r->plan : "", r->plan ? ", " : "", period),
		.comments = r->subtitle ? xlsx_strdup(x, r->subtitle) : NULL,
		.created = created_time(r, x->d),
	};
	xlsx_check(x, workbook_set_properties(x->wb, &p));
}

/* Every sheet, in the order readers meet them. */
static void write_sheets(struct xlsx *x)
{
	xlsx_summary(x);
	xlsx_measures(x);
	xlsx_history(x);
	xlsx_narrative(x);
	xlsx_about(x);
	xlsx_charts(x);
}

/* Write the workbook for an evaluated report to `path`, atomically. */
enum write_result render_xlsx(const struct report *r, const struct style *st, const char *path,
			      struct diag *d)
{
	struct outfile of;
	if (!outfile_begin(&of, path, d))
		return WRITE_FAILED;

	struct xlsx x = {.r = r, .st = st, .d = d, .err = LXW_NO_ERROR};
	for (size_t i = 0; i < XLSX_PERIOD_SLOTS; i++)
		x.periods[i].index = -1;
	arena_init(&x.scratch);
	enum write_result result = WRITE_FAILED;

	int quiet = quiet_begin();
	x.wb = workbook_new(of.temp_path);
	quiet_end(quiet);
	if (!x.wb) {
		diag_error(d, path, 0,
			   "cannot start the workbook (out of memory or no temporary folder); "
			   "expected a writable TMPDIR");
		goto cleanup;
	}
	set_properties(&x);
	xlsx_formats_init(&x);
	write_sheets(&x);

	/* Closing writes the file and frees the workbook, even after an error. */
	quiet = quiet_begin();
	errno = 0;
	lxw_error closed = workbook_close(x.wb);
	int close_errno = errno;
	quiet_end(quiet);
	x.wb = NULL;
	if (x.err != LXW_NO_ERROR) {
		diag_error(d, path, 0, "cannot build the workbook: %s; expected data within "
			   "spreadsheet limits", lxw_strerror(x.err));
		goto cleanup;
	}
	if (closed != LXW_NO_ERROR) {
		diag_error(d, path, 0, "cannot write the workbook: %s; expected a writable "
			   "output folder with free space", close_reason(closed, close_errno));
		goto cleanup;
	}
	if (!outfile_commit(&of, d))
		goto cleanup;
	if (x.truncated)
		diag_warn(d, r->path, 0, "some text is longer than a spreadsheet cell holds "
			  "(32,767 characters) and was cut short in the workbook");
	result = WRITE_OK;

cleanup:
	outfile_abort(&of); /* Removes the temporary file unless committed; frees the paths. */
	xlsx_formats_free(&x);
	free(x.join);
	arena_free(&x.scratch);
	return result;
}
