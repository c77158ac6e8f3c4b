#include "layout_parts.h"

#include <math.h>

#include "layout_blocks.h"
#include "layout_image.h"

/* Stack a block of text from `top` downward in page coordinates; returns its height. */
static double cover_text(struct lay *L, const char *text, struct tstyle ts, int parent,
			 enum role role, double x, double top, double width)
{
	int e = db_elem(&L->db, role, parent, NULL);
	struct tblock b;
	text_plain(L, &b, text, &ts, width, L->r->path, 0);
	for (size_t i = 0; i < b.nlines; i++)
		text_line_boxes(L, &b, i, x, top - (double)i * b.line_h, width, e, &L->fl.boxes);
	double h = text_height(&b);
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
	struct tstyle org = lay_tstyle(L, T_H2);
	org.face = FACE_BOLD;
	org.color = L->c.cover_text;
	y -= cover_text(L, r->organization, org, sect, ROLE_P, x, y, width);
	y -= L->line * 1.2;
	struct tstyle title = lay_tstyle(L, T_TITLE);
	y -= cover_text(L, r->title, title, sect, ROLE_H1, x, y, width);
	if (r->subtitle) {
		y -= L->line * 0.8;
		struct tstyle sub = lay_tstyle(L, T_LEAD);
		sub.size = st->size_h3 * 1.15;
		sub.color = L->c.cover_text;
		y -= cover_text(L, r->subtitle, sub, sect, ROLE_P, x, y, width * 0.85);
	}
	/* The band ends a little below its text, at least two fifths down the page. */
	double band_bottom = fmin(y - L->line * 2.5, H * 0.6);
	if (band_bottom < H * 0.3)
		band_bottom = fmax(y - L->line * 2.5, st->margin_bottom);
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
	flow_close(f, it, H);
}
