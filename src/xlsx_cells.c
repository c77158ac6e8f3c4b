/* Writing cells, tables and page set-up for every sheet of the workbook. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "period.h"
#include "xlsx.h"

/* Excel refuses longer text in a cell; counted in bytes this is always safe. */
#define CELL_TEXT_MAX 32767

/* The library returns NULL when memory runs out, where the program's own
 * allocators stop it with a message; do the same, so nothing half-made is
 * ever used. The temporary file is removed on exit. */
void *xlsx_need(struct xlsx *x, void *p)
{
	if (!p) {
		/* The message must reach the user, not the capture of the library's. */
		if (x->real_stderr >= 0) {
			fflush(stderr);
			dup2(x->real_stderr, STDERR_FILENO);
		}
		diag_error(x->d, NULL, 0, "out of memory while building the workbook");
		exit(1);
	}
	return p;
}

/* Remember the first library error: the write goes on, the file is refused. */
void xlsx_check(struct xlsx *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = e;
}

/* Write text, cut at a character boundary if it exceeds the cell limit. */
void xlsx_string(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		 const char *s, lxw_format *f)
{
	if (!s || !*s) {
		if (f)
			xlsx_check(x, worksheet_write_blank(ws, row, col, f));
		return;
	}
	size_t len = strlen(s);
	if (len > CELL_TEXT_MAX) {
		size_t cut = CELL_TEXT_MAX - 3; /* Room for the ellipsis. */
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		char *t = arena_alloc(&x->scratch, cut + 4);
		memcpy(t, s, cut);
		memcpy(t + cut, "\u2026", 4); /* "…" with its terminating NUL. */
		s = t;
		x->truncated = true;
	}
	xlsx_check(x, worksheet_write_string(ws, row, col, s, f));
}

/* See xlsx.h. */
void xlsx_text(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
	       lxw_format *f)
{
	if (s && *s)
		xlsx_string(x, ws, row, col, s, f);
}

/* Write a number. */
void xlsx_number(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
		 lxw_format *f)
{
	xlsx_check(x, worksheet_write_number(ws, row, col, v, f));
}

/* Write a live formula with its value cached, so that readers that do not
 * recalculate (viewers, scripts) still see the figure. */
void xlsx_formula(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		  const char *formula, double cached, lxw_format *f)
{
	xlsx_check(x, worksheet_write_formula_num(ws, row, col, formula, f, cached));
}

/* Write a formula whose value is text, with that text cached. */
void xlsx_formula_text(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		       const char *formula, const char *cached, lxw_format *f)
{
	xlsx_check(x, worksheet_write_formula_str(ws, row, col, formula, f, cached ? cached : ""));
}

/* See xlsx.h. Seconds are the model's own amounts for a duration. */
void xlsx_amount_cells(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		       lxw_col_t seconds_col, const struct measure *m, double v, lxw_format *f)
{
	xlsx_value(x, ws, row, col, m, v, f ? f : xlsx_value_format(x, m, v));
	if (m->unit == UNIT_DURATION && seconds_col != 0)
		xlsx_number(x, ws, row, seconds_col, xlsx_delta(m, v), x->plain);
}

/* A sheet name as a reference writes it: 'Chart data'. */
static const char *quoted_sheet(struct xlsx *x, const char *sheet)
{
	return arena_printf(&x->scratch, "'%s'", sheet);
}

/* See xlsx.h. */
void xlsx_link(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	       const char *sheet, lxw_row_t to_row, lxw_col_t to_col, const char *text,
	       const char *tip)
{
	char target[16];
	lxw_rowcol_to_cell(target, to_row, to_col);
	char url[128];
	snprintf(url, sizeof url, "internal:%s!%s", quoted_sheet(x, sheet), target);
	xlsx_check(x, worksheet_write_url_opt(ws, row, col, url, x->link, text, tip));
}

/* See xlsx.h. */
void xlsx_chart_link(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		     const struct measure *m)
{
	lxw_row_t to = x->charts.list_row ? x->charts.list_row[m->index] : 0;
	if (to > 0)
		xlsx_link(x, ws, row, col, XLSX_CHARTS, to, 0, "Chart", x->p->chart_link_help);
}

/* `text` quoted for a formula, after `prefix`, with the wildcards *, ?
 * and ~ escaped when `wild` is true. */
static const char *quoted(struct xlsx *x, const char *prefix, const char *text, bool wild)
{
	size_t n = strlen(prefix) + 3;
	for (const char *p = text; *p; p++)
		n += 2;
	char *out = arena_alloc(&x->scratch, n);
	char *o = out;
	*o++ = '"';
	for (const char *p = prefix; *p; p++)
		*o++ = *p;
	for (const char *p = text; *p; p++) {
		if (wild && (*p == '*' || *p == '?' || *p == '~'))
			*o++ = '~';
		if (*p == '"')
			*o++ = '"';
		*o++ = *p;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

/* See xlsx.h. A text criterion starting with "=" matches that text, as
 * both Excel and LibreOffice read it, once its wildcards are escaped. */
const char *xlsx_criterion(struct xlsx *x, const char *text)
{
	return quoted(x, "=", text, true);
}

/* See xlsx.h. */
const char *xlsx_formula_string(struct xlsx *x, const char *text)
{
	return quoted(x, "", text, false);
}

/* See xlsx.h. */
const char *xlsx_chart_title(struct xlsx *x, const char *text)
{
	return text[0] == '=' ? arena_printf(&x->scratch, " %s", text) : xlsx_strdup(x, text);
}

/* Write a calendar date as a real spreadsheet date. */
void xlsx_date(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, struct date d,
	       lxw_format *f)
{
	lxw_datetime dt = {.year = d.year, .month = d.month, .day = d.day};
	xlsx_check(x, worksheet_write_datetime(ws, row, col, &dt, f));
}

/* Write TRUE or FALSE. */
void xlsx_boolean(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, bool v)
{
	xlsx_check(x, worksheet_write_boolean(ws, row, col, v ? 1 : 0, x->text));
}

/* Copy a string into scratch memory the library may hold on to. */
char *xlsx_strdup(struct xlsx *x, const char *s)
{
	return arena_strdup(&x->scratch, s ? s : "");
}

/* Append `s` to a growing heap buffer. */
static void append(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s);
	if (*len + n + 1 > *cap) {
		while (*len + n + 1 > *cap)
			*cap = *cap ? *cap * 2 : 256;
		*buf = xrealloc(*buf, *cap);
	}
	memcpy(*buf + *len, s, n + 1);
	*len += n;
}

/* Join the runs of a paragraph onto a buffer. */
static void append_para(char **buf, size_t *len, size_t *cap, const struct para *p)
{
	for (size_t i = 0; i < p->nruns; i++)
		append(buf, len, cap, p->runs[i].text);
}

/* Plain text of one paragraph, in scratch memory. */
const char *xlsx_para_text(struct xlsx *x, const struct para *p)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	append(&buf, &len, &cap, "");
	append_para(&buf, &len, &cap, p);
	char *out = arena_strdup(&x->scratch, buf);
	free(buf);
	return out;
}

/* Plain text of several paragraphs, a blank line between them, in x->join:
 * a cell's text is copied into the workbook's shared strings, so one buffer
 * serves every measure instead of a copy each. */
const char *xlsx_paras_text(struct xlsx *x, const struct paras *ps)
{
	x->join_len = 0;
	append(&x->join, &x->join_len, &x->join_cap, "");
	for (size_t i = 0; i < ps->n; i++) {
		if (i > 0)
			append(&x->join, &x->join_len, &x->join_cap, "\n\n");
		append_para(&x->join, &x->join_len, &x->join_cap, &ps->items[i]);
	}
	return x->join;
}

/* The links of a paragraph, each once, in order. */
const char *xlsx_para_links(struct xlsx *x, const struct para *p)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	append(&buf, &len, &cap, "");
	for (size_t i = 0; i < p->nruns; i++) {
		const char *h = p->runs[i].href;
		if (!h || (i > 0 && p->runs[i - 1].href && strcmp(p->runs[i - 1].href, h) == 0))
			continue;
		if (len > 0)
			append(&buf, &len, &cap, " ");
		append(&buf, &len, &cap, h);
	}
	char *out = arena_strdup(&x->scratch, buf);
	free(buf);
	return out;
}

/* The cached texts and dates of a period, made on first use. */
const struct xlsx_period *xlsx_period(struct xlsx *x, struct period p)
{
	int index = period_index(p);
	int slot = index % XLSX_PERIOD_SLOTS;
	struct xlsx_period *c = &x->periods[slot < 0 ? slot + XLSX_PERIOD_SLOTS : slot];
	if (c->index != index || c->kind != p.kind) {
		c->index = index;
		c->kind = p.kind;
		period_id(p, c->id, sizeof c->id);
		period_label(p, c->label, sizeof c->label);
		period_dates(p, x->r->calendar, &c->start, &c->end);
		int place;
		c->has_fy = period_fiscal_place(p, x->r->calendar, &c->fy, &place);
		c->quarter = !c->has_fy			? 0
			     : p.kind == PERIOD_QUARTER ? place
			     : p.kind == PERIOD_MONTH	? (place - 1) / 3 + 1
							: 0;
	}
	return c;
}

/* Lines a wrapped text takes in a column `width` characters wide. Rows are
 * sized here because spreadsheet programs do not grow rows to fit wrapped
 * text on opening a file (LibreOffice) or only sometimes (Excel). */
int xlsx_text_lines(const char *s, double width)
{
	if (!s || !*s)
		return 1;
	/* Column widths count digit widths; prose averages a little narrower,
	 * but words wrap early, so count one character per unit of width. */
	double per_line = width > 1 ? width : 1;
	int lines = 0;
	size_t chars = 0;
	for (const char *p = s;; p++) {
		if (*p == '\n' || *p == '\0') {
			lines += chars == 0 ? 1 : (int)ceil((double)chars / per_line);
			chars = 0;
			if (*p == '\0')
				break;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			chars++;
		}
	}
	return lines;
}

/* Make a row tall enough for `lines` lines of body text. */
void xlsx_fit_row(lxw_worksheet *ws, lxw_row_t row, int lines)
{
	if (lines <= 1)
		return;
	double h = 15.0 * lines;
	worksheet_set_row(ws, row, h > 409 ? 409 : h, NULL); /* Excel's tallest row. */
}

/* Make a table with a header row and filters over rows first..last. */
void xlsx_table(struct xlsx *x, lxw_worksheet *ws, const char *name, lxw_row_t first,
		lxw_row_t last, const char *const *names, lxw_col_t ncols)
{
	/* A table needs a data row; an empty one keeps the sheet usable. */
	if (last <= first)
		last = first + 1;
	lxw_table_column *cols = arena_calloc(&x->scratch, ncols, sizeof *cols);
	lxw_table_column **list = arena_calloc(&x->scratch, (size_t)ncols + 1, sizeof *list);
	for (lxw_col_t c = 0; c < ncols; c++) {
		cols[c].header = xlsx_strdup(x, names[c]);
		cols[c].header_format = x->header;
		list[c] = &cols[c];
	}
	lxw_table_options opt = {
		.name = xlsx_strdup(x, name),
		.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM,
		.style_type_number = 2,
		.columns = list,
	};
	xlsx_check(x, worksheet_add_table(ws, first, 0, last, (lxw_col_t)(ncols - 1), &opt));
}

/* Set column widths; columns at least `wrap_from` wide wrap their text. */
void xlsx_widths(lxw_worksheet *ws, const double *widths, lxw_col_t ncols, lxw_format *wrap,
		 double wrap_from)
{
	for (lxw_col_t c = 0; c < ncols; c++)
		worksheet_set_column(ws, c, c, widths[c], widths[c] >= wrap_from ? wrap : NULL);
}

/* See xlsx.h: the paper sizes layouts use, by their size in points. */
uint8_t xlsx_paper(const struct style *st)
{
	if (!st)
		return 0;
	double w = st->page_width < st->page_height ? st->page_width : st->page_height;
	double h = st->page_width < st->page_height ? st->page_height : st->page_width;
	static const struct {
		double w, h;
		uint8_t code;
	} papers[] = {{612, 792, 1}, {612, 1008, 5}, {595.28, 841.89, 9}, {419.53, 595.28, 11}};
	for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++)
		if (fabs(w - papers[i].w) < 2 && fabs(h - papers[i].h) < 2)
			return papers[i].code;
	return 0;
}

/* See xlsx.h. Letter when the paper is the printer's own; the library's
 * margins are 0.75 inch at the top and bottom. */
double xlsx_landscape_height(const struct style *st)
{
	double short_side = 612;
	if (st && xlsx_paper(st) != 0)
		short_side = st->page_width < st->page_height ? st->page_width : st->page_height;
	return short_side - 2 * 0.75 * 72;
}

/* The scale wide tables print at: body text of 11 points prints at 8.25,
 * as small as the PDF's small print. */
#define WIDE_SCALE 75

/* See xlsx.h. */
void xlsx_print_wide(struct xlsx *x, lxw_worksheet *ws, lxw_col_t repeat_to, lxw_col_t last_col,
		     lxw_row_t last_row)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, xlsx_paper(x->st));
	worksheet_set_print_scale(ws, WIDE_SCALE);
	xlsx_check(x, worksheet_repeat_rows(ws, 0, 0));
	xlsx_check(x, worksheet_repeat_columns(ws, 0, repeat_to));
	xlsx_check(x, worksheet_print_area(ws, 0, 0, last_row, last_col));
	worksheet_print_across(ws);
	worksheet_set_footer(ws, "&L&A&RPage &P of &N");
}

/* Print set-up shared by every sheet. */
void xlsx_print_setup(lxw_worksheet *ws, bool repeat_row)
{
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	if (repeat_row)
		worksheet_repeat_rows(ws, 0, 0);
	worksheet_set_footer(ws, "&L&A&RPage &P of &N");
}

/* See xlsx.h. */
const char *xlsx_comparison(struct xlsx *x, const struct target *t)
{
	(void)x;
	return present_target_cmp_words(t);
}

/* See xlsx.h. */
bool xlsx_worded(const struct measure *m)
{
	return m->unit == UNIT_RATING || m->unit == UNIT_YES_NO;
}

/* See xlsx.h. */
void xlsx_value(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		const struct measure *m, double v, lxw_format *f)
{
	if (!xlsx_worded(m)) {
		xlsx_number(x, ws, row, col, xlsx_amount(m, v), f);
		return;
	}
	double k = round(v);
	if (m->levels && k >= 1 && k <= (double)m->nlevels)
		xlsx_string(x, ws, row, col, m->levels[(size_t)k - 1], f);
}
