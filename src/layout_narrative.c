#include "layout_parts.h"

#include <string.h>

#include "layout_blocks.h"
#include "layout_brief.h"

/* A pull quote: larger italic text in quotation marks beside an accent
 * bar, then the attribution ("— Zach Walker, City Manager"). */
static void quote(struct lay *L, const struct block *bk, int sect)
{
	int bq = db_elem(&L->db, ROLE_BLOCKQUOTE, sect, NULL);
	int p = db_elem(&L->db, ROLE_P, bq, NULL);
	lay_set_lang(L, p, bk->u.quote.text.lang);
	size_t n;
	struct tspan *runs = para_spans(L, &bk->u.quote.text, p, &n);
	struct spans sp = {0};
	spans_add(L, &sp, "\xE2\x80\x9C", 0);
	for (size_t i = 0; i < n; i++) {
		struct tspan *s = spans_add(L, &sp, "", 0);
		*s = runs[i];
	}
	spans_add(L, &sp, "\xE2\x80\x9D", 0);
	double indent = L->line * 1.5;
	struct lines_opt o = lines_opt_default(L, p);
	o.x = L->left + indent;
	o.width = L->width - indent * 2;
	o.space_before = L->line * 1.2;
	o.bar = true;
	o.bar_x = L->left + indent * 0.35;
	o.bar_w = L->st->size_body * 0.3;
	o.bar_color = L->st->color_accent;
	o.keep_last = KEEP_ALWAYS; /* The attribution stays with the quote. */
	struct tstyle ts = lay_tstyle(L, T_QUOTE);
	struct tblock b;
	text_shape(L, &b, sp.v, sp.n, &ts, L->r->path, bk->u.quote.text.line);
	text_break(L, &b, o.width);
	flow_lines(L, &b, &o);
	text_free(&b);

	const char *by = bk->u.quote.role
				 ? arena_printf(L->a, "\xE2\x80\x94\xC2\xA0%s, %s", bk->u.quote.by,
						bk->u.quote.role)
				 : arena_printf(L->a, "\xE2\x80\x94\xC2\xA0%s", bk->u.quote.by);
	int pa = db_elem(&L->db, ROLE_P, bq, NULL);
	struct tstyle ats = lay_tstyle(L, T_BODY_MUTED);
	struct tblock ab;
	text_plain(L, &ab, by, &ats, o.width, L->r->path, bk->line);
	o.elem = pa;
	o.space_before = L->line * 0.3;
	o.bar_join = true;
	o.keep_last = KEEP_NONE;
	o.keep_inside = KEEP_ALWAYS;
	flow_lines(L, &ab, &o);
	text_free(&ab);
}

/* Whether a paragraph is short and wholly bold: a run-in heading such as
 * "Goal Area: Quality", which should stay with what follows it. */
static bool reads_as_heading(const struct para *p)
{
	size_t len = 0;
	for (size_t i = 0; i < p->nruns; i++) {
		if (!(p->runs[i].style & RUN_BOLD))
			return false;
		len += strlen(p->runs[i].text);
	}
	return p->nruns > 0 && len <= 80;
}

/* Whether a paragraph ends in a colon: it introduces what follows. */
static bool introduces(const struct para *p)
{
	if (p->nruns == 0)
		return false;
	const char *t = p->runs[p->nruns - 1].text;
	size_t n = strlen(t);
	return n > 0 && t[n - 1] == ':';
}

/* A bulleted list: L > LI > Lbl + LBody. */
static void list(struct lay *L, const struct block *bk, int sect)
{
	int l = db_elem(&L->db, ROLE_L, sect, NULL);
	struct tstyle bts = lay_tstyle(L, T_BODY);
	bts.face = FACE_BOLD;
	bts.color = L->c.heading;
	struct tblock bullet;
	text_plain(L, &bullet, "\xE2\x80\xA2", &bts, L->line * 2, L->st->path, 0);
	double indent = L->line * 1.4;
	for (size_t i = 0; i < bk->u.list.n; i++) {
		int li = db_elem(&L->db, ROLE_LI, l, NULL);
		int lbl = db_elem(&L->db, ROLE_LBL, li, NULL);
		int body = db_elem(&L->db, ROLE_LBODY, li, NULL);
		struct lines_opt o = lines_opt_default(L, -1);
		o.x = L->left + indent;
		o.width = L->width - indent;
		o.space_before = L->line * (i ? 0.3 : 0.6);
		o.label = &bullet;
		o.label_x = L->left + indent * 0.3;
		o.label_width = indent * 0.7;
		o.label_elem = lbl;
		blk_para(L, &bk->u.list.items[i], T_BODY, body, &o);
	}
	text_free(&bullet);
}

/* The data file's narrative sections, in file order. */
void part_narrative(struct lay *L)
{
	const struct report *r = L->r;
	for (size_t s = 0; s < r->nsections; s++) {
		const struct section *sec = &r->sections[s];
		int sect = db_elem(&L->db, ROLE_SECT, L->root, NULL);
		db_outline(&L->db, sec->title, 0, L->section_dest[s]);
		blk_heading(L, 1, sec->title, sect, L->section_dest[s], s ? L->line * 2.5 : 0, sec->line);
		double room_after = 0; /* Least space before the next block. */
		for (size_t i = 0; i < sec->nblocks; i++) {
			const struct block *bk = &sec->blocks[i];
			size_t first = L->fl.n;
			switch (bk->kind) {
			case BLOCK_PARAGRAPH: {
				struct lines_opt o = lines_opt_default(L, -1);
				o.space_before = L->line * (i ? 0.6 : 0.4);
				if (reads_as_heading(&bk->u.paragraph)) {
					o.keep_inside = o.keep_last = KEEP_ALWAYS;
					o.space_before = L->line * (i ? 1.0 : 0.4);
				} else if (introduces(&bk->u.paragraph)) {
					o.keep_last = KEEP_ALWAYS;
				}
				blk_para(L, &bk->u.paragraph, T_BODY, sect, &o);
				break;
			}
			case BLOCK_QUOTE:
				quote(L, bk, sect);
				break;
			case BLOCK_LIST:
				list(L, bk, sect);
				break;
			case BLOCK_MEASURES:
				brief_measures(L, bk->u.measures.items, bk->u.measures.n, sect,
					       L->line * 0.6);
				break;
			case BLOCK_HEADING: {
				/* A sub-heading of the section's H1, kept with what follows. */
				int h = blk_heading(L, 2, bk->u.heading.text, sect, -1,
						    L->line * (i ? 1.2 : 0.4), bk->line);
				lay_set_lang(L, h, bk->u.heading.lang);
				break;
			}
			}
			/* Quotes and cards stand apart from the text after them. */
			while (first < L->fl.n && L->fl.items[first].spare)
				first++;
			if (first < L->fl.n && L->fl.items[first].space_before < room_after)
				L->fl.items[first].space_before = room_after;
			room_after = bk->kind == BLOCK_QUOTE || bk->kind == BLOCK_MEASURES ? L->line * 1.2 : 0;
		}
	}
}
