/* The sheets, rows and cells an import reads, and how messages name where
 * they are. */
#include "import_table.h"

#include <stdio.h>
#include <string.h>

#include "readfile.h"

void import_book_init(struct import_book *b, const char *path)
{
	memset(b, 0, sizeof *b);
	arena_init(&b->arena);
	b->path = path;
}

void import_book_free(struct import_book *b)
{
	arena_free(&b->arena);
	b->sheets = NULL;
	b->nsheets = 0;
}

/* Cells are in column order, so a binary search finds one. */
const struct import_cell *import_cell_at(const struct import_row *r, int col)
{
	size_t lo = 0, hi = r->ncells;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->cells[mid].col < col)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < r->ncells && r->cells[lo].col == col && r->cells[lo].kind != CELL_EMPTY)
		return &r->cells[lo];
	return NULL;
}

void import_column_name(int col, char *buf, size_t n)
{
	char rev[8];
	size_t k = 0;
	for (int c = col + 1; c > 0 && k < sizeof rev; c = (c - 1) / 26)
		rev[k++] = (char)('A' + (c - 1) % 26);
	size_t i = 0;
	while (k > 0 && i + 1 < n)
		buf[i++] = rev[--k];
	buf[i] = '\0';
}

/* Whether a sheet name must be quoted in a reference, as spreadsheets
 * write 'Q2 data'!D7: anything but letters, digits, underscore and point. */
static bool needs_quotes(const char *name)
{
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '_' || *p == '.' || *p >= 0x80))
			return true;
	return false;
}

void import_where(const struct import_book *b, const struct import_sheet *s,
		  const struct import_row *r, int col, char *buf, size_t n)
{
	if (!s || !s->name) {
		if (r)
			snprintf(buf, n, "%s:%ld", b->path, r->number);
		else
			snprintf(buf, n, "%s", b->path);
		return;
	}
	size_t len = (size_t)snprintf(buf, n, "%s:", b->path);
	if (len >= n)
		return;
	if (needs_quotes(s->name)) {
		/* A quote in the name is doubled, as in a formula. */
		size_t i = len;
		if (i + 1 < n)
			buf[i++] = '\'';
		for (const char *p = s->name; *p && i + 2 < n; p++) {
			buf[i++] = *p;
			if (*p == '\'')
				buf[i++] = '\'';
		}
		if (i + 1 < n)
			buf[i++] = '\'';
		buf[i] = '\0';
		len = i;
	} else {
		len += (size_t)snprintf(buf + len, n - len, "%s", s->name);
	}
	if (len >= n || !r)
		return;
	if (col >= 0) {
		char letters[8];
		import_column_name(col, letters, sizeof letters);
		snprintf(buf + len, n - len, "!%s%ld", letters, r->number);
	} else {
		snprintf(buf + len, n - len, "!%ld:%ld", r->number, r->number);
	}
}

char *import_read_file(struct import_book *b, size_t *len, struct diag *d)
{
	struct file_read in;
	switch (read_whole_file(b->path, (size_t)IMPORT_MAX_FILE_BYTES, &in)) {
	case READ_OK:
		*len = in.len;
		return in.data;
	case READ_TOO_LARGE:
	case READ_GOES_ON:
		diag_error(d, b->path, 0, "the file is over %ld bytes; expected at most %ld bytes "
			   "(%ld MB) in a file to import", IMPORT_MAX_FILE_BYTES, IMPORT_MAX_FILE_BYTES,
			   IMPORT_MAX_FILE_BYTES / (1024 * 1024));
		return NULL;
	case READ_FOLDER:
		diag_error(d, b->path, 0, "this is a folder; expected a CSV or XLSX file");
		return NULL;
	case READ_NOT_REGULAR:
		diag_error(d, b->path, 0, "this is %s, not a regular file; expected a CSV or XLSX "
			   "file saved on disk", in.kind);
		return NULL;
	case READ_CANNOT_OPEN:
	case READ_FAILED:
		diag_error(d, b->path, 0, "cannot read the file: %s; expected a readable CSV or XLSX "
			   "file", strerror(in.err));
		return NULL;
	}
	return NULL;
}
