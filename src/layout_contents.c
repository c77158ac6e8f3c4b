#include "layout_parts.h"

#include <string.h>

#include "layout_blocks.h"

/* One contents entry: title, dotted leader, page number (filled in after
 * pagination, in room reserved for four digits so filling it in cannot
 * move anything), the whole row a link. */
static void entry(struct lay *L, int toc, int head, const char *title, const char *kicker,
		  int dest, double indent, long line)
{
	struct flow *f = &L->fl;
	int toci = db_elem(&L->db, ROLE_TOCI, toc, NULL);
	int link = db_elem(&L->db, ROLE_LINK, toci, NULL);
	struct tstyle ts = lay_tstyle(L, T_BODY);
	ts.size = (L->st->size_body + L->st->size_h3) / 2;
	double num_w = label_width(L, L->page_digits, T_BODY) * ts.size / L->st->size_body;
	double gap = ts.size;
	double x = L->left + indent;
	double width = L->right - x - num_w - gap;

	struct spans sp = {0};
	if (kicker) {
		struct tspan *k = spans_add(L, &sp, kicker, 0);
		k->has_color = true;
		k->color = L->c.muted;
	}
	spans_add(L, &sp, title, kicker ? RUN_BOLD : 0);
	struct tblock b;
	text_shape(L, &b, sp.v, sp.n, &ts, L->r->path, line);
	text_break(L, &b, width);
	size_t it = flow_open(f, L->line * 0.45, KEEP_NONE);
	f->items[it].head = head;
	for (size_t i = 0; i < b.nlines; i++)
		text_line_boxes(L, &b, i, x, -(double)i * b.line_h, width, link, &f->boxes);
	double h = text_height(&b);
	double base = -(h - b.line_h) - text_baseline(&b);
	double lead_from = x + (b.nlines ? b.lines[b.nlines - 1].width : 0) + gap * 0.5;
	double lead_to = L->right - num_w - gap * 0.5;
	if (lead_to > lead_from)
		put_line(&f->boxes, -1, lead_from, base, lead_to, base, 0.6, L->st->color_rule, true);
	struct box *num = boxbuf_push(&f->boxes, BOX_TEXT, link);
	num->u.text.x = L->right;
	num->u.text.y = base;
	num->u.text.face = FACE_REGULAR;
	num->u.text.size = ts.size;
	num->u.text.color = L->c.text;
	num->u.text.text = "";
	flow_page_number(f, f->boxes.n - 1, dest, L->right);
	put_link_dest(&f->boxes, link, x, -h, L->right - x, h, dest);
	flow_close(f, it, h);
	text_free(&b);
}

/* The heading atop each further page of the contents: a spare item, drawn
 * only as a copy above an entry that opens a page, like a table's repeated
 * head row, so it is an artifact and screen readers meet one Contents H1.
 * Its height holds the room the first entry leaves below the real heading. */
static int continued_heading(struct lay *L)
{
	struct flow *f = &L->fl;
	const char *text = L->p->contents_continued;
	size_t it = flow_open(f, 0, KEEP_ALWAYS);
	f->items[it].spare = true;
	double h = put_label(L, text, T_H1, ALIGN_LEFT, L->left, 0, L->width, -1, &f->boxes);
	flow_close(f, it, h + L->line * 0.45);
	return (int)it;
}

/* The contents: an entry per part with a heading, a section, a goal. */
void part_contents(struct lay *L)
{
	const struct report *r = L->r;
	int sect = db_elem(&L->db, ROLE_SECT, L->root, NULL);
	int dest = L->part_dest[PART_CONTENTS];
	db_outline(&L->db, L->p->part_title[PART_CONTENTS], 0, dest);
	blk_heading(L, 1, L->p->part_title[PART_CONTENTS], sect, dest, 0, 0);
	int toc = db_elem(&L->db, ROLE_TOC, sect, NULL);
	int head = continued_heading(L);
	for (int i = 0; i < L->st->nparts; i++) {
		enum part p = L->st->parts[i];
		switch (p) {
		case PART_COVER:
		case PART_CONTENTS:
		case PART_COUNT:
			break;
		case PART_GLANCE:
		case PART_APPENDIX:
			entry(L, toc, head, L->p->part_title[p], NULL, L->part_dest[p], 0, 0);
			break;
		case PART_NARRATIVE:
			for (size_t s = 0; s < r->nsections; s++)
				entry(L, toc, head, r->sections[s].title, NULL, L->section_dest[s], 0,
				      r->sections[s].line);
			break;
		case PART_GOALS:
			for (size_t g = 0; g < r->ngoals; g++)
				entry(L, toc, head, r->goals[g].name,
				      arena_printf(L->a, "%s: ", L->p->goal_kicker), L->goal_dest[g], 0,
				      r->goals[g].line);
			break;
		}
	}
}
