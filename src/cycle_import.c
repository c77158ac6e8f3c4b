/* qreport import: the departments' figures, commentary and next steps, from
 * a CSV or a workbook, into the data file. All or nothing: every problem in
 * the file is reported at once, at its line or cell, and the data file is
 * only rewritten when every row is good and the result loads. The file is
 * rewritten in place (atomically), changed only where values changed. */
#include "cycle.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "datafile_edit.h"
#include "import_rows.h"
#include "import_table.h"
#include "import_values.h"
#include "load.h"
#include "period.h"
#include "units.h"

/* Exit statuses, as documented in the manual. */
enum { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2, EXIT_WRITE = 3 };

/* Whether a file is a workbook: by its name, else by the zip signature. */
static bool is_workbook(const char *path)
{
	size_t n = strlen(path);
	if (n > 4 && strcasecmp(path + n - 4, ".csv") == 0)
		return false;
	if (n > 5 && (strcasecmp(path + n - 5, ".xlsx") == 0 || strcasecmp(path + n - 5, ".xlsm") == 0))
		return true;
	FILE *f = fopen(path, "rb");
	unsigned char magic[4] = { 0 };
	bool zip = f && fread(magic, 1, 4, f) == 4 && memcmp(magic, "PK\x03\x04", 4) == 0;
	if (f)
		fclose(f);
	return zip;
}

/* The value a measure has for a period, or NULL. */
static const struct value *value_for(const struct measure *m, struct period p)
{
	for (size_t i = 0; i < m->nvalues; i++)
		if (period_cmp(m->values[i].period, p) == 0)
			return &m->values[i];
	return NULL;
}

/* Whether a measure's text (as loaded, so current) says `text` already:
 * one paragraph per non-empty line, white space collapsed. */
static bool same_text(const struct paras *ps, const char *text)
{
	char *have = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&have, &len);
	for (size_t i = 0; i < ps->n; i++) {
		if (i)
			fputc('\n', f);
		for (size_t k = 0; k < ps->items[i].nruns; k++)
			fputs(ps->items[i].runs[k].text, f);
	}
	fclose(f);
	/* The new text, each line collapsed the way the loader reads it. */
	char *want = xmalloc(strlen(text) + 1);
	size_t w = 0;
	bool space = false, line = false;
	for (const char *p = text; *p; p++) {
		if (*p == '\n' || *p == '\r') {
			line = w > 0;
			space = false;
		} else if (*p == ' ' || *p == '\t') {
			space = w > 0;
		} else {
			if (line)
				want[w++] = '\n';
			else if (space)
				want[w++] = ' ';
			line = space = false;
			want[w++] = *p;
		}
	}
	want[w] = '\0';
	bool same = strcmp(have, want) == 0;
	free(have);
	free(want);
	return same;
}

/* What an import changed, for the summary. */
struct tally {
	size_t actuals, commentaries, next_steps, unchanged;
};

/* Warnings about values that may not be what was meant: a fraction typed
 * for a percentage, a figure that replaces a different one. */
static void warn_values(const struct import_book *b, const struct import_rows *rows,
			struct diag *d)
{
	for (size_t i = 0; i < rows->n; i++) {
		const struct import_entry *e = &rows->entries[i];
		if (!e->has_actual)
			continue;
		char where[512];
		import_entry_where(b, e, COL_ACTUAL, where, sizeof where);
		const struct measure *m = e->m;
		if (!e->actual.explicit_percent &&
		    import_looks_like_fraction(m, e->actual.value, e->period)) {
			char times100[64];
			double v = round9(e->actual.value * 100);
			snprintf(times100, sizeof times100, "%.7f", v);
			char *end = times100 + strlen(times100);
			while (end[-1] == '0')
				*--end = '\0';
			if (end[-1] == '.')
				end[-1] = '\0';
			diag_warn(d, where, 0, "%s looks like a fraction; write %s or %s%% (%s is in "
				  "percent points)", e->actual.text, times100, times100, m->id);
		}
		const struct value *old = value_for(m, e->period);
		if (old && old->has_actual && old->actual != e->actual.value) {
			char was[64], pid[16];
			/* As written in the data file, as the new figure is quoted. */
			amount_format_as(m, old->actual, AMOUNT_BARE, was, sizeof was);
			period_id(e->period, pid, sizeof pid);
			diag_warn(d, where, 0, "%s replaces %s, the actual %s had for %s", e->actual.text,
				  was, m->id, pid);
		}
	}
}

/* The changes into the data file's text; counts go to *t. */
static void apply(struct datafile *f, const struct import_rows *rows, const struct report *r,
		  struct tally *t)
{
	for (size_t i = 0; i < rows->n; i++) {
		const struct import_entry *e = &rows->entries[i];
		const struct measure *m = e->m;
		if (e->has_actual) {
			const struct value *old = value_for(m, e->period);
			if (old && old->has_actual && old->actual == e->actual.value) {
				t->unchanged++;
			} else {
				datafile_set_actual(f, m->id, e->period, e->actual.text);
				t->actuals++;
			}
		}
		if (e->commentary) {
			if (same_text(&m->commentary, e->commentary)) {
				t->unchanged++;
			} else {
				datafile_set_text(f, m->id, DATAFILE_COMMENTARY, e->commentary, r->period);
				t->commentaries++;
			}
		}
		if (e->next_steps) {
			if (same_text(&m->action, e->next_steps)) {
				t->unchanged++;
			} else {
				datafile_set_text(f, m->id, DATAFILE_ACTION, e->next_steps, r->period);
				t->next_steps++;
			}
		}
	}
}

/* "n thing" or "n things". */
static void count(FILE *out, size_t n, const char *one, const char *many, bool *first)
{
	fprintf(out, "%s%zu %s", *first ? "" : ", ", n, n == 1 ? one : many);
	*first = false;
}

/* Measures still without the figure they are due, once imported. */
static void tell_missing(const struct report *r, const struct import_rows *rows)
{
	size_t missing = 0;
	char list[400] = "";
	size_t len = 0;
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		struct period due = import_due_period(r, m);
		const struct value *v = value_for(m, due);
		bool has = v && v->has_actual;
		for (size_t k = 0; k < rows->n && !has; k++)
			has = rows->entries[k].m == m && rows->entries[k].has_actual &&
			      period_cmp(rows->entries[k].period, due) == 0;
		if (has)
			continue;
		missing++;
		if (missing <= 8 && len + strlen(m->id) + 3 < sizeof list)
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
						missing > 1 ? ", " : "", m->id);
	}
	if (!missing)
		return;
	printf("%zu measure%s still %s no figure for the period due: %s%s\n", missing,
	       missing == 1 ? "" : "s", missing == 1 ? "has" : "have", list,
	       missing > 8 ? ", ..." : "");
}

int cycle_import(const struct import_options *o, struct diag *d)
{
	/* The data file's own warnings wait for the file as imported. */
	struct diag quiet = *d;
	quiet.quiet = 1;
	struct report *r = load_report(o->data_path, &quiet);
	d->errors = quiet.errors;
	if (!r || quiet.errors) {
		report_free(r);
		return EXIT_BAD_INPUT;
	}
	if (o->has_period && period_ends_after(o->period, r->period, r->calendar)) {
		char a[16], b[16];
		period_id(o->period, a, sizeof a);
		period_id(r->period, b, sizeof b);
		diag_error(d, NULL, 0, "--period %s is after the report period %s of %s; expected %s "
			   "or earlier (run qreport next first for a new quarter)", a, b,
			   o->data_path, b);
		report_free(r);
		return EXIT_USAGE;
	}

	struct import_book book;
	import_book_init(&book, o->input_path);
	bool ok = is_workbook(o->input_path) ? xlsx_read(&book, d) : import_read_csv(&book, d);
	struct import_rows rows = { 0 };
	if (ok)
		ok = import_rows_read(&book, r, o->has_period ? &o->period : NULL, &rows, d);
	if (!ok) {
		fprintf(d->out, "%s: nothing was imported; the data file is unchanged\n",
			o->input_path);
		import_rows_free(&rows);
		import_book_free(&book);
		report_free(r);
		return EXIT_BAD_INPUT;
	}
	warn_values(&book, &rows, d);

	int status = EXIT_OK, warnings = 0;
	struct datafile *f = datafile_open(o->data_path, d);
	struct tally t = { 0 };
	if (!f) {
		status = EXIT_BAD_INPUT;
	} else {
		apply(f, &rows, r, &t);
		if (datafile_changed(f) && !o->dry_run) {
			size_t len;
			char *bytes = datafile_render(f, &len);
			status = datafile_save(o->data_path, bytes, len, d, &warnings);
			free(bytes);
		}
		datafile_free(f);
	}
	if (status == EXIT_OK) {
		char pid[16];
		period_id(r->period, pid, sizeof pid);
		printf("%s: %s from %s for %s: ", o->data_path,
		       o->dry_run ? "would import (dry run, nothing written)" : "imported",
		       o->input_path, pid);
		bool first = true;
		count(stdout, t.actuals, "actual", "actuals", &first);
		count(stdout, t.commentaries, "commentary", "commentaries", &first);
		count(stdout, t.next_steps, "next steps", "next steps", &first);
		if (t.unchanged)
			count(stdout, t.unchanged, "value already there", "values already there", &first);
		printf("\n");
		tell_missing(r, &rows);
	}
	import_rows_free(&rows);
	import_book_free(&book);
	report_free(r);
	/* What is still to bring up to date in the file as it now is, once,
	 * for --check to list. */
	if (status == EXIT_OK && warnings)
		diag_msg(d, DIAG_NOTE, o->data_path, 0, "%d warning%s about the file as it is now "
			 "(last quarter's texts, the publication date); qreport --check lists them",
			 warnings, warnings == 1 ? "" : "s");
	return status;
}
