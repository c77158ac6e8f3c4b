/* The Narrative sheet: the report's words in order, one row per paragraph,
 * quote, list item or measure card, so staff can copy the wording. */
#include "xlsx.h"

enum col { C_SECTION_ID, C_SECTION, C_ORDER, C_KIND, C_TEXT, C_ATTRIBUTION, C_LINKS, NCOLS };

static const char *const headers[NCOLS] = {
	[C_SECTION_ID] = "Section ID", [C_SECTION] = "Section", [C_ORDER] = "Order",
	[C_KIND] = "Kind", [C_TEXT] = "Text", [C_ATTRIBUTION] = "Attribution",
	[C_LINKS] = "Links",
};

static const double widths[NCOLS] = {
	[C_SECTION_ID] = 16, [C_SECTION] = 30, [C_ORDER] = 7, [C_KIND] = 11,
	[C_TEXT] = 90, [C_ATTRIBUTION] = 30, [C_LINKS] = 30,
};

/* The running position in the sheet. */
struct cursor {
	lxw_worksheet *ws;
	lxw_row_t row;       /* Last row written. */
	const struct section *sec;
};

/* One row of text. */
static void text_row(struct xlsx *x, struct cursor *c, const char *kind, const char *text,
		     const char *by, const char *links)
{
	lxw_row_t row = ++c->row;
	xlsx_string(x, c->ws, row, C_SECTION_ID, c->sec->id, x->text);
	xlsx_string(x, c->ws, row, C_SECTION, c->sec->title, x->text);
	xlsx_number(x, c->ws, row, C_ORDER, row, x->integer);
	xlsx_string(x, c->ws, row, C_KIND, kind, x->text);
	xlsx_string(x, c->ws, row, C_TEXT, text, x->wrap);
	xlsx_string(x, c->ws, row, C_ATTRIBUTION, by, x->wrap);
	xlsx_string(x, c->ws, row, C_LINKS, links, x->wrap);
	int lines = xlsx_text_lines(text, widths[C_TEXT]);
	int more = xlsx_text_lines(by, widths[C_ATTRIBUTION]);
	lines = more > lines ? more : lines;
	more = xlsx_text_lines(links, widths[C_LINKS]);
	xlsx_fit_row(c->ws, row, more > lines ? more : lines);
}

/* The rows of one block. */
static void block_rows(struct xlsx *x, struct cursor *c, const struct block *b)
{
	switch (b->kind) {
	case BLOCK_PARAGRAPH:
		text_row(x, c, "paragraph", xlsx_para_text(x, &b->u.paragraph), NULL,
			 xlsx_para_links(x, &b->u.paragraph));
		return;
	case BLOCK_QUOTE: {
		const char *by = b->u.quote.role
					 ? arena_printf(&x->scratch, "%s, %s", b->u.quote.by,
							b->u.quote.role)
					 : b->u.quote.by;
		text_row(x, c, "quote", xlsx_para_text(x, &b->u.quote.text), by,
			 xlsx_para_links(x, &b->u.quote.text));
		return;
	}
	case BLOCK_LIST:
		for (size_t i = 0; i < b->u.list.n; i++)
			text_row(x, c, "list item", xlsx_para_text(x, &b->u.list.items[i]), NULL,
				 xlsx_para_links(x, &b->u.list.items[i]));
		return;
	case BLOCK_HEADING:
		text_row(x, c, "heading", b->u.heading.text, NULL, NULL);
		return;
	case BLOCK_MEASURES:
		for (size_t i = 0; i < b->u.measures.n; i++) {
			const struct measure *m = b->u.measures.items[i];
			text_row(x, c, "measure", present_measure(x->p, m)->summary_line, NULL, NULL);
		}
		return;
	}
}

/* Rows a block takes. */
static size_t block_count(const struct block *b)
{
	switch (b->kind) {
	case BLOCK_PARAGRAPH:
	case BLOCK_QUOTE:
	case BLOCK_HEADING:
		return 1;
	case BLOCK_LIST:
		return b->u.list.n;
	case BLOCK_MEASURES:
		return b->u.measures.n;
	}
	return 0;
}

/* Write the Narrative sheet. The table comes first: rows are written in
 * order, each once. */
void xlsx_narrative(struct xlsx *x)
{
	const struct report *r = x->r;
	struct cursor c = {.ws = xlsx_need(x, workbook_add_worksheet(x->wb, "Narrative"))};
	size_t rows = 0;
	for (size_t s = 0; s < r->nsections; s++) {
		rows++;
		for (size_t b = 0; b < r->sections[s].nblocks; b++)
			rows += block_count(&r->sections[s].blocks[b]);
	}
	xlsx_table(x, c.ws, "NarrativeTable", 0, (lxw_row_t)rows, headers, NCOLS);
	for (size_t s = 0; s < r->nsections; s++) {
		c.sec = &r->sections[s];
		text_row(x, &c, "heading", c.sec->title, NULL, NULL);
		for (size_t b = 0; b < c.sec->nblocks; b++)
			block_rows(x, &c, &c.sec->blocks[b]);
	}
	xlsx_widths(c.ws, widths, NCOLS, x->wrap, 30);
	worksheet_freeze_panes(c.ws, 1, 0);
	xlsx_print_setup(c.ws, true);
}
