#include "layout_parts.h"

#include <math.h>

#include "layout_blocks.h"
#include "layout_image.h"

/* Draw a shaped block from `top` downward; returns its height. */
static double draw_block(struct lay *L, const struct tblock *b, int elem, double x, double top,
			 double width)
{
	for (size_t i = 0; i < b->nlines; i++)
		text_line_boxes(L, b, i, x, top - (double)i * b->line_h, width, elem, &L->fl.boxes);
	return text_height(b);
}

/* Stack a block of text from `top` downward in page coordinates; returns its height. */
static double cover_text(struct lay *L, const char *text, struct tstyle ts, int parent,
			 enum role role, double x, double top, double width)
{
	int e = db_elem(&L->db, role, parent, NULL);
	struct tblock b;
	text_plain(L, &b, text, &ts, width, L->r->path, 0);
	double h = draw_block(L, &b, e, x, top, width);
	text_free(&b);
	return h;
}

/* The cover: a band in the brand's fill with the logo, organization, title
 * and subtitle; an accent rule; then the quarter, its dates, the plan and
 * the publication date on white. No header or footer. */
void part_cover(struct lay *L)
{
	const struct style *st = L->st;
	const struct report *r = L->r;
	struct flow *f = &L->fl;
	size_t it = flow_open(f, 0, KEEP_NONE);
	f->items[it].full_page = true;
	int sect = db_elem(&L->db, ROLE_SECT, L->root, NULL);
	double W = st->page_width, H = st->page_height;
	size_t fill = f->boxes.n;
	put_rect(&f->boxes, -1, 0, 0, W, H, st->color_cover_fill);

	double x = L->left, width = L->width;
	double y = H - st->margin_top;
	if (st->logo_path) {
		double lh = fmin(H * 0.11, st->size_title * 3);
		double aspect = image_aspect(st->logo_path);
		double lw = fmin(lh * aspect, width);
		struct box *bx = boxbuf_push(&f->boxes, BOX_IMAGE, -1);
		bx->u.image.x = x;
		bx->u.image.y = y - lw / aspect;
		bx->u.image.w = lw;
		bx->u.image.h = lw / aspect;
		bx->u.image.path = st->logo_path;
		y -= lw / aspect + L->line * 2;
	} else {
		y -= L->line * 3;
	}
	/* Organization, title and subtitle sit at the foot of the band, which
	 * reaches half way down the page, or further if they need it. */
	struct tstyle org = lay_tstyle(L, T_H2);
	org.face = FACE_BOLD;
	org.color = L->c.cover_text;
	struct tstyle title = lay_tstyle(L, T_TITLE);
	struct tstyle sub = lay_tstyle(L, T_LEAD);
	sub.size = st->size_h3 * 1.15;
	sub.color = L->c.cover_text;
	struct tblock ob, tb, sb = {0};
	text_plain(L, &ob, r->organization, &org, width, r->path, 0);
	text_plain(L, &tb, r->title, &title, width, r->path, 0);
	double text_h = text_height(&ob) + L->line * 1.2 + text_height(&tb);
	if (r->subtitle) {
		text_plain(L, &sb, r->subtitle, &sub, width * 0.85, r->path, 0);
		text_h += L->line * 0.8 + text_height(&sb);
	}
	double band_bottom = fmin(y - text_h - L->line * 2.5, H * 0.5);
	if (band_bottom < st->margin_bottom)
		band_bottom = st->margin_bottom;
	y = band_bottom + L->line * 2.5 + text_h;
	y -= draw_block(L, &ob, db_elem(&L->db, ROLE_P, sect, NULL), x, y, width) + L->line * 1.2;
	y -= draw_block(L, &tb, db_elem(&L->db, ROLE_H1, sect, NULL), x, y, width);
	if (r->subtitle)
		draw_block(L, &sb, db_elem(&L->db, ROLE_P, sect, NULL), x, y - L->line * 0.8,
			   width * 0.85);
	text_free(&ob);
	text_free(&tb);
	text_free(&sb);
	f->boxes.v[fill].u.rect.y = band_bottom;
	f->boxes.v[fill].u.rect.h = H - band_bottom;
	put_rect(&f->boxes, -1, 0, band_bottom - st->size_body * 0.5, W, st->size_body * 0.5,
		 st->color_accent);

	y = band_bottom - L->line * 3.5;
	struct tstyle period = lay_tstyle(L, T_H1);
	y -= cover_text(L, r->period_label ? r->period_label : "", period, sect, ROLE_P, x, y, width);
	y -= L->line * 0.3;
	if (r->period_dates)
		y -= cover_text(L, r->period_dates, lay_tstyle(L, T_LEAD), sect, ROLE_P, x, y, width);
	y -= L->line * 2;
	if (r->plan) {
		struct tstyle label = lay_tstyle(L, T_LABEL);
		y -= cover_text(L, "Strategic plan", label, sect, ROLE_P, x, y, width);
		struct tstyle plan = lay_tstyle(L, T_LEAD);
		plan.face = FACE_BOLD;
		plan.color = L->c.heading;
		y -= cover_text(L, r->plan, plan, sect, ROLE_P, x, y, width);
		y -= L->line;
	}
	if (r->published_text) {
		const char *pub = arena_printf(L->a, "Published %s", r->published_text);
		y -= cover_text(L, pub, lay_tstyle(L, T_BODY_MUTED), sect, ROLE_P, x, y, width);
	}
	/* The quarter's statuses at the foot, above a rule, if there is room. */
	double foot = st->margin_bottom + L->line * 2;
	if (r->nmeasures > 0 && y - L->line * 3 > foot + L->line * 2) {
		const char *what = arena_printf(L->a, "%zu measure%s this quarter", r->nmeasures,
						r->nmeasures == 1 ? "" : "s");
		put_line(&f->boxes, -1, x, foot + L->line * 2.2, x + width, foot + L->line * 2.2, 0.5,
			 st->color_rule, false);
		double lh = cover_text(L, what, lay_tstyle(L, T_LABEL), sect, ROLE_P, x,
				       foot + L->line * 1.8, width);
		int p = db_elem(&L->db, ROLE_P, sect, NULL);
		draw_chips(L, r->counts, p, x, foot + L->line * 1.8 - lh - L->line * 0.2, width,
			   &f->boxes);
	}
	flow_close(f, it, H);
}
