/* The intake workbook (qreport template): one row per measure for the
 * departments to fill in, with what they need beside it (goal, department,
 * unit, the target that applies, the last four results), the three columns
 * they fill (Actual, Commentary, Next steps) unlocked and everything else
 * locked, the Actual checked as it is typed for the measure's unit, and an
 * Instructions sheet. Its header row names the columns qreport import
 * reads, so the filled workbook goes straight back in. All the words come
 * from the presentation (present_intake.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "period.h"
#include "present_intake.h"
#include "render.h"
#include "xlsx.h"

/* The largest amount the data file format allows (units.h's AMOUNT_MAX). */
#define ACTUAL_LIMIT 1e15

/* The Measures sheet's columns. */
enum {
	C_ID, C_GOAL, C_MEASURE, C_DEPARTMENT, C_UNIT, C_TARGET, C_HISTORY,
	C_PERIOD = C_HISTORY + PRES_INTAKE_HISTORY, C_ACTUAL, C_COMMENTARY, C_NEXT_STEPS, NCOLS
};

/* The formats the intake adds to the workbook's own. */
struct intake_formats {
	lxw_format *locked;      /* Context: wrapped, top-aligned, locked. */
	lxw_format *input;       /* Actual: unlocked, filled. */
	lxw_format *input_text;  /* Actual of a duration: unlocked, text (so 8:37 stays 8:37). */
	lxw_format *input_wrap;  /* Commentary, next steps: unlocked, wrapped. */
	lxw_format *header;      /* Column headings. */
	lxw_format *input_header;
};

/* One data validation over rows first..last of the Actual column, for a
 * unit: the kind of number (or, for a duration, a colon) and the prompt. */
static void validate(struct xlsx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
		     enum unit unit, const struct pres_entry *e)
{
	lxw_data_validation v;
	memset(&v, 0, sizeof v);
	char formula[64];
	switch (unit) {
	case UNIT_COUNT:
		v.validate = LXW_VALIDATION_TYPE_INTEGER;
		break;
	case UNIT_NUMBER:
	case UNIT_PERCENT:
	case UNIT_CURRENCY:
	case UNIT_MINUTES:
		v.validate = LXW_VALIDATION_TYPE_DECIMAL;
		break;
	case UNIT_RATING:
	case UNIT_YES_NO:
		/* A word: the prompt says which ones. */
		v.validate = LXW_VALIDATION_TYPE_ANY;
		break;
	case UNIT_DURATION: {
		/* Typed as text: a colon is what tells minutes:seconds apart. */
		char col[8];
		lxw_col_to_name(col, C_ACTUAL, false);
		snprintf(formula, sizeof formula, "=ISNUMBER(FIND(\":\",%s%u))", col,
			 (unsigned)first + 1);
		v.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
		v.value_formula = formula;
		break;
	}
	}
	if (unit <= UNIT_LAST_NUMERIC && unit != UNIT_DURATION) {
		v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		v.minimum_number = -ACTUAL_LIMIT;
		v.maximum_number = ACTUAL_LIMIT;
	}
	v.input_title = xlsx_strdup(x, e->hint_title);
	v.input_message = xlsx_strdup(x, e->hint);
	v.error_title = xlsx_strdup(x, e->hint_title);
	v.error_message = xlsx_strdup(x, e->error);
	v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	xlsx_check(x, worksheet_data_validation_range(ws, first, C_ACTUAL, last, C_ACTUAL, &v));
}

/* The Instructions sheet. */
static void instructions(struct xlsx *x, const struct pres_intake *in)
{
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, "Instructions"));
	const double width = 90;
	worksheet_set_column(ws, 0, 0, width, x->wrap);
	lxw_row_t row = 0;
	xlsx_string(x, ws, row++, 0, in->title, x->title);
	xlsx_string(x, ws, row++, 0, in->subtitle, x->subtitle);
	row++;
	for (size_t i = 0; i < in->nsteps; i++) {
		xlsx_string(x, ws, row, 0, in->steps[i], x->wrap);
		xlsx_fit_row(ws, row, xlsx_text_lines(in->steps[i], width));
		row++;
	}
	row++;
	xlsx_string(x, ws, row++, 0, in->units_heading, x->heading);
	for (int u = UNIT_COUNT; u <= UNIT_DURATION; u++) {
		xlsx_string(x, ws, row, 0, in->entries[u]->rule, x->wrap);
		xlsx_fit_row(ws, row, xlsx_text_lines(in->entries[u]->rule, width));
		row++;
	}
	xlsx_print_setup(ws, false);
	worksheet_protect(ws, NULL, NULL);
}

/* The Measures sheet. */
static void measures(struct xlsx *x, const struct pres_intake *in, const struct intake_formats *f)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = xlsx_need(x, workbook_add_worksheet(x->wb, "Measures"));
	static const double widths[NCOLS] = {
		[C_ID] = 22, [C_GOAL] = 18, [C_MEASURE] = 40, [C_DEPARTMENT] = 18, [C_UNIT] = 15,
		[C_TARGET] = 22, [C_HISTORY] = 11, [C_HISTORY + 1] = 11, [C_HISTORY + 2] = 11,
		[C_HISTORY + 3] = 11, [C_PERIOD] = 11, [C_ACTUAL] = 14, [C_COMMENTARY] = 50,
		[C_NEXT_STEPS] = 40,
	};
	/* The columns qreport import reads are named as it reads them. */
	const char *names[NCOLS] = {
		[C_ID] = "ID", [C_GOAL] = "Goal", [C_MEASURE] = "Measure",
		[C_DEPARTMENT] = "Department", [C_UNIT] = "Unit", [C_TARGET] = "Target",
		[C_PERIOD] = "Period", [C_ACTUAL] = "Actual", [C_COMMENTARY] = "Commentary",
		[C_NEXT_STEPS] = "Next steps",
	};
	for (int k = 0; k < PRES_INTAKE_HISTORY; k++)
		names[C_HISTORY + k] = in->history_label[k];
	for (lxw_col_t c = 0; c < NCOLS; c++) {
		lxw_format *col_format = c == C_ACTUAL ? f->input
					 : c >= C_COMMENTARY ? f->input_wrap : f->locked;
		worksheet_set_column(ws, c, c, widths[c], col_format);
		bool input = c >= C_ACTUAL;
		xlsx_string(x, ws, 0, c, names[c], input ? f->input_header : f->header);
	}
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		const struct pres_intake_measure *im = &in->measures[i];
		lxw_row_t row = (lxw_row_t)i + 1;
		xlsx_string(x, ws, row, C_ID, m->id, f->locked);
		xlsx_string(x, ws, row, C_GOAL, m->goal->name, f->locked);
		xlsx_string(x, ws, row, C_MEASURE, m->name, f->locked);
		xlsx_string(x, ws, row, C_DEPARTMENT, m->department ? m->department : "", f->locked);
		xlsx_string(x, ws, row, C_UNIT, m->unit == UNIT_CURRENCY && m->currency
			    ? m->currency : im->entry->unit, f->locked);
		xlsx_string(x, ws, row, C_TARGET, im->target, f->locked);
		for (int k = 0; k < PRES_INTAKE_HISTORY; k++)
			xlsx_string(x, ws, row, C_HISTORY + k, im->history[k] ? im->history[k] : "",
				    f->locked);
		xlsx_string(x, ws, row, C_PERIOD, im->period_id, f->locked);
		xlsx_check(x, worksheet_write_blank(ws, row, C_ACTUAL,
						    m->unit == UNIT_DURATION ? f->input_text
									     : f->input));
		xlsx_check(x, worksheet_write_blank(ws, row, C_COMMENTARY, f->input_wrap));
		xlsx_check(x, worksheet_write_blank(ws, row, C_NEXT_STEPS, f->input_wrap));
		int lines = xlsx_text_lines(m->name, widths[C_MEASURE]);
		xlsx_fit_row(ws, row, lines > 2 ? lines : 2);
	}
	/* One check per run of rows with the same unit. */
	size_t start = 0;
	for (size_t i = 1; i <= r->nmeasures; i++) {
		if (i < r->nmeasures && r->measures[i]->unit == r->measures[start]->unit)
			continue;
		if (r->nmeasures)
			validate(x, ws, (lxw_row_t)start + 1, (lxw_row_t)i, r->measures[start]->unit,
				 in->measures[start].entry);
		start = i;
	}
	lxw_row_t last = r->nmeasures ? (lxw_row_t)r->nmeasures : 1;
	xlsx_check(x, worksheet_autofilter(ws, 0, 0, last, NCOLS - 1));
	worksheet_freeze_panes(ws, 1, C_MEASURE + 1);
	xlsx_print_setup(ws, true);
	/* Locked against changes, but people may still filter, sort and
	 * resize to read it. */
	lxw_protection prot;
	memset(&prot, 0, sizeof prot);
	prot.autofilter = 1;
	prot.sort = 1;
	prot.format_columns = 1;
	prot.format_rows = 1;
	worksheet_protect(ws, NULL, &prot);
	worksheet_activate(ws);
}

/* The formats only the intake uses. */
static void intake_formats(struct xlsx *x, struct intake_formats *f)
{
	f->locked = xlsx_need(x, workbook_add_format(x->wb));
	format_set_text_wrap(f->locked);
	format_set_align(f->locked, LXW_ALIGN_VERTICAL_TOP);
	f->input = xlsx_need(x, workbook_add_format(x->wb));
	format_set_unlocked(f->input);
	format_set_bg_color(f->input, 0xFFF2CC);
	format_set_border(f->input, LXW_BORDER_THIN);
	format_set_border_color(f->input, 0xBFBFBF);
	format_set_align(f->input, LXW_ALIGN_VERTICAL_TOP);
	f->input_text = xlsx_need(x, workbook_add_format(x->wb));
	format_set_unlocked(f->input_text);
	format_set_bg_color(f->input_text, 0xFFF2CC);
	format_set_border(f->input_text, LXW_BORDER_THIN);
	format_set_border_color(f->input_text, 0xBFBFBF);
	format_set_align(f->input_text, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(f->input_text, "@");
	f->input_wrap = xlsx_need(x, workbook_add_format(x->wb));
	format_set_unlocked(f->input_wrap);
	format_set_bg_color(f->input_wrap, 0xFFF2CC);
	format_set_border(f->input_wrap, LXW_BORDER_THIN);
	format_set_border_color(f->input_wrap, 0xBFBFBF);
	format_set_text_wrap(f->input_wrap);
	format_set_align(f->input_wrap, LXW_ALIGN_VERTICAL_TOP);
	f->header = x->header;
	f->input_header = xlsx_need(x, workbook_add_format(x->wb));
	format_set_bold(f->input_header);
	format_set_text_wrap(f->input_header);
	format_set_bg_color(f->input_header, 0xFFE699);
}

/* Copies the finished file into `out`; false with errno set. */
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

enum write_result xlsx_intake_write(const struct backend_job *job, int out)
{
	const struct report *r = job->r;
	struct diag *d = job->d;
	struct xlsx x = {.r = r, .p = job->pres, .st = job->st, .d = d, .err = LXW_NO_ERROR,
			 .real_stderr = -1};
	for (size_t i = 0; i < XLSX_PERIOD_SLOTS; i++)
		x.periods[i].index = -1;
	arena_init(&x.scratch);
	enum write_result result = WRITE_FAILED;
	/* The library writes by name: into a private scratch folder, whose
	 * finished file is copied through the output's descriptor. */
	const char *tmpdir = getenv("TMPDIR");
	char dir[4096], file[4200];
	snprintf(dir, sizeof dir, "%s/qreport-intake.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(dir)) {
		diag_error(d, job->path, 0, "cannot start the workbook: no temporary folder (%s); "
			   "expected a writable temporary folder (TMPDIR, else /tmp)", strerror(errno));
		arena_free(&x.scratch);
		return WRITE_FAILED;
	}
	snprintf(file, sizeof file, "%s/intake.xlsx", dir);
	lxw_workbook_options options = {.tmpdir = xlsx_strdup(&x, dir)};
	x.wb = workbook_new_opt(file, &options);
	lxw_error closed = LXW_ERROR_MEMORY_MALLOC_FAILED;
	if (x.wb) {
		const struct pres_intake *in = present_intake(job->pres, &x.scratch);
		bool calendar_day;
		lxw_doc_properties props = {
			.title = xlsx_strdup(&x, in->title),
			.subject = xlsx_strdup(&x, in->subtitle),
			.author = xlsx_strdup(&x, r->organization),
			.company = xlsx_strdup(&x, r->organization),
			.created = (time_t)report_time(r, &calendar_day),
		};
		xlsx_check(&x, workbook_set_properties(x.wb, &props));
		xlsx_formats_init(&x);
		struct intake_formats f;
		intake_formats(&x, &f);
		instructions(&x, in);
		measures(&x, in, &f);
		closed = workbook_close(x.wb);
		x.wb = NULL;
	}
	if (x.err != LXW_NO_ERROR || closed != LXW_NO_ERROR)
		diag_error(d, job->path, 0, "cannot build the workbook: %s; expected a writable "
			   "temporary folder with free space", lxw_strerror(x.err != LXW_NO_ERROR
									  ? x.err : closed));
	else if (!copy_into(file, out))
		diag_error(d, job->path, 0, "cannot write the workbook: %s; the previous version, "
			   "if any, is unchanged", strerror(errno));
	else
		result = WRITE_OK;
	unlink(file);
	rmdir(dir);
	xlsx_formats_free(&x);
	free(x.join);
	arena_free(&x.scratch);
	return result;
}
