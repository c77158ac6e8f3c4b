/* Reading a CSV file with libcsv into one sheet of text cells, each row
 * remembering the line it starts on. Excel, LibreOffice and Google Sheets
 * write CSV with quotes around fields that hold commas, quotes or line
 * breaks; some write a byte order mark first, and Excel in much of Europe
 * separates fields with semicolons. All of that is read; a file that is not
 * UTF-8 (Excel's plain "CSV" in Windows-1252) is refused with the way to
 * save it right, since guessing an encoding would garble names. */
#include "import_table.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The rows and cells gathered while parsing. */
struct csv_state {
	struct import_book *b;
	struct diag *d;
	long line;                 /* The line being fed to the parser. */
	long record_line;          /* The line the current record started on; 0 between records. */
	struct import_cell *cells; /* The record being read; heap. */
	size_t ncells, capcells;
	int col;
	struct import_row *rows;   /* Heap until the end. */
	size_t nrows, caprows;
	long total_cells;
	bool failed;
};

/* An error at a line of the file. */
static void line_error(struct csv_state *s, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void line_error(struct csv_state *s, long line, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	diag_error(s->d, s->b->path, line, "%s", buf);
	s->failed = true;
}

/* libcsv: one field ends. With CSV_EMPTY_IS_NULL an empty field is NULL. */
static void on_field(void *field, size_t len, void *data)
{
	struct csv_state *s = data;
	int col = s->col++;
	if (s->failed || !field || len == 0)
		return;
	if (len > IMPORT_MAX_TEXT * 4) {
		line_error(s, s->record_line, "a field in column %d is %zu bytes long; expected at "
			   "most %d characters in a field, as spreadsheets allow in a cell", col + 1,
			   len, IMPORT_MAX_TEXT);
		return;
	}
	if (++s->total_cells > IMPORT_MAX_CELLS) {
		line_error(s, s->record_line, "the file has more than %ld fields with content; "
			   "expected at most %ld", IMPORT_MAX_CELLS, IMPORT_MAX_CELLS);
		return;
	}
	if (s->ncells == s->capcells) {
		s->capcells = s->capcells ? s->capcells * 2 : 16;
		s->cells = xrealloc(s->cells, s->capcells * sizeof *s->cells);
	}
	struct import_cell *c = &s->cells[s->ncells++];
	memset(c, 0, sizeof *c);
	c->col = col;
	c->kind = CELL_TEXT;
	c->text = arena_strndup(&s->b->arena, field, len);
	c->fmt.kind = NUMFMT_GENERAL;
	c->fmt.code = "General";
}

/* libcsv: one record ends. */
static void on_record(int terminator, void *data)
{
	(void)terminator;
	struct csv_state *s = data;
	if (!s->failed && s->ncells > 0) {
		if (s->nrows == s->caprows) {
			s->caprows = s->caprows ? s->caprows * 2 : 64;
			s->rows = xrealloc(s->rows, s->caprows * sizeof *s->rows);
		}
		struct import_row *r = &s->rows[s->nrows++];
		r->number = s->record_line ? s->record_line : s->line;
		r->ncells = s->ncells;
		r->cells = arena_calloc(&s->b->arena, s->ncells, sizeof *r->cells);
		memcpy(r->cells, s->cells, s->ncells * sizeof *s->cells);
	}
	s->ncells = 0;
	s->col = 0;
	s->record_line = 0;
}

/* The line of the first byte that is not UTF-8, or 0 when all are. */
static long bad_utf8_line(const unsigned char *p, size_t n)
{
	long line = 1;
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
			   : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (k == 0 || i + k > n || (k == 2 && c < 0xC2) || (k == 4 && c > 0xF4))
			return line;
		for (size_t j = 1; j < k; j++)
			if ((p[i + j] & 0xC0) != 0x80)
				return line;
		/* No overlong three-byte forms, no surrogates. */
		if (k == 3 && ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] >= 0xA0)))
			return line;
		line += c == '\n';
		i += k;
	}
	return 0;
}

/* The separator: a comma, unless the first line has none outside quotes
 * and has semicolons (Excel's CSV where the comma is the decimal mark), or
 * tabs. */
static unsigned char separator(const char *s, size_t n)
{
	size_t commas = 0, semicolons = 0, tabs = 0;
	bool quoted = false;
	for (size_t i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			commas += s[i] == ',', semicolons += s[i] == ';', tabs += s[i] == '\t';
	}
	if (commas == 0 && semicolons > 0)
		return ';';
	if (commas == 0 && tabs > 0)
		return '\t';
	return ',';
}

bool import_read_csv(struct import_book *b, struct diag *d)
{
	size_t file_len;
	char *data = import_read_file(b, &file_len, d);
	if (!data)
		return false;
	const char *text = data;
	size_t len = file_len;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	struct csv_state s = { .b = b, .d = d, .line = 1 };
	long bad = bad_utf8_line((const unsigned char *)text, len);
	if (bad) {
		line_error(&s, bad, "this line is not UTF-8 text; expected a CSV saved as UTF-8 (in "
			   "Excel: Save As, CSV UTF-8)");
		free(data);
		return false;
	}
	if (memchr(text, '\0', len)) {
		diag_error(d, b->path, 0, "the file holds a NUL byte, so it is not a CSV text file; "
			   "expected a CSV saved as UTF-8");
		free(data);
		return false;
	}

	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0) {
		diag_error(d, b->path, 0, "cannot start the CSV reader (out of memory)");
		free(data);
		return false;
	}
	csv_set_delim(&p, separator(text, len));
	/* Fed one line at a time, so that each record knows its first line. */
	for (size_t i = 0; i < len && !s.failed;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) + 1 : len - i;
		bool blank = strspn(text + i, "\r\n") >= n;
		if (!s.record_line && !blank)
			s.record_line = s.line;
		if (csv_parse(&p, text + i, n, on_field, on_record, &s) != n) {
			line_error(&s, s.record_line ? s.record_line : s.line,
				   "the CSV is malformed here (%s); expected fields separated by \"%c\", "
				   "with quotes around a field only from its start to its end and any "
				   "quote inside doubled (\"\")", csv_strerror(csv_error(&p)),
				   csv_get_delim(&p));
			break;
		}
		i += n;
		s.line++;
	}
	if (!s.failed && csv_fini(&p, on_field, on_record, &s) != 0)
		line_error(&s, s.record_line ? s.record_line : s.line,
			   "the file ends inside a quoted field that starts on this line; expected "
			   "its closing quote");
	csv_free(&p);
	if (!s.failed) {
		b->sheets = arena_calloc(&b->arena, 1, sizeof *b->sheets);
		b->nsheets = 1;
		b->sheets[0].name = NULL;
		b->sheets[0].nrows = s.nrows;
		b->sheets[0].rows = s.nrows ? arena_calloc(&b->arena, s.nrows, sizeof *s.rows) : NULL;
		if (s.nrows)
			memcpy(b->sheets[0].rows, s.rows, s.nrows * sizeof *s.rows);
	}
	free(s.rows);
	free(s.cells);
	free(data);
	return !s.failed;
}
