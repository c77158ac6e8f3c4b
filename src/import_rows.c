/* Rows about measures, from sheets of cells; see import_rows.h.
 *
 * The header row is the first of a sheet's first rows that names a measure
 * column (ID or Measure) and a column to import (Actual, Commentary or Next
 * steps); names are matched without regard to case or surrounding space.
 * A sheet without one (instructions, notes) is passed over. */
#include "import_rows.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"

/* How far down a sheet the header row may be: below a title or two. */
#define HEADER_SEARCH_ROWS 20

/* The names each column goes by, lower case, as the README lists them. */
static const char *const column_names[NCOLUMNS][3] = {
	[COL_ID] = { "id", "measure id", NULL },
	[COL_MEASURE] = { "measure", "measure name", NULL },
	[COL_PERIOD] = { "period", "quarter", NULL },
	[COL_ACTUAL] = { "actual", NULL, NULL },
	[COL_COMMENTARY] = { "commentary", NULL, NULL },
	[COL_NEXT_STEPS] = { "next steps", NULL, NULL },
};

/* The words of a column for messages. */
static const char *const column_words[NCOLUMNS] = { "ID", "Measure", "Period", "Actual",
						    "Commentary", "Next steps" };

/* Text with white space runs made one space and trimmed (and, when
 * `lower`, ASCII letters in lower case); heap-owned. */
static char *collapse(const char *s, bool lower)
{
	size_t n = strlen(s);
	char *out = xmalloc(n + 1);
	size_t k = 0;
	bool space = false;
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			space = k > 0;
			continue;
		}
		if (space)
			out[k++] = ' ';
		space = false;
		out[k++] = lower && *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
	}
	out[k] = '\0';
	return out;
}

/* Which column a header cell names, or -1. */
static int column_of(const struct import_cell *c)
{
	if (!c || c->kind != CELL_TEXT)
		return -1;
	char *name = collapse(c->text, true);
	int found = -1;
	for (int i = 0; i < NCOLUMNS && found < 0; i++)
		for (int k = 0; k < 3 && column_names[i][k]; k++)
			if (strcmp(name, column_names[i][k]) == 0)
				found = i;
	free(name);
	return found;
}

/* Whether a row names the columns of an import; their places go to col. */
static bool header_row(const struct import_row *r, int col[NCOLUMNS])
{
	for (int i = 0; i < NCOLUMNS; i++)
		col[i] = -1;
	for (size_t i = 0; i < r->ncells; i++) {
		int c = column_of(&r->cells[i]);
		if (c >= 0 && col[c] < 0)
			col[c] = r->cells[i].col;
	}
	return (col[COL_ID] >= 0 || col[COL_MEASURE] >= 0) &&
	       (col[COL_ACTUAL] >= 0 || col[COL_COMMENTARY] >= 0 || col[COL_NEXT_STEPS] >= 0);
}

void import_entry_where(const struct import_book *b, const struct import_entry *e,
			enum import_column col, char *buf, size_t n)
{
	import_where(b, e->sheet, e->row, e->col[col], buf, n);
}

/* An error at a cell (col < 0: the row). */
static void cell_error(struct diag *d, const struct import_book *b, const struct import_sheet *s,
		       const struct import_row *r, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
static void cell_error(struct diag *d, const struct import_book *b, const struct import_sheet *s,
		       const struct import_row *r, int col, const char *fmt, ...)
{
	char where[512], text[1024];
	import_where(b, s, r, col, where, sizeof where);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	diag_error(d, where, 0, "%s", text);
}

/* Text of a cell for a message or a match: text as it is, numbers as the
 * sheet stores them; NULL when empty. In scratch `buf` for numbers. */
static const char *cell_text(const struct import_cell *c, char *buf, size_t n)
{
	if (!c)
		return NULL;
	switch (c->kind) {
	case CELL_EMPTY:
		return NULL;
	case CELL_TEXT:
	case CELL_ERROR:
	case CELL_DATE:
		return c->text;
	case CELL_NUMBER:
		snprintf(buf, n, "%.15g", c->number);
		return buf;
	case CELL_BOOLEAN:
		return c->number ? "TRUE" : "FALSE";
	}
	return NULL;
}

/* Whether text is only white space. */
static bool blank(const char *s)
{
	return !s || s[strspn(s, " \t\r\n")] == '\0';
}

/* The measure a row is about, by id (any case) and/or exact name. */
static struct measure *find_measure(const struct report *r, const char *id, const char *name,
				    const char **why)
{
	*why = NULL;
	struct measure *by_id = NULL, *by_name = NULL;
	size_t named = 0;
	if (id) {
		char *low = collapse(id, true);
		for (size_t i = 0; i < r->nmeasures && !by_id; i++)
			if (strcmp(r->measures[i]->id, low) == 0)
				by_id = r->measures[i];
		free(low);
		if (!by_id) {
			*why = "id";
			return NULL;
		}
	}
	if (name) {
		char *want = collapse(name, false);
		for (size_t i = 0; i < r->nmeasures; i++) {
			if (strcmp(r->measures[i]->name, want) == 0) {
				if (!by_name)
					by_name = r->measures[i];
				named++;
			}
		}
		free(want);
		if (by_id && by_name != by_id) {
			/* The id decides, but only if the name agrees with it. */
			bool agrees = false;
			char *w = collapse(name, false);
			agrees = strcmp(by_id->name, w) == 0;
			free(w);
			if (!agrees) {
				*why = "disagree";
				return NULL;
			}
		}
		if (!by_id && named == 0) {
			*why = "name";
			return NULL;
		}
		if (!by_id && named > 1) {
			*why = "twice";
			return NULL;
		}
	}
	return by_id ? by_id : by_name;
}

/* What a measure's amounts are, for messages: "percent points". */
static const char *unit_words(const struct measure *m)
{
	switch (m->unit) {
	case UNIT_COUNT:
		return "a count";
	case UNIT_NUMBER:
		return "a number";
	case UNIT_PERCENT:
		return "percent points";
	case UNIT_CURRENCY:
		return "money";
	case UNIT_MINUTES:
		return "decimal minutes";
	case UNIT_DURATION:
		return "minutes:seconds";
	case UNIT_RATING:
		return "a level of its rating";
	case UNIT_YES_NO:
		return "yes or no";
	}
	return "";
}

/* Reads a period cell: any period id in any case ("FY2018-Q2", "2017-11",
 * "FY2018", "CY2024"), or a quarter as readers see it, "Q2 FY2018". */
static bool read_period_text(const char *s, struct period *out)
{
	char *t = collapse(s, false);
	for (char *p = t; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	bool ok = period_parse_any(t, out);
	if (!ok && strlen(t) == 9 && t[0] == 'Q' && t[2] == ' ') {
		char id[16];
		snprintf(id, sizeof id, "%s-Q%c", t + 3, t[1]);
		ok = period_parse(id, out);
	}
	free(t);
	return ok;
}

/* The period whose figure a measure owes the report: the latest of its
 * kind ended by the end of the report quarter (the report quarter itself
 * for a quarterly measure), as many periods back as its lag allows. */
struct period import_due_period(const struct report *r, const struct measure *m)
{
	struct period latest = m->kind == PERIOD_QUARTER
				       ? r->period
				       : period_latest_ended(m->kind, r->period, r->calendar);
	return period_shift(latest, -m->lag);
}

/* "a quarter such as FY2018-Q2", "a month such as 2017-11", for messages. */
static const char *kind_example(enum period_kind k)
{
	switch (k) {
	case PERIOD_QUARTER:
		return "a quarter such as FY2018-Q2";
	case PERIOD_MONTH:
		return "a month such as 2017-11";
	case PERIOD_FISCAL_YEAR:
		return "a fiscal year such as FY2018";
	case PERIOD_CALENDAR_YEAR:
		return "a calendar year such as CY2024";
	}
	return "a period";
}

/* Text for a commentary or next steps: trimmed, every character one XML
 * can hold. NULL when empty; false after reporting. */
static bool read_words(const struct import_cell *c, const char **out, struct import_book *b,
		       const struct import_sheet *s, const struct import_row *r, struct diag *d)
{
	*out = NULL;
	char buf[64];
	const char *t = cell_text(c, buf, sizeof buf);
	if (blank(t))
		return true;
	for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7F) {
			cell_error(d, b, s, r, c->col, "the text holds the control character U+%04X; "
				   "expected plain text (line breaks are fine)", *p);
			return false;
		}
		/* U+FFFE and U+FFFF are not characters XML allows. */
		if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
			cell_error(d, b, s, r, c->col, "the text holds U+%04X, which is not a "
				   "character; expected plain text", p[2] == 0xBE ? 0xFFFEu : 0xFFFFu);
			return false;
		}
	}
	size_t a = strspn(t, " \t\r\n"), n = strlen(t);
	while (n > a && strchr(" \t\r\n", t[n - 1]))
		n--;
	*out = arena_strndup(&b->arena, t + a, n - a);
	return true;
}

/* One data row: its measure, period and values; false after reporting. */
static bool read_row(struct import_book *b, const struct report *r, const struct import_sheet *s,
		     const struct import_row *row, const int col[NCOLUMNS],
		     const struct period *given, struct import_entry *e, struct diag *d)
{
	char ibuf[64], nbuf[64];
	const struct import_cell *cell[NCOLUMNS];
	for (int i = 0; i < NCOLUMNS; i++)
		cell[i] = col[i] >= 0 ? import_cell_at(row, col[i]) : NULL;
	const char *id = cell_text(cell[COL_ID], ibuf, sizeof ibuf);
	const char *name = cell_text(cell[COL_MEASURE], nbuf, sizeof nbuf);
	id = blank(id) ? NULL : id;
	name = blank(name) ? NULL : name;
	bool has_input = cell[COL_ACTUAL] || cell[COL_COMMENTARY] || cell[COL_NEXT_STEPS];
	memset(e, 0, sizeof *e);
	e->sheet = s;
	e->row = row;
	memcpy(e->col, col, sizeof e->col);
	if (!id && !name) {
		if (!has_input)
			return true; /* A note, a total, an empty line of a form. */
		cell_error(d, b, s, row, -1, "this row has values but no measure; expected the "
			   "measure's id in the %s column or its name in the %s column",
			   column_words[COL_ID], column_words[COL_MEASURE]);
		return false;
	}
	const char *why;
	e->m = find_measure(r, id, name, &why);
	if (!e->m) {
		if (strcmp(why, "id") == 0)
			cell_error(d, b, s, row, col[COL_ID], "no measure has the id \"%s\"; expected "
				   "the id of a measure in %s", id, r->path);
		else if (strcmp(why, "disagree") == 0)
			cell_error(d, b, s, row, col[COL_MEASURE], "the id %s is the measure \"%s\", "
				   "but this row names \"%s\"; expected the id and name of one measure",
				   id, find_measure(r, id, NULL, &why)->name, name);
		else if (strcmp(why, "twice") == 0)
			cell_error(d, b, s, row, col[COL_MEASURE], "more than one measure is named "
				   "\"%s\"; expected an %s column to tell them apart", name,
				   column_words[COL_ID]);
		else
			cell_error(d, b, s, row, col[COL_MEASURE], "no measure is named \"%s\"; "
				   "expected the exact name of a measure in %s, or its id in an %s "
				   "column", name, r->path, column_words[COL_ID]);
		return false;
	}
	bool ok = true;
	/* Without a period in the row: --period where it is of the measure's
	 * kind, else the period the measure's figure is due for. */
	struct period due = import_due_period(r, e->m);
	e->period = given && given->kind == e->m->kind ? *given : due;
	char pbuf[64];
	const char *ptext = cell_text(cell[COL_PERIOD], pbuf, sizeof pbuf);
	if (!blank(ptext)) {
		if (cell[COL_PERIOD]->kind != CELL_TEXT || !read_period_text(ptext, &e->period)) {
			cell_error(d, b, s, row, col[COL_PERIOD], "\"%s\" is not a period; expected a "
				   "period id such as FY2018-Q2 (or 2017-11 for a month)", ptext);
			return false;
		}
		if (e->period.kind != e->m->kind) {
			cell_error(d, b, s, row, col[COL_PERIOD], "\"%s\" is not a period of %s, a %s "
				   "measure; expected %s", ptext, e->m->id,
				   frequency_name(e->m->frequency), kind_example(e->m->kind));
			return false;
		}
	}
	char rp[16], ep[16], dp[16];
	period_id(r->period, rp, sizeof rp);
	period_id(e->period, ep, sizeof ep);
	period_id(due, dp, sizeof dp);
	if (period_ends_after(e->period, r->period, r->calendar)) {
		cell_error(d, b, s, row, blank(ptext) ? -1 : col[COL_PERIOD],
			   "%s ends after the report period %s; expected values for periods that have "
			   "ended by then (run qreport next first for a new quarter)", ep, rp);
		return false;
	}
	if (!import_amount(cell[COL_ACTUAL], e->m->unit, e->m->currency, &e->actual)) {
		cell_error(d, b, s, row, col[COL_ACTUAL], "%s (%s): %s", e->m->id,
			   unit_words(e->m), e->actual.why);
		ok = false;
	}
	e->has_actual = ok && !e->actual.empty;
	ok = read_words(cell[COL_COMMENTARY], &e->commentary, b, s, row, d) && ok;
	ok = read_words(cell[COL_NEXT_STEPS], &e->next_steps, b, s, row, d) && ok;
	if (ok && (e->commentary || e->next_steps) && period_cmp(e->period, due) < 0) {
		cell_error(d, b, s, row, col[e->commentary ? COL_COMMENTARY : COL_NEXT_STEPS],
			   "commentary and next steps in a row for %s; expected them only with the "
			   "figure the report is due, for %s, as a measure has one of each, for its "
			   "latest result", ep, dp);
		ok = false;
	}
	return ok;
}

/* Orders entries by measure, then period. */
static int entry_order(const void *a, const void *b)
{
	const struct import_entry *x = a, *y = b;
	if (x->m->index != y->m->index)
		return x->m->index < y->m->index ? -1 : 1;
	int c = period_cmp(x->period, y->period);
	if (c)
		return c;
	/* Twins keep the file's order, so the second is the one reported. */
	if (x->sheet != y->sheet)
		return x->sheet < y->sheet ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

bool import_rows_read(struct import_book *b, const struct report *r,
		      const struct period *given, struct import_rows *out, struct diag *d)
{
	memset(out, 0, sizeof *out);
	size_t cap = 0;
	bool ok = true;
	for (size_t si = 0; si < b->nsheets; si++) {
		const struct import_sheet *s = &b->sheets[si];
		int col[NCOLUMNS];
		size_t h = 0;
		while (h < s->nrows && h < HEADER_SEARCH_ROWS && !header_row(&s->rows[h], col))
			h++;
		if (h == s->nrows || h == HEADER_SEARCH_ROWS)
			continue;
		out->sheets_read++;
		for (size_t i = h + 1; i < s->nrows; i++) {
			struct import_entry e;
			if (!read_row(b, r, s, &s->rows[i], col, given, &e, d)) {
				ok = false;
				continue;
			}
			if (!e.m)
				continue;
			if (!e.has_actual && !e.commentary && !e.next_steps)
				continue; /* A measure the department has nothing for yet. */
			if (out->n == cap)
				out->entries = xrealloc(out->entries, (cap = cap ? cap * 2 : 64) *
								      sizeof *out->entries);
			out->entries[out->n++] = e;
		}
	}
	if (out->sheets_read == 0) {
		diag_error(d, b->path, 0, "no %s has a header row naming its columns; expected a "
			   "row with ID (or Measure) and Actual, Commentary or Next steps among its "
			   "cells, such as: ID, Period, Actual, Commentary, Next steps",
			   b->sheets && b->sheets[0].name ? "sheet" : "line");
		return false;
	}
	qsort(out->entries, out->n, sizeof *out->entries, entry_order);
	for (size_t i = 1; i < out->n; i++) {
		const struct import_entry *a = &out->entries[i - 1], *e = &out->entries[i];
		if (a->m != e->m || period_cmp(a->period, e->period) != 0)
			continue;
		char first[512], ep[16];
		import_entry_where(b, a, e->col[COL_ID] >= 0 ? COL_ID : COL_MEASURE, first,
				   sizeof first);
		period_id(e->period, ep, sizeof ep);
		cell_error(d, b, e->sheet, e->row, e->col[COL_ID] >= 0 ? e->col[COL_ID]
								    : e->col[COL_MEASURE],
			   "a second row for %s in %s; expected one row per measure and quarter "
			   "(the first is at %s)", e->m->id, ep, first);
		ok = false;
	}
	return ok;
}

void import_rows_free(struct import_rows *rows)
{
	free(rows->entries);
	rows->entries = NULL;
	rows->n = 0;
}
